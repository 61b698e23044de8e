"""The timeline view of the corpus page: dated events and statements, grouped and filtered.

The view follows the page's filters (date range and brush, actor types, minimum mentions, the
focus actor) and lists each item once: grouped by actor, an item sits under its speaker or its
event's agent (the other actors are named in the row); a statement shows its quote once.
Groups are sorted by item count or by name, "(no actor)" last.
"""

from __future__ import annotations

from kg.viz.items import NO_ACTOR, timeline_items

GROUP_BY = ("actor", "type")
SORT_GROUPS = ("count", "name")

TIMELINE_CSS = r"""
#kg-view-timeline { padding: 0 14px 10px; box-sizing: border-box; }
#kg-tl-controls { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #ddd;
  padding: 6px 0; display: flex; gap: 14px; align-items: center; flex-wrap: wrap; z-index: 1; }
#kg-timeline section { margin: 12px 0; max-width: 980px; }
#kg-timeline section h2 { font-size: 14px; margin: 0 0 4px; border-bottom: 1px solid #ddd; }
.kg-tl-item { display: grid; grid-template-columns: 92px 1fr; gap: 8px; padding: 3px 0;
  border-bottom: 1px dotted #eee; cursor: pointer; }
.kg-tl-item:hover { background: #f4f7fb; }
.kg-tl-date { color: #555; font-variant-numeric: tabular-nums; }
.kg-tl-meta, .kg-tl-source { color: #555; font-size: 12px; white-space: pre-wrap;
  word-break: break-word; }
.kg-tl-quote { font-style: italic; white-space: pre-wrap; word-break: break-word; }
#kg-tl-count { color: #555; }
"""

TIMELINE_JS = r"""
(function () {
  "use strict";
  var kg = window.kg, DATA = kg.data, A = DATA.actors, I = DATA.items, el = kg.el;
  var NO_ACTOR = "__NO_ACTOR__";
  var ITEMS_PER_GROUP = 100, GROUP_LIMIT = 150, groupLimit = GROUP_LIMIT, shownItems = [];
  var main, actorSel, groupSel, sortSel;
  var listed = [];
  I.forEach(function (it, k) { if (it.kind === "event" || (it.kind === "statement" && it.date)) {
    listed.push(k); } });
  function involved(it) { return it.actors.concat(it.about, it.places); }
  function passes(it) {
    if (!kg.inRange(it.date)) { return false; }
    var wanted = actorSel.value;
    if (wanted && !involved(it).some(function (p) { return p[0] === wanted; })) { return false; }
    var drawn = involved(it).map(function (p) { return kg.actorIndex.get(p[0]); })
      .filter(function (i) { return i !== undefined; });
    return !drawn.length || drawn.some(kg.actorPasses);
  }
  function groupOf(it) {
    if (groupSel.value === "type") { return it.type; }
    return it.primary ? it.primary[1] : NO_ACTOR;
  }
  function itemEl(k) {
    var it = I[k], row = el("div", null, "kg-tl-item");
    row.setAttribute("data-id", it.id);
    row.appendChild(el("div", it.date || "undated", "kg-tl-date"));
    var body = el("div");
    if (it.kind === "statement") {
      var who = it.actors.length ? it.actors.map(function (p) { return p[1]; }).join(", ") :
        (it.speaker || "unknown speaker");
      body.appendChild(el("div", who + (it.about.length ? " on " +
        it.about.map(function (p) { return p[1]; }).join(", ") : "") + ":", "kg-tl-meta"));
      body.appendChild(el("div", "\u201c" + (it.quote || it.label) + "\u201d", "kg-tl-quote"));
    } else {
      body.appendChild(el("div", it.label, "kg-tl-label"));
    }
    var meta = [it.type];
    if (it.kind === "event" && it.actors.length) {
      meta.push(it.actors.map(function (p) { return p[1]; }).join(", "));
    }
    if (it.places.length) {
      meta.push("in " + it.places.map(function (p) { return p[1]; }).join(", "));
    }
    if (it.precision === "fuzzy") { meta.push("date: about the report date"); }
    else if (it.basis === "publication") { meta.push("date: the report date"); }
    else if (it.basis === "linked") { meta.push("date: from another report"); }
    if (it.reports > 1) { meta.push(it.reports + " reports"); }
    body.appendChild(el("div", meta.join(" \u00b7 "), "kg-tl-meta"));
    body.appendChild(kg.sourceBlock(it, it.quote));
    row.appendChild(body);
    row.addEventListener("click", function (ev) {
      if (ev.target.tagName !== "A") { kg.showItem(k); }
    });
    return row;
  }
  function ordered(groups) {
    var byName = sortSel.value === "name";
    return Array.from(groups.keys()).sort(function (x, y) {
      if (x === NO_ACTOR || y === NO_ACTOR) { return x === NO_ACTOR ? 1 : -1; }
      var d = byName ? 0 : groups.get(y).length - groups.get(x).length;
      return d || x.localeCompare(y);
    });
  }
  function render() {
    var groups = new Map();
    shownItems = listed.filter(function (k) { return passes(I[k]); });
    shownItems.forEach(function (k) {
      var g = groupOf(I[k]);
      if (!groups.has(g)) { groups.set(g, []); }
      groups.get(g).push(k);
    });
    var keys = ordered(groups);
    main.replaceChildren();
    keys.slice(0, groupLimit).forEach(function (g) {
      var sec = el("section"), list = groups.get(g), name = g === NO_ACTOR ? "(no actor)" : g;
      sec.setAttribute("data-group", name);
      sec.appendChild(el("h2", name + " (" + list.length + ")"));
      list.slice(0, ITEMS_PER_GROUP).forEach(function (k) { sec.appendChild(itemEl(k)); });
      if (list.length > ITEMS_PER_GROUP) {
        var more = el("button", "show " + (list.length - ITEMS_PER_GROUP) + " more");
        more.type = "button";
        more.addEventListener("click", function () {
          list.slice(ITEMS_PER_GROUP).forEach(function (k) { sec.insertBefore(itemEl(k), more); });
          more.remove();
        });
        sec.appendChild(more);
      }
      main.appendChild(sec);
    });
    if (keys.length > groupLimit) {
      var moreGroups = el("button", "show " + (keys.length - groupLimit) + " more groups");
      moreGroups.type = "button";
      moreGroups.id = "kg-more-groups";
      moreGroups.addEventListener("click", function () { groupLimit = Infinity; render(); });
      main.appendChild(moreGroups);
    }
    document.getElementById("kg-tl-count").textContent = shownItems.length + " of " +
      listed.length + " items";
  }
  function mount() {
    main = document.getElementById("kg-timeline");
    actorSel = document.getElementById("kg-actor-filter");
    groupSel = document.getElementById("kg-group-by");
    sortSel = document.getElementById("kg-sort-groups");
    var counts = A.map(function () { return 0; });
    listed.forEach(function (k) {
      var seen = new Set();
      involved(I[k]).forEach(function (p) {
        var i = kg.actorIndex.get(p[0]);
        if (i !== undefined && !seen.has(i)) { seen.add(i); counts[i]++; }
      });
    });
    A.map(function (a, i) { return i; }).filter(function (i) { return counts[i]; })
      .sort(function (x, y) { return A[x].label.localeCompare(A[y].label); })
      .forEach(function (i) {
        var o = el("option", A[i].label + " (" + counts[i] + ")");
        o.value = A[i].id;
        actorSel.appendChild(o);
      });
    groupSel.value = DATA.group_by;
    if (DATA.focus !== null && DATA.focus !== undefined) { actorSel.value = A[DATA.focus].id; }
    [actorSel, groupSel, sortSel].forEach(function (s) {
      s.addEventListener("change", function () { groupLimit = GROUP_LIMIT; render(); });
    });
    render();
  }
  function view() {
    return { nodes: shownItems.map(function (k) {
      return { id: I[k].id, type: I[k].type, label: I[k].label }; }), edges: [] };
  }
  kg.registerView({ name: "timeline", label: "Timeline", mount: mount, update: render,
                    view: view });
})();
"""

__all__ = ["GROUP_BY", "NO_ACTOR", "SORT_GROUPS", "TIMELINE_CSS", "TIMELINE_JS",
           "timeline_items"]
