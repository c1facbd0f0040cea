"""compare.corpus.features: each document featurized once, as compare featurizes it, and a
measure's vector independent of which other documents are in the corpus."""
from pathlib import Path

import numpy as np

import compare
from compare.align.features import featurize
from compare.corpus.features import assemble, doc_features

INPUTS = Path(__file__).resolve().parent.parent / "inputs"


def _docs(*names):
    return [compare.load(INPUTS / n) for n in names]


def test_a_documents_features_are_compares_features_of_that_document_alone():
    (d,) = _docs("chuanyu-2024.txt")
    f, ref = doc_features(d.measures), featurize([d.measures])[0]
    assert (f.weights != ref.weights).nnz == 0
    assert f.unit_texts == ref.units.texts and (f.unit_specific != ref.units.specific).nnz == 0


def test_a_measures_vector_does_not_depend_on_the_other_documents():
    a, b, c = _docs("chuanyu-2024.txt", "chuanyu-2025-2027.txt", "shuanghe-2025.txt")
    fa, fb, fc = (doc_features(d.measures) for d in (a, b, c))
    two, three = assemble([fa, fb]), assemble([fa, fc, fb])
    va = two.features.weights[:39] @ two.features.weights[39:61].T           # a x b in one corpus
    rb = np.arange(three.doc_rows[2], three.doc_rows[3])
    vb = three.features.weights[:39] @ three.features.weights[rb].T          # … and in another
    assert np.array_equal(va.toarray(), vb.toarray())                        # bit for bit
    assert two.titles[39:] == three.titles[three.doc_rows[2]:]
    u = three.features.units
    assert u.offsets[-1] == len(u.texts) == u.weights.shape[0]
