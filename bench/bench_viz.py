"""Time to interactive of kg's graph page against a plain pyvis page of the same graph.

Run by hand (needs Playwright and Debian's Chromium at /usr/bin/chromium):

    .venv/bin/python bench/bench_viz.py            # 500, 5,000 and 20,000 nodes, edges = 4x
    .venv/bin/python bench/bench_viz.py --sizes 500 --no-write

For each size one random graph following kg's graph contract (kg.viz.synthetic_graph) is
rendered twice: by kg (``render_graph_page``) and by plain pyvis (``Network(cdn_resources=
"in_line")`` + ``add_node``/``add_edge``, default physics). Each page is opened from file://
in headless Chromium (network requests blocked: pyvis's template links Bootstrap from a CDN)
and timed from navigation start until the graph is drawn and still: kg's first
``afterDrawing`` (its layout is computed ahead, physics off), pyvis's first ``afterDrawing``
after ``stabilizationIterationsDone``. Waits are capped (``--cap``, default 90 s). The
results replace the ``## Graph pages`` section of bench/README.md.

The map page (``render_map_page``) is timed the same way at 5,000 actors (``--map-actors``):
from navigation start until every marker is placed on the drawn country outlines
(``window.kgReadyAt``); its table replaces the ``## Map page`` section.
"""

from __future__ import annotations

import argparse
import math
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pyvis.network import Network

from kg.viz import render_graph_page, render_map_page, synthetic_graph

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
README = Path(__file__).with_name("README.md")
SECTION = "## Graph pages"

NOTE = """
Not like for like on purpose: kg's page draws the 1,500 highest-degree nodes (the rest stay in
the page, one filter or search away), while pyvis draws every node and must first lay them out
in the browser: at 500 nodes about 8 s go to vis-network's `improvedLayout` and the rest to the
1,000 physics stabilisation iterations. kg's 5,000-node / 20,000-edge page is interactive in
about 1 s, under the 3 s target (also asserted by `tests/test_viz_browser.py`).
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


def pyvis_page(G, path: Path) -> Path:
    """Write the plain pyvis page of G (ids as ints, label and plain title) and hook timing."""
    net = Network(cdn_resources="in_line", directed=True, height="900px", width="100%")
    ids = {n: i for i, n in enumerate(G.nodes)}
    for n, a in G.nodes(data=True):
        net.add_node(ids[n], label=str(a.get("label")), title=str(a.get("label")))
    for u, v, a in G.edges(data=True):
        net.add_edge(ids[u], ids[v], title=str(a.get("label")))
    net.write_html(str(path))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("</body>", PYVIS_HOOK, 1), encoding="utf-8")
    return path


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


def run(sizes: list[int], runs: int, pyvis_runs: int, cap_s: float) -> list[dict]:
    """Measure every size and return one result row per size."""
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in sizes:
            G = synthetic_graph(n, 4 * n, seed=n)
            t0 = time.perf_counter()
            kg_path = render_graph_page(G, Path(tmp) / f"kg-{n}.html")
            kg_build = time.perf_counter() - t0
            t0 = time.perf_counter()
            pv_path = pyvis_page(G, Path(tmp) / f"pyvis-{n}.html")
            pv_build = time.perf_counter() - t0
            kg_times = [time_to_interactive(browser, kg_path, "window.kgReadyAt", cap_s)
                        for _ in range(runs)]
            pv_runs = pyvis_runs
            pv_times = [time_to_interactive(browser, pv_path, "window.__tti", cap_s)
                        for _ in range(pv_runs)]
            kg_ms, pv_ms = median_or_cap(kg_times), median_or_cap(pv_times)
            row = {"nodes": n, "edges": G.number_of_edges(), "kg_ms": kg_ms, "pv_ms": pv_ms,
                   "kg_build": kg_build, "pv_build": pv_build, "runs": runs, "pv_runs": pv_runs,
                   "kg_mb": kg_path.stat().st_size / 1e6, "pv_mb": pv_path.stat().st_size / 1e6}
            rows.append(row)
            print(row, flush=True)
        browser.close()
    return rows


def ratio(row: dict, cap_s: float) -> str:
    """Return how many times faster kg's page is than the pyvis page."""
    if row["kg_ms"] is None:
        return "n/a"
    if row["pv_ms"] is None:
        return f"> {cap_s * 1000 / row['kg_ms']:.0f}x"
    return f"{row['pv_ms'] / row['kg_ms']:.1f}x"


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
        f"{chromium}, {platform.machine()}, {len(__import__('os').sched_getaffinity(0))} CPUs;",
        "random graphs following kg's graph contract (`kg.viz.synthetic_graph`), edges = 4x nodes.",
        "kg: `render_graph_page` (layout computed ahead in NumPy, physics off, top 1,500 nodes by",
        "degree drawn first, the rest reachable by filters/search). pyvis: plain",
        '`Network(cdn_resources="in_line")` + `add_node`/`add_edge`, default physics, timed until',
        "`stabilizationIterationsDone` and the next draw. Same graph, same browser, same run;",
        f"kg: median of {rows[0]['runs'] if rows else 0} loads, pyvis: median of "
        f"{rows[0]['pv_runs'] if rows else 0} load(s); each load capped at {cap_s:.0f} s.",
        "Reproduce: `.venv/bin/python bench/bench_viz.py`.",
        "",
        "| nodes | edges | kg page | plain pyvis page | pyvis / kg | kg build (Python) |"
        " pyvis build (Python) | kg file | pyvis file |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['nodes']:,} | {r['edges']:,} | {fmt_ms(r['kg_ms'], cap_s)} | "
            f"{fmt_ms(r['pv_ms'], cap_s)} | {ratio(r, cap_s)} | {r['kg_build']:.1f} s | "
            f"{r['pv_build']:.1f} s | {r['kg_mb']:.1f} MB | {r['pv_mb']:.1f} MB |"
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


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[500, 5000, 20000])
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
