"""The view of one comparison (its rows in reading order with evidence and context, cards,
counts per status and chapter, each document's measures' fates, its summary sentence) and of the
timeline, as every report shows them. `build.build_view` assembles them into the one View the
JSON, the workbook, the page, the command line's counts and `compare.to_frames()` render, so they
cannot disagree. Pure Python (no jinja2, openpyxl or pandas): building it costs a JSON-only run
nothing.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from compare.model import Comparison, Document, Link, Measure, Result, TimelineCell, TimelineRow
from compare.report.rows import (
    Card,
    Row,
    Side,
    _anchor_cards,
    _lookup,
    _ordered_rows,
    commitment_lines,
    evidence_chips,
    group_cards,
    link_anchor,
    side_anchor,
)
from compare.timeline import headline, timeline
from compare.vocab import (
    ALL_STATUSES,
    CHECK,
    CONTINUING_LABEL,
    DROPPED,
    LINKS,
    MEASURES,
    NEW,
    RELATED_LABEL,
    ROWS,
    STATUS_LABELS,
    STATUSES,
    TO_CHECK_LABEL,
    UNIT_LABELS,
    status_text,
)


@dataclass
class Fates:
    """What became of each document's measures in one comparison, counted per measure (not per
    row), so the numbers add up to each document's measure count."""
    a_total: int
    a_kept: dict[str, int]      # old measures living on, by headline status (every link status)
    a_dropped: int
    a_merged: int               # of the kept: old measures folded into a new one with others
    b_total: int
    b_new: int
    b_kept: dict[str, int]      # new measures continuing old ones, by headline status
    b_merged: int               # of those: new measures made of several old ones

    @property
    def a_lives(self) -> int:
        return sum(self.a_kept.values())

    @property
    def b_continues(self) -> int:
        return sum(self.b_kept.values())

    @property
    def a_counts(self) -> dict[str, int]:
        """The older document's measures by fate, dropped last: they add up to `a_total`."""
        return {**self.a_kept, DROPPED: self.a_dropped}

    @property
    def b_counts(self) -> dict[str, int]:
        """The newer document's measures: new, then those continuing older ones by status."""
        return {NEW: self.b_new, **self.b_kept}


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
    cards: list[Card] = field(default_factory=list)     # the rows as the page groups them
    sentence: str = ""          # the one-line summary (`summary_sentence`)

    def fates(self) -> Fates:
        """Fates of each document's own measures in this comparison (see `Fates`)."""
        merged_b = {r.b.measure.id for card in self.cards if card.kind == "merge" for r in card.rows}
        merged_a = {r.a.measure.id for card in self.cards if card.kind == "merge" for r in card.rows}
        kept_a = Counter(s for s in self.fates_a.values() if s != DROPPED)
        kept_b = Counter(s for s in self.fates_b.values() if s != NEW)
        return Fates(a_total=len(self.fates_a), a_kept={s: kept_a[s] for s in ALL_STATUSES if kept_a[s]},
                     a_dropped=list(self.fates_a.values()).count(DROPPED), a_merged=len(merged_a),
                     b_total=len(self.fates_b), b_new=list(self.fates_b.values()).count(NEW),
                     b_kept={s: kept_b[s] for s in ALL_STATUSES if kept_b[s]}, b_merged=len(merged_b))

    def row_anchor(self, a_id: str = "", b_id: str = "") -> str:
        """The anchor of this comparison's row about a → b (a link); with one id only, the
        measure's own anchor (c0-a-m003: its dropped or new row, or its side in the first row
        that shows it)."""
        return self.anchors.get((a_id, b_id), "")

    def tallies(self) -> dict[str, int]:
        """The counts the JSON, the frames and the command line give: rows per status, then the
        matches to check first and the related pairs shown as context."""
        return {**self.counts, "to check": self.to_check, "related": self.related}

    @property
    def links(self) -> dict[str, int]:
        """Links per status (a merged or split measure has several)."""
        return {s: self.counts[s] for s in STATUSES}

    @property
    def row_count(self) -> int:
        """Rows of the alignment: every link, dropped and new measure once."""
        return sum(self.counts.values())

    def count_lines(self) -> list[str]:
        """The comparison's numbers as the command line says them, each naming what it counts
        (vocab.UNIT_LABELS): rows, the two documents' measures, links."""
        f = self.fates()
        links = sum(self.links.values())
        return [
            f"{self.name}：{UNIT_LABELS[ROWS]} {self.row_count} = {UNIT_LABELS[LINKS]} {links} + "
            f"{status_text(DROPPED)} {self.counts[DROPPED]} + {status_text(NEW)} {self.counts[NEW]}",
            f"  {UNIT_LABELS[MEASURES]}：{self.a_name} {f.a_total} = " + _sum(f.a_counts)
            + f"；{self.b_name} {f.b_total} = {status_text(NEW)} {f.b_new} + {CONTINUING_LABEL} {f.b_continues}",
            f"  {UNIT_LABELS[LINKS]}：{links} = " + (_sum(self.links) or "0")
            + f"；{TO_CHECK_LABEL} {self.to_check}"
            + (f"；{RELATED_LABEL} {self.related}（另列，不计入 context, not counted）" if self.related else ""),
        ]

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


def comparison_view(result: Result, k: int) -> ComparisonView:
    """Comparison k as the reports show it: its rows with their evidence and context, cards,
    anchors, counts per status and chapter, and the fate of each document's measures."""
    comp = result.comparisons[k]
    da, db = result.documents[comp.a], result.documents[comp.b]
    rows = _ordered_rows(k, comp, da, db)
    _annotate(rows, k, comp, da, db)
    cards = group_cards(rows)
    counts = Counter(r.status for r in rows)
    chapters: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        chapters[r.chapter][r.status] += 1
    a_name, b_name = da.display_name, db.display_name
    fates_a, fates_b = _fates(comp, da, db)
    return ComparisonView(
        index=k, a=comp.a, b=comp.b, name=f"{a_name} → {b_name}", a_name=a_name, b_name=b_name,
        rows=rows, counts={s: counts.get(s, 0) for s in ALL_STATUSES},
        to_check=sum(lk.confidence == CHECK for lk in comp.links), related=len(comp.related),
        chapters={ch: {s: c.get(s, 0) for s in ALL_STATUSES} for ch, c in chapters.items()},
        fates_a=fates_a, fates_b=fates_b, comparison=comp, anchors=_anchor_cards(k, cards), cards=cards)


def _annotate(rows: list[Row], k: int, comp: Comparison, da: Document, db: Document) -> None:
    """Each link row's chips, lines and merge/split notes; each unmatched row's nearest related
    measure, if any."""
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
    for row in rows:
        lk = row.link
        if lk is not None:
            row.chips = evidence_chips(lk.evidence)
            row.lines = commitment_lines(lk.evidence)
            if len(b_to_a[lk.b]) > 1:
                row.b.note = "合并自 merged from " + _labels(da, b_to_a[lk.b])
                row.b.note_links = [(_lookup(da, a).label or a, f"#{link_anchor(k, a, lk.b)}", a) for a in b_to_a[lk.b]]
            if len(a_to_b[lk.a]) > 1:
                row.a.note = "拆分为 split into " + _labels(db, a_to_b[lk.a])
                row.a.note_links = [(_lookup(db, b).label or b, f"#{link_anchor(k, lk.a, b)}", b) for b in a_to_b[lk.a]]
        elif row.a is not None and (hit := related_a.get(row.a.measure.id)):
            row.nearest = Side(comp.b, _lookup(db, hit.b), comparison=k, role="b")
            row.related = _related_text(NO_SUCCESSOR, row.nearest)
        elif row.a is None and (hit := related_b.get(row.b.measure.id)):
            row.nearest = Side(comp.a, _lookup(da, hit.a), comparison=k, role="a")
            row.related = _related_text(NO_PREDECESSOR, row.nearest)


def _fates(comp: Comparison, da: Document, db: Document) -> tuple[dict[str, str], dict[str, str]]:
    """What became of each measure of either document in this comparison: the most changed
    status of its links, or dropped (old) / new (new) without one."""
    statuses_a: dict[str, list[str]] = defaultdict(list)
    statuses_b: dict[str, list[str]] = defaultdict(list)
    for lk in comp.links:
        statuses_a[lk.a].append(lk.status)
        statuses_b[lk.b].append(lk.status)
    fates_a = {m.id: DROPPED for m in da.measures}
    fates_b = {m.id: NEW for m in db.measures}
    fates_a.update({mid: headline(s) for mid, s in statuses_a.items() if mid in fates_a})
    fates_b.update({mid: headline(s) for mid, s in statuses_b.items() if mid in fates_b})
    return fates_a, fates_b


def summary_sentence(fates: Fates, a: str, b: str) -> str:
    """The comparison in one line, per measure, so that each document's numbers add up:
    "2024年版共39项措施：24项在2025—2027年行动方案中延续或并入（扩展4、收窄8、修订12），15项未再出现；
    2025—2027年行动方案共22项措施：10项为新增，12项承接2024年版的措施（其中5项由多项合并而成）"."""
    kept = "、".join(f"{STATUS_LABELS[s]}{n}" for s, n in fates.a_kept.items())
    lives = f"{fates.a_lives}项在{b}中{'延续或并入' if fates.a_merged else '延续'}" + (f"（{kept}）" if kept else "")
    merged = f"（其中{fates.b_merged}项由多项合并而成）" if fates.b_merged else ""
    return (f"{a}共{fates.a_total}项措施：{lives}，{fates.a_dropped}项未再出现；"
            f"{b}共{fates.b_total}项措施：{fates.b_new}项为新增，{fates.b_continues}项承接{a}的措施{merged}")


def _sum(counts: dict[str, int]) -> str:
    """"扩展 expanded 1 + 修订 revised 7 + 删除 dropped 31": the non-zero counts."""
    return " + ".join(f"{status_text(s)} {n}" for s, n in counts.items() if n)


def _labels(doc: Document, ids: list[str]) -> str:
    return "、".join(_lookup(doc, i).label or i for i in ids)


NO_SUCCESSOR = "无后续措施 no successor"
NO_PREDECESSOR = "无前身措施 no predecessor"
NEAREST = "最近相关 nearest related"


def _related_text(lead: str, other: Side) -> str:
    """Context for a measure without counterpart: the measure of the other document on the same
    topic that shares no commitment with it (a `related` pair, never counted as a link):
    "无后续措施 no successor；最近相关 nearest related：（八） 推动高铁货运服务提质"."""
    return f"{lead}；{NEAREST}：{other.measure.label} {other.measure.title}"


# ---------------------------------------------------------------- timeline

@dataclass
class TimelineCellView:
    """A timeline cell as reports show it: the model's cell, its measures named and the rows of
    the comparison that show each link."""
    cell: TimelineCell
    labels: list[str]           # "（七）" for each id
    targets: list[str]          # "（七） 推进异地就医…" for each id
    href: str                   # the row of the comparison (d, later) that shows it
    hrefs: list[str] = field(default_factory=list)   # the row of each link, one per id

    def __getattr__(self, name: str) -> Any:        # later, ids, statuses, status …
        return getattr(self.cell, name)


@dataclass
class TimelineRowView:
    """A timeline row (`compare.timeline`) as reports show it."""
    row: TimelineRow
    cells: dict[int, TimelineCellView]
    summary: str
    href: str                   # the measure in its first comparison with a later document

    @property
    def doc(self) -> int:
        return self.row.doc

    @property
    def measure(self) -> Measure:
        return self.row.measure

    def to_dict(self) -> dict[str, Any]:
        return {**self.row.to_dict(), "summary": self.summary}


def timeline_rows(result: Result, comparisons: list[ComparisonView]) -> list[TimelineRowView]:
    """The timeline of `result` (`compare.timeline`'s rule, applied here too so a Result made by
    hand reports the same) with each cell's measures named and every row's anchors in the page."""
    views = {(c.a, c.b): c for c in comparisons}
    number = {(c.a, c.b): k for k, c in enumerate(result.comparisons)}

    def anchor(d: int, j: int, a_id: str, b_id: str = "") -> str:
        """The row of comparison (d, j) about a → b (a alone: its first row there)."""
        view, k = views.get((d, j)), number[(d, j)]
        found = view.row_anchor(a_id, b_id) if view else ""
        return "#" + (found or (link_anchor(k, a_id, b_id) if b_id else side_anchor(k, "a", a_id)))

    out = []
    for row in timeline(result):
        d, m = row.doc, row.measure
        cells = {}
        for j, cell in row.cells.items():
            doc_j = result.documents[j]
            hrefs = [anchor(d, j, m.id, i) for i in cell.ids]
            cells[j] = TimelineCellView(
                cell, labels=[_lookup(doc_j, i).label for i in cell.ids],
                targets=[f"{_lookup(doc_j, i).label} {_lookup(doc_j, i).title}" for i in cell.ids],
                href=hrefs[0] if hrefs else anchor(d, j, m.id), hrefs=hrefs)
        out.append(TimelineRowView(row, cells, summary=_summary(result, cells),
                                   href=anchor(d, min(row.cells), m.id)))
    return out


def _summary(result: Result, cells: dict[int, TimelineCellView]) -> str:
    """Where a measure lives on, in a phrase: "在全部 2 个后续文件中 in all 2 later documents",
    "仅在 X 中 only in X", "在 3 个后续文件中的 2 个 in 2 of 3 later documents", "均未延续（删除）
    nowhere (dropped)"."""
    total = len(cells)
    names = [result.documents[j].display_name for j, c in cells.items() if c.ids]
    n = len(names)
    return (f"在全部 {total} 个后续文件中 in all {total} later documents" if n == total and total > 1 else
            f"仅在 {names[0]} 中 only in {names[0]}" if n == 1 else
            f"在 {total} 个后续文件中的 {n} 个 in {n} of {total} later documents" if n else
            "均未延续（删除） nowhere (dropped)")


# ---------------------------------------------------------------- the view

