"""The vectorised filters let through exactly what the event-by-event rules do.

``reference_accepts`` is the rule as first written (one event at a time, plain
Python); the masks must agree with it on the seeds and on random corpora,
including a sequence of queries on one filter, which exercises the matcher's
memory of earlier words.
"""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.gui.columns import CorpusColumns
from timeline.gui.filters import EventFilter, FilterState
from timeline.model import Corpus, Document, Event, Granularity, Kind, Mention, When


def reference_text(event: Event, texts: dict[str, str]) -> str:
    parts = [event.title]
    for m in event.mentions:
        parts.append(texts.get(m.document, "")[m.sentence[0]:m.sentence[1]])
        parts.append(m.text)
    return " ".join(" ".join(parts).split()).lower()


def reference_accepts(event: Event, state: FilterState, texts: dict[str, str]) -> bool:
    if state.kinds and event.kind not in state.kinds:
        return False
    if state.precisions and event.when.granularity not in state.precisions:
        return False
    if state.documents and not ({m.document for m in event.mentions} & state.documents):
        return False
    return all(w in reference_text(event, texts) for w in state.text.lower().split())


def reference_ids(corpus: Corpus, state: FilterState) -> list[str]:
    texts = {d.id: d.text for d in corpus.documents}
    return [e.id for e in corpus.events if reference_accepts(e, state, texts)]


def seed_states(corpus: Corpus) -> list[FilterState]:
    """Every single kind, precision and document, words from the texts (whole,
    cut, upper-cased, paired) and combinations of them."""
    rng = random.Random(3)
    words = sorted({w for e in corpus.events for w in e.title.split()})
    sentence_words = sorted({w for d in corpus.documents for w in d.text.split()})
    texts = rng.sample(words, 12) + rng.sample(sentence_words, 12)
    texts += [w[1:4] for w in texts[:8]] + [w.upper() for w in texts[8:12]]
    texts += [f"{a} {b}" for a, b in zip(texts[:6], texts[6:12], strict=True)]
    texts += ["", "  ", "2011", "bali process", "zzzz", "ministerial conference"]
    kinds = [frozenset({e.kind}) for e in corpus.events[:3]]
    precisions = [frozenset({g}) for g in Granularity]
    documents = [frozenset({d.id}) for d in corpus.documents] + [frozenset({"nowhere"})]
    states = [FilterState(text=t) for t in texts]
    states += [FilterState(kinds=k) for k in kinds] + [FilterState(precisions=p)
                                                       for p in precisions]
    states += [FilterState(documents=d) for d in documents]
    for text, k, p, d in itertools.product(texts[:4], kinds[:2], precisions[:2], documents[:2]):
        states.append(FilterState(text, k, d, p))
    return states


def test_filters_match_the_reference_on_the_seeds(seeds_corpus):
    event_filter = EventFilter(seeds_corpus)
    for state in seed_states(seeds_corpus):
        got = [e.id for e in event_filter.apply(state)]
        assert got == reference_ids(seeds_corpus, state), state


# ------------------------------------------------------------- random corpora
WORDS = ["Bali", "bali", "BALI", "process", "Process", "min", "mini", "minister",
         "Ministerial", "meet", "meeting", "İstanbul", "straße", "ΣΟΦΙΑ", "ok.", "(IOM)",
         "2011", "29-30", "–", "\u00a0", "\t", "\n", "  ", " "]
text = st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join) | st.text(max_size=40)
days = st.integers(0, 4000).map(lambda n: date(2000, 1, 1) + timedelta(days=n))


@st.composite
def corpora(draw: st.DrawFn) -> Corpus:
    doc_texts = draw(st.lists(text, min_size=1, max_size=4))
    documents = tuple(Document(f"d{i}", f"/d{i}.txt", f"Doc {i}", None, t)
                      for i, t in enumerate(doc_texts))
    events = []
    for n in range(draw(st.integers(0, 12))):
        mentions = []
        for _ in range(draw(st.integers(1, 3))):
            doc = draw(st.integers(0, len(documents)))  # one past the end: an unknown document
            body = doc_texts[doc] if doc < len(documents) else ""
            a, b = sorted(draw(st.lists(st.integers(0, len(body)), min_size=2, max_size=2)))
            c, e = sorted(draw(st.lists(st.integers(0, len(body)), min_size=2, max_size=2)))
            day = draw(days)
            when = When(day, day, Granularity.DAY)
            mentions.append(Mention(f"d{doc}", (a, b), body[a:b], when, (c, e)))
        start = draw(days)
        when = When.unit(start, draw(st.sampled_from(list(Granularity))))
        events.append(Event(f"e{n}", draw(text), draw(st.sampled_from(list(Kind))), (), when,
                            tuple(mentions)))
    return Corpus(documents, tuple(events))


@st.composite
def states(draw: st.DrawFn, corpus: Corpus) -> FilterState:
    words = [w for e in corpus.events for w in e.title.lower().split()] or ["x"]
    query = draw(st.one_of(text, st.sampled_from(words),
                           st.sampled_from(words).map(lambda w: w[: len(w) // 2 + 1])))
    subset = lambda values: st.frozensets(st.sampled_from(values), max_size=2)  # noqa: E731
    return FilterState(query if draw(st.booleans()) else "",
                       draw(subset(list(Kind))) if draw(st.booleans()) else frozenset(),
                       draw(subset([d.id for d in corpus.documents] + ["d9"])),
                       draw(subset(list(Granularity))) if draw(st.booleans()) else frozenset())


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_filters_match_the_reference_on_random_corpora(data):
    corpus = data.draw(corpora())
    event_filter = EventFilter(corpus)
    for _ in range(4):  # one filter, several queries: its memory of words is used
        state = data.draw(states(corpus))
        assert [e.id for e in event_filter.apply(state)] == reference_ids(corpus, state)


def test_typing_a_word_narrows_from_the_words_before_it(seeds_corpus):
    event_filter = EventFilter(seeds_corpus)
    meeting = frozenset({Kind.MEETING})
    for typed in ("m", "mi", "min", "mini", "minis", "minist", "mi", "ministerial", "xminis"):
        for kinds in (frozenset(), meeting):
            state = FilterState(text=typed, kinds=kinds)
            assert [e.id for e in event_filter.apply(state)] == reference_ids(seeds_corpus,
                                                                              state)


def test_a_search_function_answers_text_and_none_falls_back(seeds_corpus):
    events = seeds_corpus.events
    asked = []

    def search(query: str):
        asked.append(query)
        return None if query == "fall back" else {events[1].id, events[4].id, "unknown"}

    event_filter = EventFilter(seeds_corpus, search=search)
    assert [e.id for e in event_filter.apply(FilterState(text="Any Thing"))] == \
        [events[1].id, events[4].id]
    kinds = frozenset({events[4].kind})
    assert events[4].id in [e.id for e in event_filter.apply(FilterState("x", kinds))]
    assert all(e.kind in kinds for e in event_filter.apply(FilterState("x", kinds)))
    state = FilterState(text="fall back")
    assert [e.id for e in event_filter.apply(state)] == reference_ids(seeds_corpus, state)
    assert asked == ["Any Thing", "x", "x", "fall back"]
    assert len(event_filter.apply(FilterState())) == len(events)  # no text: not asked
    assert len(asked) == 4


def test_masks_work_on_columns_alone():
    n = 200_000
    rng = np.random.default_rng(1)
    kinds = rng.integers(0, len(Kind), n).astype(np.int8)
    columns = CorpusColumns(
        ids=[f"e{i}" for i in range(n)], titles=[""] * n, start=np.zeros(n, np.int32),
        end=np.zeros(n, np.int32), granularity=rng.integers(0, 8, n).astype(np.int8),
        approximate=np.zeros(n, bool), kind=kinds, sources=rng.integers(0, 3, n).astype(np.int32),
        source_sets=(("a",), ("b",), ("a", "b")))
    event_filter = EventFilter(Corpus(), columns=columns)
    state = FilterState(kinds=frozenset({list(Kind)[2]}), documents=frozenset({"b"}),
                        precisions=frozenset({Granularity.YEAR, Granularity.DAY}))
    got = event_filter.indices(state)
    expected = np.flatnonzero((kinds == 2) & (columns.sources > 0)
                              & np.isin(columns.granularity, [0, Granularity.YEAR.rank]))
    assert np.array_equal(got, expected)
