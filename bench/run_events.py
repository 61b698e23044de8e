"""Score kg's events on MEANTIME's event layer against the verb baseline (see
:mod:`kg.evaluate.event_scores`); prints a Markdown table for ``bench/quality.md``.

Usage: ``.venv/bin/python bench/run_events.py [--limit N] [--predictions FILE]
[--errors FILE] [--cache DIR]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.evaluate.adapters import load_gold  # noqa: E402
from kg.evaluate.event_scores import (  # noqa: E402
    agent_event_counts,
    agent_event_errors,
    cross_document_pairs,
    kg_predicted_events,
    negated_counts,
    verb_baseline,
)
from kg.evaluate.run import cached_predictor, kg_predictor, predict  # noqa: E402

GOLD = ROOT.parent / "shared" / "eval" / "meantime_en" / "normalized.jsonl"


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> str:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.3f} / {r:.3f} / {f:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int)
    parser.add_argument("--predictions", type=Path,
                        help="kg's predictions (JSON lines) to read instead of running kg; "
                             "written there when the file does not exist yet")
    parser.add_argument("--errors", type=Path,
                        help="write kg's (events + statements) missed and wrong agent events "
                             "there, one per line with its sentence")
    parser.add_argument("--cache", type=Path,
                        help="keep the spaCy model stage in this doc cache (as kg eval --cache)")
    args = parser.parse_args(argv)
    if not GOLD.exists():
        print(f"skipped: {GOLD} not found")
        return 0
    raw = [json.loads(line) for line in GOLD.open(encoding="utf-8")][:args.limit]
    docs = list(load_gold(GOLD, "meantime", args.limit).docs)
    preds = _kg_predictions(docs, args.predictions, args.cache)
    from kg.nlp import load_pipeline

    nlp = load_pipeline()
    systems = {
        "kg": lambda doc, pred: kg_predicted_events(pred, doc.text, doc.annotated_end),
        "kg+statements": lambda doc, pred: kg_predicted_events(
            pred, doc.text, doc.annotated_end, statements=True),
        "baseline": lambda doc, pred: verb_baseline(nlp(doc.text), doc.annotated_end),
    }
    if args.errors is not None:
        _write_errors(args.errors, systems["kg+statements"], docs, preds, raw)
    rows = {name: _scores(system, docs, preds, raw) for name, system in systems.items()}
    print("| MEANTIME events | kg events | kg events + statements | verb baseline |\n"
          "|---|---|---|---|")
    labels = ("events with agent (Arg0) P / R / F1", "gold NEG events output as asserted",
              "cross-document event pairs precision", "cross-document event pairs recall")
    for i, label in enumerate(labels):
        print(f"| {label} | " + " | ".join(rows[name][i] for name in systems) + " |")
    return 0


def _kg_predictions(docs, path: Path | None, cache: Path | None = None) -> list[dict]:
    """Return kg's predictions for ``docs``: read from ``path`` if it exists, else run kg
    (its model stage kept in ``cache`` when given; saved to ``path`` when given)."""
    if path is not None and path.exists():
        return [json.loads(line) for line in path.open(encoding="utf-8")][:len(docs)]
    preds = predict(cached_predictor(cache) if cache is not None else kg_predictor(), docs)
    if path is not None:
        path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    return preds


def _sentence(text: str, start: int, end: int) -> str:
    """Return the line-bounded sentence of ``text`` around ``start``-``end``, on one line."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right = min((at for at in (text.find(". ", end), text.find("\n", end)) if at != -1),
                default=len(text))
    return " ".join(text[left:right + 1].split())


def _write_errors(path: Path, system, docs, preds, raw) -> None:
    """Write one system's agent-event errors: ``MISS`` gold events (trigger, Arg0, kg's
    agents on that trigger) and ``WRONG`` predictions (trigger, agents), with the sentence."""
    lines = []
    for doc, pred, gold in zip(docs, preds, raw, strict=True):
        missed, wrong = agent_event_errors(gold["events"], system(doc, pred),
                                           gold.get("entities", ()))
        for g, hits in missed:
            kg = "; ".join("/".join(p.agents) for p in hits) or "-"
            lines.append(f"MISS\t{doc.id}\t{g['what']}\t{' | '.join(g['who'])}\t{kg}\t"
                         f"{_sentence(doc.text, g['start'], g['end'])}")
        for p in wrong:
            lines.append(f"WRONG\t{doc.id}\t{doc.text[p.start:p.end]}\t{'/'.join(p.agents)}"
                         f"\t-\t{_sentence(doc.text, p.start, p.end)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _scores(system, docs, preds, raw) -> tuple[str, str, str, str]:
    """Return one system's cells: agent P/R/F1, NEG as asserted, cross-document P and R."""
    tp_p = n_p = tp_g = n_g = neg_a = neg_f = 0
    per_doc = []
    for doc, pred, gold in zip(docs, preds, raw, strict=True):
        events = system(doc, pred)
        right, n_pred, found = agent_event_counts(gold["events"], events,
                                                    gold.get("entities", ()))
        tp_p, n_p, tp_g = tp_p + right, n_p + n_pred, tp_g + found
        n_g += sum(1 for g in gold["events"] if g.get("who"))
        a, f = negated_counts(gold["events"], events)
        neg_a, neg_f = neg_a + a, neg_f + f
        per_doc.append((doc.id, gold["events"], events))
    both, pair_p, pair_g = cross_document_pairs(per_doc)
    share = f" ({neg_a / neg_f:.0%})" if neg_f else ""
    return (_prf(tp_p, n_p, tp_g, n_g), f"{neg_a}/{neg_f}{share}",
            f"{both}/{pair_p}" if pair_p else "0/0 (no pair)", f"{both}/{pair_g}")


if __name__ == "__main__":
    raise SystemExit(main())
