"""Per-mention error listing (``kg eval --errors``): what kg gets wrong, beside the baseline.

For every gold document with offset mentions (MEANTIME, CoNLL-2003) each row is one error
of kg's, typed scoring:

* ``missed``: a scored gold mention no kg mention overlaps;
* ``wrong_type``: kg has the span but a type the gold does not accept;
* ``spurious``: a kg mention that overlaps no gold mention (and no ignored one).

For every gold document with quotes (PolNeAR), each matched quote whose gold speaker is a
name and whose kg speaker name does not match it (the strict, resolved-name measure) is a
row ``wrong_speaker:full`` or ``wrong_speaker:partial`` (PolNeAR's ``direct``; plain
``wrong_speaker`` where the gold does not say): ``text`` is the quote, ``gold_type`` the gold
speaker span, ``kg_type`` kg's speaker name and, after ``|``, its ``speaker_description``.

For every Giveme5W1H article, each main-event ``who`` / ``where`` phrase that names someone
(:mod:`kg.evaluate.phrase_actors`) with no kg actor inside it is a row ``main_who:missed`` (or
``main_where:missed``), one with actors of no fitting type ``main_who:wrong_type``; each kg
actor mention inside a phrase that covers none of its names is ``main_actor_junk``.

For every gold document with instance ids (MEANTIME), each gold entity whose matched mentions
land on two or more kg nodes (a duplicate node, :func:`kg.evaluate.metrics.duplicate_mention_rate`)
is a row ``split``: ``text`` is its first matched mention, ``kg_type`` lists the nodes as
``name/type: the gold mentions that landed there``, and the baseline column says whether plain
spaCy ``also`` splits it or ``not``.

The ``baseline`` column says how plain spaCy did on the same item (``right``, ``wrong_type``,
``missed`` for gold mentions; ``also`` / ``not`` for spurious ones), so rule authors can sort
out what kg loses against the model it is built on (``baseline`` = ``right``).
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from kg.evaluate.adapters import GoldDoc, GoldEntity
from kg.evaluate.metrics import (
    PredictedMention,
    innermost_mentions,
    instance_landings,
    is_named_speaker,
    overlap,
    quote_score,
    quote_speaker_matches,
    spans_match,
)
from kg.evaluate.phrase_actors import actor_mentions, junk_mentions, phrase_status
from kg.evaluate.run import MIN_QUOTE_WORDS, predicted_mentions, predicted_quotes

CONTEXT = 40
COLUMNS = ("doc", "domain", "error", "baseline", "text", "gold_type", "kg_type", "start",
           "context")


#: The order of error kinds in :func:`error_summary` (speaker errors after these).
KIND_ORDER = {"missed": 0, "wrong_type": 1, "spurious": 2, "split": 3}


@dataclass(frozen=True)
class MentionError:
    """One kg error on one document, with how the baseline did on the same item."""

    doc: str
    domain: str
    error: str
    baseline: str
    text: str
    gold_type: str
    kg_type: str
    start: int
    context: str

    def row(self) -> list[str]:
        return [str(getattr(self, c)) for c in COLUMNS]


def gold_status(g: GoldEntity, predicted: Sequence[PredictedMention]) -> tuple[str, str]:
    """Return (``right`` / ``wrong_type`` / ``missed``, predicted types) for a gold mention."""
    hits = [p for p in predicted if spans_match((g.start, g.end), (p.start, p.end))]
    if any(p.type in g.types for p in hits):
        return "right", "/".join(sorted({p.type for p in hits}))
    if hits:
        return "wrong_type", "/".join(sorted({p.type for p in hits}))
    return "missed", ""


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - CONTEXT):start]
    right = text[end:end + CONTEXT]
    return " ".join(f"{left}[{text[start:end]}]{right}".split())


def document_errors(gold: GoldDoc, kg: dict[str, Any],
                    baseline: dict[str, Any] | None) -> list[MentionError]:
    """Return kg's mention errors on one document, each with the baseline's outcome (blank
    without a baseline)."""
    out = speaker_errors(gold, kg, baseline) + phrase_errors(gold, kg, baseline)
    if not gold.entities or any(g.start is None for g in gold.entities):
        return out
    kg_mentions = predicted_mentions(kg, gold.annotated_end)
    base_mentions = predicted_mentions(baseline or {}, gold.annotated_end)
    out += split_errors(gold, kg, kg_mentions, base_mentions if baseline is not None else None)
    scored = [g for g in gold.entities if not g.ignored]
    ignored = [g for g in gold.entities if g.ignored]
    domain = gold.domain or ""
    for g in innermost_mentions(scored):
        if not g.types:
            continue
        status, kg_type = gold_status(g, kg_mentions)
        if status != "right":
            out.append(MentionError(
                gold.id, domain, status,
                gold_status(g, base_mentions)[0] if baseline is not None else "", g.text,
                "/".join(g.types), kg_type, g.start or 0,
                _context(gold.text, g.start or 0, g.end or 0)))
    for p in kg_mentions:
        if any(spans_match((g.start, g.end), (p.start, p.end)) for g in scored) or any(
                overlap(p.start, p.end, g.start, g.end) for g in ignored):
            continue
        also = any(spans_match((p.start, p.end), (b.start, b.end)) for b in base_mentions)
        outcome = "" if baseline is None else "also" if also else "not"
        out.append(MentionError(
            gold.id, domain, "spurious", outcome, gold.text[p.start:p.end],
            "", p.type, p.start, _context(gold.text, p.start, p.end)))
    return out


def _split_nodes(landed: Sequence[tuple[GoldEntity, str]]) -> dict[str, list[str]]:
    """Return the gold mention texts of one gold entity grouped by the node they land on."""
    nodes: dict[str, list[str]] = {}
    for g, entity in landed:
        nodes.setdefault(entity, []).append(g.text)
    return nodes


def split_errors(gold: GoldDoc, kg: dict[str, Any], kg_mentions: Sequence[PredictedMention],
                 base_mentions: Sequence[PredictedMention] | None) -> list[MentionError]:
    """Return the gold entities of ``gold`` whose matched mentions land on two or more kg nodes,
    each naming the nodes and the mentions on each, and whether the baseline also splits it."""
    names = {e.get("id") or e.get("name", ""): f"{e.get('name', '')}/{e.get('type', '')}"
             for e in kg.get("entities", [])}
    base_split = set() if base_mentions is None else {
        instance for instance, landed in instance_landings(gold.entities, base_mentions).items()
        if len(_split_nodes(landed)) >= 2}
    out = []
    for instance, landed in instance_landings(gold.entities, kg_mentions).items():
        nodes = _split_nodes(landed)
        if len(nodes) < 2:
            continue
        first = landed[0][0]
        outcome = "" if base_mentions is None else "also" if instance in base_split else "not"
        listing = " | ".join(f"{names.get(e, e)}: {', '.join(texts)}" for e, texts in nodes.items())
        out.append(MentionError(
            gold.id, gold.domain or "", "split", outcome, first.text, "/".join(first.types),
            listing, first.start or 0, _context(gold.text, first.start or 0, first.end or 0)))
    return out


def speaker_errors(gold: GoldDoc, kg: dict[str, Any],
                   baseline: dict[str, Any] | None) -> list[MentionError]:
    """Return the matched quotes of ``gold`` whose named gold speaker kg's speaker name misses,
    each with the baseline's outcome on the same quote (``right`` / ``wrong`` / ``missed``)."""
    if not gold.quotes:
        return []
    min_words = MIN_QUOTE_WORDS if gold.dataset == "polnear" else 0
    _, pairs = quote_score(gold.quotes, predicted_quotes(kg, min_words))
    base_pairs = {}
    if baseline is not None:
        base_pairs = {id(g): p for g, p in quote_score(
            gold.quotes, predicted_quotes(baseline, min_words))[1]}
    out = []
    for g, p in pairs:
        if not is_named_speaker(g.speaker) or quote_speaker_matches(p, g.speaker):
            continue
        base = base_pairs.get(id(g))
        outcome = "" if baseline is None else "missed" if base is None else \
            "right" if quote_speaker_matches(base, g.speaker) else "wrong"
        start = g.start if g.start is not None else p.start or 0
        end = g.end if g.end is not None else start + len(g.quote)
        kind = f"wrong_speaker:{g.direct}" if g.direct else "wrong_speaker"
        out.append(MentionError(
            gold.id, gold.domain or "", kind, outcome, " ".join(g.quote.split()),
            g.speaker or "", f"{p.speaker or ''} | {p.description or ''}", start,
            _context(gold.text, max(0, start - 120), end)))
    return out


def _phrase_start(text: str, phrase: str) -> int:
    """Return where ``phrase`` first occurs in ``text`` (case ignored), else 0."""
    found = text.lower().find(phrase.lower())
    return max(found, 0)


def phrase_errors(gold: GoldDoc, kg: dict[str, Any],
                  baseline: dict[str, Any] | None) -> list[MentionError]:
    """Return kg's main-event who / where errors on one document: named phrases with no
    actor inside (or none of a fitting type), and actors inside a phrase covering no name,
    each with the baseline's outcome on the same phrase or mention."""
    if not gold.phrases:
        return []
    mine = actor_mentions(kg, gold.text)
    base = actor_mentions(baseline, gold.text) if baseline is not None else None
    out = []
    for phrase in gold.phrases:
        status, kinds = phrase_status(phrase, mine)
        if not phrase.names or status == "right":
            continue
        outcome = phrase_status(phrase, base)[0] if base is not None else ""
        start = _phrase_start(gold.text, phrase.text)
        out.append(MentionError(
            gold.id, gold.domain or "", f"main_{phrase.role}:{status}", outcome, phrase.text,
            phrase.role, kinds, start, _context(gold.text, start, start + len(phrase.text))))
    base_junk = {m.text for m in junk_mentions(gold.phrases, base)} if base is not None \
        else set()
    for m in junk_mentions(gold.phrases, mine):
        outcome = "" if base is None else "also" if m.text in base_junk else "not"
        start = _phrase_start(gold.text, m.text)
        out.append(MentionError(gold.id, gold.domain or "", "main_actor_junk", outcome,
                                m.text, "", m.type, start,
                                _context(gold.text, start, start + len(m.text))))
    return out


def all_errors(docs: Sequence[GoldDoc], kg: Sequence[dict[str, Any]],
               baseline: Sequence[dict[str, Any]] | None) -> list[MentionError]:
    """Return kg's mention errors over ``docs``; kg-only errors (baseline right, or not
    also spurious) first."""
    base = baseline if baseline is not None else [None] * len(docs)
    errors = [e for g, k, b in zip(docs, kg, base, strict=True) for e in document_errors(g, k, b)]
    kg_only = {"right", "not"}
    return sorted(errors, key=lambda e: (e.baseline not in kg_only, e.error, e.doc, e.start))


def write_errors(errors: Sequence[MentionError], out: TextIO) -> None:
    """Write the errors as tab-separated rows with a header."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in errors:
        writer.writerow(e.row())


def error_summary(errors: Sequence[MentionError]) -> str:
    """Return one line of counts per error kind and baseline outcome.

    >>> error_summary([MentionError("d", "", "missed", "right", "Ola", "Person", "", 0, "")])
    'missed: 1 (baseline right: 1)'
    """
    kinds = Counter(e.error for e in errors)
    parts = []
    for kind in sorted(kinds, key=lambda k: (KIND_ORDER.get(k, len(KIND_ORDER)), k)):
        if kinds[kind]:
            by_base = Counter(e.baseline for e in errors if e.error == kind)
            detail = ", ".join(f"baseline {b}: {n}" for b, n in sorted(by_base.items()))
            parts.append(f"{kind}: {kinds[kind]} ({detail})")
    return "; ".join(parts) or "no errors"
