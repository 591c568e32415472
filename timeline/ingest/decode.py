"""Bytes to text: byte-order marks, UTF-8, then legacy 8-bit encodings."""

from __future__ import annotations

import codecs
from pathlib import Path
from types import MappingProxyType

import charset_normalizer

from timeline.ingest.base import ReadError, normalise_newlines
from timeline.ingest.sniff import TEXT_BOMS, Format, describe_binary, looks_binary

# The statistical guess needs some non-ASCII bytes to go on; below this share
# the most common legacy encoding of Western text is a better bet than a guess
# (a single curly apostrophe can otherwise come out as a Chinese character).
_SPARSE_NON_ASCII = 0.005
_CHAOS_TOLERANCE = 0.01
_WESTERN = "cp1252"
# Labels that, as on the web, mean Windows-1252 in practice.
_WEB_ALIASES = MappingProxyType({"iso-8859-1": _WESTERN, "latin-1": _WESTERN, "latin1": _WESTERN,
                "ascii": _WESTERN, "us-ascii": _WESTERN})


def decode_text(path: Path, data: bytes, declared: str | None = None) -> str:
    """``data`` as text with ``\\n`` line ends; raises :class:`ReadError`.

    Order: byte-order mark, UTF-8, the encoding the file declares (HTML),
    then a legacy 8-bit encoding detected with charset-normalizer.
    """
    text = _decode_with_bom(path, data)
    if text is None:
        if looks_binary(data):
            raise ReadError(path, describe_binary(data, Format.TEXT))
        # Valid UTF-8 beyond ASCII hardly ever happens by chance, so it beats
        # a declaration, which is often stale (a page re-saved as UTF-8).
        text = _decode_utf8(data)
    if text is None:
        text = _decode_declared(data, declared)
    if text is None:
        text = decode_legacy(path, data)
    # A stray NUL (in a file that is text all the same) becomes a space, so
    # that it neither glues words together nor ends a string early elsewhere.
    return normalise_newlines(text).replace("\x00", " ")


def _decode_with_bom(path: Path, data: bytes) -> str | None:
    for bom, codec in TEXT_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                raise ReadError(path, f"not valid {codec.upper().removesuffix('-SIG')} text "
                                      f"(bad bytes at offset {error.start})") from None
    return None


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    if not declared:
        return None
    label = declared.strip().lower()
    try:
        codec = codecs.lookup(_WEB_ALIASES.get(label, label)).name
        return data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return None  # a wrong declaration is common; detect instead


def _decode_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def decode_legacy(path: Path, data: bytes) -> str:
    """Decode text in a legacy encoding, preferring Windows-1252 whenever the
    evidence does not clearly point elsewhere."""
    western = _try_decode(data, _WESTERN)
    if western is not None and _sparse_non_ascii(data):
        return western
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise ReadError(path, "undecodable bytes: not UTF-8 and not text in any known encoding")
    tolerable = best.chaos + _CHAOS_TOLERANCE
    if western is not None and any(m.chaos <= tolerable and str(m) == western for m in matches):
        return western
    return str(best)


def _try_decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _sparse_non_ascii(data: bytes) -> bool:
    non_ascii = len(data) - len(data.translate(None, bytes(range(0x80, 0x100))))
    return non_ascii / max(len(data), 1) < _SPARSE_NON_ASCII
