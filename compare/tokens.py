"""Tokens for matching: jieba words (with a domain dictionary) and character bigrams.

Words catch shared concepts (门诊慢特病, 住房公积金 kept whole); bigrams catch rewordings that
split words differently. Words nearly every measure uses (推进, 实现, 两省市…) are damped here
and, per comparison, by IDF in `similarity`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_KEEP = re.compile(r"[\u4e00-\u9fff]|[a-z0-9]")

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


@lru_cache(maxsize=1)
def domain_terms() -> frozenset[str]:
    """Terms of public-service policy (data/terms.txt): kept whole and weighted up."""
    text = resources.files("compare").joinpath("data/terms.txt").read_text(encoding="utf-8")
    return frozenset(t.strip() for t in text.splitlines() if t.strip() and not t.startswith("#"))


@lru_cache(maxsize=1)
def _jieba():
    """jieba with the domain terms added; loaded once, and only when a comparison needs it."""
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    for term in sorted(domain_terms()):
        tk.add_word(term, freq=2_000_000)
    return tk


def words(norm: str) -> list[str]:
    """jieba words of a normalised text, punctuation and single function characters dropped."""
    out = []
    for w in _jieba().lcut(norm, HMM=False):
        if len(w) > 1 and _KEEP.match(w):
            out.append(w)
    return out


def bigrams(norm: str) -> list[str]:
    """Character bigrams within runs of Chinese characters or digits/letters."""
    out = []
    for run in re.findall(r"[\u4e00-\u9fff]+|[a-z0-9]+", norm):
        out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return out
