"""Classification: what changed between two linked measures, with the evidence a reader cites.

The status comes from the measures' commitments (compare.classify.commitments): each old clause is
kept, reworded, widened, narrowed, generalised, moved or dropped, each new clause no old one
accounts for is added, and `status_from` turns those fates into a status by the rules the
README's table states. The measure-level evidence stays alongside, for the reports:
- enumerations (lists joined by 、 and ending in 等): items one side never mentions (双核(七)
  adds 慢性阻塞性肺疾病…);
- numbers with their units (10个工作日, 90%, 240小时) that appear on one side only;
- scope words: "由重度失能人群扩大至中度失能人群" and same-suffix swaps (重度失能 → 中度失能);
- responsible units added and removed; distinctive words only one side has;
- a word redline (`redline`) in which a clause that moved is one moved piece on each side, and
  phrase-level changes for reading (rapidfuzz Indel opcodes on characters).
"""
from __future__ import annotations

import re

from rapidfuzz.distance import Indel

from compare.classify.clause_delta import modifier_swaps
from compare.classify.redline import redline
from compare.model import Evidence, Measure, lead_units
from compare.text.lexicon import is_generic, scope_changes, targets, words
from compare.text.lists import list_items, unshared


def _numbers(norm: str) -> list[str]:
    """The numbers with their units as printed (10个工作日, 90%), years left out."""
    return [printed for printed, _, _ in targets(norm)]


def _scope_changes(a: Measure, b: Measure) -> list[str]:
    """由X扩大至Y (any direction) new in b, and modifiers swapped on the same head (重度失能 → 中度失能):
    the same rules as the statuses' (`clause_delta`), read over the whole measures."""
    out = [f"{old} → {new}" for phrase, old, new, _ in scope_changes(b.text_norm) if phrase not in a.text_norm]
    out += modifier_swaps(a.norm, b.norm, a.text_norm, b.text_norm)
    return list(dict.fromkeys(out))


def _distinct_words(norm: str) -> list[str]:
    return [w for w in dict.fromkeys(words(norm)) if not is_generic(w)]


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


def deadline_change(a: Measure, b: Measure) -> str:
    """"2024年12月底 → 2025年6月底" when the two give their deadline (完成时限) otherwise, or, with no
    such clause, set other dates in their text (到2024年底前 → 到2025年底前): shown, never a change
    of status (each year's plan sets its own dates)."""
    if a.deadline != b.deadline:
        return f"{a.deadline or '—'} → {b.deadline or '—'}"
    da, db = _dates(a.text_norm), _dates(b.text_norm)
    gone, new = [d for d in da if d not in db], [d for d in db if d not in da]
    return f"{'、'.join(gone)} → {'、'.join(new)}" if gone and new else ""


def lead_change(a: Measure, b: Measure) -> str:
    """"A → B" when other units lead (牵头) — told only where a measure names a support role, so
    (责任单位：A、B) against (牵头单位：A、B) is no change."""
    la, lb = lead_units(a), lead_units(b)
    if set(la) == set(lb) or not (a.support_units or b.support_units):
        return ""
    shown_a = [u for u, n in zip(a.units, a.units_norm, strict=True) if n in la]
    shown_b = [u for u, n in zip(b.units, b.units_norm, strict=True) if n in lb]
    return f"{'、'.join(shown_a) or '—'} → {'、'.join(shown_b) or '—'}"


# A time a measure is to be done by: 2025年底, 2025年6月底, 2026年上半年 (a bare year, 2025年, is
# the plan's period as often as a deadline, so it counts only with 底/末/前/月).
_DATE = re.compile(r"(?:19|20)\d{2}年(?:\d{1,2}月(?:底|末|\d{1,2}日)?|底|末|上半年|下半年|年底)|(?:19|20)\d{2}年(?=前)")


def _dates(norm: str) -> list[str]:
    return list(dict.fromkeys(m.group(0) for m in _DATE.finditer(norm)))


def evidence(a: Measure, b: Measure) -> Evidence:
    """The measure-level evidence of a link, read from the measures' matching forms."""
    na, nb = a.text_norm, b.text_norm
    # Only lists about something both measures speak of count: a list that shares an item or
    # its category word with the other side. Added: its things the other never mentions;
    # removed likewise. A list on an unrelated topic is not an expansion, just other content.
    added_items = unshared(list_items(b.norm), na, b.places)
    removed_items = unshared(list_items(a.norm), nb, a.places)
    nums_a, nums_b = _numbers(a.norm), _numbers(b.norm)
    wa, wb = _distinct_words(a.content), _distinct_words(b.content)     # stock sentences say nothing new
    a_only = [w for w in wa if w not in nb]
    b_only = [w for w in wb if w not in na]
    units_a = dict(zip(a.units_norm, a.units, strict=True))
    units_b = dict(zip(b.units_norm, b.units, strict=True))
    ops = Indel.opcodes(a.text, b.text)                 # the changed phrases, character by character
    return Evidence(
        added_items=added_items,
        removed_items=removed_items,
        numbers_added=[n for n in dict.fromkeys(nums_b) if n not in nums_a],
        numbers_removed=[n for n in dict.fromkeys(nums_a) if n not in nums_b],
        scope_changes=_scope_changes(a, b),
        units_added=[u for k, u in units_b.items() if k not in units_a],
        units_removed=[u for k, u in units_a.items() if k not in units_b],
        deadline_change=deadline_change(a, b),
        lead_change=lead_change(a, b),
        terms_added=b_only[:15],
        terms_removed=a_only[:15],
        diff=redline(a.text, b.text),
        changes=_changes(a.text, b.text, ops),
    )


