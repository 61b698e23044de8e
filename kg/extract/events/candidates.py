"""Every clause as an event candidate: a verbal or nominal trigger with a participant.

Beyond the main clause of a sentence (:func:`kg.extract.events.find_events`), each verb with
a subject of its own (or one it shares with the verb it completes: "Airbus plans to *cut*
jobs", "Ford closed plants and *cut* jobs") and each event noun whose agent is a possessor or
compound ("Ford's decision", "the Boeing bid") is an event, typed where the lexicon knows its
trigger. Clauses without a named participant, speech verbs (statements carry them) and
clauses inside quotation marks make none. These secondary events are less sure than a
sentence's main one (:func:`clause_confidence`): untyped ones stay candidates that pages leave
out.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.events.clauses import _actors_in, _ids, _owned, _subject_verb, event_type
from kg.lexicon import EVENT_NOUNS, NOT_EVENT_NOUNS, SPEECH_VERBS

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
#: Confidence ceilings of a secondary clause: typed (``attack``, ``meet``) or not (``other``).
TYPED_CLAUSE_CONFIDENCE = 0.6
UNTYPED_CLAUSE_CONFIDENCE = 0.4


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in _SUBJECTS or c.dep_ == "agent" for c in token.children)


def object_only(verb: Token) -> bool:
    """Return whether a verb has a noun object and no clause as complement."""
    return any(c.dep_ in ("dobj", "obj") and c.pos_ in ("NOUN", "PROPN") for c in verb.children
               ) and not any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in verb.children)


def clause_verbs(sent: Span, speech: bool = False) -> Iterator[Token]:
    """Yield the verbs of a sentence that head a clause with a subject (their own or a
    shared one); speech verbs only with a plain object ("reported sales", "announced a
    phone") unless ``speech``: reported speech is a statement."""
    for token in sent:
        if token.pos_ != "VERB" or not speech and token.lemma_.lower() in SPEECH_VERBS \
                and not object_only(token):
            continue
        if token.dep_ in ("amod", "compound") or token.tag_ == "VBG" and token.dep_ in (
                "pobj", "dobj", "nsubj"):
            continue  # "the proposed deal", "after meeting": a modifier, not a clause
        if _has_subject(_subject_verb(token)):
            yield token


def nominal_agents(noun: Token, actors: dict[int, Span]) -> list[Span]:
    """Return the actors owning an event noun: its possessor or a compound before it
    ("Ford's decision", "the Boeing bid", "its" resolved to an actor)."""
    owners = [c for c in noun.children if c.dep_ in ("poss", "compound") and c.i < noun.i]
    return [s for c in owners for s in _actors_in(c.subtree, actors)
            if s.label_ not in ("Place",) and not s.start <= noun.i < s.end]


def event_nouns(sent: Span) -> Iterator[Token]:
    """Yield the event nouns of a sentence: typed ones ("talks", "invasion", "merger") and
    untyped happenings with an owner ("Boeing's bid", "his decision"), other than a verb's
    object without an owner, which the verb's event tells ("signed a deal"; "upheld
    Boeing's protest" tells two)."""
    for token in sent:
        if token.pos_ != "NOUN" or (token.dep_ in ("dobj", "obj") and not _owned(token)):
            continue
        typed = event_type(token)
        if typed and typed not in ("other", "announce", "report"):
            yield token
        elif happening_noun(token) and (_owned(token) or (
                token.lemma_.lower() in EVENT_NOUNS and any(
                    c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children))):
            yield token  # "Boeing's bid", "the Qatar Airways order"


_EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence")


def happening_noun(noun: Token) -> bool:
    """Return whether a noun names a happening: in :data:`kg.lexicon.EVENT_NOUNS`, or a
    nominalisation by its suffix ("decision", "announcement") outside
    :data:`kg.lexicon.NOT_EVENT_NOUNS`."""
    lemma = noun.lemma_.lower()
    if lemma in EVENT_NOUNS:
        return True
    return lemma.endswith(_EVENT_SUFFIXES) and len(lemma) > 6 and lemma not in NOT_EVENT_NOUNS


def owner_phrase(noun: Token) -> str:
    """Return the owner of an event noun as written ("Ford's decision" → "Ford")."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound") and child.i < noun.i:
            words = [t for t in child.subtree if t.dep_ != "case"]
            return " ".join(t.text for t in words)
    return ""


def nominal_agent_ids(noun: Token, actors: dict[int, Span]) -> tuple[str, ...]:
    """Return the entity ids of :func:`nominal_agents`."""
    return _ids(nominal_agents(noun, actors))


def clause_confidence(confidence: float, type_: str) -> float:
    """Return the confidence of a secondary clause's event: at most
    :data:`TYPED_CLAUSE_CONFIDENCE` when typed, :data:`UNTYPED_CLAUSE_CONFIDENCE` when not."""
    ceiling = UNTYPED_CLAUSE_CONFIDENCE if type_ == "other" else TYPED_CLAUSE_CONFIDENCE
    return min(confidence, ceiling)
