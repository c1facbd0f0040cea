"""The hostile and odd inputs of issue 18 through the real command line, each in the small form
of benchmarks/hostile.py (which times them): the documented exit code, one error line naming the
file and the problem, no file that existed before changed (inputs, a reviewed workbook, earlier
reports; a re-run replaces only its own reports, carrying the verdicts), no file left by a failed
run, no temporary file left. Bounded time shows as the refusal coming before the expensive work
(a declared size, a page count, a nesting depth, an option), which the cases' messages name.
"""
import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import hostile  # noqa: E402

CASES = [c for c in hostile.CASES if not c.timing]        # when a signal lands is the benchmark's to try


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_case(case, tmp_path):
    if case.needs == "soffice" and not shutil.which("soffice") and not os.environ.get("REQUIRE_SOFFICE"):
        pytest.skip("LibreOffice (soffice) is not installed")
    outcome = hostile.run_case(case, tmp_path, big=False, timed=False)
    assert not outcome.problems, (outcome.problems, outcome.stderr)
