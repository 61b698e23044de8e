"""Speakers: the :class:`Attributor` that resolves the subject of a speech verb to a named
actor (pronouns, roles, descriptions, appositions, names NER missed), and grammar helpers."""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from kg.ablation import rule
from kg.extract.actors import ACTORS_KEY
from kg.extract.governments import government_of
from kg.extract.knowledge import given_name_gender
from kg.extract.quotes.cues import is_cue, subject_of
from kg.extract.quotes.offsets import ActorOffsets, Ranges
from kg.extract.quotes.speaker_mentions import HONORIFIC_STEMS, SpeakerMentions
from kg.lexicon.people import (
    DESCRIPTION_HEADS,
    HONORIFICS,
    PERSON_NOUNS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
)
from kg.lexicon.speech import DOCUMENT_NOUNS, PERSON_PRONOUNS, SPOKESPERSON_NOUNS

#: Actor types that can say something.
SPEAKER_TYPES = frozenset({"Person", "Organization", "Country", "Group"})
#: Pronouns that stand for one person (resolved to the last person named).
_SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her"})
_RELATIVE = frozenset({"who", "which", "that"})
#: Determiners of a description that introduces someone new ("a spokesman", "another aide").
_INDEFINITE = frozenset({"a", "an", "another", "one"})
#: Words opening a clause after a cue (``noting that ...``): no speaker follows them.




def sure_given_name_gender(word: str) -> str | None:
    """Return the gender of a name's first word when it surely is a given name."""
    return None if is_short_name_word(word) else given_name_gender(word)


@rule("short_names_unsure")
def is_short_name_word(word: str) -> bool:
    """Return True for a name's first word of two letters: it opens many names as a particle
    ("Al Hajri", "El Amrani", "Ul Haq") as often as it is a short given name ("Al", "Ed"),
    so it says nothing of gender (``Wadha Al Hajri``, cut to "Al Hajri", is no man for "she
    said")."""
    return len(word) <= 2


class Attributor:
    """Finds the speaker of quotes and reported speech in one document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        #: The actor mentions, with the ones added for speakers NER missed.
        self.names = SpeakerMentions(doc)
        self.actors = self.names.actors
        self.entities = self.names.entities
        self.roles = self.names.roles
        self.sents = list(doc.sents)
        self.sent_starts = [s.start for s in self.sents]
        self.person_mentions = sorted(
            (s for s in doc.spans.get(ACTORS_KEY, []) if s.label_ == "Person"
             and s.start not in self.names.titles),
            key=lambda s: s.start)
        self.person_starts = [s.end_char for s in self.person_mentions]
        #: Actor mentions as found before attribution (the ones it adds do not count).
        self.actor_offsets = ActorOffsets(doc.spans.get(ACTORS_KEY, []))
        self._quoted: tuple[list[tuple[int, int]], Ranges] | None = None

    @property
    def quoted(self) -> Ranges:
        """Return ``doc._.kg_quoted`` (the text inside quote marks) as :class:`Ranges`."""
        current = self.doc._.kg_quoted
        if self._quoted is None or self._quoted[0] is not current:
            self._quoted = (current, Ranges(current))
        return self._quoted[1]

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

    def last_person_before(self, char: int, exclude: tuple[int, int] | None = None,
                           pronoun: str | None = None) -> str | None:
        """Return the entity id of the last person named before ``char`` (outside ``exclude``)
        that a ``pronoun`` can stand for ("she" not for a man's given name): the speaker of a
        cue in the last two sentences first, then a subject, then the last one named."""
        k = bisect_right(self.person_starts, char)
        quoted = self.quoted
        gender = {"he": "male", "him": "male", "she": "female", "her": "female"}.get(
            pronoun or "")
        candidates = [s for s in self.person_mentions[max(0, k - 8):k]
                      if not (exclude and exclude[0] <= s.start_char < exclude[1])
                      and not quoted.overlaps(s.start_char, s.end_char)
                      and not self._other_gender(s, gender)]
        if not candidates:
            return None
        last = candidates[-1]
        recent = self.sent_of(last.start).start
        previous = self.sent_of(max(0, recent - 1)).start
        window = [s for s in reversed(candidates) if s.start >= previous]
        for span in window:
            if _subject_token(span).dep_ == "nsubj" and is_cue(_subject_token(span).head):
                return span._.kg_entity
        for span in window:
            if _subject_token(span).dep_ in ("nsubj", "nsubjpass"):
                return span._.kg_entity
        return last._.kg_entity

    def _other_gender(self, span: Span, gender: str | None) -> bool:
        """Return True when a person's given name is of the other gender than ``gender``."""
        info = self.entities.get(span._.kg_entity or "")
        if gender is None or info is None or " " not in info.name:
            return False
        found = sure_given_name_gender(info.name.split()[0])
        return found is not None and found != gender

    def by_role(self, subject: Token) -> str | None:
        """Return the person whose role matches a description ("the Kremlin spokesman")."""
        if subject.lower_ not in TITLE_WORDS or _is_indefinite(subject):
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
        if subject.lower_ in _RELATIVE and subject.head.dep_ == "relcl":
            subject = subject.head.head
        if subject.lower_ in PERSON_PRONOUNS or subject.lower_ in ("it", "you", "this", "that"):
            if subject.lower_ in _SINGULAR_PRONOUNS:
                return self.last_person_before(before_char, quote, subject.lower_), None
            return None, None
        actor = self.actors.get(subject.i)
        named = self.person_before_cue(subject)
        if named is not None:
            return named, None
        government = self.government_speaker(actor, subject)
        if government is not None:
            return government
        name = _proper_name(subject)
        if actor is not None and actor._.kg_entity is not None:
            if actor.label_ == "Person" or (
                actor.label_ in SPEAKER_TYPES and not _is_person_name_around(actor, name)
            ):
                return actor._.kg_entity, None
        if name is not None:
            person = self.names.person_for_name(name)
            if person is not None:
                return person, None
        desc = _description(subject)
        named = self.appositive_name(subject) or self.title_holder(subject)
        if named is not None:
            return named, None if name is not None else desc
        if name is not None and actor is None:
            named = self.names.actor_for_single_name(name)
            if named is not None:
                return named, None
        role_person = self.by_role(subject) or self.by_description(subject)
        if role_person is not None:
            return role_person, desc
        owner = self.owner_of(subject) or self.statement_issuer(subject, before_char, quote)
        if owner is not None:
            return owner, desc
        modifier = actor or self.actor_for(subject)
        if name is not None and actor is None and _names_around(name, modifier):
            return self.names.organization_for_name(name), None
        person_noun = subject.lower_ in TITLE_WORDS or subject.lemma_.lower() in PERSON_NOUNS
        if modifier is not None and modifier._.kg_entity is not None and \
                modifier.label_ in SPEAKER_TYPES and modifier.label_ != "Person" and \
                not person_noun:
            return modifier._.kg_entity, desc if modifier.root.i != subject.i else None
        return None, desc

    @rule("speaker_before_cue", off=None)
    def person_before_cue(self, subject: Token) -> str | None:
        """Return the person named right before the cue of a subject that is not that person
        (``Acme spokesperson Ana Roe said``, ``Managing Director and CEO Ana Roe said``,
        ``10:20 — Gen. Ana Roe wrote``): the name next to the verb is who speaks, not the
        employer, title or time opening the phrase; not after "for" or "of" (``a lawyer for
        Ana Roe said``: her lawyer speaks)."""
        cue = subject.head
        if cue.i <= subject.i or not is_cue(cue):
            return None
        person = self.actors.get(cue.i - 1)
        if person is None or person.label_ != "Person" or not person._.kg_entity or \
                person.start <= subject.i or person.end != cue.i:
            return None
        before = self.doc[person.start - 1]
        if before.pos_ in ("ADP", "CCONJ") or before.is_punct and before.text not in "-–—" or \
                any(t.pos_ in ("VERB", "AUX") or t.lower_ in _RELATIVE
                    for t in self.doc[subject.i:person.start]):
            return None
        return person._.kg_entity

    def owner_of(self, subject: Token) -> str | None:
        """Return whose words a document or a spokesperson gives: the author of a document
        ("Lee's brief said" → Lee, "a Government Accountability Office report found" → the
        office) or the organisation of a spokesperson ("a Dow spokeswoman said", "a spokesman
        for Disney" → the company; a person's spokesperson is not that person) or of officials
        named with it ("officials at the agency"; not "Russian officials", nor "officials in
        Oslo")."""
        lemma = subject.lemma_.lower()
        if subject.pos_ != "NOUN" or lemma not in DOCUMENT_NOUNS | SPOKESPERSON_NOUNS | {
                "official"}:
            return None
        for actor in self._owners(subject, modifiers=lemma != "official"):
            if actor.label_ in SPEAKER_TYPES and actor._.kg_entity and (
                    lemma in DOCUMENT_NOUNS or actor.label_ != "Person"):
                return actor._.kg_entity
        return None

    @rule("statement_issuer", off=None)
    def statement_issuer(self, subject: Token, before_char: int,
                         quote: tuple[int, int] | None) -> str | None:
        """Return who put out the document a definite description names ("the statement
        said"): the speaker of the verb the article gives a document of that noun, in its
        sentence or the two before ("In a statement, Heritage said ...", "The minister, Ana
        Roe, said in a statement ...", "Acme issued a statement"); the document gives their
        words."""
        lemma = subject.lemma_.lower()
        phrase = _noun_phrase(subject)
        if subject.pos_ != "NOUN" or lemma not in DOCUMENT_NOUNS or not phrase or \
                phrase[0].lower_ != "the":
            return None
        start = self.sent_of(subject.i).start
        for _ in range(2):
            start = self.sent_of(start - 1).start if start > 0 else start
        for token in reversed(self.doc[start:subject.i]):
            if token.lemma_.lower() != lemma or any(c.dep_ == "det" and c.lower_ == "the"
                                                    for c in token.children):
                continue
            verb = token.head.head if token.dep_ == "pobj" else token.head
            issuer = subject_of(verb) if token.dep_ in ("pobj", "dobj") and \
                verb.pos_ in ("VERB", "AUX") else None
            if issuer is not None and issuer.i < subject.i:
                return self.speaker(issuer, before_char, quote)[0]
        return None

    def _owners(self, subject: Token, modifiers: bool = True) -> list[Span]:
        """Return the actors modifying a noun (``Lee's``, ``Dow``; unless not ``modifiers``) or
        named in its ``for`` / ``of`` / ``at`` / ``by`` phrase (``a spokesman for Disney``,
        ``a report by the office``)."""
        out = []
        for child in subject.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i in self.actors:
                if modifiers:
                    out.append(self.actors[child.i])
            elif child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "by"):
                out += [self.actors[g.i] for g in child.children
                        if g.dep_ == "pobj" and g.i in self.actors]
        return out

    def government_speaker(self, actor: Span | None,
                           subject: Token) -> tuple[str, str] | None:
        """Return (government id, surface form) when the subject of a cue is a capital or a
        seat of government ("Oslo warned" → Norway, "the Kremlin said" → Russia)."""
        if actor is None:
            return None
        government = government_of(actor.text, actor.label_)
        if government is None:
            return None
        id_ = self.names.add_entity(government.type, government.name, government.country_code)
        surface = " ".join(t.text for t in _noun_phrase(subject) if not t.is_punct)
        return id_, surface

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
        """Return the person named in apposition to a description ("Another critic, Tribe,"),
        also when the parse hangs the name on the description's own prepositional phrase
        ("His partner at Lenox, Lee Cummings,": a person beside a firm)."""
        for child in _appositions(subject):
            actor = self.actors.get(child.i)
            if actor is not None and actor.label_ == "Person" and actor._.kg_entity:
                return actor._.kg_entity
            name = _proper_name(child)
            if name is not None:
                person = self.names.person_for_name(name)
                if person is not None:
                    return person
        return None

    def title_holder(self, subject: Token) -> str | None:
        """Return the person named at the end of a title's ``of`` phrase ("Minister of
        Defence Valeri Geletei said", parsed as the minister of a name)."""
        if subject.lower_ not in TITLE_WORDS:
            return None
        for prep in (c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                actor = self.actors.get(pobj.i)
                if actor is not None and actor.label_ == "Person" and actor._.kg_entity:
                    return actor._.kg_entity
                name = _proper_name(pobj) if pobj.ent_type_ == "PERSON" else None
                if name is not None and len(name) >= 2:
                    return self.names.person_for_name(name)
        return None


def _subject_token(person: Span) -> Token:
    """Return the token that carries a person mention's role in its clause: the mention's
    root, or the title it names ("director" in "IMF director Ana Roe warned")."""
    root = person.root
    if root.dep_ in ("compound", "appos") and root.head.pos_ == "NOUN" and \
            root.head.lower_ in TITLE_WORDS | PERSON_NOUNS:
        return root.head
    return root


def _appositions(subject: Token) -> list[Token]:
    """Return the appositions of a subject and those of its prepositional objects when the
    subject is a person noun and the object is not (``partner at Lenox, Lee Cummings``)."""
    out = [c for c in subject.children if c.dep_ == "appos"]
    if subject.lemma_.lower() in PERSON_NOUNS | TITLE_WORDS | DESCRIPTION_HEADS:
        for prep in (c for c in subject.children if c.dep_ == "prep"):
            for pobj in (g for g in prep.children if g.dep_ == "pobj" and g.ent_type_ != "PERSON"):
                out += [a for a in pobj.children if a.dep_ == "appos" and a.ent_type_ == "PERSON"]
    return out


def _description(subject: Token) -> str | None:
    """Return the words of a speaker's noun phrase as written ("the Indiana governor",
    "Russia's foreign ministry", "the secretary of state"), kept beside the actor it is
    resolved to; relative clauses, appositions and other prepositional phrases left out."""
    tokens = [subject]
    for child in subject.children:
        if child.dep_ not in ("relcl", "appos", "acl", "punct", "prep") or (
                child.dep_ == "prep" and child.lower_ == "of"):
            tokens.extend(child.subtree)
    tokens = sorted((t for t in tokens if not (t.is_punct and t.text not in "'’-")),
                    key=lambda t: t.i)
    text = "".join(t.text_with_ws if k + 1 < len(tokens) and tokens[k + 1].i == t.i + 1
                   else t.text + " " for k, t in enumerate(tokens))
    return " ".join(text.split()) or None


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
            and start <= doc[start - 1].head.i <= token.i:
        start -= 1
    while start < token.i and (doc[start].lower_ in TITLE_WORDS or
                               doc[start].lower_ in HONORIFICS or doc[start].lower_ in
                               HONORIFIC_STEMS):
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


def _names_around(name: Span, inner: Span | None) -> bool:
    """Return True when a non-person actor is a word inside a longer proper name, after its
    first word ("USA" in "Priorities USA Action"): the name is an organisation's, not the
    country's ("US State Department", with the country first, stays a modifier)."""
    return inner is not None and inner.label_ != "Person" and \
        name.start < inner.start and inner.end <= name.end and len(name) > len(inner)


def _is_indefinite(noun: Token) -> bool:
    """Return True for a noun with an indefinite determiner ("a spokesman", "another aide")."""
    return any(c.dep_ in ("det", "nummod") and c.lower_ in _INDEFINITE for c in noun.children)



def _is_person_name_around(actor: Span, name: Span | None) -> bool:
    """Return True when a non-person actor is the last word of a longer name ("Chuck Jordan")."""
    return (name is not None and actor.label_ != "Person" and len(name) > len(actor)
            and name.start < actor.start)
