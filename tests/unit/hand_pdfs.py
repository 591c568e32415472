"""PDFs written by hand, object by object, so that each test gets exactly the
shape it means (Qt draws the realistic ones: tests/ingest/ingest_makers.py)."""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
MET = b"BT /F1 12 Tf 72 720 Td (Met on 12 October 2011 in Bali.) Tj ET"
MET_TEXT = "Met on 12 October 2011 in Bali."


def stream(data: bytes, entries: bytes = b"") -> bytes:
    """A Flate-compressed stream object's body."""
    packed = zlib.compress(data)
    return (b"<< /Length %d /Filter /FlateDecode %s >>\nstream\n" % (len(packed), entries)
            + packed + b"\nendstream")


def form(content: bytes, resources: bytes = b"/Font << /F1 5 0 R >>") -> bytes:
    """A form XObject's body."""
    return stream(content, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                           b"/Resources << " + resources + b" >>")


def to_unicode_font(cmap_object: int) -> bytes:
    """Helvetica with its ToUnicode map in object ``cmap_object``."""
    return HELVETICA[:-2] + b"/ToUnicode %d 0 R >>" % cmap_object


def to_unicode_map(mappings: bytes, count: int) -> bytes:
    """A ToUnicode CMap holding ``count`` bfchar ``mappings``."""
    return stream(b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
                  b"1 begincodespacerange <00> <FF> endcodespacerange "
                  b"%d beginbfchar %s endbfchar endcmap end end" % (count, mappings))


def pdf_file(contents: Sequence[bytes], resources: bytes = b"", font: bytes = HELVETICA,
             extra: Sequence[bytes] = ()) -> bytes:
    """One page per content stream, each with font F1 (object 5) and
    ``resources``; ``extra`` objects are numbered from 6 on. The document
    information (object 3) holds a title."""
    page_ids = [6 + len(extra) + 2 * i for i in range(len(contents))]
    kids = b" ".join(b"%d 0 R" % n for n in page_ids)
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(contents)),
               3: b"<< /Title (Hand made) >>", 4: b"null", 5: font}
    objects.update({6 + i: body for i, body in enumerate(extra)})
    for number, content in zip(page_ids, contents, strict=True):
        objects[number] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                           b"/Contents %d 0 R /Resources << /Font << /F1 5 0 R >> %s >> >>"
                           % (number + 1, resources))
        objects[number + 1] = stream(content)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, objects[number]))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for number in sorted(objects):
        out.write(b"%010d 00000 n \n" % offsets[number])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()
