"""The HTML report: one self-contained page (inline CSS and JS, no network), rendered from the view.

Large comparisons stay usable: when a comparison has more than ROW_LIMIT rows its rows are
grouped by chapter into <details> sections, those past the first ROW_LIMIT rows closed, so the
browser lays out only what is open (a link to a row in a closed section opens it; a search
opens the sections holding matches). The timeline is grouped the same way.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..model import Result
from .labels import ALL_STATUSES, CONFIDENCE_LABELS, KIND_LABELS, STATUS_COLOURS, status_label
from .view import ComparisonView, Row, Side, View, as_view

TEMPLATES = Path(__file__).with_name("templates")
ROW_LIMIT = 400          # rows shown open per comparison (and timeline rows) before folding


def redline(diff: list[list[str]], side: str, text: str) -> Markup:
    """One side of the character diff: the old text with <del>, or the new one with <ins>; a
    clause that moved (ops "<" old place, ">" new place) is a <mark class="moved"> on each side.

    Falls back to the plain text when the diff does not rebuild it, so a stale diff can never
    show words the measure does not contain. Every piece is escaped here.
    """
    keep, tag, mark, moved = (("=", "-", "<"), "del", "-", "<") if side == "a" else (("=", "+", ">"), "ins", "+", ">")
    pieces = [(op, t) for op, t in diff if op in keep]
    if not diff or "".join(t for _, t in pieces) != text:
        return escape(text)
    title = "移至别处 moved from here" if side == "a" else "由别处移来 moved here"
    return Markup("").join(
        Markup(f"<{tag}>{escape(t)}</{tag}>") if op == mark else
        Markup(f'<mark class="moved" title="{title}">{escape(t)}</mark>') if op == moved else escape(t)
        for op, t in pieces)


def _side(side: Side | None, text: Markup) -> dict[str, Any]:
    if side is None:
        return {}
    m = side.measure
    return {"label": m.label, "title": m.title, "chapter": m.chapter, "text": text,
            "units": "、".join(m.units), "kind": m.kind, "href": side.href, "note": side.note, "id": m.id}


def _row(row: Row) -> dict[str, Any]:
    """What the template needs for one row, text already escaped and redlined."""
    diff = row.link.evidence.diff if row.link else []
    return {
        "id": row.anchor, "a_anchor": row.a_anchor, "status": row.status,
        "chapter_a": row.a.measure.chapter if row.a else "", "chapter_b": row.b.measure.chapter if row.b else "",
        "a": _side(row.a, redline(diff, "a", row.a.measure.text) if row.a else Markup("")),
        "b": _side(row.b, redline(diff, "b", row.b.measure.text) if row.b else Markup("")),
        "score": f"{row.score:.2f}" if row.link else "",
        "kind": KIND_LABELS.get(row.kind, ""), "reviewed": row.reviewed, "note": row.note,
        "chips": row.chips, "commitments": row.lines, "secondary": row.secondary,
        "confidence": row.confidence, "related": row.related,
    }


def _groups(rows: list[Any], chapter_of, limit: int = ROW_LIMIT) -> list[dict[str, Any]]:
    """Rows in runs of one chapter. Up to `limit` rows: one plain group (no folding); beyond,
    every run is a foldable group, open while the rows before it are within the limit."""
    if len(rows) <= limit:
        return [{"chapter": "", "rows": rows, "fold": False, "open": True}]
    groups: list[dict[str, Any]] = []
    seen = 0
    for r in rows:
        ch = chapter_of(r)
        if not groups or groups[-1]["chapter"] != ch:
            groups.append({"chapter": ch, "rows": [], "fold": True, "open": seen < limit})
        groups[-1]["rows"].append(r)
        seen += 1
    return groups


def _bars(chapters: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """Per-chapter stacked bars, widths relative to the largest chapter so bars compare."""
    biggest = max((sum(c.values()) for c in chapters.values()), default=0) or 1
    return [{"chapter": ch or "（无章节）", "total": sum(c.values()),
             "segments": [(s, n, f"{100 * n / biggest:.2f}") for s, n in c.items() if n]}
            for ch, c in chapters.items()]


def _comparison(c: ComparisonView, limit: int) -> dict[str, Any]:
    rows = [_row(r) for r in c.rows]
    return {"index": c.index, "name": c.name, "a_name": c.a_name, "b_name": c.b_name,
            "counts": c.counts, "bars": _bars(c.chapters),
            "groups": _groups(rows, _reading_chapter(), limit)}


def _reading_chapter():
    """Rows read in the older document's order, so they are grouped by its chapters; a new
    measure stays in the group of the row it follows."""
    current = [""]

    def chapter_of(row: dict[str, Any]) -> str:
        if row["a"]:
            current[0] = row["chapter_a"]
        return current[0] or row["chapter_b"]
    return chapter_of


def _timeline(view: View, limit: int) -> list[dict[str, Any]]:
    """Each measure of every document but the last against each later document, for three or
    more documents, in groups (by document and chapter) when there are many."""
    n = len(view.documents)
    if not view.timeline:
        return []
    out = []
    for t in view.timeline:
        cells = []
        for j in range(1, n):
            cell = t.cells.get(j)
            if cell is None:
                cells.append(None)
                continue
            several = len(set(cell.id_statuses)) > 1
            labels = [(label, s if several else "") for label, s in zip(cell.labels, cell.id_statuses, strict=True)]
            cells.append({"status": cell.status, "statuses": " ".join(cell.statuses), "labels": labels,
                          "href": cell.href})
        out.append({"label": t.measure.label, "title": t.measure.title, "href": t.href, "cells": cells,
                    "doc": view.documents[t.doc].name if t.doc else "", "key": f"{t.doc}:{t.measure.id}",
                    "chapter": f"{view.documents[t.doc].name} · {t.measure.chapter}"})
    return _groups(out, lambda r: r["chapter"], limit)


def _setting(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def render_html(view: View | Result, limit: int = ROW_LIMIT) -> str:
    """The whole page as a string; no clock or random input, so equal results give equal pages."""
    view = as_view(view)
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["label"] = status_label
    return env.get_template("report.html.j2").render(
        title=view.title, documents=view.documents,
        comparisons=[_comparison(c, limit) for c in view.comparisons], chapters=view.chapters,
        totals=view.totals, statuses=ALL_STATUSES, colours=STATUS_COLOURS,
        confidence_labels=CONFIDENCE_LABELS, timeline=_timeline(view, limit),
        later=[d.name for d in view.documents[1:]],
        settings=[(k, _setting(v)) for k, v in view.settings.items()], warnings=view.warnings)


def write_html(view: View | Result, path: Path) -> None:
    """Write the page; `compare.report.write_reports` makes the write atomic."""
    Path(path).write_text(render_html(view), encoding="utf-8")
