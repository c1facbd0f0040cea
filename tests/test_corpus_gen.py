"""benchmarks/corpus_gen.py and corpus_score.py: a six-plan corpus is the same for a seed, every
measure of its truth is parsed back by `compare.load`, and the scorer gives 1.0 to the truth and
less to a scrambled family assignment. Public API of `compare` only."""
import hashlib
import itertools
import random
import sys
from pathlib import Path

import pytest

import compare

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))
import corpus_gen  # noqa: E402
import corpus_score  # noqa: E402

# The families come from the hand-made references in ../shared/gold; without them every source
# measure is its own family (the corpus is still valid).
USE_GOLD = corpus_gen.GOLD_DIR.exists()


def _make(out, seed=7):
    return corpus_gen.generate(out, 6, seed=seed, docx_share=0.34, use_gold=USE_GOLD)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    _make(out)
    return out


def _digest(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _by_file(rows):
    out = {}
    for r in rows:
        out.setdefault(r["file"], []).append(r)
    return out


def test_same_seed_gives_the_same_bytes(corpus, tmp_path):
    _make(tmp_path)
    assert _digest(tmp_path) == _digest(corpus)


def test_another_seed_gives_another_corpus(corpus, tmp_path):
    _make(tmp_path, seed=8)
    assert (tmp_path / "truth.csv").read_bytes() != (corpus / "truth.csv").read_bytes()


def test_every_truth_measure_is_parsed_back(corpus):
    truth = _by_file(corpus_score.read_csv(corpus / "truth.csv"))
    meta = corpus_score.read_csv(corpus / "meta.csv")
    assert len(truth) == 6 and {r["file"] for r in meta} == set(truth)
    assert any(f.endswith(".docx") for f in truth) and any(f.endswith(".txt") for f in truth)
    for name, rows in truth.items():
        doc = compare.load(str(corpus / "plans" / name))
        assert [corpus_score.normalise_label(m.label) for m in doc.measures] == \
            [corpus_score.normalise_label(r["label"]) for r in rows], name
        assert not any(corpus_gen.LEAKS.search(m.text) for m in doc.measures), name


def test_truth_is_consistent(corpus):
    rows = corpus_score.read_csv(corpus / "truth.csv")
    keys = {(r["file"], r["label"]) for r in rows}
    family = {(r["file"], r["label"]): r["family"] for r in rows}
    for r in rows:
        assert r["source"] and r["family"]
        if r["predecessor_file"]:           # derived from the previous edition, same family
            pred = (r["predecessor_file"], r["predecessor_label"])
            assert pred in keys and family[pred] == r["family"]
            assert r["predecessor_file"] < r["file"]    # same jurisdiction, earlier year


def test_scorer_gives_one_to_the_truth_and_less_to_a_scramble(corpus):
    truth = corpus_score.read_csv(corpus / "truth.csv")
    ideal = corpus_score.ideal_measures(truth)
    s = corpus_score.score(truth, ideal)
    assert (s["found_share"], s["f1"], s["predecessor_ok"], s["predecessor_exact"]) == (1.0, 1.0, 1.0, 1.0)
    # labels printed with half-width parentheses and spaces still match
    loose = [dict(r, label=" " + r["label"].replace("（", "(").replace("）", " )")) for r in ideal]
    assert corpus_score.score(truth, loose)["f1"] == 1.0
    families = [r["family"] for r in ideal]
    random.Random(0).shuffle(families)
    scrambled = [dict(r, family=f) for r, f in zip(ideal, families, strict=True)]
    assert corpus_score.score(truth, scrambled)["f1"] < 0.8
    missing = corpus_score.score(truth, ideal[: len(ideal) // 2])
    assert missing["found_share"] < 0.6 and missing["recall"] < 1.0


def test_pair_counts_agree_with_enumerating_pairs():
    rng = random.Random(3)
    truth = [{"file": f"d{i // 5}.txt", "label": f"（{corpus_gen.numeral(i % 5 + 1)}）",
              "family": rng.choice("ABCD"), "year": "2024"} for i in range(40)]
    pred = [{"document": r["file"], "label": r["label"], "family": rng.choice("xyz")} for r in truth]
    s = corpus_score.score(truth, pred)
    both = sum(1 for a, b in itertools.combinations(range(40), 2)
               if truth[a]["family"] == truth[b]["family"] and pred[a]["family"] == pred[b]["family"])
    same_pred = sum(1 for a, b in itertools.combinations(range(40), 2) if pred[a]["family"] == pred[b]["family"])
    same_true = sum(1 for a, b in itertools.combinations(range(40), 2) if truth[a]["family"] == truth[b]["family"])
    assert (s["pairs_correct"], s["pairs_predicted"], s["pairs_true"]) == (both, same_pred, same_true)


def test_rewrites_keep_the_measures_own_words():
    """The drafters' rewrites: a condensed measure keeps consecutive sentences of its own, a cut
    clause leaves the sentence's other clauses, an office's habits apply the same everywhere, and
    a dropped sentence is never the measure's last own sentence."""
    import corpus_rewrite as rw
    rng = random.Random(1)
    text = "甲乙丙丁。戊己庚辛，壬癸子丑，寅卯辰巳。午未申酉。"
    for _ in range(20):
        short = rw.condense(text, rng)
        assert short and short in text and len(rw.sentences(short)) in (1, 2)
    cut = rw.cut_clause(text, rng)
    assert cut.count("，") == 1 and cut.startswith("甲乙丙丁。") and cut.endswith("午未申酉。")
    habits = rw.style(random.Random(2))
    assert rw.apply_style("推进加强完善", habits) == rw.apply_style("推进加强完善", dict(habits))
    own = "推进异地就医直接结算。" + corpus_gen.STOCK[0]
    assert all(corpus_gen.drop_clause(own, random.Random(k)) in (None, "推进异地就医直接结算。")
               for k in range(10))
