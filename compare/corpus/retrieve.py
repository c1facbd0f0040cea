"""Candidate pairs at scale: a cheap index proposes, for every measure, the few measures of other
documents most like it; only those pairs go to the decision.

The index is a random projection of the measures' TF-IDF vectors (`CorpusFeatures`) to
PROJECTION dimensions (a sparse sign projection, each token hashed to SKETCH coordinates by a
stable hash of its string, so a measure's projection depends on its own words only), compared
in row blocks by one dense product each, which shortlists each measure's likeliest partners
among the earlier documents and among the later ones; their exact cosines choose the candidates
(`_nearest`). The dense
product is the only all-pairs step (20,000 measures: a few seconds); everything after it grows
with the number of candidates (at most NEIGHBOURS + SPREAD per measure), not of pairs. Two
documents of one jurisdiction, one the other's next edition, also get the pairs each measure's
best partners in the other make (so lineage sees what `compare OLD NEW` sees).

Then, for the candidate pairs, what the decision needs from each pair's two documents — scored
as a unit, as `compare` scores two documents: the exact cosine, and each pair's row (its older
measure against every measure of the newer document of its kind) and column statistics for the
z-scores (`compare.align.decide.standing`). Measures that read the same (`model.same_text`) are
paired directly and, as in `align`, are no candidates, but stay in the statistics.

    candidates(cf, doc_of, lineage_pairs) -> (i, j) arrays, i < j (corpus order)
    nearest_block(Index, start, end) -> the index's choice for rows start:end (a task)
    pool_statistics(cf, measures, doc_of, i, j) -> dict of arrays for `standing`
    pool_keys(measures) -> what pool_statistics compares measures by (made once for a corpus)
    same_text_pairs(measures, doc_of) -> (i, j) arrays
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from compare.align.decide import joined
from compare.corpus.features import CorpusFeatures
from compare.model import Measure, text_key

PROJECTION = 256          # dimensions of the cheap index
SKETCH = 4                # coordinates each token is hashed to (a sparse sign projection)
PER_DOCUMENT = 2          # candidates a measure takes from one document (two: a merge or a split)
NEIGHBOURS = 6            # places for candidates from the nearest documents …
SPREAD = 8                # … and this many more, evenly spread over the rest of the shortlist
SHORTLIST = 64            # measures per side the index shortlists, ranked then by exact cosine
REACH_SHARE = 0.1         # … and not past the first 10 % of the documents on that side,
SPREAD_FLOOR = 0.7        # … nor below this share of the nearest's similarity
EDITION_PARTNERS = 3      # … and its best partners in its previous or next edition
FORWARD = 3               # … and its nearest among later documents (at most PER_DOCUMENT of each)
BLOCK = 2048              # rows of the index compared at a time


def project(cf: CorpusFeatures) -> np.ndarray:
    """Every measure's vector projected to PROJECTION dimensions, rows L2-normalised (float32)."""
    tokens = sorted(cf.features.vocab, key=cf.features.vocab.__getitem__)
    rows, cols, vals = [], [], []
    for c, t in enumerate(tokens):
        h = hashlib.blake2b(t.encode("utf-8"), digest_size=4 * SKETCH).digest()
        for s in range(SKETCH):
            x = int.from_bytes(h[4 * s:4 * s + 4], "little")
            rows.append(c)
            cols.append(x % PROJECTION)
            vals.append(1.0 if (x >> 31) & 1 else -1.0)
    p = sparse.csr_matrix((vals, (rows, cols)), shape=(len(tokens), PROJECTION))
    out = np.asarray((cf.features.weights @ p).todense(), dtype=np.float32)
    norms = np.linalg.norm(out, axis=1)
    norms[norms == 0] = 1.0
    return out / norms[:, None]


def candidates(cf: CorpusFeatures, doc_of: np.ndarray, edition_pairs: list[tuple[int, int]] = (),
               nearest: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (i, j), i < j, sorted: each measure's candidates among the measures of
    earlier documents and its FORWARD nearest among later ones (`_nearest`), and for each (older,
    newer) pair of editions, each measure's EDITION_PARTNERS best partners in the other edition
    (exact cosine). Looking back, what a measure is compared with depends only on the documents
    up to its own; looking forward, only its nearest are taken, which more documents can only
    push out: a rerun that adds plans finds the pairs a fresh run would, and every pair it has
    not decided yet involves a new plan. `nearest`: `_nearest`'s keys when computed already
    (block by block, by tasks: `Index`, `blocks`, `nearest_block`)."""
    n = len(doc_of)
    keys = [_nearest(cf, project(cf), doc_of) if nearest is None else nearest] if n else []
    for a, b in edition_pairs:
        ra = np.arange(cf.doc_rows[a], cf.doc_rows[a + 1])
        rb = np.arange(cf.doc_rows[b], cf.doc_rows[b + 1])
        if len(ra) and len(rb):
            block = (cf.features.weights[ra] @ cf.features.weights[rb].T).toarray()
            keys.append(_best_of_block(block, ra, rb, n))
    if not keys:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    key = np.unique(np.concatenate(keys))
    return key // n, key % n


def _nearest(cf: CorpusFeatures, vectors: np.ndarray, doc_of: np.ndarray) -> np.ndarray:
    """Keys j * n + i of each measure i's candidates j among earlier documents' measures. The index
    shortlists SHORTLIST measures; their exact cosines rank them. A measure keeps its NEIGHBOURS
    nearest, at most PER_DOCUMENT of each document (so copies of one plan cannot fill every
    place), then SPREAD more evenly spread over the rest of the shortlist (a large family's
    members are not all near-copies of one another: one keeps a measure's first sentences,
    another its last; the nearest alone would split it by which copy is nearest), but not past
    the first REACH_SHARE of the earlier documents, nor below SPREAD_FLOOR of the nearest's
    similarity."""
    index = Index(cf, vectors, doc_of)
    return np.concatenate([np.zeros(0, dtype=np.int64)]
                          + [nearest_block(index, s, e) for s, e in blocks(len(vectors))])


@dataclass
class Index:
    """What `nearest_block` reads: the corpus's features, their projection (`project`) and each
    measure's document."""
    cf: CorpusFeatures
    vectors: np.ndarray
    doc_of: np.ndarray


def blocks(n: int) -> list[tuple[int, int]]:
    """The index's row blocks (BLOCK rows each): `nearest_block`'s tasks."""
    return [(s, min(n, s + BLOCK)) for s in range(0, n, BLOCK)]


def nearest_block(index: Index, start: int, end: int) -> np.ndarray:
    """`_nearest`'s keys for the measures of rows start:end: one dense product of their
    projections with every measure's, then each side's shortlist and choice."""
    cf, vectors, doc_of = index.cf, index.vectors, index.doc_of
    n = len(vectors)
    r = np.arange(start, end)
    own = doc_of[r]
    block = vectors[r] @ vectors.T
    # the rows' earlier documents all end before the last row's document begins, and their
    # later ones begin after the first row's document ends: only those columns are ranked
    top = _shortlist(block, doc_of, own, np.less, 0, int(cf.doc_rows[own[-1]]))
    later = _shortlist(block, doc_of, own, np.greater, int(cf.doc_rows[own[0] + 1]), n)
    return np.concatenate([_side_best(cf, top, r, doc_of, own, n), _forward_best(cf, later, r, doc_of, n)])


def _forward_best(cf: CorpusFeatures, top: np.ndarray, r: np.ndarray, doc_of: np.ndarray, n: int) -> np.ndarray:
    """Keys of each measure's FORWARD nearest among the later documents' shortlisted measures (at
    most PER_DOCUMENT of one document). Looking back alone misses a pair only the older side
    singles out: an old measure whose one successor is a broad new measure, nearer to others.
    The nearest only (no spread): adding documents can push a pair out, never bring in a pair of
    two documents already decided."""
    if not top.shape[1]:
        return np.zeros(0, dtype=np.int64)
    top, vals, kept = _ranked(cf, top, r, doc_of)
    taken = kept & (vals > 0) & (np.cumsum(kept, axis=1) <= FORWARD)
    return np.broadcast_to(r[:, None], top.shape)[taken] * n + top[taken]


def _ranked(cf: CorpusFeatures, top: np.ndarray, r: np.ndarray, doc_of: np.ndarray):
    """Each row's shortlist `top` (measures, -1 for none) ranked by exact cosine with measure r[k],
    then index: (top, cosines, kept), kept marking the first PER_DOCUMENT of each document."""
    valid = top >= 0
    vals = np.full(top.shape, -np.inf)
    rows = np.broadcast_to(r[:, None], top.shape)
    vals[valid] = exact_cosines(cf, rows[valid], top[valid])
    top = np.where(valid, top, 0)
    order = np.lexsort((top, -vals), axis=1)                       # by similarity, then index
    top, vals = np.take_along_axis(top, order, axis=1), np.take_along_axis(vals, order, axis=1)
    key = (np.arange(len(r))[:, None] * (int(doc_of.max()) + 1) + doc_of[top]).ravel()
    kept = (_occurrence(key) < PER_DOCUMENT).reshape(top.shape) & np.isfinite(vals)
    return top, vals, kept


def _shortlist(block: np.ndarray, doc_of: np.ndarray, own: np.ndarray, side, lo: int, hi: int) -> np.ndarray:
    """Each row's SHORTLIST best columns by the index among the measures of its side's documents
    (`side(doc_of[column], own[row])`, all within columns lo:hi), -1 where the side has fewer
    (the width is SHORTLIST whatever the side holds: the spread's ranks depend on it).

    Ranked among the columns that can be a row's best only (`_above_floor`). Where the best
    SHORTLIST are not unique — the last place tied with the next (a measure copied into several
    plans) — the row is ranked over all its columns, as the whole row always was ranked
    (`_tied_rows`), so a corpus's candidates do not depend on how the ranking is cut short."""
    width = min(SHORTLIST, block.shape[1])
    out = np.full((len(block), width), -1, dtype=np.int64)
    if width <= 0 or hi <= lo:
        return out
    sub = np.where(side(doc_of[None, lo:hi], own[:, None]), block[:, lo:hi], -np.inf)
    rows, cols = _above_floor(sub, width)
    counts = np.bincount(rows, minlength=len(sub))
    slot = np.arange(len(rows)) - np.repeat(np.cumsum(counts) - counts, counts)
    m = max(int(counts.max()), width + 1)
    vals = np.full((len(sub), m), -np.inf, dtype=sub.dtype)
    vals[rows, slot] = sub[rows, cols]
    where = np.full((len(sub), m), -1, dtype=np.int64)
    where[rows, slot] = cols + lo
    part = np.argpartition(-vals, width, axis=1)
    best = np.take_along_axis(vals, part[:, :width], axis=1)
    out[:] = np.where(np.isfinite(best), np.take_along_axis(where, part[:, :width], axis=1), -1)
    nxt = np.take_along_axis(vals, part[:, width:width + 1], axis=1)[:, 0]
    _tied_rows(out, block, doc_of, own, side, np.flatnonzero(np.isfinite(nxt) & (best.min(axis=1) == nxt)))
    return out


def _above_floor(sub: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of the entries of `sub` that can be among their row's k best: finite, and at
    least the k-th best of an evenly spaced sample of the row's columns (which is at most the
    row's own k-th best). Sampling every sqrt(columns / k)-th column keeps both the sample and
    what passes its floor near sqrt(k x columns) per row, so the exact ranking that follows
    handles a few hundred columns a row instead of every one."""
    step = max(1, int(np.sqrt(sub.shape[1] / k)))
    sample = sub[:, ::step]
    if sample.shape[1] > k:
        floor = -np.partition(-sample, k - 1, axis=1)[:, k - 1]
        return np.nonzero((sub >= floor[:, None]) & np.isfinite(sub))
    return np.nonzero(np.isfinite(sub))


def _tied_rows(out: np.ndarray, block: np.ndarray, doc_of: np.ndarray, own: np.ndarray, side,
               rows: np.ndarray) -> None:
    """`_shortlist` of rows whose last place is tied, ranked over the whole row: which of the tied
    columns the index keeps is then what it has always been (numpy's selection on the full row)."""
    width = out.shape[1]
    for t in rows.tolist():
        full = np.where(side(doc_of, own[t]), block[t], -np.inf)
        top = np.argpartition(-full, width - 1)[:width]
        out[t] = np.where(np.isfinite(full[top]), top, -1)


def exact_cosines(cf: CorpusFeatures, i: np.ndarray, j: np.ndarray, chunk: int = 200_000) -> np.ndarray:
    """The TF-IDF cosine of measures i[k] and j[k] (rows L2-normalised: a dot product)."""
    w = cf.features.weights
    out = np.zeros(len(i))
    for s in range(0, len(i), chunk):
        out[s:s + chunk] = np.asarray(w[i[s:s + chunk]].multiply(w[j[s:s + chunk]]).sum(axis=1)).ravel()
    return out


def _side_best(cf: CorpusFeatures, top: np.ndarray, r: np.ndarray, doc_of: np.ndarray,
               docs_on_side: np.ndarray, n: int) -> np.ndarray:
    if not top.shape[1]:
        return np.zeros(0, dtype=np.int64)
    top, vals, kept = _ranked(cf, top, r, doc_of)
    # at most PER_DOCUMENT per document, moved to the front in rank order
    front = np.argsort(~kept, axis=1, kind="stable")
    top, vals = np.take_along_axis(top, front, axis=1), np.take_along_axis(vals, front, axis=1)
    vals = np.where(np.take_along_axis(kept, front, axis=1), vals, -np.inf)
    limit = np.maximum(NEIGHBOURS, np.ceil(docs_on_side * REACH_SHARE * PER_DOCUMENT)).astype(np.int64)
    ranks = _ranks(np.minimum(limit, top.shape[1]))
    top, vals = np.take_along_axis(top, ranks, axis=1), np.take_along_axis(vals, ranks, axis=1)
    spread = np.arange(ranks.shape[1])[None, :] >= NEIGHBOURS
    found = np.isfinite(vals) & (vals > 0) & (~spread | (vals >= SPREAD_FLOOR * vals[:, :1]))
    i = np.broadcast_to(r[:, None], top.shape)[found]
    j = top[found]
    return np.minimum(i, j) * n + np.maximum(i, j)


def _occurrence(key: np.ndarray) -> np.ndarray:
    """For each element, how many equal keys come before it (0 for the first)."""
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    starts = np.r_[0, np.flatnonzero(sorted_key[1:] != sorted_key[:-1]) + 1]
    run = np.repeat(starts, np.diff(np.r_[starts, len(key)]))
    out = np.empty(len(key), dtype=np.int64)
    out[order] = np.arange(len(key)) - run
    return out


def _ranks(limit: np.ndarray) -> np.ndarray:
    """Per row, the ranks its candidates are taken from: the first NEIGHBOURS, then SPREAD more
    evenly spaced up to the row's limit (repeats when the limit is small; the pairs are
    de-duplicated later)."""
    near = np.broadcast_to(np.arange(NEIGHBOURS)[None, :], (len(limit), NEIGHBOURS))
    far = NEIGHBOURS + np.linspace(0.0, 1.0, SPREAD)[None, :] * np.maximum(limit[:, None] - 1 - NEIGHBOURS, 0)
    return np.minimum(np.c_[near, far.round().astype(np.int64)], limit[:, None] - 1)


def _best_of_block(block: np.ndarray, ra: np.ndarray, rb: np.ndarray, n: int) -> np.ndarray:
    k_b, k_a = min(EDITION_PARTNERS, len(rb)), min(EDITION_PARTNERS, len(ra))
    top_b = np.argsort(-block, axis=1, kind="stable")[:, :k_b]
    top_a = np.argsort(-block, axis=0, kind="stable")[:k_a]
    i = np.r_[np.repeat(ra, k_b), ra[top_a.ravel()]]
    j = np.r_[rb[top_b.ravel()], np.tile(rb, k_a)]
    keep = block[np.searchsorted(ra, i), np.searchsorted(rb, j)] > 0
    return i[keep] * n + j[keep]


def same_text_pairs(measures: list[Measure], doc_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Measures that read the same (`model.same_text`) in different documents: each linked to
    the first and to the previous measure of that text (corpus order), so a text copied by many
    plans costs links in proportion to its copies, not their pairs."""
    seen: dict[tuple, list[int]] = {}
    pairs = set()
    for k, m in enumerate(measures):
        if not m.norm:
            continue
        group = seen.setdefault(text_key(m), [])       # whatever their kind, as in `align`
        others = [g for g in group if doc_of[g] != doc_of[k]]
        if others:
            pairs.add((others[0], k))
            pairs.add((others[-1], k))
        group.append(k)
    if not pairs:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    ii, jj = zip(*sorted(pairs), strict=True)
    return np.asarray(ii, dtype=np.int64), np.asarray(jj, dtype=np.int64)


def pool_keys(measures: list[Measure]) -> tuple[np.ndarray, int]:
    """(each measure's kind as a number, the number of kinds): what `pool_statistics` compares
    measures by, made once for a corpus."""
    kind_names = sorted({m.kind for m in measures})
    return np.array([kind_names.index(m.kind) for m in measures], dtype=np.int64), len(kind_names)


def pool_statistics(cf: CorpusFeatures, measures: list[Measure], doc_of: np.ndarray,
                    ii: np.ndarray, jj: np.ndarray, keys: tuple | None = None) -> dict[str, np.ndarray]:
    """For candidate pairs (ii[k], jj[k]) of different documents A (of ii) and B: the exact
    cosine, and the (count, sum, sum of squares) of the cosines of ii[k] against B's measures of
    its kind (`row`) and of jj[k] against A's measures of its kind (`col`) — as `align` scores
    them: every measure of the kind, those that read the same as one in the other document
    included (they are no candidates, but what a pair stands out against). `keys`:
    `pool_keys(measures)` when made already.

    One sparse product per older document A, against all its candidates' documents at once."""
    n = len(ii)
    cos = np.zeros(n)
    row = [np.zeros(n) for _ in range(3)]
    col = [np.zeros(n) for _ in range(3)]
    kind, n_kinds = keys if keys is not None else pool_keys(measures)
    order = np.lexsort((jj, ii, doc_of[ii]))
    da = doc_of[ii][order]
    starts = np.flatnonzero(np.r_[True, da[1:] != da[:-1]])
    for s0, e0 in zip(starts, np.r_[starts[1:], n], strict=True):
        sel = order[s0:e0]
        _doc_statistics(cf, int(da[s0]), ii[sel], jj[sel], doc_of, kind, n_kinds, sel, cos, row, col)
    return {"cosine": cos, "row": row, "col": col}


def _doc_statistics(cf, a, ci, cj, doc_of, kind, n_kinds, sel, cos, row, col) -> None:
    """`pool_statistics` for the candidates (ci, cj) of one older document `a`, written at `sel`."""
    w = cf.features.weights
    ra = np.arange(cf.doc_rows[a], cf.doc_rows[a + 1])
    partners = np.unique(doc_of[cj])
    rb = np.concatenate([np.arange(cf.doc_rows[b], cf.doc_rows[b + 1]) for b in partners])
    block = (w[ra] @ w[rb].T).toarray()                   # A's measures x all partners' measures
    col_of = np.full(len(doc_of), -1, dtype=np.int64)
    col_of[rb] = np.arange(len(rb))
    li, lc = ci - ra[0], col_of[cj]
    cos[sel] = block[li, lc]
    # rows: the A measure against its partner document's measures of its kind (each document's
    # columns summed on their own, so a sum never depends on the other partners)
    first = np.searchsorted(rb, cf.doc_rows[partners])     # each partner's first column
    which = np.searchsorted(partners, doc_of[cj])          # each candidate's partner
    for k in range(n_kinds):
        mine = np.flatnonzero(kind[ci] == k)
        if not len(mine):
            continue
        mask = (kind[rb] == k).astype(float)
        vals = block * mask
        r, p = li[mine], which[mine]
        row[0][sel[mine]] = np.add.reduceat(mask, first)[p]
        row[1][sel[mine]] = np.add.reduceat(vals, first, axis=1)[r, p]
        row[2][sel[mine]] = np.add.reduceat(vals * vals, first, axis=1)[r, p]
    # columns: the partner measure against A's measures of its kind
    vals = block[:, lc]                                    # A's measures x candidates
    mask = kind[ra][:, None] == kind[cj][None, :]
    col[0][sel] = mask.sum(axis=0)
    col[1][sel] = (vals * mask).sum(axis=0)
    col[2][sel] = (vals * vals * mask).sum(axis=0)
    # a pair of two kinds (a measure moved under 保障措施) joins both its row and its column, as
    # `align.decide.joined` has it: its own cosine is in neither
    across = np.flatnonzero(kind[ci] != kind[cj])
    for stats in (row, col):
        for part, value in zip(stats, joined(cos[sel[across]], [x[sel[across]] for x in stats]), strict=True):
            part[sel[across]] = value
