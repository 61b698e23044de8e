"""One event per happening: merge the reports of an article that tell the same event."""

from __future__ import annotations

from dataclasses import replace

from kg.extract.events.dating import _PRECISION_RANK, dates_compatible
from kg.extract.events.record import EventInfo


def _better_date(a: EventInfo, b: EventInfo) -> EventInfo:
    """Return the event whose date is the more precise."""
    rank_a = _PRECISION_RANK.get(a.date.precision, 4) if a.date else 5
    rank_b = _PRECISION_RANK.get(b.date.precision, 4) if b.date else 5
    return b if rank_b < rank_a else a


def same_event(a: EventInfo, b: EventInfo) -> bool:
    """Return whether two events are one: same type, compatible dates, a shared agent or
    place, or a shared target when one of them names no agent.
    An untyped event is one with a typed one of the same agents, places and exact date ("X
    and Y drew up a plan in Miami last month" beside "X and Y draft the plan in Miami")."""
    if a.modality != b.modality or not dates_compatible(a.date, b.date):
        return False
    if (a.type == "other") != (b.type == "other"):
        return bool(a.date and b.date and a.date == b.date and a.date.precision != "fuzzy"
                    and set(a.agents) & set(b.agents) and set(a.places) == set(b.places))
    if a.type != b.type or a.type == "other":
        return False
    if not (a.agents or a.targets or a.places) or not (b.agents or b.targets or b.places):
        return True  # "the attack happened late Thursday" completes "X attacked Y"
    apart = bool(a.places and b.places and not set(a.places) & set(b.places))
    if set(a.agents) & set(b.agents):
        return not apart
    if set(a.targets) & set(b.targets) and not (a.agents and b.agents):
        return not apart  # "handed over the counterproposal" beside "X presents it"
    return bool(set(a.places) & set(b.places)) and not (
        a.agents and b.agents and not set(a.agents) & set(b.agents))


def merge_events(events: list[EventInfo]) -> list[EventInfo]:
    """Merge events of one article that are the same (:func:`same_event`), keeping every
    mention and the most precise date."""
    merged: list[EventInfo] = []
    for event in events:
        for i, other in enumerate(merged):
            if same_event(event, other):
                keep = _better_date(other, event) if (other.type == "other") == (
                    event.type == "other") else (event if other.type == "other" else other)
                agents = tuple(dict.fromkeys(keep.agents + other.agents + event.agents))
                merged[i] = replace(
                    keep, agents=agents,
                    targets=tuple(t for t in dict.fromkeys(other.targets + event.targets)
                                  if t not in agents),
                    places=tuple(dict.fromkeys(keep.places + other.places + event.places)),
                    mentions=tuple(dict.fromkeys(other.mentions + event.mentions)),
                    triggers=tuple(dict.fromkeys(other.triggers + event.triggers)),
                    main=other.main or event.main,
                    confidence=max(other.confidence, event.confidence),
                )
                break
        else:
            merged.append(event)
    return merged
