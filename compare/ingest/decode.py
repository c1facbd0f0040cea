"""Bytes → text for .txt/.csv/.html in any Chinese encoding: BOM, UTF-16 without BOM, strict
UTF-8, a declared charset unless the bytes plainly say otherwise, then detection
(charset-normalizer); mojibake (Chinese once decoded as Latin-1 and saved again) repaired with
ftfy or refused.

Decode, don't refuse: a text that is overwhelmingly one encoding with a few bad bytes (a cut
download, one mistyped byte, a stray NUL) is read with U+FFFD for them (the NUL removed) and a
note counting them and naming their byte offsets;
a file whose lines are partly UTF-8 and partly GB18030 (two files pasted together) is decoded
line by line, with a note. Only bytes no encoding explains are refused as binary.
"""
from __future__ import annotations

import codecs
import contextvars
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


# "A few" bad bytes: at most this share of the text's bytes, and far fewer than the characters
# the same encoding decodes well (a GBK file read as UTF-8 fails on every Chinese character).
# One in a hundred: a one-page notice of 1 KB with three stray bytes (a cut download, a byte
# mistyped in a hex editor) is 0.3 %, while binary data fails to decode every few bytes, and a
# text in another encoding fails GOOD_PER_BAD first. Stray NUL bytes count against it too.
BAD_SHARE = 0.01
GOOD_PER_BAD = 50
SHOWN_OFFSETS = 5


def decode(path, data: bytes, declared: str | None = None) -> str:
    """Decode by evidence, not by guessing: BOM, UTF-16 by its NUL bytes, strict UTF-8 (or UTF-8
    with a few bad bytes, or UTF-8 and GB18030 line by line), a declared charset unless the
    bytes say otherwise, then detection; mis-decoded text is repaired or refused."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _printable_or_fail(path, _mostly(path, data[len(bom):], codec, strict=True, offset=len(bom)))
    if b"\0" in data[:8192]:
        text = _utf16_without_bom(path, data)
        if text is not None:
            return _printable_or_fail(path, text)
        data = _without_stray_nuls(path, data)
    try:
        return _printable_or_fail(path, _unmangled(path, data.decode("utf-8")))
    except UnicodeDecodeError:
        pass
    text = _mostly(path, data, "utf-8") or _mixed_lines(path, data) or _as_declared(path, data, declared)
    return _printable_or_fail(path, text if text is not None else _detected(path, data, declared))


def _without_stray_nuls(path, data: bytes) -> bytes:
    """The bytes without NULs when they are a few strays in a text (at most BAD_SHARE of the
    bytes; what is left must still decode as text), with a note counting them; binary data (NUL
    is its commonest byte) is refused."""
    nuls = [m.start() for m in re.finditer(b"\0", data)]
    if len(nuls) > BAD_SHARE * len(data):
        raise InputError(path, "二进制数据，不是文本文件 binary data, not a text document")
    shown = ", ".join(f"{b:,}" for b in nuls[:SHOWN_OFFSETS]) + (" …" if len(nuls) > SHOWN_OFFSETS else "")
    s = "s" if len(nuls) != 1 else ""
    note(f"{os.fspath(path)}: 删去 {len(nuls)} 个多余的 NUL 字节 removed {len(nuls)} stray NUL byte{s} "
         f"(at byte offset{s} {shown})")
    return data.replace(b"\0", b"")


def _as_declared(path, data: bytes, declared: str | None) -> str | None:
    """The text in the charset a page declares, unless the bytes are plainly GB18030/Big5 Chinese
    under a Latin label (which never fails to decode, so proves nothing); None when it does not
    decode."""
    if not declared:
        return None
    chinese = _chinese_bytes(data) if _LATIN.match(declared.lower()) else None
    if chinese is not None:
        note(f"{os.fspath(path)}: 按 {chinese[0].upper()} 解码，而非声明的 {declared} "
             f"decoded as {chinese[0].upper()}, not the declared {declared}")
        return chinese[1]
    try:
        return _unmangled(path, data.decode(declared))
    except (UnicodeDecodeError, LookupError):
        return None


def _detected(path, data: bytes, declared: str | None) -> str:
    """The text in the charset charset-normalizer detects (GB18030 for the look-alikes it names
    for short Chinese texts); when it finds none, GB18030 or Big5 Chinese with a few bad bytes;
    else refused as binary."""
    from charset_normalizer import from_bytes  # lazy: only for text that is not UTF-8/GB18030 (~0.1 s)

    best = from_bytes(data).best()
    if best is None:
        text = _mostly(path, data, "gb18030", chinese=True) or _mostly(path, data, "big5", chinese=True)
        if text is None:
            raise InputError(path, "二进制数据，不是文本文件 binary data, not a text document")
        return text
    text = str(best)
    if best.encoding in _GB_LOOKALIKES:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            pass
    elif _LATIN.match(best.encoding.replace("_", "-")) or declared:
        chinese = _chinese_bytes(data)
        if chinese is not None:
            note(f"{os.fspath(path)}: 按 {chinese[0].upper()} 解码 decoded as {chinese[0].upper()}, "
                 f"not {declared or best.encoding}")
            return chinese[1]
    return _unmangled(path, text)


_BAD_AT: contextvars.ContextVar[list[int]] = contextvars.ContextVar("bad_offsets")


def _record_bad(exc: UnicodeDecodeError) -> tuple[str, int]:
    """Decoding error handler: U+FFFD for the bad bytes, their offset remembered."""
    _BAD_AT.get().append(exc.start)
    return "\ufffd", exc.end


codecs.register_error("compare.record", _record_bad)


def _lenient(data: bytes, codec: str) -> tuple[str, list[int]]:
    """The bytes decoded with U+FFFD for each undecodable sequence, and those sequences' offsets."""
    bad: list[int] = []
    token = _BAD_AT.set(bad)
    try:
        return data.decode(codec, "compare.record"), bad
    finally:
        _BAD_AT.reset(token)


def _mostly(path, data: bytes, codec: str, strict: bool = False, chinese: bool = False,
            offset: int = 0) -> str | None:
    """The bytes in `codec` when all but a few decode (the few become U+FFFD, with a note naming
    their offsets); None when they do not (or, with `chinese`, when the text is not Chinese).
    With `strict` (the codec is certain: a byte-order mark said so) too many bad bytes refuse
    the file instead."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        pass
    text, bad = _lenient(data, codec)
    # characters only this codec decodes well: every one for UTF-16/32, else the non-ASCII ones
    wide = codec.startswith("utf-16") or codec.startswith("utf-32")
    good = len(text) - len(bad) - (0 if wide else len(text.encode("ascii", "ignore")))
    if len(bad) > BAD_SHARE * len(data) or good < GOOD_PER_BAD * len(bad) or (chinese and not _is_chinese(text)):
        if strict:
            raise InputError(path, f"字节序标记之后不是有效的 {codec.upper()} 文本 invalid {codec.upper()} text after byte-order mark "
                                   f"({len(bad):,} undecodable sequences)")
        return None
    shown = ", ".join(f"{offset + b:,}" for b in bad[:SHOWN_OFFSETS]) + (" …" if len(bad) > SHOWN_OFFSETS else "")
    note(f"{os.fspath(path)}: 按 {codec.upper()} 解码，{len(bad)} 处无法解码的字节以 U+FFFD 代替 "
         f"decoded as {codec.upper()}; {len(bad)} undecodable byte sequence"
         f"{'s' if len(bad) != 1 else ''} replaced by U+FFFD (at byte offset{'s' if len(bad) != 1 else ''} {shown})")
    return text


def _utf16_without_bom(path, data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark, told by its NUL bytes (the high byte of
    every ASCII character: line ends, digits) and checked by what it decodes to: the byte order
    whose text is printable and Chinese (or plain ASCII). None when neither is."""
    sample = data[:65536]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    orders = ["utf-16-le", "utf-16-be"] if odd >= even else ["utf-16-be", "utf-16-le"]
    for codec in orders:
        try:
            text = sample[: len(sample) // 2 * 2].decode(codec)
        except UnicodeDecodeError:
            continue
        if _plain(text) and (_is_chinese(text) or text.isascii()):
            full = _mostly(path, data[: len(data) // 2 * 2], codec)
            if full is not None:
                note(f"{os.fspath(path)}: 无字节序标记，按 {codec.upper()} 读取 "
                     f"no byte-order mark; read as {codec.upper()} (by its NUL bytes)")
                return full
    return None


def _plain(text: str) -> bool:
    """Almost nothing but printable characters and whitespace (text, not binary that decoded)."""
    sample = text[:65536]
    return sum(1 for ch in sample if not (ch.isprintable() or ch.isspace())) <= 0.01 * max(len(sample), 1)


def _mixed_lines(path, data: bytes) -> str | None:
    """Lines of UTF-8 and lines of GB18030 in one file (two texts pasted together): each line in
    the encoding it decodes in, with a note; None unless both kinds are there, the GB18030 lines
    are Chinese and almost nothing is left undecodable."""
    out, kinds, bad = [], {"UTF-8": 0, "GB18030": 0}, 0
    for line in data.split(b"\n"):
        try:
            out.append(line.decode("utf-8"))
            kinds["UTF-8"] += not line.isascii()
            continue
        except UnicodeDecodeError:
            pass
        try:
            out.append(line.decode("gb18030"))
            kinds["GB18030"] += 1
        except UnicodeDecodeError:
            text, offsets = _lenient(line, "utf-8")
            out.append(text)
            bad += len(offsets)
    if not all(kinds.values()) or bad > BAD_SHARE * len(data):
        return None
    text = "\n".join(out)
    gb = "\n".join(t for t, raw in zip(out, data.split(b"\n"), strict=True) if not _is_utf8(raw))
    if not _is_chinese(gb):
        return None
    note(f"{os.fspath(path)}: 编码混杂，逐行解码 mixed encodings, decoded line by line ({kinds['UTF-8']} lines UTF-8, "
         f"{kinds['GB18030']} lines GB18030" + (f", {bad} undecodable byte sequences replaced by U+FFFD" if bad else "")
         + ")")
    return text


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


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
    import ftfy  # lazy: only for text that looks mangled
    import ftfy.bad_codecs  # noqa: F401 -- registers the sloppy-windows-1252 codec

    fixed = ftfy.fix_encoding(text)
    if not _is_chinese(fixed):
        try:
            fixed = text.encode("sloppy-windows-1252").decode("gb18030")
            kind = "GBK read as Latin-1"
        except (UnicodeEncodeError, UnicodeDecodeError):
            fixed = ""
    if fixed and _is_chinese(fixed):
        note(f"{os.fspath(path)}: 已修复解码错误的中文 repaired mis-decoded Chinese ({kind})")
        return fixed
    raise InputError(path, f"中文似乎解码错误且无法修复，请从原件另存为 UTF-8 looks like mis-decoded Chinese ({kind}) and cannot be repaired; "
                           f"save it again from the original as UTF-8")


def _printable_or_fail(path, text: str) -> str:
    """Refuse 'text' that is mostly control characters: binary data that happened to decode."""
    sample = text[:65536]
    bad = sum(1 for ch in sample if not (ch.isprintable() or ch.isspace()))
    if bad > 0.05 * len(sample):
        raise InputError(path, "二进制数据，不是文本文件 binary data, not a text document")
    return text
