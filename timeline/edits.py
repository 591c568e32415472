"""The user's corrections to a collection, kept as edits and applied in order.

Extraction gives a first draft; the user corrects it. A correction is never
written over the extracted rows: it is an :class:`Edit`, an immutable record
(id, :class:`EditKind`, the :class:`Anchor` passages it targets, a
:class:`Payload`, a timestamp), and the edited collection is always the
extracted one with the edits applied in order (:func:`apply_edits`). So
undo and redo are taking edits off the end of the list and putting them
back, and an edit survives a new extraction as long as its passage does.

Passages. An :class:`Anchor` is a passage of a document: the hash of the
document's text (:func:`text_hash`) and character offsets, with the
passage's own text, the characters around it and the document's path, so
that the passage can be found again when the document changed. An event is
identified by the anchors of its mentions (the spans of its date
expressions), never by its id, which a new extraction may change. How an
anchor is found in a collection (:meth:`CorpusIndex.locate`), first rule
that answers:

1. the document at the anchor's path (or, when no document has that path,
   the only one with the same file name: a collection handed on or moved)
   still has the same text: the same span;
2. (the path holds other text) the passage's text where the characters
   on both sides are those kept in the anchor, else on one side (the
   occurrence nearest the old offset when several qualify), else the
   passage's text alone when it occurs exactly once;
3. (no document at that path, or none of rule 2) a document elsewhere
   with the same text (a moved or renamed file): the same span.

An anchor not found so makes its edit an :class:`Orphan`: listed with
the reason, kept in the list, applied again should the passage come back.
A passage found where no mention starts exactly is taken to mean the
mention overlapping it most (the extractor may now read "29-30 March 2011"
where it read "March 2011").

Kinds, and what applying does (see :class:`Payload` for the fields):

* ``SET``: title, when, kind, actors (on the event) and status (planned
  or happened, on its :class:`EventState`); fields left None are unchanged;
* ``HIDE`` / ``SHOW``: the event stays in the collection, marked hidden;
* ``MERGE``: the events of two or more groups of anchors (``parts`` says
  how many anchors each event gave) become one: the first keeps its id,
  title, kind and date, takes every mention and the others' actors;
* ``SPLIT``: one mention (the only anchor) leaves its event for an event
  of its own, with the event's title, kind and actors and its own date;
* ``ADD``: a new event whose source passage is the anchor (a selection);
* ``NOTE``: the event's note (an empty text clears it);
* ``STAR``: starred on or off.

An event is ``edited`` in its state when its content changed (SET, MERGE,
SPLIT, ADD); hiding, a note or a star are kept in their own fields.
Edits that target one event act on the event holding their first anchor
that can be found.

Use: build a :class:`CorpusIndex` once per extraction, make edits with
:func:`set_edit`, :func:`hide_edit`, :func:`show_edit`, :func:`merge_edit`,
:func:`split_edit`, :func:`add_edit`, :func:`note_edit`, :func:`star_edit`,
and call ``apply_edits(corpus, edits, index)`` after each change; it is
deterministic, and events no edit targets are passed on as the same
objects. Edits go to and from JSON with :meth:`Edit.to_json` and
:meth:`Edit.from_json`.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, NamedTuple

from timeline.events.build import event_order
from timeline.model import (  # Status: re-exported, edits set it
    Corpus,
    Document,
    Event,
    Kind,
    Mention,
    Span,
    Status,
    When,
    shown_path,
    status_of,
)

CONTEXT_CHARS = 32
"""Characters kept on each side of a passage, to find it again after its
document changed."""

MAX_OCCURRENCES = 10_000
"""Occurrences of a passage's text looked at when finding it again (a bare
year may occur thousands of times in a book)."""


class EditError(ValueError):
    """An edit that cannot be made as asked (an empty selection, a merge of
    one event); the message says why, in words for the user."""


def text_hash(text: str) -> str:
    """The hash a document's text is known by in anchors."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


# ------------------------------------------------------------------ anchors
@dataclass(frozen=True, slots=True)
class Anchor:
    """A passage: the hash of its document's text and its offsets, with what
    it takes to find it again in a changed document (its path, its text and
    up to :data:`CONTEXT_CHARS` characters before and after it)."""

    doc_hash: str
    span: Span
    path: str = ""
    text: str = ""
    before: str = ""
    after: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"hash": self.doc_hash, "span": list(self.span), "path": self.path,
                "text": self.text, "before": self.before, "after": self.after}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Anchor:
        return cls(str(data["hash"]), (int(data["span"][0]), int(data["span"][1])),
                   str(data["path"]), str(data["text"]), str(data["before"]),
                   str(data["after"]))


def passage_anchor(document: Document, span: Span, doc_hash: str | None = None) -> Anchor:
    """The anchor of ``span`` in ``document`` (``doc_hash``: its text's
    hash when already known)."""
    start, end = span
    text = document.text
    if not 0 <= start < end <= len(text):
        raise EditError(f"the passage {start}-{end} is not within the document "
                        f"({len(text)} characters)")
    return Anchor(doc_hash or text_hash(text), (start, end), document.path, text[start:end],
                  text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS])


def anchor_of(mention: Mention, documents: CorpusIndex | Corpus | Mapping[str, Document]
              ) -> Anchor:
    """The anchor of a mention's date expression; ``documents`` gives its
    document by id (a :class:`CorpusIndex` also knows the hashes)."""
    if isinstance(documents, CorpusIndex):
        return documents.anchor(mention)
    if isinstance(documents, Corpus):
        return passage_anchor(documents.document(mention.document), mention.span)
    return passage_anchor(documents[mention.document], mention.span)


class Location(NamedTuple):
    """Where an anchor is in a collection: a document id and a span."""

    doc_id: str
    span: Span


MentionKey = tuple[str, Span]


class CorpusIndex:
    """Look-ups over one extracted collection that edits need: documents by
    path and text hash, the event of each mention, where anchors are. Build
    it once per extraction and pass it to every :func:`apply_edits` (undo
    and redo then cost only the edits); it is never changed by applying."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.documents = {d.id: d for d in corpus.documents}
        self.positions = {d.id: i for i, d in enumerate(corpus.documents)}
        self.events = {e.id: e for e in corpus.events}
        self.owner: dict[MentionKey, str] = {
            (m.document, m.span): e.id for e in corpus.events for m in e.mentions}
        self._by_path: dict[str, Document] = {}
        self._by_name: dict[str, Document | None] = {}  # None: a name held twice
        for doc in reversed(corpus.documents):  # the first of a path wins
            self._by_path[doc.path] = doc
            name = os.path.basename(doc.path)
            self._by_name[name] = None if name in self._by_name else doc
        self._hashes: dict[str, str] = {}
        self._by_hash: dict[str, Document] | None = None
        self._spans: dict[str, list[tuple[int, int]]] | None = None
        self._found: dict[Anchor, Location | str] = {}
        self._near: dict[Location, MentionKey | None] = {}

    def hash_of(self, doc: Document) -> str:
        found = self._hashes.get(doc.id)
        if found is None:
            found = self._hashes[doc.id] = text_hash(doc.text)
        return found

    def anchor(self, mention: Mention) -> Anchor:
        doc = self.documents[mention.document]
        return passage_anchor(doc, mention.span, self.hash_of(doc))

    def passage(self, doc_id: str, span: Span) -> Anchor:
        doc = self.documents[doc_id]
        return passage_anchor(doc, span, self.hash_of(doc))

    def locate(self, anchor: Anchor) -> Location | str:
        """Where ``anchor`` is (see the module notes), or why it is not found."""
        found = self._found.get(anchor)
        if found is None:
            found = self._found[anchor] = self._locate(anchor)
        return found

    def _locate(self, anchor: Anchor) -> Location | str:
        doc = self._by_path.get(anchor.path) or self._by_name.get(
            os.path.basename(anchor.path))
        if doc is not None:
            if self.hash_of(doc) == anchor.doc_hash and _holds(doc.text, anchor):
                return Location(doc.id, anchor.span)
            span = relocate(doc.text, anchor)
            if span is not None:
                return Location(doc.id, span)
        twin = self._documents_by_hash().get(anchor.doc_hash)
        if twin is not None and _holds(twin.text, anchor):
            return Location(twin.id, anchor.span)
        name = shown_path(os.path.basename(anchor.path)) or "its document"
        if doc is None:
            return f"{name} is no longer in the collection"
        return f"the passage \u201c{_short(anchor.text)}\u201d is no longer in {name}"

    def _documents_by_hash(self) -> dict[str, Document]:
        # Every text hashed: only when a path is gone, once per extraction.
        if self._by_hash is None:
            self._by_hash = {}
            for doc in self.corpus.documents:
                self._by_hash.setdefault(self.hash_of(doc), doc)
        return self._by_hash

    def mention_near(self, where: Location) -> MentionKey | None:
        """The extracted mention at ``where``, else the one overlapping it most."""
        if (where.doc_id, where.span) in self.owner:
            return where.doc_id, where.span
        if where not in self._near:
            self._near[where] = self._overlapping(where)
        return self._near[where]

    def _overlapping(self, where: Location) -> MentionKey | None:
        if self._spans is None:
            spans: dict[str, list[tuple[int, int]]] = {}
            for doc_id, span in self.owner:
                spans.setdefault(doc_id, []).append(span)
            for found in spans.values():
                found.sort()
            self._spans = spans
        spans_here = self._spans.get(where.doc_id, [])
        start, end = where.span
        best: tuple[int, int] | None = None
        best_overlap = 0
        # Spans starting before ``end``; a date expression is short, so
        # looking back a few is enough to meet every overlap.
        stop = bisect.bisect_left(spans_here, (end, -1))
        for span in reversed(spans_here[max(0, stop - 64):stop]):
            overlap = min(end, span[1]) - max(start, span[0])
            if overlap > best_overlap or (overlap == best_overlap and overlap > 0
                                          and best is not None and span < best):
                best, best_overlap = span, overlap
        return (where.doc_id, best) if best is not None else None


def _holds(text: str, anchor: Anchor) -> bool:
    start, end = anchor.span
    return end <= len(text) and text[start:end] == anchor.text


def relocate(text: str, anchor: Anchor) -> Span | None:
    """Where ``anchor``'s passage is in ``text``, a changed version of its
    document: rule 2 of the module notes."""
    wanted = anchor.text
    if not wanted:
        return None
    scored: list[tuple[int, int]] = []  # (sides that agree, start)
    at = text.find(wanted)
    while at >= 0 and len(scored) < MAX_OCCURRENCES:
        end = at + len(wanted)
        sides = ((text[max(0, at - CONTEXT_CHARS):at] == anchor.before)
                 + (text[end:end + CONTEXT_CHARS] == anchor.after))
        scored.append((sides, at))
        at = text.find(wanted, at + 1)
    if not scored:
        return None
    best = max(sides for sides, _at in scored)
    places = [at for sides, at in scored if sides == best]
    if best == 0 and len(places) > 1:
        return None  # a bare text occurring more than once: no telling which
    old = anchor.span[0]
    start = min(places, key=lambda at: (abs(at - old), at))
    return start, start + len(wanted)


def _short(text: str, most: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[:most - 1] + "\u2026"


# -------------------------------------------------------------------- edits
class EditKind(StrEnum):
    SET = "set"
    HIDE = "hide"
    SHOW = "show"
    MERGE = "merge"
    SPLIT = "split"
    ADD = "add"
    NOTE = "note"
    STAR = "star"


@dataclass(frozen=True, slots=True)
class Payload:
    """What an edit says; each kind uses its own fields (None: not said).

    SET: any of ``title``, ``when``, ``kind``, ``actors``, ``status``;
    ADD: ``title``, ``when`` and optionally ``kind``, ``actors``, ``status``;
    NOTE: ``note``; STAR: ``starred``; MERGE: ``parts``, the number of
    anchors each merged event gave, in order.
    """

    title: str | None = None
    when: When | None = None
    kind: Kind | None = None
    actors: tuple[str, ...] | None = None
    status: Status | None = None
    note: str | None = None
    starred: bool | None = None
    parts: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for name in ("title", "note", "starred"):
            if getattr(self, name) is not None:
                found[name] = getattr(self, name)
        if self.when is not None:
            found["when"] = self.when.to_json()
        if self.kind is not None:
            found["kind"] = self.kind.value
        if self.actors is not None:
            found["actors"] = list(self.actors)
        if self.status is not None:
            found["status"] = self.status.value
        if self.parts:
            found["parts"] = list(self.parts)
        return found

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Payload:
        def text(name: str) -> str | None:
            return None if data.get(name) is None else str(data[name])

        return cls(
            title=text("title"),
            when=When.from_json(data["when"]) if data.get("when") is not None else None,
            kind=Kind(data["kind"]) if data.get("kind") is not None else None,
            actors=tuple(map(str, data["actors"])) if data.get("actors") is not None else None,
            status=Status(data["status"]) if data.get("status") is not None else None,
            note=text("note"),
            starred=bool(data["starred"]) if data.get("starred") is not None else None,
            parts=tuple(int(p) for p in data.get("parts", ())))


_CHANGES = ("title", "when", "kind", "actors", "status")


@dataclass(frozen=True, slots=True)
class Edit:
    """One correction by the user; never changed once made."""

    id: str
    kind: EditKind
    anchors: tuple[Anchor, ...]
    payload: Payload = field(default_factory=Payload)
    at: str = ""
    """When it was made: ISO 8601, UTC."""

    def __post_init__(self) -> None:
        problem = _invalid(self)
        if problem:
            raise EditError(problem)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind.value, "at": self.at,
                "anchors": [a.to_json() for a in self.anchors],
                "payload": self.payload.to_json()}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Edit:
        return cls(str(data["id"]), EditKind(data["kind"]),
                   tuple(Anchor.from_json(a) for a in data["anchors"]),
                   Payload.from_json(data.get("payload") or {}), str(data.get("at", "")))


def _invalid(edit: Edit) -> str:
    """Why ``edit`` cannot be applied as made ("" when it can)."""
    kind, p = edit.kind, edit.payload
    if not edit.anchors:
        return "an edit needs the passage it is about"
    if kind is EditKind.SET and all(getattr(p, name) is None for name in _CHANGES):
        return "nothing to change"
    if kind in (EditKind.SPLIT, EditKind.ADD) and len(edit.anchors) != 1:
        return f"a {kind.value} edit takes one passage"
    if kind is EditKind.ADD and (not p.title or p.when is None):
        return "a new event needs a title and a date"
    if kind is EditKind.MERGE and (len(p.parts) < 2 or sum(p.parts) != len(edit.anchors)
                                   or min(p.parts) < 1):
        return "a merge takes two or more events"
    if kind is EditKind.NOTE and p.note is None:
        return "a note needs its text"
    if kind is EditKind.STAR and p.starred is None:
        return "a star is on or off"
    return ""


def new_edit(kind: EditKind, anchors: Sequence[Anchor], payload: Payload = Payload(),
             edit_id: str | None = None, at: str | None = None) -> Edit:
    """An edit with a fresh id and the time now (unless given)."""
    return Edit(edit_id or uuid.uuid4().hex, kind, tuple(anchors), payload,
                at if at is not None else datetime.now(UTC).isoformat(timespec="seconds"))


def event_anchors(event: Event, index: CorpusIndex) -> tuple[Anchor, ...]:
    """The anchors an event is known by: those of all its mentions."""
    return tuple(index.anchor(m) for m in event.mentions)


def set_edit(event: Event, index: CorpusIndex, *, title: str | None = None,
             when: When | None = None, kind: Kind | None = None,
             actors: Iterable[str] | None = None, status: Status | None = None) -> Edit:
    """Change some of an event's title, date, kind, actors and status."""
    if title is not None and not title.strip():
        raise EditError("an event needs a title")
    return new_edit(EditKind.SET, event_anchors(event, index), Payload(
        title=title.strip() if title is not None else None, when=when, kind=kind,
        actors=tuple(actors) if actors is not None else None, status=status))


def hide_edit(event: Event, index: CorpusIndex) -> Edit:
    return new_edit(EditKind.HIDE, event_anchors(event, index))


def show_edit(event: Event, index: CorpusIndex) -> Edit:
    return new_edit(EditKind.SHOW, event_anchors(event, index))


def note_edit(event: Event, index: CorpusIndex, text: str) -> Edit:
    return new_edit(EditKind.NOTE, event_anchors(event, index), Payload(note=text))


def star_edit(event: Event, index: CorpusIndex, on: bool = True) -> Edit:
    return new_edit(EditKind.STAR, event_anchors(event, index), Payload(starred=on))


def merge_edit(events: Sequence[Event], index: CorpusIndex) -> Edit:
    """Merge ``events`` into the first."""
    if len({e.id for e in events}) < 2:
        raise EditError("choose two or more events to merge")
    groups = [event_anchors(e, index) for e in events]
    return new_edit(EditKind.MERGE, [a for g in groups for a in g],
                    Payload(parts=tuple(len(g) for g in groups)))


def split_edit(mention: Mention, index: CorpusIndex) -> Edit:
    """Take ``mention`` out of its event, into an event of its own."""
    return new_edit(EditKind.SPLIT, [index.anchor(mention)])


def add_edit(doc_id: str, span: Span, index: CorpusIndex, title: str, when: When,
             kind: Kind = Kind.OTHER, actors: Iterable[str] = (),
             status: Status | None = None) -> Edit:
    """A new event whose source passage is ``span`` of document ``doc_id``."""
    if not title.strip():
        raise EditError("a new event needs a title")
    if span[0] >= span[1]:
        raise EditError("select the passage the event comes from")
    return new_edit(EditKind.ADD, [index.passage(doc_id, span)], Payload(
        title=title.strip(), when=when, kind=kind, actors=tuple(actors), status=status))


# ---------------------------------------------------------------- applying
@dataclass(frozen=True, slots=True)
class EventState:
    """What the user's edits say of one event beyond its fields."""

    status: Status | None = None
    edited: bool = False
    note: str = ""
    starred: bool = False
    hidden: bool = False
    edits: tuple[str, ...] = ()
    """Ids of the edits that touched it, in order."""


UNTOUCHED = EventState()


@dataclass(frozen=True, slots=True)
class Orphan:
    """An edit whose passage (or one of a merge's events) is not found, and
    why, in words for the user. ``applied``: a merge done in part."""

    edit: Edit
    reason: str
    applied: bool = False


@dataclass(frozen=True, slots=True)
class Applied:
    """The edited collection: ``corpus`` (hidden events still in it),
    ``states`` of the events any edit touched, and the orphaned edits."""

    corpus: Corpus
    states: Mapping[str, EventState]
    orphans: tuple[Orphan, ...]

    def state(self, event_id: str) -> EventState:
        return self.states.get(event_id, UNTOUCHED)

    @property
    def hidden(self) -> frozenset[str]:
        return frozenset(i for i, s in self.states.items() if s.hidden)

    @property
    def edited(self) -> frozenset[str]:
        return frozenset(i for i, s in self.states.items() if s.edited)


def apply_edits(corpus: Corpus, edits: Iterable[Edit],
                index: CorpusIndex | None = None) -> Applied:
    """``corpus`` as extracted, with ``edits`` applied in order (``index``:
    the :class:`CorpusIndex` of ``corpus``, kept between calls)."""
    if index is None or index.corpus is not corpus:
        index = CorpusIndex(corpus)
    work = _Work(index)
    for edit in edits:
        work.apply(edit)
    return work.result()


class _Mark:
    """An event's state while edits are applied (made frozen at the end)."""

    __slots__ = ("edited", "edits", "hidden", "note", "starred", "status")

    def __init__(self) -> None:
        self.status: Status | None = None
        self.edited = False
        self.note = ""
        self.starred = False
        self.hidden = False
        self.edits: list[str] = []

    def frozen(self) -> EventState:
        return EventState(self.status, self.edited, self.note, self.starred, self.hidden,
                          tuple(self.edits))


class _Work:
    """The collection part-way through the edits: only what they changed is
    held here; everything else is read from the index."""

    def __init__(self, index: CorpusIndex) -> None:
        self.index = index
        self.events: dict[str, Event] = {}  # changed or made by an edit
        self.made: list[str] = []  # ids of the events edits made, in order
        self.removed: set[str] = set()
        self.owner: dict[MentionKey, str] = {}  # mentions that changed event
        self.marks: dict[str, _Mark] = {}
        self.orphans: list[Orphan] = []
        self.order: dict[str, int] = {}  # each edit's place in the list
        self.reorder = False

    # ------------------------------------------------------------- looking up
    def event(self, event_id: str) -> Event:
        found = self.events.get(event_id)
        return found if found is not None else self.index.events[event_id]

    def owner_of(self, key: MentionKey) -> str:
        return self.owner.get(key) or self.index.owner[key]

    def target(self, anchor: Anchor) -> tuple[str, MentionKey] | str:
        """The event holding ``anchor``'s mention and the mention's key, or
        why none is found."""
        where = self.index.locate(anchor)
        if isinstance(where, str):
            return where
        key = (where.doc_id, where.span)
        if key in self.owner:  # a mention an edit added
            return self.owner[key], key
        near = self.index.mention_near(where)
        if near is None:
            name = shown_path(os.path.basename(anchor.path)) or "its document"
            return (f"no event is found at \u201c{_short(anchor.text)}\u201d "
                    f"in {name} any more")
        return self.owner_of(near), near

    def first_target(self, anchors: Sequence[Anchor]) -> tuple[str, MentionKey] | str:
        reason = ""
        for anchor in anchors:
            found = self.target(anchor)
            if not isinstance(found, str):
                return found
            reason = reason or found
        return reason

    def mark(self, event_id: str, edit: Edit, edited: bool = False) -> _Mark:
        found = self.marks.get(event_id)
        if found is None:
            found = self.marks[event_id] = _Mark()
        if not found.edits or found.edits[-1] != edit.id:
            found.edits.append(edit.id)
        found.edited = found.edited or edited
        return found

    def put(self, event: Event, new: bool = False) -> None:
        self.events[event.id] = event
        if new:
            self.made.append(event.id)
            self.reorder = True

    def fresh_id(self, base: str) -> str:
        """``base``, or ``base`` with a number when an event has that id."""
        candidate, n = base, 1
        while (candidate in self.index.events or candidate in self.events):
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    # -------------------------------------------------------------- applying
    def apply(self, edit: Edit) -> None:
        self.order.setdefault(edit.id, len(self.order))
        if edit.kind is EditKind.MERGE:
            self.merge(edit)
        elif edit.kind is EditKind.ADD:
            self.add(edit)
        else:
            found = self.first_target(edit.anchors)
            if isinstance(found, str):
                self.orphans.append(Orphan(edit, found))
                return
            event_id, key = found
            if edit.kind is EditKind.SPLIT:
                self.split(edit, event_id, key)
            else:
                self.change(edit, event_id)

    def change(self, edit: Edit, event_id: str) -> None:
        p = edit.payload
        kind = edit.kind
        mark = self.mark(event_id, edit, edited=kind is EditKind.SET)
        if kind is EditKind.SET:
            self.set_fields(event_id, p)
            if p.status is not None:
                mark.status = p.status
        elif kind in (EditKind.HIDE, EditKind.SHOW):
            mark.hidden = kind is EditKind.HIDE
        elif kind is EditKind.NOTE:
            mark.note = p.note or ""
        elif kind is EditKind.STAR:
            mark.starred = bool(p.starred)

    def set_fields(self, event_id: str, p: Payload) -> None:
        changes: dict[str, Any] = {}
        if p.title is not None:
            changes["title"] = p.title
        if p.when is not None:
            changes["when"] = p.when
        if p.kind is not None:
            changes["kind"] = p.kind
        if p.actors is not None:
            changes["actors"] = p.actors
        if changes:
            self.put(replace(self.event(event_id), **changes))
            self.reorder = self.reorder or "title" in changes or "when" in changes

    def merge(self, edit: Edit) -> None:
        ids: list[str] = []
        reason = ""
        start = 0
        for size in edit.payload.parts:
            found = self.first_target(edit.anchors[start:start + size])
            start += size
            if isinstance(found, str):
                reason = reason or found
            elif found[0] not in ids:
                ids.append(found[0])
        if len(ids) >= 2:
            self.join(edit, ids)
        if reason:
            self.orphans.append(Orphan(edit, reason, applied=len(ids) >= 2))

    def join(self, edit: Edit, ids: list[str]) -> None:
        """Merge the events ``ids`` into the first."""
        events = [self.event(i) for i in ids]
        positions = self.index.positions
        mentions = sorted({(m.document, m.span): m for e in events for m in e.mentions}.values(),
                          key=lambda m: (positions.get(m.document, -1), m.span))
        actors = tuple(dict.fromkeys(a for e in events for a in e.actors))
        survivor = replace(events[0], mentions=tuple(mentions), actors=actors,
                           status=status_of(tuple(mentions)))
        self.put(survivor)
        mark = self.mark(survivor.id, edit, edited=True)
        for other in events[1:]:
            self.removed.add(other.id)
            for m in other.mentions:
                self.owner[(m.document, m.span)] = survivor.id
            gone = self.marks.pop(other.id, None)
            if gone is not None:
                _absorb(mark, gone, self.order)

    def split(self, edit: Edit, event_id: str, key: MentionKey) -> None:
        event = self.event(event_id)
        if len(event.mentions) < 2:
            self.mark(event_id, edit)  # already on its own: nothing to do
            return
        taken = next(m for m in event.mentions if (m.document, m.span) == key)
        rest = tuple(m for m in event.mentions if m is not taken)
        self.put(replace(event, mentions=rest, status=status_of(rest)))
        self.mark(event_id, edit, edited=True)
        child = Event(self.fresh_id(f"{event_id}~{key[0]}:{key[1][0]}"), event.title,
                      event.kind, event.actors, taken.when, (taken,), status_of((taken,)))
        self.put(child, new=True)
        self.owner[key] = child.id
        self.mark(child.id, edit, edited=True)

    def add(self, edit: Edit) -> None:
        anchor, p = edit.anchors[0], edit.payload
        where = self.index.locate(anchor)
        if isinstance(where, str):
            self.orphans.append(Orphan(edit, where))
            return
        doc = self.index.documents[where.doc_id]
        start, end = where.span
        assert p.title is not None and p.when is not None  # checked when made
        mention = Mention(where.doc_id, where.span, doc.text[start:end], p.when, where.span)
        event = Event(self.fresh_id("u" + edit.id[:16]), p.title, p.kind or Kind.OTHER,
                      p.actors or (), p.when, (mention,))
        self.put(event, new=True)
        self.owner[(where.doc_id, where.span)] = event.id
        mark = self.mark(event.id, edit, edited=True)
        mark.status = p.status

    # ----------------------------------------------------------------- result
    def result(self) -> Applied:
        corpus = self.index.corpus
        if self.events or self.removed:
            events = [self.events.get(e.id, e) for e in corpus.events
                      if e.id not in self.removed]
            events += (self.events[i] for i in self.made if i not in self.removed)
            if self.reorder:
                events.sort(key=event_order)
            corpus = replace(corpus, events=tuple(events))
        states = {i: m.frozen() for i, m in self.marks.items() if i not in self.removed}
        return Applied(_with_user_status(corpus, states), states, tuple(self.orphans))


def _with_user_status(corpus: Corpus, states: Mapping[str, EventState]) -> Corpus:
    """``corpus`` with the status the user set on an event in place of the
    extracted one, so that whatever reads the events (canvas, filters,
    table, exports) shows the user's choice."""
    said = {i: s.status for i, s in states.items() if s.status is not None}

    def differs(event: Event) -> bool:
        return said.get(event.id, event.status) is not event.status

    if not said or not any(differs(e) for e in corpus.events):
        return corpus
    return replace(corpus, events=tuple(
        replace(e, status=said[e.id]) if differs(e) else e for e in corpus.events))


def _absorb(into: _Mark, other: _Mark, order: Mapping[str, int]) -> None:
    """What a merged-away event's state gives the event it joined: its
    status when the first has none, its star, its note after the first's."""
    into.status = into.status or other.status
    into.starred = into.starred or other.starred
    if other.note and other.note != into.note:
        into.note = f"{into.note}\n\n{other.note}" if into.note else other.note
    into.edits = sorted(set(into.edits) | set(other.edits), key=order.__getitem__)
