"""Statements: direct quotes and reported speech, each with a named speaker.

Direct quotes are found from quote marks (curly or straight; multi-paragraph quotes whose
closing mark is left out; a quote split by its attribution is one statement). The speaker is
found first from the attribution right next to the marks (``"...," X said``, ``"...," said
X``, ``X said, "..."``, ``X: "..."``, ``"..." ― X``), then through the dependency parse (the
speech verb a partial quote hangs from, the nearest speech verb of the sentence), and is
resolved to a named actor through pronouns ("he said" → the last person named), roles ("the
Kremlin spokesman" → the person holding it) and relative clauses ("Rubio, who said"). A
proper-noun speaker that NER missed becomes a Person actor. Quotes with no attribution at
their marks take the ``― Name`` ending their line, a ``Name, description.`` line after them,
or the speaker of the sentence just before them; nested speech goes to the outermost named
speaker (``Lee said Kim called it "..."`` → Lee, the PolNeAR convention). Reported speech is
a speech verb with a named subject and a ``that``-clause, an object ("X accused Y of ...")
or "according to X". ``kg_quotes`` stores :class:`StatementInfo` records in
``doc._.kg_statements`` and the character ranges inside quote marks in ``doc._.kg_quoted``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.actors import ACTORS_KEY, actor_index
from kg.extract.boilerplate import doc_text, in_ranges
from kg.lexicon import (
    BODY_HEADS,
    CONTENT_PREPS,
    DESCRIPTION_HEADS,
    HONORIFICS,
    NEGATIVE_CUES,
    ORG_NAME_SUFFIXES,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    POSITIVE_CUES,
    QUOTE_FRAMING_VERBS,
    REPORTING_WITH_OBJECT,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    WORK_TITLE_SMALL_WORDS,
)
from kg.model import entity_id

if not Doc.has_extension("kg_statements"):
    Doc.set_extension("kg_statements", default=[])
if not Doc.has_extension("kg_quoted"):
    Doc.set_extension("kg_quoted", default=[])

_OPEN = {"“": "”", '"': '"', "«": "»", "„": "“"}
#: Closing marks also accepted for an opening mark (texts that mix straight and curly marks).
_ALSO_CLOSES = {'"': "”", "“": '"'}
_CLOSE_MARKS = frozenset({"”", '"', "»", "“"})
_DASHES = "―—–-"
#: Actor types that can say something.
SPEAKER_TYPES = frozenset({"Person", "Organization", "Country", "Group"})
#: Pronouns that stand for one person (resolved to the last person named).
_SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her"})
_RELATIVE = frozenset({"who", "which", "that"})
_HONORIFIC_STEMS = frozenset({"mr", "ms", "mrs", "dr"})
#: Words opening a clause of time or cause after a quote: what follows is no attribution.
_SUBORDINATORS = frozenset({"when", "before", "after", "while", "because", "since", "until",
                            "if", "though", "although"})
#: Words opening a clause after a cue (``noting that ...``): no speaker follows them.
_CLAUSE_OPENERS = frozenset({"that", "if", "whether", "how", "why", "what", "to"})
#: Longest attribution between the two parts of a split quote, in words.
_MAX_SPLIT_GAP_WORDS = 12


@dataclass(frozen=True)
class StatementInfo:
    """A statement found in a document (character offsets of the content).

    ``parts`` holds the quoted pieces of a direct quote split by its attribution (the
    statement runs from the first part's start to the last part's end); ``text`` is the
    content with the pieces joined by a space.
    """

    kind: str
    start: int
    end: int
    speaker_id: str | None
    speaker_description: str | None
    cue: str | None
    cue_lemma: str | None
    about_ids: tuple[str, ...]
    stances: tuple[tuple[str, str], ...]
    parts: tuple[tuple[int, int], ...] = ()
    text: str = ""


# --- quote marks --------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteSpan:
    """Content inside quote marks; ``open_ended`` when the paragraph ends before a closing mark."""

    start: int
    end: int
    open_ended: bool = False


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of the content inside each pair of quote marks.

    A quote whose paragraph ends without a closing mark runs to the paragraph end (and the
    next paragraph's quote continues it).

    >>> quote_spans('He said, “We agreed.” Then: "Fine."')
    [(10, 20), (29, 34)]
    """
    return [(q.start, q.end) for q in _quote_marks(text)]


def _quote_marks(text: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    pos = 0
    for paragraph in re.split(r"(\n\s*\n|\n(?=\s*[“\"«„]))", text):
        if paragraph.strip() and not paragraph.startswith("\n"):
            spans.extend(QuoteSpan(pos + q.start, pos + q.end, q.open_ended)
                         for q in _paragraph_quotes(paragraph))
        pos += len(paragraph)
    return spans


def _paragraph_quotes(par: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    i = 0
    while i < len(par):
        ch = par[i]
        if ch in _OPEN and (ch != '"' or i == 0 or not par[i - 1].isalnum()):
            j = _closing_mark(par, ch, i + 1)
            if j == -1:
                end = len(par.rstrip())
                if end - i > 20:
                    spans.append(QuoteSpan(i + 1, end, True))
                break
            spans.append(QuoteSpan(i + 1, j))
            i = j + 1
            continue
        i += 1
    return spans


def _closing_mark(par: str, opening: str, start: int) -> int:
    """Return the index of the mark closing ``opening`` (a mixed straight/curly pair counts)."""
    j = par.find(_OPEN[opening], start)
    other = _ALSO_CLOSES.get(opening)
    if other is not None:
        k = par.find(other, start)
        if k == -1 or (j != -1 and k > j):
            return j
        if opening == '"' and par.find("“", start, k) == -1:
            return k
        if opening == "“" and par.find("“", start, k) == -1 and (
                j == -1 or par[k - 1:k] in (",", ".", "?", "!")):
            return k
    return j


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


def is_work_title(text: str) -> bool:
    """Return True for a short title-cased name in quote marks ("Fox and Friends").

    >>> is_work_title("The Steve Harvey Morning Show,"), is_work_title("We agreed to go.")
    (True, False)
    """
    words = _words(text)
    if not words or len(words) > 6 or text.rstrip().endswith(("?", "!")):
        return False
    big = [w for w in words if w.lower() not in WORK_TITLE_SMALL_WORDS]
    if not big or not all(w[0].isupper() or w[0].isdigit() for w in big):
        return False
    return not (words[0].lower() in PERSON_PRONOUNS | {"it", "you", "this", "that"}
                and len(words) > 2)


def merge_split_quotes(text: str, spans: list[QuoteSpan]) -> list[tuple[QuoteSpan, ...]]:
    """Group quote spans into statements: a quote split by its attribution is one group.

    ``"First part," she said, "second part."`` → one group of two spans.
    """
    groups: list[list[QuoteSpan]] = []
    for q in spans:
        if groups and _continues_split(text, groups[-1][-1], q):
            groups[-1].append(q)
        else:
            groups.append([q])
    return [tuple(g) for g in groups]


def _continues_split(text: str, first: QuoteSpan, second: QuoteSpan) -> bool:
    if first.open_ended:
        return False
    gap = text[first.end + 1:second.start - 1]
    if "\n" in gap or not text[first.start:first.end].rstrip().endswith((",", "—", "–", "-")):
        return False
    words = _words(gap)
    if not words or len(words) > _MAX_SPLIT_GAP_WORDS or not gap.strip().endswith((",", ":")):
        return False
    return any(_lemma_guess(w) in SPEECH_VERBS for w in words)


def _lemma_guess(word: str) -> str:
    """Return a cheap lemma of a verb form (``said`` → ``say``) for attribution gaps."""
    w = word.lower()
    irregular = {"said": "say", "says": "say", "told": "tell", "wrote": "write",
                 "writes": "write", "added": "add", "adds": "add", "asked": "ask"}
    if w in irregular:
        return irregular[w]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("es", ""),
                         ("s", ""), ("ing", ""), ("ing", "e")):
        if w.endswith(suffix) and w[: -len(suffix)] + repl in SPEECH_VERBS:
            return w[: -len(suffix)] + repl
    return w


# --- speakers ---------------------------------------------------------------------------------


class _Attributor:
    """Finds the speaker of quotes and reported speech in one document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.actors = actor_index(doc)
        self.entities = doc._.kg_entities
        self.roles = doc._.kg_roles
        self.sents = list(doc.sents)
        self.sent_starts = [s.start for s in self.sents]
        self.person_mentions = sorted(
            (s for s in doc.spans.get(ACTORS_KEY, []) if s.label_ == "Person"),
            key=lambda s: s.start)
        self.person_starts = [s.end_char for s in self.person_mentions]
        self.added: list[Span] = []

    def sent_of(self, i: int) -> Span:
        """Return the sentence holding token ``i`` (cached sentence list, binary search)."""
        return self.sents[max(0, bisect_right(self.sent_starts, i) - 1)]

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
        """Return the entity id of the last person named before ``char`` (outside ``exclude``)."""
        k = bisect_right(self.person_starts, char)
        quoted = self.doc._.kg_quoted
        candidates = [s for s in self.person_mentions[max(0, k - 8):k]
                      if not (exclude and exclude[0] <= s.start_char < exclude[1])
                      and not in_ranges(s.start_char, s.end_char, quoted)]
        if not candidates:
            return None
        last = candidates[-1]
        recent = self.sent_of(last.start).start
        previous = self.sent_of(max(0, recent - 1)).start
        window = [s for s in reversed(candidates) if s.start >= previous]
        for span in window:
            if span.root.dep_ == "nsubj" and _is_cue(span.root.head):
                return span._.kg_entity
        for span in window:
            if span.root.dep_ in ("nsubj", "nsubjpass"):
                return span._.kg_entity
        return last._.kg_entity

    def by_role(self, subject: Token) -> str | None:
        """Return the person whose role matches a description ("the Kremlin spokesman")."""
        if subject.lower_ not in TITLE_WORDS:
            return None
        words = {t.lower_ for t in subject.subtree}
        needed = _capitalised_modifiers(subject)
        for role in reversed(self.roles):
            title_words = set(role.title.lower().split())
            of = self.entities.get(role.of_id) if role.of_id else None
            known = title_words | (set(of.name.lower().split()) if of is not None else set())
            if subject.lower_ in title_words and (title_words <= words or len(words) <= 3) \
                    and needed <= known:
                return role.person_id
        return None

    def speaker(self, subject: Token, before_char: int,
                quote: tuple[int, int] | None) -> tuple[str | None, str | None]:
        """Return (speaker entity id, description) for the subject token of a cue."""
        if subject.lower_ in _RELATIVE and subject.head.head is not subject.head:
            subject = subject.head.head
        if subject.lower_ in PERSON_PRONOUNS or subject.lower_ in ("it", "you", "this"):
            if subject.lower_ in _SINGULAR_PRONOUNS:
                return self.last_person_before(before_char, quote), None
            return None, None
        actor = self.actors.get(subject.i)
        name = _proper_name(subject)
        if actor is not None and actor._.kg_entity is not None:
            if actor.label_ == "Person" or (
                actor.label_ in SPEAKER_TYPES and not _is_person_name_around(actor, name)
            ):
                return actor._.kg_entity, None
        if name is not None:
            person = self.person_for_name(name)
            if person is not None:
                return person, None
        named = self.appositive_name(subject)
        if named is None and name is not None and actor is None:
            named = self.actor_for_single_name(name)
        if named is not None:
            return named, None
        role_person = self.by_role(subject) or self.by_description(subject)
        if role_person is not None:
            return role_person, None
        modifier = actor or self.actor_for(subject)
        person_noun = subject.lower_ in TITLE_WORDS or subject.lemma_.lower() in PERSON_NOUNS
        if modifier is not None and modifier._.kg_entity is not None and \
                modifier.label_ in SPEAKER_TYPES and not person_noun:
            return modifier._.kg_entity, None
        desc = " ".join(t.text for t in _noun_phrase(subject) if not t.is_punct).strip()
        return None, desc or None

    def by_description(self, subject: Token) -> str | None:
        """Return the person named earlier with the words of a definite description.

        "The Indiana governor" → the person introduced as "Indiana Gov. Mike Pence": the head
        noun (or its abbreviation) and every capitalised modifier must appear in the title
        written before or after one of that person's mentions.
        """
        phrase = [t for t in _noun_phrase(subject) if not t.is_punct]
        if not phrase or phrase[0].lower_ != "the" or subject.pos_ != "NOUN":
            return None
        head = subject.lemma_.lower()
        if head not in TITLE_WORDS and head not in PERSON_NOUNS and head not in DESCRIPTION_HEADS:
            return None
        needed = _capitalised_modifiers(subject)
        heads = {head, subject.lower_} | {a for a, full in TITLE_ABBREVIATIONS.items()
                                          if full == head}
        for span in reversed(self.person_mentions):
            if span.start >= subject.i or span._.kg_entity is None:
                continue
            words = _title_words_around(span)
            if heads & words and needed <= words:
                return span._.kg_entity
        return None

    def appositive_name(self, subject: Token) -> str | None:
        """Return the person named in apposition to a description ("Another critic, Tribe,")."""
        for child in subject.children:
            if child.dep_ != "appos":
                continue
            actor = self.actors.get(child.i)
            if actor is not None and actor.label_ == "Person" and actor._.kg_entity:
                return actor._.kg_entity
            name = _proper_name(child)
            if name is not None:
                person = self.person_for_name(name)
                if person is not None:
                    return person
        return None

    def person_for_name(self, name: Span) -> str | None:
        """Return the person a proper name stands for, adding a Person actor NER missed."""
        if any(self.actors.get(t.i) is not None and self.actors[t.i].label_ == "Person"
               for t in name):
            return next(self.actors[t.i]._.kg_entity for t in name
                        if t.i in self.actors and self.actors[t.i].label_ == "Person")
        words = [t.text for t in name]
        surname = words[-1].lower()
        for id_, info in reversed(list(self.entities.items())):
            if info.type == "Person" and info.name.split()[-1].lower() == surname:
                self._add_mention(name, id_)
                return id_
        if len(words) < 2 and not _after_honorific(name):
            return None
        name = self._person_part(name)
        if name is None or (len(name) < 2 and not _after_honorific(name)):
            return None
        return self._add_person(name)

    def _person_part(self, name: Span) -> Span | None:
        """Return the words of a capitalised phrase after any other actor and title ("Media
        Coordinator Dane Lisser" → "Dane Lisser"), or ``None`` when nothing is left or it ends
        like a body or a title ("Chinese Commerce Ministry", "French Agriculture Minister")."""
        last = name[-1]
        if last.text in ORG_NAME_SUFFIXES | BODY_HEADS:
            return None
        if last.lower_ in TITLE_WORDS and any(c.dep_ == "appos" and c.ent_type_ == "PERSON"
                                              for c in last.children):
            return None  # "the Farm Minister, Ana Lopes, said": the apposition names her
        start = name.start
        for t in name[:-1]:
            actor = self.actors.get(t.i)
            if (actor is not None and actor.label_ != "Person") or t.lower_ in TITLE_WORDS:
                start = t.i + 1
        part = name.doc[start:name.end]
        if len(part) == 1 and (part[0].lower_ in TITLE_WORDS or part[0].i in self.actors):
            return None
        return part

    def actor_for_single_name(self, name: Span) -> str | None:
        """Return an actor for a one-word proper-name speaker NER missed ("Kukura said")."""
        if len(name) != 1 or name[0].lower_ in TITLE_WORDS or name[0].ent_type_ in (
                "GPE", "LOC", "DATE", "TIME", "FAC") or name[0].text in BODY_HEADS:
            return None  # "The Ministry said": a description, no name
        type_ = "Organization" if name[0].ent_type_ in ("ORG", "NORP") else "Person"
        if type_ == "Person":
            return self._add_person(name)
        from kg.extract.resolve import EntityInfo

        id_ = entity_id(type_, name.text)
        if id_ not in self.entities:
            self.entities[id_] = EntityInfo(id_, name.text, type_)
        self._add_mention(name, id_, type_)
        return id_

    def _add_person(self, name: Span) -> str:
        from kg.extract.resolve import EntityInfo

        text = " ".join(t.text for t in name)
        id_ = entity_id("Person", text)
        if id_ not in self.entities:
            self.entities[id_] = EntityInfo(id_, text, "Person")
        self._add_mention(name, id_)
        return id_

    def _add_mention(self, name: Span, id_: str, label: str = "Person") -> None:
        if any(i in self.actors for i in range(name.start, name.end)):
            return
        span = Span(self.doc, name.start, name.end, label=label)
        span._.kg_entity = id_
        self.added.append(span)
        for i in range(name.start, name.end):
            self.actors[i] = span
        info = self.entities.get(id_)
        if info is not None:
            info.surface[span.text] += 1

    def commit(self) -> None:
        """Store the Person mentions added for speakers in the document's actor spans."""
        if self.added:
            group = self.doc.spans.get(ACTORS_KEY)
            spans = list(group) if group is not None else []
            self.doc.spans[ACTORS_KEY] = sorted(spans + self.added, key=lambda s: s.start)


def _noun_phrase(token: Token) -> list[Token]:
    """Return the noun phrase of a subject without relative clauses or appositions."""
    skip = {"relcl", "appos", "acl", "punct", "prep"}
    out = [token]
    for child in token.children:
        if child.dep_ not in skip:
            out.extend(child.subtree)
    return sorted(out, key=lambda t: t.i)


def _proper_name(token: Token) -> Span | None:
    """Return the proper-name span around a PROPN subject ("Charlie King"), titles removed."""
    if token.pos_ != "PROPN" or not token.text[:1].isupper():
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() \
            and doc[start - 1].head.i == token.i:
        start -= 1
    while start < token.i and (doc[start].lower_ in TITLE_WORDS or
                               doc[start].lower_ in HONORIFICS or doc[start].lower_ in
                               ("mr", "ms", "mrs", "dr")):
        start += 1
    if doc[start].lower_ in TITLE_WORDS or not re.fullmatch(r"[A-Z][\w'’.-]+", doc[start].text):
        return None
    return doc[start:token.i + 1]


def _capitalised_modifiers(subject: Token) -> set[str]:
    """Return the lowercased capitalised words modifying a description ("the Ohio governor")."""
    return {t.lower_ for t in _noun_phrase(subject)
            if t.i != subject.i and t.text[:1].isupper() and t.i != subject.sent.start
            and not t.is_punct}


def _title_words_around(person: Span) -> set[str]:
    """Return the lowercased words of the titles written before and after a person's name."""
    doc = person.doc
    words: set[str] = set()
    i = person.start - 1
    while i >= max(0, person.start - 6) and not doc[i].is_punct and \
            doc[i].pos_ not in ("VERB", "AUX", "CCONJ", "ADP") and \
            doc[i].lower_ not in ("the", "a", "an") and doc[i].ent_type_ != "PERSON":
        words.add(doc[i].lower_)
        i -= 1
    j = person.end
    if j < len(doc) and doc[j].text in (",", "of"):
        j += 1
        while j < min(len(doc), person.end + 12) and not doc[j].is_punct and \
                doc[j].pos_ not in ("VERB", "AUX"):
            words.add(doc[j].lower_)
            j += 1
    return words


def _after_honorific(name: Span) -> bool:
    """Return True when a name follows Mr./Ms./Mrs./Dr. (so it is a person's surname)."""
    return name.start > 0 and name.doc[name.start - 1].lower_.rstrip(".") in _HONORIFIC_STEMS


def _is_person_name_around(actor: Span, name: Span | None) -> bool:
    """Return True when a non-person actor is the last word of a longer name ("Chuck Jordan")."""
    return (name is not None and actor.label_ != "Person" and len(name) > len(actor)
            and name.start < actor.start)


def _subject_of(cue: Token) -> Token | None:
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and not c.is_punct
                and c.text not in _DASHES]
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - cue.i))
    prev = cue.doc[cue.i - 1] if cue.i > 0 else None
    if cue.tag_ == "VBG" and prev is not None and prev.ent_type_ == "PERSON" and \
            prev.pos_ == "PROPN":
        return prev  # "footage of Lee asking, ..."
    for child in cue.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if cue.dep_ in ("conj", "xcomp", "advcl") and cue.head is not cue:
        return _subject_of(cue.head)
    return _participle_subject(cue)


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
            return _subject_of(head.head)
    if cue.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return _subject_of(head.head)
    return None


def _is_cue(token: Token) -> bool:
    return token.lemma_.lower() in SPEECH_VERBS and token.pos_ in ("VERB", "AUX")


def _leading_subject(window: list[Token], cue: Token) -> Token | None:
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


def _inverted_subject(cue: Token) -> Token | None:
    """Return the speaker written after the cue (``"...," said Charlie King``)."""
    doc = cue.doc
    j = cue.i + 1
    while j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
        j += 1
    if j >= len(doc) or doc[j].is_punct or doc[j].lower_ in _CLAUSE_OPENERS:
        return None
    token = doc[j]
    while token.dep_ in ("compound", "poss") and token.head.i > token.i:
        token = token.head
    k = token.i
    while k + 1 < len(doc) and doc[k + 1].pos_ in ("PROPN", "NOUN") and not doc[k + 1].is_punct:
        k += 1
    head = doc[k]
    return head if head.pos_ in ("PROPN", "NOUN", "PRON") else None


# --- direct quotes ----------------------------------------------------------------------------


@dataclass
class _Found:
    cue: Token | None = None
    subject: Token | None = None
    speaker_id: str | None = None
    description: str | None = None


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="contract")
    return list(span) if span is not None else []


def _attribution_after(doc: Doc, att: _Attributor, end: int) -> _Found | None:
    """Return the cue right after a closing mark (``"...," X said`` / ``said X``)."""
    text = doc_text(doc)
    stop = len(text)
    for mark in ("“", '"', "\n"):
        k = text.find(mark, end + 1, end + 200)
        if k != -1:
            stop = min(stop, k)
    window = _tokens_between(doc, end + 1, min(stop, end + 160))
    sent_end = None
    for t in window:
        if t.text in (".", "?", "!", ";") and t.i > window[0].i:
            sent_end = t.i
            break
    window = [t for t in window if sent_end is None or t.i < sent_end][:14]
    dash = _dash_speaker(doc, att, end)
    if dash is not None:
        return dash
    words = [t for t in window if not t.is_punct and not t.is_space]
    if words and words[0].lower_ in _SUBORDINATORS:
        return None  # '"...," when Kim blasted him': a clause of time, not an attribution
    if len(words) > 2 and words[0].lower_ == "according" and words[1].lower_ == "to":
        for t in words[2:7]:
            actor = att.actors.get(t.i)
            if actor is not None and actor.label_ in SPEAKER_TYPES and actor._.kg_entity:
                return _Found(None, t, actor._.kg_entity)
        return None
    for t in window:
        if not _is_cue(t) and not _puts_it(t):
            continue
        subject = _subject_of(t)
        inside = {w.i for w in window}
        if subject is not None and (subject.idx < end or subject.i not in inside):
            subject = None
        prev = t.doc[t.i - 1]
        if subject is None and prev.i in inside and prev.pos_ in ("PROPN", "NOUN", "PRON"):
            subject = prev
        lead = _leading_subject(window, t)
        if subject is None or (subject.i > t.i and lead is not None
                               and not _is_name_subject(subject, att)):
            subject = lead or subject
        if subject is None or (subject.i > t.i and _inverted_subject(t) is not None):
            subject = _inverted_subject(t) or subject
        if subject is not None and subject.idx > end:
            return _Found(t, subject)
    return None


def _puts_it(token: Token) -> bool:
    """Return True for the verb of ``as Lee put it``."""
    return token.lemma_.lower() == "put" and any(
        c.lower_ == "it" and c.dep_ in ("dobj", "obj") for c in token.children) and any(
        c.lower_ == "as" for c in token.children)


def _is_name_subject(token: Token, att: _Attributor) -> bool:
    """Return True when a token is a named actor or a proper noun ("says David Lee")."""
    actor = att.actors.get(token.i)
    return (actor is not None and actor.label_ in SPEAKER_TYPES) or (
        token.pos_ == "PROPN" and token.text[:1].isupper())


def _dash_speaker(doc: Doc, att: _Attributor, end: int) -> _Found | None:
    """Return the speaker of ``"..." ― Name`` (a name after a dash)."""
    m = re.match(r"\s*[" + _DASHES + r"]\s*", doc_text(doc)[end + 1:end + 6].replace("\xa0", " "))
    if m is None:
        return None
    tokens = _tokens_between(doc, end + 1 + m.end(), end + 1 + m.end() + 60)
    for t in tokens[:4]:
        actor = att.actors.get(t.i)
        if actor is not None and actor.label_ in SPEAKER_TYPES and actor._.kg_entity:
            return _Found(None, t, actor._.kg_entity)
    if tokens and tokens[0].pos_ == "PROPN":
        head = tokens[0]
        while head.i + 1 < len(doc) and doc[head.i + 1].pos_ == "PROPN" and \
                doc[head.i + 1].text[:1].isupper():
            head = doc[head.i + 1]
        name = _proper_name(head)
        if name is not None:
            person = att.person_for_name(name)
            if person is not None:
                return _Found(None, head, person)
    return None


def _attribution_before(doc: Doc, att: _Attributor, start: int) -> _Found | None:
    """Return the cue right before an opening mark (``X said, "..."``, ``X: "..."``)."""
    text = doc_text(doc)
    before = text[max(0, start - 300):start - 1]
    stripped = before.rstrip()
    if not stripped.endswith((",", ":")):
        return None
    tokens = _tokens_between(doc, max(0, start - 300), start - 1)
    while tokens and tokens[-1].is_space:
        tokens.pop()
    if not tokens:
        return None
    sent = att.sent_of(tokens[-1].i)
    tokens = [t for t in tokens if t.i >= sent.start]
    according = _according_to_before(doc, att, tokens)
    if according is not None:
        return according
    if "\n" in before[len(before) - (len(before) - len(stripped)):] and stripped.endswith(":"):
        tokens = tokens[-12:]
    for t in reversed(tokens):
        if t.text in ("”", '"') and t.i != tokens[-1].i:
            break
        if _is_cue(t):
            subject = _subject_of(t)
            if subject is not None and subject.idx < start:
                return _outer_speaker(_Found(t, subject), att, (start, start))
    if stripped.endswith(":"):
        labelled = _line_label_speaker(doc, att, max(0, start - 300) + len(stripped) - 1)
        if labelled is not None:
            return labelled
        i = tokens[-1].i - 1 if tokens[-1].text == ":" else tokens[-1].i
        while i >= 0 and doc[i].is_punct:
            i -= 1
        actor = att.actors.get(i)
        if actor is not None and actor._.kg_entity and actor.label_ in SPEAKER_TYPES:
            return _Found(None, doc[i], actor._.kg_entity)
        if i >= 0 and doc[i].pos_ == "VERB":
            subject = _subject_of(doc[i])
            if subject is not None and subject.i < i:
                return _Found(doc[i], subject)
        if i >= 0 and doc[i].pos_ == "PROPN":
            name = _proper_name(doc[i])
            if name is not None:
                person = att.person_for_name(name)
                if person is not None:
                    return _Found(None, doc[i], person)
        if i >= 0:
            return _introducing_subject(att, doc[i])
    return None


def _introducing_subject(att: _Attributor, last: Token) -> _Found | None:
    """Return the named subject of a sentence ending in a colon before a quote
    (``Lee made the following comment: "..."``, ``Lee swiped at Kim in tweets: "..."``)."""
    root = att.sent_of(last.i).root
    if root.pos_ not in ("VERB", "AUX") or root.i > last.i:
        return None
    subject = _subject_of(root)
    if subject is None or subject.i > last.i:
        return None
    actor = att.actors.get(subject.i)
    if (actor is not None and actor.label_ in SPEAKER_TYPES) or \
            subject.lower_ in _SINGULAR_PRONOUNS:
        return _Found(None, subject)
    return None


def _according_to_before(doc: Doc, att: _Attributor, tokens: list[Token]) -> _Found | None:
    """Return the source of ``according to X, "..."`` right before a quote."""
    words = [t for t in tokens[-8:] if not t.is_space]
    for k, t in enumerate(words[:-2]):
        if t.lower_ == "according" and words[k + 1].lower_ == "to":
            source = [w for w in words[k + 2:] if not w.is_punct]
            if not source or any(w.pos_ == "VERB" for w in source):
                return None
            return _Found(None, source[-1])
    return None


def _line_label_speaker(doc: Doc, att: _Attributor, colon: int) -> _Found | None:
    """Return the person opening a ``Name, Outlet: "..."`` line (the name before the comma)."""
    line_start = doc_text(doc).rfind("\n", 0, colon) + 1
    label = doc_text(doc)[line_start:colon]
    comma = label.find(",")
    if comma <= 0 or len(_words(label)) > 12 or len(_words(label[:comma])) > 4:
        return None
    tokens = _tokens_between(doc, line_start, line_start + comma)
    for t in tokens:
        actor = att.actors.get(t.i)
        if actor is not None and actor.label_ == "Person" and actor._.kg_entity:
            return _Found(None, t, actor._.kg_entity)
    if tokens and tokens[-1].pos_ == "PROPN":
        name = _proper_name(tokens[-1])
        if name is not None and len(name) >= 2:
            person = att.person_for_name(name)
            if person is not None:
                return _Found(None, tokens[-1], person)
    return None


def _governing_cue(span: Span, att: _Attributor) -> _Found | None:
    """Return the speech verb a partial quote hangs from (``called the talks "productive"``)."""
    quote = (span.start_char, span.end_char)
    roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head is t]
    for root in roots[:3]:
        node = root
        for _ in range(8):
            if node.head is node:
                break
            node = node.head
            if quote[0] <= node.idx < quote[1]:
                continue
            owner = _speech_noun_owner(node, att)
            if owner is not None:
                return _Found(None, owner)
            if _is_cue(node) or _frames_quote(node):
                subject = _subject_of(node)
                if subject is not None and not quote[0] <= subject.idx < quote[1]:
                    return _outer_speaker(_Found(node, subject), att, quote)
    return None


def _frames_quote(token: Token) -> bool:
    """Return True for a verb that frames a partial quote without being a speech verb
    (``attacked "..."``, ``went on about "..."``)."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    if lemma in QUOTE_FRAMING_VERBS:
        return True
    return lemma == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in token.children)


def _speech_noun_owner(node: Token, att: _Attributor) -> Token | None:
    """Return the owner of a speech noun over a partial quote (``Lee's claim that "..."``)."""
    if node.pos_ != "NOUN" or node.lemma_.lower() not in SPEECH_NOUNS:
        return None
    for child in node.children:
        if child.dep_ == "poss":
            actor = att.actors.get(child.i)
            if actor is not None and actor.label_ in SPEAKER_TYPES and actor._.kg_entity:
                return child
    return None


def _outer_speaker(found: _Found, att: _Attributor, quote: tuple[int, int]) -> _Found:
    """Return the outermost named speaker of nested speech (``Lee said Kim called it "..."``
    → Lee: the quote is reported within Lee's words; not across a clause of time only, as in
    ``as Kim went on about "...", Lee said yes``)."""
    node = found.cue
    reported = False
    while node is not None and node.head.i != node.i:
        reported = reported or node.dep_ not in ("advcl", "conj")
        node = node.head
        if in_ranges(node.idx, node.idx + 1, node.doc._.kg_quoted):
            break  # a parse running through the quote's own words
        if not reported or not _is_cue(node):
            continue
        subject = _subject_of(node)
        between = node.doc[min(node.i, found.cue.i):max(node.i, found.cue.i)]
        if subject is not None and not quote[0] <= subject.idx < quote[1] and \
                _is_name_subject(subject, att) and not any(t.text == ")" for t in between):
            found = _Found(node, subject)
    return found


def _nearest_cue(span: Span, att: _Attributor) -> _Found | None:
    """Return the nearest speech verb with a subject in the sentences the quote touches."""
    start, end = span.start_char, span.end_char
    first = att.sent_of(span.start)
    last = att.sent_of(span.end - 1)
    lo, hi = first.start, last.end
    nxt = att.sent_of(hi) if hi < len(span.doc) else None
    if nxt is not None and nxt.start == hi and len(nxt) <= 12 and \
            "\n" not in doc_text(span.doc)[end:nxt.start_char] and nxt[0].text not in _OPEN:
        hi = nxt.end
    candidates = [t for t in span.doc[lo:hi] if _is_cue(t) and not start <= t.idx < end]
    candidates.sort(key=lambda t: (t.tag_ in ("VBG", "VBN") and t.dep_ != "ROOT",
                                   min(abs(t.idx - start), abs(t.idx - end))))
    for cue in candidates:
        subject = _subject_of(cue)
        if subject is not None and not start <= subject.idx < end:
            return _Found(cue, subject)
    return None


def _resolve(found: _Found, att: _Attributor, quote: tuple[int, int]) -> _Found:
    if found.speaker_id is None and found.subject is not None:
        found.speaker_id, found.description = att.speaker(found.subject, quote[0], quote)
    return found


def _attribute(doc: Doc, att: _Attributor, group: tuple[QuoteSpan, ...],
               span: Span) -> _Found:
    """Return cue and speaker of one quote (a group of split parts)."""
    first, last = group[0], group[-1]
    quote = (first.start, last.end)
    if len(group) > 1:
        gap = _tokens_between(doc, first.end + 1, group[1].start - 1)
        for t in gap:
            if _is_cue(t):
                subject = _subject_of(t) or _inverted_subject(t)
                if subject is not None and subject.i in {g.i for g in gap}:
                    return _resolve(_Found(t, subject), att, quote)
    tail = doc_text(doc)[last.end:last.end + 3]
    ends_open = doc_text(doc)[last.start:last.end].rstrip().endswith((",", "?", "!", "—", "–"))
    order = [_attribution_before, _attribution_after]
    if ends_open or not tail.startswith(("”", '"')):
        order.reverse()
    if not ends_open and _starts_mid_sentence(doc_text(doc), first.start):
        found = _governing_cue(span, att)
        if found is not None:
            found = _resolve(found, att, quote)
            if found.speaker_id is not None:
                return found
    described: _Found | None = None  # an unnamed speaker, kept unless a named one turns up
    for finder in order:
        pos = first.start if finder is _attribution_before else last.end
        found = finder(doc, att, pos)
        if found is not None:
            found = _resolve(found, att, quote)
            if found.speaker_id is not None:
                return found
            if found.description is not None and described is None:
                described = found
    named = None if described is not None else _layout_speaker(doc, att, group)
    if named is not None:
        return named
    for finder2 in (_governing_cue, _nearest_cue):
        found = finder2(span, att)
        if found is not None:
            found = _resolve(found, att, quote)
            if found.speaker_id is not None or described is None:
                return found
    return described or _Found()


_LINE_END_DASH = re.compile(r"[”\"]\s*[―—–]\s*[A-Z][^\n“”\"]{1,60}$")
#: ``Name Surname, description.`` opening a line (2-4 capitalised words, then a comma).
_NAME_LINE = re.compile(r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3},")


def _line_end_dash(doc: Doc, att: _Attributor, end: int) -> _Found | None:
    """Return the author of a social-post line ending ``...” ― Name`` (the quote may stop at
    an inner quote mark before the line's end)."""
    text = doc_text(doc)
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    m = _LINE_END_DASH.search(text, end, line_end)
    if m is None or text[line_end - 1:line_end] == ":":
        return None
    return _dash_speaker(doc, att, m.start())


def _next_line_author(doc: Doc, att: _Attributor, end: int) -> _Found | None:
    """Return the person named on the line after a quote (``"..."`` then ``Name, a scholar.``)."""
    text = doc_text(doc)
    gap = text[end:end + 4]
    m = re.match(r"[”\"]?[ \t]*\n[ \t]*", gap + text[end + 4:end + 12])
    if m is None:
        return None
    line_start = end + m.end()
    line_end = text.find("\n", line_start)
    line = text[line_start:len(text) if line_end == -1 else line_end]
    name = _NAME_LINE.match(line)
    if name is None or len(_words(line)) > 25 or not line.rstrip().endswith((".", '."', ".”")):
        return None
    tokens = [t for t in _tokens_between(doc, line_start, line_start + name.end() - 1)]
    actor = next((att.actors[t.i] for t in tokens if t.i in att.actors), None)
    if actor is not None and actor.label_ == "Person" and actor._.kg_entity and \
            not any(_is_cue(t) or t.pos_ == "VERB" for t in doc[actor.end:actor.end + 1]):
        return _Found(None, doc[actor.start], actor._.kg_entity)
    return None


def _previous_sentence_speaker(doc: Doc, att: _Attributor, start: int) -> _Found | None:
    """Return who speaks in the sentence right before a quote that opens a new sentence.

    ``"...," Lee said to the group. "Next part."`` and ``Lee, a nurse, chimed in. "..."``:
    the same paragraph, a finished sentence with a speech verb (else its subject, when a
    person does something) and then the quote.
    """
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start - 1].rstrip()
    if len(before) < 2 or before[-1] not in ".?!" or before[-2] in _CLOSE_MARKS:
        return None
    tokens = [t for t in _tokens_between(doc, line_start, start - 1) if not t.is_space]
    if not tokens:
        return None
    sent = att.sent_of(tokens[-1].i)
    lo = max(sent.start, tokens[0].i)
    quoted = doc._.kg_quoted
    words = [t for t in doc[lo:sent.end] if not in_ranges(t.idx, t.idx + 1, quoted)]
    cues = sorted((t for t in words if _is_cue(t)), key=lambda t: t.dep_ != "ROOT")
    for cue in cues:
        subject = _subject_of(cue) or _inverted_subject(cue)
        if subject is None and cue.i > lo and _is_name_subject(doc[cue.i - 1], att):
            subject = doc[cue.i - 1]
        if subject is not None and subject.i >= lo and not in_ranges(subject.idx,
                                                                      subject.idx + 1, quoted):
            return _Found(cue, subject)
    root = sent.root
    subject = _subject_of(root) if root.pos_ in ("VERB", "AUX") and root.i >= lo else None
    if subject is not None and subject.i >= lo:
        actor = att.actors.get(subject.i)
        if (actor is not None and actor.label_ == "Person") or \
                subject.lower_ in _SINGULAR_PRONOUNS:
            return _Found(None, subject)
    return None


def _layout_speaker(doc: Doc, att: _Attributor, group: tuple[QuoteSpan, ...]) -> _Found | None:
    """Return a named speaker from the lines and sentence around a quote with no attribution
    next to its marks: ``― Name`` ending the line, a ``Name, description.`` line after it,
    the speaker of the sentence just before it."""
    first, last = group[0], group[-1]
    quote = (first.start, last.end)
    for finder in (_line_end_dash, _next_line_author):
        found = finder(doc, att, last.end)
        if found is not None:
            return found
    inner = doc_text(doc).rfind("\n", first.start, last.end)
    if inner != -1:  # the author's line swallowed by the quote: "...\nName, a scholar."
        found = _next_line_author(doc, att, inner)
        if found is not None:
            return found
    found = _previous_sentence_speaker(doc, att, first.start)
    if found is not None:
        found = _resolve(found, att, quote)
        if found.speaker_id is not None:
            return found
    return None


def _starts_mid_sentence(text: str, start: int) -> bool:
    """Return True when a quote opens inside a sentence (``called Ohio "..."``)."""
    before = text[max(0, start - 40):start - 1]
    line = before.rsplit("\n", 1)[-1].rstrip()
    return bool(_words(line)) and not line.endswith((".", "?", "!", ":", ",", "”", '"'))


def _about_ids(doc: Doc, start: int, end: int, exclude: str | None,
               spans: list[Span] | None = None) -> tuple[str, ...]:
    seen: list[str] = []
    for span in spans if spans is not None else doc.spans.get(ACTORS_KEY, []):
        if start <= span.start_char < end and span._.kg_entity not in (exclude, None):
            if span._.kg_entity not in seen:
                seen.append(span._.kg_entity)
    return tuple(seen)


def _object_actor_ids(cue: Token, attributor: _Attributor) -> list[str]:
    ids: list[str] = []
    for child in cue.children:
        if child.dep_ in ("dobj", "obj", "dative") or (
            child.dep_ == "prep" and child.lower_ in ("of", "on", "against", "about")
        ):
            for t in child.subtree:
                if t.dep_ in ("ccomp", "pcomp", "relcl", "acl") or t.text in ("“", '"'):
                    break
                actor = attributor.actors.get(t.i)
                if actor is not None and actor._.kg_entity and actor._.kg_entity not in ids \
                        and actor.label_ != "Place":
                    ids.append(actor._.kg_entity)
    return ids


def _stances(cue_lemma: str | None, targets: list[str]) -> tuple[tuple[str, str], ...]:
    if cue_lemma in NEGATIVE_CUES:
        return tuple((t, "negative") for t in targets)
    if cue_lemma in POSITIVE_CUES:
        return tuple((t, "positive") for t in targets)
    return ()


def _statement_groups(doc: Doc) -> list[tuple[QuoteSpan, ...]]:
    marks = _quote_marks(doc_text(doc))
    doc._.kg_quoted = [(q.start, q.end) for q in marks]
    junk = doc._.kg_junk
    kept = []
    for q in marks:
        text = doc_text(doc)[q.start:q.end]
        if not text.strip() or in_ranges(q.start, q.end, junk):
            continue
        if not q.open_ended and (is_scare_quote(text) or is_work_title(text)):
            continue
        kept.append(q)
    return merge_split_quotes(doc_text(doc), kept)


def direct_quotes(doc: Doc, attributor: _Attributor) -> list[StatementInfo]:
    """Return direct quotes of ``doc`` with speaker, cue, about and stance."""
    found: list[StatementInfo] = []
    open_ended: list[bool] = []
    actor_spans = list(doc.spans.get(ACTORS_KEY, []))
    for group in _statement_groups(doc):
        start, end = group[0].start, group[-1].end
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        result = _attribute(doc, attributor, group, span)
        speaker_id, description = result.speaker_id, result.description
        if speaker_id is None and description is None and found:
            previous = found[-1]
            if open_ended[-1] or start - previous.end < 400:
                speaker_id, description = previous.speaker_id, previous.speaker_description
        cue = result.cue
        cue_lemma = cue.lemma_.lower() if cue is not None else None
        objects = [o for o in (_object_actor_ids(cue, attributor) if cue is not None else [])
                   if o != speaker_id]
        about: list[str] = list(objects)
        for q in group:
            about += _about_ids(doc, q.start, q.end, speaker_id, actor_spans)
        parts = tuple((q.start, q.end) for q in group)
        text = " ".join(doc_text(doc)[s:e].strip() for s, e in parts)
        found.append(StatementInfo(
            "direct", start, end, speaker_id, description,
            cue.text if cue is not None else None, cue_lemma,
            tuple(a for a in dict.fromkeys(about) if a != speaker_id),
            _stances(cue_lemma, objects), parts if len(parts) > 1 else (), text))
        open_ended.append(group[-1].open_ended)
    _fill_open_ended_speakers(found, open_ended)
    return found


def _fill_open_ended_speakers(found: list[StatementInfo], open_ended: list[bool]) -> None:
    """Give a multi-paragraph quote's unattributed paragraphs the speaker of a later one."""
    for i in range(len(found) - 2, -1, -1):
        s, nxt = found[i], found[i + 1]
        if open_ended[i] and s.speaker_id is None and nxt.speaker_id is not None:
            found[i] = StatementInfo(s.kind, s.start, s.end, nxt.speaker_id, None, nxt.cue,
                                     nxt.cue_lemma, tuple(a for a in s.about_ids
                                                          if a != nxt.speaker_id),
                                     s.stances, s.parts, s.text)


# --- reported speech ----------------------------------------------------------------------------


def reported_speech(doc: Doc, attributor: _Attributor,
                    direct: list[StatementInfo]) -> list[StatementInfo]:
    """Return reported statements: "X said that ...", "according to X", "X accused Y of ..."."""
    found: list[StatementInfo] = []
    quoted = [(d.start, d.end) for d in direct]
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
    """Return the reported content of a cue: its clause, or ``of``/``for`` + what follows."""
    lemma = cue.lemma_.lower()
    for child in cue.children:
        tokens: list[Token] = []
        if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and child.i > cue.i):
            tokens = list(child.subtree)
            tokens = [t for t in tokens if not (t.dep_ == "mark" and t.i == tokens[0].i)]
        elif child.dep_ == "prep" and child.lower_ in CONTENT_PREPS.get(lemma, ()):
            tokens = [t for t in child.subtree if t.i != child.i]
            if len([t for t in tokens if not t.is_punct]) < 3:
                continue
        if tokens:
            while tokens and tokens[-1].is_punct:
                tokens.pop()
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
    objects = [o for o in objects if o != speaker_id]
    if content is None:
        content = _object_content(token)
        if content is None:
            return None
    start, end = content
    text = doc_text(attributor.doc)[start:end].strip()
    if len(_words(text)) < 2:
        return None
    about = tuple(dict.fromkeys([*objects, *_about_ids(attributor.doc, start, end, speaker_id)]))
    return StatementInfo("reported", start, end, speaker_id, description, token.text, lemma,
                         about, _stances(lemma, objects), (), text)


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


def _according_to(token: Token, attributor: _Attributor,
                  quoted: list[tuple[int, int]]) -> StatementInfo | None:
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
    if len(_words(text)) < 3 or in_ranges(start, end, quoted):
        return None
    lead = len(doc_text(token.doc)[start:end]) - len(doc_text(token.doc)[start:end].lstrip(" ,\n"))
    start, end = start + lead, start + lead + len(text)
    speaker = actor._.kg_entity
    about = _about_ids(token.doc, start, end, speaker)
    return StatementInfo("reported", start, end, speaker, None, "according to", "according to",
                         about, (), (), text)


def find_statements(doc: Doc) -> list[StatementInfo]:
    """Return the direct and reported statements of ``doc`` in text order."""
    attributor = _Attributor(doc)
    direct = direct_quotes(doc, attributor)
    reported = reported_speech(doc, attributor, direct)
    attributor.commit()
    return sorted(direct + reported, key=lambda s: s.start)


@Language.component("kg_quotes", assigns=["doc._.kg_statements", "doc._.kg_quoted"],
                    requires=["doc._.kg_entities", "doc._.kg_roles"])
def quotes_component(doc: Doc) -> Doc:
    """Find statements and their speakers."""
    doc._.kg_statements = find_statements(doc)
    return doc
