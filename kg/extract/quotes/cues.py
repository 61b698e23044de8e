"""Speech cues and where their speaker stands in the parse: the verbs that attribute words
("said", "pointed out", "the report found") and the subject each one has, before it, after it
("said Lee") or across a participle or relative clause."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.quotes.marks import _DASHES
from kg.lexicon.speech import (
    DOCUMENT_CUES,
    DOCUMENT_NOUNS,
    PHRASAL_SPEECH_VERBS,
    SPEECH_VERBS,
    STANCE_ONLY_VERBS,
)

#: Words after a cue that open its clause, not name its speaker ("said that ...").
CLAUSE_OPENERS = frozenset({"that", "if", "whether", "how", "why", "what", "to"})


def subject_of(cue: Token, before: int | None = None) -> Token | None:
    """Return the subject of a cue (the one nearest to it; with ``before``, the nearest one
    written before that token, when the parse gives a verb two subjects)."""
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and not c.is_punct
                and c.text not in _DASHES]
    if before is not None and any(c.i < before for c in subjects):
        return max((c for c in subjects if c.i < before), key=lambda c: c.i)
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - cue.i))
    main = _main_clause_verb(cue)
    if main is not None:
        return subject_of(main)
    prev = cue.doc[cue.i - 1] if cue.i > 0 else None
    if cue.tag_ == "VBG" and prev is not None and prev.ent_type_ == "PERSON" and \
            prev.pos_ == "PROPN":
        return prev  # "footage of Lee asking, ..."
    for child in cue.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if cue.dep_ in ("conj", "xcomp", "advcl") and cue.head != cue:
        return subject_of(cue.head)
    return _participle_subject(cue) or _stranded_subject(cue)


def _participle_subject(cue: Token) -> Token | None:
    """Return who speaks through a participle: ``footage of Lee saying``, ``Lee issued a
    statement saying``, ``Lee inflamed tensions by saying``."""
    head = cue.head
    if head.i == cue.i:
        return None
    if cue.dep_ == "acl":
        if head.pos_ == "PROPN" or (head.pos_ == "NOUN" and head.dep_ in ("ROOT", "nsubj")):
            return head  # "Her friend Lee, a student, chimed in." parsed as a fragment
        if head.dep_ in ("dobj", "obj") and head.head.pos_ in ("VERB", "AUX"):
            return subject_of(head.head)
    if cue.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return subject_of(head.head, before=cue.i)  # "Ryan, despite admitting ..., said"
    return None


def _quotes_someone(cue: Token) -> bool:
    """Return True for "quote" with whom it quotes ("RIA quotes Lee", "the agency quoted Lee
    as saying"): a cue whose subject is the outermost source, as for nested speech."""
    return cue.lemma_.lower() == "quote" and cue.pos_ == "VERB" and any(
        c.dep_ in ("dobj", "obj") and c.pos_ in ("PROPN", "NOUN", "PRON") for c in cue.children)


def _stranded_subject(cue: Token) -> Token | None:
    """Return the person right before a finite main verb the parse left without a subject,
    with only an apposition, commas and adverbs between them ("In a talk in Ohio, Ann Lee,
    the head of the league, forcefully told ...": the name hung on the place)."""
    if cue.dep_ != "ROOT" or cue.tag_ not in ("VBD", "VBZ", "VBP") or any(
            c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in cue.children):
        return None
    i = cue.i - 1
    while i >= cue.sent.start and (cue.doc[i].is_punct or cue.doc[i].pos_ == "ADV"):
        i -= 1
    if i < cue.sent.start:
        return None
    person = next((t for t in [cue.doc[i], *cue.doc[i].ancestors]
                   if t.ent_type_ == "PERSON" and t.i < cue.i), None)
    if person is None or cue.doc[i].i not in {t.i for t in person.subtree} or \
            not all(t.is_punct or t.pos_ == "ADV" for t in cue.doc[person.right_edge.i + 1:cue.i]):
        return None
    return person


def _main_clause_verb(cue: Token) -> Token | None:
    """Return the verb of the main clause for a verb the parse coordinated into a relative
    clause it cannot belong to: the relative clause's object is its pronoun ("whom"), and
    the verb has an object of its own ("folks whom Lee captivated and declared him ...")."""
    head = cue.head
    relative = ("whom", "which", "that")
    objects = [c for c in [*cue.children, *head.children] if c.dep_ in ("dobj", "obj")]
    if cue.dep_ != "conj" or head.dep_ != "relcl" or not any(
            c.head.i == cue.i and c.lower_ not in relative for c in objects) or not any(
            c.lower_ in relative for c in objects):
        return None
    return next((a for a in head.head.ancestors if a.pos_ in ("VERB", "AUX")), None)


def is_speech_verb(token: Token) -> bool:
    """Return True for a speech verb, alone ("said") or with its particle ("pointed out")."""
    lemma = token.lemma_.lower()
    return lemma in SPEECH_VERBS or any(
        c.dep_ == "prt" and (lemma, c.lower_) in PHRASAL_SPEECH_VERBS for c in token.children)


def is_cue(token: Token) -> bool:
    """Return True for a speech verb that can attribute words: not a stance verb ("backing"),
    nor an infinitive after "be" ("Democrats are to blame")."""
    lemma = token.lemma_.lower()
    if lemma == "quote":
        return _quotes_someone(token)
    if lemma in DOCUMENT_CUES and lemma not in SPEECH_VERBS and token.pos_ == "VERB":
        return any(c.dep_ == "nsubj" and c.lemma_.lower() in DOCUMENT_NOUNS
                   for c in token.children)  # "the report found that ..."
    return is_speech_verb(token) and lemma not in STANCE_ONLY_VERBS and \
        token.pos_ in ("VERB", "AUX") and not (
            token.dep_ == "xcomp" and token.head.lemma_ == "be")


def leading_subject(window: list[Token], cue: Token) -> Token | None:
    """Return the noun phrase opening an attribution before its cue (``"...," X, a Y, said``)."""
    words = [t for t in window if not t.is_punct and not t.is_space]
    if not words or words[0].i >= cue.i:
        return None
    token = words[0]
    while token.dep_ in ("compound", "poss", "det", "amod") and cue.i > token.head.i > token.i \
            and token.head.pos_ in ("PROPN", "NOUN"):
        token = token.head
    if token.pos_ in ("PROPN", "NOUN") or (token.pos_ == "ADJ" and token.text[:1].isupper()):
        return token
    return None


def inverted_subject(cue: Token) -> Token | None:
    """Return the speaker written after the cue (``"...," said Charlie King``)."""
    doc = cue.doc
    j = cue.i + 1
    while j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
        j += 1
    if j >= len(doc) or doc[j].is_punct or doc[j].lower_ in CLAUSE_OPENERS:
        return None
    token = doc[j]
    while token.dep_ in ("compound", "poss") and token.head.i > token.i:
        token = token.head
    k = token.i
    while k + 1 < len(doc) and doc[k + 1].pos_ in ("PROPN", "NOUN") and not doc[k + 1].is_punct:
        k += 1
    head = doc[k]
    return head if head.pos_ in ("PROPN", "NOUN", "PRON") else None
