"""The shared rules of the data model: a measure's matching forms, "the same text", merge/split
kinds, document names and looking a measure up by id."""
from dataclasses import replace

import pytest

from compare.model import Document, Link, Measure, document_name, mark_kinds, same_text
from compare.text.normalize import normalize


def measure(text: str, units=(), mid: str = "m001", title: str = "") -> Measure:
    body = text
    if units:
        text = f"{text}（责任单位：{'、'.join(units)}）"
    return Measure(id=mid, label="（一）", path=[], chapter="", title=title or body.split("。")[0],
                   text=text, units=list(units), body=body)


def test_matching_forms_are_made_when_the_measure_is_built():
    m = measure("推進異地就醫直接結算。", units=("市醫保局",), title="推進異地就醫")
    assert m.norm == normalize(m.body)
    assert m.title_norm == normalize("推進異地就醫") == "推进异地就医"
    assert m.text_norm == normalize(m.text)
    assert m.units_norm == ["市医保局"]
    again = replace(m, body="推進高鐵公交化。")           # a changed copy gets its own forms
    assert again.norm == "推进高铁公交化。"


def test_matching_forms_other_than_norm_stay_out_of_the_json():
    d = measure("推进高铁公交化。", units=("市交通局",)).to_dict()
    assert d["norm"] == "推进高铁公交化。"
    assert not {"title_norm", "text_norm", "units_norm"} & set(d)
    doc = Document(source="a.txt", measures=[measure("推进高铁公交化。")]).to_dict()
    assert "text_norm" not in doc["measures"][0]


def test_same_text_compares_body_and_units_not_their_wording():
    a = measure("推进高铁公交化。", units=("市交通局", "市发展改革委"))
    b = replace(a, text="推进高铁公交化。(牵头单位:市发展改革委，市交通局)", units=["市发展改革委", "市交通局"])
    assert same_text(a, b)                             # same units, other order and label
    assert same_text(a, replace(a, body="推进高铁公交化 。"))     # spacing is not text
    assert not same_text(a, replace(a, units=["市交通局"]))      # a unit dropped
    assert not same_text(a, replace(a, body="推进高铁公交化。持续优化票制。"))
    empty = measure("")
    assert not same_text(empty, empty)                 # nothing to compare is not "the same"


def test_kinds_of_links_merge_wins_over_split():
    links = [Link("a1", "b1", 0.5, "continued"), Link("a2", "b1", 0.5, "continued"),
             Link("a3", "b2", 0.5, "continued"), Link("a3", "b3", 0.5, "continued"),
             Link("a1", "b4", 0.5, "continued"), Link("a4", "b5", 0.5, "continued")]
    mark_kinds(links)
    assert [lk.kind for lk in links] == ["merge", "merge", "split", "split", "split", "one-to-one"]


def test_document_names():
    assert document_name("reports in/川渝 2024.txt") == "川渝-2024"
    assert document_name("plans/compilation.docx#7", 7) == "compilation-7"
    assert document_name("") == "document"
    assert Document(source="x/plan.txt", name="plan-2").display_name == "plan-2"
    assert Document(source="x/plan.txt", title="实施方案").display_name == "实施方案"
    assert Document(source="x/plan.txt#3").display_name == "plan"


def test_measure_lookup_sees_replaced_measures():
    doc = Document(source="a.txt", measures=[measure("甲。", mid="m001"), measure("乙。", mid="m002")])
    assert doc.measure("m002").body == "乙。"
    doc.measures[1] = measure("丙。", mid="m002")          # replaced, count unchanged
    assert doc.measure("m002").body == "丙。"
    doc.measures.reverse()                                 # reordered
    assert doc.measure("m001").body == "甲。"
    doc.measures[0] = measure("丁。", mid="m009")          # an id gone, another in its place
    assert doc.find_measure("m002") is None and doc.measure("m009").body == "丁。"
    with pytest.raises(KeyError):
        doc.measure("m002")
