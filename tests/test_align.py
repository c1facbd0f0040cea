"""Alignment on real document pairs: the reference alignment, identities, merges, traps."""
import json
from pathlib import Path

import pytest
from conftest import INPUTS

import compare
from compare.model import UNCHANGED

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


def test_safeguards_align_only_among_themselves(r24_25):
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
    first = [t for t in r.timeline if t["doc"] == 0]
    assert len(first) == len(r.documents[0].measures)
    row = next(t for t in first if t["label"].startswith("(二十二)"))
    assert row["lives_on"]["1"] and row["lives_on"]["2"]
    dropped = next(t for t in first if t["label"] == "（三）")
    assert dropped["summary"].startswith("nowhere")
    # where a measure of the second document goes in the third: 2025（八） 异地就医 → 双核（七）
    second = {t["label"]: t for t in r.timeline if t["doc"] == 1}
    assert len(second) == len(r.documents[1].measures)
    seventh = next(m.id for m in r.documents[2].measures if m.label == "（七）")
    assert second["（八）"]["lives_on"] == {"2": [seventh]}


def test_timeline_reads_into_pandas():
    import pandas as pd
    r = compare.compare([A24, A25, SH])
    df = pd.json_normalize(json.loads(json.dumps(r.to_dict()))["timeline"])
    assert {"doc", "a", "lives_on.1", "lives_on.2", "status.2", "summary"} <= set(df.columns)
    assert set(df["doc"]) == {0, 1}


def test_threshold_knob_moves_the_number_of_links():
    strict = compare.compare([A24, A25], threshold=1.6)
    loose = compare.compare([A24, A25], threshold=0.6)
    assert len(strict.comparisons[0].links) < len(loose.comparisons[0].links)


def test_output_is_deterministic():
    one = compare.compare([A24, SH]).to_dict()
    two = compare.compare([A24, SH]).to_dict()
    assert one == two
