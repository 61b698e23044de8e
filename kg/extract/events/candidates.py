"""Every clause as an event candidate: a verbal or nominal trigger with a participant.

Beyond the main clause of a sentence (:func:`kg.extract.events.find_events`), each verb with
a subject of its own (or one it shares with the verb it completes: "Airbus plans to *cut*
jobs", "Ford closed plants and *cut* jobs") and each event noun whose agent is a possessor or
compound ("Ford's decision", "the Boeing bid") is an event, typed where the lexicon knows its
trigger. Clauses without a named participant and speech verbs (statements carry them) make
none; a clause inside quotation marks is its speaker's word, so ``reported`` unless negated,
planned or hypothetical. These secondary events are less sure than a
sentence's main one (:func:`clause_confidence`): untyped ones stay candidates that pages leave
out.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.events.clauses import (
    _actors_in,
    _antecedent,
    _ids,
    _owned,
    _subject_verb,
    event_type,
)
from kg.extract.syntax import first_conjunct
from kg.lexicon.events import EVENT_NOUNS, NOT_EVENT_NOUNS
from kg.lexicon.speech import SPEECH_VERBS

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
    ("Ford's decision", "the Boeing bid"), a possessive pronoun's antecedent ("Ford defended
    its decision": :func:`possessive_antecedent`) or a "by" phrase ("the purchase of Volvo by
    Geely")."""
    owners = [c for c in noun.children if c.dep_ in ("poss", "compound") and c.i < noun.i]
    found = [s for c in owners for s in _actors_in(c.subtree, actors)
             if s.label_ not in ("Place",) and not s.start <= noun.i < s.end]
    for owner in owners:
        if owner.pos_ == "PRON" and not found:
            found = possessive_antecedent(owner, actors)
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "by" and not found:
            found = [s for s in _actors_in(prep.subtree, actors) if s.label_ != "Place"]
    return found


#: Possessive pronouns and whether they stand for a person (True), a non-person (False) or
#: either ("their": a people or a company).
_POSSESSIVES = {"his": True, "her": True, "its": False, "their": None}


def _agrees(span: Span, person: bool | None) -> bool:
    """Return whether an actor can be what a possessive of that kind stands for."""
    if span.label_ == "Place":
        return False
    return person is None or (span.label_ == "Person") == person


def possessive_antecedent(pronoun: Token, actors: dict[int, Span]) -> list[Span]:
    """Return the actors a possessive pronoun stands for, within its sentence: the subject of
    its clause, or of a clause above it, that agrees ("Ford defended its decision", "In his
    speech, the minister said", "X and Y signed a pact, the first since their deal took
    effect"), else the nearest actor before it that agrees, with those coordinated with it
    for "their" ("the minister hailed the airline and cited its success"); none when nothing
    agrees."""
    if pronoun.lower_ not in _POSSESSIVES:
        return []
    person = _POSSESSIVES[pronoun.lower_]
    verb = pronoun
    for _ in range(_MAX_CLAUSES):
        while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
            verb = verb.head
        subjects = [c for c in _subject_verb(verb).children if c.dep_ in ("nsubj", "nsubjpass")]
        found = [s for c in subjects for s in _actors_in(_antecedent(c).subtree, actors)
                 if _agrees(s, person) and not s.start <= pronoun.i < s.end]
        if found:
            return found[:1] if person is not None else found
        if verb.head == verb:
            break
        verb = verb.head
    before = [actors[i] for i in range(pronoun.sent.start, pronoun.i) if i in actors]
    agreeing = list(dict.fromkeys(s for s in before if _agrees(s, person)))
    if not agreeing:
        return []
    nearest = agreeing[-1]
    if person is not None:
        return [nearest]
    return [s for s in agreeing if _coordinated(s, nearest)]


#: How many clauses up a possessive pronoun's antecedent is sought.
_MAX_CLAUSES = 3


def _coordinated(span: Span, other: Span) -> bool:
    """Return whether two actor mentions are one coordination ("Chile and Peru")."""
    return first_conjunct(span.root) == first_conjunct(other.root)


def _pronoun_owned(noun: Token) -> bool:
    """Return whether a noun has a possessive pronoun ("its decision", "his speech")."""
    return any(c.dep_ == "poss" and c.lower_ in _POSSESSIVES for c in noun.children)


def _by_owned(noun: Token) -> bool:
    """Return whether a noun has a "by" phrase of its own ("the purchase by Geely")."""
    return any(c.dep_ == "prep" and c.lower_ == "by" for c in noun.children)


def event_nouns(sent: Span) -> Iterator[Token]:
    """Yield the event nouns of a sentence: typed ones ("talks", "invasion", "merger") and
    untyped happenings with an owner ("Boeing's bid", "his decision", "the purchase by
    Geely"), other than a verb's object without an owner, which the verb's event tells
    ("signed a deal"; "upheld Boeing's protest" tells two)."""
    for token in sent:
        owned = _owned(token) or (happening_noun(token) and (
            _pronoun_owned(token) or _by_owned(token)))  # not "its name", "its division"
        if token.pos_ != "NOUN" or (token.dep_ in ("dobj", "obj") and not owned):
            continue
        typed = event_type(token)
        if typed and typed not in ("other", "announce", "report"):
            yield token
        elif happening_noun(token) and (owned or (
                token.lemma_.lower() in EVENT_NOUNS and any(
                    c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children))):
            yield token  # "Boeing's bid", "the Qatar Airways order"


_EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence")


def happening_noun(noun: Token) -> bool:
    """Return whether a noun names a happening: in :data:`kg.lexicon.events.EVENT_NOUNS`, or a
    nominalisation by its suffix ("decision", "announcement") outside
    :data:`kg.lexicon.events.NOT_EVENT_NOUNS`."""
    lemma = noun.lemma_.lower()
    if lemma in EVENT_NOUNS:
        return True
    return lemma.endswith(_EVENT_SUFFIXES) and len(lemma) > 6 and lemma not in NOT_EVENT_NOUNS


def owner_phrase(noun: Token) -> str:
    """Return the owner of an event noun as written ("Ford's decision" → "Ford", "its
    decision" → "its", "the purchase by Geely" → "Geely")."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound") and child.i < noun.i:
            words = [t for t in child.subtree if t.dep_ != "case"]
            return " ".join(t.text for t in words)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            words = [t for t in child.subtree if t is not child]
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
