"""Enumerations: the 、-joined lists of Chinese policy text and the things they name.

Plans widen or narrow a commitment mostly by its lists (简化高血压、糖尿病等门诊慢特病… →
…高血压、糖尿病、冠心病…), so a list's items are what evidence names. A list is told from a pair
of names (重庆、成都) by its length or its closing 等; the verb that opens the first item
(简化高血压 → 高血压) and the head noun after the last (…强直性脊柱炎5个门诊慢特病 → 强直性脊柱炎)
are cut off.
"""
from __future__ import annotations

import re
from functools import lru_cache

from compare.text.lexicon import is_generic, places_in, without_places, words
from compare.text.words import cut, known_parts

_CLAUSE = re.compile(r"[，。；：！？,;:!?（）()“”\"]")
_ADJACENT_QUOTES = re.compile(r"[”\"]\s*[“\"]")
_LIST_TAIL = re.compile(r"(等|\d|个|的|方面|领域|多种|各类|在内)")
# Words that open a list's first item without being part of it: 简化高血压、糖尿病… → 高血压.
_LEAD = frozenset("""简化 增加 新增 将 把 对 包括 涵盖 取消 推广 纳入 实施 开展 办理 申请 申办 提供 实行 实现 拓展 扩大
支持 鼓励 引导 举办 组织 落实 完善 建设 打造 推进 推动 加强 在 与 向 为 以 按 围绕 聚焦 针对 面向 覆盖 重点 优先
深化 强化 促进 健全 建立 探索 统筹 联合 共同 持续 逐步 进一步 积极 有序 全面 深入 大力 及时 依法 整合 集成 优化
共享 互认 互通 通过 利用 依托 用好 发展 培育 保障 满足 提升 提高 开通 设立 设置 完成 加快 同步 采取 采用""".split())
# Verbs that open a clause and govern what follows (开展送教送培): inside a first item wider than
# the list's others, what stands before one is the clause's adverbial (常态化开展, 定期组织), not
# the item.
OPENING_VERBS = frozenset("""推进 推动 实现 开展 建立 加强 完善 深化 优化 推广 支持 实施 打造 探索 深入 持续 逐步
组织 举办 采取 采用""".split())


@lru_cache(maxsize=1 << 14)
def list_items(norm: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """The 、-joined enumerations of a normalised text: (listed things, the clause's other
    distinctive words — the category the list belongs to, e.g. 门诊慢特病). Remembered per text:
    classification asks about the same clauses many times."""
    out: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    norm = _ADJACENT_QUOTES.sub("、", norm)     # “银龄安康”“幸福食堂”三项工程: a list of quoted names
    for clause in _CLAUSE.split(norm):
        if "、" not in clause:
            continue
        parts = clause.split("、")
        last = parts[-1]
        tail_mark = _LIST_TAIL.search(last)
        last = last[: tail_mark.start()] if tail_mark else last
        tail = re.split(r"(?:和|及|与|以及)", last)
        if len(tail) == 2 and 1 < len(tail[1]) <= 12:
            parts = parts[:-1] + tail
        else:
            parts = parts[:-1] + [last]
        if len(parts) < 3 and not tail_mark and any(places_in(p) or len(p) < 2 for p in parts):
            continue                       # "重庆、成都" is a pair of names, not an enumeration
        middle = parts[1:-1] or [parts[-1]]
        width = max(len(p) for p in middle)
        parts[0] = _strip_lead(parts[0], width)
        if len(parts[-1]) > 2 * width + 2:
            parts[-1] = _head_words(parts[-1], width)
        items = [p for p in parts if 1 < len(p) <= 20]
        context = clause
        for p in items:
            context = context.replace(p, " ")
        out.append((tuple(items), tuple(w for w in words(context) if not is_generic(w))))
    return tuple(out)


def _strip_lead(s: str, width: int) -> str:
    """Drop the verbs that open a list's first item (增加慢性阻塞性肺疾病 → 慢性阻塞性肺疾病), with
    a word that modifies the first of them (基本实现营业执照, 高标准建设食堂: drafters reword the
    verb, the list is the same) — only at the start: after 按, 在, 对 the words are the
    preposition's object (按可达性统筹120 → 可达性统筹120); and in an item wider than the others, what
    comes before an opening verb inside it with two words after it (常态化开展送教送培 → 送教送培): the
    clause's adverbial is no part of the first thing listed."""
    ws = cut(s)
    if len(ws) > 2 and ws[1] in _LEAD and ws[0] not in _LEAD and len(ws[0]) <= 3 and not places_in(ws[0]):
        ws = ws[1:]
    while len(ws) > 1 and _opens(ws[0]):
        ws = ws[1:]
    if len("".join(ws)) > width:
        inner = [k for k in range(1, len(ws) - 2) if ws[k] in OPENING_VERBS and len("".join(ws[k + 1:])) >= 4]
        ws = ws[inner[-1] + 1:] if inner else ws
    rest = "".join(ws)
    if len(rest) > 2 * width + 2:
        rest = rest[-width:]
    return rest


def _opens(w: str) -> bool:
    """A lead verb, or a word made of lead words (大力推广, 全面实现)."""
    if w in _LEAD:
        return True
    parts = known_parts(w) if len(w) >= 4 else []
    return bool(parts) and all(p in _LEAD for p in parts)


def _head_words(s: str, width: int) -> str:
    ws = words(s) or [s]
    keep = ""
    for w in ws:
        if keep and len(keep) + len(w) > width + 1:
            break
        keep += w
    return keep if s.startswith(keep) else s[:width]


def unshared(lists, other: str, places=()) -> list[str]:
    """Items of `lists` that `other` never mentions — counting only lists about something the
    other text speaks of (one of their items or category words occurs in it): a list on an
    unrelated topic is other content, not an added or removed item. `places`: the place names the
    items' document gives (`mentioned`)."""
    out: list[str] = []
    for items, context in lists:
        related = any(x in other for x in items) or any(w in other for w in context)
        if related:
            out.extend(x for x in items if not mentioned(x, other, places))
    return list(dict.fromkeys(out))


def mentioned(item: str, other: str, places=()) -> bool:
    """An item is mentioned if it occurs, or all its distinctive words do (高铁购票 ~ 高铁…购票) —
    read without the places its document gives (`places`): an item cut from a list reads a place
    only its list shows (大理 of 昆明、大理两市) as a word."""
    if item in other:
        return True
    ws = [w for w in words(without_places(item, places)) if not is_generic(w)]
    return bool(ws) and all(w in other for w in ws)
