"""The bundled plans in the formats offices really send: Word-style PDFs (仿宋 + Times New Roman, exported
by LibreOffice), Word's automatic numbering, task tables (.docx/.xlsx/.csv) and LibreOffice formats
(.doc/.wps/.odt/.rtf/.xls). Each must parse like the plan's .txt: same measures, titles and units,
and a comparison with the .txt links every measure one-to-one as `unchanged`.

The PDFs and office files are made here, by one LibreOffice start per target format, all started at
once (a few seconds in all) — not committed: they would be ~250 KB each of font subsets that depend
on the fonts of the machine that made them. Tests that need LibreOffice skip without it, and fail
instead under REQUIRE_SOFFICE=1 (CI installs it).
"""
from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
import wordstyle
from conftest import INPUTS

import compare
from compare.text.normalize import fold
from compare.text.numerals import cn_numeral

PLANS = ["chuanyu-2024", "chuanyu-2025-2027", "shuanghe-2025"]


def _need_soffice():
    if wordstyle.soffice() is None:
        reason = "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer libreoffice-calc"
        if os.environ.get("REQUIRE_SOFFICE") == "1":
            pytest.fail(reason + " and REQUIRE_SOFFICE=1 is set")
        pytest.skip(reason)


def signature(doc):
    """What a reader of the report sees of each measure: label (width-folded), title, units, items."""
    return [(fold(m.label), m.title, m.units, [(fold(i.label), i.title) for i in m.items]) for m in doc.measures]


def chapters(doc):
    return [(fold(c.label), c.title) for c in doc.chapters]


def assert_same_plan(variant, original):
    assert len(variant.measures) == len(original.measures)
    assert signature(variant) == signature(original)
    assert chapters(variant) == chapters(original)


def assert_all_unchanged(original_path, variant_path):
    """compare(ORIGINAL, VARIANT): every measure linked to its counterpart, and `unchanged`."""
    result = compare.compare([str(original_path), str(variant_path)])
    comparison = result.comparisons[0]
    a, b = result.documents
    pairs = [(a.measure(lk.a).number, b.measure(lk.b).number, lk.status) for lk in comparison.links]
    assert sorted(pairs) == [(m.number, m.number, "unchanged") for m in a.measures]
    assert not comparison.unmatched_a and not comparison.unmatched_b


@pytest.fixture(scope="session")
def originals():
    return {name: compare.load(INPUTS / f"{name}.txt") for name in PLANS}


@pytest.fixture(scope="session")
def made(tmp_path_factory, originals):
    """Everything LibreOffice makes for these tests, in one go: a Word-style PDF of each plan and
    of a task table; the shuanghe plan's .docx saved as .doc, .odt and .rtf; a task-table .xlsx
    saved as .xls."""
    _need_soffice()
    out = tmp_path_factory.mktemp("made")
    plans = [wordstyle.plan_docx((INPUTS / f"{n}.txt").read_text(encoding="utf-8"), out / f"{n}.docx",
                                 originals[n].title) for n in PLANS]
    office = shutil.copy(out / "shuanghe-2025.docx", out / "office.docx")
    table = wordstyle.task_table_xlsx(originals["chuanyu-2024"], out / "tasks.xlsx", "decimal")
    tasks = [wordstyle.task_table_docx(originals[n], out / f"tasks-{n}.docx", numbering)
             for n, numbering in zip(PLANS, ["chinese", "decimal", "chinese"], strict=True)]
    (out / "roles.txt").write_text(ROLES_PLAN, encoding="utf-8")
    plans.append(wordstyle.plan_docx(ROLES_PLAN, out / "roles.docx", "某某地区交通物流协同发展行动方案", header="某某地区交通物流协同发展行动方案"))
    (out / "tasklines.txt").write_text("重点任务清单\n\n序号  重点任务  牵头单位\n1.推进高铁公交化。  市交通局\n"
                                       "2.推进公交便利化。  市交通局\n", encoding="utf-8")
    wordstyle.convert([(plans + tasks + [out / "tasklines.txt"], "pdf"), ([Path(office)], "doc"), ([Path(office)], "odt"),
                       ([Path(office)], "rtf"), ([table], "xls")], out)
    shutil.copy(out / "office.doc", out / "office.wps")   # Kingsoft WPS writes Word 97 files as .wps
    return out


def _roles_plan() -> str:
    """A plan whose measures close with （牵头单位：…；配合单位：…；完成时限：…）, some with 1. 2.
    sub-items and the clause on a line of its own: long enough to run over pages."""
    lines = ["某某地区交通物流协同发展行动方案", "为推动区域交通物流协同发展，制定本方案。"]
    units = [("两省交通运输厅", "两省发展改革委", "2026年12月"), ("两省商务厅", "两省农业农村厅、两省公安厅", "2025年底"),
             ("两省公安厅", "", "持续推进")]
    n = 0
    for chapter in ("一、交通设施互联互通", "二、物流枢纽协同发展", "三、运输服务便民利企"):
        lines.append(chapter)
        for k in range(5):
            n += 1
            lead, support, when = units[(n + k) % 3]
            clause = f"（牵头单位：{lead}；{f'配合单位：{support}；' if support else ''}完成时限：{when}）"
            head = f"（{cn_numeral(n)}）推进第{n}项协同任务。联合编制实施方案，完善工作机制，定期会商重大事项"
            if k == 2:
                lines += [head + "，具体包括：", f"1.建立第{n}项任务协调机制。", f"2.每年开展联合行动{n}次以上。", clause]
            else:
                lines.append(head + "。" + clause)
    return "\n".join(lines) + "\n"


ROLES_PLAN = _roles_plan()


# --- Word-style PDFs ----------------------------------------------------------------------------------

def test_a_plan_reads_the_same_from_txt_docx_and_pdf(made):
    """The same plan as .txt, as a .docx with a running header and page numbers, and as its PDF:
    every measure's label, text, units (lead and support), deadline and sub-items alike — the
    PDF's header and footer gone, its units clauses broken over lines read whole."""
    def read(doc):
        return [(fold(m.label), m.text, m.units, m.support_units, m.deadline, [(fold(i.label), i.text) for i in m.items])
                for m in doc.measures]

    txt = compare.load(made / "roles.txt")
    assert len(txt.measures) == 15 and all(m.deadline for m in txt.measures)
    for ext in (".docx", ".pdf"):
        doc = compare.load(made / f"roles{ext}")
        assert read(doc) == read(txt), ext
        assert (doc.title, chapters(doc)) == (txt.title, chapters(txt))


@pytest.mark.parametrize("name", PLANS)
def test_word_style_pdf_reads_like_the_txt(made, originals, name):
    """仿宋 body, Times New Roman for ASCII and “quotes”: every measure, title, unit and chapter found."""
    assert_same_plan(compare.load(made / f"{name}.pdf"), originals[name])


@pytest.mark.parametrize("name", PLANS)
def test_word_style_pdf_against_its_txt_is_all_unchanged(made, name):
    assert_all_unchanged(INPUTS / f"{name}.txt", made / f"{name}.pdf")


def test_two_word_style_pdfs_link_like_the_two_txts(made):
    def links(paths):
        result = compare.compare([str(p) for p in paths])
        a, b = result.documents
        return sorted((a.measure(lk.a).number, b.measure(lk.b).number, lk.status)
                      for lk in result.comparisons[0].links)

    pair = ["chuanyu-2024", "chuanyu-2025-2027"]
    as_txt = links([INPUTS / f"{n}.txt" for n in pair])
    assert len(as_txt) >= 15
    assert links([made / f"{n}.pdf" for n in pair]) == as_txt


@pytest.mark.parametrize("name", PLANS)
def test_a_task_table_in_a_pdf_reads_like_the_plan(made, originals, name):
    """A 分工表 exported to PDF (rows wrapping, running on over pages, the chapter rows merged
    across): read cell by cell, one measure per task with its units, as from the .docx."""
    doc, original = compare.load(made / f"tasks-{name}.pdf"), originals[name]
    assert [(m.title, m.units) for m in doc.measures] == [(m.title, m.units) for m in original.measures]
    assert not [w for w in doc.warnings if "task table" in w]
    comparison = compare.compare([str(INPUTS / f"{name}.txt"), str(made / f"tasks-{name}.pdf")]).comparisons[0]
    assert sorted((lk.a, lk.b, lk.status) for lk in comparison.links) == \
        [(m.id, m.id, "unchanged") for m in original.measures]


def test_a_task_table_a_pdf_holds_only_as_text_is_named_in_a_warning(made):
    """A task header over rows with no ruling lines (a table typed with spaces): no cells to
    read, so the pages are read as lines of text, and the document says so."""
    doc = compare.load(made / "tasklines.pdf")
    assert [w for w in doc.warnings if "task table" in w and "任务分工表" in w]
    assert not [w for w in compare.load(made / "chuanyu-2024.pdf").warnings if "task table" in w]


def test_word_style_pdf_page_furniture_is_gone(made):
    """The “— 3 —” page numbers LibreOffice prints in the footer do not reach any measure."""
    doc = compare.load(made / "chuanyu-2024.pdf")
    text = compare.ingest.read_text(made / "chuanyu-2024.pdf")
    assert "— 3 —" in text
    assert not any("—3—" in m.text.replace(" ", "") for m in doc.measures)


# --- LibreOffice formats ------------------------------------------------------------------------------

@pytest.mark.parametrize("ext", [".doc", ".wps", ".odt", ".rtf"])
def test_libreoffice_formats_read_like_the_docx(made, ext):
    assert_same_plan(compare.load(made / f"office{ext}"), compare.load(made / "office.docx"))


def test_old_excel_task_list_reads_like_the_xlsx(made, originals):
    xls = compare.load(made / "tasks.xls")
    assert signature(xls) == signature(compare.load(made / "tasks.xlsx"))
    assert [m.units for m in xls.measures] == [m.units for m in originals["chuanyu-2024"].measures]


# --- Word automatic numbering (no LibreOffice needed) ------------------------------------------------

@pytest.mark.parametrize("name", PLANS + ["district-template"])
@pytest.mark.parametrize("heading_style", [None, "Heading 1"])
def test_auto_numbered_docx_parses_like_typed(tmp_path, name, heading_style):
    """一、/（一）/1. made by Word's list numbering (chapters from the 标题 1 style in one variant)."""
    text = (INPUTS / f"{name}.txt").read_text(encoding="utf-8")
    path = wordstyle.auto_numbered_docx(text, tmp_path / f"{name}.docx", heading_style)
    import docx

    numbered = sum(1 for p in docx.Document(path).paragraphs
                   if p._p.pPr is not None and p._p.pPr.numPr is not None or p.style.name == heading_style)
    original = compare.load(INPUTS / f"{name}.txt")
    assert numbered >= len(original.measures)          # the labels really are automatic
    assert_same_plan(compare.load(path), original)


@pytest.mark.parametrize("name", PLANS)
def test_auto_numbered_docx_against_its_txt_is_all_unchanged(tmp_path, name):
    text = (INPUTS / f"{name}.txt").read_text(encoding="utf-8")
    assert_all_unchanged(INPUTS / f"{name}.txt", wordstyle.auto_numbered_docx(text, tmp_path / f"{name}.docx"))


@pytest.mark.parametrize("name", ["chuanyu-2024", "chuanyu-2025-2027"])
def test_decimal_numbered_docx_reads_like_the_txt(tmp_path, originals, name):
    """Word's multi-level list printing 1 / 1.1 (the tab after the number kept as a space): the
    plan's chapters, titles and units, and every measure unchanged against the .txt."""
    import variants

    path = wordstyle.decimal_numbered_docx(variants.decimal((INPUTS / f"{name}.txt").read_text(encoding="utf-8")),
                                           tmp_path / f"{name}.docx")
    doc, original = compare.load(path), originals[name]
    assert [(m.title, m.units) for m in doc.measures] == [(m.title, m.units) for m in original.measures]
    assert [c.title for c in doc.chapters] == [c.title for c in original.chapters]
    comparison = compare.compare([str(INPUTS / f"{name}.txt"), str(path)]).comparisons[0]
    assert sorted((lk.a, lk.b, lk.status) for lk in comparison.links) == \
        [(m.id, m.id, "unchanged") for m in original.measures]        # numbered 2.1 … against （六）…: by place


# --- task tables (no LibreOffice needed) ---------------------------------------------------------------

@pytest.mark.parametrize("kind", ["docx", "xlsx", "csv", "html"])
@pytest.mark.parametrize("numbering", ["chinese", "decimal"])
@pytest.mark.parametrize("name", PLANS)
def test_task_table_gives_the_plans_measures_and_units(tmp_path, originals, name, kind, numbering):
    """序号 / 重点任务 / 牵头单位 / 完成时限, chapter rows merged across: one measure per row, units from
    牵头单位 — also where the same unit is printed in many rows (not a running header)."""
    original = originals[name]
    path = getattr(wordstyle, f"task_table_{kind}")(original, tmp_path / f"{name}.{kind}", numbering)
    doc = compare.load(path)
    assert len(doc.measures) == len(original.measures)
    assert [m.number for m in doc.measures] == [m.number for m in original.measures]
    assert [m.title for m in doc.measures] == [m.title for m in original.measures]
    assert [m.units for m in doc.measures] == [m.units for m in original.measures]
    assert chapters(doc) == [c for c in chapters(original) if any(m.path and fold(m.path[0]) == c[0]
                                                                  for m in original.measures)]


def test_task_table_repeated_units_are_not_running_headers(tmp_path, originals):
    doc = originals["chuanyu-2024"]
    repeated = Counter("、".join(m.units) for m in doc.measures).most_common(1)[0]
    assert repeated[1] >= 4                       # the case clean.py would take for a running header
    table = compare.load(wordstyle.task_table_docx(doc, tmp_path / "tasks.docx"))
    assert sum("、".join(m.units) == repeated[0] for m in table.measures) == repeated[1]


def test_a_docx_bulleted_list_reads_as_the_txt(tmp_path):
    """Word's bullet list (List Bullet) under a chapter with no numbered measures: the measures the
    same text typed with ● gives."""
    import docx
    lines = ["某市工作方案", "一、重点任务", "推进社保卡应用。实现社保卡在交通出行领域应用。（牵头单位：市人社局）",
             "建设零工市场。建成零工市场5个。（牵头单位：市人社局）", "二、保障措施", "加强组织领导。"]
    d = docx.Document()
    for k, line in enumerate(lines):
        d.add_paragraph(line, style="List Bullet" if k in (2, 3, 5) else None)
    d.save(tmp_path / "plan.docx")
    (tmp_path / "plan.txt").write_text("\n".join(f"●{x}" if k in (2, 3, 5) else x for k, x in enumerate(lines)),
                                       encoding="utf-8")
    got, typed = compare.load(tmp_path / "plan.docx"), compare.load(tmp_path / "plan.txt")
    assert [(m.label, m.title, m.units, m.kind) for m in got.measures] == \
        [(m.label, m.title, m.units, m.kind) for m in typed.measures]
    assert len(got.measures) == 3


def test_a_word_style_pdf_keeps_each_paragraphs_first_line_indent(made):
    """The reader prints a Word paragraph's first-line indent (首行缩进) as 　　, as a typed text
    does: cleaning reads it to tell a sentence that ends at the margin from a wrap."""
    INDENT = "\u3000\u3000"            # compare.ingest.pdf.INDENT
    lines = compare.ingest.read_text(made / "chuanyu-2024.pdf").split("\n")
    first = next(ln for ln in lines if "（一）" in ln)
    assert first.startswith(INDENT) and "（一）" in first[:len(INDENT) + 4]
    after = lines[lines.index(first) + 1]
    assert after and not after.startswith(INDENT)
