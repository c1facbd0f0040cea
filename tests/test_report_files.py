"""Writing the reports (compare.report.write_reports): all or none, ordinary permissions, and no
process-wide state touched (umask, sys.unraisablehook)."""
from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys

import pytest
from conftest import INPUTS, ROOT
from report_fixtures import build_result

import compare.report as report
from compare.errors import OutputError


def test_all_formats_written_and_nothing_else(tmp_path):
    paths = report.write_reports(build_result(3), tmp_path / "out", "r", ("json", "xlsx", "html"))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["r.html", "r.json", "r.xlsx"]
    assert all(p.stat().st_size > 0 for p in paths)


def test_reports_get_the_mode_of_a_plainly_created_file(tmp_path):
    """0666 less the umask of the run (here 027), as any file the user creates; the library never
    reads or sets the umask to get there."""
    a, b = str(INPUTS / "chuanyu-2024.txt"), str(INPUTS / "chuanyu-2025-2027.txt")
    p = subprocess.run([sys.executable, "-m", "compare", a, b, "--out", str(tmp_path), "-q", "--format", "json,html"],
                       cwd=ROOT, capture_output=True, text=True, timeout=300, preexec_fn=lambda: os.umask(0o027))
    assert p.returncode == 0, p.stderr
    modes = {f.suffix: stat.S_IMODE(f.stat().st_mode) for f in tmp_path.iterdir()}
    assert modes == {".json": 0o640, ".html": 0o640}


def test_no_umask_call(tmp_path, monkeypatch):
    def refuse(*_):
        raise AssertionError("write_reports must not touch the process umask")
    monkeypatch.setattr(os, "umask", refuse)
    report.write_reports(build_result(2), tmp_path, "r", ("json", "html"))
    assert {p.name for p in tmp_path.iterdir()} == {"r.json", "r.html"}


def test_a_failing_writer_leaves_nothing_and_no_hook_changed(tmp_path, monkeypatch):
    """The second report fails for want of disk: the first is not kept either, no temporary file
    stays, the error names the report, and sys.unraisablehook is the one there was before."""
    import compare.report.html as html

    def full_disk(view, path):
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("<!doctype html>")
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(html, "write_html", full_disk)
    hook = sys.unraisablehook
    with pytest.raises(OutputError, match=r"r\.html: 无法写入报告 cannot write report \(No space left on device\)"):
        report.write_reports(build_result(2), tmp_path, "r", ("json", "html"))
    assert list(tmp_path.iterdir()) == []
    assert sys.unraisablehook is hook


def test_a_writer_bug_is_not_called_a_disk_problem(tmp_path, monkeypatch):
    import compare.report.json_report as json_report

    def bug(view, path):
        raise KeyError("status")
    monkeypatch.setattr(json_report, "write_json", bug)
    with pytest.raises(KeyError):
        report.write_reports(build_result(2), tmp_path, "r", ("json",))
    assert list(tmp_path.iterdir()) == []


def test_unknown_format_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="unknown report format 'pdf'"):
        report.write_reports(build_result(2), tmp_path, "r", ("pdf",))
