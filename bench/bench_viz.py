"""Time to interactive of kg's pages (actor network, all facts) against plain pyvis pages.

Run by hand (needs Playwright and Debian's Chromium at /usr/bin/chromium):

    .venv/bin/python bench/bench_viz.py       # 1,000 nodes / 4,000 facts and 10,000 / 50,000
    .venv/bin/python bench/bench_viz.py --sizes 500:2000 --no-write

For each size one random graph following kg's graph contract (kg.viz.synthetic_graph: half the
nodes actors, a quarter events, a quarter statements; every edge one fact) is rendered four
times: kg's actor network (``render_graph_page``, the default view: the 300 most linked
actors, the 1,500 heaviest links), kg's all-facts page (``view="facts"``), plain pyvis with
every node and fact, and plain pyvis drawing the same actors and links as kg's actor network
(``Network(cdn_resources="in_line")`` + ``add_node``/``add_edge``, default physics). Each page
is opened from file:// in headless Chromium (network requests blocked: pyvis's template links
Bootstrap from a CDN) and timed from navigation start until the graph is drawn and still: kg's
first ``afterDrawing`` (its layout is computed ahead, physics off), pyvis's first
``afterDrawing`` after ``stabilizationIterationsDone``. Waits are capped (``--cap``, default
90 s). The results replace the ``## Graph pages`` section of bench/README.md.

The map page (``render_map_page``) is timed the same way at 5,000 actors (``--map-actors``):
from navigation start until every marker is placed on the drawn country outlines
(``window.kgReadyAt``); its table replaces the ``## Map page`` section.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pyvis.network import Network

from kg.viz import actor_network, render_graph_page, render_map_page, synthetic_graph

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
README = Path(__file__).with_name("README.md")
SECTION = "## Graph pages"

NOTE = """
kg's pages lay the graph out ahead in Python (NumPy) and draw it with physics off; pyvis lays
every node out in the browser (vis-network's `improvedLayout`, then 1,000 physics stabilisation
iterations), which is what its time goes to even when it draws only kg's actor network.
The actor network is the default page (`kg viz`, `/graph` of `kg serve`); its page data is one
pass over the facts (see `kg/viz/actors.py`), capped by `--max-actors` / `--max-edges`.
"""

PYVIS_HOOK = """<script>
(function () {
  function mark() { if (!window.__tti) { window.__tti = performance.now(); } }
  if (typeof network === "undefined") { return; }
  var o = network.physics && network.physics.options;
  if (o && o.enabled && o.stabilization && o.stabilization.enabled) {
    network.once("stabilizationIterationsDone", function () {
      network.once("afterDrawing", mark); network.redraw(); });
  } else { network.once("afterDrawing", mark); }
})();
</script>
</body>"""


def pyvis_page(nodes: dict[str, str], edges: list[tuple[str, str, str]], path: Path) -> Path:
    """Write a plain pyvis page of the nodes (id → label) and edges, and hook timing."""
    net = Network(cdn_resources="in_line", directed=True, height="900px", width="100%")
    ids = {n: i for i, n in enumerate(nodes)}
    for n, label in nodes.items():
        net.add_node(ids[n], label=label, title=label)
    for u, v, title in edges:
        net.add_edge(ids[u], ids[v], title=title)
    net.write_html(str(path))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("</body>", PYVIS_HOOK, 1), encoding="utf-8")
    return path


def pyvis_pages(G, tmp: Path, n: int) -> tuple[Path, Path, float]:
    """Write pyvis pages of every fact of G and of kg's actor network; return both and the
    seconds the first took to write."""
    t0 = time.perf_counter()
    full = pyvis_page({k: str(a.get("label")) for k, a in G.nodes(data=True)},
                      [(u, v, str(a.get("label"))) for u, v, a in G.edges(data=True)],
                      tmp / f"pyvis-{n}.html")
    build = time.perf_counter() - t0
    net = actor_network(G)
    actors = pyvis_page({a: str(G.nodes[a].get("label")) for a in net.actors},
                        [(e.source, e.target, e.relation) for e in net.edges],
                        tmp / f"pyvis-actors-{n}.html")
    return full, actors, build


def time_to_interactive(browser, path: Path, ready_expr: str, cap_s: float) -> float | None:
    """Return ms from navigation start until ``ready_expr`` is a number, or None past the cap."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.route("http://**/*", lambda route: route.abort())
    context.route("https://**/*", lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(path.as_uri(), wait_until="commit", timeout=cap_s * 1000)
        page.wait_for_function(f"typeof ({ready_expr}) === 'number'", timeout=cap_s * 1000,
                               polling=50)
        return float(page.evaluate(ready_expr))
    except Exception:  # playwright TimeoutError: over the cap
        return None
    finally:
        context.close()


def median_or_cap(times: list[float | None]) -> float | None:
    """Return the median load time, a capped load counting as slowest; None if it is capped."""
    median = statistics.median_low([math.inf if t is None else t for t in times])
    return None if median == math.inf else median


def fmt_ms(ms: float | None, cap_s: float) -> str:
    """Return a time for the table."""
    return f"> {cap_s:.0f} s (cap)" if ms is None else f"{ms / 1000:.2f} s"


def timed(browser, path: Path, expr: str, runs: int, cap_s: float) -> float | None:
    """Return the median time to interactive of ``runs`` loads of a page."""
    return median_or_cap([time_to_interactive(browser, path, expr, cap_s) for _ in range(runs)])


def run(sizes: list[tuple[int, int]], runs: int, pyvis_runs: int, cap_s: float) -> list[dict]:
    """Measure every size and return one result row per size."""
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n, e in sizes:
            G = synthetic_graph(n, e, seed=n)
            t0 = time.perf_counter()
            actors_path = render_graph_page(G, Path(tmp) / f"kg-actors-{n}.html")
            actors_build = time.perf_counter() - t0
            t0 = time.perf_counter()
            facts_path = render_graph_page(G, Path(tmp) / f"kg-facts-{n}.html", view="facts")
            facts_build = time.perf_counter() - t0
            pv_full, pv_actors, pv_build = pyvis_pages(G, Path(tmp), n)
            n_actors = sum(1 for _, a in G.nodes(data=True) if a["kind"] == "actor")
            row = {
                "nodes": n, "edges": G.number_of_edges(), "actors": n_actors,
                "kg_actors": timed(browser, actors_path, "window.kgReadyAt", runs, cap_s),
                "kg_facts": timed(browser, facts_path, "window.kgReadyAt", runs, cap_s),
                "pv_full": timed(browser, pv_full, "window.__tti", pyvis_runs, cap_s),
                "pv_actors": timed(browser, pv_actors, "window.__tti", pyvis_runs, cap_s),
                "actors_build": actors_build, "facts_build": facts_build, "pv_build": pv_build,
                "runs": runs, "pv_runs": pyvis_runs,
                "actors_mb": actors_path.stat().st_size / 1e6,
                "facts_mb": facts_path.stat().st_size / 1e6,
                "pv_mb": pv_full.stat().st_size / 1e6,
            }
            rows.append(row)
            print(row, flush=True)
        browser.close()
    return rows


def ratio(slow: float | None, fast: float | None, cap_s: float) -> str:
    """Return how many times faster ``fast`` is than ``slow``."""
    if fast is None:
        return "n/a"
    if slow is None:
        return f"> {cap_s * 1000 / fast:.0f}x"
    return f"{slow / fast:.1f}x"


def section(rows: list[dict], cap_s: float) -> str:
    """Return the README section with the results table."""
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True,
                                  timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chromium = "Chromium"
    lines = [
        SECTION, "",
        "Time to interactive (navigation start until the graph is drawn and still) in headless",
        f"{chromium}, {platform.machine()}, {len(os.sched_getaffinity(0))} CPUs (load average"
        f" {os.getloadavg()[0]:.1f} when the run ended: other jobs share the CPUs);",
        "random graphs following kg's graph contract (`kg.viz.synthetic_graph`: half the nodes",
        "actors; each edge one fact). kg actor network: `render_graph_page` (default view, 300",
        "most linked actors, 1,500 heaviest links); kg facts: `view=\"facts\"` (1,500",
        "highest-degree nodes drawn first). pyvis: plain `Network(cdn_resources=\"in_line\")` +",
        "`add_node`/`add_edge`, default physics, timed until `stabilizationIterationsDone` and",
        "the next draw, once with every fact and once with kg's actor network. Same graph, same",
        f"browser, same run; kg: median of {rows[0]['runs'] if rows else 0} loads, pyvis: median "
        f"of {rows[0]['pv_runs'] if rows else 0} load(s); each load capped at {cap_s:.0f} s.",
        "Reproduce: `.venv/bin/python bench/bench_viz.py`.",
        "",
        "| nodes | facts | actors | kg actor network | kg facts | pyvis, every fact |"
        " pyvis, kg's actor network | pyvis / kg actor network | kg build (actors / facts) |"
        " file (kg actors / kg facts / pyvis) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['nodes']:,} | {r['edges']:,} | {r['actors']:,} | "
            f"{fmt_ms(r['kg_actors'], cap_s)} | {fmt_ms(r['kg_facts'], cap_s)} | "
            f"{fmt_ms(r['pv_full'], cap_s)} | {fmt_ms(r['pv_actors'], cap_s)} | "
            f"{ratio(r['pv_actors'], r['kg_actors'], cap_s)} | "
            f"{r['actors_build']:.1f} s / {r['facts_build']:.1f} s | "
            f"{r['actors_mb']:.1f} / {r['facts_mb']:.1f} / {r['pv_mb']:.1f} MB |"
        )
    return "\n".join(lines) + "\n" + NOTE


def write_section(text: str, heading: str = SECTION) -> None:
    """Replace (or append) the ``heading`` section of bench/README.md."""
    old = README.read_text(encoding="utf-8") if README.exists() else "# kg benchmarks\n"
    start = old.find(heading + "\n")
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        end = old.find("\n## ", start + len(heading))
        new = old[:start] + text + (old[end:] if end >= 0 else "")
    README.write_text(new, encoding="utf-8")


MAP_SECTION = "## Map page"


def run_map(actors: list[int], runs: int, cap_s: float) -> list[dict]:
    """Time the map page of synthetic graphs with ``actors`` actors (and as many other nodes,
    10 facts per actor); return one row per size."""
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in actors:
            G = synthetic_graph(2 * n, 10 * n, seed=n)
            markers = sum(1 for _, a in G.nodes(data=True) if "lat" in a)
            t0 = time.perf_counter()
            path = render_map_page(G, Path(tmp) / f"map-{n}.html")
            build = time.perf_counter() - t0
            times = [time_to_interactive(browser, path, "window.kgReadyAt", cap_s)
                     for _ in range(runs)]
            row = {"actors": n, "facts": G.number_of_edges(), "markers": markers,
                   "load": __import__("os").getloadavg()[0],
                   "ms": median_or_cap(times), "build": build, "runs": runs,
                   "mb": path.stat().st_size / 1e6}
            rows.append(row)
            print(row, flush=True)
        browser.close()
    return rows


def map_section(rows: list[dict], cap_s: float) -> str:
    """Return the README section with the map page's results."""
    lines = [
        MAP_SECTION, "",
        "Time to interactive of `kg viz --map` (navigation start until the Natural Earth outlines",
        "are drawn and every marker is placed, clustered where dense), headless Chromium as above;",
        "`kg.viz.synthetic_graph` with the given actors (a third of them places and countries,",
        "each with a location), as many events and statements, 10 facts per actor. Median of",
        f"{rows[0]['runs'] if rows else 0} loads, capped at {cap_s:.0f} s. "
        "Reproduce: `.venv/bin/python bench/bench_viz.py --sizes`",
        "(no graph sizes) `--map-actors 5000`.",
        "",
        "The basemap is world-atlas's 1:110m outlines (1:50m ones are built on zooming in):",
        "drawing 1:50m at once took 1.3-2.9 s against 0.8-1.1 s (single loads, same session).",
        "The machine is shared: its load average during the run is in the last column.",
        "",
        "| actors | facts | markers | map page | build (Python) | file | load average |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['actors']:,} | {r['facts']:,} | {r['markers']:,} | "
                     f"{fmt_ms(r['ms'], cap_s)} | {r['build']:.1f} s | {r['mb']:.1f} MB | "
                     f"{r['load']:.1f} |")
    return "\n".join(lines) + "\n"


def size(text: str) -> tuple[int, int]:
    """Return (nodes, facts) from ``NODES:FACTS`` (facts default to 4x nodes)."""
    nodes, _, facts = text.partition(":")
    try:
        return int(nodes), int(facts) if facts else 4 * int(nodes)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected NODES:FACTS, got {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=size, nargs="*", default=[(1000, 4000), (10000, 50000)],
                        help="NODES:FACTS pairs (half the nodes are actors)")
    parser.add_argument("--map-actors", type=int, nargs="*", default=[5000],
                        help="actors of the map pages timed (none: skip the map)")
    parser.add_argument("--runs", type=int, default=3, help="loads of each kg page")
    parser.add_argument("--pyvis-runs", type=int, default=1, help="loads of each pyvis page")
    parser.add_argument("--cap", type=float, default=90.0, help="seconds before giving up")
    parser.add_argument("--no-write", action="store_true", help="print, do not edit README")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 2
    if args.sizes:
        rows = run(args.sizes, args.runs, args.pyvis_runs, args.cap)
        text = section(rows, args.cap)
        print(text)
        if not args.no_write:
            write_section(text)
    if args.map_actors:
        text = map_section(run_map(args.map_actors, args.runs, args.cap), args.cap)
        print(text)
        if not args.no_write:
            write_section(text, MAP_SECTION)
    return 0


if __name__ == "__main__":
    sys.exit(main())
