"""Which measures of this run a reviewed workbook's verdicts are about.

A workbook records the documents it was made for (file names, fingerprints) and every measure's
key: its label and a fingerprint of its text (`model.measure_key`). A verdict names its row's
measures by those keys, so it follows a measure whose number shifted when a re-issued plan
inserted or removed measures before it, and never lands on another measure:

1. each document of the workbook is matched to a document of this run: the same fingerprint,
   else the one sharing most measure texts (none shared: not the same document);
2. a verdict's comparison is this run's comparison of the two matched documents, in the same
   order; a comparison whose documents are not both here is not in this run;
3. each of its measures is the measure with the same key (label and text), else the only one
   with the same text under another label (renumbered); else it is not in this run;
4. a relink target typed as a label or id names a measure of the workbook's document, and is
   found in this run by its key the same way.

A verdict that cannot be placed keeps the reason (`Verdict.lost`) and is reported as not
applied; a workbook none of whose comparisons is in this run (none of its verdicts', when it has
verdicts) was made for other documents and is refused, naming both — with or without verdicts.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from compare.errors import InputError
from compare.model import Document, Measure, Verdict, document_fingerprint, split_key
from compare.parse.labels import fold_label
from compare.vocab import RELINK


@dataclass
class WorkbookMeasure:
    """A measure as the workbook recorded it."""
    id: str
    label: str
    key: str            # label#fingerprint
    title: str = ""


@dataclass
class WorkbookDocument:
    """A document the workbook was made for: its index in that run, file name, fingerprint and
    measures."""
    index: int
    file: str
    name: str = ""      # its short name in that run (as messages name documents)
    fingerprint: str = ""
    measures: list[WorkbookMeasure] = field(default_factory=list)

    def computed_fingerprint(self) -> str:
        return document_fingerprint([m.key for m in self.measures])

    def by_id(self, mid: str) -> WorkbookMeasure | None:
        if len(self.__dict__.get("_ids", ())) != len(self.measures):
            self.__dict__["_ids"] = {m.id: m for m in reversed(self.measures)}
        return self.__dict__["_ids"].get(mid)


@dataclass
class Reviewed:
    """A reviewed workbook as read: its verdicts and the documents it was made for ([] when it
    records none: made by hand, or by a version that kept no measures)."""
    path: Path
    verdicts: list[Verdict]
    documents: list[WorkbookDocument] = field(default_factory=list)
    placed: bool = False        # `place` has set the verdicts to this run's measures

    @property
    def made_for(self) -> str:
        """"chuanyu-2024.txt, chuanyu-2025-2027.txt": the files it was made for."""
        return ", ".join(d.file for d in self.documents) or "unknown documents"


class OtherDocuments(InputError):
    """The workbook was made for other documents: none of its comparisons is in this run."""


def find_target(measures, target: str, name: str):
    """The measure a "Relink to" cell names among `measures` (anything with .id and .label): an
    id, or a printed label such as （十七）/(十七)/十七. Returns (measure, "") or (None, why not).
    The one rule for reading a target, in the workbook's documents and in this run's."""
    if not target:
        return None, f"改链需在“改链至”列填写目标（{name} 的措施编号或标签） relink needs a target in the Relink to column (an id or a label of {name})"
    by_id = [m for m in measures if m.id.lower() == target.lower()]
    if by_id:
        return by_id[0], ""
    key = fold_label(target)
    found = [m for m in measures if key and fold_label(m.label) == key]
    if len(found) == 1:
        return found[0], ""
    if found:
        ids = ", ".join(m.id for m in found)
        return None, f"改链目标 {target} 在 {name} 中不止一项（{ids}），请填编号 relink target {target} is ambiguous in {name} ({ids}); give the id"
    return None, f"改链目标 {target} 在 {name} 中没有对应措施 relink target {target} names no measure in {name}"


def place(reviewed: Reviewed, docs: list[Document], order: list[tuple[int, int]]) -> list[Verdict]:
    """Set each verdict's comparison, measure ids and relink target to this run's (`order`: the
    run's comparisons as (a, b) document indices), or `Verdict.lost` to why they are not in this
    run; once (a second call does nothing). Returns the verdicts on comparisons of the workbook
    that this run does not make. Raises OtherDocuments when none of the workbook's comparisons
    is in this run, or none its verdicts are on (or it records no documents to tell) — whether
    or not it holds verdicts: a workbook for other documents is refused, never applied as empty."""
    verdicts = reviewed.verdicts
    if reviewed.placed:
        return []
    if not reviewed.documents:
        raise OtherDocuments(reviewed.path, "审阅表未记录措施，无法可靠地把审阅意见对应到措施，请审阅 compare 生成的 .xlsx "
                                            "records no measures (not written by this version of compare?), "
                                            "so its verdicts cannot be matched to measures safely; "
                                            "review the .xlsx report written by compare")
    runs = [_RunDocument(d) for d in docs]
    matched = _match_documents(reviewed.documents, runs)
    theirs = _comparisons(len(reviewed.documents))
    placed = {k: order.index((matched[a], matched[b])) for k, (a, b) in enumerate(theirs)
              if a in matched and b in matched and (matched[a], matched[b]) in order}
    if not placed or verdicts and not any(0 <= v.comparison < len(theirs) and v.comparison in placed
                                          for v in verdicts):
        raise OtherDocuments(reviewed.path, f"审阅表是为其他文件所做，本次比较不含其中任何一组 "
                                            f"was made for {_pairs(reviewed, theirs, verdicts)}, not for "
                                            f"{', '.join(d.file_name for d in docs)} (none of its comparisons "
                                            "is in this run); give it with the documents it was made for")
    elsewhere = [v for v in verdicts if 0 <= v.comparison < len(theirs) and v.comparison not in placed]
    for v in verdicts:
        _place_one(v, reviewed, runs, matched, theirs, placed)
    reviewed.placed = True
    return elsewhere


class _RunDocument:
    """A document of this run, indexed by key and by fingerprint."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.fingerprint = doc.fingerprint
        self.by_key: dict[str, list[Measure]] = defaultdict(list)
        self.by_fp: dict[str, list[Measure]] = defaultdict(list)
        for m in doc.measures:
            self.by_key[m.key].append(m)
            self.by_fp[split_key(m.key)[1]].append(m)

    def find(self, key: str, old_id: str) -> tuple[Measure | None, int]:
        """The measure with this key; else the only one with its text (renumbered). Among
        several equal ones, the one with the old id. Returns (measure, 0), or (None, how many
        measures have its text: 0 when none, more when it cannot tell which)."""
        for found in (self.by_key.get(key, []), self.by_fp.get(split_key(key)[1], [])):
            if len(found) == 1:
                return found[0], 0
            if found:
                same = [m for m in found if m.id == old_id]
                if same:
                    return same[0], 0
                return None, len(found)
        return None, 0

    def not_found(self, zh: str, en: str, times: int) -> str:
        """Why a measure (`zh`/`en` name it) is not in this run, the same in both languages: its
        text occurs `times` times (which one cannot be told), or it changed or was removed."""
        file = self.doc.file_name
        if times:
            return (f"{zh}的文字在 {file} 中出现 {times} 次，无法确定是哪一项 "
                    f"{en} cannot be told apart in {file}: its text occurs {times} times")
        return f"{zh}已不在 {file} 中（文字已改或已删） {en} is not in {file} as it was (its text changed, or it was removed)"


def _match_documents(theirs: list[WorkbookDocument], runs: list[_RunDocument]) -> dict[int, int]:
    """Workbook document index -> this run's document index: equal fingerprints first, then the
    pairs sharing most measure texts (at least one), each document used once."""
    matched: dict[int, int] = {}
    used: set[int] = set()
    for d in theirs:
        same = [j for j, r in enumerate(runs) if r.fingerprint == d.fingerprint and j not in used]
        if same:
            j = min(same, key=lambda j: abs(j - d.index))
            matched[d.index] = j
            used.add(j)
    shared = []
    for d in theirs:
        if d.index in matched:
            continue
        fps = {split_key(m.key)[1] for m in d.measures}
        for j, r in enumerate(runs):
            n = len(fps & r.by_fp.keys())
            if n and j not in used:
                shared.append((-n, abs(j - d.index), d.index, j))
    for _, _, k, j in sorted(shared):
        if k not in matched and j not in used:
            matched[k] = j
            used.add(j)
    return matched


def _comparisons(n: int) -> list[tuple[int, int]]:
    """The comparisons a run of n documents makes, numbered as its workbook numbers them
    (`api.comparison_order`: (0,1) … (0,n-1), then (1,2) …)."""
    return [(a, b) for a in range(n - 1) for b in range(a + 1, n)]


def _pairs(reviewed: Reviewed, theirs: list[tuple[int, int]], verdicts: list[Verdict]) -> str:
    """"chuanyu-2024.txt → chuanyu-2025-2027.txt": the comparisons its verdicts are about."""
    files = {d.index: d.file for d in reviewed.documents}
    ks = sorted({v.comparison for v in verdicts if 0 <= v.comparison < len(theirs)})
    out = [f"{files.get(theirs[k][0], '?')} → {files.get(theirs[k][1], '?')}" for k in ks[:3]]
    return "; ".join(out) + (" …" if len(ks) > 3 else "") if out else reviewed.made_for


def _place_one(v: Verdict, reviewed: Reviewed, runs: list[_RunDocument], matched: dict[int, int],
               theirs: list[tuple[int, int]], placed: dict[int, int]) -> None:
    if not 0 <= v.comparison < len(theirs):
        v.lost = (f"审阅表中没有第 {v.comparison} 组比较 comparison #{v.comparison} is not one of the workbook's comparisons"
                  if v.comparison >= 0 else
                  "该行没有比较编号（隐藏列 comparison # 为空） the row has no comparison number (hidden column comparison # is empty)")
        v.comparison = -1
        return
    ka, kb = theirs[v.comparison]
    docs = {d.index: d for d in reviewed.documents}
    if v.comparison not in placed:
        missing = [docs[k].file for k in (ka, kb) if k not in matched]
        v.lost = (f"本次运行没有比较 {docs[ka].file} → {docs[kb].file} "
                  f"comparison {docs[ka].file} → {docs[kb].file} is not in this run "
                  + (f"({' and '.join(missing)} not among its documents)" if missing else "(documents in another order)"))
        v.comparison = -1
        return
    v.comparison = placed[v.comparison]
    ids = {}
    for side, k, mid, key in (("a", ka, v.a_id, v.a_key), ("b", kb, v.b_id, v.b_key)):
        if not (mid or key):
            ids[side] = ""
            continue
        m, why = _measure(docs[k], runs[matched[k]], mid, key, v.shown.get(f"{side}_title", ""))
        if m is None:
            v.lost = why
            return
        ids[side] = m.id
    if v.action == RELINK and v.target:
        other = kb if v.a_id or v.a_key else ka
        target, why = _target(v, docs[other], runs[matched[other]])
        v.target_id, v.target_problem = (target.id, "") if target is not None else ("", why)
    v.a_id, v.b_id = ids["a"], ids["b"]


def _measure(doc: WorkbookDocument, run: _RunDocument, mid: str, key: str, title: str):
    """This run's measure for a row's measure (its key, else the key the workbook's measure list
    gives its id), or (None, why not)."""
    if not key:
        known = doc.by_id(mid)
        if known is None:
            return None, f"措施编号 {mid} 不在审阅表记录的 {doc.file} 措施中 measure id {mid!r} is not among the workbook's measures of {doc.file}"
        key, title = known.key, title or known.title
    m, times = run.find(key, mid)
    if m is not None:
        return m, ""
    named = " ".join(filter(None, [split_key(key)[0], title[:20]]))
    return None, run.not_found(f"审阅意见所在的措施 {named} ", f"measure {named} the verdict was typed on", times)


def _target(v: Verdict, doc: WorkbookDocument, run: _RunDocument):
    """The relink target in this run: by the key the workbook wrote for it (while the Relink to
    cell still says what it said then), else by reading the cell in the workbook's document."""
    key = v.target_key if v.target_key and v.target_written == v.target else ""
    if not key:
        known, why = find_target(doc.measures, v.target, doc.name or doc.file)
        if known is None:
            return None, why
        key = known.key
    v.target_key = key
    m, times = run.find(key, "")
    if m is None:
        return None, run.not_found(f"改链目标 {v.target} ", f"relink target {v.target} (measure {split_key(key)[0]} "
                                   "as the verdict was typed)", times)
    return m, ""


def signature(v: Verdict) -> tuple:
    """What a verdict says, as read (before `place`): its row's comparison and measures (keys,
    else ids), verdict, target and note. Two workbooks hold the same verdict when these agree."""
    return (v.comparison, v.a_key or v.a_id, v.b_key or v.b_id, v.action, v.target, v.note)
