"""Link an article's actors to the actors already in the store (one node per actor), and its
undated events to the same events dated elsewhere (one node per event).

Actor rules: an alias file entry wins; then the same type and the same name or alias
(case-insensitive); then, for people, a surname or transliteration match to exactly one known
person ("Zelenskyy" → "Volodymyr Zelenskyy", "Zelensky" → "Zelenskyy"), and for places a
transliteration match to exactly one known place ("Mazar-i-Sharif" → "Mazar-e-Sharif").
Every merge is recorded as a :class:`MergeRecord` so users can audit and correct it with an
alias file.
Events: see :class:`EventLinker`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from kg.model import (
    Article,
    Entity,
    Event,
    Extraction,
    Participant,
    Role,
    Stance,
    Statement,
    entity_id,
)

SURNAME_SIMILARITY = 88.0
#: Place names this similar (rapidfuzz ratio), with the same first three letters and at
#: least :data:`PLACE_MIN_LENGTH` long, are one place spelled two ways ("Mazar-e-Sharif").
PLACE_SIMILARITY = 90.0
PLACE_MIN_LENGTH = 8


class AliasFileError(ValueError):
    """An alias file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class AliasRule:
    """One line of an alias file: ``alias,canonical,type[,action]`` (action merge or split)."""

    alias: str
    canonical: str
    type: str
    action: str = "merge"


@dataclass(frozen=True)
class MergeRecord:
    """Why a surface form was attached to an existing actor."""

    article: str
    surface: str
    from_id: str
    to_id: str
    rule: str


def load_aliases(path: str | Path) -> list[AliasRule]:
    """Return the rules of an alias CSV file (header ``alias,canonical,type[,action]``).

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "a.csv")
    >>> _ = open(p, "w").write("alias,canonical,type\\nZelensky,Volodymyr Zelenskyy,Person\\n")
    >>> load_aliases(p)[0].canonical
    'Volodymyr Zelenskyy'
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise AliasFileError(f"{path}: cannot read alias file ({exc})") from exc
    rules = []
    for n, row in enumerate(rows, start=2):
        alias, canonical = (row.get("alias") or "").strip(), (row.get("canonical") or "").strip()
        type_ = (row.get("type") or "").strip()
        action = (row.get("action") or "merge").strip().lower() or "merge"
        if not alias or not type_ or (action == "merge" and not canonical):
            raise AliasFileError(f"{path}: line {n}: needs alias, canonical and type")
        if action not in ("merge", "split"):
            raise AliasFileError(f"{path}: line {n}: action must be merge or split")
        rules.append(AliasRule(alias, canonical, type_, action))
    return rules


def norm_form(text: str) -> str:
    """Return a name form as linking compares it (lower case, one space, straight quote)."""
    return " ".join(text.lower().replace("’", "'").split())


_norm = norm_form


def _ratio(a: str, b: str) -> float:
    """Return rapidfuzz's similarity ratio of two strings (imported on first use: a run
    that never compares two names does not load it)."""
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b)


def surname_keys(surname: str) -> set[str]:
    """Return the deletion variants of a lower-cased surname that any surname similar enough
    to match it (rapidfuzz ratio >= :data:`SURNAME_SIMILARITY`) shares with it.

    Two strings at that ratio differ by at most ``d`` deletions on each side, with ``d`` at
    most about 0.21 of the length (Indel distance <= 0.12 of both lengths), so they reduce to
    a common string; indexing every such reduction finds every match without a scan (the
    symmetric-deletion idea of SymSpell).

    >>> "zelensky" in surname_keys("Zelenskyy") and "zelensky" in surname_keys("Zelensky")
    True
    """
    word = surname.lower()
    limit = int(len(word) * (100 - SURNAME_SIMILARITY) / (200 - SURNAME_SIMILARITY) * 2 + 1e-9)
    keys, frontier = {word}, {word}
    for _ in range(limit):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        keys |= frontier
    return keys


class SurnameIndex:
    """Person ids by the deletion variants of their surname (see :func:`surname_keys`)."""

    def __init__(self) -> None:
        self.ids: dict[str, set[str]] = {}

    def add(self, surname: str, id_: str) -> None:
        for key in surname_keys(surname):
            self.ids.setdefault(key, set()).add(id_)

    def discard(self, surname: str, id_: str) -> None:
        for key in surname_keys(surname):
            self.ids.get(key, set()).discard(id_)

    def candidates(self, surname: str) -> list[str]:
        """Return the ids whose surname may match ``surname`` (sorted)."""
        return sorted({i for key in surname_keys(surname) for i in self.ids.get(key, ())})


class ActorLinker:
    """Maps the entity ids of new extractions onto known actors, learning as it goes."""

    def __init__(self, known: list[dict] | None = None, rules: list[AliasRule] = ()) -> None:
        self.by_form: dict[tuple[str, str], str] = {}
        self.names: dict[str, str] = {}
        self.people: dict[str, str] = {}
        self.surnames = SurnameIndex()
        self.places: dict[str, dict[str, str]] = {}  # first three letters → form → id
        self.rules = {(_norm(r.alias), r.type): r for r in rules}
        self.log: list[MergeRecord] = []
        for actor in known or []:
            self._learn(actor["id"], actor["name"], actor["type"], actor.get("aliases", []))

    def _learn(self, id_: str, name: str, type_: str, aliases) -> None:
        self.names.setdefault(id_, name)
        for form in (name, *aliases):
            self.by_form.setdefault((_norm(form), type_), id_)
            if type_ == "Place" and len(_norm(form)) >= PLACE_MIN_LENGTH:
                self.places.setdefault(_norm(form)[:3], {}).setdefault(_norm(form), id_)
        if type_ == "Person" and len(name.split()) >= 2:
            self._add_person(id_, self.names.get(id_, name))

    def _person_match(self, name: str) -> tuple[str | None, str]:
        parts = name.split()
        matches = set()
        for id_ in self.surnames.candidates(parts[-1]):
            full = self.people[id_]
            known = full.split()
            if len(parts) == 1:
                if _ratio(parts[0].lower(), known[-1].lower()) >= SURNAME_SIMILARITY:
                    matches.add(id_)
            elif full.lower().endswith(" " + name.lower()) or name.lower().endswith(
                    " " + full.lower()):
                matches.add(id_)
            elif parts[0][0].lower() == known[0][0].lower() and _ratio(
                parts[-1].lower(), known[-1].lower()
            ) >= SURNAME_SIMILARITY:
                matches.add(id_)
        if len(matches) == 1:
            match = matches.pop()
            full = self.people[match].lower()
            suffix = full.endswith(" " + name.lower()) or name.lower().endswith(" " + full)
            return match, "surname" if len(parts) == 1 or suffix else "transliteration"
        return None, ""

    def _add_person(self, id_: str, name: str) -> None:
        """Know ``name`` as the full name of person ``id_`` (the first one given stays)."""
        if id_ not in self.people:
            self.people[id_] = name
            self.surnames.add(name.split()[-1], id_)

    def _place_match(self, name: str) -> tuple[str | None, str]:
        """Return the one known place spelled like ``name`` but for a transliteration
        ("Mazar-i-Sharif" → "Mazar-e-Sharif"), or (None, '')."""
        key = _norm(name)
        if len(key) < PLACE_MIN_LENGTH:
            return None, ""
        matches = {id_ for form, id_ in self.places.get(key[:3], {}).items()
                   if _ratio(form, key) >= PLACE_SIMILARITY}
        return (matches.pop(), "transliteration") if len(matches) == 1 else (None, "")

    def target(self, entity: Entity) -> tuple[str | None, str]:
        """Return (known actor id, rule) for an entity, or (None, '') if it is new."""
        for form in (entity.name, *entity.aliases):
            rule = self.rules.get((_norm(form), entity.type))
            if rule is not None:
                if rule.action == "split":
                    return None, "split"
                return entity_id(rule.type, rule.canonical), "alias-file"
        full_name = entity.type == "Person" and len(entity.name.split()) >= 2
        for form in (entity.name, *entity.aliases):
            if full_name and len(form.split()) < 2:
                continue  # "Rakeyia Scott", also called "Scott", is not "Tim Scott"
            known = self.by_form.get((_norm(form), entity.type))
            if known is not None:
                same = _norm(form) == _norm(self.names.get(known, ""))
                return known, "same-name" if same else "alias"
        if entity.type == "Place":
            return self._place_match(entity.name)
        if entity.type == "Person":
            found = self._person_match(entity.name)
            if found[0] is None and len(entity.name.split()) >= 2:
                # a known bare surname ("Tavares") is the same person as the full name
                surname = self.by_form.get((_norm(entity.name.split()[-1]), "Person"))
                if surname is not None and len(self.names.get(surname, "").split()) == 1:
                    return surname, "surname"
            return found
        return None, ""

    def link(self, extraction: Extraction) -> Extraction:
        """Return ``extraction`` with entity ids mapped to known actors (and learn its actors)."""
        mapping: dict[str, str] = {}
        for entity in extraction.entities:
            target, rule = self.target(entity)
            if target is not None and target != entity.id:
                mapping[entity.id] = target
                self.log.append(MergeRecord(extraction.article.id, entity.name, entity.id,
                                            target, rule))
        for entity in extraction.entities:  # a full name upgrades a bare surname's label
            target = mapping.get(entity.id)
            if target and len(entity.name.split()) > 1 == len(self.names.get(target, "").split()):
                self.names[target] = entity.name
        linked = remap_ids(extraction, mapping, self.names)
        for entity in linked.entities:
            self._learn(entity.id, entity.name, entity.type, entity.aliases)
            if entity.type == "Person" and len(entity.name.split()) >= 2:
                self._set_person(entity.id, self.names.get(entity.id, entity.name))
        return linked

    def _set_person(self, id_: str, name: str) -> None:
        """Make ``name`` the full name of person ``id_`` (replacing an earlier one)."""
        old = self.people.get(id_)
        if old is not None and old != name:
            self.surnames.discard(old.split()[-1], id_)
        self.people[id_] = name
        self.surnames.add(name.split()[-1], id_)

    def decide(self, keys: Iterable[ActorKey]) -> dict[ActorKey, tuple[str, str]]:
        """Return (known actor id, rule) for each actor key that joins another actor, each
        decided once: longer names first, then by type and name, so the order the keys come
        in changes nothing ("Trump" joins "Donald Trump" unless the keys also hold "Melania
        Trump"). The linker learns every key (its :attr:`names` give the canonical names)."""
        decided: dict[ActorKey, tuple[str, str]] = {}
        for key in sorted(set(keys), key=key_order):
            type_, name, aliases, id_ = key
            entity = Entity(id=id_, name=name, type=type_, aliases=aliases)
            target, rule = self.target(entity)
            if target is not None and target != id_:
                decided[key] = (target, rule)
            known = target if target is not None and target != id_ else id_
            self._learn(known, name, type_, aliases)
        return decided

    def link_corpus(self, extractions: list[Extraction]) -> list[Extraction]:
        """Return every extraction linked, each distinct actor decided once for the whole
        corpus (:meth:`decide`): no article's place in the input changes a link, so any split
        of the same articles into builds gives the same result."""
        decided = self.decide(actor_key(e) for x in extractions for e in x.entities)
        out = []
        for extraction in extractions:
            mapping: dict[str, str] = {}
            for entity in extraction.entities:
                found = decided.get(actor_key(entity))
                if found is not None:
                    mapping[entity.id] = found[0]
                    self.log.append(MergeRecord(extraction.article.id, entity.name, entity.id,
                                                found[0], found[1]))
            out.append(remap_ids(extraction, mapping, self.names))
        return out


#: What a linking decision depends on: type, name, aliases (sorted) and id.
ActorKey = tuple[str, str, tuple[str, ...], str]


def key_order(key: ActorKey) -> tuple:
    """Return the sort key that fixes the order actors are decided in (longer names first)."""
    return -len(key[1].split()), key[0], key[1], key[2], key[3]


def actor_key(entity: Entity) -> ActorKey:
    """Return what a linking decision depends on: type, name, aliases (sorted) and id."""
    return entity.type, entity.name, tuple(sorted(entity.aliases)), entity.id


def _merge_entities(entities: list[Entity], names: dict[str, str]) -> tuple[Entity, ...]:
    merged: dict[str, Entity] = {}
    for e in entities:
        if e.id in merged:
            m = merged[e.id]
            aliases = set(m.aliases) | set(e.aliases) | {e.name, m.name}
            merged[e.id] = replace(m, mentions=tuple(sorted(m.mentions + e.mentions,
                                                            key=lambda x: x.start)),
                                   roles=tuple(dict.fromkeys(m.roles + e.roles)),
                                   aliases=tuple(sorted(aliases - {m.name})))
        else:
            merged[e.id] = e
    return tuple(merged.values())


def remap_ids(extraction: Extraction, mapping: dict[str, str],
              names: dict[str, str] | None = None) -> Extraction:
    """Return ``extraction`` with entity ids replaced through ``mapping`` everywhere."""
    if not mapping:
        return extraction
    names = names or {}

    def m(id_: str | None) -> str | None:
        return mapping.get(id_, id_) if id_ else id_

    def name(id_: str, fallback: str) -> str:
        return names.get(id_, fallback)

    entities = []
    for e in extraction.entities:
        if e.id in mapping:
            new_id = mapping[e.id]
            canonical = name(new_id, e.name)
            aliases = tuple(sorted(({e.name, *e.aliases}) - {canonical}))
            e = replace(e, id=new_id, name=canonical, aliases=aliases)
        entities.append(e)
    statements = [
        replace(s, speaker_id=m(s.speaker_id),
                speaker=name(m(s.speaker_id), s.speaker) if s.speaker_id else s.speaker,
                about_ids=tuple(dict.fromkeys(m(a) for a in s.about_ids)),
                about=tuple(dict.fromkeys(name(m(a), n) for a, n in zip(s.about_ids, s.about,
                                                                         strict=False))),
                stances=tuple(Stance(m(x.target_id), x.polarity) for x in s.stances))
        for s in extraction.statements
    ]
    events = [_remap_event(ev, m, name, extraction.article.id) for ev in extraction.events]
    from kg.pipeline import role_id, unique_roles

    roles = [
        replace(r, person_id=m(r.person_id), of_id=m(r.of_id),
                id=role_id(extraction.article.id, m(r.person_id), r.title, m(r.of_id)))
        for r in extraction.roles
    ]
    return replace(extraction, entities=_merge_entities(entities, names),
                   statements=tuple(statements), events=tuple(events), roles=unique_roles(roles))


def _remap_event(ev: Event, m, name, article_id: str) -> Event:
    from kg.pipeline import event_id

    participants = tuple(Participant(m(p.entity_id), name(m(p.entity_id), p.name), p.role)
                         for p in ev.participants)
    places = tuple(Participant(m(p.entity_id), name(m(p.entity_id), p.name), p.role)
                   for p in ev.places)
    agents = tuple(p.entity_id for p in participants if p.role == "agent")
    new_id = event_id(article_id, ev.type, ev.date, ev.date_precision, agents,
                      tuple(p.entity_id for p in places), ev.mention.start, ev.modality)
    return replace(ev, id=new_id, participants=participants, places=places)


# --- events across articles ------------------------------------------------------------------

#: How many days before its report an undated event may have happened to take a known date.
LINK_DAYS = 3


def report_window(published: str | None) -> tuple[str, str] | None:
    """Return the ISO days (earliest, latest) an event reported on ``published`` without a
    date of its own may have happened: the :data:`LINK_DAYS` before it, up to that day
    (``None`` when ``published`` holds no valid day).

    >>> report_window("2025-03-14T09:00:00")
    ('2025-03-11', '2025-03-14')
    """
    from datetime import date, timedelta

    if not published:
        return None
    try:
        reported = date.fromisoformat(published[:10])
    except ValueError:
        return None
    return (reported - timedelta(days=LINK_DAYS)).isoformat(), reported.isoformat()


def report_dated(ev: Event, article: Article) -> bool:
    """Return whether an article's main event is dated only as its report is: the
    publication day, from a date outside its own sentence (the dateline under the title "X
    resigns"), so it may have happened in the :func:`report_window` before, as another
    article's dated report of it may say ("On August 24, X resigned")."""
    if not (ev.main and ev.date and article.published) or ev.date != article.published[:10]:
        return False
    return ev.date_precision == "day" and ev.modality == "asserted" and \
        ev.date_basis in ("text", "context") and not (
            ev.date_text and ev.date_text in ev.sentence_text)


@dataclass(frozen=True)
class KnownEvent:
    """A dated event an undated report can be linked to (from the store or another article)."""

    id: str
    type: str
    date: str
    actors: frozenset[str]
    article: str
    date_text: str | None = None
    #: Dated only by its own report's publication day (a present-tense lede): it dates only
    #: reports that have no day at all, and a text-dated match wins over it.
    reported: bool = False
    #: Its places (also among ``actors``): two events in different places are two events.
    places: frozenset[str] = frozenset()
    modality: str = "asserted"


def best_event(found: Iterable[KnownEvent], actors: frozenset[str]) -> KnownEvent | None:
    """Return the known event an undated report stands for among candidates: dated from text
    over dated by a report, then on the day the most articles give it, then the latest, then
    the most shared actors (then by article, id, date text and actors, so the choice never
    depends on the order candidates come in: one article can report an event of one id twice,
    dated by two texts of the same day). The vote keeps the day from drifting when more
    reports become candidates (two spellings of an actor that resolve to one add the other's
    reports): one report of the morning after does not outweigh four of the night itself."""
    found = list(found)
    articles: dict[tuple[bool, str], set[str]] = {}
    for k in found:
        articles.setdefault((k.reported, k.date), set()).add(k.article)
    return max(found, key=lambda k: (not k.reported, len(articles[k.reported, k.date]), k.date,
                                     len(k.actors & actors), k.article, k.id, k.date_text or "",
                                     sorted(k.actors)), default=None)


def event_actors(ev: Event) -> frozenset[str]:
    return frozenset(p.entity_id for p in ev.participants + ev.places)


class EventLinker:
    """Gives an event dated only from its report (``date_basis`` publication: ``fuzzy``, or
    the day a present-tense lede implies) the date and id of the same event dated in another
    article: same type, a shared actor or place, a day up to :data:`LINK_DAYS` before the
    report. Dates from text win; a report with no day at all also takes the day another
    report's present-tense lede gives. One strike reported in five articles, one of which
    dates it, is one event.

    >>> linker = EventLinker()
    >>> linker.link_batch([])
    []
    """

    def __init__(self, known: list[KnownEvent] | None = None) -> None:
        self.by_actor: dict[tuple[str, str], list[KnownEvent]] = {}
        for event in known or []:
            self._add(event)

    def _add(self, event: KnownEvent) -> None:
        for actor in event.actors:
            self.by_actor.setdefault((event.type, actor), []).append(event)

    def learn(self, extraction: Extraction) -> None:
        """Remember the day-dated events of an extraction (from its text or lede)."""
        for ev in extraction.events:
            if ev.date_precision == "day" and ev.date_basis in ("text", "context", "publication") \
                    and ev.type != "other" and ev.date:
                self._add(KnownEvent(ev.id, ev.type, ev.date, event_actors(ev),
                                     extraction.article.id, ev.date_text,
                                     reported=ev.date_basis == "publication"
                                     or report_dated(ev, extraction.article),
                                     places=frozenset(p.entity_id for p in ev.places),
                                     modality=ev.modality))

    def match(self, type_: str, actors: frozenset[str], published: str | None,
              article_id: str, fuzzy: bool = True) -> KnownEvent | None:
        """Return the known dated event a report of ``type_`` with ``actors``, published on
        ``published`` by another article than ``article_id``, stands for (or ``None``); only
        a ``fuzzy`` report (no day of its own) may take a report-dated one."""
        window = report_window(published)
        if type_ == "other" or window is None:
            return None
        earliest, latest = window
        candidates = {id(k): k for a in actors for k in self.by_actor.get((type_, a), ())}
        found = [k for k in candidates.values() if k.article != article_id
                 and earliest <= k.date <= latest and (fuzzy or not k.reported)]
        return best_event(found, actors)

    def _match(self, ev: Event, article: Article) -> KnownEvent | None:
        if ev.date_basis == "publication":
            return self.match(ev.type, event_actors(ev), article.published, article.id,
                              fuzzy=ev.date_precision == "fuzzy")
        if not report_dated(ev, article):
            return None
        found = self.match(ev.type, event_actors(ev), article.published, article.id,
                           fuzzy=False)
        places = frozenset(p.entity_id for p in ev.places)
        if found is None or found.modality != ev.modality or (
                places and found.places and not places & found.places):
            return None
        return found

    def same_day_event(self, ev: Event, article_id: str) -> KnownEvent | None:
        """Return the event of another article that a day-dated event of ``article_id`` is:
        same type and modality, same day, a shared participant, no two different places
        (``None`` when there is none). Of several, the one with the smallest id, so every
        report of one happening takes the same id."""
        if ev.type == "other" or ev.date_precision != "day" or not ev.date or \
                ev.date_basis not in ("text", "context"):
            return None
        actors = frozenset(p.entity_id for p in ev.participants)
        places = frozenset(p.entity_id for p in ev.places)
        found = [k for a in actors for k in self.by_actor.get((ev.type, a), ())
                 if k.article != article_id and k.date == ev.date and not k.reported
                 and k.modality == ev.modality
                 and not (places and k.places and not places & k.places)]
        return min(found, key=lambda k: k.id, default=None)

    def link(self, extraction: Extraction) -> Extraction:
        """Return ``extraction`` with its undated events linked to known dated ones, and its
        dated ones to the same event of another article (:meth:`same_day_event`)."""
        events = []
        for ev in extraction.events:
            match = self._match(ev, extraction.article)
            if match is not None:
                ev = replace(ev, id=match.id, date=match.date, date_precision="day",
                             date_text=match.date_text, date_basis="linked")
            elif (same := self.same_day_event(ev, extraction.article.id)) is not None \
                    and same.id < ev.id:
                ev = replace(ev, id=same.id)
            events.append(ev)
        return replace(extraction, events=tuple(events))

    def link_batch(self, extractions: list[Extraction]) -> list[Extraction]:
        """Learn the dated events of a batch, then link each article's undated ones."""
        for extraction in extractions:
            self.learn(extraction)
        return [self.link(x) for x in extractions]


__all__ = ["ActorLinker", "AliasFileError", "AliasRule", "EventLinker", "KnownEvent",
           "MergeRecord", "Role", "Statement", "load_aliases", "remap_ids", "report_dated"]
