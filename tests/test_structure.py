"""Structure on the bundled documents: chapters, measures, units, safeguards, compilations."""
import re

import pytest
from conftest import INPUTS, text_of

import compare
from compare.model import GENERAL, MEASURE, SAFEGUARD
from compare.structure import cn_number, parse


def test_chinese_numerals():
    assert [cn_number(s) for s in ("一", "十", "十一", "二十", "二十二", "三十九", "一百零三")] == \
        [1, 10, 11, 20, 22, 39, 103]


def test_2024_plan_has_10_chapters_and_39_measures_with_titles_and_units():
    doc = compare.load(INPUTS / "chuanyu-2024.txt")
    assert len(doc.chapters) == 10
    assert len(doc.measures) == 39
    assert [m.number for m in doc.measures] == list(range(1, 40))
    assert all(m.title and m.units for m in doc.measures)
    assert doc.doc_number == "川办发〔2024〕10号"
    assert doc.date == "2024-02-05"
    assert doc.title == "推进川渝公共服务一体化深化便捷生活行动事项（2024年版）"
    first = doc.measures[0]
    assert first.title == "推进高铁公交化"
    assert first.units == ["中国铁路成都局集团公司", "四川省发展改革委", "重庆市交通运输委"]
    assert first.path == ["一、"] and first.chapter == "交通通信便捷行动事项"
    # mixed half-width enumerators are measures too
    assert doc.measures[21].label.startswith("(二十二)")


def test_2025_plan_marks_safeguards_and_keeps_general_chapter_as_prose():
    doc = compare.load(INPUTS / "chuanyu-2025-2027.txt")
    assert len(doc.measures) == 22
    kinds = [m.kind for m in doc.measures]
    assert kinds[:19] == [MEASURE] * 19 and kinds[19:] == [SAFEGUARD] * 3
    assert doc.chapters[0].title == "总体要求" and doc.chapters[0].kind == GENERAL
    assert doc.doc_number == "渝府办发〔2025〕9号"
    # a page break inside a sentence is re-joined; a units clause on its own line belongs
    assert "推动卫生健康科技项目联合攻关" in doc.measures[6].text
    assert doc.measures[1].units[0] == "重庆市渝北区等有关区县"


def test_shuanghe_pdf_text_has_no_furniture_or_line_breaks():
    doc = compare.load(INPUTS / "shuanghe-2025.txt")
    assert len(doc.measures) == 20 and len(doc.chapters) == 3
    for m in doc.measures:
        assert "\n" not in m.text
        assert "办公厅文件" not in m.text and "发布" not in m.text
        assert not re.search(r"-\s*\d+\s*-", m.text)
    assert "原购机票可申请全额退款" in doc.measures[17].text
    assert "协同举办（参加）创业大赛" in doc.measures[10].text       # not an enumerator
    assert doc.doc_number == "渝府办〔2025〕2号"
    # the closing paragraph without a number is prose, not part of measure (二十)
    assert doc.measures[-1].text.endswith("）")
    assert any("专班牵头单位" in s.text for s in doc.sections)


def test_compilation_is_split_into_its_attachments():
    docs = compare.load_all(INPUTS / "study-compilation-2025-03.txt")
    atts = [d.attachment for d in docs if d.attachment]
    assert atts == [1, 2, 3, 4, 5, 6, 7]
    assert len(docs) in (7, 8)
    five = compare.load(f"{INPUTS / 'study-compilation-2025-03.txt'}#5")
    six = compare.load(f"{INPUTS / 'study-compilation-2025-03.txt'}#6")
    assert len(five.measures) == 22 and len(six.measures) == 20
    shuanghe = compare.load(INPUTS / "shuanghe-2025.txt")
    assert [m.norm for m in six.measures] == [m.norm for m in shuanghe.measures]
    assert [m.text for m in six.measures] == [m.text for m in shuanghe.measures]
    assert "[bookmark" not in five.measures[-1].text
    # 附件3 has no （一） level: its 一、… sections are the measures
    three = compare.load(f"{INPUTS / 'study-compilation-2025-03.txt'}#3")
    assert len(three.measures) == 6 and three.measures[0].label == "一、"


def test_compilation_without_selector_asks_for_one():
    from compare.errors import InputError
    with pytest.raises(InputError, match="#N"):
        compare.load(INPUTS / "study-compilation-2025-03.txt")


def test_district_template_has_three_levels():
    doc = compare.load(INPUTS / "district-template.txt")
    tasks = [m for m in doc.measures if m.path == ["二、"]]
    assert [m.label for m in tasks] == ["（一）", "（二）", "（三）", "（四）"]
    assert [it.label for it in tasks[0].items] == ["1.", "2.", "3."]
    assert tasks[0].items[0].title == "全面实施基本公共服务标准化管理"
    assert tasks[2].items == [] and "华蓥山" in tasks[2].text
    assert {m.kind for m in doc.measures if m.path == ["三、"]} == {SAFEGUARD}
    assert {m.kind for m in doc.measures if m.path == ["一、"]} == {GENERAL}


def _measures(doc):
    return [(m.number, m.norm, tuple(m.units)) for m in doc.measures]


def test_same_measures_from_gb18030_with_crlf(tmp_path):
    src = text_of("chuanyu-2024.txt")
    p = tmp_path / "gb.txt"
    p.write_bytes(src.replace("\n", "\r\n").encode("gb18030"))
    assert _measures(compare.load(p)) == _measures(compare.load(INPUTS / "chuanyu-2024.txt"))


def test_same_measures_from_docx(tmp_path):
    import docx
    d = docx.Document()
    for line in text_of("chuanyu-2024.txt").split("\n"):
        d.add_paragraph(line)
    p = tmp_path / "plan.docx"
    d.save(p)
    assert _measures(compare.load(p)) == _measures(compare.load(INPUTS / "chuanyu-2024.txt"))


def test_same_measures_with_parentheses_widths_swapped(tmp_path):
    src = text_of("chuanyu-2025-2027.txt")
    swapped = src.translate(str.maketrans({"（": "(", "）": ")", "(": "（", ")": "）"}))
    p = tmp_path / "swapped.txt"
    p.write_text(swapped, encoding="utf-8")
    got = compare.load(p)
    want = compare.load(INPUTS / "chuanyu-2025-2027.txt")
    assert _measures(got) == _measures(want)
    assert [m.kind for m in got.measures] == [m.kind for m in want.measures]


def test_parenthesis_inside_text_is_not_an_enumerator():
    text = ("一、主要任务\n（一）推进居住证信息互通。推进电子身份证（凭证）互认，（三）类事项除外。"
            "（责任单位：两省市公安部门）\n（二）推进户口迁移。实现迁移。（责任单位：两省市公安部门）")
    doc = parse(text, "t")[0]
    assert [m.label for m in doc.measures] == ["（一）", "（二）"]
    assert "（凭证）" in doc.measures[0].text
