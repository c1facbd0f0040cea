"""Nothing lost, accountably: every printed character of an input ends up in a measure, a prose
section, the metadata (back matter) or a removed line with its reason.

Checked as a multiset of characters (not only a count): the input's non-space characters equal,
one for one, those the parsed documents hold — on every bundled input (each 附件 of the
compilation included) and on variants with numbering mistakes, furniture and trailing matter.
"""
from __future__ import annotations

from collections import Counter

import pytest
import variants
from conftest import INPUTS, text_of

from compare.ingest import read_text
from compare.parse.accounting import parts
from compare.parse.structure import parse


def chars(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace())


def held(docs) -> Counter:
    total: Counter = Counter()
    for d in docs:
        for _, text in parts(d):
            total += chars(text)
    return total


def assert_accounted(text: str, name: str) -> list:
    docs = parse(text, name)
    got, want = held(docs), chars(text)
    assert got == want, {"missing": dict(want - got), "extra": dict(got - want)}
    for d in docs:
        c = d.chars
        assert c["unaccounted"] == 0, (d.source, c)
        assert c["input"] == c["measures"] + c["sections"] + c["metadata"] + c["removed"]
    assert sum(d.chars["input"] for d in docs) == sum(want.values())
    return docs


@pytest.mark.parametrize("name", sorted(p.name for p in INPUTS.glob("*.txt")))
def test_every_bundled_input_is_accounted_for(name):
    docs = assert_accounted(read_text(INPUTS / name), name)
    assert all(d.chars["measures"] > 0 for d in docs if d.measures)


def test_every_attachment_of_the_compilation_is_accounted_for_on_its_own():
    docs = parse(text_of("study-compilation-2025-03.txt"), "c.txt")
    assert [d.attachment for d in docs] == [None, 1, 2, 3, 4, 5, 6, 7]
    for d in docs[1:]:
        assert {"text": f"附件{d.attachment}", "reason": "attachment marker"} in d.removed
        assert d.chars["unaccounted"] == 0


def test_furniture_and_artefacts_are_removed_lines_with_reasons():
    docs = parse(text_of("shuanghe-2025.txt"), "s.txt")
    reasons = {r["text"]: r["reason"] for r in docs[0].removed}
    assert reasons["- 8 -"] == "page number"
    assert reasons["重庆市人民政府办公厅文件"] == "running header"
    comp = parse(text_of("study-compilation-2025-03.txt"), "c.txt")
    five = next(d for d in comp if d.attachment == 5)
    assert {"text": "[bookmark: _GoBack]", "reason": "artefact"} in five.removed


A24, A25, SH = (text_of(n) for n in ("chuanyu-2024.txt", "chuanyu-2025-2027.txt", "shuanghe-2025.txt"))
VARIANTS = {
    "gap": variants.drop(A24, "（十三）"),
    "duplicate": variants.relabel(A24, "（二十五）", "（二十四）"),
    "ocr": variants.relabel(A24, "（十）", "（+）"),
    "stray-quote": variants.relabel(A24, "（三）", "“（三）"),
    "stray-symbol": variants.relabel(SH, "（三）", "\uf06c（三）"),
    "excerpt": variants.excerpt(A24, ["（三）", "（七）", "（十二）"], shuffle=True),
    "arabic": variants.arabic_only(A24, keep_chapters=True),
    "renumbered": variants.renumber_from(A25, 995),
    "banji": variants.with_trailer(SH, variants.BACK_MATTER),
    "web-footer": variants.with_trailer(A25, variants.WEB_FOOTER),
    "traditional": variants.traditional(A25),
    "furniture": "\n".join(ln + ("\n- 3 -\n重庆市人民政府办公厅文件\n★★★" if i % 9 == 4 else "")
                           for i, ln in enumerate(A24.split("\n"))),
    "cited": "一、任务\n（一）推进甲。按照\n（三）项规定办理。\n（二）推进乙。\n（五）类事项除外。\n",
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variants_are_accounted_for(name):
    assert_accounted(VARIANTS[name], f"{name}.txt")


def test_a_decimal_chapter_printed_with_its_stop_is_accounted_for():
    """1. 总体目标 / 2. 重点任务 read as chapters 1 and 2 (2.1 … follow): the stop printed after
    each number is still in the document (in its heading), not lost."""
    text = ("某县实施方案\n1. 总体目标\n到2025年，网络覆盖率达到100%。\n2. 重点任务\n2.1 加强基础设施建设\n"
            "2.1.1 新建5G基站120个。\n2.2 发展智慧农业\n推广物联网技术。\n")
    (doc,) = parse(text, "dec.txt")
    assert [c.label for c in doc.chapters] == ["1", "2"]
    assert doc.chars["unaccounted"] == 0, doc.chars
