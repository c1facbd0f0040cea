"""The view of a result: every fact a report shows, worked out once.

`build_view(result)` runs after classification and after a review's verdicts are applied. The
JSON, the workbook, the HTML page, the command line's counts and `Result.to_frames()` all read
the one View it returns, and only render it, so they cannot disagree: which rows a comparison
has and in what order, each row's status, evidence lines and context, the counts, the timeline,
the documents' names and every anchor the page links to.

Pure Python (no jinja2, openpyxl or pandas), so building it costs a JSON-only run nothing.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import CHECK, DROPPED, NEW, Comparison, Document, Evidence, Link, Measure, Result
from .labels import ALL_STATUSES, CHANGE_RANK, COMMITMENT_MARKS, MINUS

QUOTE_KEPT = 18     # kept clauses are quoted shorter: they are context, not news


# ---------------------------------------------------------------- documents

@dataclass
class DocumentView:
    """A document as reports name it."""
    index: int
    name: str           # short name: the file's stem (-N for 附件N), unique in the run
    file: str           # the input's file name (no folders; #N for a compilation's 附件)
    title: str
    short_title: str    # the title without 关于印发《…》的通知
    doc_number: str     # 文号
    date: str
    issuers: list[str]
    measures: int
    warnings: list[str]
    document: Document


def file_name(source: str) -> str:
    """"/home/u/plans/chuanyu-2024.txt#3" → "chuanyu-2024.txt#3": reports name files, never
    the folders they sit in."""
    selector = re.search(r"#\d+$", source)
    path = source[: selector.start()] if selector else source
    return Path(path).name + (selector.group() if selector else "")


_ISSUING = re.compile(r"^关于(?:印发|转发|发布)?[《〈]?(?P<inner>.+?)[》〉]?的?(?:通知|意见|决定)$")


def short_title(title: str) -> str:
    """"关于印发《X行动方案》的通知" → "X行动方案": the plan's own name, as a heading reads it."""
    m = _ISSUING.match(title.strip())
    return m.group("inner") if m and m.group("inner") else title.strip()


def _document(index: int, doc: Document) -> DocumentView:
    return DocumentView(index=index, name=doc.display_name, file=file_name(doc.source),
                        title=doc.title, short_title=short_title(doc.title),
                        doc_number=doc.doc_number, date=doc.date, issuers=list(doc.issuers),
                        measures=len(doc.measures), warnings=list(doc.warnings), document=doc)


# ---------------------------------------------------------------- rows

@dataclass
class Side:
    """One side of a row: a measure of document `doc`, and what the reader should know about it
    here ("merged from （七）、（八）", "split into …")."""
    doc: int
    measure: Measure
    note: str = ""

    @property
    def href(self) -> str:
        """Link to the measure's anchor on the page (the first row that shows it)."""
        return f"#{measure_anchor(self.doc, self.measure.id)}"


def measure_anchor(doc: int, mid: str) -> str:
    return f"m-{doc}-{mid}"


@dataclass
class Row:
    """One line of an alignment: a link, or a measure without counterpart on one side."""
    comparison: int
    status: str
    a: Side | None
    b: Side | None
    link: Link | None = None
    anchor: str = ""            # the row's id on the page (unique)
    a_anchor: str = ""          # the old measure's anchor, when this row is where it is first shown
    chips: list[tuple[str, str]] = field(default_factory=list)     # (kind, "+冠心病")
    lines: list[tuple[str, str]] = field(default_factory=list)     # (change, "+ 新增：「…」")
    related: str = ""           # "no successor; nearest related: （八） …" for an unmatched measure
    nearest: Side | None = None  # that related measure

    @property
    def chapter(self) -> str:
        """The newer document's chapter where there is one: that is the structure readers use."""
        return (self.b or self.a).measure.chapter

    @property
    def kind(self) -> str:
        """merge / split / one-to-one for a link, "" for an unmatched measure."""
        return self.link.kind if self.link else ""

    @property
    def score(self) -> float | None:
        return self.link.score if self.link else None

    @property
    def tier(self) -> str:
        return self.link.tier if self.link else ""

    @property
    def confidence(self) -> str:
        return self.link.confidence if self.link else ""

    @property
    def secondary(self) -> str:
        """A close second reading of the status, when it differs from the status."""
        second = self.link.secondary_status if self.link else ""
        return second if second != self.status else ""

    @property
    def reviewed(self) -> str:
        return self.link.reviewed if self.link else ""

    @property
    def note(self) -> str:
        return self.link.note if self.link else ""


@dataclass
class ComparisonView:
    """One comparison (older document `a` → newer `b`) as the reports show it."""
    index: int
    a: int
    b: int
    name: str                   # "川渝2024 → 川渝2025"
    a_name: str
    b_name: str
    rows: list[Row]
    counts: dict[str, int]      # rows per status, every status in ALL_STATUSES order
    to_check: int               # matches of confidence `check`: the reviewer's first stop
    related: int                # related (topic-only) pairs shown as context, never counted
    chapters: dict[str, dict[str, int]]   # row chapter -> status -> rows
    fates_a: dict[str, str]     # each old measure: the headline status of its links, or dropped
    fates_b: dict[str, str]     # each new measure: the headline status of its links, or new
    comparison: Comparison
    anchors: dict[tuple[str, str], str] = field(default_factory=dict)  # (a id, b id) -> row anchor

    def row_anchor(self, a_id: str = "", b_id: str = "") -> str:
        """The anchor of this comparison's row about a → b (a link), a alone (dropped) or b alone
        (new); with one id only, of the first row that shows that measure."""
        return self.anchors.get((a_id, b_id), "")

    def tallies(self) -> dict[str, int]:
        """What the command line prints: rows per status (those there are), then the matches to
        check first and the related pairs shown as context."""
        out = {s: n for s, n in self.counts.items() if n}
        out["to check"] = self.to_check
        out["related"] = self.related
        return out

    def own_chapters(self, side: str) -> dict[str, dict[str, int]]:
        """Chapter of document a (side "a") or b -> fate of that document's own measures -> count,
        chapters in document order: the numbers add up to the document's measure count."""
        fates = self.fates_a if side == "a" else self.fates_b
        where: dict[str, Measure] = {}
        for r in self.rows:
            s = r.a if side == "a" else r.b
            if s is not None:
                where.setdefault(s.measure.id, s.measure)
        table: dict[str, Counter] = defaultdict(Counter)
        for mid in sorted(fates, key=lambda i: where[i].order if i in where else -1):
            table[where[mid].chapter if mid in where else ""][fates[mid]] += 1
        return {ch: {s: c.get(s, 0) for s in ALL_STATUSES} for ch, c in table.items()}


def headline(statuses) -> str:
    """One status for a measure with several links (a split, or a merge seen from the new side):
    the most changed of them (unchanged < continued < expanded < narrowed < revised)."""
    return max(statuses, key=lambda s: CHANGE_RANK.get(s, -1))


def _lookup(doc: Document, mid: str) -> Measure:
    """A measure by id; an id the document lacks (a hand-edited result) still gets a row."""
    m = doc.find_measure(mid)
    return m if m is not None else Measure(id=mid, label=mid, path=[], chapter="", title="（缺失的措施）",
                                           text="", order=len(doc.measures))


def _ordered_rows(k: int, comp: Comparison, da: Document, db: Document) -> list[Row]:
    """Rows in reading order: the older document's order, each new measure slotted in after the
    row holding the newer measure that precedes it."""
    rows = [Row(k, lk.status, Side(comp.a, _lookup(da, lk.a)), Side(comp.b, _lookup(db, lk.b)), lk)
            for lk in comp.links]
    rows += [Row(k, DROPPED, Side(comp.a, _lookup(da, mid)), None) for mid in comp.unmatched_a]
    rows.sort(key=lambda r: (r.a.measure.order, r.b.measure.order if r.b else -1))
    news = sorted((Row(k, NEW, None, Side(comp.b, _lookup(db, mid))) for mid in comp.unmatched_b),
                  key=lambda r: r.b.measure.order)
    if not news:
        return rows
    # after the last row (by position) whose new measure comes earlier in the newer document
    by_order = sorted((r.b.measure.order, i) for i, r in enumerate(rows) if r.b)
    orders = [o for o, _ in by_order]
    last, best = [], -1                 # last[n]: the latest position among the n+1 earliest
    for _, i in by_order:
        best = max(best, i)
        last.append(best)
    after: dict[int, list[Row]] = defaultdict(list)
    for new in news:
        n = bisect_left(orders, new.b.measure.order)
        after[last[n - 1] if n else -1].append(new)
    out = list(after.get(-1, []))
    for i, r in enumerate(rows):
        out.append(r)
        out.extend(after.get(i, []))
    return out


def evidence_chips(ev: Evidence) -> list[tuple[str, str]]:
    """(kind, text) pairs a reader scans: "+冠心病", "−重度失能", "10个工作日 → 5个工作日"."""
    chips = [("add", "+" + t) for t in ev.added_items]
    chips += [("del", MINUS + t) for t in ev.removed_items]
    if ev.numbers_added and len(ev.numbers_added) == len(ev.numbers_removed):
        chips += [("num", f"{old} → {new}") for old, new in zip(ev.numbers_removed, ev.numbers_added, strict=True)]
    else:
        chips += [("num", "+" + t) for t in ev.numbers_added]
        chips += [("num", MINUS + t) for t in ev.numbers_removed]
    chips += [("scope", t) for t in ev.scope_changes]
    chips += [("unit", "+单位：" + t) for t in ev.units_added]
    chips += [("unit", MINUS + "单位：" + t) for t in ev.units_removed]
    return chips


def commitment_lines(ev: Evidence) -> list[tuple[str, str]]:
    """(change, line) for the material commitment changes of a link, grouped by change:
    "+ 新增：「…」", "− 不再提及：「…」", "↑ 扩大：重度失能 → 中度失能「…」", "≈ 概括：…", and one
    "= 保留：「…」；「…」" line for what is kept. Minor clauses (boilerplate, a means whose goal
    is kept, merged content no old measure owns) and headlines merely kept or dropped stay in the
    JSON only; a headline widened, narrowed or generalised is shown (it sets the status)."""
    groups: dict[str, list[str]] = {k: [] for k in COMMITMENT_MARKS}
    for c in ev.commitments:
        change = c.get("change", "")
        telling = change in ("widened", "narrowed", "generalised")    # a headline's change counts
        if change not in groups or (c.get("headline") and not telling) or (
                c.get("material") is False and not c.get("headline")):
            continue
        a, b, detail = c.get("a", ""), c.get("b", ""), c.get("detail", "")
        if change == "added":
            text = f"「{b}」" + (f"（{detail}）" if detail else "")
        elif change == "dropped":
            text = f"「{a}」" + ("（拆分后未承接）" if c.get("split") else "")
        elif change in ("widened", "narrowed"):
            text = f"{detail}「{b}」" if detail else f"「{a}」→「{b}」"
        elif change == "generalised":
            text = detail or f"「{a}」→「{b}」"
        elif change == "moved":
            text = f"{detail.removeprefix('见')}「{a}」"
        else:
            text = f"「{_short(a, QUOTE_KEPT)}」"
        groups[change].append(text)
    groups["kept"] += groups.pop("reworded")
    lines = []
    for change, texts in groups.items():
        if not texts:
            continue
        sign, label = COMMITMENT_MARKS[change]
        if change == "kept":
            lines.append((change, f"{sign} {label}：" + "；".join(texts)))
        else:
            lines += [(change, f"{sign} {label}：{t}") for t in texts]
    return lines


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


class _Anchors:
    """Hands out page anchors, each once: `m-<doc>-<id>` goes to the first row that shows the
    measure; a measure shown again gets a numbered anchor for its row (`m-1-n007-2`)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def claim(self, side: Side | None) -> str:
        if side is None:
            return ""
        name = measure_anchor(side.doc, side.measure.id)
        if name in self.used:
            return ""
        self.used.add(name)
        return name

    def unique(self, name: str) -> str:
        n, base = 2, name
        while name in self.used:
            name, n = f"{base}-{n}", n + 1
        self.used.add(name)
        return name


def _comparison(result: Result, k: int, anchors: _Anchors) -> ComparisonView:
    comp = result.comparisons[k]
    da, db = result.documents[comp.a], result.documents[comp.b]
    rows = _ordered_rows(k, comp, da, db)
    a_to_b: dict[str, list[str]] = defaultdict(list)
    b_to_a: dict[str, list[str]] = defaultdict(list)
    for lk in comp.links:
        a_to_b[lk.a].append(lk.b)
        b_to_a[lk.b].append(lk.a)
    related_a: dict[str, Link] = {}
    related_b: dict[str, Link] = {}
    for lk in comp.related:
        related_a.setdefault(lk.a, lk)
        related_b.setdefault(lk.b, lk)
    view_anchors: dict[tuple[str, str], str] = {}
    for row in rows:
        lk = row.link
        if lk is not None:
            row.chips = evidence_chips(lk.evidence)
            row.lines = commitment_lines(lk.evidence)
            if len(b_to_a[lk.b]) > 1:
                row.b.note = "merged from " + _labels(da, b_to_a[lk.b])
            if len(a_to_b[lk.a]) > 1:
                row.a.note = "split into " + _labels(db, a_to_b[lk.a])
        elif row.a is not None:
            hit = related_a.get(row.a.measure.id)
            if hit:
                row.nearest = Side(comp.b, _lookup(db, hit.b))
                row.related = _related_text("no successor", row.nearest)
        else:
            hit = related_b.get(row.b.measure.id)
            if hit:
                row.nearest = Side(comp.a, _lookup(da, hit.a))
                row.related = _related_text("no predecessor", row.nearest)
        primary = row.b or row.a
        row.anchor = anchors.claim(primary) or anchors.unique(measure_anchor(primary.doc, primary.measure.id))
        row.a_anchor = anchors.claim(row.a) if row.b else ""
        a_id = row.a.measure.id if row.a else ""
        b_id = row.b.measure.id if row.b else ""
        for key in ((a_id, b_id), (a_id, ""), ("", b_id)):
            if key != ("", ""):
                view_anchors.setdefault(key, row.anchor)
    counts = Counter(r.status for r in rows)
    chapters: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        chapters[r.chapter][r.status] += 1
    fates_a = {m.id: DROPPED for m in da.measures}
    fates_b = {m.id: NEW for m in db.measures}
    by_a: dict[str, list[str]] = defaultdict(list)
    by_b: dict[str, list[str]] = defaultdict(list)
    for lk in comp.links:
        by_a[lk.a].append(lk.status)
        by_b[lk.b].append(lk.status)
    fates_a.update({mid: headline(s) for mid, s in by_a.items() if mid in fates_a})
    fates_b.update({mid: headline(s) for mid, s in by_b.items() if mid in fates_b})
    a_name, b_name = da.display_name, db.display_name
    return ComparisonView(
        index=k, a=comp.a, b=comp.b, name=f"{a_name} → {b_name}", a_name=a_name, b_name=b_name,
        rows=rows, counts={s: counts.get(s, 0) for s in ALL_STATUSES},
        to_check=sum(lk.confidence == CHECK for lk in comp.links), related=len(comp.related),
        chapters={ch: {s: c.get(s, 0) for s in ALL_STATUSES} for ch, c in chapters.items()},
        fates_a=fates_a, fates_b=fates_b, comparison=comp, anchors=view_anchors)


def _labels(doc: Document, ids: list[str]) -> str:
    return "、".join(_lookup(doc, i).label or i for i in ids)


def _related_text(lead: str, other: Side) -> str:
    """Context for a measure without counterpart: the measure of the other document on the same
    topic that shares no commitment with it (a `related` pair, never counted as a link)."""
    return f"{lead}; nearest related: {other.measure.label} {other.measure.title}"


# ---------------------------------------------------------------- timeline

@dataclass
class TimelineCell:
    """Where one measure lives on in one later document."""
    later: int                  # index of the later document
    ids: list[str]              # its measures that continue the measure (several for a split)
    id_statuses: list[str]      # the status of the link to each of them
    statuses: list[str]         # those statuses once each, least changed first
    status: str                 # the headline: the most changed of `statuses`, or dropped
    labels: list[str]           # "（七）" for each id
    targets: list[str]          # "（七） 推进异地就医…" for each id
    href: str                   # the row of the comparison that shows it


@dataclass
class TimelineRow:
    """One measure of a document (every document but the last) against each later document."""
    doc: int
    measure: Measure
    cells: dict[int, TimelineCell]
    summary: str
    href: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON row; keys of the later documents are strings so pandas reads them as columns
        (`pd.json_normalize` gives lives_on.1, status.2, …)."""
        return {"doc": self.doc, "a": self.measure.id, "label": self.measure.label,
                "title": self.measure.title,
                "lives_on": {str(j): list(c.ids) for j, c in self.cells.items()},
                "status": {str(j): c.status for j, c in self.cells.items()},
                "statuses": {str(j): list(c.statuses) for j, c in self.cells.items()},
                "summary": self.summary}


def timeline_rows(result: Result, comparisons: list[ComparisonView] | None = None) -> list[TimelineRow]:
    """Where each measure lives on in every later document, for three or more documents.

    The one rule: a measure of document d lives on in document j in the measures it is linked
    to in comparison (d, j) (reviewed links included); the status there is the most changed of
    those links' statuses (`headline`; all of them are kept in `statuses`), or dropped when it has
    none. Rows of the first document's measures come first, then the second's (where a measure of
    B goes in C), and so on; the last document has no rows. A pair of documents without a
    comparison has no cell.
    """
    n = len(result.documents)
    if n < 3:
        return []
    views = {(c.a, c.b): c for c in comparisons or []}
    rows = []
    by_pair = {(c.a, c.b): c for c in result.comparisons}
    for d in range(n - 1):
        later = [j for j in range(d + 1, n) if (d, j) in by_pair]
        if not later:
            continue
        links_of = {j: _links_by_a(by_pair[(d, j)]) for j in later}
        for m in result.documents[d].measures:
            cells = {}
            for j in later:
                links = links_of[j].get(m.id, [])
                statuses = sorted({lk.status for lk in links}, key=lambda s: CHANGE_RANK.get(s, -1))
                ids = [lk.b for lk in links]
                doc_j = result.documents[j]
                view = views.get((d, j))
                anchor = view.row_anchor(m.id, ids[0] if ids else "") if view else ""
                cells[j] = TimelineCell(
                    later=j, ids=ids, id_statuses=[lk.status for lk in links], statuses=statuses, status=headline(statuses) if statuses else DROPPED,
                    labels=[_lookup(doc_j, i).label for i in ids],
                    targets=[f"{_lookup(doc_j, i).label} {_lookup(doc_j, i).title}" for i in ids],
                    href=f"#{anchor}" if anchor else f"#{measure_anchor(d, m.id)}")
            rows.append(TimelineRow(doc=d, measure=m, cells=cells, summary=_summary(result, cells),
                                    href=f"#{measure_anchor(d, m.id)}"))
    return rows


def _links_by_a(comp: Comparison) -> dict[str, list[Link]]:
    out: dict[str, list[Link]] = defaultdict(list)
    for lk in comp.links:
        out[lk.a].append(lk)
    return out


def _summary(result: Result, cells: dict[int, TimelineCell]) -> str:
    total = len(cells)
    names = [result.documents[j].display_name for j, c in cells.items() if c.ids]
    n = len(names)
    return (f"in all {total} later documents" if n == total and total > 1 else
            f"only in {names[0]}" if n == 1 else
            f"in {n} of {total} later documents" if n else "nowhere (dropped)")


# ---------------------------------------------------------------- the view

@dataclass
class View:
    """Everything the reports show about one result."""
    result: Result
    title: str                          # "川渝2024 → 川渝2025 → 双核2025"
    documents: list[DocumentView]
    comparisons: list[ComparisonView]
    timeline: list[TimelineRow]
    totals: dict[str, int]              # rows per status over all comparisons
    chapters: list[str]                 # every chapter the rows show, in order met

    @property
    def warnings(self) -> list[str]:
        return self.result.warnings

    @property
    def settings(self) -> dict[str, Any]:
        return self.result.settings

    @property
    def rows(self) -> list[Row]:
        """Every row of every comparison, comparison by comparison."""
        return [r for c in self.comparisons for r in c.rows]


def build_view(result: Result) -> View:
    """The view of `result` (after classification and review; building it changes nothing)."""
    anchors = _Anchors()
    comparisons = [_comparison(result, k, anchors) for k in range(len(result.comparisons))]
    totals: Counter = Counter()
    for c in comparisons:
        totals.update(c.counts)
    chapters = list(dict.fromkeys(
        side.measure.chapter for c in comparisons for r in c.rows for side in (r.a, r.b)
        if side is not None and side.measure.chapter))
    documents = [_document(i, d) for i, d in enumerate(result.documents)]
    return View(result=result, title=" → ".join(d.name for d in documents), documents=documents,
                comparisons=comparisons, timeline=timeline_rows(result, comparisons),
                totals={s: totals.get(s, 0) for s in ALL_STATUSES}, chapters=chapters)


def as_view(what: View | Result) -> View:
    """Writers accept a View, or a Result to build one from."""
    return what if isinstance(what, View) else build_view(what)
