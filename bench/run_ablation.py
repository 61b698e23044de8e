"""Measure what each registered rule earns: every set with the rule off beside all rules on.

Usage: ``.venv/bin/python bench/run_ablation.py [--sets conll2003_dev,meantime] [--rules
a,b] [--limit N] [--model NAME] [--json PATH] [--output bench/quality.md]``. Writes (or
replaces) the "Rule ablation" section of ``bench/quality.md``: per rule, the change each set's
scores take when the rule is switched on (all rules on minus that rule off), and the verdict
of the team rule (keep a rule only if it helps on at least two sets and hurts none).

The spaCy model runs once per set: its annotated documents are copied for every rule and only
kg's own components run again (rules read ``KG_DISABLE`` at call time). Rules that act before
the model (entity-ruler patterns, dateline entities) rerun the whole pipeline. A rule that
never fired on a set with all rules on (every call returned what it returns when off,
:func:`kg.ablation.recording_fired`) cannot change that set's output: it is not rerun.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from run_quality import commit_note  # noqa: E402

import kg.extract  # noqa: E402,F401  (registers the components and rules)
from kg.ablation import ENV_VAR, RULES, recording_fired  # noqa: E402
from kg.evaluate.adapters import NAMED_SETS, GoldSet, load_gold, named_set_path  # noqa: E402
from kg.evaluate.run import corpus_predictions, gold_articles, run_eval  # noqa: E402

#: Rules that act before the model (pattern lists, preset dateline entities): the model
#: itself must run again with them off.
BEFORE_MODEL = frozenset({"bloc_patterns", "dateline_actors", "demonym_body_patterns",
                          "national_org_patterns", "plan_patterns", "title_phrase_patterns"})
#: Score parts a rule can move, and whether higher is better.
METRICS: tuple[tuple[str, str, bool], ...] = (
    ("entities_typed", "f1", True), ("entities_untyped", "f1", True),
    ("duplicate_nodes", "value", False), ("junk_actors", "value", False),
    ("quotes", "f1", True), ("speakers", "value", True), ("event_date_hit", "value", True),
)
SHORT = {"entities_typed": "typed", "entities_untyped": "untyped", "duplicate_nodes": "dup",
         "junk_actors": "junk", "quotes": "quotes", "speakers": "speakers",
         "event_date_hit": "date hit"}
SECTION = "## Rule ablation"


def set_rules(names: Sequence[str]) -> None:
    """Switch off exactly the rules ``names`` (none when empty)."""
    if names:
        os.environ[ENV_VAR] = ",".join(names)
    else:
        os.environ.pop(ENV_VAR, None)


def needed_components(gold: GoldSet) -> tuple[str, ...]:
    """Return the kg components to run for a set: actors and their resolution when only
    entities (and dates, which read the model's entities alone) are scored, else all."""
    from kg.nlp import KG_COMPONENTS

    parts = {p for d in gold.docs for p in d.parts}
    return ("kg_actors", "kg_resolve") if parts <= {"entities", "junk", "dates"} \
        else KG_COMPONENTS


def model_docs(gold: GoldSet, model: str | None) -> tuple[list, str]:
    """Return the set's documents annotated by the model and kg's early components (before
    ``kg_actors``), with their chunk records, and the model label."""
    from kg.nlp import KG_COMPONENTS, load_pipeline, model_label
    from kg.pipeline import article_docs

    nlp = load_pipeline(model)
    with nlp.select_pipes(disable=list(KG_COMPONENTS)):
        pairs = list(nlp.pipe(article_docs(nlp, gold_articles(gold.docs)), as_tuples=True,
                              batch_size=16))
    return pairs, model_label(nlp)


def kg_predictions(pairs: list, label: str, components: Sequence[str],
                   model: str | None) -> list[dict[str, Any]]:
    """Return kg's scored output for copies of the annotated documents, running only kg's
    components (and its page-furniture ranges, which rules also decide) again."""
    from kg.extract.boilerplate import doc_text, junk_and_headline_ranges
    from kg.nlp import load_pipeline
    from kg.pipeline import doc_extractions

    nlp = load_pipeline(model)

    def annotated():
        for doc, meta in pairs:
            copy = doc.copy()
            copy._.kg_junk, copy._.kg_headlines = junk_and_headline_ranges(doc_text(copy))
            for name in components:
                copy = nlp.get_pipe(name)(copy)
            yield copy, meta

    return corpus_predictions(list(doc_extractions(annotated(), label)))


def score(gold: GoldSet, preds: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the kg scores of predictions over a set (the report's ``systems.kg``)."""
    return run_eval(gold, predictor=lambda _docs: preds, baseline=False)["systems"]["kg"]


def metric_values(scores: dict[str, Any]) -> dict[str, float]:
    """Return the value of each measured metric present in a set's scores."""
    return {part: scores[part][key] for part, key, _ in METRICS if part in scores}


def deltas(on: dict[str, float], off: dict[str, float]) -> dict[str, float]:
    """Return, per metric, how much switching the rule on improves it (positive = better)."""
    better = {part: higher for part, _, higher in METRICS}
    return {m: round((on[m] - off[m]) * (1 if better[m] else -1), 4) for m in on}


def verdict(by_set: dict[str, dict[str, float] | None]) -> tuple[list[str], list[str]]:
    """Return the sets where the rule helps (some metric better, none worse) and those where
    it hurts (some metric worse); a set where it never fired is neither."""
    moved = {s: d for s, d in by_set.items() if d}
    helps = [s for s, d in moved.items() if any(v > 0 for v in d.values())
             and not any(v < 0 for v in d.values())]
    hurts = [s for s, d in moved.items() if any(v < 0 for v in d.values())]
    return helps, hurts


def run(sets: Sequence[str], rules: Sequence[str], limit: int | None,
        model: str | None, save: Path | None = None) -> dict[str, Any]:
    """Return the all-on scores and each rule's deltas, set by set: first the rules that act
    after the model, on every set, then those before it (a whole rerun each). The figures
    are written to ``save`` after each set, so a long run that stops keeps what it did."""
    results: dict[str, Any] = {"sets": {}, "rules": {r: {} for r in rules}}
    golds: dict[str, GoldSet] = {}
    for name in sets:
        path = named_set_path(name)
        if path is None or not path.is_file():
            print(f"skip {name}: {path} is absent", flush=True)
            continue
        golds[name] = gold = load_gold(path, limit=limit)
        started = time.monotonic()
        set_rules([])
        with recording_fired() as fired:
            pairs, label = model_docs(gold, model)
            base = metric_values(score(gold, kg_predictions(pairs, label,
                                                            needed_components(gold), model)))
        results["sets"][name] = {"docs": len(gold.docs), "all_on": base,
                                 "fired": dict(sorted(fired.items()))}
        print(f"{name}: {len(gold.docs)} docs, all rules on {base} "
              f"({time.monotonic() - started:.0f} s)", flush=True)
        for rule in [r for r in rules if r not in BEFORE_MODEL]:
            measure(results, rule, name, gold, pairs, label, model)
            finish_set(results, name, None, save)
        finish_set(results, name, started, save)
    for name, gold in golds.items():
        started = time.monotonic()
        for rule in [r for r in rules if r in BEFORE_MODEL]:
            measure(results, rule, name, gold, None, "", model)
            finish_set(results, name, None, save)
        finish_set(results, name, started, save)
    return results


def measure(results: dict[str, Any], rule: str, name: str, gold: GoldSet,
            pairs: list | None, label: str, model: str | None) -> None:
    """Store the deltas of ``rule`` on one set in ``results`` (``None`` when it never fired
    there). With no ``pairs`` the model reruns with the rule off."""
    import kg.nlp

    fired = results["sets"][name]["fired"]
    if not fired.get(rule) and not rule.endswith("_patterns"):
        results["rules"][rule][name] = None  # never fired: nothing to change
        return
    set_rules([rule])
    try:
        if pairs is None:
            kg.nlp._load_pipeline.cache_clear()  # ruler patterns are read at load time
            pairs, label = model_docs(gold, model)
        off = metric_values(score(gold, kg_predictions(pairs, label, needed_components(gold),
                                                       model)))
    finally:
        set_rules([])
        if rule in BEFORE_MODEL:
            kg.nlp._load_pipeline.cache_clear()
    results["rules"][rule][name] = deltas(results["sets"][name]["all_on"], off)
    print(f"  {rule}: {results['rules'][rule][name]}", flush=True)


def finish_set(results: dict[str, Any], name: str, started: float | None,
               save: Path | None) -> None:
    """Write the figures so far to ``save`` (after every rule, so a run that stops keeps what
    it measured) and, given when it started, say the set is done."""
    if save is not None:
        save.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if started is not None:
        print(f"{name} done in {time.monotonic() - started:.0f} s", flush=True)


def team_rule(helps: int, hurts: bool, unmeasured: int) -> str:
    """Return the team rule's verdict: keep (helps on two sets or more, hurts none), remove,
    or open while the sets not yet measured could still decide it."""
    if hurts:
        return "remove"
    if helps >= 2:
        return "keep"
    return f"open ({unmeasured} sets not measured)" if helps + unmeasured >= 2 else "remove"


def cell(by_set: dict[str, float] | None, measured: bool) -> str:
    """Return one table cell: the non-zero deltas of a set, "0" when none moved, "·" when
    the rule never fired there, "" when the set was not measured."""
    if not measured:
        return ""
    if by_set is None:
        return "·"
    moved = [f"{SHORT[m]} {v:+.4f}" for m, v in by_set.items() if v]
    return ", ".join(moved) or "0"


def section(results: dict[str, Any], note: str) -> str:
    """Return the markdown "Rule ablation" section of the results."""
    sets = list(dict.fromkeys([*NAMED_SETS, *results["sets"]]))
    lines = [SECTION, "", note, "",
             "Each cell: how much a score improves when the rule is on (all rules on, minus "
             "all rules on but that one); typed/untyped = entity F1, dup = duplicate-node rate "
             "and junk = junk-actor rate (signs flipped: positive = fewer), speakers = speaker "
             "accuracy, date hit = main-event date hit rate. 0: the rule fired but no score moved; "
             "·: the rule never fired on that set (its output is the same with it off).", "",
             "| rule | " + " | ".join(sets) + " | helps on | hurts on | verdict |",
             "|---|" + "---|" * (len(sets) + 3)]
    for rule, by_set in results["rules"].items():
        helps, hurts = verdict(by_set)
        lines.append(f"| `{rule}` | " + " | ".join(cell(by_set.get(s), s in by_set) for s in sets)
                     + f" | {len(helps)} | {', '.join(hurts) or '-'} | "
                     + team_rule(len(helps), bool(hurts), len(set(sets) - set(by_set))) + " |")
    base = ", ".join(f"{s} {figures['docs']} docs" for s, figures in results["sets"].items())
    lines += ["", f"Sets: {base}."]
    return "\n".join(lines) + "\n"


def write_section(path: Path, text: str) -> None:
    """Put ``text`` in place of the "Rule ablation" section of ``path`` (or at its end)."""
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    start = old.find(SECTION + "\n")
    if start == -1:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        end = old.find("\n## ", start + len(SECTION))
        new = old[:start] + text + (old[end + 1:] if end != -1 else "")
    path.write_text(new, encoding="utf-8")


def merged(runs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Return the figures of several runs as one (sets in first-seen order, rules in name
    order; a later run's figures for a rule and set replace an earlier one's)."""
    out: dict[str, Any] = {"sets": {}, "rules": {}}
    for run_ in runs:
        for name, figures in run_["sets"].items():
            out["sets"].setdefault(name, figures)
        for rule, by_set in run_["rules"].items():
            out["rules"].setdefault(rule, {}).update(by_set)
    out["rules"] = dict(sorted(out["rules"].items()))
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the ablation and write its section; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sets", default=",".join(NAMED_SETS))
    parser.add_argument("--rules", default="", help="comma-separated rules (default: all)")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "quality.md")
    parser.add_argument("--from-json", type=Path, nargs="+", default=None, metavar="PATH",
                        help="write the section from figures saved by --json (runs merged: "
                             "e.g. the pattern rules measured in a second process)")
    args = parser.parse_args(argv)
    if args.from_json:
        results = merged([json.loads(p.read_text(encoding="utf-8")) for p in args.from_json])
        write_section(args.output, section(results, "Run by `bench/run_ablation.py`"
                                           f"{commit_note()}, figures merged from "
                                           f"{len(args.from_json)} runs."))
        print(f"wrote {args.output}")
        return 0
    rules = [r for r in args.rules.split(",") if r] or sorted(
        r for r, target in RULES.items() if target.startswith("kg."))
    unknown = sorted(set(rules) - set(RULES))
    if unknown:
        parser.error(f"unknown rules: {', '.join(unknown)}")
    os.chdir(ROOT)
    started = time.monotonic()
    results = run(args.sets.split(","), rules, args.limit, args.model, args.json)
    note = (f"Run by `bench/run_ablation.py`{commit_note()}"
            + (f" on the first {args.limit} documents per set" if args.limit else "")
            + (f", model `{args.model}`" if args.model else "")
            + f", {time.monotonic() - started:.0f} s.")
    write_section(args.output, section(results, note))
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
