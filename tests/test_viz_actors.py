"""Tests of kg.viz.actors and the corpus page data: actor-only nodes, edges that summarise facts."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.viz import actor_network
from kg.viz.actors import all_links, role_item_id
from kg.viz.corpus import corpus_payload
from kg.viz.items import item_records, role_records

EX = "https://kg.example/"


def actor(G: nx.MultiDiGraph, key: str, type_: str, mentions: int = 1) -> str:
    """Add an actor named after its key and return its IRI."""
    G.add_node(EX + key, kind="actor", type=type_, label=key.title(), mentions=mentions)
    return EX + key


def event(G: nx.MultiDiGraph, key: str, etype: str, date: str, parts: dict[str, str],
          place: str | None = None) -> str:
    """Add an event with participants (actor IRI → role) and an optional place."""
    iri = EX + key
    G.add_node(iri, kind="event", type=etype, label=f"{etype} {key}", mentions=1, date=date,
               evidence='[{"article": "a1", "title": "Port talks", "url": '
                        '"https://news.example/port", "sentence": "They talked."}]')
    for who, role in parts.items():
        G.add_edge(who, iri, key=f"t-{key}-{who}", label="took_part_in", role=role)
    if place:
        G.add_edge(iri, place, key=f"l-{key}", label="located_in")
    return iri


def statement(G: nx.MultiDiGraph, key: str, speaker: str, about: str,
              stance: str | None = None, date: str | None = "2024-03-11") -> str:
    """Add a statement by ``speaker`` about ``about``."""
    iri = EX + key
    G.add_node(iri, kind="statement", type="Statement", label=key, mentions=1, date=date,
               quote=f"Words of {key}.", kind_of_statement="direct")
    G.add_edge(speaker, iri, key=f"s-{key}", label="said")
    G.add_edge(iri, about, key=f"a-{key}", label="about",
               **({"stance": stance} if stance else {}))
    return iri


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    """Three persons, a country, a town and a council linked by events, statements, a role."""
    G = nx.MultiDiGraph()
    ana, bo, cy = (actor(G, k, "Person", m) for k, m in (("ana", 5), ("bo", 3), ("cy", 1)))
    land, oslo = actor(G, "land", "Country", 7), actor(G, "oslo", "Place", 2)
    council = actor(G, "council", "Organization", 2)
    event(G, "meet1", "meet", "2024-03-09", {ana: "participant", bo: "participant"}, oslo)
    event(G, "crit1", "criticize", "2024-03-10", {cy: "agent", land: "target"})
    event(G, "sign1", "sign", "2024-04", {ana: "agent", bo: "participant", land: "participant"})
    statement(G, "st1", ana, land, "negative")
    statement(G, "st2", ana, land)
    statement(G, "st3", bo, ana, date=None)
    statement(G, "st4", cy, cy)  # about the speaker: no link
    G.add_edge(bo, council, key="r1", label="holds_role", title="chair", article="a1",
               evidence="Bo chairs the council.")
    return G


def test_links_summarise_events_statements_and_roles(graph):
    found = {(e.relation, e.source.removeprefix(EX), e.target.removeprefix(EX),
              tuple(i.removeprefix(EX) for i in e.items)) for e in all_links(graph)}
    role = role_item_id(EX + "bo", EX + "council", "r1").removeprefix(EX)
    assert found == {
        ("met", "ana", "bo", ("meet1",)),
        ("event_at", "ana", "oslo", ("meet1",)),
        ("event_at", "bo", "oslo", ("meet1",)),
        ("criticised", "cy", "land", ("crit1",)),
        ("same_event", "ana", "bo", ("sign1",)),
        ("same_event", "ana", "land", ("sign1",)),
        ("same_event", "bo", "land", ("sign1",)),
        ("criticised", "ana", "land", ("st1",)),
        ("said_about", "ana", "land", ("st2",)),
        ("said_about", "bo", "ana", ("st3",)),
        ("holds_role", "bo", "council", (role,)),
    }


@pytest.mark.parametrize("relation, source, target, facts", [
    ("met", "ana", "bo", {("took_part_in", "ana", "meet1"), ("took_part_in", "bo", "meet1")}),
    ("event_at", "bo", "oslo", {("took_part_in", "bo", "meet1"),
                                ("located_in", "meet1", "oslo")}),
    ("criticised", "ana", "land", {("said", "ana", "st1"), ("about", "st1", "land")}),
    ("holds_role", "bo", "council", {("holds_role", "bo", "council")}),
])
def test_each_link_lists_the_facts_it_summarises(graph, relation, source, target, facts):
    edge = next(e for e in all_links(graph)
                if (e.relation, e.source, e.target) == (relation, EX + source, EX + target))
    assert {tuple(x.removeprefix(EX) for x in f) for f in edge.facts} == facts
    for rel, u, v in edge.facts:  # each fact is an edge of the fact graph
        assert any(d["label"] == rel for d in graph.get_edge_data(u, v).values())


def test_links_of_several_facts_weigh_more(graph):
    statement(graph, "st5", EX + "ana", EX + "land", "negative", "2024-05-01")
    edge = next(e for e in all_links(graph) if e.relation == "criticised"
                and e.source == EX + "ana")
    assert (edge.items, edge.weight) == ((EX + "st1", EX + "st5"), 2)
    assert len(edge.facts) == 4


@pytest.mark.parametrize("max_actors, max_edges, keep, actors, relations", [
    (2, 10, (), ["ana", "bo"], {"met", "same_event", "said_about"}),
    (2, 1, (), ["ana", "bo"], {"met"}),
    (1, 10, ("cy",), ["cy", "ana"], set()),
    (1, 10, ("st1", "nobody"), ["ana"], set()),  # only actors of the graph are kept
    (10, 0, (), ["ana", "bo", "land", "oslo", "council", "cy"], set()),
])
def test_caps_keep_the_most_linked_actors_and_heaviest_links(graph, max_actors, max_edges,
                                                            keep, actors, relations):
    net = actor_network(graph, max_actors=max_actors, max_edges=max_edges,
                        keep=tuple(EX + k for k in keep))
    assert [a.removeprefix(EX) for a in net.actors] == actors
    assert {e.relation for e in net.edges} == relations
    assert (net.actors_total, net.edges_total) == (6, 11)


def test_caps_must_be_positive(graph):
    with pytest.raises(ValueError, match="max_actors"):
        actor_network(graph, max_actors=0)


def test_communities_split_unlinked_groups():
    G = nx.MultiDiGraph()
    left = [actor(G, k, "Person") for k in ("a1", "a2", "a3")]
    right = [actor(G, k, "Person") for k in ("b1", "b2", "b3")]
    event(G, "e1", "meet", "2024-01-01", dict.fromkeys(left, "participant"))
    event(G, "e2", "meet", "2024-01-02", dict.fromkeys(right, "participant"))
    actor(G, "loner", "Person")
    found = actor_network(G).communities
    assert len({found[a] for a in left}) == len({found[a] for a in right}) == 1
    assert found[left[0]] != found[right[0]]
    assert EX + "loner" not in found


def test_corpus_payload_draws_actors_only_and_points_edges_at_items(graph):
    data = corpus_payload(graph, title="t", focus_id=EX + "cy")
    assert {a["type"] for a in data["actors"]} == {"Person", "Country", "Place", "Organization"}
    assert len(data["actors"]) == 6
    assert data["actors"][data["focus"]]["id"] == EX + "cy"
    ids = [a["id"] for a in data["actors"]]
    items = data["items"]
    edges = {(e[2], ids[e[0]], ids[e[1]]): [items[k]["id"] for k in e[3]] for e in data["edges"]}
    assert edges[("criticised", EX + "ana", EX + "land")] == [EX + "st1"]
    by_id = {it["id"]: it for it in items}
    role = by_id[edges[("holds_role", EX + "bo", EX + "council")][0]]
    assert (role["kind"], role["label"], role["title"]) == ("role", "chair, Council",
                                                            "Port talks")
    assert {r["key"]: r["count"] for r in data["relations"]}["same_event"] == 3
    assert [it["date"] for it in items if it["date"]] == sorted(
        it["date"] for it in items if it["date"])


def test_items_name_their_actors_source_and_group(graph):
    items = item_records(graph)
    sign = items[EX + "sign1"]
    assert sign["primary"] == [EX + "ana", "Ana"]  # the agent
    assert (sign["title"], sign["url"]) == ("Port talks", "https://news.example/port")
    crit = items[EX + "crit1"]
    assert crit["primary"] == [EX + "cy", "Cy"]
    st1 = items[EX + "st1"]
    assert (st1["primary"], st1["about"]) == ([EX + "ana", "Ana"],
                                              [[EX + "land", "Land", "negative"]])
    assert set(role_records(graph)) == {role_item_id(EX + "bo", EX + "council", "r1")}
