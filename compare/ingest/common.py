"""What every reader shares: the notes a reader leaves (assumptions made), telling a bad input
from a bug (`input_problem`), bounded one-line descriptions (`brief`) and the zip-bomb check of
office files (`check_zip`), and the first look at a typed item number (`TYPED_NUMBER`)."""
from __future__ import annotations

import contextvars
import csv
import io
import math
import os
import re
import struct
import sys
import xml.etree.ElementTree
import zipfile
import zlib

from compare.errors import InputError
from compare.limits import MAX_RATIO, MAX_UNCOMPRESSED, MB, RATIO_MIN_SIZE

# A line that types its own item number (1. 、（一） 一、): a list item of a web page's <ol>, a
# sub-item inside a table's cell. A first look only (reading comes before parsing, so parse.labels
# is not asked); the labels themselves are read by parse.labels, as for any other text.
TYPED_NUMBER = re.compile(r"\s*(?:\d{1,4}\s*[.、．)）]|[（(]\s*[一二三四五六七八九十百\d]+\s*[）)]|[一二三四五六七八九十百]+\s*、)")

NOTES: contextvars.ContextVar[list | None] = contextvars.ContextVar("ingest_notes", default=None)


# The package folder (compare/), not this one: an error raised anywhere in our code is a bug.
_OURS = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


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
    found: list[type[BaseException]] = [zipfile.BadZipFile, zlib.error, EOFError, UnicodeError, struct.error,
                                        csv.Error, xml.etree.ElementTree.ParseError, RecursionError]
    for module, name in (("lxml.etree", "LxmlError"), ("pypdfium2", "PdfiumError"),
                         ("docx.opc.exceptions", "OpcError"), ("openpyxl.utils.exceptions", "InvalidFileException")):
        cls = getattr(sys.modules.get(module), name, None)
        if isinstance(cls, type) and issubclass(cls, BaseException):
            found.append(cls)
    return tuple(found)


def note(line: str) -> None:
    notes = NOTES.get()
    if notes is not None:
        notes.append(line)


def brief(obj, limit: int = 100) -> str:
    """A one-line, bounded description of an exception or a name from inside a file."""
    if isinstance(obj, BaseException):
        text = str(obj).strip().strip("'\"") or type(obj).__name__
    else:
        text = str(obj)
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# The streams an Office file saved with a password is made of: an OLE container around the
# encrypted .docx/.xlsx, which no reader here (nor LibreOffice headless) can open.
_ENCRYPTED = tuple(name.encode("utf-16-le") for name in ("EncryptionInfo", "EncryptedPackage"))


def refuse_encrypted(path, data: bytes) -> None:
    """A password-protected Office file is one line saying so (not "damaged" or "an old .xls")."""
    if data.startswith(b"\xd0\xcf\x11\xe0") and all(name in data for name in _ENCRYPTED):
        raise InputError(path, "有密码保护，请取消密码后另存 is password-protected (encrypted); save it without the password")


def check_zip(path, data: bytes, kind: str = ".docx", limit: int = MAX_UNCOMPRESSED) -> None:
    """A zip archive whose members are not absurdly large or compressed (zip bombs refused before
    unpacking anything): at most `limit` bytes unpacked, no large member compressed more than
    MAX_RATIO:1. The declared sizes are what zipfile unpacks at most (a member that inflates
    past its declared size fails its CRC), so checking them bounds the unpacking."""
    buf = io.BytesIO(data)
    if not zipfile.is_zipfile(buf):
        hint = ""
        refuse_encrypted(path, data)
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            hint = f"; looks like an old {'.xls' if kind == '.xlsx' else '.doc'}, " \
                   f"rename it so, or save as {kind}"
        raise InputError(path, f"不是有效的 {kind} 文件 not a valid {kind} (not a zip archive{hint})")
    try:
        with zipfile.ZipFile(buf) as zf:
            members = zf.infolist()
    except Exception as exc:  # noqa: BLE001
        raise InputError(path, f"不是有效的 {kind} 文件（压缩包损坏） not a valid {kind} (broken zip archive: {brief(exc)})") from None
    total = sum(m.file_size for m in members)
    if total > limit:
        raise InputError(path, f"解压后 {math.ceil(total / MB)} MB，超过上限 {limit // MB} MB "
                               f"{kind.lstrip('.')} unpacks to {math.ceil(total / MB)} MB "
                               f"(limit {limit // MB} MB; zip bomb?)")
    for m in members:
        if m.file_size > RATIO_MIN_SIZE and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise InputError(path, f"压缩比异常（疑为压缩炸弹） {kind.lstrip('.')} member {brief(m.filename, 60)} is compressed "
                                   f"{m.file_size // max(m.compress_size, 1)}:1 (zip bomb?)")
