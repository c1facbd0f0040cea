/* Filters of the HTML report: status checkboxes, chapter select and a search box hide rows
   (row.hidden); print CSS shows every row again. No network, no globals. */
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-status]"));
  var chapter = document.getElementById("chapter");
  var search = document.getElementById("q");
  var shown = document.getElementById("shown");
  var rows = Array.prototype.slice.call(document.querySelectorAll(".row"));
  var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.cmp"));

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
    shown.textContent = "显示 " + count + " / " + rows.length;
  }

  function reset() {
    boxes.forEach(function (b) { b.checked = true; });
    chapter.value = "";
    search.value = "";
    apply();
  }

  /* Following a link to a measure that the filters hide clears the filters first. */
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var row = target && target.closest(".row");
    if (row && row.hidden) {
      reset();
      target.scrollIntoView();
    }
  }

  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  chapter.addEventListener("change", apply);
  search.addEventListener("input", apply);
  window.addEventListener("hashchange", reveal);
  apply();
  reveal();
})();
