"""The view as pandas DataFrames, for notebooks: `compare.compare(paths).to_frames()`.

The frames hold the facts the reports show, taken from the same view (so a notebook, the JSON,
the workbook and the page agree): documents, measures, rows (every alignment row: links, dropped
and new measures), links (the matches, as in the JSON's links), related (topic-only pairs),
timeline (one row per measure and later document) and counts (rows per status and comparison).
pandas is imported here only, so a run that never asks for frames never loads it.
"""
from __future__ import annotations

from typing import Any

from compare.model import Result
from compare.report.build import View, as_view
from compare.review.form import evidence_text
from compare.vocab import ALL_STATUSES


def frames(what: View | Result) -> dict[str, Any]:
    import pandas as pd  # lazy: pandas is for notebooks (~0.4 s to import); no report needs it
    view = as_view(what)
    docs = view.documents
    documents = [{"doc": d.index, "name": d.name, "file": d.file, "title": d.title,
                  "short_title": d.short_title, "doc_number": d.doc_number, "date": d.date,
                  "issuers": "、".join(d.issuers), "measures": d.measures, "warnings": len(d.warnings)}
                 for d in docs]
    measures = [{"doc": d.index, "document": d.name, "id": m.id, "label": m.label, "path": " › ".join(m.path),
                 "chapter": m.chapter, "title": m.title, "text": m.text, "units": "、".join(m.units),
                 "kind": m.kind, "order": m.order}
                for d in docs for m in d.document.measures]
    rows, links = [], []
    for c in view.comparisons:
        for r in c.rows:
            row = _row(c, r)
            rows.append(row)
            if r.link is not None:
                links.append(row)
    related = [{"comparison": c.index, "name": c.name, "a": lk.a, "b": lk.b, "score": lk.score}
               for c in view.comparisons for lk in c.comparison.related]
    timeline = [{"doc": t.doc, "document": docs[t.doc].name, "a": t.measure.id, "label": t.measure.label,
                 "title": t.measure.title, "later": j, "later_document": docs[j].name,
                 "lives_on": list(cell.ids), "status": cell.status, "statuses": list(cell.statuses),
                 "summary": t.summary}
                for t in view.timeline for j, cell in t.cells.items()]
    counts = [{"comparison": c.index, "name": c.name, **c.tallies()} for c in view.comparisons]
    table = {"documents": documents, "measures": measures, "rows": rows, "links": links,
             "related": related, "timeline": timeline, "counts": counts}
    return {name: pd.DataFrame(data, columns=COLUMNS[name]) for name, data in table.items()}


def _row(c, r) -> dict[str, Any]:
    """One alignment row of comparison `c`: a link, or a dropped or new measure (no b or no a)."""
    a = r.a.measure if r.a else None
    b = r.b.measure if r.b else None
    return {"comparison": c.index, "name": c.name, "a_doc": c.a, "b_doc": c.b,
            "a": a.id if a else None, "b": b.id if b else None,
            "a_label": a.label if a else None, "b_label": b.label if b else None,
            "a_title": a.title if a else None, "b_title": b.title if b else None,
            "chapter": r.chapter, "status": r.status, "secondary_status": r.secondary,
            "kind": r.kind, "score": r.score, "tier": r.tier, "confidence": r.confidence,
            "evidence": evidence_text(r), "related": r.related, "reviewed": r.reviewed,
            "note": r.note, "anchor": r.anchor}

_ROW = ["comparison", "name", "a_doc", "b_doc", "a", "b", "a_label", "b_label", "a_title", "b_title",
        "chapter", "status", "secondary_status", "kind", "score", "tier", "confidence", "evidence",
        "related", "reviewed", "note", "anchor"]
COLUMNS = {
    "documents": ["doc", "name", "file", "title", "short_title", "doc_number", "date", "issuers",
                  "measures", "warnings"],
    "measures": ["doc", "document", "id", "label", "path", "chapter", "title", "text", "units", "kind", "order"],
    "rows": _ROW,
    "links": _ROW,
    "related": ["comparison", "name", "a", "b", "score"],
    "timeline": ["doc", "document", "a", "label", "title", "later", "later_document", "lives_on",
                 "status", "statuses", "summary"],
    "counts": ["comparison", "name", *ALL_STATUSES, "to check", "related"],
}
