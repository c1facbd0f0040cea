"""The HTML report: one self-contained page (inline CSS and JS, no network), rendered from the view.

What the page promises its reader, and where it is kept:
- every link lands on the row it names, in its own comparison's section (anchors from the view:
  c0-a-m003, c0-b-m017, c0-m001-m017; rows carry data-comparison/-a/-b), below the sticky header;
- the summary counts each document's own measures (`Fates`), so its numbers add up;
- a merge (several old measures → one new) is one card with the new text once; a split likewise;
- search folds width, Traditional/Simplified and spaces as matching does: the page folds the
  query and each row's text by one rule, NFKC plus a small character map made by
  `compare.text.normalize` itself (`fold_pairs`), no spaces, lower case.

Large comparisons stay usable: when a comparison has more than ROW_LIMIT rows its cards are
grouped by chapter into <details> sections, those past the first ROW_LIMIT rows closed, so the
browser lays out only what is open (a link to a row in a closed section opens it; a search
opens the sections holding matches). The timeline is grouped the same way.
"""
from __future__ import annotations

import os
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from compare.cache import cache_dirs
from compare.classify.redline import readable
from compare.model import Result
from compare.report.build import View, as_view
from compare.report.documents import DocumentView, file_name
from compare.report.view import NEAREST, Card, ComparisonView, Row, Side
from compare.text.normalize import normalize
from compare.vocab import (
    ALL_COMPARISONS_LABEL,
    ALL_STATUSES,
    CONFIDENCE_LABELS,
    KIND_LABELS,
    STATUS_COLOURS,
    kind_text,
    setting_label,
    status_label,
)

TEMPLATES = Path(__file__).with_name("templates")
ROW_LIMIT = 400          # rows shown open per comparison (and timeline rows) before folding

# What each status means, as the legend says it (the rules are the README's status table).
STATUS_MEANINGS = {
    "unchanged": "正文和责任单位都相同 same text and units",
    "continued": "每项实质承诺都有重述 every commitment restated",
    "expanded": "有扩大或新增，无删减 something widened or added, nothing cut",
    "narrowed": "有删减或收窄，无扩大 something dropped or narrowed, nothing added",
    "revised": "既有扩大又有删减，或做法整体替换 both, or the approach replaced",
    "new": "新文件中没有前身 no predecessor in the older document",
    "dropped": "后一文件中未再出现 not found in the newer document",
}


def redline(diff: list[list[str]], side: str, text: str) -> Markup:
    """One side of the word diff: the old text with <del>, or the new one with <ins>; a
    clause that moved (ops "<" old place, ">" new place) is a <mark class="moved"> on each side.

    Falls back to the plain text when the diff does not rebuild it, so a stale diff can never
    show words the measure does not contain, and when the measure was rewritten rather than
    edited (`classify.redline.readable`): the two texts then stand side by side as printed.
    Every piece is escaped here.
    """
    keep, tag, mark, moved = (("=", "-", "<"), "del", "-", "<") if side == "a" else (("=", "+", ">"), "ins", "+", ">")
    pieces = [(op, t) for op, t in diff if op in keep]
    if not diff or not readable(diff) or "".join(t for _, t in pieces) != text:
        return escape(text)
    title = "移至别处 moved from here" if side == "a" else "由别处移来 moved here"
    return Markup("").join(
        Markup(f"<{tag}>{escape(t)}</{tag}>") if op == mark else
        Markup(f'<mark class="moved" title="{title}">{escape(t)}</mark>') if op == moved else escape(t)
        for op, t in pieces)


def redline_shared(diffs: list[list[list[str]]], side: str, text: str) -> Markup:
    """The measure a merge (side "b") or a split (side "a") shows once: marked <ins> (<del>)
    only where it differs from EVERY measure on the other side, i.e. the text none of the
    sources has (none of the successors keeps). Diffs that do not rebuild the text, and those of
    rewritten measures (`readable`), are ignored; with none left, the plain text."""
    keep, mark, tag = (("=", "-", "<"), "-", "del") if side == "a" else (("=", "+", ">"), "+", "ins")
    marked = [True] * len(text)
    usable = 0
    for diff in diffs:
        pieces = [(op, t) for op, t in diff if op in keep]
        if not diff or not readable(diff) or "".join(t for _, t in pieces) != text:
            continue
        usable += 1
        at = 0
        for op, t in pieces:
            if op != mark:
                marked[at:at + len(t)] = [False] * len(t)
            at += len(t)
    if not usable or not any(marked):
        return escape(text)
    out, start = [], 0
    for i in range(1, len(text) + 1):
        if i == len(text) or marked[i] != marked[start]:
            piece = escape(text[start:i])
            out.append(Markup(f"<{tag}>{piece}</{tag}>") if marked[start] else piece)
            start = i
    return Markup("").join(out)


# ---------------------------------------------------------------- search folding

# Characters a query or a row may hold that `normalize` folds beyond NFKC and lower case:
# the punctuation blocks (quotes, dashes) and CJK ideographs (Traditional → Simplified).
_PUNCTUATION = ((0x2000, 0x206F), (0x3000, 0x303F), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))
_IDEOGRAPHS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))
_SEPARATOR = "|"


@lru_cache(maxsize=1)
def _fold_table() -> dict[str, str]:
    """char -> the one character `normalize` makes of it, where NFKC and lower case alone would
    not (異 -> 异, “ -> \"), computed by `normalize` itself in one call (~10 ms)."""
    chars = [c for lo, hi in _PUNCTUATION for c in map(chr, range(lo, hi + 1))
             if unicodedata.category(c)[0] != "C" and not c.isspace()
             and _SEPARATOR not in unicodedata.normalize("NFKC", c)]        # ｜ is | to NFKC already
    chars += [chr(c) for lo, hi in _IDEOGRAPHS for c in range(lo, hi + 1)]
    folded = normalize(_SEPARATOR.join(chars)).split(_SEPARATOR)
    if len(folded) != len(chars):          # a character folded into the separator: one by one
        folded = [normalize(c) for c in chars]
    return {c: f for c, f in zip(chars, folded, strict=True)
            if f != c and len(f) == 1 and f != unicodedata.normalize("NFKC", c).lower()}


def fold_pairs(texts: Iterable[str]) -> str:
    """The page's folding map as one string of pairs ("異异醫医“\""): the page folds both the
    query and each row's text with NFKC, this map, no spaces and lower case — `normalize`,
    character by character, the same rule on both sides. Only characters the page holds, or
    that fold into one it holds, are listed (anything else cannot match), so the map is small."""
    present = set("".join(texts))
    return "".join(c + f for c, f in sorted(_fold_table().items()) if c in present or f in present)


def _page_texts(view: View) -> list[str]:
    """Every text a row of the page shows (measures, evidence, status names)."""
    texts = [m.label + m.title + m.chapter + m.text + "".join(m.units)
             for d in view.documents for m in d.document.measures]
    texts += [t for r in view.rows for _, t in (*r.chips, *r.lines)] + [r.related for r in view.rows]
    return texts + [status_label(s) for s in ALL_STATUSES] + list(CONFIDENCE_LABELS.values())


# ---------------------------------------------------------------- rows and cards

def _side(side: Side | None, text: Markup, anchor: str = "") -> dict[str, Any]:
    if side is None:
        return {}
    m = side.measure
    return {"label": m.label, "title": m.title, "chapter": m.chapter, "text": text,
            "units": "、".join(m.units), "kind": m.kind, "kind_text": kind_text(m.kind), "href": side.href,
            "note": side.note,
            "note_links": side.note_links, "id": m.id, "anchor": anchor, "role": side.role,
            "comparison": side.comparison}


def _row(row: Row) -> dict[str, Any]:
    """What the template needs for one row, text already escaped and redlined."""
    diff = row.link.evidence.diff if row.link else []
    a_anchor = row.a_anchor if row.b else ""
    b_anchor = row.b_anchor if row.a else ""
    nearest = ({"label": row.nearest.measure.label, "title": row.nearest.measure.title,
                "href": row.nearest.href, "id": row.nearest.measure.id, "role": row.nearest.role}
               if row.nearest else None)
    return {
        "id": row.anchor, "status": row.status, "comparison": row.comparison,
        "a_id": row.a.measure.id if row.a else "", "b_id": row.b.measure.id if row.b else "",
        "doc_a": row.a.doc if row.a else "", "doc_b": row.b.doc if row.b else "",
        "chapter_a": row.a.measure.chapter if row.a else "", "chapter_b": row.b.measure.chapter if row.b else "",
        "a": _side(row.a, redline(diff, "a", row.a.measure.text) if row.a else Markup(""), a_anchor),
        "b": _side(row.b, redline(diff, "b", row.b.measure.text) if row.b else Markup(""), b_anchor),
        "score": f"{row.score:.2f}" if row.link else "",
        "kind": KIND_LABELS.get(row.kind, ""), "marks": row.marks,
        "chips": row.chips, "commitments": row.lines, "secondary": row.secondary,
        "confidence": row.confidence, "related": row.related, "nearest": nearest,
        "related_lead": row.related.partition("；")[0],
        "rewritten": bool(row.link) and not readable(diff),
    }


def _card(card: Card) -> dict[str, Any]:
    """A merge shows its new measure once, a split its old one, redlined against all the rows."""
    rows = [_row(r) for r in card.rows]
    shared = None
    if card.kind:
        role = "b" if card.kind == "merge" else "a"
        side = card.shared
        diffs = [r.link.evidence.diff for r in card.rows if r.link]
        shared = _side(side, redline_shared(diffs, role, side.measure.text), card.anchor)
    return {"kind": card.kind, "rows": rows, "shared": shared,
            "comparison": card.rows[0].comparison, "chapter": rows[0]["chapter_a"] or rows[0]["chapter_b"]}


def _groups(items: list[Any], chapter_of, limit: int = ROW_LIMIT, size=lambda item: 1) -> list[dict[str, Any]]:
    """Items in runs of one chapter. Up to `limit` rows (`size` of each item): one plain group
    (no folding); beyond, every run is a foldable group, open while the rows before it are
    within the limit."""
    if sum(map(size, items)) <= limit:
        return [{"chapter": "", "rows": items, "fold": False, "open": True, "size": sum(map(size, items))}]
    groups: list[dict[str, Any]] = []
    seen = 0
    for item in items:
        ch = chapter_of(item)
        if not groups or groups[-1]["chapter"] != ch:
            groups.append({"chapter": ch, "rows": [], "fold": True, "open": seen < limit, "size": 0})
        groups[-1]["rows"].append(item)
        groups[-1]["size"] += size(item)
        seen += size(item)
    return groups


def _reading_chapter():
    """Cards read in the older document's order, so they are grouped by its chapters; a new
    measure stays in the group of the card it follows."""
    current = [""]

    def chapter_of(card: dict[str, Any]) -> str:
        first = card["rows"][0]
        if first["a"]:
            current[0] = first["chapter_a"]
        return current[0] or first["chapter_b"]
    return chapter_of


# ---------------------------------------------------------------- summary

def _bars(chapters: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """Per-chapter stacked bars, widths relative to the largest chapter so bars compare."""
    biggest = max((sum(c.values()) for c in chapters.values()), default=0) or 1
    return [{"chapter": ch or "（无章节）", "total": sum(c.values()),
             "segments": [(s, n, f"{100 * n / biggest:.2f}") for s, n in c.items() if n]}
            for ch, c in chapters.items()]


def _comparison(c: ComparisonView, documents: list[DocumentView], limit: int) -> dict[str, Any]:
    cards = [_card(card) for card in c.cards]
    a, b = documents[c.a], documents[c.b]
    links = sum(1 for r in c.rows if r.link)
    return {"index": c.index, "name": c.name, "a_name": c.a_name, "b_name": c.b_name,
            "heading": (a.heading, b.heading), "sentence": c.sentence,
            "counts": c.counts, "rows": len(c.rows), "links": links, "link_counts": c.links,
            "to_check": c.to_check, "related": c.related,
            "bars_a": _bars(c.own_chapters("a")), "bars_b": _bars(c.own_chapters("b")),
            "groups": _groups(cards, _reading_chapter(), limit, size=lambda card: len(card["rows"]))}


def _timeline(view: View, limit: int) -> list[dict[str, Any]]:
    """Each measure of every document but the last against each later document, for three or
    more documents, in groups (by document and chapter) when there are many."""
    n = len(view.documents)
    if not view.timeline:
        return []
    number = {(c.a, c.b): c.index for c in view.comparisons}
    out = []
    for t in view.timeline:
        cells = []
        for j in range(1, n):
            cell = t.cells.get(j)
            if cell is None:
                cells.append(None)
                continue
            several = len(set(cell.id_statuses)) > 1
            labels = [(label, s if several else "", href, i)
                      for label, s, href, i in zip(cell.labels, cell.id_statuses, cell.hrefs, cell.ids, strict=True)]
            cells.append({"status": cell.status, "statuses": " ".join(cell.statuses), "labels": labels,
                          "href": cell.href, "comparison": number[(t.doc, j)]})
        out.append({"label": t.measure.label, "title": t.measure.title, "href": t.href, "cells": cells,
                    "doc": view.documents[t.doc].name if t.doc else "", "key": f"{t.doc}:{t.measure.id}",
                    "id": t.measure.id, "comparison": number[(t.doc, min(t.cells))],
                    "chapter": f"{view.documents[t.doc].name} · {t.measure.chapter}"})
    return _groups(out, lambda r: r["chapter"], limit)


def _chapters(view: View) -> list[tuple[DocumentView, list[str]]]:
    """Each document's chapters that rows show, in document order, for the chapter filter."""
    shown = {(side.doc, side.measure.chapter) for r in view.rows for side in (r.a, r.b)
             if side is not None and side.measure.chapter}
    out = []
    for d in view.documents:
        names = list(dict.fromkeys(m.chapter for m in d.document.measures if (d.index, m.chapter) in shown))
        if names:
            out.append((d, names))
    return out


def _setting(value: Any) -> str:
    """A setting as the footer shows it; paths (the inputs) by file name only."""
    if isinstance(value, (list, tuple)):
        return ", ".join(_setting(v) for v in value)
    if isinstance(value, (str, os.PathLike)) and ("/" in str(value) or "\\" in str(value)):
        return file_name(str(value))
    return str(value)


@lru_cache(maxsize=1)
def _template():
    """The page template, compiled once per process and its bytecode kept in the user's cache
    (compiling it takes ~0.15 s, loading the cached code ~5 ms; jinja2 recompiles when the
    template's source changes)."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, bytecode_cache=_bytecode_cache())
    env.filters["label"] = status_label
    return env.get_template("report.html.j2")


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """jinja2's bytecode cache in the first cache folder that can be made (None: compile each run)."""
    for folder in cache_dirs():
        try:
            (folder / "templates").mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder / "templates", os.W_OK):
            return FileSystemBytecodeCache(str(folder / "templates"))
    return None


def render_html(view: View | Result, limit: int = ROW_LIMIT) -> str:
    """The whole page as a string; no clock or random input, so equal results give equal pages."""
    view = as_view(view)
    comparisons = [_comparison(c, view.documents, limit) for c in view.comparisons]
    return _template().render(
        title=view.title, documents=view.documents, comparisons=comparisons,
        chapters=_chapters(view), totals=view.totals, statuses=ALL_STATUSES, colours=STATUS_COLOURS,
        meanings=STATUS_MEANINGS, confidence_labels=CONFIDENCE_LABELS, timeline=_timeline(view, limit),
        later=[d.name for d in view.documents[1:]], fold=fold_pairs(_page_texts(view)),
        settings=[(setting_label(k), _setting(v)) for k, v in view.settings.items()], warnings=view.warnings,
        review=view.review, all_comparisons=ALL_COMPARISONS_LABEL, nearest_label=NEAREST)


def write_html(view: View | Result, path: Path) -> None:
    """Write the page; `compare.report.write_reports` makes the write atomic."""
    Path(path).write_text(render_html(view), encoding="utf-8")
