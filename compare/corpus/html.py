"""The corpus's page: one self-contained HTML file (inline CSS, JS and data, no network).

The overview lists the families by reach (adopters, then measures), each with its diffusion
curve — the number of jurisdictions that had adopted it by each year — its first adopter and its
cohesion (a family whose members are much linked outside it is marked 待核 check). A search box
keeps the families one of whose measures holds every word (folded as `compare`'s report folds:
width, Traditional forms, quotes, spaces); above them, how many families spread beyond one
jurisdiction and the counts per year. Each family has its page (`#F0001`): its adopters in order
(when, from whom, the status in each edition: `adoptions.py`), then its measures in time order,
each with its predecessor, status, score, evidence and the redline against its predecessor
(pre-rendered and escaped here by `compare.report.html.redline`; the page inserts the rest as
text). The family pages are drawn from the data when opened, PAGE rows at a time, so a family of
10,000 measures is never 10,000 cards at once.

    render_html(result) -> str
    write_html(result, path)
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from compare.corpus.tables import statuses_text
from compare.report.html import fold_pairs, redline
from compare.version import __version__
from compare.vocab import ALL_STATUSES, NEW, STATUS_COLOURS, status_label

TEMPLATES = Path(__file__).with_name("templates")
PAGE = 50                 # rows of a family's page drawn at once (then a "show more" button)
CHECK_COHESION = 0.8      # a family with less of its members' links inside it is marked "check"


def _curve(by_year: str, years: list[int]) -> list[list[int]]:
    """[[year, jurisdictions that had adopted by then], …] over the corpus's years."""
    counts = {}
    for part in filter(None, (by_year or "").split("; ")):
        y, _, n = part.partition(":")
        if y.isdigit():
            counts[int(y)] = int(n)
    total, out = 0, []
    for y in years:
        total += counts.get(y, 0)
        out.append([y, total])
    return out


def sparkline(curve: list[list[int]], most: int, width: int = 120, height: int = 28) -> Markup:
    """An inline SVG polyline of a diffusion curve (y scaled to `most` adopters)."""
    if not curve:
        return Markup("")
    n = max(len(curve) - 1, 1)
    pts = " ".join(f"{round(k * width / n, 1)},{round(height - 2 - (v / max(most, 1)) * (height - 4), 1)}"
                   for k, (_, v) in enumerate(curve))
    label = "扩散 diffusion：" + "；".join(f"{y}年 {v} 个地区" for y, v in curve)
    return Markup(f'<svg class="curve" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
                  f'role="img" aria-label="{label}"><title>{label}</title><line class="axis" x1="0" x2="{width}" y1="{height - 1}" '
                  f'y2="{height - 1}"/><polyline points="{pts}"/></svg>')


def _measures(c, evidence: list[str]) -> list[dict]:
    """Each measure's entry of the page data (`evidence`: the measures table's, one line each)."""
    out = []
    for k, m in enumerate(c.measures):
        node = c.lineage[k]
        link = node.links[0] if node.links else None
        diff = link.evidence.diff if link else []
        pred = node.predecessors[0] if node.predecessors else None
        out.append({
            "d": int(c.doc_of[k]), "l": m.label, "t": m.title, "s": node.status, "k": node.kind,
            "p": [int(p) for p in node.predecessors], "sim": round(float(link.score), 3) if link else None,
            "ev": evidence[k].split(" | ") if link else [],
            "rb": str(redline(diff, "b", m.text)) if link else str(escape(m.text)),
            "ra": str(redline(diff, "a", c.measures[pred].text)) if pred is not None else ""})
    return out


def page_data(result) -> dict:
    c = result.corpus
    years = sorted({d.year for d in c.infos if d.year})
    span = list(range(years[0], years[-1] + 1)) if years else []
    fams = result.families.to_dict("records")
    members: dict[str, list[int]] = {}
    for k, f in enumerate(result.measures["family"].tolist()):
        members.setdefault(f, []).append(k)
    most = max((f["adopters"] for f in fams), default=1)
    families = []
    for f in sorted(fams, key=lambda f: (-f["adopters"], -f["measures"], f["family"])):
        curve = _curve(f["adopters_by_year"], span)
        families.append({**f, "curve": curve, "members": members.get(f["family"], []),
                         "check": f["cohesion"] < CHECK_COHESION, "statuses": statuses_text(f["statuses"])})
    adopted = _adoptions(result.adoptions)
    for f in families:
        f["adoptions"] = adopted.get(f["family"], [])
    docs = [{"n": d.document, "j": d.jurisdiction, "dt": d.date} for d in c.infos]
    labels = {s: status_label(s) for s in dict.fromkeys((NEW, *ALL_STATUSES))}
    return {"families": families, "measures": _measures(c, result.measures["evidence"].tolist()), "documents": docs,
            "most": most, "labels": labels, "page": PAGE}


def _adoptions(frame) -> dict[str, list[dict]]:
    """Each family's adopters in order (the adoptions table's rows; a course as [[year, [status…]], …])."""
    out: dict[str, list[dict]] = {}
    for a in frame.itertuples(index=False):
        course = [[y, ss.split("+")] for y, _, ss in (p.partition(" ") for p in a.course.split("; ") if p)]
        out.setdefault(a.family, []).append({
            "j": a.jurisdiction, "doc": f"{a.document} {a.label}", "dt": a.date,
            "from": f"{a.source_jurisdiction} · {a.source_document} {a.source_label}" if a.source_document else "",
            "c": course})
    return out


def places(frame) -> list[dict]:
    """The jurisdictions' counts, each with its span of years as shown ("2021–2024", "?")."""
    out = []
    for j in frame.to_dict("records"):
        a, b = (None if pd.isna(y) else int(y) for y in (j["first_year"], j["last_year"]))
        out.append({**j, "span": "?" if a is None else str(a) if a == b else f"{a}–{b}"})
    return out


def spread(families) -> dict[str, int]:
    """How many families more than one jurisdiction adopted, and how many stayed with one."""
    wide = int((families["adopters"] > 1).sum()) if len(families) else 0
    return {"spread": wide, "local": len(families) - wide}


def render_html(result) -> str:
    data = page_data(result)
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined)
    env.globals.update(sparkline=sparkline, status_label=status_label)
    texts = [m["t"] + m["rb"] for m in data["measures"]] + [f["title"] for f in data["families"]]
    statuses = {s: (status_label(s), STATUS_COLOURS.get(s, ("FFFFFF", "333333"))) for s in dict.fromkeys((NEW, *ALL_STATUSES))}
    # "<" and ">" as JSON escapes: no text of a document can close or open a tag inside the data
    payload = (json.dumps(data, ensure_ascii=False, separators=(",", ":"))
               .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    return env.get_template("corpus.html.j2").render(
        data=data, payload=Markup(payload), fold=fold_pairs(texts), statuses=statuses, version=__version__,
        counts=result.counts, years=result.years.to_dict("records"),
        places=places(result.jurisdictions), spread=spread(result.families),
        statuses_text=statuses_text, skipped=list(result.skipped["problem"]), warnings=result.warnings,
        css=Markup((TEMPLATES / "corpus.css").read_text(encoding="utf-8")),
        js=Markup((TEMPLATES / "corpus.js").read_text(encoding="utf-8")), check=CHECK_COHESION)


def write_html(result, path: Path) -> None:
    Path(path).write_text(render_html(result), encoding="utf-8")
