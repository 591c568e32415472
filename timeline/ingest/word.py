"""Word (.docx) through python-docx: paragraphs, lists and tables in order.

python-docx opens the package and the core properties; the body is walked
here, element by element, because ``Paragraph.text`` leaves out text inside
tracked insertions, content controls and fields, where dates often sit.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

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
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Text never shown in the document: deleted revisions, the second copy of a
# text box kept for old readers, and field codes.
_SKIPPED = frozenset({qn("w:del"), qn("w:delText"), qn("w:instrText"), _FALLBACK, _PPR})
_CELL = " | "
_BLANK_RUNS = re.compile(r"\n{3,}")
# python-docx's own template says it was created at this moment; a file that
# still carries it never had a creation date of its own.
_TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15)


def read_docx(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """The text, title and creation date of a Word document.

    Raises :class:`ReadError` for a damaged file, a ZIP that is not a Word
    document, one that would unpack to more than ``max_bytes`` of XML, or a
    document with no text.
    """
    _check_archive(path, data, limits.unpacked_bytes)
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


def _check_archive(path: Path, data: bytes, max_bytes: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception as error:  # zipfile fails on damage with many types, even NotImplementedError
        raise ReadError(path, f"damaged Word document (not a readable ZIP archive: {error})") \
            from None
    names = {m.filename for m in members}
    if "word/document.xml" not in names:
        raise ReadError(path, "not a Word document: a ZIP archive without word/document.xml")
    unpacked = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
    if unpacked > max_bytes:
        raise ReadError(path, f"the Word document unpacks to {unpacked // 2**20} MB of XML, "
                              f"more than the {max_bytes // 2**20} MB limit")


def _numbering_element(document: docx.document.Document) -> etree._Element | None:
    try:
        return document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    except KeyError:
        return None


class _Body:
    """Walks a document body into lines, numbering list items on the way."""

    def __init__(self, document: docx.document.Document) -> None:
        self._styles = document.styles.element
        self._labels = ListLabels(_numbering_element(document))

    def lines(self, parent: etree._Element) -> Iterator[str]:
        """The lines of the paragraphs and tables directly under ``parent``."""
        for child in parent:
            if child.tag == _P:
                yield self._list_prefix(child) + paragraph_text(child)
            elif child.tag == _TBL:
                yield from (_CELL.join(cells) for cells in self._rows(child) if cells)
            elif child.tag == _SDT:
                for content in child.iterchildren(_SDT_CONTENT):
                    yield from self.lines(content)

    def _rows(self, table: etree._Element) -> Iterator[list[str]]:
        """Each row's non-empty cells; a cell's paragraphs and nested tables
        are run together so that a row stays one line."""
        for row in table.iterchildren(_TR):
            cells = (" ".join(" ".join(self.lines(cell)).split())
                     for cell in row.iterchildren(_TC))
            yield [cell for cell in cells if cell]

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
            num_pr = self._style_numbering(properties)
        if num_pr is None:
            return None
        num_id, level = num_pr.find(_NUMID), num_pr.find(_ILVL)
        try:
            num = int(num_id.get(_VAL)) if num_id is not None else 0
            lvl = int(level.get(_VAL)) if level is not None else 0
        except (TypeError, ValueError):
            return None
        return (num, lvl) if num else None  # numId 0 switches numbering off

    def _style_numbering(self, properties: etree._Element) -> etree._Element | None:
        style_ref = properties.find(_PSTYLE)
        style = self._styles.get_by_id(style_ref.get(_VAL)) if style_ref is not None else None
        seen: set[str] = set()
        while style is not None and style.styleId not in seen:
            seen.add(style.styleId)
            style_pr = style.find(_PPR)
            found = style_pr.find(_NUMPR) if style_pr is not None else None
            if found is not None:
                return found
            based_on = style.find(_BASED_ON)
            style = self._styles.get_by_id(based_on.get(_VAL)) if based_on is not None else None
        return None


def paragraph_text(paragraph: etree._Element) -> str:
    """The visible text of a ``<w:p>``: runs wherever they sit (hyperlinks,
    insertions, content controls, text boxes), tabs and line breaks included;
    deleted revisions, field codes and hidden runs left out."""
    return "".join(_run_texts(paragraph))


def _run_texts(element: etree._Element) -> Iterator[str]:
    for child in element:
        tag = child.tag
        if tag in _SKIPPED or (tag == _R and _is_hidden(child)):
            continue
        if tag == _T:
            yield child.text or ""
        elif tag == _TAB:
            yield "\t"
        elif tag in (_BR, _CR):
            yield "\n"
        elif tag == _NB_HYPHEN:
            yield "-"
        else:
            yield from _run_texts(child)


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
