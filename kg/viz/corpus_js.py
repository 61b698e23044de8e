"""Stylesheet and script of the corpus page: its data, shared filters, tabs, search box and
start (kept as Python strings so they ship with the code); the side panel
(:mod:`kg.viz.panel_js`) and the actor network view (:mod:`kg.viz.actors_js`) are parts of
the same script. The date brush (:mod:`kg.viz.brush_js`), the timeline and the map are views
of their own.

The script reads ``#kg-data`` with ``JSON.parse`` and puts every article string into the DOM
with ``textContent`` (canvas labels with ``fillText``); no ``innerHTML`` anywhere.

Views register with ``window.kg.registerView({name, label, mount(section), update(), view(),
shown()})``: ``mount`` runs when the tab is first shown, ``update`` after every filter change
(the date brush included), ``view`` returns ``{nodes, edges}`` for ``window.kg.view()``:
``{"view", "nodes": [{"id", "type", "label", "lat"?, "lon"?}], "edges": [{"from", "to",
"relation"}]}``. A view reads the shared filters through ``kg.state``, ``kg.inRange(date)``
and ``kg.actorPasses(i)``, the data through ``kg.data`` (``actors``; ``items``: events and
statements with ``date``, ``actors``, ``about`` and ``places`` as ``[IRI, label]`` pairs)
and ``kg.actorIndex`` (IRI → index), and opens the side panel with ``kg.showActor(i)``,
``kg.showItem(k)`` or ``kg.focusActor(IRI)``; ``kg.itemBlock(k)`` renders an item.
"""

from kg.viz.actors_js import ACTORS_VIEW_JS
from kg.viz.graph_js import ITEM_CSS, PANEL_CSS
from kg.viz.panel_js import PANEL_JS

CORPUS_CSS = r"""
html, body { margin: 0; height: 100%; font: 13px/1.4 system-ui, sans-serif; color: #222; }
#kg-app { display: flex; height: 100vh; }
#kg-side { width: 260px; flex: none; overflow-y: auto; padding: 10px; background: #f7f7f5;
  border-right: 1px solid #ddd; box-sizing: border-box; }
#kg-center { flex: 1; min-width: 0; display: flex; flex-direction: column; }
#kg-tabs { display: flex; gap: 2px; padding: 4px 6px 0; background: #f7f7f5;
  border-bottom: 1px solid #ddd; }
#kg-tabs button { border: 1px solid #ddd; border-bottom: 0; background: #eceae6; padding: 4px 14px;
  cursor: pointer; font: inherit; border-radius: 4px 4px 0 0; }
#kg-tabs button[aria-selected=true] { background: #fff; font-weight: 600; }
#kg-views { flex: 1; min-height: 0; position: relative; }
.kg-view { position: absolute; inset: 0; display: none; overflow: auto; background: #fff; }
.kg-view.kg-active { display: block; }
#kg-view-actors { overflow: hidden; }
""" + PANEL_CSS + r"""
#kg-side label.kg-legend-row, .kg-legend-row { display: flex; align-items: center; gap: 6px;
  margin: 2px 0; }
.kg-swatch { width: 12px; height: 12px; border-radius: 50%; flex: none; border: 1px solid #777; }
""" + ITEM_CSS

_START = r"""
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var A = DATA.actors, E = DATA.edges, I = DATA.items;
  var byId = new Map(), itemById = new Map(), relOf = {}, shapeOf = {};
  A.forEach(function (a, i) { byId.set(a.id, i); });
  I.forEach(function (it, k) { itemById.set(it.id, k); });
  DATA.relations.forEach(function (r) { relOf[r.key] = r; });
  DATA.types.forEach(function (t) { shapeOf[t.type] = t.shape; });
  var edgesOf = A.map(function () { return []; }), itemsOf = A.map(function () { return []; });
  E.forEach(function (e, k) { edgesOf[e[0]].push(k); edgesOf[e[1]].push(k); });
  I.forEach(function (it, k) {
    var seen = new Set();
    it.actors.concat(it.about, it.places).forEach(function (p) {
      var i = byId.get(p[0]);
      if (i !== undefined && !seen.has(i)) { seen.add(i); itemsOf[i].push(k); }
    });
  });
  var weightOf = A.map(function (a, i) {
    return edgesOf[i].reduce(function (s, k) { return s + E[k][3].length; }, 0);
  });

  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) { x.textContent = String(text); }
    if (cls) { x.className = cls; }
    return x;
  }
  function short(s, k) { s = String(s); return s.length > k ? s.slice(0, k - 1) + "\u2026" : s; }
  function lo(d) { return d.length === 4 ? d + "-01-01" : d.length === 7 ? d + "-01" : d; }
  function hi(d) {
    if (d.length === 4) { return d + "-12-31"; }
    if (d.length === 7) {
      var last = new Date(Date.UTC(+d.slice(0, 4), +d.slice(5, 7), 0));
      return last.toISOString().slice(0, 10);
    }
    return d.slice(0, 10);
  }

  // ----- shared filter state -----
  var allTypes = DATA.types.map(function (t) { return t.type; });
  var allRelations = DATA.relations.map(function (r) { return r.key; });
  var state = { from: "", to: "", types: new Set(allTypes), relations: new Set(allRelations),
                minMentions: 0, unlinked: false, pinned: new Set() };
  if (DATA.focus !== null && DATA.focus !== undefined) { state.pinned.add(DATA.focus); }

  function ranged() { return Boolean(state.from || state.to); }
  function inRange(d) {
    if (!d) { return !ranged(); }
    return (!state.from || hi(d) >= state.from) && (!state.to || lo(d) <= state.to);
  }
  function actorPasses(i) {
    var a = A[i];
    return state.types.has(a.type) && (a.mentions || 0) >= state.minMentions;
  }
  function edgeItems(k) {  // the items of an edge inside the date range (undated ones count
    var its = E[k][3];     // only when no item of the edge is dated)
    if (!ranged()) { return its; }
    var dated = its.filter(function (j) { return I[j].date; });
    if (!dated.length) { return its; }
    return dated.filter(function (j) { return inRange(I[j].date); });
  }
  function edgePasses(k) {
    var e = E[k];
    return state.relations.has(e[2]) && actorPasses(e[0]) && actorPasses(e[1]) &&
      edgeItems(k).length > 0;
  }

  // ----- views and tabs -----
  var views = {}, order = [], current = null, started = false, onApply = [];
  var tabs = document.getElementById("kg-tabs");
  function sectionFor(name) {
    var sec = document.getElementById("kg-view-" + name);
    if (!sec) {
      sec = el("section", null, "kg-view");
      sec.id = "kg-view-" + name;
      sec.setAttribute("data-view", name);
      document.getElementById("kg-views").appendChild(sec);
    }
    return sec;
  }
  function registerView(spec) {
    if (views[spec.name]) { return; }
    spec.section = sectionFor(spec.name);
    spec.mounted = false;
    views[spec.name] = spec;
    order.push(spec.name);
    var b = el("button", spec.label || spec.name);
    b.type = "button";
    b.setAttribute("role", "tab");
    b.setAttribute("data-view", spec.name);
    b.setAttribute("aria-selected", "false");
    b.addEventListener("click", function () { show(spec.name); });
    tabs.appendChild(b);
    if (started && DATA.view === spec.name) { show(spec.name); }
  }
  function show(name) {
    var spec = views[name];
    if (!spec) { return false; }
    current = name;
    order.forEach(function (n) {
      views[n].section.classList.toggle("kg-active", n === name);
    });
    tabs.querySelectorAll("button").forEach(function (b) {
      b.setAttribute("aria-selected", String(b.getAttribute("data-view") === name));
    });
    if (!spec.mounted) { spec.mounted = true; spec.mount(spec.section); }
    else if (spec.update) { spec.update(); }
    if (spec.shown) { spec.shown(); }
    return true;
  }
  function apply() {
    order.forEach(function (n) {
      var v = views[n];
      if (v.mounted && v.update) { v.update(); }
    });
    onApply.forEach(function (fn) { fn(); });
    setStatus();
  }
  function view() {
    var v = views[current], out = v && v.view ? v.view() : { nodes: [], edges: [] };
    return { view: current, nodes: out.nodes, edges: out.edges };
  }
  function markReady() {
    if (window.kgReady) { return; }
    window.kgReadyAt = performance.now();
    window.kgReady = true;
    document.body.setAttribute("data-ready", "1");
  }
"""

_END = r"""
  function setRange(from, to) {
    state.from = from || ""; state.to = to || "";
    document.getElementById("kg-date-from").value = state.from;
    document.getElementById("kg-date-to").value = state.to;
    apply();
  }
  // ----- status, search, filters -----
  function setStatus() {
    var now = net ? { nodes: shownA, edges: shownE } : computeActors();
    var c = DATA.caps, text = "Actor network: " + now.nodes.size + " of " + A.length +
      " actors, " + now.edges.size + " of " + E.length + " links";
    if (c.actors_total > A.length || c.edges_total > E.length) {
      text += " (the corpus has " + c.actors_total + " actors and " + c.edges_total +
        " links; the page keeps the " + A.length + " most linked actors and the " +
        E.length + " heaviest links)";
    }
    document.getElementById("kg-status").textContent = text;
  }
  window.kgSearchBox(A, focusActor);  // kg.viz.search_js
  function boxes(attr, set) {
    document.querySelectorAll("#kg-legend input[" + attr + "]").forEach(function (box) {
      box.addEventListener("change", function () {
        var key = box.getAttribute(attr);
        if (box.checked) { set().add(key); } else { set().delete(key); }
        apply();
      });
    });
  }
  boxes("data-type", function () { return state.types; });
  boxes("data-relation", function () { return state.relations; });
  function bind(id, fn) {
    var input = document.getElementById(id);
    input.addEventListener("change", function () { fn(input); apply(); });
  }
  bind("kg-date-from", function (x) { state.from = x.value; });
  bind("kg-date-to", function (x) { state.to = x.value; });
  bind("kg-min-mentions", function (x) { state.minMentions = Math.max(0, Number(x.value) || 0); });
  bind("kg-show-unlinked", function (x) { state.unlinked = x.checked; });
  document.getElementById("kg-reset").addEventListener("click", function () {
    state.types = new Set(allTypes); state.relations = new Set(allRelations);
    state.minMentions = 0; state.unlinked = false; state.pinned = new Set();
    if (DATA.focus !== null && DATA.focus !== undefined) { state.pinned.add(DATA.focus); }
    document.querySelectorAll("#kg-legend input[type=checkbox]").forEach(function (b) {
      b.checked = true; });
    document.getElementById("kg-min-mentions").value = "0";
    document.getElementById("kg-show-unlinked").checked = false;
    setRange("", "");
    if (net) { net.fit({ animation: false }); }
  });
  var legend = document.getElementById("kg-community-legend");
  DATA.communities.slice(0, 12).forEach(function (c) {
    var row = el("div", null, "kg-legend-row"), sw = el("span", null, "kg-swatch");
    sw.style.background = c.color;
    row.appendChild(sw);
    row.appendChild(el("span", short(c.label, 26) + (c.size > 1 ? " and others" : "")));
    row.appendChild(el("span", String(c.size), "kg-count"));
    legend.appendChild(row);
  });
  if (DATA.communities.length > 12) {
    legend.appendChild(el("div", (DATA.communities.length - 12) + " smaller communities (grey)",
                          "kg-meta"));
  }
  function fromHash() {
    var m = /^#node=(.*)$/.exec(location.hash);
    if (!m) { return false; }
    var id = decodeURIComponent(m[1]);
    if (byId.has(id)) { return focusActor(id); }
    if (itemById.has(id)) { showItem(itemById.get(id)); return true; }
    return false;
  }
  window.addEventListener("hashchange", fromHash);

  function start() {
    started = true;
    if (!show(views[DATA.view] ? DATA.view : "actors")) { markReady(); }
    if (!fromHash() && DATA.focus !== null && DATA.focus !== undefined) {
      if (current === "actors") { net.selectNodes([DATA.focus]); }
      showActor(DATA.focus);
    }
    apply();
    if (current !== "actors") { markReady(); }
  }

  var kg = window.kg = {
    data: DATA, state: state, apply: apply, registerView: registerView, show: show,
    view: view, start: start, setRange: setRange, inRange: inRange, actorPasses: actorPasses,
    onApply: function (fn) { onApply.push(fn); }, ranged: ranged, lo: lo, hi: hi,
    focusActor: focusActor, showActor: showActor, showEdge: showEdge, showItem: showItem,
    itemBlock: itemBlock, sourceBlock: sourceBlock, el: el, actorIndex: byId,
    labels: function () {
      var r = document.getElementById("kg-view-actors").getBoundingClientRect();
      return labelBoxes.map(function (b) {
        return { id: b.id, text: b.text, x: b.x + r.left, y: b.y + r.top, w: b.w, h: b.h };
      });
    },
    current: function () { return current; }
  };
  registerView({ name: "actors", label: "Actor network", mount: mountActors,
                 update: updateActors, view: actorsView,
                 shown: function () { if (net) { net.redraw(); } } });
})();
"""

#: The whole script: one scope shared by the filters and tabs, the side panel
#: (:mod:`kg.viz.panel_js`) and the actor network view (:mod:`kg.viz.actors_js`).
CORPUS_JS = _START + PANEL_JS + ACTORS_VIEW_JS + _END
