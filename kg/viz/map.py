"""The map view: places and countries on an offline world map, as a page or a corpus-page tab.

Every Place and Country node with ``lat`` / ``lon`` (see :mod:`kg.graph`) is a marker sized by
its mentions; a click lists the events located there (``located_in``) and the actors taking
part in them. The basemap is Natural Earth country outlines (the npm package world-atlas,
TopoJSON: 1:110m when the page opens, 1:50m from zoom level 4) drawn by Leaflet with no
tile layer; Leaflet, Leaflet.markercluster (clusters
where markers are dense) and topojson-client are inlined from ``kg/assets/map/`` (versions and
licences in its README), so the page is one file that works offline.

Article text travels only inside the escaped JSON data island (:func:`json_island`) and
reaches the DOM through ``textContent``.

On the map page the date range follows the inputs ``#kg-date-from`` / ``#kg-date-to`` (their
``change`` events), a ``kg:daterange`` event on ``document`` (``detail: {from, to}``, ISO
dates or empty) and ``window.kg.map.setRange(from, to)``. On the corpus page the map is the
Map tab (:func:`page_view`, registered with ``window.kg.registerView``): the page's date
brush, dates and type / mention filters drive it, and a marker's events and actors go to the
page's side panel. ``window.kg.view()`` returns the markers shown, ``{"view": "map",
"nodes": [{"id", "type", "label", "lat", "lon"}], "edges": []}``, on the map page and on the
corpus page while its Map tab is open.
"""

from __future__ import annotations

import functools
import html
import json
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.graph import evidence_attr
from kg.viz.corpus import PageView
from kg.viz.data import focus_subgraph, json_island, resolve_focus
from kg.viz.head import page_head

#: Node types drawn as markers.
MARKER_TYPES = ("Country", "Place")
#: Vendored files inlined into the page (kg/assets/map/).
SCRIPTS = ("leaflet.js", "leaflet.markercluster.js", "topojson-client.min.js", "kg-map.js")
STYLES = ("leaflet.css", "MarkerCluster.css", "MarkerCluster.Default.css", "kg-map.css")
#: Country outlines: 1:110m drawn when the page opens (fast), 1:50m once zoomed in.
WORLD = "countries-110m.json"
WORLD_DETAIL = "countries-50m.json"


def _asset(name: str) -> str:
    """Return the text of a vendored map asset."""
    return resources.files("kg").joinpath("assets/map", name).read_text(encoding="utf-8")


@functools.cache
def map_assets() -> tuple[str, str, str, str]:
    """Return (JavaScript, CSS, coarse outlines, detailed outlines) to inline. Leaflet's image
    URLs are dropped (kg's markers are drawn with CSS) and its default attribution link (the
    map credits Leaflet, Natural Earth and GeoNames in plain text instead), so the page holds
    no URL to request or follow."""
    js = "\n;\n".join(_asset(name) for name in SCRIPTS)
    js = js.replace('href="https://leafletjs.com"', 'href="#"')
    css = "\n".join(_asset(name) for name in STYLES)
    css = css.replace("url(images/", "url(data:,").replace("url(#default#VML)", "none")
    if "</script" in js.lower() or "</style" in css.lower():
        raise RuntimeError("vendored map assets cannot be inlined safely")
    return js, css, _world(WORLD), _world(WORLD_DETAIL)


def _world(name: str) -> str:
    """Return world-atlas country outlines (TopoJSON) as a JSON data island."""
    return json_island(json.loads(_asset(name)))


def _first_evidence(attrs: dict[str, Any]) -> dict[str, Any]:
    items = evidence_attr(attrs.get("evidence"))
    return items[0] if items else {}


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    """Return ``record`` without empty values."""
    return {k: v for k, v in record.items() if v not in (None, "", [])}


def map_payload(G: nx.MultiDiGraph, *, title: str = "kg map") -> dict[str, Any]:
    """Return the map data: markers (located places and countries, most mentioned first),
    the events located at them and the actors taking part in those events.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("p", kind="actor", type="Place", label="Geneva", lat=46.2, lon=6.1)
    >>> [m["label"] for m in map_payload(G)["markers"]]
    ['Geneva']
    """
    located = [
        n for n, a in G.nodes(data=True)
        if a.get("kind", "actor") == "actor" and a.get("type") in MARKER_TYPES
        and a.get("lat") is not None and a.get("lon") is not None
    ]
    located.sort(key=lambda n: (-int(G.nodes[n].get("mentions") or 0),
                                str(G.nodes[n].get("label")), str(n)))
    marker_index = {n: i for i, n in enumerate(located)}
    events: list[dict[str, Any]] = []
    event_index: dict[str, int] = {}
    actors: list[dict[str, Any]] = []
    actor_index: dict[str, int] = {}
    markers = []
    for n in located:
        a = G.nodes[n]
        here = sorted({u for u, _, lab in G.in_edges(n, data="label") if lab == "located_in"
                       and G.nodes[u].get("kind") == "event"},
                      key=lambda e: (str(G.nodes[e].get("date") or ""), str(e)))
        for e in here:
            if e not in event_index:
                event_index[e] = len(events)
                events.append(_event_record(G, e, marker_index, actors, actor_index))
        markers.append(_compact({
            "id": str(n), "label": str(a.get("label") or n), "type": a["type"],
            "lat": round(float(a["lat"]), 5), "lon": round(float(a["lon"]), 5),
            "mentions": int(a.get("mentions") or 0),
            "country": a.get("country_code"), "geonames": a.get("geonames"),
            "wikidata": a.get("wikidata"),
            "events": [event_index[e] for e in here],
        }))
    dates = sorted(e["date"] for e in events if e.get("date"))
    return {"title": title, "markers": markers, "events": events, "actors": actors,
            "date_min": dates[0] if dates else None, "date_max": dates[-1] if dates else None}


def _event_record(G: nx.MultiDiGraph, e: str, marker_index: dict[str, int],
                  actors: list[dict[str, Any]], actor_index: dict[str, int]) -> dict[str, Any]:
    """Return one event of the map: label, date, its actors (indexes into ``actors``, added as
    met), the markers it is located at, and its first source sentence and article title."""
    a = G.nodes[e]
    involved = []
    for u, _, data in sorted(G.in_edges(e, data=True), key=lambda x: str(x[0])):
        if data.get("label") != "took_part_in":
            continue
        if u not in actor_index:
            actor_index[u] = len(actors)
            actors.append({"id": str(u), "label": str(G.nodes[u].get("label") or u),
                           "type": str(G.nodes[u].get("type") or "Actor")})
        involved.append([actor_index[u], data.get("role") or "participant"])
    places = sorted(marker_index[v] for _, v, lab in G.out_edges(e, data="label")
                    if lab == "located_in" and v in marker_index)
    ev = _first_evidence(a)
    return _compact({
        "id": str(e), "label": str(a.get("label") or e), "type": a.get("type"),
        "date": a.get("date"), "precision": a.get("date_precision"),
        "actors": involved, "places": places,
        "sentence": ev.get("sentence"), "title": ev.get("title"), "article": ev.get("article"),
    })


def _world_islands() -> str:
    """Return the two country-outline data islands the map script reads."""
    _, _, world, detail = map_assets()
    return (f'<script type="application/json" id="kg-map-world">{world}</script>\n'
            f'<script type="application/json" id="kg-map-world-detail">{detail}</script>\n')


def map_island_html(payload: dict[str, Any]) -> str:
    """Return the data islands, stylesheet and script of the stand-alone map page."""
    js, css, _, _ = map_assets()
    return (f"<style>{css}</style>\n"
            f'<script type="application/json" id="kg-map-data">{json_island(payload)}</script>\n'
            f"{_world_islands()}<script>{js}</script>\n")


#: Event fields the corpus page's tab leaves out: the page's own items carry the source.
_PAGE_DROPS = ("sentence", "title", "article")


def page_view(G: nx.MultiDiGraph) -> PageView | None:
    """Return the Map tab of the corpus page (:mod:`kg.viz.corpus`), or None when no place or
    country of G has a known location (the page then has no Map tab)."""
    payload = map_payload(G)
    if not payload["markers"]:
        return None
    payload["events"] = [{k: v for k, v in e.items() if k not in _PAGE_DROPS}
                         for e in payload["events"]]
    js, css, world, detail = map_assets()
    return PageView(name="map", label="Map", data=payload,
                    script=f"{js}\n;\nkgMapRegister(window.kg);", css=css,
                    islands=(("kg-map-world", world), ("kg-map-world-detail", detail)))


def map_page_html(G: nx.MultiDiGraph, *, title: str = "kg map", focus: str | None = None,
                  depth: int = 2) -> str:
    """Return the stand-alone map page (of the ego network of ``focus`` when given)."""
    if focus is not None:
        G = focus_subgraph(G, resolve_focus(G, focus), depth)
    payload = map_payload(G, title=title)
    t = html.escape(title)
    return f"""{page_head(title)}<body class="kg-map-page">
<header id="kg-map-header">
<h1 id="kg-title">{t}</h1>
<label>From <input id="kg-date-from" type="date"></label>
<label>To <input id="kg-date-to" type="date"></label>
<button id="kg-reset" type="button">Reset</button>
<span id="kg-status"></span>
</header>
<div id="kg-map"></div>
{map_island_html(payload)}<script>kgMapPage();</script>
</body>
</html>
"""


def render_map_page(G: nx.MultiDiGraph, path: str | Path, *, title: str = "kg map",
                    focus: str | None = None, depth: int = 2) -> Path:
    """Write the stand-alone offline map page of G to ``path``."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(map_page_html(G, title=title, focus=focus, depth=depth), encoding="utf-8")
    return out
