"""The lexicon: how every stage reads the words of a policy text — one copy of each rule.

    words(norm)          the words that can carry meaning: jieba's words, place names left out,
                         words among characters jieba knows only one by one found by its HMM (慢特病)
    is_generic(w)        the vocabulary of every plan (推进, 机制, 联动机制): weighted low, never evidence
    is_place(w)          a place name or a joint name of places (重庆, 合肥, 川渝, 苏皖)
    party_counts(norm)   the parties a text counts (四市, 三省), as (numeral, kind)
    leading_place(norm)  the places a text begins with (扬州市2021年… → 扬州市; 苏州市吴江区… → 苏州市吴江区)
    quoted_names(norm)   programme names in quotation marks and service numbers (“一卡通”, 12345)
    counted(norm), targets(norm)   numbers with their units as printed, in order (10个工作日, 90%, 3种,
                         1000户), with years / without them
    scope_changes(norm)  由X扩大至Y / 由X缩短至Y, with the direction of the change
    abbreviation_of(w, text)   社保卡 ~ 社会保障卡: the short form's characters in order in the long one
    UNIT_HEADERS, DEADLINE_HEADERS   the closing （牵头单位：…） and （完成时限：…） clauses

Where its knowledge comes from — general sources only, nothing taken from the documents the tool
is tested on:
- jieba's dictionary (dict.txt, segmented from the People's Daily corpus by jieba's authors): the
  words, their part-of-speech tags — function characters (的 u, 和 c, 在 p …), place names (ns),
  one-character abbreviations of places (沪 j, 渝 j …), measure words (户 q, 平方米 q: the units
  of counts) — and, in `text.specificity`, its IDF table.
- Patterns of Chinese official writing (公文): the verbs of intent, adverbs of degree and
  administrative nouns every plan uses whatever its field (GENERIC below); a place named before
  地区 / 两地 / 两省市 / 都市圈 …; units with their numbers; the headers of units and deadline
  clauses; 由X扩大至Y.
- The documents in the run: how often a word occurs among their measures (IDF, `align.features`),
  and the sentences a plan repeats (`text.boilerplate`).
Place names are left out of `words` by rule, not by list, so a plan moved to another region (川渝
→ 苏皖, 重庆 → 南京) reads the same.
"""
from __future__ import annotations

import re
from functools import lru_cache

from compare.text.numerals import CN_NUM, cn_number
from compare.text.words import cut, jieba_tags, unknown_words

# How much a word counts before IDF, in every stage that weighs words (alignment, commitments).
GENERIC_WEIGHT = 0.25     # the commonest words (推进, 机制, 人才) count a quarter, never nothing

# The vocabulary of Chinese official writing whatever the field: verbs of intent and action, adverbs
# of degree and manner, administrative nouns and the geography every plan speaks in. No place name,
# programme or service: a plan on any subject in any region uses these.
GENERIC = frozenset("""
推进 推动 实现 加强 深化 促进 持续 逐步 进一步 完善 健全 建立 建设 开展 提升 优化 支持 鼓励 探索 强化
加快 加大 积极 有序 稳妥 不断 全面 深入 大力 统筹 协调 协同 联合 共同 共建 共享 共建共享 联动 合作 互认 互通
两省市 两地 两省 两市 省 市 区县 各地 地区 区域 跨区域 跨省 跨省市 跨地区 跨市 异地 毗邻 城市群 都市圈 经济圈 经济带
服务 工作 机制 体系 平台 有关 相关 各类 一批 一体化 便利化 便利 便民 便捷 水平 能力 质量 范围 领域 方面 事项 业务
政策 制度 标准 信息 资源 管理 发展 群众 人员 单位 部门 政府 办理 提供 实施 落实 依托 围绕 聚焦 通过
建立健全 数字化 信息化 智能化 标准化 规范化 网络化 资源共享 信息共享 互联互通 提质扩面 提质 扩面 高质量 现代化
拓展 扩大 增加 形成 打造 构建 创新 改革 试点 示范 保障 应用 场景 功能 渠道 流程 手续 效率 作用 条件 需求 到位
所有 全部 全体
""".split())

# jieba tags of characters that never make a word with their neighbours: particles, conjunctions,
# prepositions, pronouns, modal and onomatopoeic characters. (Adverbs and measure words do: 互认,
# 特病, 项目.)
_FUNCTION_TAGS = frozenset({"u", "uj", "ul", "uz", "ud", "ug", "uv", "c", "p", "r", "y", "e", "o"})
# Words official writing puts right after the places a plan is about (成渝地区, 川渝两地, 沪苏浙皖四地,
# 宁合都市圈, 长江经济带; a name and its position word: 长江中游城市群), read on the text after a
# word (jieba may cut 都市圈 as 都市 + 圈).
REGION_MARKER = re.compile(r"地区|区域|[两三四五六七八九十多]+(?:省市|省区|地|省|市)|都市圈|经济圈|城市群|经济带")
# Every party of a joint plan, counted (两省区, 三省一市, 两地): as wide as any places it names.
_PARTIES = "省市|省区|地|省|市|区"         # the kinds of party a plan counts (两省市, 四市, 三地)
ALL_PARTIES = re.compile(rf"[两三四五六七八九十多]+(?:{_PARTIES})(?:[一二三四五六七八九十两]+(?:省|市|区))?")
# One count of parties (四市, 三省), not part of a longer numeral or of 三省一市.
_PARTY_COUNT = re.compile(rf"(?<![一二三四五六七八九十两])([两二三四五六七八九十]+)({_PARTIES})(?![一二三四五六七八九十两])")


def party_counts(norm: str) -> set[tuple[str, str]]:
    """The counts of parties a text gives, (numeral, kind): 在四市A级景区 → {("四", "市")}."""
    return set(_PARTY_COUNT.findall(norm))
# The one-character abbreviations of China's provincial-level divisions (the State Council's 简称,
# as GB/T 2260 lists the divisions): a word made only of them is a joint name of places (京津冀,
# 苏浙皖, 粤港澳, 黑吉辽), whichever tags jieba gives the characters.
PROVINCES = frozenset("京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔贵云滇藏陕秦甘陇青宁新港澳台")
# jieba files a few words of the language as places too (中度 ns), so a place word must end like one
# (重庆市, 渝北区) or be the name of a province or city jieba knows with its suffix (合肥: 合肥市;
# only 省/市 here: 和平区 would make 和平 a place).
_ADMIN_SUFFIXES = "省市区县州"
_PLACE_SUFFIXES = ("省", "市")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# 一是…，二是… (and 其一, 其二): official writing's enumerators inside a paragraph, not words of it
ENUMERATED = r"([一二三四五六七八九十]+)是"      # 一是, 二是 (`parse.lists.enumerated` splits a paragraph at them)
_ENUMERATOR = re.compile(rf"^(?:{ENUMERATED}|其[一二三四五六七八九十]+)$")
_KEEP = re.compile(r"[\u4e00-\u9fff]|[a-z0-9]")


@lru_cache(maxsize=1 << 18)     # asked millions of times over a corpus, of far fewer words
def is_generic(w: str) -> bool:
    """A GENERIC word, or a compound made of two GENERIC words (联动机制 = 联动 + 机制, 办理事项)."""
    if w in GENERIC:
        return True
    return any(w[:k] in GENERIC and w[k:] in GENERIC for k in range(2, len(w) - 1))


@lru_cache(maxsize=1 << 18)     # a function of the word and jieba's fixed tags
def is_place(w: str) -> bool:
    """A place name by jieba's tags: an administrative place (ns ending in 省/市/区/县/州: 重庆市,
    渝北区), the name of a province or city (重庆 of 重庆市, 合肥 of 合肥市), or a joint name made of
    one-character place abbreviations (川渝, 苏皖, 京津冀)."""
    tags = jieba_tags()
    if (tags.get(w) == "ns" and w[-1] in _ADMIN_SUFFIXES) or any(tags.get(w + s) == "ns" for s in _PLACE_SUFFIXES):
        return True
    return len(w) >= 2 and all(_abbreviates_a_place(c, tags) for c in w)


def _abbreviates_a_place(c: str, tags) -> bool:
    """A one-character abbreviation of a place: a province's (PROVINCES) or one jieba tags j (沪, 渝)."""
    return c in PROVINCES or tags.get(c) == "j"


def words(norm: str) -> list[str]:
    """The words of a normalised text that can carry meaning (`_words`)."""
    return list(_words(norm))


def subject_words(norm: str) -> list[str]:
    """`words` less the amounts the text counts (23 of 23个, 2025 of 2025年): what a text is about,
    as alignment and commitments weigh it — an amount is what editions change, and two measures
    that give the same number (西城区…23个 / 房山区…23个) are not alike for it. A number that is a
    name (the 110 of 110接处警) is kept."""
    amounts = {value for _, value, _ in counted(norm)}
    return [w for w in words(norm) if w not in amounts]


def tokens(norm: str) -> list[str]:
    """Every piece of the text as `words` reads it before choosing — function characters,
    punctuation and places included — so the pieces join back to the text (for rules that look at
    the words around a conjunction)."""
    return [w for w, _ in _read(norm)]


def clear_cache() -> None:
    """Forget every text's words (for benchmarks that time tokenizing from scratch)."""
    _words.cache_clear()
    _read.cache_clear()
    is_generic.cache_clear()
    is_place.cache_clear()


@lru_cache(maxsize=1 << 16)
def _words(norm: str) -> tuple[str, ...]:
    """jieba's words, then three rules: a run of characters jieba knows only one by one (慢/特/病,
    中/度/失/能) is read by jieba's HMM of unknown words, split at function characters; place names
    are left out — a place word, a run of place abbreviations (川/渝), or what stands right before
    a region marker (成渝地区, 宁合都市圈), and that marker; single characters, punctuation and the enumerators of a
    paragraph (一是, 二是) are dropped."""
    tokens = _read(norm)
    out = []
    for k, (w, _) in enumerate(tokens):
        if len(w) < 2 or not _KEEP.match(w) or _place_at(tokens, k) or _ENUMERATOR.match(w):
            continue
        if _in_region_name(tokens, k) or _marks_a_region(tokens, k):
            continue
        out.append(w)
    return tuple(out)


def places_in(norm: str) -> list[str]:
    """The place names a text gives, by the rules `words` leaves them out by, longest first; a
    position word in a region's name is part of that name (长江中游: one place, not two)."""
    found = set()
    toks = _read(norm)
    last = ""
    for k, (w, _) in enumerate(toks):
        if len(w) >= 2 and _CJK.match(w) and (_place_at(toks, k) or _in_region_name(toks, k)):
            if last and jieba_tags().get(w) == "f":
                found.discard(last)
                w = last + w
            found.add(w)
            last = w
        else:
            last = ""
    return sorted(found, key=lambda p: (-len(p), p))


def leading_place(norm: str) -> str:
    """The place names a text begins with, one after another, by `places_in`'s rules — with an
    administrative suffix jieba cut off the last of them (苏州市 + 吴江 + 区 → 苏州市吴江区): the
    place a title names itself after (扬州市2021年公共服务…清单 → 扬州市); "" when it begins with none."""
    places = set(places_in(norm))
    out = cur = ""                  # cur: the pieces of a place read so far (长江 of 长江中游)
    for w, _ in _read(norm):
        if cur + w in places:
            out, cur = out + cur + w, ""
        elif any(p.startswith(cur + w) for p in places):
            cur += w
        elif out and w in _ADMIN_SUFFIXES and out[-1] not in _ADMIN_SUFFIXES:
            out += w
            break
        else:
            break
    return out


def _in_region_name(toks, k: int) -> bool:
    """Is the k-th piece part of the name of a region before a region marker — a name (成渝地区,
    宁合都市圈), or a name and the position word after it (长江 中游 城市群, 山西 中部 城市群)?"""
    tags = jieba_tags()
    w, joined = toks[k]
    if _among_places(toks, k) and _before_marker(toks, _list_items(toks, k)[-1]):
        return True                 # 昆明、大理两市: a list whose other items are places, before the marker
    if _name_like(w, joined) or is_place(w):
        return _before_marker(toks, k) or (k + 1 < len(toks) and tags.get(toks[k + 1][0]) == "f"
                                           and _before_marker(toks, k + 1))
    return tags.get(w) == "f" and k > 0 and (_name_like(*toks[k - 1]) or is_place(toks[k - 1][0])) \
        and _before_marker(toks, k)


def _place_at(toks, k: int) -> bool:
    """Is the k-th piece a place: a place word (`is_place`); a place of jieba's (ns) the text gives
    its administrative suffix (襄阳 市, 陇南 市: jieba knows the name, not the name with 市); a name
    with a place's suffix listed with a place of that suffix (昆明市、大理市 — jieba files a few
    cities as words of the language: 大理市 n, 保定市 n, 营口市 n; official writing lists places of
    one level side by side); or a name (`_name_like`: 通化 j) listed only with places, two or more
    (通化、包头、西宁等; one other item alone is too little to read a name like 医保 j by)?"""
    w, joined = toks[k]
    if is_place(w) or (jieba_tags().get(w) == "ns" and k + 1 < len(toks) and toks[k + 1][0] in _ADMIN_SUFFIXES):
        return True
    if len(w) >= 3 and w[-1] in _PLACE_SUFFIXES and _listed_place(toks, k)[-1:] == w[-1]:
        return True
    return _name_like(w, joined) and _among_places(toks, k, 2)


def _among_places(toks, k: int, others: int = 1) -> bool:
    """Is the k-th piece an item of a list (A、B) with `others` or more other items, each a place word?"""
    items = _list_items(toks, k)
    return len(items) > others and all(is_place(toks[j][0]) for j in items if j != k)


def _listed_place(toks, k: int) -> str:
    """The first place word (`is_place`) among the other items of the list (A、B、C) the k-th
    piece is an item of, each item one piece; "" when there is none."""
    return next((toks[j][0] for j in _list_items(toks, k) if j != k and is_place(toks[j][0])), "")


def _list_items(toks, k: int) -> list[int]:
    """The positions of the items of the list (A、B、C, each item one piece) the k-th piece is in."""
    items = [k]
    for step in (-2, 2):
        j = k + step
        while 0 <= j < len(toks) and toks[j - step // 2][0] == "、":
            items.append(j)
            j += step
    return sorted(items)


def _marks_a_region(toks, k: int) -> bool:
    """Is the k-th piece the region marker of a region's name (地区 of 成渝地区, 城市群 of 长江中游城市群)?
    Left out of a text's words with the name, so plans of 成渝地区, 长江中游城市群 and 京津冀 weigh
    alike; 地区 after anything else (西部地区, 贫困地区) is a word."""
    return k > 0 and bool(REGION_MARKER.fullmatch(toks[k][0])) \
        and (is_place(toks[k - 1][0]) or _in_region_name(toks, k - 1))


def _before_marker(toks, k: int) -> bool:
    """Does a region marker (地区, 两地, 四地, 都市圈 …) follow the k-th piece of the text?"""
    return k + 1 < len(toks) and bool(REGION_MARKER.match("".join(t for t, _ in toks[k + 1:k + 4])))


def without_places(norm: str, places) -> str:
    """`norm` with each of `places` (names the document gives) blanked out: a plan moved to
    another region, or naming its places where another plan says 两地, weighs the same."""
    for p in places:
        norm = norm.replace(p, " ")
    return norm


def with_places(piece: str, norm: str, places) -> str:
    """The stretch of `norm` a piece of `without_places(norm, places)` came from, its blanks read
    back as the places they stood for (在 、 各建设 → 在株洲市、湘潭市各建设): what a reader is shown."""
    if " " not in piece or not places:
        return piece
    names = "|".join(re.escape(p) for p in sorted(places, key=len, reverse=True))
    m = re.search(f"(?:{names})".join(re.escape(x) for x in piece.split(" ")), norm)
    return m.group(0) if m else piece


@lru_cache(maxsize=1 << 16)
def _read(norm: str) -> tuple[tuple[str, bool], ...]:
    """The text's pieces as the lexicon reads them (`_joined` over jieba's cut), once per text:
    `words`, `tokens` and `places_in` share them."""
    return tuple(_joined(cut(norm)))


def _joined(tokens: list[str]) -> list[tuple[str, bool]]:
    """(word, was it found among characters jieba knows only one by one): each run of single
    Chinese characters that are not function characters is read again — a leading run of place
    abbreviations (川/渝) as one name, the rest by jieba's HMM of unknown words (`unknown_words`)
    when it reads every character into a word (中度/失能, 互认/互贷), else as one word (一卡一码通)."""
    tags = jieba_tags()
    out: list[tuple[str, bool]] = []
    run: list[str] = []

    def flush() -> None:
        k = 0
        while k < len(run) and _abbreviates_a_place(run[k], tags):
            k += 1
        if k >= 2:                          # 川/渝/通/办: the places, then the rest
            out.append(("".join(run[:k]), False))
            run[:k] = []
        if len(run) >= 2:
            found = unknown_words("".join(run))
            if any(len(w) < 2 for w in found):   # a character left alone: the HMM is unsure, keep the run whole
                found = ("".join(run),)
            out.extend((w, True) for w in found)
        elif run:
            out.append((run[0], False))
        run.clear()

    for t in tokens:
        if len(t) == 1 and _CJK.match(t) and tags.get(t) not in _FUNCTION_TAGS:
            run.append(t)
            continue
        if run:                             # (most tokens follow none)
            flush()
        out.append((t, False))
    flush()
    return out


def is_verb(w: str) -> bool:
    """Does jieba file w as a verb (v: 举办, 办好, 推动)?"""
    return jieba_tags().get(w) == "v"


def _name_like(w: str, joined: bool) -> bool:
    """Could w be a name (of places) rather than a word of the language? Joined from characters
    jieba does not know as a word, or filed by jieba as a name or abbreviation (nr, ns, j)."""
    return joined or jieba_tags().get(w) in ("nr", "ns", "j")


# Phrases of official writing that commit to nothing specific, whatever the topic: a clause made of
# them is no material commitment.
COMMITS_TO_NOTHING = re.compile(r"组织领导|落地见效|取得实效|务求实效|落到实处|高度重视|抓好落实|抓细抓实|形成合力|压实责任|责任分工|宣传引导|舆论|督促检查|"
                                r"跟踪问效|督查|考核评估|总结推广|经验做法|工作专班|协调机制|统筹协调")


# --- names, numbers, scope ----------------------------------------------------------------------

# A programme, brand or campaign in quotation marks (the matching form has " for “” 「」 『』 ‘’):
# at least three characters — a two-character word in quotes ("双城") is emphasis, not a name.
_QUOTED = re.compile(r"[\"']([^\"']{3,20})[\"']")
YEAR = re.compile(r"^(?:19|20)\d{2}$")


def without_names(norm: str) -> str:
    """The text with its quoted names blanked out: a name is one thing, and the words inside it
    (巴蜀工匠 → 工匠) are not words of the clause around it."""
    return _QUOTED.sub(lambda m: " " if len(_CJK.findall(m.group(1))) >= 3 else m.group(0), norm)


def quoted_names(norm: str) -> list[str]:
    """Names a plan puts in quotes (“百万职工游巴蜀”, “一卡通”) and service numbers (12345), in
    order: a programme's name is one thing, however the clause around it is reworded, and two
    names that share a word (巴蜀工匠 / 巴渝工匠) are still two programmes. A service number is three
    to five digits that no unit (nor 月) follows: 12345 and 110, not 1000户 or 2025年."""
    names = [n for n in _QUOTED.findall(norm) if len(_CJK.findall(n)) >= 3]
    return names + [m.group(1) for m in _SERVICE_NUMBER.finditer(norm)
                    if not YEAR.match(m.group(1)) and not unit_at(norm, m.end()) and norm[m.end():m.end() + 1] != "月"]


_SERVICE_NUMBER = re.compile(r"(?<![\d.])(\d{3,5})(?![\d.%])\s*")

# Units a number is counted in: time, money and share, and counts of things (written out here), and
# every measure word (量词) jieba's dictionary tags q — 户, 张, 名, 座, 套, 平方米, 公顷 … — the
# longest that follows the number. Written out are the measure words jieba files under another tag
# (项 n, 所 c, 条 n, 节 t, 对 p, 门 n …) that official writing counts its targets in: 课程资源1000节,
# 结对学校100对, 互选课程50门, 培训120学时.
UNITS = ("%", "个工作日", "个月", "个", "小时", "分钟", "天", "日", "年", "万", "亿", "元", "项", "家", "所", "人次",
         "人", "次", "笔", "公里", "倍", "类", "批", "种", "条", "处", "件", "辆", "间", "栋", "支", "部", "吨", "艘",
         "头", "只", "节", "对", "门", "床", "组", "队", "轮", "课时", "学时", "学分", "场次")
MAGNITUDES = ("万", "亿")
TIME_UNITS = ("个工作日", "个月", "小时", "分钟", "天", "日")
_UNITS = frozenset(UNITS)
_LONGEST_UNIT = max(4, max(map(len, UNITS)))
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*")


def unit_at(norm: str, at: int) -> str:
    """The unit that starts at `at` (right after a number): the longest of UNITS or jieba's measure
    words, with the unit a magnitude (万, 亿) is of (2万人次, 1.5亿元); or ""."""
    unit = _unit(norm, at)
    if unit in MAGNITUDES:
        unit += _unit(norm, at + len(unit))
    return unit


def _unit(norm: str, at: int) -> str:
    tags = jieba_tags()
    for n in range(_LONGEST_UNIT, 0, -1):
        w = norm[at:at + n]
        if len(w) == n and (w in _UNITS or tags.get(w) == "q"):
            return "" if w in RANKS else w
    return ""


# Measure words of a rank, not a count: 二级医院, 三级甲等, 第五代 — a higher one is no wider scope.
RANKS = ("级", "代", "届", "期")
# … and those of a grade or class (一类, 三档, 二等奖, 一线城市, 首批): after a list of numerals
# (一、二级医院, 一、二、三类) the numerals name ranks in a sentence, not an enumerator (`parse.labels`).
GRADES = RANKS + ("类", "档", "等", "线", "批", "星")


def counted(norm: str) -> list[tuple[str, str, str]]:
    """(as printed, number, unit) of every number with a unit, in order, years included: "办理时限
    10个工作日，改造1000户，覆盖五种疾病" -> [("10个工作日", "10", …), ("1000户", "1000", "户"),
    ("五种", "5", "种")]. A number in Chinese numerals counts when jieba reads it as a word of its own
    with its unit (两千个, 五种 — not 千家万户 or 十四五), is not an ordinal (第二批) and is not 一 (一批, 一张网:
    "a", not a target); 五万人次 is counted as 5万人次 is."""
    return [(printed, value, unit) for _, _, printed, value, unit in counted_spans(norm)]


def counted_spans(norm: str) -> list[tuple[int, int, str, str, str]]:
    """`counted` with where each starts and ends: (start, end, as printed, number, unit)."""
    found = []
    for m in _NUMBER.finditer(norm):
        unit = unit_at(norm, m.end())
        if unit:
            found.append((m.start(), m.end() + len(unit), norm[m.start():m.end() + len(unit)], m.group(1), unit))
    if _CN_DIGIT.search(norm):
        found += _counted_in_words(norm)
    return sorted(found)


def _counted_in_words(norm: str) -> list[tuple[int, int, str, str, str]]:
    starts, ends, at = set(), set(), 0
    for t in cut(norm):
        starts.add(at)
        at += len(t)
        ends.add(at)
    out = []
    for m in _CN_NUMBER.finditer(norm):
        run, start = m.group(0), m.start()
        if start not in starts or norm[start - 1:start] == "第" or norm[start - 1:start].isdigit() \
                or all(c in MAGNITUDES for c in run):
            continue                        # 第二批; the 万 of 2.6万吨 is that number's magnitude
        magnitude = run[-1] if run[-1] in MAGNITUDES and len(run) > 1 else ""
        value = cn_number(run[:len(run) - len(magnitude)])
        unit = magnitude + _unit(norm, m.end()) if magnitude else unit_at(norm, m.end())
        end = m.end() + len(unit) - len(magnitude)
        if value >= 2 and unit and unit not in MAGNITUDES and end in ends:
            out.append((start, end, norm[start:end], str(value), unit))
    return out


_CN_NUMBER = re.compile(f"[{CN_NUM}]+")
_CN_DIGIT = re.compile("[二三四五六七八九十两]")


def targets(norm: str) -> list[tuple[str, str, str]]:
    """`counted` without years (2025年): the targets and limits a text sets (2000张 is a count)."""
    return [c for c in counted(norm) if c[2] != "年"]


# 由X扩大至Y: a scope changed. Widening verbs make it wider; 缩短/压缩 of a time limit makes a
# service better (wider for the status); 缩小/减少/降低 narrower; 调整 only changed.
_WIDER = ("扩大", "拓展", "扩展", "延伸", "提高", "提升", "增加", "放宽", "缩短", "压缩")
_NARROWER = ("缩小", "减少", "降低", "收窄")
_SCOPE = re.compile(r"由([^，。；,.;由]{1,16}?)(" + "|".join(_WIDER + _NARROWER + ("调整",)) + r")(?:至|到|为)"
                    r"([^，。；,.;]{1,16})")
WIDER, NARROWER, CHANGED = "wider", "narrower", "changed"


def scope_changes(norm: str) -> list[tuple[str, str, str, str]]:
    """(the whole phrase, from, to, direction) for each 由X…至Y in the text."""
    out = []
    for m in _SCOPE.finditer(norm):
        verb = m.group(2)
        direction = WIDER if verb in _WIDER else NARROWER if verb in _NARROWER else CHANGED
        out.append((m.group(0), m.group(1), m.group(3), direction))
    return out


ABBREVIATION = 0.75     # how much a word counts when the other text has only its long form (社保卡 ~ 社会保障卡)


def abbreviation_of(w: str, text: str) -> bool:
    """Is w an abbreviation of something in `text`? Chinese abbreviations keep characters of the
    full form in order: w's first character, then each next one within 2·len(w) characters
    (社保卡 in 社会保障卡, 医保 in 医疗保险, 公交 in 公共交通). A word found as it is does not count,
    nor does a two-character word inside another word."""
    if len(w) < 2 or not w.isalpha() or w in text:
        return False
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


def bigrams(norm: str) -> list[str]:
    """Character bigrams within runs of Chinese characters or digits/letters."""
    out = []
    for run in re.findall(r"[\u4e00-\u9fff]+|[a-z0-9]+", norm):
        out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return out


# --- clauses that close a measure -----------------------------------------------------------------

# The headers of a responsible-units clause and the role each gives the units after it: a measure
# ends with （牵头单位：A、B；配合单位：C）, and a 任务分工表 heads its unit columns with the same words.
# Used by the parser (the clause) and the table reader (which columns hold units).
# Taiwan-style plans print 主辦機關/主辦單位 and 協辦機關/協辦單位 (matched in their Simplified view).
LEAD_UNIT_HEADERS = ("责任单位", "牵头单位", "责任部门", "牵头部门", "主责单位", "实施单位", "责任主体", "主办机关",
                     "主办单位")
SUPPORT_UNIT_HEADERS = ("配合单位", "配合部门", "协同单位", "参与单位", "协办单位", "协办机关")
UNIT_HEADERS = LEAD_UNIT_HEADERS + SUPPORT_UNIT_HEADERS
# Units named by the duty they take, closing a measure or one of its items: （省发展改革委牵头负责）,
# （省财政厅牵头，省发展改革委配合）, （各有关部门按职责分工负责）: the units before 牵头/负责 lead, those
# before 配合/参与 support. Only a parenthesis naming bodies (委, 厅, 局, 政府 …) is read so.
# The brackets a closing clause is printed in: （）, and in web copies and some offices 【】〔〕[].
OPEN_BRACKETS, CLOSE_BRACKETS = "（(【〔［[", "）)】〕］]"
OPEN, CLOSE = f"[{re.escape(OPEN_BRACKETS)}]", f"[{re.escape(CLOSE_BRACKETS)}]"     # as regex classes
NOT_BRACKET = f"[^{re.escape(OPEN_BRACKETS + CLOSE_BRACKETS)}]"
DUTY_CLAUSE = re.compile(rf"{OPEN}(?P<lead>{NOT_BRACKET}{{2,120}}?)(?:牵头负责|按职责分工负责|按职责负责|分工负责|负责|牵头)"
                         rf"(?:[，,；;](?P<support>{NOT_BRACKET}{{2,100}}?)(?:按职责分工配合|协同配合|配合|参与))?"
                         r"(?:[，,；;]\s*(?P<time>(?:(?:19|20)\d{2}|持续|长期)[^（(【〔［\[）)】〕］\]，,；;]{0,20}))?"
                         rf"{CLOSE}\s*[。.]?\s*$", re.MULTILINE)
BODIES = re.compile(r"委|厅|局|部|办|署|院|政府|中心|公司|单位|部门|机构|集团|银行|协会")
# A deadline clause closing a measure or a task row: （完成时限：2025年底前）, （时间节点：持续推进）.
DEADLINE_HEADERS = ("完成时限", "完成时间", "时间节点", "完成期限", "时限要求", "时限")
