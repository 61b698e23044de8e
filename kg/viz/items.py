"""Statements, events and roles as page items: what the side panel and the timeline list.

Each item is plain data (article text stays text; the page inserts it with ``textContent``):
its date, the actors involved, the source sentence, the article's title and address.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.graph import evidence_attr
from kg.viz.actors import role_item_id
from kg.viz.data import article_index, type_key

UNDATED = "9999"
NO_ACTOR = "(no actor)"


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("label") or node)


def _pairs(G: nx.MultiDiGraph, nodes: list[str]) -> list[list[str]]:
    """Return ``[id, label]`` of each node once, sorted by label then id."""
    found = {n: _label(G, n) for n in nodes}
    return [[n, label] for n, label in sorted(found.items(), key=lambda x: (x[1], x[0]))]


def _source(evidence: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the first report of an item: sentence, article id, title and address."""
    first = evidence[0] if evidence else {}
    return {"sentence": first.get("sentence") or None, "article": first.get("article") or None,
            "title": first.get("title") or None, "url": first.get("url") or None}


def _primary(G: nx.MultiDiGraph, parts: list[tuple[str, str]]) -> list[str] | None:
    """Return the actor an event belongs to in a timeline grouped by actor: its agent, else
    its most mentioned participant."""
    if not parts:
        return None
    best = min(parts, key=lambda p: (p[1] != "agent", -int(G.nodes[p[0]].get("mentions") or 0),
                                     _label(G, p[0]), p[0]))
    return [best[0], _label(G, best[0])]


def _event_item(G: nx.MultiDiGraph, node: str, attrs: dict[str, Any]) -> dict[str, Any]:
    parts = [(u, str(a.get("role") or "participant"))
             for u, _, a in G.in_edges(node, data=True) if a.get("label") == "took_part_in"]
    places = _pairs(G, [v for _, v, a in G.out_edges(node, data=True)
                        if a.get("label") == "located_in"])
    return {"actors": _pairs(G, [u for u, _ in parts]), "about": [], "places": places,
            "primary": _primary(G, parts)}


def _statement_item(G: nx.MultiDiGraph, node: str, attrs: dict[str, Any]) -> dict[str, Any]:
    speakers = _pairs(G, [u for u, _, a in G.in_edges(node, data=True)
                          if a.get("label") == "said"])
    about = sorted({(v, _label(G, v), a.get("stance") or "")
                    for _, v, a in G.out_edges(node, data=True) if a.get("label") == "about"},
                   key=lambda x: (x[1], x[0]))
    return {"actors": speakers, "about": [list(x) for x in about], "places": [],
            "primary": speakers[0] if speakers else None,
            "quote": attrs.get("quote"), "speaker": attrs.get("speaker"),
            "statement_kind": attrs.get("kind_of_statement")}


def item_records(G: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Return every event and statement of G as an item, keyed by its IRI."""
    out: dict[str, dict[str, Any]] = {}
    for node, attrs in G.nodes(data=True):
        kind = attrs.get("kind")
        if kind not in ("event", "statement"):
            continue
        date = attrs.get("date") or None
        label = str(attrs.get("label") or node)
        item: dict[str, Any] = {
            "id": str(node), "kind": kind, "type": type_key(attrs), "label": label,
            "date": str(date) if date else None, "precision": attrs.get("date_precision"),
            "basis": attrs.get("date_basis"), "reports": int(attrs.get("mentions") or 1),
            "quote": None,
            **_source(evidence_attr(attrs.get("evidence"))),
            "sort_key": f"{date or UNDATED}\x1f{label}\x1f{node}",
        }
        item.update(_event_item(G, node, attrs) if kind == "event"
                    else _statement_item(G, node, attrs))
        out[str(node)] = item
    return out


def role_records(G: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Return every ``holds_role`` edge of G as an item (undated, not in the timeline)."""
    out = {}
    articles = None
    for u, v, key, a in G.edges(keys=True, data=True):
        if a.get("label") != "holds_role":
            continue
        articles = article_index(G) if articles is None else articles
        title_url = articles.get(str(a.get("article") or ""), (None, None))
        iri = role_item_id(u, v, key)
        title = str(a.get("title") or "role")
        out[iri] = {
            "id": iri, "kind": "role", "type": "Role", "label": f"{title}, {_label(G, v)}",
            "date": None, "actors": _pairs(G, [u]), "about": [[v, _label(G, v), ""]],
            "places": [], "primary": [u, _label(G, u)], "quote": None,
            "sentence": a.get("evidence") or None, "article": a.get("article") or None,
            "title": title_url[0], "url": title_url[1],
            "sort_key": f"{UNDATED}\x1f{title}\x1f{iri}",
        }
    return out


def timeline_items(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Return the timeline: events (dated or not) and dated statements, ordered by date.

    Items of equal date keep a stable order by label then id; undated events come last.
    """
    items = [it for it in item_records(G).values()
             if it["kind"] == "event" or it["date"]]
    items.sort(key=lambda it: it["sort_key"])
    return items


__all__ = ["NO_ACTOR", "article_index", "item_records", "role_records", "timeline_items"]
