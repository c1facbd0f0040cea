"""Cleaning: furniture gone, broken lines re-joined, width folded for matching."""
from compare.parse.clean import clean, paragraphs, tidy_spaces
from compare.text.normalize import display_width, is_traditional, normalize, view


def test_width_folding_makes_full_and_half_width_equal():
    assert normalize("（一）推进，实现") == normalize("(一)推进,实现")
    assert normalize("２０２５年") == normalize("2025年")


def test_traditional_folds_to_simplified_for_matching():
    assert normalize("推進異地就醫直接結算") == normalize("推进异地就医直接结算")


def test_page_furniture_is_removed_and_sentence_rejoined():
    text = ("（十八）提升两地机票免费改签服务。探索推动更多航空公司在重庆江北国际机场之间提供服务，原购机票可申请\n\n\n"
            "重庆市人民政府办公厅文件\n\n重庆市人民政府办公厅发布\n\n- 8 -\n\n全额退款。（责任单位：重庆市政府口岸物流办）")
    paras = paragraphs(text)
    assert len(paras) == 1
    assert "原购机票可申请全额退款。" in paras[0]
    assert "文件" not in paras[0] and "- 8 -" not in paras[0]


def test_wrapped_pdf_lines_join_but_headings_and_paragraph_ends_do_not():
    body = ["（一）推动公积金政策融合互通。通过两地灵活就业人员缴存",
            "资金无障碍转移，提取、贷款权益无差别接续，实现灵活就业人员",
            "缴存公积金互认互贷。在两地共建优质服务专窗，实现政策业务互",
            "通、服务协同。（责任单位：重庆市住房城乡建委）"]
    lines = ["一、加快两地公共服务政策标准衔接统一"] + body * 4
    paras = paragraphs("\n\n".join(lines))
    assert paras[0] == "一、加快两地公共服务政策标准衔接统一"
    assert len(paras) == 5
    assert all("\n" not in p for p in paras)
    assert paras[1].endswith("（责任单位：重庆市住房城乡建委）")


def test_a_line_break_inside_a_units_bracket_is_no_paragraph_break():
    """（牵头单位：A； / 配合单位：B）: the line after the ； starts like a role line, but it closes
    the bracket the line above left open, so the two are one paragraph."""
    lines = ["（十二）联合培养养老服务专业人才。每年联合培养不少于3000人。（牵头单位：三省一市教育厅（委）；",
             "配合单位：三省一市民政部门）", "（十三）举办养老护理职业技能大赛。（牵头单位：三省一市民政部门）"]
    assert paragraphs("\n".join(lines)) == [lines[0] + lines[1], lines[2]]


def test_a_units_bracket_printed_over_three_lines_is_one_paragraph():
    """A PDF breaks （牵头单位：A；配合单位：B；完成时限：2026年12月） after its ； and inside its date:
    the role line and the date's rest go on inside the open bracket, and the space the extraction
    left after 12 (kept where a line starts with a label such as 12 重点任务) goes with the break."""
    lines = ["（二）推进城际铁路互联。研究开行跨省城际列车。（牵头单位：两省发展改革委；",
             "配合单位：铁路公司；", "完成时限：2026 年", "12 月）", "（三）推进航道等级提升。（牵头单位：两省交通运输厅）"]
    assert paragraphs("\n".join(lines)) == [
        "（二）推进城际铁路互联。研究开行跨省城际列车。（牵头单位：两省发展改革委；配合单位：铁路公司；完成时限：2026年12月）",
        lines[4]]


def test_a_number_a_wrap_cut_in_two_is_joined_without_a_space():
    """Text hard-wrapped at a fixed count of characters cuts numbers too (完成时限：202 / 6年底): in
    Chinese text the two halves are one number; two English words still get their space."""
    from compare.text.normalize import joiner

    lines = ["（一）推进充电设施共建。在高速公路服务区建设充电桩2", "00个以上。（完成时限：202", "6年底）"]
    assert paragraphs("\n".join(lines)) == ["（一）推进充电设施共建。在高速公路服务区建设充电桩200个以上。（完成时限：2026年底）"]
    assert [joiner("推广use", "of"), joiner("版本 3", "4"), joiner("第3", "4项")] == [" ", " ", ""]


def test_a_title_or_docnum_line_in_the_head_stands_alone_at_full_width():
    """A wrapped PDF: a title line that fills the printed width (…的通知, …计划（2025—2027年）)
    does not go on into the 文号 or the first sentence below it, a 关于… title line stands apart
    from the issuers above it, and a 文号 line is a paragraph of its own — in the document's head
    (before its first heading, or after a 附件 line). In the body a full line goes on as before."""
    body = "（一）推进区域教育协同发展，开展跨区域结对帮扶，共享优质资源，实现学校结对三百对以上，带动提升。"
    lines = ["某某省教育厅某某市教育委员会", "关于印发某某地区义务教育协同发展行动计划的通知",
             "某教发〔2025〕6号", "各市教育局：", "附件", "某某地区义务教育协同发展三年行动计划（2025—2027年）",
             "为贯彻落实某某规划纲要，推动区域义务教育资源", "共享，制定本计划。", "一、重点任务",
             *[body[k:k + 24] for k in range(0, len(body), 24)] * 4, "某某地区城乡义务教育协同发展三年行动计划的通知", "各地结合实际落实。"]
    assert len(body) == 48 and all(display_width(lines[k]) >= 0.85 * display_width(lines[5]) for k in (1, 6, -2))
    paras = paragraphs("\n".join(lines))
    assert paras[:8] == [lines[0], lines[1], lines[2], lines[3], "附件", lines[5], lines[6] + lines[7], "一、重点任务"]
    assert paras[-1].endswith(lines[-2] + lines[-1])


def test_scraper_noise_and_bookmarks_dropped():
    text = ("★★★★★\n建议使用IE8以上浏览器，1024×768分辨率浏览本站\n"
            "[bookmark: _GoBack]（二十二）开展监测评估。加强综合评价。")
    assert paragraphs(text) == ["（二十二）开展监测评估。加强综合评价。"]


def test_spaces_next_to_chinese_are_extraction_artefacts():
    assert tidy_spaces("办理两地 220 个政府服务事项，2025 年 1 月") == "办理两地220个政府服务事项，2025年1月"
    assert tidy_spaces("APP store") == "APP store"


def test_the_space_after_a_leading_label_is_kept_where_it_is_evidence():
    """2.1 推进… and 2 重点任务 (decimal numbering) and 一 总体要求 (a 、 lost) keep one space, which
    tells them from 2.5亿元 and from a sentence; a letter-spaced sentence or 一 、 keeps none."""
    cases = {"2.1  推进 工作。": "2.1 推进工作。", "2 重点任务": "2 重点任务", "一\u3000总体要求": "一 总体要求",
             "一 、总体要求": "一、总体要求", "一 是 加 强 组 织 领 导 ， 确 保 落 实": "一是加强组织领导，确保落实",
             "2.5 亿元": "2.5 亿元", "2025 年 1 月": "2025年1月", "（ 2 0 2 4 年 版 ）": "（2024年版）",
             "共 1 2 0 项": "共120项"}
    assert {k: tidy_spaces(k) for k in cases} == cases


def test_a_cut_line_of_punctuation_alone_is_text_not_decoration():
    lines = ["（三十九）推进出行服务数字化。汇集两省市群众关切的高频服务事", "项和信息指南。（责任单位：两省市大数据部门，有关地方政",
             "府", "）"] * 1 + ["（一）实现就业登记、失业登记、职业指导", "、", "职业介绍等服务事项川渝通办。"] + ["★★★★", "===="]
    paras = paragraphs("\n".join(lines * 3))
    assert "有关地方政府）" in paras[0]
    assert "职业指导、职业介绍" in paras[1]
    assert not any("★" in p or "==" in p for p in paras)


def test_removed_lines_are_kept_with_their_reason():
    text = ("（一）推进甲。实现甲。\n- 8 -\n重庆市人民政府办公厅文件\n★★★★\n[bookmark: _GoBack]（二）推进乙。\n"
            "建议使用IE8以上浏览器，1024×768分辨率浏览本站\n第 3 页 共 9 页")
    out = clean(text)
    assert out.paragraphs == ["（一）推进甲。实现甲。", "（二）推进乙。"]
    assert out.removed == [
        {"text": "★★★★", "reason": "decoration symbol"},
        {"text": "[bookmark: _GoBack]", "reason": "artefact"},
        {"text": "- 8 -", "reason": "page number"},
        {"text": "重庆市人民政府办公厅文件", "reason": "running header"},
        {"text": "建议使用IE8以上浏览器，1024×768分辨率浏览本站", "reason": "web page noise"},
        {"text": "第3页共9页", "reason": "page number"}]
    repeated = clean("\n".join(["（一）推进甲。", "某某行动方案"] * 4))
    assert repeated.paragraphs == ["（一）推进甲。"] * 4
    assert repeated.removed == [{"text": "某某行动方案", "reason": "running header or footer (printed 4 times)"}] * 4


def test_a_running_header_beside_page_numbers_is_removed_when_printed_twice():
    """A short plan prints its running header on a few pages only: twice beside a page number (across
    the page break from it) tells it, as four printings anywhere do. The same words elsewhere, as the
    title in the head, stay."""
    text = "\n".join(["某某行动方案", "（一）推进甲。实现", "— 1 —", "", "某某行动方案", "甲。", "（二）推进乙。实现",
                     "— 2 —", "某某行动方案", "乙。", "— 3 —"])
    out = clean(text)
    assert out.paragraphs == ["某某行动方案", "（一）推进甲。实现甲。", "（二）推进乙。实现乙。"]
    assert [r["reason"] for r in out.removed if r["text"] == "某某行动方案"] == [
        "running header or footer (printed 3 times)"] * 2


def test_a_header_repeating_the_long_title_or_the_docnum_leaves_the_heads_own():
    """A header that repeats a long title (…方案（2025—2026年）, past the length of a short header,
    ending in its bracket) is furniture beside page numbers; one that repeats the 文号 or a short
    title is furniture wherever it is printed four times, except its printing in the head that is
    the 文号 or the title itself (below the first page's header, or below the first line)."""
    title, number = "某某地区交通物流一体化协同发展行动方案（2025—2026年）", "某政办发〔2025〕18号"
    pages = ["（一）推进甲。", "（二）推进乙。", "（三）推进丙。", "（四）推进丁。", "（五）推进戊。"]
    for header, beside in ((title, True), (number, False)):
        body = [ln for k, p in enumerate(pages) for ln in ([p, f"— {k + 1} —", header] if beside else [p, header])]
        out = clean("\n".join([title, number, "一、重点任务"] + body))
        assert out.paragraphs == [title, number, "一、重点任务"] + pages
    short = "某某地区交通物流行动方案"      # a header on every page, the first too, above the same title
    body = [ln for k, p in enumerate(pages) for ln in [p, f"— {k + 1} —", short]]
    assert clean("\n".join([short, short, "一、重点任务"] + body)).paragraphs == [short, "一、重点任务"] + pages
    assert clean("\n".join([short, title, "一、重点任务"] + body)).paragraphs == [title, "一、重点任务"] + pages


def test_a_label_after_a_line_cut_mid_sentence_continues_the_sentence():
    assert paragraphs("（一）推进电子身份证互认，\n（三）类事项除外。") == ["（一）推进电子身份证互认，（三）类事项除外。"]
    wrapped = ["（一）推动公积金政策融合互通。通过两地灵活就业人员缴存资金无障碍", "转移，实现灵活就业人员缴存公积金互认互贷。在两地共建优质服务专窗按照",
               "（三）项规定办理。（责任单位：重庆市住房城乡建委）"] * 6
    paras = paragraphs("\n".join(wrapped))
    assert len(paras) == 6 and all("专窗按照（三）项规定" in p for p in paras)


def test_a_label_alone_on_its_line_takes_the_title_from_the_next():
    assert paragraphs("（三）\n推进通信一体化。强化协同。\n（四）推进。") == ["（三）推进通信一体化。强化协同。", "（四）推进。"]


def test_a_stray_quote_before_a_label_does_not_glue_it_to_the_line_above():
    assert paragraphs("（二）推进甲。实现甲。\n”（三）推进乙。") == ["（二）推进甲。实现甲。", "”（三）推进乙。"]


def test_back_matter_lines_start_their_own_paragraph():
    text = "（二十）推进体育。实现\n抄送：市委各部门。\n重庆市人民政府办公厅 2025年1月26日印发"
    assert paragraphs(text) == ["（二十）推进体育。实现", "抄送：市委各部门。", "重庆市人民政府办公厅2025年1月26日印发"]


def test_the_matching_view_keeps_every_character_in_place():
    for text in ("㈠推进（一）ＡＢＣ１２", "e\u0301té (一) ﬁ", "責任單位：重慶市衛生健康委"):
        assert len(view(text)) == len(text) == len(view(text, simplified=True))
    assert view("（责任单位：Ａ）") == "(责任单位:A)"
    assert view("（責任單位：重慶市）", simplified=True) == "(责任单位:重庆市)"


def test_traditional_documents_are_recognised():
    import variants
    from conftest import text_of
    assert is_traditional(variants.traditional(text_of("chuanyu-2025-2027.txt")))
    assert not any(is_traditional(text_of(n)) for n in ("chuanyu-2024.txt", "shuanghe-2025.txt",
                                                         "study-compilation-2025-03.txt"))


def test_a_heading_line_cut_inside_quotation_marks_continues():
    lines = ["(二十三)推进医院检查检验结果互认和医疗服务“一码", "通”。动态调整两省市检查检验互认项目。", "五、医疗卫生便捷行动事项"]
    assert paragraphs("\n".join(lines)) == ["(二十三)推进医院检查检验结果互认和医疗服务“一码通”。动态调整两省市检查检验互认项目。",
                                            "五、医疗卫生便捷行动事项"]


def test_a_serial_docnum_and_a_roc_date_are_lines_of_their_own():
    """…字第N號 (a 文号 numbered in its issuer's series) and 中華民國113年3月15日 (an ROC date) stand
    alone, as 〔2025〕N号 and 2025年3月15日 do; 壹、 starts a paragraph as a heading."""
    lines = ["臺北市推動長者友善城市實施計畫", "府社老字第1130012345號", "中華民國113年3月15日", "壹、計畫目標",
             "建構友善高齡環境，提升長者生活品質。"]
    assert paragraphs("\n".join(lines)) == lines


def test_a_running_header_after_form_feeds_is_removed_when_printed_twice():
    """pdftotext and printers' text end each page with a form feed and no page number may be
    printed: a short line opening two pages after one is a running header, as beside a page
    number; the same words as the title in the head stay."""
    header = "某某地区医疗卫生协同发展工作要点"
    text = "\n".join([header, "一、重点任务", "（一）推进甲。实现", "\f" + header, "甲。", "（二）推进乙。实现",
                      "\f" + header, "乙。"])
    out = clean(text)
    assert out.paragraphs == [header, "一、重点任务", "（一）推进甲。实现甲。", "（二）推进乙。实现乙。"]
    assert [r["reason"] for r in out.removed if r["text"] == header] == ["running header or footer (printed 3 times)"] * 2
    assert clean(text.replace("\f", "")).paragraphs != out.paragraphs         # without the breaks: not told


def test_a_quantity_wrapped_after_a_measure_line_goes_on_its_sentence():
    """A Word-made PDF prints digits in a Latin font, so a wrap before 50 项 leaves "50 项。" —
    shaped like decimal numbering (2 重点任务). After a measure line whose title sentence is done
    and which fills the width, it is the sentence's quantity, not a label."""
    body = ["（十一）建立中医药服务协作机制。组建长株潭中医医疗联合体，推广中医适宜技术", "50 项。",
            "（十二）推进养老保险关系转移接续。优化企业职工基本养老保险关系转移接续流程，实", "现三市转移接续业务一网通办。"]
    paras = paragraphs("\n".join(body * 4))
    assert len(paras) == 8
    assert paras[0] == "（十一）建立中医药服务协作机制。组建长株潭中医医疗联合体，推广中医适宜技术50项。"


def test_first_line_indents_tell_a_paragraph_end_at_the_margin_from_a_wrap():
    """A Word-made PDF (its reader keeps the first-line indent as 　　): a line that fills the width
    and ends a sentence is followed by an indented units line — a paragraph of its own, as in the
    .txt — while a full line ending in ） goes on into the unindented 完成时限 line the wrap moved."""
    body = ["　　（十四）推动社会保障卡居民服务一卡通。推进社会保障卡在交通出行、文化旅游、",
            "就医购药等领域应用，实现三市居民服务“一卡通”。",
            "　　（牵头单位：省人力资源社会保障厅；配合单位：省交通运输厅、省文化和旅游厅）",
            "完成时限：2024 年 12 月底。"]
    paras = paragraphs("\n".join(body * 4))
    assert paras[:2] == ["（十四）推动社会保障卡居民服务一卡通。推进社会保障卡在交通出行、文化旅游、就医购药等领域应用，实现三市居民服务“一卡通”。",
                         "（牵头单位：省人力资源社会保障厅；配合单位：省交通运输厅、省文化和旅游厅）完成时限：2024年12月底。"]
    assert len(paras) == 8
