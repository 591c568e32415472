"""Title anchoring on a development set written for the project
(``benchmarks/dev/anchoring.json``): invented news, business, report and
history sentences, each date with the words its title must hold (the head of
the event phrase the date belongs to) and the words it must not hold.

    .venv/bin/python benchmarks/score_anchoring_dev.py [-v]

Prints, over the dates the tagger found:

* anchored: the share whose title holds every wanted word and none of the
  unwanted ones (the title names the event the date belongs to);
* mid-phrase: the share whose title stops inside a phrase: on a determiner,
  a preposition or a conjunction, or on an adjective-like word that the text
  continues with a lower-case word ("a new regional" | "hospital");
* broken: the share whose title holds part of a number, an abbreviation or
  a possessive only ("3" of "3%", "2 000" of "2,000", "U" of "U.S.");
* shared: the share whose title is the same as that of a date of another
  event in the same text.

The last line is ``anchoring_dev: anchored=<x> mid_phrase=<y> broken=<z> shared=<w>``.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.model import Document
from timeline.pipeline import corpus_from_documents

SET = Path(__file__).resolve().parent / "dev" / "anchoring.json"
_DEFAULT_DAY = date(2024, 5, 2)
# Words a phrase cannot end on.
_OPEN_ENDS = frozenset("""
    a an the this that these those its their his her our my your of in on at for to by with
    from into and or but as than
""".split())
_ADJECTIVE_ENDINGS = ("al", "ive", "ous", "ic", "ful", "ary", "ent", "ant", "est", "ical")
# Pieces that must stay whole: numbers with a mark, abbreviations, possessives.
_WHOLE = re.compile(r"\d[\d,.]*\d%?|\d%|(?:[A-Z]\.){2,}|\w+['’]s\b")


def _has(title: str, word: str) -> bool:
    """Whether a word of ``title`` starts with one of the ``|``-separated
    alternatives of ``word`` (any case)."""
    return any(re.search(r"\b" + re.escape(alt), title, re.IGNORECASE)
               for alt in word.split("|"))


def is_anchored(title: str, must: list[str], must_not: list[str]) -> bool:
    """Whether ``title`` holds every wanted word and no unwanted one."""
    return all(_has(title, w) for w in must) and not any(_has(title, w) for w in must_not)


def is_mid_phrase(title: str, text: str) -> bool:
    """Whether ``title`` stops inside a phrase of ``text`` (see the module notes)."""
    words = title.rstrip("…").split()
    if not words:
        return False
    last = words[-1].lower()
    if last in _OPEN_ENDS:
        return True
    found = re.search(r"\s+".join(map(re.escape, words)) + r"\b", text, re.IGNORECASE)
    if found is None:
        return False
    after = re.match(r"\s+([a-z]\w*)", text[found.end():])
    return bool(after) and last.endswith(_ADJECTIVE_ENDINGS) and after.group(1) not in _OPEN_ENDS


def is_broken(title: str, text: str) -> bool:
    """Whether ``title`` holds only part of a number, abbreviation or possessive of ``text``."""
    for piece in _WHOLE.findall(text):
        lead = re.match(r"\w+", piece)
        if lead is None or piece in title:
            continue
        if re.search(r"\b" + re.escape(lead.group()) + r"(?![\w])", title) and (
                piece[:1].isdigit() or "." in piece):
            return True
        if re.search(r"\b" + re.escape(lead.group()) + r"\s+s\b", title):
            return True
    return False


def _titles(item: dict, n: int) -> list[str | None]:
    """The title of each gold date of ``item`` (None where no date was found there)."""
    day = date.fromisoformat(item.get("doc_date", _DEFAULT_DAY.isoformat()))
    text = item["text"]
    doc = Document(f"d{n}", f"d{n}.txt", f"Item {n}", day, text)
    spans = [(m.span, e.title) for e in corpus_from_documents([doc]).events for m in e.mentions]
    out: list[str | None] = []
    for gold in item["dates"]:
        at = text.index(gold["date"])
        end = at + len(gold["date"])
        out.append(next((t for (s, e), t in spans if s < end and at < e), None))
    return out


def main(verbose: bool) -> None:
    items = json.loads(SET.read_text(encoding="utf-8"))["items"]
    total = found = anchored = cut = broken = shared = 0
    for n, item in enumerate(items):
        titles = _titles(item, n)
        labels = [g.get("event", str(i)) for i, g in enumerate(item["dates"])]
        for i, (gold, title) in enumerate(zip(item["dates"], titles, strict=True)):
            total += 1
            if title is None:
                if verbose:
                    print(f"  not found: {gold['date']!r} in {item['text']!r}")
                continue
            found += 1
            good = is_anchored(title, gold["must"], gold["not"])
            flags = [name for name, bad in (
                ("mid-phrase", is_mid_phrase(title, item["text"])),
                ("broken", is_broken(title, item["text"])),
                ("shared", any(t == title and labels[j] != labels[i]
                               for j, t in enumerate(titles) if j != i))) if bad]
            anchored += good
            cut += "mid-phrase" in flags
            broken += "broken" in flags
            shared += "shared" in flags
            if verbose and (not good or flags):
                mark = "ok " if good else "MISS"
                print(f"  {mark} {gold['date']!r}: {title!r} {' '.join(flags)}  "
                      f"(want {gold['must']}, not {gold['not']})")
    print(f"anchoring development set: {len(items)} texts, {total} dates, {found} found")
    print(f"  anchored {anchored / found:6.1%}  mid-phrase {cut / found:6.1%}  "
          f"broken {broken / found:6.1%}  shared {shared / found:6.1%}")
    print(f"anchoring_dev: anchored={anchored / found:.3f} mid_phrase={cut / found:.3f} "
          f"broken={broken / found:.3f} shared={shared / found:.3f}")


if __name__ == "__main__":
    main("-v" in sys.argv)
