"""The Python API: `load` a document, `compare` documents. The CLI is a thin shell over these."""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from compare.align.decide import align
from compare.align.score import LinkScorer
from compare.classify.link import classify_pairs
from compare.corpus.documents import apart, jurisdiction_of
from compare.errors import InputError
from compare.ingest.reader import read_text
from compare.limits import pairwise_problem, threshold_problem
from compare.model import Comparison, Document, Link, Measure, Result, document_name, mark_kinds
from compare.parse.structure import parse
from compare.review.apply import apply_review
from compare.review.identity import Reviewed, place
from compare.review.read import read_workbook
from compare.timeline import timeline
from compare.version import __version__
from compare.vocab import DROPPED, MATCH, NEW, RELATED

_SELECTOR = re.compile(r"^(?P<path>.+)#(?P<n>\d+)$")


def split_selector(spec: str | os.PathLike) -> tuple[Path, int | None]:
    """"plan.txt#5" → (plan.txt, 5); a path that exists as given is never split."""
    s = str(spec)
    m = _SELECTOR.match(s)
    if m and not Path(s).exists():
        return Path(m.group("path")), int(m.group("n"))
    return Path(s), None


def load_all(spec: str | os.PathLike) -> list[Document]:
    """Every document in a file: one, or a compilation's cover notice and its 附件."""
    path, _ = split_selector(spec)
    notes: list[str] = []
    controls: list[dict[str, str]] = []
    text = read_text(path, notes, controls)
    docs = parse(text, str(path))
    reading = [f"读取 reading: {n.removeprefix(f'{path}: ')}" for n in notes]   # charset overruled, …
    for d in docs:
        d.name = document_name(path, d.attachment if len(docs) > 1 else None)
        d.warnings[:0] = reading
        d.removed.extend(dict(r) for r in controls)     # lines of the file: listed by every document
    return docs


def load(spec: str | os.PathLike) -> Document:
    """One document. `FILE#N` selects 附件N of a compilation (#0: the text before 附件1), or its
    N-th document when it has no 附件 numbers. Without a selector: a plan printed with the
    tables that support it (附件：重点任务分工表, 任务清单) is the plan, and a warning names what it
    leaves out; any other file of several parts — a notice with its own 一、二、 and a plan as
    附件, a compilation — must hold one document with measures, else FILE#N says which."""
    path, n = split_selector(spec)
    docs = load_all(path)
    numbered = any(d.attachment is not None for d in docs)
    if n is not None:
        by_att = [d for d in docs if d.attachment == n or n == 0 and numbered and d.attachment is None]
        if by_att:
            return _named(by_att[0], spec)
        if not numbered and 1 <= n <= len(docs):
            return _named(docs[n - 1], spec)
        raise InputError(spec, f"文件中没有第 {n} 份文件 no document #{n} in this file (it holds {_listing(docs)})")
    with_measures = comparable_parts(docs, path)
    if len(docs) > 1 and len(with_measures) > 1:
        raise InputError(path, f"含有多份文件，请用 {path.name}#N 选一份 holds several documents ({_listing(docs)}); "
                               f"choose one with {path.name}#N")
    if not with_measures:
        raise InputError(path, NO_MEASURES)
    return with_measures[0]


# What a file without measures is refused with (`compare A B`, `compare inspect` and `compare
# corpus` alike): what the tool reads as a measure, so that the user can tell why.
NO_MEASURES = ("没有找到措施：措施应有编号（如 一、（一）1. 第一条），或是任务表的行（含序号、重点任务、牵头单位等列），"
               "或是 .docx 中以加粗句开头的段落 no numbered measures or task table found: measures are read by their "
               "numbers (一、 （一） 1. 第一条 …), from the rows of a task table (columns 序号, 重点任务, 牵头单位 …), "
               "or in a .docx from paragraphs that open with a bold sentence")


# The title of an attachment that supports the plan before it rather than being a plan of its own:
# 重点任务分工表, 任务清单, 责任分解表, 工作台账.
_SUPPORTING = re.compile(r"分工|清单|分解|台账|任务表|责任表")


def comparable_parts(docs: list[Document], path: Path) -> list[Document]:
    """The parts of a file that are plans to compare: its documents with measures, except that a
    plan printed with tables supporting it (附件：重点任务分工表 …) is the plan alone — the tables
    restate its measures — with a warning for each table left out (FILE#N compares it on its
    own). `compare A B` and `compare corpus` read a file's parts by this one rule."""
    with_measures = [d for d in docs if d.measures]
    if not (docs and docs[0].attachment is None and docs[0].measures and len(with_measures) > 1
            and all(_SUPPORTING.search(d.title) for d in with_measures[1:])):
        return with_measures
    plan = docs[0]
    for a in with_measures[1:]:
        plan.warnings.append(f"附件{a.attachment}（{a.title[:20] or '无标题'}，{len(a.measures)} 项措施）未比较，"
                             f"可用 {path.name}#{a.attachment} 单独比较 attachment {a.attachment} "
                             f"({len(a.measures)} measures) is not compared; select it with {path.name}#{a.attachment}")
    return [plan]


def _named(doc: Document, spec) -> Document:
    doc.source = str(spec)
    return doc


def _listing(docs: list[Document]) -> str:
    """The documents of a file as `FILE#N` selects them, each once: by 附件 number in a
    compilation (#0: the text before 附件1), else by position."""
    numbered = any(d.attachment is not None for d in docs)
    parts = []
    for i, d in enumerate(docs, 1):
        tag = (f"#{d.attachment}" if d.attachment is not None else "#0") if numbered else f"#{i}"
        parts.append(f"{tag} {d.title[:20] or '（无标题 untitled）'}（{len(d.measures)} 项措施 measures）")
    return "；".join(parts)


def load_documents(paths) -> list[Document]:
    """The documents of a pairwise run, each loaded (`load`), with unique short names; at most
    `limits.MAX_PAIRWISE_DOCUMENTS` of them."""
    specs = [str(p) for p in paths]
    if len(specs) < 2:
        raise InputError(None, "至少需要两个文件才能比较 give at least two documents to compare")
    if problem := pairwise_problem(len(specs)):
        raise InputError(None, problem)
    docs = [load(p) for p in specs]
    _same_inputs(specs, docs)
    _unique_names(docs)
    return docs


def _same_inputs(specs: list[str], docs: list[Document]) -> None:
    """A warning on each document that is the same file as an earlier one, or a copy of it (the
    same bytes, the same part): not an error — a run may mean to check itself — but most likely a
    name typed twice, and every measure would compare as unchanged."""
    seen: dict[tuple[str, int | None], int] = {}
    for k, spec in enumerate(specs):
        path, part = split_selector(spec)
        try:
            key = (hashlib.sha256(path.read_bytes()).hexdigest(), part)
        except OSError:             # read a moment ago; gone now: nothing to compare it with
            continue
        if key not in seen:
            seen[key] = k
            continue
        first = seen[key]
        earlier = split_selector(specs[first])[0]
        same = _same_file(path, earlier)
        docs[k].warnings.append(
            (f"与第 {first + 1} 个文件 {docs[first].file_name} 是同一文件" if same else
             f"与第 {first + 1} 个文件 {docs[first].file_name} 内容相同")
            + "，所有措施都将比较为未变 "
            + (f"is the same file as input {first + 1}, {docs[first].file_name}" if same else
               f"has the same content as input {first + 1}, {docs[first].file_name}")
            + ": every measure compares as unchanged")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def read_reviewed(path: str | os.PathLike) -> Reviewed:
    """A reviewed workbook's verdicts and the documents it was made for (`review.read`)."""
    if not Path(path).is_file():
        raise InputError(path, "审阅表不存在（应为 .xlsx 文件） reviewed workbook not found (expected an .xlsx file)")
    return read_workbook(Path(path))


def compare(paths, threshold: float = 1.0, review: str | os.PathLike | None = None,
            strict: bool = False) -> Result:
    """Compare every pair of documents, older → newer: the first with each later one, then the
    second with each later one, and so on (`comparison_order`). Returns a Result (documents,
    comparisons with links, related pairs and unmatched measures; `Result.timeline` for three or
    more documents). `review` applies the verdicts of a reviewed workbook, read before anything
    else so that a workbook that cannot be used fails at once; every verdict and its outcome is
    in `Result.review`. With `strict`, a verdict that cannot be applied (or a Status edit a
    Review verdict overrules) is an InputError instead of a warning."""
    _check_threshold(threshold)
    reviewed = read_reviewed(review) if review is not None else None   # a bad workbook fails now
    return compare_documents(load_documents(paths), threshold, reviewed, strict)


def compare_documents(docs: list[Document], threshold: float = 1.0, reviewed: Reviewed | None = None,
                      strict: bool = False) -> Result:
    """`compare` on loaded documents. A reviewed workbook's verdicts are placed on this run's
    measures first (`review.identity.place`: by their measures' keys; a workbook made for other
    documents is refused before anything is computed), then applied to the result."""
    _check_threshold(threshold)
    order = comparison_order(len(docs))
    if reviewed is not None:
        place(reviewed, docs, order)
    comparisons = [_compare_pair(docs, ai, bi, threshold) for ai, bi in order]
    result = Result(documents=docs, comparisons=comparisons,
                    settings={"version": __version__, "threshold": threshold,
                              "inputs": [d.file_name for d in docs]})    # names only, no folders
    if reviewed is not None:
        problems = apply_review(result, reviewed.verdicts, _relinker(docs))
        if strict and problems:
            more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
            raise InputError(reviewed.path, f"--strict：{len(problems)} 条审阅意见未采用，未写报告 {len(problems)} verdict(s) not applied: "
                                            f"{problems[0]}{more}; "
                                            "no reports written")
        result.settings["review"] = reviewed.path.name
        for c in result.comparisons:
            mark_kinds(c.links)
    result.timeline = timeline(result)
    return result


def _check_threshold(threshold) -> None:
    if problem := threshold_problem(threshold):
        raise InputError(None, problem)


def comparison_order(n: int) -> list[tuple[int, int]]:
    """Every pair (a, b), a < b, of n documents: (0,1) … (0,n-1) first, so the comparisons of
    the first document keep the indices they had when only those were made (and reviewed
    workbooks stay valid), then (1,2) … (1,n-1), and so on."""
    return [(a, b) for a in range(n - 1) for b in range(a + 1, n)]


def _compare_pair(docs, ai: int, bi: int, threshold: float) -> Comparison:
    """Matches become Links classified by `classify`; related pairs are context only: they carry
    no status of change and leave both measures among the unmatched."""
    a, b = docs[ai], docs[bi]
    pairs = align(a.measures, b.measures, threshold=threshold)
    matches = [p for p in pairs if p.tier == MATCH]
    related = [p for p in pairs if p.tier == RELATED]
    apart_ = apart(jurisdiction_of(a), jurisdiction_of(b))
    links = _tiered(classify_pairs(a.measures, b.measures, matches, apart_), matches)
    context = [Link(a=a.measures[p.i].id, b=b.measures[p.j].id, score=round(p.score, 4),
                    status=RELATED, tier=RELATED) for p in related]
    mark_kinds(links)
    la, lb = {lk.a for lk in links}, {lk.b for lk in links}
    return Comparison(a=ai, b=bi, links=links,
                      unmatched_a=[m.id for m in a.measures if m.id not in la],
                      unmatched_b=[m.id for m in b.measures if m.id not in lb],
                      related=context)


def _tiered(links, pairs):
    """Copy each pair's tier, confidence and citation onto the Link classify made for it (same
    order)."""
    for lk, p in zip(links, pairs, strict=True):
        lk.tier = p.tier
        lk.confidence = p.confidence
        lk.evidence.shared = p.cited
    return links


def _relinker(docs: list[Document]):
    """The relink function `review.apply_review` calls for a link a reviewer set by hand: scored
    on the same scale as aligned links (`align.LinkScorer`: within the two documents' features,
    the same blend) and classified by the pipeline's own classifier (`classify_pairs`: the two
    documents' IDF, and the other links of its old and new measure, so a merge or a split is
    judged whole). The measures' documents and positions are found by identity; each pair of
    documents is featurized once."""
    where = {id(m): (k, n) for k, d in enumerate(docs) for n, m in enumerate(d.measures)}
    scorers: dict[tuple[int, int], LinkScorer] = {}

    def relink(ma: Measure, mb: Measure, links: list[Link]) -> Link:
        (ka, i), (kb, j) = where[id(ma)], where[id(mb)]
        a, b = docs[ka].measures, docs[kb].measures
        if (ka, kb) not in scorers:
            scorers[(ka, kb)] = LinkScorer(a, b)
        pos_a = {m.id: n for n, m in enumerate(a)}
        pos_b = {m.id: n for n, m in enumerate(b)}
        group = [_Pair(pos_a[lk.a], pos_b[lk.b], lk.score) for lk in links
                 if (lk.a == ma.id) != (lk.b == mb.id)]                 # the other links of a or of b
        new = _Pair(i, j, scorers[(ka, kb)](i, j))
        return classify_pairs(a, b, group + [new])[-1]
    return relink


@dataclass
class _Pair:
    """A link to classify: old and new measure positions and its score (what `classify_pairs` reads)."""
    i: int
    j: int
    score: float


def _unique_names(docs: list[Document]) -> None:
    seen: dict[str, int] = {}
    for d in docs:
        if d.name in seen:
            seen[d.name] += 1
            d.name = f"{d.name}-{seen[d.name]}"
        else:
            seen[d.name] = 1


__all__ = ["DROPPED", "NEW", "compare", "compare_documents", "comparison_order", "load", "load_all",
           "load_documents", "read_reviewed"]
