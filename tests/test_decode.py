"""Decode, don't refuse: a text that is overwhelmingly one encoding is read (its few bad bytes as
U+FFFD, their offsets named), UTF-16 is found without a byte-order mark, lines of UTF-8 and GBK in
one file are each read in their own; control characters are taken out of every text that enters
and listed; names are printed safely. And the bounds of the readers: a web page's nesting, a
PDF's page count, the options."""
import random
import sys
from pathlib import Path

import pytest
from conftest import INPUTS, ROOT
from in_process import run_compare

from compare import load
from compare.errors import InputError
from compare.ingest.reader import read_text
from compare.limits import MAX_HTML_DEPTH, pairwise_problem, threshold_problem
from compare.text.controls import printable, remove_controls

sys.path.insert(0, str(ROOT / "benchmarks"))
from hostile_inputs import deep_html, tiny_pdf  # noqa: E402

TEXT = (INPUTS / "chuanyu-2024.txt").read_text(encoding="utf-8")


def read(tmp_path, name: str, data: bytes) -> tuple[str, list[str]]:
    path = tmp_path / name
    path.write_bytes(data)
    notes: list[str] = []
    return read_text(path, notes), notes


def test_utf8_with_one_bad_byte_is_read_and_the_offset_named(tmp_path):
    data = TEXT.encode("utf-8")
    at = data.index("（二十）".encode())
    text, notes = read(tmp_path, "a.txt", data[:at] + b"\xff" + data[at:])
    assert text == TEXT.replace("（二十）", "\ufffd（二十）").rstrip("\n")
    assert notes == [f"{tmp_path / 'a.txt'}: 按 UTF-8 解码，1 处无法解码的字节以 U+FFFD 代替 "
                     f"decoded as UTF-8; 1 undecodable byte sequence replaced by U+FFFD (at byte offset {at:,})"]


def test_a_short_text_with_a_few_stray_bytes_or_nuls_is_read_and_they_counted(tmp_path):
    """A one-page notice (about 1 KB) with three stray bytes is 0.3 % bad bytes: still a text with
    a few strays (BAD_SHARE), read with U+FFFD for them; a stray NUL is removed; each is counted."""
    short = "\n".join(TEXT.split("\n")[10:16]).encode("utf-8")[:900].decode("utf-8", "ignore").encode("utf-8")
    at = short.index("。".encode()) + 3
    text, notes = read(tmp_path, "bytes.txt", short[:at] + b"\xff\xfe\xff" + short[at:])
    assert text.count("\ufffd") == 3 and len(notes) == 1 and "3 undecodable byte sequences" in notes[0]
    text, notes = read(tmp_path, "nul.txt", short[:at] + b"\0" + short[at:])
    assert text == short.decode("utf-8") and "\0" not in text
    assert notes == [f"{tmp_path / 'nul.txt'}: 删去 1 个多余的 NUL 字节 removed 1 stray NUL byte (at byte offset {at:,})"]


def test_gbk_with_one_bad_byte_is_read(tmp_path):
    data = TEXT.encode("gb18030")
    at = data.index("（二十）".encode("gb18030"))
    text, notes = read(tmp_path, "a.txt", data[:at] + b"\xff" + data[at:])
    assert text.count("\ufffd") == 1 and "（二十）" in text and "推进" in text
    assert "decoded as GB18030" in notes[0] and f"{at:,}" in notes[0]


def test_lines_of_utf8_and_gbk_in_one_file_are_each_read_in_their_own(tmp_path):
    lines = TEXT.split("\n")
    half = len(lines) // 2
    data = "\n".join(lines[:half]).encode("utf-8") + b"\n" + "\n".join(lines[half:]).encode("gb18030")
    text, notes = read(tmp_path, "a.txt", data)
    assert text == TEXT.rstrip("\n") and "mixed encodings" in notes[0]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(tmp_path, codec):
    text, notes = read(tmp_path, "a.txt", TEXT.encode(codec))
    assert text == TEXT.rstrip("\n") and f"read as {codec.upper()}" in notes[0]


def test_too_many_bad_bytes_is_still_binary(tmp_path):
    rng = random.Random(3)
    noise = bytes(rng.randrange(256) for _ in range(3000))
    for name, data in (("noise.txt", noise), ("nul.txt", noise + b"\0\0\0\0")):
        with pytest.raises(InputError, match="binary data"):
            read(tmp_path, name, data)
    damaged = bytearray(TEXT.encode("utf-8"))
    for i in range(0, len(damaged), 50):          # one byte in fifty: not "a few"
        damaged[i] = 0xFF
    with pytest.raises(InputError):
        read(tmp_path, "damaged.txt", bytes(damaged))


def test_control_characters_are_removed_and_listed(tmp_path):
    at = TEXT.index("（三十二）")
    path = tmp_path / "ctl.txt"
    path.write_text(TEXT[:at - 1] + "\x00\x1b" + TEXT[at - 1:] + "\x85\x07", encoding="utf-8")
    doc = load(path)
    assert len(doc.measures) == 39 and doc.measures == load(INPUTS / "chuanyu-2024.txt").measures
    listed = [r for r in doc.removed if r["reason"] == "control characters"]
    assert len(listed) == 2 and listed[0]["where"].startswith("line ") and "U+001B ×1" in listed[0]["where"]
    assert any("control characters" in w for w in doc.warnings)
    assert doc.chars["unaccounted"] == 0


def test_form_feed_ends_a_line():
    assert remove_controls("甲\f乙\v丙") == ("甲\n乙\n丙", [])


def test_printable_escapes_what_a_terminal_would_act_on():
    assert printable("plan\n\x1b[2J\u202ex.txt") == "plan\\n\\x1b[2J\\u202ex.txt"
    assert printable("第一章\u3000总则 a.txt") == "第一章\u3000总则 a.txt"


def test_html_nested_beyond_the_bound_is_refused_and_within_it_read(tmp_path):
    with pytest.raises(InputError, match=f"nested deeper than {MAX_HTML_DEPTH}"):
        read(tmp_path, "deep.html", deep_html(100_000))
    text, _ = read(tmp_path, "ok.html", deep_html(MAX_HTML_DEPTH - 10))
    assert text == "（一）推进高铁公交化。"


def test_a_pdf_declaring_a_million_pages_is_refused_before_any_page_is_read(tmp_path, monkeypatch):
    import compare.ingest.pdf as pdf

    def no_page(page):
        raise AssertionError("a page was read")
    monkeypatch.setattr(pdf, "page_lines", no_page)
    with pytest.raises(InputError, match="1,000,000 pages"):
        read(tmp_path, "pages.pdf", tiny_pdf(6))


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "5.5", "-1", "abc", ""])
def test_threshold_must_be_finite_and_in_range(value):
    assert threshold_problem(value).startswith("--threshold 须为 0.2 到 5 之间的数 must be")


@pytest.mark.parametrize("value", ["0.2", "1", "1.3", "5"])
def test_thresholds_in_range(value):
    assert threshold_problem(value) == ""


def test_more_than_twelve_documents_point_to_compare_corpus():
    assert pairwise_problem(12) == ""
    assert "`compare corpus`" in pairwise_problem(13) and "78 pairwise comparisons" in pairwise_problem(13)


def test_the_api_refuses_the_same(tmp_path):
    import compare
    with pytest.raises(InputError, match="finite"):
        compare.compare([INPUTS / "chuanyu-2024.txt"] * 2, threshold=float("nan"))
    with pytest.raises(InputError, match="compare corpus"):
        compare.compare([Path("x.txt")] * 13)


def test_inspect_removed_lists_the_lines_that_held_control_characters(tmp_path):
    at = TEXT.index("（三十二）")
    (tmp_path / "ctl.txt").write_text(TEXT[:at - 1] + "\x1b[2J\x00" + TEXT[at - 1:], encoding="utf-8")
    p = run_compare("inspect", "ctl.txt", "--removed", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "\x1b" not in p.stdout and "\x00" not in p.stdout
    line = next(ln for ln in p.stdout.splitlines() if "[控制字符 control characters]" in ln)
    assert "U+001B ×1, U+0000 ×1" in line and line.strip().startswith("- line ")
    assert "提示 warning: 读取 reading: 删去 1 行中的控制字符 removed control characters from 1 line" in \
        " ".join(p.stdout.split())                  # the line wraps at the terminal's width
