"""A collection kept in a store (:func:`timeline.collection.update_store`):
what comes out of the store is what a fresh extraction gives, after every
kind of change to the files, after damage to the store and after an
extraction stopped half-way (asked to stop, or killed)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from generated_folders import (
    SEEDS,
    assert_same,
    documents_of,
    event_signature,
    make_folder,
    seed_sentences,
    shift_years,
)

import timeline.collection as collection
from timeline.collection import UpdateReport, open_store, update_store
from timeline.ingest import discover
from timeline.model import Corpus
from timeline.pipeline import assemble, document_ids, extract_corpus, extract_file
from timeline.store import Store, StoreError

REPO = Path(__file__).resolve().parents[2]

SOLO = """Quillfeather notes

The Quillfeather Lighthouse Survey began on 14 February 1983 on Norfolk Island.

A Quillfeather review panel met in July 1984 to read the first results.
"""
SOLO_CHANGED = """Quillfeather notes

The Quillfeather Lighthouse Survey began on 21 September 1986 on Norfolk Island.

A Quillfeather review panel met in July 1984 to read the first results.

The Marrowdale Fisheries Council convened on 5 May 1981 in Kingston.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A small varied folder, for the many updates of the tests of changes."""
    root = tmp_path / "docs"
    make_folder(root, 18)
    return root


@pytest.fixture
def big_folder(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    make_folder(root, 40)
    return root


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store" / "collection.sqlite"


def fresh(*paths: Path) -> Corpus:
    return extract_corpus(list(paths))


def rewrite(path: Path, text: str) -> None:
    """New content, with a modification time clearly later than the old one
    (a file system with coarse times could otherwise keep it)."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**10, before + 10**10))


def involving(corpus: Corpus, doc_id: str) -> tuple[set[tuple], set[tuple]]:
    """Signatures of the events with a mention in ``doc_id``, and of the others."""
    mine, others = set(), set()
    for event in corpus.events:
        (mine if doc_id in documents_of(event) else others).add(event_signature(event))
    return mine, others


# ----------------------------------------------------------------- round trip
def test_seeds_round_trip_and_warm_reopen(store_path: Path) -> None:
    want = fresh(SEEDS)
    assert want.events  # the comparison below would be empty otherwise

    corpus, report = update_store([SEEDS], store_path)
    assert_same(corpus, want)
    count = len(want.documents)
    assert (report.extracted, report.added, report.unchanged) == (count, count, 0)
    assert report.notices == [] and not report.cancelled

    again, report = update_store([SEEDS], store_path)
    assert report.extracted == 0 and report.unchanged == count and report.merged_events == 0
    assert_same(again, want)


def test_generated_folder_round_trip_and_warm_reopen(big_folder: Path,
                                                     store_path: Path) -> None:
    folder = big_folder
    want = fresh(folder)
    # The folder is meant to exercise merging across documents and problems.
    assert any(len(documents_of(e)) > 1 for e in want.events)
    assert want.problems

    corpus, report = update_store([folder], store_path)
    assert_same(corpus, want)
    assert report.extracted == len(discover([folder])[0])

    again, report = update_store([folder], store_path)
    assert report.extracted == 0 and report.removed == 0
    assert_same(again, want)


def test_read_store_gives_the_collection_without_looking_at_files(
        folder: Path, store_path: Path) -> None:
    corpus, _ = update_store([folder], store_path)
    assert collection.store_sources(store_path) == [os.path.abspath(folder)]
    # read_store has no discovery problems to add; the file problems are kept.
    assert_same(collection.read_store(store_path), corpus)


def test_other_options_extract_everything_again(folder: Path, store_path: Path) -> None:
    update_store([folder], store_path)
    reference = date(2001, 5, 17)
    corpus, report = update_store([folder], store_path, reference_date=reference)
    assert report.extracted == len(discover([folder])[0])
    assert report.added == 0  # read again, but none of them is new
    assert_same(corpus, extract_corpus([folder], reference_date=reference))


# -------------------------------------------------------------------- changes
def test_modified_file_changes_only_its_own_events(folder: Path, store_path: Path) -> None:
    solo = folder / "solo.txt"
    solo.write_text(SOLO, encoding="utf-8")
    before, _ = update_store([folder], store_path)
    solo_id = next(d.id for d in before.documents if d.path == str(solo))
    mine_before, others_before = involving(before, solo_id)
    assert mine_before and others_before

    rewrite(solo, SOLO_CHANGED)
    after, report = update_store([folder], store_path)
    assert report.extracted == 1 and report.added == 0
    assert report.unchanged == len(discover([folder])[0]) - 1

    mine_after, others_after = involving(after, solo_id)
    assert others_after == others_before
    assert mine_after != mine_before
    texts = {m.text for e in after.events for m in e.mentions}
    assert "5 May 1981" in texts and "14 February 1983" not in texts
    assert_same(after, fresh(folder))


def test_modified_file_whose_events_merged_across_documents(folder: Path,
                                                           store_path: Path) -> None:
    before, _ = update_store([folder], store_path)
    shared = next(e for e in before.events if len(documents_of(e)) > 1)
    doc = before.document(sorted(documents_of(shared))[0])
    path = Path(doc.path)
    rewrite(path, shift_years(path.read_text(encoding="utf-8"), 1))

    after, report = update_store([folder], store_path)
    assert report.extracted == 1
    assert event_signature(shared) not in {event_signature(e) for e in after.events}
    assert_same(after, fresh(folder))


def test_same_size_new_content_is_extracted(folder: Path, store_path: Path) -> None:
    update_store([folder], store_path)
    path = folder / "statement_006.txt"
    text = path.read_text(encoding="utf-8")
    changed = shift_years(text, 1)
    assert changed != text and len(changed) == len(text)
    rewrite(path, changed)

    after, report = update_store([folder], store_path)
    assert report.extracted == 1 and report.added == 0
    assert_same(after, fresh(folder))


def test_added_file(folder: Path, store_path: Path) -> None:
    update_store([folder], store_path)
    # Sentences other files hold too, so the new mentions join old events.
    source = (folder / "statement_000.txt").read_text(encoding="utf-8")
    (folder / "statement_000b.txt").write_text(source.replace("Statement 0", "Copy"),
                                               encoding="utf-8")
    after, report = update_store([folder], store_path)
    assert (report.extracted, report.added, report.removed) == (1, 1, 0)
    assert "statement_000b" in {d.id for d in after.documents}
    assert any({"statement_000", "statement_000b"} <= documents_of(e) for e in after.events)
    assert_same(after, fresh(folder))


def test_removed_file_takes_only_its_mentions(folder: Path, store_path: Path) -> None:
    before, _ = update_store([folder], store_path)
    # An event whose mentions all say the same thing on the same date in three
    # documents or more: without one of them, the others remain one event.
    event = next(e for e in before.events if len(documents_of(e)) >= 3
                 and len({(m.text, m.when) for m in e.mentions}) == 1)
    gone = before.document(sorted(documents_of(event))[1])
    Path(gone.path).unlink()

    after, report = update_store([folder], store_path)
    assert (report.extracted, report.removed) == (0, 1)
    assert gone.id not in {d.id for d in after.documents}
    assert all(m.document != gone.id for e in after.events for m in e.mentions)
    assert all(u.document != gone.id for u in after.unplaced)
    kept = tuple(m for m in event.mentions if m.document != gone.id)
    assert any(e.mentions == kept and e.title == event.title for e in after.events)
    assert_same(after, fresh(folder))


def test_touched_file_is_not_extracted_again(folder: Path, store_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    want, _ = update_store([folder], store_path)
    path = folder / "statement_003.txt"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5 * 10**9))

    after, report = update_store([folder], store_path)
    assert report.extracted == 0 and report.added == 0
    assert report.unchanged == len(discover([folder])[0])
    assert_same(after, want)

    # The new time was recorded: the next update need not even hash the file.
    hashed: list[Path] = []
    real_stamp = collection.stamp_of
    monkeypatch.setattr(collection, "stamp_of", lambda p: hashed.append(p) or real_stamp(p))
    _, report = update_store([folder], store_path)
    assert report.extracted == 0 and hashed == []


def test_renamed_file(folder: Path, store_path: Path) -> None:
    update_store([folder], store_path)
    os.rename(folder / "statement_005.txt", folder / "renamed_005.txt")

    after, report = update_store([folder], store_path)
    assert (report.extracted, report.added, report.removed) == (1, 1, 1)
    ids = {d.id for d in after.documents}
    assert "renamed_005" in ids and "statement_005" not in ids
    assert all(m.document != "statement_005" for e in after.events for m in e.mentions)
    assert_same(after, fresh(folder))


def test_a_run_of_random_edits_matches_fresh_extraction_each_time(tmp_path: Path,
                                                                  store_path: Path) -> None:
    """Edits pile up in one store (stale events, positions, merged flags):
    after each, the store still holds what a fresh extraction finds."""
    folder = tmp_path / "docs"
    make_folder(folder, 12, seed=31, sentences=(2, 5))
    dated, _ = seed_sentences()
    rng = random.Random(31)
    update_store([folder], store_path)
    for step in range(8):
        files = sorted(folder.glob("statement_*"))
        action = ("shift", "remove", "add", "shift")[step % 4]
        if action == "shift":
            path = rng.choice(files)
            rewrite(path, shift_years(path.read_text(encoding="utf-8"), rng.choice([-1, 1, 2])))
        elif action == "remove":
            rng.choice(files).unlink()
        else:
            parts = rng.choice(files).read_text(encoding="utf-8").split("\n\n")
            parts[2:2] = [shift_years(s, rng.choice([0, 1])) for s in rng.sample(dated, 2)]
            (folder / f"statement_new_{step}.txt").write_text("\n\n".join(parts),
                                                             encoding="utf-8")
        corpus, report = update_store([folder], store_path)
        assert report.extracted == (action != "remove"), action
        assert_same(corpus, fresh(folder))


def test_summary_names_what_changed() -> None:
    report = UpdateReport(Path("x.sqlite"), extracted=3, added=1, removed=2)
    assert report.summary() == "1 file added, 2 files changed, 2 files removed"
    assert UpdateReport(Path("x.sqlite"), unchanged=7).summary() == ""


# --------------------------------------------------------------------- damage
def _break(store_path: Path, damage: str) -> bytes:
    """Damage the store at ``store_path`` as named; returns its new bytes."""
    assert not Path(str(store_path) + "-wal").exists()  # all in the main file
    if damage == "truncated":
        with store_path.open("r+b") as f:
            f.truncate(store_path.stat().st_size // 2)
    elif damage == "garbage":
        store_path.write_bytes(random.Random(5).randbytes(20_000))
    elif damage == "newer":
        db = sqlite3.connect(store_path)
        with db:
            db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
        db.close()
    return store_path.read_bytes()


@pytest.mark.parametrize("damage", ["truncated", "garbage", "newer"])
def test_unusable_store_is_moved_aside_and_rebuilt(folder: Path, store_path: Path,
                                                   damage: str) -> None:
    update_store([folder], store_path)
    old = _break(store_path, damage)

    corpus, report = update_store([folder], store_path)
    aside = store_path.with_name(store_path.name + ".broken")
    assert aside.read_bytes() == old
    assert len(report.notices) == 1 and aside.name in report.notices[0]
    assert report.extracted == len(discover([folder])[0])
    assert_same(corpus, fresh(folder))

    again, report = update_store([folder], store_path)
    assert report.notices == [] and report.extracted == 0
    assert_same(again, corpus)


def test_store_path_that_is_a_folder_is_an_error(folder: Path, tmp_path: Path) -> None:
    in_the_way = tmp_path / "in_the_way.sqlite"
    in_the_way.mkdir()
    (in_the_way / "keep.txt").write_text("mine", encoding="utf-8")

    with pytest.raises(StoreError) as caught:
        update_store([folder], in_the_way)
    assert caught.value.damaged is False
    assert (in_the_way / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "in_the_way.sqlite"]

    notices: list[str] = []
    with pytest.raises(StoreError):
        open_store(in_the_way, notices)
    assert notices == []


# -------------------------------------------------------------- interruptions
def test_cancelled_update_keeps_what_was_read(folder: Path, store_path: Path) -> None:
    files, _ = discover([folder])
    ids = document_ids(files)
    k = 7
    calls: list[int] = []

    def progress(done: int, total: int, path: str) -> None:
        assert total == len(files) and path == str(files[done - 1])
        calls.append(done)

    corpus, report = update_store([folder], store_path, jobs=1, progress=progress,
                                  cancelled=lambda: len(calls) >= k)
    assert report.cancelled
    assert calls == list(range(1, k + 1))
    assert report.extracted == k
    # The files read are stored and merged: the collection of just those files.
    want = assemble([extract_file(p, i) for p, i in zip(files[:k], ids[:k], strict=True)])
    assert_same(corpus, want)
    with Store(store_path) as store:
        assert sorted(store.files()) == sorted(str(p) for p in files[:k])
        assert store.unmerged_documents() == [] and store.stale_events() == set()

    rest, report = update_store([folder], store_path, jobs=1)
    assert not report.cancelled
    assert (report.extracted, report.unchanged) == (len(files) - k, k)
    assert_same(rest, fresh(folder))


KILLED = """
import sys, time
from pathlib import Path
from timeline.collection import update_store

folder, store, ready_at = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])

def progress(done, total, path):
    time.sleep(0.02)  # at least 0.02 s a file: a batch is committed before ready_at
    if done == ready_at:
        print("ready", flush=True)
        time.sleep(300)

update_store([folder], store, jobs=1, progress=progress)
print("finished", flush=True)
"""


UPDATE_AND_SAY = """
import sys
from pathlib import Path
from timeline.collection import update_store

corpus, report = update_store([sys.argv[1]], Path(sys.argv[2]), jobs=1)
print(len(corpus.events), len(corpus.documents), len(report.notices), flush=True)
"""


def test_two_processes_updating_one_store_write_each_file_once(
        folder: Path, store_path: Path) -> None:
    """Two windows opening one folder at once: one reads the files, the
    other waits for it and finds them read; nothing is taken for damage."""
    children = [subprocess.Popen([sys.executable, "-c", UPDATE_AND_SAY, str(folder),
                                  str(store_path)], cwd=REPO, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(2)]
    said = [child.communicate(timeout=120) for child in children]
    expected = fresh(folder)
    for (out, err), child in zip(said, children, strict=True):
        assert child.returncode == 0, err
        assert out.split() == [str(len(expected.events)), str(len(expected.documents)), "0"]
    with Store(store_path) as store:
        assert len(store.files()) == len(discover([folder])[0])
    assert not list(store_path.parent.glob("*.broken*"))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL here")
def test_killed_update_leaves_a_usable_store(tmp_path: Path, store_path: Path) -> None:
    folder = tmp_path / "big"
    make_folder(folder, 60, seed=99)
    files, _ = discover([folder])
    ready_at = 40
    assert (ready_at - 1) * 0.02 > collection.BATCH_SECONDS * 1.2
    child = subprocess.Popen([sys.executable, "-c", KILLED, str(folder), str(store_path),
                              str(ready_at)], cwd=REPO, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        assert line == "ready\n"
        assert store_path.exists()
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        _, errors = child.communicate()
    assert child.returncode == -signal.SIGKILL, errors

    with Store(store_path) as store:
        committed = len(store.files())
        assert store.unmerged_documents()  # killed before merging
    assert 0 < committed < ready_at

    corpus, report = update_store([folder], store_path, jobs=1)
    assert report.notices == []
    assert (report.unchanged, report.extracted) == (committed, len(files) - committed)
    assert_same(corpus, fresh(folder))


def test_merging_again_reaches_events_linked_only_through_other_events(
        tmp_path: Path, store_path: Path) -> None:
    # With a and b on different days, c ("May 2011") fits both meetings and
    # joins neither. Removing b touches only b's event directly, yet c must
    # now join a: the update reaches c's event through the keys b's event
    # shared with it.
    folder = tmp_path / "linked"
    folder.mkdir()
    line = "The Review Meeting on border security"
    (folder / "a.txt").write_text(f"One.\n\n{line} was held in Bali on 5 May 2011.\n")
    (folder / "b.txt").write_text(f"Two.\n\n{line} was held in Bali on 20 May 2011.\n")
    (folder / "c.txt").write_text(f"Three.\n\n{line} took place in May 2011.\n")
    before, _ = update_store([folder], store_path)
    assert len(before.events) == 3
    (folder / "b.txt").unlink()
    after, report = update_store([folder], store_path)
    assert report.removed == 1
    merged = [e for e in after.events if {m.document for m in e.mentions} == {"a", "c"}]
    assert len(merged) == 1
    assert_same(after, fresh(folder))


def test_a_change_that_leaves_the_events_as_they_were(folder: Path, store_path: Path) -> None:
    # Text without dates added at the end: the file's events come out the same
    # as before, and must still be found in the store with their mentions.
    update_store([folder], store_path)
    path = sorted(folder.glob("*.txt"))[0]
    rewrite(path, path.read_text(encoding="utf-8") + "\nNothing else was decided.\n")
    after, report = update_store([folder], store_path)
    assert report.extracted == 1
    assert_same(after, fresh(folder))


def test_mentions_stated_as_before_keep_their_events(folder: Path, store_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # A sentence added at the end of a file: its other mentions come out of
    # the new extraction exactly as before, keep their events, and are not
    # merged again; only the new mention is.
    update_store([folder], store_path)
    path = sorted(folder.glob("*.txt"))[0]
    rewrite(path, path.read_text(encoding="utf-8")
            + "\nThe Zanzibar Accord on coral reefs was signed on 3 March 2031.\n")
    merged: list[int] = []
    original = collection.events_from_drafts

    def counting(drafts):
        merged.append(len(drafts))
        return original(drafts)

    monkeypatch.setattr(collection, "events_from_drafts", counting)
    after, report = update_store([folder], store_path)
    assert report.extracted == 1
    assert merged == [1]
    assert any("Zanzibar" in e.title for e in after.events)
    assert_same(after, fresh(folder))


def test_stores_left_unopened_in_the_cache_are_removed(tmp_path: Path) -> None:
    cache = tmp_path / "collections"
    cache.mkdir()
    old = time.time() - 90 * 86400
    stale = [cache / "aaaa.sqlite", cache / "aaaa.sqlite-wal", cache / "bbbb.sqlite.broken"]
    recent = cache / "cccc.sqlite"
    spared = cache / "dddd.sqlite"
    other = cache / "notes.txt"
    for path in [*stale, recent, spared, other]:
        path.write_bytes(b"x")
    for path in [*stale, spared, other]:
        os.utime(path, (old, old))
    removed = collection.prune_cache(cache, spare=spared)
    assert sorted(removed) == sorted(stale)
    assert recent.exists() and spared.exists() and other.exists()
    assert collection.prune_cache(tmp_path / "missing") == []


def test_the_cache_is_pruned_when_a_collection_opens_there(folder: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache = collection.default_store_path([folder]).parent
    cache.mkdir(parents=True)
    forgotten = cache / "0123456789abcdef0123.sqlite"
    forgotten.write_bytes(b"x")
    old = time.time() - 90 * 86400
    os.utime(forgotten, (old, old))
    _corpus, report = update_store([folder])
    assert report.store.parent == cache and report.store.exists()
    assert not forgotten.exists()
