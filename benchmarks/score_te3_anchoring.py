"""Title anchoring measured on TempEval-3 Platinum's temporal links.

    .venv/bin/python benchmarks/score_te3_anchoring.py [--dir PATH] [-v]

A measuring instrument only: nothing in the titles may be tuned to this set.

Each gold TIMEX3 of type DATE inside the text that a TLINK ties to an EVENT
of the same sentence is a date with a known event. For each such date the
pipeline found (a mention overlapping it), the title *names its event* when
one of its words starts with the first five letters (or the whole, if
shorter) of one of the linked EVENT words ("killed" → "kille", "talks" →
"talks"). Prints the share of found dates whose title names one of their
events, and the share of those that hold the date's own sentence's words
at all (not the document's title, not an empty one).

The last line is ``te3_anchoring: named=<x> dates=<n>``.
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.model import Document
from timeline.pipeline import corpus_from_documents

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "te3-platinum"
_STEM = 5
Tagged = tuple[str, dict[str, str], int, int]  # tag, attributes, start, end


def _walk(element: ET.Element, parts: list[str], found: list[Tagged]) -> None:
    """Collect ``element``'s text into ``parts`` and its tags with offsets."""
    if element.text:
        parts.append(element.text)
    for child in element:
        start = sum(map(len, parts))
        _walk(child, parts, found)
        found.append((child.tag, dict(child.attrib), start, sum(map(len, parts))))
        if child.tail:
            parts.append(child.tail)


def read(path: Path) -> tuple[str, str, list[Tagged], list[dict[str, str]], dict[str, str]]:
    """Text, document date, tags in the text, TLINKs and event id by instance id."""
    root = ET.parse(path).getroot()
    body, dct = root.find("TEXT"), root.find("DCT/TIMEX3")
    if body is None or dct is None:
        raise ValueError(f"{path}: no <TEXT> or no <DCT><TIMEX3>")
    parts: list[str] = []
    found: list[Tagged] = []
    _walk(body, parts, found)
    links = [dict(t.attrib) for t in root.iter("TLINK")]
    instances = {m.get("eiid", ""): m.get("eventID", "") for m in root.iter("MAKEINSTANCE")}
    return "".join(parts), dct.get("value", "")[:10], found, links, instances


def _names(title: str, word: str) -> bool:
    stem = re.escape(word.lower()[:_STEM])
    return re.search(r"\b" + stem, title.lower()) is not None


def score_file(path: Path, verbose: bool) -> tuple[int, int]:
    """(dates found with a same-sentence linked event, of which named)."""
    text, dct, tags, links, instances = read(path)
    timexes = {a.get("tid"): (s, e) for tag, a, s, e in tags
               if tag == "TIMEX3" and a.get("type") == "DATE"}
    events = {a.get("eid"): (s, e) for tag, a, s, e in tags if tag == "EVENT"}
    linked: dict[str, set[str]] = defaultdict(set)
    for link in links:
        tid, eiid = link.get("relatedToTime"), link.get("eventInstanceID")
        if tid in timexes and eiid in instances and instances[eiid] in events:
            linked[tid].add(instances[eiid])
    doc = Document(path.stem, path.name, path.stem, date.fromisoformat(dct), text)
    mentions = [(m, e.title) for e in corpus_from_documents([doc]).events for m in e.mentions]
    total = named = 0
    for tid, eids in linked.items():
        s, e = timexes[tid]
        hit = next(((m, t) for m, t in mentions if m.span[0] < e and s < m.span[1]), None)
        if hit is None:
            continue
        mention, title = hit
        words = [text[a:b] for a, b in (events[x] for x in eids)
                 if mention.sentence[0] <= a < mention.sentence[1]]
        if not words:
            continue
        total += 1
        ok = any(_names(title, w) for w in words)
        named += ok
        if verbose and not ok:
            print(f"  {path.stem}: {text[s:e]!r} -> {title!r}, events {sorted(set(words))}")
    return total, named


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("-v", action="store_true", help="list the dates whose title misses")
    args = parser.parse_args()
    total = named = 0
    files = sorted(args.dir.glob("*.tml"))
    for path in files:
        t, n = score_file(path, args.v)
        total, named = total + t, named + n
    share = named / total if total else 0.0
    print(f"TE3 Platinum: {len(files)} documents, {total} found dates linked to an event "
          f"of their sentence")
    print(f"  title names a linked event: {named}/{total} = {share:.1%}")
    print(f"te3_anchoring: named={share:.3f} dates={total}")


if __name__ == "__main__":
    main()
