"""What tells a generic event apart: its topic and its host.

"Workshops were held on data protection on 5-6 May 2017, hosted by
Thailand" names its event with a head word alone ("Workshops"), which would
title every workshop of a collection alike. Such a head takes the topic its
verb gives it ("held on data protection") and its host ("hosted by
Thailand"), wherever the sentence puts them: ``Workshops on data
protection, hosted by Thailand``.
"""

from __future__ import annotations

from timeline.events.candidates import hosted_suffix
from timeline.events.phrases import Phrase, topic_end
from timeline.events.tokens import DATE, Tokens
from timeline.events.vocab import VERB_AUX, wordset

# Verbs that say an event took place, between a generic head and its topic.
_HELD = wordset("""
    held convened organised organized hosted chaired staged took began opened resumed
    focused focussed centred centered
""")
_HOSTED = wordset("hosted co-hosted cohosted")
_TIME_PREPOSITIONS = wordset("in on during from by at")
_MAX_AUX = 3
# How far after the head a host is looked for (past a topic, a date, a place).
_HOST_REACH = 14


def generic_qualifier(text: str, tokens: Tokens, phrase: Phrase) -> str:
    """The topic and host a generic head's verb gives it (`` on data
    protection, hosted by Thailand``), or ""."""
    return _verb_topic(text, tokens, phrase.last) + _host(text, tokens, phrase.last + 1)


def _verb_topic(text: str, tokens: Tokens, last: int) -> str:
    """`` on data protection`` from ``were held on data protection``."""
    lowers, n = tokens.lowers, len(tokens)
    k = last + 1
    while k < n and k - last <= _MAX_AUX and lowers[k] in VERB_AUX:
        k += 1
    if k >= n or lowers[k] not in _HELD:
        return ""
    if k + 1 < n and lowers[k] == "took" and lowers[k + 1] == "place":
        k += 1
    if k + 2 < n and lowers[k + 1] in _TIME_PREPOSITIONS and tokens.kinds[k + 2] == DATE:
        k += 2  # "to be held in 2012-13 on biometrics": the topic after the date
    end = topic_end(tokens, k)
    if end <= k + 1:
        return ""
    return " " + " ".join(text[tokens.starts[k + 1]:tokens.end(end)].split())


def _host(text: str, tokens: Tokens, lo: int) -> str:
    """``, hosted by Thailand`` when ``hosted by`` follows within the clause."""
    lowers, texts = tokens.lowers, tokens.texts
    for j in range(lo, min(len(tokens), lo + _HOST_REACH)):
        if texts[j] in ";:()":
            return ""
        if lowers[j] in _HOSTED:
            return hosted_suffix(text, tokens, j, j + 1)
    return ""
