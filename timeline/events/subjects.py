"""The agent of a sentence's event: who held, hosted or signed it.

"The port authority held a summit on water security in the late 1980s" and
"UNICEF held a summit on water security in the late 1980s" share their
event phrase and date but not their subject, and are two summits. Merging
(:mod:`merge`) keeps such mentions apart, so it needs the subject.

It is read without a parser, and only where the sentence has the plain
shape *subject, event verb, event phrase*: the words opening the sentence
(after an opening phrase such as "In 1989," or "However,") up to its first
verb, when that verb (after any auxiliaries: "will host") is one that makes
an event (held, hosted, convened, signed ...) and an event noun follows it
within a few words ("a summit", "the second annual conference"). In any
other shape the subject is not the event's agent ("members welcomed the
Roundtable co-hosted by UNHCR": the members did not hold it), and none is
given. A subject naming the event itself ("The summit was held ...") or a
pronoun ("It", "They") tells nothing of who, and reads as none too. The
agent is given as its content words, lower case, sorted and joined by
spaces, with the event noun it applies to.
"""

from __future__ import annotations

from timeline.events.tokens import DATE, PUNCT, WORD, Tokens
from timeline.events.vocab import EVENT_NOUNS, EVENT_VERBS, KIND_VERBS, VERB_AUX, singular, wordset

_MAX_SUBJECT_WORDS = 6
_OPENERS = wordset("""
    in on at during by after before since from following over between within until
    throughout around about under early late later meanwhile however then also
""")
_PRONOUNS = wordset("""
    it its they them their he she his her we our us i you this that these those which who
    there here one some many most all both each several others
""")
_FILLER = wordset("the a an and & of for to de du des la le 's ’s")
# Verbs whose subject makes the event that is their object.
AGENT_VERBS = frozenset(KIND_VERBS) | frozenset(EVENT_VERBS) | wordset("""
    held hold holds organised organized organises organizes organise organize staged
    stages stage co-hosted co-hosts co-host cohosted chaired chairs chair co-chaired
    co-chairs co-chair convened ran runs run
""")
_VERBS = VERB_AUX | AGENT_VERBS | wordset("""
    took take takes gave give gives made make makes said says announced welcomed
    agreed agrees closed closes called calls set sets saw sees noted notes won wins
""")
_MIN_ED_LENGTH = 4
_MAX_OBJECT_GAP = 4
_NO_AGENT = ("", "")


def sentence_agent(tokens: Tokens) -> tuple[str, str]:
    """(agent, event noun): who the sentence says made the event named by
    the event noun (singular, lower case), ("", "") when it says no such
    thing (see the module notes)."""
    if AGENT_VERBS.isdisjoint(tokens.lowers):
        return _NO_AGENT  # most sentences: no event verb, no agent (one pass in C)
    first = _after_opener(tokens)
    if first < 0:
        return _NO_AGENT
    words: list[str] = []
    kinds, lowers = tokens.kinds, tokens.lowers
    for i in range(first, min(len(kinds), first + _MAX_SUBJECT_WORDS + 1)):
        if kinds[i] == DATE or (kinds[i] == PUNCT and lowers[i] != "&"):
            return _NO_AGENT  # a date or a clause mark before any verb
        word = tokens.bares[i].lower()
        if _is_verb(tokens, i, word):
            noun = _event_object(tokens, i)
            agent = _content(words) if noun else ""
            return (agent, noun) if agent else _NO_AGENT
        words.append(word)
    return _NO_AGENT


def _event_object(tokens: Tokens, verb: int) -> str:
    """The event noun that is the object of the event verb at or after
    ``verb`` (past its auxiliaries), "" when there is none."""
    lowers, n = tokens.lowers, len(tokens)
    i = verb
    while i < n and lowers[i] in VERB_AUX and lowers[i] not in AGENT_VERBS:
        i += 1
    if i >= n or lowers[i] not in AGENT_VERBS:
        return ""
    for k in range(i + 1, min(n, i + 1 + _MAX_OBJECT_GAP)):
        if tokens.kinds[k] != WORD:
            return ""
        noun = singular(lowers[k])
        if noun in EVENT_NOUNS:
            return noun
    return ""


def _after_opener(tokens: Tokens) -> int:
    """Index of the first token after an opening phrase ("In 1989,",
    "However,"), or -1 when the opener does not end in a comma."""
    if not len(tokens) or tokens.lowers[0] not in _OPENERS:
        return 0
    for i, text in enumerate(tokens.texts):
        if text == ",":
            return i + 1
        if text in ".;:":
            break
    return -1


def _is_verb(tokens: Tokens, i: int, word: str) -> bool:
    """Whether token ``i`` (``word`` in lower case) reads as a verb: a known
    verb or auxiliary, or a lower-case word ending in -ed."""
    if tokens.caps[i]:
        return False
    return word in _VERBS or (word.endswith("ed") and len(word) >= _MIN_ED_LENGTH)


def _content(words: list[str]) -> str:
    """The subject's content words, or "" for a pronoun or the event itself."""
    kept = [w for w in words if w not in _FILLER]
    if not kept or any(w in _PRONOUNS for w in kept):
        return ""
    if any(singular(w) in EVENT_NOUNS for w in kept):
        return ""  # "The summit was held": the event, not who held it
    return " ".join(sorted(set(kept)))
