"""``timeline extract`` on a folder holding bad files, as a user runs it: one
line per problem on stderr, exit status 1, every readable file still read."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40)
MINUTES = "Ministers' meeting\n\nThe ministers met in Bali on 12 October 2011.\n"
PAGE = ("<!DOCTYPE html><html><head><title>Workshop</title></head><body>"
        "<p>A workshop was held on 30 March 2012.</p><script>var d='1 May 2000'</script>"
        "</body></html>")


def word_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def run_extract(*paths: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "timeline", "extract", *map(str, paths)],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=120, check=False)


@pytest.fixture
def good_files(tmp_path: Path) -> Path:
    (tmp_path / "minutes.txt").write_text(MINUTES, encoding="utf-8")
    (tmp_path / "workshop.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "report.docx").write_bytes(word_bytes("The report came out on 1 June 2010."))
    return tmp_path


def bad_files(folder: Path) -> dict[str, str]:
    """Write one file of each kind of trouble; their names and what the
    message must say."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(PNG)
    (folder / "broken.docx").write_bytes(word_bytes("x")[:300])
    (folder / "odd.md").write_bytes(bytes(range(0x80, 0x100)) * 3)
    expected = {
        "empty.txt": "the file is empty",
        "image.txt": "a PNG image, not text",
        "broken.docx": "damaged Word document",
        "odd.md": "undecodable bytes",
    }
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.txt")
        expected["pipe.txt"] = "not a regular file"
    if os.name != "nt":
        (folder / "loop").symlink_to(folder, target_is_directory=True)
        (folder / "self.txt").symlink_to(folder / "self.txt")
        expected["loop"] = "symbolic link loop"
        expected["self.txt"] = "symbolic link loop"
    return expected


def test_good_files_of_every_format_exit_zero_with_nothing_on_stderr(good_files: Path) -> None:
    result = run_extract(good_files)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    output = json.loads(result.stdout)
    assert sorted(d["id"] for d in output["documents"]) == ["minutes", "report", "workshop"]
    workshop = next(d for d in output["documents"] if d["id"] == "workshop")
    assert workshop["title"] == "Workshop"


def test_bad_files_one_line_each_exit_one_and_good_files_still_read(good_files: Path) -> None:
    expected = bad_files(good_files)
    result = run_extract(good_files)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    by_name = {}
    for line in lines:
        assert line.startswith(f"timeline: {good_files}"), line
        by_name[Path(line.removeprefix("timeline: ").split(": ", 1)[0]).name] = line
    assert len(lines) == len(by_name) == len(expected), result.stderr
    for name, message in expected.items():
        assert message in by_name[name]
    output = json.loads(result.stdout)
    assert sorted(d["id"] for d in output["documents"]) == ["minutes", "report", "workshop"]


def test_missing_path_is_reported_and_the_others_read(good_files: Path) -> None:
    result = run_extract(good_files / "minutes.txt", good_files / "gone.pdf")
    assert result.returncode == 1
    assert result.stderr == f"timeline: {good_files / 'gone.pdf'}: no such file or folder\n"
    assert [d["id"] for d in json.loads(result.stdout)["documents"]] == ["minutes"]


def test_file_read_under_another_format_is_reported(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_bytes(word_bytes("The report came out on 1 June 2010."))
    result = run_extract(tmp_path)
    assert [d["id"] for d in json.loads(result.stdout)["documents"]] == ["report"]
    assert result.stderr == (f"timeline: {tmp_path / 'report.txt'}: looks like a Word document "
                             "but is named .txt: read as Word document\n")
