"""Words of speech: cue verbs and their stance, documents and spokespeople that speak, speech nouns.

Data, not logic, so that a change of vocabulary never touches extraction code.
"""

from __future__ import annotations

#: Verbs that introduce a quote or reported speech (lemmas).
SPEECH_VERBS: frozenset[str] = frozenset(
    """say tell add confirm reiterate state ask note warn declare announce explain insist write
    tweet post call frame accuse criticize criticise praise claim argue stress emphasize emphasise
    acknowledge admit deny reply respond answer suggest urge vow promise pledge predict comment
    describe assert maintain contend observe remark conclude recall repeat agree disagree threaten
    boast concede estimate signal hail welcome condemn denounce slam blast reject dismiss
    endorse back support demand propose announce caution question report allege testify
    liken laud brand dub label recount joke quip shout chant sing mock exclaim complain lament
    counter retort scoff blame thank commend applaud congratulate suspect charge advise
    compare chime fume muse sigh assure plead wonder implore interject""".split()
)


#: Speech cues made of a verb and its particle ("she pointed out that ...", "Lee hit back"):
#: the verb alone says nothing ("point", "hit").
PHRASAL_SPEECH_VERBS: frozenset[tuple[str, str]] = frozenset({
    ("point", "out"), ("weigh", "in"), ("speak", "out"), ("speak", "up"), ("fire", "back"),
    ("hit", "back"), ("shoot", "back"), ("lash", "out"), ("spell", "out"), ("sound", "off"),
    ("chime", "in"),
})


#: Nouns for documents that speak for whoever wrote or issued them ("Lee's brief said",
#: "a Government Accountability Office report found"): the speaker is their owner.
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    """report brief memo memorandum letter filing complaint lawsuit study survey audit analysis
    review poll statement release note notes email e-mail website ad advertisement""".split()
)


#: Verbs through which a document states something ("the report found that ..."), beside
#: the speech verbs.
DOCUMENT_CUES: frozenset[str] = frozenset("find show reveal".split())


#: Nouns for people whose words are their organisation's ("a Dow spokeswoman said" → Dow).
SPOKESPERSON_NOUNS: frozenset[str] = frozenset("spokesman spokeswoman spokesperson".split())


#: Speech cues whose statement takes a stance toward its object.
NEGATIVE_CUES: frozenset[str] = frozenset(
    "accuse criticize criticise condemn denounce slam blast reject dismiss blame attack "
    "threaten warn question mock scoff lament suspect charge".split()
)


POSITIVE_CUES: frozenset[str] = frozenset(
    "praise endorse welcome hail back support thank commend applaud congratulate laud".split()
)


#: Cues that make reported speech even without a ``that``-clause ("X accused Y of ...").
REPORTING_WITH_OBJECT: frozenset[str] = NEGATIVE_CUES | POSITIVE_CUES | {"call", "urge"}


#: Pronouns that may stand for a speaker and must be resolved to a name.
PERSON_PRONOUNS: frozenset[str] = frozenset("he she him her his hers i we they who".split())


#: Prepositions that introduce the reported content of a cue ("accused Y of ...",
#: "called for ..."); other prepositional phrases are adverbials ("for his part").
CONTENT_PREPS: dict[str, tuple[str, ...]] = {
    "accuse": ("of",), "suspect": ("of",), "charge": ("with",), "warn": ("of", "against"),
    "call": ("for",), "urge": ("for",), "praise": ("for",), "criticize": ("for",),
    "criticise": ("for",), "blame": ("for",), "thank": ("for",), "commend": ("for",),
    "applaud": ("for",), "condemn": ("for",), "slam": ("for",), "blast": ("for",),
    "ask": ("for",), "appeal": ("for",), "press": ("for",),
}


#: Lowercase words allowed inside a quoted title of a work ("Fox and Friends").
WORK_TITLE_SMALL_WORDS: frozenset[str] = frozenset(
    "a an and the of on in at for to with by or from into over".split()
)


#: Nouns for something said: their possessor speaks a partial quote they govern
#: ("Lee's claim that there were "thousands"").
SPEECH_NOUNS: frozenset[str] = frozenset(
    """claim allegation accusation statement comment remark promise pledge warning assertion
    vow prediction description characterization insistence complaint boast quip""".split()
)


#: Verbs that frame a partial quote as someone's words without being speech verbs
#: ("Lee attacked "the hateful ideology"").
QUOTE_FRAMING_VERBS: frozenset[str] = frozenset("attack lambaste ridicule deride decry".split())


#: Cues of praise or blame whose ``for`` phrase is the writer's reason, not words anyone
#: said ("European governments criticized the draft for leaning toward Russian demands"):
#: a statement only when a speech act is named with them (:data:`SPEECH_ACT_NOUNS`).
EVALUATIVE_CUES: frozenset[str] = frozenset(
    "criticize criticise praise condemn thank commend applaud slam blast laud back support"
    .split()
)


#: Speech-verb lemmas that name a stance rather than words ("the PAC backing Lee", "the firm
#: had supported the charity"): never the cue a quote hangs from.
STANCE_ONLY_VERBS: frozenset[str] = frozenset("back support".split())


#: Nouns naming the speech act a cue was made in ("condemned it in a statement").
SPEECH_ACT_NOUNS: frozenset[str] = frozenset(
    """statement speech interview tweet post letter address briefing conference remarks
    message video broadcast editorial column communique communiqué""".split()
)
