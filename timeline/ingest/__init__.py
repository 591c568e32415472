"""Readers: a path in, a document's text and metadata out.

``discover`` expands files and folders into readable paths; ``read_document``
picks the reader for one file. Both report trouble as :class:`ReadError`
(a ``ValueError`` carrying the path), never as a traceback.
"""

from timeline.ingest.base import MAX_BYTES_DEFAULT, RawDocument, ReadError
from timeline.ingest.discover import SUPPORTED_SUFFIXES, discover
from timeline.ingest.registry import read_document

__all__ = [
    "MAX_BYTES_DEFAULT",
    "SUPPORTED_SUFFIXES",
    "RawDocument",
    "ReadError",
    "discover",
    "read_document",
]
