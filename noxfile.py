"""Sessions: tests, lint, eval (reference alignments), bench (speed targets)."""
from pathlib import Path

import nox

nox.options.sessions = ["tests", "lint"]
SHARED = Path(__file__).resolve().parent.parent / "shared"


@nox.session
def tests(session):
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", "-q", *session.posargs)


@nox.session
def lint(session):
    session.install("ruff")
    session.run("ruff", "check", "compare", "tests", "benchmarks", "scripts", "noxfile.py")


@nox.session
def eval(session):
    """Score the installed tool against every reference alignment in ../shared/gold."""
    session.install("-e", ".")
    golds = sorted((SHARED / "gold").glob("*.json"))
    if not golds:
        session.skip("no reference alignments in ../shared/gold")
    for gold in golds:
        session.log(gold.name)
        session.run("python", str(SHARED / "tools" / "score_alignment.py"), str(gold),
                    "--project", ".")


@nox.session
def bench(session):
    """End-to-end and alignment-scaling benchmark (results in reports/bench/), then the cost of
    writing all three reports for a 16,536-measure plan (benchmarks/large_reports.py)."""
    session.install("-e", ".")
    session.run("python", "benchmarks/bench.py", *session.posargs)
    session.run("python", "benchmarks/large_reports.py", *[a for a in session.posargs if a == "--quick"])
