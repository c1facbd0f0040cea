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

from compare.model import Measure
from compare.text.boilerplate import without_stock
from compare.text.clauses import cjk_len, split_body
from compare.text.lexicon import (
    ABBREVIATION,
    CLOSE,
    COMMITS_TO_NOTHING,
    GENERIC_WEIGHT,
    NOT_BRACKET,
    OPEN,
    abbreviation_of,
    bigrams,
    counted,
    is_generic,
    quoted_names,
    subject_words,
    without_names,
    without_places,
    words,
)
from compare.text.lists import list_items

KEEP = 0.5          # share of an old clause's weighted content a new clause must carry: restated
SAID = 0.6          # share of a new clause's content the old text already has: nothing new
ABOUT = 0.25        # share of a new clause's content found in an old measure: it is about it
GENERAL_MIN = 0.15  # share an old specific clause shares with a general new one it stands under
SPECIFIC_MIN = 0.15  # share of what an old clause says beyond its measure's headline a restatement carries
PARTIAL = 0.5       # credit for a long word whose bigrams partly occur
MATERIAL = 2.0      # weighted distinctive content a clause needs to be a material commitment
QUOTE = 40          # characters of a clause quoted in evidence



@dataclass
class Clause:
    """One commitment of a measure, as printed (quoted in evidence) and as matching sees it."""
    text: str                       # printed, trailing punctuation trimmed
    norm: str
    headline: bool = False          # the title sentence: names the measure, commits to it as a whole
    means: bool = False             # the means of the clause after it (推动…纳入平台，实现信息互通)
    terms: dict[str, float] = field(default_factory=dict)   # term -> weight (IDF x damping)
    material: bool = True
    places: tuple[str, ...] = ()    # the places it names (its document's place names)

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
    return split_body(m.body or m.text, m.title_norm, _item_headlines(m))


def _item_headlines(m: Measure) -> tuple[str, ...]:
    """The titles of the measure's items that head a body of their own (1.加强组织领导。各地要…). An
    item that is one sentence (1.建设零工市场5个；) is a commitment, not a headline: a new one is
    added, a dropped one dropped."""
    out = []
    for it in m.items:
        rest = it.text[len(it.title):] if it.text.startswith(it.title) else it.text
        if it.title and cjk_len(_BRACKETED.sub("", rest)):
            out.append(it.title)
    return tuple(out)


_BRACKETED = re.compile(f"{OPEN}{NOT_BRACKET}*{CLOSE}")


# ---------------------------------------------------------------- weighting

@lru_cache(maxsize=1 << 16)     # a corpus weighs one measure's texts in every link it is part of
def _raw_terms(norm: str) -> tuple[tuple[str, float], ...]:
    """The words of a normalised text with their damping (before IDF), its quoted names as one
    term each — the lexicon's one reading of a text, as alignment weighs it."""
    out: dict[str, float] = {}
    for w in subject_words(without_names(norm)):
        out[w] = GENERIC_WEIGHT if is_generic(w) else 1.0
    for name in quoted_names(norm):
        out[name] = 1.0
    return tuple(out.items())


class Weights:
    """IDF of terms over the measures of the compared documents: distinctive terms count."""

    def __init__(self, measures: list[Measure]):
        df: dict[str, int] = {}
        for m in measures:
            for t, _ in _raw_terms(m.content or m.text_norm):
                df[t] = df.get(t, 0) + 1
        self.n = max(len(measures), 1)
        self.df = df

    def idf(self, term: str) -> float:
        return math.log((1 + self.n) / (1 + self.df.get(term, 0))) + 1.0

    def terms(self, norm: str) -> dict[str, float]:
        return {t: d * self.idf(t) for t, d in _raw_terms(norm)}


def commitments_of(m: Measure, weights: Weights) -> list[Clause]:
    """The measure's clauses, weighted. A headline is not material (its body restates it)
    unless the measure has nothing but its headline; nor is a stock sentence the plan appends to
    many measures (`text.boilerplate`)."""
    out = []
    parts = _clauses(m)
    alone = sum(1 for _, _, head, _ in parts if not head) == 0
    for text, norm, head, means in parts:
        head = head and not alone
        terms = weights.terms(without_places(norm, m.places))
        distinct = sum(v for t, v in terms.items() if not is_generic(t))
        specific = bool(counted(norm)) or bool(list_items(norm))
        material = not head and (specific or distinct >= MATERIAL) and not (
            COMMITS_TO_NOTHING.search(norm) and not specific) and not _is_stock(norm, m.stock)
        out.append(Clause(text, norm, head, means, terms, material, tuple(p for p in m.places if p in norm)))
    return out


def _is_stock(norm: str, stock: list[str]) -> bool:
    """Is the clause (nearly) all stock sentence — nothing of two characters left without it?"""
    return bool(stock) and _all_stock(norm, tuple(stock))


@lru_cache(maxsize=1 << 16)     # a measure's clauses are weighed again in every link it is part of
def _all_stock(norm: str, stock: tuple[str, ...]) -> bool:
    return cjk_len(without_stock(norm, stock)) < 2


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
    return sum(v * c for v, c in zip(x.values(), credits(x, text), strict=True)) / total


def credits(ws, text: str) -> list[float]:
    """How fully `text` carries each of the words `ws`, 0..1, by `containment`'s rules."""
    own, chars = _index(text)
    out = []
    for w in ws:
        if w in own or (len(w) >= 3 and w in text):
            out.append(1.0)
        elif chars.issuperset(w) and abbreviation_of(w, text):
            out.append(ABBREVIATION)
        elif len(w) >= 3 and (grams := _bigrams(w)):
            out.append(PARTIAL * sum(g in text for g in grams) / len(grams))
        else:
            out.append(0.0)
    return out


@lru_cache(maxsize=1 << 16)     # the same words are looked for in text after text
def _bigrams(w: str) -> tuple[str, ...]:
    return tuple(bigrams(w))


@lru_cache(maxsize=1 << 16)     # a corpus classifies links among thousands of texts
def _index(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A text's words and characters, for quick membership tests."""
    return frozenset(words(text)), frozenset(text)


# ---------------------------------------------------------------- comparing two matched clauses


# ---------------------------------------------------------------- a group of links


