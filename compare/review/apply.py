"""Applies a reviewer's verdicts to a Result.

The reviewer works in the Alignment sheet the workbook writer made from `form.py`: a verdict per
row in the Review column (Chinese or English: 拒绝 / reject …), a "Relink to" target and Notes,
or a changed Status. `read.py` reads them back by the hidden columns (never by position, so
sorting or filtering the sheet does not change which link a verdict is about) and
`identity.place` sets each verdict's measures to this run's, by their keys, or says why they are
not in this run. Every verdict and what became of it is kept in `Result.review`; the next
workbook writes each one back on its row, so a review is cumulative: the newest workbook,
reviewed again, gives the same result. Two rows with different verdicts on one link conflict:
one wins by a stated rule (`_conflicts`), the other is skipped naming both rows. `compare.api` reads and places the verdicts before any
comparison is made.
"""
from __future__ import annotations

from collections.abc import Callable

from compare.model import Comparison, Document, Link, Measure, Result, Verdict, mark_kinds
from compare.review.form import status_cell, verdict_text
from compare.review.identity import find_target
from compare.vocab import CONFIRM, DROPPED, NEW, NOTE, REJECT, RELINK, STATUS_LABELS, STATUSES, STRONG

Relink = Callable[[Measure, Measure, list[Link]], Link]
# Verdicts that change which measures are linked: applied before the others, so a confirmation
# or note on the link a relink makes finds it whatever order the sheet was sorted in.
STRUCTURAL = (REJECT, RELINK, NEW, DROPPED)

__all__ = ["apply_review", "problems"]


# ---------------------------------------------------------------- applying

def apply_review(result: Result, verdicts: list[Verdict], relink: Relink) -> list[str]:
    """Apply verdicts to `result` in place; returns one warning line per verdict not applied (and
    per Status edit a Review verdict overruled). Every verdict, with its outcome, is added to
    `result.review`.

    `relink(measure_a, measure_b, links)` builds the Link for a relink verdict given the comparison's
    links (the caller classifies it as the pipeline does).
    """
    overruled, repeats = _conflicts(verdicts)
    for v in sorted(verdicts, key=lambda v: v.action not in STRUCTURAL):   # stable: row order kept
        if id(v) in repeats:
            continue
        v.reason = overruled.get(id(v)) or _apply_one(result, v, relink)
        v.applied = not v.reason
    for v in verdicts:
        if id(v) in repeats:
            _follow(v, repeats[id(v)])
    for comp in result.comparisons:
        _order_reviewed(result, comp)
    result.review.extend(verdicts)
    return problems(verdicts)


def problems(verdicts: list[Verdict]) -> list[str]:
    """"审阅表第12行 row 12：改链目标 （九十） …": verdicts not applied, then Status edits a Review
    verdict overruled."""
    return ([f"{v.where}：{v.reason}" for v in verdicts if not v.applied]
            + [f"{v.where}：{v.remark}" for v in verdicts if v.applied and v.remark])


# ---------------------------------------------------------------- two rows, one link

def _conflicts(verdicts: list[Verdict]) -> tuple[dict[int, str], dict[int, Verdict]]:
    """Verdicts on the same row (comparison and measures), e.g. a row copied and its verdict
    changed. When they say different things one wins: a verdict that changes the alignment
    (reject, relink, new / dropped on a link) over one that keeps it (confirm, a status); between
    two of the same kind, the lower row (typed later). Returns why each other one is not applied
    (naming both rows), by id(verdict), and each verdict that only repeats the winner (the same
    verdict on two rows: applied once, both say so) with the verdict it repeats."""
    rows: dict[tuple, list[tuple[int, Verdict]]] = {}
    for n, v in enumerate(verdicts):
        if v.action != NOTE and not v.lost and v.comparison >= 0 and (v.a_id or v.b_id):
            rows.setdefault((v.comparison, v.a_id, v.b_id), []).append((n, v))
    overruled: dict[int, str] = {}
    repeats: dict[int, Verdict] = {}
    for group in (g for g in rows.values() if len(g) > 1):
        win = max(group, key=lambda nv: (_changes(nv[1]), nv[1].row, nv[0]))[1]
        for _, v in group:
            if v is not win and _says(v) == _says(win):
                repeats[id(v)] = win
            elif v is not win:
                overruled[id(v)] = _overruled(v, win)
    return overruled, repeats


def _says(v: Verdict) -> tuple[str, str]:
    """What a verdict says about its row: on a dropped or new row, new / dropped confirm it."""
    action = CONFIRM if v.action in (NEW, DROPPED) and not (v.a_id and v.b_id) else v.action
    return action, (v.target_id or v.target.strip()) if action == RELINK else ""


def _changes(v: Verdict) -> bool:
    return _says(v)[0] in STRUCTURAL


def _overruled(v: Verdict, win: Verdict) -> str:
    """Why `v` is not applied: `win`, on the same row, says otherwise (both rows named)."""
    on = f"{v.a_id} → {v.b_id}" if v.a_id and v.b_id else v.a_id or v.b_id
    zh, en = (f"审阅表第{win.row}行", f"row {win.row} of the reviewed workbook") if win.row else ("另一条审阅意见", "another verdict")
    why = (("改变对应的意见优先", "a verdict that changes the link wins over one that keeps it")
           if _changes(win) != _changes(v) else ("取靠下的一行", "the lower row wins"))
    return (f"与{zh}冲突：对 {on} 的审阅意见不同，采用了该行的“{verdict_text(win.action)}”，未采用本行的"
            f"“{verdict_text(v.action)}”（{why[0]}）；请清除其中一行 conflicts with {en} on {on}: its "
            f"{verdict_text(win.action)} was applied, not this row's {verdict_text(v.action)} ({why[1]}); clear one of them")


def _follow(v: Verdict, first: Verdict) -> None:
    """A verdict repeating another one on the same row: it did what that one did."""
    v.applied, v.reason = first.applied, first.reason
    v.link_a, v.link_b, v.was_status, v.was_score = first.link_a, first.link_b, first.was_status, first.was_score
    v.target_key = v.target_key or first.target_key


# ---------------------------------------------------------------- one verdict

def _apply_one(result: Result, v: Verdict, relink: Relink) -> str:
    """Apply one verdict; returns why it could not be applied, or "". A verdict whose measures
    are not in this run (`identity.place` said why) is not applied."""
    if v.lost:
        return v.lost
    if v.comparison < 0:
        return "该行没有比较编号（隐藏列 comparison # 为空） the row has no comparison number (hidden column comparison # is empty)"
    if v.comparison >= len(result.comparisons):
        return f"本次结果没有第 {v.comparison} 组比较 comparison #{v.comparison} does not exist in this result"
    comp = result.comparisons[v.comparison]
    doc_a, doc_b = result.documents[comp.a], result.documents[comp.b]
    for doc, mid in ((doc_a, v.a_id), (doc_b, v.b_id)):
        if mid and not _has(doc, mid):
            return f"{_name(doc)} 中没有措施编号 {mid} measure id {mid!r} does not exist in {_name(doc)}"
    if v.a_id and v.b_id:
        link = next((lk for lk in comp.links if lk.a == v.a_id and lk.b == v.b_id), None)
        if link is None:
            return f"本次结果没有关联 {v.a_id} → {v.b_id} no link {v.a_id} → {v.b_id} in this result"
        return _on_link(result, comp, link, v, relink)
    if v.a_id or v.b_id:
        return _on_unmatched(result, comp, v, relink)
    return "该行没有措施编号（隐藏列 a id / b id 为空） the row has no measure ids (hidden columns a id / b id are empty)"


def _on_link(result: Result, comp: Comparison, link: Link, v: Verdict, relink: Relink) -> str:
    if v.action in (REJECT, NEW, DROPPED):          # new / dropped: the link should not be
        _remember(v, link)
        comp.links.remove(link)
        _mark(comp, [link.a], [link.b])
        _settle(result, comp, {link.a}, {link.b})
        return ""
    if v.action == RELINK:
        doc_b = result.documents[comp.b]
        target, problem = _target(doc_b, v)
        if problem:
            return problem
        if target.id == link.b:         # relinked to where it already points: a confirmation
            _review(link, v)
            _mark(comp, [link.a], [link.b])
            return ""
        _remember(v, link)
        comp.links.remove(link)
        new = _link(result, comp, link.a, target.id, v, relink)
        _mark(comp, [link.a], [link.b, target.id])
        _settle(result, comp, {link.a}, {link.b, new.b})
        return ""
    if v.action == NOTE:
        link.note = v.note
        v.link_a, v.link_b = link.a, link.b
        return ""
    if v.action in STATUSES:
        link.status = v.action
    _review(link, v)
    _mark(comp, [link.a], [link.b])
    return ""


def _on_unmatched(result: Result, comp: Comparison, v: Verdict, relink: Relink) -> str:
    """A dropped (a only) or new (b only) row: confirm (or the row's own status) and relink mean
    something here, and a note is kept."""
    what = DROPPED if v.a_id else NEW
    if v.a_id and v.a_id not in comp.unmatched_a or v.b_id and v.b_id not in comp.unmatched_b:
        return (f"{v.a_id or v.b_id} 在本次结果中不是{STATUS_LABELS[what]}措施 "
                f"{v.a_id or v.b_id} is not a {what} measure in this result")
    if v.action in (CONFIRM, what, NOTE):
        if v.action != NOTE:
            _mark(comp, [v.a_id], [v.b_id])
        return ""
    if v.action != RELINK:
        return (f"“{verdict_text(v.action)}”只用于关联，此行是{STATUS_LABELS[what]}措施；如要关联，请用“改链”并填写“改链至” "
                f"{verdict_text(v.action)} applies to a link, but this row is a {status_cell(what)} measure; "
                "use 改链 relink with a Relink to target to link it")
    other = result.documents[comp.b if v.a_id else comp.a]
    target, problem = _target(other, v)
    if problem:
        return problem
    a_id, b_id = (v.a_id, target.id) if v.a_id else (target.id, v.b_id)
    _link(result, comp, a_id, b_id, v, relink)
    _mark(comp, [a_id], [b_id])
    _settle(result, comp, {a_id}, {b_id})
    return ""


def _remember(v: Verdict, link: Link) -> None:
    """The link a verdict takes away, as it was: the reports say what was rejected."""
    v.was_status, v.was_score = link.status, round(link.score, 3)


def _link(result: Result, comp: Comparison, a_id: str, b_id: str, v: Verdict, relink: Relink) -> Link:
    """The link a → b, built by `relink` unless it already exists, marked reviewed."""
    link = next((lk for lk in comp.links if lk.a == a_id and lk.b == b_id), None)
    if link is None:
        ma, mb = result.documents[comp.a].measure(a_id), result.documents[comp.b].measure(b_id)
        link = relink(ma, mb, comp.links)
        link.a, link.b = a_id, b_id
        comp.links.append(link)
        _sort_links(result, comp)
    _review(link, v)
    return link


def _review(link: Link, v: Verdict) -> None:
    link.reviewed = v.action
    link.confidence = STRONG            # a reviewer's verdict settles it: nothing left to check
    if v.note:
        link.note = v.note
    v.link_a, v.link_b = link.a, link.b


def _mark(comp: Comparison, a_ids: list[str], b_ids: list[str]) -> None:
    """Record touched measures once each, per document: both documents may number their
    measures m001 …, and an old m014 and a new m014 are two measures."""
    for ids, reviewed in ((a_ids, comp.reviewed_a), (b_ids, comp.reviewed_b)):
        reviewed.extend(mid for mid in dict.fromkeys(ids) if mid and mid not in reviewed)


def _order_reviewed(result: Result, comp: Comparison) -> None:
    """Touched ids of each document in its order, whatever order the sheet listed the verdicts
    in: a re-review of the same verdicts gives the same lists."""
    for doc, reviewed in ((result.documents[comp.a], comp.reviewed_a), (result.documents[comp.b], comp.reviewed_b)):
        order = {m.id: m.order for m in doc.measures}
        reviewed.sort(key=lambda i: (order.get(i, len(order)), i))


def _settle(result: Result, comp: Comparison, a_ids: set[str], b_ids: set[str]) -> None:
    """After links changed: measures left without any link become dropped/new, linked ones stop
    being so, and merge/split kinds of the links around them are recomputed."""
    linked_a = {lk.a for lk in comp.links}
    linked_b = {lk.b for lk in comp.links}
    comp.unmatched_a = _ordered(result.documents[comp.a], _update(comp.unmatched_a, a_ids, linked_a))
    comp.unmatched_b = _ordered(result.documents[comp.b], _update(comp.unmatched_b, b_ids, linked_b))
    # a related pair is context for a measure without counterpart: gone once both sides are linked
    comp.related = [r for r in comp.related if r.a in comp.unmatched_a or r.b in comp.unmatched_b]
    mark_kinds(comp.links)


def _update(unmatched: list[str], touched: set[str], linked: set[str]) -> set[str]:
    return {m for m in unmatched if m not in linked} | {m for m in touched if m not in linked}


def _ordered(doc: Document, ids: set[str]) -> list[str]:
    order = {m.id: m.order for m in doc.measures}
    return sorted(ids, key=lambda i: (order.get(i, len(order)), i))


def _sort_links(result: Result, comp: Comparison) -> None:
    order_a = {m.id: m.order for m in result.documents[comp.a].measures}
    order_b = {m.id: m.order for m in result.documents[comp.b].measures}
    comp.links.sort(key=lambda lk: (order_a.get(lk.a, 0), order_b.get(lk.b, 0)))


# ---------------------------------------------------------------- targets

def _target(doc: Document, v: Verdict) -> tuple[Measure | None, str]:
    """The measure a relink verdict's "Relink to" cell names in `doc`: the one `identity.place`
    found by the target's key, else (a verdict made here, not read from a workbook) an id or a
    printed label such as （十七）/(十七) read in `doc` (`identity.find_target`)."""
    if v.target_problem:
        return None, v.target_problem
    target = doc.find_measure(v.target_id) if v.target_id else None
    problem = ""
    if target is None:
        target, problem = find_target(doc.measures, v.target, _name(doc))
    if target is not None:
        v.target_key = target.key       # the next workbook keeps it with the Relink to text
    return target, problem


def _has(doc: Document, mid: str) -> bool:
    return doc.find_measure(mid) is not None


def _name(doc: Document) -> str:
    return doc.display_name or "该文件 the document"
