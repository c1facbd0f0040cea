"""Shared fixtures: the bundled inputs (real documents) and helpers to derive variants."""
import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

# Tests write only into temporary folders: hypothesis keeps its example database and caches in a
# folder of this test process (removed at its end), not in .hypothesis/ of the checkout.
_HYPOTHESIS_HOME = tempfile.mkdtemp(prefix="compare-tests-hypothesis-")
set_hypothesis_home_dir(_HYPOTHESIS_HOME)
atexit.register(shutil.rmtree, _HYPOTHESIS_HOME, True)

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"


@pytest.fixture(scope="session")
def inputs() -> Path:
    return INPUTS


def text_of(name: str) -> str:
    return (INPUTS / name).read_text(encoding="utf-8")
