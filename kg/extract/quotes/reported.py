"""Reported speech: "X said that ...", "X accused Y of ...", "according to X"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.boilerplate import doc_text, in_ranges
from kg.extract.quotes.about import _about_ids, _object_actor_ids, _stances
from kg.extract.quotes.cues import is_speech_verb, subject_of
from kg.extract.quotes.marks import _words
from kg.extract.quotes.offsets import Ranges
from kg.extract.quotes.records import StatementInfo
from kg.extract.quotes.speakers import SPEAKER_TYPES, Attributor
from kg.lexicon.speech import (
    CONTENT_PREPS,
    EVALUATIVE_CUES,
    REPORTING_WITH_OBJECT,
    SPEECH_ACT_NOUNS,
)


def reported_speech(doc: Doc, attributor: Attributor,
                    direct: list[StatementInfo]) -> list[StatementInfo]:
    """Return reported statements: "X said that ...", "according to X", "X accused Y of ..."."""
    found: list[StatementInfo] = []
    quoted = Ranges((d.start, d.end) for d in direct)
    junk = doc._.kg_junk
    for sent in attributor.sents:
        if in_ranges(sent.start_char, sent.end_char, junk):
            continue
        for token in sent:
            info = _reported_from_cue(token, attributor, quoted)
            if info is None:
                info = _according_to(token, attributor, quoted)
            if info is not None:
                found.append(info)
    return found


def _content_span(cue: Token) -> tuple[int, int] | None:
    """Return the reported content of a cue: its clause, or ``of``/``for`` + what follows
    (not the reason of praise or blame said in no named speech act, :func:`_reason_only`)."""
    lemma = cue.lemma_.lower()
    for child in cue.children:
        tokens: list[Token] = []
        if _asks(child):
            continue
        if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and child.i > cue.i):
            tokens = list(child.subtree)
            tokens = [t for t in tokens if not (t.dep_ == "mark" and t.i == tokens[0].i)]
        elif child.dep_ == "prep" and child.lower_ in CONTENT_PREPS.get(lemma, ()):
            if _reason_only(cue):
                continue
            tokens = [t for t in child.subtree if t.i != child.i]
            if len([t for t in tokens if not t.is_punct]) < 3:
                continue
        if tokens:
            while tokens and tokens[-1].is_punct:
                tokens.pop()
            if tokens:
                return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return None


def _asks(clause: Token) -> bool:
    """Return True for a clause that asks rather than tells ("asked if the governor would
    consider it", "did not say whether"): an open question is no one's statement."""
    return clause.dep_ == "ccomp" and any(
        t.dep_ == "mark" and t.lower_ in ("if", "whether") for t in clause.children)


def _reported_from_cue(token: Token, attributor: Attributor,
                       quoted: Ranges) -> StatementInfo | None:
    lemma = token.lemma_.lower()
    if not is_speech_verb(token) or token.pos_ != "VERB" or quoted.overlaps(token.idx,
                                                                             token.idx + 1):
        return None
    content = _content_span(token)
    objects = _object_actor_ids(token, attributor) if lemma in REPORTING_WITH_OBJECT else []
    if content is None and not objects:
        return None
    if content is not None and quoted.overlaps(content[0], content[1]):
        return None
    subject = subject_of(token)
    if subject is None:
        return None
    speaker_id, description = attributor.speaker(subject, token.idx, None)
    if speaker_id is None:
        return None
    objects = [o for o in objects if o != speaker_id]
    if content is None:
        if _reason_only(token):
            return None
        content = _object_content(token)
        if content is None:
            return None
    start, end = content
    text = doc_text(attributor.doc)[start:end].strip()
    if len(_words(text)) < 2:
        return None
    about = tuple(dict.fromkeys([*objects, *_about_ids(attributor, start, end, speaker_id)]))
    return StatementInfo("reported", start, end, speaker_id, description, token.text, lemma,
                         about, _stances(lemma, objects), (), text, token.idx)


def _reason_only(cue: Token) -> bool:
    """Return True for a cue of praise or blame with no speech act named: its ``for`` phrase
    and object are the writer's account of an attitude, not words anyone said ("criticized
    the draft for leaning toward Russian demands"; not "... in a statement")."""
    if cue.lemma_.lower() not in EVALUATIVE_CUES:
        return False
    return not any(
        child.dep_ == "prep" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in SPEECH_ACT_NOUNS for g in child.children)
        for child in cue.children)


def _object_content(cue: Token) -> tuple[int, int] | None:
    """Return the object phrase of ``X criticized Y`` as the content (no adverbials)."""
    for child in cue.children:
        if child.dep_ in ("dobj", "obj"):
            tokens = [t for t in child.subtree]
            while tokens and tokens[-1].is_punct:
                tokens.pop()
            if tokens:
                return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return None


def _according_to(token: Token, attributor: Attributor,
                  quoted: Ranges) -> StatementInfo | None:
    if token.lower_ != "according" or token.i + 2 >= len(token.doc):
        return None
    if token.nbor(1).lower_ != "to":
        return None
    actor = attributor.actors.get(token.i + 2) or attributor.actors.get(token.i + 3)
    if actor is None or actor._.kg_entity is None or actor.label_ not in SPEAKER_TYPES:
        return None
    sent = attributor.sent_of(token.i)
    if actor.end_char < sent.end_char - 5 and token.i == sent.start:
        start, end = actor.end_char + 1, sent.end_char
    else:
        start, end = sent.start_char, token.idx
    text = doc_text(token.doc)[start:end].strip(" ,.\n")
    if len(_words(text)) < 3 or quoted.overlaps(start, end):
        return None
    lead = len(doc_text(token.doc)[start:end]) - len(doc_text(token.doc)[start:end].lstrip(" ,\n"))
    start, end = start + lead, start + lead + len(text)
    speaker = actor._.kg_entity
    about = _about_ids(attributor, start, end, speaker)
    return StatementInfo("reported", start, end, speaker, None, "according to", "according to",
                         about, (), (), text, token.idx)
