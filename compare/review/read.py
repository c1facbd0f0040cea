"""Reading a reviewed workbook: every Alignment row with a verdict, a changed Status or a note,
found by the hidden id columns (never by position)."""
from __future__ import annotations

from pathlib import Path

from compare.errors import InputError
from compare.model import Verdict
from compare.review.form import (
    OLD_SHEETS,
    OPTIONAL_FIELDS,
    REVIEW_ACTIONS,
    REVIEW_FIELDS,
    SHEET,
    VERDICT_LABELS,
    header_names,
    read_choice,
    status_cell,
    verdict_text,
)
from compare.vocab import ALL_STATUSES, CONFIRM, NOTE


def read_review(path: Path) -> list[Verdict]:
    """Verdicts of every Alignment row whose Review cell is filled, whose Status cell was changed,
    or that holds only a note. Opens the file read-only."""
    from openpyxl import load_workbook  # lazy: 0.12 s of start-up that runs without --review skip

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - zip, XML, extension, OS errors all mean "unreadable"
        raise InputError(path, f"not a readable Excel workbook ({_reason(exc)})") from None
    try:
        name = next((n for n in (SHEET, *OLD_SHEETS) if n in wb.sheetnames), None)
        if name is None:
            raise InputError(path, f"no '{SHEET}' sheet; review the .xlsx report written by compare")
        rows = wb[name].iter_rows(values_only=True)
        cols = _columns(path, next(rows, ()))
        bad: list[str] = []
        verdicts = [v for n, values in enumerate(rows, start=2)
                    if (v := _verdict(cols, values, n, bad)) is not None]
    finally:
        wb.close()
    if bad:
        shown = ", ".join(bad[:5]) + (" …" if len(bad) > 5 else "")
        raise InputError(path, f"unknown Review value(s): {shown}; use one of {', '.join(REVIEW_ACTIONS)} "
                               f"(or {'、'.join(VERDICT_LABELS[a] for a in REVIEW_ACTIONS)})")
    return verdicts


def _reason(exc: Exception) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return text.splitlines()[0] if text else type(exc).__name__


def _columns(path: Path, head: tuple) -> dict[str, int]:
    """Field -> column index, found by header text (this version's or an earlier one's), so
    added or moved columns do no harm. The Status columns are optional: without them (a workbook
    of an earlier version) a changed Status cannot be told."""
    names = {str(v).strip(): i for i, v in enumerate(head) if v is not None}
    found, missing = {}, []
    for field, header in REVIEW_FIELDS.items():
        at = next((names[h] for h in header_names(header) if h in names), None)
        if at is not None:
            found[field] = at
        elif field not in OPTIONAL_FIELDS:
            missing.append(header)
    if missing:
        raise InputError(path, f"the {SHEET} sheet lacks column(s) {', '.join(missing)}; "
                               "review the .xlsx report written by compare")
    if not all(f in found for f in OPTIONAL_FIELDS):
        for f in OPTIONAL_FIELDS:
            found.pop(f, None)
    return found


def _cell(values: tuple, i: int | None) -> str:
    """Cell text, "" when empty; 17.0 typed into a cell reads back as "17"."""
    v = values[i] if i is not None and i < len(values) else None
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _verdict(cols: dict[str, int], values: tuple, row: int, bad: list[str]) -> Verdict | None:
    """The verdict of one row, or None. An unreadable Review or Status value is added to `bad`
    (the whole review is refused: guessing could drop a rejection)."""
    typed, note = _cell(values, cols["action"]), _cell(values, cols["note"])
    action = read_choice(typed, REVIEW_ACTIONS)
    if action is None:
        bad.append(f"row {row} {typed!r}")
        return None
    edited, remark = _status_edit(cols, values, row, bad), ""
    source = "review"
    if edited and action in ("", CONFIRM):
        action, source = edited, "status"
    elif edited and edited != action:
        remark = (f"the Status cell was changed to {status_cell(edited)}, but the Review cell says "
                  f"{verdict_text(action)}: the Review verdict was applied, the Status edit was not")
    if not action and note:
        action, source = NOTE, "notes"
    if not action:
        return None
    comp = _cell(values, cols["comparison"])
    return Verdict(comparison=int(comp) if comp.isdigit() else -1,
                   a_id=_cell(values, cols["a_id"]), b_id=_cell(values, cols["b_id"]),
                   action=action, target=_cell(values, cols["target"]), note=note, row=row,
                   source=source, remark=remark)


def _status_edit(cols: dict[str, int], values: tuple, row: int, bad: list[str]) -> str:
    """The status a reviewer changed the row's Status cell to, or "" when it is as written (the
    hidden "status #" column keeps what the workbook wrote; a row without it was not a status)."""
    if "written" not in cols:
        return ""
    written, shown = _cell(values, cols["written"]), _cell(values, cols["status"])
    if written not in ALL_STATUSES or not shown or shown == status_cell(written):
        return ""
    status = read_choice(shown, ALL_STATUSES)
    if status is None:
        bad.append(f"row {row} Status {shown!r}")
        return ""
    return "" if status == written else status
