"""Word (.docx) through python-docx: paragraphs, lists and tables in order.

python-docx opens the package and the core properties; the body is walked
here, element by element, because ``Paragraph.text`` leaves out text inside
tracked insertions, content controls and fields, where dates often sit.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from lxml import etree

from timeline.ingest.base import (
    RawDocument,
    ReadError,
    clean_title,
    describe_error,
    first_line,
    megabytes,
    require_text,
)
from timeline.ingest.limits import DEFAULT_LIMITS, Limits
from timeline.ingest.word_lists import ListLabels

_P, _TBL, _SDT, _SDT_CONTENT = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
_TR, _TC, _T, _TAB = qn("w:tr"), qn("w:tc"), qn("w:t"), qn("w:tab")
_BR, _CR, _NB_HYPHEN = qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen")
_PPR, _NUMPR, _ILVL, _NUMID = qn("w:pPr"), qn("w:numPr"), qn("w:ilvl"), qn("w:numId")
_R, _RPR, _VANISH, _VAL = qn("w:r"), qn("w:rPr"), qn("w:vanish"), qn("w:val")
_PSTYLE, _BASED_ON = qn("w:pStyle"), qn("w:basedOn")
_STYLE, _STYLE_ID = qn("w:style"), qn("w:styleId")
_ABSTRACT_NUM, _LVL, _DEEPEST_LEVEL = qn("w:abstractNum"), qn("w:lvl"), 8
_SDT_CHILDREN = f"{_SDT_CONTENT}/*"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Text never shown in the document: deleted revisions, the second copy of a
# text box kept for old readers, and field codes.
_SKIPPED = frozenset({qn("w:del"), qn("w:delText"), qn("w:instrText"), _FALLBACK, _PPR})
# Characters that elements of a run stand for.
_MARKS = MappingProxyType({_TAB: "\t", _BR: "\n", _CR: "\n", _NB_HYPHEN: "-"})
_CELL = "|"
_BLANK_RUNS = re.compile(r"\n{3,}")
# python-docx's own template says it was created at this moment; a file that
# still carries it never had a creation date of its own.
_TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15)
_CHUNK = 1 << 20
# Every central directory entry of a ZIP starts with this signature, so its
# count in the file bounds the number of members zipfile will list.
_CENTRAL_ENTRY = b"PK\x01\x02"
_XML_STARTS = (b"<", b"\xef\xbb\xbf", b"\xfe\xff", b"\xff\xfe")


def read_docx(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """The text, title and creation date of a Word document.

    Raises :class:`ReadError` for a damaged file, a ZIP that is not a Word
    document, one over ``limits`` (parts, bytes unpacked, bytes of XML), or
    a document with no text.
    """
    _check_archive(path, data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
        text = "\n".join(_Body(document).lines(document.element.body))
    except Exception as error:
        # A damaged package fails anywhere inside python-docx or lxml, with
        # KeyError, ValueError, XMLSyntaxError and more: all mean "damaged".
        raise ReadError(path, f"damaged Word document ({describe_error(error)})") from None
    text = require_text(path, _BLANK_RUNS.sub("\n\n", text).strip("\n"), "the Word document")
    title, created = _core_properties(document)
    return RawDocument(text=text, title=title or first_line(text), created=created)


def _check_archive(path: Path, data: bytes, limits: Limits) -> None:
    """A ReadError unless ``data`` is a ZIP holding ``word/document.xml`` that
    keeps within ``limits`` once every member is inflated.

    python-docx reads each part it finds whole into memory and parses the
    XML ones, so every member is inflated here first, whatever its name,
    counting the bytes that come out rather than the sizes the headers
    declare. Afterwards python-docx's own reading is bounded by what was
    counted: zipfile inflates a member no further than its stream goes.
    """
    if data.count(_CENTRAL_ENTRY) > limits.members:
        # Counted before zipfile builds an object per entry, which for a
        # file packed with entries would cost more memory than the file.
        raise ReadError(path, _too_many_parts(limits.members))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if "word/document.xml" not in {m.filename for m in members}:
                raise ReadError(path, "not a Word document: a ZIP archive without "
                                      "word/document.xml")
            _Unpacking(path, limits).inflate_all(archive, members)
    except ReadError:
        raise
    except Exception as error:  # zipfile fails on damage with many types, even NotImplementedError
        raise ReadError(path, f"damaged Word document (not a readable ZIP archive: {error})") \
            from None


def _too_many_parts(limit: int) -> str:
    return f"the Word document holds more parts than the {limit:,} limit"


class _Unpacking:
    """Inflates the members of a package in turn, keeping count against the limits."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self._path = path
        self._limits = limits
        self._unpacked = 0
        self._markup = 0

    def inflate_all(self, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
        """Inflate every member, raising ReadError as soon as a limit is passed."""
        if len(members) > self._limits.members:
            raise ReadError(self._path, _too_many_parts(self._limits.members))
        for member in members:
            self._inflate(archive, member)

    def _inflate(self, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # Word only stores or deflates; bzip2 and LZMA would inflate a
            # whole input block at once, with no bound on the output.
            raise ReadError(self._path, f"damaged Word document ({member.filename} is "
                                        f"compressed with method {member.compress_type}, "
                                        "which Word does not use)")
        is_markup: bool | None = None
        for chunk in _chunks(archive, member, self._limits.unpacked_bytes - self._unpacked + 1):
            if is_markup is None:
                is_markup = _looks_like_xml(chunk)
            self._count(len(chunk), is_markup)

    def _count(self, size: int, is_markup: bool) -> None:
        self._unpacked += size
        if self._unpacked > self._limits.unpacked_bytes:
            raise ReadError(self._path, "the Word document unpacks to more than the "
                                        f"{megabytes(self._limits.unpacked_bytes)} limit")
        self._markup += size if is_markup else 0
        if self._markup > self._limits.markup_bytes:
            raise ReadError(self._path, "the Word document unpacks to more than the "
                                        f"{megabytes(self._limits.markup_bytes)} limit of XML")


def _chunks(archive: zipfile.ZipFile, member: zipfile.ZipInfo, most: int) -> Iterator[bytes]:
    """The member's content as it inflates, up to ``most`` bytes, whatever
    size its header declares.

    zipfile stops a member at its declared size, so it is opened through a
    copy declaring ``most``: a member whose stream runs on past its header's
    size is then counted for what it really holds. The copy declares no CRC
    either, which would be checked against the cut-off content; python-docx
    checks it when it reads the member.
    """
    unbounded = copy.copy(member)
    unbounded.file_size = most
    unbounded.CRC = None  # type: ignore[assignment]
    with archive.open(unbounded) as stream:
        while chunk := stream.read(_CHUNK):
            yield chunk


def _looks_like_xml(head: bytes) -> bool:
    """Whether a member starting with ``head`` may be XML that lxml would
    parse into a tree: "<" or a byte order mark once white space and the
    NUL bytes of UTF-16 and UTF-32 are skipped. A head of nothing but white
    space counts as XML too, as its "<" may come after it."""
    start = head.lstrip(b" \t\r\n\x00")
    return start.startswith(_XML_STARTS) or not head.strip(b" \t\r\n")


def _numbering_element(document: docx.document.Document) -> etree._Element | None:
    try:
        numbering = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    except KeyError:
        return None
    _drop_unused_levels(numbering)
    return numbering


def _drop_unused_levels(numbering: etree._Element) -> None:
    """Remove from the numbering part the list levels outside 0 to 8, which
    no paragraph can use (list labels clamp the level to Word's nine).

    :class:`ListLabels` copies an abstract list's levels for every list
    built on it, so a part declaring a hundred thousand levels for a
    hundred thousand lists, a few MB of XML, would cost their product.
    """
    for abstract in numbering.iterchildren(_ABSTRACT_NUM):
        for level in [lvl for lvl in abstract.iterchildren(_LVL) if not _is_word_level(lvl)]:
            abstract.remove(level)


def _is_word_level(level: etree._Element) -> bool:
    try:
        return 0 <= int(level.get(_ILVL, "")) <= _DEEPEST_LEVEL
    except ValueError:
        return False


class _Body:
    """Walks a document body into lines, numbering list items on the way.

    Content controls are walked with a stack of their own rather than by
    recursion; tables within table cells are walked by recursion, two calls
    a level, which the XML parser bounds: python-docx parses without
    ``huge_tree``, so libxml2 refuses anything nested over 256 elements
    deep, and a table level takes three (table, row, cell).
    """

    def __init__(self, document: docx.document.Document) -> None:
        self._styles = _styles_by_id(document.styles.element)
        self._style_numbers: dict[str, etree._Element | None] = {}
        self._labels = ListLabels(_numbering_element(document))

    def lines(self, parent: etree._Element) -> Iterator[str]:
        """The lines of the paragraphs and tables under ``parent``: one line a
        paragraph, one a table row."""
        for block in _blocks(parent):
            if block.tag == _P:
                yield self._paragraph(block)
                continue
            for row in block.iterchildren(_TR):
                words: list[str] = []
                self._add_row(row, words)
                if words:
                    yield " ".join(words)

    def _paragraph(self, paragraph: etree._Element) -> str:
        return self._list_prefix(paragraph) + paragraph_text(paragraph)

    def _add_row(self, row: etree._Element, words: list[str]) -> None:
        """Add the words of a row's non-empty cells to ``words``, with "|"
        between cells. A cell's paragraphs and nested tables are run
        together, so that a row stays one line; the words are gathered in
        one list, not joined level by level, so nesting costs nothing more."""
        filled = False
        for cell in row.iterchildren(_TC):
            start = len(words)
            if filled:
                words.append(_CELL)
            self._add_cell(cell, words)
            if len(words) == start + filled:
                del words[start:]  # an empty cell: no separator either
            else:
                filled = True

    def _add_cell(self, cell: etree._Element, words: list[str]) -> None:
        for block in _blocks(cell):
            if block.tag == _P:
                words.extend(self._paragraph(block).split())
            else:
                for row in block.iterchildren(_TR):
                    self._add_row(row, words)

    def _list_prefix(self, paragraph: etree._Element) -> str:
        """"- " or "3. " (indented by level) for a list item, "" otherwise."""
        numbering = self._numbering(paragraph)
        return self._labels.label(*numbering) if numbering else ""

    def _numbering(self, paragraph: etree._Element) -> tuple[int, int] | None:
        """(numId, level) from the paragraph, else from its style ("List Bullet")."""
        properties = paragraph.find(_PPR)
        if properties is None:
            return None
        num_pr = properties.find(_NUMPR)
        if num_pr is None:
            style_ref = properties.find(_PSTYLE)
            num_pr = self._style_numbering(style_ref.get(_VAL)) if style_ref is not None else None
        if num_pr is None:
            return None
        num_id, level = num_pr.find(_NUMID), num_pr.find(_ILVL)
        try:
            num = int(num_id.get(_VAL)) if num_id is not None else 0
            lvl = int(level.get(_VAL)) if level is not None else 0
        except (TypeError, ValueError):
            return None
        return (num, lvl) if num else None  # numId 0 switches numbering off

    def _style_numbering(self, style_id: str | None) -> etree._Element | None:
        """The numbering a style gives, its own or inherited (``basedOn``).

        The answer is kept for every style met on the way, so that however
        many paragraphs and however long the chains, each style is looked
        at once.
        """
        chain: dict[str, None] = {}  # styles met, in order; a loop ends the walk
        found = None
        while style_id is not None and style_id not in chain:
            if style_id in self._style_numbers:
                found = self._style_numbers[style_id]
                break
            chain[style_id] = None
            style = self._styles.get(style_id)
            found = _own_numbering(style) if style is not None else None
            if style is None or found is not None:
                break
            style_id = _based_on(style)
        self._style_numbers.update(dict.fromkeys(chain, found))
        return found


def _styles_by_id(styles: etree._Element) -> dict[str, etree._Element]:
    """Each ``<w:style>`` by its id; the first wins, as in Word."""
    by_id: dict[str, etree._Element] = {}
    for style in styles.iterchildren(_STYLE):
        by_id.setdefault(style.get(_STYLE_ID), style)
    return by_id


def _own_numbering(style: etree._Element) -> etree._Element | None:
    properties = style.find(_PPR)
    return properties.find(_NUMPR) if properties is not None else None


def _based_on(style: etree._Element) -> str | None:
    parent = style.find(_BASED_ON)
    return parent.get(_VAL) if parent is not None else None


def _blocks(parent: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs and tables directly under ``parent`` or inside its
    content controls, in order, however deeply the controls nest."""
    stack = [iter(parent)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            stack.append(child.iterfind(_SDT_CHILDREN))


def paragraph_text(paragraph: etree._Element) -> str:
    """The visible text of a ``<w:p>``: runs wherever they sit (hyperlinks,
    insertions, content controls, text boxes), tabs and line breaks included;
    deleted revisions, field codes and hidden runs left out."""
    return "".join(_run_texts(paragraph))


def _run_texts(paragraph: etree._Element) -> Iterator[str]:
    """The pieces of a paragraph's text in order, found with a stack of
    element iterators: each piece costs the same however deep it sits."""
    stack = [iter(paragraph)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag in _SKIPPED or (tag == _R and _is_hidden(child)):
            continue
        if tag == _T:
            yield child.text or ""
        elif tag in _MARKS:
            yield _MARKS[tag]
        else:
            stack.append(iter(child))


def _is_hidden(run: etree._Element) -> bool:
    properties = run.find(_RPR)
    if properties is None:
        return False
    vanish = properties.find(_VANISH)
    return vanish is not None and vanish.get(_VAL, "true") not in ("0", "false", "off")


def _core_properties(document: docx.document.Document) -> tuple[str | None, date | None]:
    try:
        properties = document.core_properties
        title = clean_title(properties.title)
        created = properties.created
    except Exception:  # a malformed core.xml loses the metadata, not the text
        return None, None
    if created is None or created.replace(tzinfo=None) == _TEMPLATE_CREATED:
        return title, None
    return title, created.date()
