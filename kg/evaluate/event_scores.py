"""Scores of kg's events against MEANTIME's event layer: who did it, negation, identity.

* events with an agent: a gold event mention with an Arg0 is found when a predicted event
  mention (the records of one trigger taken together) overlaps the gold trigger and one of
  its agents names the gold Arg0 or a mention coreferent with it in MEANTIME's own
  annotation (its ``REFERS_TO`` chains: "which" in "the airline, which ordered" is the
  airline, "He" is the "Steve Jobs" of the sentence before); one name names another when it
  contains it as whole words, case-insensitive. P/R/F1 over such events.
* negated as asserted: of the gold ``NEG`` events whose trigger kg found, the share kg
  outputs with modality ``asserted`` (lower is better).
* cross-document identity: over matched mentions of different documents, pairs in the same
  gold ``instance_id`` against pairs kg gives the same event id (pairwise P/R).

The baseline (:func:`verb_baseline`) makes every verb with a subject an event whose agent is
the subject phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
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
    """Return whether one name contains the other as whole words ("Boeing" in "rival
    Boeing", not "it" in "British")."""
    p, g = pred.lower().strip(), gold.lower().strip()
    return bool(p and g) and (_within(p, g) or _within(g, p))


def _within(short: str, long: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None


def coreferent_names(gold_event: dict[str, Any],
                     entities: Sequence[dict[str, Any]] = ()) -> tuple[str, ...]:
    """Return the names that name a gold event's Arg0: its own texts and those of the
    mentions of the same gold entity (``entity_m_id``), taking for each Arg0 text the
    mention of that text nearest the trigger."""
    names = list(gold_event.get("who") or ())
    for who in gold_event.get("who") or ():
        same = [m for m in entities if m.get("text") == who and m.get("entity_m_id")]
        if not same:
            continue
        near = min(same, key=lambda m: abs(m["start"] - gold_event["start"]))
        names += [m["text"] for m in entities if m.get("entity_m_id") == near["entity_m_id"]]
    return tuple(dict.fromkeys(names))


def kg_predicted_events(pred: dict[str, Any], text: str, limit: int | None = None,
                        statements: bool = False) -> list[PredictedEvent]:
    """Return kg's events of one ``Extraction.to_json()``, each trigger located in its span,
    those starting before ``limit`` (the end of the annotated region) when given. With
    ``statements`` each statement is a speech event too: its cue the trigger, its speaker the
    agent (MEANTIME annotates "said" as an event whose Arg0 is the speaker)."""
    out = [e for e in _kg_events(pred, text) + (
        _kg_statements(pred, text) if statements else [])]
    return [e for e in out if limit is None or e.start < limit]


def _kg_statements(pred: dict[str, Any], text: str) -> list[PredictedEvent]:
    out = []
    for s in pred.get("statements", []):
        cue = s.get("cue") or ""
        speaker = s.get("speaker") or s.get("speaker_description") or ""
        if not (cue and speaker) or s.get("start") is None:
            continue
        at = _cue_offset(text, cue, s["start"], s["end"])
        if at is not None:
            agents = tuple(a for a in (speaker, s.get("speaker_description")) if a)
            out.append(PredictedEvent(at, at + len(cue), agents,
                                      s.get("modality", "asserted"), s.get("id", "")))
    return out


#: How far (characters) from a statement's content its cue is sought ("..., said X").
_CUE_REACH = 120


def _cue_offset(text: str, cue: str, start: int, end: int) -> int | None:
    """Return where a statement's cue word stands: its whole-word occurrence outside the
    content (``start``-``end``) nearest to it, within :data:`_CUE_REACH` characters."""
    found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(cue)}(?!\w)", text[
        max(0, start - _CUE_REACH):end + _CUE_REACH])]
    found = [max(0, start - _CUE_REACH) + at for at in found]
    outside = [at for at in found if not start <= at < end]
    return min(outside, key=lambda at: min(abs(at - start), abs(at - end)), default=None)


def _kg_events(pred: dict[str, Any], text: str) -> list[PredictedEvent]:
    out = []
    for e in pred.get("events", []):
        trigger = e.get("trigger") or ""
        spans = e.get("mentions") or [{"start": e["start"], "end": e["end"]}]
        agents = tuple(r["name"] for r in e.get("participant_roles", [])
                       if r.get("role") == "agent") + ((e["agent_text"],)
                                                      if e.get("agent_text") else ())
        found = [(t["start"], t["end"]) for t in e.get("triggers") or ()] or [
            at for span in spans
            if (at := _find_trigger(text, trigger, span["start"], span["end"])) is not None]
        out += [PredictedEvent(*at, agents, e.get("modality", "asserted"), e.get("id", ""))
                for at in found]
    return out


def _find_trigger(text: str, trigger: str, start: int, end: int) -> tuple[int, int] | None:
    """Return the offsets of a trigger in a mention, or of another form of its word (a merged
    mention may say "unveiled" where the event's trigger is "unveils")."""
    if not trigger:
        return None
    at = text.find(trigger, start, end)
    if at != -1:
        return at, at + len(trigger)
    stem = trigger[:max(4, len(trigger) - 3)]
    match = re.compile(rf"\b{re.escape(stem)}\w*", re.I).search(text, start, end)
    return match.span() if match and len(trigger) > 4 else None


def verb_baseline(doc, limit: int | None = None) -> list[PredictedEvent]:
    """Return every verb with a nominal subject of a parsed ``Doc`` (before ``limit``) as an
    event whose agent is the subject phrase."""
    out = []
    for token in doc:
        if limit is not None and token.idx >= limit:
            break
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


def event_mentions(preds: Sequence[PredictedEvent]) -> list[PredictedEvent]:
    """Return the predicted event mentions with an agent, one per trigger span: the records
    of one trigger (an event and the statement of the same "said") are one mention with the
    agents of all."""
    by_span: dict[tuple[int, int], PredictedEvent] = {}
    for p in preds:
        if not p.agents:
            continue
        seen = by_span.get((p.start, p.end))
        by_span[(p.start, p.end)] = p if seen is None else replace(
            seen, agents=tuple(dict.fromkeys(seen.agents + p.agents)))
    return list(by_span.values())


def agent_event_counts(gold_events: Sequence[dict[str, Any]],
                       preds: Sequence[PredictedEvent],
                       entities: Sequence[dict[str, Any]] = ()) -> tuple[int, int, int]:
    """Return (true positives, predicted mentions with an agent, gold with an Arg0) for one
    document; ``entities`` (the gold entity mentions) give each Arg0 its coreferent names."""
    gold = [(g, coreferent_names(g, entities)) for g in gold_events if g.get("who")]
    predicted = event_mentions(preds)
    found = sum(1 for g, names in gold if any(
        _names_match(a, w) for p in _matches(g, predicted) for a in p.agents for w in names))
    right = sum(1 for p in predicted if any(
        _overlap(p.start, p.end, g["start"], g["end"]) and any(
            _names_match(a, w) for a in p.agents for w in names) for g, names in gold))
    return right, len(predicted), found if gold else 0


def agent_event_errors(gold_events: Sequence[dict[str, Any]],
                       preds: Sequence[PredictedEvent],
                       entities: Sequence[dict[str, Any]] = ()) -> tuple[list, list]:
    """Return one document's errors of :func:`agent_event_counts`: the gold events with an
    Arg0 not found (each with the predicted mentions on its trigger) and the predicted
    mentions that name no gold Arg0 of an event they overlap."""
    gold = [(g, coreferent_names(g, entities)) for g in gold_events if g.get("who")]
    predicted = event_mentions(preds)
    missed = [(g, _matches(g, predicted)) for g, names in gold if not any(
        _names_match(a, w) for p in _matches(g, predicted) for a in p.agents for w in names)]
    wrong = [p for p in predicted if not any(
        _overlap(p.start, p.end, g["start"], g["end"]) and any(
            _names_match(a, w) for a in p.agents for w in names) for g, names in gold)]
    return missed, wrong


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
