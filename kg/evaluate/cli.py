"""``kg eval``: score kg's extraction (and a plain spaCy baseline) against gold files."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from kg.evaluate.adapters import DATASETS, GoldFormatError, load_gold
from kg.evaluate.run import PARTS, EvalError, run_eval

LABELS: dict[str, str] = {
    "entities_typed": "entities (typed)",
    "entities_untyped": "entities (untyped)",
    "duplicate_nodes": "duplicate nodes (lower is better)",
    "junk_actors": "junk actors / nodes (lower is better)",
    "quotes": "direct quotes",
    "speakers": "speaker accuracy (named gold)",
    "dates": "date spans",
    "date_accuracy": "date values, of matched spans",
    "date_recall": "date values, of all gold",
    "event_date_hit": "main-event date hit rate",
    "event_date_hit_reachable": "main-event date hit rate (gold day ≤ publication)",
}


def result_cells(value: dict[str, Any] | None, kind: str) -> list[str]:
    """Return the P, R and F1-or-rate cells of one part of a report (blank when absent)."""
    if value is None:
        return ["", "", ""]
    if kind == "score":
        return [f"{value['precision']:.3f}", f"{value['recall']:.3f}", f"{value['f1']:.3f}"]
    return ["", "", f"{value['value']:.3f} ({value['hits']}/{value['total']})"]


def report_table(report: dict[str, Any]) -> Table:
    """Return a rich table of one report: a row per part, P/R/F1 (or rate) per system."""
    systems = list(report["systems"])
    title = f"{report['dataset']}: {report['path'] or ''} ({report['docs']} documents)"
    table = Table(title=title)
    table.add_column("part")
    for name in systems:
        for col in ("P", "R", "F1 / rate"):
            table.add_column(f"{name} {col}", justify="right")
    for part, kind in PARTS:
        values = [report["systems"][s].get(part) for s in systems]
        if all(v is None for v in values):
            continue
        row = [LABELS[part]]
        for v in values:
            row += result_cells(v, kind)
        table.add_row(*row)
    return table


@click.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--dataset", type=click.Choice(DATASETS), default=None,
              help="Gold format (default: detected from the path and content).")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Score only the first N documents of each file.")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
@click.option("--baseline/--no-baseline", default=True, show_default=True,
              help="Also score plain spaCy NER.")
@click.option("--model", default=None, help="spaCy model for kg and the baseline.")
@click.pass_context
def eval_command(
    ctx: click.Context,
    gold: Sequence[str],
    dataset: str | None,
    limit: int | None,
    as_json: bool,
    baseline: bool,
    model: str | None,
) -> None:
    """Run extraction over GOLD files and print precision, recall and F1 per part."""
    injected = ctx.obj if isinstance(ctx.obj, dict) else {}
    predictor = injected.get("eval_predictor")
    baseline_arg = injected.get("eval_baseline", True) if baseline else False
    reports = []
    console = Console()
    for path in gold:
        try:
            gold_set = load_gold(path, dataset=dataset, limit=limit)
        except FileNotFoundError as exc:
            raise click.ClickException(str(exc)) from exc
        except GoldFormatError as exc:
            raise click.ClickException(str(exc)) from exc
        for message in gold_set.skipped:
            click.echo(f"skipped: {message}", err=True)
        if not gold_set.docs:
            click.echo(f"{path}: no documents to score", err=True)
            continue
        try:
            report = run_eval(gold_set, predictor=predictor, baseline=baseline_arg, model=model)
        except EvalError as exc:
            raise click.ClickException(str(exc)) from exc
        reports.append(report)
        if not as_json:
            console.print(report_table(report))
    if as_json:
        click.echo(json.dumps(reports, indent=2))
