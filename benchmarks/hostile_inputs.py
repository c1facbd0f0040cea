"""The hostile and odd inputs of benchmarks/hostile.py (and tests/test_hostile.py), made small
where a small file shows the same thing: zip bombs, a PDF declaring a million pages in 1 KB, a
web page nested 100,000 deep, workbooks with a bad CRC, broken XML, formulas without values or
overlong cells, a re-issued plan with every later measure renumbered. Nothing here is large in
the repository: every file is built when a case runs.
"""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
A24 = INPUTS / "chuanyu-2024.txt"
A25 = INPUTS / "chuanyu-2025-2027.txt"
SH25 = INPUTS / "shuanghe-2025.txt"
SHEET = "对照 Alignment"

# a measure inserted near the top of the 2025–2027 plan by `reissued` (all later numbers shift)
INSERTED = "（三）推进公共法律服务协作。建立跨区域公证、司法鉴定和法律援助协作机制，实现法律服务事项异地受理。（牵头单位：司法厅）"


def copy(tmp: Path, src: Path, name: str) -> str:
    (tmp / name).write_bytes(src.read_bytes())
    return name


def compare_cli(tmp: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "COMPARE_DEBUG"}
    return subprocess.run([sys.executable, "-m", "compare", *args], cwd=tmp, capture_output=True,
                          text=True, timeout=timeout, env=env)


# first_run's reports by (file names, their contents, output folder): a run is deterministic, so a
# first run made once in this process is copied for every later case that needs the same one.
_FIRST_RUNS: dict[tuple, dict[str, bytes]] = {}


def first_run(tmp: Path, a: str = "a.txt", b: str = "b.txt", out: str = "out") -> Path:
    """The pair's first run into OUT; returns its workbook."""
    if not (tmp / a).exists():
        copy(tmp, A24, a)
    if not (tmp / b).exists():
        copy(tmp, A25, b)
    key = (a, b, out, hashlib.sha256((tmp / a).read_bytes()).hexdigest(),
           hashlib.sha256((tmp / b).read_bytes()).hexdigest())
    if key not in _FIRST_RUNS:
        p = compare_cli(tmp, a, b, "--out", out, "-q", "--format", "xlsx,json")
        if p.returncode != 0:
            raise RuntimeError(f"first run failed: {p.stderr}")
        _FIRST_RUNS[key] = {str(f.relative_to(tmp / out)): f.read_bytes()
                            for f in sorted((tmp / out).rglob("*")) if f.is_file()}
    else:
        for name, data in _FIRST_RUNS[key].items():
            (tmp / out / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / out / name).write_bytes(data)
    return next((tmp / out).glob("*.xlsx"))


def type_verdicts(workbook: Path, out: Path, pick: Callable[[dict], dict | None]) -> Path:
    """Type into the Alignment rows `pick(row)` returns cells for ({header: value}), as a
    reviewer would in a spreadsheet, and save as `out`."""
    from openpyxl import load_workbook
    wb = load_workbook(workbook)
    ws = wb[SHEET]
    head = [c.value for c in ws[1]]
    for r in range(2, ws.max_row + 1):
        row = {h: ws.cell(r, k + 1).value for k, h in enumerate(head)}
        for h, value in (pick(row) or {}).items():
            ws.cell(r, head.index(h) + 1).value = value
    wb.save(out)
    return out


def reissued(text: str) -> str:
    """The 2025–2027 plan re-issued with one measure inserted before chapter 三 and every later
    measure renumbered (（三）→（四）…): every id and label after it shifts."""
    from compare.text.numerals import cn_number, cn_numeral
    out = []
    for line in text.split("\n"):
        if line.startswith("三、"):
            out += [INSERTED, ""]
        m = re.match(r"^([（(])([一二三四五六七八九十百]+)([）)])", line)
        if m and cn_number(m.group(2)) >= 3:
            line = f"{m.group(1)}{cn_numeral(cn_number(m.group(2)) + 1)}{m.group(3)}{line[m.end():]}"
        out.append(line)
    return "\n".join(out)


def minimal_review(path: Path, review: str = "确认", note: str | None = None, formula: str | None = None) -> Path:
    """A small workbook with the Alignment sheet's columns and one verdict row (openpyxl: no
    value stored for a formula)."""
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(["comparison #", "a id", "b id", "审阅 Review", "改链至 Relink to", "备注 Notes"])
    ws.append([0, "m001", "m001", formula or review, None, note])
    wb.save(path)
    return path


def rezip(src: Path, dst: Path, replace: dict[str, bytes] | None = None, add: Callable | None = None) -> Path:
    """A copy of the workbook zip with some members replaced and others added (`add(zf)`)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, (replace or {}).get(item.filename, zin.read(item.filename)))
        if add:
            add(zout)
    return dst


def stream_member(zf: zipfile.ZipFile, name: str, head: bytes, fill: bytes, size: int, tail: bytes) -> None:
    """A member of `size` bytes of `fill` between head and tail, written 1 MB at a time."""
    with zf.open(name, "w", force_zip64=True) as fh:
        fh.write(head)
        chunk = fill * ((1 << 20) // len(fill))
        left = size
        while left > 0:
            fh.write(chunk[:left])
            left -= len(chunk)
        fh.write(tail)


def shared_strings_bomb(src: Path, dst: Path, size: int) -> Path:
    """The workbook with one shared string `size` bytes long (a cell that inflates to it)."""
    with zipfile.ZipFile(src) as zin:
        names = zin.namelist()
    keep = {n: None for n in names if n != "xl/sharedStrings.xml"}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for n in keep:
            zout.writestr(zin.getinfo(n), zin.read(n))
        stream_member(zout, "xl/sharedStrings.xml",
                      b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                      b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>', b"a", size, b"</t></si></sst>")
    return dst


def many_members(src: Path, dst: Path, members: int, mb_each: int) -> Path:
    def add(zf):
        for k in range(members):
            stream_member(zf, f"xl/media/pad{k}.bin", b"", b"\0", mb_each << 20, b"")
    return rezip(src, dst, add=add)


def bad_crc(src: Path, dst: Path, member: str = "xl/worksheets/sheet1.xml") -> Path:
    """The workbook with the recorded CRC of one member changed (its data no longer matches)."""
    raw = bytearray(src.read_bytes())
    name = member.encode()
    for sig, crc_at, name_len_at, name_at in ((b"PK\x03\x04", 14, 26, 30), (b"PK\x01\x02", 16, 28, 46)):
        i = raw.find(sig)
        while i != -1:
            n = int.from_bytes(raw[i + name_len_at:i + name_len_at + 2], "little")
            if raw[i + name_at:i + name_at + n] == name:
                raw[i + crc_at] ^= 0xFF
            i = raw.find(sig, i + 4)
    dst.write_bytes(bytes(raw))
    return dst


def tiny_pdf(pages_log10: int) -> bytes:
    """A ~1 KB PDF declaring 10**pages_log10 pages: a page tree of ten-way nodes, every kid the
    same node, down to one blank page."""
    levels, objs = pages_log10, {1: "<< /Type /Catalog /Pages 2 0 R >>"}
    ids = [2 + i for i in range(levels)]
    page = 2 + levels
    for i, nid in enumerate(ids):
        child = ids[i + 1] if i + 1 < levels else page
        parent = f"/Parent {ids[i - 1]} 0 R " if i else ""
        objs[nid] = f"<< /Type /Pages {parent}/Kids [{' '.join([f'{child} 0 R'] * 10)}] /Count {10 ** (levels - i)} >>"
    objs[page] = f"<< /Type /Page /Parent {ids[-1]} 0 R /MediaBox [0 0 595 842] >>"
    out, offsets = b"%PDF-1.4\n", {}
    for k in sorted(objs):
        offsets[k] = len(out)
        out += f"{k} 0 obj\n{objs[k]}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offsets[k]:010d} 00000 n \n".encode() for k in sorted(objs))
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def deep_html(depth: int) -> bytes:
    body = "<div>" * depth + "<p>（一）推进高铁公交化。</p>" + "</div>" * depth
    return f"<!doctype html><html><head><meta charset='utf-8'></head><body>{body}</body></html>".encode()


def with_bytes(tmp: Path, name: str, data: bytes, other: Path = A24, first: bool = True,
               fmt: str = "json") -> list[str]:
    (tmp / name).write_bytes(data)
    b = copy(tmp, other, "other.txt")
    files = [name, b] if first else [b, name]
    return [*files, "--out", "out", "-q", "--format", fmt]


def dead_pid() -> int:
    """The id of a process that has ended (a child just waited for)."""
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid
