"""Structure on the bundled documents: chapters, measures, units, safeguards, compilations."""
import re

import pytest
import variants
from conftest import INPUTS, text_of

import compare
from compare.parse.structure import parse
from compare.text.normalize import normalize
from compare.text.numerals import cn_number
from compare.vocab import GENERAL, MEASURE, SAFEGUARD


def test_chinese_numerals():
    assert [cn_number(s) for s in ("一", "十", "十一", "二十", "二十二", "三十九", "一百零三")] == \
        [1, 10, 11, 20, 22, 39, 103]
    assert [cn_number(s) for s in ("一百", "一百一十", "九百九十九", "一千", "一千零二十", "一千零一十九",
                                   "两千三百", "九千九百九十九", "一万", "一万零一", "十二万三千四百五十六")] == \
        [100, 110, 999, 1000, 1020, 1019, 2300, 9999, 10000, 10001, 123456]
    assert all(cn_number(variants.cn(n)) == n for n in range(1, 20001))


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


def test_a_plan_with_its_task_table_attached_is_the_plan(tmp_path):
    """方案 + 附件：重点任务分工表 is one plan, not a compilation: without a selector it is the
    plan, and a warning says the attachment is not compared; #1 selects the table, #0 the plan."""
    text = ("某市公共服务共享工作方案\n\n一、重点任务\n\n（一）推进社会保障卡居民服务一卡通，实现一卡多用。\n\n"
            "（二）推动异地就医直接结算。\n\n附件\n\n重点任务分工表\n\n序号\t重点任务\t牵头单位\n"
            "1\t推进社会保障卡居民服务一卡通\t市人力社保局\n2\t推动异地就医直接结算\t市医保局\n")
    path = _write(tmp_path, "plan.txt", text)
    plan = compare.load(path)
    assert plan.title == "某市公共服务共享工作方案" and len(plan.measures) == 2
    assert [w for w in plan.warnings if "附件1" in w and "plan.txt#1" in w]
    table = compare.load(f"{path}#1")
    assert table.title == "重点任务分工表" and [m.units for m in table.measures] == [["市人力社保局"], ["市医保局"]]
    assert [m.text for m in compare.load(f"{path}#0").measures] == [m.text for m in plan.measures]


def test_a_notice_with_its_own_points_and_a_plan_attached_asks_which(tmp_path):
    """关于印发…的通知 with 一、高度重视 二、加强领导, then the plan as 附件: two documents with
    measures, neither a table supporting the other — the reader must say which (#0 or #1)."""
    from compare.errors import InputError
    text = ("关于印发某市公共服务共享方案的通知\n各区县：\n一、高度重视。各地要高度重视。\n二、加强组织领导。各地要加强领导。\n\n"
            "附件\n\n某市公共服务共享方案\n\n一、重点任务\n（一）推进社会保障卡一卡通。\n（二）推动异地就医直接结算。\n")
    path = _write(tmp_path, "notice.txt", text)
    with pytest.raises(InputError, match="#0 .*#1"):
        compare.load(path)
    assert len(compare.load(f"{path}#1").measures) == 2 and len(compare.load(f"{path}#0").measures) == 2


def test_a_table_of_contents_is_not_a_second_set_of_chapters():
    """目录 and its lines with dot leaders and page numbers are removed (and listed), so the
    chapters are read once and their numbering does not seem to restart."""
    text = ("某市公共服务共享五年规划\n\n目  录\n\n第一章 总体要求 ………………………… 1\n第二章 重点任务 ··········· 3\n\n"
            "第一章 总体要求\n\n到2027年基本实现公共服务便利共享。\n\n第二章 重点任务\n\n"
            "第一条 推进社会保障卡居民服务一卡通，实现一卡多用。\n\n第二条 推动异地就医直接结算。\n")
    doc = parse(text, "plan.txt")[0]
    assert [c.title for c in doc.chapters] == ["总体要求", "重点任务"] and not doc.warnings
    assert [m.label for m in doc.measures] == ["第一条", "第二条"]
    assert [r["reason"] for r in doc.removed] == ["table of contents"] * 3
    word = text.replace(" ………………………… 1", "\t1").replace(" ··········· 3", "\t3")     # Word's: a tab stop's leaders
    doc = parse(word, "plan.txt")[0]
    assert [c.title for c in doc.chapters] == ["总体要求", "重点任务"] and not doc.warnings


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


# --- numbering mistakes, excerpts and other layouts: recovered, and reported --------------------------
# Each variant is made here from a bundled plan (tests/variants.py); the parser must find the same
# measures (titles, units, numbers), name the anomaly in Document.warnings, and a comparison with
# the original must link every shared measure one-to-one as unchanged.

A24, A25, SH = "chuanyu-2024.txt", "chuanyu-2025-2027.txt", "shuanghe-2025.txt"


def _write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _unchanged_one_to_one(original, variant, expected_links):
    result = compare.compare([original, variant])
    comp = result.comparisons[0]
    assert len(comp.links) == expected_links
    assert all(lk.status == "unchanged" and lk.kind == "one-to-one" for lk in comp.links), \
        [(lk.a, lk.b, lk.status, lk.kind) for lk in comp.links if lk.status != "unchanged"]
    return result


RECOVERY = [
    # (id, plan, make the variant, measure labels missing from it, words the warning must contain)
    ("gap", A24, lambda t: variants.drop(t, "（十三）"), ["（十三）"], "（十三） missing after （十二）"),
    ("duplicate", A24, lambda t: variants.relabel(t, "（二十五）", "（二十四）"), [],
     "（二十四） appears twice"),
    ("mistyped", A24, lambda t: variants.relabel(t, "（二十五）", "（五十二）"), [],
     "（五十二） between （二十四） and （二十六） is read as （二十五）"),
    ("ocr-plus", A24, lambda t: variants.relabel(t, "（十）", "（+）"), [],
     "（+） read as （十） between （九） and （十一）"),
    ("ocr-dash", A25, lambda t: variants.relabel(t, "（一）", "（—）"), [], "（—） read as （一）"),
    ("stray-quote", A24, lambda t: variants.relabel(t, "（三）", "“（三）"), [], "stray “ before （三）"),
    ("stray-closing-quote", A24, lambda t: variants.relabel(t, "（七）", "”（七）"), [], "stray ” before （七）"),
    ("stray-symbol-font", A24, lambda t: variants.relabel(t, "（三）", "\uf06c（三）"), [], "before （三）"),
    ("gap-in-wrapped-pdf-text", SH, lambda t: variants.drop(t, "（十）"), ["（十）"], "（十） missing after （九）"),
    ("duplicate-in-wrapped-pdf-text", SH, lambda t: variants.relabel(t, "（十五）", "（十四）"), [],
     "（十四） appears twice"),
]


@pytest.mark.parametrize("case", RECOVERY, ids=[c[0] for c in RECOVERY])
def test_numbering_mistakes_lose_no_measure_and_are_reported(tmp_path, case):
    _, plan, make, missing, warning = case
    original = compare.load(INPUTS / plan)
    path = _write(tmp_path, f"variant-{plan}", make(text_of(plan)))
    doc = compare.load(path)
    want = [m for m in original.measures if m.label not in missing]
    assert [m.title for m in doc.measures] == [m.title for m in want]
    assert [m.units for m in doc.measures] == [m.units for m in want]
    assert [m.number for m in doc.measures] == [m.number for m in want]
    assert [m.path for m in doc.measures] == [m.path for m in want]
    assert any(warning in w for w in doc.warnings), doc.warnings
    assert doc.chars["unaccounted"] == 0
    _unchanged_one_to_one(INPUTS / plan, path, len(want))


@pytest.mark.parametrize("shuffle", [False, True], ids=["in-order", "shuffled"])
def test_an_excerpt_of_three_measures_is_read_with_its_gaps_reported(tmp_path, shuffle):
    labels = ["（三）", "（七）", "（十二）"]
    text = variants.excerpt(text_of(A24), labels, shuffle=shuffle)
    doc = compare.load(_write(tmp_path, "excerpt.txt", text))
    printed = [variants.blocks(text)[1][k][0] for k in range(3)]        # the order in the file
    assert [m.label for m in doc.measures] == printed
    original = {m.label: m for m in compare.load(INPUTS / A24).measures}
    assert [(m.title, m.units, m.number) for m in doc.measures] == \
        [(original[lab].title, original[lab].units, original[lab].number) for lab in printed]
    assert any(f"starts at {printed[0]}" in w for w in doc.warnings), doc.warnings
    if shuffle:
        assert any("out of order" in w for w in doc.warnings), doc.warnings
    else:
        assert any("（四）、（五）、（六） missing after （三）" in w for w in doc.warnings), doc.warnings
    _unchanged_one_to_one(INPUTS / A24, tmp_path / "excerpt.txt", 3)


@pytest.mark.parametrize("keep_chapters", [False, True], ids=["no-chapters", "under-chapters"])
def test_a_plan_numbered_1_2_3_only_has_its_items_as_measures(tmp_path, keep_chapters):
    path = _write(tmp_path, "要点.txt", variants.arabic_only(text_of(A24), keep_chapters))
    doc = compare.load(path)
    original = compare.load(INPUTS / A24)
    assert [m.label for m in doc.measures] == [f"{i}." for i in range(1, 40)]
    assert [(m.title, m.units) for m in doc.measures] == [(m.title, m.units) for m in original.measures]
    if keep_chapters:
        assert [m.path for m in doc.measures] == [m.path for m in original.measures]
    assert doc.warnings == []
    _unchanged_one_to_one(INPUTS / A24, path, 39)


@pytest.mark.parametrize("make", [variants.decimal, variants.spaced_chapters, variants.unit_lines,
                                  variants.title_on_its_own_line, variants.letter_spaced, variants.hard_wrapped,
                                  variants.colon_titles, variants.square_bracket_units, variants.circled,
                                  variants.parts, variants.bullets],
                         ids=["decimal", "chapters-without-dunhao", "units-on-lines", "title-on-its-line",
                              "letter-spaced", "hard-wrapped", "colon-titles", "units-in-square-brackets",
                              "circled-numbers", "parts-and-dunhao-measures", "bulleted-measures"])
@pytest.mark.parametrize("plan", [A24, A25])
def test_a_plan_in_another_layout_reads_the_same(tmp_path, plan, make):
    """The same plan laid out as other offices print it: the same measures, titles, chapters and
    units, and every measure unchanged, one to one."""
    text = make(text_of(plan))
    assert text != text_of(plan)
    path = _write(tmp_path, "variant.txt", text)
    doc, original = compare.load(path), compare.load(INPUTS / plan)
    assert [(m.title, m.chapter, m.kind, m.units, m.support_units, m.deadline) for m in doc.measures] == \
        [(m.title, m.chapter, m.kind, m.units, m.support_units, m.deadline) for m in original.measures]
    assert [(c.title, c.kind) for c in doc.chapters] == [(c.title, c.kind) for c in original.chapters]
    assert doc.title == original.title and len(doc.warnings) == len(original.warnings)
    _unchanged_one_to_one(INPUTS / plan, path, len(original.measures))


def _bodies():
    comp = text_of("study-compilation-2025-03.txt")
    texts = [text_of(A24), text_of(A25), variants.attachment(comp, 4), variants.attachment(comp, 7)]
    return [b for t in texts for b in variants.measure_paragraphs(t)]


def test_more_than_99_measures_numbered_1_to_120(tmp_path):
    bodies = _bodies()[:120]
    assert len(bodies) == 120
    arabic = _write(tmp_path, "arabic.txt", variants.numbered_list(bodies, "arabic"))
    chinese = _write(tmp_path, "chinese.txt", variants.numbered_list(bodies, "cn"))
    a, c = compare.load(arabic), compare.load(chinese)
    assert [m.number for m in a.measures] == list(range(1, 121)) == [m.number for m in c.measures]
    assert a.measures[119].label == "120." and c.measures[119].label == "（一百二十）"
    assert [m.norm for m in a.measures] == [m.norm for m in c.measures]
    comp = INPUTS / "study-compilation-2025-03.txt"
    sources = [compare.load(INPUTS / A24), compare.load(INPUTS / A25), compare.load(f"{comp}#4"),
               compare.load(f"{comp}#7")]
    originals = [m for d in sources for m in d.measures][:120]
    assert [(m.title, m.units) for m in a.measures] == [(m.title, m.units) for m in originals]
    assert a.warnings == [] and c.warnings == []
    _unchanged_one_to_one(chinese, arabic, 120)


def test_more_than_99_sub_items_in_one_measure_are_all_kept():
    items = "\n".join(f"{i}.推进第{i}项工作。完成率提高1.5个百分点。" for i in range(1, 131))
    text = f"一、主要任务\n（一）推进重点工作。具体如下：\n{items}\n2025.目标年度\n（二）另一项工作。\n"
    doc = parse(text, "items.txt")[0]
    assert [m.label for m in doc.measures] == ["（一）", "（二）"]
    assert [it.label for it in doc.measures[0].items] == [f"{i}." for i in range(1, 131)]
    assert "2025.目标年度" in doc.measures[0].text            # a year at a line start, not item 2025
    assert all("1.5个百分点" in it.text for it in doc.measures[0].items)


def test_numbering_past_999(tmp_path):
    path = _write(tmp_path, "renumbered.txt", variants.renumber_from(text_of(A24), 981))
    doc = compare.load(path)
    assert [m.number for m in doc.measures] == list(range(981, 1020))
    assert doc.measures[-1].label == "（一千零一十九）"
    assert doc.warnings == ["编号从 （九百八十一） 开始 numbering starts at （九百八十一）"]
    _unchanged_one_to_one(INPUTS / A24, path, 39)
    lines = "\n".join(f"（{variants.cn(i)}）推进第{i}项工作。" for i in range(1, 1211))
    long = parse("某某行动方案\n" + lines, "long.txt")[0]
    assert [m.number for m in long.measures] == list(range(1, 1211)) and long.warnings == []


@pytest.mark.parametrize("plan", [A24, A25, SH])
def test_a_pdf_bankji_after_the_last_measure_is_metadata_not_text(tmp_path, plan):
    path = _write(tmp_path, "with-banji.txt", variants.with_trailer(text_of(plan), variants.BACK_MATTER))
    doc, original = compare.load(path), compare.load(INPUTS / plan)
    assert [m.text for m in doc.measures] == [m.text for m in original.measures]
    assert doc.printed_date == "2025-01-26" and doc.date == original.date
    assert doc.back_matter[0].startswith("抄送：") and "印发" in doc.back_matter[-1]
    assert doc.chars["unaccounted"] == 0 and doc.chars["metadata"] > 0
    _unchanged_one_to_one(INPUTS / plan, path, len(original.measures))


@pytest.mark.parametrize("plan", [A24, A25])
def test_a_saved_web_pages_footer_is_metadata_not_text(tmp_path, plan):
    path = _write(tmp_path, "page.txt", variants.with_trailer(text_of(plan), variants.WEB_FOOTER))
    doc, original = compare.load(path), compare.load(INPUTS / plan)
    assert [m.text for m in doc.measures] == [m.text for m in original.measures]
    assert doc.back_matter[0] == "相关文件" and any(p.startswith("主办：") for p in doc.back_matter)
    assert doc.chars["unaccounted"] == 0
    _unchanged_one_to_one(INPUTS / plan, path, len(original.measures))


def test_a_web_pages_title_stands_apart_from_the_lines_around_it(tmp_path):
    """A government site's page: the info table's ISO date, the notice's title, the 主送 line,
    then 现将《…》印发给你们 — the plan's title is the one in 《》, the date the signed one."""
    page = ("<html><head><meta charset='utf-8'></head><body><div>首页 &gt; 政策文件</div>"
            "<table><tr><td>发文字号：</td><td>某府办发〔2025〕12号</td></tr><tr><td>发布日期：</td><td>2025-03-01</td></tr></table>"
            "<h1>某市人民政府办公室关于印发某市公共服务共享工作方案的通知</h1><p>各区县人民政府，市政府各部门：</p>"
            "<p>现将《某市公共服务共享工作方案》印发给你们，请认真贯彻执行。</p><p>某市人民政府办公室</p><p>2025年2月28日</p>"
            "<p>一、重点任务</p><p>（一）推进社会保障卡居民服务一卡通。（责任单位：市人力社保局）</p>"
            "<p>（二）推动异地就医直接结算。（责任单位：市医保局）</p></body></html>")
    doc = compare.load(_write(tmp_path, "page.html", page))
    assert (doc.title, doc.doc_number, doc.date) == ("某市公共服务共享工作方案", "某府办发〔2025〕12号", "2025-02-28")
    assert [m.units for m in doc.measures] == [["市人力社保局"], ["市医保局"]]
    preamble = doc.sections[0].text.split("\n")
    assert "某市人民政府办公室关于印发某市公共服务共享工作方案的通知" in preamble


def test_a_saved_government_page_gives_its_title_number_date_and_issuer(tmp_path):
    """The site's menu above the title is no part of it, and the page's table of particulars
    (label and value in cells side by side) gives the 文号; the signed date and issuer stand
    above the plan as on paper. Before, the title read 首页政务公开某市…方案 and the 文号 was lost."""
    page = ("<html><head><meta charset='utf-8'></head><body><div><a href='/'>首页</a></div>"
            "<div><a href='/gk'>政务公开</a></div><h1>某市2025年养老服务工作方案</h1>"
            "<table><tr><td>索引号：</td><td>000014349/2025-00012</td><td>发文机关：</td><td>某市人民政府办公室</td></tr>"
            "<tr><td>成文日期：</td><td>2025年03月01日</td><td>发文字号：</td><td>某府办发〔2025〕3号</td></tr></table>"
            "<p>某市人民政府办公室</p><p>2025年3月1日</p>"
            "<p>一、重点任务</p><p>（一）扩大居家养老服务供给。（牵头单位：市民政局）</p>"
            "<p>（二）推进医养结合。（牵头单位：市卫生健康委）</p></body></html>")
    doc = compare.load(_write(tmp_path, "page.html", page))
    assert (doc.title, doc.doc_number, doc.date) == ("某市2025年养老服务工作方案", "某府办发〔2025〕3号", "2025-03-01")
    assert doc.issuers == ["某市人民政府办公室"]
    assert [m.units for m in doc.measures] == [["市民政局"], ["市卫生健康委"]]
    assert [r["text"] for r in doc.removed] == ["[link:首页]", "[link:政务公开]"]
    assert doc.chars["unaccounted"] == 0


def test_a_plan_title_over_two_lines_keeps_its_years():
    text = ("进一步强化公共服务共建共享行动方案\n（2025—2027年）\n为提升公共服务水平，制定本方案。\n"
            "一、重点任务\n（一）推进社会保障卡一卡通。\n")
    doc = parse(text, "plan.txt")[0]
    assert doc.sections[0].text.split("\n")[:2] == ["进一步强化公共服务共建共享行动方案（2025—2027年）", "为提升公共服务水平，制定本方案。"]


def test_a_signature_after_the_last_measure_is_cut_and_dates_the_document():
    text = "某某工作方案\n（一）推进甲。实现甲。\n（二）推进乙。实现乙。\n某某市人民政府办公厅\n2025年3月1日\n（此件公开发布）\n"
    doc = parse(text, "signed.txt")[0]
    assert doc.measures[-1].text == "推进乙。实现乙。"
    assert doc.back_matter == ["某某市人民政府办公厅", "2025年3月1日", "（此件公开发布）"]
    assert doc.date == "2025-03-01"


def test_traditional_script_plan_has_units_title_and_doc_number(tmp_path):
    path = _write(tmp_path, "traditional.txt", variants.traditional(text_of(A25)))
    doc, original = compare.load(path), compare.load(INPUTS / A25)
    assert doc.doc_number == "渝府辦發〔2025〕9號"
    assert doc.title == variants.traditional(original.title) and doc.date == original.date
    assert len(doc.issuers) == 2 and doc.issuers[0] == "重慶市人民政府辦公廳"
    assert [[normalize(u) for u in m.units] for m in doc.measures] == \
        [[normalize(u) for u in m.units] for m in original.measures]
    assert "責任單位" in doc.measures[3].text or "牽頭單位" in doc.measures[3].text    # printed as is
    assert [m.norm for m in doc.measures] == [m.norm for m in original.measures]
    assert [m.kind for m in doc.measures] == [m.kind for m in original.measures]
    _unchanged_one_to_one(INPUTS / A25, path, 22)


def test_a_citation_at_a_line_start_stays_text():
    text = ("一、主要任务\n（一）推进居住证信息互通。推进电子身份证互认，\n（三）类事项除外。（责任单位：公安部门）\n"
            "（二）推进户口迁移。按照\n（三）项规定办理。（责任单位：公安部门）\n（三）推进其他。实现。\n")
    doc = parse(text, "cited.txt")[0]
    assert [m.label for m in doc.measures] == ["（一）", "（二）", "（三）"]
    assert "互认，（三）类事项除外" in doc.measures[0].text
    assert "按照（三）项规定办理" in doc.measures[1].text
    assert doc.warnings == []


def test_parts_chapters_and_articles_keep_their_hierarchy():
    rules = ("第一章 总则\n第一条 为了规范管理，制定本办法。\n第二条 本办法所称事项包括：\n（一）甲事项；\n"
             "（二）乙事项。\n第三条规定的事项除外。\n第二章 管理\n第三条 管理要求。\n第四条 责任。\n")
    doc = parse(rules, "rules.txt")[0]
    assert [(m.label, m.path) for m in doc.measures] == [      # 第一条 states the purpose: no measure
        ("第二条", ["第一章"]), ("第三条", ["第二章"]), ("第四条", ["第二章"])]
    assert [it.label for it in doc.measures[0].items] == ["（一）", "（二）"]
    assert "第三条规定的事项除外" in doc.measures[0].text
    plan = ("第一部分 总体要求\n一、指导思想\n坚持以人民为中心。\n第二部分 主要任务\n一、推进教育\n（一）推进学前教育。扩大普惠。\n"
            "（二）推进义务教育。均衡发展。\n二、推进医疗\n（一）推进医联体。建设。\n第三部分 保障措施\n一、加强领导\n"
            "（一）健全机制。各部门要加强领导。\n")
    doc = parse(plan, "parts.txt")[0]
    assert [(m.label, m.path, m.kind) for m in doc.measures] == [
        ("（一）", ["一、"], MEASURE), ("（二）", ["一、"], MEASURE), ("（一）", ["二、"], MEASURE),
        ("（一）", ["一、"], SAFEGUARD)]
    assert doc.warnings == []                  # 一、 restarting under each part is no anomaly


@pytest.mark.parametrize("before", ["享。协同举办", "享。", "享。协同举办（"], ids=["mid-sentence", "after-a-stop", "cut-bracket"])
def test_a_parenthesis_moved_to_a_line_start_by_a_pdf_break_stays_text(tmp_path, before):
    """shuanghe-2025 line 143 broken before （参加） (or before its bracket's content)."""
    src = text_of(SH)
    line = "享。协同举办（参加）创业大赛、职业规划大赛等创业交流活动，"
    assert line in src
    broken = src.replace(line, before + "\n" + line[len(before):])
    doc = compare.load(_write(tmp_path, "broken.txt", broken))
    original = compare.load(INPUTS / SH)
    assert [m.label for m in doc.measures] == [m.label for m in original.measures]
    assert [m.norm for m in doc.measures] == [m.norm for m in original.measures]
    assert doc.warnings == []


def test_every_measure_carries_the_matching_forms_of_its_own_text():
    """Measures are built once, finished: no later rewrite leaves their matching forms stale
    (the closing prose after the last measure is split off before the measure is made)."""
    for path in sorted(INPUTS.glob("*.txt")):
        for doc in compare.load_all(path):
            for m in doc.measures:
                assert (m.norm, m.title_norm, m.text_norm) == (normalize(m.body), normalize(m.title),
                                                                normalize(m.text)), (path.name, m.label)
                assert m.units_norm == [normalize(u) for u in m.units]
                assert m.text.startswith(m.body)
    last = compare.load(INPUTS / "shuanghe-2025.txt").measures[-1]
    assert "专班牵头单位" not in last.text_norm and last.units


def test_units_keep_their_role_from_prose_and_from_a_task_table():
    """（牵头单位：A、B；配合单位：C）: every unit in `units`, the support ones also in
    `support_units` — the same whether the plan printed the clause or a 任务分工表 had the columns."""
    from compare.ingest.tables import Cell, render

    prose = ("关于印发某行动方案的通知\n一、交通\n"
             "（一）推进高铁公交化。优化票制。（牵头单位：省发展改革委、市交通局；配合单位：铁路公司）\n"
             "（二）推进公交便利化。（责任单位：省交通厅）\n")
    header = ["序号", "重点任务", "牵头单位", "配合单位"]
    rows = [["一、交通", "", "", ""], ["1", "推进高铁公交化。优化票制。", "省发展改革委\n市交通局", "铁路公司"],
            ["2", "推进公交便利化。", "省交通厅", ""]]
    table = "\n".join(render([[Cell(x) for x in header]] + [[Cell(x) for x in r] for r in rows]))
    for text in (prose, "关于印发某行动方案的通知\n" + table):
        doc = parse(text, "plan.txt")[0]
        one, two = doc.measures
        assert one.units == ["省发展改革委", "市交通局", "铁路公司"] and one.support_units == ["铁路公司"]
        assert one.body.endswith("优化票制。")
        assert two.units == ["省交通厅"] and two.support_units == []


def test_a_units_clause_broken_over_lines_names_no_line_break_as_a_unit():
    """（牵头单位：A；⏎配合单位：B）: the line break after the ； is no unit of its own."""
    from compare.parse.closing import split_closing
    from compare.text.normalize import view

    text = "推进城际铁路互联。（牵头单位：两省发展改革委；\n配合单位：铁路公司；完成时限：2026年12月）"
    assert split_closing(text, view(text)) == ("推进城际铁路互联。", ["两省发展改革委", "铁路公司"], ["铁路公司"], "2026年12月")


def test_units_and_deadline_on_lines_of_their_own_read_as_in_brackets():
    """工作要点 print "责任单位：A、B" and "完成时限：…" after the measure, on lines of their own or
    after its last 。: the same body, units and deadline as （牵头单位：A、B）（完成时限：…）. A
    sentence about the units (责任单位要加强协调…) stays text."""
    bracketed = ("某市工作要点\n一、重点任务\n（一）推进社会保障卡一卡通，实现一卡多用。（牵头单位：市人力社保局、市交通局；"
                 "配合单位：市财政局）（完成时限：2025年底）\n（二）推进养老服务补贴异地结算。（责任单位：市民政局）\n")
    lines = ("某市工作要点\n一、重点任务\n（一）推进社会保障卡一卡通，实现一卡多用。\n责任单位：市人力社保局、市交通局\n"
             "配合单位：市财政局\n完成时限：2025年底\n（二）推进养老服务补贴异地结算。责任单位：市民政局\n")
    expected = None
    for text in (bracketed, lines):
        one, two = parse(text, "points.txt")[0].measures
        got = [(m.body, m.units, m.support_units, m.deadline) for m in (one, two)]
        assert got == (expected or got)
        expected = got
    assert expected == [("推进社会保障卡一卡通，实现一卡多用。", ["市人力社保局", "市交通局", "市财政局"], ["市财政局"], "2025年底"),
                        ("推进养老服务补贴异地结算。", ["市民政局"], [], "")]
    mixed = "某市工作要点\n一、重点任务\n（一）推进养老服务补贴异地结算。（责任单位：市民政局）\n完成时限：2025年底\n"
    (one,) = parse(mixed, "points.txt")[0].measures
    assert (one.body, one.units, one.deadline) == ("推进养老服务补贴异地结算。", ["市民政局"], "2025年底")
    text = "某市工作要点\n一、重点任务\n（一）推进养老服务补贴异地结算。责任单位要加强协调，确保按期完成。\n"
    (one,) = parse(text, "points.txt")[0].measures
    assert one.units == [] and one.body.endswith("责任单位要加强协调，确保按期完成。")



def test_a_unit_line_whose_names_end_in_a_bracket_reads_them_whole():
    """厅（局）, 省卫生健康委（省中医药局）: a bracket that is part of a unit's name does not stop
    an unbracketed unit line from being read; the name keeps it. A bracket with a header in it
    (（完成时限：…）) still leaves the line to the bracketed rules."""
    text = ("某省工作要点\n一、重点任务\n（一）推进教师交流轮岗。\n责任单位：三地教育部门、人力资源社会保障厅（局）\n"
            "（二）推进中医药服务共享。\n牵头单位：省卫生健康委（省中医药局）\n配合单位：各县（区）人民政府\n")
    one, two = parse(text, "points.txt")[0].measures
    assert (one.body, one.units) == ("推进教师交流轮岗。", ["三地教育部门", "人力资源社会保障厅（局）"])
    assert (two.body, two.units, two.support_units) == ("推进中医药服务共享。", ["省卫生健康委（省中医药局）", "各县（区）人民政府"],
                                                        ["各县（区）人民政府"])


NOTICE = """国务院办公厅关于进一步促进民间投资发展的若干措施
国办发〔2025〕38号
为进一步激发民间投资活力，经国务院同意，现提出以下措施。
一、支持民间资本参与重大项目建设。选取一批具有一定收益水平的项目，向民间资本推介。
二、完善民间投资项目推介机制。定期发布向民间资本推介的项目清单。
三、加大对民间投资的融资支持。引导金融机构加大对民营企业中长期贷款投放。
四、规范实施政府和社会资本合作新机制。
五、支持民间资本通过多种方式盘活存量资产，鼓励民营企业通过不动产投资信托基金等方式盘活存量资产并将回收资金用于新项目建设。
六、推动民间投资项目审批提速增效，对符合条件的项目实行并联审批和容缺受理，降低制度性交易成本。
七、强化要素保障。对纳入重点项目清单的民间投资项目，在用地、用能等方面给予保障。
八、支持民营企业参与科技创新。鼓励民营企业牵头承担国家重大科技项目。
九、加强民间投资运行监测分析，及时掌握民间投资动态，定期研究解决民间投资遇到的突出问题。
十、保障民营企业合法权益。依法平等保护民营企业产权和企业家权益。
十一、优化民间投资服务。建立健全政企常态化沟通交流机制。
十二、加强舆论引导。及时总结推广民间投资典型经验做法。
十三、抓好组织实施。各地区各部门要结合实际抓好贯彻落实。
"""


def test_a_notice_of_one_paragraph_per_measure_has_every_paragraph_as_a_measure():
    """一、…十三、 with no （一） level: every paragraph is a measure, the one-sentence ones (四、五、
    六、九、) included — none taken for a heading and lost."""
    doc = parse(NOTICE, "notice.txt")[0]
    assert [m.label for m in doc.measures] == [f"{n}、" for n in
                                               "一 二 三 四 五 六 七 八 九 十 十一 十二 十三".split()]
    five = doc.measures[4]
    assert five.text.startswith("支持民间资本通过多种方式盘活存量资产") and five.text.endswith("新项目建设。")
    assert not [w for w in doc.warnings if w.startswith("结构：")]


def test_chapter_prose_left_out_of_the_comparison_is_a_warning():
    """A chapter with text but no numbered measure, in a plan whose measures are （一）…: its text is
    not compared, and the document says so."""
    text = ("关于印发某行动方案的通知\n一、总体要求\n以人民为中心，推进公共服务共建共享，到2027年基本实现便利化。\n"
            "二、重点任务\n（一）推进高铁公交化。优化票制。\n（二）推进公交便利化。增加线路。\n"
            "三、加强组织实施\n各地各部门要加强组织领导，压实责任，定期调度推进情况，确保各项任务落地见效。\n")
    doc = parse(text, "plan.txt")[0]
    assert [m.label for m in doc.measures] == ["（一）", "（二）"]
    notes = [w for w in doc.warnings if w.startswith("结构：")]
    assert len(notes) == 2 and "一、总体要求" in notes[0] and "三、加强组织实施" in notes[1]
    assert all("not compared" in w for w in notes)


def test_units_named_by_their_duty_are_units_not_text():
    """（省发展改革委牵头负责） after a measure or its items, （A牵头，B配合）: units, lead and support,
    kept out of the body; a parenthesis naming no body (（由市场决定）) stays text."""
    text = ("关于印发某实施方案的通知\n一、重点任务\n（一）支持民间资本参与项目建设。\n"
            "1.梳理筛选具备一定收益水平的项目，向民间资本推介。（省发展改革委牵头负责）\n"
            "2.用好政府投资基金，引导社会资本参与。（省财政厅牵头，省发展改革委配合）\n"
            "（二）优化价格形成机制。推动价格由市场形成。（由市场决定）\n")
    one, two = parse(text, "plan.txt")[0].measures
    assert one.units == ["省发展改革委", "省财政厅"] and one.support_units == []
    assert "负责" not in one.body and "配合" not in one.body and one.body.endswith("引导社会资本参与。")
    assert two.units == [] and two.body.endswith("（由市场决定）")


def test_a_deadline_in_the_units_bracket_or_after_the_duties_is_the_deadline():
    """（牵头单位：A；完成时限：…） in either order, （A牵头，B配合，2025年底前完成）, and another
    role in the bracket (责任领导：…): the units, the deadline, and no role read as a unit."""
    text = ("某市工作要点\n一、重点任务\n"
            "（一）推进社保卡应用。（牵头单位：市人社局；责任领导：张三；完成时限：2025年12月底）\n"
            "（二）推动医保结算。（完成时限：2025年6月底；牵头单位：市医保局；配合单位：市财政局）\n"
            "（三）建设零工市场。（市人社局牵头，市发展改革委配合，2025年底前完成）\n")
    one, two, three = parse(text, "plan.txt")[0].measures
    assert (one.units, one.deadline, one.body) == (["市人社局"], "2025年12月底", "推进社保卡应用。")
    assert (two.units, two.support_units, two.deadline) == (["市医保局", "市财政局"], ["市财政局"], "2025年6月底")
    assert (three.units, three.support_units, three.deadline) == (["市人社局", "市发展改革委"], ["市发展改革委"],
                                                                 "2025年底前完成")


def test_a_task_row_without_a_full_stop_is_titled_by_its_task_and_names_no_person(tmp_path):
    """A task table's row becomes "（N）task（完成时限：…）（牵头单位：…）": the closing clauses are no
    part of its title; a column naming persons (责任领导) gives no unit and no text."""
    table = tmp_path / "tasks.csv"
    table.write_text("序号,工作任务,责任领导,牵头单位,配合单位,完成时限\n"
                     "1,建设零工市场5个,李四,市人社局,市发展改革委,2025年6月\n"
                     "2,新增普惠托位2000个,张三,市卫健委,,2025年底\n", encoding="utf-8")
    one, two = compare.load(table).measures
    assert (one.title, one.body, one.units, one.deadline) == ("建设零工市场5个", "建设零工市场5个",
                                                             ["市人社局", "市发展改革委"], "2025年6月")
    assert two.title == "新增普惠托位2000个" and "张三" not in two.text


def test_bulleted_paragraphs_are_measures_and_a_bullet_before_a_heading_is_decoration():
    """● paragraphs with no number: each a measure, numbered by its place (•); ● before 一、 is a
    stray symbol before the chapter's label."""
    text = ("某市工作方案\n●一、重点任务\n●推进社保卡应用。实现社保卡在交通出行领域应用。（牵头单位：市人社局）\n"
            "■ 建设零工市场。建成零工市场5个。（牵头单位：市人社局）\n二、保障措施\n加强组织领导。\n")
    doc = parse(text, "plan.txt")[0]
    assert [(m.label, m.title, m.units) for m in doc.measures[:2]] == [
        ("•", "推进社保卡应用", ["市人社局"]), ("•", "建设零工市场", ["市人社局"])]
    assert [c.title for c in doc.chapters] == ["重点任务", "保障措施"]


def test_bulleted_sentences_of_a_document_that_numbers_nothing_are_its_measures():
    """No 一、 and no （一）: ● paragraphs that say something are the measures (as a .docx's
    paragraphs led by a bold sentence are printed), the title stays the title. One such paragraph is no list: a page's menu item run into its first sentence stays
    decoration, and the page has no measures."""
    text = ("某市关于支持民营经济发展壮大的若干措施\n"
            "●降低企业融资成本。对民营企业新增贷款给予贴息。（责任单位：市财政局）\n"
            "●减轻企业税费负担。落实小微企业税收优惠政策。（责任单位：市税务局）\n")
    doc = parse(text, "plan.txt")[0]
    assert doc.title == "某市关于支持民营经济发展壮大的若干措施"
    assert [(m.label, m.title, m.units) for m in doc.measures] == [
        ("•", "降低企业融资成本", ["市财政局"]), ("•", "减轻企业税费负担", ["市税务局"])]
    page = parse("● 首页\n● 政务公开\n新闻：某市召开会议。会议强调要加强领导。\n", "page.txt")[0]
    assert page.measures == [] and {"text": "•", "reason": "decoration symbol"} in page.removed


def test_a_web_pages_bulleted_menu_and_footer_are_not_its_measures():
    """● 首页 ● 政务公开 above a saved page's plan and ● 主办：…；承办：… under it: bullets before any
    heading, or under a numbered measure, are decoration — the plan's title, 文号 and date are
    found, its last measure keeps its units, the footer is back matter."""
    text = "● 首页\n● 政务公开\n● 政策文件\n" + text_of(A24) + "\n● 主办：某省人民政府办公厅；承办：某省大数据中心\n"
    doc, original = parse(text, "page.txt")[0], compare.load(INPUTS / A24)
    assert (doc.title, doc.doc_number, doc.date) == (original.title, original.doc_number, original.date)
    assert [(m.title, m.units) for m in doc.measures] == [(m.title, m.units) for m in original.measures]
    assert doc.back_matter == ["主办：某省人民政府办公厅；承办：某省大数据中心"]


def test_a_document_without_numbered_measures_says_so():
    """News, a speech, or a layout the reader does not know: nothing is compared, and a warning
    says how much text that is — never a silent empty comparison."""
    text = ("关于做好公共服务共享工作的通知\n\n各区县人民政府：\n\n为推进公共服务便利共享，现就有关事项通知如下。"
            "各地要加强组织领导，推动社会保障卡居民服务一卡通，推进异地就医直接结算。\n\n特此通知。\n")
    (doc,) = parse(text, "notice.txt")
    assert doc.measures == []
    (warning,) = [w for w in doc.warnings if "no numbered measures" in w]
    assert warning.startswith("结构：未找到编号措施") and f"all {doc.chars['sections']} characters" in warning


def test_items_before_the_first_chapter_left_as_prose_are_named():
    text = ("某市公共服务工作要点\n\n1.加强组织领导\n2.强化督促考核落实工作责任\n3.做好宣传引导\n\n"
            "一、重点任务\n\n（一）推进社会保障卡居民服务一卡通，在交通出行等方面实现一卡多用。\n\n"
            "（二）推动异地就医直接结算，将门诊慢特病纳入结算范围。\n")
    (doc,) = parse(text, "points.txt")
    assert [m.label for m in doc.measures] == ["（一）", "（二）"]
    assert [w for w in doc.warnings if "before the first chapter read as prose" in w and "3 items (1." in w]
    assert not [w for w in doc.warnings if "no numbered measures" in w]


def test_sections_of_a_regulation_are_chapters_not_text_of_an_article():
    """第一章 > 第一节 > 第一条: a 节 heading is a chapter of its own, never the tail of the
    article before it (a renamed 节 would otherwise read as a change to that article)."""
    text = ("某市公共服务便利共享条例\n\n第一章 总则\n\n第一节 一般规定\n\n第一条 为推进公共服务便利共享，制定本条例。\n\n"
            "第二条 本条例适用于本市行政区域内的公共服务事项。\n\n第二节 职责分工\n\n"
            "第三条 市人民政府统筹推进公共服务便利共享工作。\n\n第二章 服务事项\n\n"
            "第四条 推进社会保障卡居民服务一卡通，实现一卡多用。\n")
    (doc,) = parse(text, "regulation.txt")
    assert [(m.label, m.chapter) for m in doc.measures] == [     # 第一条 states the purpose: no measure
        ("第二条", "一般规定"), ("第三条", "职责分工"), ("第四条", "服务事项")]
    assert doc.measures[0].text == "本条例适用于本市行政区域内的公共服务事项。"
    assert [w for w in doc.warnings if "purpose" not in w] == []


def test_items_numbered_1_paren_are_measures():
    text = ("某区公共服务共享工作方案\n\n一、重点任务\n\n1）推进社会保障卡居民服务一卡通，实现一卡多用。（责任单位：区人力社保局）\n\n"
            "2）推动异地就医直接结算，将门诊慢特病纳入结算范围。（责任单位：区医保局）\n\n二、保障措施\n\n1）加强组织领导。\n")
    (doc,) = parse(text, "plan.txt")
    assert [(m.label, m.chapter) for m in doc.measures] == [("1）", "重点任务"), ("2）", "重点任务"), ("1）", "保障措施")]
    assert doc.measures[0].units == ["区人力社保局"] and not doc.warnings


def test_decimal_numbering_gives_chapters_and_measures():
    """1 总体目标 > 2 重点任务 > 2.1 …: the space after a decimal label is kept (2.5亿元 at a
    line start stays a number), chapters come from their 2.x measures, the title is found."""
    text = ("某区2025年公共服务共享工作要点\n\n1 总体目标\n到2025年底，基本实现公共服务便利共享，投入 2.5 亿元。\n\n"
            "2 重点任务\n2.1 推进社会保障卡居民服务一卡通，实现一卡多用。（责任单位：区人力社保局）\n"
            "2.2 推动异地就医直接结算，将门诊慢特病纳入结算范围。（责任单位：区医保局）\n"
            "2.5 亿元专项资金用于异地就医结算。\n\n3 保障措施\n3.1 加强组织领导。\n3.2 强化督促考核。\n")
    (doc,) = parse(text, "points.txt")
    assert doc.title == "某区2025年公共服务共享工作要点"
    assert [(c.label, c.title, c.kind) for c in doc.chapters] == [
        ("1", "总体目标", GENERAL), ("2", "重点任务", MEASURE), ("3", "保障措施", SAFEGUARD)]
    assert [(m.label, m.chapter) for m in doc.measures] == [
        ("2.1", "重点任务"), ("2.2", "重点任务"), ("3.1", "保障措施"), ("3.2", "保障措施")]
    assert doc.measures[1].text.endswith("（责任单位：区医保局）\n2.5 亿元专项资金用于异地就医结算。")
    assert doc.measures[0].units == ["区人力社保局"]
    assert [w for w in doc.warnings if w.startswith("结构：1 总体目标 下有")]


def test_chapters_printed_without_their_dunhao():
    text = ("某市公共服务共享实施方案\n\n一 总体要求\n\n到2025年底基本实现公共服务便利共享。\n\n二　重点任务\n\n"
            "（一）推进社会保障卡居民服务一卡通，实现一卡多用。\n\n（二）推动异地就医直接结算。\n\n三 保障措施\n\n（一）加强组织领导。\n")
    (doc,) = parse(text, "plan.txt")
    assert doc.title == "某市公共服务共享实施方案" and not doc.warnings
    assert [(c.label, c.title, c.kind) for c in doc.chapters] == [
        ("一", "总体要求", GENERAL), ("二", "重点任务", MEASURE), ("三", "保障措施", SAFEGUARD)]
    assert [(m.label, m.chapter) for m in doc.measures] == [("（一）", "重点任务"), ("（二）", "重点任务"), ("（一）", "保障措施")]


_RULES = ("某县集贸市场管理规定\n第一章　总则\n第一条　为规范集贸市场秩序，制定本规定。\n第二章　经营\n"
          "第二条　市场内禁止下列行为：\n一、占道经营；\n二、出售过期食品；\n{extra}"
          "三、使用不合格计量器具。\n第三条　违反第二条规定的，由市场监管部门责令改正。\n第三章　附则\n"
          "第四条　本规定自发布之日起施行。\n")


def test_an_articles_dunhao_list_is_its_items_not_chapters(tmp_path):
    """第二条 …下列行为：一、二、三、: the 一、 list after an article's colon numbers its items; 第三条
    stays under 第二章, and an item added in the next edition changes that article. (第一条 states
    the purpose and 第四条 when it takes effect: the rules' frame, no measures.)"""
    (doc,) = parse(_RULES.format(extra=""), "rules.txt")
    assert [c.label for c in doc.chapters] == ["第一章", "第二章", "第三章"]
    assert [(m.label, m.path) for m in doc.measures] == [("第二条", ["第二章"]), ("第三条", ["第二章"])]
    assert [it.label for it in doc.measures[0].items] == ["一、", "二、", "三、"]
    assert any("article's items" in w for w in doc.warnings)
    (trad,) = parse(_RULES.format(extra="").replace("规定", "規定").replace("条", "條").replace("过期", "過期"), "t.txt")
    assert [it.label for it in trad.measures[0].items] == ["一、", "二、", "三、"]
    newer = _RULES.format(extra="三、销售假冒伪劣商品；\n").replace("三、使用", "四、使用")
    result = compare.compare([_write(tmp_path, "a.txt", _RULES.format(extra="")), _write(tmp_path, "b.txt", newer)])
    (changed,) = [lk for lk in result.comparisons[0].links if lk.status != "unchanged"]
    assert (changed.a, changed.b) == ("m001", "m001")


def test_role_lines_under_each_sub_item_are_the_measures_units():
    """2.1.1 …/牵头单位：…/配合单位：… then 2.1.2 …: each sub-item's role lines are units of the
    measure (lead and support); the next sub-item stays text, and nothing but printed text (no
    placeholder of a label's view) reaches the units."""
    text = ("某县2025年农村供水工作要点\n\n1 重点任务\n1.1 提升农村供水保障水平\n"
            "1.1.1 新建改造农村供水管网200公里。\n牵头单位：县水利局\n配合单位：各镇人民政府\n"
            "1.1.2 推进城乡供水一体化。\n牵头单位：县住房城乡建设局\n"
            "1.2 加强水源保护\n（1）划定乡镇级水源保护区。\n責任單位：縣生態環境局\n（2）开展水源地巡查。\n责任单位：县水利局\n")
    (doc,) = parse(text, "water.txt")
    one, two = doc.measures
    assert one.units == ["县水利局", "各镇人民政府", "县住房城乡建设局"] and one.support_units == ["各镇人民政府"]
    assert [it.text for it in one.items] == ["新建改造农村供水管网200公里。", "推进城乡供水一体化。"]
    assert one.body.endswith("\n1.1.2 推进城乡供水一体化。") and "单位" not in one.body
    assert two.units == ["縣生態環境局", "县水利局"] and two.support_units == []
    printed = [u for m in doc.measures for u in m.units + m.support_units] + [m.body for m in doc.measures]
    assert not any("#" in p or "\n" in p for p in printed[:-2])


def test_units_after_each_sub_item_are_all_the_measures(tmp_path):
    """1.…（牵头单位：A；配合单位：B） 2.…（牵头单位：C）: the measure's units are all of them, in
    order, once each; a changed lead unit of one item is a unit added and one removed."""
    text = ("某市2025年水务工作要点\n一、保障供水安全\n（一）推进水厂建设。\n"
            "1.建成第三水厂二期。（牵头单位：{lead}；配合单位：市财政局）\n2.改造老旧供水管网。（牵头单位：市水务局）\n"
            "（二）完善应急供水。建立应急水源调度机制。（牵头单位：市水务局）\n")
    (doc,) = parse(text.format(lead="市城投集团"), "water.txt")
    assert doc.measures[0].units == ["市城投集团", "市财政局", "市水务局"]
    assert doc.measures[0].support_units == ["市财政局"]
    assert doc.measures[0].body == "推进水厂建设。\n1.建成第三水厂二期。\n2.改造老旧供水管网。"
    a = _write(tmp_path, "a.txt", text.format(lead="市城投集团"))
    b = _write(tmp_path, "b.txt", text.format(lead="市住房城乡建设委"))
    link = next(lk for lk in compare.compare([a, b]).comparisons[0].links if lk.a == "m001")
    assert link.evidence.units_added == ["市住房城乡建设委"] and link.evidence.units_removed == ["市城投集团"]


def test_attachments_numbered_in_chinese_numerals_split_a_compilation():
    """附件一 / 附件二： are attachment markers as 附件1 / 附件2 are; 附件一所列… is a sentence."""
    text = ("某市人民政府办公室关于印发两个方案的通知\n现将两个方案印发给你们。附件一所列任务由各区落实。\n\n"
            "附件一\n\n某市养老服务方案\n一、重点任务\n（一）建设社区养老服务站10个。\n\n"
            "附件二：\n\n某市托育服务方案\n一、重点任务\n（一）新增托位500个。\n")
    docs = parse(text, "comp.txt")
    assert [(d.attachment, d.source) for d in docs] == [(None, "comp.txt#0"), (1, "comp.txt#1"), (2, "comp.txt#2")]
    assert [len(d.measures) for d in docs] == [0, 1, 1] and "附件一所列" in docs[0].sections[0].text


@pytest.mark.parametrize("issuer, own", [("某市人民政府办公室", "某市人民政府办公室"),
                                         ("某市人民政府办公室 某县人民政府办公室\n", "")])
def test_a_covering_notice_of_several_plans_is_titled_by_its_own_line(issuer, own):
    """关于印发《A》和《B》的通知: the notice (#0) is titled by its line, not by its first plan's title
    (which would name #0 and #1 alike) nor by the issuers printed above it (联合发文); each
    attachment keeps its own title."""
    text = (f"{issuer}关于印发《某市养老服务方案》和《某市托育服务方案》的通知\n某府办发〔2025〕15号\n"
            "现将《某市养老服务方案》和《某市托育服务方案》印发给你们。\n\n"
            "附件1\n\n某市养老服务方案\n一、重点任务\n（一）建设社区养老服务站10个。\n\n"
            "附件2\n\n某市托育服务方案\n一、重点任务\n（一）新增托位500个。\n")
    docs = parse(text, "comp.txt")
    assert [d.title for d in docs] == [own + "关于印发《某市养老服务方案》和《某市托育服务方案》的通知",
                                       "某市养老服务方案", "某市托育服务方案"]


def test_issuers_signed_only_above_the_closing_date_are_the_documents():
    """A notice that names its issuers only in the signature over its date (联合发文 at the end) is
    theirs, as one that prints them above its title."""
    text = ("关于做好毗邻地区交通协作的通知\n各有关单位：\n现就有关事项通知如下。\n一、重点任务\n"
            "（一）推进公交线路跨省开行。\n（二）推进执法协作。\n某省交通运输厅 某省公安厅\n2025年3月20日\n")
    (doc,) = parse(text, "notice.txt")
    assert (doc.issuers, doc.date) == (["某省交通运输厅", "某省公安厅"], "2025-03-20")


def test_a_sentence_on_first_and_second_level_ranks_is_no_chapter():
    """一、二级医院…: a sentence under its measure, not chapter 一、 printed twice."""
    text = ("某市2025年卫生工作要点\n一、提升医疗服务能力\n（一）推进医联体建设。\n"
            "一、二级医院与三级医院建立对口帮扶关系。\n（二）加强基层建设。\n二、强化公共卫生\n（一）做好疾病防控。\n")
    (doc,) = parse(text, "health.txt")
    assert [c.label for c in doc.chapters] == ["一、", "二、"] and not doc.warnings
    assert doc.measures[0].text == "推进医联体建设。\n一、二级医院与三级医院建立对口帮扶关系。"


@pytest.mark.parametrize("printed, read", [("某水发〔二〇二五〕12号", "某水发〔2025〕12号"),
                                           ("某政发[２０２５]７号", "某政发〔2025〕7号")])
def test_a_docnum_line_above_the_date_is_the_docnum_not_the_issuer(printed, read):
    """A 文号 with its year in Chinese numerals, or in full-width digits, is the 文号 (its year in
    digits); the line above the date that holds it names no issuer."""
    text = f"关于做好防汛工作的通知\n{printed}\n2025年5月6日\n\n一、落实责任\n（一）压实防汛责任。\n"
    (doc,) = parse(text, "notice.txt")
    assert (doc.doc_number, doc.issuers, doc.date) == (read, [], "2025-05-06")
    (doc,) = parse(f"关于做好防汛工作的通知\n{printed}\n各区县人民政府：\n一、落实责任\n（一）压实防汛责任。\n", "n.txt")
    assert doc.doc_number == read


def _wrapped(paragraphs: list[str], width: int = 20) -> str:
    """Paragraphs printed as a PDF's lines are: cut every `width` characters."""
    return "\n".join(p[k:k + width] for p in paragraphs for k in range(0, len(p), width))


@pytest.mark.parametrize("note", ["附件：某市首批互认机构名单（略）", "附件1：某市首批互认机构名单",
                                  "附件：1.某市首批互认机构名单\n2.某市第二批互认机构名单"])
def test_an_attachment_note_after_the_last_measure_ends_it(note):
    """附件：名称 (附件1：名称, 附件：1.名称 / 2.名称) after the last measure is the 附件说明: back
    matter, not the measure's text — even after a units clause that fills a PDF's line, or after a
    unit line — so the measure keeps its units."""
    measures = [f"（{variants.cn(i)}）推进第{i}项工作。" for i in range(1, 9)]
    last = "（九）加强督促评估。建立年度评估机制，评估结果纳入考核。（牵头单位：某市民政局）"
    assert len(last) % 20 == 0                       # its units clause ends at the margin
    for text in (_wrapped(["某市养老服务行动方案", "一、重点任务", *measures, last]) + "\n" + note,
                 "某市养老服务行动方案\n一、重点任务\n" + "\n".join(measures)
                 + "\n（九）加强督促评估。建立年度评估机制。\n牵头单位：某市民政局\n" + note):
        (doc,) = parse(text, "plan.txt")
        assert doc.measures[-1].units == ["某市民政局"] and "附件" not in doc.measures[-1].text
        assert doc.back_matter == note.split("\n") and doc.chars["unaccounted"] == 0


def test_a_notice_lends_its_only_attached_plan_its_docnum_date_and_issuers():
    """印发通知 + 附件 (the plan): the plan prints no 文号, date or issuers of its own, so it takes
    the notice's; in a compilation of several attachments nothing is lent."""
    notice = ("某市教育局关于印发《某市教育协同发展行动计划》的通知\n某教发〔2025〕6号\n各区教育局：\n现印发给你们，请认真贯彻落实。\n"
              "某市教育局\n2025年4月18日\n")
    plan = "某市教育协同发展行动计划\n一、重点任务\n（一）推进学校结对帮扶。（责任单位：市教育局）\n"
    cover, attached = parse(notice + "附件\n" + plan, "notice.txt")
    assert (attached.doc_number, attached.date, attached.issuers) == ("某教发〔2025〕6号", "2025-04-18", ["某市教育局"])
    assert (cover.doc_number, cover.date, cover.issuers) == ("某教发〔2025〕6号", "2025-04-18", ["某市教育局"])
    _, one, two = parse(notice + "附件1\n" + plan + "附件2\n" + plan, "compilation.txt")
    assert (one.doc_number, one.date, one.issuers) == (two.doc_number, two.date, two.issuers) == ("", "", [])


@pytest.mark.parametrize("closing", [
    "各区要结合实际，制定具体落实方案，确保各项任务落到实处。",
    "各地各部门要加强组织领导，确保各项任务落到实处。",
    "各县（市、区）人民政府要抓好落实。",
    "本方案自印发之日起施行，由市人力社保局负责解释。",
    "未尽事宜，由市人力社保局另行通知。",
])
def test_the_plans_closing_text_after_its_last_measure_is_not_that_measure(closing):
    """An unlabelled paragraph after the last measure that speaks to all the plan's addressees or
    about the plan (公文 closing formulas) is the plan's closing text: a section of its own, not
    compared, named in a warning, every character accounted for; the last measure keeps its own
    continuation paragraph, and a bare chapter heading keeps the text under it."""
    text = ("某市2025年就业工作要点\n一、稳定就业岗位\n（一）开发公益性岗位2000个。\n"
            "（二）做好退役军人就业安置。\n落实退役军人优待政策，开展专场招聘。\n" + closing + "\n再有一段。\n")
    doc = parse(text, "plan.txt")[0]
    assert doc.measures[-1].text == "做好退役军人就业安置。\n落实退役军人优待政策，开展专场招聘。"
    assert doc.sections[-1].heading == "closing" and doc.sections[-1].text == closing + "\n再有一段。"
    assert any("结束语" in w and "not compared" in w for w in doc.warnings)
    assert doc.chars["unaccounted"] == 0
    bare = parse("某方案\n一、重点任务\n（一）推进甲。实现甲。\n二、组织实施\n" + closing + "\n", "plan.txt")[0]
    assert bare.sections[-1].heading == "二、组织实施" and bare.sections[-1].text == closing


def test_a_taiwan_style_plan_reads_its_levels_units_number_and_date():
    """壹、 > 一、 > （一）: financial numerals number the top level; 主辦機關/協辦機關 (主辦單位) name the
    lead and support units; a 文号 …字第N號 and a date of the ROC calendar (中華民國113年 is 2024)
    are read, each on a line of its own; the text under 參、 is that part's, not the last measure's."""
    text = ("臺北市推動長者友善城市實施計畫\n府社老字第1130012345號\n中華民國113年3月15日\n\n"
            "壹、計畫目標\n建構友善高齡環境，提升長者生活品質。\n\n貳、執行策略\n一、強化長者健康促進\n"
            "（一）擴大社區關懷據點至450處。\n主辦機關：社會局\n協辦機關：衛生局\n"
            "（二）推動長者健康檢查。\n主辦單位：衛生局\n協辦單位：民政局\n"
            "二、營造無障礙交通環境\n（一）增設低地板公車200輛。\n主辦單位：交通局\n\n參、經費來源\n所需經費由各機關年度預算支應。\n")
    doc = parse(text, "plan.txt")[0]
    assert (doc.doc_number, doc.date, doc.issuers) == ("府社老字第1130012345號", "2024-03-15", [])
    assert doc.sections[0].text == "臺北市推動長者友善城市實施計畫\n府社老字第1130012345號\n中華民國113年3月15日"
    assert [c.label for c in doc.chapters] == ["壹、", "一、", "二、", "參、"]
    assert [(m.label, m.path, m.units, m.support_units) for m in doc.measures] == [
        ("（一）", ["一、"], ["社會局", "衛生局"], ["衛生局"]), ("（二）", ["一、"], ["衛生局", "民政局"], ["民政局"]),
        ("（一）", ["二、"], ["交通局"], [])]
    assert doc.measures[-1].body == "增設低地板公車200輛。" and doc.back_matter == []
    assert doc.sections[-1].heading == "參、經費來源" and doc.chars["unaccounted"] == 0
    assert parse("某方案\n某字〔2025〕1号\n民国38年1月5日\n一、任务\n（一）推进甲。\n", "p.txt")[0].date == "1949-01-05"
    assert parse("某方案\n2024年1月5日\n一、任务\n（一）推进甲。\n", "p.txt")[0].date == "2024-01-05"
    assert parse("某方案\n113年1月5日\n一、任务\n（一）推进甲。\n", "p.txt")[0].date == ""    # no 民国: no year


def test_a_notice_lends_its_only_attached_table_the_title_it_issues_it_under():
    """关于印发《…2023年重点任务清单》的通知 with one 附件 headed 2023年重点任务分工表: the plan is
    named by the title it is issued under; an attachment with a title of its own keeps it."""
    text = ("某省人才工作领导小组办公室关于印发《某省人才高地建设2023年重点任务清单》的通知\n某人才办〔2023〕5号\n"
            "现将《某省人才高地建设2023年重点任务清单》印发给你们。\n\n附件\n\n2023年重点任务分工表\n"
            "一、人才引进\n（一）引进青年人才1000名。（牵头单位：省人社厅）\n")
    docs = parse(text, "notice.txt")
    assert docs[-1].title == "某省人才高地建设2023年重点任务清单" and docs[-1].doc_number == "某人才办〔2023〕5号"
    own = parse(text.replace("2023年重点任务分工表", "某省人才高地建设实施方案"), "notice.txt")
    assert own[-1].title == "某省人才高地建设实施方案"


def test_a_title_ends_at_its_full_stop_even_before_a_number():
    """推进生活垃圾分类全覆盖。2026年底前…: the title is the first sentence; a 2.5 inside a number
    is no full stop."""
    text = ("某市工作要点\n一、重点任务\n（一）推进生活垃圾分类全覆盖。2026年底前城区生活垃圾分类实现全覆盖。\n"
            "（二）投入资金2.5亿元建设处理设施。建成3座设施。\n")
    (doc,) = parse(text, "t.txt")
    assert [m.title for m in doc.measures] == ["推进生活垃圾分类全覆盖", "投入资金2.5亿元建设处理设施"]


def test_places_listed_before_a_body_share_it():
    """（配合单位：长沙市、株洲市、湘潭市、岳阳市生态环境局）: four cities' 生态环境局, as a reader
    distributes it — not three cities and one bureau."""
    text = ("某区域工作要点\n一、重点任务\n（一）联合开展臭氧污染防治。统一夏季臭氧污染防控措施。"
            "（牵头单位：湖南省生态环境厅；配合单位：长沙市、株洲市、湘潭市、岳阳市生态环境局）\n")
    (doc,) = parse(text, "t.txt")
    m = doc.measures[0]
    assert m.units == ["湖南省生态环境厅", "长沙市生态环境局", "株洲市生态环境局", "湘潭市生态环境局", "岳阳市生态环境局"]
    assert m.support_units == m.units[1:]


def test_a_place_the_preamble_names_is_a_place_in_every_measure():
    """为推进长三角区域…: a region the plan names in its opening prose is a place where a measure
    names it alone (建设长三角…平台), so it weighs as nothing, as 京津冀 would."""
    text = ("某区域工作要点\n为推进长三角区域养老服务合作，制定本工作要点。\n一、重点任务\n"
            "（一）建设养老服务信息平台。建设长三角养老服务信息平台。\n")
    (doc,) = parse(text, "t.txt")
    assert doc.measures[0].places == ["长三角"] and "长三角" not in doc.measures[0].content


_ARTICLES = ("某省医疗卫生协同发展若干措施\n第一条 为推动医疗卫生资源共建共享，制定本措施。\n"
             "第二条 推进异地就医直接结算。住院费用实现直接结算。（牵头单位：省医保局）\n"
             "第三条 推动检查检验结果互认。二级以上医疗机构实行互认。\n"
             "第四条 本措施由省卫生健康委负责解释。\n第五条 本措施自印发之日起施行。\n")


def test_an_articles_purpose_and_closing_articles_are_its_frame():
    """第一条 为…，制定本措施 and the last articles about the document itself (负责解释, 施行) are
    numbered like measures but are its opening and closing text, each named in a warning; every
    character is still accounted for."""
    (doc,) = parse(_ARTICLES, "articles.txt")
    assert [m.label for m in doc.measures] == ["第二条", "第三条"]
    assert "制定本措施" in doc.sections[0].text + doc.sections[1].text
    assert doc.sections[-1].heading == "closing" and "负责解释" in doc.sections[-1].text
    assert sum("purpose" in w for w in doc.warnings) == 1 and sum("closing text" in w for w in doc.warnings) == 1
    assert not [w for w in doc.warnings if "numbering" in w]        # 第二条 follows 第一条
    assert doc.chars["unaccounted"] == 0
    (alone,) = parse("某办法\n第一条 为规范管理，制定本办法。\n第二条 本办法自印发之日起施行。\n", "two.txt")
    assert [m.label for m in alone.measures] == ["第一条", "第二条"]     # nothing but frame: left as it was


_ENUMERATED = ("某地社会保障协作工作要点\n一、推进关系转移\n（一）优化养老保险转移。一是推行网上办；二是建立比对机制。\n"
               "二、提升救助协作\n围绕困难群众，重点做好以下工作。一是建立低保信息共享机制，每月比对一次。"
               "二是实行临时救助“先行救助”。三是开展救助政策联合宣传。（责任单位：民政厅）\n")


def test_a_chapters_yishi_ershi_items_are_its_measures():
    """一是…二是…三是… in the paragraph of a chapter that numbers no measures: each item is a
    measure (labelled 一是), the sentence before 一是 the chapter's prose; under a numbered
    measure they stay its text."""
    (doc,) = parse(_ENUMERATED, "points.txt")
    assert [(m.label, m.path) for m in doc.measures] == [
        ("（一）", ["一、"]), ("一是", ["二、"]), ("二是", ["二、"]), ("三是", ["二、"])]
    assert "二是建立比对机制" in doc.measures[0].text
    assert doc.measures[1].text.startswith("建立低保信息共享机制") and "二是" not in doc.measures[1].text
    assert doc.measures[3].units == ["民政厅"]
    assert any("重点做好以下工作" in s.text for s in doc.sections)
    assert doc.chars["unaccounted"] == 0
    assert not [w for w in doc.warnings if "not compared" in w]
    (each,) = parse("某要点\n一、推进协作\n（一）甲事项。推进甲。\n二、提升救助\n一是建立低保信息共享机制。（责任单位：民政厅）"
                    "二是实行临时救助。（责任单位：财政厅）\n", "units.txt")
    assert [(m.label, m.units) for m in each.measures[1:]] == [("一是", ["民政厅"]), ("二是", ["财政厅"])]


def test_a_deadline_line_after_the_units_bracket_closes_the_measure_too():
    """（牵头单位：A；配合单位：B）完成时限：… — the bracket's 配合单位 is the bracket's to read, so the
    unbracketed deadline after it is still split off, and the units are read: the same whether the
    deadline follows on the bracket's line (a .txt) or on a line of its own (a PDF's wrap)."""
    from compare.parse.closing import split_closing
    from compare.text.normalize import view
    for text in ("推进甲。实现乙。\n（牵头单位：省教育厅；配合单位：长沙市人民政府）完成时限：2024年12月底。",
                 "推进甲。实现乙。（牵头单位：省教育厅；配合单位：长沙市人民政府）\n完成时限：2024年12月底。"):
        assert split_closing(text, view(text)) == ("推进甲。实现乙。", ["省教育厅", "长沙市人民政府"], ["长沙市人民政府"],
                                                   "2024年12月底")
