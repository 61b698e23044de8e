"""Inline display of kg pages in Jupyter / VS Code notebooks (no files, no CDN)."""

from __future__ import annotations

import html
import warnings
from typing import Any

import networkx as nx

from kg.viz.render import graph_page_html


def iframe_html(page: str, *, height: int = 650) -> str:
    """Return ``page`` wrapped in an ``<iframe srcdoc>`` (attribute-escaped, scripts sandboxed)."""
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #ddd"></iframe>'
    )


def show_in_notebook(
    G: nx.MultiDiGraph, *, view: str = "actors", timeline: bool = False, height: int = 650,
    **kw: Any,
) -> Any:
    """Return an ``IPython.display.HTML`` showing a page of G inline.

    ``view`` is "actors" (the actor network), "facts" (every fact as a node), "timeline" or
    "map" (the corpus page opened on its Map tab); ``timeline=True`` is the same as
    ``view="timeline"``. ``kw`` goes to :func:`kg.viz.graph_page_html` (title, focus, depth,
    max_actors, max_edges, max_nodes, group_by).
    """
    try:
        from IPython.display import HTML
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError(
            "show_in_notebook needs IPython (pip install ipykernel or jupyterlab)"
        ) from err
    if timeline:
        view = "timeline"
    if view == "timeline":
        kw.setdefault("title", "kg timeline")
    page = graph_page_html(G, view=view, **kw)
    with warnings.catch_warnings():  # IPython suggests IFrame, which needs a file or URL
        warnings.simplefilter("ignore", UserWarning)
        return HTML(iframe_html(page, height=height))
