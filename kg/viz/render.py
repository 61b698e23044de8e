"""The public page builders: one function per page, each view chosen by name.

``view="actors"`` (default), ``"timeline"`` and ``"map"`` open the corpus page
(:mod:`kg.viz.corpus`) on that tab; ``"facts"`` is the page with every actor, event and
statement as a node (:mod:`kg.viz.page`). The stand-alone map page is
:func:`kg.viz.map.render_map_page`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from kg.viz.actors import MAX_ACTORS, MAX_EDGES
from kg.viz.corpus import corpus_html, write_page
from kg.viz.page import facts_page_html

VIEWS = ("actors", "facts", "timeline", "map")


def graph_page_html(
    G: nx.MultiDiGraph,
    *,
    view: str = "actors",
    title: str = "kg graph",
    focus: str | None = None,
    depth: int = 2,
    max_nodes: int = 1500,
    max_actors: int = MAX_ACTORS,
    max_edges: int = MAX_EDGES,
    group_by: str = "actor",
    timeline_href: str | None = None,
    facts_href: str | None = None,
) -> str:
    """Return a page of G as a string: the actor network (``view="actors"``), the timeline,
    the map or every fact (``view="facts"``; ``max_nodes`` drawn first, links to
    ``timeline_href``). ``focus`` (a label, alias or IRI) narrows G to its ego network of
    radius ``depth``; an unknown focus or view raises ``ValueError``.
    """
    if view == "facts":
        return facts_page_html(G, title=title, focus=focus, depth=depth, max_nodes=max_nodes,
                               timeline_href=timeline_href)
    if max_actors < 1 or max_edges < 0:
        raise ValueError(f"max_actors must be >= 1 and max_edges >= 0, got {max_actors}, "
                         f"{max_edges}")
    return corpus_html(G, title=title, view=view, focus=focus, depth=depth,
                       max_actors=max_actors, max_edges=max_edges, group_by=group_by,
                       facts_href=facts_href)


def render_graph_page(G: nx.MultiDiGraph, path: str | Path, **kw: Any) -> Path:
    """Write the page of G made by :func:`graph_page_html` (same keywords) to ``path``."""
    return write_page(graph_page_html(G, **kw), path)


def timeline_page_html(
    G: nx.MultiDiGraph,
    *,
    title: str = "kg timeline",
    group_by: str = "actor",
    focus: str | None = None,
    depth: int = 2,
    **kw: Any,
) -> str:
    """Return the corpus page opened on its timeline (of ``focus`` when given)."""
    return graph_page_html(G, view="timeline", title=title, group_by=group_by, focus=focus,
                           depth=depth, **kw)


def render_timeline_page(G: nx.MultiDiGraph, path: str | Path, **kw: Any) -> Path:
    """Write the timeline page of G (see :func:`timeline_page_html`) to ``path``."""
    return write_page(timeline_page_html(G, **kw), path)


__all__ = ["VIEWS", "graph_page_html", "render_graph_page", "render_timeline_page",
           "timeline_page_html"]
