/* kg map view: places and countries on Natural Earth outlines (Leaflet, no tiles).
 *
 * Reads the JSON data islands #kg-map-world and #kg-map-world-detail (world-atlas TopoJSON;
 * the detailed one only when the map is zoomed in). Every piece of article text reaches the
 * DOM through textContent or DOM properties; no innerHTML, and Leaflet tooltips get DOM
 * nodes, never strings.
 *
 * kgMapMount(container, opts) -> api {view, setRange, refresh, reveal, open, fit, map, ...}
 *   opts.data: the map data (markers, events, actors; kg/viz/map.py map_payload)
 *   opts.panel: where a marker's events and actors go (default: a panel beside the map)
 *   opts.passes(marker): a further filter (the corpus page's type and mention filters)
 *   opts.eventNode(k), opts.actorNode(k, roles): DOM nodes for the panel's lists (default:
 *     the map's own)
 *   opts.followInputs: follow #kg-date-from / #kg-date-to and the kg:daterange event
 * kgMapPage()          the stand-alone page (window.kg = {view, map}); data in #kg-map-data
 * kgMapRegister(kg)    the Map tab of the corpus page (kg/viz/corpus_js.py registerView);
 *                      data in #kg-data-map, the page's date range and filters drive it and
 *                      a marker's events and actors go to the page's side panel
 */
(function () {
  "use strict";

  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) { x.textContent = String(text); }
    if (cls) { x.className = cls; }
    return x;
  }
  function readIsland(id) { return JSON.parse(document.getElementById(id).textContent); }
  function lo(d) { return d.length === 4 ? d + "-01-01" : d.length === 7 ? d + "-01" : d; }
  function hi(d) { return d.length === 4 ? d + "-12-31" : d.length === 7 ? d + "-31" : d; }
  // A ring of world-atlas that crosses the antimeridian (Russia, Fiji) jumps from 180 to -180;
  // drawn as is it would streak across the map, so its longitudes are made continuous.
  function unwrapRing(ring) {
    for (var i = 1; i < ring.length; i++) {
      while (ring[i][0] - ring[i - 1][0] > 180) { ring[i][0] -= 360; }
      while (ring[i - 1][0] - ring[i][0] > 180) { ring[i][0] += 360; }
    }
  }
  function unwrapFeatures(fc) {
    fc.features.forEach(function (f) {
      var g = f.geometry;
      if (!g) { return; }
      var polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ?
        g.coordinates : [];
      polys.forEach(function (poly) { poly.forEach(unwrapRing); });
    });
    return fc;
  }
  var DETAIL_ZOOM = 4;
  function outlines(id) {
    var world = readIsland(id);
    return L.geoJSON(unwrapFeatures(topojson.feature(world, world.objects.countries)), {
      interactive: false,
      style: { color: "#9aa3ab", weight: 0.6, fillColor: "#eef0ea", fillOpacity: 1 }
    });
  }
  var LABELLED = 25;  // markers come most mentioned first
  function markerSize(m) { return Math.round(Math.min(12 + 5 * Math.sqrt(m.mentions || 0), 44)); }

  function mount(container, opts) {
    opts = opts || {};
    var DATA = opts.data, M = DATA.markers, EV = DATA.events, AC = DATA.actors;
    var range = { from: "", to: "" }, current = null;
    var passes = opts.passes || function () { return true; };
    container.classList.add("kg-map-wrap");
    var canvas = el("div", null, "kg-map-canvas");
    var panel = opts.panel || el("aside", null, "kg-map-panel");
    container.appendChild(canvas);
    if (!M.length) {
      canvas.appendChild(el("p", "No place or country in this graph has a known location.",
                            "kg-map-empty"));
    }
    if (!opts.panel) {
      panel.appendChild(el("p", "Click a marker to see the events there and the actors involved.",
                           "kg-hint"));
      container.appendChild(panel);
    }

    var map = L.map(canvas, { preferCanvas: true, worldCopyJump: false, minZoom: 1, maxZoom: 12,
                              zoomSnap: 0.5, attributionControl: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Leaflet \u00b7 Natural Earth \u00b7 GeoNames");

    function inRange(d) {
      return (!range.from || hi(d) >= range.from) && (!range.to || lo(d) <= range.to);
    }
    function eventsShown(m) {
      return m.events ? m.events.filter(function (k) {
        var d = EV[k].date;
        return !(range.from || range.to) || (d && inRange(d));
      }) : [];
    }
    function visible(m) {
      if (!passes(m)) { return false; }
      if (!range.from && !range.to) { return true; }
      var dated = (m.events || []).some(function (k) { return !!EV[k].date; });
      return !dated || eventsShown(m).length > 0;  // like the graph: undated stays
    }

    // markers are added in one synchronous batch, so "ready" means every marker is placed
    var cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false,
                                         chunkedLoading: false });
    var markers = M.map(function (m, i) {
      var size = markerSize(m);
      var icon = L.divIcon({ className: "kg-marker kg-marker-" + m.type, html: "",
                             iconSize: [size, size] });
      var marker = L.marker([m.lat, m.lon], { icon: icon, title: m.label, alt: m.label,
                                              keyboard: true, riseOnHover: true });
      marker.kgIndex = i;
      marker.on("add", function () {
        var node = marker.getElement();
        if (node) { node.setAttribute("data-kg-marker", String(i)); }
      });
      marker.on("click", function () { open(i); });
      if (i < LABELLED) {  // the most mentioned carry their name; the rest show it on hover
        marker.bindTooltip(el("span", m.label), { permanent: true, direction: "right",
          offset: [size / 2, 0], className: "kg-map-label" });
      }
      return marker;
    });
    var shown = new Set();
    function apply() {
      var add = [], remove = [];
      markers.forEach(function (mk, i) {
        var want = visible(M[i]);
        if (want && !shown.has(i)) { add.push(mk); shown.add(i); }
        else if (!want && shown.has(i)) { remove.push(mk); shown.delete(i); }
      });
      if (remove.length) { cluster.removeLayers(remove); }
      if (add.length) { cluster.addLayers(add); }
      var status = document.getElementById("kg-status");
      if (status && container.dataset.ownStatus === "1") {
        status.textContent = "Showing " + shown.size + " of " + M.length + " places and countries";
      }
      container.setAttribute("data-markers", String(shown.size));
      if (current !== null && panel.getAttribute("data-kind") === "place" &&
          panel.getAttribute("data-id") === M[current].id) { open(current); }
    }

    function actorLine(pair) {
      var a = AC[pair[0]], d = el("div", null, "kg-map-actor");
      d.appendChild(el("span", a.label, "kg-map-actor-name"));
      d.appendChild(el("span", " \u00b7 " + a.type + " \u00b7 " + pair[1], "kg-meta"));
      return d;
    }
    function eventItem(k) {
      var e = EV[k], item = el("div", null, "kg-item kg-map-event");
      item.setAttribute("data-event", e.id);
      item.appendChild(el("div", e.label, "kg-map-event-label"));
      var meta = [e.date || "undated", e.type || "event"];
      if (e.places && e.places.length > 1) {
        meta.push("in " + e.places.map(function (p) { return M[p].label; }).join(", "));
      }
      item.appendChild(el("div", meta.join(" \u00b7 "), "kg-meta"));
      if (e.sentence) { item.appendChild(el("div", e.sentence, "kg-source")); }
      if (e.title) { item.appendChild(el("div", "Article: " + e.title, "kg-source")); }
      return item;
    }
    function open(i) {
      var m = M[i];
      if (!m) { return false; }
      current = i;
      var here = eventsShown(m), involved = new Map();
      here.forEach(function (k) {
        (EV[k].actors || []).forEach(function (pair) {
          var roles = involved.get(pair[0]) || new Set();
          roles.add(pair[1]);
          involved.set(pair[0], roles);
        });
      });
      panel.replaceChildren();
      panel.setAttribute("data-kind", "place");
      panel.setAttribute("data-id", m.id);
      panel.setAttribute("data-marker", m.id);
      panel.appendChild(el("h2", m.label));
      var meta = [m.type, m.mentions + " mention(s)"];
      if (m.country) { meta.push(m.country); }
      meta.push(m.lat.toFixed(3) + ", " + m.lon.toFixed(3));
      panel.appendChild(el("div", meta.join(" \u00b7 "), "kg-meta"));
      [m.geonames, m.wikidata].forEach(function (iri) {
        if (!iri || !/^https?:\/\//.test(iri)) { return; }
        var a = el("a", iri, "kg-map-link");
        a.href = iri; a.target = "_blank"; a.rel = "noopener noreferrer";
        panel.appendChild(a);
      });
      panel.appendChild(el("h3", "Events here (" + here.length + ")"));
      var list = el("div", null, "kg-map-events");
      if (!here.length) { list.appendChild(el("p", "No events located here" +
        (range.from || range.to ? " in this date range." : "."), "kg-hint")); }
      here.slice(0, 300).forEach(function (k) {
        var node = opts.eventNode ? opts.eventNode(k) : eventItem(k);
        node.classList.add("kg-map-event");
        node.setAttribute("data-event", EV[k].id);
        list.appendChild(node);
      });
      if (here.length > 300) {
        list.appendChild(el("div", "\u2026 " + (here.length - 300) + " more", "kg-meta"));
      }
      panel.appendChild(list);
      panel.appendChild(el("h3", "Actors involved (" + involved.size + ")"));
      var actors = el("div", null, "kg-map-actors");
      Array.from(involved.keys()).sort(function (a, b) {
        return AC[a].label.localeCompare(AC[b].label);
      }).forEach(function (k) {
        var roles = Array.from(involved.get(k)).join(", ");
        var node = opts.actorNode ? opts.actorNode(k, roles) : actorLine([k, roles]);
        node.classList.add("kg-map-actor");
        actors.appendChild(node);
      });
      panel.appendChild(actors);
      return true;
    }
    function indexOf(ref) {
      if (typeof ref === "number") { return ref; }
      for (var i = 0; i < M.length; i++) {
        if (M[i].id === ref || M[i].label === ref) { return i; }
      }
      return -1;
    }
    function reveal(ref, done) {
      var i = indexOf(ref);
      if (i < 0 || !shown.has(i)) { if (done) { done(false); } return false; }
      cluster.zoomToShowLayer(markers[i], function () { if (done) { done(true); } });
      return true;
    }
    function view() {
      var nodes = [];
      shown.forEach(function (i) {
        var m = M[i];
        nodes.push({ id: m.id, type: m.type, label: m.label, lat: m.lat, lon: m.lon });
      });
      nodes.sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; });
      return { view: "map", nodes: nodes, edges: [] };
    }
    function setRange(from, to) {
      range.from = from || ""; range.to = to || "";
      apply();
    }
    function shownIndexes() { return Array.from(shown).sort(function (a, b) { return a - b; }); }
    function fitTo(markerList) {
      var pts = markerList.map(function (m) { return [m.lat, m.lon]; });
      if (pts.length) { map.fitBounds(L.latLngBounds(pts).pad(0.2), { maxZoom: 5 }); }
      else { map.setView([20, 0], 1.5); }
    }
    function fit() { fitTo(Array.from(shown, function (i) { return M[i]; })); }
    if (opts.followInputs) {
      ["kg-date-from", "kg-date-to"].forEach(function (id) {
        var input = document.getElementById(id);
        if (input) {
          input.addEventListener("change", function () {
            setRange(document.getElementById("kg-date-from").value,
                     document.getElementById("kg-date-to").value);
          });
        }
      });
      document.addEventListener("kg:daterange", function (ev) {
        setRange(ev.detail && ev.detail.from, ev.detail && ev.detail.to);
      });
      var from0 = document.getElementById("kg-date-from");
      var to0 = document.getElementById("kg-date-to");
      range.from = (from0 && from0.value) || ""; range.to = (to0 && to0.value) || "";
    }
    if (opts.range) { range.from = opts.range.from || ""; range.to = opts.range.to || ""; }
    // the view first, then the layers: each is drawn once, at its final zoom
    fitTo(M.filter(visible));
    var coarse = outlines("kg-map-world"), detailed = null;
    function pickOutlines() {  // 1:110m outlines draw fast; 1:50m ones are built when needed
      var fine = map.getZoom() >= DETAIL_ZOOM;
      if (fine && !detailed) { detailed = outlines("kg-map-world-detail"); }
      var want = fine ? detailed : coarse, other = fine ? coarse : detailed;
      if (other && map.hasLayer(other)) { map.removeLayer(other); }
      if (!map.hasLayer(want)) { want.addTo(map); }
    }
    pickOutlines();
    map.on("zoomend", pickOutlines);
    map.addLayer(cluster);
    apply();
    function outlineScale() { return detailed && map.hasLayer(detailed) ? "50m" : "110m"; }
    return { view: view, setRange: setRange, refresh: apply, reveal: reveal, open: open,
             fit: fit, map: map, outlineScale: outlineScale, shown: shownIndexes,
             markerCount: function () { return shown.size; }, data: DATA };
  }

  function markReady() {
    window.kgReadyAt = performance.now();
    window.kgReady = true;
    document.body.setAttribute("data-ready", "1");
  }

  window.kgMapMount = mount;

  window.kgMapPage = function () {
    var container = document.getElementById("kg-map");
    container.dataset.ownStatus = "1";
    var api = mount(container, { data: readIsland("kg-map-data"), followInputs: true });
    window.kg = { view: api.view, map: api };
    var reset = document.getElementById("kg-reset");
    if (reset) {
      reset.addEventListener("click", function () {
        document.getElementById("kg-date-from").value = "";
        document.getElementById("kg-date-to").value = "";
        api.setRange("", "");
        api.fit();
      });
    }
    requestAnimationFrame(function () { requestAnimationFrame(markReady); });
  };

  window.kgMapRegister = function (kg) {
    var DATA = readIsland("kg-data-map"), api = null, itemOf = new Map();
    kg.data.items.forEach(function (it, k) { itemOf.set(it.id, k); });
    var listed = new Set(kg.data.types.map(function (t) { return t.type; }));
    function passes(m) {  // the page's type and mention filters (types it lists)
      return (!listed.has(m.type) || kg.state.types.has(m.type)) &&
        (m.mentions || 0) >= kg.state.minMentions;
    }
    function eventNode(k) {  // the page's own rendering of the event (title, link, source)
      var e = DATA.events[k], j = itemOf.get(e.id);
      if (j !== undefined) { return kg.itemBlock(j); }
      var box = kg.el("div", null, "kg-item");
      box.appendChild(kg.el("div", e.label, "kg-map-event-label"));
      box.appendChild(kg.el("div", (e.date || "undated") + " \u00b7 " + (e.type || "event"),
                            "kg-meta"));
      return box;
    }
    function actorNode(k, roles) {  // a link to the actor's panel when the network has it
      var a = DATA.actors[k], i = kg.actorIndex.get(a.id), row = kg.el("div");
      var name = i === undefined ? kg.el("span", a.label, "kg-map-actor-name") :
        kg.el("button", a.label, "kg-link kg-map-actor-name");
      if (i !== undefined) {
        name.type = "button";
        name.addEventListener("click", function () { kg.showActor(i); });
      }
      row.appendChild(name);
      row.appendChild(kg.el("span", a.type + " \u00b7 " + roles, "kg-meta"));
      return row;
    }
    function mountMap(section) {  // the page shows and hides the section; the map fills it
      var box = kg.el("div", null, "kg-map-host");
      section.appendChild(box);
      api = mount(box, { data: DATA, panel: document.getElementById("kg-panel-body"),
                             passes: passes, eventNode: eventNode, actorNode: actorNode,
                             range: { from: kg.state.from, to: kg.state.to } });
      kg.map = api;
    }
    kg.registerView({
      name: "map", label: "Map", mount: mountMap,
      update: function () { if (api) { api.setRange(kg.state.from, kg.state.to); } },
      view: function () {
        var v = api ? api.view() : { nodes: [], edges: [] };
        return { nodes: v.nodes, edges: v.edges };
      },
      shown: function () { if (api) { api.map.invalidateSize(); } }
    });
  };
})();
