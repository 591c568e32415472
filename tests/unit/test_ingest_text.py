"""Plain text: encodings, byte-order marks, line ends, and text that is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.ingest import ReadError, read_document
from timeline.ingest.decode import decode_text

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
PATH = Path("sample.txt")

# Short passages in the legacy encodings their languages were commonly saved in.
LEGACY = [
    ("Le comité s’est réuni à Genève le 12 décembre 2011. Les délégués ont présenté "
     "leurs rapports sur la sécurité maritime et la coopération régionale.", "cp1252"),
    ("Die Sitzung fand am 3. März 2012 in München statt. Die Teilnehmer begrüßten die "
     "Ergebnisse und äußerten Zustimmung zu den Vorschlägen über Grenzübergänge.", "cp1252"),
    ("Совещание состоялось 12 октября 2011 года в Сиднее. Участники обсудили вопросы "
     "миграции и сотрудничества в регионе.", "cp1251"),
    ("Spotkanie odbyło się 12 października 2011 r. w Warszawie. Uczestnicy omówili "
     "współpracę regionalną i bezpieczeństwo granic.", "cp1250"),
    ("Η συνάντηση πραγματοποιήθηκε στις 12 Οκτωβρίου 2011 στην Αθήνα. Οι συμμετέχοντες "
     "συζήτησαν θέματα μετανάστευσης.", "cp1253"),
]


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                   "utf-32", "cp1252"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_reads_back_identically_in_each_encoding(seed: Path, codec: str,
                                                      tmp_path: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    data = text.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        data = "\ufeff".encode(codec) + data  # as editors save it: with a byte-order mark
    path = tmp_path / "seed.txt"
    path.write_bytes(data)
    assert read_document(path).text == text


@pytest.mark.parametrize(("text", "codec"), LEGACY, ids=[c for _, c in LEGACY])
def test_legacy_encodings_are_detected(text: str, codec: str) -> None:
    assert decode_text(PATH, text.encode(codec)) == text


def test_text_that_is_nearly_ascii_is_taken_as_windows_1252() -> None:
    text = "The States’ delegates met on 3 May 2011 and agreed to meet again. " * 40
    assert decode_text(PATH, text.encode("cp1252")) == text


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_ends_become_newlines(newline: str, tmp_path: Path) -> None:
    path = tmp_path / "dos.txt"
    path.write_bytes(newline.join(["First line", "On 1 May 2010 it rained.", ""]).encode())
    assert read_document(path).text == "First line\nOn 1 May 2010 it rained.\n"


def test_title_is_the_first_non_blank_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("\n\n## Meeting notes\n\nText.\n", encoding="utf-8")
    assert read_document(path).title == "Meeting notes"


def test_markdown_is_kept_as_written(tmp_path: Path) -> None:
    source = "# Notes\n\n- **12 October 2011**: met in [Sydney](http://example.org).\n"
    path = tmp_path / "notes.md"
    path.write_text(source, encoding="utf-8")
    assert read_document(path).text == source


def test_invalid_utf16_after_a_byte_order_mark_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    with pytest.raises(ReadError, match="not valid UTF-16"):
        read_document(path)


def test_byte_order_mark_alone_holds_no_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("  \n".encode("utf-16"))  # the codec writes the mark
    with pytest.raises(ReadError, match="holds no text"):
        read_document(path)
