"""Titles that name the event a date belongs to, on invented sentences: a date
in a side phrase, under a reporting verb, with a subject to keep, beside
numbers, possessives and abbreviations, with a generic head word, and titles
that end where a phrase ends and are not shared by two events of a document."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.events.build import build_events
from timeline.events.sentences import sentence_at, split_sentences
from timeline.events.titles import MAX_TITLE, sentence_titles
from timeline.model import Document, Granularity, Mention, When


def title_of(sentence: str, when: str) -> str:
    """The title the date written ``when`` gets in ``sentence``."""
    start = sentence.index(when)
    [title] = sentence_titles(sentence, (0, len(sentence)), [(start, start + len(when))])
    return title.text


# (case id, sentence, date as written, words the title must hold, words it must not)
CASES = [
    ("date modifying a noun in a side phrase",
     "Exports rose on Tuesday to their highest level since the 2015 devaluation.",
     "2015", ["Devaluation"], ["highest", "Exports"]),
    ("date modifying a noun with its topic",
     "Doctors still argue about the 1918 outbreak of influenza in the port.",
     "1918", ["outbreak of influenza"], ["Doctors", "argue"]),
    ("date completing a noun after a preposition of time",
     "The ferry service stopped after the collision in August 2019.",
     "August 2019", ["Collision"], ["ferry"]),
    ("date in a relative clause of its noun",
     "The blockade, which started on 2 March 2017, cut the town off for a year.",
     "2 March 2017", ["blockade"], ["cut"]),
    ("reporting verb before the reported clause",
     "A court spokeswoman said the verdict would be announced in June 2024.",
     "June 2024", ["verdict"], ["said", "spokeswoman"]),
    ("reporting verb with an object, dating the saying",
     "The governor told lawmakers on 9 May 2023 that the canal would be widened.",
     "9 May 2023", ["canal would be widened"], ["told", "governor"]),
    ("report put before its speaker",
     "Rainfall was the heaviest in a century, forecasters said on 2 July 2021.",
     "2 July 2021", ["Rainfall"], ["said", "forecasters"]),
    ("subject kept with a generic object",
     "The insurer said on 8 June 2020 that Halden Group had signed the contract with Mirel.",
     "8 June 2020", ["Halden Group", "signed the contract"], ["said"]),
    ("number with a comma kept whole",
     "The mill laid off 1,350 workers in October 2009.",
     "October 2009", ["1,350 workers"], []),
    ("per cent sign kept with its number",
     "Rents climbed 7.5% in the year to March 2022.",
     "March 2022", ["7.5%"], []),
    ("possessive kept whole in a subject",
     "The museum's reopening of the east wing began on 4 April 2016.",
     "4 April 2016", ["museum's reopening of the east wing"], []),
    ("abbreviation kept with its dots",
     "The U.K. trade envoy's visit to Chile began on 11 May 2015.",
     "11 May 2015", ["U.K."], []),
    ("generic head takes its pair",
     "Talks between the miners and the owners resumed on 3 August 2018.",
     "3 August 2018", ["Talks between the miners and the owners"], []),
    ("generic head takes its topic and host",
     "Seminars were held on river transport on 2-3 May 2019, hosted by Laos.",
     "2-3 May 2019", ["on river transport", "hosted by Laos"], []),
    ("a clause title ends where its phrase ends",
     "The water board opened a large modern treatment plant near Delft in March 2014.",
     "March 2014", ["treatment plant"], []),
    ("a generic head whose topic follows its date",
     "The agencies agreed that a seminar would be held in March 2026 on coastal mapping.",
     "March 2026", ["Seminar on coastal mapping"], ["agreed"]),
    ("a period's figures reported by a named company",
     "Brightwater Energy reported fourth-quarter profit of 3.1 million euros, its best yet.",
     "fourth-quarter", ["Brightwater Energy profit"], ["reported", "best"]),
    ("a possessive owner of a period's figures",
     "Analysts had expected more from Acme's 2023 sales, which rose 2%.",
     "2023", ["Acme's sales"], ["Analysts"]),
    ("a date inside a short clause keeps the preposition after it",
     "She spent the winter of 1931 in a clinic at Davos.",
     "the winter of 1931", ["spent in a clinic"], []),
    ("a time of day before the date is not the event",
     "By the morning of 3 May 1966 the water had reached the station.",
     "3 May 1966", ["water had reached the station"], ["morning"]),
    ("a statement noting what happened",
     "The delegates noted that the regional fisheries office closed in May 2015.",
     "May 2015", ["fisheries office closed"], ["noted", "delegates"]),
]


@pytest.mark.parametrize(("sentence", "when", "wanted", "unwanted"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_title_names_the_event(sentence: str, when: str, wanted: list[str],
                               unwanted: list[str]) -> None:
    title = title_of(sentence, when)
    for words in wanted:
        assert words.lower() in title.lower(), title
    for words in unwanted:
        assert words.lower() not in title.lower(), title
    assert when not in title and len(title) <= MAX_TITLE


def test_case_ids_are_unique() -> None:
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("sentence", [
    "The ministry opened a new provincial maternity clinic in Cusco on 12 June 2018.",
    "The regime was blamed for the harsh forced labour policies adopted after 17 April 1975.",
    "Officials at the port authority approved a very long delayed dredging project in 2012.",
])
def test_a_clause_title_never_stops_inside_a_phrase(sentence: str) -> None:
    date_text = next(w for w in ("12 June 2018", "17 April 1975", "2012") if w in sentence)
    title = title_of(sentence, date_text)
    # The word after the title in the sentence starts a new phrase: a
    # preposition, a verb form, or nothing more.
    rest = sentence[sentence.lower().index(title.lower()) + len(title):].split()
    assert not rest or rest[0] in {"in", "on", "adopted", "after"} or rest[0][:1].isdigit(), title


def test_a_reported_clause_with_its_own_date_names_the_saying_apart() -> None:
    sentence = ("A spokesman said on 3 March 2022 that the plant would close in "
                "September 2022.")
    spans = [(sentence.index(w), sentence.index(w) + len(w))
             for w in ("3 March 2022", "September 2022")]
    saying, closing = sentence_titles(sentence, (0, len(sentence)), spans)
    assert "plant would close" in closing.text
    assert "plant would close" in saying.text
    assert saying.text != closing.text
    assert "spokesman" not in closing.text.lower()


def test_a_date_after_another_takes_the_words_of_its_own_clause() -> None:
    sentence = ("Work on the dam will start in April and the first turbines should turn "
                "in 2031.")
    spans = [(sentence.index(w), sentence.index(w) + len(w)) for w in ("April", "2031")]
    start, turbines = (t.text for t in sentence_titles(sentence, (0, len(sentence)), spans))
    assert "dam" in start and "turbines" not in start
    assert "turbines" in turbines and "dam" not in turbines


def test_a_clause_title_is_not_stretched_over_a_new_clause() -> None:
    title = title_of("In March the pilot, Ana Ruiz, flew the new route twice and she "
                     "landed at night.", "March")
    assert not title.endswith((" and", " she", " and she")), title


def test_a_named_object_is_not_given_its_subject() -> None:
    assert title_of("Chile and Peru signed the Arica Treaty on 4 May 1999.",
                    "4 May 1999") == "Arica Treaty signed"


def _document_events(text: str, whens: dict[str, When]) -> dict[str, str]:
    """The title of each date of one document, by the date as written."""
    doc = Document("d", "d.txt", "A report", None, text)
    sentences = split_sentences(text)
    mentions = []
    for written, when in whens.items():
        start = text.index(written)
        end = start + len(written)
        mentions.append(Mention("d", (start, end), written, when,
                                sentence_at(sentences, start, end)))
    return {m.text: e.title for e in build_events([doc], mentions) for m in e.mentions}


def _day(y: int, m: int, d: int) -> When:
    return When(date(y, m, d), date(y, m, d), Granularity.DAY)


def test_two_events_of_a_document_do_not_share_a_title() -> None:
    text = ("Workshops on flood warning were held in Hue on 2 May 2016 and in Vinh on "
            "9 May 2016.")
    titles = _document_events(text, {"2 May 2016": _day(2016, 5, 2),
                                     "9 May 2016": _day(2016, 5, 9)})
    assert titles["2 May 2016"] != titles["9 May 2016"]
    assert "Hue" in titles["2 May 2016"] and "Vinh" in titles["9 May 2016"]
    assert all("flood warning" in t for t in titles.values())


def test_two_events_in_two_sentences_do_not_share_a_title() -> None:
    text = ("The council met on 4 March 2019 to hear the residents. "
            "The council met on 18 March 2019 to vote on the plan.")
    titles = _document_events(text, {"4 March 2019": _day(2019, 3, 4),
                                     "18 March 2019": _day(2019, 3, 18)})
    assert titles["4 March 2019"] != titles["18 March 2019"]
    assert "vote" in titles["18 March 2019"]


def test_mentions_of_one_day_keep_their_shared_title() -> None:
    text = ("The summit on water opened on 5 June 2020. "
            "Delegates arrived before the summit on water opened on 5 June 2020.")
    second = text.index("5 June 2020", text.index("Delegates"))
    doc = Document("d", "d.txt", "A report", None, text)
    sentences = split_sentences(text)
    mentions = [Mention("d", (s, s + 11), "5 June 2020", _day(2020, 6, 5),
                        sentence_at(sentences, s, s + 11))
                for s in (text.index("5 June 2020"), second)]
    events = build_events([doc], mentions)
    assert len({e.title for e in events}) == 1
