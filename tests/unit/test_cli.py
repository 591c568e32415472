"""``timeline extract``: its output shapes, its options and its errors, both
in a subprocess (as a user runs it) and in-process through ``run_extract``."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from timeline.cli import run_extract
from timeline.model import Granularity, Kind

DOCUMENT_KEYS = {"id", "path", "title", "date", "chars"}
EVENT_KEYS = {"id", "title", "kind", "actors", "when", "mentions", "status"}
WHEN_KEYS = {"start", "end", "granularity", "approximate", "relative"}
MENTION_KEYS = {"document", "span", "text", "when", "sentence", "planned"}

MINUTES = """Ministers' meeting, 12 October 2011

The ministers met in Bali on 12 October 2011 and agreed to meet again.
A workshop followed on 30 March 2012, hosted by the Co-Chairs.
"""
NOTES = """# Notes

- The report was published on 1 June 2010.
- Officials said yesterday that talks would go on.
"""


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m timeline ARGS`` with no display, captured."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120, check=False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "minutes.txt").write_text(MINUTES, encoding="utf-8")
    (tmp_path / "notes.md").write_text(NOTES, encoding="utf-8")
    return tmp_path


def check_when(when: dict[str, Any]) -> None:
    assert set(when) == WHEN_KEYS
    assert date.fromisoformat(when["start"]) <= date.fromisoformat(when["end"])
    assert when["granularity"] in {g.value for g in Granularity}
    assert isinstance(when["approximate"], bool) and isinstance(when["relative"], bool)


def check_document(doc: dict[str, Any]) -> None:
    assert set(doc) == DOCUMENT_KEYS
    assert isinstance(doc["id"], str) and isinstance(doc["title"], str)
    assert doc["date"] is None or len(date.fromisoformat(doc["date"]).isoformat()) == 10
    assert doc["chars"] == len(Path(doc["path"]).read_text(encoding="utf-8-sig"))


def check_mention(mention: dict[str, Any], texts: dict[str, str]) -> None:
    assert set(mention) == MENTION_KEYS
    check_when(mention["when"])
    text = texts[mention["document"]]
    s, e = mention["span"]
    first, last = mention["sentence"]
    assert text[s:e] == mention["text"]
    assert 0 <= first <= s < e <= last <= len(text)


def check_shape(output: dict[str, Any]) -> int:
    """Assert the documented JSON shape; returns the number of mentions."""
    assert set(output) == {"documents", "events"}
    for doc in output["documents"]:
        check_document(doc)
    texts = {d["id"]: Path(d["path"]).read_text(encoding="utf-8-sig")
             for d in output["documents"]}
    count = 0
    for event in output["events"]:
        assert set(event) == EVENT_KEYS
        assert isinstance(event["id"], str) and isinstance(event["title"], str)
        assert event["kind"] in {k.value for k in Kind}
        assert all(isinstance(a, str) for a in event["actors"])
        check_when(event["when"])
        assert event["mentions"], "an event without evidence"
        for mention in event["mentions"]:
            check_mention(mention, texts)
            count += 1
    return count


def mentions_of(output: dict[str, Any], phrase: str) -> list[dict[str, Any]]:
    return [m for e in output["events"] for m in e["mentions"] if m["text"].lower() == phrase]


def test_json_shape_in_a_subprocess(folder: Path) -> None:
    result = run_cli("extract", str(folder))
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert {Path(d["path"]).name for d in output["documents"]} == {"minutes.txt", "notes.md"}
    assert check_shape(output) >= 3
    assert any(m["text"] == "30 March 2012" for e in output["events"] for m in e["mentions"])


def test_json_shape_in_process(folder: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    status = run_extract([str(folder)], "json", None, out, err)
    assert status == 0 and err.getvalue() == ""
    assert check_shape(json.loads(out.getvalue())) >= 3


def test_csv_has_one_row_per_mention(folder: Path) -> None:
    as_json = json.loads(run_cli("extract", str(folder)).stdout)
    result = run_cli("extract", "--format", "csv", str(folder))
    assert result.returncode == 0, result.stderr
    header, *rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len(rows) == check_shape(as_json)
    column = {name: i for i, name in enumerate(header)}
    for row in rows:
        text = Path(row[column["document"]]).read_text(encoding="utf-8-sig")
        s, e = int(row[column["span_start"]]), int(row[column["span_end"]])
        assert text[s:e] == row[column["text"]]


def test_reference_date_changes_how_relative_expressions_resolve(folder: Path) -> None:
    notes = str(folder / "notes.md")
    out = io.StringIO()
    run_extract([notes], "json", date(2013, 3, 22), out, io.StringIO())
    found = mentions_of(json.loads(out.getvalue()), "yesterday")
    assert [(m["when"]["start"], m["when"]["end"]) for m in found] == [
        ("2013-03-21", "2013-03-21")]
    result = run_cli("extract", "--reference-date", "2013-03-22", notes)
    found = mentions_of(json.loads(result.stdout), "yesterday")
    assert [m["when"]["start"] for m in found] == ["2013-03-21"]
    # Without the option the document's own date (1 June 2010, its first date) anchors it.
    found = mentions_of(json.loads(run_cli("extract", notes).stdout), "yesterday")
    assert [m["when"]["start"] for m in found] == ["2010-05-31"]


@pytest.mark.parametrize("args", [
    ["extract"],
    ["extract", "--format", "xml", "."],
    ["extract", "--reference-date", "2013-13-45", "."],
])
def test_bad_arguments_give_usage_and_status_2(args: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_missing_path_is_reported_and_others_still_processed(folder: Path) -> None:
    missing = folder / "absent.txt"
    result = run_cli("extract", str(missing), str(folder / "minutes.txt"))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "absent.txt" in lines[0]
    output = json.loads(result.stdout)
    assert [Path(d["path"]).name for d in output["documents"]] == ["minutes.txt"]
    assert check_shape(output) >= 1


def test_missing_path_in_process(folder: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    status = run_extract([str(folder / "absent.txt"), str(folder)], "json", None, out, err)
    assert status == 1
    assert len(err.getvalue().strip().splitlines()) == 1
    assert len(json.loads(out.getvalue())["documents"]) == 2
