"""How drafters rewrite a measure they take over, for `corpus_gen`: the rewrites beyond place
names and lead units.

Where the words come from: the near-synonyms are words that Chinese government plans use
interchangeably (general usage, as near-synonym groups of a general dictionary list them:
推进/推动/促进, 加强/强化, 完善/健全, 提升/提高 …); the abbreviations are the everyday short forms
of public-service terms (社会保障卡 → 社保卡, 人力资源和社会保障 → 人社 …); the stock sentences and
openings are the boilerplate of plans of every field (督查考核, 宣传解读, 按照统一部署 …); the local
sentences are the usual ways a plan names its own pilots and platforms. None is taken from the
bundled plans: they are general phrases, and every generated plan draws from the same pools.

    SYNONYMS, ABBREVIATIONS, STOCK, OPENINGS, LOCAL     the pools
    style(rng) -> {word: replacement}     one drafting office's habits (applied to all it writes)
    apply_style(text, style)              … applied to a text
    synonyms(text, rng, share)            some near-synonyms swapped (None when nothing changes)
    abbreviate(text, rng)                 one term abbreviated or written out
    reorder(rest, rng)                    two sentences or two clauses of a sentence swapped
    cut_clause(rest, rng)                 one clause of a long sentence left out
    condense(rest, rng)                   one or two consecutive sentences kept
    local_sentence(places, pilots, rng, year)   a sentence naming the jurisdiction's own pilots
    swap_sentence(rest, sentence, rng)    one sentence replaced (by one of another version)
"""
from __future__ import annotations

import re

# Near-synonym groups: any word of a group may stand for another (general plan prose).
SYNONYMS = (
    ("推进", "推动", "促进", "加快推进", "着力推进"),
    ("加强", "强化", "加大"),
    ("完善", "健全", "优化"),
    ("提升", "提高", "增强"),
    ("建立", "构建", "搭建"),
    ("开展", "组织开展", "实施"),
    ("支持", "鼓励", "引导"),
    ("深化", "深入推进", "纵深推进"),
    ("逐步", "稳步", "有序"),
    ("积极", "主动", "大力"),
    ("群众", "居民", "市民"),
    ("办理", "受理"),
    ("信息", "数据"),
    ("共享", "共用"),
    ("统一", "一致"),
    ("便利化", "便捷化"),
    ("探索", "研究探索", "试点探索"),
    ("实现", "推动实现", "力争实现"),
    ("落实", "贯彻落实"),
    ("加快", "加速"),
)
_SYN_INDEX = {w: g for g in SYNONYMS for w in g}
_SYN_RE = re.compile("|".join(sorted(_SYN_INDEX, key=len, reverse=True)))

# Short forms and full forms of public-service terms (either direction).
ABBREVIATIONS = (
    ("社会保障卡", "社保卡"), ("住房公积金", "公积金"), ("医疗保险", "医保"), ("公共交通", "公交"),
    ("人力资源和社会保障", "人社"), ("高等学校", "高校"), ("新能源汽车", "新能源车"),
    ("文化和旅游", "文旅"), ("市场监督管理", "市场监管"), ("高速公路", "高速"), ("出租汽车", "出租车"),
    ("养老机构", "养老院"), ("政务服务", "政务"), ("中小学校", "中小学"), ("机动车驾驶证", "驾驶证"),
    ("城市轨道交通", "轨道交通"), ("义务教育阶段", "义教阶段"), ("职业技能培训", "技能培训"),
    ("居民身份证", "身份证"), ("电子社会保障卡", "电子社保卡"),
)

# Boilerplate sentences appended to many measures of a plan at once (plans of every field).
STOCK = ("开展群众满意度调查，及时回应群众关切。", "建立季度调度机制，定期通报工作进展。", "{year}年底前完成。",
         "确保各项任务落地见效。", "加强宣传解读，提高政策知晓度。", "强化督促检查，将落实情况纳入年度考核。",
         "按季度报送工作进展情况。", "及时总结经验做法，形成可复制可推广的成果。",
         "各责任单位要细化工作方案，明确时间表、路线图，确保按期完成。", "加强部门协同，形成工作合力。",
         "建立工作台账，实行清单化管理、销号式推进。", "强化资金保障，将所需经费纳入部门预算。",
         "持续优化服务流程，不断提升群众满意度和获得感。", "{year}年6月底前形成阶段性成果，年底前全面完成。",
         "建立健全工作推进机制，定期开展评估问效。", "注重运用信息化手段，提高工作效率。")
# Openings put before a measure's first sentence.
OPENINGS = ("按照国家统一部署，", "坚持政府主导、社会参与，", "坚持需求导向、问题导向，", "以群众需求为导向，",
            "坚持试点先行、逐步推开，", "坚持统筹协调、分步实施，")
# A plan's own pilots and platforms ({d1}, {d2}: its districts; {abbr}: its one-character name).
LOCAL = ("在{d1}、{d2}等地先行先试，形成可复制经验。", "重点支持{d1}开展示范建设。",
         "依托“{abbr}快办”平台推动相关事项网上办理、掌上办理。", "{year}年底前实现{home}全覆盖。",
         "选择{d1}作为试点地区，适时在{home}推广。", "将{d1}、{d2}纳入首批示范区县。")

_SENT = re.compile(r"[^。；]+[。；]?")
_SUBITEM = re.compile(r"^\d+[.．、]")


def sentences(text: str) -> list[str]:
    return [s for s in _SENT.findall(text) if s.strip()]


def style(rng) -> dict:
    """One drafting office's habits: for about half the synonym groups, the word it always writes."""
    out = {}
    for group in SYNONYMS:
        if rng.random() < 0.5:
            pick = rng.choice(group)
            out.update({w: pick for w in group if w != pick})
    return out


def apply_style(text: str, habits: dict) -> str:
    return _SYN_RE.sub(lambda m: habits.get(m.group(0), m.group(0)), text) if habits else text


def synonyms(text: str, rng, share: float = 0.5):
    """About `share` of the near-synonyms in text swapped for another of their group."""
    hits = list(_SYN_RE.finditer(text))
    if not hits:
        return None
    out, last, changed = [], 0, False
    for m in hits:
        if rng.random() < share:
            out.append(text[last:m.start()])
            out.append(rng.choice([w for w in _SYN_INDEX[m.group(0)] if w != m.group(0)]))
            last, changed = m.end(), True
    out.append(text[last:])
    return "".join(out) if changed else None


def abbreviate(text: str, rng):
    """One term written short, or a short form written out."""
    options = [(a, b) for a, b in ABBREVIATIONS if a in text]
    options += [(b, a) for a, b in ABBREVIATIONS if a not in text and re.search(f"(?<!住房){b}", text)]
    if not options:
        return None
    a, b = rng.choice(options)
    if a == "公积金":
        return re.sub("(?<!住房)公积金", b, text)
    return text.replace(a, b)


def _on_line(rest: str, rng, fn):
    """Apply fn to one line of a multi-line body (keeping a 1./2. sub-item prefix); None if fn fails."""
    lines = rest.split("\n")
    order = list(range(len(lines)))
    rng.shuffle(order)
    for i in order:
        m = _SUBITEM.match(lines[i])
        prefix = m.group(0) if m else ""
        new = fn(lines[i][len(prefix):])
        if new is not None and new != lines[i][len(prefix):]:
            lines[i] = prefix + new
            return "\n".join(lines)
    return None


def reorder(rest: str, rng):
    """Two sentences swapped, or (in a one-sentence line) two of its clauses."""
    def fn(line):
        ss = sentences(line)
        if len(ss) >= 2:
            i, k = rng.sample(range(len(ss)), 2)
            ss[i], ss[k] = ss[k], ss[i]
            return "".join(_end(s) for s in ss)
        parts = [p for p in re.split(r"(?<=，)", line) if p]
        if len(parts) < 3:
            return None
        i, k = rng.sample(range(len(parts) - 1), 2)       # the last clause keeps its full stop
        parts[i], parts[k] = parts[k], parts[i]
        return "".join(parts)
    return _on_line(rest, rng, fn)


def cut_clause(rest: str, rng):
    """One clause (between commas) of a sentence of three or more left out."""
    def fn(line):
        ss = sentences(line)
        spots = [k for k, x in enumerate(ss) if x.count("，") >= 2]
        if not spots:
            return None
        k = rng.choice(spots)
        parts = [p for p in re.split(r"(?<=，)", ss[k]) if p]
        del parts[rng.randrange(len(parts) - 1)]
        ss[k] = "".join(parts)
        return "".join(ss)
    return _on_line(rest, rng, fn)


def _end(s: str) -> str:
    return s if s.endswith(("。", "；")) else s + "。"


def condense(rest: str, rng):
    """One or two consecutive sentences (lines) kept: the part of a longer measure the office
    takes over."""
    parts = rest.split("\n") if "\n" in rest else sentences(rest)
    if len(parts) < 3:
        return None
    k = rng.randint(1, 2)
    start = rng.randrange(len(parts) - k + 1)
    return ("\n" if "\n" in rest else "").join(parts[start:start + k])


def local_sentence(places: dict, pilots, rng, year: int) -> str:
    """A sentence naming two of the plan's pilot districts (an office names the same few
    throughout its plans), its platform or its area."""
    d1, d2 = rng.sample(list(pilots), 2)
    return rng.choice(LOCAL).format(d1=d1, d2=d2, abbr=places["渝"], home=places["重庆"], year=year)


def swap_sentence(rest: str, sentence: str, rng):
    """One sentence of rest replaced by `sentence` (another source plan's words for the same thing)."""
    def fn(line):
        ss = sentences(line)
        if not ss:
            return None
        ss[rng.randrange(len(ss))] = sentence
        return "".join(_end(s) for s in ss)
    return _on_line(rest, rng, fn)


def open_with(rest: str, opening: str) -> str:
    return opening + rest if rest and not rest.startswith(opening) else rest
