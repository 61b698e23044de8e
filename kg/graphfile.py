"""Write kg's NetworkX graph as GraphML (yEd, igraph, Cytoscape) or GEXF (Gephi).

:func:`kg.graph.to_networkx` already holds only scalar attributes with unique edge ids, so
``nx.write_graphml`` works on it as it is; these writers add what each tool reads best:

* GraphML: typed keys (``mentions`` a ``long``, the rest ``string``); edge ids are the edge keys.
* GEXF 1.2: the same attributes, edge ids kept, ``viz`` colour and size by type (the graph
  page's palette; size grows with mentions) and, for dated events, statements and their edges,
  ``start`` / ``end`` dates so Gephi's timeline can play them (a month-precise date spans its
  month, a year-precise date its year).
"""

from __future__ import annotations

import calendar
import math
from pathlib import Path
from typing import Any

import networkx as nx

from kg.viz.data import type_key, type_styles

_GEXF_MIN_SIZE = 6.0


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``G`` as GraphML with typed attributes and the edge keys as edge ids."""
    nx.write_graphml(G, str(path))


def date_span(date: str | None) -> tuple[str, str] | None:
    """Return the first and last day an ISO date, month or year covers (``None`` if undated).

    >>> date_span("2025-02")
    ('2025-02-01', '2025-02-28')
    """
    if not date:
        return None
    parts = str(date).split("-")
    try:
        year = int(parts[0])
        if len(parts) >= 3:
            day = f"{year:04d}-{int(parts[1]):02d}-{int(parts[2]):02d}"
            return day, day
        if len(parts) == 2:
            month = int(parts[1])
            last = calendar.monthrange(year, month)[1]
            return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    except ValueError:
        return None


def _rgb(colour: str) -> dict[str, Any]:
    value = colour.lstrip("#")
    return {"r": int(value[0:2], 16), "g": int(value[2:4], 16), "b": int(value[4:6], 16),
            "a": 1.0}


def gexf_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return a copy of ``G`` with GEXF ``viz`` colours/sizes, dates and edge ids."""
    colours = {(s["kind"], s["type"]): s["color"] for s in type_styles(G)}
    H = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        attrs = dict(data)
        kind = attrs.get("kind") or "actor"
        colour = colours.get((kind, type_key(attrs)), "#999999")
        size = _GEXF_MIN_SIZE + 4 * math.log1p(int(attrs.get("mentions") or 0))
        attrs["viz"] = {"color": _rgb(colour), "size": round(size, 2)}
        span = date_span(attrs.get("date")) if kind != "actor" else None
        if span:
            attrs["start"], attrs["end"] = span
        H.add_node(node, **attrs)
    for u, v, key, data in G.edges(keys=True, data=True):
        attrs = dict(data)
        span = date_span(attrs.get("date"))
        if span:
            attrs["start"], attrs["end"] = span
        H.add_edge(u, v, key=key, id=str(key), **attrs)
    return H


def write_gexf(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``G`` as GEXF 1.2 for Gephi (colours, sizes, timeline dates, stable edge ids)."""
    nx.write_gexf(gexf_graph(G), str(path), version="1.2draft")


__all__ = ["date_span", "gexf_graph", "write_gexf", "write_graphml"]
