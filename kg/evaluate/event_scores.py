"""Scores of kg's events against MEANTIME's event layer: who did it, negation, identity.

* events with an agent: a gold event mention with an Arg0 is found when a predicted event's
  trigger overlaps the gold trigger and one of its agents names the gold Arg0 (one name
  contains the other, case-insensitive); P/R/F1 over such events.
* negated as asserted: of the gold ``NEG`` events whose trigger kg found, the share kg
  outputs with modality ``asserted`` (lower is better).
* cross-document identity: over matched mentions of different documents, pairs in the same
  gold ``instance_id`` against pairs kg gives the same event id (pairwise P/R).

The baseline (:func:`verb_baseline`) makes every verb with a subject an event whose agent is
the subject phrase.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any


@dataclass(frozen=True)
class PredictedEvent:
    """A predicted event mention: its trigger's offsets, agent names, modality and id."""

    start: int
    end: int
    agents: tuple[str, ...]
    modality: str = "asserted"
    id: str = ""


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _names_match(pred: str, gold: str) -> bool:
    p, g = pred.lower().strip(), gold.lower().strip()
    return bool(p and g) and (p in g or g in p)


def kg_predicted_events(pred: dict[str, Any], text: str) -> list[PredictedEvent]:
    """Return kg's events of one ``Extraction.to_json()``, each trigger located in its span."""
    out = []
    for e in pred.get("events", []):
        trigger = e.get("trigger") or ""
        spans = e.get("mentions") or [{"start": e["start"], "end": e["end"]}]
        agents = tuple(r["name"] for r in e.get("participant_roles", [])
                       if r.get("role") == "agent")
        for span in spans:
            at = text.find(trigger, span["start"], span["end"]) if trigger else -1
            if at != -1:
                out.append(PredictedEvent(at, at + len(trigger), agents,
                                          e.get("modality", "asserted"), e.get("id", "")))
    return out


def verb_baseline(doc) -> list[PredictedEvent]:
    """Return every verb with a nominal subject of a parsed ``Doc`` as an event whose agent is
    the subject phrase."""
    out = []
    for token in doc:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        for child in token.children:
            if child.dep_ == "nsubj":
                words = sorted(child.subtree, key=lambda t: t.i)
                agent = doc[words[0].i:words[-1].i + 1].text
                out.append(PredictedEvent(token.idx, token.idx + len(token), (agent,)))
    return out


def _matches(gold: dict[str, Any], preds: Iterable[PredictedEvent]) -> list[PredictedEvent]:
    return [p for p in preds if _overlap(p.start, p.end, gold["start"], gold["end"])]


def agent_event_counts(gold_events: Sequence[dict[str, Any]],
                       preds: Sequence[PredictedEvent]) -> tuple[int, int, int]:
    """Return (true positives, predicted with an agent, gold with an Arg0) for one document."""
    gold = [g for g in gold_events if g.get("who")]
    predicted = [p for p in preds if p.agents]
    found = sum(1 for g in gold if any(
        _names_match(a, w) for p in _matches(g, predicted) for a in p.agents for w in g["who"]))
    right = sum(1 for p in predicted if any(
        _overlap(p.start, p.end, g["start"], g["end"]) and any(
            _names_match(a, w) for a in p.agents for w in g["who"]) for g in gold))
    return right, len(predicted), found if gold else 0


def negated_counts(gold_events: Sequence[dict[str, Any]],
                   preds: Sequence[PredictedEvent]) -> tuple[int, int]:
    """Return (gold NEG events output as asserted, gold NEG events found) for one document."""
    found = asserted = 0
    for g in gold_events:
        if g.get("polarity") != "NEG":
            continue
        hits = _matches(g, preds)
        if hits:
            found += 1
            asserted += any(p.modality == "asserted" for p in hits)
    return asserted, found


def cross_document_pairs(docs: Sequence[tuple[str, Sequence[dict[str, Any]],
                                              Sequence[PredictedEvent]]]) -> tuple[int, int, int]:
    """Return (pairs both call one event, pairs kg calls one, pairs gold calls one) over the
    matched event mentions of different documents (``docs``: id, gold events, predictions)."""
    matched: list[tuple[str, str, str]] = []
    for doc_id, gold_events, preds in docs:
        for g in gold_events:
            hits = [p for p in _matches(g, preds) if p.id]
            if hits and g.get("instance_id"):
                matched.append((doc_id, g["instance_id"], hits[0].id))
    both = pred = gold = 0
    for (d1, g1, p1), (d2, g2, p2) in combinations(matched, 2):
        if d1 == d2:
            continue
        same_gold, same_pred = g1 == g2, p1 == p2
        both += same_gold and same_pred
        pred += same_pred
        gold += same_gold
    return both, pred, gold
