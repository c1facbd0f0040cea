"""The JSON report: the result's data (documents with their measures, comparisons with links,
unmatched measures and related pairs, settings, warnings, the applied review) and, from the view,
the timeline and each comparison's name and counts — the same numbers the workbook, the page and
the command line show. Documents also carry `file` (the input's file name) from the view; their
`source` is the file name too: no report gives away the folders the inputs sit in."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from compare.model import Result
from compare.report.build import View, as_view


def as_dict(view: View) -> dict[str, Any]:
    data = view.result.to_dict(timeline=[t.to_dict() for t in view.timeline])
    for d, dv in zip(data["documents"], view.documents, strict=True):
        d["file"] = d["source"] = dv.file
    for c, cv in zip(data["comparisons"], view.comparisons, strict=True):
        c["name"] = cv.name
        c["counts"] = cv.tallies()
    return data


def write_json(view: View | Result, path: Path) -> None:
    """Write the JSON; `compare.report.write_reports` makes the write atomic."""
    text = json.dumps(as_dict(as_view(view)), ensure_ascii=False, indent=1)   # one write, not one per token
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
