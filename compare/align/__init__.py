"""Align: which measures of B carry on a commitment of A (`match`), and which are only on the same
topic (`related`). `features` (TF-IDF of words, bigrams and quoted names, per measure and per
clause), `retrieve` (candidates and their z-scores), `clause_match` (a quotable shared
commitment), `decide` (tiers and confidence), `score` (the reported score of any link)."""
from compare.align.decide import Pair, align
from compare.align.score import LinkScorer, pair_scores

__all__ = ["LinkScorer", "Pair", "align", "pair_scores"]
