"""Time the page data of ``kg viz`` and ``kg serve``'s ``/graph`` on a store: each query that
``kg.graph.to_networkx(store, max_actors=N)`` runs (CPU and wall, a cold run and the best of
3 warm runs, rows), then the whole projection (see bench/README.md, "Graph pages").

    python bench/bench_pages.py --store STORE [--top 300] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rdflib import URIRef  # noqa: E402

import kg.graph as graph  # noqa: E402
from kg.store import KGStore  # noqa: E402


def timed(run, repeat: int = 4) -> dict:
    """Return rows, CPU and wall seconds of ``run()`` (a cold run, then the best of the rest)."""
    cpu, wall, rows = [], [], 0
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        rows = run()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return {"rows": rows, "cpu": [cpu[0], min(cpu[1:])], "wall": [wall[0], min(wall[1:])]}


def page_queries(store: KGStore, top: int) -> list[dict]:
    """Time the ranking, each page query for the ``top`` actors and one actor's first
    mentions, reading the rows as the projection does."""
    def count(sparql: str, bindings: dict | None = None):
        return lambda: sum(1 for _ in graph._rows(store, sparql, bindings))

    actors = graph.top_actors(store, top)
    scope = graph.Scope(frozenset(actors))
    events = graph.scoped_events(graph._rows(store, graph.page_query("event actors", scope)),
                                 scope)
    runs = [("ranking", lambda: len(graph.top_actors(store, top)))]
    runs += [(name, count(graph.page_query(name, scope))) for name in graph.PAGE_QUERIES]
    runs.append(("events (by IRI, the event actors' events)",
                 lambda: sum(1 for _ in graph.event_rows(store, events))))
    runs.append(("first mentions (one actor)",
                 count(graph._MENTIONS_OF, {"a": URIRef(actors[0])})))
    out = []
    for name, run in runs:
        out.append({"name": name, **timed(run)})
        print(json.dumps(out[-1]), flush=True)
    return out


def projection(store: KGStore, top: int) -> dict:
    """Time one whole projection for the ``top`` actors (what the pages draw)."""
    c, w = time.process_time(), time.perf_counter()
    G = graph.to_networkx(store, max_actors=top)
    return {"cpu": time.process_time() - c, "wall": time.perf_counter() - w,
            "nodes": G.number_of_nodes(), "edges": G.number_of_edges()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--top", type=int, default=300, help="actors the pages draw")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    with KGStore.open_read(args.store) as store:
        figures = {"queries": page_queries(store, args.top),
                   "projection": projection(store, args.top)}
    print(json.dumps(figures["projection"]))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
