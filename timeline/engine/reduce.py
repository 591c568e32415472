"""Cross-document merging as a keyed reduce, giving exactly the events of a
merge of the whole collection.

Why it is exact: :func:`~timeline.events.merge.cluster_drafts` compares a
draft only with the clusters filed under the draft's own keys
(:func:`~timeline.events.merge.link_keys`), and it takes drafts in a total
order that each draft fixes alone (finest date first, then document
position and span). So two drafts can only end in one event when a chain of
drafts sharing keys joins them, and each connected component of the graph
"drafts sharing a key" merged on its own gives the events the whole merge
gives there: it sees the same clusters, in the same order, under the same
keys (even the cap on candidates per key counts only clusters of its own
component). Components are found and merged in keyed steps:

1. **map**, per partition of documents (:func:`prepare_part`): each
   draft's keys hashed to 64-bit numbers, the partition's drafts grouped by
   shared keys (a union-find), and each (key, group) pair routed to the
   reducer owning the key (:func:`key_share`);
2. **reduce by key** (:func:`join_groups`): groups of different partitions
   sharing a key are joined, as edges between group numbers;
3. **connect** (:func:`connect`): one union-find over all the edges gives
   every group its component. This is the only step that sees the whole
   collection, and it holds two integers per edge (a few dozen bytes per
   group of drafts, no mention, title or text): chains of shared keys can
   run through any number of partitions, so no keyed reduce of bounded
   rounds can close them, and this step is where they are closed;
4. **reduce by component** (:func:`route_drafts`, :func:`merge_routed`):
   drafts are routed to the reducer owning their component, which merges
   each component with :func:`~timeline.events.build.events_from_drafts`
   and gives back the rows the store needs, in bounded batches.

A hash collision between two keys can only join two components into one,
which changes nothing: merging two components together gives the events of
merging them apart.

Every function here is plain Python on plain data, with no engine in
sight: the Dask engine runs them as tasks, and the tests run them in one
process.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import numpy as np

from timeline.day import day_from_ordinal
from timeline.events.build import events_from_drafts
from timeline.events.candidates import Title
from timeline.events.merge import Draft, link_keys
from timeline.model import Event, Granularity, Kind, Mention, When
from timeline.pipeline import FileResult
from timeline.store import signature

GROUP_BITS = 32
"""A group of drafts is numbered ``partition << GROUP_BITS | group in it``."""

BATCH_MENTIONS = 20_000
"""Events come back to the writer in batches of about this many mentions,
so that the process writing the store never holds a large component whole."""

_SENTENCE_KEY = "s\x1f"
_new = tuple.__new__  # a named tuple made without its Python constructor


class Part(NamedTuple):
    """One partition's drafts, ready for the reduce."""

    index: int
    drafts: list[tuple]
    """Each draft as plain values (see :func:`packed`)."""
    sentences: list[str]
    """Each draft's sentence, for the full-text index."""
    groups: np.ndarray
    """Each draft's group within the partition."""
    buckets: list[np.ndarray]
    """For each reducer, rows of (key hash, group number) it owns."""


class EventBatch(NamedTuple):
    """Events with what the store keeps beside them (see
    :meth:`timeline.store.Store.replace_events`)."""

    events: list[Event]
    keys: dict[str, set[str]]
    bodies: dict[str, str]
    signatures: dict[str, str]


def key_hash(key: str) -> int:
    """A key as a signed 64-bit number (equal keys, equal numbers)."""
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def owner(number: int, reducers: int) -> int:
    """The reducer that owns a key hash or a component number."""
    return (number ^ (number >> GROUP_BITS)) % reducers


def prepare_part(index: int, results: Sequence[FileResult], reducers: int) -> Part:
    """Map step: the drafts of one partition's files, grouped where they
    share a key, with each (key, group) pair routed to its reducer."""
    drafts: list[Draft] = []
    sentences: list[str] = []
    for result in results:
        if result.document is None:
            continue
        text = result.document.text
        for draft in result.drafts:
            drafts.append(draft)
            start, stop = draft.mention.sentence
            sentences.append(text[start:stop])
    hashes = [[key_hash(k) for k in link_keys(d)] for d in drafts]
    groups = _local_groups(hashes)
    routed: list[dict[int, int]] = [{} for _ in range(reducers)]
    base = index << GROUP_BITS
    for keys, group in zip(hashes, groups, strict=True):
        for key in keys:
            routed[owner(key, reducers)][key] = base | group
    buckets = [np.array(sorted(pairs.items()), dtype=np.int64).reshape(-1, 2)
               for pairs in routed]
    return Part(index, [packed(d) for d in drafts], sentences,
                np.array(groups, dtype=np.int64), buckets)


def packed(draft: Draft) -> tuple:
    """A draft as a flat tuple of strings, numbers and tuples: drafts move
    between workers in the reduce, and such a tuple is pickled several times
    faster than the objects (each a dataclass or an enum) it stands for."""
    m, t = draft.mention, draft.title
    w = m.when
    return (draft.order, m.document, m.span, m.text, w.start.toordinal(), w.end.toordinal(),
            w.granularity.value, w.approximate, w.relative, m.sentence, t.text, t.head,
            t.ordinal, t.kind.value, tuple(sorted(t.words)), t.generic, t.fallback,
            draft.actors, draft.subject, m.planned, m.counted_from)


class _Unpacker:
    """Makes drafts of :func:`packed` tuples, each distinct date once."""

    def __init__(self) -> None:
        self._whens: dict[tuple, When] = {}
        self._granularities = {g.value: g for g in Granularity}
        self._kinds = {k.value: k for k in Kind}

    def __call__(self, row: tuple) -> Draft:
        (order, document, span, text, first, last, granularity, approximate, relative,
         sentence, title, head, ordinal, kind, words, generic, fallback, actors, subject,
         planned, counted_from) = row
        day = (first, last, granularity, approximate, relative)
        when = self._whens.get(day)
        if when is None:
            when = self._whens[day] = When(day_from_ordinal(first), day_from_ordinal(last),
                                           self._granularities[granularity], approximate,
                                           relative)
        mention = Mention(document, span, text, when, sentence, planned, counted_from)
        named = _new(Title, (title, head, ordinal, self._kinds[kind], frozenset(words),
                             generic, fallback))
        return _new(Draft, (order, mention, named, actors, subject))


def _local_groups(hashes: Sequence[Sequence[int]]) -> list[int]:
    """For each draft (given by its key hashes), the number of its group of
    drafts joined by shared keys, numbered from 0 in order of appearance."""
    parent: dict[int, int] = {}

    def root(key: int) -> int:
        while (up := parent.setdefault(key, key)) != key:
            parent[key] = parent.setdefault(up, up)  # halve the path
            key = up
        return key

    for keys in hashes:
        first = root(keys[0])
        for key in keys[1:]:
            other = root(key)
            if other != first:
                parent[other] = first
    numbers: dict[int, int] = {}
    return [numbers.setdefault(root(keys[0]), len(numbers)) for keys in hashes]


def pick(items: Sequence, index: int) -> object:
    """``items[index]``: one reducer's share of a map step's output."""
    return items[index]


def key_share(part: Part, reducer: int) -> np.ndarray:
    """The rows of (key hash, group) of ``part`` that ``reducer`` owns."""
    return part.buckets[reducer]


def join_groups(*shares: np.ndarray) -> np.ndarray:
    """Reduce by key: rows of (key hash, group) from every partition; gives
    an edge (group, group) for each pair of groups that share a key."""
    rows = np.concatenate([s for s in shares if len(s)]) if any(len(s) for s in shares) \
        else np.empty((0, 2), dtype=np.int64)
    if not len(rows):
        return np.empty((0, 2), dtype=np.int64)
    rows = rows[np.lexsort((rows[:, 1], rows[:, 0]))]
    same_key = rows[1:, 0] == rows[:-1, 0]
    # Each group with the first group of its key: a star joins them all.
    first = np.maximum.accumulate(np.where(np.r_[True, ~same_key], np.arange(len(rows)), 0))
    edges = np.stack([rows[first, 1], rows[:, 1]], axis=1)
    return edges[edges[:, 0] != edges[:, 1]]


def connect(edges: Sequence[np.ndarray], parts: int) -> list[np.ndarray]:
    """The union-find over every edge: for each partition, rows of (group,
    component) for its groups that were joined to another partition's,
    sorted by group. (A group not listed is a component of its own.)"""
    joined = np.concatenate([e for e in edges if len(e)]) if any(len(e) for e in edges) \
        else np.empty((0, 2), dtype=np.int64)
    nodes, dense = np.unique(joined, return_inverse=True)
    parent = list(range(len(nodes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in dense.reshape(-1, 2).tolist():
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = nodes[[root(i) for i in range(len(nodes))]] if len(nodes) else nodes
    table = np.stack([nodes, roots], axis=1) if len(nodes) else np.empty((0, 2), np.int64)
    part_of = nodes >> GROUP_BITS
    return [table[part_of == p] for p in range(parts)]


def route_drafts(part: Part, components: np.ndarray, reducers: int
                 ) -> list[list[tuple[int, tuple, str]]]:
    """Each draft of ``part`` (packed) with its component number, routed to
    the reducer owning the component."""
    routed: list[list[tuple[int, tuple, str]]] = [[] for _ in range(reducers)]
    groups = (part.index << GROUP_BITS) | part.groups
    if len(components):
        at = np.searchsorted(components[:, 0], groups).clip(0, len(components) - 1)
        found = components[at, 0] == groups
        groups = np.where(found, components[at, 1], groups)
    for number, draft, sentence in zip(groups.tolist(), part.drafts, part.sentences,
                                       strict=True):
        routed[owner(number, reducers)].append((number, draft, sentence))
    return routed


def merge_routed(*shares: list[tuple[int, tuple, str]]) -> list[EventBatch]:
    """Reduce by component: each component's drafts merged into events, in
    batches of about :data:`BATCH_MENTIONS` mentions (a large component's
    events spread over several)."""
    unpacked = _Unpacker()
    by_component: dict[int, list[tuple[Draft, str]]] = defaultdict(list)
    for share in shares:
        for number, row, sentence in share:
            by_component[number].append((unpacked(row), sentence))
    batches = [_empty_batch()]
    count = 0
    for number in sorted(by_component):
        for event, keys, body in _component_events(by_component.pop(number)):
            if count >= BATCH_MENTIONS:
                batches.append(_empty_batch())
                count = 0
            batch = batches[-1]
            batch.events.append(event)
            batch.keys[event.id] = keys
            batch.bodies[event.id] = body
            batch.signatures[event.id] = signature(event)
            count += len(event.mentions)
    return batches


def _empty_batch() -> EventBatch:
    return EventBatch([], {}, {}, {})


def _component_events(found: list[tuple[Draft, str]]) -> Iterator[tuple[Event, set[str], str]]:
    """One component's events, each with its keys (a sentence's keys left
    out: they never lead outside a document) and its source sentences, as
    the local merge gives them."""
    drafts = [d for d, _s in found]
    about = {(d.mention.document, d.mention.span): (d, s) for d, s in found}
    for event in events_from_drafts(drafts):
        keys: set[str] = set()
        sentences: dict[str, None] = {}
        for mention in event.mentions:
            draft, sentence = about[(mention.document, mention.span)]
            keys.update(k for k in link_keys(draft) if not k.startswith(_SENTENCE_KEY))
            sentences.setdefault(sentence)
        yield event, keys, "\n".join(sentences)
