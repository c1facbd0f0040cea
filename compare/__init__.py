"""compare: policy documents measure by measure — new, continued, expanded, narrowed, dropped.

    >>> import compare
    >>> doc = compare.load("inputs/chuanyu-2024.txt")
    >>> result = compare.compare(["inputs/chuanyu-2024.txt", "inputs/chuanyu-2025-2027.txt"])

A pipeline readable from the tree: ingest → parse → align → classify → timeline → report (+
review), and corpus for many plans; `compare.api` runs it, `compare.cli` is a thin shell over it.

The functions below import the pipeline when first called: importing it costs ~0.3 s (numpy,
scipy.sparse), which `compare --help`, `compare inspect` and a program that only reads the version
should not pay.
"""
from compare import corpus  # callable: compare.corpus(paths, meta=None, scheduler=None, out=None, …)
from compare.version import __version__


def load(path):
    """Read, clean and parse one document (`FILE#N` selects 附件N of a compilation)."""
    from compare.api import load as _load
    return _load(path)


def load_all(path):
    """Every document of a file (a compilation's cover notice and its attachments)."""
    from compare.api import load_all as _load_all
    return _load_all(path)


def compare(paths, threshold=1.0, review=None):
    """Compare every pair of documents (A→B, A→C, then B→C …); returns a `compare.model.Result`."""
    from compare.api import compare as _compare
    return _compare(paths, threshold=threshold, review=review)


def to_frames(result):
    """The facts the reports show as pandas DataFrames (documents, measures, rows, links, related,
    timeline, counts), from the same view as the JSON, the workbook and the page. Needs pandas."""
    from compare.report.frames import frames
    return frames(result)


__all__ = ["load", "load_all", "compare", "corpus", "to_frames", "__version__"]
