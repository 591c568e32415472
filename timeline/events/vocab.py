"""Word lists for event titles, kinds and merging. Data only.

Every list is written as a whitespace-separated block and frozen at import.
"""

from __future__ import annotations

from timeline.model import Kind


def wordset(block: str) -> frozenset[str]:
    """The whitespace-separated words of ``block`` as a frozen set."""
    return frozenset(block.split())


# Nouns that name something that happens, mapped to the kind of event they name.
# Lower-case forms; titles match them case-insensitively.
EVENT_NOUNS: dict[str, Kind] = {
    **dict.fromkeys(wordset("""
        meeting meetings session sessions consultation consultations dialogue dialogues
        roundtable roundtables round-table talks negotiations visit visits assembly
        retreat plenary hearing hearings mission
    """), Kind.MEETING),
    **dict.fromkeys(wordset("""
        conference conferences summit summits forum forums symposium symposia congress
        convocation
    """), Kind.CONFERENCE),
    **dict.fromkeys(wordset("""
        workshop workshops seminar seminars training course courses exercise exercises
        webinar webinars
    """), Kind.WORKSHOP),
    **dict.fromkeys(wordset("""
        agreement agreements declaration declarations treaty treaties accord accords
        memorandum convention conventions protocol protocols compact arrangement
        resolution resolutions charter
    """), Kind.AGREEMENT),
    **dict.fromkeys(wordset("launch launches inauguration opening"), Kind.LAUNCH),
    **dict.fromkeys(wordset("""
        report reports publication publications study studies assessment paper guide
        handbook bulletin newsletter
    """), Kind.PUBLICATION),
    **dict.fromkeys(wordset("""
        anniversary ceremony event events campaign festival period program programme
        project initiative strategy plan election elections
    """), Kind.OTHER),
}

# Heads that name an event only inside a capitalised name ("the AHG Progress
# Report", "Bali Process Pilot Joint Information Campaign"); in lower case they
# are everyday words ("reports by countries", "its work program").
NAMED_ONLY = wordset("""
    report reports publication publications study studies assessment paper guide handbook
    bulletin newsletter program programme project initiative strategy plan campaign period
    event events exercise exercises course courses training mission opening protocol
    protocols convention conventions arrangement resolution resolutions charter compact
    visit visits hearing hearings election elections session sessions consultation
    consultations dialogue dialogues
""")

# Plural heads kept plural in titles: the plural is the name of the thing.
PLURAL_NAMES = wordset("talks negotiations consultations hearings elections games")

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "inaugural": 1,
}

# Words that join the parts of a name: "Meeting of Ad Hoc Group Senior Officials".
CONNECTORS = wordset("of on for to by against and de du des la le")

# Words that end a phrase when walking left from an event noun.
DETERMINERS = wordset("""
    a an the this that these those its their his her our your my any each every some
    no another both either such which what whose
""")

# Lower-case words that may stand before a lower-case event noun in a title
# ("a pilot workshop", "national workshops", "technical experts meeting").
# Other lower-case words (verbs, adverbs) end the phrase.
STOP_LEFT = wordset("""
    and or but nor of on for to by in at from with without into onto upon about over
    under between among through during before after since until till via per against
    is are was were be been being am has have had do does did will would shall should
    can could may might must also again then there here who whom which that what when
    where while as if than so not only just very more most less least further
    hold held host hosted convene convened attend attended organise organised organize
    organized welcome welcomed note noted recall recalled hosting holding
""")

# Lower-case words and suffixes that end a lower-case topic after an event
# noun ("a workshop on biometrics which ...").
TOPIC_STOP = wordset("""
    which that who whom whose where when while to in at from by with for as and or but
    is are was were be been will would could should shall may might can has have had
    during since until before after through into among between including such also
    held hosted organised organized attended convened scheduled planned
""")

# Words that carry no identity when comparing two titles.
WEAK_WORDS = wordset("""
    the a an of on for to by and in at with against de du des la le hosted held
    further future earlier later next new last previous upcoming recent latest
    meeting conference workshop first second third begins launch signed ratified published
""")

# Verbs that make an event of whatever they apply to: "the VRS-MSRC would be
# launched", "AAPTIP to begin". Value: (title suffix, kind).
EVENT_VERBS: dict[str, tuple[str, Kind]] = {
    **dict.fromkeys(wordset("launched launches launch"), ("launch", Kind.LAUNCH)),
    **dict.fromkeys(wordset("""
        begin begins began begun start starts started commence commences commenced
    """), ("begins", Kind.LAUNCH)),
    **dict.fromkeys(wordset("signed"), ("signed", Kind.AGREEMENT)),
    **dict.fromkeys(wordset("ratified"), ("ratified", Kind.AGREEMENT)),
    **dict.fromkeys(wordset("published released issued"), ("published", Kind.PUBLICATION)),
}

# Auxiliaries and adverbs between a subject and its event verb.
VERB_AUX = wordset("""
    would will was were is are be been being has have had to shall should could may might
    officially formally successfully also finally first then soon
""")

# Verbs in a fallback clause that say what kind of thing happened.
KIND_VERBS: dict[str, Kind] = {
    **dict.fromkeys(wordset("""
        met meet meets convened convene convenes hosted host hosts attended
    """), Kind.MEETING),
    **dict.fromkeys(wordset("signed sign signs ratified ratify adopted concluded"),
                    Kind.AGREEMENT),
    **dict.fromkeys(wordset("launched launch launches began begin begins opened"),
                    Kind.LAUNCH),
    **dict.fromkeys(wordset("published publish publishes released issued"), Kind.PUBLICATION),
}

# Nouns that name an event happening *to* something: "the launch of the
# VRS-MSRC" → "VRS-MSRC launch".
OF_NOUNS: dict[str, Kind] = {
    "launch": Kind.LAUNCH, "opening": Kind.LAUNCH, "inauguration": Kind.LAUNCH,
    "signing": Kind.AGREEMENT, "adoption": Kind.AGREEMENT, "ratification": Kind.AGREEMENT,
    "release": Kind.PUBLICATION,
}

# Verbs whose object is the thing that happened: "Indonesia launched the X".
TRANSITIVE_VERBS = wordset("launched launch launches signed ratified published released issued")

# Forms of "be" that make a verb passive: the noun after it is the agent.
PASSIVE_AUX = wordset("be been being was were is are")

# Words before a phrase that make it a reference to another event rather than
# the event being dated: "as mandated by Ministers at the second Conference".
REFERENCE_WORDS = wordset("at since by following after before from under than")

# Irregular and -ies plurals of event nouns.
_IRREGULAR_SINGULARS = {"symposia": "symposium", "treaties": "treaty", "studies": "study",
                        "assemblies": "assembly", "ceremonies": "ceremony",
                        "anniversaries": "anniversary", "launches": "launch"}


# Every plural an event noun's singular is asked for, worked out once: an
# -ies or irregular plural, or a known noun with an "s".
_SINGULARS = {**{noun + "s": noun for noun in EVENT_NOUNS}, **_IRREGULAR_SINGULARS}




def _plurals() -> dict[str, frozenset[str]]:
    """Each singular with the plurals :func:`singular` takes back to it."""
    table: dict[str, set[str]] = {}
    for plural, noun in _SINGULARS.items():
        table.setdefault(noun, set()).add(plural)
    return {noun: frozenset(plurals) for noun, plurals in table.items()}


PLURALS = _plurals()
"""For a word ``w`` and a noun ``n``: ``singular(w) == n`` when ``w == n``
or ``w in PLURALS[n]``."""


def singular(noun: str) -> str:
    """The singular of a lower-case event noun (``workshops`` → ``workshop``)."""
    return _SINGULARS.get(noun, noun)


# Acronyms kept in capitals when a heading in capitals is turned into a title.
KEEP_CAPS = wordset("""
    UN UNHCR IOM UNODC ILO UNDP UNICEF ASEAN APEC EU NATO OECD IMF WTO ADB UNESCO AHG SOM
    US USA UK UAE ROK PRC DPRK RSO RCF II III IV
""")
