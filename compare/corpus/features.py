"""Each document's features, made once when it is read, and the corpus's features assembled from them.

A measure is featurized exactly as `compare` featurizes it (`compare.align.features.featurize`:
jieba words, bigrams, quoted names, weighted by specificity and TF-IDF, clause units), with one
difference of scope: IDF is taken within the measure's own document, where a comparison of two
documents takes it within the two. So a measure's vector depends on its document alone — it is
made once, stored with the document, and a pair's decision depends on its two documents only
(a rerun that adds plans never changes a decision already made). Words every measure of a plan
uses (its place names, its stock sentences, its lead units) count little, as they do within a
pair. On the two versions of one plan of the reference alignments the links come out exactly as
`compare`'s; on the loosely related sibling plans one forbidden pair more is linked (README,
corpus section).

    DocFeatures         one document's features, by token string (serializable: `to_arrays`)
    doc_features(measures) -> DocFeatures
    CorpusFeatures      every measure's features on one vocabulary (sorted token strings)
    assemble(docs) -> CorpusFeatures
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from compare.align.clause_match import TitleWords, title_words
from compare.align.features import Clauses, Features, featurize
from compare.model import Measure


@dataclass
class DocFeatures:
    """`featurize` of one document's measures, its columns named by token string."""
    tokens: list[str]                  # column -> token
    weights: sparse.csr_matrix         # measures x tokens, TF-IDF within the document, rows L2-normalised
    unit_texts: list[str]
    unit_offsets: np.ndarray
    unit_weights: sparse.csr_matrix
    unit_specific: sparse.csr_matrix
    unit_mass: sparse.csr_matrix
    titles: list[TitleWords]           # each measure's title words, names and mass (`title_words`)

    def to_bytes(self) -> bytes:
        """npz bytes (the store keeps them with the document)."""
        buf = io.BytesIO()
        arrays = {"offsets": self.unit_offsets}
        for name in ("weights", "unit_weights", "unit_specific", "unit_mass"):
            m = getattr(self, name)
            arrays[f"{name}_data"], arrays[f"{name}_indices"] = m.data, m.indices
            arrays[f"{name}_indptr"] = m.indptr
            arrays[f"{name}_shape"] = np.asarray(m.shape)
        text = json.dumps({"tokens": self.tokens, "unit_texts": self.unit_texts, "titles": self.titles},
                          ensure_ascii=False)
        arrays["text"] = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
        np.savez_compressed(buf, **arrays)
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "DocFeatures":
        z = np.load(io.BytesIO(data))
        mats = {name: sparse.csr_matrix((z[f"{name}_data"], z[f"{name}_indices"], z[f"{name}_indptr"]),
                                        shape=tuple(z[f"{name}_shape"]))
                for name in ("weights", "unit_weights", "unit_specific", "unit_mass")}
        text = json.loads(z["text"].tobytes().decode("utf-8"))
        titles = [([(w, float(x)) for w, x in found], [(w, float(x)) for w, x in names], float(mass))
                  for found, names, mass in text["titles"]]
        return cls(text["tokens"], mats["weights"], text["unit_texts"], z["offsets"], mats["unit_weights"],
                   mats["unit_specific"], mats["unit_mass"], titles)


def doc_features(measures: list[Measure]) -> DocFeatures:
    """The features of one document's measures (IDF within the document)."""
    f = featurize([measures])[0]
    tokens = [""] * len(f.vocab)
    for t, c in f.vocab.items():
        tokens[c] = t
    u = f.units
    return DocFeatures(tokens, f.weights, list(u.texts), np.asarray(u.offsets), u.weights, u.specific, u.mass,
                       title_words(measures, f))


@dataclass
class CorpusFeatures:
    """Every measure of the corpus, in corpus order, on one vocabulary: the token strings sorted,
    so a value never depends on which other documents are in the corpus."""
    features: Features                 # weights (all measures) and units (all clauses); idf unused
    titles: list                       # title words of every measure, in corpus order
    doc_rows: np.ndarray               # doc k's measures are rows doc_rows[k]:doc_rows[k+1]


def assemble(docs: list[DocFeatures]) -> CorpusFeatures:
    """The corpus's features from its documents' (in corpus order)."""
    vocab_list = sorted({t for d in docs for t in d.tokens})
    vocab = {t: c for c, t in enumerate(vocab_list)}
    n_vocab = len(vocab_list)

    def remap(m: sparse.csr_matrix, cols: np.ndarray) -> sparse.csr_matrix:
        out = sparse.csr_matrix((m.data.copy(), cols[m.indices], m.indptr.copy()), shape=(m.shape[0], n_vocab))
        out.sort_indices()
        return out

    weights, uw, us, um, offsets, texts, titles = [], [], [], [], [np.zeros(1, dtype=np.int64)], [], []
    base = 0
    for d in docs:
        cols = np.fromiter((vocab[t] for t in d.tokens), dtype=np.int64, count=len(d.tokens))
        weights.append(remap(d.weights, cols))
        uw.append(remap(d.unit_weights, cols))
        us.append(remap(d.unit_specific, cols))
        um.append(remap(d.unit_mass, cols))
        offsets.append(np.asarray(d.unit_offsets[1:], dtype=np.int64) + base)
        base += len(d.unit_texts)
        texts.extend(d.unit_texts)
        titles.extend(d.titles)
    doc_rows = np.r_[0, np.cumsum([d.weights.shape[0] for d in docs])].astype(np.int64)
    units = Clauses(texts, np.concatenate(offsets), _stack(uw, n_vocab), _stack(us, n_vocab), _stack(um, n_vocab))
    return CorpusFeatures(Features(_stack(weights, n_vocab), vocab, np.ones(n_vocab), units), titles, doc_rows)


def _stack(mats: list[sparse.csr_matrix], n_cols: int) -> sparse.csr_matrix:
    if not mats:
        return sparse.csr_matrix((0, n_cols))
    return sparse.vstack(mats, format="csr")
