"""A small, realistic Result built by hand, shared by the report and review tests.

Built from the dataclasses directly (no pipeline run) so the report tests do not depend on
ingest/align/classify, and so every status, a merge, both kinds of unmatched measure and the
hostile texts (script injection, spreadsheet formulas) are guaranteed to be present.
"""
from __future__ import annotations

import difflib

from compare.model import Chapter, Comparison, Document, Evidence, Link, Measure, Result
from compare.vocab import CONTINUED, EXPANDED, NARROWED, REVISED, SAFEGUARD, UNCHANGED

SCRIPT_TEXT = "在线办理入口：<script>window.__pwned=1</script>，实现跨省通办。"
HYPERLINK_TEXT = '=HYPERLINK("http://x","y")'
DDE_TEXT = "=cmd|' /C calc'!A0"

CHAPTERS = {
    "一": "交通通信便捷行动事项",
    "二": "就业社保便捷行动事项",
    "三": "医疗卫生便捷行动事项",
    "四": "组织保障",
}


def diff(a: str, b: str) -> list[list[str]]:
    """Character-level redline of a → b in the [op, text] shape of Evidence.diff."""
    ops: list[list[str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(["=", a[i1:i2]])
            continue
        if i2 > i1:
            ops.append(["-", a[i1:i2]])
        if j2 > j1:
            ops.append(["+", b[j1:j2]])
    return ops


def measure(prefix: str, n: int, label: str, chapter: str, title: str, text: str,
            units: list[str] | None = None, kind: str = "measure", raw: bool = False) -> Measure:
    """A measure of chapter `chapter` (its label, e.g. "二") numbered `n` in its document.

    The printed text starts with the title, as in the documents; `raw` keeps `text` as the
    whole text so a hostile text can start the cell (a leading "=" is the formula case).
    """
    return Measure(id=f"{prefix}{n:03d}", label=label, path=[f"{chapter}、"],
                   chapter=CHAPTERS[chapter], title=title, text=text if raw else title + "。" + text,
                   units=list(units or []), kind=kind, number=n, order=n - 1)


def link(da: Document, db: Document, a: str, b: str, status: str, score: float,
         kind: str = "one-to-one", **evidence) -> Link:
    """A link whose redline is computed from the two measures' texts."""
    ev = Evidence(diff=diff(da.measure(a).text, db.measure(b).text), **evidence)
    return Link(a=a, b=b, score=score, status=status, evidence=ev, kind=kind)


def doc_2024() -> Document:
    ms = [
        measure("m", 1, "（一）", "一", "推进高铁公交化",
                "持续优化成渝地区高铁各车站间“公交化”票制，逐步实现购票、乘车等服务公交化便捷化。",
                ["中国铁路成都局集团公司", "四川省发展改革委"]),
        measure("m", 2, "（二）", "一", "推进公交客运便利化",
                "推广跨省市公交地铁一卡通服务模式，持续增加川渝毗邻地区跨省城际公交线路。",
                ["两省市交通运输部门"]),
        measure("m", 3, "（三）", "一", "推进通信一体化",
                "强化两省市基础电信业务协同，拓展亲情号码跨省市互设、手机异地补卡等服务，取消座机通话长途费。",
                ["两省市通信管理部门", "电信运营商"]),
        measure("m", 4, "（四）", "二", "推进社保卡跨区域服务",
                "实现两省市社保卡申领、换领、换发事项全程网办，社保卡异地取款每月免收前3笔手续费。",
                ["两省市人力资源社会保障部门"]),
        measure("m", 5, "（五）", "三", "推进门诊慢特病跨省直接结算",
                "将高血压、糖尿病、恶性肿瘤门诊放化疗纳入跨省直接结算范围。",
                ["两省市医保部门"]),
        measure("m", 6, "（六）", "三", "推进长期护理保险协同",
                "对重度失能人员开展异地评估互认，统一评估标准。",
                ["两省市医保部门"]),
        measure("m", 7, "（七）", "三", "推进异地就医备案",
                "参保人员异地就医备案在10个工作日内办结。",
                ["两省市医保部门"]),
        measure("m", 8, "（八）", "三", "推进医保关系转移接续",
                "实现基本医疗保险关系转移接续线上办理。",
                ["两省市医保部门"]),
        measure("m", 9, "（九）", "三", "推进电子处方流转",
                DDE_TEXT,
                ["两省市卫生健康部门"], raw=True),
        measure("m", 10, "（十）", "四", "加强组织领导",
                "两省市建立工作推进机制，定期调度工作进展。",
                ["两省市政府办公厅"], kind=SAFEGUARD),
    ]
    return Document(source="inputs/chuanyu-2024.txt", title="推进川渝公共服务一体化深化便捷生活行动事项（2024年版）",
                    doc_number="川办发〔2024〕10号", date="2024-02-05",
                    issuers=["四川省人民政府办公厅", "重庆市人民政府办公厅"],
                    chapters=[Chapter(f"{k}、", v) for k, v in CHAPTERS.items()],
                    measures=ms, name="川渝2024")


def doc_2025() -> Document:
    ms = [
        measure("n", 1, "（一）", "一", "推进高铁公交化",
                "持续优化成渝地区高铁各车站间“公交化”票制，逐步实现购票、乘车等服务公交化便捷化。",
                ["中国铁路成都局集团公司", "四川省发展改革委"]),
        measure("n", 2, "（二）", "一", "推进公交客运便利化",
                "深化跨省市公交地铁一卡通服务模式，持续增加川渝毗邻地区跨省城际公交线路。",
                ["两省市交通运输部门"]),
        measure("n", 3, "（三）", "一", "推进通信一体化",
                "强化两省市基础电信业务协同，拓展亲情号码跨省市互设等服务。",
                ["两省市通信管理部门"]),
        measure("n", 4, "（四）", "二", "推进社保卡跨区域服务",
                "实现两省市社保卡申领、换领、换发事项全程网办，社保卡异地取款每月免收前5笔手续费。",
                ["两省市人力资源社会保障部门", "两省市税务部门"]),
        measure("n", 5, "（五）", "三", "推进门诊慢特病跨省直接结算",
                "将高血压、糖尿病、恶性肿瘤门诊放化疗、慢性阻塞性肺疾病、冠心病纳入跨省直接结算范围。",
                ["两省市医保部门"]),
        measure("n", 6, "（六）", "三", "推进长期护理保险协同",
                "对中度以上失能人员开展异地评估互认。",
                ["两省市医保部门"]),
        measure("n", 7, "（七）", "三", "推进异地就医和医保关系转移便利化",
                "参保人员异地就医备案在5个工作日内办结，基本医疗保险关系转移接续线上办理。",
                ["两省市医保部门"]),
        measure("n", 8, "（八）", "三", "推进出生医学证明跨省通办",
                SCRIPT_TEXT,
                ["两省市卫生健康部门", "@SUM(A1)"]),
        measure("n", 9, "（九）", "三", "推进医疗服务信息共享",
                HYPERLINK_TEXT,
                ["两省市卫生健康部门"], raw=True),
        measure("n", 10, "（十）", "四", "加强组织领导",
                "两省市建立工作推进机制，定期调度工作进展。",
                ["两省市政府办公厅"], kind=SAFEGUARD),
    ]
    return Document(source="inputs/chuanyu-2025-2027.txt",
                    title="推进川渝公共服务一体化深化便捷生活行动事项（2025年版）",
                    doc_number="川办发〔2025〕3号", date="2025-03-10",
                    issuers=["四川省人民政府办公厅", "重庆市人民政府办公厅"],
                    chapters=[Chapter(f"{k}、", v) for k, v in CHAPTERS.items()],
                    measures=ms, name="川渝2025")


def doc_2026() -> Document:
    ms = [
        measure("p", 1, "（一）", "一", "推进高铁公交化",
                "持续优化成渝地区高铁各车站间“公交化”票制，全面实现购票、乘车等服务公交化便捷化。",
                ["中国铁路成都局集团公司"]),
        measure("p", 2, "（二）", "三", "推进门诊慢特病跨省直接结算",
                "将高血压、糖尿病、恶性肿瘤门诊放化疗、慢性阻塞性肺疾病纳入跨省直接结算范围。",
                ["两省市医保部门"]),
        measure("p", 3, "（三）", "三", "推进医学检查检验结果互认",
                "二级以上公立医疗机构检查检验结果互认项目达到200项。",
                ["两省市卫生健康部门"]),
        measure("p", 4, "（四）", "四", "加强组织领导",
                "两省市建立工作推进机制，定期调度工作进展，年底开展评估。",
                ["两省市政府办公厅"], kind=SAFEGUARD),
    ]
    return Document(source="inputs/chuanyu-2026.txt",
                    title="推进川渝公共服务一体化深化便捷生活行动事项（2026年版）",
                    doc_number="川办发〔2026〕1号", date="2026-01-20",
                    issuers=["四川省人民政府办公厅", "重庆市人民政府办公厅"],
                    chapters=[Chapter(f"{k}、", v) for k, v in CHAPTERS.items()],
                    measures=ms, name="川渝2026")


def comparison_01(d0: Document, d1: Document) -> Comparison:
    """2024 → 2025: every link status, one merge (（七）+（八） → （七）), drops and news."""
    links = [
        link(d0, d1, "m001", "n001", UNCHANGED, 1.0),
        link(d0, d1, "m002", "n002", CONTINUED, 0.93),
        link(d0, d1, "m003", "n003", NARROWED, 0.81, removed_items=["手机异地补卡", "取消座机通话长途费"],
             units_removed=["电信运营商"]),
        link(d0, d1, "m004", "n004", EXPANDED, 0.9, numbers_added=["5笔"], numbers_removed=["3笔"],
             units_added=["两省市税务部门"]),
        link(d0, d1, "m005", "n005", EXPANDED, 0.88, added_items=["慢性阻塞性肺疾病", "冠心病"]),
        link(d0, d1, "m006", "n006", REVISED, 0.72, scope_changes=["重度失能 → 中度以上失能"],
             removed_items=["统一评估标准"]),
        link(d0, d1, "m007", "n007", EXPANDED, 0.66, kind="merge",
             numbers_added=["5个工作日"], numbers_removed=["10个工作日"]),
        link(d0, d1, "m008", "n007", CONTINUED, 0.61, kind="merge"),
        link(d0, d1, "m010", "n010", UNCHANGED, 1.0),
    ]
    return Comparison(a=0, b=1, links=links, unmatched_a=["m009"], unmatched_b=["n008", "n009"])


def comparison_02(d0: Document, d2: Document) -> Comparison:
    """2024 → 2026, the second comparison of a three-document run."""
    links = [
        link(d0, d2, "m001", "p001", CONTINUED, 0.95),
        link(d0, d2, "m005", "p002", EXPANDED, 0.9, added_items=["慢性阻塞性肺疾病"]),
        link(d0, d2, "m010", "p004", CONTINUED, 0.9),
    ]
    dropped = [m.id for m in d0.measures if m.id not in {"m001", "m005", "m010"}]
    return Comparison(a=0, b=2, links=links, unmatched_a=dropped, unmatched_b=["p003"])


def build_result(n_docs: int = 2) -> Result:
    """Two documents (one comparison) or three (two comparisons, so a timeline)."""
    docs = [doc_2024(), doc_2025()] + ([doc_2026()] if n_docs >= 3 else [])
    comps = [comparison_01(docs[0], docs[1])]
    if n_docs >= 3:
        comps.append(comparison_02(docs[0], docs[2]))
    settings = {"threshold": 0.55, "version": "0.1.0", "kinds": ["measure", "safeguard"],
                "formula_probe": "=1+1"}
    return Result(documents=docs, comparisons=comps, settings=settings,
                  warnings=["川渝2025: 1 measure has no title"])


def rows_expected(result: Result) -> int:
    """How many alignment rows a report shows: one per link and per unmatched measure."""
    return sum(len(c.links) + len(c.unmatched_a) + len(c.unmatched_b) for c in result.comparisons)



def summary_table(rows: list[tuple], title: str) -> list[tuple]:
    """The rows of a Summary sheet's table whose title starts with `title` (up to the blank row)."""
    at = next(k for k, r in enumerate(rows) if isinstance(r[0], str) and r[0].startswith(title))
    out = []
    for r in rows[at + 1:]:
        if all(v is None for v in r):
            break
        out.append(r)
    return out
