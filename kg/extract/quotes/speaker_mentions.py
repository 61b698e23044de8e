"""Speaker names NER missed: :class:`SpeakerMentions` adds the actor mentions a speaker's
name needs (a person, an organisation) and takes out the ones a longer name swallows, then
writes them back to the document's actor spans in :meth:`SpeakerMentions.commit`."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.ablation import rule
from kg.extract.actor_junk import title_phrase
from kg.extract.actors import ACTORS_KEY, actor_index
from kg.lexicon.organisations import BODY_HEADS, ORG_NAME_SUFFIXES
from kg.lexicon.people import (
    ADDRESS_STYLES,
    HONORIFICS,
    STYLE_HONORIFICS,
    TITLE_ABBREVIATIONS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
)
from kg.model import entity_id

HONORIFIC_STEMS = frozenset({"mr", "ms", "mrs", "dr"})
#: Words of titles, ranks and styles of address: a name made of them alone names nobody.
_TITLE_ONLY_WORDS = TITLE_WORDS | TITLE_MODIFIERS | HONORIFICS | ADDRESS_STYLES | frozenset(
    TITLE_ABBREVIATIONS) | frozenset(w for style in STYLE_HONORIFICS for w in style)


@rule("title_alone_no_speaker")
def is_title_alone(name: str) -> bool:
    """Return True for an actor named by a title, rank or style of address alone
    ("Coordinating Minister", "Excellency", "Major General", "Counsel"): it names nobody, so
    it speaks for no one; the person named beside it does (``Counsel for Lee, Ana Roe, told
    the court``: Ana Roe).

    >>> is_title_alone("Coordinating Minister"), is_title_alone("Minister Ana Roe")
    (True, False)
    """
    words = name.lower().split()
    return bool(words) and all(w in _TITLE_ONLY_WORDS for w in words)


class SpeakerMentions:
    """The article's actor mentions by token, and the ones added or dropped for speakers.

    On "Ana Roe said ..." with NER missing her, ``person_for_name(doc[0:2])`` returns the
    new actor's id, ``person/ana-roe``; ``commit()`` then writes the mention to
    ``doc.spans[ACTORS_KEY]``, where the builder reads it.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        #: Actor mentions by token, without the ones naming a title alone (no speakers).
        self.actors = actor_index(doc)
        self.titles = {i for i, span in self.actors.items() if is_title_alone(span.text)}
        for i in self.titles:
            del self.actors[i]
        self.entities = doc._.kg_entities
        self.roles = doc._.kg_roles
        self.added: list[Span] = []
        #: Actor mentions that turned out to be words of a longer name.
        self.dropped: list[Span] = []

    def add_entity(self, type_: str, name: str, country_code: str | None = None) -> str:
        """Return the id of the article's actor ``name`` of ``type_``, adding it when new."""
        from kg.extract.resolve import EntityInfo  # resolve imports the quote components

        id_ = entity_id(type_, name)
        if id_ not in self.entities:
            self.entities[id_] = EntityInfo(id_, name, type_, country_code)
        return id_

    def person_for_name(self, name: Span) -> str | None:
        """Return the person a proper name stands for, adding a Person actor NER missed."""
        if is_title_alone(name.text):
            return None
        if any(self.actors.get(t.i) is not None and self.actors[t.i].label_ == "Person"
               for t in name):
            return next(self.actors[t.i]._.kg_entity for t in name
                        if t.i in self.actors and self.actors[t.i].label_ == "Person")
        words = [t.text for t in name]
        surname = words[-1].lower()
        for id_, info in reversed(list(self.entities.items())):
            if info.type == "Person" and info.name.split()[-1].lower() == surname and \
                    not is_title_alone(info.name):
                self._add_mention(name, id_)
                return id_
        if len(words) < 2 and not after_honorific(name):
            return None
        name = self._person_part(name)
        if name is None or (len(name) < 2 and not after_honorific(name)):
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
        if len(name) != 1 or is_title_alone(name.text) or name[0].ent_type_ in (
                "GPE", "LOC", "DATE", "TIME", "FAC") or name[0].text in BODY_HEADS or \
                title_phrase(name):
            return None  # "The Ministry said": a description, no name; "The CS said": a title
        known = self._actor_named(name.text)
        if known is not None and known.type in ("Organization", "Group"):
            # "RDR said", with "the RDR" an organisation of the article: one actor, one type
            self._add_mention(name, known.id, known.type)
            return known.id
        type_ = "Organization" if name[0].ent_type_ in ("ORG", "NORP") else "Person"
        if type_ == "Person":
            return self._add_person(name)
        id_ = self.add_entity(type_, name.text)
        self._add_mention(name, id_, type_)
        return id_

    def organization_for_name(self, name: Span) -> str:
        """Return the organisation a proper name stands for ("Priorities USA Action"), adding
        it when the article has no actor written so."""
        known = self._actor_named(name.text)
        if known is not None and known.type in ("Organization", "Group"):
            self._add_mention(name, known.id, known.type)
            return known.id
        id_ = self.add_entity("Organization", name.text)
        self._drop_mentions_inside(name)
        self._add_mention(name, id_, "Organization")
        return id_

    def _drop_mentions_inside(self, name: Span) -> None:
        """Take the actor mentions inside ``name`` out of the article ("USA" inside
        "Priorities USA Action" is no mention of the country)."""
        for span in {id(s): s for i in range(name.start, name.end)
                     if (s := self.actors.get(i)) is not None}.values():
            self.dropped.append(span)
            for i in range(span.start, span.end):
                self.actors.pop(i, None)
            info = self.entities.get(span._.kg_entity or "")
            if info is not None and info.surface[span.text] > 0:
                info.surface[span.text] -= 1
                if info.surface[span.text] == 0:
                    del info.surface[span.text]

    def _actor_named(self, text: str):
        """Return the article's actor written ``text`` (name or mention), or ``None``."""
        return next((info for info in self.entities.values()
                     if info.name == text or text in info.surface), None)

    def _add_person(self, name: Span) -> str:
        id_ = self.add_entity("Person", " ".join(t.text for t in name))
        self._add_mention(name, id_)
        return id_

    def _add_mention(self, name: Span, id_: str, label: str = "Person") -> None:
        if any(i in self.actors or i in self.titles for i in range(name.start, name.end)):
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
        """Store the mentions added for speakers in the document's actor spans, without the
        ones a longer name took in; an actor left with no mention and no role is dropped."""
        if not self.added and not self.dropped:
            return
        group = self.doc.spans.get(ACTORS_KEY)
        dropped = {(s.start, s.end) for s in self.dropped}
        spans = [s for s in (group if group is not None else [])
                 if (s.start, s.end) not in dropped]
        self.doc.spans[ACTORS_KEY] = sorted(spans + self.added, key=lambda s: s.start)
        kept = {s._.kg_entity for s in self.doc.spans[ACTORS_KEY]}
        held = {r.person_id for r in self.roles} | {r.of_id for r in self.roles}
        for span in self.dropped:
            id_ = span._.kg_entity
            if id_ and id_ not in kept and id_ not in held:
                self.entities.pop(id_, None)


def after_honorific(name: Span) -> bool:
    """Return True when a name follows Mr./Ms./Mrs./Dr. (so it is a person's surname)."""
    return name.start > 0 and name.doc[name.start - 1].lower_.rstrip(".") in HONORIFIC_STEMS
