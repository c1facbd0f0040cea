"""Clauses: a measure's body cut into the sentences and comma clauses a reader would quote.

Sentences end at 。；！？ (and at line breaks between numbered items); commas split clauses, but an
adverbial opening (在…，按…，通过…，…时，) belongs to the clause it opens, and a piece shorter than
_MIN_CLAUSE characters joins its neighbour. In 推动X，实现Y the 实现-clause is the goal and X its
means (plans often keep a goal and drop the means).
"""
from __future__ import annotations

import re
from functools import lru_cache

from compare.text.normalize import normalize

# Splitting: sentences end at 。；！？ (and line breaks between numbered items); commas split
# clauses, but an adverbial opening (在…，按…，通过…，…时，) belongs to the clause it opens.
_SENTENCE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")


_COMMA = re.compile(r"([，,])(?!\d)")


_OPENER = re.compile(r"^(?:在|按照|按|经|通过|依托|对|针对|围绕|聚焦|面向|根据|结合|立足|为了|为|凭|由|从|以|随着)")


_OPENER_END = re.compile(r"(?:时|后|前|下|中|方式|途径|基础上)$")


_GOAL = re.compile(r"^(?:以|从而|进而)?(?:实现|确保)")


_ENUM_PREFIX = re.compile(r"^\s*(?:\d{1,2}[.、．]|[（(][一二三四五六七八九十\d]+[)）])\s*")


_TRIM = "，,。；;：:！？!? \t"


_MIN_CLAUSE = 5     # characters: shorter comma pieces join their neighbour


@lru_cache(maxsize=1 << 14)
def split_body(body: str, title: str, item_titles: tuple[str, ...]) -> tuple[tuple[str, str, bool, bool], ...]:
    heads = {normalize(t) for t in item_titles}
    out: list[tuple[str, str, bool, bool]] = []
    for line in body.split("\n"):
        for sent in _SENTENCE.findall(line):
            sent = _ENUM_PREFIX.sub("", sent).strip(_TRIM + "\u3000")
            if not sent:
                continue
            nsent = normalize(sent)
            head = not out and nsent == title or nsent in heads    # a headline's clauses, too, are quoted alone
            clauses = _comma_clauses(sent)
            out.extend((c, normalize(c), head, k + 1 < len(clauses) and bool(_GOAL.match(clauses[k + 1])))
                       for k, c in enumerate(clauses))
    return tuple(out)


def _comma_clauses(sentence: str) -> list[str]:
    """A sentence's comma clauses, as printed (each comma kept as the text has it)."""
    raw = _COMMA.split(sentence)            # [piece, comma, piece, comma, …]
    pieces = [(raw[k].strip(_TRIM), raw[k - 1] if k else "") for k in range(0, len(raw), 2)]
    pieces = [(p, sep) for p, sep in pieces if p]
    out: list[str] = []
    carry = ""
    for k, (p, sep) in enumerate(pieces):
        last = k == len(pieces) - 1
        if carry:
            p = carry + (sep or "，") + p
            carry = ""
        if not last and (is_opening(p) or cjk_len(p) < _MIN_CLAUSE and not out):
            carry = p                       # an adverbial or a stub: it opens the next clause
        elif cjk_len(p) < _MIN_CLAUSE and out:
            out[-1] += (sep or "，") + p
        else:
            out.append(p)
    if carry:
        if out:
            out[-1] += "，" + carry
        else:
            out.append(carry)
    return out


_ACTION = re.compile(r"推进|推动|实现|开展|建立|建设|加强|完善|健全|深化|优化|提升|推广|支持|鼓励|实施|落实|打造|"
                     r"探索|扩大|拓展|增加|简化|取消|纳入|办理|提供|共建|联合|统筹|协同|引导|组织|开通|设立|制定|发布|"
                     r"培养|保障|促进|满足|提高|降低|缩短|互认|共享|对接|举办|开行|编制|出台|构建|形成|申办|申请")


def is_opening(p: str) -> bool:
    """An adverbial opening (依托全国一体化政务服务平台, 在跨界毗邻地区): it frames or names the means of
    the clause it opens and commits to nothing alone."""
    return bool(_OPENER.match(p) or _OPENER_END.search(p)) and not _has_action(p)


def _has_action(p: str) -> bool:
    """An adverbial opening has no verb of its own beyond its preposition (在跨界毗邻地区)."""
    rest = _OPENER.sub("", p, count=1)
    return bool(_ACTION.search(rest)) and len(rest) > 8


def cjk_len(s: str) -> int:
    return len(re.findall(r"[\u4e00-\u9fff0-9A-Za-z]", s))
