"""Bad input through the real CLI: a clear answer, nothing lost.

Every case runs the command line (cwd: the case's own tmp folder) and ends one of two ways:
- a correct, safe report (exit 0; the files printed on stdout are exactly the new files), or
- exit code != 0 with exactly one line on stderr, starting `compare: error:` and naming the file.
Never a traceback. In every case no `*.part` file is left, every file that existed before the
run (inputs, a reviewed workbook, earlier reports) has the same bytes and mtime afterwards, and
a failed run leaves no new file at all (no partial report).

Runs pass -q: progress lines ("… writing reports") are not errors and would break the
one-line check on slow machines.

The command line runs in this process (tests/in_process.py: `compare.cli.main`, the same
arguments, working folder, output and exit code); a case with a file size limit runs
`python -m compare` in a fresh process, the limit set in it alone.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import random
import re
import struct
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from in_process import run_compare, without_debug

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
A24 = INPUTS / "chuanyu-2024.txt"           # 39 measures
A25 = INPUTS / "chuanyu-2025-2027.txt"      # 22 measures

SCRIPT = "<script>alert(1)</script>"
HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "=cmd|' /C calc'!A0"


# --- making bad inputs --------------------------------------------------------------------------------

def _docx_bytes(text: str) -> bytes:
    import docx
    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _zip_bomb(path: Path, members: int, mb_each: int) -> None:
    """A .docx-shaped zip whose members are megabytes of zeros (~1000:1)."""
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        for k in range(members):
            with zf.open(f"word/document{k or ''}.xml", "w") as fh:
                for _ in range(mb_each):
                    fh.write(chunk)


def _forge_sizes(path: Path) -> None:
    """Rewrite the zip's declared uncompressed sizes to 1,000 bytes: the size checks see a small
    file, the data still inflates to 50 MB."""
    raw = bytearray(path.read_bytes())
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = raw.find(sig)
        while i != -1:
            if struct.unpack_from("<I", raw, i + off)[0] > 1 << 20:
                struct.pack_into("<I", raw, i + off, 1000)
            i = raw.find(sig, i + 4)
    path.write_bytes(bytes(raw))


def _blank_pdf(path: Path) -> None:
    import pypdf
    w = pypdf.PdfWriter()
    w.add_blank_page(width=595, height=842)
    with open(path, "wb") as fh:
        w.write(fh)


def _measure_one_line() -> str:
    """The line of measure （一） of chuanyu-2024, enumerator included."""
    return next(ln for ln in A24.read_text(encoding="utf-8").splitlines() if ln.startswith("（一）"))


def _injected() -> str:
    """chuanyu-2024 with markup and spreadsheet formulas inside measures （二） and （三）."""
    out = []
    for line in A24.read_text(encoding="utf-8").splitlines():
        if line.startswith("（二）"):
            head, rest = line.split("。", 1)
            line = f"{head}。{SCRIPT}{HYPERLINK}{rest}"
        elif line.startswith("（三）"):
            line = "（三）" + DDE + line[len("（三）"):]
        out.append(line)
    return "\n".join(out) + "\n"


# --- the cases ----------------------------------------------------------------------------------------

@dataclass
class Case:
    id: str
    setup: Callable                             # writes files into tmp, returns CLI args
    bad: str = ""                               # what the error line must name ("" = a report)
    message: str = ""                           # a word the error line must contain
    code: int = 2
    check: Callable | None = None               # check(tmp, report_paths, proc) for reports
    timeout: float = 120
    limit_fsize: int | None = None              # RLIMIT_FSIZE for the run (a write that fails)
    marks: list = field(default_factory=list)


def _copy(tmp: Path, src: Path, name: str) -> str:
    (tmp / name).write_bytes(src.read_bytes())
    return name


def _pair(tmp: Path, bad_name: str, data: bytes | str | None, first: bool = True) -> list[str]:
    p = tmp / bad_name
    if data is None:
        p.mkdir()
    elif isinstance(data, str):
        p.write_text(data, encoding="utf-8")
    else:
        p.write_bytes(data)
    other = _copy(tmp, A25, "b.txt")
    files = [bad_name, other] if first else [other, bad_name]
    return [*files, "--out", "out", "-q", "--format", "json"]


def _json(paths: list[Path]) -> dict:
    [p] = [p for p in paths if p.suffix == ".json"]
    return json.loads(p.read_text(encoding="utf-8"))


def check_same_twice(tmp, paths, proc):
    data = _json(paths)
    a, b = data["documents"]
    assert len(a["measures"]) == len(b["measures"]) == 39
    comp = data["comparisons"][0]
    assert [(lk["a"], lk["b"]) for lk in comp["links"]] == [(m["id"], m["id"]) for m in a["measures"]]
    assert {lk["status"] for lk in comp["links"]} == {"unchanged"}
    assert comp["unmatched_a"] == [] and comp["unmatched_b"] == []


def check_one_measure(tmp, paths, proc):
    data = _json(paths)
    a, b = data["documents"]
    assert [m["label"] for m in a["measures"]] == ["（一）"]
    comp = data["comparisons"][0]
    assert [(lk["a"], lk["b"], lk["status"]) for lk in comp["links"]] == [("m001", "m001", "unchanged")]
    assert comp["unmatched_a"] == [] and len(comp["unmatched_b"]) == 38


def check_injection(tmp, paths, proc):
    data = _json(paths)
    raw = next(p for p in paths if p.suffix == ".json").read_text(encoding="utf-8")
    assert SCRIPT in raw                                  # verbatim, not escaped
    texts = {m["label"]: m["text"] for m in data["documents"][0]["measures"]}
    assert SCRIPT + HYPERLINK in texts["（二）"]
    assert texts["（三）"].startswith(DDE)
    assert data["documents"][0]["measures"][2]["title"].startswith(DDE)
    for p in paths:
        if p.suffix == ".html":
            page = p.read_text(encoding="utf-8")
            assert "alert(1)" in page and SCRIPT not in page
        if p.suffix == ".xlsx":
            with zipfile.ZipFile(p) as zf:
                xml = "".join(zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".xml"))
            assert "cmd|" in xml and "HYPERLINK" in xml
            assert not re.search(r"<f[ >][^<]*(cmd|HYPERLINK)", xml), "document text stored as a formula"


def setup_review(tmp):
    """A first run writes the reports; the user reviews the .xlsx in place and runs again with
    --review pointing at it and the same --out: the workbook would be overwritten."""
    _copy(tmp, A24, "a.txt")
    _copy(tmp, A25, "b.txt")
    first = run_compare("a.txt", "b.txt", "--out", "out", "-q", cwd=tmp)
    assert first.returncode == 0, first.stderr
    return ["a.txt", "b.txt", "--out", "out", "--review", "out/a_vs_b.xlsx", "-q"]


def setup_collision(tmp):
    """Four documents name the report a_vs_3docs.*; one input is a_vs_3docs.html in --out."""
    import html
    for src, name in ((A24, "a.txt"), (A25, "b.txt"), (INPUTS / "shuanghe-2025.txt", "c.txt")):
        _copy(tmp, src, name)
    body = "".join(f"<p>{html.escape(ln)}</p>" for ln in A25.read_text(encoding="utf-8").splitlines())
    (tmp / "a_vs_3docs.html").write_text(f"<!doctype html><html><head><meta charset='utf-8'></head>"
                                         f"<body>{body}</body></html>", encoding="utf-8")
    return ["a.txt", "b.txt", "c.txt", "a_vs_3docs.html", "--out", ".", "-q"]


def setup_write_fails(tmp):
    """Reports that cannot be written in full (a file size limit, as on a full disk): the smaller
    report fits, the larger does not, and the smaller one must not stay behind either. A first
    run (in scratch/) measures the two sizes."""
    fmts = ["html", "json"]
    args = [_copy(tmp, A24, "a.txt"), _copy(tmp, A25, "b.txt"), "--out", "out", "-q", "--format"]
    scratch = run_compare(*args[:2], "--out", "scratch", "-q", "--format", ",".join(fmts), cwd=tmp)
    assert scratch.returncode == 0, scratch.stderr
    size = {f: (tmp / "scratch" / f"a_vs_b.{f}").stat().st_size for f in fmts}
    fmts.sort(key=size.get)
    limit = (size[fmts[0]] + size[fmts[-1]]) // 2
    return args + [",".join(fmts)], {"bad": f"out/a_vs_b.{fmts[-1]}", "limit_fsize": limit}


def setup_xlsx_fails(tmp):
    """openpyxl streams each sheet through a temporary file: on a full disk that fails inside lxml,
    not with an OSError, and must still be one line."""
    return [_copy(tmp, A24, "a.txt"), _copy(tmp, A25, "b.txt"), "--out", "out", "-q", "--format", "xlsx"]


_rng = random.Random(7)
BINARY = bytes(_rng.randrange(256) for _ in range(4096)) + b"\0\0\0"

CASES = [
    Case("empty", lambda t: _pair(t, "empty.txt", b""), "empty.txt", "empty"),
    Case("whitespace-only", lambda t: _pair(t, "blank.txt", " \n\t\n\u3000\u3000\n\n", first=False),
         "blank.txt", "no text"),
    Case("binary-as-txt", lambda t: _pair(t, "data.txt", BINARY), "data.txt", "binary"),
    Case("binary-unknown-ext", lambda t: _pair(t, "data.bin", BINARY), "data.bin", "unsupported"),
    Case("directory", lambda t: _pair(t, "folder.txt", None), "folder.txt", "directory"),
    Case("truncated-docx", lambda t: _pair(t, "cut.docx", (lambda d: d[: len(d) // 2])(
        _docx_bytes(A24.read_text(encoding="utf-8")))), "cut.docx", ".docx"),
    Case("zip-bomb-ratio", lambda t: _zip_bomb(t / "bomb.docx", 1, 50) or _pair(
        t, "bomb.docx", (t / "bomb.docx").read_bytes()), "bomb.docx", "zip bomb"),
    Case("zip-bomb-total", lambda t: _zip_bomb(t / "bombs.docx", 26, 9) or _pair(
        t, "bombs.docx", (t / "bombs.docx").read_bytes()), "bombs.docx", "zip bomb"),
    Case("zip-bomb-forged-sizes", lambda t: (_zip_bomb(t / "forged.docx", 1, 50), _forge_sizes(
        t / "forged.docx")) and _pair(t, "forged.docx", (t / "forged.docx").read_bytes()),
         "forged.docx", ".docx"),
    Case("pdf-without-text", lambda t: _blank_pdf(t / "scan.pdf") or _pair(
        t, "scan.pdf", (t / "scan.pdf").read_bytes()), "scan.pdf", "OCR"),
    Case("zero-measures", lambda t: _pair(t, "notice.txt", "关于做好有关工作的通知\n各区县人民政府：\n"
                                          "为做好有关工作，现就有关事项通知如下。\n请认真贯彻执行。\n"),
         "notice.txt", "no numbered measures"),
    # measures led by a sentence once bold, saved as plain text: no mark of a measure is left, and
    # the refusal says what a measure is read by
    Case("unnumbered-measures", lambda t: _pair(t, "plain.txt", "某市若干措施\n\n降低企业融资成本。对新增贷款给予贴息。"
                                                "（责任单位：市财政局）\n\n减轻企业税费负担。落实税收优惠政策。（责任单位：市税务局）\n"),
         "plain.txt", "measures are read by their numbers (一、 （一） 1. 第一条 …), from the rows of a task table"),
    Case("missing-path", lambda t: ["nowhere/missing.txt", _copy(t, A25, "b.txt"), "--out", "out", "-q"],
         "nowhere/missing.txt", "not found"),
    Case("out-is-a-file", lambda t: (t / "afile").write_text("x") and [
        _copy(t, A24, "a.txt"), _copy(t, A25, "b.txt"), "--out", "afile", "-q", "--format", "json"],
         "afile", "folder", code=3),
    Case("out-under-a-file", lambda t: (t / "afile").write_text("x") and [
        _copy(t, A24, "a.txt"), _copy(t, A25, "b.txt"), "--out", "afile/sub", "-q", "--format", "json"],
         "afile/sub", "folder", code=3),
    Case("review-workbook-not-overwritten", setup_review, "out/a_vs_b.xlsx", "run without --review", code=3),
    Case("report-name-collides-with-input", setup_collision, "a_vs_3docs.html", "refusing", code=3),
    Case("write-fails-midway", setup_write_fails, "(set by setup)", "cannot write", code=3),
    Case("xlsx-write-fails", setup_xlsx_fails, "out/a_vs_b.xlsx", "cannot write", code=3,
         limit_fsize=20_000),
    Case("one-measure", lambda t: (t / "one.txt").write_text(
        "一项措施\n" + _measure_one_line() + "\n", encoding="utf-8") and [
        "one.txt", _copy(t, A24, "a.txt"), "--out", "out", "-q", "--format", "json"],
         check=check_one_measure),
    Case("same-file-twice", lambda t: [_copy(t, A24, "a.txt"), "a.txt", "--out", "out", "-q",
                                       "--format", "json"], check=check_same_twice),
    Case("markup-and-formulas-json", lambda t: (t / "inj.txt").write_text(_injected(), encoding="utf-8")
         and ["inj.txt", _copy(t, A25, "b.txt"), "--out", "out", "-q", "--format", "json"],
         check=check_injection),
    Case("markup-and-formulas-all-formats", lambda t: (t / "inj.txt").write_text(_injected(), encoding="utf-8")
         and ["inj.txt", _copy(t, A25, "b.txt"), "--out", "out", "-q", "--format", "json,xlsx,html"],
         check=check_injection),
]


# --- the harness --------------------------------------------------------------------------------------

def _snapshot(root: Path) -> dict[str, tuple[str, int]]:
    out = {}
    for p in root.rglob("*"):
        if p.is_file():
            out[str(p.relative_to(root))] = (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
    return out


def _limit(fsize: int | None):
    if fsize is None:
        return None

    def apply():
        import resource
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))   # Python ignores SIGXFSZ: EFBIG
    return apply


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path: Path):
    args = case.setup(tmp_path)
    if isinstance(args, tuple):                  # setup measured something: (args, overrides)
        args, overrides = args
        case = dataclasses.replace(case, **overrides)
    before = _snapshot(tmp_path)
    if case.limit_fsize is None:
        proc = run_compare(*args, cwd=tmp_path, env=without_debug())
    else:
        proc = subprocess.run([sys.executable, "-m", "compare", *args], cwd=tmp_path, capture_output=True,
                              text=True, timeout=case.timeout, env=without_debug(),
                              preexec_fn=_limit(case.limit_fsize))
    after = _snapshot(tmp_path)

    assert "Traceback" not in proc.stderr, proc.stderr
    assert not [p for p in tmp_path.rglob("*.part")], "temporary report files left behind"
    assert not [p for p in tmp_path.rglob(".*.part*")]
    changed = [f for f, sig in before.items() if after.get(f) != sig]
    assert not changed, f"files modified or removed: {changed}"
    new = set(after) - set(before)
    if case.bad:
        assert proc.returncode == case.code, (proc.returncode, proc.stderr)
        lines = proc.stderr.splitlines()
        assert len(lines) == 1, proc.stderr
        assert lines[0].startswith("compare: error: "), lines[0]
        assert case.bad in lines[0], f"error does not name {case.bad}: {lines[0]}"
        assert case.message.lower() in lines[0].lower(), lines[0]
        assert not new, f"a failed run left files: {sorted(new)}"
        assert proc.stdout == ""
    else:
        assert proc.returncode == 0, proc.stderr
        paths = [tmp_path / line for line in proc.stdout.splitlines() if line.strip()]
        assert paths and {str(p.relative_to(tmp_path)) for p in paths} == new
        assert all(p.stat().st_size > 0 for p in paths)
        case.check(tmp_path, paths, proc)


def test_error_line_for_inspect_names_the_file(tmp_path: Path):
    """`compare inspect` answers bad input the same way."""
    (tmp_path / "data.txt").write_bytes(BINARY)
    proc = run_compare("inspect", "data.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [proc.stderr.strip()]
    assert proc.stderr.startswith("compare: error: data.txt:")
