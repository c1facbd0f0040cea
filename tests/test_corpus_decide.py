"""compare.corpus.decide: the corpus links measures by compare's own rule — on two versions of one
plan it makes exactly the links `compare OLD NEW` makes. Corpus runs here run their tasks in the
test process (workers=1: see corpus_fixtures)."""
from pathlib import Path

import numpy as np
import pytest

import compare
from compare.align.decide import below_floor, commitment_signals, judge, standing
from compare.align.retrieve import retrieve as align_retrieve
from compare.align.score import pair_scores
from compare.corpus import retrieve
from compare.corpus.decide import CorpusState, decide, signals
from compare.corpus.features import assemble, doc_features
from compare.vocab import MATCH

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
OLD, NEW = INPUTS / "chuanyu-2024.txt", INPUTS / "chuanyu-2025-2027.txt"
COMPILATION = INPUTS / "study-compilation-2025-03.txt"


@pytest.fixture(scope="module")
def both():
    return compare.compare([OLD, NEW]), compare.corpus([OLD, NEW], workers=1)


def test_on_two_versions_of_a_plan_the_corpus_makes_compares_links(both):
    pairwise, corpus = both
    links = {(lk.a, lk.b) for lk in pairwise.comparisons[0].links}
    c = corpus.corpus
    m = c.decisions.tier == MATCH
    found = {(c.measures[i].id, c.measures[j].id) for i, j in zip(c.decisions.i[m], c.decisions.j[m], strict=True)}
    assert len(links) == 24 and found == links


def test_among_other_plans_the_corpus_makes_compares_links_between_two_sibling_plans():
    """Loosely related plans (a plan and 附件7 of a compilation holding a copy of it and four other
    plans): `compare` links 8 pairs, some only the older side singles out (a broad new measure
    merging several old ones); the corpus, choosing candidates among six documents, makes the same."""
    pairwise = compare.compare([NEW, f"{COMPILATION}#7"])
    links = {(lk.a, lk.b) for lk in pairwise.comparisons[0].links}
    result = compare.corpus([NEW, COMPILATION], workers=1)
    c, names = result.corpus, list(result.documents["document"])
    old, new = names.index(NEW.name), names.index(f"{COMPILATION.name}#7")
    d = c.decisions
    found = {(c.measures[i].id, c.measures[j].id) for i, j, tier in zip(d.i, d.j, d.tier, strict=True)
             if tier == MATCH and c.doc_of[i] == old and c.doc_of[j] == new}
    assert len(links) == 8 and found == links


def test_each_candidates_decision_is_judge_of_aligns_signals():
    """Given the same features, the corpus's statistics, signals and decisions of align's own
    candidates are what align's functions make of them."""
    a = compare.load(OLD).measures
    b = [m for m in compare.load(NEW).measures if m.kind == "measure"]
    cf = assemble([doc_features(a), doc_features(b)])
    fa, fb = cf.features.subset(np.arange(len(a))), cf.features.subset(np.arange(len(a), len(a) + len(b)))
    ii, jj, cos, row_bg, col_bg = align_retrieve(fa, fb)
    t = {"i": ii, "j": jj, "cosine": cos, **standing(cos, [x[ii] for x in row_bg], [x[jj] for x in col_bg]),
         **commitment_signals(a, b, fa, fb, ii, jj, titles=(cf.titles[:len(a)], cf.titles[len(a):]))}
    tier, confidence = judge(t)
    below_floor(tier, confidence, pair_scores(a, b, fa, fb, ii, jj))
    measures = a + b
    doc_of = np.repeat([0, 1], [len(a), len(b)])
    state = CorpusState(measures, cf)
    stats = retrieve.pool_statistics(cf, measures, doc_of, ii, jj + len(a))
    got = decide(state, ii, jj + len(a), stats, signals(state, ii, jj + len(a)))
    same_text = np.array([measures[i].norm == measures[len(a) + j].norm for i, j in zip(ii, jj, strict=True)])
    assert not same_text.any()
    assert list(got.tier) == list(tier) and list(got.confidence) == list(confidence)
    assert list(got.clause_a) == list(t["clause_a"]) and (tier == MATCH).sum() > 10


def _plan(year: int, moved: bool) -> str:
    tasks = ["推进医保关系跨省转移接续。推动基本医疗保险关系转移接续线上办理，办理时限压缩至10个工作日。",
             "推进异地就医直接结算。扩大门诊慢特病跨省直接结算病种范围，实现定点医疗机构全覆盖。",
             "统一医保药品目录管理。推动三地执行统一的基本医疗保险药品目录，逐步消化地方增补品种。",
             "推进医保信息平台互联互通。依托全国统一医保信息平台，推动三地医保数据共享，实现参保信息、结算信息实时查询。"]
    guards = ["加强组织领导。建立三地医保协同发展联席会议制度，定期研究解决重大问题。",
              "强化督促考核。将协同发展任务纳入年度考核，定期通报进展。"]
    if moved:       # the platform measure, reworded, now under 保障措施
        guards.insert(0, "强化信息化支撑。依托全国统一医保信息平台，推动三地医保数据共享共用，实现参保信息、结算信息实时查询。")
        tasks = tasks[:3]
    body = [f"某地{year}年医保协同发展工作要点", "一、重点任务"]
    body += [f"（{'一二三四五六七八九'[k]}）{t}" for k, t in enumerate(tasks)]
    body += ["二、保障措施"] + [f"（{'一二三四五六七八九'[len(tasks) + k]}）{g}" for k, g in enumerate(guards)]
    return "\n".join(body) + "\n"


def test_a_measure_moved_under_its_plans_safeguards_is_linked_by_compare_and_the_corpus_alike(tmp_path):
    """A measure a new plan rewords and moves under 保障措施 is still itself: `compare` links it
    across the two kinds, each side standing out against the other document's measures of its own
    kind, and the corpus makes the same links."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(_plan(2024, moved=False), encoding="utf-8")
    new.write_text(_plan(2025, moved=True), encoding="utf-8")
    pairwise = compare.compare([old, new])
    a, b = pairwise.documents
    links = {(lk.a, lk.b) for lk in pairwise.comparisons[0].links if lk.tier == MATCH}
    assert (a.measures[3].id, b.measures[3].id) in links and b.measures[3].kind == "safeguard", links
    c = compare.corpus([old, new], workers=1).corpus
    m = c.decisions.tier == MATCH
    found = {(c.measures[i].id, c.measures[j].id) for i, j in zip(c.decisions.i[m], c.decisions.j[m], strict=True)}
    assert found == links
