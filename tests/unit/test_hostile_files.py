"""One bad file never sinks the batch: file names of any bytes, text that is
not valid Unicode, formula-like cells, faults inside a reader or the
extractor. Every good file is still read, the output is whole and valid,
and each problem is one line that no file name can forge."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import pipeline
from timeline.cli import problem_line, run_extract
from timeline.csv_cells import safe_cell
from timeline.ingest import Limits, RawDocument, ReadError, read_document, registry
from timeline.model import Problem, shown_path

GOOD = "The summit was held in Bali on 5 May 2010.\n"
POSIX_BYTES = os.name == "posix" and os.fsencode("\udcff") == b"\xff"
needs_byte_names = pytest.mark.skipif(not POSIX_BYTES, reason="file names are not bytes here")


def extract(*paths: Path, fmt: str = "json") -> tuple[int, str, list[str]]:
    """``timeline extract`` in-process: status, output and problem lines."""
    out, err = io.StringIO(), io.StringIO()
    status = run_extract([str(p) for p in paths], fmt, None, out, err)
    return status, out.getvalue(), err.getvalue().splitlines()


def byte_name(folder: Path, name: bytes) -> Path:
    return Path(os.fsdecode(os.path.join(os.fsencode(folder), name)))


@needs_byte_names
def test_a_file_name_that_is_not_utf8_is_read_and_shown_with_escapes(tmp_path: Path) -> None:
    for i in range(5):
        # Each one different: a copy of another is counted once, as that one.
        (tmp_path / f"good{i}.txt").write_text(f"{GOOD}\nCopy {i}.\n")
    byte_name(tmp_path, b"notes\xff.txt").write_text("Talks began on 6 June 2011.\n")

    status, out, problems = extract(tmp_path)

    assert (status, problems) == (0, [])
    documents = json.loads(out)["documents"]
    assert len(documents) == 6
    assert any(d["path"].endswith("notes\\xff.txt") for d in documents)
    assert "notes\\xff" in {d["id"] for d in documents}


@needs_byte_names
def test_a_newline_in_a_file_name_cannot_forge_a_problem_line(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    forged = tmp_path / "bad\ntimeline: forged.txt: all is well.txt"
    forged.write_bytes(b"\x00\x01\x02\x03" * 10)

    status, out, problems = extract(tmp_path)

    assert status == 1
    assert len(problems) == 1
    assert problems[0].startswith('timeline: "') and "\\ntimeline: forged" in problems[0]
    assert len(json.loads(out)["documents"]) == 1


def test_problem_lines_quote_only_names_that_need_it() -> None:
    assert problem_line(Problem("/data/a.txt", "empty")) == "timeline: /data/a.txt: empty"
    assert problem_line(Problem("/data/a: b.txt", "x")) == 'timeline: "/data/a: b.txt": x'
    assert problem_line(Problem("/d/e.txt", "line\nbreak")) == "timeline: /d/e.txt: line\\nbreak"


@pytest.fixture
def reader_returning(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[RawDocument]]:
    """Makes every file read as the RawDocument put in the yielded list."""
    made: list[RawDocument] = []
    monkeypatch.setattr(registry, "reader_for", lambda fmt: lambda path, data, limits: made[0])
    yield made


def test_unpaired_surrogates_are_replaced_and_counted(
        tmp_path: Path, reader_returning: list[RawDocument]) -> None:
    reader_returning.append(RawDocument("On 5 May 2010 \ud800 talks \udfff began.", "T\udc80"))
    (tmp_path / "broken.txt").write_text("anything")

    document = read_document(tmp_path / "broken.txt")

    assert document.text == "On 5 May 2010 \ufffd talks \ufffd began."
    assert document.title == "T\ufffd"
    assert any("2 characters" in note for note in document.notes)


def test_json_and_csv_are_whole_when_a_text_held_surrogates(
        tmp_path: Path, reader_returning: list[RawDocument]) -> None:
    reader_returning.append(RawDocument("The summit opened on 5 May 2010 \udcff in Bali."))
    (tmp_path / "a.txt").write_text("anything")
    for fmt in ("json", "csv"):
        status, out, problems = extract(tmp_path, fmt=fmt)
        assert status == 1 and len(problems) == 1 and "replaced" in problems[0]
        out.encode("utf-8")  # strict: nothing left that cannot be written
        rows = json.loads(out)["events"] if fmt == "json" else list(csv.reader(io.StringIO(out)))
        assert len(rows) >= 1


def test_a_fault_inside_a_reader_costs_only_its_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "bad.html").write_text("<p>On 6 June 2011 the office opened.</p>")
    original = registry.reader_for

    def faulty(fmt: object) -> object:
        if str(fmt) == "HTML":
            raise RuntimeError("a bug in a reader")
        return original(fmt)  # type: ignore[arg-type]

    monkeypatch.setattr(registry, "reader_for", faulty)
    status, out, problems = extract(tmp_path)
    assert status == 1
    assert [Path(d["path"]).name for d in json.loads(out)["documents"]] == ["good.txt"]
    assert len(problems) == 1 and "internal error while reading it" in problems[0]


def test_a_fault_inside_the_extractor_costs_only_its_document(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "odd.txt").write_text("The office opened on 6 June 2011.\n")
    original = pipeline.analyse_document

    def faulty(doc: object, reference: object = None) -> object:
        if getattr(doc, "id", "") == "odd":
            raise IndexError("a bug in the extractor")
        return original(doc, reference)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "analyse_document", faulty)
    status, out, problems = extract(tmp_path)
    output = json.loads(out)
    assert status == 1
    assert [d["id"] for d in output["documents"]] == ["good"]
    assert len(output["events"]) == 1
    assert len(problems) == 1 and "finding its dates" in problems[0]


@pytest.mark.parametrize(("cell", "written"), [
    ("=1+2", "'=1+2"), ("+SUM(A1:A9)", "'+SUM(A1:A9)"), ("-2+3", "'-2+3"),
    ("@cmd", "'@cmd"), ("\t=1", "'\t=1"), ("\r=1", "'\n=1"),
    ("-5", "-5"), ("+44", "+44"), ("-0.5", "-0.5"), ("-0489-01-01", "-0489-01-01"),
    ("2011-03-29", "2011-03-29"), ("Talks = progress", "Talks = progress"),
    ("a\rb", "a\nb"), ("a\r\nb", "a\nb"), ("", ""),
])
def test_csv_cells_are_safe_to_open_in_a_spreadsheet(cell: str, written: str) -> None:
    assert safe_cell(cell) == written


def test_csv_output_neutralises_formulas_and_quotes_line_breaks(tmp_path: Path) -> None:
    (tmp_path / "=evil.txt").write_text('=HYPERLINK("http://x") was sent on 5 May 2010.\r\n')
    status, out, _ = extract(tmp_path, fmt="csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(not row["sentence"].startswith("=") for row in rows)
    assert rows[0]["sentence"].startswith("'=HYPERLINK")


def test_a_stray_nul_byte_does_not_make_text_binary(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(GOOD.encode() * 20 + b"\x00" + GOOD.encode())
    assert "\x00" not in read_document(path).text


def test_invisible_characters_inside_a_date_do_not_hide_it(tmp_path: Path) -> None:
    (tmp_path / "web.txt").write_text("The summit was held on 5\u200b May 20\u00ad10 in Bali.\n")
    _, out, _ = extract(tmp_path)
    assert [e["when"]["start"] for e in json.loads(out)["events"]] == ["2010-05-05"]


def test_a_text_over_the_budget_is_refused_naming_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(GOOD * 10)
    with pytest.raises(ReadError, match="100 character limit"):
        read_document(path, limits=Limits(text_chars=100))


def test_shown_path_escapes_what_cannot_be_printed() -> None:
    if POSIX_BYTES:
        assert shown_path(os.fsdecode(b"a\xffb.txt")) == "a\\xffb.txt"
    assert shown_path("line\nbreak\t.txt") == "line\\nbreak\\t.txt"
    assert shown_path("café.txt") == "café.txt"


names = st.binary(min_size=1, max_size=30).filter(
    lambda b: b"/" not in b and b"\x00" not in b and b not in (b".", b".."))
contents = st.one_of(st.binary(max_size=300), st.text(max_size=300).map(
    lambda t: t.encode("utf-8", "surrogatepass")))
suffixes = st.sampled_from([b".txt", b".md", b".html", b".htm", b".pdf", b".docx", b""])


@needs_byte_names
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(names, suffixes, contents), max_size=4))
def test_any_file_names_and_contents_leave_the_good_files_read(
        files: list[tuple[bytes, bytes, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "anchor.txt").write_text(GOOD)
        for name, suffix, data in files:
            path = byte_name(root, b"x" + name + suffix)
            if not path.exists():
                path.write_bytes(data)
        for fmt in ("json", "csv"):
            status, out, problems = extract(root, fmt=fmt)
            assert status in (0, 1)
            assert all(line.startswith("timeline: ") for line in problems)
            out.encode("utf-8")
            if fmt == "json":
                paths = [d["path"] for d in json.loads(out)["documents"]]
                assert any(p.endswith("anchor.txt") for p in paths)
            else:
                list(csv.reader(io.StringIO(out)))


def test_a_document_of_nothing_but_dates_is_cut_short_with_a_problem(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "MAX_DATES", 5)
    (tmp_path / "dates.txt").write_text("Talks were held on " + "5 May 2010, " * 9 + "in Bali.")
    status, out, problems = extract(tmp_path)
    mentions = [m for e in json.loads(out)["events"] for m in e["mentions"]]
    assert status == 1 and len(mentions) == 5
    assert len(problems) == 1 and "more than 5 dates" in problems[0]


def test_output_to_an_ascii_terminal_is_escaped_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "café.txt").write_text("Le sommet — tenu le 5 May 2010 à Bali.\n")
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "timeline", "extract", str(tmp_path)],
                            capture_output=True, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    output = json.loads(result.stdout.decode("ascii"))
    assert output["documents"][0]["path"].endswith("café.txt")


def test_a_fault_building_the_events_keeps_the_documents(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text("The office opened on 6 June 2011.\n")

    def broken(*_: object) -> object:
        raise KeyError("a bug in merging")

    monkeypatch.setattr(pipeline, "events_from_drafts", broken)
    status, out, problems = extract(tmp_path)
    output = json.loads(out)
    assert status == 1
    assert [d["id"] for d in output["documents"]] == ["a", "b"] and output["events"] == []
    assert len(problems) == 1 and "building the events (KeyError" in problems[0]
