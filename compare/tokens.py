"""Tokens for matching: jieba words (with a domain dictionary, `segment`) and character bigrams.

Words catch shared concepts (门诊慢特病, 住房公积金 kept whole); bigrams catch rewordings that
split words differently. Words nearly every measure uses (推进, 实现, 两省市…) are damped here
and, per comparison, by IDF in `similarity`.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib import resources

from .segment import clear_cache as clear_segment_cache
from .segment import cut, jieba_idf

_KEEP = re.compile(r"[\u4e00-\u9fff]|[a-z0-9]")

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


def clear_caches() -> None:
    """Forget every text's words (for benchmarks that time tokenizing from scratch)."""
    _words.cache_clear()
    clear_segment_cache()


def words(norm: str) -> list[str]:
    """jieba words of a normalised text, punctuation and single function characters dropped."""
    return list(_words(norm))


@lru_cache(maxsize=1 << 16)
def _words(norm: str) -> tuple[str, ...]:
    return tuple(w for w in cut(norm) if len(w) > 1 and _KEEP.match(w))


# --- how specific a word is, against a broad background ----------------------------------------------
# Rarity inside the two compared documents says little: two plans on one subject both use 联动机制 once,
# yet it is a phrase of every plan. So a word's specificity is also judged against (1) general Chinese —
# jieba's IDF table, built by jieba's authors on a large general corpus — and (2) policy text — document
# frequencies over the measures of Chinese public-service plans (data/background.tsv, made by
# scripts/make_background.py). Each gives a share in 0..1 on a log scale; specificity is their product.

GENERAL_COMMON = 5.0      # jieba IDF at or below which a word is everyday Chinese (服务 5.3, 建设 4.9)
GENERAL_RARE = 10.0       # jieba IDF at or above which a word is rare in general text (unknown words too)
_QUOTED = re.compile(r'["“”「」『』]([^"“”「」『』]{2,16})["“”「」『』]')


def is_generic(w: str) -> bool:
    """A GENERIC word, or a compound made of two GENERIC words (联动机制 = 联动 + 机制, 办理事项)."""
    if w in GENERIC:
        return True
    return any(w[:k] in GENERIC and w[k:] in GENERIC for k in range(2, len(w) - 1))


@lru_cache(maxsize=1 << 16)
def specificity(w: str) -> float:
    """0 for boilerplate, up to 1 for a word rare both in general Chinese and in policy plans:
    the product of the two rarities, each on a log scale (jieba IDF between GENERAL_COMMON and
    GENERAL_RARE; the share of plan measures using the word, from all of them to one)."""
    if is_generic(w):
        return 0.0
    idf = jieba_idf(GENERAL_RARE).get(w, GENERAL_RARE)   # words absent are rare
    general = min(1.0, max(0.0, (idf - GENERAL_COMMON) / (GENERAL_RARE - GENERAL_COMMON)))
    n, df = _domain_df()
    domain = min(1.0, math.log((n + 1) / (df.get(w, 0) + 1)) / math.log(n + 1)) if n else 1.0
    return general * domain


def quoted_names(norm: str) -> list[str]:
    """Names in quotation marks ("巴蜀工匠", "一卡通"): a programme's name is one thing, and two
    names that share a word (巴蜀工匠 / 巴渝工匠) are still two programmes."""
    return [m.group(1) for m in _QUOTED.finditer(norm)]


@lru_cache(maxsize=1)
def _domain_df() -> tuple[int, dict[str, int]]:
    """(number of background measures, {word: how many of them use it}) from data/background.tsv."""
    try:
        text = resources.files("compare").joinpath("data/background.tsv").read_text(encoding="utf-8")
    except OSError:
        return 0, {}
    n, df = 0, {}
    for line in text.splitlines():
        if line.startswith("#"):
            if line.startswith("# measures:"):
                n = int(line.split(":", 1)[1])
            continue
        w, _, c = line.partition("\t")
        if c:
            df[w] = int(c)
    return n, df


def bigrams(norm: str) -> list[str]:
    """Character bigrams within runs of Chinese characters or digits/letters."""
    out = []
    for run in re.findall(r"[\u4e00-\u9fff]+|[a-z0-9]+", norm):
        out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return out
