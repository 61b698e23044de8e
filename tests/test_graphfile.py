"""Tests for kg.graphfile: GraphML / GEXF files that networkx and igraph load with unique edge
ids and typed attributes, straight from ``to_networkx()`` and through kg's writers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from records import GENEVA, RUBIO_ID, sample_store

from kg.graph import to_networkx
from kg.graphfile import gexf_graph, write_gexf, write_graphml
from kg.rdf import actor_iri, event_iri

GEXF_NS = {"g": "http://www.gexf.net/1.2draft", "viz": "http://www.gexf.net/1.2draft/viz"}


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return to_networkx(sample_store())


WRITERS = {
    "graphml": (write_graphml, nx.read_graphml),
    "gexf": (write_gexf, nx.read_gexf),
    "nx-graphml": (nx.write_graphml, nx.read_graphml),
    "nx-gexf": (nx.write_gexf, nx.read_gexf),
}


@pytest.mark.parametrize("name", WRITERS)
def test_networkx_reads_every_node_and_edge_back(G: nx.MultiDiGraph, tmp_path: Path,
                                                 name: str) -> None:
    write, read = WRITERS[name]
    path = tmp_path / f"g.{name.split('-')[-1]}"
    write(G, str(path))
    H = read(str(path))
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(),
                                                          G.number_of_edges())
    rubio = H.nodes[str(actor_iri(RUBIO_ID))]
    assert rubio["roles"] == "Secretary of State (United States)"
    assert rubio["mentions"] == 4 and isinstance(rubio["mentions"], int)
    assert "country_code" not in rubio
    labels = sorted(d["label"] for *_, d in H.edges(data=True))
    assert labels == sorted(d["label"] for *_, d in G.edges(data=True))


def test_graphml_edge_ids_are_the_unique_edge_keys(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    write_graphml(G, path)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(path).getroot()
    ids = [e.get("id") for e in root.iter(f"{{{ns['g']}}}edge")]
    assert len(ids) == len(set(ids)) == G.number_of_edges()
    assert set(ids) == {k for *_, k in G.edges(keys=True)}
    types = {(k.get("attr.name"), k.get("for")): k.get("attr.type")
             for k in root.iter(f"{{{ns['g']}}}key")}
    assert types[("mentions", "node")] == "long"
    assert types[("label", "edge")] == "string"


def test_gexf_has_edge_ids_colours_sizes_and_dates(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.gexf"
    write_gexf(G, path)
    root = ET.parse(path).getroot()
    graph = root.find("g:graph", GEXF_NS)
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    ids = [e.get("id") for e in root.iter(f"{{{GEXF_NS['g']}}}edge")]
    assert len(set(ids)) == len(ids) == G.number_of_edges()
    nodes = {n.get("id"): n for n in root.iter(f"{{{GEXF_NS['g']}}}node")}
    rubio = nodes[str(actor_iri(RUBIO_ID))]
    colour = rubio.find("viz:color", GEXF_NS)
    assert (colour.get("r"), colour.get("g"), colour.get("b")) == ("78", "121", "167")  # Person
    assert float(rubio.find("viz:size", GEXF_NS).get("value")) > 6
    assert rubio.get("start") is None  # actors are always there
    attack = nodes[str(event_iri(GENEVA.events[0].id))]
    assert (attack.get("start"), attack.get("end")) == ("2025-11-19", "2025-11-19")
    meeting = nodes[str(event_iri(GENEVA.events[1].id))]
    assert (meeting.get("start"), meeting.get("end")) == ("2025-11-01", "2025-11-30")


def test_gexf_graph_leaves_the_projection_alone(G: nx.MultiDiGraph) -> None:
    before = dict(G.nodes[str(actor_iri(RUBIO_ID))])
    H = gexf_graph(G)
    assert "viz" in H.nodes[str(actor_iri(RUBIO_ID))]
    assert dict(G.nodes[str(actor_iri(RUBIO_ID))]) == before


@pytest.mark.parametrize("name", ["graphml", "gexf"])
def test_igraph_loads_the_exports(G: nx.MultiDiGraph, tmp_path: Path, name: str) -> None:
    igraph = pytest.importorskip("igraph")
    path = tmp_path / f"g.{name}"
    if name == "graphml":
        write_graphml(G, path)
        h = igraph.Graph.Read_GraphML(str(path))  # igraph reads GraphML itself
    else:  # igraph has no GEXF reader: the usual route is through networkx
        write_gexf(G, path)
        h = igraph.Graph.from_networkx(nx.read_gexf(str(path)))
    assert (h.vcount(), h.ecount()) == (G.number_of_nodes(), G.number_of_edges())
    labels = sorted(h.es["label"])
    assert labels == sorted(d["label"] for *_, d in G.edges(data=True))
    if name == "graphml":
        assert len(set(h.es["id"])) == h.ecount()
        mentions = dict(zip(h.vs["id"], h.vs["mentions"], strict=True))
        assert mentions[str(actor_iri(RUBIO_ID))] == 4
