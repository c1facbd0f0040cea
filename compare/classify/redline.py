"""The redline of two measures: a diff on words (jieba's), in which a clause that moved is one
moved piece on each side, not a deletion here and an insertion there, and a kept fragment
shorter than a word between two changes is part of the change around it (a reader cannot use
a lone 动 or 。 kept among long struck and inserted runs: Word's character redline shatters
reworded Chinese that way).

Ops: "=" both, "-" old only, "+" new only, "<" a clause moved away from here (old side), ">" the
same clause at its new place (new side). Old text = "=", "-", "<" pieces in order; new text =
"=", "+", ">" pieces.

`kept_share(diff)` says how much of the two texts the redline keeps: below `READABLE` the two
measures were rewritten rather than edited, and the page shows them side by side as printed,
with the evidence lines, instead of a redline that would strike nearly everything.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from compare.text.normalize import normalize
from compare.text.words import cut

# Redline ops: "=" both, "-" old only, "+" new only, "<" a clause moved away from here (old
# side), ">" the same clause at its new place (new side). Old text = "=", "-", "<" pieces in
# order; new text = "=", "+", ">" pieces.
KEPT, OLD, NEW, MOVED_FROM, MOVED_TO = "=", "-", "+", "<", ">"

_SEGMENT = re.compile(r"[^，。；：！？,;:!?]+[，。；：！？,;:!?]*")

_MOVABLE = 6                    # characters a clause needs to be shown as moved

_PUA = 0xE000                   # placeholders for moved clauses (Unicode private use area)

# A kept run between two changes needs this many word characters (letters, digits, Chinese
# characters: punctuation does not count) to stand on its own: a Chinese word is two
# characters or more, a shorter fragment is a character the two rewordings happen to share.
MIN_KEPT = 2
_WORD_CHAR = re.compile(r"\w")

# Below this share of kept text (`kept_share`) a pair is shown side by side, not redlined: a
# redline that strikes and inserts seven eighths of both texts is a strike-through of the whole
# measure with a few formula words left standing (推进 … 便利化 … 单位：), which reads worse than
# the two texts as printed beside the evidence lines; above it the kept words are the measures'
# own terms, which is what a redline is for.
READABLE = 0.125


def redline(a: str, b: str) -> list[list[str]]:
    """Word redline of a → b: jieba words aligned (longest common runs first, as difflib
    aligns them), a clause that moved (same words, other position) one moved piece on each
    side, and kept fragments shorter than a word between changes merged into the change."""
    if a == b:                          # most links of a re-issued plan: nothing to align
        return [[KEPT, a]] if a else []
    moves = _moved_segments(a, b)
    if moves:
        a2, b2, pieces = _with_placeholders(a, b, moves)
    else:
        a2, b2, pieces = a, b, {}
    ta, tb = cut(a2), cut(b2)
    out: list[list[str]] = []
    matcher = SequenceMatcher(None, ta, tb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _emit(out, KEPT, "".join(ta[i1:i2]), pieces)
            continue
        if i2 > i1:
            _emit(out, OLD, "".join(ta[i1:i2]), pieces)
        if j2 > j1:
            _emit(out, NEW, "".join(tb[j1:j2]), pieces)
    return _readable(out)


def kept_share(diff: list[list[str]]) -> float:
    """The share of the two texts' characters the redline keeps (kept text counted on both
    sides): 1.0 for equal texts, 0.0 when nothing is kept. Moved clauses count as kept."""
    kept = sum(len(t) for op, t in diff if op in (KEPT, MOVED_FROM, MOVED_TO))
    changed = sum(len(t) for op, t in diff if op in (OLD, NEW))
    both = sum(len(t) for op, t in diff if op == KEPT)
    total = changed + kept + both
    return (kept + both) / total if total else 1.0


def readable(diff: list[list[str]]) -> bool:
    """Whether the page shows this redline, or the two texts side by side (`READABLE`)."""
    return kept_share(diff) >= READABLE


def _readable(runs: list[list[str]]) -> list[list[str]]:
    """Kept runs with fewer than MIN_KEPT word characters that sit between two changes become
    part of the change; then, between two kept runs (or moved pieces), all old-only text is one
    "-" piece and all new-only text one "+" piece, in that order (each side's text unchanged)."""
    changes = [op != KEPT for op, _ in runs]
    out: list[list[str]] = []
    for k, (op, text) in enumerate(runs):
        short = op == KEPT and len(_WORD_CHAR.findall(text)) < MIN_KEPT
        if short and 0 < k < len(runs) - 1 and changes[k - 1] and changes[k + 1]:
            _push_change(out, OLD, text)
            _push_change(out, NEW, text)
        elif op in (OLD, NEW):
            _push_change(out, op, text)
        else:
            out.append([op, text])
    return out


def _push_change(out: list[list[str]], op: str, text: str) -> None:
    """Add old-only (new-only) text to the change that ends `out`: after its other "-"
    ("+") text, so a change reads as one struck run followed by one inserted run."""
    at = len(out)
    while at > 0 and out[at - 1][0] in (OLD, NEW):
        at -= 1
    change = out[at:]
    same = next((piece for piece in change if piece[0] == op), None)
    if same is not None:
        same[1] += text
        return
    if op == OLD:
        out.insert(at, [op, text])
    else:
        out.append([op, text])


def _emit(out: list[list[str]], op: str, text: str, pieces: dict[str, tuple[str, str]]) -> None:
    """Append text under op, expanding placeholders into moved pieces; joins runs of one op."""
    run = ""
    for ch in text:
        if ch in pieces:
            if run:
                _push(out, op, run)
                run = ""
            _push(out, *pieces[ch])
        else:
            run += ch
    if run:
        _push(out, op, run)


def _push(out: list[list[str]], op: str, text: str) -> None:
    if out and out[-1][0] == op:
        out[-1][1] += text
    else:
        out.append([op, text])


@lru_cache(maxsize=1 << 14)
def _segment_key(seg: str) -> str:
    """A printed clause as the moved-clause check compares it (each clause keyed once)."""
    return re.sub(r"[^\w]", "", normalize(seg))


def _moved_segments(a: str, b: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Pairs of (start, end) spans of the same clause in a and b that the in-order alignment of
    clauses does not pair: the clause moved."""
    if any(_PUA <= ord(c) < _PUA + 0x1000 for c in a + b):
        return []
    sa = [(m.start(), m.end()) for m in _SEGMENT.finditer(a)]
    sb = [(m.start(), m.end()) for m in _SEGMENT.finditer(b)]
    ka = [_segment_key(a[i:j]) for i, j in sa]
    kb = [_segment_key(b[i:j]) for i, j in sb]
    in_order_a: set[int] = set()
    in_order_b: set[int] = set()
    for blk in SequenceMatcher(None, ka, kb, autojunk=False).get_matching_blocks():
        in_order_a.update(range(blk.a, blk.a + blk.size))
        in_order_b.update(range(blk.b, blk.b + blk.size))
    free_b: dict[str, list[int]] = {}
    for n, k in enumerate(kb):
        if n not in in_order_b and len(k) >= _MOVABLE:
            free_b.setdefault(k, []).append(n)
    out = []
    for n, k in enumerate(ka):
        if n in in_order_a or len(k) < _MOVABLE or not free_b.get(k):
            continue
        out.append((_trimmed(a, sa[n]), _trimmed(b, sb[free_b[k].pop(0)])))
    return out[: 0x800]


def _trimmed(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The clause without its trailing punctuation: the punctuation stays in the running diff."""
    i, j = span
    while j > i and not text[j - 1].isalnum():
        j -= 1
    return i, j


def _with_placeholders(a: str, b: str, moves) -> tuple[str, str, dict[str, tuple[str, str]]]:
    pieces: dict[str, tuple[str, str]] = {}
    cuts_a, cuts_b = [], []
    for n, ((i, j), (k, m)) in enumerate(moves):
        pa, pb = chr(_PUA + 2 * n), chr(_PUA + 2 * n + 1)
        pieces[pa] = (MOVED_FROM, a[i:j])
        pieces[pb] = (MOVED_TO, b[k:m])
        cuts_a.append((i, j, pa))
        cuts_b.append((k, m, pb))
    return _replace(a, cuts_a), _replace(b, cuts_b), pieces


def _replace(text: str, cuts: list[tuple[int, int, str]]) -> str:
    out, at = [], 0
    for i, j, ch in sorted(cuts):
        out.append(text[at:i])
        out.append(ch)
        at = j
    out.append(text[at:])
    return "".join(out)
