"""The actor network view of the corpus page (part of :data:`kg.viz.corpus_js.CORPUS_JS`,
sharing its scope): vis-network over the actors the filters keep, with canvas labels placed
where they overlap no other label or node, and focusing an actor from the search box or the
URL hash.
"""

ACTORS_VIEW_JS = r"""
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
"""
