"""The vocabulary every layer shares: statuses, fates of commitments, tiers, confidences, link
kinds, measure kinds and reviewers' verdicts — each word defined once, with the Chinese name every
report gives it. Imports nothing: the data model, the stages and the reports all read it."""
from __future__ import annotations

# Link statuses, from "nothing changed" to "both added and removed".
UNCHANGED, CONTINUED, EXPANDED, NARROWED, REVISED = (
    "unchanged", "continued", "expanded", "narrowed", "revised")
STATUSES = (UNCHANGED, CONTINUED, EXPANDED, NARROWED, REVISED)
# Statuses of measures without a counterpart.
NEW, DROPPED = "new", "dropped"

# What became of one commitment (clause) on a link (compare.classify.fates). NARROWED and
# DROPPED are the same words as the statuses.
KEPT, REWORDED, WIDENED, GENERALISED, MOVED, ADDED = (
    "kept", "reworded", "widened", "generalised", "moved", "added")
FATES = (KEPT, REWORDED, WIDENED, NARROWED, GENERALISED, MOVED, ADDED, DROPPED)
RESTATED = (KEPT, REWORDED, WIDENED, NARROWED, GENERALISED)   # the commitment is said again
SHARED = "shared"       # the commitment a match cites (the evidence line that comes first)

# Link tiers: a `match` carries the same specific commitment (it drives statuses, counts and the
# timeline); a `related` pair shares only a topic and is shown as context, never counted.
MATCH, RELATED = "match", "related"
# Confidence of a match: `strong` needs no second look; `check` is the reviewer's first stop.
STRONG, CHECK = "strong", "check"
# How a link sits among the others: a merge (several old → one new), a split (one old → several new).
ONE_TO_ONE, MERGE, SPLIT = "one-to-one", "merge", "split"

# Measure kinds: service measures, safeguards (组织保障/保障措施) and general sections (总体要求/指导思想).
# A pair of measures stands out against the other document's measures of its own kind
# (`align.decide`); a pair of two kinds against each side's own.
MEASURE, SAFEGUARD, GENERAL = "measure", "safeguard", "general"

# What a reviewer may say about a row of the review workbook (besides a status, which sets it):
# confirm it, reject the link, relink it to another measure; a row with only a note keeps the note.
CONFIRM, REJECT, RELINK, NOTE = "confirm", "reject", "relink", "note"

# Every status a row can have, in the order reports list them.
ALL_STATUSES = (*STATUSES, NEW, DROPPED)

# How changed a link is, least to most: a measure that lives on in several measures of a later
# document is headlined by its most changed link (`view.headline`).
CHANGE_RANK = {s: k for k, s in enumerate(STATUSES)}

# status -> (light fill for cells and rows, strong ink for badges and bar segments).
STATUS_COLOURS = {
    UNCHANGED: ("ECEEF2", "5B6472"),
    CONTINUED: ("E3EAF8", "3553A0"),
    EXPANDED: ("DCF1F6", "0B6E87"),
    NARROWED: ("FDEED5", "995400"),
    REVISED: ("EFE6FA", "6B3FA0"),
    NEW: ("DDF3E2", "19773A"),
    DROPPED: ("FBE2E1", "B3261E"),
}

STATUS_LABELS = {
    UNCHANGED: "未变", CONTINUED: "延续", EXPANDED: "扩展", NARROWED: "收窄",
    REVISED: "修订", NEW: "新增", DROPPED: "删除",
}

CONFIDENCE_LABELS = {STRONG: "可信", CHECK: "待核"}

KIND_LABELS = {MERGE: "合并 merge", SPLIT: "拆分 split"}

# How a measure's kind reads as a tag ("保障措施 safeguard"), Chinese first as everywhere.
MEASURE_KIND_LABELS = {MEASURE: "措施 measure", SAFEGUARD: "保障措施 safeguard", GENERAL: "总体要求 general"}

# What a number counts. Every report says which, in these words: a measure of one document
# (措施, counted once, by its most changed link), a link between two measures (关联: a measure
# merged or split has several), a row of the alignment (行: a link, or a measure without
# counterpart, so the rows of a status are its links, or its dropped or new measures). A
# measure that continues in a later document is 承接 continuing there; related pairs (相关) are
# context and counted apart.
MEASURES, LINKS, ROWS = "measures", "links", "rows"
UNIT_LABELS = {MEASURES: "措施 measures", LINKS: "关联 links", ROWS: "行 rows"}
UNIT_COUNTERS = {MEASURES: "项", LINKS: "条", ROWS: "行"}      # 39项措施, 9条关联, 53行
CONTINUING_LABEL = "承接 continuing"
TO_CHECK_LABEL = "待核 to check"
RELATED_LABEL = "相关 related"
ALL_COMPARISONS_LABEL = "全部比较 all comparisons"

MINUS = "\u2212"   # a real minus sign: reads better than "-" and is never a formula in Excel

# Commitment changes as a reader scans them: sign, Chinese label, in this order.
COMMITMENT_MARKS = {
    SHARED: ("≡", "共同承诺"), ADDED: ("+", "新增"), WIDENED: ("↑", "扩大"), GENERALISED: ("≈", "概括"),
    NARROWED: ("↓", "收窄"), DROPPED: (MINUS, "不再提及"), MOVED: ("→", "移至"),
    KEPT: ("=", "保留"), REWORDED: ("=", "保留"),
}


def status_label(status: str) -> str:
    """The Chinese name of a status ("扩展"), the status itself when it has none."""
    return STATUS_LABELS.get(status, status)


# The run's settings as reports list them.
SETTING_LABELS = {"version": "版本 version", "threshold": "阈值 threshold", "inputs": "输入文件 inputs",
                  "review": "审阅表 reviewed workbook"}


def setting_label(key: str) -> str:
    """"阈值 threshold": a setting's name in a report (the key itself when it has no label)."""
    return SETTING_LABELS.get(key, key)


def kind_text(kind: str) -> str:
    """"保障措施 safeguard": how a measure's kind reads in a tag or a cell."""
    return MEASURE_KIND_LABELS.get(kind, kind)


def status_text(status: str) -> str:
    """"扩展 expanded": how a status reads in a cell or on the command line."""
    return f"{STATUS_LABELS[status]} {status}" if status in STATUS_LABELS else status
