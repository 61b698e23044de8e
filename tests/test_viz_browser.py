"""kg.viz pages in headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Skipped when Playwright or Chromium is missing. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from browser import CHROMIUM_ARGS, chromium_or_skip

from kg.model import ACTOR_TYPES
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
                                   view="facts", timeline_href="timeline.html"),
        "focus": render_graph_page(G, out / "focus.html", focus="Oslo", depth=1, view="facts"),
        "timeline": render_timeline_page(G, out / "timeline.html"),
        "actors": render_graph_page(G, out / "actors.html", title="Harbour <b>actors</b>"),
        "ana": render_timeline_page(G, out / "ana.html", focus="Ana Lindqvist", depth=2),
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


def timeline_graph() -> nx.MultiDiGraph:
    """Return the small graph plus a frequent speaker and an event without actors."""
    G = small_graph()
    zed = add_actor(G, "zed", "Zed Quist", "Person", 1)
    for k in range(4):
        key = f"zq{k}"
        G.add_node(EX + key, kind="statement", type="Statement", label=f"zed {k}", mentions=1,
                   date=f"2024-04-0{k + 1}", date_precision="day", quote=f"Zed remark {k}.",
                   speaker="Zed Quist", kind_of_statement="direct",
                   evidence=[{"article": "z", "title": "Zed weekly", "url":
                              "https://news.example/zed", "sentence": f"Zed remark {k}, he said."}])
        add_edge(G, zed, EX + key, "said", f"2024-04-0{k + 1}")
    G.add_node(EX + "storm", kind="event", type="storm", label="storm at sea", mentions=1,
               date="2024-04-20", date_precision="day", evidence=[])
    return G


def groups(o: Opened) -> list[str]:
    """Return the timeline's group names in page order."""
    return o.page.locator("#kg-timeline section").evaluate_all(
        "s => s.map(x => x.dataset.group)")


def test_timeline_sorts_groups_lists_each_item_once_and_opens_the_panel(browser, tmp_path):
    o = Opened(browser, render_timeline_page(timeline_graph(), tmp_path / "t.html"))
    assert o.js("() => window.kg.view().view") == "timeline"
    assert groups(o) == ["Zed Quist", "Ana Lindqvist", PWN_NAME, "(no actor)"]
    rows = o.page.locator(".kg-tl-item")
    ids = rows.evaluate_all("r => r.map(x => x.dataset.id)")
    assert len(ids) == len(set(ids)) == 9 == len(o.js("() => window.kg.view().nodes"))
    dates = o.page.locator("section[data-group='Ana Lindqvist'] .kg-tl-date").all_inner_texts()
    assert dates == ["2024-03-02", "2024-05-09", "2024-05-10"]
    zed = o.page.locator(".kg-tl-item[data-id='https://kg.example/zq1']").inner_text()
    assert zed.count("Zed remark 1") == 1 and "Zed weekly" in zed
    o.page.select_option("#kg-sort-groups", "name")
    assert groups(o) == ["Ana Lindqvist", PWN_NAME, "Zed Quist", "(no actor)"]
    o.page.select_option("#kg-group-by", "type")
    assert groups(o) == ["meet", "Statement", "storm"]  # still sorted by name
    o.page.select_option("#kg-actor-filter", EX + "ana")
    assert o.page.locator("#kg-tl-count").inner_text() == "3 of 9 items"
    o.page.locator(".kg-tl-item[data-id='https://kg.example/ev2']").click()
    assert o.page.locator("#kg-panel-body h2").inner_text() == "meeting ev2"
    assert "Ana Lindqvist" in o.page.locator("#kg-panel-body").inner_text()
    o.shot("timeline.png")
    o.assert_safe()


def test_timeline_follows_the_focus(browser, pages):
    o = Opened(browser, pages["ana"])
    assert o.page.locator("#kg-actor-filter").input_value() == EX + "ana"
    shown = {n["id"].removeprefix(EX) for n in o.js("() => window.kg.view().nodes")}
    assert shown == {"ev1", "ev2", "st2"}
    o.assert_safe()


def actor_point(o: Opened, iri: str) -> tuple[float, float]:
    """Return the page coordinates of an actor of the actor network."""
    return o.js(f"""() => {{
        const i = window.kg.actorIndex.get({iri!r});
        const p = window.kg.network.canvasToDOM(window.kg.network.getPositions([i])[i]);
        const r = document.getElementById('kg-view-actors').getBoundingClientRect();
        return [p.x + r.left, p.y + r.top];
    }}""")


def drawn(o: Opened) -> tuple[set, set]:
    """Return the drawn actor ids and (relation, from, to) edges of the current view."""
    view = o.js("() => window.kg.view()")
    return ({n["id"].removeprefix(EX) for n in view["nodes"]},
            {(e["relation"], e["from"].removeprefix(EX), e["to"].removeprefix(EX))
             for e in view["edges"]})


ALL_LINKS = {("met", "ana", "eve"), ("criticised", "ana", "ruritania"),
             ("criticised", "eve", "ruritania"), ("event_at", "ana", "bergen"),
             ("event_at", "ana", "oslo"), ("event_at", "eve", "oslo")}


def test_actor_view_draws_only_actors_and_their_links(browser, pages):
    o = Opened(browser, pages["actors"])
    view = o.js("() => window.kg.view()")
    assert view["view"] == "actors"
    assert {n["type"] for n in view["nodes"]} == {"Person", "Country", "Place"}
    assert rendered_nodes(o) == 5 == len(view["nodes"])
    assert drawn(o) == ({"ana", "eve", "ruritania", "oslo", "bergen"}, ALL_LINKS)
    assert o.page.title() == "Harbour <b>actors</b>"
    x, y = actor_point(o, EX + "eve")
    o.page.mouse.click(x, y)
    panel = o.page.locator("#kg-panel-body")
    assert panel.get_attribute("data-id") == EX + "eve"
    text = panel.inner_text()
    assert PWN_NAME in text and PWN_QUOTE in text
    assert text.count(PWN_QUOTE) == 1  # the quote once (its sentence repeats it: not shown)
    assert panel.locator("img, script").count() == 0
    o.shot("actors.png")
    o.assert_safe()


def test_clicking_a_link_lists_its_facts_with_sources(browser, pages):
    o = Opened(browser, pages["actors"])
    (ax, ay), (bx, by) = actor_point(o, EX + "ana"), actor_point(o, EX + "ruritania")
    o.page.mouse.click((ax + bx) / 2, (ay + by) / 2)
    panel = o.page.locator("#kg-panel-body")
    assert panel.get_attribute("data-kind") == "edge"
    assert panel.locator("h2").inner_text() == (
        "Ana Lindqvist \u2192 criticised \u2192 Ruritania")
    items = panel.locator(".kg-item")
    assert items.count() == 1
    text = items.first.inner_text()
    assert "\u201cThe harbour stays open.\u201d" in text and "2024-05-10" in text
    link = items.first.locator("a.kg-article")
    assert link.inner_text() == PWN_NAME  # the article title as text, not an id
    assert link.get_attribute("href") == "https://news.example/harbour"
    o.shot("actors-edge.png")
    o.assert_safe()


def test_brushing_dates_filters_the_graph_and_the_timeline(browser, pages):
    o = Opened(browser, pages["actors"])
    box = o.page.locator("#kg-brush-canvas").bounding_box()
    y = box["y"] + box["height"] / 2
    o.page.mouse.move(box["x"] + box["width"] * 0.6, y)
    o.page.mouse.down()
    o.page.mouse.move(box["x"] + box["width"] * 0.8, y, steps=5)
    o.page.mouse.move(box["x"] + box["width"] - 1, y, steps=5)
    o.page.mouse.up()
    start, end = o.js("() => [window.kg.state.from, window.kg.state.to]")
    assert "2024-03-05" < start < "2024-05-09" and end == ""
    assert o.page.locator("#kg-date-from").input_value() == start
    assert drawn(o) == ({"ana", "eve", "ruritania", "oslo"},
                        ALL_LINKS - {("criticised", "eve", "ruritania"),
                                     ("event_at", "ana", "bergen")})
    o.shot("actors-brushed.png")
    o.page.click("#kg-tabs button[data-view='timeline']")
    shown = {n["id"].removeprefix(EX) for n in o.js("() => window.kg.view().nodes")}
    assert shown == {"ev2", "st2"}
    o.page.click("#kg-tabs button[data-view='actors']")
    o.page.mouse.click(box["x"] + 20, y)  # a click on the bar clears the range
    assert drawn(o)[1] == ALL_LINKS
    o.assert_safe()


def test_relation_and_type_filters(browser, pages):
    o = Opened(browser, pages["actors"])
    o.page.locator("#kg-relation-legend input[data-relation='event_at']").uncheck()
    assert drawn(o) == ({"ana", "eve", "ruritania"},
                        {("met", "ana", "eve"), ("criticised", "ana", "ruritania"),
                         ("criticised", "eve", "ruritania")})
    o.page.locator("#kg-legend input[data-type='Country']").uncheck()
    assert drawn(o) == ({"ana", "eve"}, {("met", "ana", "eve")})
    o.page.click("#kg-reset")
    assert drawn(o)[1] == ALL_LINKS
    o.page.fill("#kg-search", "berg")
    o.page.press("#kg-search", "Enter")
    assert o.page.locator("#kg-panel-body h2").inner_text() == "Bergen"
    assert "meeting ev1" in o.page.locator("#kg-panel-body").inner_text()
    o.assert_safe()


def boxes_overlap(a: dict, b: dict) -> bool:
    """Return whether two label boxes intersect."""
    return (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
            and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])


NODE_BOXES = """() => {  // each drawn node's box in page pixels, from vis-network itself
    const net = window.kg.network, r = document.getElementById('kg-view-actors')
        .getBoundingClientRect();
    return net.body.nodeIndices.map(i => {
        const b = net.getBoundingBox(i), p = net.canvasToDOM({x: b.left, y: b.top}),
              q = net.canvasToDOM({x: b.right, y: b.bottom});
        return {id: window.kg.data.actors[i].id, x: p.x + r.left, y: p.y + r.top,
                w: q.x - p.x, h: q.y - p.y};
    });
}"""


def check_labels(o: Opened) -> list[dict]:
    """Assert the drawn labels overlap no other label and no other node, sit inside the graph
    and name drawn actors."""
    labels = o.js("() => window.kg.labels()")
    nodes = o.js(NODE_BOXES)
    area = o.page.locator("#kg-view-actors").bounding_box()
    names = {n["id"]: n["label"] for n in o.js("() => window.kg.view().nodes")}
    for i, a in enumerate(labels):
        assert names[a["id"]].startswith(a["text"].rstrip("\u2026"))
        assert area["x"] <= a["x"] and a["x"] + a["w"] <= area["x"] + area["width"] + 0.5
        assert area["y"] <= a["y"] and a["y"] + a["h"] <= area["y"] + area["height"] + 0.5
        assert not any(boxes_overlap(a, b) for b in labels[i + 1:]), a
        inner = [{"x": n["x"] + 1, "y": n["y"] + 1, "w": n["w"] - 2, "h": n["h"] - 2}
                 for n in nodes if n["id"] != a["id"]]  # a pixel of tolerance for rounding
        assert not any(boxes_overlap(a, n) for n in inner), a
    return labels


@pytest.mark.slow
def test_sample_corpus_actor_view_has_readable_labels(browser, tmp_path):
    pytest.importorskip("spacy")
    from kg.build import build_store
    from kg.graph import to_networkx
    from kg.store import KGStore

    store = KGStore.open(None)
    build_store([str(Path(__file__).parent.parent / "data" / "articles")], store)
    G = to_networkx(store)
    o = Opened(browser, render_graph_page(G, tmp_path / "sample.html", title="Sample corpus"))
    view = o.js("() => window.kg.view()")
    actors = {n for n, a in G.nodes(data=True) if a["kind"] == "actor"}
    assert view["nodes"] and {n["id"] for n in view["nodes"]} <= actors
    assert rendered_nodes(o) == len(view["nodes"])
    labels = check_labels(o)
    assert len(labels) >= 15
    o.shot("sample-actors.png")
    o.page.mouse.move(700, 400)
    o.page.mouse.wheel(0, -600)  # zoom in: more nodes are big enough for a label
    o.page.wait_for_function("() => window.kg.network.getScale() > 0")
    assert len(check_labels(o)) >= 1
    o.assert_safe()


@pytest.mark.parametrize("n_nodes, n_edges", [(10_000, 50_000)])
def test_large_corpus_keeps_the_most_linked_actors(browser, tmp_path, n_nodes, n_edges):
    """5,000 actors and 50,000 facts: the actor network keeps its 300 most linked actors
    (time to interactive is measured in bench/bench_viz.py, not asserted here)."""
    G = synthetic_graph(n_nodes, n_edges, seed=11)
    path = render_graph_page(G, tmp_path / "large.html")
    o = Opened(browser, path)
    caps = o.js("() => window.kg.data.caps")
    assert caps["actors_total"] == 5000 and caps["max_actors"] == 300
    view = o.js("() => window.kg.view()")
    assert 0 < len(view["nodes"]) <= 300 and len(view["edges"]) <= 1500
    assert {n["type"] for n in view["nodes"]} <= set(ACTOR_TYPES)  # actors only
    check_labels(o)
    o.shot("large-actors.png")
    o.assert_safe()


@pytest.mark.parametrize("n_nodes, n_edges", [(5000, 20000)])
def test_large_facts_page_shows_the_top_nodes_and_finds_the_rest(browser, tmp_path, n_nodes,
                                                                n_edges):
    """A large graph draws its first 1,500 nodes and search reaches a hidden one (time to
    interactive is measured in bench/bench_viz.py, not asserted here: CI machines are shared)."""
    G = synthetic_graph(n_nodes, n_edges, seed=11)
    path = render_graph_page(G, tmp_path / "large.html", max_nodes=1500, view="facts")
    o = Opened(browser, path)
    assert o.js("() => window.kgReadyAt") > 0
    assert rendered_nodes(o) == 1500 == len(o.js("() => window.kg.view().nodes"))
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
