"""Alignment: which measures of B carry on a commitment of A, and which are only on the same topic.

A link (`match`) means the two measures share a specific commitment a reader could quote — the
same service, mechanism, target or population — not merely a field (职业教育, 养老) or a phrase every
plan uses (联动机制, 政务服务中心). The algorithm, in the order it runs:

1. Measures that read the same (`model.same_text`: the same normalised body and responsible units)
   are linked first, score 1.0, and are no candidates; classification calls them unchanged. They
   stay in the statistics of step 3: a measure split in two among twenty unchanged ones stands
   out against those twenty, not against its other half alone.
2. Retrieval: TF-IDF cosine of all remaining pairs (sparse products in row chunks, so memory stays
   bounded), keeping each measure's top candidates and each row's and column's sum and sum of
   squares. A word weighs its IDF over both documents' measures (features made once per pair of
   documents) times its specificity against a broad background (general Chinese and policy plans,
   `text.specificity`).
3. Does the pair stand out? The best of N unrelated candidates is not remarkable: its expected
   z-score grows with N (about 1.9 for 22 candidates, 3.7 for 5,000; `expected_max`). A pair's
   leave-one-out z-score in its row and in its column is compared with that expectation: it stands
   out when it beats it on both sides, or by EXCESS_ONE on one side (a merge or a split: the other
   side has several genuine partners) while the other side is not unremarkable (Z_FLOOR). A pair
   that restates a clause and covers a title (STRONG_CLAUSE, RESTATED_TITLE) needs only to beat the
   expectation on one side.
4. Is there a commitment to quote? For candidate pairs only (`clause_match`). A restatement: the
   best pair of clauses sharing a specific word, by cosine (CLAUSE), or one title found whole in
   the other measure (RESTATED_TITLE). For a pair both sides single out, weaker citations do too:
   most of a title's words found (TITLE_SHARE); the specificity of the words (and quoted programme
   names) one clause pair shares (SHARED_WORDS: three specific words, such as 随迁子女 + 入学 +
   义务教育, or a name and a word); two headlines naming the same subject (TITLE_SUBJECT) with a
   clause pair sharing specific words (SUBJECT_SHARED) beyond that subject (SUBJECT_BEYOND). A pair only one side singles out (a
   merge or a split) must restate. None of these can be made of stock sentences
   (`text.boilerplate`), place names or the vocabulary of every plan, which carry no weight; a
   clause pair sharing only an action, each naming other objects (中小学 / 医疗机构 结对帮扶), restates
   nothing (`other_objects`). Below
   MATCH_FLOOR (the reported score) nothing is a match.
5. Tiers: standing out with a commitment is a `match`; standing out without one is `related` (same
   topic) and is kept only as context for a measure that has no match. A match is `strong` when a
   clause is restated closely (STRONG_CLAUSE) or one clause pair shares three specific words
   (STRONG_SHARED), and one side singles the pair out by EXCESS_ONE; otherwise `check`, where a
   reviewer looks first. Every match names its evidence (`Pair.cited`): the clauses it restates and
   the specific words they share, or the title found.
Measures of two kinds (a task measure and a safeguard: a measure a new plan moves under 保障措施)
are candidates too, each side standing out against the other document's measures of its own kind
(`joined`): a safeguard that commits to nothing specific cannot stand out against task measures. `threshold` scales every bar together: above 1 fewer links, below 1 more. A link's
reported score (`pair_scores`) blends cosine and rapidfuzz; a reviewer's link is scored the same way
(`LinkScorer`). The constants hold on both reference alignments (versions of one plan; loosely
related sibling plans), on pairs of synthetic plans of other regions, and over a range around each
value; they are not fitted to any one document.

The decision is an interface of its own, so that every stage that links measures uses this one
rule (`compare corpus` too): `standing` (step 3's z-scores from a pair's row and column
statistics), `commitment_signals` (step 4, for candidate pairs), `judge` (steps 4–5: tier and
confidence of each candidate), `below_floor` (MATCH_FLOOR on the reported score) and `decide`
(the linked candidates as Pairs, with their scores and citations).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from compare.align.clause_match import (TitleWords, clause_match, other_objects, shared_specific, title_cover,
                                        title_subjects, title_words)
from compare.align.features import Features, featurize
from compare.align.retrieve import expected_max, loo_z, retrieve
from compare.align.score import pair_scores
from compare.text.lexicon import with_places
from compare.model import Measure, same_text, text_key
from compare.vocab import CHECK, MATCH, RELATED, STRONG

EXCESS_ONE = 2.0          # z above the expected best-of-N by which one side alone can single out a pair
Z_FLOOR = 0.5             # ... while the other side must not find it unremarkable
CLAUSE = 0.5              # a commitment: two clauses this alike (cosine) sharing a specific word,
TITLE_SHARE = 0.6         # or most of one title's words (by weight) found in the other measure,
SHARED_WORDS = 1.8        # or one clause pair sharing specific words worth this much (three, or a name),
TITLE_SUBJECT = 0.2       # or, standing out on both sides: headlines sharing a subject this specific
SUBJECT_SHARED = 0.8      # ... and a clause pair sharing a specific word,
SUBJECT_BEYOND = 0.3      # ... more than the subject itself (高铁 alone: 高铁公交化 is not 高铁货运)
STRONG_CLAUSE = 0.6       # strong: a clause restated this closely,
STRONG_SHARED = 2.0       # or three specific words shared in one clause pair, and one side's excess
RESTATED_TITLE = 0.9      # a title this fully found is restated; with a restated clause, one side's
#                           expectation will do for standing out
MATCH_FLOOR = 0.1         # no match below this reported score, however it stands against its row
ACROSS_FLOOR = 0.5        # ... nor, for a pair of two kinds (a task and a safeguard), below this;
ACROSS_COSINE = 0.4       # such a pair is no candidate, related or match, below this cosine
UNLINKED = ""             # the tier of a candidate pair that neither stands out nor carries a commitment


@dataclass
class Pair:
    i: int                # index into A's measures
    j: int                # index into B's measures
    score: float          # blended similarity, 0..1
    cosine: float
    tier: str = MATCH     # match (same commitment) or related (same topic only)
    confidence: str = STRONG
    clause_a: str = ""    # the quoted commitment, when one clause pair carries it
    clause_b: str = ""
    cited: dict = field(default_factory=dict)   # a match's evidence: {"by", "a", "b", "words"}


def align(a: list[Measure], b: list[Measure], threshold: float = 1.0) -> list[Pair]:
    """Pairs (i, j) of linked measures (`tier` match), and related pairs (`tier` related) for
    measures left without a match. Sorted by (i, j)."""
    pairs = _same_text_pairs(a, b)
    used_a, used_b = {p.i for p in pairs}, {p.j for p in pairs}
    if len(used_a) < len(a) and len(used_b) < len(b):
        pairs += _candidate_pairs(a, b, used_a, used_b, threshold)
    pairs = _keep_related_for_unmatched(pairs)
    pairs.sort(key=lambda p: (p.i, p.j))
    return pairs


def _candidate_pairs(a: list[Measure], b: list[Measure], used_a: set[int], used_b: set[int],
                     threshold: float) -> list[Pair]:
    """The decided pairs of the measures not linked as reading the same, one pair of kinds at a
    time (A's measures of one kind against B's of one kind)."""
    fa, fb = featurize([a, b])
    kinds = sorted({m.kind for m in a} | {m.kind for m in b})
    of_a = {k: [i for i, m in enumerate(a) if m.kind == k] for k in kinds}
    of_b = {k: [j for j, m in enumerate(b) if m.kind == k] for k in kinds}
    blocks: dict[tuple[str, str], tuple] = {}     # `retrieve` of A's measures of a kind against B's of a kind

    def block(k_a: str, k_b: str) -> tuple:
        if (k_a, k_b) not in blocks:
            blocks[(k_a, k_b)] = retrieve(fa.subset(of_a[k_a]), fb.subset(of_b[k_b]))
        return blocks[(k_a, k_b)]
    out: list[Pair] = []
    for ka_kind, kb_kind in sorted(((x, y) for x in kinds for y in kinds), key=lambda k: k[0] != k[1]):
        ka, kb = of_a[ka_kind], of_b[kb_kind]
        pool_a = np.array([i not in used_a for i in ka], dtype=bool)
        pool_b = np.array([j not in used_b for j in kb], dtype=bool)
        if not (pool_a.any() and pool_b.any()):
            continue
        ma, mb = [a[i] for i in ka], [b[j] for j in kb]
        fka, fkb = fa.subset(ka), fb.subset(kb)
        across = None if ka_kind == kb_kind else (block(ka_kind, ka_kind)[3], block(kb_kind, kb_kind)[4])
        t = score_pairs(ma, mb, fka, fkb, pool_a, pool_b, across, block(ka_kind, kb_kind))
        for p in decide(ma, mb, fka, fkb, t, threshold, across=across is not None):
            p.i, p.j = ka[p.i], kb[p.j]
            out.append(p)
    return out


def _same_text_pairs(a: list[Measure], b: list[Measure]) -> list[Pair]:
    """Measures that read the same (`model.same_text`), paired one to one in document order —
    whatever their kind: a safeguard printed under 组织保障 in one copy and as a plain numbered item
    in another is the same text."""
    pairs: list[Pair] = []
    used_b: set[int] = set()
    by_text: dict[tuple, list[int]] = {}
    for j, m in enumerate(b):
        by_text.setdefault(text_key(m), []).append(j)
    for i, m in enumerate(a):
        j = next((j for j in by_text.get(text_key(m), []) if j not in used_b and same_text(m, b[j])), None)
        if j is not None:
            pairs.append(Pair(i, j, 1.0, 1.0))
            used_b.add(j)
    return pairs


def score_pairs(a: list[Measure], b: list[Measure], fa: Features | None = None, fb: Features | None = None,
                pool_a: np.ndarray | None = None, pool_b: np.ndarray | None = None,
                across: tuple | None = None, retrieved: tuple | None = None) -> dict[str, np.ndarray]:
    """Everything the decision looks at, for the candidate pairs of A's measures of one kind and
    B's of one kind (also for diagnosis). `fa`, `fb`: its features (rows of its documents'
    features); by default made from these measures alone. `pool_a`, `pool_b`: the measures still
    to align (True), the others linked already as reading the same: they are no candidates, but
    every measure of the kind is what a pair stands out against — a measure split in two next to
    twenty that are unchanged stands out against those twenty, not against its other half alone.
    `across`: for two kinds (a measure moved under 保障措施), the (row, column) statistics each
    side stands out against — A's measure against B's of its own kind, B's against A's of its own
    — which the pair itself joins (`joined`), and which must be ACROSS_COSINE alike to be a
    candidate at all. `retrieved`: `retrieve(fa, fb)` when made already."""
    if fa is None or fb is None:
        fa, fb = featurize([a, b])
    ii, jj, cos, row_bg, col_bg = retrieved if retrieved is not None else retrieve(fa, fb)
    if pool_a is not None and pool_b is not None:
        keep = pool_a[ii] & pool_b[jj] & (cos >= (ACROSS_COSINE if across is not None else -1.0))
        ii, jj, cos = ii[keep], jj[keep], cos[keep]
    t: dict[str, np.ndarray] = {"i": ii, "j": jj, "cosine": cos}
    if not len(ii):
        return t
    if across is None:
        t.update(standing(cos, [x[ii] for x in row_bg], [x[jj] for x in col_bg]))
    else:
        t.update(standing(cos, joined(cos, [x[ii] for x in across[0]]), joined(cos, [x[jj] for x in across[1]])))
    t.update(commitment_signals(a, b, fa, fb, ii, jj))
    return t


def standing(cos: np.ndarray, row: list[np.ndarray], col: list[np.ndarray]) -> dict[str, np.ndarray]:
    """Does a pair stand out of its row and its column? `row`, `col`: for each pair, the (count,
    sum, sum of squares) of the cosines of its row (its A measure against every measure of B's
    pool) and of its column. The pair's leave-one-out z-scores, and what the best of that many
    unrelated candidates typically scores (`expected_max`)."""
    return {"z_row": loo_z(cos, *row), "z_col": loo_z(cos, *col),
            "expected_row": _expected(row[0]), "expected_col": _expected(col[0])}


def joined(cos: np.ndarray, stats: list[np.ndarray]) -> list[np.ndarray]:
    """A row's (count, sum, sum of squares) with the pair's own cosine added: the statistics of a
    pair of two kinds, whose cosine is not among its row's (the z-score leaves it out again)."""
    n, s, ss = stats
    return [n + 1, s + cos, ss + cos * cos]


def _expected(n: np.ndarray) -> np.ndarray:
    """`expected_max` of each count, computed once per distinct count."""
    values, where = np.unique(n, return_inverse=True)
    return expected_max(values)[where]


def commitment_signals(a: list[Measure], b: list[Measure], fa: Features, fb: Features,
                       ii: np.ndarray, jj: np.ndarray,
                       titles: tuple[list[TitleWords], list[TitleWords]] | None = None) -> dict[str, np.ndarray]:
    """Is there a commitment to quote, for candidate pairs (a[ii[k]], b[jj[k]]) sorted by ii:
    the best clause pair's cosine (`clause`) and texts (`clause_a`, `clause_b`), the specificity
    of the words one clause pair shares (`shared`), the share of a title found in the other
    measure (`title`), the specific mass the two headlines share (`subjects`). `titles`: the
    measures' title words (`title_words`) when made already."""
    ca, cb = fa.units, fb.units
    t: dict[str, np.ndarray] = {}
    t["clause"], pa, pb, t["shared"] = clause_match(ca, cb, ii, jj)
    ta, tb = titles if titles is not None else (title_words(a, fa), title_words(b, fb))
    t["title"] = title_cover(a, b, ta, tb, ii, jj)
    t["subjects"] = title_subjects(a, b, ii, jj)
    t["clause_a"] = np.array([ca.texts[p] if p >= 0 else "" for p in pa], dtype=object)
    t["clause_b"] = np.array([cb.texts[p] if p >= 0 else "" for p in pb], dtype=object)
    return t


def judge(t: dict[str, np.ndarray], threshold: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """The rule, for the signals `t` of candidate pairs (`standing` and `commitment_signals`):
    each pair's tier — MATCH (stands out and carries a commitment), RELATED (stands out only) or
    UNLINKED ("") — and confidence (STRONG / CHECK for a match, "" otherwise). The one
    definition of "same measure", for `align` and for the corpus; `below_floor` then applies
    MATCH_FLOOR to the reported score."""
    th = threshold
    _acts_apart(t, th)
    er = t["z_row"] - t["expected_row"] * th
    ec = t["z_col"] - t["expected_col"] * th
    best_side = np.maximum(er, ec)
    clause, title, shared, subjects = t["clause"], t["title"], t["shared"], t["subjects"]
    mutual = (er >= 0) & (ec >= 0)
    restated = (clause >= STRONG_CLAUSE * th) & (title >= min(RESTATED_TITLE * th, 1.0))
    stands_out = (np.minimum(t["z_row"], t["z_col"]) >= Z_FLOOR * th) & (
        mutual | (best_side >= EXCESS_ONE * th) | (restated & (best_side >= 0)))
    restates = ((clause >= CLAUSE * th) & (shared > 0)) | (title >= min(RESTATED_TITLE * th, 1.0))
    cited = restates | (mutual & ((title >= min(TITLE_SHARE * th, 1.0)) | (shared >= SHARED_WORDS * th)
                                  | ((subjects >= TITLE_SUBJECT * th) & (shared >= SUBJECT_SHARED * th)
                                     & (shared - subjects >= SUBJECT_BEYOND * th))))
    strong = (((clause >= STRONG_CLAUSE * th) | (shared >= STRONG_SHARED * th))
              & (best_side >= EXCESS_ONE * th))
    tier = np.where(stands_out, np.where(cited, MATCH, RELATED), UNLINKED).astype(object)
    confidence = np.where(tier == MATCH, np.where(strong, STRONG, CHECK), "").astype(object)
    return tier, confidence


def _acts_apart(t: dict[str, np.ndarray], th: float) -> None:
    """A restated clause that shares only an action with its partner, each naming other objects
    (`other_objects`: 中小学 / 医疗机构 结对帮扶), restates nothing: its cosine is set to 0 in `t`.
    Read only for pairs the clause could link (few), so a corpus's candidates cost nothing more."""
    clause = t["clause"]
    for k in np.flatnonzero((clause >= CLAUSE * th) & (np.minimum(t["z_row"], t["z_col"]) >= Z_FLOOR * th)):
        if other_objects(t["clause_a"][k], t["clause_b"][k]):
            clause[k] = 0.0


def below_floor(tier: np.ndarray, confidence: np.ndarray, score: np.ndarray, threshold: float = 1.0,
                across: np.ndarray | None = None) -> None:
    """Matches whose reported score is below MATCH_FLOOR become related (in place): however a
    pair stands against its row, two measures this unlike in wording are not one measure. A pair
    of two kinds (`across`: a task measure and a safeguard) must read alike (ACROSS_FLOOR): a
    measure moved under 保障措施 is reworded at most, while a safeguard sharing a plan's stock
    phrases with a task is not that task."""
    floor = MATCH_FLOOR if across is None else np.where(across, ACROSS_FLOOR, MATCH_FLOOR)
    low = (tier == MATCH) & (score < floor * threshold)
    tier[low], confidence[low] = RELATED, ""


def decide(a: list[Measure], b: list[Measure], fa: Features, fb: Features, t: dict[str, np.ndarray],
           threshold: float = 1.0, across: bool = False) -> list[Pair]:
    """The linked candidates of `t` (signals of pairs a[t["i"][k]], b[t["j"][k]]) as Pairs, match
    or related (`judge`, `below_floor`), each with its reported score (`pair_scores`, for these
    pairs only) and, for a match, what it cites; unlinked candidates are left out."""
    if not len(t["i"]):
        return []
    tier, confidence = judge(t, threshold)
    keep = np.flatnonzero(tier != UNLINKED)
    tier, confidence = tier[keep], confidence[keep]
    score = pair_scores(a, b, fa, fb, t["i"][keep], t["j"][keep])     # reported, for the pairs kept only
    below_floor(tier, confidence, score, threshold, np.full(len(tier), across))
    by = cited_by(t, threshold)[keep]
    out = []
    for n, k in enumerate(keep.tolist()):
        i, j = int(t["i"][k]), int(t["j"][k])
        p = Pair(i, j, float(score[n]), float(t["cosine"][k]), tier=tier[n], confidence=confidence[n],
                 clause_a=t["clause_a"][k], clause_b=t["clause_b"][k])
        if p.tier == MATCH:
            p.cited = citation(a[i], b[j], p.clause_a, p.clause_b, by[n])
        out.append(p)
    return out


def cited_by(t: dict[str, np.ndarray], threshold: float = 1.0) -> np.ndarray:
    """What each candidate pair's commitment rests on: a restated clause, a title found, or
    specific words shared."""
    clause_cited = (t["clause"] >= CLAUSE * threshold) & (t["shared"] > 0)
    return np.where(clause_cited, "clause", np.where(t["title"] >= TITLE_SHARE * threshold, "title", "words"))


def citation(a: Measure, b: Measure, clause_a: str, clause_b: str, by: str) -> dict:
    """What a match cites, for the reader: the clauses it restates (or the titles, when a title is
    what is found) and the specific words and programme names both say."""
    if by == "title" or not (clause_a and clause_b):
        clause_a, clause_b = a.title_norm, b.title_norm
        shared = shared_specific(a.title_norm, b.content, 0.0) or shared_specific(b.title_norm, a.content, 0.0)
    else:
        shared = shared_specific(clause_a, clause_b)
        clause_a, clause_b = with_places(clause_a, a.norm, a.places), with_places(clause_b, b.norm, b.places)
    return {"by": by, "a": clause_a, "b": clause_b, "words": shared}


def _keep_related_for_unmatched(pairs: list[Pair]) -> list[Pair]:
    """A related pair is context for a measure without a match: keep, for each such measure, its
    most similar related pair; drop related pairs between two measures that both have matches."""
    matched_a = {p.i for p in pairs if p.tier == MATCH}
    matched_b = {p.j for p in pairs if p.tier == MATCH}
    keep = [p for p in pairs if p.tier == MATCH]
    best: dict[tuple[str, int], Pair] = {}
    for p in pairs:
        if p.tier != RELATED:
            continue
        for side, idx, matched in (("a", p.i, matched_a), ("b", p.j, matched_b)):
            if idx in matched:
                continue
            cur = best.get((side, idx))
            if cur is None or (p.score, -p.i, -p.j) > (cur.score, -cur.i, -cur.j):
                best[(side, idx)] = p
    seen = set()
    for p in best.values():
        if (p.i, p.j) not in seen:
            seen.add((p.i, p.j))
            keep.append(p)
    return keep


