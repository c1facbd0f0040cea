"""The bundled three-plan run, as a new user makes it, and a round of review on it: the reports
the reading tests (counts, language, print) look at."""
from __future__ import annotations

from pathlib import Path

from conftest import INPUTS
from openpyxl import load_workbook

import compare
from compare.report import write_reports
from compare.review.form import SHEET

THREE = [INPUTS / "chuanyu-2024.txt", INPUTS / "chuanyu-2025-2027.txt", INPUTS / "shuanghe-2025.txt"]
STEM = "three"
FORMATS = ("xlsx", "html", "json")

# A reviewer's verdicts on the first comparison (2024 → 2025–2027), by (a id, b id): a link
# rejected with a note, the dropped （三） relinked to the measure that rejection frees, a status
# set where the tool's second reading differs ((二十二) → （八）: revised, or narrowed; the
# reviewer says expanded), and a relink to a measure that does not exist.
VERDICTS = {
    ("m001", "m017"): {"审阅 Review": "拒绝", "备注 Notes": "票制不是同一项措施"},
    ("m003", None): {"审阅 Review": "改链", "改链至 Relink to": "（十七）"},
    ("m022", "m008"): {"审阅 Review": "扩展 expanded"},
    ("m011", "m015"): {"审阅 Review": "改链", "改链至 Relink to": "（九十）"},
}


def reports(folder: Path, result) -> dict[str, Path]:
    paths = write_reports(result, folder, STEM, FORMATS)
    return {p.suffix[1:]: p for p in paths}


def type_verdicts(workbook: Path, out: Path, verdicts=VERDICTS) -> Path:
    """Type verdicts into the first comparison's rows named by (a id, b id), as a reviewer does."""
    wb = load_workbook(workbook)
    ws = wb[SHEET]
    col = {c.value: c.column for c in ws[1]}
    done = set()
    for r in range(2, ws.max_row + 1):
        key = (ws.cell(r, col["a id"]).value, ws.cell(r, col["b id"]).value)
        if ws.cell(r, col["comparison #"]).value == 0 and key in verdicts:
            for header, value in verdicts[key].items():
                ws.cell(r, col[header]).value = value
            done.add(key)
    assert done == set(verdicts)
    wb.save(out)
    return out


def reviewed_run(tmp: Path):
    """The three plans compared, reviewed once (VERDICTS), compared again with the review:
    (result, {format: path}) of the second run."""
    first = reports(tmp / "first", compare.compare(THREE))
    reviewed = type_verdicts(first["xlsx"], tmp / "reviewed.xlsx")
    result = compare.compare(THREE, review=reviewed)
    return result, reports(tmp / "second", result)
