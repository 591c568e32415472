"""Finding the files to read: folders, links, loops, pipes, unreadable entries."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from timeline.ingest import SUPPORTED_SUFFIXES, discover

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
needs_symlinks = pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges")


def touch(path: Path, text: str = "On 1 May 2010 they met.") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def names(files: list[Path], root: Path) -> list[str]:
    return [file.relative_to(root).as_posix() for file in files]


def test_supported_suffixes_cover_every_format() -> None:
    assert {".txt", ".md", ".html", ".htm", ".pdf", ".docx"} <= SUPPORTED_SUFFIXES


def test_folder_gives_supported_files_sorted_without_hidden_or_lock_files(tmp_path: Path) -> None:
    for name in ["b.txt", "a/c.MD", "a/d.pdf", "e.docx", "f.html", "g.htm", "h.png",
                 ".hidden.txt", ".git/config.txt", "~$e.docx", "i.markdown", "j.text"]:
        touch(tmp_path / name)
    files, problems = discover([tmp_path])
    assert problems == []
    assert names(files, tmp_path) == ["a/c.MD", "a/d.pdf", "b.txt", "e.docx", "f.html",
                                      "g.htm", "i.markdown", "j.text"]


def test_file_named_explicitly_is_kept_whatever_its_suffix(tmp_path: Path) -> None:
    file = touch(tmp_path / "statement")
    assert discover([file]) == ([file], [])


def test_each_file_is_listed_once(tmp_path: Path) -> None:
    file = touch(tmp_path / "a.txt")
    files, _ = discover([file, tmp_path, str(file)])
    assert files == [file]


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    files, problems = discover([tmp_path / "gone.txt"])
    assert files == []
    assert [(p.path, p.reason) for p in problems] == [
        (str(tmp_path / "gone.txt"), "no such file or folder")]


@needs_symlinks
def test_link_back_to_a_parent_folder_is_reported_and_not_followed(tmp_path: Path) -> None:
    touch(tmp_path / "top" / "a.txt")
    touch(tmp_path / "top" / "sub" / "b.txt")
    (tmp_path / "top" / "sub" / "loop").symlink_to(tmp_path / "top", target_is_directory=True)
    files, problems = discover([tmp_path / "top"])
    assert names(files, tmp_path / "top") == ["a.txt", "sub/b.txt"]
    assert len(problems) == 1
    assert problems[0].path == str(tmp_path / "top" / "sub" / "loop")
    assert "symbolic link loop" in problems[0].reason


@needs_symlinks
def test_self_referencing_link_is_reported(tmp_path: Path) -> None:
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    touch(tmp_path / "ok.txt")
    files, problems = discover([tmp_path])
    assert names(files, tmp_path) == ["ok.txt"]
    assert [(p.path, "symbolic link loop" in p.reason) for p in problems] == [
        (str(tmp_path / "self.txt"), True)]


@needs_symlinks
def test_self_referencing_link_named_explicitly_is_reported(tmp_path: Path) -> None:
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    _, problems = discover([tmp_path / "self.txt"])
    assert len(problems) == 1
    assert "symbolic link loop" in problems[0].reason


@needs_symlinks
def test_broken_link_is_reported(tmp_path: Path) -> None:
    (tmp_path / "old.pdf").symlink_to(tmp_path / "moved-away.pdf")
    files, problems = discover([tmp_path])
    assert files == []
    assert len(problems) == 1
    assert problems[0].reason.startswith("broken symbolic link")


@needs_symlinks
def test_link_to_a_folder_already_read_gives_its_files_once(tmp_path: Path) -> None:
    touch(tmp_path / "real" / "a.txt")
    (tmp_path / "alias").symlink_to(tmp_path / "real", target_is_directory=True)
    files, problems = discover([tmp_path])
    assert problems == []
    assert len(files) == 1


@needs_fifo
def test_named_pipe_is_skipped_with_a_problem(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    touch(tmp_path / "ok.txt")
    files, problems = discover([tmp_path])
    assert names(files, tmp_path) == ["ok.txt"]
    assert [(p.path, "not a regular file" in p.reason) for p in problems] == [
        (str(tmp_path / "pipe.txt"), True)]


def test_folder_that_cannot_be_listed_is_reported_and_the_rest_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    touch(tmp_path / "locked" / "secret.txt")
    touch(tmp_path / "open" / "a.txt")
    real_scandir = os.scandir

    def scandir(path: os.PathLike[str] | str) -> object:
        # Simulated, as the tests may run as root, for whom permissions do not apply.
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, problems = discover([tmp_path])
    assert names(files, tmp_path) == ["open/a.txt"]
    assert [(p.path, p.reason) for p in problems] == [
        (str(tmp_path / "locked"), "folder cannot be read (permission denied): skipped")]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads folders whatever their permissions")
@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_folder_without_permissions_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    touch(locked / "secret.txt")
    locked.chmod(0)
    try:
        files, problems = discover([tmp_path])
    finally:
        locked.chmod(0o755)
    assert files == []
    assert [p.path for p in problems] == [str(locked)]


def test_unsupported_document_formats_in_a_folder_are_reported(tmp_path: Path) -> None:
    touch(tmp_path / "old.doc")
    touch(tmp_path / "letter.RTF")
    touch(tmp_path / "photo.jpg")
    touch(tmp_path / "ok.txt")
    files, problems = discover([tmp_path])
    assert names(files, tmp_path) == ["ok.txt"]
    assert [(Path(p.path).name, p.reason) for p in problems] == [
        ("letter.RTF", "RTF is not supported: save it as .docx or .txt"),
        ("old.doc", "old Word format (.doc) is not supported: save it as .docx"),
    ]


def test_problems_come_in_path_order(tmp_path: Path) -> None:
    for name in ["b/x.doc", "a/y.doc", "c.doc", "a/z/w.doc"]:
        touch(tmp_path / name)
    _, problems = discover([tmp_path])
    assert [p.path for p in problems] == sorted(p.path for p in problems)
    assert len(problems) == 4
