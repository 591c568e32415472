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
from itertools import compress

from timeline.events.phrases import is_name_word, name_left, name_right
from timeline.events.places import COUNTRY_FIRST_WORDS, is_place
from timeline.events.tokens import ACRONYM, WORD, Tokens, bare, tokenize
from timeline.events.vocab import CONNECTORS, wordset
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
_NAME_STARTS = ORG_HEADS | frozenset(KNOWN_NAMES)

_DEFINITION = re.compile(r"\((?P<acr>[A-Z][A-Za-z&\-]*[A-Z](?:s)?(?: [A-Z]{2,})?)\)")
_DEFINITION_WINDOW = 200
_NEAR_WINDOW = 80
_NAME_BREAKS = wordset("of for on against to")
_NAME_JOINERS = CONNECTORS | {"the", "in"}
_CURRENCY = frozenset("$\\")
_COUNTRY_STARTS = frozenset(COUNTRY_FIRST_WORDS)
# Each first word's spellings as the words after it, longest first.
_COUNTRY_RESTS = {first: tuple((words[1:], canonical) for words, canonical in entries)
                  for first, entries in COUNTRY_FIRST_WORDS.items()}


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
    first = acronym[0]  # a capital, as _DEFINITION reads acronyms
    needed = (sum(map(str.isupper, acronym)) + 1) // 2
    # Most names are short: the words just before the parenthesis are read
    # first, and the whole window only when the walk runs past them.
    if paren > _NEAR_WINDOW:
        name = _name_before(text[paren - _NEAR_WINDOW:paren].split(), first, needed, False)
        if name is not None:
            return name
    words = text[max(0, paren - _DEFINITION_WINDOW):paren].split()
    return _name_before(words, first, needed, True) or ""


def _name_before(words: list[str], first: str, needed: int, whole: bool) -> str | None:
    """The name ending the run of ``words`` (see :func:`defined_name`), ""
    for none; None when the walk reaches the first of the words and they are
    not ``whole`` (that word may be cut, and more may come before it)."""
    count = 0
    for j in range(len(words) - 1, -1, -1):
        if j == 0 and not whole:
            return None
        word = words[j].rstrip(",")
        if word[:1].isupper():
            count += 1
            if word[0] == first and count >= needed:
                return bare(" ".join(words[j:]).rstrip(","))
            if word != words[j] and j < len(words) - 1:
                continue  # a comma inside a name: "Refugees, Displaced Persons"
        elif word.lower() not in _NAME_JOINERS:
            break
    return ""


def is_org_name(name: str) -> bool:
    """Whether a name's head noun (the word before ``of``/``for``/``on``, else
    the last word) is an organisation word."""
    words = name.split()
    if "’" in name or "'" in name:
        words = [bare(w) for w in words]
    for i in range(1, len(words)):
        if words[i].lower() in _NAME_BREAKS:
            return words[i - 1] in ORG_HEADS
    return words[-1] in ORG_HEADS


def sentence_actors(text: str, sentence: Span, acronyms: Acronyms,
                    tokens: Tokens | None = None) -> tuple[str, ...]:
    """Countries and organisations named in ``text[sentence]``, deduplicated,
    in order of first appearance; ``tokens`` are the sentence's tokens when
    the caller already has them."""
    if tokens is None:
        tokens = tokenize(text, sentence)
    starters = _starters(tokens)
    found = countries(tokens, starters)
    if not tokens.heading:
        found += _organisations(text, tokens, starters, acronyms)
    found.sort()
    seen: dict[str, None] = {}
    for _, name in found:
        seen.setdefault(name, None)
    return tuple(seen)


def _starters(tokens: Tokens) -> list[int]:
    """Indexes of the tokens an actor's name can start at: capitalised words
    and acronyms in parentheses."""
    starters = list(compress(range(len(tokens.caps)), tokens.caps))
    return sorted(starters + tokens.in_parentheses) if tokens.in_parentheses else starters


def countries(tokens: Tokens, starters: Sequence[int]) -> list[tuple[int, str]]:
    """(offset, canonical country) for every country name, variant or demonym
    starting at one of the token indexes ``starters``; the longest name
    starting at a word wins."""
    texts, bares, caps, n = tokens.texts, tokens.bares, tokens.caps, len(tokens.texts)
    out: list[tuple[int, str]] = []
    i = 0
    for k in starters:
        if k < i or bares[k] not in _COUNTRY_STARTS or not caps[k]:  # exact case
            continue  # inside the last country found, or no country starts here
        i = k + 1
        for rest, canonical in _COUNTRY_RESTS[bares[k]]:
            if not rest or tuple(texts[i:i + len(rest)]) == rest:
                i += len(rest)
                if i >= n or texts[i] not in _CURRENCY:  # not "US$10,000"
                    out.append((tokens.starts[k], canonical))
                break
    return out


def _organisations(text: str, tokens: Tokens, starters: Sequence[int],
                   acronyms: Acronyms) -> list[tuple[int, str]]:
    """(offset, canonical name) of every organisation starting at one of the
    token indexes ``starters``."""
    out: list[tuple[int, str]] = []
    after = 0  # tokens before this index belong to a name already read
    texts, kinds = tokens.texts, tokens.kinds
    for i in starters:
        word = tokens.bares[i]
        if i < after:
            continue
        if texts[i][1:2].islower() and kinds[i] != ACRONYM:
            # "Members", "Bali": no acronym, so only a known name or an
            # organisation word is of interest (most words are neither).
            if word not in _NAME_STARTS:
                continue
            acronym = ""
        else:
            acronym = _acronym_of(tokens, i)
        if acronym and acronyms.org(acronym):
            out.append((tokens.starts[i], acronyms.org(acronym) or acronym))
        elif kinds[i] == WORD and word in KNOWN_NAMES:
            out.append((tokens.starts[i], KNOWN_NAMES[word]))
        elif word in ORG_HEADS and _is_org_head(tokens, i):
            first, last = name_left(tokens, i), _org_end(tokens, i)
            name = _org_name(text, tokens, first, last, acronyms)
            if first < last and not is_place(name):
                start = tokens.starts[first]
                out = [item for item in out if item[0] < start]  # parts of this name
                out.append((start, name))
            after = last + 1
    return out


def _acronym_of(tokens: Tokens, i: int) -> str:
    """The acronym token ``i`` is or opens (``(IOM)``, ``UNODC``, ``UNODC-managed``)."""
    if tokens.is_acronym(i):
        return tokens.acronym(i)
    head, dash, rest = tokens.texts[i].partition("-")
    if dash and rest.islower() and len(head) >= 2 and head.isupper():
        return head
    return ""


def _is_org_head(tokens: Tokens, i: int) -> bool:
    """An organisation word ending a name: not followed by another name word
    ("Group Senior Officials" is a meeting of the group, not the group)."""
    if not tokens.caps[i] or tokens.bares[i] not in ORG_HEADS:
        return False
    nxt = i + 1
    return nxt >= len(tokens.texts) or tokens.kinds[nxt] == ACRONYM or not is_name_word(tokens, nxt)


def _org_end(tokens: Tokens, i: int) -> int:
    """Last token of the organisation name whose head is at ``i``; an acronym
    in parentheses ends it."""
    kinds = tokens.kinds
    if i + 1 < len(tokens.texts) and kinds[i + 1] == ACRONYM:
        return i + 1
    last = name_right(tokens, i)
    for j in range(i + 1, last + 1):
        if kinds[j] == ACRONYM:
            return j
    return last


def _org_name(text: str, tokens: Tokens, first: int, last: int, acronyms: Acronyms) -> str:
    """Canonical form of the name at tokens ``first..last``."""
    if tokens.kinds[last] == ACRONYM:
        canonical = acronyms.org(tokens.acronym(last))
        if canonical:
            return canonical
        last -= 1
    name = bare(" ".join(text[tokens.starts[first]:tokens.end(last)].split()))
    return KNOWN_NAMES.get(name) or acronyms.named(name)
