"""Plain dataclasses passed between the pipeline stages.

ingest -> clean -> structure build `Document`s; align -> classify build `Comparison`s;
the reports only read these objects (or their `to_dict()` JSON shape).
"""
from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from compare.text.boilerplate import without_stock
from compare.text.lexicon import without_places
from compare.text.normalize import identity_form, normalize
from compare.vocab import MATCH, MEASURE, MERGE, NOTE, ONE_TO_ONE, SPLIT


@dataclass
class Item:
    """A numbered sub-item (1. / 1、) inside a measure."""
    label: str
    title: str
    text: str


@dataclass
class Measure:
    """One numbered measure (（一）, or 一、 where a document has no deeper level).

    `text` is the measure as printed, cleaned of page furniture and hard line breaks, without
    its enumerator; `body` is `text` without its trailing （牵头单位：…；配合单位：…） clause, whose
    names are `units` (lead units first, as printed; `support_units` are those a support header
    such as 配合单位 names); a closing （完成时限：…） clause is kept out of `body` too. The matching forms (width-folded, Simplified, no spaces: `text.normalize`) are
    made once, when the measure is built, and every later stage reads them: `norm` (the body,
    what matching compares), `title_norm`, `text_norm` (the whole text) and `units_norm`.
    A measure is not changed after it is built (the forms would go stale).
    """
    id: str
    label: str
    path: list[str]
    chapter: str
    title: str
    text: str
    units: list[str] = field(default_factory=list)     # every responsible unit, as printed
    support_units: list[str] = field(default_factory=list)   # those in a support role (配合单位)
    deadline: str = ""  # a closing （完成时限：…） clause's value, kept out of the body
    stock: list[str] = field(default_factory=list)   # its stock sentences (`text.boilerplate`), normalised
    places: list[str] = field(default_factory=list)  # place names its document gives that it names
    kind: str = MEASURE
    items: list[Item] = field(default_factory=list)
    body: str = ""      # text without the trailing （责任单位：…） clause
    number: int = 0     # the enumerator's value, e.g. 22 for （二十二）
    order: int = 0      # position in the document, 0-based
    norm: str = field(default="", init=False)       # normalised body: what matching compares
    title_norm: str = field(default="", init=False)
    text_norm: str = field(default="", init=False)
    units_norm: list[str] = field(default_factory=list, init=False)
    ident: str = field(default="", init=False)      # the body's words alone (`identity_form`)
    content: str = field(default="", init=False)    # `norm` without stock sentences and places: what is weighed

    def __post_init__(self) -> None:
        self.norm = normalize(self.body)
        self.title_norm = normalize(self.title)
        self.text_norm = normalize(self.text)
        self.units_norm = [normalize(u) for u in self.units]
        self.ident = identity_form(self.norm)
        content = without_stock(self.norm, self.stock) if self.stock else self.norm
        self.content = without_places(content, self.places) if self.places else content

    def to_dict(self) -> dict[str, Any]:
        return _without_forms(asdict(self))

    @property
    def key(self) -> str:
        """The measure's identity across versions of its document: label and text fingerprint
        (`measure_key`). What a reviewer's verdict is keyed by, so it follows the measure when
        the numbering around it shifts."""
        return measure_key(self.label, self.text_norm)


def text_fingerprint(text_norm: str) -> str:
    """A short fingerprint of a measure's whole text, by its words (`identity_form` of its
    matching form: width, 繁简, spaces, quotes, punctuation and symbols do not change it — the
    words `text_key` compares): the first 12 hex digits of their SHA-256. Taken over the whole
    printed text, units clause included, so that a workbook that kept only a measure's text (its
    sheet of measures) gives the same fingerprint."""
    return hashlib.sha256(identity_form(text_norm).encode("utf-8", "surrogatepass")).hexdigest()[:12]


def measure_key(label: str, text_norm: str) -> str:
    """"（五）#3f2a9c0d1e7b": a measure's printed label and its text's fingerprint. Two measures
    with the same key read the same and are numbered the same; the same fingerprint under
    another label is the same measure renumbered."""
    return f"{label}#{text_fingerprint(text_norm)}"


def split_key(key: str) -> tuple[str, str]:
    """"（五）#3f2a9c0d1e7b" → ("（五）", "3f2a9c0d1e7b")."""
    label, _, fp = key.rpartition("#")
    return label, fp


def document_fingerprint(keys: list[str]) -> str:
    """A document's fingerprint: its measures' keys, in order (16 hex digits of SHA-256). Equal
    fingerprints: the same measures, numbered the same, in the same order — so the same ids."""
    return hashlib.sha256("\n".join(keys).encode("utf-8", "surrogatepass")).hexdigest()[:16]


# Matching forms other than `norm`: derived, so left out of the JSON (`norm` stays for readers
# that already use it).
_FORMS = ("title_norm", "text_norm", "units_norm", "ident", "content")


def _without_forms(d: dict[str, Any]) -> dict[str, Any]:
    for k in _FORMS:
        d.pop(k, None)
    return d


def text_key(m: Measure) -> tuple[str, frozenset[str], frozenset[str]]:
    """What "the same measure text" compares: the body's words (`Measure.ident`: normalised, no
    punctuation or symbols — width, 繁简, spaces, quotes and punctuation do not count), the set of
    normalised responsible units and those that lead (`lead_units`). The units clause is compared
    by its names, not its wording, so (责任单位：A、B) and (牵头单位：B，A) are the same units; but
    (牵头单位：A；配合单位：B) and (牵头单位：B；配合单位：A) are not: the lead changed. Numbering,
    chapter, kind, table or prose form are not part of a measure's text at all."""
    return m.ident, frozenset(m.units_norm), frozenset(lead_units(m))


def lead_units(m: Measure) -> list[str]:
    """The normalised units that lead: those no support header (配合单位) names — all of them
    when the measure names no support role."""
    support = set(m.support_units)
    return [n for n, u in zip(m.units_norm, m.units, strict=True) if u not in support]


def same_text(a: Measure, b: Measure) -> bool:
    """Do two measures read the same — the same body and the same responsible units? The one
    definition used by alignment (such pairs are linked first, score 1.0) and classification
    (their status is `unchanged`). A measure whose body is unchanged but whose units changed is
    not the same text: it is aligned like any other pair (its body scores 1.0) and classified
    `continued`, with the units added and removed as evidence."""
    return bool(a.ident) and text_key(a) == text_key(b)


@dataclass
class Chapter:
    label: str
    title: str
    kind: str = MEASURE


@dataclass
class Section:
    """Unnumbered prose: preamble, 总体要求 body, closing paragraph."""
    heading: str
    text: str


@dataclass
class Document:
    source: str                 # path as given, with #N selector if any
    title: str = ""
    doc_number: str = ""        # 文号, e.g. 渝府办发〔2025〕9号
    date: str = ""              # ISO yyyy-mm-dd where found
    issuers: list[str] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    attachment: int | None = None   # N of 附件N inside a compilation
    name: str = ""              # short readable name for reports and folder names
    printed_date: str = ""      # 印发 date of the 版记 (yyyy-mm-dd), where printed
    back_matter: list[str] = field(default_factory=list)   # 版记 / web page footer after the text
    warnings: list[str] = field(default_factory=list)      # numbering anomalies, what was assumed
    removed: list[dict[str, str]] = field(default_factory=list)  # {"text", "reason"}: lines cut
    chars: dict[str, int] = field(default_factory=dict)    # non-space chars in, and where they went

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for m in d["measures"]:
            _without_forms(m)
        return d

    @property
    def file_name(self) -> str:
        """The input's file name, without its folders ("plan.txt", "汇编.txt#6")."""
        return file_name(self.source)

    @property
    def fingerprint(self) -> str:
        """`document_fingerprint` of its measures."""
        return document_fingerprint([m.key for m in self.measures])

    @property
    def display_name(self) -> str:
        """The short readable name reports, messages and folder names use: the name given when
        the document was loaded (its file's stem, -N for 附件N of a compilation; made unique
        among compared documents), else its title, else its file's stem."""
        return self.name or self.title or document_name(self.source)

    def measure(self, mid: str) -> Measure:
        """The measure with this id (KeyError if there is none)."""
        m = self.find_measure(mid)
        if m is None:
            raise KeyError(mid)
        return m

    def find_measure(self, mid: str) -> Measure | None:
        """The measure with this id, or None. An index of positions, checked on every lookup
        (the measure at the remembered position must still carry the id), so replacing,
        inserting or reordering measures never returns a stale one."""
        index = self.__dict__.get("_positions")
        k = index.get(mid) if index is not None else None
        if k is None or k >= len(self.measures) or self.measures[k].id != mid:
            index = {}
            for k, m in enumerate(self.measures):
                index.setdefault(m.id, k)
            self.__dict__["_positions"] = index
            k = index.get(mid)
        return self.measures[k] if k is not None else None


def file_name(source: str) -> str:
    """"/home/u/plans/chuanyu-2024.txt#3" → "chuanyu-2024.txt#3": what reports and warnings
    name, so no report gives away the folders the reader keeps the files in."""
    selector = re.search(r"#\d+$", source)
    path = source[: selector.start()] if selector else source
    return Path(path).name + (selector.group() if selector else "")


def document_name(source: str | os.PathLike, attachment: int | None = None) -> str:
    """The short name of a document read from `source`: its file's stem (no folder, extension
    or #N selector; characters unsafe in a folder name replaced by "-"), with -N for 附件N of a
    compilation; "document" when the path gives nothing."""
    path = re.sub(r"#\d+$", "", str(source))
    stem = re.sub(r"[^\w\-.]+", "-", Path(path).stem).strip("-") if path else ""
    stem = stem or "document"
    return f"{stem}-{attachment}" if attachment is not None else stem


@dataclass
class CommitmentFate:
    """What became of one commitment (a clause a reader would quote) on a link: `change` is one
    of `vocab.FATES`; `a`/`b` quote the old and new clause; `detail` says how (重度失能 → 中度失能);
    `headline` marks the title sentence, `material` False a clause that does not set the status,
    `split` a clause no part of a split carries. The JSON gives the flags only when set."""
    change: str
    a: str | None = None
    b: str | None = None
    detail: str = ""
    headline: bool = False
    material: bool = True
    split: bool = False

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"change": self.change}
        if self.a is not None:
            d["a"] = self.a
        if self.b is not None:
            d["b"] = self.b
        if self.detail:
            d["detail"] = self.detail
        if self.headline:
            d["headline"] = True
        if not self.material:
            d["material"] = False
        if self.split:
            d["split"] = True
        return d


@dataclass
class Evidence:
    added_items: list[str] = field(default_factory=list)
    removed_items: list[str] = field(default_factory=list)
    numbers_added: list[str] = field(default_factory=list)    # "10个工作日", "90%"
    numbers_removed: list[str] = field(default_factory=list)
    scope_changes: list[str] = field(default_factory=list)    # "重度失能 → 中度失能"
    units_added: list[str] = field(default_factory=list)
    units_removed: list[str] = field(default_factory=list)
    deadline_change: str = ""   # "2024年12月底 → 2025年6月底": the deadline (完成时限) given otherwise; no status
    lead_change: str = ""       # "省人社厅 → 团省委": other units lead (牵头), the same or other units in all
    terms_added: list[str] = field(default_factory=list)      # distinctive words only in b
    terms_removed: list[str] = field(default_factory=list)    # distinctive words only in a
    diff: list[list[str]] = field(default_factory=list)       # [op, text]; op in "=", "+", "-", and
    #                                                         "<"/">" for a moved clause's old/new place
    changes: list[dict[str, str]] = field(default_factory=list)  # [{"from": …, "to": …}] phrases
    commitments: list[CommitmentFate] = field(default_factory=list)   # each clause's fate
    # The shared commitment a match cites (`align.decide.citation`): {"by": clause|title|words,
    # "a": old clause (or title), "b": new clause (or title), "words": [specific words, names]}
    shared: dict[str, Any] = field(default_factory=dict)


@dataclass
class Link:
    a: str                      # measure id in the older document
    b: str                      # measure id in the newer document
    score: float
    status: str
    evidence: Evidence = field(default_factory=Evidence)
    kind: str = ONE_TO_ONE      # one-to-one, merge (n a -> 1 b), split (1 a -> n b)
    tier: str = MATCH           # match (same commitment) or related (same topic only)
    confidence: str = ""        # strong / check (matches); empty for related pairs
    secondary_status: str = ""  # a close second reading of the status, when there is one
    reviewed: str = ""          # reviewer's verdict when set from a review workbook
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        ev = d.pop("evidence")
        ev["commitments"] = [c.to_dict() for c in self.evidence.commitments]
        d.update(ev)            # flat: added_items etc. sit on the link itself
        return d


def mark_kinds(links: list[Link]) -> None:
    """Set each link's kind from the links around it: merge when several old measures feed its
    new one, split when its old measure feeds several new ones (merge wins when both)."""
    na = Counter(lk.a for lk in links)
    nb = Counter(lk.b for lk in links)
    for lk in links:
        lk.kind = MERGE if nb[lk.b] > 1 else SPLIT if na[lk.a] > 1 else ONE_TO_ONE


@dataclass
class Comparison:
    a: int                      # index into Result.documents
    b: int
    links: list[Link] = field(default_factory=list)
    unmatched_a: list[str] = field(default_factory=list)   # dropped
    unmatched_b: list[str] = field(default_factory=list)   # new
    related: list[Link] = field(default_factory=list)      # tier "related": context, not counted
    # measures an applied review verdict touched, per document (both may number m001 …)
    reviewed_a: list[str] = field(default_factory=list)
    reviewed_b: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b,
                "links": [lk.to_dict() for lk in self.links],
                "unmatched_a": list(self.unmatched_a),
                "unmatched_b": list(self.unmatched_b),
                "related": [lk.to_dict() for lk in self.related],
                "reviewed_a": list(self.reviewed_a),
                "reviewed_b": list(self.reviewed_b)}


@dataclass
class Verdict:
    """One row of a reviewed workbook with a verdict (its Review cell, an edited Status cell, or
    only a note), and what became of it. Kept in `Result.review`, so every report can say which
    verdicts were applied and why others were not, and the next workbook carries them all on."""
    comparison: int             # the row's comparison number (-1 when its cell was empty)
    a_id: str                   # the row's measure ids ("" for the side a new/dropped row lacks)
    b_id: str
    action: str                 # confirm, reject, relink, a status, new, dropped or note
    target: str = ""            # the Relink to cell, as typed
    note: str = ""
    row: int = 0                # the row in the reviewed workbook (0: not from a workbook)
    source: str = "review"      # which cell said it: review, status (an edited Status cell), notes
    applied: bool = False
    reason: str = ""            # why it was not applied
    remark: str = ""            # applied, but something on the row was not used (a Status edit)
    link_a: str = ""            # the link the verdict leaves (confirmed, set, relinked to)
    link_b: str = ""
    was_status: str = ""        # the status (and score) of the link it rejected or relinked away
    was_score: float | None = None
    # identity (`compare.review.identity`): the keys of the row's measures and of a relink target
    # as the workbook recorded them, the Relink to text the workbook wrote ("target #"), the
    # target's id in this run, and why the verdict's measures are not in this run ("" if they are)
    a_key: str = ""
    b_key: str = ""
    target_key: str = ""
    target_written: str = ""
    target_id: str = ""
    target_problem: str = ""    # why the relink target is not in this run
    lost: str = ""
    shown: dict[str, str] = field(default_factory=dict)   # what the row showed: a_label, a_title …

    @property
    def where(self) -> str:
        """"审阅表第12行 row 12": the row of the reviewed workbook the verdict was typed on."""
        return f"审阅表第{self.row}行 row {self.row}" if self.row else "审阅意见 verdict"

    @property
    def where_before(self) -> str:
        """The same row as a newer workbook names it: "上一审阅表第12行 row 12 of the reviewed
        workbook" (its own rows are numbered otherwise)."""
        return (f"上一审阅表第{self.row}行 row {self.row} of the reviewed workbook" if self.row
                else "审阅意见 verdict")

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "comparison": self.comparison, "a": self.a_id, "b": self.b_id,
                "verdict": self.action, "from": self.source, "target": self.target, "note": self.note,
                "applied": self.applied, "reason": self.reason, "remark": self.remark,
                "link": {"a": self.link_a, "b": self.link_b} if self.link_a and self.link_b else None,
                "was": ({"status": self.was_status, "score": self.was_score} if self.was_status else None)}


@dataclass
class TimelineCell:
    """Where one measure lives on in one later document (`compare.timeline` states the rule)."""
    later: int                  # index of the later document
    ids: list[str]              # its measures that continue the measure (several for a split)
    id_statuses: list[str]      # the status of the link to each of them
    statuses: list[str]         # those statuses once each, least changed first
    status: str                 # the headline: the most changed of `statuses`, or dropped


@dataclass
class TimelineRow:
    """One measure of a document (every document but the last) against each later document."""
    doc: int
    measure: Measure
    cells: dict[int, TimelineCell]

    def to_dict(self) -> dict[str, Any]:
        """The JSON row; keys of the later documents are strings so pandas reads them as columns
        (`pd.json_normalize` gives lives_on.1, status.2, …)."""
        return {"doc": self.doc, "a": self.measure.id, "label": self.measure.label,
                "title": self.measure.title,
                "lives_on": {str(j): list(c.ids) for j, c in self.cells.items()},
                "status": {str(j): c.status for j, c in self.cells.items()},
                "statuses": {str(j): list(c.statuses) for j, c in self.cells.items()}}


@dataclass
class Result:
    documents: list[Document]
    comparisons: list[Comparison]
    settings: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    review: list[Verdict] = field(default_factory=list)    # the applied review's verdicts, row order
    timeline: list[TimelineRow] = field(default_factory=list)   # three or more documents (`compare.timeline`)

    def __post_init__(self) -> None:
        """Each document's own warnings (numbering gaps, damaged labels …) are the result's too,
        named by file, so the command line and every report show them."""
        own = [f"{d.file_name}: {w}" for d in self.documents for w in d.warnings]
        self.warnings[:0] = [w for w in own if w not in self.warnings]

    def to_dict(self, timeline: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """The JSON shape; `timeline`: the rows as the JSON writer's view gives them (with their
        summaries), else `self.timeline`'s."""
        return {"version": self.settings.get("version", ""),
                "settings": self.settings,
                "documents": [d.to_dict() for d in self.documents],
                "comparisons": [c.to_dict() for c in self.comparisons],
                "timeline": [t.to_dict() for t in self.timeline] if timeline is None else timeline,
                "warnings": self.warnings,
                "review": self.review_section()}

    def verdict_measure(self, v: Verdict, side: str) -> Measure | None:
        """The measure of this result a verdict names on side "a" or "b" (None when it names none,
        or its measures are not in this result: `Verdict.lost`)."""
        mid = v.a_id if side == "a" else v.b_id
        if v.lost or not mid or not 0 <= v.comparison < len(self.comparisons):
            return None
        comp = self.comparisons[v.comparison]
        return self.documents[comp.a if side == "a" else comp.b].find_measure(mid)

    def review_section(self) -> dict[str, Any] | None:
        """The JSON's `review`: the reviewed workbook's file name, how many verdicts were applied
        and skipped, and every verdict with the labels of the measures it names (None when no
        review was applied)."""
        if "review" not in self.settings and not self.review:
            return None
        verdicts = []
        for v in self.review:
            d = v.to_dict()
            for side in ("a", "b"):
                m = self.verdict_measure(v, side)
                d[f"{side}_label"] = m.label if m else v.shown.get(f"{side}_label", "")
            verdicts.append(d)
        counted = [v for v in self.review if v.action != NOTE]
        return {"file": self.settings.get("review", ""),
                "applied": sum(v.applied for v in counted),
                "skipped": sum(not v.applied for v in self.review),
                "notes": sum(v.action == NOTE and v.applied for v in self.review),
                "verdicts": verdicts}
