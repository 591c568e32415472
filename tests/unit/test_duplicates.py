"""Documents with the same content are one document: the copy is a note
naming the file kept, and its events are counted once, whether the
collection is read whole (``timeline extract``) or kept in a store (the
app)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from timeline.collection import read_store, update_store
from timeline.engine import BuildOptions, build_collection
from timeline.model import Corpus, Document
from timeline.pipeline import corpus_from_documents, extract_corpus

REPORT = """Harbour report

The Wrenfield Harbour Board held its annual review on 3 March 1997 in Port Ellis.

A dredging contract was signed on 12 June 1998.
"""
OTHER = """Orchard notes

The Calloway Orchard Trust convened on 9 September 2004.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "a_report.txt").write_text(REPORT)
    (root / "b_copy.txt").write_text(REPORT)
    (root / "c_other.txt").write_text(OTHER)
    return root


def _check_one_copy(corpus: Corpus) -> None:
    assert [Path(d.path).name for d in corpus.documents] == ["a_report.txt", "c_other.txt"]
    [note] = [p for p in corpus.problems if Path(p.path).name == "b_copy.txt"]
    assert "a_report.txt" in note.reason
    # Each event of the report once, with one mention: the copy adds none.
    dated = sorted((e.when.start, len(e.mentions)) for e in corpus.events
                   if e.mentions[0].document == corpus.documents[0].id)
    assert dated == [(date(1997, 3, 3), 1), (date(1998, 6, 12), 1)]
    assert all(m.document != "b_copy" for e in corpus.events for m in e.mentions)


def test_extract_counts_two_identical_files_once(folder: Path) -> None:
    _check_one_copy(extract_corpus([folder]))


def test_store_counts_two_identical_files_once(folder: Path, tmp_path: Path) -> None:
    corpus, _report = update_store([folder], tmp_path / "s.sqlite")
    _check_one_copy(corpus)


def test_store_reads_the_copy_when_the_kept_file_goes(folder: Path, tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    update_store([folder], store)
    (folder / "a_report.txt").unlink()
    corpus, _report = update_store([folder], store)
    assert [Path(d.path).name for d in corpus.documents] == ["b_copy.txt", "c_other.txt"]
    assert not corpus.problems
    assert len(corpus.events) == len(extract_corpus([folder]).events)


def test_store_drops_a_document_that_becomes_a_copy(folder: Path, tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    (folder / "b_copy.txt").write_text(OTHER)
    first, _report = update_store([folder], store)
    assert len(first.documents) == 2  # b_copy is the kept one, c_other its copy
    (folder / "b_copy.txt").write_text(REPORT)
    corpus, _report = update_store([folder], store)
    _check_one_copy(corpus)


def test_documents_read_without_files_are_compared_by_text() -> None:
    docs = [Document(name, f"/x/{name}.txt", name, None, REPORT) for name in ("a", "b")]
    corpus = corpus_from_documents(docs)
    assert [d.id for d in corpus.documents] == ["a"]
    assert {m.document for e in corpus.events for m in e.mentions} == {"a"}


def test_a_dask_build_counts_copies_as_a_local_build(folder: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    (folder / "d_copy.txt").write_text(OTHER)  # a copy in another partition
    stores = {engine: tmp_path / f"{engine}.sqlite" for engine in ("local", "dask")}
    build_collection([str(folder)], stores["local"], BuildOptions("local", jobs=1))
    build_collection([str(folder)], stores["dask"],
                     BuildOptions("dask", jobs=1, partitions=4))
    local, dask = (read_store(stores[e]) for e in ("local", "dask"))
    _check_one_copy(dask)
    assert json.dumps(dask.to_json(), sort_keys=True) == \
        json.dumps(local.to_json(), sort_keys=True)
