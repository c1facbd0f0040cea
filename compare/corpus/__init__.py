"""`compare corpus`: every measure's family and lineage across a folder of plans.

    >>> import compare
    >>> result = compare.corpus(["inputs"], out="reports/corpus")
    >>> result.measures.groupby("family").size()

One module per step, each step's output the next one's input (`run.py` strings them together):
read (files → documents and features, with a store so a rerun reads only new files) →
documents (metadata, time order, jurisdictions) → retrieve (candidate pairs from a cheap index)
→ decide (`compare`'s own link rule on each candidate) → families (communities of the links)
→ lineage (predecessor and status, `compare.classify`) → tables → reports (csv, parquet, html,
xlsx). `schedule` runs the tasks on this machine's cores or on a Dask cluster; `review` reads a
reviewed workbook's verdicts and applies them.
"""
from __future__ import annotations

import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class CorpusResult:
    """The corpus's tables (pandas DataFrames), what the run computed and reused (`counts`), the
    files written (`paths`, when an output folder was given) and the pipeline's result (`corpus`)."""
    measures: Any
    families: Any
    documents: Any
    skipped: Any
    counts: dict[str, int] = field(default_factory=dict)
    paths: list[Path] = field(default_factory=list)
    corpus: Any = None
    review: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)     # what was assumed about odd input, one line each
    adoptions: Any = None      # one row per family and adopting jurisdiction (`adoptions.py`)
    years: Any = None          # counts per year
    jurisdictions: Any = None  # counts per jurisdiction

    def summary(self) -> list[str]:
        """What the command line says after a run, Chinese first: each file skipped and why, each
        warning (what was assumed), what the review did, and the counts."""
        from compare.corpus.review import summary
        c = self.counts
        return ([f"跳过 skipped: {problem}" for problem in self.skipped["problem"]]
                + [f"注意 warning: {w}" for w in self.warnings]
                + ([summary(self.review)] if self.review else [])
                + [f"{c['documents']} 份文件、{c['measures']} 项措施、{c['families']} 个家族 "
                   f"{c['documents']} documents, {c['measures']} measures, {c['families']} families"])


def corpus(paths, meta=None, scheduler: str | None = None, out=None, threshold: float = 1.0,
           review=None, progress=None, workers: int | None = None, formats=None) -> CorpusResult:
    """Families and lineage of every measure of the documents in `paths` (files and folders).

    `meta`: a CSV (file, jurisdiction, date/year, title); `scheduler`: a Dask scheduler's address
    (else this machine's cores); `out`: the folder to write measures.csv/.parquet, families.csv,
    corpus.html and corpus.xlsx to, and to keep the store in (a rerun reads and scores only what
    is new); `review`: a reviewed corpus.xlsx whose verdicts are applied; `progress(message)`:
    called as steps finish."""
    # Lazy: `import compare` imports this package (compare.corpus is callable), and the pipeline
    # (scipy, igraph, pandas) would add ~0.5 s to every `compare A B`; it loads when a corpus runs.
    from compare.corpus.reports import FORMATS
    from compare.corpus.store import STORE_NAME
    from compare.errors import InputError, OutputError
    from compare.limits import threshold_problem
    from compare.report.output import output_lock
    if problem := threshold_problem(threshold):          # the rule `compare A B` and the CLI use
        raise InputError(None, problem)
    out_dir = Path(out) if out is not None else None
    if out_dir is None:
        return _corpus(paths, None, meta, scheduler, threshold, review, progress, workers, formats or FORMATS)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(out_dir, "输出文件夹是文件 output folder is a file, not a folder；请另选 --out choose another --out")
    with output_lock(out_dir):          # one run at a time; a folder this run made goes if it fails
        store_path = out_dir / STORE_NAME
        new_store = not store_path.exists()
        try:
            return _corpus(paths, out_dir, meta, scheduler, threshold, review, progress, workers,
                           formats or FORMATS)
        except BaseException:
            if new_store:               # nothing was committed to it: leave no trace of the run
                store_path.unlink(missing_ok=True)
            raise


def _corpus(paths, out_dir, meta, scheduler, threshold, review, progress, workers, formats) -> CorpusResult:
    """Run the pipeline with its store (in `out_dir`, else in memory) and write the reports."""
    from compare.corpus.reports import write_all
    from compare.corpus.run import run
    from compare.corpus.frames import frames
    with _open_store(out_dir) as store:
        c = run(paths, store, meta=meta, scheduler=scheduler, threshold=threshold, review=review,
                progress=progress, workers=workers, exclude=out_dir)
        tables = frames(c)
        result = CorpusResult(tables["measures"], tables["families"], tables["documents"], tables["skipped"],
                              dict(c.counts), [], c, list(c.review),
                              list(c.warnings), tables["adoptions"], tables["years"],
                              tables["jurisdictions"])
        if out_dir is not None:
            result.paths = write_all(result, out_dir, formats, protected=_inputs(paths, review, meta))
        store.commit()
    return result


def _open_store(out_dir):
    from compare.corpus.store import Store
    return Store(out_dir)


def _inputs(paths, review, meta) -> list[Path]:
    return [Path(p) for p in paths] + [Path(p) for p in (review, meta) if p is not None]


class _CallableModule(types.ModuleType):
    """`compare.corpus` is this package and the function: `compare.corpus(paths, …)` calls
    `corpus` (importing a submodule sets the package as the attribute of `compare`, so the package
    itself must be callable)."""

    def __call__(self, *args, **kwargs) -> CorpusResult:
        return corpus(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

__all__ = ["CorpusResult", "corpus"]
