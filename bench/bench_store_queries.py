"""Time every example query on a real store, read-only: a cold run and the median of 3 warm
runs, CPU and wall time, and the rows (see bench/README.md, "Store at 10,000 articles").

The store is opened through a read-only Oxigraph handle, so a store another job keeps (or a
build's output to be kept as it is) is not touched. ``--queries DIR`` times the ``*.rq`` of
another directory (an older form of a query, say) on the same handle, so two forms compare in
one process; ``--rename OLD=NEW`` replaces a quoted actor name in every query (a corpus whose
worlds rename "Russia" gives 02, 03, 04 and 09 nothing to find, which times nothing).

    python bench/bench_store_queries.py --store STORE [--queries DIR ...] \
        [--rename '"Russia"="Velmora"'] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from kg.rdf import example_queries  # noqa: E402
from kg.store import KGStore  # noqa: E402


def timed(store: KGStore, sparql: str, warm: int = 3) -> dict:
    """Return the rows of ``sparql`` and its cold and median warm CPU and wall seconds."""
    cpu, wall, rows = [], [], []
    for _ in range(1 + warm):
        c, w = time.process_time(), time.perf_counter()
        rows = store.query(sparql)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return {"rows": len(rows), "cpu_cold": cpu[0], "cpu_warm": statistics.median(cpu[1:]),
            "wall_cold": wall[0], "wall_warm": statistics.median(wall[1:]),
            "row_set": sorted({json.dumps(sorted((k, str(v)) for k, v in r.items()))
                               for r in rows})}


def renamed(sparql: str, renames: list[tuple[str, str]]) -> str:
    """Return ``sparql`` with each quoted name of ``renames`` replaced."""
    for old, new in renames:
        sparql = sparql.replace(old, new)
    return sparql


def measure(store: KGStore, directory: Path | None, renames: list[tuple[str, str]],
            only: set[str]) -> list[dict]:
    """Time the example queries of ``directory`` (the shipped ones when ``None``)."""
    out = []
    for q in example_queries(directory):
        if only and q["name"] not in only:
            continue
        figures = timed(store, renamed(q["sparql"], renames))
        out.append({"name": q["name"], "source": str(directory or "shipped"), **figures})
        print(json.dumps({k: v for k, v in out[-1].items() if k != "row_set"}), flush=True)
    return out


def _rename(text: str) -> tuple[str, str]:
    old, sep, new = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"expected OLD=NEW, got {text!r}")
    return old, new


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--queries", type=Path, nargs="*", default=[],
                        help="also time the *.rq of these directories")
    parser.add_argument("--rename", type=_rename, action="append", default=[],
                        help='replace a quoted name in every query: \'"Russia"="Velmora"\'')
    parser.add_argument("--only", default="", help="comma-separated query names")
    parser.add_argument("--json", type=Path, help="also write the figures (and rows) here")
    args = parser.parse_args(argv)
    only = {n for n in args.only.split(",") if n}
    store = KGStore(ox.Store.read_only(str(args.store)), args.store)
    figures = []
    for directory in [None, *args.queries]:
        figures += measure(store, directory, args.rename, only)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
