"""Where reports go (compare/report/output.py): names that fit the file system, checks before any
computation, the output folder's lock, temporary files of killed runs, and cleanup on SIGTERM."""
import fcntl
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from report_fixtures import build_result

import compare.report as report
from compare import cli
from compare.errors import OutputError, Terminated
from compare.report.output import LOCK_NAME, output_lock, plan_output, report_stem, short_name, sweep_parts


def test_long_names_are_shortened_with_a_stable_hash():
    names = ["关于印发推进川渝公共服务一体化深化便捷生活行动事项的通知" * 2, "关于印发进一步强化共建共享行动方案的通知" * 2]
    stem = report_stem(names)
    assert len(stem.encode()) <= 200 and stem == report_stem(names)          # the same documents, the same name
    assert stem != report_stem([names[0], names[1] + "甲"])                  # others, another
    assert report_stem(["a", "b"]) == "a_vs_b" and short_name("短") == "短"
    assert stem.startswith(names[0][:20]) and len(stem.split("-")[-1]) == 10


def test_paths_are_checked_before_anything_is_written(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(OutputError, match="refusing to overwrite an input"):
        plan_output(tmp_path, "a", ["txt"], protected=[tmp_path / "a.txt"])
    (tmp_path / "afile").write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        plan_output(tmp_path / "afile" / "deeper", "r", ["json"])
    with pytest.raises(OutputError, match="file name too long"):
        plan_output(tmp_path, "长" * 90, ["json"])
    (tmp_path / "r.json").mkdir()
    with pytest.raises(OutputError, match="a folder of that name"):
        plan_output(tmp_path, "r", ["json"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "afile", "r.json"]


def test_a_folder_in_use_by_another_run_is_refused(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT)
    os.write(fd, b"4242")
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(OutputError, match=r"another compare run \(pid 4242\)"):
            with output_lock(folder):
                pass
    finally:
        os.close(fd)
    with output_lock(folder), output_lock(folder):      # free again; re-entrant within a process
        assert (folder / LOCK_NAME).exists()
    assert not (folder / LOCK_NAME).exists()


def test_a_lock_left_by_a_killed_run_is_taken_over(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / LOCK_NAME).write_text("999999")           # kill -9: the file stays, the lock does not
    with output_lock(folder):
        assert (folder / LOCK_NAME).read_text() == str(os.getpid())


def test_a_failed_run_removes_the_folder_it_made(tmp_path):
    folder = tmp_path / "new" / "out"
    with pytest.raises(RuntimeError):
        with output_lock(folder):
            raise RuntimeError("the comparison failed")
    assert not (tmp_path / "new").exists()


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_stale_temporary_files_are_swept(tmp_path):
    dead, alive = _dead_pid(), os.getppid()
    stale = tmp_path / f".r.json.{dead}-0.part"
    live = tmp_path / f".r.json.{alive}-0.part"
    other = tmp_path / "notes.part"
    for p in (stale, live, other):
        p.write_text("x")
    assert sweep_parts(tmp_path) == [stale]
    assert not stale.exists() and live.exists() and other.exists()


def test_sigterm_while_writing_leaves_no_temporary_file(tmp_path, monkeypatch):
    """The command's SIGTERM handler raises, so the writer's cleanup runs: no .part file, no
    report, no lock, no folder the run made."""
    def writer(view, path):
        Path(path).write_text("half a report")
        os.kill(os.getpid(), signal.SIGTERM)            # delivered here, in the main thread
        raise AssertionError("not reached")

    monkeypatch.setattr(report, "_writer", lambda fmt: writer)
    previous = signal.signal(signal.SIGTERM, cli._on_sigterm)
    try:
        with pytest.raises(Terminated):
            report.write_reports(build_result(2), tmp_path / "out", "r", ["json"])
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert not (tmp_path / "out").exists()


def test_the_command_says_terminated_and_exits_143(tmp_path):
    """A SIGTERM during a run: one line, exit 143 (README, `compare --help`)."""
    code = ("import os, signal, sys; from compare import cli, api\n"
            "def stop(*a, **k): os.kill(os.getpid(), signal.SIGTERM)\n"
            "api.load_documents = stop\n"
            "cli.main(['a.txt', 'b.txt', '--out', 'out'])\n")
    p = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert (p.returncode, p.stderr) == (143, "compare: error: 已终止 terminated\n")
    assert not list(tmp_path.iterdir())
