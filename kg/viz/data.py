"""Turn kg's NetworkX graph into the JSON payload that the graph and timeline pages read.

The payload is data only (no HTML): every string from an article stays plain text here and is
put into the page as an escaped JSON data island (see :func:`json_island`), then inserted into
the DOM with ``textContent`` by the page script.
"""

from __future__ import annotations

import difflib
import json
from typing import Any

import networkx as nx

from kg.graph import evidence_attr, list_attr
from kg.viz.layout import layout_positions

#: Colour and vis-network shape of each actor type (shapes whose label sits under the node).
ACTOR_STYLE: dict[str, tuple[str, str]] = {
    "Person": ("#4e79a7", "dot"),
    "Country": ("#e15759", "diamond"),
    "Place": ("#59a14f", "triangle"),
    "Organization": ("#f28e2b", "square"),
    "Plan": ("#b07aa1", "star"),
    "Group": ("#76b7b2", "hexagon"),
}
#: Colour and shape of statements.
STATEMENT_STYLE: tuple[str, str] = ("#9c755f", "dot")
#: Colours cycled over event types (all events are drawn as downward triangles).
EVENT_COLOURS: tuple[str, ...] = (
    "#edc948", "#ff9da7", "#d37295", "#fabfd2", "#b6992d", "#f1ce63", "#d4a6c8", "#e49444",
)
EVENT_SHAPE = "triangleDown"
#: Fallback style for actors of an unknown type.
OTHER_STYLE: tuple[str, str] = ("#bab0ac", "dot")
#: Display text of each edge label of the contract.
EDGE_TEXT: dict[str, str] = {
    "said": "said",
    "about": "about",
    "took_part_in": "took part in",
    "located_in": "located in",
    "holds_role": "holds role",
}
KINDS: tuple[str, ...] = ("actor", "event", "statement")


def type_key(attrs: dict[str, Any]) -> str:
    """Return the legend/filter key of a node: its actor type, event type or ``Statement``."""
    kind = attrs.get("kind") or "actor"
    if kind == "statement":
        return "Statement"
    return str(attrs.get("type") or ("event" if kind == "event" else "Other"))


def type_styles(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Return one legend entry (type, kind, colour, shape, count) per node type present in G."""
    counts: dict[tuple[str, str], int] = {}
    for _, attrs in G.nodes(data=True):
        key = (attrs.get("kind") or "actor", type_key(attrs))
        counts[key] = counts.get(key, 0) + 1
    kind_rank = {k: i for i, k in enumerate(KINDS)}
    actor_rank = {t: i for i, t in enumerate(ACTOR_STYLE)}
    ordered = sorted(
        counts,
        key=lambda k: (kind_rank.get(k[0], 9), actor_rank.get(k[1], 99), k[1]),
    )
    styles = []
    event_index = 0
    for kind, tkey in ordered:
        if kind == "event":
            colour, shape = EVENT_COLOURS[event_index % len(EVENT_COLOURS)], EVENT_SHAPE
            event_index += 1
        elif kind == "statement":
            colour, shape = STATEMENT_STYLE
        else:
            colour, shape = ACTOR_STYLE.get(tkey, OTHER_STYLE)
        styles.append(
            {"type": tkey, "kind": kind, "color": colour, "shape": shape,
             "count": counts[(kind, tkey)]}
        )
    return styles


def resolve_focus(G: nx.MultiDiGraph, focus: str) -> str:
    """Return the node id named by ``focus`` (an IRI, a label or an alias; case-insensitive).

    Raises ``ValueError`` naming close labels when nothing matches.
    """
    if focus in G:
        return focus
    wanted = focus.strip().casefold()
    matches = [
        n for n, a in G.nodes(data=True)
        if str(a.get("label") or "").casefold() == wanted
        or any(x.casefold() == wanted for x in list_attr(a.get("aliases")))
    ]
    if matches:
        # prefer actors, then the most mentioned, then the id for determinism
        return min(
            matches,
            key=lambda n: (G.nodes[n].get("kind") != "actor",
                           -int(G.nodes[n].get("mentions") or 0), n),
        )
    labels = sorted({str(a.get("label")) for _, a in G.nodes(data=True) if a.get("label")})
    close = difflib.get_close_matches(focus, labels, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise ValueError(f"unknown focus {focus!r}: no node has this IRI, label or alias{hint}")


def focus_subgraph(G: nx.MultiDiGraph, focus: str, depth: int = 2) -> nx.MultiDiGraph:
    """Return the ego network (radius ``depth``, edges in either direction) around ``focus``."""
    if depth < 0:
        raise ValueError(f"depth must be >= 0, got {depth}")
    centre = resolve_focus(G, focus)
    ego = nx.ego_graph(G.to_undirected(as_view=True), centre, radius=depth)
    return G.subgraph(ego.nodes).copy()


def nodes_by_degree(G: nx.MultiDiGraph) -> list[str]:
    """Return node ids ordered by degree (then mentions, then id), highest first."""
    return sorted(
        G.nodes,
        key=lambda n: (-G.degree(n), -int(G.nodes[n].get("mentions") or 0), str(n)),
    )


def _text(value: Any) -> str | None:
    """Return ``value`` as a string, or None when empty."""
    if value is None or value == "":
        return None
    return str(value)


def article_index(G: nx.MultiDiGraph) -> dict[str, tuple[str | None, str | None]]:
    """Return article id → (title, address) from the evidence of every node of G."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for _, attrs in G.nodes(data=True):
        for ev in evidence_attr(attrs.get("evidence")):
            art = ev.get("article")
            if art and (art not in out or not out[art][0]):
                out[art] = (ev.get("title") or None, ev.get("url") or None)
    return out


def _evidence(items: Any) -> list[dict[str, Any]]:
    """Return the evidence list of a node reduced to the fields the page shows."""
    out = []
    for item in evidence_attr(items):
        out.append({
            "article": _text(item.get("article")),
            "title": _text(item.get("title")),
            "url": _text(item.get("url")),
            "sentence": _text(item.get("sentence")),
        })
    return out


def node_record(node_id: str, attrs: dict[str, Any], degree: int) -> dict[str, Any]:
    """Return the page record of one node (plain data; only non-empty optional fields)."""
    rec: dict[str, Any] = {
        "id": str(node_id),
        "label": str(attrs.get("label") or node_id),
        "kind": attrs.get("kind") or "actor",
        "type": type_key(attrs),
        "mentions": int(attrs.get("mentions") or 0),
        "degree": degree,
    }
    optional = {
        "date": _text(attrs.get("date")),
        "precision": _text(attrs.get("date_precision")),
        "quote": _text(attrs.get("quote")),
        "speaker": _text(attrs.get("speaker")),
        "statement_kind": _text(attrs.get("kind_of_statement")),
        "country": _text(attrs.get("country_code")),
        "aliases": list_attr(attrs.get("aliases")),
        "roles": list_attr(attrs.get("roles")),
        "evidence": _evidence(attrs.get("evidence")),
    }
    rec.update({k: v for k, v in optional.items() if v})
    return rec


def edge_record(index: dict[str, int], u: str, v: str, attrs: dict[str, Any],
                articles: dict[str, tuple[str | None, str | None]] | None = None) -> list[Any]:
    """Return one edge as ``[from, to, label, date, detail, evidence, article, title, url]``.

    ``detail`` is the stance of ``about``, the role of ``took_part_in`` or the title of
    ``holds_role``; ``title`` and ``url`` are the article's, from ``articles``
    (see :func:`article_index`).
    """
    label = str(attrs.get("label") or "")
    detail = attrs.get("stance") or attrs.get("role") or attrs.get("title")
    article = _text(attrs.get("article"))
    title, url = (articles or {}).get(article or "", (None, None))
    return [
        index[u], index[v], label, _text(attrs.get("date")), _text(detail),
        _text(attrs.get("evidence")), article, title, url,
    ]


def graph_payload(
    G: nx.MultiDiGraph,
    *,
    title: str,
    max_nodes: int = 1500,
    focus_id: str | None = None,
    timeline_href: str | None = None,
    seed: int = 7,
) -> dict[str, Any]:
    """Return the graph page data: styles, nodes (by degree, with positions) and edges.

    The first ``max_nodes`` nodes (plus the focus node) are shown when the page opens; the rest
    stay in the data and come into view through the filters and the search box.
    """
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be >= 1, got {max_nodes}")
    order = nodes_by_degree(G)
    if focus_id is not None and focus_id in G:
        order.remove(focus_id)
        order.insert(0, focus_id)
    index = {n: i for i, n in enumerate(order)}
    positions = layout_positions(G, order, core_size=min(max_nodes, 1000), seed=seed)
    nodes = []
    for n in order:
        rec = node_record(n, G.nodes[n], G.degree(n))
        rec["x"], rec["y"] = positions[n]
        nodes.append(rec)
    articles = article_index(G)
    edges = [edge_record(index, u, v, a, articles) for u, v, a in G.edges(data=True)]
    dates = sorted(r["date"] for r in nodes if r.get("date"))
    return {
        "title": title,
        "max_nodes": max_nodes,
        "focus": index.get(focus_id) if focus_id is not None else None,
        "timeline_href": timeline_href,
        "styles": type_styles(G),
        "edge_text": EDGE_TEXT,
        "date_min": dates[0] if dates else None,
        "date_max": dates[-1] if dates else None,
        "nodes": nodes,
        "edges": edges,
    }


def json_island(data: Any) -> str:
    """Return ``data`` as JSON safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` (and the JS line separators) become ``\\uXXXX`` escapes, so article
    text such as ``</script>`` cannot end the element; the page reads it with ``JSON.parse``.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )
