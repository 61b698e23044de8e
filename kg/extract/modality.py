"""Modality of a clause: did its happening take place, or is it negated, planned or supposed?

Read from the dependency parse, the way Saurí & Pustejovsky's FactBank cues are read: a
negation on the verb or on a verb that governs it ("would not sign", "refused to sign"),
a modal or conditional ("could strike", "if talks fail, ... would"), a future or an intention
("will meet", "plans to visit", "is set to sign", a deadline "by 2035"); a report or claim
whose content it is ("reports that the deal favored Boeing", "alleged that", "reportedly").
Shared by events and statements so both say the same of the same clause.

>>> import spacy  # doctest: +SKIP
>>> clause_modality(nlp("Kyiv would not sign the deal.")[2])  # doctest: +SKIP
'negated'
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.lexicon.modality import (
    CLAIM_VERBS,
    DELAYING_VERBS,
    HYPOTHETICAL_AUX,
    INTENTION_VERBS,
    NEGATING_VERBS,
    NEGATION_WORDS,
    PREVENTING_VERBS,
    REPORT_NOUNS,
    REPORTING_ADVERBS,
)
from kg.lexicon.speech import SPEECH_VERBS

#: The values of ``modality`` in events and statements.
MODALITIES = ("asserted", "negated", "planned", "hypothetical", "reported")
_FUTURE_AUX = frozenset("will 'll shall wo".split())
_CONDITIONAL_MARKS = frozenset("if unless whether".split())
#: How far up a chain of governing verbs ("refused to agree to sign") cues are read.
_MAX_CHAIN = 4


def _negated(token: Token) -> bool:
    """Return whether a verb carries a negation ("did not sign", "never met", "no deal")."""
    return any(c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in NEGATION_WORDS)
               for c in token.children)


def _held_off(noun: Token, verb: Token) -> str | None:
    """Return the modality a verb gives the happening its subject or object names when it
    keeps it from taking place ("cancelled the flight": ``negated``) or puts it off ("the
    flight was delayed": ``planned``); else ``None``."""
    if noun.dep_ not in ("nsubj", "nsubjpass", "dobj", "obj"):
        return None
    lemma = verb.lemma_.lower()
    if lemma in PREVENTING_VERBS and not _negated(verb):
        return "negated"
    return "planned" if lemma in DELAYING_VERBS else None


def _auxes(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("aux", "auxpass")]


def _conditional(token: Token) -> bool:
    """Return whether a clause is the condition ("if talks fail") or its consequence."""
    for child in token.children:
        if child.dep_ == "mark" and child.lower_ in _CONDITIONAL_MARKS:
            return True
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                         for m in child.children):
            return True
    return False


def _going_to(token: Token) -> bool:
    """Return whether a verb is the complement of "going to" ("is going to sign")."""
    head = token.head
    return token.dep_ == "xcomp" and head.lemma_ == "go" and head.tag_ == "VBG"


def _chain(token: Token) -> list[Token]:
    """Return the verb and the verbs governing it through complements ("refused to sign" →
    [sign, refused]), the clause's own verb first."""
    chain = [token]
    while len(chain) < _MAX_CHAIN and token.dep_ in ("xcomp", "ccomp") and \
            token.head != token and _verb_like(token.head):
        token = token.head
        chain.append(token)
    return chain


def _verb_like(token: Token) -> bool:
    """Return whether a token heads a clause: a verb or adjective, or a noun the tagger took
    for a verb with a subject of its own ("Ford and GM plan to merge": "plan" as a noun)."""
    return token.pos_ in ("VERB", "AUX", "ADJ") or (
        token.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in token.children))


def _report_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in REPORT_NOUNS


def _reported(verb: Token) -> bool:
    """Return whether a clause is the content of a report or claim rather than a fact: a
    "that" clause of a report noun ("allegations that the mayor took bribes"), also through
    the speech verb of the report ("reports stating that ..."), the complement of a claim
    verb ("alleged that the mayor took bribes"), or a clause with "reportedly"."""
    token = verb
    for _ in range(_MAX_CHAIN):
        if any(c.dep_ == "advmod" and c.lower_ in REPORTING_ADVERBS for c in token.children):
            return True
        head = token.head
        if head == token or token.dep_ not in ("ccomp", "acl", "xcomp", "conj"):
            return False
        if _report_noun(head) and (token.dep_ == "ccomp" or token.dep_ == "acl" and any(
                c.dep_ in ("nsubj", "nsubjpass", "mark") for c in token.children)):
            return True  # not "the report, published on Monday,"
        if token.dep_ == "ccomp" and head.lemma_.lower() in CLAIM_VERBS:
            return True
        if token.dep_ == "ccomp" and head.lemma_.lower() in SPEECH_VERBS and \
                head.dep_ == "acl" and _report_noun(head.head):
            return True  # "reports stating that ..."
        token = head
    return False


def clause_modality(token: Token, deadline: bool = False, reported: bool = True) -> str:
    """Return the modality of the clause of ``token`` (its verb or event noun): ``negated``,
    ``hypothetical``, ``planned``, ``reported`` (the content of a report or claim, when
    ``reported``) or ``asserted``. ``deadline`` says the clause has a target date ("by
    2035"), which makes it a plan."""
    verb = token
    if token.pos_ in ("NOUN", "PROPN") and token.head.pos_ in ("VERB", "AUX"):
        verb = token.head  # "launched an invasion", "no deal was signed"
        if _negated(token):
            return "negated"
        held = _held_off(token, verb)
        if held is not None:
            return held
    chain = _chain(verb)
    for link in chain:
        if _negated(link) or (link is not verb and link.lemma_.lower() in NEGATING_VERBS):
            return "negated"
    for link in chain:
        words = {a.lower_ for a in _auxes(link)}
        if words & HYPOTHETICAL_AUX or _conditional(link):
            return "hypothetical"
    for link in chain:
        words = {a.lower_ for a in _auxes(link)}
        if words & _FUTURE_AUX or _going_to(link) or (
                link is not verb and link.lemma_.lower() in INTENTION_VERBS):
            return "planned"
    if deadline or _purpose(verb):
        return "planned"
    return "reported" if reported and _reported(verb) else "asserted"


def _purpose(verb: Token) -> bool:
    """Return whether a verb is a "to" infinitive telling a purpose or what an object is for
    ("a fund to search", "a contract to supply"): a goal, not a happening."""
    return verb.dep_ in ("advcl", "acl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _clause_head(span: Span) -> Token | None:
    """Return the first verb of ``span`` whose head lies outside it (its main clause)."""
    for token in span:
        if token.pos_ in ("VERB", "AUX") and (token.head == token or
                                              not span.start <= token.head.i < span.end):
            return token
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
    return verbs[0] if verbs else None


def span_modality(doc: Doc, start: int, end: int) -> str:
    """Return the modality of the clause in ``doc`` between character offsets (a statement's
    content: "Moscow would never accept" → ``negated``); ``asserted`` without a verb. Never
    ``reported``: a statement is reported speech already (its ``kind`` says so)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "asserted"
    head = _clause_head(span)
    return clause_modality(head, reported=False) if head is not None else "asserted"


def _cue_token(doc: Doc, start: int, end: int, cue: str) -> Token | None:
    """Return the speech verb ``cue`` of a statement whose content runs from ``start`` to
    ``end``: the token of that text outside the content nearest it in its sentences."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0 or not cue:
        return None
    first, last = span[0].sent, span[-1].sent
    words = cue.split()
    found = [t for t in doc[first.start:last.end]
             if t.text == words[0] and not span.start <= t.i < span.end]
    return min(found, key=lambda t: min(abs(t.i - span.start), abs(t.i - span.end)),
               default=None)


def statement_modality(doc: Doc, start: int, end: int, cue: str | None) -> str:
    """Return the modality of a statement: that of its speech verb when the saying itself
    did not happen or is yet to ("did not say", "denied saying", "will announce"), else
    that of its content (:func:`span_modality`)."""
    token = _cue_token(doc, start, end, cue or "")
    if token is not None and token.pos_ in ("VERB", "AUX", "NOUN"):
        said = clause_modality(token, reported=False)
        if said != "asserted":
            return said
    return span_modality(doc, start, end)

