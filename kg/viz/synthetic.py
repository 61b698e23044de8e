"""Random graphs that follow kg's graph contract, for benchmarks, tests and demos."""

from __future__ import annotations

import random

import networkx as nx

from kg.model import ACTOR_TYPES

EVENT_TYPES = ("attack", "meet", "propose", "endorse", "sign", "visit")
ROLES = ("participant", "host", "target")


def synthetic_graph(n_nodes: int, n_edges: int | None = None, *, seed: int = 0) -> nx.MultiDiGraph:
    """Return a random MultiDiGraph with ``n_nodes`` nodes and about ``n_edges`` edges.

    Half the nodes are actors (Zipf-like mention counts), a quarter events, a quarter
    statements; edges obey the contract (said, about, took_part_in, located_in, holds_role).
    Places and countries get a ``lat`` / ``lon`` on land-ish latitudes (from their own random
    stream, so the rest of the graph is the same as without them).
    """
    rng = random.Random(seed)
    geo_rng = random.Random(seed + 1_000_003)
    n_edges = 4 * n_nodes if n_edges is None else n_edges
    G = nx.MultiDiGraph()
    n_actors = max(n_nodes // 2, 2)
    n_events = max((n_nodes - n_actors) // 2, 1)
    n_statements = max(n_nodes - n_actors - n_events, 1)
    actors, places, persons = [], [], []
    for i in range(n_actors):
        type_ = ACTOR_TYPES[i % len(ACTOR_TYPES)]
        iri = f"https://kg.example/actor/{type_.lower()}/{i}"
        G.add_node(iri, kind="actor", type=type_, label=f"{type_} {i}",
                   mentions=max(1, int(200 / (1 + i) ** 0.8)), aliases=[f"A{i}"], roles=[],
                   country_code="XX" if type_ == "Country" else None, date=None,
                   date_precision=None, evidence=[])
        if type_ in ("Place", "Country"):
            G.nodes[iri]["lat"] = round(geo_rng.uniform(-50, 65), 4)
            G.nodes[iri]["lon"] = round(geo_rng.uniform(-170, 175), 4)
        actors.append(iri)
        (places if type_ == "Place" else persons if type_ == "Person" else []).append(iri)

    def date() -> str:
        return f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    def evidence(k: int) -> dict:
        return {"article": f"https://news.example/a{k % 97}", "title": f"Article {k % 97}",
                "sentence": f"Sentence {k} reports what happened.", "start": 0, "end": 30}

    events, statements = [], []
    for i in range(n_events):
        iri = f"https://kg.example/event/{i}"
        etype = EVENT_TYPES[i % len(EVENT_TYPES)]
        G.add_node(iri, kind="event", type=etype, label=f"{etype} {i}", mentions=1, aliases=[],
                   roles=[], country_code=None, date=date(), date_precision="day",
                   evidence=[evidence(i)])
        events.append(iri)
    for i in range(n_statements):
        iri = f"https://kg.example/statement/{i}"
        G.add_node(iri, kind="statement", type="Statement", label=f"Quote {i}", mentions=1,
                   aliases=[], roles=[], country_code=None, date=date(), date_precision="day",
                   quote=f"We said thing number {i}.", speaker=None,
                   kind_of_statement="direct", evidence=[evidence(i)])
        statements.append(iri)

    def actor() -> str:  # skewed choice: low indices (many mentions) are picked more often
        return actors[min(int(rng.paretovariate(1.2)) - 1, n_actors - 1) if rng.random() < 0.5
                      else rng.randrange(n_actors)]

    count = [0]

    def edge(u: str, v: str, label: str, **extra: object) -> None:
        k = count[0]
        count[0] += 1
        G.add_edge(u, v, key=f"{label}-{k}", label=label, date=date(),
                   evidence=f"Sentence {k} links them.", article=f"https://news.example/a{k % 97}",
                   **extra)

    for s in statements:  # every statement has a speaker
        speaker = actor()
        G.nodes[s]["speaker"] = G.nodes[speaker]["label"]
        edge(speaker, s, "said")
    for ev in events:
        if places:
            edge(ev, rng.choice(places), "located_in")
    while count[0] < n_edges:
        r = rng.random()
        if r < 0.35:
            edge(rng.choice(statements), actor(), "about",
                 stance=rng.choice(("negative", "positive", None)))
        elif r < 0.85:
            edge(actor(), rng.choice(events), "took_part_in", role=rng.choice(ROLES))
        elif persons:
            edge(rng.choice(persons), actor(), "holds_role", title="minister")
    return G
