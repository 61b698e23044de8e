"""Tests of kg.viz: self-contained, escaped graph and timeline pages built from hand-made graphs."""

from __future__ import annotations

import html
import json
import re

import networkx as nx
import pytest

from kg.viz import (
    focus_subgraph,
    graph_page_html,
    render_graph_page,
    render_timeline_page,
    resolve_focus,
    show_in_notebook,
    synthetic_graph,
    timeline_items,
    timeline_page_html,
)
from kg.viz.data import graph_payload, json_island

EX = "https://kg.example/"
HOSTILE_QUOTE = "<script>alert(1)</script> and <img src=x onerror=alert(2)>"
HOSTILE_NAME = "Mallory <img src=x onerror=window.__pwned=1> </script><script>alert(3)</script>"


def actor(G: nx.MultiDiGraph, key: str, label: str, type_: str, mentions: int = 1) -> str:
    """Add an actor node and return its IRI."""
    iri = EX + key
    G.add_node(iri, kind="actor", type=type_, label=label, mentions=mentions, aliases=[],
               roles=[], country_code=None, date=None, date_precision=None, evidence=[])
    return iri


def edge(G: nx.MultiDiGraph, u: str, v: str, label: str, date: str | None = None, **kw) -> None:
    """Add a contract edge with evidence."""
    G.add_edge(u, v, key=label, label=label, date=date, evidence=f"{label} sentence",
               article="art-1", **kw)


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    """A small corpus: two speakers, two meetings in two towns, one hostile statement."""
    G = nx.MultiDiGraph()
    ana = actor(G, "ana", "Ana Lindqvist", "Person", 5)
    ana_g = G.nodes[ana]
    ana_g["aliases"] = ["Lindqvist"]
    bo = actor(G, "bo", "Bo Tran", "Person", 3)
    mal = actor(G, "mal", HOSTILE_NAME, "Person", 1)
    ruritania = actor(G, "ruritania", "Ruritania", "Country", 7)
    oslo = actor(G, "oslo", "Oslo", "Place", 2)
    bergen = actor(G, "bergen", "Bergen", "Place", 1)
    council = actor(G, "council", "Harbour Council", "Organization", 2)
    for key, etype, date, place, who in (
        ("ev2", "meet", "2024-03-09", oslo, [ana, bo]),
        ("ev1", "meet", "2024-03-02", bergen, [bo]),
        ("ev3", "propose", "2024-04", None, [ana]),
    ):
        iri = EX + key
        G.add_node(iri, kind="event", type=etype, label=f"{etype} {key}", mentions=1,
                   aliases=[], roles=[], country_code=None, date=date, date_precision="day",
                   evidence=[{"article": "art-1", "title": "Harbour news", "sentence":
                              f"They met ({key}).", "start": 0, "end": 10}])
        if place:
            edge(G, iri, place, "located_in", date)
        for w in who:
            edge(G, w, iri, "took_part_in", date, role="participant")
    st = EX + "st1"
    G.add_node(st, kind="statement", type="Statement", label="quote st1", mentions=1,
               aliases=[], roles=[], country_code=None, date="2024-03-05", date_precision="day",
               quote=HOSTILE_QUOTE, speaker=HOSTILE_NAME, kind_of_statement="direct",
               evidence=[{"article": "javascript:alert(4)", "title": HOSTILE_NAME,
                          "sentence": HOSTILE_QUOTE, "start": 0, "end": 5}])
    edge(G, mal, st, "said", "2024-03-05")
    edge(G, st, ruritania, "about", "2024-03-05", stance="negative")
    st2 = EX + "st2"
    G.add_node(st2, kind="statement", type="Statement", label="undated quote", mentions=1,
               aliases=[], roles=[], country_code=None, date=None, date_precision=None,
               quote="No date here.", speaker="Ana Lindqvist", kind_of_statement="reported",
               evidence=[])
    edge(G, ana, st2, "said")
    edge(G, bo, council, "holds_role", None, title="chair")
    return G


def data_island(page: str, element_id: str = "kg-data") -> dict:
    """Return the parsed JSON data island of a page."""
    m = re.search(
        rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.S
    )
    assert m, f"no data island {element_id}"
    return json.loads(m.group(1))


@pytest.mark.parametrize("view", ["actors", "facts", "timeline"])
def test_page_is_one_self_contained_file(graph, tmp_path, view):
    path = render_graph_page(graph, tmp_path / "out" / "graph.html", title="Harbour", view=view)
    page = path.read_text(encoding="utf-8")
    assert path.name == "graph.html"
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link[^>]*\bhref\s*=", page, re.I)
    assert not re.search(r"""\b(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "vis.Network" in page and "new vis.DataSet" in page  # vis-network inlined
    assert len(page) > 400_000


@pytest.mark.parametrize("needle", [
    "<script>alert(1)</script>", "<img src=x onerror", "</script><script>alert(3)",
    "onerror=alert(2)>", "onerror=window.__pwned=1>",
])
def test_hostile_strings_never_appear_unescaped(graph, needle):
    for view in ("actors", "facts", "timeline"):
        page = graph_page_html(graph, title="<b>Harbour</b>", view=view)
        assert needle not in page
        assert "<b>Harbour</b>" not in page and "&lt;b&gt;Harbour&lt;/b&gt;" in page


def test_hostile_strings_survive_as_data(graph):
    nodes = {n["id"]: n for n in data_island(graph_page_html(graph, view="facts"))["nodes"]}
    assert nodes[EX + "st1"]["quote"] == HOSTILE_QUOTE
    assert nodes[EX + "mal"]["label"] == HOSTILE_NAME
    data = data_island(timeline_page_html(graph))
    assert [it["quote"] for it in data["items"] if it["id"] == EX + "st1"] == [HOSTILE_QUOTE]
    assert HOSTILE_NAME in [a["label"] for a in data["actors"]]


def test_json_island_escapes_markup_characters():
    text = json_island({"q": "</script><b>&amp;\u2028"})
    assert re.fullmatch(r"[^<>&\u2028]*", text)
    assert json.loads(text) == {"q": "</script><b>&amp;\u2028"}


def test_legend_lists_each_type_with_count_and_filter(graph):
    page = graph_page_html(graph, view="facts")
    assert 'id="kg-legend"' in page
    rows = re.findall(
        r'data-type="([^"]+)">.*?<span class="kg-count">(\d+)</span>', page
    )
    assert rows == [("Person", "3"), ("Country", "1"), ("Place", "2"), ("Organization", "1"),
                    ("meet", "2"), ("propose", "1"), ("Statement", "2")]
    for text in ("took part in", "located in", "holds role", "said", "about"):
        assert f"<li>{text}</li>" in page


def test_payload_styles_shapes_and_edge_details(graph):
    payload = graph_payload(graph, title="t")
    styles = {s["type"]: (s["shape"], s["kind"]) for s in payload["styles"]}
    assert styles["Person"] == ("dot", "actor")
    assert styles["Country"] == ("diamond", "actor")
    assert styles["meet"] == ("triangleDown", "event")
    index = {n["id"]: i for i, n in enumerate(payload["nodes"])}
    about = [e for e in payload["edges"] if e[2] == "about"]
    assert about == [[index[EX + "st1"], index[EX + "ruritania"], "about", "2024-03-05",
                      "negative", "about sentence", "art-1", "Harbour news", None]]
    assert payload["date_min"] == "2024-03-02" and payload["date_max"] == "2024-04"


@pytest.mark.parametrize("focus, depth, expected", [
    ("Oslo", 1, {"oslo", "ev2"}),
    ("Oslo", 2, {"oslo", "ev2", "ana", "bo"}),
    ("oslo", 3, {"oslo", "ev2", "ana", "bo", "ev1", "ev3", "st2", "council"}),
    ("Lindqvist", 1, {"ana", "ev2", "ev3", "st2"}),
    (EX + "bergen", 0, {"bergen"}),
])
def test_focus_subgraph_is_the_ego_network(graph, focus, depth, expected):
    sub = focus_subgraph(graph, focus, depth)
    assert set(sub.nodes) == {EX + k for k in expected}
    assert all(sub.nodes[n] == graph.nodes[n] for n in sub)


def test_focus_page_starts_on_the_focus_node(graph):
    data = data_island(graph_page_html(graph, focus="Bo Tran", depth=1, view="facts"))
    assert data["nodes"][data["focus"]]["id"] == EX + "bo"
    assert {n["id"] for n in data["nodes"]} == {EX + k for k in ("bo", "ev1", "ev2", "council")}


@pytest.mark.parametrize("focus", ["Nobody Known", "", EX + "missing"])
def test_unknown_focus_raises_clear_error(graph, tmp_path, focus):
    with pytest.raises(ValueError, match="unknown focus"):
        render_graph_page(graph, tmp_path / "g.html", focus=focus)
    assert not (tmp_path / "g.html").exists()


def test_unknown_focus_suggests_close_label(graph):
    with pytest.raises(ValueError, match="did you mean 'Ana Lindqvist'"):
        resolve_focus(graph, "Ana Lindqvst")


def test_timeline_orders_by_date_and_skips_undated_statements(graph):
    items = timeline_items(graph)
    assert [it["id"].removeprefix(EX) for it in items] == ["ev1", "st1", "ev2", "ev3"]
    assert [it["date"] for it in items] == ["2024-03-02", "2024-03-05", "2024-03-09", "2024-04"]
    ev2 = items[2]
    assert ev2["actors"] == [[EX + "ana", "Ana Lindqvist"], [EX + "bo", "Bo Tran"]]
    assert ev2["places"] == [[EX + "oslo", "Oslo"]]


def test_timeline_undated_events_come_last(graph):
    graph.nodes[EX + "ev1"]["date"] = None
    assert [it["id"].removeprefix(EX) for it in timeline_items(graph)][-1] == "ev1"


@pytest.mark.parametrize("group_by", ["actor", "type"])
def test_timeline_page_opens_the_corpus_page_on_its_timeline(graph, tmp_path, group_by):
    path = render_timeline_page(graph, tmp_path / "t.html", group_by=group_by)
    page = path.read_text(encoding="utf-8")
    data = data_island(page)
    assert (data["view"], data["group_by"]) == ("timeline", group_by)
    assert {a["label"] for a in data["actors"]} == {
        "Ana Lindqvist", "Bo Tran", HOSTILE_NAME, "Ruritania", "Oslo", "Bergen",
        "Harbour Council"}
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)


def test_timeline_rejects_unknown_grouping(graph):
    with pytest.raises(ValueError, match="group_by"):
        timeline_page_html(graph, group_by="month")


@pytest.mark.parametrize("max_nodes", [1, 5, 50])
def test_max_nodes_keeps_all_nodes_with_top_degree_first(max_nodes):
    G = synthetic_graph(60, 200, seed=3)
    data = data_island(graph_page_html(G, max_nodes=max_nodes, view="facts"))
    assert data["max_nodes"] == max_nodes
    assert len(data["nodes"]) == 60 and len(data["edges"]) == 200
    degrees = [n["degree"] for n in data["nodes"]]
    assert degrees == sorted(degrees, reverse=True)
    assert degrees[0] == max(d for _, d in G.degree())
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])


def test_max_nodes_must_be_positive(graph):
    with pytest.raises(ValueError, match="max_nodes"):
        graph_page_html(graph, max_nodes=0, view="facts")


def test_layout_is_deterministic(graph):
    first, again = ([(n["x"], n["y"]) for n in data_island(graph_page_html(graph, view="facts"))
                     ["nodes"]] for _ in range(2))
    assert first == again
    assert len(set(first)) == len(first)


def test_synthetic_graph_follows_the_contract():
    G = synthetic_graph(40, 160, seed=1)
    assert G.number_of_nodes() == 40 and G.number_of_edges() == 160
    kinds = {a["kind"] for _, a in G.nodes(data=True)}
    assert kinds == {"actor", "event", "statement"}
    ends = {
        a["label"]: (G.nodes[u]["kind"], G.nodes[v]["kind"]) for u, v, a in G.edges(data=True)
    }
    assert ends["said"] == ("actor", "statement")
    assert ends["about"] == ("statement", "actor")
    assert ends["took_part_in"] == ("actor", "event")
    assert ends["located_in"] == ("event", "actor")


def test_show_in_notebook_wraps_page_in_escaped_srcdoc(graph):
    pytest.importorskip("IPython")
    shown = show_in_notebook(graph, title="nb")
    markup = shown.data
    assert markup.startswith('<iframe srcdoc="') and 'sandbox="allow-scripts"' in markup
    srcdoc = re.match(r'<iframe srcdoc="([^"]*)"', markup).group(1)
    assert "<" not in srcdoc
    assert html.unescape(srcdoc) == graph_page_html(graph, title="nb")


@pytest.mark.parametrize("view", ["actors", "facts", "timeline", "map"])
def test_show_in_notebook_draws_each_view(graph, view):
    pytest.importorskip("IPython")
    graph.nodes[EX + "oslo"].update(lat=59.91, lon=10.75)  # one located place: a Map tab
    srcdoc = re.match(r'<iframe srcdoc="([^"]*)"', show_in_notebook(graph, view=view).data)
    page = html.unescape(srcdoc.group(1))
    data = data_island(page)
    assert data.get("view", "facts") == view
    assert ("styles" in data) == (view == "facts")
    has_map = 'id="kg-data-map"' in page
    assert has_map == (view != "facts")  # the facts page has no map
    if has_map:
        assert [m["label"] for m in data_island(page, "kg-data-map")["markers"]] == ["Oslo"]


def test_map_view_without_located_places_is_a_clear_error(graph):
    assert 'id="kg-data-map"' not in graph_page_html(graph)  # no Map tab either
    with pytest.raises(ValueError, match="map view has nothing to draw: no place or country"):
        graph_page_html(graph, view="map")


def test_empty_graph_renders_an_empty_page(tmp_path):
    page = render_graph_page(nx.MultiDiGraph(), tmp_path / "empty.html", view="facts")
    data = data_island(page.read_text())
    assert data["nodes"] == [] and data["edges"] == [] and data["styles"] == []
    data = data_island(timeline_page_html(nx.MultiDiGraph()))
    assert data["actors"] == data["edges"] == data["items"] == []
    assert data["date_min"] is None


def test_negative_depth_is_rejected(graph):
    with pytest.raises(ValueError, match="depth"):
        focus_subgraph(graph, "Oslo", -1)


def test_timeline_items_say_where_a_date_comes_from_and_how_many_reports(graph):
    graph.nodes[EX + "ev2"].update(date_basis="linked", mentions=3)
    items = {it["id"].removeprefix(EX): it for it in timeline_items(graph)}
    assert (items["ev2"]["basis"], items["ev2"]["reports"]) == ("linked", 3)
    assert (items["ev1"]["basis"], items["ev1"]["reports"]) == (None, 1)


def test_every_actor_type_has_its_own_colour():
    from kg.model import ACTOR_TYPES
    from kg.viz.data import ACTOR_STYLE, OTHER_STYLE

    assert set(ACTOR_STYLE) == set(ACTOR_TYPES)
    colours = [colour for colour, _ in ACTOR_STYLE.values()]
    assert len(set(colours)) == len(colours) and OTHER_STYLE[0] not in colours


def test_legend_shows_products():
    G = nx.MultiDiGraph()
    actor(G, "skylark", "Skylark 9", "Product", mentions=2)
    page = graph_page_html(G)
    assert re.findall(r'data-type="([^"]+)">.*?<span class="kg-count">(\d+)</span>', page) == [
        ("Product", "1")]
