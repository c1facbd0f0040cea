"""The HTML report: one self-contained page (inline CSS and JS, no network) for reading a result.

Also home of what the Excel report must show the same way: the status palette and labels, the
evidence chips, and the order of alignment rows. report_xlsx imports them from here so the two
reports never disagree on a colour or on which row comes first.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .model import DROPPED, NEW, STATUSES, Comparison, Evidence, Link, Measure, Result

TEMPLATES = Path(__file__).with_name("templates")

# Every status a row can have, in the order reports list them.
ALL_STATUSES = (*STATUSES, NEW, DROPPED)

# status -> (light fill for cells and rows, strong ink for badges and bar segments).
STATUS_COLOURS = {
    "unchanged": ("ECEEF2", "5B6472"),
    "continued": ("E3EAF8", "3553A0"),
    "expanded": ("DCF1F6", "0B6E87"),
    "narrowed": ("FDEED5", "995400"),
    "revised": ("EFE6FA", "6B3FA0"),
    "new": ("DDF3E2", "19773A"),
    "dropped": ("FBE2E1", "B3261E"),
}

STATUS_LABELS = {
    "unchanged": "未变", "continued": "延续", "expanded": "扩展", "narrowed": "收窄",
    "revised": "修订", "new": "新增", "dropped": "删除",
}

MINUS = "\u2212"   # a real minus sign: reads better than "-" and is never a formula in Excel


# ---------------------------------------------------------------- shared with report_xlsx

@dataclass
class Row:
    """One line of an alignment: a link, or a measure without counterpart on one side."""
    comparison: int
    status: str
    a: Measure | None
    b: Measure | None
    link: Link | None = None

    @property
    def chapter(self) -> str:
        """The newer document's chapter where there is one: that is the structure readers use."""
        return (self.b or self.a).chapter


def comparison_name(result: Result, comp: Comparison) -> str:
    """"川渝2024 → 川渝2025": the documents' short names, falling back to their position."""
    return f"{doc_name(result, comp.a)} → {doc_name(result, comp.b)}"


def doc_name(result: Result, index: int) -> str:
    doc = result.documents[index]
    return doc.name or doc.title or Path(doc.source).stem or f"document {index + 1}"


def _measure(result: Result, doc: int, mid: str) -> Measure:
    """Look a measure up; an id the document lacks (a hand-edited result) still gets a row."""
    try:
        return result.documents[doc].measure(mid)
    except (KeyError, IndexError):
        return Measure(id=mid, label=mid, path=[], chapter="", title="（缺失的措施）", text="")


def alignment_rows(result: Result, k: int) -> list[Row]:
    """Rows of comparison `k` in reading order: the older document's order, new measures slotted
    in after the row holding the newer measure that precedes them."""
    comp = result.comparisons[k]
    rows = [Row(k, lk.status, _measure(result, comp.a, lk.a), _measure(result, comp.b, lk.b), lk)
            for lk in comp.links]
    rows += [Row(k, DROPPED, _measure(result, comp.a, mid), None) for mid in comp.unmatched_a]
    rows.sort(key=lambda r: (r.a.order, r.b.order if r.b else -1))
    news = [Row(k, NEW, None, _measure(result, comp.b, mid)) for mid in comp.unmatched_b]
    for new in sorted(news, key=lambda r: r.b.order):
        at = max((i for i, r in enumerate(rows) if r.b and r.b.order < new.b.order), default=-1)
        rows.insert(at + 1, new)
    return rows


def evidence_chips(ev: Evidence) -> list[tuple[str, str]]:
    """(kind, text) pairs a reader scans: "+冠心病", "−重度失能", "10个工作日 → 5个工作日"."""
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
    return chips


# Commitment changes as a reader scans them: sign, Chinese label, kind (CSS class), in this order.
COMMITMENT_MARKS = {
    "added": ("+", "新增"), "widened": ("↑", "扩大"), "generalised": ("≈", "概括"),
    "narrowed": ("↓", "收窄"), "dropped": (MINUS, "不再提及"), "moved": ("→", "移至"),
    "kept": ("=", "保留"), "reworded": ("=", "保留"),
}
QUOTE_KEPT = 18     # kept clauses are quoted shorter: they are context, not news


def commitment_lines(ev: Evidence) -> list[tuple[str, str]]:
    """(kind, line) for the material commitment changes of a link, grouped by kind:
    "+ 新增：「…」", "− 不再提及：「…」", "↑ 扩大：重度失能 → 中度失能「…」", "≈ 概括：…", and one
    "= 保留：「…」；「…」" line for what is kept. Minor clauses (boilerplate, a means whose goal
    is kept, merged content no old measure owns) and headlines merely kept or dropped stay in the
    JSON only; a headline widened, narrowed or generalised is shown (it sets the status)."""
    groups: dict[str, list[str]] = {k: [] for k in COMMITMENT_MARKS}
    for c in ev.commitments:
        change = c.get("change", "")
        telling = change in ("widened", "narrowed", "generalised")    # a headline's change counts
        if change not in groups or (c.get("headline") and not telling) or (
                c.get("material") is False and not c.get("headline")):
            continue
        a, b, detail = c.get("a", ""), c.get("b", ""), c.get("detail", "")
        if change == "added":
            text = f"「{b}」" + (f"（{detail}）" if detail else "")
        elif change == "dropped":
            text = f"「{a}」" + ("（拆分后未承接）" if c.get("split") else "")
        elif change in ("widened", "narrowed"):
            text = f"{detail}「{b}」" if detail else f"「{a}」→「{b}」"
        elif change == "generalised":
            text = detail or f"「{a}」→「{b}」"
        elif change == "moved":
            text = f"{detail.removeprefix('见')}「{a}」"
        else:
            text = f"「{_short(a, QUOTE_KEPT)}」"
        groups[change].append(text)
    groups["kept"] += groups.pop("reworded")
    lines = []
    for change, texts in groups.items():
        if not texts:
            continue
        sign, label = COMMITMENT_MARKS[change]
        if change == "kept":
            lines.append((change, f"{sign} {label}：" + "；".join(texts)))
        else:
            lines += [(change, f"{sign} {label}：{t}") for t in texts]
    return lines


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def status_counts(rows: list[Row]) -> dict[str, int]:
    counts = Counter(r.status for r in rows)
    return {s: counts.get(s, 0) for s in ALL_STATUSES}


def chapter_counts(rows: list[Row]) -> dict[str, dict[str, int]]:
    """chapter -> status -> count, chapters in the order rows meet them."""
    table: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        table[r.chapter][r.status] += 1
    return {ch: {s: c.get(s, 0) for s in ALL_STATUSES} for ch, c in table.items()}


# ---------------------------------------------------------------- HTML only

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


class _Anchors:
    """Hands out `m-<doc>-<id>` anchors, each once: a measure shown twice is linked to once."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def claim(self, doc: int, m: Measure | None) -> str:
        if m is None:
            return ""
        name = f"m-{doc}-{m.id}"
        if name in self.used:
            return ""
        self.used.add(name)
        return name

    def unique(self, name: str) -> str:
        n, base = 2, name
        while name in self.used:
            name, n = f"{base}-{n}", n + 1
        self.used.add(name)
        return name


def _side(doc: int, m: Measure | None, text: Markup, note: str) -> dict[str, Any]:
    if m is None:
        return {}
    return {"label": m.label, "title": m.title, "chapter": m.chapter, "text": text,
            "units": "、".join(m.units), "kind": m.kind, "href": f"#m-{doc}-{m.id}", "note": note,
            "id": m.id}


def _partners(comp: Comparison) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """a id -> its b ids and b id -> its a ids, to name the other halves of merges and splits."""
    a_to_b: dict[str, list[str]] = defaultdict(list)
    b_to_a: dict[str, list[str]] = defaultdict(list)
    for lk in comp.links:
        a_to_b[lk.a].append(lk.b)
        b_to_a[lk.b].append(lk.a)
    return a_to_b, b_to_a


def _labels(result: Result, doc: int, ids: list[str]) -> str:
    return "、".join(_measure(result, doc, i).label or i for i in ids)


CONFIDENCE_LABELS = {"strong": "可信", "check": "待核"}


def related_note(result: Result, comp: Comparison, row: Row) -> str:
    """Context for a measure without counterpart: the measure of the other document on the same
    topic that shares no commitment with it (a `related` pair), which is never counted as a link:
    "no successor; nearest related: （八） 推动高铁货运服务提质"."""
    if row.link is not None:
        return ""
    if row.a is not None:
        hit = next((lk for lk in comp.related if lk.a == row.a.id), None)
        other = _measure(result, comp.b, hit.b) if hit else None
        lead = "no successor"
    else:
        hit = next((lk for lk in comp.related if lk.b == row.b.id), None)
        other = _measure(result, comp.a, hit.a) if hit else None
        lead = "no predecessor"
    return f"{lead}; nearest related: {other.label} {other.title}" if other else ""


def _html_row(result: Result, comp: Comparison, row: Row, anchors: _Anchors,
              partners: tuple[dict, dict]) -> dict[str, Any]:
    """What the template needs for one row, text already escaped and redlined."""
    a_to_b, b_to_a = partners
    diff = row.link.evidence.diff if row.link else []
    a_note = b_note = ""
    if row.link and len(b_to_a[row.link.b]) > 1:
        b_note = "merged from " + _labels(result, comp.a, b_to_a[row.link.b])
    if row.link and len(a_to_b[row.link.a]) > 1:
        a_note = "split into " + _labels(result, comp.b, a_to_b[row.link.a])
    primary = (comp.b, row.b) if row.b else (comp.a, row.a)
    row_id = anchors.claim(*primary) or anchors.unique(f"m-{primary[0]}-{primary[1].id}")
    a_anchor = anchors.claim(comp.a, row.a) if row.b else ""
    return {
        "id": row_id, "a_anchor": a_anchor, "status": row.status,
        "chapter_a": row.a.chapter if row.a else "", "chapter_b": row.b.chapter if row.b else "",
        "a": _side(comp.a, row.a, redline(diff, "a", row.a.text) if row.a else Markup(""), a_note),
        "b": _side(comp.b, row.b, redline(diff, "b", row.b.text) if row.b else Markup(""), b_note),
        "score": f"{row.link.score:.2f}" if row.link else "",
        "kind": row.link.kind if row.link and row.link.kind != "one-to-one" else "",
        "reviewed": row.link.reviewed if row.link else "",
        "note": row.link.note if row.link else "",
        "chips": evidence_chips(row.link.evidence) if row.link else [],
        "commitments": commitment_lines(row.link.evidence) if row.link else [],
        "secondary": row.link.secondary_status if row.link and row.link.secondary_status != row.status else "",
        "confidence": row.link.confidence if row.link else "",
        "related": related_note(result, comp, row),
    }


def _bars(chapters: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """Per-chapter stacked bars, widths relative to the largest chapter so bars compare."""
    biggest = max((sum(c.values()) for c in chapters.values()), default=0) or 1
    return [{"chapter": ch or "（无章节）", "total": sum(c.values()),
             "segments": [(s, n, f"{100 * n / biggest:.2f}") for s, n in c.items() if n]}
            for ch, c in chapters.items()]


def _timeline(result: Result) -> list[dict[str, Any]]:
    """Each measure of every document but the last against each later document, for three or
    more documents: the first document's measures first, then the second's (where B goes in C)."""
    n = len(result.documents)
    if n < 3:
        return []
    out = []
    for d in range(n - 1):
        for m in result.documents[d].measures:
            cells = []
            for j in range(1, n):
                if j <= d:
                    cells.append(None)
                    continue
                ids, status = lives_on(result, m.id, j, d)
                cells.append({"status": status, "labels": _labels(result, j, ids),
                              "href": f"#m-{j}-{ids[0]}" if ids else f"#m-{d}-{m.id}"})
            out.append({"label": m.label, "title": m.title, "href": f"#m-{d}-{m.id}", "cells": cells,
                        "doc": doc_name(result, d) if d else ""})
    return out


def lives_on(result: Result, a_id: str, j: int, i: int = 0) -> tuple[list[str], str]:
    """Which measures of document j continue measure `a_id` of document i (the first by
    default), and how.

    Read from comparison (i, j) so reviewed links count; the pipeline's timeline is the fallback
    when that comparison is missing.
    """
    comp = next((c for c in result.comparisons if c.a == i and c.b == j), None)
    if comp is None:
        entry = next((t for t in result.timeline if t.get("a") == a_id and t.get("doc", 0) == i), {})
        ids = list(entry.get("lives_on", {}).get(str(j), []))
        return ids, ("continued" if ids else DROPPED)
    links = [lk for lk in comp.links if lk.a == a_id]
    if not links:
        return [], DROPPED
    rank = {s: i for i, s in enumerate(STATUSES)}    # a split shows its most changed part
    return [lk.b for lk in links], max((lk.status for lk in links), key=lambda s: rank.get(s, -1))


def _documents(result: Result) -> list[dict[str, Any]]:
    return [{"name": doc_name(result, i), "title": d.title, "doc_number": d.doc_number,
             "date": d.date, "issuers": "、".join(d.issuers), "source": d.source,
             "measures": len(d.measures)} for i, d in enumerate(result.documents)]


def _comparisons(result: Result) -> list[dict[str, Any]]:
    out = []
    anchors = _Anchors()
    for k, comp in enumerate(result.comparisons):
        rows = alignment_rows(result, k)
        partners = _partners(comp)
        out.append({"index": k, "name": comparison_name(result, comp),
                    "a_name": doc_name(result, comp.a), "b_name": doc_name(result, comp.b),
                    "counts": status_counts(rows), "bars": _bars(chapter_counts(rows)),
                    "rows": [_html_row(result, comp, r, anchors, partners) for r in rows]})
    return out


def render_html(result: Result) -> str:
    """The whole page as a string; no clock or random input, so equal results give equal pages."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["label"] = lambda status: STATUS_LABELS.get(status, status)
    comparisons = _comparisons(result)
    chapters = list(dict.fromkeys(ch for c in comparisons for r in c["rows"]
                                  for ch in (r["chapter_a"], r["chapter_b"]) if ch))
    total = Counter()
    for c in comparisons:
        total.update(c["counts"])
    return env.get_template("report.html.j2").render(
        title=" → ".join(doc_name(result, i) for i in range(len(result.documents))),
        documents=_documents(result), comparisons=comparisons, chapters=chapters,
        totals={s: total.get(s, 0) for s in ALL_STATUSES}, statuses=ALL_STATUSES,
        colours=STATUS_COLOURS, timeline=_timeline(result),
        later=[doc_name(result, j) for j in range(1, len(result.documents))],
        settings=[(k, _setting(v)) for k, v in result.settings.items()],
        warnings=result.warnings)


def _setting(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def write_html(result: Result, path: Path) -> None:
    """Write the page; report.write_reports makes the write atomic."""
    Path(path).write_text(render_html(result), encoding="utf-8")
