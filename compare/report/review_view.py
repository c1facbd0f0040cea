"""The applied review as reports show it: one mark per verdict on its row, rows the review
removed (rejected or relinked links) kept greyed, the summary line, each verdict's outcome."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from compare.model import Measure, Result, split_key
from compare.report.rows import Row, Side, _lookup
from compare.report.view import ComparisonView
from compare.review.form import verdict_text
from compare.vocab import NOTE, STATUS_LABELS


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
    gone: str = "gone"          # rejected, relinked, gone or again (form.GONE_LABELS)
    a_id: str = ""              # the ids the verdict names, also when no measure has them
    b_id: str = ""
    was_score: float | None = None
    a_key: str = ""             # the keys of measures this run does not have (a lost verdict's)
    b_key: str = ""


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
        """"审阅表第12行 row 12：改链目标 （九十） …", one per verdict not applied."""
        return [f"{v.where}：{v.reason}" for v in self.verdicts if not v.applied]

    @property
    def remarks(self) -> list[str]:
        """One line per applied verdict whose row held something that was not used (a Status
        edit the Review verdict overruled)."""
        return [f"{v.where}：{v.remark}" for v in self.verdicts if v.applied and v.remark]

    @property
    def summary(self) -> str:
        """"审阅 review：已采用 5 条审阅意见，未采用 1 条 applied 5 verdicts, skipped 1（审阅表第12行
        row 12：改链目标 （九十） …）" — what the command line says after a review."""
        kept = f"，保留 {self.notes} 条备注" if self.notes else ""
        line = (f"审阅 review：已采用 {self.applied} 条审阅意见{kept}，未采用 {self.skipped} 条 "
                f"applied {self.applied} verdict{'s' if self.applied != 1 else ''}")
        if self.notes:
            line += f" and {self.notes} note{'s' if self.notes != 1 else ''}"
        line += f", skipped {self.skipped}"
        if self.skipped:
            line += "（" + "；".join(self.skipped_lines) + "）"
        if self.remarks:
            line += "；" + "；".join(self.remarks)
        return line


def review_view(result: Result, comparisons: list[ComparisonView]) -> ReviewView | None:
    """The applied review as the reports show it (None without one): each verdict is put on the
    row it was typed on (`Row.typed`, `Row.marks`), or, when this result has no such row, on a
    `GoneRow` of its comparison; the link a relink made and the measures of a rejected link get
    a mark saying so."""
    if "review" not in result.settings and not result.review:
        return None
    rows = {(r.comparison, r.a.measure.id if r.a else "", r.b.measure.id if r.b else ""): r
            for c in comparisons for r in c.rows}
    gone: dict[int, list[GoneRow]] = defaultdict(list)
    skipped: list[tuple[int, str, str, str]] = []
    # applied verdicts first: of two verdicts on one row, the applied one is shown on it, the
    # other on a row of its own just above (so the next review of the workbook decides the same)
    for v in sorted(result.review, key=lambda v: not v.applied):
        own = _row_of(result, rows, gone, v)
        if not v.applied:
            skipped.append((v.row, verdict_text(v.action), v.reason, f"#{own.anchor}" if own.anchor else ""))
        else:
            _mark_effects(result, rows, v)
    counted = [v for v in result.review if v.action != NOTE]
    return ReviewView(file=str(result.settings.get("review", "")), verdicts=list(result.review),
                      applied=sum(v.applied for v in counted),
                      skipped=sum(not v.applied for v in result.review),
                      notes=sum(v.applied and v.action == NOTE for v in result.review),
                      gone=dict(gone), skipped_rows=skipped)


def _row_of(result: Result, rows: dict, gone: dict[int, list[GoneRow]], v) -> Row:
    """The row verdict v was typed on, marked with it: the view's row, or a GoneRow of its
    comparison (-1: none) when this result has no such row or it already carries a verdict."""
    own = None if v.lost else rows.get((v.comparison, v.a_id, v.b_id))
    if own is None or own.typed:
        taken = own is not None         # the row is there, with another verdict on it
        own = _gone_row(result, v)
        if taken:
            own.gone = "again"
        gone[v.comparison if 0 <= v.comparison < len(result.comparisons) else -1].append(own)
    own.typed.append(v)
    own.marks.append(ReviewMark(v.action, v.applied, verdict_outcome(result, v), v.note, True))
    if v.applied and v.remark:
        own.marks.append(ReviewMark(v.action, False, f"⚠ {v.remark}", "", True))
    return own


def workbook_rows(review: ReviewView | None, cv: ComparisonView) -> list[Row]:
    """The rows of comparison `cv` as the workbook lists them: the view's rows, and each row the
    result no longer has but a verdict names (`GoneRow`) just before the first row showing its
    old measure (else its new one, else at the end)."""
    gone = review.gone.get(cv.index, []) if review else []
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
        lost = g.a_key or g.b_key       # its ids are not this run's: at the end
        at = len(cv.rows) if lost else first_a.get(g.a_id, first_b.get(g.b_id, len(cv.rows)))
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
    if v.lost:              # its measures are not in this run: the row shows them as it did
        return GoneRow(v.comparison, "", _shown(v, "a"), _shown(v, "b"), gone=gone, a_id=v.a_id, b_id=v.b_id,
                       a_key=v.a_key, b_key=v.b_key)
    if 0 <= v.comparison < len(result.comparisons):
        comp = result.comparisons[v.comparison]
        k = v.comparison
        a = Side(comp.a, _lookup(result.documents[comp.a], v.a_id), comparison=k, role="a") if v.a_id else None
        b = Side(comp.b, _lookup(result.documents[comp.b], v.b_id), comparison=k, role="b") if v.b_id else None
    return GoneRow(v.comparison, v.was_status, a, b, gone=gone, a_id=v.a_id, b_id=v.b_id,
                   was_score=v.was_score)


def _shown(v, side: str) -> Side | None:
    """A side of a lost verdict's row: the measure as the reviewed workbook showed it (label,
    title), standing for a measure this run does not have."""
    mid = v.a_id if side == "a" else v.b_id
    if not (mid or getattr(v, f"{side}_key")):
        return None
    label = v.shown.get(f"{side}_label", "") or split_key(getattr(v, f"{side}_key"))[0] or mid
    m = Measure(id=mid, label=label, path=[], chapter="", title=v.shown.get(f"{side}_title", ""), text="")
    return Side(-1, m, comparison=v.comparison, role=side)


def _label(result: Result, k: int, side: str, mid: str) -> str:
    """The label of measure `mid` on `side` of comparison k (the id when there is none)."""
    if not (0 <= k < len(result.comparisons)) or not mid:
        return mid
    comp = result.comparisons[k]
    doc = result.documents[comp.a if side == "a" else comp.b]
    m = doc.find_measure(mid)
    return m.label if m is not None and m.label else mid


def verdict_outcome(result: Result, v) -> str:
    """What a verdict did on the row it was typed on, in one line, Chinese first."""
    if not v.applied:
        return f"⚠ 未采用 skipped：{v.reason}"
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
            row.marks.append(ReviewMark(v.action, True, f"✔ 审阅改链 relinked by review（{v.where_before}）",
                                        v.note, False))
    if v.was_status and v.a_id and v.b_id:
        a, b = _label(result, k, "a", v.a_id), _label(result, k, "b", v.b_id)
        text = f"{'改链离开 relinked away:' if v.link_a else '已拒绝 rejected:'} {a} → {b}"
        found = [rows.get((k, v.a_id, "")) if not v.link_a else None, rows.get((k, "", v.b_id))]
        found = [r for r in found if r is not None] or [   # both measures still linked elsewhere
            next((r for key, r in rows.items() if key[0] == k and key[1] == v.a_id), None)]
        for row in filter(None, found):
            row.marks.append(ReviewMark(v.action, True, text, v.note, False))
