"""`compare inspect` and `compare A B` on files with numbering mistakes: every measure is found,
every anomaly is named (outline, JSON, stderr of a comparison, the reports), every character is
accounted for. The command line runs in this process (tests/in_process.py)."""
import json
import re

import pytest
import variants
from conftest import INPUTS, ROOT, text_of
from in_process import run_compare

from compare.text.normalize import display_width

A24 = INPUTS / "chuanyu-2024.txt"


def run(*args):
    return run_compare(*args, cwd=ROOT)


def shown(text: str) -> str:
    """Text as `inspect` shows it, whatever the terminal's width: long lines wrap, so spaces and
    line breaks do not count."""
    return re.sub(r"\s", "", text)


BROKEN = [
    ("gap", lambda t: variants.drop(t, "（十三）"), 38, "（十三） missing after （十二）"),
    ("duplicate", lambda t: variants.relabel(t, "（二十五）", "（二十四）"), 39, "（二十四） appears twice"),
    ("damaged", lambda t: variants.relabel(t, "（十）", "（+）"), 39, "（+） read as （十） between （九） and （十一）"),
]


@pytest.mark.parametrize("case", BROKEN, ids=[c[0] for c in BROKEN])
def test_inspect_names_the_anomaly_and_finds_every_measure(tmp_path, case):
    name, make, count, warning = case
    path = tmp_path / f"{name}.txt"
    path.write_text(make(text_of("chuanyu-2024.txt")), encoding="utf-8")
    p = run("inspect", path)
    assert p.returncode == 0, p.stderr
    assert f"措施 measures {count}" in p.stdout
    assert shown("提示 warning: 编号") in shown(p.stdout) and shown(f"numbering: {warning}") in shown(p.stdout)
    assert "字符 characters " in p.stdout and "unaccounted" not in p.stdout
    assert max(map(display_width, p.stdout.splitlines())) <= 80        # not a terminal: 80 columns
    doc = json.loads(run("inspect", path, "--json").stdout)["documents"][0]
    assert len(doc["measures"]) == count
    assert any(warning in w for w in doc["warnings"])
    assert doc["chars"]["unaccounted"] == 0 and doc["chars"]["measures"] > 0


def test_inspect_counts_characters_and_lists_removed_lines_on_request():
    shuanghe = INPUTS / "shuanghe-2025.txt"
    p = run("inspect", shuanghe)
    assert shown("删除 removed: 3 行 lines（页眉 running header 2, 页码 page number 1）；--removed 列出 lists them") \
        in shown(p.stdout)
    assert "- 8 -" not in p.stdout
    p = run("inspect", shuanghe, "--removed")
    assert "- 8 -  [页码 page number]" in p.stdout and "重庆市人民政府办公厅文件  [页眉 running header]" in p.stdout
    doc = json.loads(run("inspect", shuanghe, "--json").stdout)["documents"][0]
    assert {"text": "- 8 -", "reason": "page number"} in doc["removed"]
    c = doc["chars"]
    assert c["input"] == c["measures"] + c["sections"] + c["metadata"] + c["removed"]


def test_inspect_wraps_the_character_count_between_terms(tmp_path):
    """The count line wraps at 80 columns between its terms, never between a label and its
    number ("元数据 metadata" at the end of one line, "0" at the start of the next)."""
    path = tmp_path / "articles.txt"
    path.write_text("某市公共服务便利共享管理办法\n\n第一章 总则\n\n第一条 为推进公共服务便利共享，制定本办法。\n\n"
                    "第二条 推进社会保障卡居民服务一卡通，实现一卡多用。\n", encoding="utf-8")
    lines = run("inspect", path).stdout.splitlines()
    start = next(k for k, ln in enumerate(lines) if ln.startswith("  字符 characters "))
    count = lines[start] + "".join(" " + ln.strip() for ln in lines[start + 1:start + 3]
                                   if ln.startswith("    ") and ln.strip()[:1] in "+=（")
    assert re.fullmatch(r"  字符 characters \d+ = 措施 measures \d+ \+ 段落 sections \d+ \+ 元数据 metadata \d+ "
                        r"\+ 删除 removed \d+", count), lines[start:start + 3]
    assert all(re.search(r"\d$", ln) for ln in lines[start:start + 2] if ln.strip())
    assert max(map(display_width, lines)) <= 80


def test_inspect_shows_the_printed_date_of_the_banji(tmp_path):
    path = tmp_path / "banji.txt"
    path.write_text(variants.with_trailer(text_of("shuanghe-2025.txt"), variants.BACK_MATTER), encoding="utf-8")
    p = run("inspect", path)
    assert "印发 printed: 2025-01-26" in p.stdout and "版记 back matter（版记或网页页脚 page footer）: 2 段 paragraphs" in p.stdout


def test_compare_prints_document_warnings_on_stderr_and_in_the_reports(tmp_path):
    path = tmp_path / "gap.txt"
    path.write_text(variants.drop(text_of("chuanyu-2024.txt"), "（十三）"), encoding="utf-8")
    out = tmp_path / "out"
    p = run(A24, path, "--out", out, "--format", "json,xlsx,html")
    assert p.returncode == 0, p.stderr
    warning = "编号：（十二） 之后缺少 （十三） numbering: （十三） missing after （十二）"
    assert f"提示 warning: {path.name}: {warning}" in p.stderr.splitlines()      # the file, not its folders
    assert "未变 unchanged 38 + 删除 dropped 1" in p.stderr
    data = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    assert f"{path.name}: {warning}" in data["warnings"]
    assert data["documents"][1]["warnings"] == [warning]
    import openpyxl
    wb = openpyxl.load_workbook(next(out.glob("*.xlsx")), read_only=True)
    cells = {c for ws in wb for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)}
    assert f"{path.name}: {warning}" in cells
    assert warning in next(out.glob("*.html")).read_text(encoding="utf-8")


def test_what_reading_assumed_is_a_document_warning_too(tmp_path):
    """ingest's notes (a mis-decoded file repaired, a declared charset overruled) reach the document."""
    import compare
    text = text_of("chuanyu-2024.txt")
    path = tmp_path / "mangled.txt"
    path.write_bytes(text.encode("utf-8").decode("latin-1").encode("utf-8"))
    doc = compare.load(path)
    assert len(doc.measures) == 39
    assert doc.warnings == ["读取 reading: 已修复解码错误的中文 repaired mis-decoded Chinese (UTF-8 read as Latin-1)"]
    assert shown("提示 warning: 读取 reading: 已修复解码错误的中文 repaired mis-decoded Chinese") in \
        shown(run("inspect", path).stdout)


def test_inspect_tells_apart_chapters_that_share_a_label_under_different_parts(tmp_path):
    """一、 restarts under each 第X部分: each chapter line shows its own kind, not the first 一、's."""
    path = tmp_path / "parts.txt"
    path.write_text("第一部分 总体要求\n一、指导思想\n坚持以人民为中心。\n第二部分 主要任务\n一、推进教育\n"
                    "（一）推进学前教育。扩大普惠。\n第三部分 保障措施\n一、加强领导\n（一）健全机制。加强领导。\n",
                    encoding="utf-8")
    lines = run("inspect", path).stdout.splitlines()
    assert "  一、推进教育" in lines and "  一、加强领导  [保障措施 safeguard]" in lines
