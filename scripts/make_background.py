"""Writes compare/data/background.tsv: how many measures of Chinese public-service plans use each word.

    python scripts/make_background.py [FILE …]      (default: every file in inputs/)

The table is a background of the KIND of text the tool reads — policy plans — not of any pair of
documents: alignment uses it only to tell the vocabulary every plan shares (协同, 一体化, 人才, 品牌…)
from words that name a particular service. Each measure of every document in the given files counts
once; near-copies (a plan reprinted in a compilation) count once; words used by a single measure are
left out (they are rare by default). Rerun it when the bundled inputs or the tokenizer change.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "compare" / "data" / "background.tsv"
NEAR_COPY = 0.6          # word-set Jaccard above which two measures are one measure reprinted


def measure_word_sets(paths: list[Path]) -> list[set[str]]:
    from compare.api import load_all
    from compare.text.words import words
    units: list[set[str]] = []
    for path in paths:
        for doc in load_all(path):
            for m in doc.measures:
                ws = set(words(m.norm)) | set(words(m.title_norm))
                if ws and not any(len(ws & u) > NEAR_COPY * len(ws | u) for u in units):
                    units.append(ws)
    return units


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "inputs").iterdir())
    units = measure_word_sets(paths)
    df = Counter(w for u in units for w in u)
    rows = sorted(((w, c) for w, c in df.items() if c >= 2), key=lambda x: (-x[1], x[0]))
    head = ["# Document frequency of words over the measures of Chinese public-service plans.",
            "# Made by scripts/make_background.py; read by compare.tokens.specificity.",
            f"# measures: {len(units)}"]
    OUT.write_text("\n".join(head + [f"{w}\t{c}" for w, c in rows]) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(units)} measures, {len(rows)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
