"""The actor network: actors as nodes, one edge per (relation, actor, actor) summarising facts.

Statements and events are not drawn; each becomes the evidence of the edges between the actors
it links. One pass over the graph's facts aggregates them (linear in the facts, plus the pairs
of participants inside each event), then the top actors and edges are kept:

* ``met`` — both took part in a ``meet`` event (undirected);
* ``same_event`` — both took part in another event (undirected);
* ``criticised`` — a negative statement about the target, or a ``criticize`` event from its
  agent to its target;
* ``said_about`` — any other statement about the target;
* ``holds_role`` — a post in a country or organisation;
* ``event_at`` — took part in an event located at a place.

Every edge lists the facts of the store it summarises (``(relation, source, target)`` of the
fact graph, see :mod:`kg.graph`), so the page never shows a link the store cannot back.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

#: Relation key → (display text, colour, directed).
RELATIONS: dict[str, tuple[str, str, bool]] = {
    "criticised": ("criticised", "#d62728", True),
    "said_about": ("said something about", "#1f77b4", True),
    "met": ("met", "#2ca02c", False),
    "same_event": ("took part in the same event", "#9467bd", False),
    "holds_role": ("holds a role in", "#ff7f0e", True),
    "event_at": ("took part in an event at", "#8c8c8c", True),
}
#: Default caps of the page (top actors by linked facts, top edges by weight).
MAX_ACTORS = 300
MAX_EDGES = 1500

Fact = tuple[str, str, str]


@dataclass(frozen=True)
class ActorEdge:
    """One drawn link: ``relation`` from ``source`` to ``target`` (sorted ids if undirected),
    the statements, events or roles behind it (``items``) and their store facts."""

    source: str
    target: str
    relation: str
    items: tuple[str, ...]
    facts: tuple[Fact, ...]

    @property
    def weight(self) -> int:
        """Return the number of statements, events or roles that support the link."""
        return len(self.items)


@dataclass(frozen=True)
class ActorNetwork:
    """The kept actors (most linked first), their edges and how much was left out."""

    actors: tuple[str, ...]
    edges: tuple[ActorEdge, ...]
    communities: dict[str, int] = field(default_factory=dict)
    actors_total: int = 0
    edges_total: int = 0


class _Links:
    """Accumulates (relation, u, v) → items and facts in one pass over the fact graph."""

    def __init__(self) -> None:
        # key → (items, facts), both dicts used as ordered sets
        self.found: dict[tuple[str, str, str], tuple[dict, dict]] = {}

    def add(self, relation: str, u: str, v: str, item: str, facts: tuple[Fact, ...]) -> None:
        if u == v:
            return
        if v < u and not RELATIONS[relation][2]:
            u, v = v, u
        entry = self.found.get((relation, u, v))
        if entry is None:
            entry = self.found[(relation, u, v)] = ({}, {})
        entry[0][item] = None
        for f in facts:
            entry[1][f] = None

    def edge(self, key: tuple[str, str, str]) -> ActorEdge:
        items, facts = self.found[key]
        return ActorEdge(key[1], key[2], key[0], tuple(items), tuple(facts))


def _is_actor(G: nx.MultiDiGraph, node: str) -> bool:
    return (G.nodes[node].get("kind") or "actor") == "actor"


def _event_links(G: nx.MultiDiGraph, event: str, links: _Links) -> None:
    """Add the links an event makes: participant pairs and participants at its places."""
    parts = sorted({(u, str(a.get("role") or "participant"))
                    for u, _, a in G.in_edges(event, data=True)
                    if a.get("label") == "took_part_in" and _is_actor(G, u)})
    places = sorted({v for _, v, a in G.out_edges(event, data=True)
                     if a.get("label") == "located_in"})
    etype = str(G.nodes[event].get("type") or "")
    for i, (u, role_u) in enumerate(parts):
        fu = ("took_part_in", u, event)
        for v, role_v in parts[i + 1:]:
            fv = ("took_part_in", v, event)
            if etype == "criticize" and {role_u, role_v} == {"agent", "target"}:
                src, dst = (u, v) if role_u == "agent" else (v, u)
                links.add("criticised", src, dst, event, (fu, fv))
            else:
                links.add("met" if etype == "meet" else "same_event", u, v, event, (fu, fv))
        for place in places:
            links.add("event_at", u, place, event, (fu, ("located_in", event, place)))


def _statement_links(G: nx.MultiDiGraph, statement: str, links: _Links) -> None:
    """Add speaker → target links of a statement (criticised when its stance is negative)."""
    speakers = [u for u, _, a in G.in_edges(statement, data=True) if a.get("label") == "said"]
    for _, target, a in G.out_edges(statement, data=True):
        if a.get("label") != "about":
            continue
        relation = "criticised" if a.get("stance") == "negative" else "said_about"
        for sp in speakers:
            links.add(relation, sp, target, statement,
                      (("said", sp, statement), ("about", statement, target)))


def role_item_id(u: str, v: str, key: Any) -> str:
    """Return the item id of one ``holds_role`` edge (its edge key is unique in the graph)."""
    return f"role:{u}|{v}|{key}"


def _links(G: nx.MultiDiGraph) -> _Links:
    """Return every actor-actor link of G, aggregated in one pass over its facts."""
    links = _Links()
    for node, attrs in G.nodes(data=True):
        kind = attrs.get("kind")
        if kind == "event":
            _event_links(G, node, links)
        elif kind == "statement":
            _statement_links(G, node, links)
    for u, v, key, a in G.edges(keys=True, data=True):
        if a.get("label") == "holds_role":
            links.add("holds_role", u, v, role_item_id(u, v, key), (("holds_role", u, v),))
    return links


def all_links(G: nx.MultiDiGraph) -> list[ActorEdge]:
    """Return every actor-actor link of G with its items and facts (no cap)."""
    links = _links(G)
    return [links.edge(k) for k in links.found]


def _rank_actors(G: nx.MultiDiGraph, links: _Links) -> list[str]:
    """Return actor ids, most linked facts first (then mentions, then id)."""
    linked: dict[str, int] = defaultdict(int)
    for (_, u, v), (items, _) in links.found.items():
        linked[u] += len(items)
        linked[v] += len(items)
    actors = [n for n in G if _is_actor(G, n)]
    return sorted(actors, key=lambda n: (-linked.get(n, 0),
                                         -int(G.nodes[n].get("mentions") or 0), str(n)))


def communities_of(actors: tuple[str, ...], edges: tuple[ActorEdge, ...],
                   seed: int = 7) -> dict[str, int]:
    """Return actor → community number (0 the largest) from networkx's Louvain method;
    actors without links get none."""
    H = nx.Graph()
    for e in edges:
        w = H.get_edge_data(e.source, e.target, {"weight": 0})["weight"]
        H.add_edge(e.source, e.target, weight=w + e.weight)
    if H.number_of_edges() == 0:
        return {}
    found = nx.community.louvain_communities(H, weight="weight", seed=seed)
    rank = {a: i for i, a in enumerate(actors)}
    ordered = sorted(found, key=lambda c: (-len(c), min(rank.get(a, len(rank)) for a in c)))
    return {a: k for k, c in enumerate(ordered) for a in c}


def actor_network(
    G: nx.MultiDiGraph,
    *,
    max_actors: int = MAX_ACTORS,
    max_edges: int = MAX_EDGES,
    keep: tuple[str, ...] = (),
) -> ActorNetwork:
    """Return the actor network of G: the ``max_actors`` most linked actors (plus ``keep``)
    and the ``max_edges`` heaviest edges between them.

    >>> net = actor_network(to_networkx(store))        # doctest: +SKIP
    >>> net.edges[0].relation, net.edges[0].weight     # doctest: +SKIP
    ('criticised', 3)
    """
    if max_actors < 1 or max_edges < 0:
        raise ValueError(f"max_actors must be >= 1 and max_edges >= 0, got {max_actors}, "
                         f"{max_edges}")
    links = _links(G)
    ranked = _rank_actors(G, links)
    kept = list(dict.fromkeys([k for k in keep if k in G and _is_actor(G, k)]
                              + ranked[:max_actors]))
    kept_set = set(kept)
    inside = [k for k in links.found if k[1] in kept_set and k[2] in kept_set]
    inside.sort(key=lambda k: (-len(links.found[k][0]), k))
    shown = tuple(links.edge(k) for k in inside[:max_edges])
    actors = tuple(kept)
    return ActorNetwork(actors, shown, communities_of(actors, shown), len(ranked),
                        len(links.found))


__all__ = ["MAX_ACTORS", "MAX_EDGES", "RELATIONS", "ActorEdge", "ActorNetwork",
           "actor_network", "all_links", "communities_of"]
