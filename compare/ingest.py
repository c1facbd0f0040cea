"""Turn an input document (.txt, .docx, .pdf, .html) into plain text, one paragraph per line.

Every problem with an input becomes an `InputError` whose message fits on one line, because the
CLI prints it as is. python-docx, pypdf, bs4 and charset-normalizer are imported lazily: most
runs read only .txt files and start-up time matters.
"""
from __future__ import annotations

import io
import math
import os
import re
import stat
import zipfile

from compare.errors import InputError

MB = 1024 * 1024
MAX_INPUT_BYTES = 64 * MB       # refuse bigger files before reading them
MAX_UNCOMPRESSED = 200 * MB     # a .docx may not unpack to more than this (zip bombs)
MAX_RATIO = 200                 # ...nor hold a member > RATIO_MIN_SIZE compressed more than this
RATIO_MIN_SIZE = 10 * MB
MIN_PDF_CHARS = 20              # fewer non-space characters than this: the PDF is a scan

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
_W_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read_text(path: str | os.PathLike) -> str:
    """Return the text of the document at `path` with "\\n" line ends, or raise InputError."""
    data = _read_bytes(path)
    reader = _READERS.get(os.path.splitext(os.fspath(path))[1].lower(), _read_sniffed)
    try:
        text = reader(path, data)
    except InputError:
        raise
    except Exception as exc:  # a reader bug or a library choking on odd input: still one line, no traceback
        raise InputError(path, f"cannot read ({_brief(exc)})") from exc
    text = re.sub(r"\r\n?|[\u2028\u2029]", "\n", text)
    if not text.strip():
        raise InputError(path, "no text (empty or whitespace only)")
    return text


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
    """Decode by evidence, not by guessing: BOM, strict UTF-8, a declared charset, then detection."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _printable_or_fail(path, data[len(bom):].decode(codec))
            except UnicodeDecodeError:
                raise InputError(path, f"invalid {codec.upper()} text after byte-order mark") from None
    if b"\0" in data[:8192]:
        raise InputError(path, "binary data, not a text document")
    for codec in ("utf-8", declared):
        if codec:
            try:
                return _printable_or_fail(path, data.decode(codec))
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
    return _printable_or_fail(path, text)


def _printable_or_fail(path, text: str) -> str:
    """Refuse 'text' that is mostly control characters: binary data that happened to decode."""
    sample = text[:65536]
    bad = sum(1 for ch in sample if not (ch.isprintable() or ch.isspace()))
    if bad > 0.05 * len(sample):
        raise InputError(path, "binary data, not a text document")
    return text


# --- .docx ------------------------------------------------------------------------------------------

def _read_docx(path, data: bytes) -> str:
    """Body paragraphs and table cells in document order; zip bombs refused before unpacking."""
    buf = io.BytesIO(data)
    if not zipfile.is_zipfile(buf):
        hint = "; looks like an old .doc, save as .docx" if data.startswith(b"\xd0\xcf\x11\xe0") else ""
        raise InputError(path, f"not a valid .docx (not a zip archive{hint})")
    try:
        with zipfile.ZipFile(buf) as zf:
            members = zf.infolist()
    except Exception as exc:  # noqa: BLE001
        raise InputError(path, f"not a valid .docx (broken zip archive: {_brief(exc)})") from None
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        raise InputError(path, f"docx unpacks to {math.ceil(total / MB)} MB "
                               f"(limit {MAX_UNCOMPRESSED // MB} MB; zip bomb?)")
    for m in members:
        if m.file_size > RATIO_MIN_SIZE and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise InputError(path, f"docx member {_brief(m.filename, 60)} is compressed "
                                   f"{m.file_size // max(m.compress_size, 1)}:1 (zip bomb?)")
    try:
        import docx

        body = docx.Document(io.BytesIO(data)).element.body
        return "\n".join(_docx_paragraphs(body))
    except Exception as exc:  # noqa: BLE001
        raise InputError(path, f"not a valid .docx ({_brief(exc)})") from None


def _docx_paragraphs(element):
    """Yield the text of each w:p under `element` in order, descending into tables (w:tbl/w:tr/w:tc),
    nested tables and content controls (w:sdt) but not into a paragraph itself."""
    for child in element.iterchildren():
        if child.tag == _W_P:
            # python-docx's Paragraph.text skips runs inside w:ins (tracked insertions), smart tags and
            # inline content controls; collect every run except deleted and text-box ones.
            runs = child.xpath(".//w:r[not(ancestor::w:del or ancestor::w:moveFrom"
                               " or ancestor::w:txbxContent)]")
            yield "".join(r.text for r in runs)
        else:
            yield from _docx_paragraphs(child)


# --- .pdf -------------------------------------------------------------------------------------------

def _read_pdf(path, data: bytes) -> str:
    """Text layer of each page, pages separated by a blank line; no text layer means a scan."""
    import logging

    import pypdf

    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)  # pypdf warns about every odd object; the user can do nothing about it
    try:
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):  # owner-password-only PDFs open with ""
                raise InputError(path, "PDF is password-protected")
            pages = [page.extract_text() or "" for page in reader.pages]
        except InputError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise InputError(path, f"not a valid PDF ({_brief(exc)})") from None
    finally:
        log.setLevel(level)
    if not pages:
        raise InputError(path, "PDF has no pages")
    text = "\n\n".join(pages)
    if len(re.sub(r"\s", "", text)) < MIN_PDF_CHARS:
        raise InputError(path, "PDF has no text layer (scanned?); OCR is needed")
    return text


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
    head = data[:1024]
    if b"%PDF-" in head:
        return _read_pdf(path, data)
    if data.startswith(b"PK") and _zip_has(data, "word/document.xml"):
        return _read_docx(path, data)
    if re.match(rb"\s*(<!doctype\s+html|<html)", head.removeprefix(b"\xef\xbb\xbf"), re.IGNORECASE):
        return _read_html(path, data)
    try:
        return _decode(path, data)
    except InputError:
        ext = os.path.splitext(os.fspath(path))[1].lower()
        raise InputError(path, f"unsupported file type {ext}" if ext
                         else "unsupported file type (no extension)") from None


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
    ".docx": _read_docx,
    ".pdf": _read_pdf,
    ".html": _read_html, ".htm": _read_html, ".shtml": _read_html, ".xhtml": _read_html,
}
