"""The event record passed between the event steps, and how sure kg is of it."""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.dates import DateValue


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
    lemma: str = ""
    mentions: tuple[tuple[int, int], ...] = ()
    date_basis: str = "text"
    #: ``asserted``, ``negated``, ``planned``, ``hypothetical`` or ``reported``
    #: (:mod:`kg.extract.modality`).
    modality: str = "asserted"
    #: Whether this is the article's main event (its title or lede clause).
    main: bool = False
    #: How sure kg is that this is a real happening (:func:`event_confidence`).
    confidence: float = 1.0
    #: Who does it as the text writes it ("the company", "analysts"), named actor or not.
    agent_text: str = ""
    #: Where the trigger word of each report stands (character offsets; merged reports keep
    #: theirs: "wins" in the title, "has won" in the lede).
    triggers: tuple[tuple[int, int], ...] = ()


#: Events below this confidence are candidates: kept in the data, left out of pages and of
#: the example queries.
CANDIDATE_CONFIDENCE = 0.5


def event_confidence(agents: tuple[str, ...], targets: tuple[str, ...],
                     places: tuple[str, ...], type_: str) -> float:
    """Return how sure kg is that an event is a real happening: one with a named agent is
    sure; a target or place only, or an untyped trigger, less so; none at all ("ran", "made
    real progress") makes a candidate below :data:`CANDIDATE_CONFIDENCE`."""
    if not (agents or targets or places):
        return 0.3
    score = 0.9 if agents else 0.7
    return round(score - 0.2, 2) if type_ == "other" else score
