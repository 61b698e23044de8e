"""Store benchmark (run by hand): the example queries on a synthetic store of >= 1M triples.

Generates synthetic :class:`~kg.model.Extraction` records shaped like real ones (articles with
actors, mentions, roles, statements with stances, dated events with agents, targets and places;
actor popularity follows a Zipf-like law so "Russia" and "Marco Rubio" are frequent), maps them
with :mod:`kg.rdf` exactly as ``kg build`` does (a named graph per article plus the shared
actors graph with mention counts), bulk-loads the quads into an on-disk Oxigraph store with
``Store.bulk_extend`` and into an rdflib in-memory ``Dataset`` (union default graph), then
times every ``ontology/queries/*.rq`` on both. rdflib runs each query in a forked child killed
after ``--cap`` seconds ("> cap").

    .venv/bin/python bench/bench_store.py                      # 1M triples, cap 120 s
    .venv/bin/python bench/bench_store.py --triples 200000 --rdflib-triples 200000 --cap 30
    .venv/bin/python bench/bench_store.py --markdown bench/store-table.md

Prints a Markdown table (paste it into bench/README.md, section "Store").
"""

from __future__ import annotations

import argparse
import gc
import os
import pickle
import platform
import random
import select
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from kg.model import (
    Article,
    Entity,
    Event,
    Extraction,
    Mention,
    Participant,
    Role,
    Stance,
    Statement,
    entity_id,
)
from kg.ontology_files import example_queries
from kg.rdf import (
    ACTORS_GRAPH,
    KG,
    actor_iri,
    actor_triples,
    article_graph_iri,
    article_refs,
    event_links,
    event_triples,
    extraction_triples,
    role_triples,
)
from kg.store import to_ox

MODEL = "en_core_web_sm-3.8.0"
EVENT_TYPES = ("attack", "meeting", "agreement", "protest", "sanction", "election", "strike")
TITLES = ("President", "Foreign Minister", "Prime Minister", "Secretary of State", "Spokesperson")
CUES = ("said", "told reporters", "warned", "stated", "added")
FIXED_ACTORS = (
    ("Country", "Russia", "RU"), ("Person", "Marco Rubio", None), ("Country", "Ukraine", "UA"),
    ("Country", "United States", "US"), ("Place", "Ternopil", None), ("Place", "Geneva", None),
    ("Organization", "European Union", None), ("Plan", "28-point peace plan", None),
)
ACTOR_KINDS = ("Person", "Person", "Person", "Country", "Place", "Place", "Organization", "Group",
               "Plan")


# ------------------------------------------------------------------------------ generation


def actor_pool(size: int, rng: random.Random) -> list[tuple[str, str, str | None]]:
    """Return (type, name, country code) of ``size`` actors, the fixed well-known ones first."""
    pool = list(FIXED_ACTORS)
    while len(pool) < size:
        kind = rng.choice(ACTOR_KINDS)
        n = len(pool)
        code = f"Z{chr(65 + n % 26)}" if kind == "Country" else None
        pool.append((kind, f"{kind} {n:05d}", code))
    return pool


def _mention(text: str, start: int, sentence: int) -> Mention:
    return Mention(text=text, start=start, end=start + len(text), sentence=sentence)


def synthetic_extraction(
    index: int, pool: list[tuple[str, str, str | None]], weights: list[float], rng: random.Random
) -> Extraction:
    """Return one synthetic article's extraction (about 200 triples when mapped)."""
    day = 1 + index % 700
    year, rest = (2024, day) if day <= 365 else (2025, day - 365)
    month = min(12, 1 + (rest - 1) // 31)
    published = f"{year}-{month:02d}-{1 + (rest - 1) % 28:02d}"
    text = f"Synthetic report {index}. " + "Officials met and talked about the war. " * 20
    article = Article(id=f"synth{index:07d}", title=f"Synthetic report {index}", text=text,
                      published=published, source=f"synthetic/{index}.txt",
                      url=f"https://news.example.org/{index}")
    chosen: dict[str, tuple[str, str, str | None]] = {}
    while len(chosen) < 6:
        kind, name, code = rng.choices(pool, weights=weights)[0]
        chosen[entity_id(kind, name)] = (kind, name, code)
    entities = []
    for n, (eid, (kind, name, code)) in enumerate(chosen.items()):
        mentions = (_mention(name, 40 * n, n % 5), _mention(name, 400 + 40 * n, 5 + n % 5))
        aliases = (name.upper(),) if n % 3 == 0 else ()
        entities.append(Entity(eid, name, kind, aliases, mentions, code))
    people = [e for e in entities if e.type == "Person"]
    countries = [e for e in entities if e.type in ("Country", "Organization")]
    places = [e for e in entities if e.type == "Place"]
    others = [e for e in entities if e.type != "Place"]
    roles = []
    if people:
        roles.append(Role(f"{article.id}-r0", people[0].id, rng.choice(TITLES),
                          countries[0].id if countries else None, _mention("title", 5, 0)))
    statements = []
    for n in range(3):
        speaker = people[n % len(people)] if people and n < 2 else None
        about = tuple(e for e in others if speaker is None or e.id != speaker.id)[:2]
        stance = (Stance(about[0].id, rng.choice(("negative", "positive"))),) if about else ()
        statements.append(Statement(
            id=f"{article.id}-s{n}", quote=f"Quote {n} of report {index} about the talks.",
            kind=rng.choice(("direct", "reported")), speaker=speaker.name if speaker else None,
            speaker_id=speaker.id if speaker else None, cue=rng.choice(CUES), date=published,
            date_precision="day", about=tuple(e.name for e in about),
            about_ids=tuple(e.id for e in about), mention=_mention("quote", 100 + 60 * n, 2 + n),
            sentence_text=f"Sentence {n} of report {index}, with a quote.", stances=stance,
        ))
    events = []
    for n in range(2):
        kind = rng.choice(EVENT_TYPES)
        actors = others[n: n + 2] or entities[:2]
        roles_of = ("agent", "target") if kind == "attack" else ("participant", "participant")
        participants = tuple(Participant(e.id, e.name, r)
                             for e, r in zip(actors, roles_of, strict=False))
        precision = rng.choice(("day", "day", "month", "year"))
        date = {"day": published, "month": published[:7], "year": published[:4]}[precision]
        events.append(Event(
            id=f"{article.id}-e{n}", date=date, date_precision=precision, type=kind,
            label=f"{kind} {n} in report {index}", trigger=kind,
            participants=participants, places=tuple(Participant(p.id, p.name) for p in places[:1]),
            mention=_mention(kind, 300 + 50 * n, 3 + n),
            sentence_text=f"Event sentence {n} of report {index}.", date_text=date,
            date_basis="text",
        ))
    return Extraction(article, tuple(entities), tuple(statements), tuple(events), tuple(roles),
                      model=MODEL)


def synthetic_quads(target: int, seed: int = 7) -> Iterator[tuple]:
    """Yield rdflib quads (s, p, o, graph IRI) until at least ``target`` have been produced."""
    rng = random.Random(seed)
    pool = actor_pool(max(500, target // 400), rng)
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(pool))]
    mentions: Counter[str] = Counter()
    seen: dict[str, Entity] = {}
    produced = 0
    index = 0
    while produced < target:
        extraction = synthetic_extraction(index, pool, weights, rng)
        graph = article_graph_iri(extraction.article.id)
        for s, p, o in extraction_triples(extraction, "2026-01-01T00:00:00+00:00"):
            yield s, p, o, graph
            produced += 1
        shared = role_triples(extraction.roles, article_refs(extraction)) + \
            event_triples(event_links(extraction))
        for s, p, o in shared:
            yield s, p, o, ACTORS_GRAPH  # shared facts, stored once (duplicates are no-ops)
        for entity in extraction.entities:
            mentions[entity.id] += len(entity.mentions)
            seen.setdefault(entity.id, entity)
        index += 1
    from rdflib import XSD, Literal

    for s, p, o in actor_triples(seen.values()):
        yield s, p, o, ACTORS_GRAPH
    for eid, count in mentions.items():
        yield actor_iri(eid), KG.mentionCount, Literal(count, datatype=XSD.integer), ACTORS_GRAPH


# ------------------------------------------------------------------------------ loading


def load_oxigraph(quads: list[tuple], path: Path) -> tuple[ox.Store, float]:
    """Return an on-disk Oxigraph store bulk-loaded with ``quads`` and the seconds it took."""
    started = time.perf_counter()
    graphs: dict[URIRef, ox.NamedNode] = {}
    store = ox.Store(str(path))
    store.bulk_extend(
        ox.Quad(to_ox(s), to_ox(p), to_ox(o), graphs.setdefault(g, ox.NamedNode(str(g))))
        for s, p, o, g in quads
    )
    store.optimize()
    return store, time.perf_counter() - started


def load_rdflib(quads: list[tuple]) -> tuple[Dataset, float]:
    """Return an in-memory rdflib Dataset (union default graph) holding ``quads``."""
    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    graphs = {g: dataset.graph(g) for g in {q[3] for q in quads}}
    dataset.addN((s, p, o, graphs[g]) for s, p, o, g in quads)
    return dataset, time.perf_counter() - started


# ------------------------------------------------------------------------------ timing


def _in_child(run, cap: float) -> object | None:
    """Return ``run()`` computed in a forked child, or None when it takes over ``cap`` s."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: compute, report, exit without cleanup
        os.close(read_end)
        try:
            os.write(write_end, pickle.dumps(run()))
        finally:
            os._exit(0)
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], cap)
        if not ready:
            os.kill(pid, 9)
            return None
        data = b""
        while chunk := os.read(read_end, 65536):
            data += chunk
        return pickle.loads(data) if data else None
    finally:
        os.close(read_end)
        os.waitpid(pid, 0)


def time_oxigraph(
    path: Path, sparql: str, cap: float, runs: int = 3
) -> tuple[float | None, float | None, int]:
    """Return (cold run, median of ``runs`` warm runs) seconds and the result size.

    Runs in a forked child on a read-only handle of the store, killed after ``cap`` seconds
    (then both times are None): Oxigraph cannot cancel a query in process.
    """

    def run() -> tuple[float, float, int]:
        store = ox.Store.read_only(str(path))
        times, size = [], 0
        for _ in range(runs + 1):
            started = time.perf_counter()
            result = store.query(sparql, use_default_graph_as_union=True)
            size = len(list(result)) if not isinstance(result, ox.QueryBoolean) else 1
            times.append(time.perf_counter() - started)
        return times[0], statistics.median(times[1:]), size

    outcome = _in_child(run, cap)
    return outcome if outcome is not None else (None, None, 0)


#: rdflib 7 does not unescape ``\\/`` in prefixed names (``kgid:graph\\/actors``); the query
#: it is given spells that IRI in full so both stores answer the same question.
RDFLIB_REWRITES = {r"kgid:graph\/actors": "<https://w3id.org/kg/id/graph/actors>"}


def time_rdflib(dataset: Dataset, sparql: str, cap: float) -> tuple[float | None, int]:
    """Return (seconds, result size) of one rdflib run in a forked child; None past ``cap``."""
    for old, new in RDFLIB_REWRITES.items():
        sparql = sparql.replace(old, new)

    def run() -> tuple[float, int]:
        started = time.perf_counter()
        size = len(list(dataset.query(sparql)))
        return time.perf_counter() - started, size

    outcome = _in_child(run, cap)
    return outcome if outcome is not None else (None, 0)


def bench_oxigraph(
    quads: list[tuple], path: Path, queries: list[dict[str, str]], cap: float
) -> tuple[int, float, dict[str, tuple[float | None, float | None, int]]]:
    """Return (quads, load seconds, name → (cold, warm, rows)) for an Oxigraph store at path."""
    store, load = load_oxigraph(quads, path)
    size = len(store)
    store.flush()
    del store
    gc.collect()
    print(f"oxigraph: {size} quads bulk-loaded in {load:.1f} s", file=sys.stderr)
    rows = {}
    for q in queries:
        first, warm, n = time_oxigraph(path, q["sparql"], cap)
        rows[q["name"]] = (first, warm, n)
        print(f"  oxigraph {q['name']}: {_fmt(first, cap)} cold, {_fmt(warm, cap)} warm,"
              f" {n} rows", file=sys.stderr)
    return size, load, rows


#: Rewrites of example queries to try side by side with the originals ({name: ((old, new),)}).
#: The rewrites found earlier (required patterns before OPTIONAL / inside UNION branches, no
#: type pattern matching once per article graph) are applied in ontology/queries/ itself.
REWRITES: dict[str, tuple[tuple[str, str], ...]] = {}


def suggested_rewrites(queries: list[dict[str, str]]) -> list[dict[str, str]]:
    """Return the rewritten variants (name suffixed "-rewritten") of the queries in REWRITES."""
    out = []
    for q in queries:
        if q["name"] not in REWRITES:
            continue
        sparql = q["sparql"]
        for old, new in REWRITES[q["name"]]:
            if old not in sparql:
                raise ValueError(f"{q['name']}: rewrite no longer applies ({old!r})")
            sparql = sparql.replace(old, new)
        out.append({**q, "name": q["name"] + "-rewritten", "sparql": sparql})
    return out


def _fmt(seconds: float | None, cap: float) -> str:
    if seconds is None:
        return f"> {cap:g} s"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--rdflib-triples", type=int, default=None,
                        help="size of the rdflib data set (default: same as --triples)")
    parser.add_argument("--cap", type=float, default=120.0, help="rdflib seconds per query")
    parser.add_argument("--ox-cap", type=float, default=60.0,
                        help="Oxigraph seconds per query (cold + 3 warm runs)")
    parser.add_argument("--markdown", type=Path, default=None, help="also write the table here")
    args = parser.parse_args(argv)
    rdflib_target = args.rdflib_triples or args.triples

    queries = example_queries() + suggested_rewrites(example_queries())
    started = time.perf_counter()
    ox_quads = list(synthetic_quads(args.triples))
    print(f"generated {len(ox_quads)} quads in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        ox_size, ox_load, ox_rows = bench_oxigraph(
            ox_quads, Path(tmp) / "big", queries, args.ox_cap)
        rd_quads = ox_quads if rdflib_target == args.triples else list(
            synthetic_quads(rdflib_target))
        del ox_quads
        same_ox_rows = ox_rows
        if rdflib_target != args.triples:  # the ratio compares both stores on the same data
            _, _, same_ox_rows = bench_oxigraph(rd_quads, Path(tmp) / "small", queries, args.ox_cap)
    gc.collect()
    dataset, rd_load = load_rdflib(rd_quads)
    rd_size = len(rd_quads)
    del rd_quads
    gc.collect()
    print(f"rdflib: {rd_size} quads loaded in {rd_load:.1f} s", file=sys.stderr)
    rd_rows = {}
    for q in queries:
        seconds, size = time_rdflib(dataset, q["sparql"], args.cap)
        rd_rows[q["name"]] = (seconds, size)
        print(f"  rdflib {q['name']}: {_fmt(seconds, args.cap)}, {size} rows", file=sys.stderr)

    lines = [
        f"Synthetic store: {ox_size:,} quads (Oxigraph, on disk, `bulk_extend` in"
        f" {ox_load:.1f} s); rdflib `Dataset` in memory: {rd_size:,} quads (loaded in"
        f" {rd_load:.1f} s). Machine: {platform.processor() or platform.machine()},"
        f" {os.cpu_count()} CPUs, Python {platform.python_version()}, pyoxigraph"
        f" {metadata.version('pyoxigraph')}, rdflib {metadata.version('rdflib')}."
        f" rdflib cap {args.cap:g} s per query.",
        "",
        "| query | rows | Oxigraph cold | Oxigraph warm (median of 3) | rdflib"
        " | rdflib / Oxigraph (same data) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for q in queries:
        first, warm, size = ox_rows[q["name"]]
        _, base, base_size = same_ox_rows[q["name"]]
        seconds, rd_size_rows = rd_rows[q["name"]]
        if base is None:
            ratio = "n/a"
        elif seconds is None:
            ratio = f"> {args.cap / max(base, 1e-6):,.1f}×"
        else:
            ratio = f"{seconds / max(base, 1e-6):,.1f}×"
        same = "" if None in (seconds, base) or rd_size_rows == base_size else " (rows differ!)"
        rows_text = str(size) if warm is not None else f"({rd_size_rows} in rdflib)"
        lines.append(f"| {q['name']} | {rows_text} | {_fmt(first, args.ox_cap)} |"
                     f" {_fmt(warm, args.ox_cap)}"
                     f" | {_fmt(seconds, args.cap)}{same} | {ratio} |")
    table = "\n".join(lines)
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")
    slow = [n for n, (_, warm, _) in ox_rows.items() if warm is None or warm >= 1.0]
    if slow:
        print(f"queries at or over 1 s on Oxigraph: {', '.join(slow)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
