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


def write_reports(result: Result, out_dir: Path, stem: str, formats: Iterable[str],
                  protected: Iterable[Path] = ()) -> list[Path]:
    """Write one report per format as OUT_DIR/STEM.EXT and return their paths.

    `protected` are files (inputs, a reviewed workbook) that must never be replaced. Every
    report is first written to a temporary file; only when all are written are they renamed
    into place, so a failure leaves neither .part files nor some of the reports.
    """
    out_dir = Path(out_dir)
    writers = [(fmt, _writer(fmt)) for fmt in formats]
    keep = {Path(p).resolve() for p in protected}
    paths = []
    for fmt, _ in writers:
        path = out_dir / f"{stem}.{fmt}"
        if path.resolve() in keep:
            raise OutputError(path, "refusing to overwrite an input or the reviewed workbook; "
                                    "choose another --out folder")
        if path.is_dir():
            raise OutputError(path, "a folder of that name is in the way of the report")
        paths.append(path)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(out_dir, "output folder is a file, not a folder; choose another --out")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(out_dir, f"cannot create output folder ({exc.strerror or exc})") from None
    if not os.access(out_dir, os.W_OK):
        raise OutputError(out_dir, "output folder is not writable")
    mode = _file_mode()
    temps: list[str] = []
    try:
        for (_, write), path in zip(writers, paths, strict=True):
            try:
                fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".part", dir=out_dir)
                os.close(fd)
                temps.append(tmp)
                write(result, Path(tmp))
                os.chmod(tmp, mode)
            except Exception as exc:  # noqa: BLE001 -- only I/O failures are the user's to fix
                problem = _io_problem(exc)
                if problem is None:
                    raise
                _drop_quietly(exc)
                raise OutputError(path, f"cannot write report ({problem})") from None
        for tmp, path in zip(list(temps), paths, strict=True):
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise OutputError(path, f"cannot write report ({exc.strerror or exc})") from None
            temps.remove(tmp)
    finally:
        for tmp in temps:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return paths


def _file_mode() -> int:
    """Permissions a plainly created file gets (mkstemp's are 0600): 0666 less the umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _io_problem(exc: Exception) -> str | None:
    """What went wrong when a writer failed for want of disk (full, quota, file size limit):
    an OSError, or lxml's SerialisationError('IO_…') from openpyxl's streamed sheets."""
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    if type(exc).__name__ == "SerialisationError" and str(exc).startswith("IO_"):
        return str(exc)
    return None


def _drop_quietly(exc: BaseException) -> None:
    """Free the failed writer's frames now, so that its half-written generators and zip files are
    finalised here, silently, rather than at exit with an 'Exception ignored' traceback."""
    import gc
    import sys
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        while exc is not None:
            exc.__traceback__ = None
            exc = exc.__context__
        gc.collect()
    finally:
        sys.unraisablehook = hook
