"""The redline of two measures: a character diff in which a clause that moved is one moved piece on
each side, not a deletion here and an insertion there.

Ops: "=" both, "-" old only, "+" new only, "<" a clause moved away from here (old side), ">" the
same clause at its new place (new side). Old text = "=", "-", "<" pieces in order; new text =
"=", "+", ">" pieces.
"""
from __future__ import annotations

import re
from functools import lru_cache

from compare.text.normalize import normalize

# Redline ops: "=" both, "-" old only, "+" new only, "<" a clause moved away from here (old
# side), ">" the same clause at its new place (new side). Old text = "=", "-", "<" pieces in
# order; new text = "=", "+", ">" pieces.
MOVED_FROM, MOVED_TO = "<", ">"


_SEGMENT = re.compile(r"[^，。；：！？,;:!?]+[，。；：！？,;:!?]*")


_MOVABLE = 6                    # characters a clause needs to be shown as moved


_PUA = 0xE000                   # placeholders for moved clauses (Unicode private use area)


def redline(a: str, b: str, ops) -> list[list[str]]:
    """Character redline of a → b (`ops`: their Indel opcodes) where a clause that moved (same
    words, other position) is one moved piece on each side instead of a deletion here and an
    insertion there."""
    moves = _moved_segments(a, b)
    if moves:
        from rapidfuzz.distance import Indel
        a2, b2, pieces = _with_placeholders(a, b, moves)
        ops = Indel.opcodes(a2, b2)
    else:
        a2, b2, pieces = a, b, {}
    out: list[list[str]] = []
    for op in ops:
        if op.tag == "equal":
            _emit(out, "=", a2[op.src_start:op.src_end], pieces)
            continue
        if op.src_end > op.src_start:
            _emit(out, "-", a2[op.src_start:op.src_end], pieces)
        if op.dest_end > op.dest_start:
            _emit(out, "+", b2[op.dest_start:op.dest_end], pieces)
    return out


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
    from difflib import SequenceMatcher
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
