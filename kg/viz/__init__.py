"""Interactive, self-contained HTML pages of kg's graph: corpus/actor graph, timeline, notebook.

Public API::

    render_graph_page(G, path, *, title="kg graph", focus=None, depth=2, max_nodes=1500,
                      timeline_href=None) -> Path
    render_timeline_page(G, path, *, title="kg timeline", group_by="actor",
                         graph_href="graph.html") -> Path
    render_map_page(G, path, *, title="kg map", focus=None, depth=2) -> Path
    show_in_notebook(G, *, timeline=False, height=650, **kw) -> IPython.display.HTML
"""

from kg.viz.data import focus_subgraph, resolve_focus
from kg.viz.map import map_page_html, map_payload, render_map_page
from kg.viz.notebook import show_in_notebook
from kg.viz.page import graph_page_html, render_graph_page
from kg.viz.synthetic import synthetic_graph
from kg.viz.timeline import render_timeline_page, timeline_items, timeline_page_html

__all__ = [
    "focus_subgraph",
    "graph_page_html",
    "map_page_html",
    "map_payload",
    "render_graph_page",
    "render_map_page",
    "render_timeline_page",
    "resolve_focus",
    "show_in_notebook",
    "synthetic_graph",
    "timeline_items",
    "timeline_page_html",
]
