"""Endpoint load benchmark (run by hand): many clients against ``kg serve`` on loopback.

Builds a synthetic store (the generator of ``bench_store.py``), starts the endpoint in this
process with ``kg serve``'s defaults, measures each example query once with a single client,
then runs ``--clients`` concurrent clients for ``--seconds``, each sending the example queries
in turn over keep-alive connections, while one more client keeps sending a runaway cross join
that the endpoint must kill at ``--timeout``. Prints the single-client times, then p50 / p95 /
p99 latency, throughput, status counts and connection errors of the load run, as Markdown;
once with the answer cache (``kg serve --cache``) and once without.

    .venv/bin/python bench/bench_serve.py                       # 50 clients, 30 s, 100k triples
    .venv/bin/python bench/bench_serve.py --clients 20 --seconds 10 --triples 20000
"""

from __future__ import annotations

import argparse
import http.client
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).parent))
from bench_store import load_oxigraph, synthetic_quads  # noqa: E402

from kg.ontology_files import example_queries  # noqa: E402
from kg.serve import EndpointConfig, make_server  # noqa: E402

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _post(conn: http.client.HTTPConnection, query: str) -> int:
    body = urlencode({"query": query})
    conn.request("POST", "/sparql", body, {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json"})
    response = conn.getresponse()
    response.read()
    return response.status


def _client(url: str, queries: list[str], stop: float, latencies: list[float],
            statuses: Counter, errors: Counter, offset: int) -> None:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    i = offset
    while time.monotonic() < stop:
        query = queries[i % len(queries)]
        i += 1
        started = time.perf_counter()
        try:
            status = _post(conn, query)
        except (OSError, http.client.HTTPException) as exc:
            errors[type(exc).__name__] += 1
            conn.close()
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
            continue
        latencies.append(time.perf_counter() - started)
        statuses[status] += 1
    conn.close()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--cache-mb", default="64,0",
                        help="answer-cache sizes to run, comma-separated (0: no cache)")
    args = parser.parse_args(argv)

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        store, _ = load_oxigraph(list(synthetic_quads(args.triples)), Path(tmp) / "store")
        size = len(store)
        del store
        for cache_mb in (int(x) for x in args.cache_mb.split(",")):
            config = EndpointConfig(timeout=args.timeout, workers=args.workers,
                                    cache_mb=cache_mb)
            rows.append((cache_mb, *_load_run(Path(tmp) / "store", config, args)))

    print(f"Store: {size:,} quads; {args.workers} workers, --timeout {args.timeout:g} s;"
          f" machine: {platform.machine()}, Python {platform.python_version()}.\n")
    print("Single client: each example query once on a fresh server (so computed, never"
          " cached); p95 / single = p95 of the load run over that mean.\n")
    print("| cache | single mean | clients | seconds | requests | req/s | p50 | p95 | p99 |"
          " p95 / single | statuses | connection errors | runaway answers |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|")
    for cache_mb, single, latencies, statuses, errors, runaway in rows:
        mean_single = statistics.mean(single)
        p50, p95, p99 = (_percentile(latencies, q) for q in (0.5, 0.95, 0.99))
        print(f"| {f'{cache_mb} MiB' if cache_mb else 'off'} | {mean_single * 1000:.0f} ms |"
              f" {args.clients} | {args.seconds:g} | {len(latencies)} |"
              f" {len(latencies) / args.seconds:.1f} | {p50 * 1000:.0f} ms |"
              f" {p95 * 1000:.0f} ms | {p99 * 1000:.0f} ms | {p95 / mean_single:.1f}× |"
              f" {dict(sorted(statuses.items()))} | {sum(errors.values())} |"
              f" {dict(sorted(runaway.items()))} |")
    return 0


def _load_run(path: Path, config: EndpointConfig, args: argparse.Namespace) -> tuple:
    """Start a server on ``path``; time each example query once with one client, then run the
    load; return (single times, load latencies, statuses, errors, runaway statuses)."""
    server = make_server(path, "127.0.0.1", 0, config, quiet=True)
    server.start()
    try:
        queries = [q["sparql"] for q in example_queries()]
        parts = urlsplit(server.url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        single = []
        for query in queries:
            started = time.perf_counter()
            _post(conn, query)
            single.append(time.perf_counter() - started)
        conn.close()
        latencies: list[float] = []
        statuses: Counter = Counter()
        errors: Counter = Counter()
        runaway: Counter = Counter()
        stop = time.monotonic() + args.seconds
        threads = [threading.Thread(target=_client, args=(
            server.url, queries, stop, latencies, statuses, errors, i))
            for i in range(args.clients)]
        threads.append(threading.Thread(target=_client, args=(
            server.url, [RUNAWAY], stop, [], runaway, errors, 0)))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.stop()
    return single, latencies, statuses, errors, runaway


if __name__ == "__main__":
    sys.exit(main())
