"""The Python API: `load` a document, `compare` documents. The CLI is a thin shell over these."""
from __future__ import annotations

import os
import re
from pathlib import Path

from . import __version__
from .errors import InputError
from .model import DROPPED, MATCH, NEW, RELATED, Comparison, Document, Link, Result

_SELECTOR = re.compile(r"^(?P<path>.+)#(?P<n>\d+)$")


def split_selector(spec: str | os.PathLike) -> tuple[Path, int | None]:
    """"plan.txt#5" → (plan.txt, 5); a path that exists as given is never split."""
    s = str(spec)
    m = _SELECTOR.match(s)
    if m and not Path(s).exists():
        return Path(m.group("path")), int(m.group("n"))
    return Path(s), None


def load_all(spec: str | os.PathLike) -> list[Document]:
    """Every document in a file: one, or a compilation's cover notice and its 附件."""
    from .ingest import read_text
    from .structure import parse
    path, _ = split_selector(spec)
    notes: list[str] = []
    text = read_text(path, notes)
    docs = parse(text, str(path))
    reading = [f"reading: {n.removeprefix(f'{path}: ')}" for n in notes]   # charset overruled, …
    for d in docs:
        d.name = _name(path, d.attachment if len(docs) > 1 else None)
        d.warnings[:0] = reading
    return docs


def load(spec: str | os.PathLike) -> Document:
    """One document. `FILE#N` selects 附件N of a compilation (or its N-th document when it has
    no 附件 numbers); without a selector a compilation must hold one document with measures."""
    path, n = split_selector(spec)
    docs = load_all(path)
    if n is not None:
        by_att = [d for d in docs if d.attachment == n]
        if by_att:
            return _named(by_att[0], spec)
        if not any(d.attachment for d in docs) and 1 <= n <= len(docs):
            return _named(docs[n - 1], spec)
        raise InputError(spec, f"no document #{n} in this file (it holds {_listing(docs)})")
    with_measures = [d for d in docs if d.measures]
    if len(docs) > 1 and len(with_measures) > 1:
        raise InputError(path, f"holds several documents ({_listing(docs)}); "
                               f"choose one with {path.name}#N")
    if not with_measures:
        raise InputError(path, "no numbered measures found (expected （一）… or 一、… items)")
    return with_measures[0]


def _named(doc: Document, spec) -> Document:
    doc.source = str(spec)
    return doc


def _listing(docs: list[Document]) -> str:
    parts = []
    for i, d in enumerate(docs, 1):
        tag = f"#{d.attachment}" if d.attachment is not None else f"#{i}"
        parts.append(f"{tag} {d.title[:20] or 'untitled'} ({len(d.measures)} measures)")
    return "; ".join(parts)


def _name(path: Path, attachment: int | None) -> str:
    stem = re.sub(r"[^\w\-.]+", "-", path.stem).strip("-") or "document"
    return f"{stem}-{attachment}" if attachment is not None else stem


def compare(paths, threshold: float = 1.0, review: str | os.PathLike | None = None) -> Result:
    """Compare every pair of documents, older → newer: the first with each later one, then the
    second with each later one, and so on (`comparison_order`). Returns a Result (documents,
    comparisons with links, related pairs and unmatched measures, a timeline for three or more
    documents). `review` applies the verdicts of a reviewed workbook."""
    from .align import align
    from .classify import classify_pairs
    specs = [str(p) for p in paths]
    if len(specs) < 2:
        raise InputError(None, "give at least two documents to compare")
    if review is not None and not Path(review).is_file():
        raise InputError(review, "reviewed workbook not found (expected an .xlsx file)")
    docs = [load(p) for p in specs]
    _unique_names(docs)
    comparisons = [_compare_pair(docs, ai, bi, threshold, align, classify_pairs)
                   for ai, bi in comparison_order(len(docs))]
    result = Result(documents=docs, comparisons=comparisons,
                    settings={"version": __version__, "threshold": threshold,
                              "inputs": specs})
    if review is not None:
        from .review import apply_review, read_review
        verdicts = read_review(review)
        result.warnings.extend(apply_review(result, verdicts, _relink))
        result.settings["review"] = str(review)
        for c in result.comparisons:
            _mark_kinds(c.links)
    result.timeline = timeline(result) if len(docs) > 2 else []
    return result


def comparison_order(n: int) -> list[tuple[int, int]]:
    """Every pair (a, b), a < b, of n documents: (0,1) … (0,n-1) first, so the comparisons of
    the first document keep the indices they had when only those were made (and reviewed
    workbooks stay valid), then (1,2) … (1,n-1), and so on."""
    return [(a, b) for a in range(n - 1) for b in range(a + 1, n)]


def _compare_pair(docs, ai: int, bi: int, threshold: float, align, classify_pairs) -> Comparison:
    """Matches become Links classified by `classify`; related pairs are context only: they carry
    no status of change and leave both measures among the unmatched."""
    a, b = docs[ai], docs[bi]
    pairs = align(a.measures, b.measures, threshold=threshold)
    matches = [p for p in pairs if p.tier == MATCH]
    related = [p for p in pairs if p.tier == RELATED]
    links = _tiered(classify_pairs(a.measures, b.measures, matches), matches)
    context = [Link(a=a.measures[p.i].id, b=b.measures[p.j].id, score=round(p.score, 4),
                    status=RELATED, tier=RELATED) for p in related]
    _mark_kinds(links)
    la, lb = {lk.a for lk in links}, {lk.b for lk in links}
    return Comparison(a=ai, b=bi, links=links,
                      unmatched_a=[m.id for m in a.measures if m.id not in la],
                      unmatched_b=[m.id for m in b.measures if m.id not in lb],
                      related=context)


def _tiered(links, pairs):
    """Copy each pair's tier and confidence onto the Link classify made for it (same order)."""
    for lk, p in zip(links, pairs, strict=True):
        lk.tier = p.tier
        lk.confidence = p.confidence
    return links


def _relink(ma, mb):
    """A link a reviewer set by hand: classified like any other, scored by its own cosine."""
    from .classify import classify
    from .similarity import pair_score
    return classify(ma, mb, pair_score(ma, mb))


def _mark_kinds(links) -> None:
    """merge: several old measures feed one new one; split: one old measure feeds several."""
    from collections import Counter
    na = Counter(lk.a for lk in links)
    nb = Counter(lk.b for lk in links)
    for lk in links:
        lk.kind = "merge" if nb[lk.b] > 1 else "split" if na[lk.a] > 1 else "one-to-one"


def _unique_names(docs: list[Document]) -> None:
    seen: dict[str, int] = {}
    for d in docs:
        if d.name in seen:
            seen[d.name] += 1
            d.name = f"{d.name}-{seen[d.name]}"
        else:
            seen[d.name] = 1


def timeline(result: Result) -> list[dict]:
    """Where each measure lives on in every later document, one row per measure.

    Rows for the first document's measures come first, then the second's (where a measure of B
    goes in C), and so on; the last document has no rows. Each row: `doc` (index of the
    measure's document), `a` (its id), `label`, `title`, `lives_on` {later document index: [ids
    of the measures that continue it]}, `status` {later document index: its status there, or
    "dropped"} and a one-line `summary`. Keys are strings so the JSON reads straight into pandas
    (`pd.json_normalize(result["timeline"])` gives columns lives_on.1, status.2, …).
    """
    by_pair = {(c.a, c.b): c for c in result.comparisons}
    n = len(result.documents)
    rows = []
    for d in range(n - 1):
        later = [k for k in range(d + 1, n) if (d, k) in by_pair]
        for m in result.documents[d].measures:
            lives: dict[str, list[str]] = {}
            statuses: dict[str, str] = {}
            for k in later:
                hits = [lk for lk in by_pair[(d, k)].links if lk.a == m.id]
                lives[str(k)] = [lk.b for lk in hits]
                statuses[str(k)] = ",".join(sorted({lk.status for lk in hits})) or DROPPED
            rows.append({"doc": d, "a": m.id, "label": m.label, "title": m.title, "lives_on": lives,
                         "status": statuses, "summary": _summary(result, lives)})
    return rows


def _summary(result: Result, lives: dict[str, list[str]]) -> str:
    total = len(lives)
    names = [result.documents[int(k)].name for k, v in lives.items() if v]
    n = len(names)
    return (f"in all {total} later documents" if n == total and total > 1 else
            f"only in {names[0]}" if n == 1 else
            f"in {n} of {total} later documents" if n else "nowhere (dropped)")


__all__ = ["DROPPED", "NEW", "compare", "comparison_order", "load", "load_all", "timeline"]
