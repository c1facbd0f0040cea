"""What closes a measure: the units that carry it and its deadline, taken off its body.

Printed forms, all read the same way: a closing （牵头单位：A、B；配合单位：C） and （完成时限：…）
clause (or in 【】〔〕[]); units named by duty, （A牵头负责） or （A牵头，B配合）; and lines or
sentences after the measure's last full stop that name them without brackets ("责任单位：A、B",
"完成时限：2025年底", as 工作要点 and 任务分工 documents print them). A task-table row and the
printed measure of the same task then have the same body and the same units.
"""
from __future__ import annotations

import re

from compare.text.lexicon import (BODIES, CLOSE, CLOSE_BRACKETS, DEADLINE_HEADERS, DUTY_CLAUSE, NOT_BRACKET, OPEN,
                                  OPEN_BRACKETS, SUPPORT_UNIT_HEADERS, UNIT_HEADERS)

__all__ = ["ROLE_LINE", "UNITS_CLAUSE", "split_closing", "split_closing_parts"]

UNITS_CLAUSE = re.compile(rf"{OPEN}\s*(?P<header>" + "|".join(UNIT_HEADERS) + r")\s*[:：]"
                          rf"(?P<units>{NOT_BRACKET}*(?:{OPEN}{NOT_BRACKET}*{CLOSE}{NOT_BRACKET}*)*){CLOSE}\s*[。.]?\s*$")
_DEADLINE = re.compile(rf"{OPEN}\s*(?:" + "|".join(DEADLINE_HEADERS)
                       + rf")\s*[:：]\s*(?P<deadline>{NOT_BRACKET}*){CLOSE}\s*[。.]?\s*$")
_UNIT_HEADER = re.compile(r"(?:" + "|".join(UNIT_HEADERS) + r")\s*[:：]")
_DEADLINE_HEADER = re.compile(r"[，,；;]?\s*(?:" + "|".join(DEADLINE_HEADERS) + r")\s*[:：]\s*")
# a bracket that gives the deadline first and then the units: （完成时限：2025年底；牵头单位：A）
_ROLES_CLAUSE = re.compile(rf"{OPEN}(?P<header>)(?P<units>\s*(?:" + "|".join(DEADLINE_HEADERS) + r")\s*[:：]"
                           rf"{NOT_BRACKET}*?[；;，,]\s*(?:" + "|".join(UNIT_HEADERS) + rf")\s*[:：]{NOT_BRACKET}*){CLOSE}\s*[。.]?\s*$")
_OTHER_ROLE = re.compile(r"^[^:：]{1,8}[:：]")   # a role of its own in the units bracket (责任领导：, 联系人：)
_NAME_SEPARATOR = r"[，,、；;]"          # between the names of a units list (文化和旅游部门 is one name)
_UNIT_SPLIT = re.compile(_NAME_SEPARATOR + r"|(?P<header>" + "|".join(UNIT_HEADERS) + r")[:：]")


# "责任单位：A、B" / "完成时限：2025年底" without brackets, after the measure's last full stop.
ROLE_LINE = re.compile(r"(?P<header>" + "|".join(sorted(UNIT_HEADERS + DEADLINE_HEADERS, key=len, reverse=True))
                   + r")\s*[:：]")
_ROLE_NAME = 30           # characters: a longer piece is a sentence about the units, not a name
# A bracket that is part of a unit's name (人力资源社会保障厅（局）, 省卫生健康委（省中医药局）,
# 各县（区）人民政府): a few Chinese characters right after one, no header, no time, no separator.
_NAME_SUFFIX = re.compile(rf"(?<=[\u4e00-\u9fff]){OPEN}[\u4e00-\u9fff]{{1,10}}{CLOSE}")


def split_closing(text: str, v: str) -> tuple[str, list[str], list[str], str]:
    """Split what closes a measure off it (see the module docstring): (body, units, support
    units, deadline)."""
    text, v, units, support, deadline = _split_role_lines(text, v)
    body, more, more_support, bracketed = _split_bracketed(text, v)
    return (body, list(dict.fromkeys(shared_body(more + units))), list(dict.fromkeys(shared_body(more_support + support))),
            bracketed or deadline)


_BARE_PLACE = re.compile(r"[\u4e00-\u9fff]{1,5}[省市区县州]")
_PLACE_AND_BODY = re.compile(r"([\u4e00-\u9fff]{1,5}[省市区县州])([\u4e00-\u9fff]{2,}(?:委员会|委|厅|局|办|部门|中心))")


def shared_body(names: list[str]) -> list[str]:
    """A list whose places share the body named after the last (长沙市、株洲市、湘潭市生态环境局:
    each city's 生态环境局), as a reader distributes it; other lists as they are."""
    out = list(names)
    for k, name in enumerate(names):
        m = _PLACE_AND_BODY.fullmatch(name)
        if not m:
            continue
        j = k
        while j > 0 and _BARE_PLACE.fullmatch(out[j - 1]):
            j -= 1
        for n in range(j, k):
            out[n] = out[n] + m.group(2)
    return out


def split_closing_parts(parts: list[tuple[str, str, str]]) -> tuple[str, list[str], list[str], str]:
    """`split_closing` of a measure printed in parts — its own text, then each sub-item as
    (printed label, text, view) — where each part may close with units of its own
    (1.…（牵头单位：A；配合单位：B） 2.…（牵头单位：C）, or role lines under each item): the body
    is the parts without their closings, the units are every part's in order (a unit that leads
    anywhere is no support unit), the deadline the last one printed."""
    bodies: list[str] = []
    units: list[str] = []
    support: list[str] = []
    lead: set[str] = set()
    deadline = ""
    for label, text, v in parts:
        body, named, backing, when = split_closing(text, v)
        if label or body.strip():
            bodies.append(label + body)
        units += named
        support += backing
        lead.update(u for u in named if u not in backing)
        deadline = when or deadline
    return ("\n".join(bodies), list(dict.fromkeys(units)),
            [u for u in dict.fromkeys(support) if u not in lead], deadline)


def _split_bracketed(text: str, v: str) -> tuple[str, list[str], list[str], str]:
    """The bracketed clauses closing a measure, （牵头单位：…） and （完成时限：…） in either order or
    in one bracket (（牵头单位：A；完成时限：2025年底）), else units named by duty: (body, units,
    support units, deadline)."""
    deadline = ""
    m = _DEADLINE.search(v)
    if m and not _UNIT_HEADER.search(m.group("deadline")):       # printed, as every value read here
        deadline, text, v = _printed(text, m, "deadline"), text[: m.start()].rstrip(), v[: m.start()].rstrip()
    body, units, support, within = _split_units(text, v)
    deadline = deadline or within
    if not deadline and (m := _DEADLINE.search(v[: len(body)])):
        deadline, body = _printed(text, m, "deadline"), body[: m.start()].rstrip()
    if not units:
        body, units, support, when = _split_duties(body, v[: len(body)])
        deadline = deadline or when
    return body, units, support, deadline


def _printed(text: str, m: re.Match, group: str) -> str:
    """A value found on the view, as printed."""
    return text[m.start(group):m.end(group)].strip()


def _split_duties(text: str, v: str) -> tuple[str, list[str], list[str], str]:
    """The units a measure names by duty — （省发展改革委牵头负责） after the measure or after each of
    its items, with a time (（A牵头，B配合，2025年底前完成）) — taken out of the body: (body, units,
    support units, the time of the last such clause)."""
    lead: list[str] = []
    support: list[str] = []
    cuts = []
    when = ""
    for m in DUTY_CLAUSE.finditer(v):
        if not BODIES.search(m.group("lead")):
            continue
        cuts.append(m.span())
        lead += _names(text[m.start("lead"):m.end("lead")])
        if m.group("support"):
            support += _names(text[m.start("support"):m.end("support")])
        if m.group("time"):
            when = text[m.start("time"):m.end("time")].strip()
    if not cuts:
        return text, [], [], ""
    body, at = [], 0
    for start, end in cuts:
        body.append(text[at:start].rstrip())
        at = end
    body.append(text[at:])
    units = list(dict.fromkeys(lead + support))
    return "".join(body).rstrip(), units, [u for u in dict.fromkeys(support) if u not in lead], when


def _names(printed: str) -> list[str]:
    """Unit names listed with 、，；和 (按职责分工 and similar tails already cut)."""
    return [u.strip(" 。.") for u in re.split(r"[、，,；;]|和", printed) if u.strip(" 。.")]


# What may stand around a name in a units list: spaces, a full stop, and the line break of a clause
# printed over two lines (（牵头单位：A；⏎配合单位：B）), which is no unit of its own.
_NAME_EDGE = " \t\u3000\n。."


def _split_units(text: str, v: str) -> tuple[str, list[str], list[str], str]:
    """Split a trailing （牵头单位：A、B；配合单位：C；完成时限：…） clause off the text: (body,
    [A, B, C], [C], the deadline) — every unit, those a support header (配合单位…) names, and a
    deadline given in the same bracket, before the units or after them."""
    m = UNITS_CLAUSE.search(v) or _ROLES_CLAUSE.search(v)
    if not m:
        return text, [], [], ""
    start, end = m.span("units")
    printed, pv = text[start:end], v[start:end]
    deadline = ""
    if (d := _DEADLINE_HEADER.search(pv)) is not None:     # the deadline, wherever it stands
        u = _UNIT_HEADER.search(pv, d.end())
        stop = u.start() if u else len(pv)
        deadline = printed[d.end():stop].strip(" 。.；;，,")
        joint = "；" if d.start() and u else ""
        printed = printed[:d.start()] + joint + printed[stop:]
        pv = pv[:d.start()] + joint + pv[stop:]
    support = bool(m.group("header")) and m.group("header") in SUPPORT_UNIT_HEADERS
    named: list[tuple[str, bool]] = []
    at = 0
    for sep in _UNIT_SPLIT.finditer(pv):
        named.append((printed[at:sep.start()].strip(_NAME_EDGE), support))
        if sep.group("header"):
            support = sep.group("header") in SUPPORT_UNIT_HEADERS
        at = sep.end()
    named.append((printed[at:].strip(_NAME_EDGE), support))
    named = [(u, s) for u, s in named if u and not _OTHER_ROLE.search(u)]   # 责任领导：… is no unit
    return (text[: m.start()].rstrip(), [u for u, _ in named],
            [u for u, is_support in named if is_support], deadline)


def _split_role_lines(text: str, v: str) -> tuple[str, str, list[str], list[str], str]:
    """Unbracketed role lines closing a measure — "责任单位：A、B" "配合单位：C" "完成时限：…",
    on lines of their own or after its last 。 or bracketed clause — split off: (text, view,
    units, support, deadline). Read only when everything after the first such header is headers and lists of short names,
    some naming a body (局, 委 …), or a time. Names are taken from the printed text (the view
    only finds them), so nothing of the view reaches a report."""
    for m in ROLE_LINE.finditer(v):
        cut = _after_boundary(v, m.start())
        if cut is None or _bracketed_at(v, m.start()):
            continue                 # a role inside （牵头单位：A；配合单位：B） is the bracket's: read below
        roles = _roles(v, m.start())
        if roles is None:
            return text, v, [], [], ""
        printed = [(h, text[a:b].strip(_VALUE_EDGE)) for h, a, b in roles]
        units = [u for h, value in printed if h in UNIT_HEADERS for u in _listed(value)]
        support = [u for h, value in printed if h in SUPPORT_UNIT_HEADERS for u in _listed(value)]
        deadline = next((value for h, value in printed if h in DEADLINE_HEADERS), "")
        return text[:cut], v[:cut], list(dict.fromkeys(units)), list(dict.fromkeys(support)), deadline
    return text, v, [], [], ""


def _bracketed_at(v: str, at: int) -> bool:
    """Is position `at` inside a bracket left open before it (（牵头单位：A；|配合单位：B）完成时限：…)?"""
    before = v[:at]
    return sum(before.count(c) for c in OPEN_BRACKETS) > sum(before.count(c) for c in CLOSE_BRACKETS)


def _after_boundary(v: str, at: int) -> int | None:
    """Where the text before position `at` ends, when `at` starts a line or follows a full stop
    or a closing bracket (spaces aside); else None. Looks back over the spaces only."""
    k, newline = at, False
    while k and v[k - 1].isspace():
        newline = newline or v[k - 1] == "\n"
        k -= 1
    return k if k and (newline or v[k - 1] in "。；;" + CLOSE_BRACKETS) else None


_VALUE_EDGE = " \t\u3000\n。；;，,"


def _roles(v: str, at: int) -> list[tuple[str, int, int]] | None:
    """[(header, start, end)] of each value in v[at:], when that tail is made only of role headers
    and their values, else None: a bracket in it (the bracketed clauses are read by the rules
    below), or a value that runs on into a paragraph of its own (the next sub-item after the
    role lines under one: 1.…\n牵头单位：A\n2.…)."""
    tail = v[at:]
    if any(ch in _NAME_SUFFIX.sub("", tail) for ch in OPEN_BRACKETS + CLOSE_BRACKETS):
        return None
    headers = list(ROLE_LINE.finditer(tail))
    out = []
    for k, h in enumerate(headers):
        end = headers[k + 1].start() if k + 1 < len(headers) else len(tail)
        value = tail[h.end():end].strip(_VALUE_EDGE)
        pieces = _listed(value)
        if not pieces or "。" in value or "\n" in value or any(len(p) > _ROLE_NAME for p in pieces) or (
                h.group("header") in UNIT_HEADERS and not any(BODIES.search(p) for p in pieces)):
            return None
        out.append((h.group("header"), at + h.end(), at + end))
    return out


def _listed(value: str) -> list[str]:
    """The names a role line lists with 、，； (文化和旅游部门 is one name), as the bracketed
    clause's are read."""
    return [u.strip(" 。.") for u in re.split(_NAME_SEPARATOR, value) if u.strip(" 。.")]
