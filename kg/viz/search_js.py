"""The actor search box of the graph and corpus pages (``#kg-search`` and its suggestion list
``#kg-suggest``): names and aliases that start with the typed text come first, then those
that contain it, twelve at most; a click on a suggestion or Enter focuses the item. Names are
set as text, never as markup.
"""

SEARCH_JS = r"""
window.kgSearchBox = function (items, focus) {
  "use strict";
  var search = document.getElementById("kg-search");
  var suggest = document.getElementById("kg-suggest");
  function matches(q) {
    q = q.trim().toLowerCase();
    if (!q) { return []; }
    var starts = [], contains = [];
    for (var i = 0; i < items.length && starts.length < 12; i++) {
      var names = [items[i].label].concat(items[i].aliases || []), hit = 0;
      for (var j = 0; j < names.length; j++) {
        var t = names[j].toLowerCase();
        if (t.indexOf(q) === 0) { hit = 2; break; }
        if (t.indexOf(q) > 0) { hit = 1; }
      }
      if (hit === 2) { starts.push(i); } else if (hit === 1 && contains.length < 12) {
        contains.push(i);
      }
    }
    return starts.concat(contains).slice(0, 12);
  }
  search.addEventListener("input", function () {
    suggest.replaceChildren();
    matches(search.value).forEach(function (i) {
      var b = document.createElement("button");
      b.textContent = items[i].label + " (" + items[i].type + ")";
      b.type = "button";
      b.addEventListener("click", function () { focus(i); suggest.replaceChildren(); });
      suggest.appendChild(b);
    });
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") { return; }
    var m = matches(search.value);
    if (m.length) { focus(m[0]); suggest.replaceChildren(); }
  });
  return matches;
};
"""
