"""Tests of kg.viz.map: the map data (markers, their events and actors) and the offline page."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from kg.viz import graph_page_html, map_page_html, map_payload, render_map_page
from kg.viz.map import page_view

EX = "https://kg.example/"
HOSTILE = "Port <img src=x onerror=alert(1)></script><script>alert(2)</script>"


def actor(G: nx.MultiDiGraph, key: str, label: str, type_: str, mentions: int = 1,
          **geo) -> str:
    G.add_node(EX + key, kind="actor", type=type_, label=label, mentions=mentions, **geo)
    return EX + key


def event(G: nx.MultiDiGraph, key: str, label: str, date: str | None, places: list[str],
          actors: dict[str, str]) -> str:
    evidence = json.dumps([{"article": "a1", "title": "Harbour news", "sentence": label + ".",
                            "start": 0, "end": 5}])
    G.add_node(EX + key, kind="event", type="meet", label=label, mentions=1, date=date,
               date_precision="day" if date else None, evidence=evidence)
    for p in places:
        G.add_edge(EX + key, p, key="loc:" + p, label="located_in", date=date)
    for a, role in actors.items():
        G.add_edge(a, EX + key, key="part:" + a, label="took_part_in", role=role, date=date)
    return EX + key


@pytest.fixture()
def harbour() -> nx.MultiDiGraph:
    """Two located places, a located country, an unlocated place and a person."""
    G = nx.MultiDiGraph()
    bergen = actor(G, "bergen", "Bergen", "Place", 2, lat=60.39, lon=5.32,
                   geonames="https://sws.geonames.org/3161732/")
    oslo = actor(G, "oslo", HOSTILE, "Place", 5, lat=59.91, lon=10.75)
    norway = actor(G, "norway", "Norway", "Country", 9, lat=64.24, lon=13.91,
                   country_code="NO", wikidata="http://www.wikidata.org/entity/Q20")
    actor(G, "fjord", "Nameless Fjord", "Place", 3)  # no location: no marker
    ana = actor(G, "ana", "Ana Lindqvist", "Person", 6, lat=1.0, lon=1.0)  # not a marker type
    eve = actor(G, "eve", "Eve Brandt", "Person", 1)
    event(G, "ev1", "ferry talks", "2024-03-02", [bergen], {ana: "agent"})
    event(G, "ev2", "harbour summit", "2024-05-09", [oslo, norway], {ana: "agent", eve: "target"})
    event(G, "ev3", "undated visit", None, [oslo], {})
    return G


def test_markers_are_located_places_and_countries_by_mentions(harbour):
    data = map_payload(harbour)
    assert [(m["label"], m["type"], m["mentions"]) for m in data["markers"]] == [
        ("Norway", "Country", 9), (HOSTILE, "Place", 5), ("Bergen", "Place", 2)]
    norway, oslo, bergen = data["markers"]
    assert (norway["lat"], norway["lon"], norway["country"], norway["wikidata"]) == (
        64.24, 13.91, "NO", "http://www.wikidata.org/entity/Q20")
    assert bergen["geonames"] == "https://sws.geonames.org/3161732/"
    assert "geonames" not in oslo


def test_marker_events_and_actors_involved(harbour):
    data = map_payload(harbour)
    ev, ac = data["events"], data["actors"]
    norway, oslo, bergen = data["markers"]
    assert [ev[k]["label"] for k in oslo["events"]] == ["undated visit", "harbour summit"]
    assert [ev[k]["label"] for k in norway["events"]] == ["harbour summit"]
    summit = ev[norway["events"][0]]
    assert summit["places"] == [0, 1]  # located at both markers
    assert sorted((ac[i]["label"], role) for i, role in summit["actors"]) == [
        ("Ana Lindqvist", "agent"), ("Eve Brandt", "target")]
    assert (summit["date"], summit["title"], summit["sentence"]) == (
        "2024-05-09", "Harbour news", "harbour summit.")
    assert (data["date_min"], data["date_max"]) == ("2024-03-02", "2024-05-09")
    assert [ev[k]["label"] for k in bergen["events"]] == ["ferry talks"]


def test_empty_graph_has_no_markers():
    assert map_payload(nx.MultiDiGraph())["markers"] == []
    assert map_payload(nx.MultiDiGraph())["date_min"] is None


def test_map_page_is_one_offline_file(harbour, tmp_path):
    path = render_map_page(harbour, tmp_path / "out" / "map.html", title="Harbour <map>")
    page = path.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link[^>]*\bhref\s*=", page, re.I)
    assert not re.search(r"""\b(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:|//|images/)", page, re.I)
    assert "L.markerClusterGroup" in page and "topojson" in page and '"Zimbabwe"' in page
    assert "<title>Harbour &lt;map&gt;</title>" in page


@pytest.mark.parametrize("needle", [
    "<img src=x onerror", "</script><script>alert(2)", "<script>alert(2)</script>"])
def test_hostile_names_never_appear_unescaped(harbour, needle):
    assert needle not in map_page_html(harbour)
    assert needle not in graph_page_html(harbour)  # the corpus page's Map tab carries it too
    assert needle not in graph_page_html(harbour, view="map")


def test_hostile_name_survives_as_data(harbour):
    page = map_page_html(harbour)
    island = re.search(r'<script type="application/json" id="kg-map-data">(.*?)</script>',
                       page, re.S).group(1)
    assert json.loads(island)["markers"][1]["label"] == HOSTILE


def test_focus_limits_the_map_to_the_ego_network(harbour):
    page = map_page_html(harbour, focus="Bergen", depth=2)
    island = re.search(r'id="kg-map-data">(.*?)</script>', page, re.S).group(1)
    assert [m["label"] for m in json.loads(island)["markers"]] == ["Bergen"]
    with pytest.raises(ValueError, match="unknown focus"):
        map_page_html(harbour, focus="Atlantis")


def island(page: str, element_id: str) -> dict:
    """Return the parsed JSON data island ``element_id`` of a page."""
    m = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page,
                  re.S)
    assert m, f"no data island {element_id}"
    return json.loads(m.group(1))


def test_page_view_is_the_corpus_page_map_tab(harbour):
    view = page_view(harbour)
    assert (view.name, view.label) == ("map", "Map")
    assert [m["label"] for m in view.data["markers"]] == ["Norway", HOSTILE, "Bergen"]
    assert "kgMapRegister(window.kg)" in view.script and "L.markerClusterGroup" in view.script
    assert [name for name, _ in view.islands] == ["kg-map-world", "kg-map-world-detail"]
    summit = next(e for e in view.data["events"] if e["label"] == "harbour summit")
    assert "sentence" not in summit and "title" not in summit  # the page's items carry them
    assert summit["date"] == "2024-05-09" and summit["places"] == [0, 1]


def test_no_located_place_no_map_tab():
    G = nx.MultiDiGraph()
    actor(G, "fjord", "Nameless Fjord", "Place", 3)
    assert page_view(G) is None
    assert 'id="kg-data-map"' not in graph_page_html(G)


@pytest.mark.parametrize("view", ["actors", "timeline", "map"])
def test_corpus_page_carries_the_map_tab(harbour, view):
    page = graph_page_html(harbour, view=view)
    assert island(page, "kg-data")["view"] == view
    assert [m["label"] for m in island(page, "kg-data-map")["markers"]] == [
        "Norway", HOSTILE, "Bergen"]
    assert '"Zimbabwe"' in page and "kgMapRegister(window.kg)" in page


def test_corpus_page_map_follows_the_focus(harbour):
    page = graph_page_html(harbour, focus="Bergen", depth=2)
    assert [m["label"] for m in island(page, "kg-data-map")["markers"]] == ["Bergen"]


def test_facts_page_has_no_map(harbour):
    page = graph_page_html(harbour, view="facts")
    assert "kg-map" not in page and "L.markerClusterGroup" not in page
