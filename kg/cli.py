"""The ``kg`` command line: build, extract, query, export, viz, stats, remove, validate, eval.

Every expected failure (bad input file, unusable store, bad query, missing model) ends with
one line on stderr naming the file and the reason, and a non-zero exit; never a traceback.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

DEFAULT_STORE = "kg-store"
STORE_OPTION = click.option(
    "--store", "store_path", default=lambda: os.environ.get("KG_STORE", DEFAULT_STORE),
    show_default=DEFAULT_STORE, help="Store directory (env KG_STORE).",
)
MODEL_OPTION = click.option(
    "--model", default=None, help="spaCy model name or path (env KG_SPACY_MODEL).")
WORKERS_OPTION = click.option(
    "--workers", "-j", type=click.IntRange(1), default=None,
    help="Extraction processes (default: the number of cores); same result for any number.")
SCHEDULER_OPTION = click.option(
    "--scheduler", default=None, metavar="tcp://HOST:8786",
    help="Extract on this Dask cluster instead of local processes.")


def _workers(workers: int | None) -> int:
    from kg.parallel import default_workers

    return workers or default_workers()


@contextmanager
def open_store(path: str, must_exist: bool = True, read_only: bool = False) -> Iterator:
    """Open a store for a command, turning store errors into one-line CLI errors; read-only
    commands work beside a running ``kg serve`` or another reader."""
    from kg.store import KGStore, StoreError

    if must_exist and not Path(path).is_dir():
        raise click.ClickException(f"{path}: no store here (run 'kg build ... --store {path}')")
    try:
        store = KGStore.open_read(path) if read_only else KGStore.open(path)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        yield store
    finally:
        store.close()


def _known_errors() -> tuple[type[BaseException], ...]:
    from kg.ingest import IngestError
    from kg.link import AliasFileError
    from kg.nlp import ModelError
    from kg.parallel import EngineError
    from kg.partitions import PartitionError
    from kg.store import StoreError

    return (IngestError, ModelError, StoreError, AliasFileError, EngineError, PartitionError)


#: Commands kept in modules of their own, imported only when run or listed (so ``kg extract``
#: does not start the server's and the evaluation's imports): name → (module, attribute).
LAZY_COMMANDS = {"eval": ("kg.evaluate.cli", "eval_command"),
                 "serve": ("kg.serve", "serve_command"), "push": ("kg.serve", "push_command")}
#: Lazy commands left out when their optional dependencies are not installed.
OPTIONAL_COMMANDS = frozenset({"serve", "push"})


class LazyGroup(click.Group):
    """The ``kg`` group: the commands of :data:`LAZY_COMMANDS` load on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS and name not in self.commands:
            import importlib

            module, attribute = LAZY_COMMANDS[name]
            try:
                self.add_command(getattr(importlib.import_module(module), attribute), name)
            except ImportError:
                if name not in OPTIONAL_COMMANDS:
                    raise
                return None
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """kg: news articles → a knowledge graph of actors, events and statements."""


@main.command()
@click.argument("paths", nargs=-1)
@STORE_OPTION
@click.option("--urls", "url_lists", multiple=True, type=click.Path(dir_okay=False),
              help="File of web page URLs (one a line) to fetch and read.")
@click.option("--http-cache", default=None, type=click.Path(file_okay=False),
              help="Cache of fetched pages (default: STORE.http-cache).")
@click.option("--host-interval", default=1.0, show_default=True, type=click.FloatRange(0),
              help="Seconds between requests to one host.")
@click.option("--published", default=None, help="Publication date (YYYY-MM-DD) for all input.")
@MODEL_OPTION
@click.option("--aliases", "aliases_path", type=click.Path(dir_okay=False), default=None,
              help="CSV of alias,canonical,type[,action] rules for actor merging.")
@click.option("--keep-going", is_flag=True, help="Skip bad files (or lines, items) with a warning.")
@WORKERS_OPTION
@SCHEDULER_OPTION
@click.option("--bulk/--no-bulk", default=True, show_default=True,
              help="Into an empty store, write with Oxigraph's bulk loader into a fresh store"
              " swapped in at the end (--no-bulk: batch by batch, as into a non-empty one).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--verbose", "-v", is_flag=True,
              help="One line per skipped record (not English, non-HTML, non-200, copy).")
def build(paths, store_path, url_lists, http_cache, host_interval, published, model,
          aliases_path, keep_going, workers, scheduler, bulk, quiet, verbose) -> None:
    """Ingest articles into the store; re-runs add only news.

    PATHS are files or folders (.txt .md .html .json .jsonl, web archives .warc/.warc.gz,
    feeds .rss/.atom/.xml) or '-' for stdin; --urls adds web pages.
    """
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from kg.build import build_store
    from kg.link import load_aliases

    _check_date(published)
    if not paths and not url_lists:
        raise click.UsageError("give article files or folders, or --urls FILE")
    console = Console(stderr=True)
    try:
        urls, fetch = _fetch_plan(url_lists, http_cache or f"{store_path}.http-cache",
                                  host_interval)
        rules = load_aliases(aliases_path) if aliases_path else []
        progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"),
            TextColumn("{task.completed} articles"), TimeElapsedColumn(), console=console,
            disable=quiet or not console.is_terminal, transient=True,
        )
        with open_store(store_path, must_exist=False) as store, progress:
            task = progress.add_task("building", total=None)

            def advance(extraction) -> None:
                progress.update(task, advance=1, description=extraction.article.title[:40])

            report = build_store(paths, store, published=published, model=model,
                                 aliases=rules, keep_going=keep_going, on_article=advance,
                                 urls=urls, fetch=fetch, workers=_workers(workers),
                                 scheduler=scheduler, bulk=bulk)
    except _known_errors() as exc:
        raise click.ClickException(str(exc)) from None
    for error in report.errors:
        click.echo(f"warning: {skip_message(error)}", err=True)
    for notice in report.notices:
        if verbose or notice.kind == "failed URL":  # a link the user gave always gets a line
            click.echo(f"skipped {notice}", err=True)
    left_out = "".join(f", {n} {kind}" for kind, n in sorted(report.skipped.items()))
    click.echo(
        f"{store_path}: {report.added} added, {report.replaced} replaced, "
        f"{report.unchanged} unchanged, {len(report.errors)} skipped{left_out}; "
        f"{report.merges} actor merges"
    )


def _fetch_plan(url_lists, cache: str, interval: float):
    """Return the URLs of the ``--urls`` files and how to fetch them."""
    from pathlib import Path

    from kg.ingest import FetchSettings, read_url_list

    urls = [u for f in url_lists for u in read_url_list(f)]
    return urls, FetchSettings(cache=Path(cache), interval=interval)


def skip_message(error: str) -> str:
    """Return the warning for a skipped input: what was skipped, then where and why.

    >>> skip_message("a.jsonl: line 2: malformed JSON")
    'skipped line 2 of a.jsonl: malformed JSON'
    >>> skip_message("b.txt: empty file")
    'skipped b.txt: empty file'
    """
    import re

    m = re.match(r"^(.*?): ((?:line|item) \d+): (.*)$", str(error))
    if m:
        return f"skipped {m.group(2)} of {m.group(1)}: {m.group(3)}"
    return f"skipped {error}"


def _check_date(value: str | None) -> None:
    if value is None:
        return
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not an ISO date (YYYY-MM-DD): {value!r}",
                                 param_hint="--published") from None


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json",
              show_default=True, help="json: one JSON object per article per line.")
@click.option("--published", default=None, help="Publication date (YYYY-MM-DD) for all input.")
@MODEL_OPTION
@click.option("--keep-going", is_flag=True, help="Skip bad files with a warning.")
@WORKERS_OPTION
@SCHEDULER_OPTION
@click.option("-o", "--output", "output_dir", default=None, type=click.Path(file_okay=False),
              help="Write JSON Lines parts (part-00000.jsonl, ...) to this folder.")
@click.option("--part-size", default=1000, show_default=True, type=click.IntRange(1),
              help="Articles per part with --output.")
def extract(paths, fmt, published, model, keep_going, workers, scheduler, output_dir,
            part_size) -> None:
    """Extract actors, statements and events without a store (JSON Lines to stdout, or
    partitioned JSON Lines in a folder with --output)."""
    from kg.extract_files import extract_paths

    _skip_collection_at_exit()
    _check_date(published)
    if output_dir and fmt != "json":
        raise click.UsageError("--output writes JSON Lines; leave out --format text")

    def warn(error) -> None:
        click.echo(f"warning: {skip_message(error)}", err=True)

    try:
        records = extract_paths(paths, published=published, model=model, keep_going=keep_going,
                                on_error=warn, workers=_workers(workers), scheduler=scheduler)
        if output_dir:
            from kg.partitions import write_partitions

            count, parts = write_partitions(records, output_dir, part_size)
            click.echo(f"{output_dir}: {count} articles in {parts} parts", err=True)
            return
        for extraction in records:
            if fmt == "json":
                click.echo(json.dumps(extraction.to_json(), ensure_ascii=False))
            else:
                click.echo(_text_summary(extraction))
    except _known_errors() as exc:
        raise click.ClickException(str(exc)) from None


def _skip_collection_at_exit() -> None:
    """Have the garbage collector leave alone, at interpreter exit, the objects alive then.

    Python's exit runs the cycle collector over every object still alive (the model's
    ~100,000 among them) before the memory goes back to the system anyway: ~0.2 s of CPU,
    as much as reading the model's weights. Freezing them first (``gc.freeze``, in an exit
    handler) skips that walk; they are still freed one by one, files still closed, exit
    handlers still run. Once per process, however often the command runs in it.
    """
    import atexit
    import gc

    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


def _text_summary(extraction) -> str:
    a = extraction.article
    lines = [f"# {a.title} ({a.published or 'undated'}) [{a.id}]", "Actors:"]
    lines += [f"  {e.type:<12} {e.name} ({len(e.mentions)})"
              + (f" — {', '.join(e.roles)}" if e.roles else "") for e in extraction.entities]
    lines.append("Statements:")
    lines += [f"  {s.speaker or '?'}: “{s.quote[:100]}” [{s.kind}, {s.date}]"
              for s in extraction.statements]
    lines.append("Events:")
    lines += [f"  {e.date} ({_date_note(e)}) {e.type}: {e.label}{_event_note(e)}"
              for e in sorted(extraction.events, key=lambda e: (e.date is None, e.date or ""))]
    return "\n".join(lines) + "\n"


def _event_note(event) -> str:
    """Return what marks an event in the text summary: main, modality, candidate."""
    notes = (["main"] if event.main else []) + (
        [event.modality] if event.modality != "asserted" else []) + (
        [f"candidate {event.confidence:.1f}"] if event.confidence < 0.5 else [])
    return f" [{', '.join(notes)}]" if notes else ""


def _date_note(event) -> str:
    """Return an event's date precision, and where the date came from when not its sentence
    ("day, from publication date")."""
    if event.date_basis in (None, "text"):
        return event.date_precision
    source = "publication date" if event.date_basis == "publication" else "nearby sentence"
    return f"{event.date_precision}, from {source}"


def _read_query(query: str) -> str:
    if query.endswith((".rq", ".sparql")) or (len(query) < 256 and Path(query).is_file()):
        try:
            return Path(query).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise click.ClickException(f"{query}: cannot read query ({exc})") from None
    return query


QUERY_FORMATS = ["table", "json", "xml", "csv", "tsv"]
#: ``--format`` → RDF syntax for CONSTRUCT / DESCRIBE results.
_GRAPH_FORMATS = {"table": "turtle", "json": "jsonld", "xml": "rdfxml", "csv": "ntriples",
                  "tsv": "ntriples"}


@main.command()
@click.argument("query")
@STORE_OPTION
@click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS), default="table",
              show_default=True,
              help="table for people; json, xml, csv, tsv: the W3C SPARQL 1.1 results formats"
                   " (CONSTRUCT: Turtle, JSON-LD, RDF/XML, N-Triples).")
@click.option("--spreadsheet-safe/--raw-cells", default=True, show_default=True,
              help="CSV/TSV: prefix ' to text cells starting with = + - @ (no formulas when"
                   " opened in a spreadsheet).")
@click.option("--allow-service", multiple=True, metavar="HOST",
              help="Let SERVICE reach HOST (repeatable); otherwise remote access is refused.")
def query(query, store_path, fmt, spreadsheet_safe, allow_service) -> None:
    """Run a SPARQL query (text or a .rq file) over the store."""
    import pyoxigraph as ox

    from kg import sparql_results
    from kg.rdf import PREFIXES
    from kg.store import StoreError

    sparql = _read_query(query)
    with open_store(store_path, read_only=True) as store:
        store.allow_service = tuple(allow_service)
        try:
            result = store.raw_query(sparql)
            if isinstance(result, ox.QuerySolutions):
                variables = [v.value for v in result.variables]
                rows = [[solution[v] for v in variables] for solution in result]
            elif isinstance(result, ox.QueryBoolean):
                value = bool(result)
            else:
                triples = list(result)
        except (StoreError, OSError, RuntimeError, ValueError) as exc:
            raise click.ClickException(" ".join(str(exc).split())) from None

    def out(data: bytes) -> None:
        click.echo(data, nl=False)

    if isinstance(result, ox.QuerySolutions):
        if fmt == "table":
            click.echo(format_table(variables, rows), nl=False)
        else:
            out(sparql_results.serialize_select(fmt, variables, rows,
                                                spreadsheet_safe=spreadsheet_safe))
    elif isinstance(result, ox.QueryBoolean):
        if fmt == "table":
            click.echo("true" if value else "false")
        else:
            out(sparql_results.serialize_ask(fmt, result))
    else:
        out(sparql_results.serialize_graph(_GRAPH_FORMATS[fmt], triples, PREFIXES))


def format_table(variables: list[str], rows: list[list]) -> str:
    """Return SELECT rows (pyoxigraph terms) as a text table for people: IRIs and literals
    by their value, unbound as empty, and the row count."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for column in variables:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if t is None else getattr(t, "value", str(t)) for t in row))
    console = Console(file=io.StringIO(), width=160, record=True)
    console.print(table)
    console.print(f"{len(rows)} rows")
    return console.export_text()


EXPORT_FORMATS = ["ttl", "nt", "jsonld", "trig", "nq", "graphml", "gexf"]


@main.command()
@STORE_OPTION
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="trig",
              show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False))
@click.option("--resolve-actors", is_flag=True,
              help="Write each actor and event reference as the actor or event it refers to"
                   " (references left out),"
                   " for tools that should not read through kg:refersTo; the default layout is"
                   " the stored one, which `kg import` loads back.")
def export(store_path, fmt, output, resolve_actors) -> None:
    """Export the store as RDF (ttl, nt, jsonld, trig, nq) or a graph file (graphml, gexf)."""
    with open_store(store_path, read_only=True) as store:
        if fmt in ("graphml", "gexf"):
            from kg.graph import to_networkx
            from kg.graphfile import write_gexf, write_graphml

            graph = to_networkx(store)
            (write_graphml if fmt == "graphml" else write_gexf)(graph, output)
        else:
            store.export(output, fmt, resolve_actors=resolve_actors)
    click.echo(f"wrote {output}")


@main.command(name="import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@STORE_OPTION
def import_(path, store_path) -> None:
    """Load a TriG or N-Quads export into the store."""
    from kg.store import StoreError

    with open_store(store_path, must_exist=False) as store:
        try:
            count = store.import_file(path)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"{path}: {count} quads loaded")


@main.command()
@STORE_OPTION
@click.option("-o", "--output", default="graph.html", show_default=True,
              type=click.Path(dir_okay=False))
@click.option("--view", type=click.Choice(["actors", "facts", "timeline", "map"]),
              default="actors", show_default=True,
              help="actors: actor network; facts: every statement and event as a node too.")
@click.option("--focus", default=None, help="Actor name or IRI: draw its ego network.")
@click.option("--depth", default=2, show_default=True, type=click.IntRange(1, 6))
@click.option("--timeline", is_flag=True, help="Same as --view timeline.")
@click.option("--map", "as_map", is_flag=True, help="Same as --view map.")
@click.option("--group-by", type=click.Choice(["actor", "type"]), default="actor")
@click.option("--max-actors", default=300, show_default=True, type=click.IntRange(1),
              help="Actor network, timeline and map: the actors with the most facts, read"
              " with their facts (without --focus).")
@click.option("--max-edges", default=1500, show_default=True, type=click.IntRange(0),
              help="Actor network: keep the heaviest links.")
@click.option("--max-nodes", default=1500, show_default=True, type=click.IntRange(10),
              help="Facts view: nodes drawn when the page opens.")
@click.option("--title", default=None)
def viz(store_path, output, view, focus, depth, timeline, as_map, group_by, max_actors,
        max_edges, max_nodes, title) -> None:
    """Write an interactive HTML page of the graph (works offline)."""
    from kg.graph import to_networkx
    from kg.viz import render_graph_page, render_map_page

    if timeline and as_map:
        raise click.UsageError("--timeline and --map write different pages: choose one")
    view = "timeline" if timeline else "map" if as_map else view
    with open_store(store_path, read_only=True) as store:
        # the pages draw the top actors: read only them and their facts (not with --focus,
        # whose actor may be any, nor for the facts view, which lists every fact)
        whole = focus is not None or view == "facts"
        graph = to_networkx(store, max_actors=None if whole else max_actors)
    try:
        if view == "map":
            path = render_map_page(graph, output, title=title or "kg map", focus=focus,
                                   depth=depth)
        else:
            path = render_graph_page(graph, output, view=view, focus=focus, depth=depth,
                                     group_by=group_by, max_actors=max_actors,
                                     max_edges=max_edges, max_nodes=max_nodes,
                                     title=title or ("kg timeline" if view == "timeline"
                                                     else "kg graph"))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {path}")


@main.command()
@STORE_OPTION
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def stats(store_path, as_json) -> None:
    """Counts by type and the most-mentioned actors."""
    with open_store(store_path, read_only=True) as store:
        summary = store.stats()
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=1))
        return
    click.echo(f"articles   {summary['articles']}")
    click.echo(f"actors     {summary['actors']}  "
               + ", ".join(f"{k} {v}" for k, v in summary["actors_by_type"].items()))
    click.echo(f"events     {summary['events']}")
    click.echo(f"statements {summary['statements']}")
    click.echo(f"roles      {summary['roles']}")
    click.echo(f"triples    {summary['triples']}")
    click.echo("top actors:")
    for actor in summary["top_actors"]:
        click.echo(f"  {actor['mentions']:>4}  {actor['name']} ({actor['type']})")


@main.command()
@click.argument("article_ids", nargs=-1, required=True)
@STORE_OPTION
def remove(article_ids, store_path) -> None:
    """Remove articles (by id or IRI, as `kg query` lists them), the actors only they
    mention and the records of their copies; the other articles are linked again."""
    from kg.build import remove_articles
    from kg.rdf import article_id_of

    ids = [article_id_of(a.strip()) for a in article_ids]
    with open_store(store_path) as store:
        removed = remove_articles(store, ids)
    for article_id, copies in removed.items():
        noun = "copy" if len(copies) == 1 else "copies"
        also = f" and {len(copies)} {noun} of it: {', '.join(copies)}" if copies else ""
        click.echo(f"removed {article_id}{also}")
    missing = [i for i in ids if i not in removed]
    if missing:
        raise click.ClickException(f"{', '.join(missing)}: no such article in {store_path}")


@main.command()
@STORE_OPTION
def validate(store_path) -> None:
    """Check the store against the SHACL shapes in ontology/shapes.ttl."""
    from kg.validate import validate_store

    with open_store(store_path) as store:
        report = validate_store(store)
    if report.conforms:
        click.echo("conforms: no SHACL violations")
        return
    for focus, path, message in report.violations[:50]:
        click.echo(f"{focus} {path}: {message}")
    raise click.ClickException(f"{len(report.violations)} SHACL violations")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
