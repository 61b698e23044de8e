"""The timeline page: dated events and statements in date order, grouped by actor or by type.

Hand-written HTML/CSS/JS with the items in an escaped JSON data island; each item links back to
the graph page (``graph.html#node=<IRI>``), which focuses that node.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import networkx as nx

from kg.graph import evidence_attr
from kg.viz.data import json_island, type_key

GROUP_BY = ("actor", "type")
UNDATED = "9999"

TIMELINE_CSS = r"""
html, body { margin: 0; font: 13px/1.45 system-ui, sans-serif; color: #222; }
header { position: sticky; top: 0; background: #f7f7f5; border-bottom: 1px solid #ddd;
  padding: 8px 14px; display: flex; gap: 14px; align-items: center; flex-wrap: wrap; z-index: 1; }
header h1 { font-size: 16px; margin: 0; }
main { padding: 8px 14px; max-width: 980px; }
section { margin: 12px 0; }
section h2 { font-size: 14px; margin: 0 0 4px; border-bottom: 1px solid #ddd; }
.kg-tl-item { display: grid; grid-template-columns: 92px 1fr; gap: 8px; padding: 3px 0;
  border-bottom: 1px dotted #eee; }
.kg-tl-date { color: #555; font-variant-numeric: tabular-nums; }
.kg-tl-meta, .kg-tl-source { color: #555; font-size: 12px; white-space: pre-wrap;
  word-break: break-word; }
.kg-tl-quote { font-style: italic; white-space: pre-wrap; word-break: break-word; }
#kg-tl-count { color: #555; }
"""

TIMELINE_JS = r"""
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-timeline-data").textContent);
  var main = document.getElementById("kg-timeline");
  var actorSel = document.getElementById("kg-actor-filter");
  var groupSel = document.getElementById("kg-group-by");
  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) { x.textContent = String(text); }
    if (cls) { x.className = cls; }
    return x;
  }
  DATA.actors.forEach(function (a) {
    var o = el("option", a.label + " (" + a.count + ")");
    o.value = a.id;
    actorSel.appendChild(o);
  });
  groupSel.value = DATA.group_by;
  var ITEMS_PER_GROUP = 100, GROUP_LIMIT = 150, groupLimit = GROUP_LIMIT;
  function itemEl(it) {
    var row = el("div", null, "kg-tl-item");
    row.setAttribute("data-id", it.id);
    row.appendChild(el("div", it.date || "undated", "kg-tl-date"));
    var body = el("div");
    var a = el("a", it.label);
    a.href = DATA.graph_href + "#node=" + encodeURIComponent(it.id);
    body.appendChild(a);
    if (it.quote) { body.appendChild(el("div", "\u201c" + it.quote + "\u201d", "kg-tl-quote")); }
    var meta = [it.type];
    if (it.actors.length) { meta.push(it.actors.map(function (x) { return x[1]; }).join(", ")); }
    if (it.places.length) { meta.push("in " + it.places.join(", ")); }
    if (it.precision === "fuzzy") { meta.push("date: about the report date"); }
    else if (it.basis === "publication") { meta.push("date: the report date"); }
    else if (it.basis === "linked") { meta.push("date: from another report"); }
    if (it.reports > 1) { meta.push(it.reports + " reports"); }
    body.appendChild(el("div", meta.join(" \u00b7 "), "kg-tl-meta"));
    if (it.sentence) { body.appendChild(el("div", "Source: " + it.sentence, "kg-tl-source")); }
    row.appendChild(body);
    return row;
  }
  function render() {
    var actor = actorSel.value, by = groupSel.value, groups = new Map(), shown = 0;
    DATA.items.forEach(function (it) {
      var ids = it.actors.map(function (x) { return x[0]; });
      if (actor && ids.indexOf(actor) < 0) { return; }
      shown++;
      var keys = by === "type" ? [it.type] :
        (it.actors.length ? it.actors.map(function (x) { return x[1]; }) : ["(no actor)"]);
      if (by === "actor" && actor) {
        keys = it.actors.filter(function (x) { return x[0] === actor; })
          .map(function (x) { return x[1]; });
      }
      keys.forEach(function (k) {
        if (!groups.has(k)) { groups.set(k, []); }
        groups.get(k).push(it);
      });
    });
    var ordered = Array.from(groups.keys()).sort(function (x, y) {
      var a = groups.get(x)[0].sort_key, b = groups.get(y)[0].sort_key;
      return a < b ? -1 : a > b ? 1 : (x < y ? -1 : x > y ? 1 : 0);
    });
    main.replaceChildren();
    ordered.slice(0, groupLimit).forEach(function (k) {
      var sec = el("section"), list = groups.get(k);
      sec.setAttribute("data-group", k);
      sec.appendChild(el("h2", k + " (" + list.length + ")"));
      list.slice(0, ITEMS_PER_GROUP).forEach(function (it) { sec.appendChild(itemEl(it)); });
      if (list.length > ITEMS_PER_GROUP) {
        var more = el("button", "show " + (list.length - ITEMS_PER_GROUP) + " more");
        more.type = "button";
        more.addEventListener("click", function () {
          list.slice(ITEMS_PER_GROUP).forEach(function (it) {
            sec.insertBefore(itemEl(it), more); });
          more.remove();
        });
        sec.appendChild(more);
      }
      main.appendChild(sec);
    });
    if (ordered.length > groupLimit) {
      var moreGroups = el("button", "show " + (ordered.length - groupLimit) + " more groups");
      moreGroups.type = "button";
      moreGroups.id = "kg-more-groups";
      moreGroups.addEventListener("click", function () { groupLimit = Infinity; render(); });
      main.appendChild(moreGroups);
    }
    document.getElementById("kg-tl-count").textContent = shown + " of " + DATA.items.length +
      " items";
  }
  function rerender() { groupLimit = GROUP_LIMIT; render(); }
  actorSel.addEventListener("change", rerender);
  groupSel.addEventListener("change", rerender);
  render();
  window.kgTimeline = { data: DATA, render: render };
  document.body.setAttribute("data-ready", "1");
})();
"""


def _place_labels(G: nx.MultiDiGraph, node: str) -> list[str]:
    """Return the labels of the places an event is located in."""
    return sorted(
        str(G.nodes[v].get("label") or v)
        for _, v, a in G.out_edges(node, data=True)
        if a.get("label") == "located_in"
    )


def _actors(G: nx.MultiDiGraph, node: str, kind: str) -> list[list[str]]:
    """Return ``[id, label]`` of the actors taking part in an event or speaking a statement."""
    wanted = "took_part_in" if kind == "event" else "said"
    found = {
        u: str(G.nodes[u].get("label") or u)
        for u, _, a in G.in_edges(node, data=True)
        if a.get("label") == wanted
    }
    return [[u, label] for u, label in sorted(found.items(), key=lambda x: (x[1], x[0]))]


def timeline_items(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Return the timeline: events (dated or not) and dated statements, ordered by date.

    Items of equal date keep a stable order by label then id; undated events come last.
    """
    items = []
    for node, attrs in G.nodes(data=True):
        kind = attrs.get("kind")
        date = attrs.get("date")
        if kind not in ("event", "statement") or (kind == "statement" and not date):
            continue
        evidence = evidence_attr(attrs.get("evidence"))
        first = evidence[0] if evidence else {}
        label = str(attrs.get("label") or node)
        items.append({
            "id": str(node),
            "kind": kind,
            "type": type_key(attrs),
            "label": label,
            "date": str(date) if date else None,
            "precision": attrs.get("date_precision"),
            "basis": attrs.get("date_basis"),
            "reports": int(attrs.get("mentions") or 1),
            "quote": attrs.get("quote") if kind == "statement" else None,
            "actors": _actors(G, node, kind),
            "places": _place_labels(G, node) if kind == "event" else [],
            "sentence": first.get("sentence"),
            "sort_key": f"{date or UNDATED}\x1f{label}\x1f{node}",
        })
    items.sort(key=lambda it: it["sort_key"])
    return items


def timeline_payload(
    G: nx.MultiDiGraph, *, title: str, group_by: str, graph_href: str
) -> dict[str, Any]:
    """Return the timeline page data: ordered items and the actors to filter by."""
    if group_by not in GROUP_BY:
        raise ValueError(f"group_by must be one of {GROUP_BY}, got {group_by!r}")
    items = timeline_items(G)
    counts: dict[str, list] = {}
    for it in items:
        for actor_id, label in it["actors"]:
            counts.setdefault(actor_id, [label, 0])[1] += 1
    actors = [
        {"id": a, "label": label, "count": n}
        for a, (label, n) in sorted(counts.items(), key=lambda x: (x[1][0].casefold(), x[0]))
    ]
    return {"title": title, "group_by": group_by, "graph_href": graph_href,
            "items": items, "actors": actors}


def timeline_page_html(
    G: nx.MultiDiGraph,
    *,
    title: str = "kg timeline",
    group_by: str = "actor",
    graph_href: str = "graph.html",
) -> str:
    """Return the timeline page as a self-contained HTML string."""
    payload = timeline_payload(G, title=title, group_by=group_by, graph_href=graph_href)
    t = html.escape(title)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t}</title>
<style>{TIMELINE_CSS}</style>
</head>
<body>
<header>
<h1 id="kg-title">{t}</h1>
<label>Group by <select id="kg-group-by">
<option value="actor">actor</option><option value="type">type</option></select></label>
<label>Actor <select id="kg-actor-filter"><option value="">all actors</option></select></label>
<span id="kg-tl-count"></span>
<a href="{html.escape(graph_href, quote=True)}">Graph</a>
</header>
<main id="kg-timeline"></main>
<script type="application/json" id="kg-timeline-data">{json_island(payload)}</script>
<script>{TIMELINE_JS}</script>
</body>
</html>
"""


def render_timeline_page(
    G: nx.MultiDiGraph,
    path: str | Path,
    *,
    title: str = "kg timeline",
    group_by: str = "actor",
    graph_href: str = "graph.html",
) -> Path:
    """Write the timeline page of G to ``path``; items link to ``graph_href#node=<IRI>``."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        timeline_page_html(G, title=title, group_by=group_by, graph_href=graph_href),
        encoding="utf-8",
    )
    return out
