"""Is there a commitment to quote? For candidate pairs only: the best pair of clauses sharing a
specific word (`clause_match`), and the share of one title's words found in the other measure
(`title_cover`)."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy import sparse

from compare.align.features import NAME_MASS, NAME_WEIGHT, Clauses, Features, term_weight
from compare.model import Measure
from compare.text.lexicon import ABBREVIATION, abbreviation_of, is_verb, quoted_names, without_names, words
from compare.text.specificity import SPECIFIC, specificity

# a title's (words, quoted names) with their weights, and its specific mass
TitleWords = tuple[list[tuple[str, float]], list[tuple[str, float]], float]

TITLE_MASS = 0.2          # specific mass from which a title names something (one fairly specific word)


def clause_match(ca: Clauses, cb: Clauses, ii: np.ndarray, jj: np.ndarray):
    """For candidate pairs (ii[k], jj[k]), sorted by ii: the cosine of their best pair of clauses
    that share a specific token, the two clauses' row numbers (-1 when none qualifies), and the
    largest specificity of the words one of their clause pairs shares.

    One sparse product per GROUP measures of A against the clauses of their candidates (the three
    views stacked, so one product gives them all), each measure reading its own block of it: the
    work grows with the number of candidates, never with all pairs."""
    n = len(ii)
    out = (np.zeros(n), np.full(n, -1), np.full(n, -1), np.zeros(n))      # best, pa, pb, shared mass
    if not n:
        return out
    na = ca.weights.shape[0]
    mass_b = cb.mass.copy()
    mass_b.data[:] = 1.0
    big_b = sparse.hstack([cb.weights, cb.specific, mass_b], format="csr")
    zero = sparse.csr_matrix(ca.weights.shape)
    big_a = sparse.vstack([sparse.hstack([ca.weights, zero, zero]), sparse.hstack([zero, ca.specific, zero]),
                           sparse.hstack([zero, zero, ca.mass])], format="csr")
    starts = np.flatnonzero(np.r_[True, ii[1:] != ii[:-1]])
    ends = np.r_[starts[1:], n]
    for g in range(0, len(starts), GROUP):
        parts = [p for s0, e0 in zip(starts[g:g + GROUP], ends[g:g + GROUP], strict=True)
                 if (p := _clauses_of(ca, cb, int(ii[s0]), jj[s0:e0], int(s0))) is not None]
        if not parts:
            continue
        rows = np.concatenate([np.r_[a0:a1, na + a0:na + a1, 2 * na + a0:2 * na + a1] for _, a0, a1, _, _ in parts])
        block = (big_a[rows] @ big_b[np.concatenate([cols for *_, cols in parts])].T).toarray()
        r = c = 0
        for s0, a0, a1, sizes, cols in parts:
            _best_clauses(block[r:r + 3 * (a1 - a0), c:c + len(cols)], s0, a0, sizes, cols, out)
            r, c = r + 3 * (a1 - a0), c + len(cols)
    return out


GROUP = 8                 # measures of A whose clauses one sparse product compares (fewer, larger products)
TIE_DIGITS = 9            # cosines equal to 9 places are a tie (two identical clauses both score ~1.0,
                          # apart only by rounding), and a tie goes to the first clause: which one is
                          # cited must not hang on the order a sparse product summed in


def _clauses_of(ca: Clauses, cb: Clauses, i: int, js: np.ndarray, s0: int):
    """(s0, A measure i's clause rows a0:a1, each candidate's number of clauses, the candidates'
    clause rows) — None when one side has no clause."""
    a0, a1 = int(ca.offsets[i]), int(ca.offsets[i + 1])
    lo, hi = cb.offsets[js], cb.offsets[js + 1]
    sizes = hi - lo
    if a0 == a1 or not sizes.sum():
        return None
    cols = np.repeat(lo - np.r_[0, np.cumsum(sizes)[:-1]], sizes) + np.arange(sizes.sum())
    return s0, a0, a1, sizes, cols


def _best_clauses(block: np.ndarray, s0: int, a0: int, sizes: np.ndarray, cols: np.ndarray, out) -> None:
    """From one A measure's block (its clauses in the three views x its candidates' clauses), each
    candidate's best clause pair sharing a specific token and shared specific mass, into `out`
    at s0 + candidate."""
    best, pa, pb, shared_mass = out
    h = len(block) // 3
    sim = np.round(np.where(block[h:2 * h] > 0, block[:h], 0.0), TIE_DIGITS)
    col_best = sim.max(axis=0)
    col_row = sim.argmax(axis=0)
    col_mass = block[2 * h:].max(axis=0)
    k = np.flatnonzero(sizes)                       # the candidates with clauses, and their columns:
    first = np.r_[0, np.cumsum(sizes)][k]           # first[t]:first[t+1], contiguous
    shared_mass[s0 + k] = np.maximum.reduceat(col_mass, first)
    q = _first_best(col_best, first, sizes[k])
    found = col_best[q] > 0
    best[s0 + k[found]] = col_best[q[found]]
    pa[s0 + k[found]] = a0 + col_row[q[found]]
    pb[s0 + k[found]] = cols[q[found]]


def _first_best(values: np.ndarray, first: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Index of the first largest value of each consecutive segment of `values` (segment t: sizes[t]
    values from first[t]), as argmax finds it within the segment."""
    top = np.maximum.reduceat(values, first)
    at = np.flatnonzero(values == np.repeat(top, sizes))          # every segment has its top
    seg = np.repeat(np.arange(len(first)), sizes)[at]
    return at[np.r_[True, seg[1:] != seg[:-1]]]


def title_cover(a: list[Measure], b: list[Measure], ta: list[TitleWords], tb: list[TitleWords],
                ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
    """For candidate pairs: the larger of (share of A's title's words found in B's text)
    and the same from B to A, each word weighted by IDF x specificity (`ta`, `tb`: the titles'
    words of a and b, `title_words`). Found means "occurs in the
    text", so 阅读 is found in 全民阅读. A title whose one specific word is found (户口迁移 in
    深化户口迁移、出入境管理等便利化改革) scores 1; one with one specific word of four found
    (高新区 政务服务 线上 通办) scores low. A quoted name in the title counts when it is found with
    the title's most specific word, and is left aside otherwise (推进社保卡“一卡一码通” is about
    社保卡 whatever its programme is called, and 电子健康卡“一卡通” is not it); and a title that names nothing specific (共建就业服务体系: only 就业) covers little,
    however much of it is found — it scales by its specific mass up to TITLE_MASS."""
    out = np.zeros(len(ii))
    for k, (i, j) in enumerate(zip(ii.tolist(), jj.tolist(), strict=True)):
        out[k] = max(_share(*ta[i], b[j].content), _share(*tb[j], a[i].content))
    return out


def title_words(measures: list[Measure], feats: Features) -> list[TitleWords]:
    """Each measure's title words (`_title_words`), IDF from `feats` (its document's features)."""
    return [_title_words(m, feats) for m in measures]


def _title_words(m: Measure, feats: Features) -> TitleWords:
    """(the title's words other than boilerplate, its quoted names — each with its weight, IDF x
    term weight —, and the title's specific mass). A title's subject counts even when it is an
    everyday word (阅读, 养老)."""
    title = m.title_norm
    vocab, idf = feats.vocab, feats.idf
    found: dict[str, float] = {}
    mass = 0.0
    for w in words(without_names(title)):
        if (spec := specificity(w)) > 0 and w not in found:
            col = vocab.get("w:" + w)
            found[w] = term_weight(w) * (idf[col] if col is not None else 1.0)
            mass += spec
    names = {}
    for name in quoted_names(title):
        col = vocab.get("q:" + name)
        names[name] = NAME_WEIGHT * (idf[col] if col is not None else 1.0)
        mass += NAME_MASS
    return list(found.items()), list(names.items()), mass


def _share(title_words: list[tuple[str, float]], names: list[tuple[str, float]], mass: float, text: str) -> float:
    """The weighted share of the title found in `text` (names only when found), scaled by how
    much the title names at all."""
    got = sum(w if t in text else w * ABBREVIATION if abbreviation_of(t, text) else 0.0 for t, w in title_words)
    total = sum(w for _, w in title_words)
    found_names = sum(w for t, w in names if t in text) if _subject_found(title_words, text) else 0.0
    share = (got + found_names) / (total + found_names) if total + found_names else 0.0
    return share * min(1.0, mass / TITLE_MASS)


def _subject_found(title_words: list[tuple[str, float]], text: str) -> bool:
    """Is the title's most specific word (what its quoted scheme is applied to) in `text`? Many
    fields run one scheme: 推行养老服务"一网通办" is not 推行医保服务"一网通办", nor 推进社保卡"一卡通"
    电子健康卡一卡通用. A title that names nothing besides its name has nothing to miss."""
    if not title_words:
        return True
    subject = max(title_words, key=lambda tw: specificity(tw[0]))[0]
    return subject in text or abbreviation_of(subject, text)


def title_subjects(a: list[Measure], b: list[Measure], ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
    """For candidate pairs: the specific mass the two titles share — the specific words of one
    title found in the other title, as written or abbreviated (社保卡 / 社会保障卡), the larger of
    the two directions. Two headlines naming the same subject (体育, 旅游资源) say what both
    measures are about."""
    ta = [_specific_title_words(m) for m in a]
    tb = [_specific_title_words(m) for m in b]
    out = np.zeros(len(ii))
    for k, (i, j) in enumerate(zip(ii.tolist(), jj.tolist(), strict=True)):
        out[k] = max(_found_mass(ta[i], b[j].title_norm), _found_mass(tb[j], a[i].title_norm))
    return out


def _specific_title_words(m: Measure) -> tuple[tuple[str, float], ...]:
    return _title_subject_words(m.title_norm)


@lru_cache(maxsize=1 << 16)     # a corpus reads one title in many chunks of candidate pairs
def _title_subject_words(title_norm: str) -> tuple[tuple[str, float], ...]:
    """The specific words of a title with their specificity, each once, in order."""
    return tuple({w: spec for w in words(without_names(title_norm)) if (spec := specificity(w)) > 0}.items())


def _found_mass(title_words: tuple[tuple[str, float], ...], other_title: str) -> float:
    return sum(v for w, v in title_words if w in other_title or abbreviation_of(w, other_title))


def shared_specific(x: str, y: str, floor: float = SPECIFIC) -> list[str]:
    """The quoted names and the words at least `floor` specific (or their abbreviations) of x that
    y also says, most specific first."""
    names = list(dict.fromkeys(n for n in quoted_names(x) if n in y))
    found = {w: spec for w in words(without_names(x)) if (spec := specificity(w)) >= floor and spec > 0
             and (w in y or abbreviation_of(w, y))}
    return names + sorted(found, key=lambda w: -found[w])


def other_objects(x: str, y: str) -> bool:
    """Do two clauses share only an action (jieba's v: 结对帮扶) or a quoted scheme, each naming a
    specific thing the other does not (中小学 / 医疗机构)? The same act on other objects restates
    no commitment: 支持中小学开展结对帮扶 is not 推进医疗机构结对帮扶."""
    shared = [w for w in shared_specific(x, y) if w not in quoted_names(x)]
    if any(not is_verb(w) for w in shared):
        return False
    return bool(_own_objects(x, y) and _own_objects(y, x))


def _own_objects(x: str, y: str) -> list[str]:
    """The specific words of x, other than verbs, that y does not say (nor abbreviate)."""
    return [w for w in words(without_names(x)) if specificity(w) >= SPECIFIC and not is_verb(w)
            and w not in y and not abbreviation_of(w, y)]
