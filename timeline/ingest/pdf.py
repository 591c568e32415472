"""PDF through pypdf: text in reading order, one page after another.

Pages are joined by a line break and their start offsets kept, so a passage
can be placed on its page. Running headers, footers and page numbers are
dropped and wrapped lines rejoined (see :mod:`timeline.ingest.pdf_layout`).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pypdf
from pypdf.errors import DependencyError

from timeline.ingest.base import RawDocument, ReadError, clean_title, describe_error, first_line
from timeline.ingest.limits import DEFAULT_LIMITS, Limits
from timeline.ingest.pdf_layout import page_lines, reflow, strip_furniture, typical_width

_NO_TEXT = "the PDF holds no text layer (scanned pages must be run through OCR first)"


def read_pdf(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """The text, pages, title and creation date of a PDF.

    Raises :class:`ReadError` for damaged, password-protected or image-only
    PDFs. ``max_bytes`` is unused: pypdf bounds what it decompresses itself.
    """
    _quiet_pypdf()
    try:
        return _read(path, data)
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


def _read(path: Path, data: bytes) -> RawDocument:
    reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        _decrypt(path, reader)
    texts, failed = _page_texts(reader)
    if not texts:
        raise ReadError(path, "damaged PDF (no pages found)")
    if failed and len(failed) == len(texts):
        raise ReadError(path, f"damaged PDF (no page could be read: {failed[0][1]})")
    pages = strip_furniture([page_lines(text) for text in texts])
    width = typical_width(pages)
    text, starts = join_pages([reflow(lines, width) for lines in pages])
    if not text.strip():
        raise ReadError(path, _NO_TEXT)
    title, created = _metadata(reader)
    notes = tuple(f"page {n} could not be read ({why})" for n, why in failed)
    return RawDocument(text=text, title=title or first_line(text), created=created,
                       page_starts=starts, notes=notes)


def _decrypt(path: Path, reader: pypdf.PdfReader) -> None:
    """Open a PDF that is encrypted with an empty user password (only copying
    or printing restricted), which viewers open without asking."""
    if reader.decrypt("") == pypdf.PasswordType.NOT_DECRYPTED:
        raise ReadError(path, "the PDF is password-protected; save a copy without the "
                              "password to read it")


def _page_texts(reader: pypdf.PdfReader) -> tuple[list[str], list[tuple[int, str]]]:
    """Each page's raw text ("" for a page that failed), and the 1-based
    numbers of failed pages with the reason."""
    texts: list[str] = []
    failures: list[tuple[int, str]] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            texts.append(page.extract_text())
        except DependencyError:
            raise
        except Exception as error:  # one damaged page must not lose the rest
            texts.append("")
            failures.append((number, describe_error(error)))
    return texts, failures


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
