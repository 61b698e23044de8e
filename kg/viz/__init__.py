"""Interactive, self-contained HTML pages of kg's graph: actor network, timeline, all facts.

Public API::

    render_graph_page(G, path, *, view="actors", title="kg graph", focus=None, depth=2,
                      max_actors=300, max_edges=1500, max_nodes=1500, group_by="actor") -> Path
    render_timeline_page(G, path, *, title="kg timeline", group_by="actor", focus=None) -> Path
    render_map_page(G, path, *, title="kg map", focus=None, depth=2) -> Path
    show_in_notebook(G, *, view="actors", height=650, **kw) -> IPython.display.HTML
    actor_network(G, *, max_actors=300, max_edges=1500) -> ActorNetwork

Every page exposes ``window.kg.view()``: ``{"view", "nodes": [{"id", "type", "label"}],
"edges": [{"from", "to", "relation"}]}`` for what it currently draws.
"""

from kg.viz.actors import ActorEdge, ActorNetwork, actor_network
from kg.viz.data import focus_subgraph, resolve_focus
from kg.viz.items import timeline_items
from kg.viz.map import map_page_html, map_payload, render_map_page
from kg.viz.notebook import show_in_notebook
from kg.viz.render import (
    VIEWS,
    graph_page_html,
    render_graph_page,
    render_timeline_page,
    timeline_page_html,
)
from kg.viz.synthetic import synthetic_graph

__all__ = [
    "VIEWS",
    "ActorEdge",
    "ActorNetwork",
    "actor_network",
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
