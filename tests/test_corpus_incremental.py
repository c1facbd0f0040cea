"""A rerun after adding next year's plans reads and scores only the new plans and their pairs,
and gives what a fresh run on all plans gives. The incremental runs run their tasks in the test
process (workers=1), the fresh one in the default pool of workers: the same measures.csv from both."""
import pytest
from corpus_fixtures import copy_plans, make_corpus, plans_in_order

import compare


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("incremental"), plans=10, seed=21)


def test_a_rerun_reads_and_decides_only_what_is_new(corpus, tmp_path):
    order = plans_in_order(corpus)
    old, new = order[:7], order[7:]
    folder = copy_plans(corpus, tmp_path / "plans", old)
    out = tmp_path / "out"
    before = compare.corpus([folder], meta=corpus / "meta.csv", out=out, workers=1)
    assert before.counts["files_read"] == 7 and before.counts["decisions_reused"] == 0
    copy_plans(corpus, folder, new)
    after = compare.corpus([folder], meta=corpus / "meta.csv", out=out, workers=1)
    fresh = compare.corpus([corpus / "plans"], meta=corpus / "meta.csv", out=tmp_path / "fresh")
    c = fresh.corpus
    new_docs = {k for k, d in enumerate(c.infos) if d.document in new}
    with_new = sum(int(c.doc_of[i]) in new_docs or int(c.doc_of[j]) in new_docs
                   for i, j in zip(c.decisions.i, c.decisions.j, strict=True))
    assert after.counts["files_read"] == len(new) == 3
    assert after.counts["decided"] == with_new > 0                  # every pair decided now has a new plan
    assert after.counts["decisions_reused"] == fresh.counts["candidates"] - with_new > 0
    assert after.counts["classified_reused"] > 0
    assert (out / "measures.csv").read_bytes() == (tmp_path / "fresh" / "measures.csv").read_bytes()
    nothing = compare.corpus([folder], meta=corpus / "meta.csv", out=out, workers=1)
    assert (nothing.counts["files_read"], nothing.counts["decided"], nothing.counts["classified"]) == (0, 0, 0)
