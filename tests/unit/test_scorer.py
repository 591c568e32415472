"""The TempEval-3 scorer's pure parts, on small hand-made inputs.

``benchmarks`` is not a package, so the script is loaded from its file path.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from timeline.model import Granularity, When

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "score_tempeval.py"


def _load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_tempeval", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the class is built.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


scorer = _load_scorer()
G = Granularity


def when(start: str, end: str, granularity: Granularity) -> When:
    return When(date.fromisoformat(start), date.fromisoformat(end), granularity)


VALUE_CASES = [
    (when("2013-03-22", "2013-03-22", G.DAY), "2013-03-22"),
    (when("2012-06-01", "2012-06-30", G.MONTH), "2012-06"),
    (when("2009-01-01", "2009-12-31", G.YEAR), "2009"),
    (when("0950-01-01", "0950-12-31", G.YEAR), "0950"),
    (when("1980-01-01", "1989-12-31", G.DECADE), "198"),
    (when("1901-01-01", "2000-12-31", G.CENTURY), "19"),
    (when("1900-01-01", "1999-12-31", G.CENTURY), "19"),
    (when("2012-06-01", "2012-08-31", G.SEASON), "2012-SU"),
    (when("2012-06-21", "2012-09-22", G.SEASON), "2012-SU"),
    (when("2012-12-01", "2013-02-28", G.SEASON), "2012-WI"),
    (when("2011-03-01", "2011-05-31", G.SEASON), "2011-SP"),
    (when("2011-09-01", "2011-11-30", G.SEASON), "2011-FA"),
    (when("2013-01-01", "2013-03-31", G.QUARTER), "2013-Q1"),
    (when("2013-10-01", "2013-12-31", G.QUARTER), "2013-Q4"),
    (when("2013-07-01", "2013-12-31", G.HALF), "2013-H2"),
    (when("2013-01-01", "2013-06-30", G.HALF), "2013-H1"),
    # Ranges: valued by their first unit; a Monday-to-Sunday range is an ISO week.
    (when("2011-03-29", "2011-03-30", G.DAY), "2011-03-29"),
    (when("2013-03-18", "2013-03-24", G.DAY), "2013-W12"),
    (when("2013-03-19", "2013-03-25", G.DAY), "2013-03-19"),
    (when("2009-01-01", "2010-12-31", G.YEAR), "2009"),
    (when("2012-03-01", "2012-04-30", G.MONTH), "2012-03"),
]


def test_value_cases_are_distinct() -> None:
    whens = [w for w, _ in VALUE_CASES]
    assert len(whens) == len(set(whens))


@pytest.mark.parametrize(("value", "expected"), VALUE_CASES)
def test_timeml_value(value: When, expected: str) -> None:
    assert scorer.timeml_value(value) == expected


def test_unplaced_has_no_value() -> None:
    assert scorer.timeml_value(None) is None


@pytest.mark.parametrize(("gold", "expected"), [
    ("2013-03-23T15:00", "2013-03-23"),
    ("2013-03-22TAF", "2013-03-22"),
    ("2012-WXX-7TNI", "2012-WXX-7"),
    ("PRESENT_REF", "PRESENT_REF"),
    ("PT3H7M35S", "PT3H7M35S"),
    ("2013-W12", "2013-W12"),
])
def test_gold_time_values_compare_on_their_date(gold: str, expected: str) -> None:
    assert scorer.comparable_gold_value(gold) == expected


def test_touching_spans_do_not_overlap() -> None:
    assert not scorer.overlaps((0, 4), (4, 8))
    assert scorer.overlaps((0, 5), (4, 8))


def test_one_prediction_matches_one_gold_only() -> None:
    assert len(scorer.match_spans([(0, 4), (5, 9)], [(0, 9)])) == 1


def test_exact_match_is_preferred() -> None:
    assert scorer.match_spans([(0, 10)], [(0, 3), (0, 10)]) == {0: 1}


def test_matching_is_maximal_not_greedy() -> None:
    # Gold 0 overlaps both predictions, gold 1 only the first: both can be matched.
    gold = [(0, 10), (8, 12)]
    predicted = [(5, 9), (0, 2)]
    assert scorer.match_spans(gold, predicted) == {0: 1, 1: 0}


def test_unmatched_spans_stay_out() -> None:
    assert scorer.match_spans([(0, 3)], [(10, 12)]) == {}


def test_strip_tags_offsets_point_at_timex_text() -> None:
    fragment = ('\nOn <TIMEX3 tid="t1" type="DATE" value="2013-03-22">Friday</TIMEX3> the '
                '<EVENT eid="e1">vote</EVENT> passed &amp; took '
                '<TIMEX3 tid="t2" type="DURATION" value="P1M">a month</TIMEX3>.')
    text, timexes = scorer.strip_tags(fragment)
    assert text == "\nOn Friday the vote passed & took a month."
    assert [(t.text, t.type, t.value) for t in timexes] == [
        ("Friday", "DATE", "2013-03-22"), ("a month", "DURATION", "P1M")]
    assert all(text[t.start:t.end] == t.text for t in timexes)


def test_strip_tags_handles_tags_inside_a_timex() -> None:
    text, (timex,) = scorer.strip_tags(
        'by <TIMEX3 type="DATE" value="2012">the <EVENT>end</EVENT> of year</TIMEX3>!')
    assert text == "by the end of year!"
    assert (timex.start, timex.end) == (3, 18)


def test_read_tml(tmp_path: Path) -> None:
    path = tmp_path / "x.tml"
    path.write_text(
        '<?xml version="1.0" ?><TimeML><DOCID>x</DOCID>'
        '<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-21">March 21, 2013</TIMEX3></DCT>'
        '<TEXT>It rained <TIMEX3 tid="t1" type="DATE" value="2013-03-20">Wednesday'
        '</TIMEX3>.</TEXT><TLINK lid="l1"/></TimeML>', encoding="utf-8")
    doc = scorer.read_tml(path)
    assert doc.dct == date(2013, 3, 21)
    assert doc.text == "It rained Wednesday."
    assert [(t.start, t.end, t.value) for t in doc.timexes] == [(10, 19, "2013-03-20")]


def test_read_tml_without_text_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.tml"
    path.write_text("<TimeML><DOCID>x</DOCID></TimeML>", encoding="utf-8")
    with pytest.raises(ValueError, match=r"empty\.tml"):
        scorer.read_tml(path)


def test_prf() -> None:
    assert scorer.prf(0, 0, 0) == (0.0, 0.0, 0.0)
    p, r, f = scorer.prf(3, 4, 6)
    assert (p, r) == (0.75, 0.5)
    assert f == pytest.approx(0.6)


def test_score_document_counts_and_excludes_durations() -> None:
    fragment = ('Up <TIMEX3 type="DATE" value="2012">last year</TIMEX3>, up '
                '<TIMEX3 type="DATE" value="2013-03">this month</TIMEX3>, for '
                '<TIMEX3 type="DURATION" value="P3M">three months</TIMEX3>, said Smith.')
    text, timexes = scorer.strip_tags(fragment)
    doc = scorer.TmlDocument("d.tml", text, date(2013, 3, 22), tuple(timexes))

    def at(piece: str, value: str | None) -> object:
        start = text.index(piece)
        return scorer.Prediction(start, start + len(piece), piece, value)

    predictions = [at("last year", "2012"), at("month", "2013-04"),
                   at("three", None), at("Smith", "2013")]
    tally = scorer.Tally()
    scorer.score_document(doc, predictions, tally)
    assert (tally.gold, tally.predicted, tally.excluded, tally.unplaced) == (2, 3, 1, 1)
    assert (tally.strict_tp, tally.relaxed_tp, tally.value_tp) == (1, 2, 1)
    assert len(tally.misses) == 0
    assert len(tally.false_positives) == 1 and "[[Smith]]" in tally.false_positives[0]
    assert len(tally.wrong_values) == 1 and "2013-04" in tally.wrong_values[0]


def test_missing_directory_fails_clearly(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert scorer.main(["--dir", str(tmp_path / "absent")]) == 1
    assert "no .tml files" in capsys.readouterr().err


def test_a_tagger_exception_is_reported_not_fatal(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "a.tml").write_text(
        '<TimeML><DCT><TIMEX3 type="DATE" value="2013-03-21">x</TIMEX3></DCT>'
        '<TEXT>In <TIMEX3 type="DATE" value="2010">2010</TIMEX3>.</TEXT></TimeML>',
        encoding="utf-8")

    def broken(text: str, reference: date | None) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(scorer, "find_times", broken)
    assert scorer.main(["--dir", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "a.tml: RuntimeError: boom" in captured.err
    assert "raised on 1 document" in captured.out
