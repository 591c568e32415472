"""Text from files, made safe to show in widgets.

Two hazards meet here. A file name that is not valid UTF-8 reaches Python with
lone surrogates (``os.fsdecode``), which Qt cannot hold: handing one to a
widget raises. And labels, tooltips and message boxes guess whether text is
HTML, so a file named ``<b>x</b>.txt`` would be drawn bold and one holding
``<img src=...>`` could make Qt fetch things. Paths themselves are kept as they
are for opening files; only what is shown passes through here.
"""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path

from timeline.model import Corpus, Document, shown_path


def qt_safe(text: str) -> str:
    """``text`` unchanged when Qt can hold it, else written as :func:`shown_path`
    writes names (undecodable bytes as ``\\xff``)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return shown_path(text)
    return text


def shown_name(path: str) -> str:
    """The last part of ``path``, as it can be shown."""
    return shown_path(Path(path).name or path)


def as_rich(text: str) -> str:
    """Plain ``text`` as rich text that displays it literally, for widgets that
    guess the format (tooltips, message boxes); line breaks are kept."""
    lines = (html.escape(qt_safe(line)) for line in text.split("\n"))
    return "<qt>" + "<br>".join(lines) + "</qt>"


def menu_text(text: str) -> str:
    """``text`` for a menu item or button: ``&`` doubled so it is not taken as a
    shortcut marker."""
    return qt_safe(text).replace("&", "&&")


def displayable(corpus: Corpus) -> Corpus:
    """``corpus`` with every document title Qt can show. A title falls back to
    the file's name, which may hold undecodable bytes; ids and paths are left
    alone, since they find documents and open files."""
    if all(qt_safe(d.title) == d.title for d in corpus.documents):
        return corpus
    documents = tuple(_with_safe_title(d) for d in corpus.documents)
    return dataclasses.replace(corpus, documents=documents)


def _with_safe_title(document: Document) -> Document:
    title = qt_safe(document.title)
    return document if title == document.title else dataclasses.replace(document, title=title)
