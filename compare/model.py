"""Plain dataclasses passed between the pipeline stages.

ingest -> clean -> structure build `Document`s; align -> classify build `Comparison`s;
the reports only read these objects (or their `to_dict()` JSON shape).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Measure kinds: service measures align with each other; safeguards (组织保障/保障措施) and
# general sections (总体要求/指导思想) align only among their own kind.
MEASURE, SAFEGUARD, GENERAL = "measure", "safeguard", "general"

# Link statuses, from "nothing changed" to "both added and removed".
UNCHANGED, CONTINUED, EXPANDED, NARROWED, REVISED = (
    "unchanged", "continued", "expanded", "narrowed", "revised")
STATUSES = (UNCHANGED, CONTINUED, EXPANDED, NARROWED, REVISED)
# Statuses of measures without a counterpart.
NEW, DROPPED = "new", "dropped"

# Link tiers: a `match` carries the same specific commitment (it drives statuses, counts and the
# timeline); a `related` pair shares only a topic and is shown as context, never counted.
MATCH, RELATED = "match", "related"
# Confidence of a match: `strong` needs no second look; `check` is the reviewer's first stop.
STRONG, CHECK = "strong", "check"


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
    its enumerator. `norm` is the matching form (width-folded, Simplified, no spaces).
    """
    id: str
    label: str
    path: list[str]
    chapter: str
    title: str
    text: str
    units: list[str] = field(default_factory=list)
    kind: str = MEASURE
    items: list[Item] = field(default_factory=list)
    body: str = ""      # text without the trailing （责任单位：…） clause
    norm: str = ""      # normalised body, what matching compares
    number: int = 0     # the enumerator's value, e.g. 22 for （二十二）
    order: int = 0      # position in the document, 0-based

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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
        return asdict(self)

    def measure(self, mid: str) -> Measure:
        """The measure with this id (an index rebuilt when the measures list changes)."""
        index = self.__dict__.get("_index")
        if index is None or len(index) != len(self.measures):
            index = {m.id: m for m in self.measures}
            self.__dict__["_index"] = index
        return index[mid]


@dataclass
class Evidence:
    added_items: list[str] = field(default_factory=list)
    removed_items: list[str] = field(default_factory=list)
    numbers_added: list[str] = field(default_factory=list)    # "10个工作日", "90%"
    numbers_removed: list[str] = field(default_factory=list)
    scope_changes: list[str] = field(default_factory=list)    # "重度失能 → 中度失能"
    units_added: list[str] = field(default_factory=list)
    units_removed: list[str] = field(default_factory=list)
    terms_added: list[str] = field(default_factory=list)      # distinctive words only in b
    terms_removed: list[str] = field(default_factory=list)    # distinctive words only in a
    diff: list[list[str]] = field(default_factory=list)       # [op, text]; op in "=", "+", "-", and
    #                                                         "<"/">" for a moved clause's old/new place
    changes: list[dict[str, str]] = field(default_factory=list)  # [{"from": …, "to": …}] phrases
    # Commitments (clauses) of the two measures and their fate (compare.commitments):
    # [{"change": "kept"|"reworded"|"widened"|"narrowed"|"generalised"|"moved"|"added"|"dropped",
    #   "a": "…quoted old clause…", "b": "…quoted new clause…", "detail": "…",
    #   "headline": true (the title sentence), "material": false (does not set the status),
    #   "split": true (dropped in a split: no part carries it)}]  — flags only when set
    commitments: list[dict] = field(default_factory=list)


@dataclass
class Link:
    a: str                      # measure id in the older document
    b: str                      # measure id in the newer document
    score: float
    status: str
    evidence: Evidence = field(default_factory=Evidence)
    kind: str = "one-to-one"    # one-to-one, merge (n a -> 1 b), split (1 a -> n b)
    tier: str = MATCH           # match (same commitment) or related (same topic only)
    confidence: str = ""        # strong / check (matches); empty for related pairs
    secondary_status: str = ""  # a close second reading of the status, when there is one
    reviewed: str = ""          # reviewer's verdict when set from a review workbook
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        ev = d.pop("evidence")
        d.update(ev)            # flat: added_items etc. sit on the link itself
        return d


@dataclass
class Comparison:
    a: int                      # index into Result.documents
    b: int
    links: list[Link] = field(default_factory=list)
    unmatched_a: list[str] = field(default_factory=list)   # dropped
    unmatched_b: list[str] = field(default_factory=list)   # new
    related: list[Link] = field(default_factory=list)      # tier "related": context, not counted
    reviewed: list[str] = field(default_factory=list)      # ids touched by review verdicts

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b,
                "links": [lk.to_dict() for lk in self.links],
                "unmatched_a": list(self.unmatched_a),
                "unmatched_b": list(self.unmatched_b),
                "related": [lk.to_dict() for lk in self.related],
                "reviewed": list(self.reviewed)}


@dataclass
class Result:
    documents: list[Document]
    comparisons: list[Comparison]
    settings: dict[str, Any] = field(default_factory=dict)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        """Each document's own warnings (numbering gaps, damaged labels …) are the result's too,
        named by file, so the command line and every report show them."""
        own = [f"{d.source}: {w}" for d in self.documents for w in d.warnings]
        self.warnings[:0] = [w for w in own if w not in self.warnings]

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.settings.get("version", ""),
                "settings": self.settings,
                "documents": [d.to_dict() for d in self.documents],
                "comparisons": [c.to_dict() for c in self.comparisons],
                "timeline": self.timeline,
                "warnings": self.warnings}
