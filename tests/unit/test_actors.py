"""Actors: countries and organisations named in a sentence, with acronyms
tied to the names a document defines for them."""

from __future__ import annotations

import pytest

from timeline.events.actors import defined_name, document_acronyms, sentence_actors


def actors(sentence: str, document: str = "") -> tuple[str, ...]:
    """Actors of ``sentence`` as it stands after ``document`` in one text."""
    text = document + sentence
    return sentence_actors(text, (len(document), len(text)), document_acronyms(text))


# (case id, sentence, expected actors in order)
COUNTRY_CASES = [
    ("list in order", "Representatives from Afghanistan, Australia and Sri Lanka attended.",
     ("Afghanistan", "Australia", "Sri Lanka")),
    ("variants become one canonical name",
     "The Republic of Korea (ROK) hosted it; the ROK thanked Viet Nam and Vietnam.",
     ("South Korea", "Vietnam")),
    ("demonym and possessive", "The Australian Minister welcomed Thailand’s contribution.",
     ("Australia", "Thailand")),
    ("name wrapped over a line", "Members from New\nZealand and Papua New Guinea spoke.",
     ("New Zealand", "Papua New Guinea")),
    ("currency is not a country", "Japan pledged US$10,000 and NZ$30,000.", ("Japan",)),
    ("country acronym", "Areas where the US and the UAE could work together.",
     ("United States", "United Arab Emirates")),
    ("common words are not countries", "They ate turkey and discussed china patterns.", ()),
    ("heading in capitals", "SYDNEY, AUSTRALIA, 5 MARCH 2013", ("Australia",)),
]


@pytest.mark.parametrize(("sentence", "expected"), [c[1:] for c in COUNTRY_CASES],
                         ids=[c[0] for c in COUNTRY_CASES])
def test_countries(sentence: str, expected: tuple[str, ...]) -> None:
    assert actors(sentence) == expected


DOCUMENT = ("Representatives from the Office of the United Nations High Commissioner for "
            "Refugees (UNHCR) and the International Organization for Migration (IOM) "
            "attended, with the Jakarta Centre for Law Enforcement Cooperation (JCLEC) and "
            "the Regional Cooperation Framework (RCF). ")

ORG_CASES = [
    ("defined acronym used alone later", "Later IOM and JCLEC reported.",
     ("International Organization for Migration (IOM)",
      "Jakarta Centre for Law Enforcement Cooperation (JCLEC)")),
    ("definition sentence names each organisation once", DOCUMENT.strip(),
     ("United Nations High Commissioner for Refugees (UNHCR)",
      "International Organization for Migration (IOM)",
      "Jakarta Centre for Law Enforcement Cooperation (JCLEC)")),
    ("acronym of something that is not an organisation", "The RCF was reviewed.", ()),
    ("full name later maps to the acronym form", "The Jakarta Centre for Law Enforcement "
     "Cooperation trained officers.",
     ("Jakarta Centre for Law Enforcement Cooperation (JCLEC)",)),
    ("well-known acronym never defined", "UNODC and ASEAN spoke.",
     ("United Nations Office on Drugs and Crime (UNODC)",
      "Association of Southeast Asian Nations (ASEAN)")),
    ("unknown undefined acronym left out", "The AHG met the XYZ.", ()),
    ("organisation with a country in its name", "The Royal Thai Police presented.",
     ("Royal Thai Police", "Thailand")),
    ("group before a noun is a meeting, not the group",
     "The Ad Hoc Group Senior Officials met.", ()),
    ("organisation name with connectors", "Presentations by the International Federation "
     "of Red Cross and Red Crescent Societies and the UN Office on Drugs and Crime.",
     ("International Federation of Red Cross and Red Crescent Societies (IFRC)",
      "United Nations Office on Drugs and Crime (UNODC)")),
    ("spelling variant of a well-known body", "The International Labor Organization (ILO) "
     "and the ILO again.", ("International Labour Organization (ILO)",)),
    ("a federation that is a country", "The Russian Federation observed.", ("Russia",)),
]


@pytest.mark.parametrize(("sentence", "expected"), [c[1:] for c in ORG_CASES],
                         ids=[c[0] for c in ORG_CASES])
def test_organisations(sentence: str, expected: tuple[str, ...]) -> None:
    document = "" if sentence == DOCUMENT.strip() else DOCUMENT
    assert actors(sentence, document) == expected


def test_case_ids_are_unique() -> None:
    ids = [c[0] for c in COUNTRY_CASES + ORG_CASES]
    assert len(ids) == len(set(ids))


def test_acronyms_are_per_document() -> None:
    defined = "The Steering Office (STO) met. Then the STO spoke."
    undefined = "Then the STO spoke."
    assert actors(undefined) == ()
    assert "Steering Office (STO)" in sentence_actors(
        defined, (defined.index("Then"), len(defined)), document_acronyms(defined))


@pytest.mark.parametrize(("text", "acronym", "expected"), [
    ("the Office of the United Nations High Commissioner for Refugees (UNHCR)", "UNHCR",
     "United Nations High Commissioner for Refugees"),
    ("the Ad Hoc Group Senior Officials (AHG SOM)", "AHG SOM", "Ad Hoc Group Senior Officials"),
    ("the Asia Pacific Consultations on Refugees, Displaced Persons and Migrants (APC)", "APC",
     "Asia Pacific Consultations on Refugees, Displaced Persons and Migrants"),
    ("the International Labour Organization’s (ILO)", "ILO", "International Labour Organization"),
    ("regional consultative processes (RCPs)", "RCPs", ""),
], ids=["inner name", "two-word acronym", "comma in name", "possessive", "lower case"])
def test_defined_name(text: str, acronym: str, expected: str) -> None:
    assert defined_name(text, text.rindex("("), acronym) == expected
