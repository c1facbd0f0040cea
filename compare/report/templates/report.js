/* Filters of the HTML report: status checkboxes, chapter select and a search box hide rows
   (row.hidden); print CSS shows every row again. In a large report rows are folded by chapter
   (<details class="group">): following a link to a folded row opens its group, a search opens
   the groups that hold matches, printing opens them all. No network, no globals. */
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-status]"));
  var chapter = document.getElementById("chapter");
  var search = document.getElementById("q");
  var shown = document.getElementById("shown");
  var rows = Array.prototype.slice.call(document.querySelectorAll(".row"));
  var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.cmp"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("details.group"));

  function wanted(row, i, on, ch, words) {
    if (on[row.dataset.status] === false) return false;   // unknown statuses stay visible
    if (ch && row.dataset.chapterA !== ch && row.dataset.chapterB !== ch) return false;
    return words.every(function (w) { return texts[i].indexOf(w) >= 0; });
  }

  function apply() {
    var on = {};
    boxes.forEach(function (b) { on[b.dataset.status] = b.checked; });
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row, i) {
      var ok = wanted(row, i, on, chapter.value, words);
      row.hidden = !ok;
      if (ok) count += 1;
    });
    sections.forEach(function (s) {
      s.querySelector(".none").hidden = !!s.querySelector(".row:not([hidden])");
    });
    if (words.length || chapter.value) {
      groups.forEach(function (g) {
        if (g.querySelector(".row:not([hidden])")) g.open = true;
      });
    }
    shown.textContent = "显示 " + count + " / " + rows.length;
  }

  function reset() {
    boxes.forEach(function (b) { b.checked = true; });
    chapter.value = "";
    search.value = "";
    apply();
  }

  /* Following a link to a measure that the filters hide clears the filters first; one in a
     folded group opens the group. */
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var row = target.closest(".row");
    var group = target.closest("details.group");
    var move = false;
    if (group && !group.open) {
      group.open = true;
      move = true;
    }
    if (row && row.hidden) {
      reset();
      move = true;
    }
    if (move) target.scrollIntoView();
  }

  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  chapter.addEventListener("change", apply);
  search.addEventListener("input", apply);
  window.addEventListener("hashchange", reveal);
  window.addEventListener("beforeprint", function () {
    groups.forEach(function (g) { g.open = true; });
  });
  apply();
  reveal();
})();
