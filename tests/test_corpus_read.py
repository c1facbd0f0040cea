"""compare.corpus.read: which files a corpus reads, and reading one (never raising for a bad file)."""
import shutil
from pathlib import Path

import pytest

from compare.corpus.features import DocFeatures
from compare.corpus.read import content_hash, find_files, read_file
from compare.errors import InputError

INPUTS = Path(__file__).resolve().parent.parent / "inputs"


def test_folders_are_walked_in_path_order_and_hidden_files_and_the_output_folder_left_out(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "out").mkdir()
    for name in ("b/2.txt", "a.docx", "noext", ".hidden.txt", "~$lock.docx", "image.png", "out/measures.csv"):
        (tmp_path / name).write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in find_files([tmp_path], exclude=tmp_path / "out")]
    assert found == ["a.docx", "b/2.txt", "noext"]
    # a file named twice (directly and through its folder) is read once
    assert len(find_files([tmp_path / "a.docx", tmp_path], exclude=tmp_path / "out")) == 3


def test_a_missing_path_is_a_one_line_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        find_files([tmp_path / "nope"])


def test_a_plan_is_parsed_and_featurized_once_per_document():
    path = INPUTS / "chuanyu-2024.txt"
    r = read_file(str(path), content_hash(path))
    assert not r.error and len(r.documents) == 1 and len(r.features) == 1
    assert len(r.documents[0]["measures"]) == 39
    f = DocFeatures.from_bytes(r.features[0])
    assert f.weights.shape[0] == 39 and len(f.titles) == 39
    again = DocFeatures.from_bytes(f.to_bytes())
    assert (again.weights != f.weights).nnz == 0 and again.tokens == f.tokens and again.titles == f.titles


def test_a_compilation_splits_into_its_attachments_with_measures():
    path = INPUTS / "study-compilation-2025-03.txt"
    r = read_file(str(path), "h")
    assert not r.error and len(r.documents) >= 3
    assert all(d["source"].startswith(str(path) + "#") for d in r.documents)
    assert all(d["measures"] for d in r.documents)


def test_a_plan_with_its_task_table_attached_is_read_once(tmp_path):
    """The corpus reads a file's parts as `compare` does (api.comparable_parts): a plan printed
    with its 分工表 is the plan alone, not two copies of its measures."""
    path = tmp_path / "plan.txt"
    path.write_text("某市公共服务共享工作方案\n\n一、重点任务\n\n（一）推进社会保障卡一卡通。\n\n（二）推动异地就医直接结算。\n\n"
                    "附件\n\n重点任务分工表\n\n序号\t重点任务\t牵头单位\n1\t推进社会保障卡一卡通\t市人力社保局\n"
                    "2\t推动异地就医直接结算\t市医保局\n", encoding="utf-8")
    r = read_file(str(path), "h")
    assert [len(d["measures"]) for d in r.documents] == [2] and not r.error


@pytest.mark.parametrize("content,problem", [(b"", "empty file"), ("只有一段文字，没有措施。".encode(), "no numbered measures"),
                                             (b"PK\x03\x04broken", "not a valid .docx")])
def test_a_bad_file_is_a_one_line_reason_not_an_exception(tmp_path, content, problem):
    path = tmp_path / ("bad.docx" if content.startswith(b"PK") else "bad.txt")
    path.write_bytes(content)
    r = read_file(str(path), "h")
    assert problem in r.error and "\n" not in r.error and not r.documents


def test_a_store_made_by_another_version_is_started_afresh(tmp_path):
    import sqlite3

    from compare.corpus.store import STORE_NAME, Store
    db = sqlite3.connect(tmp_path / STORE_NAME)
    db.executescript("CREATE TABLE files (hash TEXT PRIMARY KEY, documents TEXT);"
                     "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('version', '0');"
                     "INSERT INTO files VALUES ('h', '[]');")           # an older schema
    db.commit()
    db.close()
    with Store(tmp_path) as store:
        assert store.file("h") is None
        store.put_file("h", [{"x": 1}], b"f")
        assert store.file("h") == ([{"x": 1}], b"f", "")


def test_a_copy_of_a_file_is_read_once_and_named_in_a_warning(tmp_path):
    import compare
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in ("chuanyu-2024.txt", "chuanyu-2025-2027.txt"):
        shutil.copy(INPUTS / name, plans / name)
    shutil.copy(INPUTS / "chuanyu-2024.txt", plans / "chuanyu-2024_copy.txt")
    result = compare.corpus([plans], workers=1, out=tmp_path / "out")
    assert set(result.measures.document) == {"chuanyu-2024.txt", "chuanyu-2025-2027.txt"}
    assert result.counts["documents"] == 2
    copies = [w for w in result.warnings if "same content" in w]
    assert len(copies) == 1 and "chuanyu-2024_copy.txt" in copies[0] and "chuanyu-2024.txt:" in copies[0]
    assert any(line.startswith("注意 warning:") and "chuanyu-2024_copy.txt" in line for line in result.summary())
    from openpyxl import load_workbook                  # the workbook and the page say it too
    wb = load_workbook(tmp_path / "out" / "corpus.xlsx", read_only=True)
    assert [r[0] for r in wb["注意 Warnings"].iter_rows(values_only=True)][1:] == result.warnings
    wb.close()
    assert "chuanyu-2024_copy.txt" in (tmp_path / "out" / "corpus.html").read_text(encoding="utf-8")


def test_the_meta_row_of_a_copy_read_under_another_name_applies_to_it(tmp_path):
    """The copy sorts first, so the bytes are read under its name; the row naming the original
    (the only row) still gives the document its jurisdiction and date."""
    import compare
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(INPUTS / "chuanyu-2024.txt", plans / "chuanyu-2024.txt")
    shutil.copy(INPUTS / "chuanyu-2024.txt", plans / "a_copy.txt")
    meta = tmp_path / "meta.csv"
    meta.write_text("file,jurisdiction,date\nchuanyu-2024.txt,某市,2020-01-02\n", encoding="utf-8")
    result = compare.corpus([plans], workers=1, meta=meta)
    assert set(zip(result.measures.document, result.measures.jurisdiction, result.measures.date,
                   strict=True)) == {
        ("a_copy.txt", "某市", "2020-01-02")}
    assert not [w for w in result.warnings if "not among the documents read" in w]
