"""Typed, frozen records passed between kg's stages.

ingest → :class:`Article`; extract → :class:`Extraction` (entities, roles, statements,
events, each carrying :class:`Mention` provenance); rdf / graph read these records.
``Extraction.to_json()`` is the published ``kg extract --format json`` contract: fields may be
added, never renamed or removed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

#: Actor types of the contract.
ACTOR_TYPES: tuple[str, ...] = ("Person", "Country", "Place", "Organization", "Plan", "Group",
                                 "Product")
#: Date precisions of the contract (``fuzzy``: no explicit date, the report date stands in).
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year", "fuzzy")
#: Statement kinds of the contract.
STATEMENT_KINDS: tuple[str, ...] = ("direct", "reported")


def slugify(text: str) -> str:
    """Return a lowercase ASCII slug for use in identifiers.

    >>> slugify("Volodymyr Zelenskyy")
    'volodymyr-zelenskyy'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "x"


def digest(*parts: object, length: int = 16) -> str:
    """Return a short stable hex digest of ``parts`` (deterministic ids from content)."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


def entity_id(type_: str, name: str) -> str:
    """Return the deterministic id of an actor: ``type/slug``.

    >>> entity_id("Person", "Marco Rubio")
    'person/marco-rubio'
    """
    return f"{type_.lower()}/{slugify(name)}"


@dataclass(frozen=True)
class Article:
    """One news article as read by ingest; ``published`` is an ISO date or ``None``.

    ``author``, ``site`` (the publisher's name) and ``language`` (ISO 639-1) come from the
    page's metadata when the input has them.
    """

    id: str
    title: str
    text: str
    published: str | None = None
    source: str = ""
    url: str | None = None
    author: str | None = None
    site: str | None = None
    language: str | None = None

    @staticmethod
    def make_id(source: str, text: str) -> str:
        """Return a stable article id derived from its source and text."""
        return "a" + digest(source, text, length=15)


@dataclass(frozen=True)
class Mention:
    """A span of article text: character offsets, sentence index and the text itself."""

    text: str
    start: int
    end: int
    sentence: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Entity:
    """An actor: one node per real-world person, country, place, organisation, plan, group or
    product (a named good, vehicle, device or software: "the iPhone 4", "Airbus A380")."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    country_code: str | None = None
    roles: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "mentions": [m.to_json() for m in self.mentions],
            "mention_count": len(self.mentions),
            "country_code": self.country_code,
            "roles": list(self.roles),
        }


@dataclass(frozen=True)
class Role:
    """A title held by a person, optionally of an organisation or country.

    "US Secretary of State Marco Rubio" → title "Secretary of State", of "country/united-states".
    """

    id: str
    person_id: str
    title: str
    of_id: str | None
    mention: Mention

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "person": self.person_id,
            "title": self.title,
            "of": self.of_id,
            "mention": self.mention.to_json(),
        }


@dataclass(frozen=True)
class Stance:
    """The polarity a statement takes toward one actor (``negative`` / ``positive``)."""

    target_id: str
    polarity: str


@dataclass(frozen=True)
class Statement:
    """A direct quote or reported speech with its speaker (a named actor or ``None``)."""

    id: str
    quote: str
    kind: str
    speaker: str | None
    speaker_id: str | None
    cue: str | None
    date: str | None
    date_precision: str | None
    about: tuple[str, ...]
    about_ids: tuple[str, ...]
    mention: Mention
    sentence_text: str
    speaker_description: str | None = None
    stances: tuple[Stance, ...] = ()
    #: ``asserted``, ``negated``, ``planned`` or ``hypothetical``: what the content says of
    #: its own clause ("Moscow would never accept" is ``negated``).
    modality: str = "asserted"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "quote": self.quote,
            "speaker": self.speaker,
            "kind": self.kind,
            "date": self.date,
            "about": list(self.about),
            "speaker_id": self.speaker_id,
            "speaker_description": self.speaker_description,
            "cue": self.cue,
            "date_precision": self.date_precision,
            "about_ids": list(self.about_ids),
            "stances": [asdict(s) for s in self.stances],
            "start": self.mention.start,
            "end": self.mention.end,
            "sentence": self.mention.sentence,
            "sentence_text": self.sentence_text,
            "modality": self.modality,
        }


@dataclass(frozen=True)
class Participant:
    """An actor taking part in an event, with its role (agent, target or participant)."""

    entity_id: str
    name: str
    role: str = "participant"


@dataclass(frozen=True)
class Event:
    """A dated happening: ISO date with precision, type, participants, places and provenance."""

    id: str
    date: str | None
    date_precision: str | None
    type: str
    label: str
    trigger: str
    participants: tuple[Participant, ...]
    places: tuple[Participant, ...]
    mention: Mention
    sentence_text: str
    date_text: str | None = None
    #: Where the date comes from: ``text`` (a date expression of the event's sentence),
    #: ``context`` (the nearest dated sentence) or ``publication`` (the report date).
    date_basis: str | None = None
    #: Every span of the article that reports the event (merged sentences keep theirs).
    mentions: tuple[Mention, ...] = ()
    #: ``asserted`` (it happened), ``negated`` ("would not sign"), ``planned`` (future, a
    #: plan or goal, dated by its target), ``hypothetical`` (modal, conditional) or
    #: ``reported`` (the content of a report or claim: "reports that X paid").
    modality: str = "asserted"
    #: Whether this is the article's main event (its title or lede clause).
    main: bool = False
    #: 0–1: how sure kg is that this is a real happening; below 0.5 a candidate that pages and
    #: example queries leave out.
    confidence: float = 1.0
    #: Who does it as the text writes it ("the company", "analysts"), named actor or not.
    agent_text: str | None = None
    #: The trigger word of each report of the event, where it stands ("wins" in the title,
    #: "has won" in the lede).
    triggers: tuple[Mention, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "date_precision": self.date_precision,
            "type": self.type,
            "label": self.label,
            "participants": [p.name for p in self.participants],
            "places": [p.name for p in self.places],
            "trigger": self.trigger,
            "date_text": self.date_text,
            "participant_roles": [asdict(p) for p in self.participants],
            "place_ids": [p.entity_id for p in self.places],
            "start": self.mention.start,
            "end": self.mention.end,
            "sentence": self.mention.sentence,
            "sentence_text": self.sentence_text,
            "date_basis": self.date_basis,
            "mentions": [m.to_json() for m in self.mentions],
            "modality": self.modality,
            "main": self.main,
            "confidence": self.confidence,
            "agent_text": self.agent_text,
            "triggers": [m.to_json() for m in self.triggers],
        }


@dataclass(frozen=True)
class DateMention:
    """A date expression of the article with its resolved ISO value and precision."""

    text: str
    start: int
    end: int
    sentence: int
    value: str
    precision: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()
    roles: tuple[Role, ...] = ()
    model: str = ""
    dates: tuple[DateMention, ...] = ()
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def entity(self, entity_id_: str) -> Entity | None:
        """Return the entity with this id, or ``None``."""
        return next((e for e in self.entities if e.id == entity_id_), None)

    def to_json(self) -> dict[str, Any]:
        """Return the ``kg extract --format json`` object for this article."""
        a = self.article
        return {
            "article": {
                "id": a.id,
                "title": a.title,
                "published": a.published,
                "source": a.source,
                "url": a.url,
                "author": a.author,
                "site": a.site,
                "language": a.language,
            },
            "entities": [e.to_json() for e in self.entities],
            "statements": [s.to_json() for s in self.statements],
            "events": [e.to_json() for e in self.events],
            "roles": [r.to_json() for r in self.roles],
            "dates": [d.to_json() for d in self.dates],
            "model": self.model,
        }
