"""Cleaning: furniture gone, broken lines re-joined, width folded for matching."""
from compare.clean import normalize, paragraphs, tidy_spaces


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


def test_scraper_noise_and_bookmarks_dropped():
    text = ("★★★★★\n建议使用IE8以上浏览器，1024×768分辨率浏览本站\n"
            "[bookmark: _GoBack]（二十二）开展监测评估。加强综合评价。")
    assert paragraphs(text) == ["（二十二）开展监测评估。加强综合评价。"]


def test_spaces_next_to_chinese_are_extraction_artefacts():
    assert tidy_spaces("办理两地 220 个政府服务事项，2025 年 1 月") == "办理两地220个政府服务事项，2025年1月"
    assert tidy_spaces("APP store") == "APP store"


def test_a_cut_line_of_punctuation_alone_is_text_not_decoration():
    lines = ["（三十九）推进出行服务数字化。汇集两省市群众关切的高频服务事", "项和信息指南。（责任单位：两省市大数据部门，有关地方政",
             "府", "）"] * 1 + ["（一）实现就业登记、失业登记、职业指导", "、", "职业介绍等服务事项川渝通办。"] + ["★★★★", "===="]
    paras = paragraphs("\n".join(lines * 3))
    assert "有关地方政府）" in paras[0]
    assert "职业指导、职业介绍" in paras[1]
    assert not any("★" in p or "==" in p for p in paras)
