"""The rows of a comparison in reading order (links, dropped and new measures), their anchors in
the page, their evidence as chips and lines, and merge/split cards."""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field

from compare.classify.commitments import QUOTE
from compare.model import CommitmentFate, Comparison, Document, Evidence, Link, Measure
from compare.vocab import (
    ADDED,
    COMMITMENT_MARKS,
    DROPPED,
    GENERALISED,
    KEPT,
    MINUS,
    MOVED,
    NARROWED,
    NEW,
    NOTE,
    REWORDED,
    SHARED,
    STATUSES,
    WIDENED,
)

QUOTE_KEPT = 18     # kept clauses are quoted shorter: they are context, not news


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
        """A close second reading of the status, when it differs from the status and no reviewer
        set the status (a reviewer's status settles which reading holds)."""
        second = self.link.secondary_status if self.link else ""
        if self.link is not None and self.link.reviewed in STATUSES:
            return ""
        return second if second != self.status else ""

    @property
    def reviewed(self) -> str:
        """The verdict that settled this row: a link's own (`Link.reviewed`, as the JSON's link
        says); on a dropped or new measure's row, the first applied verdict among its marks —
        typed on it (确认, 删除 …) or the rejection or relink that left it without counterpart."""
        if self.link is not None:
            return self.link.reviewed
        return next((m.verdict for m in self.marks if m.applied and m.verdict != NOTE), "")

    @property
    def note(self) -> str:
        """The reviewer's note on this row: a link's own (`Link.note`); on a dropped or new
        measure's row, the notes of the applied verdicts its marks show (a note alone included)."""
        if self.link is not None:
            return self.link.note
        return "；".join(dict.fromkeys(m.note for m in self.marks if m.applied and m.note))


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
    """(kind, text) pairs a reader scans: "+冠心病", "−重度失能", "10个工作日 → 5个工作日", "+单位：…",
    "时限：2024年12月底 → 2025年6月底"."""
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
    if ev.lead_change:
        chips.append(("unit", "牵头：" + ev.lead_change))
    if ev.deadline_change:
        chips.append(("unit", "时限：" + ev.deadline_change))
    return chips


def commitment_lines(ev: Evidence) -> list[tuple[str, str]]:
    """(change, line) for the material commitment changes of a link, grouped by change:
    "+ 新增：「…」", "− 不再提及：「…」", "↑ 扩大：重度失能 → 中度失能「…」", "≈ 概括：…", and one
    "= 保留：「…」；「…」" line for what is kept. Minor clauses (boilerplate, a means whose goal
    is kept, merged content no old measure owns) and headlines merely kept or dropped stay in the
    JSON only; a headline widened, narrowed or generalised is shown (it sets the status)."""
    groups: dict[str, list[str]] = {k: [] for k in COMMITMENT_MARKS}
    shown = [c for c in ev.commitments if c.change in groups and (c.material or c.headline)
             and not (c.headline and c.change not in (WIDENED, NARROWED, GENERALISED))]  # a headline's change counts
    for c in shown:
        groups[c.change].append(_commitment_text(c, quote_old=_shares_new_clause(c, shown)))
    groups[KEPT] += groups.pop(REWORDED)
    lines = [(SHARED, shared_line(ev.shared))] if ev.shared else []
    for change, texts in groups.items():
        if not texts:
            continue
        sign, label = COMMITMENT_MARKS[change]
        if change == KEPT:
            lines.append((change, f"{sign} {label}：" + "；".join(texts)))
        else:
            lines += [(change, f"{sign} {label}：{t}") for t in texts]
    return lines


def shared_line(shared: dict) -> str:
    """"≡ 共同承诺：「…」↔「…」（社保卡、一卡通）": the commitment a match cites."""
    sign, label = COMMITMENT_MARKS[SHARED]
    words = "、".join(shared.get("words", [])[:6])
    a, b = _short(shared.get("a", ""), QUOTE), _short(shared.get("b", ""), QUOTE)
    quote = f"「{a}」" if a == b else f"「{a}」↔「{b}」"
    return f"{sign} {label}：{quote}" + (f"（{words}）" if words else "")


def _shares_new_clause(c: CommitmentFate, shown: list[CommitmentFate]) -> bool:
    """Whether another shown commitment of the same change was restated by the same new clause
    (two old clauses widened into one): its line must then quote which old clause it is."""
    return bool(c.b) and sum(1 for o in shown if o.change == c.change and o.b == c.b) > 1


def _commitment_text(c: CommitmentFate, quote_old: bool = False) -> str:
    """What a line says of one commitment's fate, after its sign and label; `quote_old`: the old
    clause is quoted too, where the new one alone would not say which commitment it is."""
    a, b, detail = c.a or "", c.b or "", c.detail
    if c.change == ADDED:
        return f"「{b}」" + (f"（{detail}）" if detail else "")
    if c.change == DROPPED:
        return f"「{a}」" + ("（拆分后未承接）" if c.split else "")
    if c.change in (WIDENED, NARROWED):
        if detail and quote_old:
            return f"{detail}「{a}」→「{b}」"
        return f"{detail}「{b}」" if detail else f"「{a}」→「{b}」"
    if c.change == GENERALISED:
        return detail or f"「{a}」→「{b}」"
    if c.change == MOVED:
        return f"{detail.removeprefix('见')}「{a}」"
    return f"「{_short(a, QUOTE_KEPT)}」"


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
