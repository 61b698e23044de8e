"""Events: dated happenings with a type, participants (agent, target) and place.

Sources: timeline lines ("November 19, 2025: Russian strikes hit Ternopil"), sentences with a
date expression, and undated sentences whose main verb is an event verb (dated by the
publication date with precision ``fuzzy``). The type comes from the trigger's lemma
(:data:`kg.lexicon.EVENT_LEMMAS`); agents from the subject, targets from the object, places
from Place/Country actors in the clause. ``kg_events`` stores :class:`EventInfo` records in
``doc._.kg_events``; events of one article with the same type, date and participants merge.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.actors import actor_index
from kg.extract.boilerplate import in_ranges
from kg.extract.dates import DateInfo, DateValue, _published
from kg.lexicon import EVENT_LEMMAS, SPEECH_VERBS

if not Doc.has_extension("kg_events"):
    Doc.set_extension("kg_events", default=[])

_PLACE_TYPES = ("Place", "Country")
_PLACE_PREPS = frozenset("in at near outside inside across into from".split())


@dataclass(frozen=True)
class EventInfo:
    """An event found in a document (character offsets of its clause)."""

    type: str
    trigger: str
    date: DateValue | None
    date_text: str | None
    agents: tuple[str, ...]
    targets: tuple[str, ...]
    others: tuple[str, ...]
    places: tuple[str, ...]
    start: int
    end: int
    label: str


def event_type(token: Token) -> str | None:
    """Return the event type of a trigger token by its lemma, or ``None``."""
    return EVENT_LEMMAS.get(token.lemma_.lower()) or EVENT_LEMMAS.get(token.lower_)


def _trigger(root: Token) -> tuple[Token, str] | None:
    """Return the event trigger of a clause: an event noun subject or the main verb."""
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ == "NOUN":
            t = event_type(child)
            if t and t != "other":
                return child, t
    t = event_type(root)
    if t:
        return root, t
    for child in root.children:
        if child.dep_ in ("xcomp", "conj") and child.pos_ == "VERB" and event_type(child):
            return child, event_type(child)
    return None


def _actors_in(tokens, actors: dict[int, Span]) -> list[Span]:
    seen: dict[int, Span] = {}
    for t in tokens:
        span = actors.get(t.i)
        if span is not None:
            seen[span.start] = span
    return [seen[k] for k in sorted(seen)]


def _core(token: Token):
    """Yield a phrase's tokens without its prepositional and clausal modifiers."""
    yield token
    for child in token.children:
        if child.dep_ not in ("prep", "acl", "relcl", "advcl", "appos", "punct", "cc"):
            yield from _core(child)
        elif child.dep_ == "cc":
            yield child


def _participants(root: Token, trigger: Token, clause: Span, actors: dict[int, Span]):
    agents: list[Span] = []
    targets: list[Span] = []
    places: list[Span] = []
    subject_heads = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if trigger is not root:
        subject_heads = [trigger]
    for head in subject_heads:
        for span in _actors_in(head.subtree, actors):
            (places if span.label_ == "Place" else agents).append(span)
    for child in root.children:
        if child.dep_ in ("dobj", "obj", "attr", "dative"):
            targets.extend(_actors_in(_core(child), actors))
        elif child.dep_ == "agent":
            agents.extend(_actors_in(child.subtree, actors))
        elif child.dep_ == "prep":
            found = _actors_in(child.subtree, actors)
            if child.lower_ in _PLACE_PREPS:
                places.extend(s for s in found if s.label_ in _PLACE_TYPES)
                targets.extend(s for s in found if s.label_ not in _PLACE_TYPES)
            elif child.lower_ in ("on", "against", "with", "to"):
                targets.extend(found)
    for span in _actors_in(clause, actors):
        if span.label_ == "Place" and span not in places:
            places.append(span)
    agents = [a for a in agents if a.label_ != "Place"]
    if any(a.label_ == "Person" for a in agents):  # "Ukrainian President X": X is the agent
        agents = [a for a in agents if not a._.kg_demonym]
    targets = [t for t in targets if t.label_ != "Place" and t not in agents]
    return agents, targets, places


def _ids(spans: list[Span], exclude: set[str] = frozenset()) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s._.kg_entity for s in spans
                               if s._.kg_entity and s._.kg_entity not in exclude))


def _label(entities: dict, agents, trigger: Token, targets, places) -> str:
    def names(ids):
        return " and ".join(entities[i].name for i in ids[:2] if i in entities)

    words = [names(agents), trigger.text]
    if targets:
        words.append(names(targets))
    if places:
        words.append("in " + names(places))
    return " ".join(w for w in words if w).strip()


def _clause_event(sent: Span, date: DateInfo | None, published: DateValue | None,
                  actors, entities) -> EventInfo | None:
    root = sent.root
    found = _trigger(root)
    if found is None:
        return None
    trigger, type_ = found
    if root.lemma_.lower() in SPEECH_VERBS and trigger is root and type_ in ("announce", "other"):
        return None
    agents, targets, places = _participants(root, trigger, sent, actors)
    agent_ids = _ids(agents)
    target_ids = _ids(targets, set(agent_ids))
    place_ids = _ids(places)
    if not (agent_ids or target_ids or place_ids):
        return None
    if date is None and (published is None or not agent_ids or type_ == "other"):
        return None
    value = date.value if date is not None else published
    return EventInfo(
        type=type_, trigger=trigger.text, date=value,
        date_text=date.text if date is not None else None,
        agents=agent_ids, targets=target_ids, others=(), places=place_ids,
        start=sent.start_char, end=sent.end_char,
        label=_label(entities, agent_ids, trigger, target_ids, place_ids),
    )


def _timeline_clause(doc: Doc, date: DateInfo) -> Span | None:
    """Return the text after a timeline date ("November 19, 2025: <clause>") up to its end."""
    line_end = doc.text.find("\n", date.end)
    line_end = len(doc.text) if line_end == -1 else line_end
    colon = doc.text.find(":", date.end, line_end)
    start = (colon if colon != -1 else date.end) + 1
    span = doc.char_span(start, line_end, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    first = span[0].sent
    return doc[span.start:min(first.end, span.end)] if first.end > span.start else span


def merge_events(events: list[EventInfo]) -> list[EventInfo]:
    """Merge events with the same type and date whose participants overlap."""
    merged: list[EventInfo] = []
    for event in events:
        for i, other in enumerate(merged):
            same_date = (event.date == other.date or event.date is None or other.date is None
                         or "fuzzy" in (event.date.precision, other.date.precision))
            people = set(event.agents + event.places) & set(other.agents + other.places)
            if event.type == other.type and same_date and people:
                keep = other if (other.date and other.date.precision != "fuzzy") else event
                merged[i] = replace(
                    keep,
                    agents=tuple(dict.fromkeys(other.agents + event.agents)),
                    targets=tuple(dict.fromkeys(other.targets + event.targets)),
                    places=tuple(dict.fromkeys(other.places + event.places)),
                )
                break
        else:
            merged.append(event)
    return merged


def find_events(doc: Doc) -> list[EventInfo]:
    """Return the events of ``doc``: timeline entries, dated and event-verb sentences."""
    actors = actor_index(doc)
    entities = doc._.kg_entities
    junk, headlines = doc._.kg_junk, doc._.kg_headlines
    published = _published(doc)
    pub_value = DateValue(published.isoformat(), "fuzzy") if published else None
    events: list[EventInfo] = []
    used_sents: set[int] = set()
    dates_by_sent: dict[int, DateInfo] = {}
    for date in doc._.kg_dates:
        if date.timeline:
            clause = _timeline_clause(doc, date)
            if clause is None:
                continue
            event = _clause_event(clause, date, None, actors, entities)
            if event is None:
                event = _timeline_fallback(clause, date, actors, entities)
            if event is not None:
                events.append(replace(event, start=date.start, end=clause.end_char))
            used_sents.add(doc.char_span(date.start, date.end, alignment_mode="expand").sent.start)
        else:
            span = doc.char_span(date.start, date.end, alignment_mode="expand")
            if span is not None:
                dates_by_sent.setdefault(span.sent.start, date)
    for sent in doc.sents:
        if sent.start in used_sents or in_ranges(sent.start_char, sent.end_char, junk + headlines):
            continue
        if '"' in sent.text[:2] or "“" in sent.text[:2]:
            continue
        event = _clause_event(sent, dates_by_sent.get(sent.start), pub_value, actors, entities)
        if event is not None:
            events.append(event)
    return merge_events(events)


def _timeline_fallback(clause: Span, date: DateInfo, actors, entities) -> EventInfo | None:
    """Return an event for a timeline line whose clause root is not an event verb."""
    spans = _actors_in(clause, actors)
    if not spans:
        return None
    types = [event_type(t) for t in clause if event_type(t) and event_type(t) != "other"]
    type_ = types[0] if types else "other"
    agents = _ids([s for s in spans if s.label_ not in _PLACE_TYPES or s.label_ == "Country"][:2])
    places = _ids([s for s in spans if s.label_ == "Place"])
    trigger = next((t for t in clause if event_type(t) == type_), clause.root)
    return EventInfo(type_, trigger.text, date.value, date.text, agents, (), (), places,
                     clause.start_char, clause.end_char,
                     _label(entities, agents, trigger, (), places))


@Language.component("kg_events", assigns=["doc._.kg_events"],
                    requires=["doc._.kg_dates", "doc._.kg_entities"])
def events_component(doc: Doc) -> Doc:
    """Find dated, typed events with participants and places."""
    doc._.kg_events = find_events(doc)
    return doc
