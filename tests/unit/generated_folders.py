"""Folders of small dated documents for the store, collection and worker
tests, made from the sentences of the seed statements with a fixed random
seed: years are shifted per file so that the same sentence names different
years in different files, and a few sentences are shared unchanged so that
events merge across documents."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from timeline.model import Corpus

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
_YEAR = re.compile(r"\b(19[6-9]\d|20[0-3]\d)\b")
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-Z])")
_SHIFTS = (-6, -3, -1, 0, 2, 4, 7)
_BROKEN_PDF = b"%PDF-1.4\nnot really a pdf at all\n"


def seed_sentences() -> tuple[list[str], list[str]]:
    """(sentences holding a year, sentences without one) of the seeds, in
    a fixed order, whitespace collapsed."""
    dated: dict[str, None] = {}
    plain: dict[str, None] = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        text = " ".join(seed.read_text(encoding="utf-8").split())
        for sentence in _SENTENCE_END.split(text):
            if not 30 <= len(sentence) <= 400:
                continue
            (dated if _YEAR.search(sentence) else plain).setdefault(sentence)
    return list(dated), list(plain)


def shift_years(text: str, shift: int) -> str:
    return _YEAR.sub(lambda m: str(int(m.group()) + shift), text)


def make_folder(root: Path, count: int = 40, seed: int = 20240611, *,
                broken: bool = True, sentences: tuple[int, int] = (3, 7)) -> list[Path]:
    """Write ``count`` documents (text and Markdown) under ``root`` and,
    when ``broken``, one PDF that cannot be read; returns the documents'
    paths in name order."""
    rng = random.Random(seed)
    dated, plain = seed_sentences()
    shared = dated[:4]  # kept unshifted in several files: events across documents
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        shift = rng.choice(_SHIFTS)
        picked = [shift_years(s, shift) for s in rng.sample(dated, rng.randint(*sentences))]
        if i % 3 == 0:
            picked.insert(rng.randint(0, len(picked)), rng.choice(shared))
        picked.insert(rng.randint(0, len(picked)), rng.choice(plain))
        issued = f"Issued on {rng.randint(1, 28)} {rng.choice(_MONTHS)} {2000 + i % 18}."
        suffix = ".md" if i % 5 == 4 else ".txt"
        heading = f"# Statement {i}" if suffix == ".md" else f"Statement {i}"
        body = "\n\n".join([heading, issued, *picked]) + "\n"
        path = root / f"statement_{i:03d}{suffix}"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    if broken:
        (root / "zz_broken.pdf").write_bytes(_BROKEN_PDF)
    return paths


_MONTHS = ("January February March April May June July August September October "
           "November December").split()


def dumped(corpus: Corpus) -> str:
    return json.dumps(corpus.to_json(), sort_keys=True)


def assert_same(got: Corpus, want: Corpus) -> None:
    """The same collection: its JSON, the dates it could not place and the
    problems met."""
    assert dumped(got) == dumped(want)
    assert got.unplaced == want.unplaced
    assert got.problems == want.problems


def event_signature(event) -> tuple:
    return (event.id, event.title, event.when,
            tuple((m.document, m.span, m.text, m.when, m.sentence) for m in event.mentions))


def documents_of(event) -> set[str]:
    return {m.document for m in event.mentions}
