"""Classification: what changed between two linked measures, with the evidence a reader cites.

The status comes from the measures' commitments (compare.commitments): each old clause is
kept, reworded, widened, narrowed, generalised, moved or dropped, each new clause no old one
accounts for is added, and `status_from` turns those fates into a status by the rules the
README's table states. The measure-level evidence stays alongside, for the reports:
- enumerations (lists joined by 、 and ending in 等): items one side never mentions (双核(七)
  adds 慢性阻塞性肺疾病…);
- numbers with their units (10个工作日, 90%, 240小时) that appear on one side only;
- scope words: "由重度失能人群扩大至中度失能人群" and same-suffix swaps (重度失能 → 中度失能);
- responsible units added and removed; distinctive words only one side has;
- a character redline (rapidfuzz Indel opcodes) in which a clause that moved is one moved piece
  on each side, and phrase-level changes for reading.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import commitments as cm
from .clean import normalize
from .commitments import Fate, Weights, judge_group
from .enumerations import list_items, unshared
from .model import CONTINUED, EXPANDED, NARROWED, REVISED, UNCHANGED, Evidence, Link, Measure, same_text
from .tokens import GENERIC, words

_NUMBER = re.compile(r"\d+(?:\.\d+)?\s*"
                     r"(?:%|个工作日|个月|个|小时|分钟|天|日|年|万|亿|元|项|家|所|人|次|笔|公里|倍|类|批)?")
_SCOPE = re.compile(r"由([^，。；,.;由]{1,16}?)"
                    r"(?:扩大|拓展|扩展|延伸|提高|提升|增加|降低|缩短|缩小|调整|放宽)(?:至|到|为)"
                    r"([^，。；,.;]{1,16})")
_YEARISH = re.compile(r"^(?:19|20)\d{2}年?$")


def _numbers(norm: str) -> list[str]:
    return [n for n in (m.group(0) for m in _NUMBER.finditer(norm)) if not _YEARISH.match(n)]


def _scope_changes(a: Measure, b: Measure, a_only: list[str], b_only: list[str]) -> list[str]:
    out = []
    for m in _SCOPE.finditer(b.text_norm):
        if m.group(0) not in a.text_norm:
            out.append(f"{m.group(1)} → {m.group(2)}")
    for x in a_only:
        for y in b_only:
            if len(x) == len(y) >= 3 and x[1:] == y[1:] and x[0] != y[0]:
                out.append(f"{x} → {y}")
    return list(dict.fromkeys(out))


def _distinct_words(norm: str) -> list[str]:
    return [w for w in dict.fromkeys(words(norm)) if w not in GENERIC]


# Redline ops: "=" both, "-" old only, "+" new only, "<" a clause moved away from here (old
# side), ">" the same clause at its new place (new side). Old text = "=", "-", "<" pieces in
# order; new text = "=", "+", ">" pieces.
MOVED_FROM, MOVED_TO = "<", ">"
_SEGMENT = re.compile(r"[^，。；：！？,;:!?]+[，。；：！？,;:!?]*")
_MOVABLE = 6                    # characters a clause needs to be shown as moved
_PUA = 0xE000                   # placeholders for moved clauses (Unicode private use area)


def _diff(a: str, b: str, ops) -> list[list[str]]:
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


def _changes(a: str, b: str, ops) -> list[dict[str, str]]:
    """Changed phrases with a little context on each side: 主题旅游线路 → 主题游线路 (`ops`: the
    Indel opcodes of a → b). Edits whose context windows overlap are reported as one change."""
    spans: list[list[int]] = []
    for op in ops:
        if op.tag == "equal":
            continue
        s0, s1 = _widen(a, op.src_start, op.src_end)
        d0, d1 = _widen(b, op.dest_start, op.dest_end)
        if spans and (s0 <= spans[-1][1] or d0 <= spans[-1][3]):
            spans[-1][1], spans[-1][3] = max(spans[-1][1], s1), max(spans[-1][3], d1)
        else:
            spans.append([s0, s1, d0, d1])
    return [{"from": a[s0:s1], "to": b[d0:d1]} for s0, s1, d0, d1 in spans[:40]]


def _widen(s: str, i: int, j: int, ctx: int = 4) -> tuple[int, int]:
    stop = "，。；：、,;:"
    i0 = i
    while i0 > 0 and i - i0 < ctx and s[i0 - 1] not in stop:
        i0 -= 1
    j1 = j
    while j1 < len(s) and j1 - j < ctx and s[j1] not in stop:
        j1 += 1
    return i0, j1


def evidence(a: Measure, b: Measure) -> Evidence:
    """The measure-level evidence of a link, read from the measures' matching forms."""
    from rapidfuzz.distance import Indel
    na, nb = a.text_norm, b.text_norm
    # Only lists about something both measures speak of count: a list that shares an item or
    # its category word with the other side. Added: its things the other never mentions;
    # removed likewise. A list on an unrelated topic is not an expansion, just other content.
    added_items = unshared(list_items(b.norm), na)
    removed_items = unshared(list_items(a.norm), nb)
    nums_a, nums_b = _numbers(a.norm), _numbers(b.norm)
    wa, wb = _distinct_words(a.norm), _distinct_words(b.norm)
    a_only = [w for w in wa if w not in nb]
    b_only = [w for w in wb if w not in na]
    units_a = dict(zip(a.units_norm, a.units, strict=True))
    units_b = dict(zip(b.units_norm, b.units, strict=True))
    ops = Indel.opcodes(a.text, b.text)                 # one alignment for the redline and the phrases
    return Evidence(
        added_items=added_items,
        removed_items=removed_items,
        numbers_added=[n for n in dict.fromkeys(nums_b) if n not in nums_a],
        numbers_removed=[n for n in dict.fromkeys(nums_a) if n not in nums_b],
        scope_changes=_scope_changes(a, b, a_only, b_only),
        units_added=[u for k, u in units_b.items() if k not in units_a],
        units_removed=[u for k, u in units_a.items() if k not in units_b],
        terms_added=b_only[:15],
        terms_removed=a_only[:15],
        diff=_diff(a.text, b.text, ops),
        changes=_changes(a.text, b.text, ops),
    )


def _gain(f: Fate) -> float:
    """Weight of what a commitment's fate adds: a new clause, or each widening of a kept one
    (a longer list counts a little more)."""
    if f.change == cm.ADDED:
        return 1.0 + 0.25 * max(len(f.added_items) - 1, 0) if f.material else 0.0
    if f.up and (f.material or f.headline):
        return 1.0 + 0.25 * max(len(f.added_items) - 1, 0)
    return 0.0


def _loss(f: Fate) -> float:
    if f.change == cm.DROPPED:
        return 1.0 if f.material and not f.uncarried else 0.0
    if f.down and (f.material or f.headline):
        return 1.0 + 0.25 * max(len(f.removed_items) - 1, 0)
    return 0.0


def status_from(fates: list[Fate]) -> tuple[str, str]:
    """(status, secondary status or "") from the fates of a link's commitments, by the rules of
    the README's table. The secondary status names a close second reading: the smaller side of
    a revision, continued for a widening that is a widening word only or a narrowing of one
    clause beside intact ones, revised or narrowed when a split left commitments no part carries."""
    restated = any(f.change in cm.RESTATED for f in fates)
    gain = sum(_gain(f) for f in fates)
    loss = sum(_loss(f) for f in fates)
    uncarried = any(f.uncarried and f.material for f in fates)
    if not restated:
        return REVISED, EXPANDED if gain else NARROWED        # the approach replaced
    if gain and loss:
        return REVISED, EXPANDED if gain > loss else NARROWED if loss > gain else ""
    if gain:
        weak = all(f.weak for f in fates if _gain(f))
        return EXPANDED, REVISED if uncarried else CONTINUED if weak else ""
    if loss:
        intact = any(f.change in cm.RESTATED and f.material and not f.down for f in fates)
        return NARROWED, CONTINUED if loss <= 1 and intact else ""
    return CONTINUED, NARROWED if uncarried else ""


def _link(a: Measure, b: Measure, score: float, fates: list[Fate]) -> Link:
    if same_text(a, b):
        return Link(a.id, b.id, round(float(score), 4), UNCHANGED, Evidence(diff=[["=", b.text]]))
    ev = evidence(a, b)
    ev.commitments = [f.to_dict() for f in fates]
    status, secondary = status_from(fates)
    return Link(a.id, b.id, round(float(score), 4), status, ev, secondary_status=secondary)


def classify(a: Measure, b: Measure, score: float) -> Link:
    """A link with its status and evidence, for a pair seen alone (a reviewer's relink);
    `score` comes from the alignment."""
    fates = judge_group([a], [b], [(0, 0)], Weights([a, b]))[(0, 0)]
    return _link(a, b, score, fates)


def classify_pairs(a: list[Measure], b: list[Measure], pairs) -> list[Link]:
    """Links for the aligned pairs (objects with i, j, score) of measures a[i] → b[j], judged
    together so merges and splits are seen whole; IDF over both documents' measures."""
    pairs = list(pairs)
    fates = judge_group(a, b, [(p.i, p.j) for p in pairs], Weights(list(a) + list(b)))
    return [_link(a[p.i], b[p.j], p.score, fates[(p.i, p.j)]) for p in pairs]
