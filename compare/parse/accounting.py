"""Accounting: where every printed character of a document went.

A parser that drops text silently turns into a comparison that reports measures as dropped,
so each document keeps a ledger: the non-space characters of its input, and those now held in
measures (label and text), prose sections (preamble, chapter headings and their prose, closing
paragraphs and the plan's closing text), metadata (the back matter: 版记, web page footer) and
removed lines (page furniture, noise, artefacts, stray symbols — each with its reason). They must
add up.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

# Section headings that name a role rather than print text.
ROLE_HEADINGS = frozenset({"", "preamble", "closing"})
_SPACE = re.compile(r"\s+")
BUCKETS = ("measures", "sections", "metadata", "removed")


def nonspace(text: str) -> int:
    return len(_SPACE.sub("", text))


def parts(doc) -> Iterator[tuple[str, str]]:
    """Every piece of printed text the document holds, once: (bucket, text)."""
    for m in doc.measures:
        yield "measures", m.label + m.text
    for s in doc.sections:
        yield "sections", ("" if s.heading in ROLE_HEADINGS else s.heading) + s.text
    for line in doc.back_matter:
        yield "metadata", line
    for r in doc.removed:
        yield "removed", r["text"]


def account(doc, source_text: str) -> dict[str, int]:
    """{"input": n, "measures": n, "sections": n, "metadata": n, "removed": n, "unaccounted": n}."""
    out = dict.fromkeys(BUCKETS, 0)
    for bucket, text in parts(doc):
        out[bucket] += nonspace(text)
    total = nonspace(source_text)
    return {"input": total, **out, "unaccounted": total - sum(out.values())}
