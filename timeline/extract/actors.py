"""Actors: the countries and organisations a sentence names.

Countries come from a built-in gazetteer (:mod:`places`), demonyms included
(``Australian`` → Australia). Organisations are capitalised names whose head
noun is an organisation word (``International Organization for Migration``,
``Royal Thai Police``, ``Bali Process Steering Group``) and acronyms that
stand for one.

Canonical forms: a country is its short English name (``Republic of Korea``,
``ROK`` → ``South Korea``). An organisation with an acronym is
``Full Name (ACRONYM)``: the full name comes from a built-in list of
well-known bodies when the acronym is on it (so ``International Labor
Organization (ILO)`` and ``ILO`` read the same in every document), else from
the document's own definition ``Full Name (ACR)``; later bare uses of the
acronym in that document map to the same form. An acronym neither defined
nor well known is left out: it may not be an organisation at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.extract.phrases import is_name_word, name_left, name_right
from timeline.extract.places import COUNTRY_FIRST_WORDS, is_place
from timeline.extract.tokens import ACRONYM, WORD, Token, bare, is_caps_text, tokenize
from timeline.extract.vocab import CONNECTORS, wordset
from timeline.model import Span

ORG_HEADS = wordset("""
    Organization Organisation Organizations Organisations Office Commission Commissioner
    Centre Center Agency Agencies Group Council Fund Bank Union Association Ministry
    Department Police Institute Committee Secretariat Court Federation Society Societies
    Network Alliance Authority Service Services Foundation University Corporation Force
    Parliament Bureau Board Tribunal Coalition Partnership Programme Cross Crescent
""")

# Well-known bodies: acronym → full name.
KNOWN_ORGS: dict[str, str] = {
    "UN": "United Nations",
    "UNHCR": "United Nations High Commissioner for Refugees",
    "IOM": "International Organization for Migration",
    "UNODC": "United Nations Office on Drugs and Crime",
    "ILO": "International Labour Organization",
    "UNDP": "United Nations Development Programme",
    "UNICEF": "United Nations Children's Fund",
    "UNESCO": "United Nations Educational, Scientific and Cultural Organization",
    "UNFPA": "United Nations Population Fund",
    "OHCHR": "Office of the United Nations High Commissioner for Human Rights",
    "ASEAN": "Association of Southeast Asian Nations",
    "APEC": "Asia-Pacific Economic Cooperation",
    "EU": "European Union",
    "NATO": "North Atlantic Treaty Organization",
    "OECD": "Organisation for Economic Co-operation and Development",
    "IMF": "International Monetary Fund",
    "WTO": "World Trade Organization",
    "WHO": "World Health Organization",
    "ADB": "Asian Development Bank",
    "ICRC": "International Committee of the Red Cross",
    "IFRC": "International Federation of Red Cross and Red Crescent Societies",
    "ICMPD": "International Centre for Migration Policy Development",
    "GCC": "Gulf Cooperation Council",
    "SAARC": "South Asian Association for Regional Cooperation",
    "OSCE": "Organization for Security and Co-operation in Europe",
    "WFP": "World Food Programme",
    "FAO": "Food and Agriculture Organization",
    "INTERPOL": "International Criminal Police Organization",
}
KNOWN_NAMES = {"Interpol": "Interpol", "United Nations": "United Nations (UN)"}

_DEFINITION = re.compile(r"\((?P<acr>[A-Z][A-Za-z&\-]*[A-Z](?:s)?(?: [A-Z]{2,})?)\)")
_DEFINITION_WINDOW = 200
_NAME_BREAKS = wordset("of for on against to")
_NAME_JOINERS = CONNECTORS | {"the", "in"}
_CURRENCY = frozenset("$\\")


@dataclass(frozen=True, slots=True)
class Acronyms:
    """A document's organisations with acronyms: ``orgs`` maps each acronym,
    ``names`` each full name in lower case, to the canonical form."""

    orgs: dict[str, str]
    names: dict[str, str]

    def org(self, acronym: str) -> str | None:
        """Canonical form of an organisation acronym, or None."""
        if acronym in self.orgs:
            return self.orgs[acronym]
        if acronym in KNOWN_ORGS:
            return f"{KNOWN_ORGS[acronym]} ({acronym})"
        return None

    def named(self, name: str) -> str:
        """Canonical form of an organisation's full name (the name itself when
        it has no known acronym)."""
        key = name.lower()
        if key.startswith("un "):
            key = "united nations " + key[3:]
        return self.names.get(key) or _KNOWN_BY_NAME.get(key) or name


_KNOWN_BY_NAME = {name.lower(): f"{name} ({acr})" for acr, name in KNOWN_ORGS.items()}


def document_acronyms(text: str) -> Acronyms:
    """Every ``Full Name (ACR)`` definition in ``text`` whose name is an
    organisation; the first definition of an acronym wins."""
    orgs: dict[str, str] = {}
    names: dict[str, str] = {}
    for m in _DEFINITION.finditer(text):
        acr = m.group("acr")
        if acr in orgs:
            continue
        name = defined_name(text, m.start(), acr)
        if acr in KNOWN_ORGS:
            orgs[acr] = f"{KNOWN_ORGS[acr]} ({acr})"
        elif name and is_org_name(name) and not is_place(name):
            orgs[acr] = f"{name} ({acr})"
        else:
            continue
        if name:
            names.setdefault(name.lower(), orgs[acr])
    return Acronyms(orgs, names)


def defined_name(text: str, paren: int, acronym: str) -> str:
    """The name an acronym in parentheses at ``paren`` abbreviates: the
    shortest run of capitalised words before it that starts with the
    acronym's first letter and has enough capitalised words for its letters."""
    letters = [c for c in acronym if c.isupper()]
    needed = (len(letters) + 1) // 2
    words = text[max(0, paren - _DEFINITION_WINDOW):paren].split()
    count = 0
    for j in range(len(words) - 1, -1, -1):
        word = words[j].rstrip(",")
        if word[:1].isupper():
            count += 1
            if word[0] == letters[0] and count >= needed:
                return bare(" ".join(words[j:]).rstrip(","))
            if word != words[j] and j < len(words) - 1:
                continue  # a comma inside a name: "Refugees, Displaced Persons"
        elif word.lower() not in _NAME_JOINERS:
            break
    return ""


def is_org_name(name: str) -> bool:
    """Whether a name's head noun (the word before ``of``/``for``/``on``, else
    the last word) is an organisation word."""
    words = [bare(w) for w in name.split()]
    for i, word in enumerate(words[1:], start=1):
        if word.lower() in _NAME_BREAKS:
            return words[i - 1] in ORG_HEADS
    return words[-1] in ORG_HEADS


def sentence_actors(text: str, sentence: Span, acronyms: Acronyms,
                    tokens: Sequence[Token] | None = None) -> tuple[str, ...]:
    """Countries and organisations named in ``text[sentence]``, deduplicated,
    in order of first appearance; ``tokens`` are the sentence's tokens when
    the caller already has them."""
    if tokens is None:
        tokens = tokenize(text, sentence)
    found = countries(tokens)
    if not is_caps_text(text[sentence[0]:sentence[1]]):
        found += _organisations(text, tokens, acronyms)
    found.sort()
    seen: dict[str, None] = {}
    for _, name in found:
        seen.setdefault(name, None)
    return tuple(seen)


def countries(tokens: Sequence[Token]) -> list[tuple[int, str]]:
    """(offset, canonical country) for every country name, variant or demonym
    among ``tokens``; the longest name starting at a word wins."""
    out: list[tuple[int, str]] = []
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        entries = COUNTRY_FIRST_WORDS.get(bare(t.text)) if t.cap else None  # exact case
        i += 1
        for words, canonical in entries or ():
            if all(i + j < n and tokens[i + j].text == w for j, w in enumerate(words[1:])):
                i += len(words) - 1
                if i >= n or tokens[i].text not in _CURRENCY:  # not "US$10,000"
                    out.append((t.start, canonical))
                break
    return out


def _organisations(text: str, tokens: Sequence[Token],
                   acronyms: Acronyms) -> list[tuple[int, str]]:
    """(offset, canonical name) of every organisation among ``tokens``."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if not t.cap and t.kind != ACRONYM:
            i += 1  # most words: nothing to look up
            continue
        acronym = _acronym_of(t)
        if acronym and acronyms.org(acronym):
            out.append((t.start, acronyms.org(acronym) or acronym))
        elif t.kind == WORD and bare(t.text) in KNOWN_NAMES:
            out.append((t.start, KNOWN_NAMES[bare(t.text)]))
        elif _is_org_head(tokens, i):
            first, last = name_left(tokens, i), _org_end(tokens, i)
            name = _org_name(text, tokens, first, last, acronyms)
            if first < last and not is_place(name):
                start = tokens[first].start
                out = [item for item in out if item[0] < start]  # parts of this name
                out.append((start, name))
            i = last
        i += 1
    return out


def _acronym_of(t: Token) -> str:
    """The acronym a token is or opens (``(IOM)``, ``UNODC``, ``UNODC-managed``)."""
    if t.kind == ACRONYM or t.is_acronym:
        return t.acronym
    head, dash, rest = t.text.partition("-")
    if dash and rest.islower() and len(head) >= 2 and head.isupper():
        return head
    return ""


def _is_org_head(tokens: Sequence[Token], i: int) -> bool:
    """An organisation word ending a name: not followed by another name word
    ("Group Senior Officials" is a meeting of the group, not the group)."""
    t = tokens[i]
    if not t.capitalised or bare(t.text) not in ORG_HEADS:
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is None or nxt.kind == ACRONYM or not is_name_word(nxt)


def _org_end(tokens: Sequence[Token], i: int) -> int:
    """Last token of the organisation name whose head is at ``i``; an acronym
    in parentheses ends it."""
    if i + 1 < len(tokens) and tokens[i + 1].kind == ACRONYM:
        return i + 1
    last = name_right(tokens, i)
    for j in range(i + 1, last + 1):
        if tokens[j].kind == ACRONYM:
            return j
    return last


def _org_name(text: str, tokens: Sequence[Token], first: int, last: int,
              acronyms: Acronyms) -> str:
    """Canonical form of the name at tokens ``first..last``."""
    if tokens[last].kind == ACRONYM:
        canonical = acronyms.org(tokens[last].acronym)
        if canonical:
            return canonical
        last -= 1
    name = bare(" ".join(text[tokens[first].start:tokens[last].end].split()))
    return KNOWN_NAMES.get(name) or acronyms.named(name)
