"""``timeline export``: to standard output so it pipes, to a file with -o,
one line and status 2 for what it cannot do; and the export package never
loads Qt unless a picture is asked for."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from icalendar import Calendar

from timeline.export.command import run_export
from timeline.pipeline import extract_corpus

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "timeline", "export", *args],
                          capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture(scope="module")
def seed_ids() -> list[str]:
    return [event.id for event in extract_corpus([str(SEEDS)]).events]


def test_csv_to_standard_output_parses(seed_ids: list[str]) -> None:
    done = run_cli(str(SEEDS), "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [row["event"] for row in rows] == seed_ids
    assert done.stderr == ""


@pytest.mark.parametrize("fmt", ["json", "timelinejs", "timesketch", "ics", "csv"])
def test_output_file_is_written_and_nothing_printed(tmp_path: Path, fmt: str,
                                                    seed_ids: list[str]) -> None:
    target = tmp_path / f"out.{fmt}"
    out, err = io.StringIO(), io.StringIO()
    assert run_export([str(SEEDS), "--format", fmt, "-o", str(target)], out, err) == 0
    assert out.getvalue() == "" and err.getvalue() == ""
    text = target.read_bytes().decode("utf-8")  # line ends as written
    if fmt in ("json", "timelinejs"):
        count = len(json.loads(text)["events"])
    elif fmt == "ics":
        assert text.count("\r\n") == text.count("\n")  # CRLF kept on disk
        count = len(list(Calendar.from_ical(text).walk("VEVENT")))
    else:
        count = len(list(csv.DictReader(io.StringIO(text))))
    assert count == len(seed_ids)


def test_unknown_format_is_one_line_and_status_2() -> None:
    done = run_cli(str(SEEDS), "--format", "xml")
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and "xml" in done.stderr


@pytest.mark.parametrize("args", [["/no/such/folder"], [str(SEEDS), "-o", "/no/such/dir/x.csv"]])
def test_unusable_paths_are_one_line_and_status_2(args: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as stop:
        run_export([*args, "--format", "csv"], out, err)
    assert stop.value.code == 2
    assert out.getvalue() == ""


def test_unreadable_file_is_reported_and_the_rest_exported(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("The summit met on 12 May 2015 in Jakarta.\n")
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf at all")
    out, err = io.StringIO(), io.StringIO()
    assert run_export([str(tmp_path), "--format", "csv"], out, err) == 1
    assert "bad.pdf" in err.getvalue()
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert any(row["earliest"] == "2015-05-12" for row in rows)


def test_svg_view_is_xml(tmp_path: Path) -> None:
    target = tmp_path / "view.svg"
    done = run_cli(str(SEEDS), "--format", "svg", "-o", str(target), "--title", "Seeds")
    assert done.returncode == 0, done.stderr
    root = ET.parse(target).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}desc").text == "Seeds"


def test_the_export_package_does_not_load_qt() -> None:
    code = ("import sys, timeline.export, timeline.export.command\n"
            "print(sorted(k for k in sys.modules if k.split('.')[0] in "
            "('PySide6', 'pyqtgraph', 'shiboken6')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_a_collection_store_is_exported_as_kept(tmp_path: Path, seed_ids: list[str]) -> None:
    from timeline.cli import run_extract

    store = tmp_path / "seeds.sqlite"
    assert run_extract([str(SEEDS)], "json", None, io.StringIO(), io.StringIO(),
                       store=store) == 0
    out = io.StringIO()
    assert run_export([str(store), "--format", "json"], out, io.StringIO()) == 0
    data = json.loads(out.getvalue())
    assert sorted(event["id"] for event in data["events"]) == sorted(seed_ids)
    assert data["title"] == f"Timeline of {store}"


def test_json_to_an_ascii_terminal_stays_valid(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("The summit met in Jakarta 🌏 on 12 May 2015.\n",
                                       encoding="utf-8")
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii", errors="backslashreplace")
    assert run_export([str(tmp_path), "--format", "timelinejs"], out, io.StringIO()) == 0
    data = json.loads(raw.getvalue().decode("ascii"))
    assert "🌏" in data["events"][0]["text"]["text"]


def test_a_damaged_project_is_one_line_and_status_2(tmp_path):
    from timeline.pipeline import extract_corpus
    from timeline.project import Project, save_project

    good = tmp_path / "p.timeline"
    save_project(good, Project(sources=(str(SEEDS),), corpus=extract_corpus([SEEDS]), edits=(),
                               view={}))
    data = good.read_bytes()
    bad = tmp_path / "bad.timeline"
    bad.write_bytes(data[: len(data) // 3])
    result = subprocess.run([sys.executable, "-m", "timeline", "export", str(bad), "--format",
                             "csv"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and not result.stdout
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
