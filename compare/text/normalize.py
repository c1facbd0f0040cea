"""Character forms of Chinese text: what patterns match (`view`) and what matching compares
(`normalize`).

- `fold`: width folding only (NFKC): （一）→(一), ，→, , ２０２５→2025.
- `view`: folded (and Simplified for a Traditional document) with every character where it was
  printed (same length), so a pattern's match positions slice the printed text too.
- `identity_form`: the matching form without punctuation and symbols — what "the same words"
  compares, so a copy re-typed with other punctuation or quotes still reads the same.
- `normalize`: the matching form — NFKC, Simplified (OpenCC), quotes and dashes unified, no
  whitespace, lower case. Every stage compares this form; a measure carries it from parsing on.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def fold(text: str) -> str:
    """Width folding only (NFKC): （一）→(一), ，→, , ２０２５→2025."""
    return unicodedata.normalize("NFKC", text)


def display_width(line: str) -> int:
    """Columns the line takes in a monospaced CJK layout: wide and full-width characters count 2."""
    return 2 * len(line) - len(_WIDE.sub("", line))


# East Asian Wide and Fullwidth characters (Unicode east_asian_width W or F): Hangul Jamo, CJK
# symbols and punctuation, kana, CJK ideographs, Yi, Hangul syllables, compatibility ideographs,
# vertical and small forms, full-width forms, the supplementary ideograph planes, emoji.
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6"
                   "\U0001f300-\U0001f64f\U0001f900-\U0001f9ff\U00020000-\U0003fffd]")


def view(text: str, simplified: bool = False) -> str:
    """The text patterns are matched on: width-folded (and Simplified when `simplified`), with
    the same length as `text`, so a match's positions slice the printed text as well.
    (A character whose folded form is longer, such as ㈠, is kept as printed.)"""
    f = fold(text)
    if len(f) != len(text):
        f = "".join(_fold_char(c) for c in text)
    return simplify(f) if simplified else f


def simplify(text: str) -> str:
    """Traditional → Simplified (OpenCC), character for character (same length)."""
    s = _t2s().convert(text)
    return s if len(s) == len(text) else "".join(_t2s().convert(c) for c in text)


@lru_cache(maxsize=8192)
def _fold_char(c: str) -> str:
    f = fold(c)
    return f if len(f) == 1 else c


def is_traditional(text: str) -> bool:
    """Is the document printed in Traditional characters? (OpenCC changes many of them.)"""
    sample = text[:20000]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    if cjk < 20:
        return False
    changed = sum(1 for a, b in zip(sample, _t2s().convert(sample), strict=False) if a != b)
    return changed >= max(5, 0.02 * cjk)


@lru_cache(maxsize=1)
def _t2s():
    """OpenCC's Traditional→Simplified converter, built once (and only when needed)."""
    import opencc  # lazy: its dictionaries load only when a text has Traditional characters
    return opencc.OpenCC("t2s")


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"',
                         "『": '"', "』": '"', "〔": "[", "〕": "]", "【": "[", "】": "]",
                         "—": "-", "–": "-", "－": "-", "～": "~"})


_WS = re.compile(r"\s+")


def normalize(text: str) -> str:
    """The matching form: NFKC, Simplified, unified quotes and dashes, no whitespace."""
    s = _t2s().convert(fold(text).translate(_QUOTES))
    return _WS.sub("", s).lower()


def identity_form(norm: str) -> str:
    """A matching form (`normalize`) without punctuation and symbols (Unicode categories P and S)."""
    return "".join(c for c in norm if unicodedata.category(c)[0] not in "PS")


_CUT_NUMBER = re.compile(r"[^\x00-\x7f][\d.,]*\d$")   # digits after Chinese text, at the break


def joiner(left: str, right: str) -> str:
    """What joins two pieces of one broken line (a PDF line, a wrapped table cell): a space
    between two ASCII words, else nothing — Chinese runs on without one, and so does a number a
    wrap cut in two inside Chinese text (完成时限：202 / 6年底 is 2026年底, never 202 6)."""
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return "" if right[0].isdigit() and _CUT_NUMBER.search(left[-40:]) else " "
    return ""
