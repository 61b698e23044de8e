"""Per-mention error listing (``kg eval --errors``): what kg gets wrong, beside the baseline.

For every gold document with offset mentions (MEANTIME, CoNLL-2003) each row is one error
of kg's, typed scoring:

* ``missed``: a scored gold mention no kg mention overlaps;
* ``wrong_type``: kg has the span but a type the gold does not accept;
* ``spurious``: a kg mention that overlaps no gold mention (and no ignored one).

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
from kg.evaluate.metrics import PredictedMention, innermost_mentions, overlap, spans_match
from kg.evaluate.run import predicted_mentions

CONTEXT = 40
COLUMNS = ("doc", "domain", "error", "baseline", "text", "gold_type", "kg_type", "start",
           "context")


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
    if not gold.entities or any(g.start is None for g in gold.entities):
        return []
    kg_mentions = predicted_mentions(kg, gold.annotated_end)
    base_mentions = predicted_mentions(baseline or {}, gold.annotated_end)
    scored = [g for g in gold.entities if not g.ignored]
    ignored = [g for g in gold.entities if g.ignored]
    domain = gold.domain or ""
    out = []
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
    for kind in ("missed", "wrong_type", "spurious"):
        if kinds[kind]:
            by_base = Counter(e.baseline for e in errors if e.error == kind)
            detail = ", ".join(f"baseline {b}: {n}" for b, n in sorted(by_base.items()))
            parts.append(f"{kind}: {kinds[kind]} ({detail})")
    return "; ".join(parts) or "no errors"
