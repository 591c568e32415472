"""Tell what a file holds from its first bytes, whatever its name says."""

from __future__ import annotations

import io
import re
import zipfile
from enum import StrEnum
from types import MappingProxyType


class Format(StrEnum):
    """What a file holds, as far as the readers care."""

    TEXT = "text"
    HTML = "HTML"
    PDF = "PDF"
    DOCX = "Word document"
    ZIP = "ZIP archive"
    BINARY = "binary"

    @property
    def label(self) -> str:
        """The name used in messages ("a PDF", "an HTML page")."""
        return _LABELS[self]

    @property
    def wanted(self) -> str:
        """What a file named for this format should be ("text", "a PDF")."""
        return "text" if self is Format.TEXT else _LABELS[self]


_LABELS = MappingProxyType({
    Format.TEXT: "plain text",
    Format.HTML: "an HTML page",
    Format.PDF: "a PDF",
    Format.DOCX: "a Word document",
    Format.ZIP: "a ZIP archive",
    Format.BINARY: "binary data",
})

SUFFIX_FORMATS = MappingProxyType({
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.TEXT,
    ".markdown": Format.TEXT,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".pdf": Format.PDF,
    ".docx": Format.DOCX,
})

TEXT_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# Signatures of common non-text files, to name them in messages: magic, name, hint.
_SIGNATURES = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-style (.doc) or password-protected Office file",
     "save it as .docx without a password"),
    (b"{\\rtf", "an RTF document", "save it as .docx or .txt"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", ""),
    (b"\xff\xd8\xff", "a JPEG image", ""),
    (b"GIF8", "a GIF image", ""),
    (b"\x1f\x8b", "a gzip archive", ""),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", ""),
    (b"Rar!\x1a\x07", "a RAR archive", ""),
    (b"\x7fELF", "a program (ELF)", ""),
)

_HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*(?:<!doctype\s+html|<html[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_CONTROL = bytes(range(0x20)).translate(None, b"\t\n\r\x0c\x1b") + b"\x7f"
SNIFF_BYTES = 4096


def format_for_suffix(suffix: str) -> Format:
    """The format a file's name promises; unknown suffixes are taken as text."""
    return SUFFIX_FORMATS.get(suffix.lower(), Format.TEXT)


def sniff(data: bytes) -> Format:
    """The format of ``data`` judged by content alone."""
    head = data[:SNIFF_BYTES]
    if b"%PDF-" in head[:1024]:  # readers accept junk before the header
        return Format.PDF
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return Format.DOCX if is_word_archive(data) else Format.ZIP
    if known_binary(head):
        return Format.BINARY
    bom_text = decode_bom_head(head)
    if bom_text is not None:
        head = bom_text.encode("utf-8", "replace")
    elif looks_binary(data):
        return Format.BINARY
    return Format.HTML if _HTML_START.match(head) else Format.TEXT


def is_word_archive(data: bytes) -> bool:
    """True for a readable ZIP that holds a Word main document part."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except Exception:  # zipfile fails on damage with many types, even NotImplementedError
        return False


def describe_zip(data: bytes, expected: Format) -> str:
    """Why a ZIP archive cannot be read as ``expected``, naming the
    OpenDocument and EPUB formats, which are ZIPs too."""
    kind = "a ZIP archive"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            mimetype = archive.read("mimetype")[:100].decode("ascii", "replace")
    except Exception:  # no readable mimetype member: a plain (or damaged) ZIP
        mimetype = ""
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        return f"an OpenDocument file, not {expected.wanted}; save it as .docx"
    if mimetype == "application/epub+zip":
        kind = "an EPUB book"
    return f"{kind}, not {expected.wanted}"


def known_binary(head: bytes) -> tuple[str, str] | None:
    """Name and advice for a recognised non-text file type, or None."""
    for magic, name, hint in _SIGNATURES:
        if head.startswith(magic):
            return name, hint
    return None


def decode_bom_head(head: bytes) -> str | None:
    """The start of a text with a byte-order mark, decoded; None without one."""
    for bom, codec in TEXT_BOMS:
        if head.startswith(bom):
            # Cut to whole code units so a multi-byte character is not split.
            unit = 4 if codec == "utf-32" else 2 if codec == "utf-16" else 1
            usable = head[: len(head) - len(head) % unit]
            return usable.decode(codec, errors="replace")
    return None


def looks_binary(data: bytes) -> bool:
    """More than a few control characters (NUL among them) mean not text.

    A stray NUL byte in a long text (a transfer glitch, a bad editor) does
    not: it is one damaged character, and the decoder blanks it.
    """
    if not data:
        return False
    controls = len(data) - len(data.translate(None, _CONTROL))
    return controls / len(data) > 0.02


def describe_binary(data: bytes, expected: Format) -> str:
    """Why a binary file cannot be read as ``expected``, naming its type when
    recognised: "binary file, not text", "a PNG image, not a PDF"."""
    known = known_binary(data[:SNIFF_BYTES])
    name, hint = known or ("binary file", "")
    return f"{name}, not {expected.wanted}" + (f"; {hint}" if hint else "")
