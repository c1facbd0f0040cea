"""Two clauses that say the same thing: what the new one widens and what it loses (list items,
由X扩大至Y, a changed modifier, a conjunct added, numbers and targets, widening words)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.fuzz import ratio

from compare.classify.commitments import Clause
from compare.text.bounds import EXACT, LOWER, bounds, rank_restated, within, without_bounds
from compare.text.lexicon import (
    ALL_PARTIES,
    NARROWER,
    counted,
    counted_spans,
    TIME_UNITS,
    WIDER,
    is_generic,
    is_verb,
    party_counts,
    places_in,
    scope_changes,
    tokens,
    words,
)
from compare.text.lists import OPENING_VERBS, list_items, unshared
from compare.text.numerals import cn_number
from compare.text.words import jieba_tags, known_parts

# Words that widen a clause when the new one has them and the old one did not.
WIDEN_WORDS = ("全域", "全量", "全覆盖", "全部", "所有", "更多", "扩面", "扩大", "拓展", "延伸", "增加", "新增",
               "各类", "逐步覆盖")


# Words that say a clause covers every one of its kind: a clause that loses them (and says none)
# covers fewer (所有外来务工人员 → 就业困难的外来务工人员).
UNIVERSAL = ("全部", "所有", "全域", "全量", "全覆盖", "各类", "全体")
PARTIAL = ("部分", "一些", "少数")         # 全部地级以上城市 → 部分地级以上城市: fewer


# A general statement standing for an enumeration: a category with a scope word or a widening verb.
GENERAL_STATEMENT = re.compile(r"范围|领域|事项|种类|病种|项目|场景|更多|各类|全域|全量|拓展|扩大|扩面|延伸|增加")


_SHORTER_IS_BETTER = re.compile(r"缩短|压缩|以内|之内|内办结|时限")


@dataclass
class Delta:
    """How a restating clause differs from the old one: what it widens and what it loses."""
    up: list[str] = field(default_factory=list)
    down: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)      # list items the old side never names
    removed: list[str] = field(default_factory=list)    # list items the new side never names
    weak: bool = False                                  # widened by a widening word only
    changed: list[str] = field(default_factory=list)    # a scope changed, direction unknown (places)


def compare_clauses(x: Clause, y: Clause, a_norm: str, b_norm: str, own_a: str = "") -> Delta:
    """What new clause y widens and loses of old clause x. `a_norm`/`b_norm` are the whole old
    (all old measures of a merge) and new sides: an item or a scope word counts only if the
    other side never has it (it may have moved between clauses, or come from a merged sibling).
    `own_a` is x's own measure, against which a changed modifier (养老保险 → 社会保险) is new."""
    own_a = own_a or a_norm
    d = Delta()
    if x.norm == y.norm:
        return d
    _compare_lists(x, y, a_norm, b_norm, d)
    for phrase, old, new, direction in scope_changes(y.norm):
        if phrase not in a_norm and direction in (WIDER, NARROWER):
            (d.up if direction == WIDER else d.down).append(f"{old} → {new}")
    xs, ys = without_bounds(x.norm), without_bounds(y.norm)     # a bound is neither modifier nor target
    d.up += modifier_swaps(xs, ys, own_a, b_norm)
    d.up += _coordinated(x.norm, y.norm, a_norm)
    _compare_sites(x, y, xs, ys, a_norm, b_norm, d)
    _compare_bounds(x.norm, y.norm, a_norm, b_norm, d)
    _compare_frequency(x.norm, y.norm, d)
    _compare_party_count(x.norm, y.norm, d)
    widen = [w for w in WIDEN_WORDS if w in y.norm and w not in a_norm]
    if widen and not d.up:
        d.up.append("、".join(widen[:2]))
        d.weak = True                   # a widening word alone: the reader may call it continued
    _universal_lost(x.norm, y.norm, b_norm, d)
    if any(w in a_norm and w not in b_norm for w in UNIVERSAL):     # 全部 elsewhere in the old measure:
        d.up = [u for u in d.up if not (u.startswith(NEW_TARGET) and u.endswith("%"))]   # a share is no new target
    if d.removed:
        d.down.append("不再列举：" + "、".join(d.removed))
    return d


def _compare_sites(x: Clause, y: Clause, xs: str, ys: str, a_norm: str, b_norm: str, d: Delta) -> None:
    """Places and targets. A pilot rolled out (试点 → 全面推行) loses none of its sites: their places,
    their list and their count (选择3个开发区开展…试点 → 在全省开发区全面推行…) give way to the whole."""
    pilot = rolled_out(x.norm, y.norm)
    if pilot:
        d.up.append("试点 → 全面推行")
        d.removed = []
    else:
        _compare_places(x.places, y.places, d)
        _compare_rollout(y.norm, x.norm, d)
    _compare_numbers(xs, ys, d, a_norm, b_norm)
    if pilot:
        d.down = [t for t in d.down if not t.startswith(TARGET_GONE)]


def _universal_lost(x: str, y: str, b_norm: str, d: Delta) -> None:
    """所有外来务工人员 → 就业困难的外来务工人员: fewer. A share the new clause gives instead
    (全部区直机关 → 50%以上区直机关) is part of that loss, not a new target."""
    lost = [w for w in UNIVERSAL if w in x and w not in b_norm]
    if not lost or any(w in y for w in UNIVERSAL):
        return
    shares = [u for u in d.up if u.startswith(NEW_TARGET) and u.endswith("%")]
    for u in shares:
        d.up.remove(u)
    d.down.append(f"{lost[0]} → {shares[0][len(NEW_TARGET):]}" if shares else "不再：" + "、".join(lost[:2]))


def _compare_lists(x: Clause, y: Clause, a_norm: str, b_norm: str, d: Delta) -> None:
    """List items one side names and the other never does (an item reworded is neither); an item
    read with the places its clause names (`places_in`: a plan of another region keeps only the
    places both name in `Clause.places`)."""
    d.added = unshared(list_items(y.norm), a_norm, y.places + tuple(places_in(y.norm)))
    d.removed = unshared(list_items(x.norm), b_norm, x.places + tuple(places_in(x.norm)))
    for old_item, new_item in _respelled(d.removed, d.added):
        d.removed.remove(old_item)      # 创业培训师智库 → 创业培训师资库: the same item reworded
        d.added.remove(new_item)
    if d.added:
        d.up.append("新增列举：" + "、".join(d.added))


def _compare_places(px: list[str], py: list[str], d: Delta) -> None:
    """Places named for the same thing: more of them (南京、杭州 → 南京、杭州、合肥) widen the
    coverage, fewer narrow it; other places (成渝 → 川渝) change it, and only a reader who knows
    both can say which way."""
    sx, sy = set(px), set(py)
    if not sx or not sy or sx == sy:
        return
    every_x, every_y = all(ALL_PARTIES.fullmatch(p) for p in sx), all(ALL_PARTIES.fullmatch(p) for p in sy)
    if every_y and not every_x:
        d.up.append(f"地域：{'、'.join(px)} → {'、'.join(py)}")      # 南宁、广州 → 两省区: all of them
    elif every_x and not every_y:
        d.down.append(f"地域：{'、'.join(px)} → {'、'.join(py)}")
    elif sx < sy:
        if not all(p in d.added for p in sy - sx):       # not said already as list items
            d.up.append("地域：新增" + "、".join(p for p in py if p not in sx))
    elif sy < sx:
        if not all(p in d.removed for p in sx - sy):
            d.down.append("地域：不再" + "、".join(p for p in px if p not in sy))
    else:
        d.changed.append(f"地域：{'、'.join(px)} → {'、'.join(py)}")


def _compare_bounds(x: str, y: str, a_norm: str, b_norm: str, d: Delta) -> None:
    """Bounds of who or what is covered (`text.bounds`): a lower bound lowered or an upper one
    raised widens (65岁以上 → 60岁以上); a bound the new clause adds restricts (全部养老机构 →
    床位数100张以上的养老机构), one it drops opens; another kind of bound on the same unit changes it."""
    bx, by = bounds(x), bounds(y)
    for old in bx:
        same = [b for b in by if b.unit == old.unit]
        if not same:
            _bound_gone(old, x, y, b_norm, d)
            continue
        new = next((b for b in same if b.side == old.side), same[0])
        if new.value == old.value and new.side == old.side:
            continue
        text = f"{old.printed} → {new.printed}"
        if new.side != old.side or old.side == EXACT:
            d.changed.append(text)
        elif (new.value < old.value) == (old.side == LOWER):
            d.up.append(text)
        else:
            d.down.append(text)
    for new in by:
        if not any(b.unit == new.unit for b in bx) and new.printed not in a_norm:
            alone = rank_restated(x, new, y)        # 三级 → 二级以上: the range instead of the one rank
            if alone is not None:
                (d.up if within(new, alone.value) else d.changed).append(f"{alone.printed} → {new.printed}")
            else:
                d.down.append("新增限定：" + new.printed)


def _bound_gone(old, x: str, y: str, b_norm: str, d: Delta) -> None:
    """A bound of x with none on its unit in y: the one rank given instead of the range (二级以上 →
    三级) narrows; a bound the new side never gives, dropped, opens."""
    alone = rank_restated(y, old, x)
    if alone is not None:
        (d.down if within(old, alone.value) else d.changed).append(f"{old.printed} → {alone.printed}")
    elif old.printed not in b_norm:
        d.up.append("不再限定：" + old.printed)


# How often a thing is done (每季度, 按月): times a year. More often is more (每季度 → 每月 widens).
_FREQUENCY = re.compile(r"[每按](半年|年|季度|季|半月|月|旬|周|日|天)")
_TIMES_A_YEAR = {"年": 1, "半年": 2, "季度": 4, "季": 4, "月": 12, "半月": 24, "旬": 36, "周": 52, "日": 365, "天": 365}


def _compare_frequency(x: str, y: str, d: Delta) -> None:
    """The one frequency each clause gives, changed: more often widens, less often narrows."""
    fx, fy = _FREQUENCY.findall(x), _FREQUENCY.findall(y)
    if len(set(fx)) != 1 or len(set(fy)) != 1 or _TIMES_A_YEAR[fx[0]] == _TIMES_A_YEAR[fy[0]]:
        return
    text = f"频次：每{fx[0]} → 每{fy[0]}"
    (d.up if _TIMES_A_YEAR[fy[0]] > _TIMES_A_YEAR[fx[0]] else d.down).append(text)


def _compare_party_count(x: str, y: str, d: Delta) -> None:
    """The parties a clause counts, more or fewer of the same kind (在四市A级景区 → 在六市…: widened;
    三省 → 两省: narrowed) — places named by their number rather than their names."""
    cx, cy = party_counts(x), party_counts(y)
    if len(cx) != 1 or len(cy) != 1:
        return
    (nx, kind_x), (ny, kind_y) = next(iter(cx)), next(iter(cy))
    if kind_x != kind_y or cn_number(nx) == cn_number(ny):
        return
    (d.up if cn_number(ny) > cn_number(nx) else d.down).append(f"地域：{nx}{kind_x} → {ny}{kind_y}")


# A pilot (试点) and its rollout (全面推行 …): a clause that goes from one to the other widens.
_PILOT = re.compile(r"试点")
_ROLLOUT = re.compile(r"全面(?:推行|推广|实施|铺开|推开|开展)|全域推广|推广至|全覆盖")


def rolled_out(x: str, y: str) -> bool:
    """Does y roll out what x pilots (开展…试点 → 全面推行…)?"""
    return bool(_PILOT.search(x) and not _PILOT.search(y) and _ROLLOUT.search(y) and not _ROLLOUT.search(x))


def _compare_rollout(x: str, y: str, d: Delta) -> None:
    """全面推行 → 开展…试点 (called with the new text first): narrowed."""
    if rolled_out(x, y):
        d.down.append("全面推行 → 试点")


def _compare_numbers(x: str, y: str, d: Delta, a_norm: str = "", b_norm: str = "") -> None:
    """Targets: a number counted in the same unit raised or lowered (a time limit is better
    shorter), a target no longer given, a new target. A target is paired with the one counting
    the same thing (培训基地50个、工作室100个 → 工作室120个: 100个 → 120个), else with the only
    other target in its unit. A target left unpaired that the other side gives elsewhere (新增治理
    面积800平方公里 joined to the clause of its means) has moved between clauses: neither new nor lost."""
    tx, ty = _targets(x), _targets(y)
    all_a, all_b = _targets(a_norm), _targets(b_norm)
    given_a, given_b = {t[:3] for t in all_a}, {t[:3] for t in all_b}
    pairs = _paired(tx, ty) + _moved_and_changed(tx, all_a, all_b) + [(o, n) for n, o in _moved_and_changed(ty, all_b, all_a)]
    for (_, unit, old, cap_x), (_, _, new, cap_y) in pairs:
        if old == new:
            continue
        lower_better = cap_x or cap_y or unit in TIME_UNITS and bool(_SHORTER_IS_BETTER.search(x + y))
        better = new < old if lower_better else new > old
        (d.up if better else d.down).append(f"{_fmt(old)}{unit} → {_fmt(new)}{unit}")
    d.down.extend(f"{TARGET_GONE}{_fmt(t[2])}{t[1]}" for t in _first_per_unit(tx) if t[:3] not in given_b)
    d.up.extend(f"{NEW_TARGET}{_fmt(t[2])}{t[1]}" for t in _first_per_unit(ty) if t[:3] not in given_a)


NEW_TARGET = "新增目标："
TARGET_GONE = "目标不再提及："


def _paired(tx: list, ty: list) -> list[tuple]:
    """Targets of x and y that count the same thing in the same unit, then the only ones left in
    a unit; the pairs are taken out of tx and ty."""
    pairs = []
    for t in list(tx):
        same = next((u for u in ty if u[:2] == t[:2] and t[0]), None)
        if same is not None:
            pairs.append((t, same))
            tx.remove(t)
            ty.remove(same)
    for unit in sorted({t[1] for t in tx} & {t[1] for t in ty}):
        ox, oy = [t for t in tx if t[1] == unit], [t for t in ty if t[1] == unit]
        if len(ox) == 1 and len(oy) == 1:
            pairs.append((ox[0], oy[0]))
            tx.remove(ox[0])
            ty.remove(oy[0])
    return pairs


def _moved_and_changed(tx: list, all_x: list, all_y: list) -> list[tuple]:
    """Targets of x left unpaired that are the only target of their unit on x's side, when the
    other side also gives exactly one target in that unit, in another clause (试点1万亩 → …，完成改良
    面积2万亩): the same target, moved and changed; taken out of tx."""
    pairs = []
    for t in list(tx):
        mine = [u for u in all_x if u[1] == t[1]]
        theirs = [u for u in all_y if u[1] == t[1]]
        if len(mine) == 1 and len(theirs) == 1 and theirs[0][2] != t[2]:
            pairs.append((t, theirs[0]))
            tx.remove(t)
    return pairs


_CLAUSE_MARKS = "，。；：,;:、"


def _targets(norm: str) -> list[tuple[str, str, float, bool]]:
    """(what is counted, unit, number, is it a ceiling) of each target (years left out): the
    thing is the last word before the number in its clause or list item (工作室 of
    技能大师工作室100个); a ceiling is a number a thing is brought down to (降至38微克/立方米以下,
    控制在5%以内, 不超过3天): lower is better."""
    out = []
    for start, end, _, value, unit in counted_spans(norm):
        if unit == "年":
            continue
        begin = max(norm.rfind(c, 0, start) for c in _CLAUSE_MARKS) + 1
        ws = [w for w in words(norm[begin:start]) if not is_generic(w)]
        ceiling = bool(_DOWN_TO.search(norm[begin:start]) or _BELOW.match(norm, end))
        out.append((ws[-1] if ws else "", unit, float(value), ceiling))
    return out


_DOWN_TO = re.compile(r"(?:降至|降到|降低至|降低到|下降至|下降到|控制在|压减至|压降至|压减到|减少至|减少到|不超过|不高于|低于)\s*$")
_BELOW = re.compile(r"[^，。；,;]{0,8}?(?:及|或)?(?:以下|以内)")


def _first_per_unit(targets: list[tuple]) -> list[tuple]:
    seen: dict[str, tuple[str, str, float]] = {}
    for t in targets:
        seen.setdefault(t[1], t)
    return [seen[u] for u in sorted(seen)]


def _respelled(removed: list[str], added: list[str]) -> list[tuple[str, str]]:
    """Pairs of a removed and an added item that are one item reworded (most characters shared)."""
    out, used = [], set()
    for r in removed:
        for a in added:
            if a not in used and ratio(r, a) >= RESPELLED:
                out.append((r, a))
                used.add(a)
                break
    return out


def _fmt(v: float) -> str:
    return str(int(v)) if v == int(v) else str(v)


def _coordinated(x: str, y: str, a_norm: str) -> list[str]:
    """A new conjunct beside a kept one (互认互贷 → 转移接续和互认互贷): the same commitment
    with one more thing joined to it by 和/及/与."""
    toks = tokens(y)
    out = []
    for k, t in enumerate(toks):
        if t not in ("和", "及", "与", "以及") or k == 0 or k + 1 >= len(toks):
            continue
        left, right = _conjunct(toks, k, -1), _conjunct(toks, k, 1)
        for kept, new in ((left, right), (right, left)):
            if kept and new and kept in x and new not in a_norm and _new_to(new, a_norm):
                out.append("新增：" + new)
    return out


def _new_to(phrase: str, a_norm: str) -> bool:
    """Does the phrase say something the old side never does — a distinctive word of it, or of
    a long word's parts (价格政策 → 价格, 政策), that the old side never uses? (In a merge, 价格 is
    the merged sibling's topic, not new content.)"""
    ws = [p for w in words(phrase) for p in ([w] if len(w) < 4 else known_parts(w) or [w])]
    return any(not is_generic(w) and w not in a_norm for w in ws)


def _conjunct(toks: list[str], k: int, step: int) -> str:
    """The word next to a conjunction at k, with its neighbour when both are short (转移+接续); a
    one-character adjective (jieba's a: 新, 老) after it is the modifier of the words it opens
    (灵活就业人员和新就业形态劳动者: 新就业形态)."""
    first = toks[k + step]
    if step > 0 and len(first) == 1 and jieba_tags().get(first) == "a" and k + 2 < len(toks):
        rest = _conjunct(toks, k + 1, 1)
        return first + rest if rest else ""
    if len(first) < 2 or not first.isalnum():
        return ""
    nxt = k + 2 * step
    if len(first) == 2 and 0 <= nxt < len(toks) and len(toks[nxt]) == 2 and not is_generic(toks[nxt]) \
            and toks[nxt] not in OPENING_VERBS and toks[nxt].isalnum():
        return toks[nxt] + first if step < 0 else first + toks[nxt]
    return first


def modifier_swaps(x: str, y: str, a_norm: str, b_norm: str) -> list[str]:
    """A changed modifier on the same head (重度失能 → 中度失能, 养老保险 → 社会保险): the scope of
    the same thing, changed. Words of three or more characters, and two adjacent specific words
    read as modifier + head (重度 失能), that the other side never uses; not numbers (2000 → 1500
    is a target, which `_compare_numbers` reads with its unit and direction)."""
    wx = [w for w in _phrases(x) if len(w) >= 3 and w not in b_norm and not _quantified(w)]
    wy = [w for w in _phrases(y) if len(w) >= 3 and w not in a_norm and not _quantified(w)]
    return [f"{p} → {q}" for p in wx for q in wy if _swapped(p, q, a_norm, b_norm)]


def _swapped(p: str, q: str, a_norm: str, b_norm: str) -> bool:
    """Is q phrase p with its modifier replaced — the old modifier gone from the new text, the
    new one new to the old (就医问题 is no swap for 诊疗问题 when 就医 was there) — or p's head
    with a degree and those above it (重度失能 → 中度以上失能)?"""
    head = len(p) - 1 if len(p) == 3 else 2
    old_mod, new_mod = p[:-head], q[:-head]
    if p[-head:] != q[-head:] or old_mod in b_norm or new_mod in _DEGREE:
        return False
    if is_verb(old_mod) and is_verb(new_mod):
        return False                # 举办环岛赛事 → 办好环岛赛事: the action reworded, not its object's scope
    if len(p) == len(q):
        return p[0] != q[0] and new_mod not in a_norm
    return len(q) > len(p) and new_mod.endswith(_DEGREE)


_DEGREE = ("以上", "以下", "及以上", "及以下")
_DIGIT = re.compile(r"\d")


def _quantified(phrase: str) -> bool:
    """A phrase whose modifier says how many or how much (2000张, 三项工程, 全部地级, 部分地级): read
    by the rules of numbers and of universal words, never as a swapped modifier."""
    return bool(_DIGIT.search(phrase) or counted(phrase)) or phrase.startswith(UNIVERSAL + PARTIAL)


def _phrases(norm: str) -> list[str]:
    """The words of a text, and each pair of adjacent words that are neither the vocabulary of
    every plan (实现 购票 is no modifier + head), one clause at a time."""
    out: list[str] = []
    for clause in re.split(r"[，,。；;：:、]", norm):
        ws = words(clause)
        out += ws + [p + q for p, q in zip(ws, ws[1:], strict=False) if not is_generic(p) and not is_generic(q)
                     and p + q in clause]
        out += [p + d + q for p, d, q in zip(ws, ws[1:], ws[2:], strict=False) if d in _DEGREE and p + d + q in clause]
    return list(dict.fromkeys(out))


def general_statement(x: Clause, removed: list[str], candidates: list[Clause]) -> Clause | None:
    """The new clause that stands for x's enumeration in general terms, if any: it speaks of the
    list's category (门诊慢特病) with a scope word or widening verb (持续拓展…结算范围) and names
    none of the listed items (a shorter list is narrowed, not generalised)."""
    lists = list_items(x.norm)
    if not lists or not removed:
        return None
    category = {w for _, ctx in lists for w in ctx if len(w) >= 2}
    named = [it for its, _ in lists for it in its]
    best, best_n = None, 0
    for y in candidates:
        if not GENERAL_STATEMENT.search(y.norm) or any(it in y.norm for it in named):
            continue
        shared = sum(1 for w in category if w in y.norm)
        if shared > best_n:
            best, best_n = y, shared
    return best if best_n >= 1 else None


RESPELLED = 70      # rapidfuzz ratio at which a removed and an added list item are one item reworded
