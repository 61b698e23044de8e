"""Measure actor-type accuracy on gold-bounded names: plain spaCy's label vs kg's classifier.

Usage: ``python bench/measure_actor_type.py [--cache DIR] [--output bench/actor_type.md]``.
Sets: CoNLL-2003 dev (sports / other) and MEANTIME (by corpus); neither is used in training.
Every named PER / LOC / ORG gold mention is one item; its right type is Person / Place /
Organization (a MEANTIME country typed ORG also accepts Place: kg makes either a Country).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from actor_type_data import ROOT, Mention, actors, dataset, plain_model  # noqa: E402

from kg.extract.actor_type import (  # noqa: E402
    CONFIDENT,
    classify_actor,
    decide_actor_type,
    given_names,
    load_model,
    ner_majority,
    ner_type,
    place_names,
    read_model,
)

SETS: tuple[str, ...] = ("conll2003_dev", "meantime")
#: Lowercase words a name may contain ("Bank of England", "Marne-la-Vallée").
NAME_JOINERS = frozenset("of and the de la le du von van der den di da del y for on".split())


def name_shaped(mention: Mention) -> bool:
    """Return whether a gold span is a bare name (no comma, bracket or lowercase word other
    than a joiner), the kind of candidate kg types; MEANTIME also marks "Airbus chief
    executive Noel Forgeard" or "the government of Canada" as one named mention."""
    words = [t for t in mention.span if t.is_alpha]
    if any(t.text in ",()" for t in mention.span) or not words:
        return False
    return all(not t.is_lower or t.lower_ in NAME_JOINERS for t in words) and \
        not words[0].is_lower


SYSTEMS: tuple[tuple[str, str], ...] = (
    ("spacy", "spaCy label (per mention)"),
    ("spacy_actor", "spaCy label, majority over the actor's mentions"),
    ("model_mention", "classifier, this mention only"),
    ("model", "classifier, all the actor's mentions"),
    ("hybrid", f"decide_actor_type: classifier if p ≥ {CONFIDENT}, else spaCy majority"),
)
#: Lowercase words a name may contain ("Bank of England", "Marne-la-Vallée").
NAME_JOINERS = frozenset("of and the de la le du von van der den di da del y for on".split())


def predictions(group: list[Mention], model=None) -> dict[str, list[str | None]]:
    """Return each system's type for every mention of one actor."""
    spans = [m.span for m in group]
    majority = ner_majority(spans)
    whole = classify_actor(spans, model).label
    hybrid = decide_actor_type(spans, model).label
    return {
        "spacy": [ner_type(span) for span in spans],
        "spacy_actor": [majority] * len(group),
        "model_mention": [classify_actor([m.span], model).label for m in group],
        "model": [whole] * len(group),
        "hybrid": [hybrid] * len(group),
    }


def slices(mention: Mention) -> tuple[str, ...]:
    """Return the slices a mention counts in: all, its domain, and bare names."""
    return ("all", mention.domain, *(("bare names",) if name_shaped(mention) else ()))


def score_set(name: str, nlp, cache: Path | None, model=None) -> tuple[dict, float]:
    """Return slice → system → (right, total), and CPU ms per article to type every actor
    (CPU time: this machine's two cores are shared, so wall time says little)."""
    right: dict[str, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    seconds, n_docs = 0.0, 0
    for _doc, mentions in dataset(name, nlp, cache):
        n_docs += 1
        groups = actors(mentions).values()
        started = time.process_time()
        for group in groups:
            decide_actor_type([m.span for m in group], model)
        seconds += time.process_time() - started
        for group in groups:
            for system, types in predictions(group, model).items():
                for mention, kind in zip(group, types, strict=True):
                    for key in slices(mention):
                        right[key][system] += int(kind in mention.accepted)
            for mention in group:
                totals.update(slices(mention))
    table = {key: {s: (right[key][s], totals[key]) for s, _ in SYSTEMS} for key in totals}
    return table, 1000 * seconds / max(n_docs, 1)


def markdown(results: dict[str, tuple[dict, float]], load_seconds: float) -> str:
    """Return the report: one table per set, a row per slice, a column per system."""
    lines = [
        "# Actor type on gold-bounded names: plain spaCy vs kg's classifier",
        "",
        "Written by `bench/measure_actor_type.py` (classifier trained by",
        "`bench/train_actor_type.py` on CoNLL-2003 train only). Accuracy = gold PER / LOC / ORG",
        "mentions given the right type (Person / Place / Organization); a mention spaCy labels",
        "nothing (or DATE, MISC-like labels) counts as wrong for spaCy. Actors = mentions with the",
        "same name, or a one-word name that is the last word of exactly one longer name. A name",
        "the country gazetteer knows counts as right typed Place or Organization (kg makes it a",
        "Country either way). *bare names*: spans without a comma, bracket or lowercase word",
        "other than of/and/the/de... (MEANTIME also marks \"Airbus chief executive Noel",
        "Forgeard\" as one named mention; kg types the bare name).",
        "",
    ]
    header = "| slice | mentions | " + " | ".join(title for _, title in SYSTEMS) + " |"
    for name, (table, ms) in results.items():
        lines += [f"## {name}", "", header, "|" + " --- |" * (len(SYSTEMS) + 2)]
        order = ["all", "bare names", *sorted(k for k in table if k not in ("all", "bare names"))]
        for key in order:
            cells = []
            for system, _ in SYSTEMS:
                right, total = table[key][system]
                cells.append(f"{right / total:.3f}")
            lines.append(f"| {key} | {table[key]['spacy'][1]} | " + " | ".join(cells) + " |")
        lines += ["", f"decide_actor_type CPU time: {ms:.1f} ms per article (features + "
                      "scoring, every gold actor; spaCy parse not included).", ""]
    lines.append(f"One-off load of weights and gazetteers: {load_seconds:.1f} s CPU per process.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Score every set, print and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=None, help="folder for parsed articles")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "actor_type.md")
    parser.add_argument("--weights", type=Path, default=None,
                        help="weights to measure (default: the shipped ones)")
    args = parser.parse_args(argv)
    nlp = plain_model()
    started = time.process_time()
    model = read_model(args.weights) if args.weights else load_model()
    given_names()
    place_names()
    load_seconds = time.process_time() - started
    results = {name: score_set(name, nlp, args.cache, model) for name in SETS}
    report = markdown(results, load_seconds)
    args.output.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
