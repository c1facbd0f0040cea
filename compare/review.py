"""Reads a reviewer's verdicts back from the Excel report and applies them to a Result.

The reviewer works in the Alignment sheet the workbook writer made from `report/form.py`: a
Review verdict per row, a "Relink to" target and Notes. Rows are identified by the hidden id
columns, never by position, so sorting or filtering the sheet in Excel does not change which
link a verdict is about. Only the form is imported from the reports (not the workbook writer),
and `compare.api` reads the verdicts before any comparison is made.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from .clean import fold
from .errors import InputError
from .model import DROPPED, NEW, STATUSES, STRONG, Comparison, Document, Link, Measure, Result, mark_kinds
from .report.form import REVIEW_ACTIONS, REVIEW_FIELDS, SHEET

Relink = Callable[[Measure, Measure], Link]
COLUMNS = REVIEW_FIELDS


@dataclass
class Verdict:
    """One reviewed row: which link or unmatched measure, what to do, and the spreadsheet row."""
    comparison: int
    a_id: str
    b_id: str
    action: str
    target: str = ""
    note: str = ""
    row: int = 0

    @property
    def where(self) -> str:
        return f"row {self.row}" if self.row else "verdict"


# ---------------------------------------------------------------- reading

def read_review(path: Path) -> list[Verdict]:
    """Verdicts of every Alignment row whose Review cell is filled. Opens the file read-only."""
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - zip, XML, extension, OS errors all mean "unreadable"
        raise InputError(path, f"not a readable Excel workbook ({_reason(exc)})") from None
    try:
        if SHEET not in wb.sheetnames:
            raise InputError(path, f"no '{SHEET}' sheet; review the .xlsx report written by compare")
        rows = wb[SHEET].iter_rows(values_only=True)
        cols = _columns(path, next(rows, ()))
        verdicts = [v for n, values in enumerate(rows, start=2)
                    if (v := _verdict(cols, values, n)) is not None]
    finally:
        wb.close()
    _check_actions(path, verdicts)
    return verdicts


def _reason(exc: Exception) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return text.splitlines()[0] if text else type(exc).__name__


def _columns(path: Path, head: tuple) -> dict[str, int]:
    """Field -> column index, found by header text so added or moved columns do no harm."""
    names = {str(v).strip(): i for i, v in enumerate(head) if v is not None}
    missing = [h for h in COLUMNS.values() if h not in names]
    if missing:
        raise InputError(path, f"the {SHEET} sheet lacks column(s) {', '.join(missing)}; "
                               "review the .xlsx report written by compare")
    return {field: names[h] for field, h in COLUMNS.items()}


def _cell(values: tuple, i: int) -> str:
    """Cell text, "" when empty; 17.0 typed into a cell reads back as "17"."""
    v = values[i] if i < len(values) else None
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _verdict(cols: dict[str, int], values: tuple, row: int) -> Verdict | None:
    action = _cell(values, cols["action"])
    if not action:
        return None
    comp = _cell(values, cols["comparison"])
    return Verdict(comparison=int(comp) if comp.isdigit() else -1,
                   a_id=_cell(values, cols["a_id"]), b_id=_cell(values, cols["b_id"]),
                   action=action.lower(), target=_cell(values, cols["target"]),
                   note=_cell(values, cols["note"]), row=row)


def _check_actions(path: Path, verdicts: list[Verdict]) -> None:
    """Refuse the whole review on an unknown verdict: guessing could drop a rejection."""
    bad = [v for v in verdicts if v.action not in REVIEW_ACTIONS]
    if bad:
        shown = ", ".join(f"row {v.row} {v.action!r}" for v in bad[:5]) + (" …" if len(bad) > 5 else "")
        raise InputError(path, f"unknown Review value(s): {shown}; use one of {', '.join(REVIEW_ACTIONS)}")


# ---------------------------------------------------------------- applying

def apply_review(result: Result, verdicts: list[Verdict], relink: Relink) -> list[str]:
    """Apply verdicts to `result` in place; returns one warning line per verdict not applied.

    `relink(measure_a, measure_b)` builds the Link for a relink verdict (the caller classifies).
    """
    warnings = []
    for v in verdicts:
        problem = _apply_one(result, v, relink)
        if problem:
            warnings.append(f"{v.where}: {problem}")
    return warnings


def _apply_one(result: Result, v: Verdict, relink: Relink) -> str:
    """Apply one verdict; returns why it could not be applied, or ""."""
    if v.comparison < 0:
        return "the row has no comparison number (hidden column comparison # is empty)"
    if v.comparison >= len(result.comparisons):
        return f"comparison #{v.comparison} does not exist in this result"
    comp = result.comparisons[v.comparison]
    doc_a, doc_b = result.documents[comp.a], result.documents[comp.b]
    for doc, mid in ((doc_a, v.a_id), (doc_b, v.b_id)):
        if mid and not _has(doc, mid):
            return f"measure id {mid!r} does not exist in {_name(doc)}"
    if v.a_id and v.b_id:
        link = next((lk for lk in comp.links if lk.a == v.a_id and lk.b == v.b_id), None)
        if link is None:
            return f"no link {v.a_id} → {v.b_id} in this result (was the workbook written for another run?)"
        return _on_link(result, comp, link, v, relink)
    if v.a_id or v.b_id:
        return _on_unmatched(result, comp, v, relink)
    return "the row has no measure ids (hidden columns a id / b id are empty)"


def _on_link(result: Result, comp: Comparison, link: Link, v: Verdict, relink: Relink) -> str:
    if v.action == "reject":
        comp.links.remove(link)
        _mark(comp, link.a, link.b)
        _settle(result, comp, {link.a}, {link.b})
        return ""
    if v.action == "relink":
        doc_b = result.documents[comp.b]
        target, problem = _target(doc_b, v.target)
        if problem:
            return problem
        if target.id == link.b:         # relinked to where it already points: a confirmation
            _review(link, v)
            _mark(comp, link.a, link.b)
            return ""
        comp.links.remove(link)
        new = _link(result, comp, link.a, target.id, v, relink)
        _mark(comp, link.a, link.b, target.id)
        _settle(result, comp, {link.a}, {link.b, new.b})
        return ""
    if v.action in STATUSES:
        link.status = v.action
    _review(link, v)
    _mark(comp, link.a, link.b)
    return ""


def _on_unmatched(result: Result, comp: Comparison, v: Verdict, relink: Relink) -> str:
    """A dropped (a only) or new (b only) row: only confirm and relink mean something here."""
    what = DROPPED if v.a_id else NEW
    if v.action == "confirm":
        _mark(comp, v.a_id, v.b_id)
        return ""
    if v.action != "relink":
        return (f"{v.action!r} applies to a link, but this row is a {what} measure; "
                "use relink with a Relink to target to link it")
    other = result.documents[comp.b if v.a_id else comp.a]
    target, problem = _target(other, v.target)
    if problem:
        return problem
    a_id, b_id = (v.a_id, target.id) if v.a_id else (target.id, v.b_id)
    _link(result, comp, a_id, b_id, v, relink)
    _mark(comp, a_id, b_id)
    _settle(result, comp, {a_id}, {b_id})
    return ""


def _link(result: Result, comp: Comparison, a_id: str, b_id: str, v: Verdict, relink: Relink) -> Link:
    """The link a → b, built by `relink` unless it already exists, marked reviewed."""
    link = next((lk for lk in comp.links if lk.a == a_id and lk.b == b_id), None)
    if link is None:
        ma, mb = result.documents[comp.a].measure(a_id), result.documents[comp.b].measure(b_id)
        link = relink(ma, mb)
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


def _mark(comp: Comparison, *ids: str) -> None:
    """Record touched measure ids once each, in the order verdicts touched them."""
    for mid in ids:
        if mid and mid not in comp.reviewed:
            comp.reviewed.append(mid)


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

def _target(doc: Document, target: str) -> tuple[Measure | None, str]:
    """The measure a "Relink to" cell names: an id, or a printed label such as （十七）/(十七)."""
    if not target:
        return None, f"relink needs a target in the Relink to column (an id or a label of {_name(doc)})"
    by_id = [m for m in doc.measures if m.id.lower() == target.lower()]
    if by_id:
        return by_id[0], ""
    key = fold_label(target)
    found = [m for m in doc.measures if key and fold_label(m.label) == key]
    if len(found) == 1:
        return found[0], ""
    if found:
        ids = ", ".join(m.id for m in found)
        return None, f"relink target {target!r} is ambiguous in {_name(doc)} ({ids}); give the id"
    return None, f"relink target {target!r} names no measure in {_name(doc)}"


def fold_label(label: str) -> str:
    """（十七）, (十七), ( 十七 ), 【十七】 and 十七、 all fold to 十七; 1. and 1、 fold to 1
    (width folding as everywhere else, `clean.fold`, then no spaces and no enclosing marks)."""
    return re.sub(r"\s+", "", fold(label)).strip("()[].、。【】〔〕")


def _has(doc: Document, mid: str) -> bool:
    return doc.find_measure(mid) is not None


def _name(doc: Document) -> str:
    return doc.display_name or "the document"
