"""Turn an input document into plain text, one paragraph (or printed line) per line.

Formats: .txt/.csv in any Chinese encoding, .docx (list numbering rendered, tables as rows),
.xlsx, .pdf (text layer, by glyph position), .html, and through LibreOffice when it is installed
.doc/.wps/.odt/.rtf/.xls/.et/.ods. The format readers live in ingest_pdf, ingest_docx,
ingest_sheet and convert; this module checks the file, picks a reader (by extension, else by
content) and decodes text.

Every problem with an input becomes an `InputError` whose message fits on one line, because the
CLI prints it as is; a bug in a reader does not (`input_problem` tells them apart), so it reaches
the CLI's internal-error line instead of blaming the user's file. Readers and their libraries are imported lazily: most runs read only .txt
files and start-up time matters. What a reader assumed (a charset it overrode, mojibake it
repaired) goes to the `notes` list a caller may pass to `read_text`.
"""
from __future__ import annotations

import io
import math
import os
import re
import stat
import zipfile

from compare.errors import InputError
from compare.ingest.common import MB, NOTES, brief, input_problem, note
from compare.ingest.decode import decode
from compare.ingest.docx import read_docx
from compare.ingest.html import read_html
from compare.ingest.office import convert
from compare.ingest.pdf import read_pdf
from compare.ingest.sheets import read_csv, read_xlsx, typed_tables
from compare.limits import MAX_INPUT_BYTES
from compare.text.controls import remove_controls, removed_summary


def read_text(path: str | os.PathLike, notes: list[str] | None = None,
              removed: list[dict[str, str]] | None = None) -> str:
    """Return the text of the document at `path` with "\\n" line ends and no control characters,
    or raise InputError.

    `notes`, if given, receives one line for each assumption made while reading (a declared
    charset overruled, mojibake repaired, bad bytes replaced, control characters removed), for
    the caller to show as warnings; `removed` one record per line that held control characters
    (`text.controls.remove_controls`), for the document's removed-lines record."""
    data = read_bytes(path)
    reader = _READERS.get(os.path.splitext(os.fspath(path))[1].lower(), _read_sniffed)
    token = NOTES.set(notes)
    try:
        text = reader(path, data)
    except InputError:
        raise
    except Exception as exc:
        if not input_problem(exc):
            raise                   # our bug: the CLI's internal-error line asks to report it
        raise InputError(path, f"无法读取 cannot read ({brief(exc)})") from exc
    finally:
        NOTES.reset(token)
    text = re.sub(r"\r\n?|[\u2028\u2029]", "\n", text)
    text, cut = remove_controls(text)       # whichever reader it came from
    if cut:
        if notes is not None:
            notes.append(f"{os.fspath(path)}: {removed_summary(cut)}")
        if removed is not None:
            removed.extend(cut)
    if not text.strip():
        raise InputError(path, "没有文字（空白） no text (empty or whitespace only)")
    _prose_or_fail(path, text)
    return text


# The scripts a document's text is written in, and their punctuation and symbols: Latin, Greek and
# Cyrillic with their diacritics; punctuation, numbers, arrows, shapes and dingbats (①, ■, ☆);
# CJK radicals to unified ideographs (with kana, bopomofo, ㈠, ㎡); CJK compatibility, vertical
# and full-width forms; the supplementary ideographs and emoji. Hangul counts where it outnumbers
# the ideographs (a Korean text): text decoded from random bytes holds both, ideographs first.
_PROSE = re.compile("[\u0021-\u052f\u1e00-\u1eff\u2000-\u2bff\u2e80-\u9fff\uf900-\ufaff"
                    "\ufe10-\ufe6f\uff01-\uffef\U0001f000-\U0001faff\U00020000-\U0003ffff]")
_HANGUL = re.compile("[\uac00-\ud7af]")
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
# At least this share of the non-blank characters must be writing. Real documents, Chinese or
# Latin, are at 99-100 %; bytes that are no text but were decoded as text anyway (LibreOffice
# imports a file it cannot identify as UTF-16 "text") spread over the whole of Unicode:
# private-use, unassigned and surrogate code points and scripts no document mixes, about 55 %
# writing in all (a '?' LibreOffice prints for a surrogate counts as writing).
PROSE_SHARE = 0.85
# Below this many non-blank characters the share says too little to refuse a file on.
PROSE_SAMPLE_MIN = 40


def _prose_or_fail(path, text: str) -> None:
    """Refuse a text that is not writing: binary data or another format's bytes that a reader
    (LibreOffice's fallback text import above all) turned into characters."""
    sample = "".join(text[:65536].split())
    if len(sample) < PROSE_SAMPLE_MIN:
        return
    prose = len(_PROSE.findall(sample))
    hangul = len(_HANGUL.findall(sample))
    if hangul > len(_HAN.findall(sample)):
        prose += hangul
    if prose >= PROSE_SHARE * len(sample):
        return
    other = round(100 * (1 - prose / len(sample)))
    raise InputError(path, f"没有可读的文字（{other}% 的字符不属于任何书写文字：二进制数据，或文件已损坏、扩展名不符） "
                           f"no readable text ({other} % of its characters belong to no script: binary data, "
                           f"or a damaged or misnamed file)")


def read_bytes(path) -> bytes:
    """The general checks every input shares (documents and reviewed workbooks: a regular,
    readable, non-empty file within MAX_INPUT_BYTES), then its bytes (read once)."""
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(path, "是文件夹，不是文件 is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(path, "不是普通文件 not a regular file")
        if st.st_size == 0:
            raise InputError(path, "空文件 empty file")
        if st.st_size > MAX_INPUT_BYTES:
            raise InputError(path, f"文件过大（{math.ceil(st.st_size / MB)} MB，上限 {MAX_INPUT_BYTES // MB} MB） "
                                   f"file too large ({math.ceil(st.st_size / MB)} MB; "
                                   f"limit {MAX_INPUT_BYTES // MB} MB)")
        with open(path, "rb") as f:
            data = f.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(path, "文件不存在 file not found") from None
    except PermissionError:
        raise InputError(path, "无权读取 cannot read (permission denied)") from None
    except IsADirectoryError:
        raise InputError(path, "是文件夹，不是文件 is a directory") from None
    except (OSError, ValueError) as exc:  # ValueError: NUL in the path name
        raise InputError(path, f"无法读取 cannot read ({brief(exc)})") from None
    if not data:
        raise InputError(path, "空文件 empty file")
    if len(data) > MAX_INPUT_BYTES:  # grew since stat
        raise InputError(path, f"文件过大（上限 {MAX_INPUT_BYTES // MB} MB） file too large (limit {MAX_INPUT_BYTES // MB} MB)")
    return data


# --- plain text -------------------------------------------------------------------------------------

def _read_txt(path, data: bytes) -> str:
    real = _misnamed(path, data)
    if real is not None:
        return real(path, data)
    return typed_tables(decode(path, data))


def _misnamed(path, data: bytes):
    """The reader for a file named as text whose bytes are evidently another format (a .docx or a
    PDF renamed .txt, a web page saved as .txt), with a note saying what was assumed; None for
    text. A PDF must start with %PDF- here (a text may mention the marker in its first lines)."""
    reader = _sniff(data) or _sniff_office(data)
    if reader is None or reader is _read_pdf and not data.lstrip().startswith(b"%PDF-"):
        return None
    ext = os.path.splitext(os.fspath(path))[1].lower()
    kind = _kind(data, reader)
    note(f"{os.fspath(path)}: 扩展名是 {ext}，内容却是 {kind}，按 {kind} 读取 "
         f"named {ext}, but the content is {kind}: read as {kind}")
    return reader


def _kind(data: bytes, reader) -> str:
    """The format a sniffed reader stands for, as a warning names it."""
    if reader is _read_writer or reader is _read_calc:
        if data.startswith(b"PK"):
            return ".odt" if reader is _read_writer else ".ods"
        return ".rtf" if data.lstrip().startswith(b"{\\rtf") else ".doc" if reader is _read_writer else ".xls"
    return {_read_pdf: "PDF", _read_docx: ".docx", _read_xlsx: ".xlsx"}.get(reader, "HTML")


# --- office documents and spreadsheets ---------------------------------------------------------------

def _read_docx(path, data: bytes) -> str:

    return read_docx(path, data)


def _read_xlsx(path, data: bytes) -> str:

    return read_xlsx(path, data)


def _read_csv(path, data: bytes) -> str:
    real = _misnamed(path, data)
    if real is not None:
        return real(path, data)
    return read_csv(path, decode(path, data))


def _via_libreoffice(target: str):
    """A reader for a format LibreOffice converts to `target` (docx or xlsx). A file that is
    really something else (Chinese sites serve web pages and .docx files as .doc) is read as what
    it is."""
    def read(path, data: bytes) -> str:
        real = _sniff(data)
        if real is not None:
            return real(path, data)

        ext = os.path.splitext(os.fspath(path))[1].lower() or ".doc"
        converted = convert(path, data, ext, target)
        return (_read_docx if target == "docx" else _read_xlsx)(path, converted)
    return read


_read_writer = _via_libreoffice("docx")
_read_calc = _via_libreoffice("xlsx")


# --- .pdf -------------------------------------------------------------------------------------------

def _read_pdf(path, data: bytes) -> str:

    return read_pdf(path, data)


# --- .html ------------------------------------------------------------------------------------------


# --- unknown extensions -----------------------------------------------------------------------------

def _read_sniffed(path, data: bytes) -> str:
    """Unknown extension: recognise the format by content, else refuse by extension."""
    reader = _sniff(data) or _sniff_office(data)
    if reader is not None:
        return reader(path, data)
    try:
        return typed_tables(decode(path, data))
    except InputError:
        ext = os.path.splitext(os.fspath(path))[1].lower()
        raise InputError(path, f"不支持的文件类型 {ext} unsupported file type {ext}" if ext
                         else "不支持的文件类型（无扩展名） unsupported file type (no extension)") from None


def _sniff(data: bytes):
    """The reader for content this module reads itself (PDF, .docx, .xlsx, HTML), or None."""
    head = data[:1024]
    if b"%PDF-" in head:
        return _read_pdf
    if data.startswith(b"PK"):
        if _zip_has(data, "word/document.xml"):
            return _read_docx
        if _zip_has(data, "xl/workbook.xml"):
            return _read_xlsx
    if re.match(rb"\s*(<!doctype\s+html|<html)", head.removeprefix(b"\xef\xbb\xbf"), re.IGNORECASE):
        return read_html
    return None


def _sniff_office(data: bytes):
    """The LibreOffice route for an old Word/Excel file (OLE2), RTF or OpenDocument, or None."""
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") + b"\0\0" in data:
            return _read_calc
        return _read_writer
    if data.lstrip().startswith(b"{\\rtf"):
        return _read_writer
    if data.startswith(b"PK") and _zip_has(data, "content.xml"):
        return _read_calc if b"opendocument.spreadsheet" in data[:200] else _read_writer
    return None


def _zip_has(data: bytes, name: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return name in zf.namelist()
    except Exception:  # noqa: BLE001 -- not a readable zip: not a docx either
        return False


_READERS = {
    ".txt": _read_txt, ".text": _read_txt,
    ".docx": _read_docx, ".docm": _read_docx, ".dotx": _read_docx,
    ".xlsx": _read_xlsx, ".xlsm": _read_xlsx,
    ".csv": _read_csv, ".tsv": _read_csv,
    ".pdf": _read_pdf,
    ".html": read_html, ".htm": read_html, ".shtml": read_html, ".xhtml": read_html,
    # through LibreOffice
    ".doc": _read_writer, ".dot": _read_writer, ".wps": _read_writer, ".wpt": _read_writer,
    ".odt": _read_writer, ".ott": _read_writer, ".rtf": _read_writer,
    ".xls": _read_calc, ".xlt": _read_calc, ".et": _read_calc, ".ods": _read_calc,
}
