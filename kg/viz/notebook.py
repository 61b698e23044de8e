"""Inline display of kg pages in Jupyter / VS Code notebooks (no files, no CDN)."""

from __future__ import annotations

import html
import warnings
from typing import Any

import networkx as nx

from kg.viz.page import graph_page_html
from kg.viz.timeline import timeline_page_html


def iframe_html(page: str, *, height: int = 650) -> str:
    """Return ``page`` wrapped in an ``<iframe srcdoc>`` (attribute-escaped, scripts sandboxed)."""
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #ddd"></iframe>'
    )


def show_in_notebook(
    G: nx.MultiDiGraph, *, timeline: bool = False, height: int = 650, **kw: Any
) -> Any:
    """Return an ``IPython.display.HTML`` showing the graph page (or the timeline) inline.

    ``kw`` goes to :func:`graph_page_html` (title, focus, depth, max_nodes) or, with
    ``timeline=True``, to :func:`timeline_page_html` (title, group_by).
    """
    try:
        from IPython.display import HTML
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError(
            "show_in_notebook needs IPython (pip install ipykernel or jupyterlab)"
        ) from err
    page = timeline_page_html(G, **kw) if timeline else graph_page_html(G, **kw)
    with warnings.catch_warnings():  # IPython suggests IFrame, which needs a file or URL
        warnings.simplefilter("ignore", UserWarning)
        return HTML(iframe_html(page, height=height))
