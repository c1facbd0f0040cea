"""The corpus's facts as tables (pandas DataFrames): what `measures.csv`, `families.csv`, the page
and the workbook show, made once from the pipeline's result.

- `measures`: one row per measure, in corpus order: document (the input file's name), label (as
  printed), title, jurisdiction, date, family, predecessor_document, predecessor_label, status,
  similarity, evidence; then lineage (edition / adoption / empty for a first appearance),
  predecessors (all of them: a merge has several), secondary_status, cohesion (the share of the
  measure's links inside its family), year, id (the measure's id in its document).
- `families`: one row per family: family, title (its most linked member's), measures, documents,
  adopters (jurisdictions), first_document, first_jurisdiction, first_date, adopters_by_year
  (jurisdictions adopting it, year by year: "2021:3; 2022:5"), cohesion, weakest (the member
  with the smallest share of its links inside), statuses ("new 1; continued 40").
- `documents`: document, title, jurisdiction, date, doc_number, measures, previous_edition.
- `adoptions`, `years`, `jurisdictions`: who adopted each family, when and from whom; counts per
  year and per jurisdiction (`adoptions.py`).
"""
from __future__ import annotations

from collections import Counter

import numpy as np

from compare.report.rows import commitment_lines, evidence_chips
from compare.vocab import ALL_STATUSES, NEW, status_text

MEASURE_COLUMNS = ["document", "label", "title", "jurisdiction", "date", "family", "predecessor_document",
                   "predecessor_label", "status", "similarity", "evidence", "lineage", "predecessors",
                   "secondary_status", "cohesion", "year", "id"]
FAMILY_COLUMNS = ["family", "title", "measures", "documents", "adopters", "first_document", "first_jurisdiction",
                  "first_date", "adopters_by_year", "cohesion", "weakest", "statuses"]
DOCUMENT_COLUMNS = ["document", "title", "jurisdiction", "date", "doc_number", "measures", "previous_edition"]


def family_name(k: int, n: int) -> str:
    """F0001 …: as many digits as the number of families needs (at least four)."""
    return f"F{k + 1:0{max(4, len(str(n)))}d}"


def evidence_text(link) -> str:
    """A link's evidence on one line: its commitment lines, then its chips, " | " between."""
    if link is None:
        return ""
    parts = [line for _, line in commitment_lines(link.evidence)] + [t for _, t in evidence_chips(link.evidence)]
    return " | ".join(parts)


def measure_rows(c) -> list[dict]:
    n_fam = int(c.family.max()) + 1 if len(c.family) else 0
    rows = []
    for k, m in enumerate(c.measures):
        info = c.infos[c.doc_of[k]]
        node = c.lineage[k]
        preds = [(c.infos[c.doc_of[p]].document, c.measures[p].label) for p in node.predecessors]
        link = node.links[0] if node.links else None
        rows.append({
            "document": info.document, "label": m.label, "title": m.title, "jurisdiction": info.jurisdiction,
            "date": info.date, "family": family_name(int(c.family[k]), n_fam),
            "predecessor_document": preds[0][0] if preds else "", "predecessor_label": preds[0][1] if preds else "",
            "status": node.status, "similarity": round(float(link.score), 4) if link else None,
            "evidence": evidence_text(link), "lineage": node.kind,
            "predecessors": "; ".join(f"{d} {lab}" for d, lab in preds),
            "secondary_status": link.secondary_status if link else "",
            "cohesion": round(float(c.measure_cohesion[k]), 4), "year": info.year, "id": m.id})
    return rows


def family_rows(c) -> list[dict]:
    n_fam = int(c.family.max()) + 1 if len(c.family) else 0
    members: dict[int, list[int]] = {}
    for k, f in enumerate(c.family.tolist()):
        members.setdefault(f, []).append(k)
    matches = c.decisions.tier == "match"
    degree_in = np.bincount(np.r_[c.decisions.i[matches], c.decisions.j[matches]], minlength=len(c.measures))
    rows = []
    for f in range(n_fam):
        ms = members.get(f, [])
        if not ms:
            continue
        first = c.infos[c.doc_of[ms[0]]]
        central = max(ms, key=lambda k: (degree_in[k], -k))
        weakest = min(ms, key=lambda k: (c.measure_cohesion[k], k))
        by_year = _adopters_by_year(c, ms)
        statuses = Counter(c.lineage[k].status for k in ms)
        rows.append({
            "family": family_name(f, n_fam), "title": c.measures[central].title, "measures": len(ms),
            "documents": len({int(c.doc_of[k]) for k in ms}),
            "adopters": len({adopter(c, k) for k in ms}),
            "first_document": first.document, "first_jurisdiction": first.jurisdiction, "first_date": first.date,
            "adopters_by_year": "; ".join(f"{y}:{n}" for y, n in by_year),
            "cohesion": round(float(c.family_cohesion[f]), 4),
            "weakest": f"{c.infos[c.doc_of[weakest]].document} {c.measures[weakest].label}" if len(ms) > 1 else "",
            "statuses": statuses_cell(statuses)})
    return rows


def statuses_cell(counts: Counter) -> str:
    """A family's statuses in families.csv: "new 1; continued 40" (the status words, in vocab's order)."""
    return "; ".join(f"{s} {counts[s]}" for s in dict.fromkeys((NEW, *ALL_STATUSES)) if counts.get(s))


def statuses_text(cell: str) -> str:
    """The same, as the page and the workbook show it: "新增 new 1；延续 continued 40"."""
    parts = (p.rpartition(" ") for p in filter(None, (cell or "").split("; ")))
    return "；".join(f"{status_text(s)} {n}" for s, _, n in parts)


def adopter(c, k: int) -> str:
    """Who adopted a measure: its document's jurisdiction; documents of unknown jurisdiction are
    one adopter together ("") — a plan's editions must not count as many adopters for want of a
    name (`documents.assumptions` says so in a warning)."""
    return c.infos[c.doc_of[k]].jurisdiction


def _adopters_by_year(c, ms: list[int]) -> list[tuple[str, int]]:
    """(year, jurisdictions adopting the family that year for the first time), years in order;
    documents without a date count under "?"."""
    first_year: dict[str, str] = {}
    for k in ms:                                   # corpus order: the first is the earliest
        info = c.infos[c.doc_of[k]]
        first_year.setdefault(adopter(c, k), str(info.year) if info.year else "?")
    counts = Counter(first_year.values())
    return sorted(counts.items(), key=lambda x: (x[0] == "?", x[0]))


def document_rows(c) -> list[dict]:
    from compare.corpus.documents import previous_editions
    prev = previous_editions(c.infos)
    return [{"document": d.document, "title": d.title, "jurisdiction": d.jurisdiction, "date": d.date,
             "doc_number": d.doc_number, "measures": len(c.docs[d.index].measures),
             "previous_edition": c.infos[prev[d.index]].document if d.index in prev else ""}
            for d in c.infos]
