"""Write test documents in every supported format from plain text.

PDFs are drawn with Qt (a QGuiApplication must exist: use pytest-qt's
``qapp``); Word files with python-docx; HTML and Markdown by hand.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import docx
import pypdf

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
BULLETS = ("- ", "• ")


def is_bullet(line: str) -> bool:
    """A list item line as the seeds write them."""
    return line.startswith(BULLETS)


def write_docx(path: Path, text: str, title: str | None = None,
               created: datetime | None = None) -> Path:
    """One paragraph per line; bullet lines become Word list items."""
    document = docx.Document()
    for line in text.split("\n"):
        if is_bullet(line):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    if title is not None:
        document.core_properties.title = title
    if created is not None:
        document.core_properties.created = created
    document.save(str(path))
    return path


def html_page(text: str, title: str | None = None, meta_date: str | None = None) -> str:
    """An HTML page with one ``<p>`` per line and ``<ul>`` for bullet runs."""
    head = [f"<title>{html.escape(title)}</title>"] if title else []
    if meta_date:
        head.append(f'<meta name="dc.date" content="{meta_date}">')
    body: list[str] = []
    in_list = False
    for line in text.split("\n"):
        if is_bullet(line) != in_list:
            body.append("<ul>" if not in_list else "</ul>")
            in_list = not in_list
        if in_list:
            body.append(f"  <li>{html.escape(line[2:])}</li>")
        elif line.strip():
            body.append(f"<p>{html.escape(line)}</p>")
    if in_list:
        body.append("</ul>")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "\n".join(head) + "\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


def write_html(path: Path, text: str, title: str | None = None,
               meta_date: str | None = None) -> Path:
    path.write_text(html_page(text, title, meta_date), encoding="utf-8")
    return path


def write_markdown(path: Path, text: str) -> Path:
    """The first line as a heading, the rest as written."""
    first, _, rest = text.partition("\n")
    path.write_text(f"# {first}\n\n{rest}", encoding="utf-8")
    return path


def write_flowing_pdf(path: Path, text: str, title: str | None = None,
                      header: str | None = None, page_numbers: bool = True) -> int:
    """Lay ``text`` out over A4 pages as a word processor would (one
    paragraph per line, wrapped at the margin), with a running header and
    "Page N of M" footers; returns the number of pages."""
    from PySide6.QtCore import QRectF, QSizeF
    from PySide6.QtGui import QFont, QPainter, QTextDocument

    writer = _pdf_writer(path, title)
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    band = 36  # room for the header and the footer
    body_height = area.height() - 2 * band
    document = QTextDocument()
    document.setDefaultFont(QFont("DejaVu Sans", 10))
    document.setPlainText(text)
    document.setPageSize(QSizeF(area.width(), body_height))
    pages = document.pageCount()
    painter = QPainter(writer)
    for index in range(pages):
        if index:
            writer.newPage()
        if header:
            painter.drawText(0, 14, header)
        painter.save()
        painter.translate(0, band - index * body_height)
        document.drawContents(painter, QRectF(0, index * body_height, area.width(), body_height))
        painter.restore()
        if page_numbers:
            painter.drawText(area.width() // 2 - 30, area.height() - 8,
                             f"Page {index + 1} of {pages}")
    painter.end()
    return pages


def write_paged_pdf(path: Path, pages: Sequence[Sequence[str]], title: str | None = None,
                    header: str | None = None, footer: str | None = None) -> Path:
    """Each page holds exactly the given lines, one below the other;
    ``footer`` may contain ``{page}``."""
    from PySide6.QtGui import QFont, QPainter

    writer = _pdf_writer(path, title)
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    painter = QPainter(writer)
    painter.setFont(QFont("DejaVu Sans", 10))
    for index, lines in enumerate(pages):
        if index:
            writer.newPage()
        if header:
            painter.drawText(0, 14, header)
        for row, line in enumerate(lines):
            painter.drawText(0, 60 + 16 * row, line)
        if footer:
            painter.drawText(area.width() // 2, area.height() - 8, footer.format(page=index + 1))
    painter.end()
    return path


def _pdf_writer(path: Path, title: str | None):  # -> QPdfWriter, imported lazily
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    if title:
        writer.setTitle(title)
    return writer


def rewrite_pdf(source: Path, target: Path, metadata: dict[str, str] | None = None,
                user_password: str | None = None, algorithm: str = "RC4-128") -> Path:
    """A copy of a PDF with other metadata, or encrypted."""
    writer = pypdf.PdfWriter(clone_from=str(source))
    if metadata:
        writer.add_metadata(metadata)
    if user_password is not None:
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    target.write_bytes(buffer.getvalue())
    return target
