"""Synthetic corpus of policy plans whose measure families are known, for `compare corpus`.

    python benchmarks/corpus_gen.py OUT_DIR --plans N [--seed S] [--docx-share 0.1] [--verify K]

writes OUT_DIR/plans/<jurisdiction>-<year>.txt (a share as .docx), OUT_DIR/meta.csv,
OUT_DIR/truth.csv and OUT_DIR/families.csv. From Python:

    generate(out_dir, plans, seed=0, docx_share=0.1, gold_dir=None, use_gold=True, rates=Rates())
        -> dict (counts, seconds)
    Rates          how often drafters drop, rewrite, merge, split, adopt (the corpus's difficulty knobs)
    load_sources(gold_dir=None, use_gold=True) -> Sources (source measures and their families)
    verify(out_dir, files=None) -> list of problems (a file whose parsed measures differ from truth)
    normalise_label(label) -> "（十二）" for "(十二)", "( 十二 )", "十二" …

Only the public API of `compare` is used (`compare.load(path).measures`, each with `.label`,
`.title`, `.text`, `.body`, `.chapter`, `.kind`), so the generator keeps working when the
package's internals move.

Source material
---------------
The measures of the bundled plans in inputs/ (chuanyu-2024, chuanyu-2025-2027, shuanghe-2025,
附件7 of study-compilation-2025-03, district-template; the template's two 总体要求 items, 指导思想
and 主要目标, are not commitments and are left out). A *family* is a set of measures that carry the
same commitment. Families come from the hand-made references in ../shared/gold (`required` pairs
only, never `acceptable`): chuanyu-2024 <-> chuanyu-2025-2027 and chuanyu-2025-2027 <-> 附件7;
measures linked by required pairs are one family (union-find, so links chain: a broad measure such
as 附件7 （十七） joins everything it is linked to). Every other source measure is a family of its
own; no link is guessed. The gold files are read where they are (not copied into this
repository); without them (`--no-gold`) every source measure is its own family.

How plans are made (as drafters write them)
-------------------------------------------
Jurisdictions are real provinces and prefecture-level cities outside 川渝 (corpus_places.py), plus
joint plans of two provinces (苏皖) and city clusters (长株潭). Each issues 1-5 yearly editions
(2021-2027). The first edition draws families from the source plans with a power-law reach (a few
families adopted by most jurisdictions, most by few; a jurisdiction leans towards one source plan,
its "template"), renders each from one source plan's version of the family (all that plan's
members, sometimes only one) and rewrites it; edition k+1 is edition k of the same jurisdiction
with drift: measures dropped, rewritten, merged or split, new families adopted, chapters
reshuffled. Rewrites (each recorded in truth.csv `edits`):

    places     川渝->苏皖, 重庆->南京, 成都->合肥, 四川->安徽, 渝/蓉 abbreviations, districts, 巴蜀 …
               in titles, texts and units (两省市 stays)
    units      lead units localised: 重庆市教委 -> 南京市教育局, 市人力社保局 -> 省人力资源社会保障厅
    style      the office's habits of wording (near-synonyms it always writes one way: 推动 for
               推进, 强化 for 加强 …; corpus_rewrite.py), applied to what it adopts
    stock      boilerplate sentences (two or three per plan) appended to many measures of one plan
               at once; sometimes an opening phrase (按照国家统一部署，) before many of them
    clause-drop / clause-add:family / clause-add:generic   a sentence dropped, or one added (from a
               measure of the same family in another source plan when there is one)
    clause-add:topic   rarely, a sentence of a neighbouring measure on the same topic (another
               family) padding this one: the stray overlap a family clustering must resist
    clause-cut a clause (between commas) of a long sentence left out
    family-swap   a sentence replaced by another source plan's words for the same commitment
    condense   only one or two consecutive sentences of the source kept
    local      a sentence naming the jurisdiction's own pilot districts, platform or area (the same
               few pilots throughout its plans)
    reorder    two sentences, or two clauses of a sentence, swapped
    synonyms   some near-synonyms swapped
    list-drop / list-add   an item of a 、-list removed or added
    numbers    80项 -> 120项, 10个工作日 -> 5个工作日
    abbrev     社会保障卡<->社保卡, 住房公积金<->公积金, 人力资源和社会保障->人社 … (either way)
    title      leading verb swapped (推进/推动/深化/加快/促进, 加强/强化, 健全/完善) or 持续/进一步
    order      measures of the chapter shuffled
    merge      two measures of the plan (same family) merged into one; both sources recorded
    split      one measure split into two at a sentence boundary
    renumbered the measure's label differs from its predecessor's

Layouts (recorded nowhere, they must not matter): one paragraph per line or blank lines between,
paragraphs indented with two ideographic spaces, text hard-wrapped at 30-42 characters with page
numbers (— 3 —) between lines (a text copied out of a PDF), the title of a measure on its own line,
the units clause on its own line, runs of labels typed with half-width parentheses, a 通知 title
wrapped over two lines, joint plans with two issuers; a share of the plans as .docx (one paragraph
per line, typed labels).

Truth (truth.csv, one row per generated measure, in (year, date, file) order)
---------------------------------------------------------------------------
file, label (as printed), family, source (source plan:label, "+"-joined when merged),
predecessor_file, predecessor_label: the measure of the same jurisdiction's previous edition it
was derived from (for a merge, the first of its predecessors; `predecessor_all` lists all).
Empty for a first adoption: the measure was drawn from a source plan, not from another generated
plan, so it has no true predecessor in the corpus. For scoring, the "true" predecessor of a
first adoption is then the family's earliest adopter (earliest by year, then file order in
truth.csv); the family's earliest measure has none. Extra columns: year, jurisdiction, order
(1-based position among the file's measures), title, predecessor_all.

The run is deterministic for a seed (string-seeded `random.Random`, no set iteration, no hash()).
"""
from __future__ import annotations

import argparse
import csv
import math
import random
import re
import sys
import time
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus_places as cp  # noqa: E402
import corpus_rewrite as rw  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
GOLD_DIR = ROOT.parent / "shared" / "gold"

SOURCE_PLANS = ("chuanyu-2024.txt", "chuanyu-2025-2027.txt", "shuanghe-2025.txt",
                "study-compilation-2025-03.txt#7", "district-template.txt")
# Gold file -> (plan a, plan b) of this repository's inputs (the gold names them by seed file).
GOLD_FILES = {
    "chuanyu-2024_vs_chuanyu-2025-2027.json": ("chuanyu-2024.txt", "chuanyu-2025-2027.txt"),
    "chuanyu-2025-2027_vs_urbanization-2025.json": ("chuanyu-2025-2027.txt",
                                                     "study-compilation-2025-03.txt#7"),
}
YEARS = (2021, 2027)
MAX_EDITIONS = 5

# --- numerals and labels -------------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"


def numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九."""
    if not 0 < n < 100:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def numeral_value(text: str) -> int:
    if "十" not in text:
        return _DIGITS.index(text)
    tens, _, ones = text.partition("十")
    return (_DIGITS.index(tens) if tens else 1) * 10 + (_DIGITS.index(ones) if ones else 0)


_LABEL = re.compile(r"^\s*[（(]?\s*([零一二三四五六七八九十百]+)\s*[）)]?\s*$")


def normalise_label(label: str) -> str:
    """'(十二)', '（十二）', '( 十二 )', '十二' -> '（十二）'; anything else: stripped as is."""
    m = _LABEL.match(label or "")
    return f"（{m.group(1)}）" if m else (label or "").strip()


# --- source measures and families ----------------------------------------------------------------

# Canonical chapters ("topics"): every source chapter maps to one; a plan's chapters are its topics
# in this order, named in one of three styles (2025 方案 / 2024 便捷行动事项 / plain).
TOPICS = {
    "标准": ("推进基本公共服务标准协同", "基本公共服务标准便捷行动事项", "加快公共服务政策标准衔接统一"),
    "市民化": ("深入推进新一轮农业转移人口市民化", "农业转移人口市民化便捷行动事项", "推进农业转移人口市民化"),
    "教育": ("推进教育协同发展", "教育便捷行动事项", "推动优质教育资源共建共享"),
    "健康": ("打造健康共同体", "医疗养老便捷行动事项", "提升医疗卫生和养老服务水平"),
    "就业": ("营造良好就业创业环境", "就业社保便捷行动事项", "促进就业创业和社会保障衔接"),
    "住房": ("推进住房保障惠民便民", "住房保障便捷行动事项", "完善住房保障和公积金服务"),
    "交通": ("推进交通通信互联互通", "交通通信便捷行动事项", "提升交通出行便利化水平"),
    "政务": ("推进政务服务跨区域通办", "政务信用便捷行动事项", "提升政务服务便利化水平"),
    "文旅": ("深化文旅体融合发展", "文化旅游便捷行动事项", "推动文旅体育资源联通共享"),
    "治理": ("推进社会治理共建共治", "应急救援便捷行动事项", "提升社会治理和应急协同水平"),
    "城镇化": ("深入推进县域新型工业化城镇化协同互促", "县域城镇化便捷行动事项", "推动新型工业化和城镇化协同发展"),
    "都市圈": ("深入推进现代化{city}都市圈建设", "都市圈同城化便捷行动事项", "推进{city}都市圈同城化发展"),
    "城市更新": ("深入推进城市更新和安全韧性水平提升", "城市更新便捷行动事项", "推进城市更新和韧性城市建设"),
    "保障": ("加强组织保障", "保障措施", "强化组织实施保障"),
}
TOPIC_ORDER = tuple(TOPICS)
_CHAPTER_TOPIC = {
    "交通通信便捷行动事项": "交通", "户籍出入境管理便捷行动事项": "政务", "就业社保便捷行动事项": "就业",
    "教育文化便捷行动事项": "教育", "医疗卫生便捷行动事项": "健康", "养老助残便捷行动事项": "健康",
    "住房保障便捷行动事项": "住房", "应急救援便捷行动事项": "治理", "信用评估便捷行动事项": "政务",
    "畅游巴蜀便捷行动事项": "文旅", "推进基本公共服务标准协同": "标准", "推进教育协同发展": "教育",
    "打造健康共同体": "健康", "深化文旅体融合发展": "文旅", "营造良好就业创业环境": "就业",
    "推进社会治理共建共治": "治理", "加强组织保障": "保障", "保障措施": "保障",
    "深入推进新一轮农业转移人口市民化": "市民化", "深入推进区县域新型工业化城镇化协同互促": "城镇化",
    "深入推进现代化重庆都市圈建设": "都市圈", "深入推进城市更新和安全韧性水平提升": "城市更新",
}
_MEASURE_TOPIC = {   # measures whose chapter mixes topics
    ("chuanyu-2024.txt", "十七"): "文旅",
    ("chuanyu-2025-2027.txt", "十六"): "住房", ("chuanyu-2025-2027.txt", "十七"): "交通",
    ("district-template.txt", "主要任务一"): "标准", ("district-template.txt", "主要任务二"): "教育",
    ("district-template.txt", "主要任务三"): "文旅", ("district-template.txt", "主要任务四"): "治理",
    **{("shuanghe-2025.txt", k): v for k, v in {
        "一": "住房", "二": "健康", "三": "健康", "四": "健康", "五": "政务", "六": "政务", "七": "健康",
        "八": "交通", "九": "政务", "十": "政务", "十一": "就业", "十二": "就业", "十三": "健康",
        "十四": "就业", "十五": "教育", "十六": "文旅", "十七": "文旅", "十八": "交通", "十九": "文旅",
        "二十": "文旅"}.items()},
}
_UNITS = re.compile(r"^[（(]\s*(责任单位|牵头单位)\s*[：:](.*)[）)]$", re.S)


@dataclass(frozen=True)
class SourceMeasure:
    ref: str            # "chuanyu-2024.txt:（一）" (district-template: "district-template.txt:保障措施（一）")
    plan: str
    numeral: str
    title: str
    rest: str           # the body after the title (may hold "\n" between sub-items)
    title_line: bool    # title printed on its own line (district-template layout)
    units: str          # units list without the clause's head word, "" when none
    topic: str
    kind: str
    family: str = ""


@dataclass
class Family:
    id: str
    members: list
    by_plan: dict       # plan -> [SourceMeasure] in source order
    safeguard: bool


@dataclass
class Sources:
    measures: list      # [SourceMeasure], source order
    families: list      # [Family], id order
    gold: bool

    def family(self, fid):
        return self._by_id[fid]

    def __post_init__(self):
        self._by_id = {f.id: f for f in self.families}


def _split_measure(plan, m):
    body, text = m.body.strip(), m.text.strip()
    units = ""
    tail = text[len(body):].strip() if text.startswith(body) else ""
    um = _UNITS.match(tail)
    if um:
        units = re.sub(r"\s+", "", um.group(2))
    elif tail:
        raise ValueError(f"{plan} {m.label}: unexpected text after the body: {tail[:40]}")
    title = m.title.strip()
    if body.startswith(title):
        rest = body[len(title):]
        title_line = not rest.startswith(("。", "．", "."))
        rest = rest.lstrip("。．.").strip()
    else:
        title_line, rest = False, body
    return title, rest, title_line, units


@lru_cache(maxsize=4)
def load_sources(gold_dir: str | None = None, use_gold: bool = True) -> Sources:
    """Source measures of the bundled plans and their families (see the module docstring)."""
    import compare
    measures = []
    for plan in SOURCE_PLANS:
        doc = compare.load(str(INPUTS / plan))
        labels = [normalise_label(m.label) for m in doc.measures if m.kind != "general"]
        unique = len(set(labels)) == len(labels)
        for m in doc.measures:
            if m.kind == "general":          # 指导思想 / 主要目标: not a commitment
                continue
            lab = normalise_label(m.label)
            num = lab.strip("（）")
            ref = f"{plan}:{lab}" if unique else f"{plan}:{m.chapter}{lab}"
            key = num if unique else m.chapter + num
            topic = _MEASURE_TOPIC.get((plan, key)) or _CHAPTER_TOPIC.get(m.chapter)
            if topic is None:
                raise ValueError(f"{plan} {lab}: chapter {m.chapter!r} has no topic")
            title, rest, title_line, units = _split_measure(plan, m)
            kind = "safeguard" if topic == "保障" else "measure"
            measures.append(SourceMeasure(ref, plan, num, title, rest, title_line, units, topic, kind))
    by_ref = {m.ref: m for m in measures}
    parent = {m.ref: m.ref for m in measures}

    def find(r):
        while parent[r] != r:
            parent[r] = parent[parent[r]]
            r = parent[r]
        return r

    if use_gold:
        import json
        gdir = Path(gold_dir) if gold_dir else GOLD_DIR
        for name, (pa, pb) in GOLD_FILES.items():
            path = gdir / name
            if not path.exists():
                raise FileNotFoundError(f"{path}: gold reference not found (pass --gold DIR or --no-gold)")
            for a, b in json.loads(path.read_text(encoding="utf-8"))["required"]:
                ra, rb = f"{pa}:（{a}）", f"{pb}:（{b}）"
                for r in (ra, rb):
                    if r not in by_ref:
                        raise KeyError(f"{name}: {r} names no source measure")
                parent[find(ra)] = find(rb)
    ids, families, members = {}, [], {}
    for m in measures:
        root = find(m.ref)
        if root not in ids:
            ids[root] = f"F{len(ids) + 1:03d}"
            members[ids[root]] = []
        members[ids[root]].append(m)
    out = []
    for m in measures:
        out.append(replace(m, family=ids[find(m.ref)]))
    for fid, ms in members.items():
        ms = [replace(m, family=fid) for m in ms]
        by_plan = {}
        for m in ms:
            by_plan.setdefault(m.plan, []).append(m)
        families.append(Family(fid, ms, by_plan, all(m.kind == "safeguard" for m in ms)))
    return Sources(out, families, use_gold)


# --- jurisdictions and place names ---------------------------------------------------------------

# Source place names (Chongqing districts and Sichuan counties of the source plans) replaced by
# made-up district names of the jurisdiction.
_DISTRICTS = ("黔江 江津 合川 南川 大足 铜梁 潼南 荣昌 开州 梁平 丰都 垫江 云阳 秀山 长寿 渝北 永川 武胜 岳池 "
              "金堂 双流 白市驿 宝山 两江 高竹 天府 江北 忠县").split()


@dataclass
class Jurisdiction:
    name: str            # file stem: 南京市, 江苏省, 苏皖, 长株潭
    level: str           # city / province / pair / cluster
    home_full: str       # 南京市 / 江苏省
    home_short: str
    home_city: str       # the city of 都市圈 (a province's capital)
    home_prov: object
    partner_city: str
    partner_prov: object
    issuers: tuple
    gov: str             # 市政府 / 省政府 / 两省政府 …
    docno: str           # 宁政办发 …
    places: dict         # source token -> replacement
    localise: bool       # lead units localised (教委 -> 教育局); municipalities keep 委
    units_word: str      # 责任单位 / 牵头单位
    chapter_style: int
    template: str        # the source plan this jurisdiction leans towards
    title_stem: str
    addressees: str
    size: float          # plan-size factor
    habits: dict = field(default_factory=dict)   # near-synonyms its drafters always write one way
    pilots: tuple = ()                           # the districts its plans name as pilots, again and again


def _place_map(home_full, home_short, home_city, hp, h_abbr, partner_city, pp_, pc_abbr,
               pair_name, city_pair, rng):
    avoid = (home_short, partner_city, "广安", "成都", "重庆", "四川", *_DISTRICTS)
    gen = dict(zip(_DISTRICTS, cp.county_names(rng, len(_DISTRICTS), avoid=avoid), strict=True))
    second = [c for c in pp_.cities if c != partner_city]
    guang = rng.choice(second) if second else cp.county_names(rng, 1)[0]
    heritage = [hp.opera, hp.craft] + ([pp_.opera, pp_.craft] if pp_ is not hp else [])
    m = {
        "中国铁路成都局集团公司": f"中国铁路{pp_.railway}集团公司",
        "川剧、蜀锦、羌绣、夏布": "、".join(heritage),
        "重庆都市圈": f"{home_city}都市圈",
        "重庆市": home_full, "重庆": home_short,
        "四川省": pp_.name, "四川": pp_.short,
        "成都市": partner_city + "市", "成都": partner_city,
        "川渝": pair_name, "成渝": city_pair,
        "渝快办": f"{h_abbr}快办", "蓉易办": f"{pc_abbr}易办", "天府通": f"{pc_abbr}城通",
        "渝": h_abbr, "蓉": pc_abbr,
        "巴蜀": pp_.culture, "巴渝": hp.culture, "华蓥山": hp.landmark,
        "西部科学城": hp.region + "科学城", "西部（": hp.region + "（", "西部金融中心": hp.region + "金融中心",
        "西部数据交易中心": hp.region + "数据交易中心",
        "鲁渝": "对口", "主城都市区": "中心城区及周边", "主城新区": "近郊新区",
        "广安市": guang + "市", "广安": guang, "嘉陵江": "滨江",
        "合广长": gen["合川"][0] + guang[0] + gen["长寿"][0],
    }
    m.update(gen)
    return m


_PLACE_RE = None
# Source place names that must not survive the place swap (中国铁路成都局 is 贵州's real railway).
LEAKS = re.compile(r"重庆|四川|(?<!铁路)成都|川渝|成渝|渝|蓉|蜀|巴渝|广安|川剧|羌绣|夏布")


def _place_regex(tokens):
    global _PLACE_RE
    if _PLACE_RE is None:
        _PLACE_RE = re.compile("|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True)))
    return _PLACE_RE


def swap_places(text: str, places: dict) -> str:
    return _place_regex(places).sub(lambda m: places[m.group(0)], text)


_TITLE_STEMS = {
    "chuanyu-2024.txt": "{pp}推进公共服务一体化深化便捷生活行动事项",
    "chuanyu-2025-2027.txt": "进一步强化{pp}公共服务共建共享行动方案",
    "shuanghe-2025.txt": "{home}{partner}双核联动推进公共服务一体化提质扩面行动方案",
    "study-compilation-2025-03.txt#7": "{home}深入实施以人为本的新型城镇化战略行动计划实施方案",
    "district-template.txt": "{home}加快推进公共服务共建共享行动方案",
}


def _jurisdiction_pool():
    """Every candidate jurisdiction as (name, level, args), in a fixed order."""
    pool = [(p.name, "province", (p.short,)) for p in cp.PROVINCES.values()]
    for p in cp.PROVINCES.values():
        pool += [(c + "市", "city", (c,)) for c in p.cities]
    pool += [(name, "pair" if kind == "provinces" else "cluster", (a, b)) for name, a, b, kind in cp.PAIRS]
    return pool


def _make_jurisdiction(name, level, args, seed) -> Jurisdiction:
    rng = random.Random(f"{seed}/jurisdiction/{name}")
    if level in ("province", "pair"):
        hp = cp.PROVINCES[args[0]]
        pp_ = cp.PROVINCES[args[1]] if level == "pair" else cp.PROVINCES[rng.choice(cp.NEIGHBOURS[hp.short])]
        home_full, home_short, home_city, h_abbr = hp.name, hp.short, hp.capital, hp.abbr
        partner_city = pp_.capital
        pair_name = hp.abbr + pp_.abbr if level == "province" else name
        city_pair = cp.city_abbr(hp.capital) + cp.city_abbr(pp_.capital)
        gov_word = "省政府" if not hp.municipality else "市政府"
        if level == "pair":
            issuers = (f"{hp.name}人民政府办公厅", f"{pp_.name}人民政府办公厅")
            gov = f"{hp.short}{'市' if hp.municipality else '省'}政府和{pp_.short}{'市' if pp_.municipality else '省'}政府"
        else:
            issuers, gov = (f"{hp.name}人民政府办公厅",), gov_word
        docno = hp.abbr + rng.choice(("政办发", "府办发", "政办函"))
        addressees = ("各市、县（市、区）人民政府，省政府各部门、各直属机构" if not hp.municipality
                      else "各区人民政府，市政府各委、办、局，各有关单位")
    else:
        if level == "city":
            home_city = args[0]
            hp = cp.province_of(home_city)
            pp_ = cp.PROVINCES[rng.choice(cp.NEIGHBOURS[hp.short])]
            cities = pp_.cities or (pp_.short,)
            partner_city = rng.choice(cities[:1] * 2 + cities)        # capitals are likelier partners
            pair_name = hp.abbr + pp_.abbr
            city_pair = cp.city_abbr(home_city) + cp.city_abbr(partner_city)
            issuers, gov = (f"{home_city}市人民政府办公厅",), "市政府"
        else:                                   # cluster: two cities of one province
            home_city, partner_city = args
            hp = pp_ = cp.province_of(home_city)
            pair_name = city_pair = name
            issuers = (f"{home_city}市人民政府办公厅", f"{partner_city}市人民政府办公厅")
            gov = f"{home_city}市政府和{partner_city}市政府"
        home_full, home_short, h_abbr = home_city + "市", home_city, cp.city_abbr(home_city)
        docno = h_abbr + rng.choice(("政办发", "政办", "府办发"))
        addressees = "各区（市）县人民政府，市政府各部门，有关单位"
    places = _place_map(home_full, home_short, home_city, hp, h_abbr, partner_city, pp_,
                        cp.city_abbr(partner_city), pair_name, city_pair, rng)
    template = rng.choices(SOURCE_PLANS, weights=(3, 3, 2, 2, 1))[0]
    stem = _TITLE_STEMS[template].format(pp=city_pair if level == "city" else pair_name, home=home_short,
                                         partner=partner_city)
    return Jurisdiction(
        name=name, level=level, home_full=home_full, home_short=home_short, home_city=home_city,
        home_prov=hp, partner_city=partner_city, partner_prov=pp_, issuers=issuers, gov=gov,
        docno=docno, places=places, localise=not home_full.endswith(("北京市", "天津市", "上海市"))
        and rng.random() < 0.85, units_word=rng.choice(("责任单位", "责任单位", "牵头单位")),
        chapter_style=rng.choice((0, 0, 1, 2)), template=template, title_stem=stem,
        addressees=addressees, size=rng.uniform(0.6, 1.5), habits=rw.style(rng),
        pilots=tuple(rng.sample([places[d] for d in _DISTRICTS], 3)))


# Lead units: the source plans' (Chongqing's) names of departments -> a prefecture city's and a
# province's usual names (general source: the 机构改革 names of 地级市 and 省 departments).
_CITY_UNITS = {"教委": "教育局", "人力社保局": "人力资源社会保障局", "住房城乡建委": "住房城乡建设局",
               "交通运输委": "交通运输局", "文化旅游委": "文化广电旅游局", "商务委": "商务局",
               "经济信息委": "工业和信息化局", "农业农村委": "农业农村局"}
_PROV_UNITS = {"教委": "教育厅", "人力社保局": "人力资源社会保障厅", "住房城乡建委": "住房城乡建设厅",
               "交通运输委": "交通运输厅", "文化旅游委": "文化和旅游厅", "公安局": "公安厅", "民政局": "民政厅",
               "商务委": "商务厅", "科技局": "科技厅", "应急管理局": "应急管理厅", "财政局": "财政厅",
               "经济信息委": "工业和信息化厅", "农业农村委": "农业农村厅", "规划自然资源局": "自然资源厅",
               "水利局": "水利厅"}


def localise_units(units: str, j: Jurisdiction) -> str:
    """The home side's lead units in the jurisdiction's own style. The short form 市公安局 of a
    municipality's plan becomes 省公安局 (自治区公安局) in a province's plan; when the jurisdiction
    localises, the department's name too: 南京市教委 (重庆市教委 after the place swap) -> 南京市教育局,
    市公安局 -> 省公安厅."""
    if not units:
        return units
    head = next((h for h in ("自治区", "省") if j.home_full.endswith(h)), "")
    table = (_PROV_UNITS if head else _CITY_UNITS) if j.localise else {}
    parts = re.split(r"([、，；,;])", units)
    for i, part in enumerate(parts):
        for prefix in (j.home_full, "市"):
            if part.startswith(prefix) and len(part) > len(prefix):
                dept = part[len(prefix):]
                parts[i] = ((head or "市") if prefix == "市" else prefix) + table.get(dept, dept)
                break
    return "".join(parts)


# --- rewrites ------------------------------------------------------------------------------------

# Boilerplate drafters append to many measures of a plan at once.
STOCK = rw.STOCK
# Generic but plausible clauses (added when the family has no other source plan to borrow from).
GENERIC = ("建立健全跨区域协调推进机制，加强政策衔接和信息共享。", "探索建立常态化沟通对接机制，定期会商解决重点难点问题。",
           "推动相关数据跨部门、跨区域共享互认。", "完善配套政策，强化资金、人才等要素保障。",
           "依托一体化政务服务平台，推动更多事项“网上办、掌上办”。", "鼓励社会力量参与，形成多元共建格局。",
           "推动服务向基层延伸，提升群众办事便利度。", "开展试点示范，形成可复制可推广的经验。",
           "加强业务培训，提升经办人员服务能力。", "健全监测评价机制，定期开展实施效果评估。")
_VERBS = (("推进", "推动", "深化", "加快", "促进"), ("加强", "强化"), ("健全", "完善"))
_NUMBER = re.compile(r"(?<![\d.])(\d{1,4})(?=个工作日|个|项|万人|万|人|家|所|%|％|天|条|次|公里|分钟|小时|类|批|种)")
_SUBITEM = re.compile(r"^\d+[.．、]")
_SENT = re.compile(r"[^。；]+[。；]?")
_LIST = re.compile(r"、([^、，。；：“”（）()\s]{2,8})(?=、)")


def _is_stock(sentence: str) -> bool:
    return sentence in _STOCK_SET or bool(_STOCK_YEAR.fullmatch(sentence))


_STOCK_SET = frozenset(STOCK)
_STOCK_YEAR = re.compile("|".join(re.escape(x).replace(re.escape("{year}"), r"20\d\d") for x in STOCK if "{year}" in x))


def sentences(text: str) -> list:
    return [s for s in _SENT.findall(text) if s.strip()]


def _on_line(rest, rng, fn):
    """Apply fn to one line of a multi-line body (keeping a 1./2. sub-item prefix); None if fn fails."""
    lines = rest.split("\n")
    order = list(range(len(lines)))
    rng.shuffle(order)
    for i in order:
        m = _SUBITEM.match(lines[i])
        prefix = m.group(0) if m else ""
        new = fn(lines[i][len(prefix):])
        if new is not None:
            lines[i] = prefix + new
            return "\n".join(lines)
    return None


def drop_clause(rest, rng):
    """One sentence dropped (never the first, never the last of the measure's own sentences)."""
    def fn(line):
        ss = sentences(line)
        if len(ss) < 2:
            return None
        k = rng.randrange(1, len(ss))
        if not is_boilerplate(ss[k]) and sum(not is_boilerplate(x) for x in sentences(rest)) < 2:
            return None
        del ss[k]
        return "".join(ss)
    return _on_line(rest, rng, fn)


def is_boilerplate(sentence: str) -> bool:
    """A sentence from the generator's pools (stock, generic, local), not the measure's own."""
    return _is_stock(sentence) or sentence in GENERIC or bool(_LOCAL.fullmatch(sentence))


_LOCAL = re.compile("|".join(re.sub(r"\\\{\w+\\\}", ".{1,12}", re.escape(x)) for x in rw.LOCAL))


def add_clause(rest, rng, clause):
    def fn(line):
        ss = sentences(line)
        if not ss:
            return None
        if not ss[-1].endswith(("。", "；")):
            ss[-1] += "。"
        ss.insert(rng.randint(1, len(ss)), clause)
        return "".join(ss)
    return _on_line(rest, rng, fn)


def edit_list(rest, rng, pool, add):
    def fn(line):
        spots = list(_LIST.finditer(line))
        if not spots:
            return None
        m = rng.choice(spots)
        if add:
            items = [x for x in pool if x not in line]
            if not items:
                return None
            return line[:m.end()] + "、" + rng.choice(items) + line[m.end():]
        return line[:m.start()] + line[m.end():]
    return _on_line(rest, rng, fn)


def change_numbers(rest, rng):
    spots = [m for m in _NUMBER.finditer(rest) if not (len(m.group(1)) == 4 and m.group(1)[:2] in ("19", "20"))]
    if not spots:
        return None
    m = rng.choice(spots)
    v = int(m.group(1))
    for _ in range(8):
        w = max(1, int(round(v * rng.choice((0.5, 0.6, 0.8, 1.2, 1.5, 2.0)))))
        if w != v:
            break
    else:
        w = v + 1
    return rest[:m.start()] + str(w) + rest[m.end():]


def reword_title(title, rng):
    for group in _VERBS:
        for v in group:
            if title.startswith(v):
                return rng.choice([w for w in group if w != v]) + title[len(v):]
    for prefix in ("持续", "进一步"):
        if title.startswith(prefix):
            return title[len(prefix):]
    return rng.choice(("持续", "进一步")) + title


# --- plans ---------------------------------------------------------------------------------------

@dataclass
class GenMeasure:
    family: str
    sources: tuple       # source refs
    title: str
    rest: str
    title_line: bool
    units: str
    topic: str
    preds: tuple = ()    # indices into the previous edition's measures
    edits: list = field(default_factory=list)
    label: str = ""


@dataclass
class Plan:
    j: Jurisdiction
    year: int
    date: str
    edition: int
    measures: list       # [GenMeasure] in printed order
    topics: tuple        # chapter order
    file: str = ""
    title: str = ""
    docno: str = ""
    layout: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Rates:
    """How often drafters do each thing (probabilities; per plan unless said per measure).
    The edition rates were chosen by reading the bundled plans' editions (2024 -> 2025-2027:
    about a quarter of the measures dropped or merged, most of the rest reworded); the rewrite
    mix by what separates a measure from its source when another office takes it over (its own
    habits of wording, its own pilots, the core kept and the rest condensed, clauses reordered,
    boilerplate appended). Chosen so that a naive character-bigram clustering
    (corpus_baseline.py) scores about as it does on hand-checked plans (pairwise F1 0.70-0.80),
    never tuned to `compare corpus`."""
    template_variant: float = 0.6     # render a family from the jurisdiction's template plan when it can
    one_member: float = 0.4           # of a family's several measures in that plan, take only one
    merge_on_adoption: float = 0.2    # … or merge two of them into one at once
    style: float = 0.9                # per measure: the office's habits of wording applied on adoption
    rewrite_on_adoption: float = 0.85  # per measure: rewritten when first adopted …
    rewrites_on_adoption: tuple = (2, 3, 4)   # … with this many rewrites
    stock_first: float = 0.8          # a first edition appends stock sentences to many measures
    stock_count: tuple = (2, 3, 3)    # … this many different ones
    stock_share: tuple = (0.3, 0.85)  # share of the plan's measures that get each
    opening: float = 0.25             # a plan opens a share of its measures with a stock phrase
    drop: float = 0.08                # per measure: not carried into the next edition
    rewrite_next: float = 0.5         # per measure: rewritten in the next edition …
    rewrites_next: tuple = (1, 1, 2)  # … with this many rewrites
    merge_next: float = 0.5           # two measures of one family merged (when the plan has such)
    split_next: float = 0.15          # one measure split in two
    new_families: tuple = (0, 1, 1, 2, 2, 3, 4)   # families newly adopted by an edition
    stock_next: float = 0.3           # a later edition appends a new stock sentence
    shuffle_first: float = 0.15       # per chapter: measures shuffled
    shuffle_next: float = 0.1
    # relative weights of the rewrites (drift)
    rewrites: tuple = (("clause-drop", 3), ("clause-add", 3), ("clause-add:topic", 0.2), ("clause-cut", 3),
                       ("list", 1), ("numbers", 1), ("abbrev", 1), ("title", 2), ("reorder", 3), ("synonyms", 3),
                       ("condense", 4), ("local", 4), ("family-swap", 3))


class _Gen:
    def __init__(self, sources: Sources, seed, rates: Rates = Rates()):
        self.src = sources
        self.seed = seed
        self.rates = rates
        rng = random.Random(f"{seed}/reach")
        # Power-law reach: the family of rank r (ranks shuffled by seed) is adopted by a first edition
        # with probability min(0.9, 1.8 r^-0.7), times the jurisdiction's size and template factors.
        ordinary = [f for f in sources.families if not f.safeguard]
        rng.shuffle(ordinary)
        self.reach = {f.id: min(0.9, 1.8 * (r + 1) ** -0.7) for r, f in enumerate(ordinary)}
        for f in sources.families:
            if f.safeguard:
                self.reach[f.id] = rng.uniform(0.15, 0.5)
        # middle items of the 、-lists of each family's and each topic's source measures (list-add);
        # items naming a source place are left out (a list item is not place-swapped as a phrase)
        self.by_topic = {}
        for m in sources.measures:
            self.by_topic.setdefault(m.topic, []).append(m)
        self.items, self.family_items = {}, {}
        for m in sources.measures:
            for x in _LIST.findall(m.rest):
                if not LEAKS.search(x):
                    self.items.setdefault(m.topic, []).append(x)
                    self.family_items.setdefault(m.family, []).append(x)

    # first adoption of a family in a jurisdiction
    def instantiate(self, fam: Family, j: Jurisdiction, rng) -> list:
        plans = list(fam.by_plan)
        r = self.rates
        plan = (j.template if j.template in fam.by_plan and rng.random() < r.template_variant
                else rng.choice(plans))
        members = fam.by_plan[plan]
        if len(members) > 1 and rng.random() < r.one_member:
            members = [rng.choice(members)]
        out = []
        for sm in members:
            title = swap_places(sm.title, j.places)
            rest = swap_places(sm.rest, j.places)
            units0 = swap_places(sm.units, j.places)
            units = localise_units(units0, j)
            edits = []
            if title != sm.title or rest != sm.rest or units0 != sm.units:
                edits.append("places")
            if units != units0:
                edits.append("units")
            if j.habits and rng.random() < r.style:
                styled_title, styled = rw.apply_style(title, j.habits), rw.apply_style(rest, j.habits)
                if (styled_title, styled) != (title, rest):
                    title, rest = styled_title, styled
                    edits.append("style")
            out.append(GenMeasure(fam.id, (sm.ref,), title, rest, sm.title_line, units, sm.topic,
                                  (), edits))
        if len(out) > 1 and rng.random() < r.merge_on_adoption:
            out = [self.merge(out[0], out[1], rng)] + out[2:]
        return out

    def borrow(self, gm: GenMeasure, j: Jurisdiction, rng, topic=False):
        """A sentence from a member of the family in another source plan (place-swapped), or None;
        with `topic`, from a measure of another family on the same topic (a neighbouring measure's
        words padding this one)."""
        if topic:
            others = [m for m in self.by_topic.get(gm.topic, ()) if m.family != gm.family]
        else:
            used = {r.split(":")[0] for r in gm.sources}
            others = [m for m in self.src.family(gm.family).members if m.plan not in used]
        if not others:
            return None
        ss = sentences(rng.choice(others).rest.replace("\n", ""))
        ss = [s for s in ss if 8 <= len(s) <= 80 and not _SUBITEM.match(s)]
        if not ss:
            return None
        s = swap_places(rng.choice(ss), j.places)
        return s if s.endswith(("。", "；")) else s + "。"

    def drift(self, gm: GenMeasure, j: Jurisdiction, rng, n: int):
        """Apply n random rewrites to gm (those that apply)."""
        kinds = [k for k, _ in self.rates.rewrites]
        weights = [w for _, w in self.rates.rewrites]
        for _ in range(n):
            for _try in range(4):
                kind = rng.choices(kinds, weights)[0]
                if kind == "title":
                    gm.title = reword_title(gm.title, rng)
                    gm.edits.append(kind)
                    break
                new, tag = self._rewrite(kind, gm, j, rng)
                if new is not None and new != gm.rest:
                    gm.rest = new
                    gm.edits.append(tag)
                    break

    def _rewrite(self, kind, gm: GenMeasure, j: Jurisdiction, rng):
        """(gm's new body or None, the edit's tag) for one rewrite of the body."""
        if kind == "clause-drop":
            return drop_clause(gm.rest, rng), kind
        if kind == "clause-add:topic":
            return add_clause(gm.rest, rng, self.borrow(gm, j, rng, topic=True) or rng.choice(GENERIC)), kind
        if kind == "clause-add":
            clause = self.borrow(gm, j, rng)
            tag = "clause-add:family" if clause else "clause-add:generic"
            return add_clause(gm.rest, rng, clause or rng.choice(GENERIC)), tag
        if kind == "list":
            add = rng.random() < 0.5
            pool = self.family_items.get(gm.family, ())
            if not pool or rng.random() < 0.3:
                pool = self.items.get(gm.topic, ())
            return edit_list(gm.rest, rng, pool, add), "list-add" if add else "list-drop"
        if kind == "numbers":
            return change_numbers(gm.rest, rng), kind
        if kind == "abbrev":
            return rw.abbreviate(gm.rest, rng), kind
        if kind == "reorder":
            return rw.reorder(gm.rest, rng), kind
        if kind == "clause-cut":
            return rw.cut_clause(gm.rest, rng), kind
        if kind == "synonyms":
            return rw.synonyms(gm.rest, rng), kind
        if kind == "condense":
            new = rw.condense(gm.rest, rng)
            own = new is not None and any(not is_boilerplate(x) for x in sentences(new.replace("\n", "")))
            return (new if own else None), kind
        if kind == "local":
            return add_clause(gm.rest, rng, rw.local_sentence(j.places, j.pilots, rng, 2025)), kind
        if kind == "family-swap":
            other = self.borrow(gm, j, rng)
            return (rw.swap_sentence(gm.rest, other, rng) if other else None), kind
        raise ValueError(kind)

    @staticmethod
    def merge(a: GenMeasure, b: GenMeasure, rng) -> GenMeasure:
        seen = set(sentences(a.rest))
        extra = "".join(s for s in sentences(b.rest.replace("\n", "")) if s not in seen)
        rest = a.rest + ("\n" if a.title_line else "") + extra if extra else a.rest
        return GenMeasure(a.family, a.sources + tuple(s for s in b.sources if s not in a.sources),
                          a.title, rest, a.title_line, a.units or b.units, a.topic, a.preds + b.preds,
                          [e for e in a.edits if e != "merge"] + ["merge"])

    @staticmethod
    def split(gm: GenMeasure, rng):
        """Two measures from one, cut at a sentence boundary of its own text; the boilerplate
        (stock) sentences at its end go with both halves."""
        if "\n" in gm.rest:
            return None
        ss = sentences(gm.rest)
        tail_stock = []
        while ss and _is_stock(ss[-1]):
            tail_stock.insert(0, ss.pop())
        if len(ss) < 3 or any(_is_stock(x) or x in GENERIC for x in ss):
            return None
        k = rng.randint(1, len(ss) - 1)
        head, tail = "".join(ss[:k]), ss[k:]
        clauses = re.split(r"(?<=，)", tail[0], maxsplit=1)
        if len(clauses) == 2 and 4 <= len(clauses[0]) - 1 <= 18:
            title2 = clauses[0][:-1]
            rest2 = clauses[1] + "".join(tail[1:])
        else:
            title2 = tail[0][:14].rstrip("。；，、：")
            rest2 = "".join(tail)
        stock = "".join(tail_stock)
        one = replace(gm, rest=head + stock, edits=gm.edits + ["split"])
        two = replace(gm, title=title2, rest=rest2 + stock, edits=gm.edits + ["split"])
        return one, two

    def stock(self, plan: Plan, measures, rng, count=1):
        """Append `count` stock sentences, each to a large share of the plan's measures; sometimes
        open a share of them with a stock phrase too."""
        for s in rng.sample(STOCK, count):
            s = s.format(year=plan.year + 1)
            share = rng.uniform(*self.rates.stock_share)
            for gm in measures:
                if rng.random() < share and s not in gm.rest:
                    gm.rest = gm.rest + s if gm.rest.endswith(("。", "；")) or not gm.rest else gm.rest + "。" + s
                    gm.edits.append("stock")
        if rng.random() < self.rates.opening:
            opening = rng.choice(rw.OPENINGS)
            share = rng.uniform(*self.rates.stock_share)
            for gm in measures:
                if rng.random() < share and "\n" not in gm.rest and gm.rest:
                    gm.rest = rw.open_with(gm.rest, opening)
                    gm.edits.append("opening")

    def draw_families(self, j: Jurisdiction, rng, exclude=()):
        chosen = []
        for f in self.src.families:
            if f.id in exclude:
                continue
            p = self.reach[f.id]
            if not f.safeguard:
                p *= j.size * (2.2 if j.template in f.by_plan else 0.6)
            if rng.random() < min(p, 0.95):
                chosen.append(f)
        return chosen

    def first_edition(self, j: Jurisdiction, year, rng) -> Plan:
        fams = self.draw_families(j, rng)
        if len(fams) < 6:
            fams = sorted(self.src.families, key=lambda f: -self.reach[f.id])[:6]
        r = self.rates
        measures = []
        for f in fams:
            for gm in self.instantiate(f, j, rng):
                if rng.random() < r.rewrite_on_adoption:
                    self.drift(gm, j, rng, rng.choice(r.rewrites_on_adoption))
                measures.append(gm)
        topics = [t for t in TOPIC_ORDER if t != "保障"]
        if rng.random() < 0.3:                      # some drafters order chapters differently
            i, k = rng.sample(range(len(topics)), 2)
            topics[i], topics[k] = topics[k], topics[i]
        plan = Plan(j, year, "", 1, [], tuple(topics) + ("保障",))
        if rng.random() < r.stock_first:
            self.stock(plan, measures, rng, rng.choice(r.stock_count))
        plan.measures = self.arrange(plan, measures, rng, shuffle_p=r.shuffle_first)
        return plan

    def next_edition(self, prev: Plan, year, rng, seen_families) -> Plan:
        j, r = prev.j, self.rates
        kept = []
        for i, old in enumerate(prev.measures):
            if rng.random() < r.drop:
                continue
            gm = replace(old, preds=(i,), edits=[], label="")
            if rng.random() < r.rewrite_next:
                self.drift(gm, j, rng, rng.choice(r.rewrites_next))
            kept.append(gm)
        # merge two measures of one family, or split one
        by_fam = {}
        for gm in kept:
            by_fam.setdefault(gm.family, []).append(gm)
        pairs = [v for v in by_fam.values() if len(v) > 1]
        if pairs and rng.random() < r.merge_next:
            a, b = rng.choice(pairs)[:2]
            merged = self.merge(a, b, rng)
            kept = [merged if gm is a else gm for gm in kept if gm is not b]
        if rng.random() < r.split_next:
            cands = [gm for gm in kept if self.split(gm, rng)]
            if cands:
                gm = rng.choice(cands)
                one, two = self.split(gm, rng)
                i = kept.index(gm)
                kept[i:i + 1] = [one, two]
        # new adoptions (families this jurisdiction never had)
        news = []
        fams = self.draw_families(j, rng, exclude=seen_families)
        rng.shuffle(fams)
        for f in fams[:rng.choice(r.new_families)]:
            for gm in self.instantiate(f, j, rng):
                if rng.random() < r.rewrite_on_adoption:
                    self.drift(gm, j, rng, rng.choice(r.rewrites_on_adoption))
                news.append(gm)
        plan = Plan(j, year, "", prev.edition + 1, [], prev.topics)
        if rng.random() < r.stock_next:
            self.stock(plan, kept + news, rng)
        elif prev.layout.get("stock") and news:
            self.stock(plan, news, rng)
        plan.measures = self.arrange(plan, kept + news, rng, shuffle_p=r.shuffle_next, keep_order=len(kept))
        return plan

    @staticmethod
    def arrange(plan: Plan, measures, rng, shuffle_p, keep_order=0):
        """Group by chapter (topic order); kept measures keep their order, new ones are inserted."""
        src_order = {}
        out = []
        for t in plan.topics:
            group = [gm for gm in measures if gm.topic == t]
            if not group:
                continue
            old = [gm for k, gm in enumerate(measures) if gm.topic == t and k < keep_order]
            new = [gm for k, gm in enumerate(measures) if gm.topic == t and k >= keep_order]
            if keep_order:
                for gm in new:
                    old.insert(rng.randint(0, len(old)), gm)
                group = old
            else:
                group.sort(key=lambda gm: src_order.setdefault(gm.sources[0], _source_rank(gm.sources[0])))
            if len(group) > 2 and rng.random() < shuffle_p:
                before = list(group)
                rng.shuffle(group)
                for k, gm in enumerate(group):
                    if before[k] is not gm:
                        gm.edits.append("order")
            out.extend(group)
        return out


def _source_rank(ref):
    plan, _, lab = ref.partition(":")
    num = lab.strip("（）")
    num = num[num.find("（") + 1:] if "（" in num else num
    m = re.search(r"[一二三四五六七八九十]+$", num)
    return (SOURCE_PLANS.index(plan), numeral_value(m.group(0)) if m else 0)


# --- rendering -----------------------------------------------------------------------------------

_INTRO = ("为深入贯彻党中央、国务院关于推进基本公共服务均等化的决策部署，推动{pp}公共服务共建共享，进一步增强人民群众获得感、"
          "幸福感、安全感，结合实际，制定本方案。")
_GENERAL = ("以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大和二十届二中、三中全会精神，坚持以人民为中心的发展思想，"
            "坚持统筹谋划、逐步推进，突出改革探索、数字赋能，合力补齐民生短板。到{target}年，{pp}相互衔接的公共服务政策体系基本建立，"
            "异地享有公共服务更加便捷，公共服务供给能力和供给质量显著提升。")


def _label(n, half):
    return f"({numeral(n)})" if half else f"（{numeral(n)}）"


def render(plan: Plan, rng) -> list:
    """The plan's lines (paragraphs); assigns each measure's printed label."""
    j, lay = plan.j, plan.layout
    title = plan.title
    lines = list(j.issuers)
    head = f"关于印发《{title}》的通知"
    if lay["wrap_title"] and len(head) > 24:
        cut = len(head) // 2
        lines += [head[:cut], head[cut:]]
    else:
        lines.append(head)
    lines += [plan.docno, f"{j.addressees}：",
              f"《{title}》已经{j.gov}同意，现印发给你们，请认真贯彻执行。"]
    lines += list(j.issuers)
    y, mo, d = plan.date.split("-")
    lines.append(f"{int(y)}年{int(mo)}月{int(d)}日")
    if lay["public"]:
        lines.append("（此件公开发布）")
    lines.append(title)
    lay["body_start"] = len(lines)
    pp = j.places["川渝"]
    lines.append(_INTRO.format(pp=pp))
    lines += ["一、总体要求", _GENERAL.format(pp=pp, target=plan.year + 2)]
    n, ch = 0, 1
    half_from, half_to = lay["half"]
    for t in plan.topics:
        group = [gm for gm in plan.measures if gm.topic == t]
        if not group:
            continue
        ch += 1
        lines.append(numeral(ch) + "、" + TOPICS[t][j.chapter_style if t != "保障" else lay["safeguard_style"]]
                     .format(city=j.home_city))
        for gm in group:
            n += 1
            gm.label = _label(n, half_from <= n <= half_to)
            units = f"（{j.units_word}：{gm.units}）" if gm.units else ""
            body_lines = gm.rest.split("\n") if gm.rest else []
            own = gm.title_line or lay["title_line"]
            if own:
                first = [gm.label + gm.title] + body_lines
            else:
                first = [gm.label + gm.title + "。" + (body_lines[0] if body_lines else "")] + body_lines[1:]
            if units and lay["units_newline"] and rng.random() < 0.3:
                first.append(units)
            elif units:
                first[-1] += units
            lines += first
    return lines


def typeset(lines, lay, rng, docx=False) -> list:
    """How the text reaches us: paragraphs indented with two ideographic spaces (as typed in
    Word), and for text files copied out of a PDF, lines hard-wrapped at the page width and page
    numbers (— 3 —) between them."""
    start = lay.get("body_start", 0)
    out = list(lines)
    if lay.get("indent"):
        out = out[:start] + ["\u3000\u3000" + x for x in out[start:]]
    if docx:
        return out
    if lay.get("wrap"):
        w, wrapped = lay["wrap"], []
        for x in out:
            wrapped += [x[i:i + w] for i in range(0, len(x), w)] or [x]
        out = wrapped
    if lay.get("page_numbers"):
        every, paged, page = rng.randint(22, 34), [], 1
        for i, x in enumerate(out):
            paged.append(x)
            if i % every == every - 1:
                page += 1
                paged.append(f"— {page} —")
        out = paged
    return out


def _write_docx(path: Path, lines):
    """One paragraph per line (plain typed labels); zip entries dated 2025-01-01 so that the
    bytes are the same for a seed."""
    import datetime
    import io
    import zipfile

    import docx
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    epoch = datetime.datetime(2025, 1, 1)
    d.core_properties.created = d.core_properties.modified = epoch
    d.core_properties.last_modified_by = d.core_properties.author = "corpus_gen"
    buf = io.BytesIO()
    d.save(buf)
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0)),
                          zin.read(info.filename), compress_type=zipfile.ZIP_DEFLATED)


# --- the corpus ----------------------------------------------------------------------------------

def _editions_per_jurisdiction(n_plans, rng):
    pool = _jurisdiction_pool()
    rng.shuffle(pool)
    n_j = min(len(pool), max(1, math.ceil(n_plans / 3)))
    if n_j * MAX_EDITIONS < n_plans:
        raise ValueError(f"at most {len(pool) * MAX_EDITIONS} plans ({len(pool)} jurisdictions)")
    counts = [rng.randint(1, MAX_EDITIONS) for _ in range(n_j)]
    while sum(counts) != n_plans:
        i = rng.randrange(n_j)
        if sum(counts) < n_plans and counts[i] < MAX_EDITIONS:
            counts[i] += 1
        elif sum(counts) > n_plans and counts[i] > 1:
            counts[i] -= 1
    return list(zip(pool[:n_j], counts, strict=True))


def build(plans: int, seed=0, gold_dir=None, use_gold=True, rates=None) -> tuple:
    """All plans (not yet written) and the sources: (list of Plan, Sources)."""
    sources = load_sources(str(gold_dir) if gold_dir else None, use_gold)
    gen = _Gen(sources, seed, rates or Rates())
    rng = random.Random(f"{seed}/corpus")
    out = []
    for (name, level, args), n_ed in _editions_per_jurisdiction(plans, rng):
        j = _make_jurisdiction(name, level, args, seed)
        jr = random.Random(f"{seed}/plans/{name}")
        start = jr.randint(YEARS[0], YEARS[1] - n_ed + 1)
        month = jr.randint(1, 10)
        series, seen = [], set()
        layout = {"wrap_title": jr.random() < 0.1, "public": jr.random() < 0.6,
                  "title_line": jr.random() < 0.08, "units_newline": jr.random() < 0.15,
                  "safeguard_style": jr.choice((0, 1, 2)), "blank": jr.random() < 0.5,
                  "indent": jr.random() < 0.3, "wrap": jr.randint(30, 42) if jr.random() < 0.1 else 0,
                  "page_numbers": jr.random() < 0.1}
        for k in range(n_ed):
            year = start + k
            if k == 0:
                plan = gen.first_edition(j, year, jr)
            else:
                plan = gen.next_edition(series[-1], year, jr, seen)
            seen.update(gm.family for gm in plan.measures)
            m = min(12, max(1, month + jr.randint(-1, 1)))
            plan.date = f"{year}-{m:02d}-{jr.randint(1, 28):02d}"
            plan.file = f"{name}-{year}"
            plan.title = j.title_stem + jr.choice(("（{y}年版）", "（{y}年版）", "（{y}年）", "（{y}—{z}年）")).format(
                y=year, z=year + 2)
            plan.docno = f"{j.docno}〔{year}〕{jr.randint(1, 60)}号"
            lay = dict(layout)
            if jr.random() < 0.12:
                n = len(plan.measures)
                a = jr.randint(1, max(1, n))
                lay["half"] = (a, a + jr.randint(0, 8))
            else:
                lay["half"] = (0, -1)
            lay["stock"] = any("stock" in gm.edits for gm in plan.measures)
            plan.layout = lay
            series.append(plan)
        out.extend(series)
    return out, sources


def generate(out_dir, plans: int, seed=0, docx_share=0.1, gold_dir=None, use_gold=True, rates=None) -> dict:
    """Write the corpus to out_dir (see the module docstring); returns counts and seconds."""
    t0 = time.perf_counter()
    out_dir = Path(out_dir)
    pdir = out_dir / "plans"
    pdir.mkdir(parents=True, exist_ok=True)
    for old in pdir.iterdir():
        if old.suffix in (".txt", ".docx"):
            old.unlink()
    all_plans, sources = build(plans, seed, gold_dir, use_gold, rates)
    drng = random.Random(f"{seed}/docx")
    n_docx = round(docx_share * len(all_plans))
    docx_files = set(drng.sample(range(len(all_plans)), n_docx)) if n_docx else set()
    rrng = random.Random(f"{seed}/render")
    prev_of = {}
    for i, plan in enumerate(all_plans):
        plan.file += ".docx" if i in docx_files else ".txt"
    for plan in all_plans:
        lines = render(plan, rrng)
        if plan.file.endswith(".docx"):
            _write_docx(pdir / plan.file, typeset(lines, plan.layout, rrng, docx=True))
        else:
            sep = "\n\n" if plan.layout["blank"] else "\n"
            (pdir / plan.file).write_text(sep.join(typeset(lines, plan.layout, rrng)) + "\n", encoding="utf-8")
    for a, b in zip(all_plans, all_plans[1:], strict=False):
        if a.j is b.j:
            prev_of[id(b)] = a
    order = sorted(range(len(all_plans)), key=lambda i: (all_plans[i].year, all_plans[i].date, all_plans[i].file))
    rows, fam_plans, fam_measures = [], {}, {}
    for i in order:
        plan = all_plans[i]
        prev = prev_of.get(id(plan))
        for k, gm in enumerate(plan.measures, 1):
            preds = [prev.measures[p] for p in gm.preds] if prev else []
            edits = list(gm.edits)
            if len(preds) == 1 and normalise_label(preds[0].label) != normalise_label(gm.label):
                edits.append("renumbered")
            rows.append({
                "file": plan.file, "label": gm.label, "family": gm.family, "source": "+".join(gm.sources),
                "predecessor_file": prev.file if preds else "", "predecessor_label": preds[0].label if preds else "",
                "edits": ";".join(dict.fromkeys(edits)), "year": plan.year, "jurisdiction": plan.j.name,
                "order": k, "title": gm.title,
                "predecessor_all": "+".join(f"{prev.file}:{p.label}" for p in preds),
            })
            fam_plans.setdefault(gm.family, set()).add(plan.file)
            fam_measures[gm.family] = fam_measures.get(gm.family, 0) + 1
    _write_csv(out_dir / "truth.csv", rows)
    _write_csv(out_dir / "meta.csv", [
        {"file": all_plans[i].file, "jurisdiction": all_plans[i].j.name, "year": all_plans[i].year,
         "date": all_plans[i].date, "title": all_plans[i].title, "doc_number": all_plans[i].docno}
        for i in order])
    gen = _Gen(sources, seed)
    _write_csv(out_dir / "families.csv", [
        {"family": f.id, "sources": "+".join(m.ref for m in f.members),
         "topics": "+".join(dict.fromkeys(m.topic for m in f.members)), "reach": round(gen.reach[f.id], 4),
         "plans": len(fam_plans.get(f.id, ())), "measures": fam_measures.get(f.id, 0)}
        for f in sources.families])
    return {"plans": len(all_plans), "docx": len(docx_files), "measures": len(rows),
            "jurisdictions": len({p.j.name for p in all_plans}),
            "families_used": len(fam_plans), "families_source": len(sources.families),
            "seconds": round(time.perf_counter() - t0, 2)}


def _write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else ["file"])
        w.writeheader()
        w.writerows(rows)


def read_csv(path) -> list:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))




def verify(out_dir, files=None) -> list:
    """Parse plans with compare.load; a problem for every file whose measures differ from truth
    (count or printed labels), and for any source place name left in a plan."""
    import compare
    out_dir = Path(out_dir)
    truth = {}
    for r in read_csv(out_dir / "truth.csv"):
        truth.setdefault(r["file"], []).append(normalise_label(r["label"]))
    problems = []
    for f in (files if files is not None else list(truth)):
        doc = compare.load(str(out_dir / "plans" / f))
        got = [normalise_label(m.label) for m in doc.measures]
        want = truth[f]
        if got != want:
            problems.append(f"{f}: parsed {len(got)} measures, truth {len(want)}; "
                            f"first difference at {next((i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), min(len(got), len(want)))}")
        leak = next((m for m in doc.measures if LEAKS.search(m.text)), None)
        if leak is not None:
            problems.append(f"{f} {leak.label}: source place name left: {LEAKS.search(leak.text).group(0)}")
    return problems


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--plans", type=int, required=True, help="number of plans (50-1000 is the intended range)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--docx-share", type=float, default=0.1, help="share of plans written as .docx")
    ap.add_argument("--gold", default=None, help=f"folder of the gold references (default {GOLD_DIR})")
    ap.add_argument("--no-gold", action="store_true", help="every source measure is its own family")
    ap.add_argument("--verify", type=int, default=0, metavar="K",
                    help="parse K sampled plans (-1: all) with compare.load and compare with truth.csv")
    a = ap.parse_args(argv)
    summary = generate(a.out_dir, a.plans, a.seed, a.docx_share, a.gold, not a.no_gold)
    print(" ".join(f"{k}={v}" for k, v in summary.items()))
    if a.verify:
        files = sorted({r["file"] for r in read_csv(Path(a.out_dir) / "truth.csv")})
        if a.verify > 0:
            files = random.Random(f"{a.seed}/verify").sample(files, min(a.verify, len(files)))
        t = time.perf_counter()
        problems = verify(a.out_dir, files)
        for p in problems:
            print("verify:", p, file=sys.stderr)
        print(f"verify: {len(files)} files parsed in {time.perf_counter() - t:.1f}s, {len(problems)} problems")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
