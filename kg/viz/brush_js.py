"""The date-range brush of the corpus page: a histogram of dated events and statements under
the views; dragging over it sets the page's date range (``kg.setRange``), which every view
follows; a click clears it. A few far-off dates sit in the end bins, so most items spread
over the bar.
"""

BRUSH_CSS = r"""
#kg-brush { flex: none; height: 64px; border-top: 1px solid #ddd; background: #fbfbfa;
  position: relative; cursor: crosshair; user-select: none; }
#kg-brush canvas { width: 100%; height: 48px; display: block; }
#kg-brush-label { font-size: 11px; color: #555; padding: 0 8px; }
"""

BRUSH_JS = r"""
(function () {
  "use strict";
  var kg = window.kg, I = kg.data.items, state = kg.state;
  var lo = kg.lo, hi = kg.hi, ranged = kg.ranged;
  function dayNum(iso) { return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1,
                                         +iso.slice(8, 10)) / 864e5; }
  function isoOf(day) { return new Date(Math.round(day) * 864e5).toISOString().slice(0, 10); }
  var setRange = kg.setRange;
  var brush = document.getElementById("kg-brush");
  var canvas = document.getElementById("kg-brush-canvas");
  var brushLabel = document.getElementById("kg-brush-label");
  var domain = brushDomain();
  function brushDomain() {  // the dates of most items: a few far-off ones sit in the end bins
    var days = [];
    I.forEach(function (it) {
      if (it.date && it.kind !== "role") { days.push(dayNum(lo(it.date))); }
    });
    if (!days.length) { return null; }
    days.sort(function (x, y) { return x - y; });
    var cut = Math.floor(days.length * 0.03);
    var first = days[cut], last = days[days.length - 1 - cut];
    var pad = Math.max(1, Math.round((last - first) * 0.03));
    return [first - pad, last + pad + 1];
  }
  var drag = null;
  function xToDay(x) {
    var w = canvas.clientWidth || 1;
    return domain[0] + Math.max(0, Math.min(1, x / w)) * (domain[1] - domain[0]);
  }
  function dayToX(d) { return (d - domain[0]) / (domain[1] - domain[0]) * canvas.clientWidth; }
  function drawBrush() {
    if (!domain) { brush.style.display = "none"; return; }
    var w = canvas.clientWidth, h = canvas.clientHeight, ratio = window.devicePixelRatio || 1;
    if (!w || !h) { return; }
    canvas.width = Math.round(w * ratio); canvas.height = Math.round(h * ratio);
    var ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    var bins = Math.max(1, Math.min(120, Math.round(domain[1] - domain[0])));
    var counts = new Array(bins).fill(0), span = domain[1] - domain[0];
    I.forEach(function (it) {
      if (!it.date || it.kind === "role") { return; }
      var d = dayNum(lo(it.date));
      var b = Math.min(bins - 1, Math.max(0, Math.floor((d - domain[0]) / span * bins)));
      counts[b]++;
    });
    var top = Math.max.apply(null, counts) || 1, bw = w / bins;
    ctx.fillStyle = "#9aa3ad";
    counts.forEach(function (c, b) {
      if (c) { var bh = Math.max(2, (h - 14) * c / top); ctx.fillRect(b * bw + 0.5, h - 12 - bh,
                                                                    Math.max(bw - 1, 1), bh); }
    });
    ctx.fillStyle = "#555";
    ctx.font = "10px system-ui, sans-serif";
    ctx.textBaseline = "bottom";
    ctx.fillText("\u2264 " + isoOf(domain[0]), 2, h);
    var end = isoOf(domain[1] - 1) + " \u2264";
    ctx.fillText(end, w - ctx.measureText(end).width - 2, h);
    var sel = drag ? [Math.min(drag.x0, drag.x1), Math.max(drag.x0, drag.x1)] :
      ranged() ? [state.from ? Math.max(0, dayToX(dayNum(state.from))) : 0,
                  state.to ? Math.min(w, dayToX(dayNum(state.to) + 1)) : w] : null;
    if (sel) {
      ctx.fillStyle = "rgba(26,85,160,0.18)";
      ctx.fillRect(sel[0], 0, sel[1] - sel[0], h - 12);
      ctx.strokeStyle = "#1a55a0";
      ctx.strokeRect(sel[0] + 0.5, 0.5, sel[1] - sel[0] - 1, h - 13);
    }
    brushLabel.textContent = ranged() ? "Dates: " + (state.from || "\u2026") + " to " +
      (state.to || "\u2026") + " (click the bar to clear)" :
      "All dates \u2014 drag over the bar to choose a range";
  }
  function brushX(ev) { return ev.clientX - canvas.getBoundingClientRect().left; }
  canvas.addEventListener("mousedown", function (ev) {
    if (!domain) { return; }
    drag = { x0: brushX(ev), x1: brushX(ev) };
    ev.preventDefault();
  });
  window.addEventListener("mousemove", function (ev) {
    if (drag) { drag.x1 = brushX(ev); drawBrush(); }
  });
  window.addEventListener("mouseup", function () {
    if (!drag) { return; }
    var d = drag;
    drag = null;
    if (Math.abs(d.x1 - d.x0) < 4) { setRange("", ""); return; }
    var left = Math.min(d.x0, d.x1), right = Math.max(d.x0, d.x1), w = canvas.clientWidth;
    var a = xToDay(left), b = xToDay(right);  // a bar end leaves that side of the range open
    setRange(left <= 2 ? "" : isoOf(Math.floor(a)),
             right >= w - 2 ? "" : isoOf(Math.max(Math.floor(a), Math.ceil(b) - 1)));
  });
  window.addEventListener("resize", drawBrush);

  kg.onApply(drawBrush);
})();
"""
