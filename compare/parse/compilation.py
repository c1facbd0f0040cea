"""Compilations: a text of several documents, split at its 附件N lines, and what the cover lends.

A notice (印发通知) prints its 文号, date and issuers once, above or under its own text, and its
plan follows as 附件; a compilation (汇编) gathers several such documents as 附件1, 附件2 ….
"""
from __future__ import annotations

from dataclasses import replace

from compare.model import Document
from compare.parse.clean import ATTACHMENT_LINE
from compare.text.normalize import fold
from compare.text.numerals import cn_number

__all__ = ["cover_metadata", "split_documents", "split_parts"]


def split_documents(text: str) -> list[tuple[int | None, str]]:
    """Split a compilation at standalone 附件N lines: [(None, cover), (1, 附件1), …]."""
    return [(n, t) for n, t, _ in split_parts(text)]


def split_parts(text: str) -> list[tuple[int | None, str, str]]:
    """[(N, text, the 附件N line that opened it)] — the marker line is kept for accounting."""
    parts: list[tuple[int | None, list[str], str]] = [(None, [], "")]
    for line in text.split("\n"):
        m = ATTACHMENT_LINE.match(fold(line).strip())
        if m:
            n = (int(m["n"]) if m["n"].isdigit() else cn_number(m["n"])) if m["n"] else len(parts)
            parts.append((n, [], line))
        else:
            parts[-1][1].append(line)
    docs: list[tuple[int | None, str, str]] = []
    orphans = ""                            # 附件N lines with nothing under them
    for n, lines, marker in parts:
        body = "\n".join(lines)
        if body.strip():
            docs.append((n, body, "\n".join(x for x in (orphans, marker) if x)))
            orphans = ""
        elif marker:
            orphans = "\n".join(x for x in (orphans, marker) if x)
    if orphans and docs:
        n, body, marker = docs[-1]
        docs[-1] = (n, body + "\n" + orphans, marker)
    return docs or [(None, text, "")]


def cover_metadata(docs: list[Document]) -> list[Document]:
    """The cover and its attachments, where a cover (the text before 附件) with a single
    attachment lends it the 文号, date and issuers it does not print itself: a notice that
    issues one plan issues it under its own 文号, on its own date, by its own issuers. With
    several attachments (a compilation of other offices' documents) nothing is lent: which of
    them the cover's metadata belongs to cannot be told."""
    attached = [d for d in docs if d.attachment is not None]
    if len(attached) != 1 or docs[0].attachment is not None:
        return docs
    cover, plan = docs[0], attached[0]
    lent = replace(plan, doc_number=plan.doc_number or cover.doc_number, date=plan.date or cover.date,
                   issuers=plan.issuers or list(cover.issuers), title=_lent_title(cover, plan))
    return [lent if d is plan else d for d in docs]


def _lent_title(cover: Document, plan: Document) -> str:
    """The plan's title, or the one its cover issues it under (印发《…2023年重点任务清单》) when the
    plan prints none or only its table's heading (2023年重点任务分工表)."""
    named = cover.title and not cover.title.startswith("关于") and not cover.title.endswith("通知")
    issued = not cover.measures         # a notice, not a plan printed with its 分工表 attached
    return cover.title if named and issued and (not plan.title or plan.title.endswith("表")) else plan.title
