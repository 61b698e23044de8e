"""Tests for kg.graph: the NetworkX projection's attribute contract and GraphML/GEXF export."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from records import (
    GENEVA,
    IMG_GROUP_ID,
    RUBIO_ID,
    RUSSIA_ID,
    SCRIPT_QUOTE,
    TERNOPIL_ID,
    UKRAINE_ID,
    US_ID,
    sample_store,
)

from kg.graph import to_networkx, write_gexf, write_graphml
from kg.rdf import actor_iri, event_iri, statement_iri

NODE_KEYS = {
    "kind", "type", "label", "mentions", "aliases", "roles", "country_code", "date",
    "date_precision", "date_basis", "quote", "speaker", "kind_of_statement", "evidence",
}


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return to_networkx(sample_store())


def test_every_node_has_the_full_attribute_set(G: nx.MultiDiGraph) -> None:
    assert G.number_of_nodes() == 10 + 3 + 4
    for _, data in G.nodes(data=True):
        assert set(data) == NODE_KEYS
        assert data["kind"] in {"actor", "event", "statement"}
        assert len(data["evidence"]) <= 5


def test_person_node(G: nx.MultiDiGraph) -> None:
    rubio = G.nodes[str(actor_iri(RUBIO_ID))]
    assert rubio["kind"] == "actor"
    assert rubio["type"] == "Person"
    assert rubio["label"] == "Marco Rubio"
    assert rubio["mentions"] == 4
    assert rubio["aliases"] == ["Rubio"]
    assert rubio["roles"] == ["Secretary of State (United States)"]
    assert rubio["country_code"] is None
    first = rubio["evidence"][0]
    assert first["article"] == GENEVA.article.id
    assert first["title"] == "Talks in Geneva"
    assert GENEVA.article.text[first["start"] : first["end"]] == "Marco Rubio"
    assert "Marco Rubio" in first["sentence"]


def test_country_node(G: nx.MultiDiGraph) -> None:
    us = G.nodes[str(actor_iri(US_ID))]
    assert (us["type"], us["country_code"], us["aliases"]) == ("Country", "US", ["US"])


def test_event_node(G: nx.MultiDiGraph) -> None:
    attack = G.nodes[str(event_iri(GENEVA.events[0].id))]
    assert attack["kind"] == "event"
    assert attack["type"] == "attack"
    assert attack["label"] == "Russia launched a missile attack on Ternopil"
    assert (attack["date"], attack["date_precision"]) == ("2025-11-19", "day")
    meeting = G.nodes[str(event_iri(GENEVA.events[1].id))]
    assert (meeting["date"], meeting["date_precision"]) == ("2025-11", "month")


def test_statement_node(G: nx.MultiDiGraph) -> None:
    st = GENEVA.statements[1]
    node = G.nodes[str(statement_iri(st.id))]
    assert node["kind"] == "statement"
    assert node["type"] == "Statement"
    assert node["quote"] == st.quote
    assert node["label"] == st.quote  # short enough to stay whole
    assert node["speaker"] == "Marco Rubio"
    assert node["kind_of_statement"] == "reported"
    assert node["evidence"][0]["sentence"] == st.sentence_text


def test_long_quote_label_is_cut() -> None:
    from kg.graph import _short

    assert _short("word " * 40).endswith("…")
    assert len(_short("word " * 40)) == 80


def _edge(G: nx.MultiDiGraph, u: str, v: str, key: str) -> dict:
    return G.get_edge_data(str(u), str(v), key=key)


def test_edges(G: nx.MultiDiGraph) -> None:
    attack = event_iri(GENEVA.events[0].id)
    reported = statement_iri(GENEVA.statements[1].id)
    said = _edge(G, actor_iri(RUBIO_ID), reported, "said")
    assert said["label"] == "said"
    assert said["date"] == "2025-11-24"
    assert said["article"] == GENEVA.article.id
    assert said["evidence"] == GENEVA.statements[1].sentence_text
    about = _edge(G, reported, actor_iri(RUSSIA_ID), "about")
    assert about["stance"] == "negative"
    assert _edge(G, actor_iri(RUSSIA_ID), attack, "took_part_in")["role"] == "agent"
    assert _edge(G, actor_iri(UKRAINE_ID), attack, "took_part_in")["role"] == "target"
    located = _edge(G, attack, actor_iri(TERNOPIL_ID), "located_in")
    assert located["date"] == "2025-11-19"
    role = _edge(G, actor_iri(RUBIO_ID), actor_iri(US_ID), "holds_role")
    assert role["title"] == "Secretary of State"
    assert role["date"] is None


def test_every_edge_has_label_date_evidence_article(G: nx.MultiDiGraph) -> None:
    labels = set()
    for _, _, key, data in G.edges(keys=True, data=True):
        assert key == data["label"]
        assert {"date", "evidence", "article"} <= set(data)
        assert data["article"]
        labels.add(key)
    assert labels == {"said", "about", "took_part_in", "located_in", "holds_role"}


def test_hostile_text_stays_raw_in_the_projection(G: nx.MultiDiGraph) -> None:
    group = G.nodes[str(actor_iri(IMG_GROUP_ID))]
    assert group["label"].startswith("<img src=x onerror=alert(1)>")
    quotes = [d["quote"] for _, d in G.nodes(data=True) if d["kind"] == "statement"]
    assert SCRIPT_QUOTE in quotes


@pytest.mark.parametrize(("writer", "reader"), [(write_graphml, nx.read_graphml),
                                                (write_gexf, nx.read_gexf)])
def test_graphml_and_gexf_round_trip(G: nx.MultiDiGraph, tmp_path: Path, writer, reader) -> None:
    path = tmp_path / "g.out"
    writer(G, path)
    H = reader(path)
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    rubio = H.nodes[str(actor_iri(RUBIO_ID))]
    assert "Secretary of State (United States)" in rubio["roles"]
    assert rubio["country_code"] == ""
