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


def test_three_documents_timeline():
    r = compare.compare([A24, A25, SH])
    assert [(c.a, c.b) for c in r.comparisons] == [(0, 1), (0, 2)]
    row = next(t for t in r.timeline if t["label"].startswith("(二十二)"))
    assert row["lives_on"]["1"] and row["lives_on"]["2"]
    assert len(r.timeline) == len(r.documents[0].measures)
    dropped = next(t for t in r.timeline if t["label"] == "（三）")
    assert dropped["summary"].startswith("nowhere")


def test_threshold_knob_moves_the_number_of_links():
    strict = compare.compare([A24, A25], threshold=1.6)
    loose = compare.compare([A24, A25], threshold=0.6)
    assert len(strict.comparisons[0].links) < len(loose.comparisons[0].links)


def test_output_is_deterministic():
    one = compare.compare([A24, SH]).to_dict()
    two = compare.compare([A24, SH]).to_dict()
    assert one == two
