"""Properties of `compare.structure.parse`: edits a reader would not notice change nothing.

The two bundled plans are mutated in ways that must not matter — extra whitespace and blank
lines, full/half-width swaps of （）， and digits, CRLF line ends, page furniture lines
("- 8 -", "重庆市人民政府办公厅文件") between lines — and must parse to the same measures: the
same count, the same enumerator numbers and the same normalised texts (`Measure.norm`).
Furniture and blank lines are inserted as lines of their own, never inside a line.
"""
from __future__ import annotations

import os
import re

import variants
from conftest import INPUTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.parse.structure import parse

NAMES = ("chuanyu-2024.txt", "chuanyu-2025-2027.txt")
SEEDS = {n: (INPUTS / n).read_text(encoding="utf-8") for n in NAMES}

SPACES = (" ", "  ", "\t", "\u3000", "\u3000\u3000", "\u00a0")
FURNITURE = ("- 8 -", "— 12 —", "－ 3 －", "-1-", "第 3 页 共 9 页", "12",
             "重庆市人民政府办公厅文件", "四川省人民政府办公厅文件")
_HALF = "(),0123456789"
_FULL = "（），０１２３４５６７８９"
_GROUPS = {"parens": "()", "comma": ",", "digits": "0123456789", "all": _HALF}
_CJK_PAIR = re.compile(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])")

# Modest and repeatable in CI; PROPERTY_EXAMPLES=500 explores more, with fresh random examples.
_DEEP = int(os.environ.get("PROPERTY_EXAMPLES", "0"))
PROFILE = settings(max_examples=_DEEP or 40, deadline=None, derandomize=not _DEEP,
                   suppress_health_check=[HealthCheck.too_slow])


def shape(docs):
    """What must not change: per document, the measures' numbers and normalised texts."""
    return [[(m.number, m.norm) for m in d.measures] for d in docs]


BASE = {n: shape(parse(t, n)) for n, t in SEEDS.items()}


def test_seeds_have_the_expected_measures():
    assert [len(d) for d in BASE["chuanyu-2024.txt"]] == [39]
    assert [len(d) for d in BASE["chuanyu-2025-2027.txt"]] == [22]


def assert_same(name: str, text: str) -> list:
    """The variant parses to the seed's measures; returns the parsed documents."""
    docs = parse(text, name)             # must not raise
    got, want = shape(docs), BASE[name]
    assert [len(d) for d in got] == [len(d) for d in want], "measure count changed"
    for gd, wd in zip(got, want, strict=True):
        assert [n for n, _ in gd] == [n for n, _ in wd], "enumerator numbers changed"
        for (n, g), (_, w) in zip(gd, wd, strict=True):
            assert g == w, f"norm of measure {n} changed"
    return docs


# --- mutations ----------------------------------------------------------------------------------------

def swap_width(line: str, direction: str, group: str) -> str:
    chars = _GROUPS[group]
    half = "".join(c for c in _HALF if c in chars)
    full = "".join(_FULL[_HALF.index(c)] for c in half)
    table = str.maketrans(half, full) if direction == "to_full" else str.maketrans(full, half)
    return line.translate(table)


@st.composite
def width_edits(draw, n_lines: int):
    return draw(st.lists(st.tuples(st.integers(0, n_lines - 1), st.sampled_from(["to_full", "to_half"]),
                                   st.sampled_from(sorted(_GROUPS))), max_size=40))


def apply_width(lines: list[str], edits) -> list[str]:
    lines = list(lines)
    for i, direction, group in edits:
        lines[i] = swap_width(lines[i], direction, group)
    return lines


@st.composite
def space_edits(draw, n_lines: int):
    return draw(st.lists(st.tuples(st.integers(0, n_lines - 1),
                                   st.sampled_from(["blank", "lead", "trail", "inner"]),
                                   st.sampled_from(SPACES), st.integers(0, 10_000)), max_size=30))


def apply_spaces(lines: list[str], edits) -> list[str]:
    """Blank lines between lines; spaces at line ends and between two Chinese characters."""
    lines = list(lines)
    for i, op, ws, k in edits:
        i = min(i, len(lines) - 1)
        if op == "blank":
            lines.insert(i, ws if k % 2 else "")
        elif op == "lead":
            lines[i] = ws + lines[i]
        elif op == "trail":
            lines[i] = lines[i] + ws
        else:
            spots = [m.start() for m in _CJK_PAIR.finditer(lines[i])]
            if spots:
                at = spots[k % len(spots)]
                lines[i] = lines[i][:at] + ws + lines[i][at:]
    return lines


@st.composite
def furniture_edits(draw, n_lines: int):
    return draw(st.lists(st.tuples(st.integers(0, n_lines), st.sampled_from(FURNITURE)), max_size=12))


def apply_furniture(lines: list[str], edits) -> list[str]:
    """Page furniture as lines of their own, between any two lines (page breaks fall anywhere)."""
    lines = list(lines)
    for i, f in sorted(edits, reverse=True):
        lines.insert(i, f)
    return lines


def join(lines: list[str], crlf: bool) -> str:
    return ("\r\n" if crlf else "\n").join(lines)


# --- properties ---------------------------------------------------------------------------------------

@PROFILE
@given(data=st.data(), name=st.sampled_from(NAMES))
def test_whitespace_and_blank_lines_do_not_matter(data, name):
    lines = SEEDS[name].split("\n")
    edits = data.draw(space_edits(len(lines)))
    assert_same(name, join(apply_spaces(lines, edits), False))


@PROFILE
@given(data=st.data(), name=st.sampled_from(NAMES))
def test_full_and_half_width_do_not_matter(data, name):
    lines = SEEDS[name].split("\n")
    edits = data.draw(width_edits(len(lines)))
    assert_same(name, join(apply_width(lines, edits), False))


@PROFILE
@given(name=st.sampled_from(NAMES), direction=st.sampled_from(["to_full", "to_half"]),
       group=st.sampled_from(sorted(_GROUPS)))
def test_whole_document_width_swap_does_not_matter(name, direction, group):
    lines = [swap_width(ln, direction, group) for ln in SEEDS[name].split("\n")]
    assert_same(name, join(lines, False))


def test_crlf_does_not_matter():
    for name in NAMES:
        assert_same(name, SEEDS[name].replace("\n", "\r\n"))
        assert_same(name, SEEDS[name].replace("\n", "\r\n") + "\r\n\r\n")


@PROFILE
@given(data=st.data(), name=st.sampled_from(NAMES))
def test_page_furniture_does_not_matter(data, name):
    lines = SEEDS[name].split("\n")
    edits = data.draw(furniture_edits(len(lines)))
    assert_same(name, join(apply_furniture(lines, edits), False))


@PROFILE
@given(data=st.data(), name=st.sampled_from(NAMES), crlf=st.booleans())
def test_all_harmless_edits_together(data, name, crlf):
    lines = SEEDS[name].split("\n")
    lines = apply_width(lines, data.draw(width_edits(len(lines))))
    lines = apply_furniture(lines, data.draw(furniture_edits(len(lines))))
    lines = apply_spaces(lines, data.draw(space_edits(len(lines))))
    for doc in assert_same(name, join(lines, crlf)):
        assert doc.chars["unaccounted"] == 0, doc.chars         # every character accounted for


@settings(max_examples=_DEEP or 60, deadline=None, derandomize=not _DEEP)
@given(text=st.text(alphabet=st.sampled_from(list("（）()一二三十、。，.：:1２ \n\u3000附件责任单位：措施")),
                    max_size=300))
def test_parse_never_crashes_on_odd_text(text):
    for doc in parse(text, "odd.txt"):
        for m in doc.measures:
            assert isinstance(m.norm, str) and m.number >= 0
        assert doc.chars["unaccounted"] == 0, doc.chars      # nor loses any of it


# --- the tokenizer: the lazily loaded dictionary cuts exactly as jieba's full one ----------------------

_TOKEN_CHARS = sorted(set("".join(SEEDS.values())) - {"\n"}) + list("abcXYZ%+-. \u3000")


@settings(max_examples=_DEEP or 60, deadline=None, derandomize=not _DEEP)
@given(st.lists(st.text(alphabet=st.sampled_from(_TOKEN_CHARS), min_size=1, max_size=60), min_size=1,
                max_size=8))
def test_lazy_dictionary_cuts_like_the_full_one(texts):
    from compare.text.words import cut, cut_with_full_dictionary
    for t in texts:
        assert cut(t) == cut_with_full_dictionary(t)
    joined = "，".join(texts)                  # runs remembered from the texts above, cut again
    assert cut(joined) == cut_with_full_dictionary(joined)


# --- one bad number: every other measure is still found, the anomaly is named -------------------------

@PROFILE
@given(data=st.data(), name=st.sampled_from(NAMES))
def test_one_bad_number_loses_no_other_measure(data, name):
    text = SEEDS[name]
    labels = variants.measure_labels(text)
    k = data.draw(st.integers(0, len(labels) - 1))
    op = data.draw(st.sampled_from(["drop", "relabel", "damage", "stray"]))
    label = labels[k]
    if op == "drop":
        variant = variants.drop(text, label)
    elif op == "relabel":
        n = data.draw(st.integers(1, 1200).filter(lambda n: f"（{variants.cn(n)}）" != label))
        variant = variants.relabel(text, label, f"（{variants.cn(n)}）")
    elif op == "damage":
        variant = variants.relabel(text, label, data.draw(st.sampled_from(["（+）", "（—）", "（=）", "（十+）"])))
    else:
        variant = variants.relabel(text, label, data.draw(st.sampled_from(["“", "”", "\uf06c", "•"])) + label)
    docs = parse(variant, name)
    want = [norm for i, (_, norm) in enumerate(BASE[name][0]) if not (op == "drop" and i == k)]
    assert [m.norm for m in docs[0].measures] == want
    last = k == len(labels) - 1
    if not (op == "drop" and last):          # a plan that stops one measure early looks complete
        assert docs[0].warnings, "the anomaly is not reported"
    assert docs[0].chars["unaccounted"] == 0
    if op != "drop" and not last:            # read from its two neighbours
        assert [m.number for m in docs[0].measures] == [n for n, _ in BASE[name][0]]
