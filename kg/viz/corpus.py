"""The corpus page: the actor network (default), the timeline and any extra view in one file.

Layout: filters and legends on the left; tabs (Actors, Timeline, then extra views such as a
map) over the view area, with a date-range brush under it shared by every view; the side
panel on the right. The page is one self-contained file: vis-network is inlined from pyvis,
the data travel as escaped JSON islands, every article string reaches the DOM as text.

Extra views plug in through :class:`PageView`: each module ``kg.viz.<name>`` of
:data:`EXTRA_VIEWS` (the map, :mod:`kg.viz.map`) defines ``page_view(G) -> PageView | None``
(None: nothing to draw, no tab); its script calls ``window.kg.registerView({name, label,
mount, update, view})`` (see ``corpus_js.py``).
"""

from __future__ import annotations

import html
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from kg.graph import evidence_attr, list_attr
from kg.viz.actors import MAX_ACTORS, MAX_EDGES, RELATIONS, ActorNetwork, actor_network
from kg.viz.brush_js import BRUSH_CSS, BRUSH_JS
from kg.viz.corpus_js import CORPUS_CSS, CORPUS_JS
from kg.viz.data import ACTOR_STYLE, OTHER_STYLE, focus_subgraph, json_island, resolve_focus
from kg.viz.head import page_head
from kg.viz.items import item_records, role_records
from kg.viz.layout import layout_positions
from kg.viz.page import SHAPE_SVG, vis_assets
from kg.viz.search_js import SEARCH_JS
from kg.viz.timeline import GROUP_BY, SORT_GROUPS, TIMELINE_CSS, TIMELINE_JS

#: Colours of the largest communities (the rest, and actors without links, are grey).
COMMUNITY_COLOURS: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#17becf", "#bcbd22", "#8c564b",
)
NO_COMMUNITY = "#c8c8c8"
#: Views built into the page (extra views come from :func:`extra_views`).
BASE_VIEWS: tuple[str, ...] = ("actors", "timeline")


@dataclass(frozen=True)
class PageView:
    """An extra view of the corpus page: a tab, its data island, script and stylesheet.

    ``script`` runs after the page's own script and registers the view with
    ``window.kg.registerView``; it reads ``data`` from ``#kg-data-<name>`` with ``JSON.parse``
    (``#kg-view-<name>`` is the section it draws in).
    ``islands`` are further data islands ``(id, JSON text made by json_island)`` that the
    script may read later (the map's country outlines), so the page does not parse them when
    it opens.
    """

    name: str
    label: str
    data: Any
    script: str
    css: str = ""
    islands: tuple[tuple[str, str], ...] = ()


#: Modules that add a view (each defines ``page_view(G) -> PageView | None``).
EXTRA_VIEWS: tuple[str, ...] = ("map",)
#: Every view the corpus page can open on.
PAGE_VIEWS: tuple[str, ...] = (*BASE_VIEWS, *EXTRA_VIEWS)


def extra_views(G: nx.MultiDiGraph) -> list[PageView]:
    """Return the extra views that have something to draw for G (the map: located places)."""
    views = (importlib.import_module(f"kg.viz.{name}").page_view(G) for name in EXTRA_VIEWS)
    return [v for v in views if v is not None]


def _evidence(attrs: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"sentence": e.get("sentence") or None, "title": e.get("title") or None,
             "article": e.get("article") or None, "url": e.get("url") or None}
            for e in evidence_attr(attrs.get("evidence"))[:3]]


def _actor_record(G: nx.MultiDiGraph, iri: str, community: int | None) -> dict[str, Any]:
    attrs = G.nodes[iri]
    rec: dict[str, Any] = {
        "id": iri, "label": str(attrs.get("label") or iri),
        "type": str(attrs.get("type") or "Other"), "mentions": int(attrs.get("mentions") or 0),
        "community": community,
    }
    optional = {"aliases": list_attr(attrs.get("aliases")), "roles": list_attr(attrs.get("roles")),
                "country": attrs.get("country_code"), "evidence": _evidence(attrs)}
    rec.update({k: v for k, v in optional.items() if v})
    return rec


def _positions(net: ActorNetwork, seed: int) -> dict[str, tuple[float, float]]:
    """Return positions of the linked actors (force layout, heavier links pull harder) and of
    the others on a grid below (drawn only when searched for)."""
    H = nx.Graph()
    for e in net.edges:
        H.add_edge(e.source, e.target)
    linked = [a for a in net.actors if a in H]
    loose = [a for a in net.actors if a not in H]
    H.add_nodes_from(loose)
    return layout_positions(H, linked + loose, core_size=max(len(linked), 1), seed=seed)


def _communities(net: ActorNetwork, labels: dict[str, str]) -> list[dict[str, Any]]:
    """Return the legend of communities: colour, size and the most linked member."""
    members: dict[int, list[str]] = {}
    for a in net.actors:  # most linked first
        if a in net.communities:
            members.setdefault(net.communities[a], []).append(a)
    return [{"id": k, "color": community_colour(k, len(m)), "size": len(m),
             "label": labels[m[0]]} for k, m in sorted(members.items())]


def community_colour(k: int | None, size: int) -> str:
    """Return the colour of community ``k`` (grey for small or unlisted ones)."""
    if k is None or size < 2 or k >= len(COMMUNITY_COLOURS):
        return NO_COMMUNITY
    return COMMUNITY_COLOURS[k]


def _type_styles(actors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for a in actors:
        counts[a["type"]] = counts.get(a["type"], 0) + 1
    rank = {t: i for i, t in enumerate(ACTOR_STYLE)}
    return [{"type": t, "shape": ACTOR_STYLE.get(t, OTHER_STYLE)[1], "count": counts[t]}
            for t in sorted(counts, key=lambda t: (rank.get(t, 99), t))]


def corpus_payload(
    G: nx.MultiDiGraph,
    *,
    title: str,
    view: str = "actors",
    focus_id: str | None = None,
    max_actors: int = MAX_ACTORS,
    max_edges: int = MAX_EDGES,
    group_by: str = "actor",
    facts_href: str | None = None,
    seed: int = 7,
) -> dict[str, Any]:
    """Return the corpus page data: actors, summarised edges, items and legends."""
    if group_by not in GROUP_BY:
        raise ValueError(f"group_by must be one of {GROUP_BY}, got {group_by!r}")
    net = actor_network(G, max_actors=max_actors, max_edges=max_edges,
                        keep=(focus_id,) if focus_id else ())
    sizes: dict[int, int] = {}
    for k in net.communities.values():
        sizes[k] = sizes.get(k, 0) + 1
    pos = _positions(net, seed)
    actors = []
    for iri in net.actors:
        rec = _actor_record(G, iri, net.communities.get(iri))
        rec["color"] = community_colour(rec["community"], sizes.get(rec["community"], 0))
        rec["x"], rec["y"] = pos[iri]
        actors.append(rec)
    index = {a["id"]: i for i, a in enumerate(actors)}
    records = item_records(G)
    roles = role_records(G)
    used_roles = {i for e in net.edges for i in e.items if i in roles}
    items = sorted([*records.values(), *(roles[r] for r in used_roles)],
                   key=lambda it: it["sort_key"])
    item_index = {it["id"]: k for k, it in enumerate(items)}
    for it in items:
        del it["sort_key"]
    edges = [[index[e.source], index[e.target], e.relation,
              [item_index[i] for i in e.items if i in item_index]] for e in net.edges]
    present = {e.relation for e in net.edges}
    relations = [{"key": k, "text": t, "color": c, "directed": d,
                  "count": sum(1 for e in net.edges if e.relation == k)}
                 for k, (t, c, d) in RELATIONS.items() if k in present]
    dates = sorted(it["date"] for it in items if it.get("date"))
    return {
        "title": title, "view": view, "group_by": group_by, "facts_href": facts_href,
        "focus": index.get(focus_id) if focus_id else None,
        "actors": actors, "edges": edges, "items": items,
        "relations": relations, "types": _type_styles(actors),
        "communities": _communities(net, {a["id"]: a["label"] for a in actors}),
        "date_min": dates[0] if dates else None, "date_max": dates[-1] if dates else None,
        "caps": {"actors_total": net.actors_total, "edges_total": net.edges_total,
                 "max_actors": max_actors, "max_edges": max_edges},
    }


def _legend_html(payload: dict[str, Any]) -> str:
    """Return the type, relation and community legends (with filter checkboxes)."""
    rows = []
    for s in payload["types"]:
        shape = SHAPE_SVG.get(s["shape"], SHAPE_SVG["dot"])
        rows.append(
            '<label class="kg-legend-row">'
            f'<input type="checkbox" checked data-type="{html.escape(s["type"], quote=True)}">'
            f'<svg width="16" height="16" viewBox="0 0 16 16" fill="#9aa3ad" stroke="#555" '
            f'stroke-width="0.6" aria-hidden="true">{shape}</svg>'
            f'<span class="kg-type">{html.escape(s["type"])}</span>'
            f'<span class="kg-count">{int(s["count"])}</span></label>')
    rels = []
    for r in payload["relations"]:
        colour = html.escape(r["color"], quote=True)
        rels.append(
            '<label class="kg-legend-row">'
            f'<input type="checkbox" checked data-relation="{html.escape(r["key"], quote=True)}">'
            f'<svg width="22" height="10" aria-hidden="true"><line x1="1" y1="5" x2="21" y2="5" '
            f'stroke="{colour}" stroke-width="3"/></svg>'
            f'<span>{html.escape(r["text"])}</span>'
            f'<span class="kg-count">{int(r["count"])}</span></label>')
    return (
        '<div id="kg-legend"><h2>Actor types</h2>' + "".join(rows) +
        '<h2>Links</h2><div id="kg-relation-legend">' + "".join(rels) + "</div>"
        '<h2>Communities</h2><div id="kg-community-legend"></div></div>'
    )


def _options(values: tuple[str, ...]) -> str:
    return "".join(f'<option value="{v}">{v}</option>' for v in values)


def corpus_page_html(payload: dict[str, Any], *, title: str,
                     views: list[PageView] | tuple[PageView, ...] = ()) -> str:
    """Return the full corpus page for a payload made by :func:`corpus_payload`."""
    vis_js, vis_css = vis_assets()
    t = html.escape(title)
    facts = payload.get("facts_href")
    facts_link = (f'<p><a id="kg-facts-link" href="{html.escape(facts, quote=True)}">'
                  "All facts (statements and events as nodes)</a></p>" if facts else "")
    islands = "".join(
        f'<script type="application/json" id="kg-data-{html.escape(v.name, quote=True)}">'
        f"{json_island(v.data)}</script>\n" +
        "".join(f'<script type="application/json" id="{html.escape(i, quote=True)}">{text}'
                "</script>\n" for i, text in v.islands) +
        f"<script>{v.script}</script>\n" for v in views)
    for v in views:
        inlined = [v.script, *(text for _, text in v.islands)]
        if any("</script" in t.lower() for t in inlined) or "</style" in v.css.lower():
            raise ValueError(f"view {v.name!r}: its script, data or stylesheet cannot be "
                             "inlined")
    head = page_head(title, [vis_css, CORPUS_CSS, BRUSH_CSS, TIMELINE_CSS,
                             *(v.css for v in views)], [vis_js, SEARCH_JS])
    return f"""{head}<body>
<div id="kg-app">
<aside id="kg-side">
<h1 id="kg-title">{t}</h1>
<div id="kg-status"></div>
<label>Search <input id="kg-search" type="search" autocomplete="off"
 placeholder="actor name"></label>
<div id="kg-suggest"></div>
<fieldset id="kg-filters"><legend>Filters</legend>
<label>From <input id="kg-date-from" type="date"></label>
<label>To <input id="kg-date-to" type="date"></label>
<label>Min. mentions <input id="kg-min-mentions" type="number" min="0" value="0"></label>
<label class="kg-legend-row"><input id="kg-show-unlinked" type="checkbox">
 Actors without links</label>
<button id="kg-reset" type="button">Reset</button>
</fieldset>
{_legend_html(payload)}
{facts_link}
</aside>
<div id="kg-center">
<nav id="kg-tabs" role="tablist"></nav>
<div id="kg-views">
<section id="kg-view-actors" class="kg-view" data-view="actors"></section>
<section id="kg-view-timeline" class="kg-view" data-view="timeline">
<div id="kg-tl-controls">
<label>Group by <select id="kg-group-by">{_options(GROUP_BY)}</select></label>
<label>Sort groups by <select id="kg-sort-groups">{_options(SORT_GROUPS)}</select></label>
<label>Actor <select id="kg-actor-filter"><option value="">all actors</option></select></label>
<span id="kg-tl-count"></span>
</div>
<div id="kg-timeline"></div>
</section>
</div>
<div id="kg-brush" title="Drag to choose a date range; click to clear">
<canvas id="kg-brush-canvas"></canvas>
<div id="kg-brush-label"></div>
</div>
</div>
<aside id="kg-panel"><div id="kg-panel-body">
<p class="kg-hint">Click an actor or a link to see the statements and events behind it.</p>
</div></aside>
</div>
<script type="application/json" id="kg-data">{json_island(payload)}</script>
<script>{CORPUS_JS}</script>
<script>{BRUSH_JS}</script>
<script>{TIMELINE_JS}</script>
{islands}<script>window.kg.start();</script>
</body>
</html>
"""


def corpus_html(
    G: nx.MultiDiGraph,
    *,
    title: str,
    view: str = "actors",
    focus: str | None = None,
    depth: int = 2,
    max_actors: int = MAX_ACTORS,
    max_edges: int = MAX_EDGES,
    group_by: str = "actor",
    facts_href: str | None = None,
) -> str:
    """Return the corpus page of G (of the ego network of ``focus`` when given) opened on
    ``view`` ("actors", "timeline" or an extra view such as "map"). An extra view with nothing
    to draw (a map without located places) gets no tab; asking to open on it raises
    ``ValueError``."""
    if view not in PAGE_VIEWS:
        raise ValueError(f"unknown view {view!r}: choose one of {', '.join(PAGE_VIEWS)}")
    focus_id = None
    if focus is not None:
        focus_id = resolve_focus(G, focus)
        G = focus_subgraph(G, focus_id, depth)
    views = extra_views(G)
    if view in EXTRA_VIEWS and all(v.name != view for v in views):
        raise ValueError(f"the {view} view has nothing to draw"
                         + (": no place or country has a known location" if view == "map"
                            else ""))
    payload = corpus_payload(G, title=title, view=view, focus_id=focus_id,
                             max_actors=max_actors, max_edges=max_edges, group_by=group_by,
                             facts_href=facts_href)
    return corpus_page_html(payload, title=title, views=views)


def write_page(text: str, path: str | Path) -> Path:
    """Write a page to ``path`` (creating its folder) and return the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out


__all__ = ["BASE_VIEWS", "EXTRA_VIEWS", "PAGE_VIEWS", "PageView", "corpus_html",
           "corpus_page_html", "corpus_payload", "extra_views", "write_page"]
