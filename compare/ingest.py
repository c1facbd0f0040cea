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

import contextvars
import io
import math
import os
import re
import stat
import zipfile

from compare.errors import InputError

MB = 1024 * 1024
MAX_INPUT_BYTES = 64 * MB       # refuse bigger files before reading them

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)
# charset-normalizer labels short GB text as these (cp949 most often). The input is Chinese, so when
# gb18030 also decodes the bytes it is the better bet. Big5 is left alone: Big5 bytes decode as
# gb18030 too, so a Big5 verdict must be trusted.
_GB_LOOKALIKES = {
    "gb2312", "gbk", "hz", "cp949", "euc_kr", "johab", "shift_jis", "shift_jis_2004",
    "shift_jisx0213", "cp932", "euc_jp", "euc_jis_2004", "euc_jisx0213", "utf_16_be", "utf_16_le",
}
_HTML_DROP = ["script", "style", "noscript", "template", "head", "iframe", "svg"]
_HTML_BLOCKS = [
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th",
    "tr", "ul",
]
# Single-byte Western charsets: decoding with them never fails, so a page declaring one proves
# nothing about its bytes (Chinese sites often send GBK labelled iso-8859-1).
_LATIN = re.compile(r"^(?:iso[-_]?8859[-_]?\d+|latin[-_]?\d?|l\d|windows[-_]?125\d|cp125\d|(?:us[-_])?ascii"
                    r"|iso[-_]?646.*|cp819|ibm819)$")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
# What Chinese text looks like after a Latin-1/cp1252 mis-decoding: runs of Latin-1 letters and
# cp1252 punctuation (æŽ¨è¿›, ÍÆ½ø).
_LATIN_CHARS = "\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014" \
               "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_LATIN_RUN = re.compile(f"[{_LATIN_CHARS}]{{2,}}")
_LATIN_ONE = re.compile(f"[{_LATIN_CHARS}]")
_UTF8_AS_LATIN = re.compile(f"[\u00c2-\u00ef][{_LATIN_CHARS}]")
_notes: contextvars.ContextVar[list | None] = contextvars.ContextVar("ingest_notes", default=None)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read_text(path: str | os.PathLike, notes: list[str] | None = None) -> str:
    """Return the text of the document at `path` with "\\n" line ends, or raise InputError.

    `notes`, if given, receives one line for each assumption made while reading (a declared
    charset overruled, mojibake repaired), for the caller to show as warnings."""
    data = _read_bytes(path)
    reader = _READERS.get(os.path.splitext(os.fspath(path))[1].lower(), _read_sniffed)
    token = _notes.set(notes)
    try:
        text = reader(path, data)
    except InputError:
        raise
    except Exception as exc:
        if not input_problem(exc):
            raise                   # our bug: the CLI's internal-error line asks to report it
        raise InputError(path, f"cannot read ({_brief(exc)})") from exc
    finally:
        _notes.reset(token)
    text = re.sub(r"\r\n?|[\u2028\u2029]", "\n", text)
    if not text.strip():
        raise InputError(path, "no text (empty or whitespace only)")
    return text


_OURS = os.path.dirname(os.path.abspath(__file__)) + os.sep


def input_problem(exc: BaseException) -> bool:
    """Is `exc`, raised while reading a file, a problem with the file (a corrupt or unsupported
    document: the user's to fix) rather than a bug of this package? It is when it is a data
    error (a broken zip, bad XML, undecodable bytes, a library's own parse error), or when it
    was raised inside a library reading the file (python-docx, openpyxl, pypdfium2…: the
    library choked on it). An error raised in this package's own code is a bug and must not be
    passed off as the user's input."""
    if isinstance(exc, _data_errors()):
        return True
    tb, where = exc.__traceback__, ""
    while tb is not None:
        where = tb.tb_frame.f_code.co_filename
        tb = tb.tb_next
    return bool(where) and not os.path.abspath(where).startswith(_OURS)


def _data_errors() -> tuple[type[BaseException], ...]:
    """Exceptions that mean "the bytes are not what they claim to be", wherever they are raised:
    the standard library's, and the parse errors of the reading libraries that are loaded."""
    import csv
    import struct
    import sys
    import xml.etree.ElementTree
    import zlib
    found: list[type[BaseException]] = [zipfile.BadZipFile, zlib.error, EOFError, UnicodeError, struct.error,
                                        csv.Error, xml.etree.ElementTree.ParseError, RecursionError]
    for module, name in (("lxml.etree", "LxmlError"), ("pypdfium2", "PdfiumError"),
                         ("docx.opc.exceptions", "OpcError"), ("openpyxl.utils.exceptions", "InvalidFileException")):
        cls = getattr(sys.modules.get(module), name, None)
        if isinstance(cls, type) and issubclass(cls, BaseException):
            found.append(cls)
    return tuple(found)


def _read_bytes(path) -> bytes:
    """The general checks every format shares, then the file's bytes (read once, sniffed in memory)."""
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(path, "is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(path, "not a regular file")
        if st.st_size == 0:
            raise InputError(path, "empty file")
        if st.st_size > MAX_INPUT_BYTES:
            raise InputError(path, f"file too large ({math.ceil(st.st_size / MB)} MB; "
                                   f"limit {MAX_INPUT_BYTES // MB} MB)")
        with open(path, "rb") as f:
            data = f.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except PermissionError:
        raise InputError(path, "cannot read (permission denied)") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except (OSError, ValueError) as exc:  # ValueError: NUL in the path name
        raise InputError(path, f"cannot read ({_brief(exc)})") from None
    if not data:
        raise InputError(path, "empty file")
    if len(data) > MAX_INPUT_BYTES:  # grew since stat
        raise InputError(path, f"file too large (limit {MAX_INPUT_BYTES // MB} MB)")
    return data


# --- plain text -------------------------------------------------------------------------------------

def _read_txt(path, data: bytes) -> str:
    return _decode(path, data)


def _decode(path, data: bytes, declared: str | None = None) -> str:
    """Decode by evidence, not by guessing: BOM, strict UTF-8, a declared charset unless the bytes
    say otherwise, then detection; mis-decoded text is repaired or refused."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _printable_or_fail(path, data[len(bom):].decode(codec))
            except UnicodeDecodeError:
                raise InputError(path, f"invalid {codec.upper()} text after byte-order mark") from None
    if b"\0" in data[:8192]:
        raise InputError(path, "binary data, not a text document")
    try:
        return _printable_or_fail(path, _unmangled(path, data.decode("utf-8")))
    except UnicodeDecodeError:
        pass
    if declared:
        chinese = _chinese_bytes(data) if _LATIN.match(declared.lower()) else None
        if chinese is not None:
            _note(f"{os.fspath(path)}: decoded as {chinese[0].upper()}, not the declared {declared}")
            return _printable_or_fail(path, chinese[1])
        try:
            return _printable_or_fail(path, _unmangled(path, data.decode(declared)))
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "binary data, not a text document")
    text = str(best)
    if best.encoding in _GB_LOOKALIKES:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            pass
    elif _LATIN.match(best.encoding.replace("_", "-")) or declared:
        chinese = _chinese_bytes(data)
        if chinese is not None:
            _note(f"{os.fspath(path)}: decoded as {chinese[0].upper()}, not {declared or best.encoding}")
            return _printable_or_fail(path, chinese[1])
    return _printable_or_fail(path, _unmangled(path, text))


def _chinese_bytes(data: bytes) -> tuple[str, str] | None:
    """(codec, text) when the bytes are GB18030 or Big5 Chinese; None when they are not. A web page
    with a stray broken byte or two is still Chinese (they become U+FFFD)."""
    for codec in ("gb18030", "big5"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            text = data.decode(codec, "replace")
            if text.count("\ufffd") > 0.002 * len(text):
                continue
        if _is_chinese(text):
            return codec, text
    return None


def _is_chinese(text: str) -> bool:
    """Most non-ASCII characters are CJK ideographs (punctuation aside)."""
    sample = text[:65536]
    wide = sum(1 for ch in sample if ord(ch) > 0x7F and not (0x3000 <= ord(ch) <= 0x303F or
                                                              0xFF00 <= ord(ch) <= 0xFFEF))
    return wide > 0 and len(_CJK.findall(sample)) >= 0.8 * wide


def _unmangled(path, text: str) -> str:
    """Text whose Chinese was once decoded as Latin-1/cp1252 and saved again (mojibake): repaired
    by ftfy (UTF-8 read as Latin-1) or by re-reading the bytes as GB18030 (GBK read as Latin-1);
    refused when neither gives Chinese. Ordinary text passes untouched."""
    sample = text[:65536]
    latin = len(_LATIN_ONE.findall(sample))
    if latin < 20 or len(_CJK.findall(sample)) >= latin:
        return text
    if sum(len(run) for run in _LATIN_RUN.findall(sample)) < 0.8 * latin:
        return text                           # accents inside words: a Western text, not mojibake
    utf8 = len(_UTF8_AS_LATIN.findall(sample)) >= 0.25 * latin
    kind = "UTF-8 read as Latin-1" if utf8 else "GBK read as Latin-1"
    import ftfy
    import ftfy.bad_codecs  # noqa: F401 -- registers the sloppy-windows-1252 codec

    fixed = ftfy.fix_encoding(text)
    if not _is_chinese(fixed):
        try:
            fixed = text.encode("sloppy-windows-1252").decode("gb18030")
            kind = "GBK read as Latin-1"
        except (UnicodeEncodeError, UnicodeDecodeError):
            fixed = ""
    if fixed and _is_chinese(fixed):
        _note(f"{os.fspath(path)}: repaired mis-decoded Chinese ({kind})")
        return fixed
    raise InputError(path, f"looks like mis-decoded Chinese ({kind}) and cannot be repaired; "
                           f"save it again from the original as UTF-8")


def _note(line: str) -> None:
    notes = _notes.get()
    if notes is not None:
        notes.append(line)


def _printable_or_fail(path, text: str) -> str:
    """Refuse 'text' that is mostly control characters: binary data that happened to decode."""
    sample = text[:65536]
    bad = sum(1 for ch in sample if not (ch.isprintable() or ch.isspace()))
    if bad > 0.05 * len(sample):
        raise InputError(path, "binary data, not a text document")
    return text


# --- office documents and spreadsheets ---------------------------------------------------------------

def _read_docx(path, data: bytes) -> str:
    from compare.ingest_docx import read_docx

    return read_docx(path, data)


def _read_xlsx(path, data: bytes) -> str:
    from compare.ingest_sheet import read_xlsx

    return read_xlsx(path, data)


def _read_csv(path, data: bytes) -> str:
    from compare.ingest_sheet import read_csv

    return read_csv(path, _decode(path, data))


def _via_libreoffice(target: str):
    """A reader for a format LibreOffice converts to `target` (docx or xlsx). A file that is
    really something else (Chinese sites serve web pages and .docx files as .doc) is read as what
    it is."""
    def read(path, data: bytes) -> str:
        real = _sniff(data)
        if real is not None:
            return real(path, data)
        from compare.convert import convert

        ext = os.path.splitext(os.fspath(path))[1].lower() or ".doc"
        converted = convert(path, data, ext, target)
        return (_read_docx if target == "docx" else _read_xlsx)(path, converted)
    return read


_read_writer = _via_libreoffice("docx")
_read_calc = _via_libreoffice("xlsx")


# --- .pdf -------------------------------------------------------------------------------------------

def _read_pdf(path, data: bytes) -> str:
    from compare.ingest_pdf import read_pdf

    return read_pdf(path, data)


# --- .html ------------------------------------------------------------------------------------------

def _read_html(path, data: bytes) -> str:
    """Visible text only; block elements and <br> break lines, inline elements (a, span, b) do not."""
    from bs4 import BeautifulSoup, NavigableString

    match = _META_CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii").lower() if match else None
    if declared in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936"):
        declared = "gb18030"  # pages labelled gb2312 routinely use GBK/GB18030 characters
    soup = BeautifulSoup(_decode(path, data, declared), "html.parser")
    for tag in soup.find_all(_HTML_DROP):
        tag.decompose()
    for s in soup.find_all(string=True):  # source whitespace is layout, as in a browser (except <pre>)
        if type(s) is NavigableString and s.find_parent(["pre", "textarea"]) is None:
            s.replace_with(re.sub(r"[ \t\n\r\f]+", " ", s))
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for tag in soup.find_all(_HTML_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = [line.strip() for line in soup.get_text().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


# --- unknown extensions -----------------------------------------------------------------------------

def _read_sniffed(path, data: bytes) -> str:
    """Unknown extension: recognise the format by content, else refuse by extension."""
    reader = _sniff(data) or _sniff_office(data)
    if reader is not None:
        return reader(path, data)
    try:
        return _decode(path, data)
    except InputError:
        ext = os.path.splitext(os.fspath(path))[1].lower()
        raise InputError(path, f"unsupported file type {ext}" if ext
                         else "unsupported file type (no extension)") from None


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
        return _read_html
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


def _brief(obj, limit: int = 100) -> str:
    """A one-line, bounded description of an exception or a name from inside a file."""
    if isinstance(obj, BaseException):
        text = str(obj).strip().strip("'\"") or type(obj).__name__
    else:
        text = str(obj)
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_READERS = {
    ".txt": _read_txt, ".text": _read_txt,
    ".docx": _read_docx, ".docm": _read_docx, ".dotx": _read_docx,
    ".xlsx": _read_xlsx, ".xlsm": _read_xlsx,
    ".csv": _read_csv, ".tsv": _read_csv,
    ".pdf": _read_pdf,
    ".html": _read_html, ".htm": _read_html, ".shtml": _read_html, ".xhtml": _read_html,
    # through LibreOffice
    ".doc": _read_writer, ".dot": _read_writer, ".wps": _read_writer, ".wpt": _read_writer,
    ".odt": _read_writer, ".ott": _read_writer, ".rtf": _read_writer,
    ".xls": _read_calc, ".xlt": _read_calc, ".et": _read_calc, ".ods": _read_calc,
}
