"""The corpus workbook (corpus.xlsx): the family table and the measures, both review forms
(`review.py` is the contract), the documents read and skipped, and the run's warnings. Written as `compare`'s
workbook is (`compare.report.xlsx.Sheet`: Chinese-first headers, rows as high as their text,
frozen headers, filters, A4 landscape; every string a string; equal results give equal bytes).

    write_workbook(result, path)
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import xlsxwriter

from compare.corpus import review as rv
from compare.corpus.adoptions import course_text
from compare.corpus.tables import statuses_text
from compare.report.xlsx import GONE_FILL, SKIPPED_FILL, Sheet, fill
from compare.review.form import Column, status_cell
from compare.vocab import ALL_STATUSES, NEW

FAMILY_COLUMNS = (Column("家族 Family", 9), Column("代表标题 Title", 30, True), Column("措施 Measures", 8),
                  Column("文件 Documents", 8), Column("地区 Adopters", 8), Column("首次文件 First document", 22, True),
                  Column("首次地区 First jurisdiction", 14, True), Column("首次日期 First date", 11),
                  Column("逐年采纳 Adopters by year", 22, True), Column("内聚 Cohesion", 8),
                  Column("最弱成员 Weakest", 22, True), Column("状态 Statuses", 24, True),
                  Column(rv.REVIEW, 12, True), Column(rv.TARGET_FAMILY, 10), Column(rv.NOTES, 24, True),
                  Column(rv.OUTCOME, 30, True), Column(rv.ANCHOR_DOC, 10, hidden=True),
                  Column(rv.ANCHOR_ID, 8, hidden=True), *rv.HIDDEN_COLUMNS)
MEASURE_COLUMNS = (Column(rv.MEASURE_DOC, 22, True), Column("标签 Label", 8), Column("标题 Title", 26, True),
                   Column("地区 Jurisdiction", 12, True), Column("日期 Date", 11), Column("家族 Family", 9),
                   Column("前身文件 Predecessor document", 22, True), Column("前身标签 Predecessor label", 9),
                   Column("状态 Status", 10), Column("相似度 Similarity", 8), Column("证据 Evidence", 50, True),
                   Column(rv.REVIEW, 12, True), Column(rv.TARGET_MEASURE, 10), Column(rv.NOTES, 24, True),
                   Column(rv.OUTCOME, 30, True), Column(rv.MEASURE_ID, 8, hidden=True), *rv.HIDDEN_COLUMNS)
ADOPTION_COLUMNS = (Column("家族 Family", 9), Column("次序 Order", 6), Column("地区 Jurisdiction", 14, True),
                    Column("首次文件 First document", 22, True), Column("标签 Label", 8), Column("日期 Date", 11),
                    Column("来源地区 From jurisdiction", 14, True), Column("来源文件 From document", 22, True),
                    Column("来源标签 From label", 8), Column("状态 Status", 10), Column("版本数 Editions", 8),
                    Column("历程 Course", 50, True))
YEAR_COLUMNS = (Column("年份 Year", 8), Column("文件 Documents", 8), Column("地区 Jurisdictions", 8),
                Column("措施 Measures", 8), Column("新家族 New families", 10), Column("采纳 Adoptions", 10),
                Column("状态 Statuses", 60, True))
JURISDICTION_COLUMNS = (Column("地区 Jurisdiction", 16, True), Column("文件 Documents", 8), Column("首年 First year", 8),
                        Column("末年 Last year", 8), Column("措施 Measures", 8), Column("家族 Families", 8),
                        Column("首创 First adopter", 10), Column("采纳他处 Adopted", 10))
DOCUMENT_COLUMNS = (Column("文件 Document", 24, True), Column("标题 Title", 40, True), Column("地区 Jurisdiction", 16, True),
                    Column("日期 Date", 11), Column("文号 Number", 20, True), Column("措施 Measures", 8),
                    Column("前一版本 Previous edition", 24, True))
REVIEW_COL_FAMILY = 12
REVIEW_COL_MEASURE = 11
STATUS_OF_CELL = {status_cell(s): s for s in (NEW, *ALL_STATUSES)}      # "新增 new" -> new (its colour)


def write_workbook(result, path: Path) -> None:
    c = result.corpus
    book = xlsxwriter.Workbook(str(path), {"in_memory": True, "strings_to_formulas": False,
                                           "strings_to_numbers": False, "strings_to_urls": False})
    book.set_properties({"title": "措施谱系 Corpus", "author": "compare", "created": datetime(2000, 1, 1)})
    cache: dict = {}
    names = {(c.infos[c.doc_of[k]].document, m.id): k for k, m in enumerate(c.measures)}
    fam_of = result.measures["family"].tolist()
    by_subject: dict[tuple, list] = {}
    for v in result.review:
        by_subject.setdefault((v.sheet, v.subject), []).append(v)
    _families(Sheet(book, rv.FAMILY_SHEET, cache), result, c, names, fam_of, by_subject)
    _measures(Sheet(book, rv.MEASURE_SHEET, cache), result, names, fam_of, by_subject)
    Sheet(book, "文件 Documents", cache).table(DOCUMENT_COLUMNS, result.documents.itertuples(index=False), frozen=1)
    _adoptions(book, result, cache)
    if len(result.skipped):
        Sheet(book, "跳过 Skipped", cache).table((Column("问题 Problem", 100, True),),
                                                 ([p] for p in result.skipped["problem"]))
    if result.warnings:
        Sheet(book, "注意 Warnings", cache).table((Column("所作的假定 What was assumed", 100, True),),
                                                  ([w] for w in result.warnings))
    book.close()


def _adoptions(book, result, cache) -> None:
    """采纳 Adoptions (who took each family up, when, from whom, and its course), 逐年 Years and
    地区 Jurisdictions (the counts)."""
    rows = ([a.family, a.order, a.jurisdiction, a.document, a.label, a.date, a.source_jurisdiction, a.source_document,
             a.source_label, status_cell(a.status), a.editions, course_text(a.course)]
            for a in result.adoptions.itertuples(index=False))
    Sheet(book, "采纳 Adoptions", cache).table(
        ADOPTION_COLUMNS, rows, frozen=3, fills=lambda v: {9: fill(STATUS_OF_CELL.get(v[9], ""))})
    years = ([int(y.year), y.documents, y.jurisdictions, y.measures, y.new_families, y.adoptions,
              statuses_text(y.statuses)] for y in result.years.itertuples(index=False))
    Sheet(book, "逐年 Years", cache).table(YEAR_COLUMNS, years, frozen=1)
    places = ([j.jurisdiction, j.documents, _year(j.first_year), _year(j.last_year), j.measures, j.families,
               j.first_adopter, j.adopted] for j in result.jurisdictions.itertuples(index=False))
    Sheet(book, "地区 Jurisdictions", cache).table(JURISDICTION_COLUMNS, places, frozen=1)


def _year(y):
    """A year cell: empty where the year is unknown (pandas' NA)."""
    return None if pd.isna(y) else int(y)


def _target(v, names, fam_of) -> tuple[str, str, str, str]:
    """(shown target family, hidden target document, id, shown-as-written) of a verdict."""
    if v.target is None or v.target not in names:
        return v.typed, "", "", ""
    shown = fam_of[names[v.target]]
    return shown, v.target[0], v.target[1], shown


def _verdict_cells(vs, names, fam_of) -> list:
    if not vs:
        return ["", "", "", "", "", "", ""]
    v = vs[0]
    shown, tdoc, tid, written = _target(v, names, fam_of)
    action = "" if v.action == "note" else rv.verdict_text(v.action)
    outcome = "；".join(x.outcome for x in vs)
    return [action, shown, "；".join(x.note for x in vs if x.note), outcome, tdoc, tid, written]


def _families(sh: Sheet, result, c, names, fam_of, by_subject) -> None:
    first = {}
    for k, f in enumerate(fam_of):
        first.setdefault(f, k)
    rows = []
    for f in result.families.itertuples(index=False):
        k = first[f.family]
        anchor = (c.infos[c.doc_of[k]].document, c.measures[k].id)
        members = [v for (sheet, subject), vs in by_subject.items() if sheet == rv.FAMILY_SHEET
                   and subject in names and fam_of[names[subject]] == f.family and not _gone(vs) for v in vs]
        cells = _verdict_cells(members, names, fam_of)
        rows.append([f.family, f.title, f.measures, f.documents, f.adopters, f.first_document, f.first_jurisdiction,
                     f.first_date, f.adopters_by_year, f.cohesion, f.weakest, statuses_text(f.statuses), *cells[:4],
                     anchor[0], anchor[1], *cells[4:]])
    for (sheet, subject), vs in by_subject.items():          # merged away or naming nothing: a grey row
        if sheet == rv.FAMILY_SHEET and (_gone(vs) or subject not in names):
            cells = _verdict_cells(vs, names, fam_of)
            rows.append(["已合并 merged" if _gone(vs) else "", "", None, None, None, "", "", "", "", None, "", "",
                         *cells[:4], subject[0], subject[1], *cells[4:]])
    sh.table(FAMILY_COLUMNS, rows, fills=_review_fill(REVIEW_COL_FAMILY + 3), frozen=2, numbers={9: "0.00"})
    _review_choices(sh, REVIEW_COL_FAMILY, len(rows), rv.FAMILY_ACTIONS, rv.FAMILY_PROMPT)


def _gone(vs) -> bool:
    return any(v.action == rv.MERGE and v.applied for v in vs)


def _measures(sh: Sheet, result, names, fam_of, by_subject) -> None:
    rows = []
    for r in result.measures.itertuples(index=False):
        vs = by_subject.get((rv.MEASURE_SHEET, (r.document, r.id)), [])
        cells = _verdict_cells(vs, names, fam_of)
        sim = None if r.similarity != r.similarity else r.similarity      # NaN: no predecessor
        rows.append([r.document, r.label, r.title, r.jurisdiction, r.date, r.family, r.predecessor_document,
                     r.predecessor_label, status_cell(r.status), sim, r.evidence, *cells[:4], r.id, *cells[4:]])
    for (sheet, subject), vs in by_subject.items():          # a verdict on a measure this run lacks
        if sheet == rv.MEASURE_SHEET and subject not in names:
            cells = _verdict_cells(vs, names, fam_of)
            rows.append([subject[0], "", "", "", "", "", "", "", "", None, "", *cells[:4], subject[1], *cells[4:]])
    status_at = 8

    def fills(values):
        out = {status_at: fill(STATUS_OF_CELL.get(values[status_at], ""))} if values[status_at] else {}
        if _skipped(values[REVIEW_COL_MEASURE + 3]):
            out[REVIEW_COL_MEASURE + 3] = SKIPPED_FILL
        return out
    sh.table(MEASURE_COLUMNS, rows, fills=fills, frozen=2, numbers={9: "0.000"})
    _review_choices(sh, REVIEW_COL_MEASURE, len(rows), rv.MEASURE_ACTIONS, rv.MEASURE_PROMPT)


def _review_fill(outcome_col: int):
    def fills(values):
        out = {}
        if values[0] == "已合并 merged":
            out = {k: GONE_FILL for k in range(12)}
        if _skipped(values[outcome_col]):
            out[outcome_col] = SKIPPED_FILL
        return out
    return fills


def _skipped(outcome) -> bool:
    """An Outcome cell that says a verdict was not applied."""
    return bool(outcome) and rv.SKIPPED in str(outcome)


def _review_choices(sh: Sheet, col: int, rows: int, actions, prompt: str) -> None:
    """The Review column's dropdown: the verdicts Chinese first ("拆出 split"); any other text is
    let through with a note (the Chinese or the English word alone is read as well)."""
    choices = [rv.verdict_text(a) for a in actions]
    sh.ws.data_validation(1, col, max(rows, 1), col, {
        "validate": "list", "source": choices, "ignore_blank": True,
        "input_title": rv.REVIEW, "input_message": prompt[:255],
        "error_type": "information", "error_title": rv.REVIEW,
        "error_message": ("可选 choose：" + "、".join(choices) + "（中文或英文均可 Chinese or English）")[:255]})
