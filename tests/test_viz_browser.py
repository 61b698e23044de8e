"""kg.viz pages in headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Skipped when Playwright or Chromium is missing. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from browser import CHROMIUM_ARGS, chromium_or_skip

from kg.viz import render_graph_page, render_timeline_page, synthetic_graph

pytestmark = pytest.mark.browser

sync_api, CHROMIUM = chromium_or_skip()
ARTIFACTS = Path(__file__).parent / "artifacts"
EX = "https://kg.example/"
PWN_QUOTE = "<script>window.__pwned = 'quote'</script><img src=x onerror=\"window.__pwned='img'\">"
PWN_NAME = "Eve <img src=x onerror=\"window.__pwned='name'\"></script><script>alert(1)</script>"


def add_actor(G: nx.MultiDiGraph, key: str, label: str, type_: str, mentions: int) -> str:
    """Add an actor node and return its IRI."""
    G.add_node(EX + key, kind="actor", type=type_, label=label, mentions=mentions, aliases=[],
               roles=[], country_code=None, date=None, date_precision=None, evidence=[])
    return EX + key


def add_edge(G: nx.MultiDiGraph, u: str, v: str, label: str, date: str | None, **kw) -> None:
    """Add a contract edge."""
    G.add_edge(u, v, key=label, label=label, date=date, evidence=f"Evidence of {label}.",
               article="https://news.example/harbour", **kw)


def small_graph() -> nx.MultiDiGraph:
    """Return a hand-made corpus graph with a hostile speaker name and quote."""
    G = nx.MultiDiGraph()
    eve = add_actor(G, "eve", PWN_NAME, "Person", 4)
    ana = add_actor(G, "ana", "Ana Lindqvist", "Person", 6)
    land = add_actor(G, "ruritania", "Ruritania", "Country", 9)
    oslo = add_actor(G, "oslo", "Oslo", "Place", 2)
    bergen = add_actor(G, "bergen", "Bergen", "Place", 1)
    for key, date, place, who in (("ev1", "2024-03-02", bergen, [ana]),
                                  ("ev2", "2024-05-09", oslo, [ana, eve])):
        G.add_node(EX + key, kind="event", type="meet", label=f"meeting {key}", mentions=1,
                   aliases=[], roles=[], country_code=None, date=date, date_precision="day",
                   evidence=[])
        add_edge(G, EX + key, place, "located_in", date)
        for w in who:
            add_edge(G, w, EX + key, "took_part_in", date, role="delegate")
    for key, date, speaker, quote in (("st1", "2024-03-05", eve, PWN_QUOTE),
                                      ("st2", "2024-05-10", ana, "The harbour stays open.")):
        G.add_node(EX + key, kind="statement", type="Statement", label=f"quote {key}",
                   mentions=1, aliases=[], roles=[], country_code=None, date=date,
                   date_precision="day", quote=quote, speaker=G.nodes[speaker]["label"],
                   kind_of_statement="direct",
                   evidence=[{"article": "https://news.example/harbour", "title": PWN_NAME,
                              "sentence": f"Sentence with {quote}", "start": 0, "end": 9}])
        add_edge(G, speaker, EX + key, "said", date)
        add_edge(G, EX + key, land, "about", date, stance="negative")
    return G


@pytest.fixture(scope="module")
def browser():
    """Yield one headless Chromium for the module."""
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """Write the graph, focus and timeline pages of the small graph."""
    out = tmp_path_factory.mktemp("pages")
    G = small_graph()
    return {
        "graph": render_graph_page(G, out / "graph.html", title="Harbour <b>graph</b>",
                                   timeline_href="timeline.html"),
        "focus": render_graph_page(G, out / "focus.html", focus="Oslo", depth=1),
        "timeline": render_timeline_page(G, out / "timeline.html", graph_href="graph.html"),
    }


class Opened:
    """A page opened from file:// with dialogs and page errors recorded."""

    def __init__(self, browser, path: Path, hash_: str = ""):
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri() + hash_)
        self.page.wait_for_selector("body[data-ready='1']", timeout=30_000)

    def js(self, expr: str):
        """Return the value of a JavaScript expression in the page."""
        return self.page.evaluate(expr)

    def assert_safe(self):
        """Assert no injected script ran and the page script threw nothing."""
        self.page.wait_for_timeout(200)  # let any injected onerror handler fire
        assert self.js("() => window.__pwned") is None
        assert self.dialogs == []
        assert self.errors == []

    def node_point(self, iri: str) -> tuple[float, float]:
        """Return the page coordinates of the node with this IRI."""
        return self.js(f"""() => {{
            const i = window.kg.data.nodes.findIndex(n => n.id === {iri!r});
            const p = window.kg.network.canvasToDOM(window.kg.network.getPositions([i])[i]);
            const r = document.getElementById('kg-network').getBoundingClientRect();
            return [p.x + r.left, p.y + r.top];
        }}""")

    def click_node(self, iri: str):
        """Click the node with this IRI on the canvas."""
        x, y = self.node_point(iri)
        self.page.mouse.click(x, y)

    def shot(self, name: str):
        """Save a screenshot into tests/artifacts/."""
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name))


def rendered_nodes(opened: Opened) -> int:
    """Return how many nodes vis-network has on its canvas."""
    return opened.js("() => window.kg.network.body.nodeIndices.length")


def test_graph_page_renders_all_nodes_and_panel_shows_quotes(browser, pages):
    o = Opened(browser, pages["graph"])
    assert rendered_nodes(o) == 9
    assert o.js("() => window.kg.network.body.edgeIndices.length") == 9
    assert o.page.title() == "Harbour <b>graph</b>"
    o.click_node(EX + "eve")
    panel = o.page.locator("#kg-panel-body")
    assert panel.get_attribute("data-node") == EX + "eve"
    text = panel.inner_text()
    assert PWN_NAME in text  # shown as text
    assert PWN_QUOTE in text
    assert "Source: Sentence with" in text and "meeting ev2" in text
    assert panel.locator("img, script").count() == 0
    o.shot("graph.png")
    o.assert_safe()


def test_tooltip_shows_hostile_text_as_text(browser, pages):
    o = Opened(browser, pages["graph"])
    x, y = o.node_point(EX + "st1")
    o.page.mouse.move(x + 40, y + 40)
    o.page.mouse.move(x, y, steps=4)
    tooltip = o.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert PWN_QUOTE in tooltip.inner_text()
    assert tooltip.locator("img, script").count() == 0
    o.assert_safe()


def rendered_id(o: Opened, iri: str) -> int:
    """Return the vis-network id (data index) of a node."""
    return o.js(f"() => window.kg.data.nodes.findIndex(n => n.id === {iri!r})")


def test_type_filter_hides_and_restores_a_type(browser, pages):
    o = Opened(browser, pages["graph"])
    o.page.locator("#kg-legend input[data-type='Statement']").uncheck()
    assert rendered_nodes(o) == 7
    o.page.locator("#kg-legend input[data-type='Place']").uncheck()
    assert rendered_nodes(o) == 5
    assert "Showing 5 of 9 nodes" in o.page.locator("#kg-status").inner_text()
    o.page.locator("#kg-legend input[data-type='Statement']").check()
    assert rendered_nodes(o) == 7
    o.assert_safe()


def test_date_and_mentions_filters(browser, pages):
    o = Opened(browser, pages["graph"])
    o.page.fill("#kg-date-from", "2024-05-01")
    o.page.dispatch_event("#kg-date-from", "change")
    shown = o.js("() => window.kg.nodes.getIds().map(i => window.kg.data.nodes[i].label)")
    assert "meeting ev1" not in shown and "quote st1" not in shown
    assert {"meeting ev2", "quote st2", "Oslo", "Ana Lindqvist"} <= set(shown)
    assert "Bergen" not in shown  # its only event is outside the range
    o.page.fill("#kg-min-mentions", "5")
    o.page.dispatch_event("#kg-min-mentions", "change")
    shown = o.js("() => window.kg.nodes.getIds().map(i => window.kg.data.nodes[i].label)")
    assert {n for n in shown if not n.startswith(("meeting", "quote"))} == {
        "Ana Lindqvist", "Ruritania"}
    o.page.click("#kg-reset")
    assert rendered_nodes(o) == 9
    o.assert_safe()


def test_search_box_focuses_a_node(browser, pages):
    o = Opened(browser, pages["graph"])
    o.page.fill("#kg-search", "berg")
    assert o.page.locator("#kg-suggest button").first.inner_text() == "Bergen (Place)"
    o.page.press("#kg-search", "Enter")
    assert o.js("() => window.kg.network.getSelectedNodes()") == [rendered_id(o, EX + "bergen")]
    assert o.page.locator("#kg-panel-body h2").inner_text() == "Bergen"
    assert "meeting ev1" in o.page.locator("#kg-panel-body").inner_text()
    o.assert_safe()


def test_focus_page_shows_the_ego_network(browser, pages):
    o = Opened(browser, pages["focus"])
    assert rendered_nodes(o) == 2
    assert o.page.locator("#kg-panel-body h2").inner_text() == "Oslo"
    o.shot("focus.png")
    o.assert_safe()


def test_timeline_orders_filters_and_links_to_graph(browser, pages):
    o = Opened(browser, pages["timeline"])
    dates = o.page.locator("section[data-group='Ana Lindqvist'] .kg-tl-date").all_inner_texts()
    assert dates == ["2024-03-02", "2024-05-09", "2024-05-10"]
    groups = o.page.locator("section").evaluate_all("s => s.map(x => x.dataset.group)")
    assert groups == ["Ana Lindqvist", PWN_NAME]
    o.page.select_option("#kg-actor-filter", EX + "ana")
    assert o.page.locator("#kg-tl-count").inner_text() == "3 of 4 items"
    o.page.select_option("#kg-group-by", "type")
    groups = o.page.locator("section").evaluate_all("s => s.map(x => x.dataset.group)")
    assert groups == ["meet", "Statement"]
    o.shot("timeline.png")
    o.assert_safe()
    o.page.locator("a", has_text="meeting ev2").click()
    o.page.wait_for_selector("body[data-ready='1']")
    assert o.page.url.endswith("graph.html#node=" + "https%3A%2F%2Fkg.example%2Fev2")
    o.page.wait_for_function("document.querySelector('#kg-panel-body h2') !== null")
    assert o.page.locator("#kg-panel-body h2").inner_text() == "meeting ev2"
    o.assert_safe()


@pytest.mark.parametrize("n_nodes, n_edges", [(5000, 20000)])
def test_large_page_shows_the_top_nodes_and_finds_the_rest(browser, tmp_path, n_nodes, n_edges):
    """A large graph draws its first 1,500 nodes and search reaches a hidden one (time to
    interactive is measured in bench/bench_viz.py, not asserted here: CI machines are shared)."""
    G = synthetic_graph(n_nodes, n_edges, seed=11)
    path = render_graph_page(G, tmp_path / "large.html", max_nodes=1500)
    o = Opened(browser, path)
    assert o.js("() => window.kgReadyAt") > 0
    assert rendered_nodes(o) == 1500
    # a four-digit label is no prefix of another label ("Place 107" is one of "Place 1073")
    hidden = o.js("() => window.kg.data.nodes.findIndex((n, i) => i >= 1500 && "
                  "n.type === 'Place' && /\\d{4}$/.test(n.label))")
    label = o.js(f"() => window.kg.data.nodes[{hidden}].label")
    assert o.js(f"() => window.kg.nodes.get({hidden})") is None
    o.page.fill("#kg-search", label)  # a low-degree node, not shown at first
    o.page.press("#kg-search", "Enter")
    assert o.page.locator("#kg-panel-body h2").inner_text() == label
    assert o.js("() => window.kg.network.getSelectedNodes()") == [hidden]
    assert rendered_nodes(o) > 1500
    o.shot("large.png")
    o.assert_safe()
