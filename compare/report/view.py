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

from compare.model import Comparison, Document, Evidence, Link, Measure, Result, TimelineCell, TimelineRow
from compare.review.form import verdict_text
from compare.timeline import headline, timeline
from compare.vocab import (
    ADDED,
    ALL_STATUSES,
    CHECK,
    COMMITMENT_MARKS,
    DROPPED,
    GENERALISED,
    KEPT,
    MINUS,
    MOVED,
    NARROWED,
    NEW,
    REWORDED,
    STATUS_LABELS,
    WIDENED,
)

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
    spoken: str = ""    # how a sentence names it: "2024年版", "2025—2027年行动方案", else 文号 or name

    @property
    def heading(self) -> str:
        """"川办发〔2024〕10号 推进川渝…（2024年版）": how a section head names the document
        (文号 and short title, each when known; the short name when neither is)."""
        return " ".join(filter(None, (self.doc_number, self.short_title))) or self.name


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


# A plan's period at the end of its title: （2024年版）, （2025—2027年）, (2023-2025年).
_PERIOD = re.compile(r"[（(]\s*((?:19|20)\d{2}\s*(?:[—–\-－~～至到]+\s*(?:19|20)?\d{2,4}\s*)?年(?:版|度)?)\s*[)）]\s*$")
# What kind of text it is, as a sentence names it after the period: 2025—2027年行动方案.
_GENRE = re.compile(r"(行动方案|实施方案|工作方案|方案|行动事项|工作要点|要点|事项|实施意见|意见|"
                    r"规划|行动计划|计划|办法|若干措施|措施|规定|细则)$")


def spoken_name(title: str) -> str:
    """"…行动方案（2025—2027年）" → "2025—2027年行动方案", "…（2024年版）" → "2024年版": the
    way a reader names a plan in a sentence, from the period its title gives; "" without one."""
    t = short_title(title)
    m = _PERIOD.search(t)
    if not m:
        return ""
    period = re.sub(r"\s+", "", m.group(1))
    if period.endswith("版"):
        return period
    genre = _GENRE.search(t[: m.start()].rstrip())
    return period + (genre.group(1) if genre else "")


def _spoken_names(docs: list[Document]) -> list[str]:
    """Each document's sentence name: its period (`spoken_name`), else its 文号, else its short
    name; a name two documents would share gives way to the short name."""
    names = [spoken_name(d.title) or d.doc_number or d.display_name for d in docs]
    return [n if names.count(n) == 1 else d.display_name for n, d in zip(names, docs, strict=True)]


def _document(index: int, doc: Document, spoken: str = "") -> DocumentView:
    return DocumentView(index=index, name=doc.display_name, file=file_name(doc.source),
                        title=doc.title, short_title=short_title(doc.title),
                        doc_number=doc.doc_number, date=doc.date, issuers=list(doc.issuers),
                        measures=len(doc.measures), warnings=list(doc.warnings), document=doc,
                        spoken=spoken or doc.display_name)


# ---------------------------------------------------------------- rows

@dataclass
class Side:
    """One side of a row: a measure of document `doc`, seen as side `role` ("a" old, "b" new) of
    comparison `comparison`, and what the reader should know about it there ("merged from
    （七）、（八）", "split into …"; `note_links` are those labels and the rows they name)."""
    doc: int
    measure: Measure
    note: str = ""
    comparison: int = 0
    role: str = "a"
    note_links: list[tuple[str, str, str]] = field(default_factory=list)   # ("（七）", "#c0-m007-n007", "m007")

    @property
    def href(self) -> str:
        """Link to the measure in this comparison (the first of its rows there)."""
        return f"#{side_anchor(self.comparison, self.role, self.measure.id)}"


def side_anchor(k: int, role: str, mid: str) -> str:
    """The anchor of measure `mid` as side `role` ("a" old, "b" new) of comparison `k`: the
    first place comparison k shows it, e.g. c0-a-m003, c1-b-m017."""
    return f"c{k}-{role}-{mid}"


def link_anchor(k: int, a_id: str, b_id: str) -> str:
    """The anchor of the row of comparison `k` showing the link a → b, e.g. c0-m001-m017."""
    return f"c{k}-{a_id}-{b_id}"


@dataclass
class Row:
    """One line of an alignment: a link, or a measure without counterpart on one side."""
    comparison: int
    status: str
    a: Side | None
    b: Side | None
    link: Link | None = None
    anchor: str = ""            # the row's id on the page (unique): c0-m001-m017, c0-a-m003, c0-b-m002
    a_anchor: str = ""          # a link's old measure's anchor (c0-a-m001), in its first row of the comparison
    b_anchor: str = ""          # a link's new measure's anchor (c0-b-m017), likewise
    chips: list[tuple[str, str]] = field(default_factory=list)     # (kind, "+冠心病")
    lines: list[tuple[str, str]] = field(default_factory=list)     # (change, "+ 新增：「…」")
    related: str = ""           # "no successor; nearest related: （八） …" for an unmatched measure
    nearest: Side | None = None  # that related measure
    typed: list = field(default_factory=list)   # review verdicts typed on this row (`review_view`)
    marks: list = field(default_factory=list)   # ReviewMark: what the review did here

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
class Card:
    """What the page shows as one block: a row, or the rows of a merge (several old measures →
    one new measure, shown once beside its sources) or of a split (one old measure, shown once
    beside the new measures it became)."""
    kind: str                   # "merge", "split" or "" (a single row)
    rows: list[Row]
    anchor: str = ""            # the shared measure's anchor (c0-b-m017 for a merge), "" if shown earlier

    @property
    def shared(self) -> Side | None:
        """The measure shown once: the new one of a merge, the old one of a split."""
        return self.rows[0].b if self.kind == "merge" else self.rows[0].a if self.kind == "split" else None


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


def _lookup(doc: Document, mid: str) -> Measure:
    """A measure by id; an id the document lacks (a hand-edited result) still gets a row."""
    m = doc.find_measure(mid)
    return m if m is not None else Measure(id=mid, label=mid, path=[], chapter="", title="（缺失的措施）",
                                           text="", order=len(doc.measures))


def _ordered_rows(k: int, comp: Comparison, da: Document, db: Document) -> list[Row]:
    """Rows in reading order: the older document's order, each new measure slotted in after the
    row holding the newer measure that precedes it."""
    def old(mid: str) -> Side:
        return Side(comp.a, _lookup(da, mid), comparison=k, role="a")

    def new(mid: str) -> Side:
        return Side(comp.b, _lookup(db, mid), comparison=k, role="b")

    rows = [Row(k, lk.status, old(lk.a), new(lk.b), lk) for lk in comp.links]
    rows += [Row(k, DROPPED, old(mid), None) for mid in comp.unmatched_a]
    rows.sort(key=lambda r: (r.a.measure.order, r.b.measure.order if r.b else -1))
    news = sorted((Row(k, NEW, None, new(mid)) for mid in comp.unmatched_b), key=lambda r: r.b.measure.order)
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
        change = c.change
        telling = change in (WIDENED, NARROWED, GENERALISED)    # a headline's change counts
        if change not in groups or (c.headline and not telling) or (not c.material and not c.headline):
            continue
        a, b, detail = c.a or "", c.b or "", c.detail
        if change == ADDED:
            text = f"「{b}」" + (f"（{detail}）" if detail else "")
        elif change == DROPPED:
            text = f"「{a}」" + ("（拆分后未承接）" if c.split else "")
        elif change in (WIDENED, NARROWED):
            text = f"{detail}「{b}」" if detail else f"「{a}」→「{b}」"
        elif change == GENERALISED:
            text = detail or f"「{a}」→「{b}」"
        elif change == MOVED:
            text = f"{detail.removeprefix('见')}「{a}」"
        else:
            text = f"「{_short(a, QUOTE_KEPT)}」"
        groups[change].append(text)
    groups[KEPT] += groups.pop(REWORDED)
    lines = []
    for change, texts in groups.items():
        if not texts:
            continue
        sign, label = COMMITMENT_MARKS[change]
        if change == KEPT:
            lines.append((change, f"{sign} {label}：" + "；".join(texts)))
        else:
            lines += [(change, f"{sign} {label}：{t}") for t in texts]
    return lines


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


class _Anchors:
    """Hands out page anchors, each once (see `side_anchor`, `link_anchor`)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def claim(self, name: str) -> str:
        """`name` if no one has it yet, else "" (the measure was shown earlier)."""
        if name in self.used:
            return ""
        self.used.add(name)
        return name

    def unique(self, name: str) -> str:
        """`name`, numbered (-2, -3, …) if taken: every row gets an id of its own."""
        n, base = 2, name
        while name in self.used:
            name, n = f"{base}-{n}", n + 1
        self.used.add(name)
        return name


def group_cards(rows: list[Row]) -> list[Card]:
    """The rows as the page shows them: all links into one new measure (a merge) as one card, at
    the place of its first row; all other links from one old measure (a split) likewise; every
    other row alone. Each row is in exactly one card, and card order keeps row order otherwise."""
    by_b: dict[str, list[Row]] = defaultdict(list)
    by_a: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r.link is not None:
            by_b[r.b.measure.id].append(r)
    merged = {id(r) for group in by_b.values() if len(group) > 1 for r in group}
    for r in rows:
        if r.link is not None and id(r) not in merged:
            by_a[r.a.measure.id].append(r)
    cards, placed = [], set()
    for r in rows:
        if id(r) in placed:
            continue
        if r.link is not None and len(by_b[r.b.measure.id]) > 1:
            card = Card("merge", by_b[r.b.measure.id])
        elif r.link is not None and len(by_a[r.a.measure.id]) > 1:
            card = Card("split", by_a[r.a.measure.id])
        else:
            card = Card("", [r])
        placed.update(id(x) for x in card.rows)
        cards.append(card)
    return cards


def _anchor_cards(k: int, cards: list[Card]) -> dict[tuple[str, str], str]:
    """Give every row, and every measure's first appearance in comparison `k`, its anchor, in
    page order; returns (a id, b id) -> anchor, ("", b id) and (a id, "") for the measures."""
    anchors = _Anchors()
    found: dict[tuple[str, str], str] = {}
    for card in cards:
        for row in card.rows:
            a_id = row.a.measure.id if row.a else ""
            b_id = row.b.measure.id if row.b else ""
            if row.a and row.b:
                row.anchor = anchors.unique(link_anchor(k, a_id, b_id))
                row.a_anchor = anchors.claim(side_anchor(k, "a", a_id))
                row.b_anchor = anchors.claim(side_anchor(k, "b", b_id))
                found.setdefault((a_id, b_id), row.anchor)
            else:
                role, mid = ("a", a_id) if row.a else ("b", b_id)
                row.anchor = anchors.claim(side_anchor(k, role, mid)) or anchors.unique(side_anchor(k, role, mid))
            if a_id:
                found.setdefault((a_id, ""), row.a_anchor or row.anchor)
            if b_id:
                found.setdefault(("", b_id), row.b_anchor or row.anchor)
        if card.kind == "merge":
            card.anchor = next((r.b_anchor for r in card.rows if r.b_anchor), "")
        elif card.kind == "split":
            card.anchor = next((r.a_anchor for r in card.rows if r.a_anchor), "")
    return found


def _comparison(result: Result, k: int) -> ComparisonView:
    comp = result.comparisons[k]
    da, db = result.documents[comp.a], result.documents[comp.b]
    rows = _ordered_rows(k, comp, da, db)
    a_to_b: dict[str, list[str]] = defaultdict(list)
    b_to_a: dict[str, list[str]] = defaultdict(list)
    statuses_a: dict[str, list[str]] = defaultdict(list)
    statuses_b: dict[str, list[str]] = defaultdict(list)
    for lk in comp.links:
        a_to_b[lk.a].append(lk.b)
        b_to_a[lk.b].append(lk.a)
        statuses_a[lk.a].append(lk.status)
        statuses_b[lk.b].append(lk.status)
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
                row.b.note = "merged from " + _labels(da, b_to_a[lk.b])
                row.b.note_links = [(_lookup(da, a).label or a, f"#{link_anchor(k, a, lk.b)}", a) for a in b_to_a[lk.b]]
            if len(a_to_b[lk.a]) > 1:
                row.a.note = "split into " + _labels(db, a_to_b[lk.a])
                row.a.note_links = [(_lookup(db, b).label or b, f"#{link_anchor(k, lk.a, b)}", b) for b in a_to_b[lk.a]]
        elif row.a is not None:
            hit = related_a.get(row.a.measure.id)
            if hit:
                row.nearest = Side(comp.b, _lookup(db, hit.b), comparison=k, role="b")
                row.related = _related_text("no successor", row.nearest)
        else:
            hit = related_b.get(row.b.measure.id)
            if hit:
                row.nearest = Side(comp.a, _lookup(da, hit.a), comparison=k, role="a")
                row.related = _related_text("no predecessor", row.nearest)
    cards = group_cards(rows)
    view_anchors = _anchor_cards(k, cards)
    counts = Counter(r.status for r in rows)
    chapters: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        chapters[r.chapter][r.status] += 1
    fates_a = {m.id: DROPPED for m in da.measures}
    fates_b = {m.id: NEW for m in db.measures}
    fates_a.update({mid: headline(s) for mid, s in statuses_a.items() if mid in fates_a})
    fates_b.update({mid: headline(s) for mid, s in statuses_b.items() if mid in fates_b})
    a_name, b_name = da.display_name, db.display_name
    return ComparisonView(
        index=k, a=comp.a, b=comp.b, name=f"{a_name} → {b_name}", a_name=a_name, b_name=b_name,
        rows=rows, counts={s: counts.get(s, 0) for s in ALL_STATUSES},
        to_check=sum(lk.confidence == CHECK for lk in comp.links), related=len(comp.related),
        chapters={ch: {s: c.get(s, 0) for s in ALL_STATUSES} for ch, c in chapters.items()},
        fates_a=fates_a, fates_b=fates_b, comparison=comp, anchors=view_anchors, cards=cards)


def summary_sentence(fates: Fates, a: str, b: str) -> str:
    """The comparison in one line, per measure, so that each document's numbers add up:
    "2024年版共39项措施：24项在2025—2027年行动方案中延续或并入（扩展4、收窄8、修订12），15项未再出现；
    2025—2027年行动方案共22项措施：10项为新增，12项承接2024年版的措施（其中5项由多项合并而成）"."""
    kept = "、".join(f"{STATUS_LABELS[s]}{n}" for s, n in fates.a_kept.items())
    lives = f"{fates.a_lives}项在{b}中{'延续或并入' if fates.a_merged else '延续'}" + (f"（{kept}）" if kept else "")
    merged = f"（其中{fates.b_merged}项由多项合并而成）" if fates.b_merged else ""
    return (f"{a}共{fates.a_total}项措施：{lives}，{fates.a_dropped}项未再出现；"
            f"{b}共{fates.b_total}项措施：{fates.b_new}项为新增，{fates.b_continues}项承接{a}的措施{merged}")


def _labels(doc: Document, ids: list[str]) -> str:
    return "、".join(_lookup(doc, i).label or i for i in ids)


def _related_text(lead: str, other: Side) -> str:
    """Context for a measure without counterpart: the measure of the other document on the same
    topic that shares no commitment with it (a `related` pair, never counted as a link)."""
    return f"{lead}; nearest related: {other.measure.label} {other.measure.title}"


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
    timeline: list[TimelineRowView]
    totals: dict[str, int]              # rows per status over all comparisons
    review: ReviewView | None = None    # the applied review (`review_view`), None without one

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
    comparisons = [_comparison(result, k) for k in range(len(result.comparisons))]
    totals: Counter = Counter()
    for c in comparisons:
        totals.update(c.counts)
    documents = [_document(i, d, spoken)
                 for i, (d, spoken) in enumerate(zip(result.documents, _spoken_names(result.documents), strict=True))]
    for c in comparisons:
        c.sentence = summary_sentence(c.fates(), documents[c.a].spoken, documents[c.b].spoken)
    view = View(result=result, title=" → ".join(d.name for d in documents), documents=documents,
                comparisons=comparisons, timeline=timeline_rows(result, comparisons),
                totals={s: totals.get(s, 0) for s in ALL_STATUSES})
    view.review = review_view(view)
    return view


def as_view(what: View | Result) -> View:
    """Writers accept a View, or a Result to build one from."""
    return what if isinstance(what, View) else build_view(what)


# ---------------------------------------------------------------- review

@dataclass
class ReviewMark:
    """One line a row shows about the applied review: a verdict typed on this row (`own`) and
    what it did, or why it was not applied; or what a verdict typed elsewhere did to this row
    (the link a relink made, a rejected link's measures)."""
    verdict: str
    applied: bool
    text: str                   # "✔ 已拒绝 rejected（原为 延续 continued 0.62）", "⚠ 未采用 skipped: …"
    note: str                   # the reviewer's note
    own: bool                   # typed on this row (not a verdict's effect seen from here)

    @property
    def cell(self) -> str:
        """The line in the workbook's Outcome cell: the note is added when it was typed on
        another row (this row's own note is in its Notes cell)."""
        return self.text + (f"：{self.note}" if self.note and not self.own else "")


@dataclass
class GoneRow(Row):
    """A row the result no longer has that carries a verdict: a rejected link, a link or an
    unmatched measure relinked elsewhere, or a row the verdict names that this run lacks. Only
    the workbook shows it, so that the next `--review` of that workbook applies the verdict again."""
    gone: str = "gone"          # rejected, relinked or gone (form.GONE_LABELS)
    a_id: str = ""              # the ids the verdict names, also when no measure has them
    b_id: str = ""
    was_score: float | None = None


@dataclass
class ReviewView:
    """The applied review: every verdict, how many were applied and skipped, and where each is."""
    file: str                   # the reviewed workbook's file name
    verdicts: list              # model.Verdict, in the reviewed workbook's row order
    applied: int                # verdicts applied (rows with only a note not counted)
    skipped: int                # verdicts (or notes) not applied
    notes: int                  # rows with only a note, kept
    gone: dict[int, list[GoneRow]] = field(default_factory=dict)  # comparison (-1: none) -> rows
    # each verdict not applied: (its row in the reviewed workbook, "改链 relink", why, "#anchor" of
    # the row it is about, "" when this result has no such row)
    skipped_rows: list[tuple[int, str, str, str]] = field(default_factory=list)

    @property
    def skipped_lines(self) -> list[str]:
        """"row 12: relink target （九十） names no measure in …", one per verdict not applied."""
        return [f"{v.where}: {v.reason}" for v in self.verdicts if not v.applied]

    @property
    def remarks(self) -> list[str]:
        """One line per applied verdict whose row held something that was not used (a Status
        edit the Review verdict overruled)."""
        return [f"{v.where}: {v.remark}" for v in self.verdicts if v.applied and v.remark]

    @property
    def summary(self) -> str:
        """"review: applied 5 verdicts, skipped 1 (row 12: relink target （九十） names no measure
        in …)" — what the command line says after a review."""
        line = f"review: applied {self.applied} verdict{'s' if self.applied != 1 else ''}"
        if self.notes:
            line += f" and {self.notes} note{'s' if self.notes != 1 else ''}"
        line += f", skipped {self.skipped}"
        if self.skipped:
            line += " (" + "; ".join(self.skipped_lines) + ")"
        if self.remarks:
            line += "; " + "; ".join(self.remarks)
        return line


def review_view(view: View) -> ReviewView | None:
    """The applied review as the reports show it (None without one): each verdict is put on the
    row it was typed on (`Row.typed`, `Row.marks`), or, when this result has no such row, on a
    `GoneRow` of its comparison; the link a relink made and the measures of a rejected link get
    a mark saying so."""
    result = view.result
    if "review" not in result.settings and not result.review:
        return None
    rows = {(r.comparison, r.a.measure.id if r.a else "", r.b.measure.id if r.b else ""): r
            for c in view.comparisons for r in c.rows}
    gone: dict[int, list[GoneRow]] = defaultdict(list)
    skipped: list[tuple[int, str, str, str]] = []
    for v in result.review:
        own = rows.get((v.comparison, v.a_id, v.b_id))
        if own is None or own.typed:
            own = _gone_row(result, v)
            gone[v.comparison if 0 <= v.comparison < len(result.comparisons) else -1].append(own)
        own.typed.append(v)
        own.marks.append(ReviewMark(v.action, v.applied, verdict_outcome(result, v), v.note, True))
        if v.applied and v.remark:
            own.marks.append(ReviewMark(v.action, False, f"⚠ {v.remark}", "", True))
        if not v.applied:
            skipped.append((v.row, verdict_text(v.action), v.reason, f"#{own.anchor}" if own.anchor else ""))
        else:
            _mark_effects(result, rows, v)
    counted = [v for v in result.review if v.action != "note"]
    return ReviewView(file=str(result.settings.get("review", "")), verdicts=list(result.review),
                      applied=sum(v.applied for v in counted),
                      skipped=sum(not v.applied for v in result.review),
                      notes=sum(v.applied and v.action == "note" for v in result.review),
                      gone=dict(gone), skipped_rows=skipped)


def workbook_rows(view: View, cv: ComparisonView) -> list[Row]:
    """The rows of comparison `cv` as the workbook lists them: the view's rows, and each row the
    result no longer has but a verdict names (`GoneRow`) just before the first row showing its
    old measure (else its new one, else at the end)."""
    gone = view.review.gone.get(cv.index, []) if view.review else []
    if not gone:
        return cv.rows
    first_a: dict[str, int] = {}
    first_b: dict[str, int] = {}
    for i, r in enumerate(cv.rows):
        if r.a:
            first_a.setdefault(r.a.measure.id, i)
        if r.b:
            first_b.setdefault(r.b.measure.id, i)
    before: dict[int, list[Row]] = defaultdict(list)
    for g in gone:
        at = first_a.get(g.a_id, first_b.get(g.b_id, len(cv.rows)))
        before[at].append(g)
    out: list[Row] = []
    for i, r in enumerate(cv.rows):
        out += before.get(i, [])
        out.append(r)
    return out + before.get(len(cv.rows), [])


def _gone_row(result: Result, v) -> GoneRow:
    gone = "gone"
    if v.applied and v.action == "relink":
        gone = "relinked"
    elif v.applied and v.was_status:
        gone = "rejected"
    a = b = None
    if 0 <= v.comparison < len(result.comparisons):
        comp = result.comparisons[v.comparison]
        k = v.comparison
        a = Side(comp.a, _lookup(result.documents[comp.a], v.a_id), comparison=k, role="a") if v.a_id else None
        b = Side(comp.b, _lookup(result.documents[comp.b], v.b_id), comparison=k, role="b") if v.b_id else None
    return GoneRow(v.comparison, v.was_status, a, b, gone=gone, a_id=v.a_id, b_id=v.b_id,
                   was_score=v.was_score)


def _label(result: Result, k: int, side: str, mid: str) -> str:
    if not (0 <= k < len(result.comparisons)) or not mid:
        return mid
    comp = result.comparisons[k]
    doc = result.documents[comp.a if side == "a" else comp.b]
    m = doc.find_measure(mid)
    return m.label if m is not None and m.label else mid


def verdict_outcome(result: Result, v) -> str:
    """What a verdict did on the row it was typed on, in one line, Chinese first."""
    if not v.applied:
        return f"⚠ 未采用 skipped: {v.reason}"
    said = verdict_text(v.action)
    was = f"（原为 {STATUS_LABELS.get(v.was_status, v.was_status)} {v.was_status}" + (
        f" {v.was_score:.2f}）" if v.was_score is not None else "）") if v.was_status else ""
    source = "（据“状态”列 from the Status column）" if v.source == "status" else ""
    if v.action == "note":
        return "✔ 备注已保留 note kept"
    if v.was_status and not v.link_a:
        how = "" if v.action == "reject" else f"：{said}"
        return f"✔ 已拒绝 rejected{how}{was}{source}"
    if v.was_status:
        target = _label(result, v.comparison, "b", v.link_b)
        return f"✔ 已改链至 {target} relinked to {target}{was}"
    if v.action == "relink" and (v.link_a, v.link_b) != (v.a_id, v.b_id):
        other = _label(result, v.comparison, "b", v.link_b) if v.a_id else _label(result, v.comparison, "a", v.link_a)
        return f"✔ 已改链：与 {other} 对应 relinked to {other}"
    if v.action == "relink":
        return "✔ 改链目标即现有对应，视为确认 relinked to the measure it is linked to: confirmed"
    if v.action == "confirm":
        return "✔ 已确认 confirmed"
    return f"✔ {'状态定为' if v.link_a else '已确认'} {said}{source}"


def _mark_effects(result: Result, rows: dict, v) -> None:
    """Marks on the rows an applied verdict changed other than its own: the link a relink made,
    and the rows of the measures a rejection (or a relink away) left without counterpart."""
    k = v.comparison
    if v.link_a and (v.link_a, v.link_b) != (v.a_id, v.b_id):
        row = rows.get((k, v.link_a, v.link_b))
        if row is not None:
            row.marks.append(ReviewMark(v.action, True, f"✔ 审阅改链 relinked by review（{v.where}）",
                                        v.note, False))
    if v.was_status and v.a_id and v.b_id:
        a, b = _label(result, k, "a", v.a_id), _label(result, k, "b", v.b_id)
        text = f"{'改链离开 relinked away:' if v.link_a else '已拒绝 rejected:'} {a} → {b}"
        found = [rows.get((k, v.a_id, "")) if not v.link_a else None, rows.get((k, "", v.b_id))]
        found = [r for r in found if r is not None] or [   # both measures still linked elsewhere
            next((r for key, r in rows.items() if key[0] == k and key[1] == v.a_id), None)]
        for row in filter(None, found):
            row.marks.append(ReviewMark(v.action, True, text, v.note, False))
