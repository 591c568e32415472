"""The project file (timeline.project): every edit kind, the view and the
collection come back as saved; a save that fails at any step leaves the
file saved before; damaged and foreign files are refused with a reason;
extracting the sources again keeps the edits and lists the orphans."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from two_statements import REPORT, STATEMENT, write

import timeline.project as project_module
from timeline.collection import update_store
from timeline.edits import (
    CorpusIndex,
    Status,
    add_edit,
    hide_edit,
    merge_edit,
    note_edit,
    set_edit,
    show_edit,
    split_edit,
    star_edit,
)
from timeline.model import Corpus, Granularity, Kind, Problem, Unplaced, When
from timeline.pipeline import extract_corpus
from timeline.project import (
    FORMAT_VERSION,
    MIGRATIONS,
    Project,
    ProjectError,
    is_project,
    open_project,
    refresh_project,
    save_project,
)

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"

VIEW = {"range": ["2011-01-01", "2013-12-31"], "lanes": "kind",
        "lane_order": ["conference", "workshop"], "filters": {"kinds": ["workshop"]}}


def the(corpus: Corpus, date_text: str, doc: str | None = None):
    found = [e for e in corpus.events
             if any(m.text == date_text and doc in (None, m.document) for m in e.mentions)]
    assert len(found) == 1
    return found[0]


def every_kind_of_edit(corpus: Corpus) -> list:
    """One edit of each kind, each made on the collection as the ones
    before left it."""
    index = CorpusIndex(corpus)
    edits: list = []

    def now() -> Corpus:
        return project_module.apply_edits(corpus, edits, index).corpus

    d = date(2011, 10, 12)
    edits.append(set_edit(the(now(), "12 October 2011"), index, title="AHG meeting",
                          when=When(d, d, Granularity.DAY, approximate=True),
                          kind=Kind.MEETING, actors=["AHG"], status=Status.HAPPENED))
    edits.append(hide_edit(the(now(), "mid-2013"), index))
    edits.append(show_edit(the(now(), "mid-2013"), index))
    edits.append(note_edit(the(now(), "5 June 2012"), index, "Which workshop?\nAsk."))
    edits.append(star_edit(the(now(), "5 June 2012"), index))
    conference = the(now(), "29-30 March 2011", "b")
    edits.append(split_edit(next(m for m in conference.mentions if m.document == "b"), index))
    edits.append(merge_edit([the(now(), "5 June 2012"), the(now(), "mid-2013")], index))
    text = corpus.document("b").text
    start = text.index("agreed the Regional")
    edits.append(add_edit("b", (start, start + 41), index, "Framework agreed",
                          When(date(2011, 3, 1), date(2011, 3, 31), Granularity.MONTH),
                          Kind.AGREEMENT))
    return edits


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write(tmp_path / "docs", a=STATEMENT, b=REPORT)


@pytest.fixture
def made(folder: Path) -> Project:
    corpus = extract_corpus([folder])
    return Project((str(folder),), corpus, tuple(every_kind_of_edit(corpus)), VIEW)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --------------------------------------------------------------- round trip
def test_every_edit_kind_the_view_and_the_collection_come_back_as_saved(
        made: Project, tmp_path: Path) -> None:
    target = tmp_path / "work.timeline"
    save_project(target, made)
    again = open_project(target)
    assert again == made
    assert again.applied() == made.applied()
    assert {e.kind for e in again.edits} == {e.kind for e in made.edits}
    assert is_project(target) and not is_project(tmp_path / "docs" / "a.txt")


def test_undo_then_save_keeps_exactly_the_edits_left(made: Project, tmp_path: Path) -> None:
    target = tmp_path / "work.timeline"
    for k in (len(made.edits), 3, 0):
        save_project(target, made.with_edits(made.edits[:k]))
        reopened = open_project(target)
        assert reopened.edits == made.edits[:k]
        assert reopened.applied() == made.with_edits(made.edits[:k]).applied()


def test_the_seed_collection_comes_back_whole(tmp_path: Path) -> None:
    corpus = extract_corpus([SEEDS])
    odd = Problem(os.fsdecode(b"/docs/caf\xe9.pdf"), "password-protected; caf\udce9")
    corpus = Corpus(corpus.documents, corpus.events,
                    (*corpus.unplaced, Unplaced(corpus.documents[0].id, (0, 2), "On",
                                                "not a date")),
                    (*corpus.problems, odd))
    project = Project((str(SEEDS),), corpus, view={})
    save_project(tmp_path / "seeds.timeline", project)
    assert open_project(tmp_path / "seeds.timeline") == project


def test_a_view_that_cannot_be_kept_is_refused_before_anything_is_written(
        made: Project, tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="view"):
        save_project(tmp_path / "p.timeline", made.with_view({"range": date(2011, 1, 1)}))
    assert files_in(tmp_path) == ["docs"]


# ------------------------------------------------------------ failed saves
def fail_writing_edits(db, edits) -> None:
    raise OSError(errno.EIO, "Input/output error")


def tiny_disk(target: Path) -> sqlite3.Connection:
    db = sqlite3.connect(target, isolation_level=None)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA max_page_count = 4")  # SQLite's own "disk is full"
    return db


def failing(*_args, **_kwargs):
    raise OSError(errno.EIO, "Input/output error")


def no_space(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize(("what", "replacement", "said"), [
    ("write_edits", fail_writing_edits, "input/output error"),
    ("_new_database", tiny_disk, "the disk is full"),
    ("os.fsync", no_space, "the disk is full"),
    ("os.replace", failing, "input/output error"),
])
def test_a_save_that_fails_leaves_the_previous_file_readable(
        made: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, what: str,
        replacement, said: str) -> None:
    target = tmp_path / "work.timeline"
    before = made.with_edits(made.edits[:2])
    save_project(target, before)
    if what.startswith("os."):
        monkeypatch.setattr(os, what[3:], replacement)
    else:
        monkeypatch.setattr(project_module, what, replacement)
    with pytest.raises(ProjectError, match=said) as caught:
        save_project(target, made)
    assert "unchanged" in str(caught.value)
    monkeypatch.undo()
    assert open_project(target) == before
    assert files_in(tmp_path) == ["docs", "work.timeline"]  # no temporary file left


def test_a_first_save_that_fails_leaves_nothing(made: Project, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(project_module, "_new_database", tiny_disk)
    with pytest.raises(ProjectError, match="disk is full"):
        save_project(tmp_path / "new.timeline", made)
    assert files_in(tmp_path) == ["docs"]


def test_a_crash_during_a_save_leaves_the_previous_file_readable(
        made: Project, tmp_path: Path) -> None:
    target = tmp_path / "work.timeline"
    before = made.with_edits(made.edits[:1])
    save_project(target, before)
    # The process dies once the new file is written, before it is renamed.
    script = (
        "import os, sys\n"
        "import timeline.project as p\n"
        "p._sync_file = lambda path: os._exit(9)\n"
        "old = p.open_project(sys.argv[1])\n"
        "p.save_project(sys.argv[1], old.with_view({'lanes': 'actor'}))\n")
    done = subprocess.run([sys.executable, "-c", script, str(target)], cwd=REPO, timeout=60)
    assert done.returncode == 9
    assert open_project(target) == before
    save_project(target, made)  # a leftover of the crash is no obstacle
    assert open_project(target) == made


def test_saving_keeps_the_permissions_of_the_file_replaced(made: Project,
                                                          tmp_path: Path) -> None:
    target = tmp_path / "shared.timeline"
    save_project(target, made)
    target.chmod(0o640)
    save_project(target, made.with_view({}))
    assert target.stat().st_mode & 0o777 == 0o640


# ---------------------------------------------------- files it cannot open
def test_files_that_are_not_projects_are_refused_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no such file"):
        open_project(tmp_path / "missing.timeline")
    with pytest.raises(ProjectError, match="not a file"):
        open_project(tmp_path)
    junk = tmp_path / "junk.timeline"
    junk.write_bytes(b"These are notes, not a database.\n" * 200)
    with pytest.raises(ProjectError, match="damaged or not a project file"):
        open_project(junk)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(ProjectError, match="not a Timeline project"):
        open_project(other)


def test_a_collection_store_is_named_as_such(folder: Path, tmp_path: Path) -> None:
    store = tmp_path / "collection.sqlite"
    update_store([folder], store)
    with pytest.raises(ProjectError, match="collection store, not a project"):
        open_project(store)


def test_a_truncated_project_is_reported_damaged(tmp_path: Path) -> None:
    target = tmp_path / "seeds.timeline"
    save_project(target, Project((str(SEEDS),), extract_corpus([SEEDS])))
    data = target.read_bytes()
    assert len(data) > 8 * 4096
    target.write_bytes(data[:len(data) // 2])
    with pytest.raises(ProjectError, match="damaged"):
        open_project(target)


def test_a_damaged_record_is_reported_not_raised_raw(made: Project, tmp_path: Path) -> None:
    target = tmp_path / "work.timeline"
    save_project(target, made)
    with sqlite3.connect(target) as db:
        db.execute("UPDATE edits SET record = '{\"id\": 1' WHERE position = 0")
    with pytest.raises(ProjectError, match="is damaged"):
        open_project(target)
    save_project(target, made)
    with sqlite3.connect(target) as db:
        db.execute("UPDATE events SET kind = 'picnic' WHERE position = 0")
    with pytest.raises(ProjectError, match="is damaged"):
        open_project(target)


def set_version(path: Path, version: int) -> None:
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {version}")
    db.close()


def test_a_project_from_a_newer_version_says_so(made: Project, tmp_path: Path) -> None:
    target = tmp_path / "work.timeline"
    save_project(target, made)
    set_version(target, FORMAT_VERSION + 1)
    with pytest.raises(ProjectError, match="newer version of Timeline"):
        open_project(target)


def test_a_project_from_an_older_format_opens_through_its_migration(
        made: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "work.timeline"
    save_project(target, made)
    # An "older format" that named the view table otherwise.
    db = sqlite3.connect(target)
    db.execute("ALTER TABLE view RENAME TO view_state")
    db.commit()
    db.close()
    set_version(target, FORMAT_VERSION - 1)
    monkeypatch.delitem(MIGRATIONS, FORMAT_VERSION - 1, raising=False)
    with pytest.raises(ProjectError, match=f"early version of Timeline .*format "
                                           f"{FORMAT_VERSION - 1}"):
        open_project(target)
    monkeypatch.setitem(MIGRATIONS, FORMAT_VERSION - 1,
                        lambda db: db.execute("ALTER TABLE view_state RENAME TO view"))
    assert open_project(target) == made
    assert target.read_bytes().find(b"view_state") >= 0  # opening never writes


# ------------------------------------------------------------ re-extraction
def test_extracting_again_keeps_the_edits_and_lists_those_that_lost_their_passage(
        folder: Path, tmp_path: Path) -> None:
    store = tmp_path / "collection.sqlite"
    corpus, _report = update_store([folder], store)
    index = CorpusIndex(corpus)
    edits = (set_edit(the(corpus, "12 October 2011"), index, title="AHG meeting"),
             star_edit(the(corpus, "5 June 2012"), index),
             note_edit(the(corpus, "mid-2013"), index, "confirm"))
    project = Project((str(folder),), corpus, edits, VIEW)
    write(folder, a="Preface.\n\n" + STATEMENT,
          b=REPORT.replace("5 June 2012", "the first week of June"))
    refreshed, report = refresh_project(project, store)
    assert refreshed.edits == edits and refreshed.view == VIEW
    assert refreshed.corpus != corpus
    assert [o.edit for o in report.orphans] == [edits[1]]
    assert report.newly_orphaned == report.orphans and report.kept == 2
    assert "1 edit lost its passage" in report.summary()
    assert any("changed" in n for n in report.notices)
    new = report.applied.corpus
    assert the(new, "12 October 2011").title == "AHG meeting"
    assert report.applied.state(the(new, "mid-2013").id).note == "confirm"
    # The orphan is kept: it comes back with its passage.
    write(folder, b=REPORT)
    again, report = refresh_project(refreshed, store)
    assert not report.orphans and report.applied.state(the(again.corpus, "5 June 2012").id
                                                       ).starred


def test_extracting_again_without_a_usable_store_reads_the_sources_in_full(
        folder: Path, tmp_path: Path) -> None:
    corpus = extract_corpus([folder])
    project = Project((str(folder),), corpus,
                      (hide_edit(the(corpus, "mid-2013"), CorpusIndex(corpus)),))
    in_the_way = tmp_path / "a folder"
    in_the_way.mkdir()
    refreshed, report = refresh_project(project, in_the_way)
    assert refreshed.corpus.events == corpus.events
    assert report.applied.hidden == {the(corpus, "mid-2013").id}
    assert "store cannot be used" in report.notices[0]


def test_edits_and_projects_need_no_qt() -> None:
    code = ("import sys, timeline.edits, timeline.project\n"
            "print(sorted(k for k in sys.modules if k.split('.')[0] in "
            "('PySide6', 'pyqtgraph', 'shiboken6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=REPO)
    assert out.stdout.strip() == "[]"


def test_sources_not_found_change_nothing_and_can_be_pointed_to_elsewhere(
        folder: Path, tmp_path: Path) -> None:
    corpus = extract_corpus([folder])
    edit = star_edit(the(corpus, "12 October 2011"), CorpusIndex(corpus))
    project = Project((str(folder),), corpus, (edit,))
    moved = tmp_path / "handed on"
    folder.rename(moved)
    with pytest.raises(ProjectError, match=r"not found.*nothing was changed"):
        refresh_project(project, tmp_path / "store.sqlite")
    write(moved, a="Updated.\n" + STATEMENT)
    refreshed, report = refresh_project(project, tmp_path / "store.sqlite",
                                        sources=[str(moved)])
    assert refreshed.sources == (str(moved),) and not report.orphans
    assert report.applied.state(the(refreshed.corpus, "12 October 2011").id).starred


def test_a_project_file_name_may_hold_any_character(made: Project, tmp_path: Path) -> None:
    target = tmp_path / "Bali #4 ? 100% [draft].timeline"
    save_project(target, made)
    assert open_project(target) == made
