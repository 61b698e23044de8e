"""``kg eval``: score kg's extraction (and a plain spaCy baseline) against gold files."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from kg.ablation import ENV_VAR, disabled_names
from kg.evaluate.adapters import (
    DATASETS,
    NAMED_SETS,
    REPO_SETS,
    GoldFormatError,
    load_gold,
    named_set_path,
)
from kg.evaluate.errors import all_errors, error_summary, write_errors
from kg.evaluate.run import PARTS, EvalError, cached_predictor, run_eval

LABELS: dict[str, str] = {
    "entities_typed": "entities (typed)",
    "entities_untyped": "entities (untyped)",
    "duplicate_nodes": "duplicate nodes (lower is better)",
    "junk_actors": "junk actors / nodes (lower is better)",
    "quotes": "direct quotes",
    "speakers": "speaker accuracy (named gold)",
    "speakers_full": "speaker accuracy, full quotes (named gold)",
    "speakers_partial": "speaker accuracy, partial quotes (named gold)",
    "speakers_by_name": "speaker accuracy, resolved name only (named gold)",
    "speakers_full_by_name": "speaker accuracy, full quotes, resolved name only",
    "speakers_partial_by_name": "speaker accuracy, partial quotes, resolved name only",
    "dates": "date spans",
    "date_accuracy": "date values, of matched spans",
    "date_recall": "date values, of all gold",
    "event_date_hit": "main-event date hit rate",
    "event_date_hit_reachable": "main-event date hit rate (gold day ≤ publication)",
    "main_actors": "main-event who/where named by an actor",
    "main_actors_typed": "main-event who/where named by an actor of a fitting type",
    "main_who_typed": "main-event who named by a Person/Org/Country/Group",
    "main_where_typed": "main-event where named by a Place/Country",
    "main_actors_all": "main-event who/where, every phrase (named or not)",
    "main_actor_junk": "actors inside who/where covering no name (lower is better)",
}


def result_cells(value: dict[str, Any] | None, kind: str) -> list[str]:
    """Return the P, R and F1-or-rate cells of one part of a report (blank when absent)."""
    if value is None:
        return ["", "", ""]
    if kind == "score":
        return [f"{value['precision']:.3f}", f"{value['recall']:.3f}", f"{value['f1']:.3f}"]
    return ["", "", f"{value['value']:.3f} ({value['hits']}/{value['total']})"]


#: Parts also reported per domain slice (MEANTIME corpus, CoNLL sports / other, written
#: set domain).
SLICE_PARTS: tuple[str, ...] = ("entities_typed", "entities_untyped", "speakers")


def report_rows(report: dict[str, Any]) -> list[list[str]]:
    """Return the rows of one report: a part label, then P/R/F1 (or rate) per system; each
    domain slice adds its entity rows ("entities (typed) · sports, 101 docs")."""
    systems = list(report["systems"])
    kinds = dict(PARTS)
    rows = []
    for part, kind in PARTS:
        values = [report["systems"][s].get(part) for s in systems]
        if any(v is not None for v in values):
            rows.append([LABELS[part]] + [c for v in values for c in result_cells(v, kind)])
    for domain, by_system in report.get("slices", {}).items():
        n = report.get("domains", {}).get(domain)
        for part in SLICE_PARTS:
            values = [by_system.get(s, {}).get(part) for s in systems]
            if any(v is not None for v in values):
                label = f"{LABELS[part]} · {domain}" + (f", {n} docs" if n else "")
                rows.append([label] + [c for v in values
                                       for c in result_cells(v, kinds[part])])
    return rows


def report_table(report: dict[str, Any]) -> Table:
    """Return a rich table of one report: a row per part, P/R/F1 (or rate) per system."""
    systems = list(report["systems"])
    title = f"{report['dataset']}: {report['path'] or ''} ({report['docs']} documents)"
    table = Table(title=title)
    table.add_column("part")
    for name in systems:
        for col in ("P", "R", "F1 / rate"):
            table.add_column(f"{name} {col}", justify="right")
    for row in report_rows(report):
        table.add_row(*row)
    return table


#: Names ``--disable`` accepts besides kg's components and registered rules.
MODEL_COMPONENTS = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer",
                    "ner")


def check_disable(names: str) -> frozenset[str]:
    """Return the ``--disable`` names, or raise a one-line error naming unknown ones."""
    import kg.extract  # noqa: F401  (registers the components and rules)
    from kg.ablation import RULES, parse_names
    from kg.nlp import KG_COMPONENTS

    wanted = parse_names(names)
    known = {*KG_COMPONENTS, "kg_boilerplate", "kg_entity_ruler", *MODEL_COMPONENTS, *RULES}
    unknown = sorted(wanted - known)
    if unknown:
        raise click.ClickException(
            f"--disable: unknown component or rule {', '.join(unknown)} "
            f"(known: {', '.join(sorted(known))})")
    return wanted


def gold_paths(gold: Sequence[str], dataset: str | None) -> list[tuple[str, str | None]]:
    """Return (path, format) per GOLD argument: a file, a set name (``conll2003_dev``,
    ``meantime``, ...) or ``all``; with no GOLD, the set named by ``--dataset``."""
    names = list(gold)
    if not names:
        if dataset is None or named_set_path(dataset) is None:
            raise click.ClickException(
                "give a GOLD file, a set name (" + ", ".join(NAMED_SETS) + ", all) "
                "or --dataset with a set name")
        names = [dataset]
    out: list[tuple[str, str | None]] = []
    for name in names:
        if name == "all" and not Path(name).exists():
            out += [(str(named_set_path(n)), None) for n in NAMED_SETS
                    if named_set_path(n).is_file()]  # type: ignore[union-attr]
            continue
        named = None if Path(name).exists() else named_set_path(name)
        out.append((str(named), None) if named is not None
                   else (name, SET_FORMATS.get(dataset or "", dataset)))
    return out


#: Set names accepted by ``--dataset`` and the gold format each one is read with.
SET_FORMATS: dict[str, str] = {"conll2003_dev": "conll2003", "conll": "conll2003",
                               **dict.fromkeys(sorted(REPO_SETS), "plain")}


def list_rules(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """Print every registered rule (name, then what it does) and exit (``--list-rules``)."""
    if not value or ctx.resilient_parsing:
        return
    import kg.extract  # noqa: F401  (registers the components and rules)
    from kg.ablation import rule_summaries

    for name, summary in rule_summaries().items():
        click.echo(f"{name}\t{summary}")
    ctx.exit()


@click.command("eval")
@click.argument("gold", nargs=-1, type=click.Path(path_type=str))
@click.option("--dataset", type=click.Choice(sorted({*DATASETS, *NAMED_SETS, *SET_FORMATS})),
              default=None,
              help="Gold format of GOLD files (default: detected), or with no GOLD the named "
                   "set to score (e.g. conll2003_dev).")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Score only the first N documents of each file.")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
@click.option("--baseline/--no-baseline", default=True, show_default=True,
              help="Also score plain spaCy NER.")
@click.option("--model", default=None, help="spaCy model for kg and the baseline.")
@click.option("--disable", default="", metavar="NAMES",
              help="Comma-separated kg components or rules to switch off (ablation; same as "
                   "KG_DISABLE); --list-rules names the rules.")
@click.option("--list-rules", is_flag=True, expose_value=False, is_eager=True,
              callback=list_rules, help="List the rules --disable can switch off, and exit.")
@click.option("--cache", "cache_dir", default=None, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="Keep the spaCy model's documents in DIR and reuse them: a rerun (e.g. "
                   "with --disable) runs only kg's own steps on texts seen before.")
@click.option("--errors", "errors_path", default=None, metavar="FILE",
              type=click.Path(dir_okay=False, writable=True, allow_dash=True),
              help="Write kg's mention errors (missed, wrong type, spurious), the gold "
                   "entities it splits over two or more nodes (split: the nodes and the "
                   "mentions on each) and, on quote sets, its wrong speakers, with the "
                   "baseline's outcome on each, tab-separated; '-' for standard output.")
@click.pass_context
def eval_command(
    ctx: click.Context,
    gold: Sequence[str],
    dataset: str | None,
    limit: int | None,
    as_json: bool,
    baseline: bool,
    model: str | None,
    disable: str,
    cache_dir: Path | None,
    errors_path: str | None,
) -> None:
    """Run extraction over GOLD files (or named sets: conll2003_dev, meantime, polnear,
    giveme5w1h, seed, written, written2, written3, written4, written5, written6, written7,
    written8, written9, all) and print precision, recall and F1 per part, kg beside plain spaCy."""
    injected = ctx.obj if isinstance(ctx.obj, dict) else {}
    predictor = injected.get("eval_predictor")
    if predictor is None and cache_dir is not None:
        predictor = cached_predictor(cache_dir, model)
    baseline_arg = injected.get("eval_baseline", True) if baseline else False
    before = os.environ.get(ENV_VAR)
    if disable:
        os.environ[ENV_VAR] = ",".join(sorted(check_disable(disable) | disabled_names()))
    try:
        errors: list | None = [] if errors_path else None
        reports = run_reports(gold_paths(gold, dataset), limit, predictor, baseline_arg, model,
                              as_json or errors_path == "-", errors)
    finally:
        if before is None:
            os.environ.pop(ENV_VAR, None)
        else:
            os.environ[ENV_VAR] = before
    if errors is not None:
        with click.open_file(errors_path, "w", encoding="utf-8") as out:
            write_errors(errors, out)
        click.echo(f"errors: {error_summary(errors)}", err=True)
    if as_json:
        click.echo(json.dumps(reports, indent=2), err=errors_path == "-")


def run_reports(paths: Sequence[tuple[str, str | None]], limit: int | None, predictor: Any,
                baseline: Any, model: str | None, quiet: bool,
                errors: list | None = None) -> list[dict[str, Any]]:
    """Return the report of each gold file, printing each table as it is done unless quiet;
    with an ``errors`` list, add kg's mention errors to it."""
    reports = []
    console = Console() if Console().is_terminal else Console(width=160)
    for path, fmt in paths:
        try:
            gold_set = load_gold(path, dataset=fmt, limit=limit)
        except (FileNotFoundError, GoldFormatError) as exc:
            raise click.ClickException(str(exc)) from exc
        for message in gold_set.skipped:
            click.echo(f"skipped: {message}", err=True)
        if not gold_set.docs:
            click.echo(f"{path}: no documents to score", err=True)
            continue
        try:
            report = run_eval(gold_set, predictor=predictor, baseline=baseline, model=model,
                              keep_predictions=errors is not None)
        except EvalError as exc:
            raise click.ClickException(str(exc)) from exc
        predictions = report.pop("predictions", None)
        if errors is not None and predictions:
            errors += all_errors(gold_set.docs, predictions["kg"], predictions.get("baseline"))
        reports.append(report)
        if not quiet:
            console.print(report_table(report))
    return reports
