"""The map page and the corpus page's Map tab in headless Chromium, with the network blocked.

Skipped when Playwright or Chromium is missing. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from browser import CHROMIUM_ARGS, chromium_or_skip
from records import extractions

from kg.graph import to_networkx
from kg.store import KGStore
from kg.viz import render_graph_page, render_map_page

pytestmark = pytest.mark.browser

sync_api, CHROMIUM = chromium_or_skip()
ARTIFACTS = Path(__file__).parent / "artifacts"
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "articles"
LOCATED = """
SELECT DISTINCT ?a WHERE {
  ?a a ?cls ; schema:geo ?p . ?p geo:lat ?lat ; geo:long ?long .
  VALUES ?cls { kg:Place kg:Country }
}"""
EX = "https://kg.example/"
PWN = "Port <img src=x onerror=\"window.__pwned='name'\"></script><script>alert(1)</script>"


def harbour() -> nx.MultiDiGraph:
    """Return a hand-made graph: three located places (two close together), a located country
    with a hostile-named event, a person taking part."""
    G = nx.MultiDiGraph()

    def actor(key, label, type_, mentions, **geo):
        G.add_node(EX + key, kind="actor", type=type_, label=label, mentions=mentions, **geo)
        return EX + key

    bergen = actor("bergen", "Bergen", "Place", 2, lat=60.39, lon=5.32)
    oslo = actor("oslo", "Oslo", "Place", 5, lat=59.91, lon=10.75)
    drammen = actor("drammen", "Drammen", "Place", 1, lat=59.74, lon=10.20)
    norway = actor("norway", "Norway", "Country", 9, lat=64.24, lon=13.91, country_code="NO")
    ana = actor("ana", "Ana Lindqvist", "Person", 6)
    for key, label, date, place in (("ev1", "ferry talks", "2024-03-02", bergen),
                                    ("ev2", PWN, "2024-05-09", norway),
                                    ("ev3", "harbour summit", "2024-05-20", oslo)):
        G.add_node(EX + key, kind="event", type="meet", label=label, mentions=1, date=date,
                   date_precision="day")
        G.add_edge(EX + key, place, key="loc", label="located_in", date=date)
        G.add_edge(ana, EX + key, key="part", label="took_part_in", role="agent", date=date)
    G.add_edge(EX + "ev3", drammen, key="loc2", label="located_in", date="2024-05-20")
    return G


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("map")
    sample = to_networkx(_sample_store())
    return {
        "map": render_map_page(harbour(), out / "map.html", title="Harbour map"),
        "graph": render_graph_page(harbour(), out / "graph.html"),
        "graph-map": render_graph_page(harbour(), out / "graph-map.html", view="map"),
        "sample": render_map_page(sample, out / "sample.html"),
    }


def _sample_store() -> KGStore:
    store = KGStore.open(None)
    store.add_extractions(extractions())
    return store


class Opened:
    """A page opened from file:// with every network request blocked and recorded."""

    def __init__(self, browser, path: Path):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1300, "height": 850})
        self.page.route(lambda url: not url.startswith("file:"), self._block)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready='1']", timeout=30_000)

    def _block(self, route):
        self.requests.append(route.request.url)
        route.abort()

    def js(self, expr: str):
        return self.page.evaluate(expr)

    def click_marker(self, label: str) -> None:
        """Uncluster the marker called ``label`` (zooming as a user would) and click it."""
        index = self.js(f"() => window.kg.map.data.markers.findIndex(m => m.label === {label!r})")
        assert index >= 0
        self.js(f"() => new Promise(done => window.kg.map.reveal({index}, done))")
        self.page.click(f"[data-kg-marker='{index}']")

    def assert_offline_and_safe(self) -> None:
        self.page.wait_for_timeout(200)  # let any injected handler fire
        assert self.requests == []
        assert self.errors == []
        assert self.dialogs == []
        assert self.js("() => window.__pwned") is None

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name))


def test_map_page_draws_every_located_actor_offline(browser, pages):
    o = Opened(browser, pages["map"])
    view = o.js("() => window.kg.view()")
    assert view["view"] == "map" and view["edges"] == []
    assert [(n["label"], n["type"], n["lat"], n["lon"]) for n in view["nodes"]] == [
        ("Bergen", "Place", 60.39, 5.32), ("Drammen", "Place", 59.74, 10.2),
        ("Norway", "Country", 64.24, 13.91), ("Oslo", "Place", 59.91, 10.75)]
    assert o.page.locator("path.leaflet-interactive, .leaflet-overlay-pane canvas").count() > 0
    assert o.js("() => window.kg.map.markerCount()") == 4
    # Bergen and Norway one by one; Oslo and Drammen (30 km apart) as one cluster of 2
    single = o.page.locator("[data-kg-marker]").count()
    clustered = [int(t) for t in o.page.locator(".marker-cluster span").all_inner_texts()]
    assert (single, clustered) == (2, [2])
    assert "Showing 4 of 4 places and countries" in o.page.locator("#kg-status").inner_text()
    o.shot("map.png")
    o.assert_offline_and_safe()


def test_click_a_marker_lists_its_events_and_actors(browser, pages):
    o = Opened(browser, pages["map"])
    o.click_marker("Oslo")
    panel = o.page.locator(".kg-map-panel")
    assert panel.get_attribute("data-marker") == EX + "oslo"
    assert panel.locator("h2").inner_text() == "Oslo"
    assert panel.locator(".kg-map-event-label").all_inner_texts() == ["harbour summit"]
    assert "2024-05-20 \u00b7 meet \u00b7 in Oslo, Drammen" in panel.inner_text()
    assert panel.locator(".kg-map-actor").all_inner_texts() == [
        "Ana Lindqvist \u00b7 Person \u00b7 agent"]
    o.click_marker("Norway")
    assert panel.locator(".kg-map-event-label").all_inner_texts() == [PWN]  # text, not markup
    assert panel.locator("img, script").count() == 0
    o.shot("map-panel.png")
    o.assert_offline_and_safe()


def test_date_range_filters_markers_and_events(browser, pages):
    o = Opened(browser, pages["map"])
    o.page.fill("#kg-date-from", "2024-05-01")
    o.page.dispatch_event("#kg-date-from", "change")
    labels = sorted(n["label"] for n in o.js("() => window.kg.view()")["nodes"])
    assert labels == ["Drammen", "Norway", "Oslo"]  # Bergen's only event is in March
    o.page.fill("#kg-date-to", "2024-05-10")
    o.page.dispatch_event("#kg-date-to", "change")
    labels = sorted(n["label"] for n in o.js("() => window.kg.view()")["nodes"])
    assert labels == ["Norway"]
    assert "Showing 1 of 4" in o.page.locator("#kg-status").inner_text()
    o.js("() => document.dispatchEvent(new CustomEvent('kg:daterange', "
         "{detail: {from: '2024-03-01', to: '2024-03-31'}}))")
    assert [n["label"] for n in o.js("() => window.kg.view()")["nodes"]] == ["Bergen"]
    o.page.click("#kg-reset")
    assert len(o.js("() => window.kg.view()")["nodes"]) == 4
    o.assert_offline_and_safe()


def test_corpus_page_map_tab(browser, pages):
    o = Opened(browser, pages["graph"])
    tabs = o.page.locator("#kg-tabs button").evaluate_all("b => b.map(x => x.dataset.view)")
    assert tabs == ["actors", "timeline", "map"]
    assert o.page.locator("#kg-view-map").is_hidden()
    o.page.click("#kg-tabs button[data-view='map']")
    assert o.page.locator("#kg-view-map").is_visible()
    view = o.js("() => window.kg.view()")
    assert view["view"] == "map" and view["edges"] == []
    assert [(n["label"], n["lat"], n["lon"]) for n in view["nodes"]] == [
        ("Bergen", 60.39, 5.32), ("Drammen", 59.74, 10.2), ("Norway", 64.24, 13.91),
        ("Oslo", 59.91, 10.75)]
    o.page.fill("#kg-date-from", "2024-05-15")  # the page's own date filter
    o.page.dispatch_event("#kg-date-from", "change")
    assert sorted(n["label"] for n in o.js("() => window.kg.view()")["nodes"]) == [
        "Drammen", "Oslo"]
    o.click_marker("Oslo")
    panel = o.page.locator("#kg-panel-body")
    assert (panel.get_attribute("data-kind"), panel.get_attribute("data-id")) == (
        "place", EX + "oslo")
    assert panel.locator("h2").inner_text() == "Oslo"
    event = panel.locator(".kg-map-event")  # the page's own item: title, date, places, source
    assert event.count() == 1 and event.get_attribute("data-event") == EX + "ev3"
    assert event.locator("button.kg-link").inner_text() == "harbour summit"
    assert "2024-05-20 \u00b7 meet \u00b7 Ana Lindqvist \u00b7 in Drammen, Oslo" in (
        event.inner_text())
    assert panel.locator(".kg-map-actor").all_inner_texts() == ["Ana LindqvistPerson \u00b7 agent"]
    o.shot("graph-map-tab.png")
    panel.locator(".kg-map-actor button").click()  # the actor's panel; the map stays
    assert panel.locator("h2").inner_text() == "Ana Lindqvist"
    assert o.js("() => window.kg.view().view") == "map"
    o.page.fill("#kg-date-from", "")  # a filter change leaves the actor's panel alone
    o.page.dispatch_event("#kg-date-from", "change")
    assert panel.locator("h2").inner_text() == "Ana Lindqvist"
    assert len(o.js("() => window.kg.view()")["nodes"]) == 4
    o.page.click("#kg-tabs button[data-view='actors']")
    assert o.page.locator("#kg-view-map").is_hidden()
    assert o.js("() => window.kg.view().view") == "actors"
    o.assert_offline_and_safe()


def test_date_brush_and_type_filter_drive_the_map_tab(browser, pages):
    o = Opened(browser, pages["graph-map"])  # opened on the Map tab
    assert o.js("() => window.kg.current()") == "map"
    assert len(o.js("() => window.kg.view()")["nodes"]) == 4
    box = o.page.locator("#kg-brush-canvas").bounding_box()
    y = box["y"] + box["height"] / 2
    o.page.mouse.move(box["x"] + 1, y)  # from the bar's left end to its middle
    o.page.mouse.down()
    o.page.mouse.move(box["x"] + box["width"] * 0.55, y, steps=5)
    o.page.mouse.up()
    state = o.js("() => [window.kg.state.from, window.kg.state.to]")
    assert state[0] == "" and "2024-03-02" <= state[1] < "2024-05-09"
    assert [n["label"] for n in o.js("() => window.kg.view()")["nodes"]] == ["Bergen"]
    o.shot("graph-map-brush.png")
    o.page.mouse.click(box["x"] + 20, y)  # a click on the bar clears the range
    assert len(o.js("() => window.kg.view()")["nodes"]) == 4
    o.page.locator("#kg-legend input[data-type='Country']").uncheck()
    assert [n["label"] for n in o.js("() => window.kg.view()")["nodes"]] == [
        "Bergen", "Drammen", "Oslo"]
    o.page.fill("#kg-min-mentions", "2")
    o.page.dispatch_event("#kg-min-mentions", "change")
    assert [n["label"] for n in o.js("() => window.kg.view()")["nodes"]] == ["Bergen", "Oslo"]
    o.assert_offline_and_safe()


@pytest.mark.slow
def test_sample_corpus_every_located_country_and_place_is_a_marker(browser, tmp_path):
    pytest.importorskip("spacy")
    from kg.build import build_store

    store = KGStore.open(None)
    build_store([str(SAMPLE)], store)
    located = {str(r["a"]) for r in store.query(LOCATED)}
    countries = {str(r["a"]) for r in store.query("SELECT ?a WHERE { ?a a kg:Country }")}
    assert countries <= located and len(located) > len(countries) + 10
    o = Opened(browser, render_map_page(to_networkx(store), tmp_path / "sample-corpus.html"))
    assert {n["id"] for n in o.js("() => window.kg.view()")["nodes"]} == located
    o.click_marker("Geneva")
    assert o.page.locator(".kg-map-panel h2").inner_text() == "Geneva"
    assert o.page.locator(".kg-map-panel .kg-map-event").count() >= 1
    o.shot("map-sample-corpus.png")
    o.assert_offline_and_safe()


def test_sample_records_every_located_country_and_place_is_a_marker(browser, pages):
    o = Opened(browser, pages["sample"])
    labels = sorted(n["label"] for n in o.js("() => window.kg.view()")["nodes"])
    assert labels == ["Brussels", "Geneva", "Russia", "Ternopil", "Ukraine", "United States"]
    assert o.js("() => [window.kg.map.map.getZoom() < 4, window.kg.map.outlineScale()]") == [
        True, "110m"]  # the whole of it: coarse outlines
    o.js("() => { window.kg.map.map.setZoom(5, {animate: false}); }")
    assert o.js("() => window.kg.map.outlineScale()") == "50m"
    o.click_marker("Ternopil")
    assert "missile attack" in o.page.locator(".kg-map-panel").inner_text().lower()
    o.assert_offline_and_safe()
