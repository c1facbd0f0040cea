"""Reports: one view of a result (`build.build_view`), rendered as JSON, a review workbook and an
HTML page, each written atomically (a temporary file, then a rename).

    build.py       the View: every fact a report shows, worked out once
    documents.py   how a document is named (file, 文号, short title, 2024年版)
    rows.py        a comparison's rows in reading order, anchors, evidence chips and lines, cards
    view.py        a comparison's view (rows, counts, fates, sentence) and the timeline's
    review_view.py the applied review on its rows
    json_report.py, xlsx.py, html.py   one writer per format; each only renders the view
    frames.py      the view as pandas DataFrames (`compare.to_frames(result)`)
    output.py      names and paths checked before computing, the folder's lock, stale .part files

A failure while writing leaves no partial report behind, and an existing file that is an input
or a reviewed workbook is never overwritten. Importing this package loads no writer: a JSON-only
run does not pay for the workbook library or jinja2.
"""
from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Callable, Iterable

from compare.errors import OutputError
from compare.model import Result
from compare.report.build import View, as_view, build_view
from compare.report.output import output_lock, plan_output, report_stem

FORMATS = ("xlsx", "html", "json")
_WRITERS = {"json": ("json_report", "write_json"), "xlsx": ("xlsx", "write_xlsx"),
            "html": ("html", "write_html")}


def _writer(fmt: str) -> Callable[[View, Path], None]:
    """Lazy imports: a JSON-only run must not pay for the workbook library or jinja2."""
    if fmt not in _WRITERS:
        raise OutputError(None, f"未知报告格式 unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")
    module, name = _WRITERS[fmt]
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def write_reports(result: Result | View, out_dir: Path, stem: str, formats: Iterable[str],
                  protected: Iterable[Path] = ()) -> list[Path]:
    """Write one report per format as OUT_DIR/STEM.EXT and return their paths.

    `result` is a Result or its View (built once by the caller, who may show its counts too).
    `protected` are files (inputs, a reviewed workbook) that must never be replaced. The paths
    are checked first (`output.plan_output`) and the folder is locked (`output.output_lock`).
    Every report is first written to a temporary file; only when all are written are they
    renamed into place, so a failure leaves neither .part files nor some of the reports.
    """
    formats = list(formats)
    writers = [(fmt, _writer(fmt)) for fmt in formats]
    plan = plan_output(Path(out_dir), stem, formats, protected)
    view = as_view(result)
    with output_lock(plan.folder):
        return _write_all(view, writers, [plan.paths[fmt] for fmt in formats])


def _write_all(view: View, writers, paths: list[Path]) -> list[Path]:
    temps: list[Path] = []
    try:
        for (_, write), path in zip(writers, paths, strict=True):
            try:
                temps.append(_temporary(path))
                write(view, temps[-1])
            except Exception as exc:  # noqa: BLE001 -- only I/O failures are the user's to fix
                problem = _io_problem(exc)
                if problem is None:
                    raise
                raise OutputError(path, f"无法写入报告 cannot write report ({problem})") from None
        for tmp, path in zip(list(temps), paths, strict=True):
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise OutputError(path, f"无法写入报告 cannot write report ({exc.strerror or exc})") from None
            temps.remove(tmp)
    finally:
        for tmp in temps:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return paths


def _temporary(path: Path) -> Path:
    """A new, empty hidden file next to `path` (.NAME.PID-N.part), created with the mode any
    plainly created file gets (0666 less the process's umask, applied by the system), so the
    renamed report has ordinary permissions without reading or changing the umask."""
    n = 0
    while True:
        tmp = path.with_name(f".{path.name}.{os.getpid()}-{n}.part")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            n += 1
            continue
        os.close(fd)
        return tmp


def _io_problem(exc: BaseException) -> str | None:
    """What went wrong when a writer failed for want of disk (full, quota, file size limit): an
    OSError, or the workbook library's FileCreateError wrapping one."""
    inner = exc.args[0] if exc.args else None
    for e in (exc, inner):
        if isinstance(e, OSError):
            return e.strerror or str(e)
    return None


__all__ = ["FORMATS", "build_view", "output_lock", "plan_output", "report_stem", "write_reports"]
