"""Writes a Result as JSON, Excel and HTML reports, each atomically (temp file, then rename).

A failure while writing leaves no partial report behind, and an existing file that is an
input or a reviewed workbook is never overwritten.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from .errors import OutputError
from .model import Result

FORMATS = ("xlsx", "html", "json")


def write_json(result: Result, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(result.to_dict(), fh, ensure_ascii=False, indent=1, sort_keys=False)
        fh.write("\n")


def _writer(fmt: str) -> Callable[[Result, Path], None]:
    """Lazy imports: a JSON-only run must not pay for openpyxl or jinja2."""
    if fmt == "json":
        return write_json
    if fmt == "xlsx":
        from .report_xlsx import write_xlsx
        return write_xlsx
    if fmt == "html":
        from .report_html import write_html
        return write_html
    raise OutputError(None, f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Write to a temporary file in the same folder, then rename it over `path`."""
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_reports(result: Result, out_dir: Path, stem: str, formats: Iterable[str],
                  protected: Iterable[Path] = ()) -> list[Path]:
    """Write one report per format as OUT_DIR/STEM.EXT and return their paths.

    `protected` are files (inputs, a reviewed workbook) that must never be replaced.
    """
    out_dir = Path(out_dir)
    writers = [(fmt, _writer(fmt)) for fmt in formats]
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(out_dir, f"cannot create output folder ({exc.strerror or exc})") from None
    if not os.access(out_dir, os.W_OK):
        raise OutputError(out_dir, "output folder is not writable")
    keep = {Path(p).resolve() for p in protected}
    paths = []
    for fmt, _ in writers:
        path = out_dir / f"{stem}.{fmt}"
        if path.resolve() in keep:
            raise OutputError(path, "refusing to overwrite an input or the reviewed workbook; "
                                    "choose another --out folder")
        paths.append(path)
    for (fmt, write), path in zip(writers, paths):
        try:
            write_atomic(path, lambda p, w=write: w(result, p))
        except OSError as exc:
            raise OutputError(path, f"cannot write report ({exc.strerror or exc})") from None
    return paths
