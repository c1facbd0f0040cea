"""Word specificity against a broad background, clauses, and the evidence similarity gives."""
from compare.clean import normalize
from compare.model import Measure
from compare.similarity import clauses
from compare.tokens import is_generic, quoted_names, specificity


def test_boilerplate_of_every_plan_is_not_specific():
    """联动机制 looks rare inside two documents, but it is a phrase every plan uses."""
    for w in ("联动机制", "办理事项", "推进", "机制", "人才", "品牌"):
        assert specificity(w) < 0.3, w
    assert is_generic("联动机制") and is_generic("办理事项")


def test_named_services_are_specific():
    for w in ("住房公积金", "门诊慢特病", "随迁子女", "出入境", "户口迁移", "社保卡"):
        assert specificity(w) >= 0.5, w


def test_everyday_words_count_less_than_named_services():
    """城市 and 住房 are everyday Chinese (jieba's general IDF); 住房公积金 names a service."""
    assert specificity("城市") < specificity("住房") < specificity("住房公积金")


def test_quoted_names_are_whole():
    assert quoted_names(normalize("持续打造“巴蜀工匠”职业技能大赛品牌")) == ["巴蜀工匠"]


def test_clauses_start_with_the_title_and_keep_sentences():
    text = "推进学生信息共享。实现学籍、毕业生就业信息共享，推进教师资格证书查询互认。"
    m = Measure(id="m1", label="（一）", path=[], chapter="", title="推进学生信息共享", text=text,
                body=text, norm=normalize(text))
    parts = clauses(m)
    assert parts[0] == "推进学生信息共享"
    assert "实现学籍、毕业生就业信息共享" in parts
    assert "实现学籍、毕业生就业信息共享,推进教师资格证书查询互认" in parts      # the sentence
    assert "推进学生信息共享" not in parts[1:]
