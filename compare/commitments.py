"""Commitments: the clauses a measure is made of, and what became of each in a linked group.

A measure of a Chinese policy plan is a headline sentence (推进高铁公交化。) followed by a few
commitments, one per sentence or comma clause (持续优化…票制，逐步实现…便捷化。推广…e卡通。).
A link's status is only as good as what it sees of these, so each measure is split into its
clauses and, within every group of linked measures (one-to-one, several old → one new, one
old → several new), each old clause is matched to the new clause that restates it best.

Matching is containment of weighted words (jieba words weighted by IDF over the compared
documents, generic policy vocabulary damped; a word counts where the other clause has it, its
long form 社保卡 ~ 社会保障卡, or part of its bigrams): "how much of this clause's distinctive
content does that clause carry". Cheap set arithmetic per link; a quoted name (“百万职工游巴蜀”)
or a hotline number both clauses give identifies the commitment on its own.

The fate of an old clause: kept (same words), reworded, widened (more list items, 由X扩大至Y,
a better target, 全域/扩面…), narrowed (items or a target lost), generalised (its enumeration
replaced by a general statement about the same category: 持续拓展门诊慢特病结算范围), moved (in a
split, carried by the other new measure) or dropped. A new clause no old clause accounts for is
added — in a merge, added to the old measure it is most about (or to none of them).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .clean import normalize
from .enumerations import list_items, unshared
from .model import Measure
from .segment import cut, domain_terms
from .tokens import DOMAIN_WEIGHT, GENERIC, GENERIC_WEIGHT, bigrams, words

KEEP = 0.5          # share of an old clause's weighted content a new clause must carry: restated
SAID = 0.6          # share of a new clause's content the old text already has: nothing new
ABOUT = 0.25        # share of a new clause's content found in an old measure: it is about it
GENERAL_MIN = 0.15  # share an old specific clause shares with a general new one it stands under
PARTIAL = 0.5       # credit for a long word whose bigrams partly occur
ABBREVIATION = 0.75 # credit for a word found as its long form's characters in order
MATERIAL = 2.0      # weighted distinctive content a clause needs to be a material commitment
RESPELLED = 70      # rapidfuzz ratio at which a removed and an added list item are one item reworded
QUOTE = 40          # characters of a clause quoted in evidence

# Splitting: sentences end at 。；！？ (and line breaks between numbered items); commas split
# clauses, but an adverbial opening (在…，按…，通过…，…时，) belongs to the clause it opens.
_SENTENCE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
_COMMA = re.compile(r"([，,])(?!\d)")
_OPENER = re.compile(r"^(?:在|按照|按|经|通过|依托|对|针对|围绕|聚焦|面向|根据|结合|立足|为了|为|凭|由|从|以|随着)")
_OPENER_END = re.compile(r"(?:时|后|前|下|中|方式|途径|基础上)$")
_LEAD_VERBS = frozenset("推进 推动 实现 开展 建立 加强 完善 深化 优化 推广 支持 实施 打造 探索 深入 持续 逐步".split())
_GOAL = re.compile(r"^(?:以|从而|进而)?(?:实现|确保)")
_ENUM_PREFIX = re.compile(r"^\s*(?:\d{1,2}[.、．]|[（(][一二三四五六七八九十\d]+[)）])\s*")
_TRIM = "，,。；;：:！？!? \t"
_QUOTED = re.compile(r"[“\"']([^“”\"']{2,20})[”\"']")
_SERVICE_NUMBER = re.compile(r"(?<![\d.])(\d{3,5})(?![\d.%]|\s*(?:个|万|亿|元|年|项|家|所|人|次|笔|公里|倍|类|批|种|小时|分钟|天|日|月))")
_MIN_CLAUSE = 5     # characters: shorter comma pieces join their neighbour

# Boilerplate that commits to nothing specific, whatever the topic.
_BOILERPLATE = re.compile(r"组织领导|落地见效|抓好落实|抓细抓实|形成合力|压实责任|责任分工|宣传引导|舆论|督促检查|"
                          r"跟踪问效|督查|考核评估|总结推广|经验做法|工作专班|协调机制|统筹协调")

# Words that widen a clause when the new one has them and the old one did not.
WIDEN_WORDS = ("全域", "全量", "全覆盖", "全部", "所有", "更多", "扩面", "扩大", "拓展", "延伸", "增加", "新增",
               "各类", "逐步覆盖")
# A general statement standing for an enumeration: a category with a scope word or a widening verb.
_GENERAL = re.compile(r"范围|领域|事项|种类|病种|项目|场景|更多|各类|全域|全量|拓展|扩大|扩面|延伸|增加")
_TIME_UNITS = ("个工作日", "工作日", "个月", "小时", "分钟", "天", "日")
_SHORTER_IS_BETTER = re.compile(r"缩短|压缩|以内|之内|内办结|时限")
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(%|个工作日|个月|个|小时|分钟|天|日|年|万|亿|元|项|家|所|人|次|笔|公里|倍|类|批|种)")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_SCOPE = re.compile(r"由([^，。；,.;由]{1,16}?)"
                    r"(?:扩大|拓展|扩展|延伸|提高|提升|增加|放宽)(?:至|到|为)([^，。；,.;]{1,16})")


@dataclass
class Clause:
    """One commitment of a measure, as printed (quoted in evidence) and as matching sees it."""
    text: str                       # printed, trailing punctuation trimmed
    norm: str
    headline: bool = False          # the title sentence: names the measure, commits to it as a whole
    means: bool = False             # the means of the clause after it (推动…纳入平台，实现信息互通)
    terms: dict[str, float] = field(default_factory=dict)   # term -> weight (IDF x damping)
    material: bool = True

    def quote(self, n: int = QUOTE) -> str:
        return self.text if len(self.text) <= n else self.text[: n - 1] + "…"


# ---------------------------------------------------------------- splitting

def split_clauses(m: Measure) -> list[tuple[str, bool, bool]]:
    """(printed clause, is headline, is the means of the next clause) for the measure's body.

    In "推动X，实现Y" the 实现-clause is the goal and X its means: plans often keep a goal and
    drop the means, which a reader does not count as dropping the commitment."""
    return [(text, head, means) for text, _, head, means in _clauses(m)]


def _clauses(m: Measure) -> tuple[tuple[str, str, bool, bool], ...]:
    """(printed clause, its matching form, headline, means) of a measure: split and normalised
    once per text, however many comparisons the measure takes part in."""
    return _split(m.body or m.text, m.title_norm, tuple(it.title for it in m.items if it.title))


@lru_cache(maxsize=1 << 14)
def _split(body: str, title: str, item_titles: tuple[str, ...]) -> tuple[tuple[str, str, bool, bool], ...]:
    heads = {normalize(t) for t in item_titles}
    out: list[tuple[str, str, bool, bool]] = []
    for line in body.split("\n"):
        for sent in _SENTENCE.findall(line):
            sent = _ENUM_PREFIX.sub("", sent).strip(_TRIM + "\u3000")
            if not sent:
                continue
            nsent = normalize(sent)
            if not out and nsent == title or nsent in heads:
                out.append((sent, nsent, True, False))
                continue
            clauses = _comma_clauses(sent)
            out.extend((c, normalize(c), False, k + 1 < len(clauses) and bool(_GOAL.match(clauses[k + 1])))
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
        opener = (_OPENER.match(p) or _OPENER_END.search(p)) and not _has_action(p)
        if not last and (opener or _cjk_len(p) < _MIN_CLAUSE and not out):
            carry = p                       # an adverbial or a stub: it opens the next clause
        elif _cjk_len(p) < _MIN_CLAUSE and out:
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


def _has_action(p: str) -> bool:
    """An adverbial opening has no verb of its own beyond its preposition (在跨界毗邻地区)."""
    rest = _OPENER.sub("", p, count=1)
    return bool(_ACTION.search(rest)) and len(rest) > 8


def _cjk_len(s: str) -> int:
    return len(re.findall(r"[\u4e00-\u9fff0-9A-Za-z]", s))


# ---------------------------------------------------------------- weighting

def _raw_terms(norm: str) -> dict[str, float]:
    """jieba words of a normalised text with their damping (before IDF)."""
    out: dict[str, float] = {}
    dom = domain_terms()
    for w in words(norm):
        out[w] = GENERIC_WEIGHT if w in GENERIC else DOMAIN_WEIGHT if w in dom else 1.0
    return out


class Weights:
    """IDF of terms over the measures of the compared documents: distinctive terms count."""

    def __init__(self, measures: list[Measure]):
        df: dict[str, int] = {}
        for m in measures:
            for t in _raw_terms(m.norm or m.text_norm):
                df[t] = df.get(t, 0) + 1
        self.n = max(len(measures), 1)
        self.df = df

    def idf(self, term: str) -> float:
        return math.log((1 + self.n) / (1 + self.df.get(term, 0))) + 1.0

    def terms(self, norm: str) -> dict[str, float]:
        return {t: d * self.idf(t) for t, d in _raw_terms(norm).items()}


def commitments_of(m: Measure, weights: Weights) -> list[Clause]:
    """The measure's clauses, weighted. A headline is not material (its body restates it)
    unless the measure has nothing but its headline."""
    out = []
    parts = _clauses(m)
    alone = sum(1 for _, _, head, _ in parts if not head) == 0
    for text, norm, head, means in parts:
        head = head and not alone
        terms = weights.terms(norm)
        distinct = sum(v for t, v in terms.items() if t not in GENERIC)
        specific = bool(_NUMBER.search(norm)) or bool(list_items(norm))
        material = not head and (specific or distinct >= MATERIAL) and not (
            _BOILERPLATE.search(norm) and not specific)
        out.append(Clause(text, norm, head, means, terms, material))
    return out


def containment(x: dict[str, float], text: str) -> float:
    """Share of x's weighted words that `text` carries.

    A word of three or more characters counts where it occurs as a substring (segmentation may
    differ); a two-character word must be one of text's words (卡通 is not in 一卡通). A word
    whose characters occur in order within a short span counts as its abbreviation's long form
    (社保卡 ~ 社会保障卡, 公交 ~ 公共交通); a long word half-occurring (跨省异地就医 ~ 异地就医)
    counts by the share of its bigrams found, halved."""
    total = sum(x.values())
    if not total:
        return 0.0
    own, chars = _index(text)
    got = 0.0
    for w, v in x.items():
        if w in own or (len(w) >= 3 and w in text):
            got += v
        elif chars.issuperset(w) and _abbreviation_of(w, text):
            got += v * ABBREVIATION
        elif len(w) >= 3:
            grams = bigrams(w)
            got += v * PARTIAL * sum(g in text for g in grams) / len(grams)
    return got / total


@lru_cache(maxsize=4096)
def _index(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A text's words and characters, for quick membership tests."""
    return frozenset(words(text)), frozenset(text)


def _abbreviation_of(w: str, text: str) -> bool:
    """w's characters occur in order, first to last within 2·len(w) characters (社保卡 in
    社会保障卡): Chinese abbreviations keep characters of the full form, in order."""
    if len(w) < 2 or not w.isalpha() or w in text:
        return False                    # a two-character word inside another word is not it
    start = text.find(w[0])
    while start >= 0:
        pos, ok = start, True
        for ch in w[1:]:
            pos = text.find(ch, pos + 1, start + 2 * len(w))
            if pos < 0:
                ok = False
                break
        if ok:
            return True
        start = text.find(w[0], start + 1)
    return False


def quoted_names(norm: str) -> set[str]:
    """Names a plan puts in quotes (“百万职工游巴蜀”, “一卡通”) and service numbers (110, 12345):
    a programme, brand or hotline whose mention identifies the commitment, however the clause
    around it is reworded."""
    names = {n for n in _QUOTED.findall(norm) if _cjk_len(n) >= 3}
    return names | {n for n in _SERVICE_NUMBER.findall(norm) if not _YEAR.match(n)}


# ---------------------------------------------------------------- comparing two matched clauses

def _numbers(norm: str) -> dict[str, float]:
    """unit -> value of the numbers with units in a clause (years left out)."""
    out: dict[str, float] = {}
    for m in _NUMBER.finditer(norm):
        if m.group(2) == "年" or _YEAR.match(m.group(1)):
            continue
        out.setdefault(m.group(2), float(m.group(1)))
    return out


@dataclass
class Delta:
    """How a restating clause differs from the old one: what it widens and what it loses."""
    up: list[str] = field(default_factory=list)
    down: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)      # list items the old side never names
    removed: list[str] = field(default_factory=list)    # list items the new side never names
    weak: bool = False                                  # widened by a widening word only


def compare_clauses(x: Clause, y: Clause, a_norm: str, b_norm: str, own_a: str = "") -> Delta:
    """What new clause y widens and loses of old clause x. `a_norm`/`b_norm` are the whole old
    (all old measures of a merge) and new sides: an item or a scope word counts only if the
    other side never has it (it may have moved between clauses, or come from a merged sibling).
    `own_a` is x's own measure, against which a changed modifier (养老保险 → 社会保险) is new."""
    own_a = own_a or a_norm
    d = Delta()
    if x.norm == y.norm:
        return d
    d.added = unshared(list_items(y.norm), a_norm)
    d.removed = unshared(list_items(x.norm), b_norm)
    for old_item, new_item in _respelled(d.removed, d.added):
        d.removed.remove(old_item)      # 创业培训师智库 → 创业培训师资库: the same item reworded
        d.added.remove(new_item)
    if d.added:
        d.up.append("新增列举：" + "、".join(d.added))
    for m in _SCOPE.finditer(y.norm):
        if m.group(0) not in a_norm:
            d.up.append(f"{m.group(1)} → {m.group(2)}")
    d.up += _swaps(x.norm, y.norm, own_a, b_norm)
    d.up += _coordinated(x.norm, y.norm, own_a)
    nx, ny = _numbers(x.norm), _numbers(y.norm)
    for unit in sorted(set(nx) & set(ny)):
        if nx[unit] == ny[unit]:
            continue
        lower_better = unit in _TIME_UNITS and bool(_SHORTER_IS_BETTER.search(x.norm + y.norm))
        better = ny[unit] < nx[unit] if lower_better else ny[unit] > nx[unit]
        (d.up if better else d.down).append(f"{_fmt(nx[unit])}{unit} → {_fmt(ny[unit])}{unit}")
    for unit in sorted(set(nx) - set(ny)):
        d.down.append(f"目标不再提及：{_fmt(nx[unit])}{unit}")
    for unit in sorted(set(ny) - set(nx)):
        d.up.append(f"新增目标：{_fmt(ny[unit])}{unit}")
    widen = [w for w in WIDEN_WORDS if w in y.norm and w not in a_norm]
    if widen and not d.up:
        d.up.append("、".join(widen[:2]))
        d.weak = True                   # a widening word alone: the reader may call it continued
    if d.removed:
        d.down.append("不再列举：" + "、".join(d.removed))
    return d


def _respelled(removed: list[str], added: list[str]) -> list[tuple[str, str]]:
    """Pairs of a removed and an added item that are one item reworded (most characters shared)."""
    from rapidfuzz.fuzz import ratio
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
    toks = cut(y)
    out = []
    for k, t in enumerate(toks):
        if t not in ("和", "及", "与", "以及") or k == 0 or k + 1 >= len(toks):
            continue
        left, right = _conjunct(toks, k, -1), _conjunct(toks, k, 1)
        for kept, new in ((left, right), (right, left)):
            if kept and new and kept in x and new not in a_norm and any(
                    w not in GENERIC for w in words(new)):
                out.append("新增：" + new)
    return out


def _conjunct(toks: list[str], k: int, step: int) -> str:
    """The word next to a conjunction at k, with its neighbour when both are short (转移+接续)."""
    first = toks[k + step]
    if len(first) < 2 or not first.isalnum():
        return ""
    nxt = k + 2 * step
    if len(first) == 2 and 0 <= nxt < len(toks) and len(toks[nxt]) == 2 and toks[nxt] not in GENERIC \
            and toks[nxt] not in _LEAD_VERBS and toks[nxt].isalnum():
        return toks[nxt] + first if step < 0 else first + toks[nxt]
    return first


def _swaps(x: str, y: str, a_norm: str, b_norm: str) -> list[str]:
    """A changed modifier on the same head (重度失能 → 中度失能, 养老保险 → 社会保险): the scope of
    the same thing, changed. Only words the other side never uses."""
    wx = [w for w in words(x) if len(w) >= 3 and w not in b_norm]
    wy = [w for w in words(y) if len(w) >= 3 and w not in a_norm]
    out = []
    for p in wx:
        for q in wy:
            head = len(p) - 1 if len(p) == 3 else 2
            if len(p) == len(q) and p[-head:] == q[-head:] and p[0] != q[0]:
                out.append(f"{p} → {q}")
    return out


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
        if not _GENERAL.search(y.norm) or any(it in y.norm for it in named):
            continue
        shared = sum(1 for w in category if w in y.norm)
        if shared > best_n:
            best, best_n = y, shared
    return best if best_n >= 1 else None


# ---------------------------------------------------------------- a group of links

# Fates of a commitment, and what each means for the status.
KEPT, REWORDED, WIDENED, NARROWED, GENERALISED, MOVED, ADDED, DROPPED = (
    "kept", "reworded", "widened", "narrowed", "generalised", "moved", "added", "dropped")
RESTATED = (KEPT, REWORDED, WIDENED, NARROWED, GENERALISED)


@dataclass
class Fate:
    """What became of one commitment on one link."""
    change: str
    a: Clause | None = None
    b: Clause | None = None
    detail: str = ""
    material: bool = True
    added_items: list[str] = field(default_factory=list)
    removed_items: list[str] = field(default_factory=list)
    uncarried: bool = False         # dropped in a split: no part of the split carries it
    up: list[str] = field(default_factory=list)      # what a restatement widens
    down: list[str] = field(default_factory=list)    # …and what it loses
    weak: bool = False              # its widening is a widening word only (扩面, 拓展)

    @property
    def headline(self) -> bool:
        return bool((self.a and self.a.headline) or (self.b and self.b.headline and not self.a))

    def to_dict(self) -> dict:
        d = {"change": self.change}
        if self.a is not None:
            d["a"] = self.a.quote()
        if self.b is not None:
            d["b"] = self.b.quote()
        if self.detail:
            d["detail"] = self.detail
        if self.headline:
            d["headline"] = True
        if not self.material:
            d["material"] = False
        if self.uncarried:
            d["split"] = True
        return d


def _best(x: Clause, ys: list[Clause]) -> tuple[int, float]:
    """The new clause restating x best, and how much of x it carries. A quoted name both
    clauses give (“百万职工游巴蜀”) makes it a restatement whatever the words around it."""
    best, score = -1, 0.0
    names = quoted_names(x.norm)
    for k, y in enumerate(ys):
        s = containment(x.terms, y.norm)
        if names and names & quoted_names(y.norm):
            s = max(s, KEEP)
        if s > score:
            best, score = k, s
    return best, score


def judge_group(a: list[Measure], b: list[Measure], pairs: list[tuple[int, int]],
                weights: Weights) -> dict[tuple[int, int], list[Fate]]:
    """The fate of every commitment on every link (i, j), seeing the whole group.

    In a merge (several old measures → one new) a new clause no old clause restates is added
    to the old measure whose commitment it is most about, or to none of them; in a split (one
    old → several new) an old clause carried by the other new measure is moved, not dropped."""
    a_to_b: dict[int, list[int]] = {}
    b_to_a: dict[int, list[int]] = {}
    for i, j in pairs:
        a_to_b.setdefault(i, []).append(j)
        b_to_a.setdefault(j, []).append(i)
    ca = {i: commitments_of(a[i], weights) for i in a_to_b}
    cb = {j: commitments_of(b[j], weights) for j in b_to_a}
    norm_a = {i: a[i].norm or a[i].text_norm for i in ca}
    norm_b = {j: b[j].norm or b[j].text_norm for j in cb}
    group_a = {j: "\n".join(norm_a[i] for i in b_to_a[j]) for j in cb}   # what the old side said

    old: dict[tuple[int, int], list[Fate]] = {}
    accounted: dict[int, set[int]] = {j: set() for j in cb}
    for i, j in pairs:
        fates = []
        for x in ca[i]:
            k, s = _best(x, cb[j])
            others = [(jj, _best(x, cb[jj])) for jj in a_to_b[i] if jj != j]
            fate = _old_fate(x, cb[j][k] if k >= 0 else None, s, cb[j], group_a[j], norm_b[j], others, b,
                             norm_a[i])
            fates.append(fate)
            # A body clause restated (or generalised) accounts for the new clause; a headline
            # does not: a new clause under the same headline is a new action on it.
            if fate.b is not None and not x.headline and fate.change in RESTATED:
                accounted[j].add(next(n for n, y in enumerate(cb[j]) if y is fate.b))
        for n, (x, fate) in enumerate(zip(ca[i], fates, strict=True)):
            if fate.change != DROPPED:
                continue
            if x.means and n + 1 < len(fates) and fates[n + 1].change in RESTATED:
                fate.material, fate.detail = False, MEANS_ONLY
            elif len(a_to_b[i]) > 1:
                fate.uncarried, fate.detail = True, SPLIT_UNCARRIED
        old[(i, j)] = fates
    for j, ys in cb.items():
        for k, y in enumerate(ys):
            if k in accounted[j]:
                continue
            if containment(y.terms, group_a[j]) >= SAID or any(
                    containment(y.terms, x.norm) >= KEEP for i in b_to_a[j] for x in ca[i]):
                accounted[j].add(k)             # says no more than an old clause, or the old text

    out: dict[tuple[int, int], list[Fate]] = {}
    for i, j in pairs:
        fates = old[(i, j)]
        owners = b_to_a[j]
        for k, y in enumerate(cb[j]):
            if k in accounted[j] or y.headline:
                continue
            if len(owners) > 1:
                about = {ii: containment(y.terms, norm_a[ii]) for ii in owners}
                top = max(about.values())
                if top < ABOUT:
                    fates.append(Fate(ADDED, b=y, material=False, detail=MERGE_OTHER))
                if top < ABOUT or about[i] != top:
                    continue            # about another old measure of the merge: added there
            new_items = unshared(list_items(y.norm), group_a[j])
            fates.append(Fate(ADDED, b=y, material=y.material, added_items=new_items,
                              detail="新增列举：" + "、".join(new_items) if new_items else ""))
        out[(i, j)] = fates
    return out


MERGE_OTHER = "合并后的新内容，不专属于某一原措施"
MEANS_ONLY = "实现方式不再提及，目标仍在"
SPLIT_UNCARRIED = "拆分后的各新措施均未承接"


def _old_fate(x: Clause, y: Clause | None, s: float, ys: list[Clause], a_norm: str, b_norm: str,
              others: list[tuple[int, tuple[int, float]]], b: list[Measure], own_a: str) -> Fate:
    material = x.material
    if y is not None and s >= GENERAL_MIN and _names_some_items(x, y):
        s = max(s, KEEP)                # a shorter or longer list of the same things
    if y is not None and s >= KEEP:
        d = compare_clauses(x, y, a_norm, b_norm, own_a)
        if d.down == ["不再列举：" + "、".join(d.removed)] and not d.up:
            general = general_statement(x, d.removed, ys)
            if general is not None:
                return Fate(GENERALISED, x, general, "、".join(d.removed) + " → " + general.quote(24),
                            material, d.added, d.removed)
        change = (KEPT if x.norm == y.norm else WIDENED if len(d.up) >= len(d.down) and d.up
                  else NARROWED if d.down else REWORDED)
        return Fate(change, x, y, "；".join(d.up + d.down), material, d.added, d.removed, up=d.up, down=d.down,
                    weak=d.weak)
    for jj, (k, s2) in others:
        if k >= 0 and s2 >= KEEP and s2 > s:
            return Fate(MOVED, x, None, f"见{b[jj].label}", material)
    removed = unshared(list_items(x.norm), b_norm)
    general = general_statement(x, removed, ys) if removed else None
    if general is None and y is not None and s >= GENERAL_MIN and _specific(x) and _GENERAL.search(y.norm) \
            and _shares_distinct(x, y):
        general = y
    if general is not None:
        shown = "、".join(removed) if removed else x.quote(16)
        return Fate(GENERALISED, x, general, shown + " → " + general.quote(24), material, [], removed)
    return Fate(DROPPED, x, None, "", material)


def _names_some_items(x: Clause, y: Clause) -> bool:
    """y names at least half of x's listed things: the same list, shortened or lengthened."""
    named = [it for its, _ in list_items(x.norm) for it in its]
    return bool(named) and 2 * sum(it in y.norm for it in named) >= len(named)


def _specific(x: Clause) -> bool:
    """A clause naming particular things: an enumeration, or something 等."""
    return "等" in x.norm or bool(list_items(x.norm))


def _shares_distinct(x: Clause, y: Clause) -> bool:
    return any(w not in GENERIC and len(w) >= 2 and w in y.norm for w in x.terms)
