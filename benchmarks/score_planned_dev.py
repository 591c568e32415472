"""Planned or happened on a small development set written for the project:
news-style and narrative sentences, each with its document date and, for
each date in it, whether the dated thing is planned or happened as of that
date. Prints accuracy, precision and recall of "planned", and the misses.

    .venv/bin/python benchmarks/score_planned_dev.py [-v]
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.model import Document, Status
from timeline.pipeline import corpus_from_documents

P, H = Status.PLANNED, Status.HAPPENED
# (document date, text, {date as written: gold status})
CASES: list[tuple[date, str, dict[str, Status]]] = [
    (date(2024, 5, 2), "The regional water summit will be held on 14 June 2024 in Suva.",
     {"14 June 2024": P}),
    (date(2024, 5, 2), "The previous water summit was held on 3 March 2023 in Apia.",
     {"3 March 2023": H}),
    (date(2024, 5, 20), "Ministers met in Suva on 2 May 2024 to sign the accord.",
     {"2 May 2024": H}),
    (date(2024, 5, 20), "Ministers are to meet again on 28 May 2024.", {"28 May 2024": P}),
    (date(2024, 5, 20), "The board is expected to approve the budget in May 2024.",
     {"May 2024": P}),
    (date(2024, 5, 20), "The board approved the budget in May 2024.", {"May 2024": H}),
    (date(2023, 11, 3), "The company plans to open a plant in Ohio in 2025.", {"2025": P}),
    (date(2023, 11, 3), "The company, founded in 1990, will open a plant in 2025.",
     {"1990": H, "2025": P}),
    (date(2023, 11, 3), "The launch, first set for March 2023, was postponed to June 2024.",
     {"March 2023": H, "June 2024": P}),
    (date(2023, 11, 3), "Emissions are due to fall by half by 2030.", {"2030": P}),
    (date(2023, 11, 3), "The treaty entered into force on 1 January 2023.",
     {"1 January 2023": H}),
    (date(2023, 11, 3), "The council intends to vote on the plan in November 2023.",
     {"November 2023": P}),
    (date(2023, 11, 3), "The council voted on the plan in November 2023.",
     {"November 2023": H}),
    (date(2023, 11, 3), "The agency aims to finish the survey in 2023.", {"2023": P}),
    (date(2023, 11, 3), "In 2023 the agency finished the survey it began in 2021.",
     {"2023": H, "2021": H}),
    (date(2023, 11, 3), "A second round of talks is scheduled for 20 November 2023.",
     {"20 November 2023": P}),
    (date(2023, 11, 3), "The first round of talks took place on 20 October 2023.",
     {"20 October 2023": H}),
    (date(1941, 1, 10), "Germany invaded Poland on 1 September 1939.",
     {"1 September 1939": H}),
    (date(2024, 5, 2), "In May 2024 the plant opened, and the firm will hire more staff.",
     {"May 2024": H}),
    (date(2024, 5, 2), "Shares rose 4% in the week to 30 April 2024.", {"30 April 2024": H}),
]


def main(verbose: bool) -> None:
    right = tp = fp = fn = 0
    misses = []
    total = 0
    for n, (day, text, gold) in enumerate(CASES):
        doc = Document(f"d{n}", f"d{n}.txt", f"Case {n}", day, text)
        corpus = corpus_from_documents([doc])
        found = {m.text: e.status for e in corpus.events for m in e.mentions}
        for written, want in gold.items():
            total += 1
            got = found.get(written)
            if got is want:
                right += 1
            else:
                misses.append((text, written, want, got))
            tp += got is P and want is P
            fp += got is P and want is H
            fn += got is not P and want is P
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"dates: {total}  accuracy: {right / total:.1%}  "
          f"planned precision: {precision:.1%}  recall: {recall:.1%}")
    for text, written, want, got in misses if verbose else ():
        shown = got.value if got else "not found"
        print(f"  {written!r}: want {want.value}, got {shown}  in {text!r}")


if __name__ == "__main__":
    main("-v" in sys.argv)
