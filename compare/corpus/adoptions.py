"""Who adopted each family, when, from whom and how it went on: the field's question read from the
lineage without opening every measure.

- `adoptions`: one row per family and adopting jurisdiction, in the order they adopted it:
  family, order (1: the first adopter), jurisdiction, document, label, date, year (its first
  measure of the family), source_jurisdiction, source_document, source_label (the predecessor of
  that measure: whom it was taken from; empty for the first adopter), status (against that
  source), editions (its documents carrying the family), course (each of those documents' year
  and statuses, and "dropped" for a next edition that left it out: "2022 new; 2023 expanded;
  2024 unchanged+narrowed; 2025 dropped").
- `years`: one row per year: documents, jurisdictions issuing, measures, families first seen that
  year, adoptions (jurisdictions taking up a family another had), and the measures' statuses.
- `jurisdictions`: one row per jurisdiction: documents, first and last year, measures, families
  carried, families it adopted first (a pioneer), families it took up from another.

A row per jurisdiction, not per measure: a family of 10,000 measures over 300 jurisdictions is
300 rows.
"""
from __future__ import annotations

from collections import Counter

from compare.corpus.tables import adopter, family_name, statuses_cell
from compare.vocab import ALL_STATUSES, DROPPED, NEW, status_text

ADOPTION_COLUMNS = ["family", "order", "jurisdiction", "document", "label", "date", "year", "source_jurisdiction",
                    "source_document", "source_label", "status", "editions", "course"]
YEAR_COLUMNS = ["year", "documents", "jurisdictions", "measures", "new_families", "adoptions", "statuses"]
JURISDICTION_COLUMNS = ["jurisdiction", "documents", "first_year", "last_year", "measures", "families",
                        "first_adopter", "adopted"]
ORDER = {s: k for k, s in enumerate(dict.fromkeys((NEW, *ALL_STATUSES)))}


def _by_family(c) -> dict[int, dict[str, list[int]]]:
    """family → jurisdiction → its measures, both in corpus (time) order."""
    out: dict[int, dict[str, list[int]]] = {}
    for k in range(len(c.measures)):
        out.setdefault(int(c.family[k]), {}).setdefault(adopter(c, k), []).append(k)
    return out


def _course(c, ks: list[int], next_of: dict[int, list[int]]) -> str:
    """Each document's year and its measures' statuses, in time order; a next edition of a
    document carrying the family that does not carry it reads `dropped` (left out, maybe taken up
    again later)."""
    per_doc: dict[int, set[str]] = {}
    for k in ks:
        per_doc.setdefault(int(c.doc_of[k]), set()).add(c.lineage[k].status)
    for d in list(per_doc):
        for later in next_of.get(d, ()):
            per_doc.setdefault(later, {DROPPED})
    parts = []
    for d, statuses in sorted(per_doc.items()):
        year = c.infos[d].year
        parts.append(f"{year or '?'} {'+'.join(sorted(statuses, key=lambda s: ORDER.get(s, 99)))}")
    return "; ".join(parts)


def adoption_rows(c) -> list[dict]:
    from compare.corpus.documents import previous_editions
    n_fam = int(c.family.max()) + 1 if len(c.family) else 0
    next_of: dict[int, list[int]] = {}
    for d, p in sorted(previous_editions(c.infos).items()):
        next_of.setdefault(p, []).append(d)
    rows = []
    for f, adopters in sorted(_by_family(c).items()):
        for order, (jurisdiction, ks) in enumerate(adopters.items(), 1):
            first = ks[0]
            info = c.infos[c.doc_of[first]]
            preds = c.lineage[first].predecessors
            src = c.infos[c.doc_of[preds[0]]] if preds else None
            rows.append({
                "family": family_name(f, n_fam), "order": order, "jurisdiction": jurisdiction,
                "document": info.document, "label": c.measures[first].label, "date": info.date, "year": info.year,
                "source_jurisdiction": src.jurisdiction if src else "", "source_document": src.document if src else "",
                "source_label": c.measures[preds[0]].label if preds else "", "status": c.lineage[first].status,
                "editions": len({int(c.doc_of[k]) for k in ks}), "course": _course(c, ks, next_of)})
    return rows


def year_rows(c, adoptions: list[dict]) -> list[dict]:
    """Counts per year (documents without a year under none: they are left out here)."""
    docs: dict[int, set[int]] = {}
    places: dict[int, set[str]] = {}
    statuses: dict[int, Counter] = {}
    for k in range(len(c.measures)):
        info = c.infos[c.doc_of[k]]
        if info.year:
            docs.setdefault(info.year, set()).add(info.index)
            places.setdefault(info.year, set()).add(info.jurisdiction)
            statuses.setdefault(info.year, Counter())[c.lineage[k].status] += 1
    firsts = Counter(a["year"] for a in adoptions if a["order"] == 1 and a["year"])
    taken = Counter(a["year"] for a in adoptions if a["order"] > 1 and a["year"])
    return [{"year": y, "documents": len(docs[y]), "jurisdictions": len(places[y]),
             "measures": sum(statuses[y].values()), "new_families": firsts.get(y, 0), "adoptions": taken.get(y, 0),
             "statuses": statuses_cell(statuses[y])} for y in sorted(docs)]


def course_text(cell: str) -> str:
    """A course as the page and the workbook show it: "2022 新增 new；2023 扩展 expanded+收窄 narrowed"."""
    parts = (p.partition(" ") for p in filter(None, (cell or "").split("; ")))
    return "；".join(f"{y} " + "+".join(status_text(s) for s in ss.split("+")) for y, _, ss in parts)


def jurisdiction_rows(c, adoptions: list[dict]) -> list[dict]:
    """Counts per jurisdiction, the widest carriers first: its documents and years, the families it
    carries, those it adopted first (a pioneer) and those it took up from another."""
    docs: dict[str, list] = {}
    for d in c.infos:
        docs.setdefault(d.jurisdiction, []).append(d)
    carried, first, taken = Counter(), Counter(), Counter()
    for a in adoptions:
        carried[a["jurisdiction"]] += 1
        (first if a["order"] == 1 else taken)[a["jurisdiction"]] += 1
    rows = []
    for j, ds in docs.items():
        years = sorted(d.year for d in ds if d.year)
        rows.append({"jurisdiction": j, "documents": len(ds), "first_year": years[0] if years else None,
                     "last_year": years[-1] if years else None, "measures": sum(len(c.docs[d.index].measures) for d in ds),
                     "families": carried[j], "first_adopter": first[j], "adopted": taken[j]})
    return sorted(rows, key=lambda r: (-r["families"], -r["first_adopter"], r["jurisdiction"]))
