"""Whether PDFium can be given a page, judged from pypdf's view of it.

PDFium parses a page whole before its text can be counted, so the page
budget cannot stop it partway as it stops pypdf, and it caps nothing it
decompresses. It runs in a helper process held to a memory and a time limit
(:mod:`timeline.ingest.pdfium_helper`), so the worst a page can do is end the
helper; this screen keeps it from being given pages that would, or that
would cost it far more than their text is worth. It reads a copy of each
page holding only its content and fonts
(:func:`~timeline.ingest.pdf_pdfium.text_only_copy`), so forms, images,
patterns and the rest cannot make it work; what is left to bound is what
that copy makes it do:

- its content, which PDFium turns into characters (some 150 bytes of memory
  each): the decoded content's length times the most characters a font of
  the page maps one code to must stay under :data:`MOST_WORK`;
- its fonts' streams (font programs, character maps), which PDFium decodes
  in full: each is decoded here first, within pypdf's limits, and all of a
  document's together within :data:`MOST_FONT_BYTES`;
- inline images, whose data PDFium decodes to find their end, and Type 3
  fonts, whose glyphs are content streams with resources of their own: a
  page with either is left to pypdf.

A page that draws a form is also left to pypdf, for its text: the copy holds
no forms, so PDFium would not see the text inside them.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator

from pypdf import PageObject
from pypdf.filters import decode_stream_data
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    PdfObject,
    StreamObject,
)

MOST_WORK = 1_000_000
"""Decoded content bytes times characters per code a page may cost PDFium:
at most about a million characters, 150 MB and half a second."""
MOST_FONT_BYTES = 64 * 2**20
"""Decoded font streams a document may make PDFium hold, all fonts together."""
_MOST_FONT_OBJECTS = 64
# A name token (PDF's delimiters end it) before the operator that draws an
# XObject; the operator that begins an inline image, as a token of its own.
_DELIMITER = rb"\s\x00\[\]()<>{}/%"
_DRAW = re.compile(rb"/([^" + _DELIMITER + rb"]*)\s*Do(?![^" + _DELIMITER + rb"])")
_INLINE_IMAGE = re.compile(rb"BI(?![^" + _DELIMITER + rb"])")  # and a delimiter before
_DELIMITER_BYTES = frozenset(b" \t\r\n\f\x00[]()<>{}/%")
_HEX_STRING = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_WHITESPACE = b" \t\r\n\f\x00"


class TooCostly(Exception):
    """Raised inside the estimate as soon as a page is known not to fit."""


class PageCost:
    """Judges the pages of one document; fonts that pages share are measured once."""

    def __init__(self, most_work: int = MOST_WORK, most_font_bytes: int = MOST_FONT_BYTES) -> None:
        self._most_work = most_work
        self._font_bytes_left = most_font_bytes
        self._spreads: dict[Hashable, int | None] = {}

    def fits(self, page: PageObject, content: bytes) -> bool:
        """Whether PDFium may read ``page``, whose decoded content is ``content``."""
        try:
            resources = _dictionary(page.get("/Resources"))
            if _has_inline_image(content) or _draws_form(content, resources):
                return False
            return len(content) * self._spread(resources) <= self._most_work
        except Exception:  # TooCostly, or anything malformed: pypdf has its ways with it
            return False

    def _spread(self, resources: DictionaryObject | None) -> int:
        """The most characters one code gives in any font of ``resources``."""
        fonts = _dictionary(resources.get("/Font")) if resources is not None else None
        return max((self._font_spread(font) for font in (fonts or {}).values()), default=1)

    def _font_spread(self, value: PdfObject) -> int:
        font = value.get_object()
        key = _key(font)
        if key not in self._spreads:
            self._spreads[key] = None  # a failure below leaves the font refused
            self._spreads[key] = self._measure_font(font)
        spread = self._spreads[key]
        if spread is None:
            raise TooCostly
        return spread

    def _measure_font(self, font: PdfObject) -> int:
        """Decodes every stream the font reaches; its spread from its ToUnicode map."""
        spread = 1
        for obj in _reached(font):
            if isinstance(obj, DictionaryObject) and obj.get("/Subtype") == "/Type3":
                raise TooCostly
            if isinstance(obj, StreamObject):
                data = decode_stream_data(obj) if "/Filter" in obj else obj.get_data()
                self._font_bytes_left -= len(data)
                if self._font_bytes_left < 0:
                    raise TooCostly
                if _is_to_unicode(font, obj):
                    spread = max(spread, _longest_mapping(data))
        return spread


def _reached(root: PdfObject) -> Iterator[PdfObject]:
    """The dictionaries and streams reachable from ``root`` (itself
    included, a few dozen at most), and the arrays they reference."""
    seen: set[Hashable] = set()
    waiting = [root]
    while waiting:
        obj = waiting.pop().get_object()
        key = _key(obj)
        if key in seen:
            continue
        seen.add(key)
        if len(seen) > _MOST_FONT_OBJECTS:
            raise TooCostly
        yield obj
        if isinstance(obj, DictionaryObject):  # streams are dictionaries too
            children = [value for name, value in obj.items() if name != "/Parent"]
        else:
            children = obj if isinstance(obj, ArrayObject) else []
        for child in children:
            if isinstance(child, (IndirectObject, DictionaryObject)):
                waiting.append(child)
            elif isinstance(child, ArrayObject):  # as /DescendantFonts: its references
                waiting.extend(item for item in child if isinstance(item, IndirectObject))


def _is_to_unicode(font: PdfObject, stream: StreamObject) -> bool:
    to_unicode = font.get("/ToUnicode") if isinstance(font, DictionaryObject) else None
    return to_unicode is not None and to_unicode.get_object() is stream


def _longest_mapping(cmap: bytes) -> int:
    """The most UTF-16 units any hex string of a ToUnicode map holds: an
    upper bound on the characters one code maps to."""
    units = (len(bytes(m[1]).translate(None, _WHITESPACE)) // 4
             for m in _HEX_STRING.finditer(cmap))
    return max(1, max(units, default=1))


def _has_inline_image(content: bytes) -> bool:
    # A lookbehind in the pattern would be tried at every byte; this looks
    # behind only where "BI" is.
    return any(m.start() == 0 or content[m.start() - 1] in _DELIMITER_BYTES
               for m in _INLINE_IMAGE.finditer(content))


def _draws_form(content: bytes, resources: DictionaryObject | None) -> bool:
    """Whether the content draws a form XObject of ``resources``."""
    names = set(_DRAW.findall(content))
    xobjects = _dictionary(resources.get("/XObject")) if resources is not None else None
    if not names or xobjects is None:
        return False
    for name in names:
        xobject = xobjects.get(_name(name))
        if xobject is not None and xobject.get_object().get("/Subtype") != "/Image":
            return True
    return False


def _name(raw: bytes) -> str:
    """A name token as pypdf keys it: ``#xx`` escapes decoded, a leading slash."""
    plain = _HEX_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), raw)
    try:
        return "/" + plain.decode("utf-8")
    except UnicodeDecodeError:
        return "/" + plain.decode("latin-1")


def _dictionary(value: PdfObject | None) -> DictionaryObject | None:
    value = value.get_object() if value is not None else None
    return value if isinstance(value, DictionaryObject) else None


def _key(obj: PdfObject) -> Hashable:
    """The object's reference in the file, or its identity for a direct one."""
    reference = getattr(obj, "indirect_reference", None)
    return (reference.idnum, reference.generation) if reference is not None else id(obj)
