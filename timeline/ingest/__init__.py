"""Readers: a path in, a document's text and metadata out.

``discover`` expands files and folders into readable paths; ``read_document``
picks the reader for one file by its content as well as its name. Both report
trouble in words for the user, as :class:`ReadError` (a ``ValueError``
carrying the path) or a :class:`~timeline.model.Problem`, never as a traceback.

Formats: plain text and Markdown (UTF-8, UTF-16/32 with a byte-order mark,
legacy 8-bit encodings), HTML, PDF and Word (.docx).
"""

from timeline.ingest.base import MAX_BYTES_DEFAULT, RawDocument, ReadError
from timeline.ingest.discover import SUPPORTED_SUFFIXES, discover
from timeline.ingest.limits import DEFAULT_LIMITS, Limits
from timeline.ingest.registry import read_document
from timeline.ingest.sniff import Format, sniff

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_BYTES_DEFAULT",
    "SUPPORTED_SUFFIXES",
    "Format",
    "Limits",
    "RawDocument",
    "ReadError",
    "discover",
    "read_document",
    "sniff",
]
