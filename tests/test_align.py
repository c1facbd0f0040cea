"""Alignment on real document pairs: the reference alignment, identities, merges, traps."""
import json
from pathlib import Path

import pytest
from conftest import INPUTS

import compare
import compare.classify
from compare.align import LinkScorer, align
from compare.model import Measure
from compare.vocab import UNCHANGED

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "chuanyu-2024_vs_chuanyu-2025-2027.json"
A24, A25, SH = (str(INPUTS / n) for n in ("chuanyu-2024.txt", "chuanyu-2025-2027.txt", "shuanghe-2025.txt"))
COMP = str(INPUTS / "study-compilation-2025-03.txt")


def key(m):
    """The gold's name of a measure: the numeral inside its enumerator."""
    return m.label.strip("（）() 、")


def keyed_links(result, c=0):
    comp = result.comparisons[c]
    a, b = result.documents[comp.a], result.documents[comp.b]
    return {(key(a.measure(lk.a)), key(b.measure(lk.b))): lk for lk in comp.links}


@pytest.fixture(scope="module")
def r24_25():
    return compare.compare([A24, A25])


@pytest.fixture(scope="module")
def r24_sh():
    return compare.compare([A24, SH])


@pytest.mark.skipif(not GOLD.exists(), reason="reference alignment not present")
def test_reference_alignment_recall_and_precision(r24_25):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    required = {tuple(p) for p in gold["required"]}
    ok = required | {tuple(p) for p in gold["acceptable"]}
    found = set(keyed_links(r24_25))
    recall = len(found & required) / len(required)
    precision = len(found & ok) / len(found)
    assert recall >= 0.92 and precision >= 0.92, (recall, precision, found - ok, required - found)


def test_merge_of_two_old_measures_into_one(r24_25):
    links = keyed_links(r24_25)
    assert ("一", "十七") in links and ("二", "十七") in links
    assert links[("一", "十七")].kind == "merge"


def test_the_new_plans_safeguards_stand_out_against_no_task_measure(r24_25):
    """Measures of two kinds (a task, a safeguard) may link, each standing out against the other
    plan's measures of its own kind; 坚持党的领导 / 强化组织实施 / 开展监测评估 find no partner."""
    comp = r24_25.comparisons[0]
    b = r24_25.documents[1]
    for lk in comp.links:
        assert b.measure(lk.b).kind == "measure"
    assert {b.measure(i).kind for i in comp.unmatched_b} >= {"safeguard"}


def test_expanded_list_of_outpatient_conditions(r24_sh):
    link = keyed_links(r24_sh)[("二十二", "七")]
    assert link.status == "expanded"
    assert link.evidence.added_items[:5] == ["慢性阻塞性肺疾病", "类风湿关节炎", "冠心病", "病毒性肝炎", "强直性脊柱炎"]
    assert "两省市医保部门" in link.evidence.units_removed


def test_shared_words_do_not_make_a_link(r24_sh):
    """2024 (一) 高铁公交化 shares 高铁 with 双核 (八) 高铁货运, but they are different measures."""
    assert ("一", "八") not in keyed_links(r24_sh)


def test_added_outpatient_conditions_are_a_strong_match(r24_sh):
    link = keyed_links(r24_sh)[("二十二", "七")]
    assert link.tier == "match" and link.confidence == "strong"


def test_a_shared_venue_is_not_a_link(r24_sh):
    """2024 (十) 社保卡一卡一码通 and 双核 (十) 政务服务线上通办 share only 政务服务中心 and 办理事项."""
    assert ("十", "十") not in keyed_links(r24_sh)


SIBLING_GOLD = GOLD.with_name("chuanyu-2025-2027_vs_urbanization-2025.json")


@pytest.mark.skipif(not SIBLING_GOLD.exists(), reason="reference alignment not present")
def test_loosely_related_plans_link_by_commitment_not_topic():
    """Sibling plans: most measures have no partner; a link needs a shared commitment, so no
    forbidden pair (职业教育 → 产业人才: shared vocabulary, different commitments) is linked."""
    r = compare.compare([A25, COMP + "#7"])
    gold = json.loads(SIBLING_GOLD.read_text(encoding="utf-8"))
    required = {tuple(p) for p in gold["required"]}
    ok = required | {tuple(p) for p in gold["acceptable"]}
    found = set(keyed_links(r))
    assert not found & {tuple(p) for p in gold["forbidden"]}
    recall = len(found & required) / len(required)
    precision = len(found & ok) / len(found)
    assert recall >= 0.92 and precision >= 0.92, (recall, precision, found - ok, required - found)


@pytest.mark.parametrize("name", ["chuanyu-2024.txt", "chuanyu-2025-2027.txt", "shuanghe-2025.txt",
                                  "district-template.txt"])
def test_a_document_against_itself_is_all_unchanged(name):
    path = str(INPUTS / name)
    r = compare.compare([path, path])
    comp = r.comparisons[0]
    n = len(r.documents[0].measures)
    assert len(comp.links) == n
    assert all(lk.status == UNCHANGED and lk.a == lk.b for lk in comp.links)
    assert comp.unmatched_a == [] and comp.unmatched_b == []


def test_web_copy_with_four_reworded_measures():
    r = compare.compare([A25, COMP + "#5"])
    comp = r.comparisons[0]
    assert len(comp.links) == 22 and all(lk.a == lk.b for lk in comp.links)
    changed = [lk for lk in comp.links if lk.status != UNCHANGED]
    assert len(changed) == 4
    for lk in changed:
        assert lk.evidence.changes, lk
    blob = json.dumps([lk.to_dict() for lk in changed], ensure_ascii=False)
    assert "公文化" in blob and "公交化" in blob          # the source's typo and its fix


def test_pdf_copy_and_web_copy_are_unchanged():
    r = compare.compare([SH, COMP + "#6"])
    comp = r.comparisons[0]
    assert len(comp.links) == 20 and {lk.status for lk in comp.links} == {UNCHANGED}


def test_three_documents_every_pair_and_timeline():
    r = compare.compare([A24, A25, SH])
    assert [(c.a, c.b) for c in r.comparisons] == [(0, 1), (0, 2), (1, 2)]
    first = [t for t in r.timeline if t.doc == 0]
    assert len(first) == len(r.documents[0].measures)
    row = next(t for t in first if t.measure.label.startswith("(二十二)"))
    assert row.cells[1].ids and row.cells[2].ids
    dropped = next(t for t in first if t.measure.label == "（三）")
    assert [c.status for c in dropped.cells.values()] == ["dropped", "dropped"]
    # where a measure of the second document goes in the third: 2025（八） 异地就医 → 双核（七）
    second = {t.measure.label: t for t in r.timeline if t.doc == 1}
    assert len(second) == len(r.documents[1].measures)
    seventh = next(m.id for m in r.documents[2].measures if m.label == "（七）")
    assert second["（八）"].to_dict()["lives_on"] == {"2": [seventh]}


def test_timeline_reads_into_pandas():
    import pandas as pd
    r = compare.compare([A24, A25, SH])
    df = pd.json_normalize(json.loads(json.dumps(r.to_dict()))["timeline"])
    assert {"doc", "a", "lives_on.1", "lives_on.2", "status.2", "statuses.2"} <= set(df.columns)
    assert set(df["doc"]) == {0, 1}


def test_threshold_knob_moves_the_number_of_links():
    strict = compare.compare([A24, A25], threshold=1.6)
    loose = compare.compare([A24, A25], threshold=0.6)
    assert len(strict.comparisons[0].links) < len(loose.comparisons[0].links)


def test_output_is_deterministic():
    one = compare.compare([A24, SH]).to_dict()
    two = compare.compare([A24, SH]).to_dict()
    assert one == two


# --- the stages of `align` on small made-up measures ---------------------------------------------

def made(k: int, text: str, units=(), kind: str = "measure") -> Measure:
    body = text
    if units:
        text = f"{text}（责任单位：{'、'.join(units)}）"
    return Measure(id=f"m{k:03d}", label=f"（{k}）", path=[], chapter="", title=body.split("。")[0],
                   text=text, units=list(units), kind=kind, body=body, number=k, order=k - 1)


FUND = "推进住房公积金互认互贷。深入推进住房公积金跨省域转移接续和互认互贷，实现异地贷款缴存证明无纸化。"
CLINIC = "推进跨省异地就医直接结算。拓展门诊慢特病结算范围，将恶性肿瘤放化疗、尿毒症透析纳入直接结算。"
ARMY = "推进征兵政治考核跨省通办。应征地派出所通过网上协查信息系统对应征青年发起协查，协作地派出所网上复函。"
SPORT = "推动体育资源互惠共享。联合打造品牌赛事，共同申办国际国内大型体育赛事。"
CARS = "推进二手车交易登记手续简化。推动二手小型非营运载客汽车交易登记跨省一地办理、档案电子化网上转递。"


def test_identical_measures_are_linked_first_at_full_score():
    a = [made(1, FUND, ["市住房公积金中心"]), made(2, CLINIC), made(3, ARMY)]
    b = [made(1, SPORT), made(2, CLINIC), made(3, FUND, ["市住房公积金中心"]), made(4, FUND + "稳步推进。")]
    pairs = {(p.i, p.j): p for p in align(a, b)}
    assert pairs[(0, 2)].score == 1.0 and pairs[(1, 1)].score == 1.0
    assert (0, 3) not in pairs                # the near-copy does not take the identical one's place
    links = compare.classify.classify_pairs(a, b, [p for p in pairs.values() if p.tier == "match"])
    assert {(lk.a, lk.b): lk.status for lk in links}[("m001", "m003")] == UNCHANGED


def test_identical_text_of_another_kind_is_linked():
    """The same words are the same measure whatever its kind (a safeguard under 组织保障 in one copy,
    a plain numbered item in a copy without chapters); kinds only keep reworded measures apart."""
    a = [made(1, FUND, kind="safeguard"), made(2, CLINIC)]
    b = [made(1, FUND), made(2, SPORT)]
    assert (0, 0) in {(p.i, p.j) for p in align(a, b) if p.tier == "match"}


def test_same_body_other_units_is_linked_continued_with_the_units_as_evidence():
    a = [made(1, FUND, ["市住房公积金中心"]), made(2, CLINIC), made(3, ARMY)]
    b = [made(1, FUND, ["市住房公积金中心", "市财政局"]), made(2, SPORT), made(3, CARS)]
    pairs = [p for p in align(a, b) if p.tier == "match"]
    assert [(p.i, p.j) for p in pairs] == [(0, 0)]
    assert pairs[0].score == pytest.approx(1.0)     # the same commitment text, word for word
    link = compare.classify.classify_pairs(a, b, pairs)[0]
    assert link.status == "continued"         # not unchanged: who implements it changed
    assert link.evidence.units_added == ["市财政局"] and link.evidence.units_removed == []


def test_threshold_scales_every_bar_together():
    a = [made(k, t) for k, t in enumerate((FUND, CLINIC, ARMY, SPORT, CARS), 1)]
    b = [made(1, "推动住房政策协同共享。支持灵活就业人员参加住房公积金制度试点，深入推进住房公积金互认互贷。"),
         made(2, "推进跨区域就医便利化。统筹推进跨省异地就医直接结算，持续拓展门诊慢特病结算范围。"),
         made(3, "推动体育事业发展。共同申办大型体育赛事，推动全民健身。"),
         made(4, "加强职业技能培训合作。强化技工院校合作，共同举办跨区域职业技能大赛。")]
    counts = [len([p for p in align(a, b, threshold=t) if p.tier == "match"]) for t in (0.5, 1.0, 2.5)]
    assert counts[0] >= counts[1] >= counts[2]
    assert counts[0] > counts[2]


def test_a_reviewers_link_is_scored_like_an_aligned_one():
    a = [made(k, t) for k, t in enumerate((FUND, CLINIC, ARMY), 1)]
    b = [made(1, "推动住房政策协同共享。支持灵活就业人员参加住房公积金制度试点，深入推进住房公积金互认互贷。"),
         made(2, "推进跨区域就医便利化。统筹推进跨省异地就医直接结算，持续拓展门诊慢特病结算范围。"), made(3, SPORT)]
    scorer = LinkScorer(a, b)
    for p in align(a, b):
        assert scorer(p.i, p.j) == pytest.approx(p.score, abs=1e-9)
    assert 0.0 <= scorer(2, 2) < scorer(0, 0)     # any pair can be scored, unrelated ones low


def test_a_relinked_pair_is_scored_and_classified_as_the_pipeline_does(r24_25):
    """A link made by hand scores what the same link scores when aligned (one scale) and gets the
    same status and evidence: the reviewer's relink runs the pipeline's classifier, with the
    documents' IDF and the other links of its measures (a merge judged whole)."""
    from compare.api import _relinker
    a, b = r24_25.documents
    relink = _relinker(r24_25.documents)
    links = r24_25.comparisons[0].links
    for lk in links:
        again = relink(a.measure(lk.a), b.measure(lk.b), [x for x in links if x is not lk])
        assert again.score == lk.score
        assert (again.status, again.secondary_status) == (lk.status, lk.secondary_status), (lk.a, lk.b)
        assert again.evidence.commitments == lk.evidence.commitments


def _split_one_measure(tmp_path) -> Path:
    """The 2025–2027 plan with one sentence of （八） made a measure of its own after it: every
    other measure reads the same."""
    lines = Path(A25).read_text(encoding="utf-8").split("\n")
    k = next(n for n, line in enumerate(lines) if line.startswith("（八）"))
    body, units = lines[k][:lines[k].rindex("（")], lines[k][lines[k].rindex("（"):]
    sentences = [s + "。" for s in body.split("。") if s]
    lines[k] = "".join(sentences[:2] + sentences[3:]) + units
    lines[k + 1:k + 1] = ["", "（九）推进跨省异地就医直接结算。" + sentences[2] + "（牵头单位：重庆市医保局；四川省医保局）"]
    path = tmp_path / "split.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_measure_split_in_two_among_unchanged_ones_is_a_split(tmp_path):
    """Its two parts stand out against every measure of the plan — not against each other alone,
    as when the unchanged measures had left the pool — and the corpus decides the same."""
    split = _split_one_measure(tmp_path)
    comp = compare.compare([A25, str(split)]).comparisons[0]
    changed = {(lk.a, lk.b): lk for lk in comp.links if lk.status != UNCHANGED}
    assert set(changed) == {("m008", "m008"), ("m008", "m009")}
    assert {lk.kind for lk in changed.values()} == {"split"} and not comp.unmatched_b
    corpus = compare.corpus([A25, str(split)], workers=1).corpus
    d = corpus.decisions
    found = {(corpus.measures[i].id, corpus.measures[j].id) for i, j, tier in zip(d.i, d.j, d.tier, strict=True)
             if tier == "match"}
    assert {("m008", "m008"), ("m008", "m009")} <= found


def _district_plan(tmp_path, name: str, year: int, places: list[str], extra: int) -> Path:
    lines = [f"某市{year}年老旧小区改造任务分解方案", "一、改造任务"]
    for k, (place, base) in enumerate(zip(places, [9, 23, 30, 29, 7, 13, 8, 20], strict=False)):
        n = base + extra
        lines += [f"（{'一二三四五六七八'[k]}）{place}完成老旧小区综合整治{n}个，加装电梯{2 * n}部。", f"责任单位：{place}人民政府"]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("places", [["东城区", "西城区", "朝阳区", "海淀区", "丰台区", "石景山区", "门头沟区", "房山区"],
                                    ["鼓楼区", "玄武区", "秦淮区", "建邺区", "栖霞区", "雨花台区", "江宁区", "浦口区"]])
def test_measures_that_differ_only_in_where_link_each_place_to_itself(tmp_path, places):
    """A task list by district (every measure the same sentence with another district and other
    numbers): each district links to itself and is expanded — a place both documents name tells
    measures apart, and the same number in two districts (西城区 23个 / 房山区 23个) does not make
    them alike. Moved to another city's districts, the answer is the same."""
    old = _district_plan(tmp_path, "old.txt", 2024, places, 0)
    new = _district_plan(tmp_path, "new.txt", 2025, places, 3)
    r = compare.compare([old, new])
    (c,) = r.comparisons
    a, b = r.documents
    links = [(a.measure(lk.a).label, b.measure(lk.b).label, lk.status) for lk in c.links if lk.tier == "match"]
    assert links == [(m.label, m.label, "expanded") for m in a.measures], links
