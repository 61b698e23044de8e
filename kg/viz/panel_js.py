"""The side panel of the corpus page (part of :data:`kg.viz.corpus_js.CORPUS_JS`, sharing its
scope): an actor's facts, an edge's reports and an item with its source sentence, article
title and link, all set with ``textContent`` (links only for http(s) URLs).
"""

PANEL_JS = r"""
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
"""
