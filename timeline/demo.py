"""A generated collection of any size, to try the timeline at scale. Qt-free.

``timeline --demo N`` opens N events spread over a century in 20 documents.
Events come in bursts around a few busy periods over an even background, with
the mix of precisions real collections have (mostly days, some months,
seasons, years and ranges). Objects are shared where a real corpus would share
them too (dates, sentences, documents), so a million events fit in memory.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from timeline.model import Corpus, Document, Event, Granularity, Kind, Mention, When

LANES = 20
YEARS = 100
FIRST_YEAR = 1926

_SUBJECTS = ("Regional ministers", "The port authority", "Senior officials", "The council",
             "Delegates", "The central bank", "Health ministers", "The working group",
             "Trade envoys", "The assembly", "Border agencies", "The commission")
_ACTIONS = ("met on border management", "signed a water-sharing accord",
            "opened a regional office", "held a summit on food security",
            "launched a literacy campaign", "published a report on migration",
            "agreed a ceasefire framework", "hosted a workshop on data protection",
            "reviewed the customs union", "adopted a new charter")
_KINDS = (Kind.MEETING, Kind.AGREEMENT, Kind.LAUNCH, Kind.CONFERENCE, Kind.LAUNCH,
          Kind.PUBLICATION, Kind.AGREEMENT, Kind.WORKSHOP, Kind.MEETING, Kind.OTHER)
_PRECISIONS = (Granularity.DAY, Granularity.MONTH, Granularity.SEASON, Granularity.YEAR)
_PRECISION_SHARE = (0.72, 0.16, 0.04, 0.08)
_RANGE_SHARE = 0.06      # of day-precise events, stated as a span of 2-5 days


def demo_corpus(n: int, lanes: int = LANES, years: int = YEARS, seed: int = 1) -> Corpus:
    """``n`` events over ``years`` years in ``lanes`` documents."""
    rng = np.random.default_rng(seed)
    first = date(FIRST_YEAR, 1, 1).toordinal()
    span = (date(FIRST_YEAR + years, 1, 1).toordinal()) - first
    days = _days(rng, n, span) + first
    docs = rng.integers(0, max(lanes, 1), n)
    precision = rng.choice(len(_PRECISIONS), n, p=_PRECISION_SHARE)
    ranges = (precision == 0) & (rng.random(n) < _RANGE_SHARE)
    lengths = np.where(ranges, rng.integers(1, 5, n), 0)
    subjects = rng.integers(0, len(_SUBJECTS), n)
    actions = rng.integers(0, len(_ACTIONS), n)
    documents, sentences = _documents(max(lanes, 1), first, span)
    quotes = [documents[0].text[a:b] for a, b in sentences]
    titles = {(si, ai): f"{subject} {action}" for si, subject in enumerate(_SUBJECTS)
              for ai, action in enumerate(_ACTIONS)}
    whens: dict[tuple[int, int, int], When] = {}
    events = []
    order = np.argsort(days, kind="stable")
    for i, day, doc, p, extra, s, a in zip(
            order.tolist(), days[order].tolist(), docs[order].tolist(),
            precision[order].tolist(), lengths[order].tolist(), subjects[order].tolist(),
            actions[order].tolist(), strict=True):
        key = (day, p, extra)
        when = whens.get(key)
        if when is None:
            when = whens[key] = _when(day, _PRECISIONS[p], extra)
        mention = Mention(documents[doc].id, sentences[a], quotes[a], when, sentences[a])
        events.append(Event(f"demo-{i:07d}", titles[s, a], _KINDS[a], (), when, (mention,)))
    return Corpus(documents=tuple(documents), events=tuple(events))


def _days(rng: np.random.Generator, n: int, span: int) -> np.ndarray:
    """Day offsets: 60% even over the span, 40% in bursts around busy periods."""
    even = rng.integers(0, span, n)
    centres = rng.integers(0, span, 30)
    burst = centres[rng.integers(0, len(centres), n)] + rng.normal(0, 240, n).astype(np.int64)
    chosen = np.where(rng.random(n) < 0.6, even, burst)
    return np.clip(chosen, 0, span - 1)


def _when(ordinal: int, granularity: Granularity, extra_days: int) -> When:
    day = date.fromordinal(ordinal)
    if granularity is Granularity.DAY:
        return When(day, day + timedelta(days=extra_days), granularity)
    return When.unit(day, granularity)


def _documents(count: int, first: int, span: int) -> tuple[list[Document], list[tuple[int, int]]]:
    """Documents whose text holds one sentence per action; every event cites
    the sentence of its action in its own document."""
    text, sentences = "", []
    for action in _ACTIONS:
        sentence = f"Delegations {action}, as the record of the period shows."
        sentences.append((len(text), len(text) + len(sentence)))
        text += sentence + "\n"
    docs = []
    for i in range(count):
        own = date.fromordinal(first + (span * (i + 1)) // (count + 1))
        docs.append(Document(f"demo-doc-{i:02d}", f"demo/report-{i + 1:02d}.txt",
                             f"Generated report {i + 1}", own, text))
    return docs, sentences
