"""Merging mentions of one real-world event into one event.

Two mentions are merged when their dates fit and their titles name the same
thing:

* **dates fit** when one span contains the other, or both are day-precise
  and overlap (``30 March 2011`` and ``29-30 March 2011``);
* **titles match** when they have the same event noun (or verb), no
  conflicting ordinals, and their distinguishing words agree (Jaccard index
  at least one half, or one set holds the other and has two words or more).
  A generic title (``Workshop``) matches only within its own sentence, or on
  the very same day-precise dates with a shared actor or in the same
  document; a clause title only matches the same clause.

Whatever their titles and dates, two mentions stay apart when they say
different things of **who**: both name the agent of their event (the
subject of "*X* held / hosted / signed *the event*", :mod:`subjects`) and
the two agents share no word. So "the port authority held a summit on
water security" and "Acme Corp held a summit on water security" are two
summits, while "UNHCR and Indonesia co-hosted the Roundtable" and
"Indonesia hosted the Roundtable" may be one. A mention that names no agent
may join either, as a report often names who held an event only once.
An event is checked against the agents of all its mentions so far (the
union of their words).

The actors a sentence names (:mod:`actors`) are not used to keep mentions
apart: they include the places and bodies a sentence merely mentions ("took
place in Bali, Indonesia", "assess AHG activities since the Conference"),
so two reports of one conference often name disjoint actors. The rule only ever keeps
mentions apart, and looks only at the drafts being merged, so the keys of
:func:`link_keys` still bound what can meet (the keyed reduce of
:mod:`timeline.engine.reduce` stays exact). A repeated title and date
(the first, cheapest way to merge) may now lead to several events, one per
who: each is kept under that key, and the first compatible one is taken.

Mentions are taken finest date first, so day-precise mentions form events
before coarser ones join them; a coarser mention that fits several events
joins none (``2011`` cannot tell which of two meetings it means). Only
events sharing a year, an event noun and a distinguishing word are compared
(named titles that share no word cannot match), never the whole corpus; and
of the events under one such key only the latest :data:`_MAX_CANDIDATES`
are, so that a text naming thousands of events on one day or in one year
still costs linear time.

The merged event's date is its finest mention's; among equally fine ones
an exact date beats an approximate one, then the widest span wins when one
holds the others (``29-30 March 2011`` over ``30 March 2011``), and
overlapping spans are joined.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from timeline.day import Day
from timeline.events.titles import Title
from timeline.model import Granularity, Kind, Mention, When

_RANK = {g: i for i, g in enumerate(Granularity)}  # finest first, as Granularity.rank
# Module constants: looking an enum member up on its class is slow in a hot path.
_DAY = Granularity.DAY
_DateKey = tuple[Day, Day, Granularity, bool, bool]
_OTHER = Kind.OTHER
_MAX_INDEXED_YEARS = 12
_MIN_JACCARD = 0.5
_MIN_SUBSET_WORDS = 2
_MAX_CANDIDATES = 64


class Draft(NamedTuple):
    """One mention with what its sentence says about it; ``order`` sorts
    mentions by document order, then position; ``subject`` is its
    sentence's subject (:func:`~timeline.events.subjects.sentence_subject`,
    "" for none). (A named tuple: one is made per mention.)"""

    order: tuple[int, int, int]
    mention: Mention
    title: Title
    actors: tuple[str, ...]
    subject: str = ""


@dataclass(slots=True)
class Cluster:
    """Drafts found to be one event, with its date so far and the facts the
    evidence rules ask about (sentences, documents, actors) kept as sets."""

    when: When
    drafts: list[Draft] = field(default_factory=list)
    titles: dict[str, Title] = field(default_factory=dict)
    sentences: set[tuple[str, int]] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    subject_words: set[str] = field(default_factory=set)
    titles_indexed: set[str] = field(default_factory=set)
    year_keys: set[tuple[str, int, str]] = field(default_factory=set)

    def add(self, draft: Draft, sentence: tuple[str, int]) -> None:
        """Take ``draft`` (from ``sentence``: document and start) in and
        settle the date."""
        self.drafts.append(draft)
        self.titles.setdefault(draft.title.text, draft.title)
        self.sentences.add(sentence)
        self.documents.add(sentence[0])
        if draft.actors:
            self.actors.update(draft.actors)
        if draft.subject:
            self.subject_words.update(draft.subject.split())
        self.when = combine(self.when, draft.mention.when)


@dataclass(slots=True)
class _Index:
    """Where to look for a draft's event, so that only a few clusters are
    ever compared: identical (title, date) pairs, named events by event noun
    and year, every event by event noun and exact day-precise date, and
    every event by sentence."""

    exact: dict[tuple[str, _DateKey, str], list[Cluster]] = field(default_factory=dict)
    by_year: dict[tuple[str, int, str], list[Cluster]] = field(default_factory=dict)
    by_day: dict[tuple[str, _DateKey], list[Cluster]] = field(default_factory=dict)
    by_sentence: dict[tuple[str, int], list[Cluster]] = field(default_factory=dict)

    def candidates(self, draft: Draft, day: _DateKey) -> list[Cluster]:
        """Clusters ``draft`` (whose date's key is ``day``) may join, each once."""
        m, title = draft.mention, draft.title
        lists = [self.by_sentence.get((m.document, m.sentence[0]), [])]
        if not title.fallback:
            lists.append(self.by_day.get((title.head, day), []))
        if _named(title):
            lists += [self.by_year.get(key, []) for key in _year_keys(draft)]
        seen: dict[int, Cluster] = {}
        for found in lists:
            for c in found[-_MAX_CANDIDATES:]:
                seen.setdefault(id(c), c)
        return list(seen.values())

    def register(self, cluster: Cluster, draft: Draft, new: bool,
                 exact: tuple[str, _DateKey, str], sentence: tuple[str, int]) -> None:
        """Make ``cluster`` findable through ``draft``, whose exact key
        (title, date, scope) is ``exact`` and whose sentence is ``sentence``."""
        title = draft.title
        _add_once(self.exact, exact, cluster)
        _add_once(self.by_sentence, sentence, cluster)
        if draft.mention.when.granularity is _DAY and not title.fallback:
            _add_once(self.by_day, (title.head, exact[1]), cluster)
        if _named(title) and (new or title.text not in cluster.titles_indexed):
            cluster.titles_indexed.add(title.text)
            for key in _year_keys(draft):
                if key not in cluster.year_keys:
                    cluster.year_keys.add(key)
                    self.by_year.setdefault(key, []).append(cluster)


def link_keys(draft: Draft) -> list[str]:
    """Every key under which :class:`_Index` files ``draft`` or looks for it:
    two drafts can end in one event only if a chain of drafts sharing keys
    joins them. So merging a part of a collection whose drafts share no key
    with the rest gives the events a merge of the whole would give there,
    which lets a store merge again only what a changed file touches. Keep in
    step with :meth:`_Index.candidates` and :meth:`_Index.register`."""
    m, title = draft.mention, draft.title
    keys = [f"s\x1f{m.document}\x1f{m.sentence[0]}"]
    day = _date_key(m.when)
    stamp = "\x1f".join((day[0].isoformat(), day[1].isoformat(), day[2].value,
                          str(int(day[3])), str(int(day[4]))))
    if not title.generic:
        keys.append(f"x\x1f{title.text}\x1f{stamp}")
    if not title.fallback and m.when.granularity is _DAY:
        keys.append(f"d\x1f{title.head}\x1f{stamp}")
    if _named(title):
        keys += [f"y\x1f{head}\x1f{year}\x1f{word}" for head, year, word in _year_keys(draft)]
    return keys


def _add_once(index: dict, key: object, cluster: Cluster) -> None:
    """Append ``cluster`` under ``key`` unless it was the last one added."""
    found = index.setdefault(key, [])
    if not found or found[-1] is not cluster:
        found.append(cluster)


def cluster_drafts(drafts: Sequence[Draft]) -> list[Cluster]:
    """Group drafts into events (see the module notes for the rules)."""
    clusters: list[Cluster] = []
    index = _Index()
    for draft in sorted(drafts, key=_finest_first):
        m = draft.mention
        sentence = (m.document, m.sentence[0])
        # Identical title and date merge at once (a clause repeated word for
        # word with the same date states the same fact), except generic
        # titles, which need their own evidence: they are keyed by sentence.
        exact = (draft.title.text, _date_key(m.when),
                 f"{m.document}:{m.sentence[0]}" if draft.title.generic else "")
        same = _first_compatible(index.exact.get(exact, ()), draft)
        if same is None:
            same = _match(draft, index.candidates(draft, exact[1]))
        new = same is None
        if same is None:
            same = Cluster(m.when)
            clusters.append(same)
        same.add(draft, sentence)
        index.register(same, draft, new, exact, sentence)
    return clusters


def _first_compatible(clusters: Sequence[Cluster], draft: Draft) -> Cluster | None:
    for cluster in clusters:
        if compatible(cluster, draft):
            return cluster
    return None


def compatible(cluster: Cluster, draft: Draft) -> bool:
    """Whether ``draft`` may be the event of ``cluster`` as far as who is
    concerned (see the module notes): their agents, when both name one,
    share a word."""
    if draft.subject and cluster.subject_words:
        return not cluster.subject_words.isdisjoint(draft.subject.split())
    return True


def _date_key(when: When) -> _DateKey:
    """``when`` as a plain tuple, equal where the dates are equal: a dict
    key hashed and compared without a Python call."""
    return (when.start, when.end, when.granularity, when.approximate, when.relative)


def _finest_first(draft: Draft) -> tuple[int, bool, int, tuple[int, int, int]]:
    when = draft.mention.when
    return (_RANK[when.granularity], when.approximate, when.days, draft.order)


def _named(title: Title) -> bool:
    return not (title.generic or title.fallback)


def _year_keys(draft: Draft) -> list[tuple[str, int, str]]:
    """Index keys of a named title: its event noun, each year its date
    touches (none for dates wider than a dozen years) and each of its
    distinguishing words."""
    when = draft.mention.when
    first, last = when.start.year, when.end.year
    if last - first >= _MAX_INDEXED_YEARS:
        return []
    head, words = draft.title.head, draft.title.words
    return [(head, year, word) for year in range(first, last + 1) for word in words]


def _match(draft: Draft, candidates: Sequence[Cluster]) -> Cluster | None:
    """The one cluster ``draft`` belongs to, or None when none or several fit."""
    fits = [c for c in candidates
            if dates_fit(c.when, draft.mention.when) and compatible(c, draft)
            and _cluster_matches(c, draft)]
    return fits[0] if len(fits) == 1 else None


def dates_fit(a: When, b: When) -> bool:
    """Whether two dates may denote the same event."""
    if a.contains(b) or b.contains(a):
        return True
    return a.granularity is _DAY and b.granularity is _DAY \
        and a.overlaps(b)


def _cluster_matches(cluster: Cluster, draft: Draft) -> bool:
    """Whether ``draft``'s title matches any title in ``cluster``."""
    return any(_evidence(cluster, draft, title) for title in cluster.titles.values())


def _evidence(cluster: Cluster, draft: Draft, title: Title) -> bool:
    """Title match plus, for generic titles, evidence beyond the title."""
    mine = draft.title
    if mine.fallback or title.fallback:
        return mine.text.lower() == title.text.lower() or _same_sentence(cluster, draft)
    if not titles_match(mine, title):
        return False
    if not (mine.generic or title.generic):
        return True
    return _same_sentence(cluster, draft) or _same_day_evidence(cluster, draft)


def titles_match(a: Title, b: Title) -> bool:
    """Whether two titles can name the same event (generic ones always can)."""
    if a.head != b.head:
        return False
    if a.ordinal and b.ordinal and a.ordinal != b.ordinal:
        return False
    if a.generic or b.generic:
        return True
    shared = len(a.words & b.words)
    smaller = min(len(a.words), len(b.words))
    if shared == smaller and smaller >= _MIN_SUBSET_WORDS:
        return True
    return shared / len(a.words | b.words) >= _MIN_JACCARD


def _same_sentence(cluster: Cluster, draft: Draft) -> bool:
    m = draft.mention
    return (m.document, m.sentence[0]) in cluster.sentences


def _same_day_evidence(cluster: Cluster, draft: Draft) -> bool:
    """The very same day-precise date, and a shared actor or document."""
    when = draft.mention.when
    if when.granularity is not _DAY or when != cluster.when:
        return False
    return draft.mention.document in cluster.documents or \
        not cluster.actors.isdisjoint(draft.actors)


def combine(a: When, b: When) -> When:
    """The date of an event known by both ``a`` and ``b``."""
    if _RANK[a.granularity] != _RANK[b.granularity]:
        return a if _RANK[a.granularity] < _RANK[b.granularity] else b
    if a.approximate != b.approximate:
        return b if a.approximate else a
    if a.contains(b):
        return a
    if b.contains(a):
        return b
    if not a.overlaps(b):
        return a
    return When(min(a.start, b.start), max(a.end, b.end), a.granularity,
                a.approximate, a.relative and b.relative)


def best_title(cluster: Cluster) -> Title:
    """The title an event shows: a named one over a generic one over a
    clause, then the most often used, then the shortest."""
    titles = cluster.titles
    if len(titles) == 1:
        return next(iter(titles.values()))
    counts = Counter(d.title.text for d in cluster.drafts)
    return min(titles.values(),
               key=lambda t: (t.fallback, t.generic, -counts[t.text], len(t.text), t.text))


def best_kind(cluster: Cluster, title: Title) -> Kind:
    """The title's kind, or the commonest specific kind among the mentions."""
    if title.kind is not _OTHER:
        return title.kind
    kinds = Counter(d.title.kind for d in cluster.drafts if d.title.kind is not _OTHER)
    return kinds.most_common(1)[0][0] if kinds else _OTHER
