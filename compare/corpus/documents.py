"""The corpus's documents in time order, each with its jurisdiction and date.

Where the facts come from, first found first: a row of --meta (a CSV with a `file` column and
any of `jurisdiction`, `date`, `year`, `title`); else what the parser read from the document —
the date (the signing date, else the 印发 date of the 版记), the year of its 文号 (〔2024〕), the
first year in its title (（2024年版）, （2025—2027年）); and the jurisdiction of its issuers, each
issuer's name cut before the organ (人民政府, 办公厅, 委员会 …), joint issuers joined (A、B, in
sorted order), else the issuing office of its 文号 (the characters before 〔). Documents without a
date keep the order they were given in, after the dated ones.

Two documents of one jurisdiction are editions of its plans: each document's previous edition
is the latest earlier document of its jurisdiction (`previous_editions`).

    DocInfo                        one document: file name, title, jurisdiction, date, year, order
    read_meta(path) -> dict        file name -> row
    describe(entries, meta) -> list[DocInfo] in corpus order
    previous_editions(infos) -> {document index: previous edition's index}
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from compare.errors import InputError
from compare.model import Document

# An issuer's organ, after its place: 人民政府, 办公厅 … or the party committee 委 of a 省/市/县/区 (重庆市委).
_ORGAN = re.compile(r"(人民政府|政府|办公厅|办公室|委员会|党委|人大常委会|常委会|(?<=[省市县区州盟旗])委)")
_DOCNO_OFFICE = re.compile(r"^\s*([^\s〔\[［(（]{1,12})\s*[〔\[［(（]")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_DOCNO_YEAR = re.compile(r"[〔\[［(（]\s*((?:19|20)\d\d)\s*[〕\]］)）]")
_DATE = re.compile(r"^\s*((?:19|20)\d\d)(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?\s*月?)?\s*$")


@dataclass
class DocInfo:
    """One document of the corpus."""
    index: int                 # position in corpus order
    key: str                   # the store's key (content hash#k)
    document: str              # the input file's name (#N for 附件N of a compilation)
    title: str
    jurisdiction: str
    date: str                  # yyyy-mm-dd, yyyy-mm or yyyy; "" when unknown
    year: int | None
    doc_number: str
    given: int                 # position in the order the files were given


def read_meta(path) -> dict[str, dict[str, str]]:
    """--meta: file name → its row (columns lower-cased, values stripped). A missing file column,
    an unreadable file or a date that is not a date is a one-line error naming the row."""
    p = Path(path)
    try:
        with open(p, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(p, f"无法读取元数据 CSV cannot read the metadata CSV ({exc})") from exc
    if not rows or "file" not in {(k or "").strip().lower() for k in rows[0]}:
        raise InputError(p, "元数据 CSV 的首行须为表头，且含 `file` 列 the metadata CSV needs a header row with a `file` column")
    out = {}
    for n, row in enumerate(rows, start=2):
        clean = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        name = Path(clean["file"].replace("\\", "/")).name
        if not name:
            continue
        for col in ("date", "year"):
            if clean.get(col) and not _DATE.match(clean[col]):
                raise InputError(p, f"第 {n} 行：{col} {clean[col]!r} 不是日期（应为 yyyy、yyyy-mm 或 yyyy-mm-dd） "
                                      f"row {n}: {col} {clean[col]!r} is not a date (yyyy, yyyy-mm or yyyy-mm-dd)")
        out[name] = clean
    return out


def describe(entries: list[tuple[Document, str, int]], meta: dict[str, dict[str, str]] | None = None
             ) -> list[DocInfo]:
    """DocInfo of each (document, store key, given position), in corpus order: by date, then
    as given."""
    meta = meta or {}
    infos = []
    for doc, key, given in entries:
        row = meta.get(doc.file_name) or meta.get(doc.file_name.split("#")[0]) or {}
        date = _iso(row.get("date") or row.get("year") or "") or _date_of(doc)
        infos.append(DocInfo(0, key, doc.file_name, row.get("title") or doc.title,
                             row.get("jurisdiction") or jurisdiction_of(doc), date,
                             int(date[:4]) if date else None, doc.doc_number, given))
    infos.sort(key=lambda d: (d.date == "", d.date, d.given))
    for k, d in enumerate(infos):
        d.index = k
    return infos


def jurisdiction_of(doc: Document) -> str:
    """The issuers' places (each issuer's name cut before its organ; one line naming several,
    重庆市委、市政府, read as several; a bare 市 or 省 — 市政府 after 某市委 — is the place named
    before it), joined; else the 文号's issuing office; else ""."""
    names = [n for i in doc.issuers for n in re.split(r"[、，,\s]+", i) if n]
    places = sorted({p for n in names if len(p := _place(n)) > 1})
    if places:
        return "、".join(places)
    m = _DOCNO_OFFICE.match(doc.doc_number or "")
    return m.group(1) if m else ""


def _place(issuer: str) -> str:
    m = _ORGAN.search(issuer)
    return (issuer[:m.start()] if m else issuer).strip().removeprefix("中共")


def _date_of(doc: Document) -> str:
    for text in (doc.date, doc.printed_date):
        if text and _iso(text):
            return _iso(text)
    m = _DOCNO_YEAR.search(doc.doc_number or "") or _YEAR.search(doc.title or "")
    return m.group(1) if m else ""


def _iso(text: str) -> str:
    m = _DATE.match(text or "")
    if not m:
        return ""
    y, mo, d = m.group(1), m.group(2), m.group(3)
    return y + (f"-{int(mo):02d}" if mo else "") + (f"-{int(d):02d}" if mo and d else "")


def previous_editions(infos: list[DocInfo]) -> dict[int, int]:
    """Document index → the index of its jurisdiction's latest earlier document (corpus order);
    documents of unknown jurisdiction have none."""
    last: dict[str, int] = {}
    out = {}
    for d in infos:
        if d.jurisdiction:
            if d.jurisdiction in last:
                out[d.index] = last[d.jurisdiction]
            last[d.jurisdiction] = d.index
    return out
