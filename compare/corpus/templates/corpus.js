/* The corpus page: search over the families (every word must occur in one of a family's
   measures, folded as compare folds text: NFKC, the data-fold map (Traditional → Simplified,
   quotes), no spaces, lower case), and each family's page drawn from the embedded data when its
   anchor (#F0001) is opened. Text is inserted as text; the redlines come escaped from the server. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");
  var overview = document.getElementById("overview");
  var page = document.getElementById("family");
  var none = document.getElementById("none");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.family-row"));
  var byId = {};
  data.families.forEach(function (f) { byId[f.family] = f; });

  var fold = {};
  var pairs = Array.from(search.dataset.fold || "");
  for (var i = 0; i + 1 < pairs.length; i += 2) fold[pairs[i]] = pairs[i + 1];
  var foldable = pairs.length ? new RegExp("[" + Object.keys(fold).map(function (c) {
    return c.replace(/[\\\]\[^-]/g, "\\$&");
  }).join("") + "]", "gu") : null;
  function folded(text) {
    text = text.normalize("NFKC");
    if (foldable) text = text.replace(foldable, function (c) { return fold[c]; });
    return text.replace(/\s+/g, "").toLowerCase();
  }
  function plain(html) {
    var d = document.createElement("div");
    d.innerHTML = html;
    return d.textContent;
  }
  var texts = null;     // each family's folded measures, made at the first search
  function familyTexts(f) {
    if (!texts) texts = {};
    if (!texts[f.family]) {
      texts[f.family] = [folded(f.title)].concat(f.members.map(function (k) {
        var m = data.measures[k];
        return folded(m.l + m.t + plain(m.rb));
      }));
    }
    return texts[f.family];
  }
  function filter() {
    var words = search.value.split(/\s+/).map(folded).filter(Boolean);
    var n = 0;
    rows.forEach(function (row) {
      var f = byId[row.dataset.family];
      var ok = !words.length || familyTexts(f).some(function (t) {
        return words.every(function (w) { return t.indexOf(w) >= 0; });
      });
      row.hidden = !ok;
      if (ok) n += 1;
    });
    shown.textContent = words.length ? n + " / " + rows.length + " 个家族 families" : "";
    none.hidden = !words.length || n > 0;
    if (words.length && !page.hidden) { location.hash = ""; }
  }
  search.addEventListener("input", filter);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  // The diffusion curve: jurisdictions that had adopted the family by each year. The years
  // under the axis (as many as fit), the number above each labelled point; every point's year
  // and number in its tooltip and, for screen readers, in the picture's label.
  function curve(f) {
    var w = 360, h = 110, pad = 22, top = 16, bottom = 22, pts = f.curve;
    var most = Math.max(1, pts.length ? pts[pts.length - 1][1] : 1), n = Math.max(pts.length - 1, 1);
    var step = Math.max(1, Math.ceil(pts.length * 34 / (w - 2 * pad)));
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    function x(k) { return pts.length > 1 ? pad + k * (w - 2 * pad) / n : w / 2; }
    function y(v) { return top + (1 - v / most) * (h - top - bottom); }
    function add(tag, attrs, text) {
      var e = document.createElementNS(ns, tag);
      Object.keys(attrs).forEach(function (a) { e.setAttribute(a, attrs[a]); });
      if (text !== undefined) e.textContent = text;
      svg.appendChild(e);
      return e;
    }
    function said(p) { return p[0] + "年：" + p[1] + " 个地区 adopters"; }
    svg.setAttribute("class", "big");
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    svg.setAttribute("width", w);
    svg.setAttribute("height", h);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "扩散曲线 diffusion curve：" + pts.map(said).join("；"));
    add("line", {x1: pad - 8, x2: w - pad + 8, y1: h - bottom, y2: h - bottom, "class": "axis"});
    add("polyline", {points: pts.map(function (p, k) { return x(k).toFixed(1) + "," + y(p[1]).toFixed(1); }).join(" ")});
    pts.forEach(function (p, k) {
      var dot = add("circle", {cx: x(k).toFixed(1), cy: y(p[1]).toFixed(1), r: 2.5});
      dot.appendChild(document.createElementNS(ns, "title")).textContent = said(p);
      if (k % step && k !== pts.length - 1) return;
      if (k !== pts.length - 1 && pts.length - 1 - k < step) return;     // the last year's label has the room
      add("text", {x: x(k).toFixed(1), y: h - 6, "text-anchor": "middle"}, String(p[0]));
      add("text", {x: x(k).toFixed(1), y: (y(p[1]) - 5).toFixed(1), "text-anchor": "middle", "class": "n"},
          String(p[1]));
    });
    return svg;
  }
  function card(k) {
    var m = data.measures[k], d = data.documents[m.d];
    var c = el("article", "card st-" + m.s);
    c.id = "m" + k;
    var meta = el("div", "meta");
    meta.appendChild(el("strong", null, d.n + " " + m.l));
    meta.appendChild(el("span", "muted", (d.j || "") + " " + (d.dt || "")));
    meta.appendChild(el("span", "chip st-" + m.s, data.labels[m.s] + " " + m.s));
    if (m.sim !== null) meta.appendChild(el("span", "muted", "相似度 score " + m.sim));
    c.appendChild(meta);
    c.appendChild(el("div", null, m.t));
    if (m.p.length) {
      var from = el("div", "muted");
      from.textContent = (m.k === "edition" ? "前一版本 previous edition：" : "最早采纳 earliest adopter：") +
        m.p.map(function (p) {
          var q = data.measures[p];
          return data.documents[q.d].n + " " + q.l;
        }).join("；");
      c.appendChild(from);
    }
    if (m.ev.length) {
      var ev = el("ul", "evidence");
      m.ev.forEach(function (line) { ev.appendChild(el("li", null, line)); });
      c.appendChild(ev);
    }
    var pair = el("div", "pair");
    if (m.ra) {
      var a = el("div");
      a.appendChild(el("span", "side-h", "前身 predecessor"));
      a.insertAdjacentHTML("beforeend", m.ra);
      pair.appendChild(a);
    }
    var b = el("div", m.ra ? "" : "only");
    b.appendChild(el("span", "side-h", m.ra ? "本措施 this measure" : "原文 text"));
    b.insertAdjacentHTML("beforeend", m.rb);
    pair.appendChild(b);
    c.appendChild(pair);
    return c;
  }
  // A long list is drawn a page at a time (a family of 10,000 measures is not 10,000 cards at
  // once): the first PAGE items (html.py's PAGE), then a button for the next PAGE.
  var PAGE = data.page;
  function paged(parent, items, draw, what) {
    var shownN = 0, button = el("button", "more");
    button.type = "button";
    function next() {
      items.slice(shownN, shownN + PAGE).forEach(function (item) { parent.appendChild(draw(item)); });
      shownN = Math.min(items.length, shownN + PAGE);
      button.textContent = "显示更多 show more（" + shownN + " / " + items.length + " " + what + "）";
      button.hidden = shownN >= items.length;
    }
    button.addEventListener("click", next);
    next();
    return button;
  }
  // Who adopted the family, in order: when, from whom, and its course in that jurisdiction (a
  // chip per document carrying it: its year and statuses, the first the status at adoption).
  var ADOPTER_HEADS = ["地区 Jurisdiction", "首次 First", "来源 From", "历程 Course"];
  function adopterRow(a, k) {
    var tr = el("tr");
    function cell(i, text) {
      var td = el("td", null, text);
      td.setAttribute("data-h", ADOPTER_HEADS[i]);
      tr.appendChild(td);
      return td;
    }
    cell(0, (k + 1) + ". " + (a.j || "（未知 unknown）"));
    cell(1, a.doc + " · " + (a.dt || "?"));
    cell(2, a.from || "—");
    var course = cell(3, "");
    a.c.forEach(function (step) {
      course.appendChild(el("span", "chip st-" + step[1][0], step[0] + " " + step[1].map(function (s) {
        return data.labels[s] + " " + s;
      }).join("+")));
    });
    return tr;
  }
  function adopters(f) {
    var box = el("div");
    box.appendChild(el("div", "side-h", "采纳 Adoptions：各地区按采纳先后排列，首次采纳的文件、来源，及各版本的状态 " +
      "jurisdictions in the order they adopted it: the first measure, whom it was taken from, its status in each edition"));
    var table = el("table", "adopters grid"), head = el("tr");
    ADOPTER_HEADS.forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    box.appendChild(table);
    var k = 0;
    box.appendChild(paged(body, f.adoptions, function (a) { return adopterRow(a, k++); }, "个地区 adopters"));
    return box;
  }
  function showFamily(f) {
    page.textContent = "";
    var head = el("div", "fhead");
    var back = el("a", null, "← 全部家族 all families");
    back.href = "#";
    head.appendChild(back);
    head.appendChild(el("h2", null, f.family + " " + f.title));
    head.appendChild(el("div", "muted", f.adopters + " 个地区 adopters · " + f.measures + " 项措施 measures · " +
      f.documents + " 份文件 documents · 内聚 cohesion " + f.cohesion.toFixed(2) +
      (f.check ? " · 待核 check：最弱成员 weakest " + f.weakest : "")));
    head.appendChild(el("div", "statuses", "状态 statuses：" + f.statuses));
    head.appendChild(el("div", "side-h", "扩散 Diffusion：截至各年已采纳的地区数 jurisdictions that had adopted it by each year"));
    head.appendChild(curve(f));
    head.appendChild(adopters(f));
    head.appendChild(el("div", "side-h", "措施 Measures：按时间排列 in time order"));
    page.appendChild(head);
    var cards = el("div", "cards");
    page.appendChild(cards);
    page.appendChild(paged(cards, f.members, card, "项措施 measures"));
    overview.hidden = true;
    page.hidden = false;
    document.body.classList.add("in-family");
    window.scrollTo(0, 0);
  }
  function route() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (byId[id]) { showFamily(byId[id]); return; }
    page.hidden = true;
    page.textContent = "";
    overview.hidden = false;
    document.body.classList.remove("in-family");
  }
  window.addEventListener("hashchange", route);
  route();
})();
