"""The collection store on its own (:mod:`timeline.store`): opening,
versions, what counts as damage, transactions, and full-text search with
the user's query made safe by :func:`fts_query`."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.collection import update_store
from timeline.model import Corpus, Event
from timeline.store import SCHEMA_VERSION, Store, StoreError, fts_query

WORD = re.compile(r"[A-Za-z]{5,}")

HARBOUR = """Harbour notes

The Harbour Accord was signed in Jakarta on 4 May 2009 after long talks with fishermen.

A Tsunami Warning Workshop took place in Colombo on 12 June 2010.
"""


# ------------------------------------------------------------------ opening
def test_new_store_is_made_with_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "new.sqlite"
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.counts() == (0, 0)
        with store.transaction():
            store.set_meta("note", "kept")
    with Store(path) as store:
        assert store.meta("note") == "kept"
        assert store.meta("absent") is None
        store.check()
    with Store(path, read_only=True) as store:
        assert store.meta("note") == "kept"


def test_processes_opening_one_new_store_make_it_once(tmp_path: Path) -> None:
    """Two windows on one folder open its new store at once: each finds it
    whole, none finds it half made (no version yet) or taken for damaged."""
    for attempt in range(15):
        path = tmp_path / f"s{attempt}.sqlite"
        problems: list[str] = []

        def open_it(path: Path = path, problems: list[str] = problems) -> None:
            try:
                store = Store(path)
                problems.extend([] if store.schema_version() == SCHEMA_VERSION else ["version"])
                store.close()
            except StoreError as error:
                problems.append(str(error))

        threads = [threading.Thread(target=open_it) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert problems == [], problems


def test_a_failed_transaction_keeps_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        with store.transaction():
            store.set_meta("note", "first")
        with pytest.raises(KeyError), store.transaction():
            store.set_meta("note", "second")
            raise KeyError("stop")
        assert store.meta("note") == "first"


def test_folder_in_the_way_is_not_damage(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        Store(tmp_path)
    assert caught.value.damaged is False


def _sqlite_file(path: Path, *statements: str) -> None:
    db = sqlite3.connect(path)
    with db:
        for statement in statements:
            db.execute(statement)
    db.close()


@pytest.mark.parametrize(("make", "words"), [
    (lambda p: p.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40), "damaged"),
    (lambda p: p.write_text("just some text, not a database\n" * 200), "damaged"),
    (lambda p: _sqlite_file(p, "CREATE TABLE other (x)"), "not a Timeline"),
], ids=["bad-header", "text", "other-database"])
def test_not_a_store_is_damage(tmp_path: Path, make, words: str) -> None:
    path = tmp_path / "s.sqlite"
    make(path)
    with pytest.raises(StoreError) as caught, Store(path) as store:
        store.check()
    assert caught.value.damaged is True
    assert words in str(caught.value)


@pytest.mark.parametrize(("version", "words"), [(99, "newer"), (0, "older")])
def test_another_schema_version_is_damage(tmp_path: Path, version: int, words: str) -> None:
    path = tmp_path / "s.sqlite"
    Store(path).close()
    _sqlite_file(path, f"UPDATE meta SET value = '{version}' WHERE key = 'schema'")
    for read_only in (False, True):
        with pytest.raises(StoreError) as caught:
            Store(path, read_only=read_only)
        assert caught.value.damaged is True
    with pytest.raises(StoreError, match=words):
        Store(path)
    # Refused, not changed.
    db = sqlite3.connect(path)
    assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (
        str(version),)
    db.close()


# ---------------------------------------------------------------- fts_query
def test_words_become_prefixes_and_phrases_stay_phrases() -> None:
    assert fts_query("harb acc") == '"harb"* "acc"*'
    assert fts_query('"accord signed" harb') == '"accord signed" "harb"*'
    assert fts_query("work*") == fts_query("work") == '"work"*'
    assert fts_query("workshop OR accord") == '"workshop"* OR "accord"*'
    assert fts_query("harbour NOT workshop") == '"harbour"* NOT "workshop"*'
    assert fts_query("") == fts_query("   ") == fts_query("*") == fts_query("OR NOT") == ""
    assert fts_query("OR harbour NOT") == '"harbour"*'
    # A NUL would end the query inside a quote for SQLite; the index's
    # tokenizer separates words at it, and so does the query.
    assert fts_query("harb\x00acc") == fts_query("harb acc")


ROWS = {
    "a": "Harbour accord signed in Jakarta",
    "b": "Harbour workshop in Colombo",
    "c": "Accord on the harbour, signed later",
    "d": "Tsunami warning (draft) title:forum co-chairs",
}


@pytest.fixture(scope="module")
def fts() -> Iterator[sqlite3.Connection]:
    """A full-text table tokenized as the store's, holding :data:`ROWS`."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5 (key UNINDEXED, body, "
               "tokenize = 'unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO t VALUES (?, ?)", ROWS.items())
    yield db
    db.close()


def matching(db: sqlite3.Connection, query: str) -> set[str]:
    expression = fts_query(query)
    if not expression:
        return set()
    return {r[0] for r in db.execute("SELECT key FROM t WHERE t MATCH ?", (expression,))}


@pytest.mark.parametrize(("query", "keys"), [
    ("harb", {"a", "b", "c"}),                       # a prefix
    ("HARBOUR accord", {"a", "c"}),                   # every word, any case, any order
    ('"accord signed"', {"a"}),                       # a phrase in its order
    ('"accord sig"', set()),                          # a phrase is not a prefix
    ("work*", {"b"}),
    ("workshop OR jakarta", {"a", "b"}),
    ("harbour NOT workshop", {"a", "c"}),
    ("harbour or", set()),                            # lower-case "or" is a word
    ("title:forum", {"d"}),                           # a colon is not a column filter
    ("(draft)", {"d"}),                               # parentheses are not grouping
    ("co-chairs", {"d"}),                             # a hyphen is not NOT
    ('"unclosed phrase', set()),
    ("tsunami \"", {"d"}),
], ids=lambda v: v if isinstance(v, str) else None)
def test_fts_query_means_what_the_user_typed(fts: sqlite3.Connection, query: str,
                                             keys: set[str]) -> None:
    assert matching(fts, query) == keys


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab "*():-^+{}.,\'OR NOT AND NEAR\x00é²\u200b')),
               max_size=25) | st.text(max_size=25))
def test_fts_query_is_always_valid_fts5(fts: sqlite3.Connection, text: str) -> None:
    """Whatever is typed, the query is one FTS5 accepts (Store.search would
    otherwise swallow the error and silently find nothing)."""
    expression = fts_query(text)
    if expression:
        fts.execute("SELECT key FROM t WHERE t MATCH ?", (expression,)).fetchall()


# ------------------------------------------------------------------- search
@pytest.fixture
def searched(tmp_path: Path) -> tuple[Path, Corpus]:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    store = tmp_path / "s.sqlite"
    corpus, _ = update_store([docs], store)
    return store, corpus


def _event_with(corpus: Corpus, word: str) -> Event:
    for event in corpus.events:
        doc = corpus.document(event.mentions[0].document)
        if any(word in doc.text[m.sentence[0]:m.sentence[1]] for m in event.mentions):
            return event
    raise AssertionError(f"no event from a sentence with {word!r}")


def test_search_finds_an_event_by_title_sentence_and_prefix(
        searched: tuple[Path, Corpus]) -> None:
    path, corpus = searched
    accord = _event_with(corpus, "Jakarta")
    doc = corpus.document(accord.mentions[0].document)
    sentence = doc.text[slice(*accord.mentions[0].sentence)]
    title_words = {w.lower() for w in WORD.findall(accord.title)}
    only_sentence = [w for w in WORD.findall(sentence) if w.lower() not in title_words]
    assert title_words and only_sentence

    with Store(path) as store:
        for word in (*title_words, *only_sentence):
            assert accord.id in store.search(word), word
            assert accord.id in store.search(word[:4].upper()), word
        assert accord.id in store.search(" ".join(sorted(title_words)))
        assert store.search("zzyzxquark") == []
        assert accord.id in store.search("Jakarta\x00")
        # Words of the two sentences together are in no one event's text.
        workshop = _event_with(corpus, "Colombo")
        assert workshop.id != accord.id
        assert workshop.id in store.search("Colombo")
        assert store.search("Colombo Jakarta") == []
        assert set(store.search("Colombo OR Jakarta")) >= {accord.id, workshop.id}
        assert accord.id not in store.search(f"{only_sentence[0]} NOT Jakarta")


HOSTILE = ['"', '""', '"""', '"unclosed', "(", ")", "()", "a:b", "body:harbour", "-",
           "-harbour", "*", "**", "* *", "", "   ", "OR", "NOT", "AND", "OR OR", "NOT harbour",
           "harbour NOT", "NEAR(harbour accord)", "^harbour", "{title body}: x", "+",
           "'", "harbour'", '"harbour" OR', "\x00", "a\"b", "é", "…", "\u200b", "😀",
           "harbour AND", '")(*', "title:", ":", "x" * 5000]


def test_hostile_search_input_never_raises(searched: tuple[Path, Corpus]) -> None:
    path, _ = searched
    with Store(path) as store:
        for query in HOSTILE:
            found = store.search(query)
            assert isinstance(found, list) and all(isinstance(i, str) for i in found), query

