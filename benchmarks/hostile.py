"""Hostile and odd inputs, each run through the real command line: `python benchmarks/hostile.py
[--big] [--only ID …]` (from a source checkout: it reads the bundled documents in inputs/).

Every case builds its files in a fresh temporary folder, runs `python -m compare …` there in a
process of its own and checks what the README promises: the documented exit code; on failure
exactly one line on stderr naming the file (or option) and the problem, and no new file; in every
case no file that existed before (inputs, a reviewed workbook, earlier reports) changed, except
the workbook a re-run deliberately replaces after carrying its verdicts; no temporary file left.
The table gives each case's wall time and the peak memory of its process (the target: every
case ends in <= 20 s).

The builders are the tests' too (tests/test_hostile.py runs the small form of every case): one
copy of each hostile input. `--big` builds the sizes the issue measured where they differ (200
documents instead of 13, a 1 GB workbook cell instead of 26 members of 9 MB); small or big, a
case is refused *before* the expensive work, which is what keeps it bounded.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hostile_inputs import (  # noqa: E402
    A24,
    A25,
    SH25,
    SHEET,
    bad_crc,
    copy,
    dead_pid,
    deep_html,
    first_run,
    many_members,
    minimal_review,
    reissued,
    rezip,
    shared_strings_bomb,
    tiny_pdf,
    type_verdicts,
    with_bytes,
)

TIME_LIMIT = 20.0


@dataclass
class Case:
    id: str
    setup: Callable                 # setup(tmp, big) -> CLI args (run with cwd=tmp)
    code: int                       # the documented exit code
    says: str = ""                  # a word the error line (or, for exit 0, stderr) must contain
    names: str = ""                 # what the error line must name (a file, an option)
    check: Callable | None = None   # check(tmp, proc) for a case that succeeds
    replaced: tuple[str, ...] = ()  # files the run may replace (a re-run's workbook and reports)
    needs: str = ""                 # "soffice": skipped without LibreOffice
    note: str = ""
    term_on: str = ""               # send SIGTERM once a file matching this glob appears
    timing: bool = False            # depends on timing (when the signal lands): the benchmark's only


@dataclass
class Outcome:
    case: Case
    code: int
    seconds: float
    peak_bytes: int
    stderr: str
    stdout: str
    problems: list[str] = field(default_factory=list)




# ---------------------------------------------------------------- the cases

def setup_rerun(tmp: Path, big: bool) -> list[str]:
    """The README's main command run again after a verdict was typed into its workbook."""
    wb = first_run(tmp)
    rows = {}

    def pick(row):
        if row["a id"] and row["b id"] and not rows:
            rows["link"] = (row["a id"], row["b id"])
            return {"审阅 Review": "拒绝", "备注 Notes": "不是同一措施"}
        return None
    type_verdicts(wb, wb, pick)
    (tmp / "typed.json").write_text(json.dumps(rows["link"]), encoding="utf-8")
    return ["a.txt", "b.txt", "--out", "out", "-q", "--threshold", "1.3"]


def check_rerun(tmp: Path, proc) -> None:
    from openpyxl import load_workbook
    a, b = json.loads((tmp / "typed.json").read_text(encoding="utf-8"))
    ws = load_workbook(tmp / "out" / "a_vs_b.xlsx", read_only=True)[SHEET]
    rows = ws.iter_rows(values_only=True)
    head = next(rows)
    cells = [dict(zip(head, r, strict=True)) for r in rows]
    kept = [c for c in cells if (c["a id"], c["b id"], c["审阅 Review"]) == (a, b, "拒绝 reject")]
    assert len(kept) == 1 and kept[0]["备注 Notes"] == "不是同一措施", "the verdict was lost"
    assert "carried 1 verdict" in proc.stderr, proc.stderr


def setup_in_place(tmp: Path, big: bool) -> list[str]:
    first_run(tmp)
    return ["a.txt", "b.txt", "--out", "out", "--review", "out/a_vs_b.xlsx", "-q"]


def setup_other_documents(tmp: Path, big: bool) -> list[str]:
    """A workbook reviewed for 2024 → 2025–2027, given with 2024 → 双核."""
    wb = first_run(tmp, out="first")
    type_verdicts(wb, tmp / "reviewed.xlsx",
                  lambda row: {"审阅 Review": "确认"} if row["b id"] and not row["a id"] else None)
    copy(tmp, SH25, "sh.txt")
    return ["a.txt", "sh.txt", "--out", "out", "-q", "--review", "reviewed.xlsx"]


def setup_shifted(tmp: Path, big: bool) -> list[str]:
    """Verdicts typed for 2024 → 2025–2027, applied to 2024 → the re-issued plan (one measure
    inserted near the top): each must land on the measure it was typed on."""
    wb = first_run(tmp, out="first")
    typed = {}

    def pick(row):
        if row["b id"] and not row["a id"] and "new" not in typed:
            typed["new"] = row["B 标题 B title"]
            return {"审阅 Review": "确认", "备注 Notes": "确认新增"}
        if row["a id"] and row["b id"] and row["b id"] > "m005" and "reject" not in typed:
            typed["reject"] = [row["A 标题 A title"], row["B 标题 B title"]]
            return {"审阅 Review": "拒绝"}
        return None
    type_verdicts(wb, tmp / "reviewed.xlsx", pick)
    (tmp / "typed.json").write_text(json.dumps(typed, ensure_ascii=False), encoding="utf-8")
    (tmp / "b2.txt").write_text(reissued(A25.read_text(encoding="utf-8")), encoding="utf-8")
    return ["a.txt", "b2.txt", "--out", "out", "-q", "--format", "json", "--review", "reviewed.xlsx"]


def check_shifted(tmp: Path, proc) -> None:
    typed = json.loads((tmp / "typed.json").read_text(encoding="utf-8"))
    data = json.loads(next((tmp / "out").glob("*.json")).read_text(encoding="utf-8"))
    title = [{m["id"]: m["title"] for m in d["measures"]} for d in data["documents"]]
    verdicts = {v["verdict"]: v for v in data["review"]["verdicts"]}
    assert all(v["applied"] for v in verdicts.values()), verdicts
    assert title[1][verdicts["confirm"]["b"]] == typed["new"]
    rejected = verdicts["reject"]
    assert [title[0][rejected["a"]], title[1][rejected["b"]]] == typed["reject"]
    assert "skipped 0" in proc.stderr


def setup_bad_crc(tmp: Path, big: bool) -> list[str]:
    bad_crc(first_run(tmp, out="first"), tmp / "crc.xlsx")
    return ["a.txt", "b.txt", "--out", "out", "-q", "--review", "crc.xlsx"]


def setup_bad_xml(tmp: Path, big: bool) -> list[str]:
    wb = first_run(tmp, out="first")
    rezip(wb, tmp / "xml.xlsx", {"xl/worksheets/sheet2.xml": b"<worksheet><sheetData><row r='1'><c"})
    return ["a.txt", "b.txt", "--out", "out", "-q", "--review", "xml.xlsx"]


def setup_formula(tmp: Path, big: bool) -> list[str]:
    copy(tmp, A24, "a.txt")
    copy(tmp, A25, "b.txt")
    minimal_review(tmp / "formula.xlsx", formula='=IF(1,"拒绝","")')
    return ["a.txt", "b.txt", "--out", "out", "-q", "--review", "formula.xlsx"]


def setup_ods(tmp: Path, big: bool) -> list[str]:
    wb = first_run(tmp, out="first")
    type_verdicts(wb, tmp / "reviewed.xlsx",
                  lambda row: {"审阅 Review": "确认"} if row["b id"] and not row["a id"] else None)
    subprocess.run(["soffice", "--headless", "--convert-to", "ods", "--outdir", str(tmp), str(tmp / "reviewed.xlsx")],
                   capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp)})
    (tmp / "reviewed.xlsx").unlink()
    return ["a.txt", "b.txt", "--out", "out", "-q", "--format", "json", "--review", "reviewed.ods"]


def check_ods(tmp: Path, proc) -> None:
    data = json.loads(next((tmp / "out").glob("*.json")).read_text(encoding="utf-8"))
    assert data["review"]["applied"] >= 1 and data["review"]["skipped"] == 0, data["review"]


def setup_unknown(tmp: Path, big: bool) -> list[str]:
    copy(tmp, A24, "a.txt")
    copy(tmp, A25, "b.txt")
    minimal_review(tmp / "long.xlsx", review="同意" * 15_000)
    return ["a.txt", "b.txt", "--out", "out", "-q", "--review", "long.xlsx"]


def setup_long_cell(tmp: Path, big: bool) -> list[str]:
    """A Notes cell of 50,000 characters (more than Excel lets a cell hold; openpyxl would cut it,
    so it is put into the shared strings directly)."""
    copy(tmp, A24, "a.txt")
    copy(tmp, A25, "b.txt")
    minimal_review(tmp / "plain.xlsx", note="PLACEHOLDER")
    with zipfile.ZipFile(tmp / "plain.xlsx") as zf:
        held = {n: zf.read(n) for n in zf.namelist() if b"PLACEHOLDER" in zf.read(n)}
    rezip(tmp / "plain.xlsx", tmp / "note.xlsx",
          {n: xml.replace(b"PLACEHOLDER", ("很长的备注" * 10_000).encode()) for n, xml in held.items()})
    (tmp / "plain.xlsx").unlink()
    return ["a.txt", "b.txt", "--out", "out", "-q", "--review", "note.xlsx"]


def setup_inflating(tmp: Path, big: bool) -> list[str]:
    """A small workbook whose one cell inflates to 60 MB (compressed about 1000:1)."""
    minimal_review(tmp / "plain.xlsx")
    shared_strings_bomb(tmp / "plain.xlsx", tmp / "inflate.xlsx", 60 << 20)
    (tmp / "plain.xlsx").unlink()
    copy(tmp, A24, "a.txt")
    copy(tmp, A25, "b.txt")
    return ["a.txt", "b.txt", "--out", "out", "-q", "--review", "inflate.xlsx"]


def setup_huge(tmp: Path, big: bool) -> list[str]:
    """A workbook unpacking to more than the cap: a 1 GB cell (--big), else 26 members of 9 MB."""
    minimal_review(tmp / "plain.xlsx")
    if big:
        shared_strings_bomb(tmp / "plain.xlsx", tmp / "huge.xlsx", 1 << 30)
    else:
        many_members(tmp / "plain.xlsx", tmp / "huge.xlsx", 26, 9)
    (tmp / "plain.xlsx").unlink()
    copy(tmp, A24, "a.txt")
    copy(tmp, A25, "b.txt")
    return ["a.txt", "b.txt", "--out", "out", "-q", "--review", "huge.xlsx"]


def setup_many(tmp: Path, big: bool) -> list[str]:
    n = 200 if big else 13
    one = "关于印发一项措施的通知\n（一）推进高铁公交化。\n"
    for k in range(n):
        (tmp / f"d{k:03d}.txt").write_text(one, encoding="utf-8")
    return [f"d{k:03d}.txt" for k in range(n)] + ["--out", "out", "-q"]


def setup_long_names(tmp: Path, big: bool) -> list[str]:
    """Two notice-length Chinese file names (133 and 136 bytes)."""
    a = "关于印发推进川渝公共服务一体化深化便捷生活行动事项二〇二四年版的通知全文（公开版）定稿.txt"
    b = "关于印发进一步强化川渝公共服务共建共享行动方案（二〇二五至二〇二七年）的通知全文公开版稿.txt"
    copy(tmp, A24, a)
    copy(tmp, A25, b)
    return [a, b, "-q", "--format", "json,xlsx"]


def check_long_names(tmp: Path, proc) -> None:
    paths = [Path(line) for line in proc.stdout.splitlines()]
    assert len(paths) == 2 and all(len(p.name.encode()) <= 255 and len(p.parent.name.encode()) <= 255 for p in paths)
    assert re.search(r"-[0-9a-f]{10}\.json$", str(paths[0])), paths


def setup_utf8_bad(tmp: Path, big: bool) -> list[str]:
    data = A24.read_bytes()
    at = data.index("（二十）".encode())
    return with_bytes(tmp, "bad.txt", data[:at] + b"\xff" + data[at:], other=A25)


def setup_gbk_bad(tmp: Path, big: bool) -> list[str]:
    data = A24.read_text(encoding="utf-8").encode("gb18030")
    at = data.index("（二十）".encode("gb18030"))
    return with_bytes(tmp, "gbk.txt", data[:at] + b"\xff" + data[at:], other=A25)


def setup_mixed(tmp: Path, big: bool) -> list[str]:
    lines = A24.read_text(encoding="utf-8").split("\n")
    half = len(lines) // 2
    data = "\n".join(lines[:half]).encode("utf-8") + b"\n" + "\n".join(lines[half:]).encode("gb18030")
    return with_bytes(tmp, "mixed.txt", data, other=A25)


def setup_utf16(tmp: Path, big: bool) -> list[str]:
    return with_bytes(tmp, "u16.txt", A24.read_text(encoding="utf-8").encode("utf-16-le"), other=A25)


def check_decoded(tmp: Path, proc) -> None:
    data = json.loads(next((tmp / "out").glob("*.json")).read_text(encoding="utf-8"))
    assert len(data["documents"][0]["measures"]) == 39, "measures lost in decoding"


def setup_controls(tmp: Path, big: bool) -> list[str]:
    text = A24.read_text(encoding="utf-8")
    at = text.index("（三十二）")
    assert len(text[:at].encode()) > 8192          # beyond the part a binary sniff looks at
    return with_bytes(tmp, "ctl.txt", (text[:at] + "\0\x1b[31m" + text[at:]).encode(), other=A25,
                      fmt="json,html,xlsx")


def check_controls(tmp: Path, proc) -> None:
    for p in (tmp / "out").iterdir():
        raw = p.read_bytes()
        if p.suffix == ".xlsx":
            with zipfile.ZipFile(p) as zf:
                raw = b"".join(zf.read(n) for n in zf.namelist())
        assert b"\x1b" not in raw and b"\x00" not in raw and b"\\u001b" not in raw and b"\\u0000" not in raw, p.name


def setup_odd_name(tmp: Path, big: bool) -> list[str]:
    name = "plan\n\x1b[2Jx.txt"
    (tmp / name).write_bytes(b"")
    return [name, copy(tmp, A25, "b.txt"), "--out", "out", "-q"]


def setup_stale_part(tmp: Path, big: bool) -> list[str]:
    first_run(tmp)
    (tmp / "out" / f".a_vs_b.json.{dead_pid()}-0.part").write_bytes(b"{half")
    return ["a.txt", "b.txt", "--out", "out", "-q"]


def setup_terminated(tmp: Path, big: bool) -> list[str]:
    """Three plans, every report: SIGTERM lands while the reports are being written."""
    copy(tmp, A24, "a.txt")
    copy(tmp, A25, "b.txt")
    copy(tmp, SH25, "c.txt")
    return ["a.txt", "b.txt", "c.txt", "--out", "out", "-q"]


def check_stale_part(tmp: Path, proc) -> None:
    assert not list((tmp / "out").glob(".*.part")), "a stale .part file was not removed"


_LOCKS: list = []


def setup_locked(tmp: Path, big: bool) -> list[str]:
    """Another run holds the output folder (here: this process holds its lock)."""
    import fcntl
    copy(tmp, A24, "a.txt")
    copy(tmp, A25, "b.txt")
    (tmp / "out").mkdir()
    fd = os.open(tmp / "out" / ".compare.lock", os.O_RDWR | os.O_CREAT)
    os.write(fd, str(os.getpid()).encode())
    fcntl.flock(fd, fcntl.LOCK_EX)
    _LOCKS.append(fd)
    return ["a.txt", "b.txt", "--out", "out", "-q"]


def release_locks() -> None:
    while _LOCKS:
        os.close(_LOCKS.pop())


CASES = [
    Case("rerun-keeps-verdicts", setup_rerun, 0, check=check_rerun,
         replaced=("out/a_vs_b.xlsx", "out/a_vs_b.json", "out/a_vs_b.html"),
         note="a plain re-run (here with --threshold 1.3) carries the typed verdict into the new workbook"),
    Case("review-in-place", setup_in_place, 3, "run without --review", "out/a_vs_b.xlsx"),
    Case("review-for-other-documents", setup_other_documents, 2, "was made for", "reviewed.xlsx"),
    Case("review-across-reissued-plan", setup_shifted, 0, check=check_shifted,
         note="verdicts follow their measures when one measure is inserted near the top"),
    Case("review-bad-crc", setup_bad_crc, 2, "not a readable", "crc.xlsx"),
    Case("review-malformed-xml", setup_bad_xml, 2, "not a readable", "xml.xlsx"),
    Case("review-formula-not-stored", setup_formula, 2, "formula", "formula.xlsx"),
    Case("review-saved-as-ods", setup_ods, 0, check=check_ods, needs="soffice"),
    Case("review-unknown-long-value", setup_unknown, 2, "unknown review value", "long.xlsx"),
    Case("review-cell-too-long", setup_long_cell, 2, "limit 32,767", "note.xlsx"),
    Case("review-cell-inflating", setup_inflating, 2, "zip bomb", "inflate.xlsx"),
    Case("review-unpacks-too-large", setup_huge, 2, "zip bomb", "huge.xlsx"),
    Case("html-nested-100000-deep", lambda t, big: with_bytes(t, "deep.html", deep_html(100_000)), 2,
         "nested deeper", "deep.html"),
    Case("pdf-declaring-1000000-pages", lambda t, big: with_bytes(t, "pages.pdf", tiny_pdf(6)), 2,
         "1,000,000 pages", "pages.pdf"),
    Case("too-many-documents", setup_many, 2, "compare corpus", "documents"),
    Case("threshold-nan", lambda t, big: [copy(t, A24, "a.txt"), copy(t, A25, "b.txt"), "--threshold", "nan"],
         2, "finite number", "--threshold"),
    Case("long-file-names", setup_long_names, 0, check=check_long_names),
    Case("utf8-one-bad-byte", setup_utf8_bad, 0, "byte offset", check=check_decoded),
    Case("gbk-one-bad-byte", setup_gbk_bad, 0, "byte offset", check=check_decoded),
    Case("half-utf8-half-gbk", setup_mixed, 0, "mixed encodings", check=check_decoded),
    Case("utf16-without-bom", setup_utf16, 0, "UTF-16", check=check_decoded),
    Case("nul-and-esc-after-8k", setup_controls, 0, "control characters", check=check_controls),
    Case("newline-and-esc-in-file-name", setup_odd_name, 2, "empty", "plan\\n\\x1b[2Jx.txt"),
    Case("stale-part-files-swept", setup_stale_part, 0, check=check_stale_part,
         replaced=("out/a_vs_b.xlsx", "out/a_vs_b.json", "out/a_vs_b.html", ".part")),
    Case("output-folder-locked", setup_locked, 3, "another compare run", "out"),
    Case("sigterm-while-writing", setup_terminated, 143, "terminated", "", term_on="out/.*.part", timing=True,
         note="SIGTERM as soon as the first temporary report file appears: removed, nothing half-written"),
]


# ---------------------------------------------------------------- running and checking

def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    out = {}
    for p in root.rglob("*"):
        if p.is_file():
            out[str(p.relative_to(root))] = (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
    return out


def run_case(case: Case, tmp: Path, big: bool = False, timed: bool = True, run: Callable | None = None) -> Outcome:
    """Build the case in `tmp`, run it, and list every broken promise in `Outcome.problems`
    (with `timed`, a run over TIME_LIMIT is one; the tests leave time to this benchmark). `run`
    runs the command instead of `run_measured` (same arguments and results; the tests' runs the
    command line in their own process)."""
    try:
        args = case.setup(tmp, big)
        before = snapshot(tmp)
        code, seconds, peak, stdout, stderr = (run or run_measured)([sys.executable, "-m", "compare", *args], tmp,
                                                                    term_on=case.term_on)
    finally:
        release_locks()
    outcome = Outcome(case, code, seconds, peak, stderr, stdout)
    outcome.problems = _problems(case, tmp, before, snapshot(tmp), outcome, timed)
    return outcome


def run_measured(cmd: list[str], cwd: Path, timeout: float = 120,
                 term_on: str = "") -> tuple[int, float, int, str, str]:
    """Run `cmd`; (exit code, wall seconds, the process's own peak memory in bytes, stdout,
    stderr). The child is reaped with wait4, whose rusage is that child's alone. With `term_on`
    (a glob under `cwd`), SIGTERM is sent as soon as a matching file appears."""
    env = {k: v for k, v in os.environ.items() if k != "COMPARE_DEBUG"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
            if term_on and any(cwd.glob(term_on)):
                proc.send_signal(signal.SIGTERM)
                term_on = ""
            time.sleep(0.001 if term_on else 0.005)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        scale = 1 if sys.platform == "darwin" else 1024
        return (proc.returncode, seconds, usage.ru_maxrss * scale, out.read().decode("utf-8", "replace"),
                err.read().decode("utf-8", "replace"))


def _problems(case: Case, tmp: Path, before: dict, after: dict, o: Outcome, timed: bool) -> list[str]:
    problems = []
    if o.code != case.code:
        problems.append(f"exit {o.code}, expected {case.code}: {o.stderr.strip()[-300:]}")
    if "Traceback" in o.stderr:
        problems.append("a traceback")
    if timed and o.seconds > TIME_LIMIT:
        problems.append(f"took {o.seconds:.1f} s (limit {TIME_LIMIT:.0f} s)")
    if list(tmp.rglob("*.part")):
        problems.append("temporary .part files left")
    allowed = [r for r in case.replaced]
    changed = [f for f, sig in before.items() if after.get(f) != sig and not any(f.startswith(r) or r in f
                                                                                 for r in allowed)]
    if changed:
        problems.append(f"files changed or removed: {changed}")
    if case.code != 0:
        lines = o.stderr.splitlines()
        if len(lines) != 1 or not lines[0].startswith("compare: error: "):
            problems.append(f"not one error line: {o.stderr[:300]!r}")
        elif case.names not in lines[0] or case.says.lower() not in lines[0].lower():
            problems.append(f"the line does not name {case.names!r} / say {case.says!r}: {lines[0][:300]}")
        elif len(lines[0]) > 600:
            problems.append(f"the error line is {len(lines[0])} characters long")
        new = set(after) - set(before)
        if new:
            problems.append(f"a failed run left files: {sorted(new)}")
    else:
        if case.says and case.says.lower() not in o.stderr.lower():
            problems.append(f"stderr does not say {case.says!r}: {o.stderr[:300]}")
        if case.check is not None:
            try:
                case.check(tmp, o)
            except AssertionError as exc:
                problems.append(f"check failed: {exc}")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big", action="store_true", help="the sizes the issue measured (slower to build)")
    parser.add_argument("--only", nargs="*", default=None, help="case ids")
    args = parser.parse_args(argv)
    rows, failed = [], 0
    for case in CASES:
        if args.only and case.id not in args.only:
            continue
        if case.needs and not shutil.which(case.needs):
            rows.append(f"| {case.id} | skipped (no {case.needs}) | | | |")
            continue
        with tempfile.TemporaryDirectory(prefix="compare-hostile-") as tmp:
            o = run_case(case, Path(tmp), args.big)
        failed += bool(o.problems)
        said = (o.stderr.strip().splitlines() or [""])[-1][:90] if o.code else "ok"
        rows.append(f"| {case.id} | {o.code} | {o.seconds:.2f} | {o.peak_bytes / 2 ** 20:.0f} | "
                    f"{'; '.join(o.problems) or said} |")
    print("| case | exit | seconds | peak MB | result |\n|---|---:|---:|---:|---|")
    print("\n".join(rows))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["CASES", "Case", "run_case", "copy", "first_run", "type_verdicts", "reissued"]
