"""Statements: direct quotes and reported speech, each with a named speaker.

Direct quotes are found from quote marks (curly or straight, multi-paragraph quotes whose
closing mark is left out, quotes split by their attribution); the speaker is the subject of
the nearest speech verb outside the quote, resolved to a named actor through pronouns ("he
said" → the last person named), roles ("the Kremlin spokesman" → the person holding it) and
relative clauses ("Rubio, who said"). Reported speech is a speech verb with a named subject
and a ``that``-clause, object or "according to X". Follows the layout of textacy's
``direct_quotations`` but attributes through the dependency parse and kg's actors.
``kg_quotes`` stores :class:`StatementInfo` records in ``doc._.kg_statements``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.actors import ACTORS_KEY, actor_index
from kg.extract.boilerplate import in_ranges
from kg.lexicon import (
    NEGATIVE_CUES,
    PERSON_PRONOUNS,
    POSITIVE_CUES,
    REPORTING_WITH_OBJECT,
    SPEECH_VERBS,
)

if not Doc.has_extension("kg_statements"):
    Doc.set_extension("kg_statements", default=[])

_OPEN = {"“": "”", '"': '"', "«": "»", "„": "“"}
_SUBJECT_DEPS = ("nsubj",)
#: Actor types that can say something.
SPEAKER_TYPES = frozenset({"Person", "Organization", "Country", "Group"})


@dataclass(frozen=True)
class StatementInfo:
    """A statement found in a document (character offsets of the content)."""

    kind: str
    start: int
    end: int
    speaker_id: str | None
    speaker_description: str | None
    cue: str | None
    cue_lemma: str | None
    about_ids: tuple[str, ...]
    stances: tuple[tuple[str, str], ...]


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of the content inside each pair of quote marks.

    A quote whose paragraph ends without a closing mark runs to the paragraph end (and the
    next paragraph's quote continues it).

    >>> quote_spans('He said, “We agreed.” Then: "Fine."')
    [(10, 20), (29, 34)]
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for paragraph in re.split(r"(\n\s*\n)", text):
        if paragraph.strip() and not paragraph.startswith("\n"):
            spans.extend((pos + s, pos + e) for s, e in _paragraph_quotes(paragraph))
        pos += len(paragraph)
    return spans


def _paragraph_quotes(par: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(par):
        ch = par[i]
        if ch in _OPEN and (ch != '"' or i == 0 or not par[i - 1].isalnum()):
            close = _OPEN[ch]
            j = par.find(close, i + 1)
            if j == -1:
                end = len(par.rstrip())
                if end - i > 20:
                    spans.append((i + 1, end))
                break
            spans.append((i + 1, j))
            i = j + 1
            continue
        i += 1
    return spans


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text)


def is_scare_quote(text: str) -> bool:
    """Return True for one- or two-word names or titles in quote marks ("Host Country")."""
    words = _words(text)
    if len(words) > 2:
        return False
    if not words:
        return True
    return all(w[0].isupper() for w in words)


class _Attributor:
    """Finds the speaker of quotes and reported speech in one document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.actors = actor_index(doc)
        self.entities = doc._.kg_entities
        self.roles = doc._.kg_roles
        self.person_mentions = sorted(
            (s for s in doc.spans.get(ACTORS_KEY, []) if s.label_ == "Person"),
            key=lambda s: s.start)

    def actor_for(self, token: Token) -> Span | None:
        """Return the actor mention a token belongs to (or its compound/appos head)."""
        span = self.actors.get(token.i)
        if span is not None:
            return span
        for child in token.children:
            if child.dep_ in ("compound", "appos", "poss", "amod") and child.i in self.actors:
                return self.actors[child.i]
        return None

    def last_person_before(self, char: int, exclude: tuple[int, int] | None = None) -> str | None:
        for span in reversed(self.person_mentions):
            if span.end_char <= char and not (exclude and exclude[0] <= span.start_char
                                              < exclude[1]):
                return span._.kg_entity
        return None

    def by_role(self, subject: Token) -> str | None:
        """Return the person whose role matches a description ("the Kremlin spokesman")."""
        words = {t.lower_ for t in subject.subtree}
        for role in reversed(self.roles):
            title_words = set(role.title.lower().split())
            if subject.lower_ in title_words or (title_words and title_words <= words):
                return role.person_id
        return None

    def speaker(self, subject: Token, before_char: int,
                quote: tuple[int, int] | None) -> tuple[str | None, str | None]:
        """Return (speaker entity id, description) for the subject token of a cue."""
        if subject.lower_ in ("who", "which", "that") and subject.head.head is not None:
            subject = subject.head.head
        actor = self.actor_for(subject)
        if actor is not None and actor._.kg_entity is not None:
            if actor.label_ in SPEAKER_TYPES:
                return actor._.kg_entity, None
            return None, None
        if subject.lower_ in PERSON_PRONOUNS and subject.lower_ not in ("i", "we", "they"):
            return self.last_person_before(before_char, quote), None
        role_person = self.by_role(subject)
        if role_person is not None:
            return role_person, None
        desc = " ".join(t.text for t in subject.subtree if not t.is_punct).strip()
        return None, desc or None


def _cue_candidates(sent: Span, quote: tuple[int, int]) -> list[Token]:
    return [t for t in sent if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in ("VERB", "AUX")
            and not quote[0] <= t.idx < quote[1]]


def _subject_of(cue: Token) -> Token | None:
    for child in cue.children:
        if child.dep_ in _SUBJECT_DEPS:
            return child
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if cue.dep_ in ("conj", "xcomp", "advcl") and cue.head is not cue:
        return _subject_of(cue.head)
    return None


def _about_ids(doc: Doc, actors: dict[int, Span], start: int, end: int,
               exclude: str | None) -> tuple[str, ...]:
    seen: list[str] = []
    for span in doc.spans.get(ACTORS_KEY, []):
        if start <= span.start_char < end and span._.kg_entity not in (exclude, None):
            if span._.kg_entity not in seen:
                seen.append(span._.kg_entity)
    return tuple(seen)


def _object_actor_ids(cue: Token, attributor: _Attributor) -> list[str]:
    ids: list[str] = []
    for child in cue.children:
        if child.dep_ in ("dobj", "obj", "dative", "prep"):
            for t in child.subtree:
                actor = attributor.actors.get(t.i)
                if actor is not None and actor._.kg_entity and actor._.kg_entity not in ids:
                    ids.append(actor._.kg_entity)
                if t.dep_ in ("ccomp", "pcomp") or t.text in ("“", '"'):
                    break
    return ids


def _stances(cue_lemma: str | None, targets: list[str]) -> tuple[tuple[str, str], ...]:
    if cue_lemma in NEGATIVE_CUES:
        return tuple((t, "negative") for t in targets)
    if cue_lemma in POSITIVE_CUES:
        return tuple((t, "positive") for t in targets)
    return ()


def direct_quotes(doc: Doc, attributor: _Attributor) -> list[StatementInfo]:
    """Return direct quotes of ``doc`` with speaker, cue, about and stance."""
    junk = doc._.kg_junk
    found: list[StatementInfo] = []
    previous: StatementInfo | None = None
    for start, end in quote_spans(doc.text):
        text = doc.text[start:end]
        if in_ranges(start, end, junk) or is_scare_quote(text) or not text.strip():
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sents = _sentences_around(doc, span)
        cue, subject = None, None
        candidates = [c for s in sents for c in _cue_candidates(s, (start, end))]
        candidates.sort(key=lambda t: (t.tag_ in ("VBG", "VBN") and t.dep_ != "ROOT",
                                       min(abs(t.idx - start), abs(t.idx - end))))
        for candidate in candidates:
            subject = _subject_of(candidate)
            if subject is not None and not start <= subject.idx < end:
                cue = candidate
                break
            subject = None
        speaker_id, description = None, None
        if cue is not None and subject is not None:
            speaker_id, description = attributor.speaker(subject, start, (start, end))
        else:
            speaker_id, description = _colon_speaker(doc, attributor, start)
            if speaker_id is None and previous is not None and start - previous.end < 400:
                speaker_id, description = previous.speaker_id, previous.speaker_description
        cue_lemma = cue.lemma_.lower() if cue is not None else None
        about = _about_ids(doc, attributor.actors, start, end, speaker_id)
        objects = _object_actor_ids(cue, attributor) if cue is not None else []
        about = tuple(dict.fromkeys([*objects, *about]))
        about = tuple(a for a in about if a != speaker_id)
        info = StatementInfo("direct", start, end, speaker_id, description,
                             cue.text if cue is not None else None, cue_lemma, about,
                             _stances(cue_lemma, [o for o in objects if o != speaker_id]))
        found.append(info)
        previous = info
    return found


def _sentences_around(doc: Doc, span: Span) -> list[Span]:
    """Return the sentences a quote touches plus the one after (for '"...," he said.')."""
    sents = list(doc.sents) if not hasattr(doc, "_kg_sents") else doc._kg_sents
    first = span[0].sent.start
    last = span[-1].sent.end
    out = [s for s in sents if s.end > first and s.start < last]
    nxt = [s for s in sents if s.start >= last][:1]
    if nxt and len(nxt[0]) <= 12:
        out += nxt
    return out


def _colon_speaker(doc: Doc, attributor: _Attributor, start: int) -> tuple[str | None, None]:
    """Return the actor named right before ``X: "..."``, if that is the layout."""
    before = doc.text[max(0, start - 4):start - 1].rstrip()
    if not before.endswith(":"):
        return None, None
    token = doc.char_span(max(0, start - 4), start - 1, alignment_mode="expand")
    if token is None:
        return None, None
    i = token.start - 1
    while i >= 0 and doc[i].is_punct:
        i -= 1
    actor = attributor.actors.get(i)
    return (actor._.kg_entity if actor is not None else None), None


def reported_speech(doc: Doc, attributor: _Attributor,
                    direct: list[StatementInfo]) -> list[StatementInfo]:
    """Return reported statements: "X said that ...", "according to X", "X accused Y of ..."."""
    found: list[StatementInfo] = []
    quoted = [(d.start, d.end) for d in direct]
    junk = doc._.kg_junk
    for sent in doc.sents:
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
    for child in cue.children:
        if child.dep_ in ("ccomp", "xcomp") or (
            child.dep_ == "prep" and child.lower_ in ("of", "for", "over")
        ):
            tokens = list(child.subtree)
            if child.dep_ == "ccomp":
                tokens = [t for t in tokens if t.dep_ != "mark" or t.i != tokens[0].i]
            if tokens:
                return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return None


def _reported_from_cue(token: Token, attributor: _Attributor,
                       quoted: list[tuple[int, int]]) -> StatementInfo | None:
    lemma = token.lemma_.lower()
    if lemma not in SPEECH_VERBS or token.pos_ != "VERB" or in_ranges(token.idx, token.idx + 1,
                                                                       quoted):
        return None
    content = _content_span(token)
    objects = _object_actor_ids(token, attributor) if lemma in REPORTING_WITH_OBJECT else []
    if content is None and not objects:
        return None
    if content is not None and in_ranges(content[0], content[1], quoted):
        return None
    subject = _subject_of(token)
    if subject is None:
        return None
    speaker_id, description = attributor.speaker(subject, token.idx, None)
    if speaker_id is None:
        return None
    if content is None:
        sent = token.sent
        content = (token.idx + len(token.text) + 1, sent.end_char)
    start, end = content
    text = attributor.doc.text[start:end].strip()
    if len(_words(text)) < 2:
        return None
    objects = [o for o in objects if o != speaker_id]
    about = tuple(dict.fromkeys([*objects, *_about_ids(attributor.doc, attributor.actors,
                                                       start, end, speaker_id)]))
    return StatementInfo("reported", start, end, speaker_id, description, token.text, lemma,
                         about, _stances(lemma, objects))


def _according_to(token: Token, attributor: _Attributor,
                  quoted: list[tuple[int, int]]) -> StatementInfo | None:
    if token.lower_ != "according" or token.i + 2 >= len(token.doc):
        return None
    if token.nbor(1).lower_ != "to":
        return None
    actor = attributor.actors.get(token.i + 2) or attributor.actors.get(token.i + 3)
    if actor is None or actor._.kg_entity is None:
        return None
    sent = token.sent
    if actor.end_char < sent.end_char - 5 and token.i == sent.start:
        start, end = actor.end_char + 1, sent.end_char
    else:
        start, end = sent.start_char, token.idx
    text = token.doc.text[start:end].strip(" ,.")
    if len(_words(text)) < 3 or in_ranges(start, end, quoted):
        return None
    speaker = actor._.kg_entity
    about = _about_ids(token.doc, attributor.actors, start, end, speaker)
    return StatementInfo("reported", start, end, speaker, None, "according to", "according to",
                         about, ())


def find_statements(doc: Doc) -> list[StatementInfo]:
    """Return the direct and reported statements of ``doc`` in text order."""
    attributor = _Attributor(doc)
    direct = direct_quotes(doc, attributor)
    reported = reported_speech(doc, attributor, direct)
    return sorted(direct + reported, key=lambda s: s.start)


@Language.component("kg_quotes", assigns=["doc._.kg_statements"],
                    requires=["doc._.kg_entities", "doc._.kg_roles"])
def quotes_component(doc: Doc) -> Doc:
    """Find statements and their speakers."""
    doc._.kg_statements = find_statements(doc)
    return doc
