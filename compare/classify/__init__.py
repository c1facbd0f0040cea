"""Classify: what changed between linked measures, with evidence. `commitments` (a measure's
clauses, weighted), `fates` (what became of each in a merge/split group), `clause_delta` (what a
restatement widens or loses), `status` (fates → status), `evidence` (lists, numbers, scope,
units, phrases), `redline`, `link` (the Links)."""
from compare.classify.link import classify, classify_pairs

__all__ = ["classify", "classify_pairs"]
