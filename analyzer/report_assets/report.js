"use strict";
// Sortable tables and highlight toggles. No network, no external code.
(function () {
  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    var raw = cell.getAttribute("data-sort");
    return raw === null ? cell.textContent.trim() : raw;
  }
  function asNumber(s) {
    s = s.trim();
    return s === "" ? NaN : Number(s);
  }
  function compare(a, b) {
    var x = asNumber(a), y = asNumber(b);
    if (!isNaN(x) && !isNaN(y)) { return x - y; }
    return a.localeCompare(b, undefined, {numeric: true, sensitivity: "base"});
  }
  function sortTable(table, index, th) {
    var body = table.tBodies[0];
    var descending = th.getAttribute("aria-sort") === "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      // An empty cell (a source not judged: no trust) goes last either way, not first when ascending.
      var a = cellValue(r1, index), b = cellValue(r2, index);
      var emptyA = a.trim() === "", emptyB = b.trim() === "";
      if (emptyA || emptyB) { return emptyA === emptyB ? 0 : (emptyA ? 1 : -1); }
      var c = compare(a, b);
      return descending ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = th.querySelector("button");
      if (button) { button.addEventListener("click", function () { sortTable(table, index, th); }); }
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("input[data-toggle-signal]"), function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-toggle-signal"), !box.checked);
    });
  });
  document.body.setAttribute("data-ready", "1");
})();
