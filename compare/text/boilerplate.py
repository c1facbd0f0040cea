"""Boilerplate: stock sentences a plan appends to many of its measures.

Drafters end measure after measure with the same sentence — a deadline (2026年底前完成), a
routine (开展群众满意度调查，及时回应群众关切。建立季度调度机制，定期通报工作进展。). Such a sentence
says nothing about what a measure commits to, yet two measures ending with it share a clause word
for word, and clause matching would link them by it. So a sentence or comma clause printed in
STOCK_MEASURES or more measures of one document is stock: it stays in the text and the redline, and
carries no weight as evidence (alignment compares `Measure.content`, the body without it; a
commitment made of it is not material). Real plans do not repeat a clause verbatim across
measures (none of the plans this was checked on does), so three is a safe floor.

    >>> sorted(stock_phrases(["推进甲。按季度通报进展。", "推进乙。按季度通报进展。", "推进丙。按季度通报进展。"]))
    ['按季度通报进展']
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

STOCK_MEASURES = 3      # measures of one document a sentence or clause must recur in to be stock
STOCK_MIN_CHARS = 4     # shorter pieces (实现, 到2025年) are words, not stock sentences

_SENTENCE = re.compile(r"[^。；;！？!?\n]+")
_CLAUSE = re.compile(r"[^，,。；;：:！？!?\n]+")
_CLOSERS = frozenset("，,。；;：:！？!?")    # the mark that closes a stock piece goes with it


def pieces(norm: str) -> set[str]:
    """The sentences and comma clauses of a normalised text (without their punctuation)."""
    found = {s.strip() for s in _SENTENCE.findall(norm)} | {c.strip() for c in _CLAUSE.findall(norm)}
    return {p for p in found if len(p) >= STOCK_MIN_CHARS}


def stock_phrases(bodies: Iterable[str], min_measures: int = STOCK_MEASURES) -> frozenset[str]:
    """The sentences and clauses found in at least `min_measures` of the normalised bodies."""
    counts: Counter[str] = Counter()
    for norm in bodies:
        counts.update(pieces(norm))
    return frozenset(p for p, n in counts.items() if n >= min_measures)


def stock_finder(stock: Iterable[str]) -> Callable[[str], list[str]]:
    """A function giving the stock pieces a text contains, sorted. The pieces are indexed by their
    first characters (as many as the shortest piece has), so a text is read once whatever the number
    of pieces (a long plan can have thousands: testing each against each of its measures grew as
    their product)."""
    stock = list(stock)
    size = min(map(len, stock), default=1)
    by_head: dict[str, list[str]] = {}
    for piece in stock:
        by_head.setdefault(piece[:size], []).append(piece)

    def find(norm: str) -> list[str]:
        found = {piece for i in range(len(norm) - size + 1)
                 for piece in by_head.get(norm[i:i + size], ()) if norm.startswith(piece, i)}
        return sorted(found)
    return find


def without_stock(norm: str, stock: Iterable[str]) -> str:
    """`norm` with the stock pieces it contains cut out (longest first), the punctuation that
    closed each piece with it."""
    for piece in sorted(stock, key=len, reverse=True):
        if piece and piece in norm:            # most of a plan's stock pieces are not in a given clause
            norm = _cut(norm, piece)
    return norm


def _cut(norm: str, piece: str) -> str:
    """Each occurrence of `piece`, left to right, and the punctuation mark right after it, cut out
    (string search: a long plan's thousands of pieces would each be a regular expression to compile)."""
    kept, start = [], 0
    while (at := norm.find(piece, start)) >= 0:
        kept.append(norm[start:at])
        start = at + len(piece)
        if start < len(norm) and norm[start] in _CLOSERS:
            start += 1
    kept.append(norm[start:])
    return "".join(kept)
