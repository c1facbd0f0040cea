"""Bytes → text for .txt/.csv/.html in any Chinese encoding: BOM, strict UTF-8, a declared
charset unless the bytes plainly say otherwise, then detection (charset-normalizer); mojibake
(Chinese once decoded as Latin-1 and saved again) repaired with ftfy or refused."""
from __future__ import annotations

import os
import re

from compare.errors import InputError
from compare.ingest.common import note

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


def decode(path, data: bytes, declared: str | None = None) -> str:
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
            note(f"{os.fspath(path)}: decoded as {chinese[0].upper()}, not the declared {declared}")
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
            note(f"{os.fspath(path)}: decoded as {chinese[0].upper()}, not {declared or best.encoding}")
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
        note(f"{os.fspath(path)}: repaired mis-decoded Chinese ({kind})")
        return fixed
    raise InputError(path, f"looks like mis-decoded Chinese ({kind}) and cannot be repaired; "
                           f"save it again from the original as UTF-8")


def _printable_or_fail(path, text: str) -> str:
    """Refuse 'text' that is mostly control characters: binary data that happened to decode."""
    sample = text[:65536]
    bad = sum(1 for ch in sample if not (ch.isprintable() or ch.isspace()))
    if bad > 0.05 * len(sample):
        raise InputError(path, "binary data, not a text document")
    return text
