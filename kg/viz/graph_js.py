"""Stylesheet and script of the graph page (kept as Python strings so they ship with the code).

The script reads the JSON data island ``#kg-data`` with ``JSON.parse`` and builds every piece
of article text into the DOM with ``textContent``; vis-network shows string tooltips with
``innerText``. No ``innerHTML`` is used anywhere.
"""

#: Rules shared by the graph and corpus pages: the side panel and search suggestions.
PANEL_CSS = r"""
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
"""
#: Rules shared by the graph and corpus pages: items listed in the panel, and tooltips.
ITEM_CSS = r"""
.kg-count { color: #777; margin-left: auto; }
.kg-meta { color: #555; font-size: 12px; }
.kg-item { border-top: 1px solid #eee; padding: 4px 0; }
.kg-quote { font-style: italic; margin: 2px 0; white-space: pre-wrap; word-break: break-word; }
.kg-source { color: #444; font-size: 12px; white-space: pre-wrap; word-break: break-word; }
.kg-hint { color: #777; }
div.vis-tooltip { white-space: pre-wrap; max-width: 420px; font: 12px/1.35 system-ui, sans-serif;
  word-break: break-word; }
"""

GRAPH_CSS = r"""
html, body { margin: 0; height: 100%; font: 13px/1.4 system-ui, sans-serif; color: #222; }
#kg-app { display: flex; height: 100vh; }
#kg-side { width: 270px; flex: none; overflow-y: auto; padding: 10px; background: #f7f7f5;
  border-right: 1px solid #ddd; box-sizing: border-box; }
#kg-network { flex: 1; min-width: 0; position: relative; background: #fff; }
""" + PANEL_CSS + r"""
#kg-side label.kg-legend-row { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.kg-legend-row svg { flex: none; }
""" + ITEM_CSS

GRAPH_JS = r"""
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var N = DATA.nodes, E = DATA.edges;
  var styleOf = {};
  DATA.styles.forEach(function (s) { styleOf[s.type] = s; });
  var outE = N.map(function () { return []; }), inE = N.map(function () { return []; });
  E.forEach(function (e, k) { outE[e[0]].push(k); inE[e[1]].push(k); });
  var byId = new Map();
  N.forEach(function (n, i) { byId.set(n.id, i); });

  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) { x.textContent = String(text); }
    if (cls) { x.className = cls; }
    return x;
  }
  function short(s, k) { s = String(s); return s.length > k ? s.slice(0, k - 1) + "\u2026" : s; }
  function nodeSize(n) {
    if (n.kind !== "actor") { return 9; }
    return Math.min(10 + 4 * Math.sqrt(n.mentions || 0), 46);
  }
  function tooltip(n) {
    var lines = [n.label, n.type + " \u00b7 " + n.kind + " \u00b7 " + n.mentions + " mention(s)"];
    if (n.date) { lines.push("Date: " + n.date); }
    if (n.quote) { lines.push("\u201c" + short(n.quote, 280) + "\u201d"); }
    if (n.speaker) { lines.push("Speaker: " + n.speaker); }
    if (n.evidence && n.evidence.length && n.evidence[0].sentence) {
      lines.push("Source: " + short(n.evidence[0].sentence, 280));
    }
    return lines.join("\n");
  }
  function edgeText(e) {
    var t = DATA.edge_text[e[2]] || e[2];
    if (e[4]) { t += " (" + e[4] + ")"; }
    return t;
  }
  function visNode(i) {
    var n = N[i], s = styleOf[n.type] || { color: "#bab0ac", shape: "dot" };
    return { id: i, label: short(n.label, 40), title: tooltip(n), shape: s.shape,
             color: s.color, size: nodeSize(n), x: n.x, y: n.y };
  }
  function visEdge(k) {
    var e = E[k], tip = [N[e[0]].label + " \u2192 " + edgeText(e) + " \u2192 " + N[e[1]].label];
    if (e[3]) { tip.push("Date: " + e[3]); }
    if (e[5]) { tip.push(short(e[5], 280)); }
    return { id: k, from: e[0], to: e[1], label: edgeText(e), title: tip.join("\n") };
  }

  var state = { types: new Set(DATA.styles.map(function (s) { return s.type; })),
                from: "", to: "", minMentions: 0, limit: DATA.max_nodes, pinned: new Set() };
  if (DATA.focus !== null && DATA.focus !== undefined) { state.pinned.add(DATA.focus); }

  function lo(d) { return d.length === 4 ? d + "-01-01" : d.length === 7 ? d + "-01" : d; }
  function hi(d) { return d.length === 4 ? d + "-12-31" : d.length === 7 ? d + "-31" : d; }
  function inRange(d) {
    return (!state.from || hi(d) >= state.from) && (!state.to || lo(d) <= state.to);
  }
  function neighbours(i) {
    var out = [];
    outE[i].forEach(function (k) { out.push(E[k][1]); });
    inE[i].forEach(function (k) { out.push(E[k][0]); });
    return out;
  }
  function passes(i) {
    var n = N[i];
    if (!state.types.has(n.type)) { return false; }
    if (n.kind === "actor" && (n.mentions || 0) < state.minMentions) { return false; }
    if (!state.from && !state.to) { return true; }
    if (n.date) { return inRange(n.date); }
    var nb = neighbours(i), dated = false;
    for (var j = 0; j < nb.length; j++) {
      var d = N[nb[j]].date;
      if (d) { dated = true; if (inRange(d)) { return true; } }
    }
    return !dated;
  }
  function computeVisible() {
    var want = new Set(), count = 0;
    for (var i = 0; i < N.length && count < state.limit; i++) {
      if (passes(i)) { want.add(i); count++; }
    }
    state.pinned.forEach(function (p) {
      want.add(p);
      neighbours(p).forEach(function (j) { if (passes(j)) { want.add(j); } });
    });
    return want;
  }
  function visibleEdges(want) {
    var ks = new Set();
    want.forEach(function (i) {
      outE[i].forEach(function (k) { if (want.has(E[k][1])) { ks.add(k); } });
    });
    return ks;
  }

  var shown = computeVisible(), shownE = visibleEdges(shown);
  var nodesDS = new vis.DataSet(Array.from(shown, visNode));
  var edgesDS = new vis.DataSet(Array.from(shownE, visEdge));
  var big = shownE.size > 3000 || shown.size > 1000;
  var container = document.getElementById("kg-network");
  var options = {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false },
    interaction: { hover: !big, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big },
    nodes: { font: { size: 12 }, borderWidth: 1 },
    edges: { smooth: false, width: 1, color: { color: "#b8b8b8", highlight: "#333", hover: "#555" },
             arrows: { to: { enabled: true, scaleFactor: 0.4 } },
             font: { size: 9, align: "middle", color: "#555", strokeWidth: 2 } }
  };
  var network = new vis.Network(container, { nodes: nodesDS, edges: edgesDS }, options);
  network.once("afterDrawing", function () {
    window.kgReadyAt = performance.now();
    window.kgReady = true;
    document.body.setAttribute("data-ready", "1");
  });

  function setStatus() {
    document.getElementById("kg-status").textContent =
      "Showing " + shown.size + " of " + N.length + " nodes, " + shownE.size + " of " +
      E.length + " edges";
  }
  function apply() {
    var want = computeVisible(), wantE = visibleEdges(want);
    var rmN = [], addN = [], rmE = [], addE = [];
    shown.forEach(function (i) { if (!want.has(i)) { rmN.push(i); } });
    want.forEach(function (i) { if (!shown.has(i)) { addN.push(visNode(i)); } });
    shownE.forEach(function (k) { if (!wantE.has(k)) { rmE.push(k); } });
    wantE.forEach(function (k) { if (!shownE.has(k)) { addE.push(visEdge(k)); } });
    edgesDS.remove(rmE);
    nodesDS.remove(rmN);
    nodesDS.add(addN);
    edgesDS.add(addE);
    shown = want;
    shownE = wantE;
    setStatus();
  }

  // ----- side panel -----
  var panel = document.getElementById("kg-panel-body");
  function link(i) {
    var b = el("button", N[i].label, "kg-link");
    b.type = "button";
    b.addEventListener("click", function () { focusNode(i); });
    return b;
  }
  function safeUrl(u) {
    try { return u && /^https?:$/.test(new URL(u).protocol) ? u : null; }
    catch (err) { return null; }
  }
  function sourceBlock(sentence, article, title, url) {
    var d = el("div", null, "kg-source");
    if (sentence) { d.appendChild(el("div", "Source: " + sentence)); }
    if (article || title) {
      var label = title || article, a, href = safeUrl(url) || safeUrl(article);
      if (href) {
        a = el("a", label);
        a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
      } else {
        a = el("span", "Article: " + label);
      }
      d.appendChild(a);
    }
    return d;
  }
  function section(title, items) {
    if (!items.length) { return; }
    panel.appendChild(el("h3", title + " (" + items.length + ")"));
    items.slice(0, 200).forEach(function (x) { panel.appendChild(x); });
    if (items.length > 200) { panel.appendChild(el("div", "\u2026 " + (items.length - 200) +
      " more", "kg-meta")); }
  }
  function placesOf(ev) {
    return outE[ev].filter(function (k) { return E[k][2] === "located_in"; })
      .map(function (k) { return N[E[k][1]].label; });
  }
  function firstEvidence(n) { return (n.evidence && n.evidence[0]) || {}; }
  function quoteItem(si, e, prefix) {
    var s = N[si], item = el("div", null, "kg-item"), ev = firstEvidence(s);
    if (prefix) { item.appendChild(prefix); }
    item.appendChild(el("div", "\u201c" + (s.quote || s.label) + "\u201d", "kg-quote"));
    var meta = [s.date || (e && e[3]) || "undated"];
    if (s.speaker) { meta.unshift(s.speaker); }
    if (s.statement_kind) { meta.push(s.statement_kind); }
    if (e && e[2] === "about" && e[4]) { meta.push(e[4]); }
    item.appendChild(el("div", meta.join(" \u00b7 "), "kg-meta"));
    item.appendChild(sourceBlock(ev.sentence || (e && e[5]), ev.article || (e && e[6]),
                                 ev.title || (e && e[7]), ev.url || (e && e[8])));
    var open = el("button", "show this statement", "kg-link");  // the quote is shown once
    open.type = "button";
    open.addEventListener("click", function () { focusNode(si); });
    item.appendChild(open);
    return item;
  }
  function eventItem(vi, e) {
    var v = N[vi], item = el("div", null, "kg-item"), places = placesOf(vi);
    item.appendChild(link(vi));
    var meta = [v.date || "undated", v.type];
    if (places.length) { meta.push("in " + places.join(", ")); }
    if (e && e[4]) { meta.push("as " + e[4]); }
    item.appendChild(el("div", meta.join(" \u00b7 "), "kg-meta"));
    return item;
  }
  function relationItem(j, text, e) {
    var item = el("div", null, "kg-item");
    item.appendChild(link(j));
    var meta = [text];
    if (e[3]) { meta.push(e[3]); }
    item.appendChild(el("div", meta.join(" \u00b7 "), "kg-meta"));
    if (e[5] || e[6]) { item.appendChild(sourceBlock(e[5], e[6], e[7], e[8])); }
    return item;
  }
  function edgesOf(list, label) { return list.filter(function (k) { return E[k][2] === label; }); }
  function showPanel(i) {
    var n = N[i];
    panel.replaceChildren();
    panel.setAttribute("data-node", n.id);
    panel.appendChild(el("h2", n.label));
    panel.appendChild(el("div", n.type + " \u00b7 " + n.kind + " \u00b7 " + n.mentions +
      " mention(s)", "kg-meta"));
    if (n.aliases) { panel.appendChild(el("div", "Also: " + n.aliases.join(", "), "kg-meta")); }
    if (n.roles) { panel.appendChild(el("div", "Roles: " + n.roles.join(", "), "kg-meta")); }
    if (n.country) { panel.appendChild(el("div", "Country: " + n.country, "kg-meta")); }
    if (n.date) {
      panel.appendChild(el("div", "Date: " + n.date + (n.precision ? " (" + n.precision + ")" : ""),
                           "kg-meta"));
    }
    if (n.kind === "statement") {
      panel.appendChild(el("div", "\u201c" + (n.quote || n.label) + "\u201d", "kg-quote"));
      section("Said by", edgesOf(inE[i], "said").map(function (k) {
        return relationItem(E[k][0], "speaker", E[k]); }));
      if (n.speaker && !edgesOf(inE[i], "said").length) {
        panel.appendChild(el("div", "Speaker: " + n.speaker, "kg-meta"));
      }
      section("About", edgesOf(outE[i], "about").map(function (k) {
        return relationItem(E[k][1], E[k][4] || "about", E[k]); }));
    } else if (n.kind === "event") {
      section("Participants", edgesOf(inE[i], "took_part_in").map(function (k) {
        return relationItem(E[k][0], E[k][4] || "participant", E[k]); }));
      section("Place", edgesOf(outE[i], "located_in").map(function (k) {
        return relationItem(E[k][1], "located in", E[k]); }));
    } else {
      section("Quotes", edgesOf(outE[i], "said").map(function (k) {
        return quoteItem(E[k][1], E[k], null); }));
      section("Said about", edgesOf(inE[i], "about").map(function (k) {
        return quoteItem(E[k][0], E[k], null); }));
      section("Events", edgesOf(outE[i], "took_part_in").map(function (k) {
        return eventItem(E[k][1], E[k]); }));
      section("Events here", edgesOf(inE[i], "located_in").map(function (k) {
        return eventItem(E[k][0], null); }));
      section("Roles", edgesOf(outE[i], "holds_role").map(function (k) {
        return relationItem(E[k][1], E[k][4] || "holds role", E[k]); }));
      section("Role holders", edgesOf(inE[i], "holds_role").map(function (k) {
        return relationItem(E[k][0], E[k][4] || "holds role", E[k]); }));
    }
    if (n.evidence && n.evidence.length) {
      section("Evidence", n.evidence.map(function (ev) {
        var item = el("div", null, "kg-item");
        item.appendChild(sourceBlock(ev.sentence, ev.article, ev.title, ev.url));
        return item;
      }));
    }
  }
  function showEdgePanel(k) {
    var e = E[k];
    panel.replaceChildren();
    panel.removeAttribute("data-node");
    panel.appendChild(el("h2", N[e[0]].label + " \u2192 " + edgeText(e) + " \u2192 " +
      N[e[1]].label));
    if (e[3]) { panel.appendChild(el("div", "Date: " + e[3], "kg-meta")); }
    panel.appendChild(sourceBlock(e[5], e[6], e[7], e[8]));
    panel.appendChild(link(e[0]));
    panel.appendChild(link(e[1]));
  }
  function setHash(i) {
    try { history.replaceState(null, "", "#node=" + encodeURIComponent(N[i].id)); }
    catch (err) { /* file:// pages may refuse; the hash is a convenience */ }
  }
  function focusNode(ref) {
    var i = typeof ref === "number" ? ref : byId.get(ref);
    if (i === undefined || !N[i]) { return false; }
    state.pinned.add(i);
    apply();
    network.selectNodes([i]);
    network.focus(i, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showPanel(i);
    setHash(i);
    return true;
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showPanel(params.nodes[0]); setHash(params.nodes[0]); }
    else if (params.edges.length) { showEdgePanel(params.edges[0]); }
  });

  // ----- search -----
  window.kgSearchBox(N, focusNode);  // kg.viz.search_js

  // ----- filters -----
  document.querySelectorAll("#kg-legend input[type=checkbox]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) { state.types.add(box.dataset.type); }
      else { state.types.delete(box.dataset.type); }
      apply();
    });
  });
  function bind(id, fn) {
    var input = document.getElementById(id);
    input.addEventListener("change", function () { fn(input.value); apply(); });
  }
  bind("kg-date-from", function (v) { state.from = v; });
  bind("kg-date-to", function (v) { state.to = v; });
  bind("kg-min-mentions", function (v) { state.minMentions = Math.max(0, Number(v) || 0); });
  bind("kg-limit", function (v) { state.limit = Math.max(1, Number(v) || DATA.max_nodes); });
  document.getElementById("kg-reset").addEventListener("click", function () {
    state.types = new Set(DATA.styles.map(function (s) { return s.type; }));
    state.from = ""; state.to = ""; state.minMentions = 0; state.limit = DATA.max_nodes;
    state.pinned = new Set();
    if (DATA.focus !== null && DATA.focus !== undefined) { state.pinned.add(DATA.focus); }
    document.querySelectorAll("#kg-legend input[type=checkbox]").forEach(function (b) {
      b.checked = true; });
    ["kg-date-from", "kg-date-to"].forEach(function (id) {
      document.getElementById(id).value = ""; });
    document.getElementById("kg-min-mentions").value = "0";
    document.getElementById("kg-limit").value = String(DATA.max_nodes);
    apply();
    network.fit({ animation: false });
  });

  function fromHash() {
    var m = /^#node=(.*)$/.exec(location.hash);
    if (m) { focusNode(decodeURIComponent(m[1])); }
  }
  window.addEventListener("hashchange", fromHash);
  function view() {  // what is drawn, in the shape every kg page shares
    return { view: "facts",
             nodes: Array.from(shown, function (i) {
               return { id: N[i].id, type: N[i].type, label: N[i].label }; }),
             edges: Array.from(shownE, function (k) {
               return { from: N[E[k][0]].id, to: N[E[k][1]].id, relation: E[k][2] }; }) };
  }
  window.kg = { network: network, nodes: nodesDS, edges: edgesDS, data: DATA, state: state,
                apply: apply, focusNode: focusNode, showPanel: showPanel, view: view };
  setStatus();
  if (location.hash) { fromHash(); }
  else if (DATA.focus !== null && DATA.focus !== undefined) {
    network.selectNodes([DATA.focus]);
    showPanel(DATA.focus);
  }
})();
"""
