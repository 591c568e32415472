"""Merging keeps apart mentions whose sentences name different agents of
the same event phrase, and still merges those that name one or none."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.events.subjects import sentence_agent
from timeline.events.tokens import tokenize
from timeline.model import Document
from timeline.pipeline import corpus_from_documents

SUMMIT = "{} held a summit on water security in the late 1980s."
AGENTS = ["The port authority", "Acme Corp", "UNICEF", "The central bank",
          "The Lagos Chamber of Commerce"]


def _docs(sentences: list[str]) -> list[Document]:
    return [Document(f"d{i}", f"/tmp/d{i}.txt", f"Doc {i}", date(2020, 1, 1),
                     f"Notes.\n\n{text} Nothing else happened.")
            for i, text in enumerate(sentences)]


def _agent(sentence: str) -> tuple[str, str]:
    return sentence_agent(tokenize(sentence, (0, len(sentence))))


def test_five_agents_of_one_summit_phrase_are_five_events() -> None:
    corpus = corpus_from_documents(_docs([SUMMIT.format(a) for a in AGENTS]))
    summits = [e for e in corpus.events if "ummit" in e.title]
    assert len(summits) == 5
    assert sorted(len(e.mentions) for e in summits) == [1] * 5


def test_the_same_agent_in_two_documents_is_one_event() -> None:
    sentences = [SUMMIT.format("UNICEF"), "In 1988, UNICEF held a summit on water security."]
    corpus = corpus_from_documents(_docs(sentences))
    [summit] = [e for e in corpus.events if "ummit" in e.title]
    assert {m.document for m in summit.mentions} == {"d0", "d1"}


def test_a_mention_without_an_agent_joins_the_one_with_an_agent() -> None:
    sentences = [SUMMIT.format("UNICEF"),
                 "A summit on water security was held in the late 1980s."]
    corpus = corpus_from_documents(_docs(sentences))
    [summit] = [e for e in corpus.events if "ummit" in e.title]
    assert len(summit.mentions) == 2


@pytest.mark.parametrize(("sentence", "agent", "noun"), [
    ("Acme Corp will host the second annual summit.", "acme corp", "summit"),
    ("In 1989, the central bank held a summit.", "bank central", "summit"),
    ("Indonesia and Australia co-chaired the meeting on 30 March 2011.",
     "australia indonesia", "meeting"),
])
def test_the_agent_of_an_event_verb(sentence: str, agent: str, noun: str) -> None:
    assert _agent(sentence) == (agent, noun)


@pytest.mark.parametrize("sentence", [
    "The summit was held in May.",  # the event is the subject
    "It was held in May.",  # a pronoun tells nothing of who
    "Members welcomed the Roundtable co-hosted by UNHCR.",  # not the event's agent
    "The minister said the summit would be held in May.",
    "On 30 March 2011 ministers met.",  # an opener without a comma: not read
])
def test_no_agent(sentence: str) -> None:
    assert _agent(sentence) == ("", "")
