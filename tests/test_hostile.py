"""The hostile and odd inputs of issue 18 through the real command line, each in the small form
of benchmarks/hostile.py (which times them): the documented exit code, one error line naming the
file and the problem, no file that existed before changed (inputs, a reviewed workbook, earlier
reports; a re-run replaces only its own reports, carrying the verdicts), no file left by a failed
run, no temporary file left. Bounded time shows as the refusal coming before the expensive work
(a declared size, a page count, a nesting depth, an option), which the cases' messages name.

The command line runs in this process (tests/in_process.py: `compare.cli.main`, the same
arguments, working folder, output and exit code), except where another process is the case: an
output folder held by another run. The benchmark runs every case as a process of its own.
"""
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from in_process import run_compare, without_debug

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import hostile  # noqa: E402

CASES = [c for c in hostile.CASES if not c.timing]        # when a signal lands is the benchmark's to try
OWN_PROCESS = {"output-folder-locked"}      # the folder is locked by this process: the run must be another


def in_process(cmd, cwd, term_on=""):
    """hostile.run_measured's results for `cmd` (…, "-m", "compare", ARGS), run in this process
    (no peak memory: the benchmark measures it)."""
    assert cmd[1:3] == ["-m", "compare"] and not term_on
    start = time.perf_counter()
    p = run_compare(*cmd[3:], cwd=cwd, env=without_debug())
    return p.returncode, time.perf_counter() - start, 0, p.stdout, p.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_case(case, tmp_path):
    if case.needs == "soffice" and not shutil.which("soffice") and not os.environ.get("REQUIRE_SOFFICE"):
        pytest.skip("LibreOffice (soffice) is not installed")
    run = None if case.id in OWN_PROCESS else in_process
    outcome = hostile.run_case(case, tmp_path, big=False, timed=False, run=run)
    assert not outcome.problems, (outcome.problems, outcome.stderr)
