"""The lexicon: words and patterns every stage reads the same way — boilerplate words, quoted
names, numbers with units, responsible-unit headers — and character bigrams.

Words catch shared concepts (门诊慢特病, 住房公积金 kept whole); bigrams catch rewordings that
split words differently. Words nearly every measure uses (推进, 实现, 两省市…) are damped here
and, per comparison, by IDF in `align.features`.
"""
from __future__ import annotations

import re

# How much a word counts before IDF, in every stage that weighs words (similarity, commitments).
GENERIC_WEIGHT = 0.25     # the commonest words (推进, 机制, 人才) count a quarter, never nothing
DOMAIN_WEIGHT = 1.5       # a named public-service term (门诊慢特病) is strong evidence

# Vocabulary of every plan: verbs of intent, places, boilerplate. Weighted low, never dropped.
GENERIC = frozenset("""
推进 推动 实现 加强 深化 促进 持续 逐步 进一步 完善 健全 建立 建设 开展 提升 优化 支持 鼓励 探索 强化
加快 加大 积极 有序 稳妥 不断 全面 深入 大力 统筹 协调 协同 联合 共同 共建 共享 共建共享 联动 合作 互认 互通
两省市 川渝 两地 成渝 重庆 四川 成都 省 市 重庆市 四川省 成都市 区县 各地 地区 区域 跨区域 跨省 跨省市 异地
服务 工作 机制 体系 平台 有关 相关 各类 一批 一体化 便利化 便捷 水平 能力 质量 范围 领域 方面 事项 业务
政策 制度 标准 信息 资源 管理 发展 群众 人员 单位 部门 政府 办理 提供 实施 落实 依托 围绕 聚焦 通过
建立健全 数字化 信息化 智能化 标准化 规范化 网络化 资源共享 信息共享 互联互通 提质扩面 提质 扩面 高质量 现代化
拓展 扩大 增加 形成 打造 构建 创新 改革 试点 示范 保障 应用 场景 功能 渠道 流程 手续 效率 作用 条件 需求
""".split())


# --- how specific a word is, against a broad background ----------------------------------------------
# Rarity inside the two compared documents says little: two plans on one subject both use 联动机制 once,
# yet it is a phrase of every plan. So a word's specificity is also judged against (1) general Chinese —
# jieba's IDF table, built by jieba's authors on a large general corpus — and (2) policy text — document
# frequencies over the measures of Chinese public-service plans (data/background.tsv, made by
# scripts/make_background.py). Each gives a share in 0..1 on a log scale; specificity is their product.

_QUOTED = re.compile(r'["“”「」『』]([^"“”「」『』]{2,16})["“”「」『』]')


def is_generic(w: str) -> bool:
    """A GENERIC word, or a compound made of two GENERIC words (联动机制 = 联动 + 机制, 办理事项)."""
    if w in GENERIC:
        return True
    return any(w[:k] in GENERIC and w[k:] in GENERIC for k in range(2, len(w) - 1))


def quoted_names(norm: str) -> list[str]:
    """Names in quotation marks ("巴蜀工匠", "一卡通"): a programme's name is one thing, and two
    names that share a word (巴蜀工匠 / 巴渝工匠) are still two programmes."""
    return [m.group(1) for m in _QUOTED.finditer(norm)]


def bigrams(norm: str) -> list[str]:
    """Character bigrams within runs of Chinese characters or digits/letters."""
    out = []
    for run in re.findall(r"[\u4e00-\u9fff]+|[a-z0-9]+", norm):
        out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return out


NUMBER_WITH_UNIT = re.compile(r"(\d+(?:\.\d+)?)\s*(%|个工作日|个月|个|小时|分钟|天|日|年|万|亿|元|项|家|所|人|次|笔|公里|倍|类|批|种)")


YEAR = re.compile(r"^(?:19|20)\d{2}$")


# The headers of a responsible-units clause and the role each gives the units after it — a
# pattern of Chinese official writing: a measure ends with （牵头单位：A、B；配合单位：C）, and a
# 任务分工表 heads its unit columns with the same words. Used by the parser (the clause) and the
# table reader (which columns hold units).
LEAD_UNIT_HEADERS = ("责任单位", "牵头单位", "责任部门", "牵头部门", "主责单位", "实施单位", "责任主体")
SUPPORT_UNIT_HEADERS = ("配合单位", "配合部门", "协同单位", "参与单位", "协办单位")
UNIT_HEADERS = LEAD_UNIT_HEADERS + SUPPORT_UNIT_HEADERS
# A deadline clause closing a measure or a task row: （完成时限：2025年底前）, （时间节点：持续推进）.
DEADLINE_HEADERS = ("完成时限", "完成时间", "时间节点", "完成期限", "时限要求", "时限")
