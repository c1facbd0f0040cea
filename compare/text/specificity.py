"""How specific a word is, against a broad background.

Rarity inside the two compared documents says little: two plans on one subject both use 联动机制
once, yet it is a phrase of every plan. So a word's specificity is also judged against (1)
general Chinese — jieba's IDF table, built by jieba's authors on a large general corpus — and
(2) policy text — document frequencies over the measures of public-service plans
(data/background.tsv, made by scripts/make_background.py). Each gives a share in 0..1 on a log
scale; specificity is their product.
"""
from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources

from compare.text.lexicon import is_generic
from compare.text.words import jieba_idf

GENERAL_COMMON = 5.0      # jieba IDF at or below which a word is everyday Chinese (服务 5.3, 建设 4.9)


GENERAL_RARE = 10.0       # jieba IDF at or above which a word is rare in general text (unknown words too)


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
