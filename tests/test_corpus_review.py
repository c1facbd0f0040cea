"""Reviewing families in corpus.xlsx: split a measure off, move one, merge two families; a rerun
applies the verdicts and carries them into the new workbook. The reruns run their tasks in the
test process (workers=1: see corpus_fixtures)."""
import pytest
from corpus_fixtures import make_corpus
from openpyxl import load_workbook

import compare
from compare.corpus.review import FAMILY_SHEET, MEASURE_SHEET, read_verdicts
from compare.errors import InputError


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    root = make_corpus(tmp_path_factory.mktemp("review"), plans=6, seed=11)
    result = compare.corpus([root / "plans"], meta=root / "meta.csv", out=root / "out", formats=("xlsx",))
    return root, result


def _fill(src, dst, family_rows=(), measure_rows=()):
    wb = load_workbook(src)
    for sheet, edits in ((FAMILY_SHEET, family_rows), (MEASURE_SHEET, measure_rows)):
        ws = wb[sheet]
        head = {c.value: c.column for c in ws[1]}
        for row, values in edits:
            for header, value in values.items():
                ws.cell(row=row, column=head[header], value=value)
    wb.save(dst)


def _row_of(result, document, label):
    m = result.measures
    return int(m.index[(m.document == document) & (m.label == label)][0]) + 2


def test_verdicts_split_move_and_merge_and_a_rerun_keeps_them(first, tmp_path):
    root, result = first
    m, fams = result.measures, result.families
    big = fams.sort_values("measures", ascending=False)
    fa, fb = big.family.iloc[0], big.family.iloc[1]
    split = m[m.family == fa].iloc[-1]
    move = m[m.family == fb].iloc[-1]
    merged = fams[(fams.measures >= 2) & ~fams.family.isin([fa, fb])].family.iloc[0]
    reviewed = tmp_path / "reviewed.xlsx"
    _fill(root / "out" / "corpus.xlsx", reviewed,
          family_rows=[(int(fams.index[fams.family == merged][0]) + 2, {"审阅 Review": "合并", "合并至 Merge into": fa})],
          measure_rows=[(_row_of(result, split.document, split.label), {"审阅 Review": "split", "备注 Notes": "另一项"}),
                        (_row_of(result, move.document, move.label), {"审阅 Review": "移至 move", "移至 Move to": fa})])
    again = compare.corpus([root / "plans"], meta=root / "meta.csv", out=tmp_path / "out", review=reviewed,
                           workers=1)
    assert [v.applied for v in again.review] == [True, True, True]
    m2 = again.measures

    def family_of(row):
        return m2[(m2.document == row.document) & (m2.label == row.label)].family.iloc[0]
    members_fa = m[m.family == fa]
    new_fa = family_of(members_fa.iloc[0])
    assert (m2.family == family_of(split)).sum() == 1                    # split off: alone
    assert family_of(move) == new_fa                                     # moved into fa's family
    for row in m[m.family == merged].itertuples():                       # merged into fa's family
        assert family_of(row) == new_fa
    # the new workbook carries every verdict: reviewing it again gives the same families
    carried = read_verdicts(tmp_path / "out" / "corpus.xlsx")
    assert sorted((v.sheet, v.action) for v in carried) == sorted((v.sheet, v.action) for v in again.review)
    third = compare.corpus([root / "plans"], meta=root / "meta.csv", review=tmp_path / "out" / "corpus.xlsx",
                           workers=1)
    assert third.measures.family.tolist() == m2.family.tolist()


def test_an_unknown_verdict_refuses_the_workbook_and_an_unknown_measure_is_skipped(first, tmp_path):
    root, result = first
    bad = tmp_path / "bad.xlsx"
    _fill(root / "out" / "corpus.xlsx", bad, measure_rows=[(2, {"审阅 Review": "maybe"})])
    with pytest.raises(InputError, match="row 2 'maybe'"):
        compare.corpus([root / "plans"], meta=root / "meta.csv", review=bad, workers=1)
    gone = tmp_path / "gone.xlsx"
    _fill(root / "out" / "corpus.xlsx", gone, measure_rows=[(2, {"审阅 Review": "split", "编号 id": "m999"})])
    out = compare.corpus([root / "plans"], meta=root / "meta.csv", review=gone, workers=1)
    assert [v.applied for v in out.review] == [False] and "not a measure of this corpus" in out.review[0].outcome
    assert out.review[0].outcome.startswith("⚠ 未采用 skipped：")


def test_verdicts_typed_in_chinese_are_read_and_applied_as_the_english_ones(first, tmp_path):
    """The Review column takes the Chinese word alone (also in Traditional form), as the pairwise
    workbook does; the outcomes and the carried verdicts read Chinese first."""
    root, result = first
    m, fams = result.measures, result.families
    big = fams.sort_values("measures", ascending=False)
    fa, fb = big.family.iloc[0], big.family.iloc[1]
    split, move = m[m.family == fa].iloc[-1], m[m.family == fb].iloc[-1]
    merged = fams[(fams.measures >= 2) & ~fams.family.isin([fa, fb])].family.iloc[0]
    typed = {"merge": "合併", "split": "拆出", "move": "移至"}
    runs = {}
    for language, words in (("zh", typed), ("en", {a: a for a in typed})):
        reviewed = tmp_path / f"{language}.xlsx"
        _fill(root / "out" / "corpus.xlsx", reviewed,
              family_rows=[(int(fams.index[fams.family == merged][0]) + 2,
                            {"审阅 Review": words["merge"], "合并至 Merge into": fa})],
              measure_rows=[(_row_of(result, split.document, split.label), {"审阅 Review": words["split"]}),
                            (_row_of(result, move.document, move.label),
                             {"审阅 Review": words["move"], "移至 Move to": fa}),
                            (_row_of(result, m.document.iloc[0], m.label.iloc[0]), {"审阅 Review": "確認"})])
        assert sorted(v.action for v in read_verdicts(reviewed)) == ["confirm", "merge", "move", "split"]
        runs[language] = compare.corpus([root / "plans"], meta=root / "meta.csv", out=tmp_path / language,
                                        review=reviewed, workers=1)
    zh = runs["zh"]
    assert zh.measures.family.tolist() == runs["en"].measures.family.tolist()
    assert zh.measures.family.tolist() != result.measures.family.tolist()         # the verdicts did something
    assert all(v.applied and v.outcome.startswith("✔ 已") for v in zh.review), [v.outcome for v in zh.review]
    # the new workbook writes each verdict Chinese first, and reading it back gives the same verdicts
    wb = load_workbook(tmp_path / "zh" / "corpus.xlsx", read_only=True)
    cells = {v for ws in (wb[FAMILY_SHEET], wb[MEASURE_SHEET]) for row in ws.iter_rows(values_only=True)
             for v in row if isinstance(v, str)}
    wb.close()
    assert {"合并 merge", "拆出 split", "移至 move", "确认 confirm"} <= cells
    again = read_verdicts(tmp_path / "zh" / "corpus.xlsx")
    assert sorted((v.sheet, v.action, v.subject) for v in again) == sorted(
        (v.sheet, v.action, v.subject) for v in zh.review)


def test_the_review_dropdowns_offer_the_verdicts_chinese_first(first):
    root, _ = first
    wb = load_workbook(root / "out" / "corpus.xlsx")
    offered = {ws.title: [dv.formula1 for dv in ws.data_validations.dataValidation] for ws in wb.worksheets[:2]}
    assert offered == {FAMILY_SHEET: ['"确认 confirm,合并 merge"'],
                       MEASURE_SHEET: ['"确认 confirm,拆出 split,移至 move"']}
    for ws in wb.worksheets[:2]:                  # typing the Chinese or English word alone is let through
        assert [dv.errorStyle for dv in ws.data_validations.dataValidation] == ["information"]
