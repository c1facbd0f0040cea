/* Filters of the HTML report: a comparison select, status checkboxes, chapter select and a
   search box hide rows (row.hidden); a merge or split card hides with its last row, the section
   of a comparison not chosen with its rows; the header's numbers count, per status, the rows the
   comparison, chapter and search let through, and its legend names the comparison counted
   ("全部比较" when none is chosen). Search folds the query and each row's
   text (with its card's shared measure) by one rule, as matching folds text: NFKC, the page's
   data-fold character map (Traditional → Simplified, quotes; made by compare.clean.normalize),
   no spaces, lower case; every word of the query must occur; it scrolls to the first match.
   Rows are folded once, at the first search. In a large report rows are folded
   by chapter (<details class="group">): following a link to a folded or filtered-out row opens
   its group or clears the filters first; printing opens every group. The sticky header's height
   is kept in --top so a jump target lands below it. No network, no globals. */
(function () {
  "use strict";
  var root = document.documentElement;
  var bar = document.querySelector(".topbar");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-status]"));
  var chapter = document.getElementById("chapter");
  var comparison = document.getElementById("comparison");
  var scope = document.getElementById("scope");
  var search = document.getElementById("q");
  var shown = document.getElementById("shown");
  var rows = Array.prototype.slice.call(document.querySelectorAll(".row"));
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.cmp"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("details.group"));
  var counters = {};
  Array.prototype.forEach.call(document.querySelectorAll("b[data-count]"), function (b) {
    counters[b.dataset.count] = b;
  });

  var fold = {};
  var pairs = Array.from(search.dataset.fold || "");
  for (var i = 0; i + 1 < pairs.length; i += 2) fold[pairs[i]] = pairs[i + 1];
  var foldable = new RegExp("[" + Object.keys(fold).map(function (c) {
    return c.replace(/[\\\]\[^-]/g, "\\$&");
  }).join("") + "]", "gu");

  /* Text in matching form: "（二十二） 異地 就醫" -> "(二十二)异地就医". */
  function folded(text) {
    text = text.normalize("NFKC");
    if (pairs.length) text = text.replace(foldable, function (c) { return fold[c]; });
    return text.replace(/\s+/g, "").toLowerCase();
  }

  function words(query) {
    return query.split(/\s+/).map(folded).filter(Boolean);
  }

  var texts = null;      // each row's folded text (with its card's shared measure), made once
  function rowTexts() {
    if (!texts) {
      texts = rows.map(function (row) {
        var card = row.closest(".card"), shared = card && card.querySelector(".side.shared");
        return folded(row.textContent + (shared ? shared.textContent : ""));
      });
    }
    return texts;
  }

  function inChapter(row, ch) {
    if (!ch) return true;
    var at = ch.indexOf("|");
    var doc = ch.slice(0, at), name = ch.slice(at + 1);
    return (row.dataset.docA === doc && row.dataset.chapterA === name) ||
      (row.dataset.docB === doc && row.dataset.chapterB === name);
  }

  function matches(i, ws) {
    if (!ws.length) return true;
    var text = rowTexts()[i];
    return ws.every(function (w) { return text.indexOf(w) >= 0; });
  }

  function apply() {
    var on = {};
    boxes.forEach(function (b) { on[b.dataset.status] = b.checked; });
    var ws = words(search.value);
    var count = 0;
    var perStatus = {};
    var cmp = comparison ? comparison.value : "";
    rows.forEach(function (row, i) {
      var through = (!cmp || row.dataset.comparison === cmp) && inChapter(row, chapter.value) && matches(i, ws);
      if (through) perStatus[row.dataset.status] = (perStatus[row.dataset.status] || 0) + 1;
      var ok = through && on[row.dataset.status] !== false;   // unknown statuses stay visible
      row.hidden = !ok;
      if (ok) count += 1;
    });
    cards.forEach(function (c) { c.hidden = !c.querySelector(".row:not([hidden])"); });
    Object.keys(counters).forEach(function (s) { counters[s].textContent = perStatus[s] || 0; });
    if (scope && comparison) scope.textContent = comparison.options[comparison.selectedIndex].text;
    sections.forEach(function (s) {
      s.hidden = !!cmp && s.id !== "cmp-" + cmp;
      var all = s.querySelectorAll(".row").length;
      var visible = s.querySelectorAll(".row:not([hidden])").length;
      s.querySelector(".none").hidden = visible > 0;
      var note = s.querySelector(".sec-shown");
      if (note) note.textContent = visible === all ? "" : "显示 " + visible + " / " + all + " 行";
    });
    if (ws.length || chapter.value || cmp) {
      groups.forEach(function (g) {
        if (g.querySelector(".row:not([hidden])")) g.open = true;
      });
    }
    shown.textContent = "显示 " + count + " / " + rows.length + " 行";
    return ws;
  }

  var pending = null;
  function searched() {
    var ws = apply();
    clearTimeout(pending);
    if (!ws.length && !chapter.value && !(comparison && comparison.value)) return;
    pending = setTimeout(function () {
      var first = rows.filter(function (r) { return !r.hidden; })[0];
      if (first) first.scrollIntoView({ block: "start" });
    }, 150);
  }

  function reset() {
    boxes.forEach(function (b) { b.checked = true; });
    chapter.value = "";
    if (comparison) comparison.value = "";
    search.value = "";
    apply();
  }

  /* Make a jump target showable: open its folded groups, clear filters that hide it. */
  function prepare(target) {
    for (var g = target.closest("details"); g; g = g.parentElement && g.parentElement.closest("details")) {
      g.open = true;
    }
    if (target.closest("[hidden]")) reset();
  }

  function targetOf(hash) {
    var id = hash && decodeURIComponent(hash.slice(1));
    return id ? document.getElementById(id) : null;
  }

  function reveal() {
    var target = targetOf(location.hash);
    if (!target) return;
    prepare(target);
    target.scrollIntoView({ block: "start" });
  }

  /* The sticky header's height, for scroll-margin-top (0 where the header scrolls away). */
  function measure() {
    var sticky = getComputedStyle(bar).position === "sticky";
    root.style.setProperty("--top", (sticky ? bar.offsetHeight : 0) + "px");
  }

  /* A measure without counterpart folded to three lines on a phone: its button shows the rest,
     and is there only where the text is longer than that. */
  function folds() {
    Array.prototype.forEach.call(document.querySelectorAll("button.more"), function (more) {
      var text = more.parentElement.querySelector(".text");
      var row = more.closest(".row");
      more.hidden = !row.classList.contains("unfolded") && text.scrollHeight <= text.clientHeight + 1;
    });
  }

  document.addEventListener("click", function (e) {
    var more = e.target.closest && e.target.closest("button.more");
    if (!more) return;
    var row = more.closest(".row");
    var open = row.classList.toggle("unfolded");
    more.setAttribute("aria-expanded", open ? "true" : "false");
    more.textContent = open ? "收起 fold" : "展开全文 show the whole text";
  });

  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest('a[href^="#"]');
    var target = link && targetOf(link.getAttribute("href"));
    if (target) prepare(target);                // before the browser scrolls to it
  });
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  chapter.addEventListener("change", searched);
  if (comparison) comparison.addEventListener("change", searched);
  search.addEventListener("input", searched);
  window.addEventListener("hashchange", reveal);
  window.addEventListener("resize", measure);
  window.addEventListener("resize", folds);
  if (window.ResizeObserver) new ResizeObserver(measure).observe(bar);
  window.addEventListener("beforeprint", function () {
    groups.forEach(function (g) { g.open = true; });
  });
  measure();
  folds();
  apply();
  reveal();
})();
