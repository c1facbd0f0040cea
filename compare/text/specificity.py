"""How specific a word is, against a broad background.

Rarity inside the compared documents says little: two plans on one subject both use 联动机制 once,
yet it is a phrase of every plan. So a word's specificity is judged against general Chinese —
jieba's IDF table, built by jieba's authors on a large general corpus: 0 for the vocabulary of
every plan (`lexicon.is_generic`), else the word's general rarity on a log scale (jieba IDF between
GENERAL_COMMON and GENERAL_RARE). Rarity within the run is the IDF `align.features` takes over the
compared documents' measures.
"""
from __future__ import annotations

from functools import lru_cache

from compare.text.lexicon import is_generic
from compare.text.words import jieba_idf, known_parts

GENERAL_COMMON = 5.0      # jieba IDF at or below which a word is everyday Chinese (服务 5.3, 建设 4.9)
GENERAL_RARE = 10.0       # jieba IDF at or above which a word is rare in general text (unknown words too)
SPECIFIC = 0.3            # specificity from which a word is specific: it can carry a clause match, name a
#                           commitment a link is about, be quoted as the words a match shares


@lru_cache(maxsize=1 << 16)
def specificity(w: str) -> float:
    """0 for the vocabulary of every plan, up to 1 for a word rare in general Chinese. A compound
    jieba's IDF table does not list is as specific as its parts on average (职业技能 = 职业 + 技能,
    专业设置 = 专业 + 设置: everyday words make an everyday compound); a word with no known parts
    (慢特病, 失能) is rare. A number (2025, 80) names no subject: a year or a target two measures
    share says nothing of what they are about (the target itself is read by `lexicon.numbers`)."""
    if is_generic(w) or w.isdigit():
        return 0.0
    idf = jieba_idf(GENERAL_RARE).get(w)
    if idf is None:
        parts = [p for p in known_parts(w) if len(p) < len(w)]
        if parts:
            return sum(specificity(p) for p in parts) / len(parts)
        idf = GENERAL_RARE                                  # words absent, with no parts, are rare
    return min(1.0, max(0.0, (idf - GENERAL_COMMON) / (GENERAL_RARE - GENERAL_COMMON)))
