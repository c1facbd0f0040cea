"""How every report names and colours what it shows: statuses, confidences, link kinds and the
fates of commitments. One vocabulary for the workbook, the HTML page and the command line."""
from __future__ import annotations

from compare.model import DROPPED, NEW, STATUSES

# Every status a row can have, in the order reports list them.
ALL_STATUSES = (*STATUSES, NEW, DROPPED)

# How changed a link is, least to most: a measure that lives on in several measures of a later
# document is headlined by its most changed link (`view.headline`).
CHANGE_RANK = {s: k for k, s in enumerate(STATUSES)}

# status -> (light fill for cells and rows, strong ink for badges and bar segments).
STATUS_COLOURS = {
    "unchanged": ("ECEEF2", "5B6472"),
    "continued": ("E3EAF8", "3553A0"),
    "expanded": ("DCF1F6", "0B6E87"),
    "narrowed": ("FDEED5", "995400"),
    "revised": ("EFE6FA", "6B3FA0"),
    "new": ("DDF3E2", "19773A"),
    "dropped": ("FBE2E1", "B3261E"),
}

STATUS_LABELS = {
    "unchanged": "未变", "continued": "延续", "expanded": "扩展", "narrowed": "收窄",
    "revised": "修订", "new": "新增", "dropped": "删除",
}

CONFIDENCE_LABELS = {"strong": "可信", "check": "待核"}

KIND_LABELS = {"merge": "合并 merge", "split": "拆分 split"}

MINUS = "\u2212"   # a real minus sign: reads better than "-" and is never a formula in Excel

# Commitment changes as a reader scans them: sign, Chinese label, in this order.
COMMITMENT_MARKS = {
    "added": ("+", "新增"), "widened": ("↑", "扩大"), "generalised": ("≈", "概括"),
    "narrowed": ("↓", "收窄"), "dropped": (MINUS, "不再提及"), "moved": ("→", "移至"),
    "kept": ("=", "保留"), "reworded": ("=", "保留"),
}


def status_label(status: str) -> str:
    """The Chinese name of a status ("扩展"), the status itself when it has none."""
    return STATUS_LABELS.get(status, status)


def status_text(status: str) -> str:
    """"expanded 扩展": how a status reads in a cell or on the command line."""
    return f"{status} {STATUS_LABELS[status]}" if status in STATUS_LABELS else status
