"""Stylesheet and script of the corpus page: shared filters, tabs, date brush, side panel and
the actor network view (kept as Python strings so they ship with the code).

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
#kg-panel { width: 340px; flex: none; overflow-y: auto; padding: 10px; background: #fbfbfa;
  border-left: 1px solid #ddd; box-sizing: border-box; }
#kg-side h1 { font-size: 16px; margin: 0 0 6px; }
#kg-side h2, #kg-panel h3 { font-size: 13px; margin: 12px 0 4px; }
#kg-panel h2 { font-size: 15px; margin: 0 0 4px; word-break: break-word; }
#kg-side label { display: block; margin: 6px 0; }
#kg-side input[type=search], #kg-side input[type=date], #kg-side input[type=number] {
  width: 100%; box-sizing: border-box; padding: 3px; }
#kg-status { color: #555; font-size: 12px; }
#kg-suggest button, .kg-link { display: block; width: 100%; text-align: left; border: 0;
  background: none; padding: 2px 4px; cursor: pointer; color: #1a55a0; font: inherit; }
#kg-suggest button:hover, .kg-link:hover { background: #e8eef7; }
fieldset { border: 1px solid #ddd; margin: 8px 0; padding: 4px 8px; }
#kg-side label.kg-legend-row, .kg-legend-row { display: flex; align-items: center; gap: 6px;
  margin: 2px 0; }
.kg-swatch { width: 12px; height: 12px; border-radius: 50%; flex: none; border: 1px solid #777; }
.kg-count { color: #777; margin-left: auto; }
.kg-meta { color: #555; font-size: 12px; }
.kg-item { border-top: 1px solid #eee; padding: 4px 0; }
.kg-quote { font-style: italic; margin: 2px 0; white-space: pre-wrap; word-break: break-word; }
.kg-source { color: #444; font-size: 12px; white-space: pre-wrap; word-break: break-word; }
.kg-hint { color: #777; }
div.vis-tooltip { white-space: pre-wrap; max-width: 420px; font: 12px/1.35 system-ui, sans-serif;
  word-break: break-word; }
"""

CORPUS_JS = r"""
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

  // ----- side panel -----
  var panel = document.getElementById("kg-panel-body");
  function actorLink(i) {
    var b = el("button", A[i].label, "kg-link");
    b.type = "button";
    b.addEventListener("click", function () { focusActor(i); });
    return b;
  }
  function safeUrl(u) {
    try { return u && /^https?:$/.test(new URL(u).protocol) ? u : null; }
    catch (err) { return null; }
  }
  function norm(s) { return String(s || "").replace(/\s+/g, " ").trim().toLowerCase(); }
  function sourceBlock(src, quote) {  // src: {sentence, title, article, url}
    var d = el("div", null, "kg-source");
    var q = norm(quote).replace(/[\s,.;:!?]+$/, "");
    if (src.sentence && !(q && norm(src.sentence).indexOf(q) >= 0)) {
      d.appendChild(el("div", "Source: " + src.sentence));
    } else if (src.sentence && q) {
      d.setAttribute("title", src.sentence);
    }
    var name = src.title || (src.article ? "article " + src.article : null);
    if (name) {
      var url = safeUrl(src.url) || safeUrl(src.article), a;
      if (url) {
        a = el("a", name);
        a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
        a.className = "kg-article";
      } else {
        a = el("span", name, "kg-article");
      }
      var line = el("div", "In: ");
      line.appendChild(a);
      d.appendChild(line);
    }
    return d;
  }
  function names(pairs) { return pairs.map(function (p) { return p[1]; }).join(", "); }
  function itemBlock(k, opts) {
    var it = I[k], box = el("div", null, "kg-item");
    box.setAttribute("data-item", it.id);
    var meta = [it.date || "undated"];
    if (it.kind === "statement") {
      var who = it.actors.length ? names(it.actors) : (it.speaker || "unknown speaker");
      box.appendChild(el("div", who + (it.about.length ? " on " + names(it.about) : ""),
                         "kg-meta"));
      box.appendChild(el("div", "\u201c" + (it.quote || it.label) + "\u201d", "kg-quote"));
      if (it.statement_kind) { meta.push(it.statement_kind); }
      it.about.forEach(function (p) { if (p[2]) { meta.push(p[2] + " about " + p[1]); } });
    } else {
      var title = el("button", it.label, "kg-link");
      title.type = "button";
      title.addEventListener("click", function () { showItem(k); });
      box.appendChild(title);
      meta.push(it.type);
      if (it.actors.length) { meta.push(names(it.actors)); }
      if (it.kind === "role" && it.about.length) { meta.push("in " + names(it.about)); }
      if (it.places.length) { meta.push("in " + names(it.places)); }
      if (it.reports > 1) { meta.push(it.reports + " reports"); }
    }
    box.appendChild(el("div", meta.join(" \u00b7 "), "kg-meta"));
    box.appendChild(sourceBlock(it, it.quote));
    return box;
  }
  function section(title, nodes) {
    if (!nodes.length) { return; }
    panel.appendChild(el("h3", title + " (" + nodes.length + ")"));
    nodes.slice(0, 200).forEach(function (x) { panel.appendChild(x); });
    if (nodes.length > 200) {
      panel.appendChild(el("div", "\u2026 " + (nodes.length - 200) + " more", "kg-meta"));
    }
  }
  function clearPanel(kind, id) {
    panel.replaceChildren();
    panel.setAttribute("data-kind", kind);
    panel.setAttribute("data-id", id);
  }
  function edgeTitle(k) {
    var e = E[k], r = relOf[e[2]];
    return A[e[0]].label + (r.directed ? " \u2192 " : " \u2014 ") + r.text +
      (r.directed ? " \u2192 " : " \u2014 ") + A[e[1]].label;
  }
  function showActor(i) {
    var a = A[i];
    clearPanel("actor", a.id);
    panel.appendChild(el("h2", a.label));
    var meta = [a.type, a.mentions + " mention(s)"];
    if (a.community !== null && a.community !== undefined) {
      meta.push("community " + (a.community + 1));
    }
    panel.appendChild(el("div", meta.join(" \u00b7 "), "kg-meta"));
    if (a.aliases) { panel.appendChild(el("div", "Also: " + a.aliases.join(", "), "kg-meta")); }
    if (a.roles) { panel.appendChild(el("div", "Roles: " + a.roles.join(", "), "kg-meta")); }
    if (a.country) { panel.appendChild(el("div", "Country: " + a.country, "kg-meta")); }
    var ks = edgesOf[i].slice().sort(function (x, y) { return E[y][3].length - E[x][3].length; });
    section("Links", ks.map(function (k) {
      var b = el("button", edgeTitle(k) + " (" + E[k][3].length + ")", "kg-link");
      b.type = "button";
      b.setAttribute("data-edge", String(k));
      b.addEventListener("click", function () { showEdge(k); });
      return b;
    }));
    var said = [], about = [], events = [], here = [];
    function has(pairs) { return pairs.some(function (p) { return p[0] === a.id; }); }
    itemsOf[i].forEach(function (k) {
      var it = I[k];
      if (it.kind === "statement") { (has(it.actors) ? said : about).push(k); }
      else if (it.kind === "event") { (has(it.actors) ? events : here).push(k); }
    });
    function blocks(ks) { return ks.map(function (k) { return itemBlock(k); }); }
    section("Statements", blocks(said));
    section("Said about " + a.label, blocks(about));
    section("Events", blocks(events));
    section("Events here", blocks(here));
    if (a.evidence) {
      section("Mentions", a.evidence.map(function (ev) {
        var box = el("div", null, "kg-item");
        box.appendChild(sourceBlock(ev, null));
        return box;
      }));
    }
  }
  function showEdge(k) {
    var e = E[k];
    clearPanel("edge", String(k));
    panel.appendChild(el("h2", edgeTitle(k)));
    var inside = edgeItems(k);
    var count = e[3].length + " supporting fact(s)";
    if (ranged()) { count += ", " + inside.length + " in the date range"; }
    panel.appendChild(el("div", count, "kg-meta"));
    panel.appendChild(actorLink(e[0]));
    panel.appendChild(actorLink(e[1]));
    section("Facts", e[3].map(function (j) { return itemBlock(j); }));
  }
  function showItem(k) {
    var it = I[k];
    clearPanel("item", it.id);
    panel.appendChild(el("h2", it.kind === "statement" ? "Statement" : it.label));
    panel.appendChild(itemBlock(k));
    var involved = [];
    it.actors.concat(it.about, it.places).forEach(function (p) {
      var i = byId.get(p[0]);
      if (i !== undefined && involved.indexOf(i) < 0) { involved.push(i); }
    });
    section("Actors", involved.map(actorLink));
  }

  // ----- actor network view -----
  var net = null, nodesDS = null, edgesDS = null, shownA = new Set(), shownE = new Set();
  var labelBoxes = [], widthCache = new Map();
  var LABEL_FONT = "12px system-ui, sans-serif", LABEL_MIN_RADIUS = 6, LABEL_LINE = 15;
  function nodeSize(i) { return Math.min(7 + 3 * Math.sqrt(weightOf[i]), 40); }
  var bySize = A.map(function (a, i) { return i; }).sort(function (x, y) {
    return nodeSize(y) - nodeSize(x) || x - y; });
  function tooltip(i) {
    var a = A[i], lines = [a.label, a.type + " \u00b7 " + a.mentions + " mention(s) \u00b7 " +
      edgesOf[i].length + " link(s)"];
    if (a.roles) { lines.push("Roles: " + a.roles.join(", ")); }
    return lines.join("\n");
  }
  function visNode(i) {
    var a = A[i];
    return { id: i, title: tooltip(i), shape: shapeOf[a.type] || "dot", size: nodeSize(i),
             color: { background: a.color, border: "#555",
                      highlight: { background: a.color, border: "#111" } },
             x: a.x, y: a.y };
  }
  var pairCount = new Map();
  E.forEach(function (e, k) {
    var key = Math.min(e[0], e[1]) + ":" + Math.max(e[0], e[1]);
    var n = pairCount.get(key) || 0;
    pairCount.set(key, n + 1);
    e.push(n);  // e[4]: rank among the edges of the same pair (curves them apart)
  });
  function visEdge(k) {
    var e = E[k], r = relOf[e[2]], w = edgeItems(k).length;
    var edge = { id: k, from: e[0], to: e[1], color: { color: r.color, highlight: r.color,
                 hover: r.color, opacity: 0.85 },
                 width: Math.min(1 + 1.8 * Math.log2(1 + w), 12),
                 title: edgeTitle(k) + "\n" + w + " supporting fact(s)",
                 arrows: { to: { enabled: r.directed, scaleFactor: 0.5 } } };
    edge.smooth = e[4] ? { enabled: true, type: e[4] % 2 ? "curvedCW" : "curvedCCW",
                           roundness: 0.15 * Math.ceil(e[4] / 2) } : { enabled: false };
    edge.kgWeight = w;
    return edge;
  }
  function computeActors() {
    var ks = new Set(), want = new Set();
    E.forEach(function (e, k) {
      if (edgePasses(k)) { ks.add(k); want.add(e[0]); want.add(e[1]); }
    });
    if (state.unlinked) {
      A.forEach(function (a, i) { if (actorPasses(i)) { want.add(i); } });
    }
    state.pinned.forEach(function (i) { want.add(i); });
    return { nodes: want, edges: ks };
  }
  function updateActors() {
    if (!net) { return; }
    var c = computeActors(), rmN = [], addN = [], rmE = [], upE = [];
    shownA.forEach(function (i) { if (!c.nodes.has(i)) { rmN.push(i); } });
    c.nodes.forEach(function (i) { if (!shownA.has(i)) { addN.push(visNode(i)); } });
    shownE.forEach(function (k) { if (!c.edges.has(k)) { rmE.push(k); } });
    c.edges.forEach(function (k) { upE.push(visEdge(k)); });
    shownA = c.nodes;
    shownE = c.edges;
    edgesDS.remove(rmE);
    nodesDS.remove(rmN);
    nodesDS.add(addN);
    edgesDS.update(upE);
  }
  function labelWidth(ctx, text) {
    var w = widthCache.get(text);
    if (w === undefined) { w = ctx.measureText(text).width; widthCache.set(text, w); }
    return w;
  }
  function Grid() { this.cells = new Map(); }  // boxes bucketed by 64 px cells
  Grid.prototype.keys = function (b) {
    var out = [];
    for (var gx = Math.floor(b.x / 64); gx <= Math.floor((b.x + b.w) / 64); gx++) {
      for (var gy = Math.floor(b.y / 64); gy <= Math.floor((b.y + b.h) / 64); gy++) {
        out.push(gx + ":" + gy);
      }
    }
    return out;
  };
  Grid.prototype.add = function (b) {
    var cells = this.cells;
    this.keys(b).forEach(function (k) {
      if (!cells.has(k)) { cells.set(k, []); }
      cells.get(k).push(b);
    });
  };
  Grid.prototype.hits = function (b, except) {
    var keys = this.keys(b);
    for (var n = 0; n < keys.length; n++) {
      var list = this.cells.get(keys[n]) || [];
      for (var j = 0; j < list.length; j++) {
        var o = list[j];
        if (o.owner !== except && b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h &&
            o.y < b.y + b.h) { return true; }
      }
    }
    return false;
  };
  function drawLabels(ctx) {  // labels for nodes big enough to read, over no other label or node
    var scale = net.getScale(), labels = new Grid(), glyphs = new Grid(), out = [], placed = [];
    var container = document.getElementById("kg-view-actors");
    var width = container.clientWidth, height = container.clientHeight;
    var ratio = (net.canvas && net.canvas.pixelRatio) || window.devicePixelRatio || 1;
    var ids = Array.from(shownA).filter(function (i) { return net.body.nodes[i]; });
    var pos = net.getPositions(ids);
    ids.forEach(function (i) {
      var p = net.canvasToDOM(pos[i]), r = nodeSize(i) * scale;
      placed[i] = p;
      glyphs.add({ x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r, owner: i });
    });
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = LABEL_FONT;
    ctx.textBaseline = "top";
    ctx.textAlign = "left";
    ctx.lineJoin = "round";
    for (var n = 0; n < bySize.length; n++) {
      var i = bySize[n], p = placed[i];
      if (!p) { continue; }
      var r = nodeSize(i) * scale;
      if (r < LABEL_MIN_RADIUS && !state.pinned.has(i)) { continue; }
      var text = short(A[i].label, 30), w = labelWidth(ctx, text) + 4, b = null;
      var spots = [[p.x - w / 2, p.y + r + 2], [p.x - w / 2, p.y - r - 2 - LABEL_LINE],
                   [p.x + r + 3, p.y - LABEL_LINE / 2], [p.x - r - 3 - w, p.y - LABEL_LINE / 2]];
      for (var t = 0; t < spots.length && !b; t++) {  // below, above, right, left
        var c = { x: spots[t][0], y: spots[t][1], w: w, h: LABEL_LINE, owner: i };
        if (c.x >= 0 && c.y >= 0 && c.x + c.w <= width && c.y + c.h <= height &&
            !labels.hits(c, -1) && !glyphs.hits(c, i)) { b = c; }
      }
      if (!b) { continue; }
      labels.add(b);
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(text, b.x + 2, b.y + 1);
      ctx.fillStyle = "#222";
      ctx.fillText(text, b.x + 2, b.y + 1);
      out.push({ id: A[i].id, text: text, x: b.x, y: b.y, w: b.w, h: b.h });
    }
    ctx.restore();
    labelBoxes = out;
  }
  function mountActors(sec) {
    var c = computeActors();
    shownA = c.nodes; shownE = c.edges;
    nodesDS = new vis.DataSet(Array.from(shownA, visNode));
    edgesDS = new vis.DataSet(Array.from(shownE, visEdge));
    net = new vis.Network(sec, { nodes: nodesDS, edges: edgesDS }, {
      autoResize: true, physics: { enabled: false }, layout: { improvedLayout: false },
      interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: E.length > 3000 },
      nodes: { borderWidth: 1, font: { size: 0 } },
      edges: { selectionWidth: 2, hoverWidth: 1 }
    });
    net.fit({ animation: false, maxZoomLevel: 1.8 });  // small networks are drawn larger
    net.on("afterDrawing", drawLabels);
    net.on("click", function (params) {
      if (params.nodes.length) { showActor(params.nodes[0]); setHash(A[params.nodes[0]].id); }
      else if (params.edges.length) { showEdge(params.edges[0]); }
    });
    net.once("afterDrawing", markReady);
    kg.network = net; kg.nodes = nodesDS; kg.edges = edgesDS;
  }
  function actorsView() {
    var nodes = [], edges = [];
    shownA.forEach(function (i) {
      nodes.push({ id: A[i].id, type: A[i].type, label: A[i].label });
    });
    shownE.forEach(function (k) {
      var e = E[k];
      edges.push({ from: A[e[0]].id, to: A[e[1]].id, relation: e[2],
                   weight: edgeItems(k).length });
    });
    return { nodes: nodes, edges: edges };
  }
  function focusActor(ref) {
    var i = typeof ref === "number" ? ref : byId.get(ref);
    if (i === undefined || !A[i]) { return false; }
    state.pinned.add(i);
    show("actors");
    apply();
    net.selectNodes([i]);
    net.focus(i, { scale: Math.max(net.getScale(), 1.0), animation: false });
    showActor(i);
    setHash(A[i].id);
    return true;
  }
  function setHash(id) {
    try { history.replaceState(null, "", "#node=" + encodeURIComponent(id)); }
    catch (err) { /* file:// pages may refuse; the hash is a convenience */ }
  }

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
