"""Tests for kg.graph: the NetworkX projection's attribute contract and GraphML/GEXF export."""

from __future__ import annotations

import networkx as nx
import pytest
from records import (
    GENEVA,
    GENEVA_ID,
    IMG_GROUP_ID,
    RUBIO_ID,
    RUSSIA_ID,
    SCRIPT_QUOTE,
    TERNOPIL_ID,
    UKRAINE_ID,
    US_ID,
    sample_store,
)

from kg.graph import LIST_SEPARATOR, evidence_attr, list_attr, to_networkx
from kg.graphfile import date_span
from kg.rdf import actor_iri, event_iri, statement_iri

REQUIRED_KEYS = {"kind", "type", "label", "mentions"}
NODE_KEYS = REQUIRED_KEYS | {
    "aliases", "roles", "country_code", "date", "date_precision", "date_basis", "quote",
    "speaker", "kind_of_statement", "evidence", "lat", "lon", "geonames", "wikidata",
}


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return to_networkx(sample_store())


def test_every_node_has_the_contract_attributes_as_scalars(G: nx.MultiDiGraph) -> None:
    assert G.number_of_nodes() == 10 + 3 + 4
    for _, data in G.nodes(data=True):
        assert REQUIRED_KEYS <= set(data) <= NODE_KEYS
        assert data["kind"] in {"actor", "event", "statement"}
        assert isinstance(data["mentions"], int)
        assert all(isinstance(v, str | int | float) and v != "" for v in data.values()), data
        assert len(evidence_attr(data.get("evidence"))) <= 5


def test_person_node(G: nx.MultiDiGraph) -> None:
    rubio = G.nodes[str(actor_iri(RUBIO_ID))]
    assert rubio["kind"] == "actor"
    assert rubio["type"] == "Person"
    assert rubio["label"] == "Marco Rubio"
    assert rubio["mentions"] == 4
    assert rubio["aliases"] == "Rubio"
    assert rubio["roles"] == "Secretary of State (United States)"
    assert "country_code" not in rubio
    first = evidence_attr(rubio["evidence"])[0]
    assert first["article"] == GENEVA.article.id
    assert first["title"] == "Talks in Geneva"
    assert GENEVA.article.text[first["start"] : first["end"]] == "Marco Rubio"
    assert "Marco Rubio" in first["sentence"]


def test_country_node(G: nx.MultiDiGraph) -> None:
    us = G.nodes[str(actor_iri(US_ID))]
    assert (us["type"], us["country_code"], list_attr(us["aliases"])) == ("Country", "US", ["US"])
    assert (us["geonames"], us["wikidata"]) == (
        "https://sws.geonames.org/6252001/", "http://www.wikidata.org/entity/Q30")
    assert 25 < us["lat"] < 50 and -125 < us["lon"] < -65


@pytest.mark.parametrize(("actor", "geonames", "lat", "lon"), [
    (GENEVA_ID, 2660646, 46.2, 6.15),  # 201,000 people beat Geneva, US (22,000 + US named)
    (TERNOPIL_ID, 691650, 49.55, 25.59),
])
def test_place_node_has_its_location(G: nx.MultiDiGraph, actor: str, geonames: int,
                                     lat: float, lon: float) -> None:
    node = G.nodes[str(actor_iri(actor))]
    assert node["geonames"] == f"https://sws.geonames.org/{geonames}/"
    assert "wikidata" not in node
    assert node["lat"] == pytest.approx(lat, abs=0.01)
    assert node["lon"] == pytest.approx(lon, abs=0.01)


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
    assert evidence_attr(node["evidence"])[0]["sentence"] == st.sentence_text


def test_long_quote_label_is_cut() -> None:
    from kg.graph import _short

    assert _short("word " * 40).endswith("…")
    assert len(_short("word " * 40)) == 80


def _edge(G: nx.MultiDiGraph, u: str, v: str, label: str) -> dict:
    """Return the one ``label`` edge from u to v."""
    found = [d for d in (G.get_edge_data(str(u), str(v)) or {}).values() if d["label"] == label]
    assert len(found) == 1, found
    return found[0]


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
    assert "date" not in role


def test_every_edge_has_a_unique_key_label_evidence_article(G: nx.MultiDiGraph) -> None:
    labels, keys = set(), set()
    for _, _, key, data in G.edges(keys=True, data=True):
        assert key.startswith(data["label"] + ":")
        assert {"label", "evidence", "article"} <= set(data)
        assert all(isinstance(v, str) and v for k, v in data.items() if k != "evidence")
        keys.add(key)
        labels.add(data["label"])
    assert len(keys) == G.number_of_edges()
    assert labels == {"said", "about", "took_part_in", "located_in", "holds_role"}


@pytest.mark.parametrize(("value", "expected"), [
    ("Rubio", ["Rubio"]), (f"A{LIST_SEPARATOR}B", ["A", "B"]), (["A", "B"], ["A", "B"]),
    (None, []), ("", []),
])
def test_list_attr(value, expected) -> None:
    assert list_attr(value) == expected


@pytest.mark.parametrize(("date", "span"), [
    ("2025-11-19", ("2025-11-19", "2025-11-19")), ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2025", ("2025-01-01", "2025-12-31")), (None, None), ("soon", None),
])
def test_date_span(date, span) -> None:
    assert date_span(date) == span


def test_hostile_text_stays_raw_in_the_projection(G: nx.MultiDiGraph) -> None:
    group = G.nodes[str(actor_iri(IMG_GROUP_ID))]
    assert group["label"].startswith("<img src=x onerror=alert(1)>")
    quotes = [d["quote"] for _, d in G.nodes(data=True) if d["kind"] == "statement"]
    assert SCRIPT_QUOTE in quotes
