"""Shared fixtures: the bundled inputs (real documents) and helpers to derive variants."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"


@pytest.fixture(scope="session")
def inputs() -> Path:
    return INPUTS


def text_of(name: str) -> str:
    return (INPUTS / name).read_text(encoding="utf-8")
