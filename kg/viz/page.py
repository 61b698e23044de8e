"""The all-facts page (actors, events, statements as nodes): one self-contained HTML file
(vis-network inlined, no CDN).

vis-network's JavaScript and CSS are read from the copy that ships inside the ``pyvis`` package
and inlined; the graph itself travels as an escaped JSON data island. Static HTML built here
escapes every value with :func:`html.escape`.
"""

from __future__ import annotations

import functools
import html
from importlib.util import find_spec
from pathlib import Path

import networkx as nx

from kg.viz.data import EDGE_TEXT, focus_subgraph, graph_payload, json_island, resolve_focus
from kg.viz.graph_js import GRAPH_CSS, GRAPH_JS
from kg.viz.head import page_head
from kg.viz.search_js import SEARCH_JS

VIS_DIR = "lib/vis-9.1.2"

#: SVG drawing (inside a 16x16 box) of each vis-network shape, for the legend.
SHAPE_SVG: dict[str, str] = {
    "dot": '<circle cx="8" cy="8" r="6"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
    "triangle": '<polygon points="8,2 15,14 1,14"/>',
    "triangleDown": '<polygon points="1,2 15,2 8,14"/>',
    "square": '<rect x="2" y="2" width="12" height="12"/>',
    "star": '<polygon points="8,1 10,6 15,6 11,9 13,15 8,11 3,15 5,9 1,6 6,6"/>',
    "hexagon": '<polygon points="4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8"/>',
}


@functools.cache
def vis_assets() -> tuple[str, str]:
    """Return (JavaScript, CSS) of the vis-network build bundled with pyvis. The package is
    found, not imported: importing pyvis (and jinja2 with it) took ~1 s of each ``kg viz``."""
    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis, which bundles vis-network, is not installed")
    base = Path(next(iter(spec.submodule_search_locations))) / VIS_DIR
    js = (base / "vis-network.min.js").read_text(encoding="utf-8")
    css = (base / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        raise RuntimeError("bundled vis-network assets cannot be inlined safely")
    return js, css


def legend_html(styles: list[dict]) -> str:
    """Return the legend: one row per node type with a type-filter checkbox, shape and count."""
    rows = []
    for s in styles:
        shape = SHAPE_SVG.get(s["shape"], SHAPE_SVG["dot"])
        colour = html.escape(s["color"], quote=True)
        rows.append(
            '<label class="kg-legend-row">'
            f'<input type="checkbox" checked data-type="{html.escape(s["type"], quote=True)}">'
            f'<svg width="16" height="16" viewBox="0 0 16 16" fill="{colour}" '
            f'stroke="#555" stroke-width="0.6" aria-hidden="true">{shape}</svg>'
            f'<span class="kg-type">{html.escape(s["type"])}</span>'
            f'<span class="kg-kind kg-meta">{html.escape(s["kind"])}</span>'
            f'<span class="kg-count">{int(s["count"])}</span></label>'
        )
    edges = "".join(f"<li>{html.escape(t)}</li>" for t in EDGE_TEXT.values())
    return (
        '<div id="kg-legend"><h2>Legend &amp; type filter</h2>' + "".join(rows) +
        f'<h2>Edges</h2><ul id="kg-edge-legend">{edges}</ul></div>'
    )


def page_html(payload: dict, *, title: str) -> str:
    """Return the full graph page for a payload made by :func:`graph_payload`."""
    vis_js, vis_css = vis_assets()
    t = html.escape(title)
    timeline = payload.get("timeline_href")
    timeline_link = (
        f'<p><a id="kg-timeline-link" href="{html.escape(timeline, quote=True)}">Timeline</a></p>'
        if timeline else ""
    )
    head = page_head(title, [vis_css, GRAPH_CSS], [vis_js, SEARCH_JS])
    return f"""{head}<body>
<div id="kg-app">
<aside id="kg-side">
<h1 id="kg-title">{t}</h1>
<div id="kg-status"></div>
<label>Search <input id="kg-search" type="search" autocomplete="off"
 placeholder="actor, event, quote"></label>
<div id="kg-suggest"></div>
<fieldset id="kg-filters"><legend>Filters</legend>
<label>From <input id="kg-date-from" type="date"></label>
<label>To <input id="kg-date-to" type="date"></label>
<label>Min. mentions (actors) <input id="kg-min-mentions" type="number" min="0" value="0"></label>
<label>Max. nodes shown <input id="kg-limit" type="number" min="1"
 value="{int(payload["max_nodes"])}"></label>
<button id="kg-reset" type="button">Reset</button>
</fieldset>
{legend_html(payload["styles"])}
{timeline_link}
</aside>
<main id="kg-network"></main>
<aside id="kg-panel"><div id="kg-panel-body">
<p class="kg-hint">Click a node to see its quotes and events.</p></div></aside>
</div>
<script type="application/json" id="kg-data">{json_island(payload)}</script>
<script>{GRAPH_JS}</script>
</body>
</html>
"""


def facts_page_html(
    G: nx.MultiDiGraph,
    *,
    title: str = "kg graph",
    focus: str | None = None,
    depth: int = 2,
    max_nodes: int = 1500,
    timeline_href: str | None = None,
) -> str:
    """Return the all-facts page (actors, events and statements as nodes) as a string (the
    ego network of ``focus`` when given)."""
    focus_id = None
    if focus is not None:
        focus_id = resolve_focus(G, focus)
        G = focus_subgraph(G, focus_id, depth)
    payload = graph_payload(
        G, title=title, max_nodes=max_nodes, focus_id=focus_id, timeline_href=timeline_href
    )
    return page_html(payload, title=title)
