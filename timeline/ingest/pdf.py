"""PDF: text in reading order, one page after another.

pypdf opens the file: it decrypts, counts the pages and reads the document
information. Page text comes from PDFium (:mod:`timeline.ingest.pdf_pdfium`),
ten to twenty times faster, run in a helper process that a hostile file can
at worst end, for every page it can be trusted with
(:mod:`timeline.ingest.pdf_cost`) and finds text on; pypdf extracts the
others, and every page when PDFium cannot be had.

Pages are joined by a line break and their start offsets kept, so a passage
can be placed on its page. Running headers, footers and page numbers are
dropped and wrapped lines rejoined (see :mod:`timeline.ingest.pdf_layout`).
Pages are counted before any is read, and text as it is extracted, so that
the budgets of :class:`~timeline.ingest.limits.Limits` hold while reading.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Sequence
from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pypdf
from pypdf.errors import DependencyError
from pypdf.generic import DictionaryObject

from timeline.ingest.base import RawDocument, ReadError, clean_title, describe_error, first_line
from timeline.ingest.limits import DEFAULT_LIMITS, Limits
from timeline.ingest.pdf_cost import PageCost
from timeline.ingest.pdf_layout import page_lines, reflow, strip_furniture, typical_width
from timeline.ingest.pdf_pdfium import PdfiumText, opened

_NO_TEXT = "the PDF holds no text layer (scanned pages must be run through OCR first)"
# The operators that can put text on a page: showing a string, or drawing a
# form (which may show some).
_TEXT_OPERATOR = re.compile(rb"T[jJ]|Do|['\"]")


def read_pdf(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS, *,
             use_pdfium: bool = True) -> RawDocument:
    """The text, pages, title and creation date of a PDF.

    Raises :class:`ReadError` for damaged, password-protected or image-only
    PDFs, and for one with more than ``limits.pages`` pages or more than
    ``limits.text_chars`` characters of text; a page with more than
    ``limits.page_chars`` is left out with a note. ``use_pdfium=False``
    extracts every page with pypdf.
    """
    _quiet_pypdf()
    try:
        return _read(path, data, limits, use_pdfium)
    except ReadError:
        raise
    except DependencyError:
        raise ReadError(path, "the PDF is encrypted with AES, which needs the 'cryptography' "
                              "package to be installed") from None
    except Exception as error:
        # pypdf raises all manner of exceptions (KeyError, struct.error,
        # RecursionError...) on damaged input; whatever it is, the file is
        # damaged, and the user needs that, not a traceback.
        raise ReadError(path, f"damaged PDF ({describe_error(error)})") from None


def _read(path: Path, data: bytes, limits: Limits, use_pdfium: bool) -> RawDocument:
    reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        _decrypt(path, reader)
    _check_page_count(path, reader, limits.pages)
    with opened(reader) if use_pdfium else nullcontext() as pdfium:
        read = _page_texts(path, reader, limits, pdfium)
    if not read.texts:
        raise ReadError(path, "damaged PDF (no pages found)")
    if read.failed and len(read.failed) == len(read.texts):
        raise ReadError(path, f"damaged PDF (no page could be read: {read.failed[0][1]})")
    pages = strip_furniture([page_lines(text) for text in read.texts])
    width = typical_width(pages)
    text, starts = join_pages([reflow(lines, width) for lines in pages])
    if not text.strip():
        raise ReadError(path, _no_text(read, limits.page_chars))
    title, created = _metadata(reader)
    return RawDocument(text=text, title=title or first_line(text), created=created,
                       page_starts=starts, notes=read.notes(limits.page_chars))


def _no_text(read: _Pages, page_chars: int) -> str:
    """Why a PDF gave no text: its pages hold none, or only too much."""
    if read.too_long:
        return (f"every page with text is longer than the {page_chars:,} character limit "
                "for a page")
    return _NO_TEXT


def _decrypt(path: Path, reader: pypdf.PdfReader) -> None:
    """Open a PDF that is encrypted with an empty user password (only copying
    or printing restricted), which viewers open without asking."""
    if reader.decrypt("") == pypdf.PasswordType.NOT_DECRYPTED:
        raise ReadError(path, "the PDF is password-protected; save a copy without the "
                              "password to read it")


def _check_page_count(path: Path, reader: pypdf.PdfReader, limit: int) -> None:
    """A ReadError for a PDF with more than ``limit`` pages, before any page
    is read.

    The count the page tree declares settles it for honest files at no
    cost. One that declares too few is caught as pypdf lists the pages:
    that walk is held to twice the limit in page tree entries (pages and
    the nodes grouping them), so a file cannot make it list millions.
    """
    if _declared_pages(reader) > limit:
        raise ReadError(path, _too_many_pages(limit))
    with pypdf.apply_configuration(page_tree_maximum_entries=2 * limit + 1):
        count = len(reader.pages)
    if count > limit:
        raise ReadError(path, _too_many_pages(limit))


def _declared_pages(reader: pypdf.PdfReader) -> int:
    """The ``/Count`` of the page tree's root, 0 when it has none."""
    pages = reader.root_object.get("/Pages")
    pages = pages.get_object() if pages is not None else None
    count = pages.get("/Count") if isinstance(pages, DictionaryObject) else None
    count = count.get_object() if count is not None else None
    return count if isinstance(count, int) else 0


def _too_many_pages(limit: int) -> str:
    return f"the PDF has more pages than the {limit:,} limit"


class _Pages(NamedTuple):
    """What reading the pages gave."""

    texts: list[str]
    """Each page's raw text, "" for a page that failed or was left out."""
    failed: list[tuple[int, str]]
    """1-based numbers of the pages that could not be read, with the reason."""
    too_long: list[int]
    """1-based numbers of the pages left out for passing ``page_chars``."""

    def notes(self, page_chars: int) -> tuple[str, ...]:
        """A note for each page that failed or was left out, in page order."""
        notes = [(n, f"page {n} could not be read ({why})") for n, why in self.failed]
        notes += [(n, f"page {n} left out: its text is longer than the {page_chars:,} "
                      "character limit for a page") for n in self.too_long]
        return tuple(note for _, note in sorted(notes))


def _page_texts(path: Path, reader: pypdf.PdfReader, limits: Limits,
                pdfium: PdfiumText | None) -> _Pages:
    """Read every page, within the text budgets of ``limits``."""
    pages = _Pages([], [], [])
    budget = _TextBudget(limits, pdfium)
    for number, page in enumerate(reader.pages, start=1):
        try:
            pages.texts.append(budget.extract(page, number - 1))
            continue
        except _PageTooLong:
            # One page of text no person wrote (a form drawn a thousand times,
            # an invisible text layer gone wrong) should not lose the pages
            # around it, so it is left out with a note rather than refusing
            # the file; the characters it cost still count towards the
            # document's budget, so such pages cannot add up unbounded.
            pages.too_long.append(number)
        except _DocumentTooLong:
            raise ReadError(path, f"the text is longer than the {limits.text_chars:,} "
                                  "character limit: skipped") from None
        except DependencyError:
            raise
        except Exception as error:  # one damaged page must not lose the rest
            pages.failed.append((number, describe_error(error)))
        pages.texts.append("")
    return pages


class _PageTooLong(BaseException):
    """Stops the extraction of a page that passed ``page_chars``.

    A BaseException, not an Exception: pypdf catches any Exception raised
    while it extracts a form XObject, logs it and carries on, which would
    let a page of forms run on past its budget.
    """


class _DocumentTooLong(BaseException):
    """Stops pypdf's extraction once the document passed ``text_chars``."""


class _TextBudget:
    """Counts the characters extracted, as they are extracted: by pypdf one
    piece at a time, by PDFium a page at a time before its text is copied."""

    def __init__(self, limits: Limits, pdfium: PdfiumText | None) -> None:
        self._page_chars = limits.page_chars
        self._text_chars = limits.text_chars
        self._page = 0
        self._total = 0
        self._pdfium = pdfium
        self._cost = PageCost()

    def extract(self, page: pypdf.PageObject, index: int) -> str:
        """The text of ``page``, the ``index``-th (from 0), stopped by an
        exception as soon as a budget is passed."""
        content = _content(page)
        if content is not None and not _TEXT_OPERATOR.search(content):
            # pypdf looks for these itself and skips parsing a page without
            # any (a figure), but not when it is handed a visitor, as the
            # budget is; parsing a drawing of many thousand strokes takes seconds.
            return ""
        if self._pdfium is not None and content is not None and self._cost.fits(page, content):
            # Over either budget, PDFium's text is set aside and pypdf reads
            # the page, stopping where the budget is passed as it always did.
            most = min(self._page_chars, self._text_chars - self._total)
            text = self._pdfium.page_text(index, most)
            if text:  # else a page PDFium could not parse may still give pypdf text
                self._page = 0
                self._add(len(text))
                return text
        return self._from_pypdf(page)

    def _from_pypdf(self, page: pypdf.PageObject) -> str:
        self._page = 0
        text: str = page.extract_text(visitor_text=self._count)
        # pypdf hands the visitor every piece it adds; should one slip past,
        # the page's own length still counts.
        self._add(len(text) - self._page)
        return text

    def _count(self, text: str, *_position: object) -> None:
        self._add(len(text))

    def _add(self, chars: int) -> None:
        if chars <= 0:
            return
        self._page += chars
        self._total += chars
        if self._total > self._text_chars:
            raise _DocumentTooLong
        if self._page > self._page_chars:
            raise _PageTooLong


def _content(page: pypdf.PageObject) -> bytes | None:
    """The page's decoded content, None when it is malformed (left to pypdf,
    which has its own way with it)."""
    try:
        contents = page.get_contents()
    except (AttributeError, KeyError):
        return None
    return contents.get_data() if contents is not None else b""


def join_pages(pages: Sequence[str]) -> tuple[str, tuple[int, ...]]:
    """Pages joined by line breaks, and the offset at which each page starts.

    A page with no text starts where the next text starts, so it holds no
    offset of its own and :meth:`Document.page_at` skips it.
    """
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    for page in pages:
        if page and length:
            parts.append("\n")
            length += 1
        starts.append(length)
        parts.append(page)
        length += len(page)
    return "".join(parts), tuple(starts)


def _metadata(reader: pypdf.PdfReader) -> tuple[str | None, date | None]:
    """The document information title and creation day, when readable."""
    try:
        info = reader.metadata
        if info is None:
            return None, None
        title = clean_title(info.title)
    except Exception:  # a broken info dictionary only loses the title
        return None, None
    try:
        created = info.creation_date
    except Exception:  # nor does a malformed date lose the text
        created = None
    return title, created.date() if created else None


def _quiet_pypdf() -> None:
    """pypdf reports faults it recovers from through logging; with no handler
    configured Python prints them on stderr, which would break the command
    line's one-line-per-problem output. A NullHandler keeps them for
    applications that configure logging and silent otherwise."""
    logger = logging.getLogger("pypdf")
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())
