"""The corpus's documents in time order, each with its jurisdiction and date.

Where the facts come from, first found first: a row of --meta (a CSV with a `file` column and
any of `jurisdiction`, `date`, `year`, `title`); else what the parser read from the document —
the date (the signing date, else the 印发 date of the 版记), the year of its 文号 (〔2024〕), the
first year in its title (（2024年版）, （2025—2027年）); and the jurisdiction of its issuers, each
issuer's name cut before the organ (人民政府, 办公厅, 委员会 …), joint issuers joined (A、B, in
sorted order), else the place its title begins with (a task table prints no issuer: 扬州市2021年…
清单 → 扬州市, read by the lexicon's place rules, `lexicon.leading_place`), else the issuing office
of its 文号 (the characters before 〔), else the place its file name begins with (扬州_2021.xlsx →
扬州). The title comes before the 文号 because its place is named as an issuer's is (扬州市), so a
jurisdiction's editions with and without issuers are one jurisdiction; a 文号's office (扬府办) is
not a place. A --meta date refines the document's own, never coarsens it: a year (2021) leaves the
document's signing date within that year (2021-03-05) as it is; a date of another year wins.

Time order: by date; a date known only to the year (or the month) after every fuller date within
it — it cannot be shown to be earlier, so it never makes a plan the first adopter of its year's
commitments; documents without a date keep the order they were given in, after the dated ones.

Two documents of one jurisdiction are editions of its plans: each document's previous edition
is the latest earlier document of its jurisdiction with the same name (the title without years and
jurisdiction, `series_name`), else its latest earlier document (`previous_editions`). Documents of unknown
jurisdiction have none (each links to a family's first adopter) and count together as one adopter.

    DocInfo                        one document: file name, title, jurisdiction, date, year, order
    Meta, read_meta(path) -> Meta  file name -> row, with the rows' numbers and what was odd in them
    describe(entries, meta) -> list[DocInfo] in corpus order
    assumptions(infos, meta) -> list[str]   warnings: what was assumed, and --meta rows that named nothing
    previous_editions(infos) -> {document index: previous edition's index}
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date as _calendar
from pathlib import Path

from compare.errors import InputError
from compare.model import Document

# An issuer's organ, after its place: 人民政府, 办公厅 … or the party committee 委 of a 省/市/县/区 (重庆市委).
_ORGAN = re.compile(r"(人民政府|政府|办公厅|办公室|委员会|党委|人大常委会|常委会|(?<=[省市县区州盟旗])委)")
_DOCNO_OFFICE = re.compile(r"^\s*([^\s〔\[［(（]{1,12})\s*[〔\[［(（]")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_DOCNO_YEAR = re.compile(r"[〔\[［(（]\s*((?:19|20)\d\d)\s*[〕\]］)）]")
# A title's years: 2022年, 2025—2027年, （2024年版）, 2023年度 (the edition, not the plan's name).
_YEARS = re.compile(r"(?:19|20)\d\d(?:\s*[-—–－~～至到]\s*(?:(?:19|20)?\d\d))?\s*年?(?:度|版)?")
_DATE = re.compile(r"^\s*((?:19|20)\d\d)(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?\s*月?)?\s*$")
# Where a jurisdiction was read from (DocInfo.jurisdiction_from).
META, ISSUERS, TITLE, DOC_NUMBER, FILE_NAME = "meta", "issuers", "title", "doc_number", "file_name"
_ASSUMED = {TITLE: ("地区取自标题开头的地名（无发文机关）", "jurisdiction taken from the place the title begins with "
                                                          "(no issuers)"),
            FILE_NAME: ("地区取自文件名开头的地名（无发文机关、标题地名或文号）", "jurisdiction taken from the place the file "
                                                                     "name begins with (no issuers, place in the title or 文号)")}
_NAMED = 3                 # documents a warning names before "… and N more"


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
    jurisdiction_from: str = ""  # META, ISSUERS, TITLE, DOC_NUMBER, FILE_NAME; "" when unknown
    meta_row: int = 0          # the --meta row used (its line in the CSV), 0 for none


@dataclass
class Meta:
    """--meta: file name → its row (columns lower-cased, values stripped), the row's line in the
    CSV, and a warning for each row that was left out or overridden."""
    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    line: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def take_copies(self, copies: dict[str, str]) -> None:
        """A copy's row (copy name → the name its bytes were read under) stands for the file read
        when that one has no row of its own; else it is left out, with a warning naming both."""
        for copy, kept in sorted(copies.items()):
            if copy not in self.rows:
                continue
            if kept in self.rows:
                self.warnings.append(f"--meta 第 {self.line[copy]} 行的 {copy} 与 {kept} 内容相同，采用第 "
                                     f"{self.line[kept]} 行 row {self.line[copy]}: {copy} has the same content "
                                     f"as {kept}; row {self.line[kept]} used")
            else:
                self.rows[kept] = self.rows[copy]
                self.line[kept] = self.line[copy]
            del self.rows[copy]
            del self.line[copy]


def read_meta(path) -> Meta:
    """--meta, read. A missing file column, an unreadable file or a date that is not a calendar
    date (next spring, 2023-13-45) is a one-line error naming the row; a row without a file name
    is left out and a second row for one file replaces the first, each with a warning."""
    p = Path(path)
    try:
        with open(p, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(p, f"无法读取元数据 CSV cannot read the metadata CSV ({exc})") from exc
    if not rows or "file" not in {(k or "").strip().lower() for k in rows[0]}:
        raise InputError(p, "元数据 CSV 的首行须为表头，且含 `file` 列 the metadata CSV needs a header row with a `file` column")
    out = Meta()
    for n, row in enumerate(rows, start=2):
        clean = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        name = Path(clean["file"].replace("\\", "/")).name
        for col in ("date", "year"):
            if clean.get(col) and not _iso(clean[col]):
                raise InputError(p, f"第 {n} 行：{col} {clean[col]!r} 不是日期（应为 yyyy、yyyy-mm 或 yyyy-mm-dd） "
                                      f"row {n}: {col} {clean[col]!r} is not a date (yyyy, yyyy-mm or yyyy-mm-dd)")
        if not name:
            out.warnings.append(f"--meta 第 {n} 行没有文件名，已忽略 row {n} names no file; left out")
            continue
        if name in out.rows:
            out.warnings.append(f"--meta 第 {n} 行与第 {out.line[name]} 行同为 {name}，采用第 {n} 行 "
                                f"row {n} names {name} as row {out.line[name]} does; row {n} used")
        out.rows[name], out.line[name] = clean, n
    return out


def describe(entries: list[tuple[Document, str, int]], meta: Meta | None = None) -> list[DocInfo]:
    """DocInfo of each (document, store key, given position), in corpus order (`_when`)."""
    meta = meta or Meta()
    infos = []
    for doc, key, given in entries:
        name = doc.file_name if doc.file_name in meta.rows else doc.file_name.split("#")[0]
        row = meta.rows.get(name, {})
        date = _refined(_iso(row.get("date") or row.get("year") or ""), _date_of(doc))
        place, source = (row["jurisdiction"], META) if row.get("jurisdiction") else _jurisdiction(doc)
        infos.append(DocInfo(0, key, doc.file_name, row.get("title") or doc.title, place, date,
                             int(date[:4]) if date else None, doc.doc_number, given, source,
                             meta.line.get(name, 0) if row else 0))
    infos.sort(key=lambda d: (_when(d.date), d.given))
    for k, d in enumerate(infos):
        d.index = k
    return infos


def _when(date: str) -> tuple[int, ...]:
    """A date's place in time order: a date known only to the year or the month after every fuller
    date within it (2021-03-05 < 2021-03 < 2021-12-30 < 2021); no date after every date."""
    if not date:
        return (1,)
    parts = [int(x) for x in date.split("-")]
    return (0, parts[0], parts[1] if len(parts) > 1 else 13, parts[2] if len(parts) > 2 else 32)


def _refined(given: str, own: str) -> str:
    """The date of a document with a --meta date `given` and its own `own`: the fuller of the two
    when they agree (a --meta year 2021 and a signing date 2021-03-05: 2021-03-05), else --meta's."""
    if given and own.startswith(given) and len(own) > len(given):
        return own
    return given or own


def jurisdiction_of(doc: Document) -> str:
    """The document's jurisdiction (`_jurisdiction`), "" when none is found."""
    return _jurisdiction(doc)[0]


def apart(a: str, b: str) -> bool:
    """Are jurisdictions a and b (as `jurisdiction_of` gives them: places joined by 、) known and
    without a place in common — plans of other governments, each naming its own places?"""
    return bool(a and b) and not set(a.split("、")) & set(b.split("、"))


def _jurisdiction(doc: Document) -> tuple[str, str]:
    """(jurisdiction, where it was read from): the issuers' places (each issuer's name cut before
    its organ; one line naming several, 重庆市委、市政府, read as several; a bare 市 or 省 — 市政府
    after 某市委 — is the place named before it), joined; else the place the title begins with;
    else the 文号's issuing office; else the place the file name begins with; else ("", "")."""
    from compare.text.lexicon import leading_place
    from compare.text.normalize import normalize
    names = [n for i in doc.issuers for n in re.split(r"[、，,\s]+", i) if n]
    places = sorted({p for n in names if len(p := _place(n)) > 1})
    if places:
        return "、".join(places), ISSUERS
    if place := leading_place(normalize(doc.title or "")):
        return place, TITLE
    if m := _DOCNO_OFFICE.match(doc.doc_number or ""):
        return m.group(1), DOC_NUMBER
    if place := leading_place(normalize(Path(doc.file_name.split("#")[0]).stem)):
        return place, FILE_NAME
    return "", ""


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
    """yyyy, yyyy-mm or yyyy-mm-dd of a date as written (2024年3月5日, 2024/3, 2024); "" for text
    that is not a date of the calendar (2023-13-45)."""
    m = _DATE.match(text or "")
    if not m:
        return ""
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        _calendar(y, mo, d)
    except ValueError:
        return ""
    return m.group(1) + (f"-{mo:02d}" if m.group(2) else "") + (f"-{d:02d}" if m.group(2) and m.group(3) else "")


def assumptions(infos: list[DocInfo], meta: Meta | None = None) -> list[str]:
    """Warnings, one line each: --meta's odd rows and those naming no document read; documents
    whose jurisdiction was taken from their title's or file name's place, or stays unknown (they
    count together as one adopter and have no previous edition); documents dated to the year only."""
    meta = meta or Meta()
    out = list(meta.warnings)
    used = {d.meta_row for d in infos}
    out += [f"--meta 第 {n} 行的 {name} 不在所读文件中，已忽略 row {n}: {name} is not among the documents read; left out"
            for name, n in meta.line.items() if n not in used]
    for source, (zh, en) in _ASSUMED.items():
        named = [f"{d.document} → {d.jurisdiction}" for d in infos if d.jurisdiction_from == source]
        if named:
            out.append(f"{len(named)} 份文件{zh} {en}: {_some(named)}")
    unknown = [d.document for d in infos if not d.jurisdiction]
    if unknown:
        out.append(f"{len(unknown)} 份文件地区不明，合计为一个采纳地区、无前一版本；可在 --meta 中给出 "
                   f"{len(unknown)} document(s) of unknown jurisdiction, counted together as one adopter, with no "
                   f"previous edition (give their jurisdiction in --meta): {_some(unknown)}")
    year_only = [d.document for d in infos if len(d.date) == 4]
    if year_only:
        out.append(f"{len(year_only)} 份文件只知年份，排在该年有完整日期的文件之后 {len(year_only)} document(s) dated to "
                   f"the year only, ordered after that year's documents with a full date: {_some(year_only)}")
    return out


def _some(names: list[str]) -> str:
    more = len(names) - _NAMED
    return "、".join(names[:_NAMED]) + (f" 等 and {more} more" if more > 0 else "")


def previous_editions(infos: list[DocInfo]) -> dict[int, int]:
    """Document index → its previous edition: the latest earlier document of its jurisdiction
    with the same title once the years and the jurisdiction's name are taken out (a yearly plan
    keeps its name: 某省2022年养老服务工作要点 → 某省2023年…), else its jurisdiction's latest earlier
    document — so a jurisdiction issuing several plans a year follows each one's editions, and a
    renamed plan still has one. Documents of unknown jurisdiction have none."""
    last: dict[str, int] = {}
    by_series: dict[tuple[str, str], int] = {}
    out = {}
    for d in infos:
        if not d.jurisdiction:
            continue
        series = (d.jurisdiction, series_name(d.title, d.jurisdiction))
        if series in by_series:
            out[d.index] = by_series[series]
        elif d.jurisdiction in last:
            out[d.index] = last[d.jurisdiction]
        last[d.jurisdiction] = by_series[series] = d.index
    return out


def series_name(title: str, jurisdiction: str = "") -> str:
    """A title without its years, edition and the jurisdiction it begins with: the name a plan's
    editions share (（2024年版）, 2022年, （2025—2027年）, 2023年度 all go); "" for no title."""
    t = re.sub(r"\s+", "", title or "")
    if jurisdiction and t.startswith(jurisdiction):
        t = t[len(jurisdiction):]
    t = _YEARS.sub("", t)
    return re.sub(r"[（(][）)]", "", t)
