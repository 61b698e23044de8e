"""Measure what each registered rule earns: every set with the rule off beside all rules on.

Usage: ``.venv/bin/python bench/run_ablation.py [--sets conll2003_dev,meantime] [--rules
a,b] [--limit N] [--model NAME] [--cache DIR] [--json PATH] [--output bench/quality.md]``.
Writes (or replaces) the "Rule ablation" section of ``bench/quality.md``: per rule, the change
each set's scores take when the rule is switched on (all rules on minus that rule off), and
the verdict of the team rule (keep a rule only if it helps on at least two sets and hurts none).

The spaCy model runs once per text: its documents are stored in ``--cache``
(:class:`kg.doc_cache.DocCache`, by model, stage and text) and every run after the first only
runs kg's own components. Rules that act in the model stage (dateline entities before the
parser, entity-ruler patterns) rerun it from where they act: the cache's stage fingerprint
changes with them, so the parse or the ruler and NER run again. The other rules are measured
article by article: an article where the rule never fired with all rules on (every call
returned what the rule returns when off, :func:`kg.ablation.recording_fired`) has the same
extraction with it off, so only the articles where it fired are extracted again; the set is
then linked as one corpus and scored as ``kg eval`` does.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from run_quality import commit_note  # noqa: E402

import kg.extract  # noqa: E402,F401  (registers the components and rules)
from kg.ablation import ENV_VAR, RULES, recording_fired  # noqa: E402
from kg.doc_cache import MODEL_STAGE, DocCache, load_time_rules, stage_rules  # noqa: E402
from kg.evaluate.adapters import NAMED_SETS, GoldSet, load_gold, named_set_path  # noqa: E402
from kg.evaluate.run import corpus_predictions, gold_articles, run_eval  # noqa: E402

#: Score parts a rule can move, and whether higher is better.
METRICS: tuple[tuple[str, str, bool], ...] = (
    ("entities_typed", "f1", True), ("entities_untyped", "f1", True),
    ("duplicate_nodes", "value", False), ("junk_actors", "value", False),
    ("quotes", "f1", True), ("speakers", "value", True), ("event_date_hit", "value", True),
    ("main_actors", "value", True), ("main_actors_typed", "value", True),
    ("main_actor_junk", "value", False),
)
SHORT = {"entities_typed": "typed", "entities_untyped": "untyped", "duplicate_nodes": "dup",
         "junk_actors": "junk", "quotes": "quotes", "speakers": "speakers",
         "event_date_hit": "date hit", "main_actors": "who/where",
         "main_actors_typed": "who/where typed", "main_actor_junk": "who/where junk"}
SECTION = "## Rule ablation"
#: A change of a score by at most this much is noise (one entity in a set of ~2,000 moves F1
#: by ~0.0005): it neither helps nor hurts.
THRESHOLD = 0.0005
DEFAULT_CACHE = ROOT / "bench" / "out" / "model-docs"


def set_rules(names: Sequence[str]) -> None:
    """Switch off exactly the rules ``names`` (none when empty)."""
    if names:
        os.environ[ENV_VAR] = ",".join(names)
    else:
        os.environ.pop(ENV_VAR, None)


def model_stage_rules(model: str | None) -> frozenset[str]:
    """Return the rules that act in the model stage: read when the pipeline is built (the
    entity ruler's patterns) or run by kg's pipes before the model's output is complete."""
    from kg.nlp import load_pipeline

    return load_time_rules() | stage_rules(load_pipeline(model, frozenset()), MODEL_STAGE)


def article_extractions(cache: DocCache, gold: GoldSet, model: str | None,
                        only: set[int] | None = None) -> list[tuple[Any, Counter]]:
    """Return, per article of the set (or of the indexes ``only``), kg's extraction with the
    rules ``KG_DISABLE`` switches off now and the count of calls where each rule fired."""
    out = []
    for i, article in enumerate(gold_articles(gold.docs)):
        if only is not None and i not in only:
            out.append((None, Counter()))
            continue
        with recording_fired() as fired:
            [extraction] = cache.extractions([article], model)
        out.append((extraction, Counter(fired)))
    return out


def score(gold: GoldSet, extractions: Sequence[Any]) -> dict[str, float]:
    """Return the measured kg scores of a set's extractions (linked as one corpus)."""
    preds = corpus_predictions(list(extractions))
    scores = run_eval(gold, predictor=lambda _docs: preds, baseline=False)["systems"]["kg"]
    return {part: scores[part][key] for part, key, _ in METRICS if part in scores}


def deltas(on: dict[str, float], off: dict[str, float]) -> dict[str, float]:
    """Return, per metric, how much switching the rule on improves it (positive = better)."""
    better = {part: higher for part, _, higher in METRICS}
    return {m: round((on[m] - off[m]) * (1 if better[m] else -1), 4) for m in on}


def verdict(by_set: dict[str, dict[str, float] | None]) -> tuple[list[str], list[str]]:
    """Return the sets where the rule helps (some score better by more than :data:`THRESHOLD`,
    none worse by more) and those where it hurts (some score worse by more than it); a set
    where it never fired, or where it moved no score by more than the threshold, is neither."""
    moved = {s: d for s, d in by_set.items() if d}
    helps = [s for s, d in moved.items() if any(v > THRESHOLD for v in d.values())
             and not any(v < -THRESHOLD for v in d.values())]
    hurts = [s for s, d in moved.items() if any(v < -THRESHOLD for v in d.values())]
    return helps, hurts


def run(sets: Sequence[str], rules: Sequence[str], limit: int | None, model: str | None,
        cache_dir: Path, save: Path | None = None, reverse: bool = False) -> dict[str, Any]:
    """Return the all-on scores and each rule's deltas, set by set (the rules that act after
    the model first, then those of the model stage; ``reverse``: the model stage first, for a
    second process that meets the first halfway). The figures are written to ``save`` after
    each rule, so a long run that stops keeps what it did. Within each group the rules keep
    the order given, so the rows that matter most can be measured first."""
    results: dict[str, Any] = {"sets": {}, "rules": {r: {} for r in rules}}
    early = model_stage_rules(model)
    cache = DocCache(cache_dir, keep=True)
    for name in sets:
        path = named_set_path(name)
        if path is None or not path.is_file():
            print(f"skip {name}: {path} is absent", flush=True)
            continue
        gold = load_gold(path, limit=limit)
        started = time.monotonic()
        set_rules([])
        base = article_extractions(cache, gold, model)
        on = score(gold, [x for x, _ in base])
        fired = sum((f for _, f in base), Counter())
        results["sets"][name] = {"docs": len(gold.docs), "all_on": on,
                                 "fired": dict(sorted(fired.items()))}
        print(f"{name}: {len(gold.docs)} docs, all rules on {on} "
              f"({time.monotonic() - started:.0f} s)", flush=True)
        for rule in sorted(rules, key=lambda r: r in early, reverse=reverse):
            touched = None if rule in early else {i for i, (_, f) in enumerate(base) if f[rule]}
            if touched == set():
                results["rules"][rule][name] = None  # never fired: nothing to change
                continue
            set_rules([rule])
            try:
                redone = article_extractions(cache, gold, model, touched)
            finally:
                set_rules([])
            extractions = [new if new is not None else old
                           for (old, _), (new, _) in zip(base, redone, strict=True)]
            same = all(x == old for x, (old, _) in zip(extractions, base, strict=True))
            # the same extractions give the same scores: no need to link and score them again
            results["rules"][rule][name] = dict.fromkeys(on, 0.0) if same else \
                deltas(on, score(gold, extractions))
            print(f"  {rule} ({'all' if touched is None else len(touched)} docs): "
                  f"{results['rules'][rule][name]}", flush=True)
            finish_set(results, name, None, save)
        finish_set(results, name, started, save)
    return results


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
             "accuracy, date hit = main-event date hit rate, who/where (typed) = main-event "
             "who/where phrases named by an actor (of a fitting type), who/where junk = actors "
             "inside them that cover no name (sign flipped). 0: the rule fired but no score "
             "moved; "
             "·: the rule never fired on that set (its output is the same with it off). "
             f"A rule helps a set when a score improves by more than {THRESHOLD} and none gets "
             f"worse by more than {THRESHOLD}; it hurts a set when a score gets worse by more "
             f"than {THRESHOLD} (smaller changes are one entity in a set: noise). Team rule: "
             "keep a rule that helps on two sets or more and hurts none.", "",
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
    parser.add_argument("--sets", default="all",
                        help="comma-separated named sets, or all (the default: every named set)")
    parser.add_argument("--rules", default="",
                        help="comma-separated rules, measured in this order (default: all)")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--reverse", action="store_true",
                        help="measure the rules in reverse order (a second process)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                        help="where the model's documents are kept between runs")
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
    sets = list(NAMED_SETS) if args.sets == "all" else args.sets.split(",")
    results = run(sets, rules, args.limit, args.model, args.cache,
                  args.json, args.reverse)
    note = (f"Run by `bench/run_ablation.py`{commit_note()}"
            + (f" on the first {args.limit} documents per set" if args.limit else "")
            + (f", model `{args.model}`" if args.model else "")
            + f", {time.monotonic() - started:.0f} s.")
    write_section(args.output, section(results, note))
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
