"""Align: which measures of B carry on a commitment of A (`match`), and which are only on the same
topic (`related`). `features` (TF-IDF of words, bigrams and quoted names, per measure and per
clause), `retrieve` (candidates and their z-scores), `clause_match` (a quotable shared
commitment), `decide` (tiers and confidence), `score` (the reported score of any link)."""
from compare.align import clause_match, features, score
from compare.align.decide import Pair, align
from compare.align.score import LinkScorer, pair_scores


def clear_caches() -> None:
    """Forget every text's tokens, words and the per-text readings alignment keeps (for
    benchmarks that time alignment from scratch)."""
    features.clear_caches()
    score._distinctive_words.cache_clear()
    clause_match._title_subject_words.cache_clear()


__all__ = ["LinkScorer", "Pair", "align", "clear_caches", "pair_scores"]
