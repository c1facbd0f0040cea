"""`compare corpus`: the pipeline, step by step, each step's output the next one's input.

    read (files → documents and features, from the store when seen before)
    → documents (metadata, time order, jurisdictions, editions)
    → retrieve (candidate pairs from a cheap index; pool statistics)
    → decide (compare's rule on each candidate pair; stored)
    → families (communities of the match graph; review verdicts applied)
    → lineage (predecessors; statuses classified by compare.classify; stored)
    → tables (measures, families, documents) → reports (csv, parquet, html, xlsx)

`run(...)` returns a `CorpusResult`; `counts` says what was computed and what was reused (so
a rerun that adds plans can be seen to read and score only the new plans and their pairs).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from compare.corpus import decide as dec
from compare.corpus import families as fam
from compare.corpus import lineage as lin
from compare.corpus import retrieve
from compare.corpus.documents import DocInfo, assumptions, describe, previous_editions, read_meta
from compare.corpus.features import CorpusFeatures, assemble
from compare.corpus.read import content_hash, find_files, loaded_documents
from compare.corpus.schedule import Runner
from compare.corpus.store import Store, document_key
from compare.corpus.tasks import classify_task, decide_task, nearest_task, read_task
from compare.errors import InputError
from compare.model import Document, Measure
from compare.vocab import MATCH


@dataclass
class Corpus:
    """Everything the steps computed, for the tables and reports."""
    docs: list[Document]                       # corpus order
    infos: list[DocInfo]
    measures: list[Measure]
    doc_of: np.ndarray
    features: CorpusFeatures
    decisions: dec.Decisions
    family: np.ndarray
    family_cohesion: np.ndarray
    measure_cohesion: np.ndarray
    lineage: list[lin.Lineage]
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)   # what was assumed, one line each
    counts: dict[str, int] = field(default_factory=dict)
    review: list = field(default_factory=list)          # applied and skipped verdicts


def run(paths, store: Store, meta=None, scheduler: str | None = None, threshold: float = 1.0,
        review=None, progress: Callable[[str], None] | None = None, workers: int | None = None,
        exclude: Path | None = None) -> Corpus:
    """Run the pipeline on the files and folders `paths`, reading and keeping what it can in
    `store` (the caller commits it once the reports are written); `exclude`: a folder not to read
    (the output folder)."""
    say = progress or (lambda msg: None)
    files = find_files(paths, exclude=exclude)
    if not files:
        raise InputError(None, "没有找到可读的文件 no documents found in " + ", ".join(map(str, paths)))
    meta_rows = read_meta(meta) if meta else None
    verdicts = _read_review(review)
    runner = Runner(scheduler, workers)
    try:
        corpus = _steps(files, meta_rows, runner, store, threshold, verdicts, say)
        corpus.counts["tasks"] = runner.tasks
        return corpus
    finally:
        runner.close()


def _read_review(review):
    if review is None:
        return None
    from compare.corpus.review import read_verdicts
    return read_verdicts(review)


def _steps(files, meta_rows, runner, store, threshold, verdicts, say) -> Corpus:
    counts: dict[str, int] = {"files": len(files)}
    entries, features, skipped, warnings, copies = _read(files, runner, store, counts, say)
    if not entries:
        raise InputError(None, f"{len(files)} 个文件都无法读取 none of the {len(files)} files could be read "
                               f"({skipped[0] if skipped else ''})")
    if meta_rows is not None:
        meta_rows.take_copies(copies)
    infos = describe(entries, meta_rows)
    warnings += assumptions(infos, meta_rows)
    docs = [entries[d.given][0] for d in infos]
    _unique_names(docs, infos)
    cf = assemble([features[d.given] for d in infos])
    measures = [m for d in docs for m in d.measures]
    doc_of = np.repeat(np.arange(len(docs)), [len(d.measures) for d in docs]).astype(np.int64)
    counts.update(documents=len(docs), measures=len(measures))
    say(f"已读取 {len(docs)} 份文件、{len(measures)} 项措施" + (f"，跳过 {len(skipped)} 个文件" if skipped else "")
        + f" read {len(docs)} documents, {len(measures)} measures"
        + (f"; skipped {len(skipped)} file(s)" if skipped else ""))
    previous = previous_editions(infos)
    state = dec.CorpusState(measures, cf)
    decisions = _decide(state, infos, doc_of, previous, runner, store, threshold, counts, say)
    matches = decisions.matches()
    family = fam.families(len(measures), decisions.i[matches], decisions.j[matches],
                          fam.link_weights(decisions.score[matches], decisions.confidence[matches]))
    applied = []
    if verdicts is not None:
        from compare.corpus.review import apply_verdicts
        family, applied = apply_verdicts(verdicts, family, docs, doc_of, cf.doc_rows)
    fam_share, measure_share = fam.cohesion(family, decisions.i[matches], decisions.j[matches])
    counts["families"] = int(family.max()) + 1 if len(family) else 0
    say(f"{counts['families']} 个家族 families")
    lineage = _lineage(state, docs, infos, doc_of, family, previous, decisions, runner, store, counts)
    return Corpus(docs, infos, measures, doc_of, cf, decisions, family, fam_share, measure_share, lineage,
                  skipped, warnings, counts, applied)


def _read(files, runner, store, counts, say):
    """(document, store key, given position) for every document read, their features, the
    skipped files' one-line reasons, a warning for each file that is a copy of an earlier one
    (the same bytes: read once, under the first name — a copy would be another edition of itself)
    and each copy's name → the name it was read under (its --meta row may be the only one)."""
    hashes = [content_hash(f) for f in files]
    todo = [k for k, h in enumerate(hashes) if store.file(h) is None]
    fresh = {}                          # what the tasks read, documents made already
    for r in runner.map(read_task, [(os.fspath(files[k]), hashes[k]) for k in todo]):
        store.put_packed_file(r.hash, r.packed, _pack(r.features), _name_only(r.error, r.path))
        fresh.setdefault(r.hash, r)
    counts["files_read"] = len(todo)
    entries, features, skipped, warnings, copies = [], [], [], [], {}
    first: dict[str, Path] = {}
    for f, h in zip(files, hashes, strict=True):
        if h in first:
            warnings.append(f"{os.fspath(f)} 与 {os.fspath(first[h])} 内容相同，只读一次 has the same content as "
                            f"{os.fspath(first[h])}: read once")
            copies[Path(f).name] = Path(first[h]).name
            continue
        first[h] = f
        loaded, error = _loaded(fresh.pop(h, None), store, h)
        if error:
            skipped.append(f"{os.fspath(f)}: {error}")
            continue
        for k, (doc, feats) in enumerate(loaded):
            if "#" not in doc.source:
                doc.source = os.fspath(f)
            else:
                doc.source = os.fspath(f) + "#" + doc.source.rsplit("#", 1)[1]
            entries.append((doc, document_key(h, k), len(entries)))
            features.append(feats)
    if todo:
        say(f"已读取新文件 {len(todo)} 个（共 {len(files)} 个） read {len(todo)} new file(s) of {len(files)}")
    return entries, features, skipped, warnings, copies


def _loaded(read, store, file_hash: str) -> tuple[list, str]:
    """A file's (Document, DocFeatures) pairs and why it was not read: from its task's `FileRead`
    when it was just read, else from the store."""
    if read is not None:
        return read.loaded, _name_only(read.error, read.path)
    docs, blob, error = store.file(file_hash)
    return ([] if error else loaded_documents(docs, _unpack(blob))), error


def _name_only(error: str, path: str) -> str:
    """A reading error without the path it was read at (the store keeps it by content)."""
    return error.removeprefix(f"{path}: ")


def _pack(blobs: list[bytes]) -> bytes:
    return b"".join(len(b).to_bytes(8, "little") + b for b in blobs)


def _unpack(data: bytes) -> list[bytes]:
    out, k = [], 0
    while k < len(data):
        n = int.from_bytes(data[k:k + 8], "little")
        out.append(data[k + 8:k + 8 + n])
        k += 8 + n
    return out


def _unique_names(docs: list[Document], infos: list[DocInfo]) -> None:
    """Two inputs of one name in different folders: the later ones get their folder's name too."""
    seen: dict[str, int] = {}
    for d, info in zip(docs, infos, strict=True):
        if info.document in seen:
            info.document = f"{Path(d.source.split('#')[0]).parent.name}/{info.document}"
        seen[info.document] = 1
        d.name = info.document


def _decide(state, infos, doc_of, previous, runner, store, threshold, counts, say) -> dec.Decisions:
    """Candidates, the stored decisions among them, and the decisions made now for the rest."""
    cf, measures = state.features, state.measures
    editions = sorted((p, d) for d, p in previous.items())
    ii, jj = retrieve.candidates(cf, doc_of, editions, nearest=_nearest(cf, doc_of, runner))
    si, sj = retrieve.same_text_pairs(measures, doc_of)
    n = len(measures)
    key = np.unique(np.r_[ii * n + jj, si * n + sj]).astype(np.int64)
    ii, jj = key // n, key % n
    same = np.isin(key, si * n + sj)
    local = cf.doc_rows[doc_of]
    keys = [(infos[doc_of[i]].key, int(i - local[i]), infos[doc_of[j]].key, int(j - local[j]))
            for i, j in zip(ii.tolist(), jj.tolist(), strict=True)]
    known = store.decisions(keys, threshold)
    todo = np.array([k for k, kk in enumerate(keys) if kk not in known], dtype=np.int64)
    counts.update(candidates=len(ii), decided=len(todo), decisions_reused=len(ii) - len(todo))
    say(f"候选措施对 {len(ii)} 对，其中 {len(todo)} 对需新判定 {len(ii)} candidate pairs; deciding {len(todo)} new")
    d = _empty_decisions(ii, jj)
    for k, kk in enumerate(keys):
        if kk in known:
            _put(d, k, known[kk])
    if len(todo):
        new = _decide_new(state, doc_of, ii[todo], jj[todo], same[todo], runner, threshold)
        for name in ("tier", "confidence", "cosine", "score", "clause_a", "clause_b"):
            getattr(d, name)[todo] = getattr(new, name)
        store.put_decisions([(*keys[k], threshold, new.tier[t], new.confidence[t], float(new.cosine[t]),
                              float(new.score[t]), new.clause_a[t], new.clause_b[t])
                             for t, k in enumerate(todo.tolist())])
    return d


def _nearest(cf, doc_of, runner) -> np.ndarray:
    """The index's candidates (`retrieve.nearest_block`), its row blocks spread over the tasks."""
    parts = runner.map(nearest_task, retrieve.blocks(len(doc_of)), retrieve.Index(cf, retrieve.project(cf), doc_of))
    return np.concatenate([np.zeros(0, dtype=np.int64), *parts])


def _empty_decisions(ii, jj) -> dec.Decisions:
    n = len(ii)
    return dec.Decisions(ii, jj, np.full(n, "", dtype=object), np.full(n, "", dtype=object), np.zeros(n),
                         np.zeros(n), np.full(n, "", dtype=object), np.full(n, "", dtype=object))


def _put(d: dec.Decisions, k: int, row: tuple) -> None:
    d.tier[k], d.confidence[k], d.cosine[k], d.score[k], d.clause_a[k], d.clause_b[k] = row


def _decide_new(state, doc_of, ii, jj, same, runner, threshold) -> dec.Decisions:
    shared = dec.DecideInput(state, doc_of, retrieve.pool_keys(state.measures), ii, jj, same, threshold)
    return dec.Decisions.concatenate(ii, jj, runner.map(decide_task, dec.chunks(ii, doc_of), shared))


def _lineage(state, docs, infos, doc_of, family, previous, decisions, runner, store, counts) -> list[lin.Lineage]:
    """Each measure's predecessors, and its links to them classified (stored ones reused)."""
    cf, measures = state.features, state.measures
    m = decisions.tier == MATCH
    links = (decisions.i[m], decisions.j[m], decisions.score[m])
    lineage = lin.plan(measures, doc_of, cf.doc_rows, family, previous, links,
                       lambda i, j: retrieve.exact_cosines(cf, i, j), [d.jurisdiction for d in infos])
    missing = [(n, p) for n, node in enumerate(lineage) for p, s in enumerate(node.scores) if np.isnan(s)]
    if missing:
        pi = np.array([lineage[n].predecessors[p] for n, p in missing])
        pj = np.array([lineage[n].measure for n, _ in missing])
        for (n, p), s in zip(missing, dec.scores(state, pi, pj).tolist(), strict=True):
            lineage[n].scores[p] = s
    jobs = lin.jobs(lineage, doc_of, cf.doc_rows, [d.jurisdiction for d in infos])
    results = _classify(jobs, docs, infos, runner, store, counts)
    by_pair = {}
    for job, links_ in zip(jobs, results, strict=True):
        for (i, j, _s), lk in zip(job.pairs, links_, strict=True):
            by_pair[(int(cf.doc_rows[job.doc_a]) + i, int(cf.doc_rows[job.doc_b]) + j)] = lk
    for node in lineage:
        node.links = [by_pair[(p, node.measure)] for p in node.predecessors]
    return lineage


def _classify(jobs, docs, infos, runner, store, counts) -> list[list]:
    """The Links of every job: stored, or classified now (and stored)."""
    results: list = [store.links(infos[job.doc_a].key, infos[job.doc_b].key, job.signature()) for job in jobs]
    todo = [k for k, r in enumerate(results) if r is None]
    shared = [d.measures for d in docs] if todo else None      # sent to each worker once
    for k, (links_, packed) in zip(todo, runner.map(classify_task, [jobs[k] for k in todo], shared), strict=True):
        results[k] = links_
        store.put_packed_links(infos[jobs[k].doc_a].key, infos[jobs[k].doc_b].key, jobs[k].signature(), packed)
    done = set(todo)
    counts.update(classified=sum(len(jobs[k].pairs) for k in todo),
                  classified_reused=sum(len(j.pairs) for k, j in enumerate(jobs) if k not in done))
    return results
