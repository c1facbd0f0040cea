"""compare.corpus.documents: jurisdictions and dates by rule, --meta, time order and editions."""
from types import SimpleNamespace

import numpy as np
import pytest

from compare.corpus.documents import assumptions, describe, jurisdiction_of, previous_editions, read_meta
from compare.corpus.tables import _adopters_by_year
from compare.errors import InputError
from compare.model import Document


def doc(source, issuers=(), doc_number="", date="", title="", printed=""):
    return Document(source=source, issuers=list(issuers), doc_number=doc_number, date=date, title=title,
                    printed_date=printed)


@pytest.mark.parametrize("issuers,number,expected", [
    (["甲市人民政府办公厅"], "", "甲市"),
    (["乙省人民政府办公厅", "甲市人民政府办公厅"], "", "乙省、甲市"),       # joint: sorted, joined
    (["甲市人民政府办公厅", "乙省人民政府办公厅"], "", "乙省、甲市"),       # … in either order
    (["某自治区人民政府"], "", "某自治区"),
    (["中共甲市委、市政府"], "", "甲市"),                                  # the party committee; 市政府: the same city
    (["中共乙省委", "乙省人民政府"], "", "乙省"),
    ([], "丙政办发〔2023〕5号", "丙政办发"),                               # no issuers: the 文号's office
    ([], "", ""),
])
def test_jurisdiction_from_issuers_else_the_doc_number(issuers, number, expected):
    assert jurisdiction_of(doc("x.txt", issuers, number)) == expected


@pytest.mark.parametrize("source,title,number,expected", [
    ("x.xlsx", "扬州市2021年公共服务便利化重点任务清单", "", "扬州市"),      # a task table: no issuers, no 文号
    ("x.xlsx", "苏州市吴江区2022年重点任务清单", "", "苏州市吴江区"),        # places one after another, 区 cut off by jieba
    ("x.xlsx", "山西中部城市群2022年重点任务清单", "", "山西中部"),          # a region: its name and position word
    ("x.xlsx", "扬州市2021年重点任务清单", "扬府办〔2021〕3号", "扬州市"),   # the title's place before the 文号's office
    ("扬州_2021.xlsx", "2021年重点任务清单", "", "扬州"),                    # else the file name's
    ("扬州_2021.xlsx", "2021年重点任务清单", "扬府办〔2021〕3号", "扬府办"),  # … after the 文号's office
    ("任务_2021.xlsx", "关于做好重点任务的通知", "", ""),                     # no place anywhere
])
def test_without_issuers_the_place_the_title_else_the_file_name_begins_with(source, title, number, expected):
    assert jurisdiction_of(doc(source, doc_number=number, title=title)) == expected


def test_editions_without_issuers_are_one_jurisdictions_and_warned_about():
    docs = [doc(f"yz_{y}.xlsx", title=f"扬州市{y}年公共服务重点任务清单", date=f"{y}-06-01") for y in (2021, 2022, 2023)]
    docs.append(doc("a.txt", ["扬州市人民政府办公厅"], date="2024-01-01"))        # with issuers: the same city
    infos = describe([(d, str(k), k) for k, d in enumerate(docs)])
    assert {d.jurisdiction for d in infos} == {"扬州市"}
    assert previous_editions(infos) == {1: 0, 2: 1, 3: 2}
    warned = [w for w in assumptions(infos) if "title begins with" in w]
    assert len(warned) == 1 and warned[0].startswith("3 份文件") and "yz_2021.xlsx → 扬州市" in warned[0]


def test_documents_of_unknown_jurisdiction_are_one_adopter_not_one_each():
    docs = [doc("a.txt", ["甲市人民政府"], date="2021-01-01"), doc("1.txt", date="2021-02-01"),
            doc("2.txt", date="2022-02-01"), doc("3.txt", date="2023-02-01")]
    infos = describe([(d, str(k), k) for k, d in enumerate(docs)])
    c = SimpleNamespace(infos=infos, doc_of=np.arange(4))
    assert _adopters_by_year(c, [0, 1, 2, 3]) == [("2021", 2)]                  # 甲市, and the unknown ones once
    warned = [w for w in assumptions(infos) if "unknown jurisdiction" in w]
    assert len(warned) == 1 and "1.txt、2.txt、3.txt" in warned[0] and "one adopter" in warned[0]


def test_dates_from_the_document_else_its_number_else_its_title_else_given_order():
    docs = [doc("c.txt", title="行动方案（2025—2027年）"), doc("none.txt"), doc("b.txt", doc_number="甲办〔2024〕3号"),
            doc("a.txt", date="2024-02-05"), doc("p.txt", printed="2023-12-30")]
    infos = describe([(d, f"k{k}", k) for k, d in enumerate(docs)])
    assert [(i.document, i.date) for i in infos] == [
        ("p.txt", "2023-12-30"), ("a.txt", "2024-02-05"), ("b.txt", "2024"), ("c.txt", "2025"), ("none.txt", "")]
    assert [i.index for i in infos] == list(range(5)) and infos[0].year == 2023 and infos[-1].year is None


def test_a_date_known_to_the_year_or_month_only_comes_after_the_fuller_dates_within_it():
    docs = [doc("y.txt", title="甲市2021年行动计划"), doc("m.txt", date="2021年12月"), doc("d1.txt", date="2021-12-30"),
            doc("d2.txt", date="2021-01-05"), doc("m2.txt", date="2021-03"), doc("n.txt", date="2022-01-01")]
    infos = describe([(d, str(k), k) for k, d in enumerate(docs)])
    assert [i.document for i in infos] == ["d2.txt", "m2.txt", "d1.txt", "m.txt", "y.txt", "n.txt"]
    warned = [w for w in assumptions(infos) if "year only" in w]
    assert len(warned) == 1 and "y.txt" in warned[0]


def test_a_meta_year_refines_the_documents_own_date_and_never_coarsens_it(tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text("file,year\na.txt,2021\nb.txt,2019\nc.txt,2021-03\n", encoding="utf-8")
    docs = [doc("a.txt", date="2021-03-05"), doc("b.txt", date="2021-03-05"), doc("c.txt", date="2021-04-01")]
    infos = describe([(d, str(k), k) for k, d in enumerate(docs)], read_meta(meta))
    assert {i.document: i.date for i in infos} == {"a.txt": "2021-03-05", "b.txt": "2019", "c.txt": "2021-03"}


def test_meta_overrides_what_was_parsed(tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text("File,Jurisdiction,Year,Title\nplans/a.txt,丁县,2019,自定标题\n", encoding="utf-8-sig")
    rows = read_meta(meta)
    infos = describe([(doc("a.txt", ["甲市人民政府"], date="2024-01-01"), "k", 0)], rows)
    assert (infos[0].jurisdiction, infos[0].date, infos[0].title) == ("丁县", "2019", "自定标题")
    assert not [w for w in assumptions(infos, rows) if "--meta" in w]


@pytest.mark.parametrize("text,problem", [("name,year\na.txt,2020\n", "`file` column"),
                                          ("file,date\na.txt,next spring\n", "row 2: date"),
                                          ("file,date\na.txt,2023-01-02\nb.txt,2023-13-45\n", "row 3: date '2023-13-45'"),
                                          ("file,year\na.txt,2023-02-30\n", "row 2: year")])
def test_a_bad_meta_file_is_a_one_line_error(tmp_path, text, problem):
    meta = tmp_path / "meta.csv"
    meta.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        read_meta(meta)


def test_meta_rows_naming_nothing_are_warned_about_each_by_its_row(tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text("file,jurisdiction\na.txt,甲市\n不存在.txt,某市\n,乙市\na.txt,丙市\n", encoding="utf-8")
    rows = read_meta(meta)
    infos = describe([(doc("a.txt"), "k", 0)], rows)
    assert infos[0].jurisdiction == "丙市"                               # the later of two rows for one file
    warned = assumptions(infos, rows)
    assert [w for w in warned if "--meta" in w] == [
        "--meta 第 4 行没有文件名，已忽略 row 4 names no file; left out",
        "--meta 第 5 行与第 2 行同为 a.txt，采用第 5 行 row 5 names a.txt as row 2 does; row 5 used",
        "--meta 第 3 行的 不存在.txt 不在所读文件中，已忽略 row 3: 不存在.txt is not among the documents read; left out"]


def test_previous_edition_is_the_latest_earlier_document_of_the_jurisdiction():
    docs = [doc("a1.txt", ["甲市人民政府"], date="2021-01-01"), doc("b1.txt", ["乙市人民政府"], date="2021-05-01"),
            doc("a2.txt", ["甲市人民政府"], date="2022-01-01"), doc("a3.txt", ["甲市人民政府"], date="2023-01-01"),
            doc("x.txt")]
    infos = describe([(d, str(k), k) for k, d in enumerate(docs)])
    prev = {infos[k].document: infos[p].document for k, p in previous_editions(infos).items()}
    assert prev == {"a2.txt": "a1.txt", "a3.txt": "a2.txt"}


def test_a_jurisdictions_plans_of_two_series_each_follow_their_own_editions():
    """A province issuing two yearly plans: each edition's previous one is the same plan's (same
    title but for the years), not the province's latest document; a renamed plan falls back to it."""
    titles = {"甲": "乙省{y}年优化营商环境重点任务", "乙": "乙省{y}年度养老服务工作要点"}
    docs = [doc(f"{s}{y}.txt", ["乙省人民政府办公厅"], date=f"{y}-0{m}-01", title=titles[s].format(y=y))
            for y in (2021, 2022) for s, m in (("甲", 3), ("乙", 6))]
    docs.append(doc("丙.txt", ["乙省人民政府办公厅"], date="2023-03-01", title="乙省营商环境提升行动方案（2023—2025年）"))
    infos = describe([(d, str(k), k) for k, d in enumerate(docs)])
    prev = {infos[k].document: infos[p].document for k, p in previous_editions(infos).items()}
    assert prev == {"乙2021.txt": "甲2021.txt", "甲2022.txt": "甲2021.txt", "乙2022.txt": "乙2021.txt",
                    "丙.txt": "乙2022.txt"}


def test_a_copys_meta_row_stands_for_the_file_read_unless_that_one_has_its_own(tmp_path):
    p = tmp_path / "meta.csv"
    p.write_text("file,year\ncopy.txt,2021\nb2.txt,2022\nb.txt,2023\n", encoding="utf-8")
    meta = read_meta(p)
    meta.take_copies({"copy.txt": "a.txt", "b2.txt": "b.txt"})
    assert meta.rows == {"a.txt": {"file": "copy.txt", "year": "2021"}, "b.txt": {"file": "b.txt", "year": "2023"}}
    assert meta.line == {"a.txt": 2, "b.txt": 4}
    assert len(meta.warnings) == 1 and "row 3: b2.txt has the same content as b.txt; row 4 used" in meta.warnings[0]


@pytest.mark.parametrize("a, b, expected", [
    ("江苏省", "安徽省", True), ("南京市", "江苏省", True), ("四川省、重庆市", "成都市、重庆市", False),
    ("江苏省", "江苏省", False), ("", "安徽省", False),
])
def test_plans_are_apart_when_their_jurisdictions_are_known_and_share_no_place(a, b, expected):
    from compare.corpus.documents import apart
    assert apart(a, b) is expected
