"""compare.corpus.documents: jurisdictions and dates by rule, --meta, time order and editions."""
import pytest

from compare.corpus.documents import describe, jurisdiction_of, previous_editions, read_meta
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


def test_dates_from_the_document_else_its_number_else_its_title_else_given_order():
    docs = [doc("c.txt", title="行动方案（2025—2027年）"), doc("none.txt"), doc("b.txt", doc_number="甲办〔2024〕3号"),
            doc("a.txt", date="2024-02-05"), doc("p.txt", printed="2023-12-30")]
    infos = describe([(d, f"k{k}", k) for k, d in enumerate(docs)])
    assert [(i.document, i.date) for i in infos] == [
        ("p.txt", "2023-12-30"), ("b.txt", "2024"), ("a.txt", "2024-02-05"), ("c.txt", "2025"), ("none.txt", "")]
    assert [i.index for i in infos] == list(range(5)) and infos[0].year == 2023 and infos[-1].year is None


def test_meta_overrides_what_was_parsed(tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text("File,Jurisdiction,Year,Title\nplans/a.txt,丁县,2019,自定标题\n", encoding="utf-8-sig")
    rows = read_meta(meta)
    infos = describe([(doc("a.txt", ["甲市人民政府"], date="2024-01-01"), "k", 0)], rows)
    assert (infos[0].jurisdiction, infos[0].date, infos[0].title) == ("丁县", "2019", "自定标题")


@pytest.mark.parametrize("text,problem", [("name,year\na.txt,2020\n", "`file` column"),
                                          ("file,date\na.txt,next spring\n", "row 2: date")])
def test_a_bad_meta_file_is_a_one_line_error(tmp_path, text, problem):
    meta = tmp_path / "meta.csv"
    meta.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        read_meta(meta)


def test_previous_edition_is_the_latest_earlier_document_of_the_jurisdiction():
    docs = [doc("a1.txt", ["甲市人民政府"], date="2021-01-01"), doc("b1.txt", ["乙市人民政府"], date="2021-05-01"),
            doc("a2.txt", ["甲市人民政府"], date="2022-01-01"), doc("a3.txt", ["甲市人民政府"], date="2023-01-01"),
            doc("x.txt")]
    infos = describe([(d, str(k), k) for k, d in enumerate(docs)])
    prev = {infos[k].document: infos[p].document for k, p in previous_editions(infos).items()}
    assert prev == {"a2.txt": "a1.txt", "a3.txt": "a2.txt"}
