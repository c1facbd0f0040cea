"""Classification: what changed between two linked measures, with the evidence a reader cites.

- Enumerations (lists joined by 、 and ending in 等): items of one list that the other measure
  never mentions are added or removed items (双核(七) adds 慢性阻塞性肺疾病…).
- Numbers with their units (10个工作日, 90%, 240小时) that appear on one side only.
- Scope words: explicit "由重度失能人群扩大至中度失能人群" and same-suffix swaps (重度失能 → 中度失能).
- Responsible units added and removed; distinctive words only one side has.
- A character-level redline (rapidfuzz Indel opcodes) and phrase-level changes for reading.
Status: unchanged (same cleaned text), expanded (adds items or scope), narrowed (removes
items), revised (both, or changed numbers), continued (same substance, reworded).
"""
from __future__ import annotations

import re

from .clean import fold, normalize
from .model import CONTINUED, EXPANDED, NARROWED, REVISED, UNCHANGED, Evidence, Link, Measure
from .tokens import GENERIC, words

_CLAUSE = re.compile(r"[，。；：！？,;:!?（）()“”\"]")
_LIST_TAIL = re.compile(r"(等|\d|个|的|方面|领域|多种|各类|在内)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?\s*"
                     r"(?:%|个工作日|个月|个|小时|分钟|天|日|年|万|亿|元|项|家|所|人|次|笔|公里|倍|类|批)?")
_SCOPE = re.compile(r"由([^，。；,.;由]{1,16}?)"
                    r"(?:扩大|拓展|扩展|延伸|提高|提升|增加|降低|缩短|缩小|调整|放宽)(?:至|到|为)"
                    r"([^，。；,.;]{1,16})")
# Words that open a list's first item without being part of it: 简化高血压、糖尿病… → 高血压.
_LEAD = frozenset("""简化 增加 新增 将 把 对 包括 涵盖 取消 推广 纳入 实施 开展 办理 申请 申办 提供 实行 实现 拓展 扩大
支持 鼓励 引导 举办 组织 落实 完善 建设 打造 推进 推动 加强 在 与 向 为 以 按 围绕 聚焦 针对 面向 覆盖 重点 优先
深化 强化 促进 健全 建立 探索 统筹 联合 共同 持续 逐步 进一步 积极 有序 全面 深入 大力 及时 依法 整合 集成 优化
共享 互认 互通 通过 利用 依托 用好 实施 发展 培育 保障 满足 提升 提高 开通 设立 设置 完成 加快 同步""".split())
_YEARISH = re.compile(r"^(?:19|20)\d{2}年?$")


def _items(text: str) -> list[tuple[list[str], list[str]]]:
    """The 、-joined enumerations of a text (normalised): (listed things, the clause's other
    distinctive words — the category the list belongs to, e.g. 门诊慢特病)."""
    out: list[tuple[list[str], list[str]]] = []
    for clause in _CLAUSE.split(normalize(text)):
        if "、" not in clause:
            continue
        parts = clause.split("、")
        last = parts[-1]
        cut = _LIST_TAIL.search(last)
        last = last[: cut.start()] if cut else last
        tail = re.split(r"(?:和|及|与|以及)", last)
        if len(tail) == 2 and 1 < len(tail[1]) <= 12:
            parts = parts[:-1] + tail
        else:
            parts = parts[:-1] + [last]
        if len(parts) < 3 and not cut:
            continue                       # "重庆、成都" is a pair of names, not an enumeration
        middle = [p for p in parts[1:-1]] or [parts[-1]]
        width = max(len(p) for p in middle)
        parts[0] = _strip_lead(parts[0], width)
        if len(parts[-1]) > 2 * width + 2:
            parts[-1] = _head_words(parts[-1], width)
        items = [p for p in parts if 1 < len(p) <= 20]
        context = clause
        for p in items:
            context = context.replace(p, " ")
        out.append((items, [w for w in words(context) if w not in GENERIC]))
    return out


def _strip_lead(s: str, width: int) -> str:
    """Drop the verbs that open a list's first item (增加慢性阻塞性肺疾病 → 慢性阻塞性肺疾病)."""
    ws = [w for w in _jieba_all(s)]
    while len(ws) > 1 and ws[0] in _LEAD:
        ws = ws[1:]
    rest = "".join(ws)
    if len(rest) > 2 * width + 2:
        rest = rest[-width:]
    return rest


def _jieba_all(s: str) -> list[str]:
    """jieba words keeping single characters, so the pieces join back to s."""
    from .tokens import _jieba
    return _jieba().lcut(s, HMM=False)


def _head_words(s: str, width: int) -> str:
    ws = words(s) or [s]
    keep = ""
    for w in ws:
        if keep and len(keep) + len(w) > width + 1:
            break
        keep += w
    return keep if s.startswith(keep) else s[:width]


def _unshared(lists: list[tuple[list[str], list[str]]], other: str) -> list[str]:
    out: list[str] = []
    for items, context in lists:
        related = any(x in other for x in items) or any(w in other for w in context)
        if related:
            out.extend(x for x in items if not _mentioned(x, other))
    return list(dict.fromkeys(out))


def _mentioned(item: str, other: str) -> bool:
    """An item is mentioned if it occurs, or all its distinctive words do (高铁购票 ~ 高铁…购票)."""
    if item in other:
        return True
    ws = [w for w in words(item) if w not in GENERIC]
    return bool(ws) and all(w in other for w in ws)


def _numbers(text: str) -> list[str]:
    found = [m.group(0).replace(" ", "") for m in _NUMBER.finditer(fold(text))]
    return [n for n in found if not _YEARISH.match(n)]


def _scope_changes(a: Measure, b: Measure, a_only: list[str], b_only: list[str]) -> list[str]:
    out = []
    na = normalize(a.text)
    for m in _SCOPE.finditer(normalize(b.text)):
        if m.group(0) not in na:
            out.append(f"{m.group(1)} → {m.group(2)}")
    for x in a_only:
        for y in b_only:
            if len(x) == len(y) >= 3 and x[1:] == y[1:] and x[0] != y[0]:
                out.append(f"{x} → {y}")
    return list(dict.fromkeys(out))


def _distinct_words(text: str) -> list[str]:
    return [w for w in dict.fromkeys(words(normalize(text))) if w not in GENERIC]


def _diff(a: str, b: str) -> list[list[str]]:
    from rapidfuzz.distance import Indel
    out: list[list[str]] = []
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            out.append(["=", a[op.src_start:op.src_end]])
        else:
            if op.src_end > op.src_start:
                out.append(["-", a[op.src_start:op.src_end]])
            if op.dest_end > op.dest_start:
                out.append(["+", b[op.dest_start:op.dest_end]])
    return out


def _changes(a: str, b: str) -> list[dict[str, str]]:
    """Changed phrases with a little context on each side: 主题旅游线路 → 主题游线路.
    Edits whose context windows overlap are reported as one change."""
    from rapidfuzz.distance import Indel
    spans: list[list[int]] = []
    for op in Indel.opcodes(a, b):
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
    na, nb = normalize(a.text), normalize(b.text)
    # Only lists about something both measures speak of count: a list that shares an item or
    # its category word with the other side. Added: its things the other never mentions;
    # removed likewise. A list on an unrelated topic is not an expansion, just other content.
    added_items = _unshared(_items(b.body), na)
    removed_items = _unshared(_items(a.body), nb)
    nums_a, nums_b = _numbers(a.body), _numbers(b.body)
    wa, wb = _distinct_words(a.body), _distinct_words(b.body)
    a_only = [w for w in wa if w not in nb]
    b_only = [w for w in wb if w not in na]
    units_a = {normalize(u): u for u in a.units}
    units_b = {normalize(u): u for u in b.units}
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
        diff=_diff(a.text, b.text),
        changes=_changes(a.text, b.text),
    )


def status_of(a: Measure, b: Measure, ev: Evidence) -> str:
    if normalize(a.text) == normalize(b.text):
        return UNCHANGED
    grows = bool(ev.added_items or ev.scope_changes)
    shrinks = bool(ev.removed_items)
    if grows and shrinks:
        return REVISED
    if grows:
        return EXPANDED
    if shrinks:
        return NARROWED
    if ev.numbers_added and ev.numbers_removed:
        return REVISED
    return CONTINUED


def classify(a: Measure, b: Measure, score: float) -> Link:
    """A link with its status and evidence; `score` comes from the alignment."""
    if normalize(a.text) == normalize(b.text):
        return Link(a.id, b.id, round(float(score), 4), UNCHANGED, Evidence(diff=[["=", b.text]]))
    ev = evidence(a, b)
    return Link(a.id, b.id, round(float(score), 4), status_of(a, b, ev), ev)


def classify_pairs(a: list[Measure], b: list[Measure], pairs) -> list[Link]:
    """Links for the aligned pairs (objects with i, j, score) of measures a[i] → b[j]."""
    return [classify(a[p.i], b[p.j], p.score) for p in pairs]
