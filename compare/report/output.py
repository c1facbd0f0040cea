"""Where reports go, checked before anything is computed: the reports' names (shortened with a
stable hash when too long for the file system), every path against the inputs and the reviewed
workbook (never overwritten), folders in the way, the output folder's lock (two runs into one
folder would interleave their renames) and the temporary files of runs that were killed.

A report is first written as a hidden temporary file next to it, `.NAME.PID-N.part`, then
renamed into place: a run that is interrupted (Ctrl-C, SIGTERM) removes its own on the way out,
and the next run into the folder removes those whose process is gone (kill -9, a power cut).
"""
from __future__ import annotations

import hashlib
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from compare.errors import OutputError

NAME_MAX = 255                  # bytes in one file name (Linux, macOS; Windows counts 255 characters)
PATH_MAX = 4096
MAX_STEM_BYTES = 200            # leaves room for ".html" and the temporary name's ".PID-N.part"
HASH_CHARS = 10
LOCK_NAME = ".compare.lock"
PART = re.compile(r"^\..+\.(\d+)-\d+\.part$")


def report_stem(names: list[str]) -> str:
    """The reports' file name without extension (and the default folder's name): the documents'
    short names joined by _vs_ (the first and a count beyond three), shortened when too long."""
    stem = "_vs_".join(names) if len(names) <= 3 else f"{names[0]}_vs_{len(names) - 1}docs"
    return short_name(stem)


def short_name(name: str, limit: int = MAX_STEM_BYTES) -> str:
    """`name` when its UTF-8 form fits in `limit` bytes; else as much of it as fits with "-" and
    a hash of the whole name after it, so that the same documents always give the same name
    and different ones different names."""
    raw = name.encode("utf-8", "surrogateescape")
    if len(raw) <= limit:
        return name
    digest = hashlib.sha256(raw).hexdigest()[:HASH_CHARS]
    head = raw[: limit - HASH_CHARS - 1].decode("utf-8", "ignore").rstrip("-_.")
    return f"{head}-{digest}"


@dataclass
class OutputPlan:
    """The reports a run will write: folder, stem and one path per format."""
    folder: Path
    stem: str
    paths: dict[str, Path]

    @property
    def workbook(self) -> Path | None:
        return self.paths.get("xlsx")


def plan_output(folder: Path, stem: str, formats, protected=()) -> OutputPlan:
    """Check, without writing anything, that the reports can go where asked: every name fits
    the file system, no report would replace an input or the reviewed workbook, no folder stands
    where a report goes, the output folder is (or can be made) a writable folder."""
    folder = Path(folder)
    paths = {fmt: folder / f"{stem}.{fmt}" for fmt in formats}
    _check_lengths(folder, paths.values())
    keep = {_resolved(p) for p in protected}
    for path in paths.values():
        if _resolved(path) in keep:
            raise OutputError(path, "不会覆盖输入文件或审阅表，请另选 --out 文件夹 "
                                    "refusing to overwrite an input or the reviewed workbook; choose another --out folder")
        if path.is_dir():
            raise OutputError(path, "同名文件夹占用了报告的位置 a folder of that name is in the way of the report")
    for part in (folder, *folder.parents):
        if not part.exists():
            continue
        if not part.is_dir():
            what = ("输出文件夹是文件 output folder is a file, not a folder" if part == folder
                    else f"{part} 是文件，不是文件夹 {part} is a file, not a folder")
            raise OutputError(folder, f"{what}；请另选 --out choose another --out")
        if not os.access(part, os.W_OK | os.X_OK):
            raise OutputError(folder, "输出文件夹不可写 output folder is not writable" if part == folder
                              else f"无法创建输出文件夹（{part} 不可写） "
                                   f"cannot create output folder ({part} is not writable)")
        break
    return OutputPlan(folder=folder, stem=stem, paths=paths)


def _check_lengths(folder: Path, paths) -> None:
    """Every folder name, report name and temporary name within NAME_MAX bytes, every path
    within PATH_MAX (checked first: the system refuses even to look such a name up)."""
    for part in (folder, *folder.parents):
        if len(part.name.encode("utf-8", "surrogateescape")) > NAME_MAX:
            raise OutputError(folder, f"文件夹名过长（最多 {NAME_MAX} 字节） folder name too long for the file system ({NAME_MAX} bytes at most)")
    for path in paths:
        longest = f".{path.name}.{4 * 1024 * 1024}-999.part"
        if len(longest.encode("utf-8", "surrogateescape")) > NAME_MAX:
            raise OutputError(path, f"文件名过长（最多 {NAME_MAX} 字节） file name too long for the file system ({NAME_MAX} bytes at most)")
        if len(os.fsencode(os.path.abspath(path))) + 20 > PATH_MAX:
            raise OutputError(path, f"路径过长（最多 {PATH_MAX} 字节） path too long for the file system ({PATH_MAX} bytes at most)")


def _resolved(path) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


# ---------------------------------------------------------------- the folder's lock

_held: dict[Path, int] = {}        # folders this process has locked, and how many times


@contextmanager
def output_lock(folder: Path):
    """Hold the output folder for this run: it is made if need be (and removed again when the
    run leaves it empty), other runs into it are refused with one line, and the temporary files
    of runs that were killed are removed. Re-entrant within one process."""
    folder = Path(folder)
    key = _resolved(folder)
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    made = _make_folder(folder)
    try:
        fd = _lock(folder)
    except BaseException:
        _remove_empty(made)
        raise
    _held[key] = 1
    try:
        sweep_parts(folder)
        yield
    finally:
        del _held[key]
        _unlock(folder, fd)
        _remove_empty(made)


def _make_folder(folder: Path) -> list[Path]:
    """Make the folder and its missing parents; returns the ones made, innermost first."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(folder, f"无法创建输出文件夹 cannot create output folder ({exc.strerror or exc})") from None
    return missing


def _remove_empty(made: list[Path]) -> None:
    """Remove folders this run made that it leaves empty (a failed run leaves nothing behind)."""
    for p in made:
        try:
            p.rmdir()
        except OSError:
            return


def _lock(folder: Path) -> int:
    """An exclusive lock on FOLDER/.compare.lock (it holds the owner's PID, for the message).
    With fcntl the system releases it when the process dies, however it dies; elsewhere the
    file is made exclusively and a file left by a dead process is taken over."""
    path = folder / LOCK_NAME
    try:
        import fcntl  # here, not at the top: POSIX only (no lock where it is missing)
    except ImportError:                 # not a POSIX system
        return _lock_by_file(path)
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise OutputError(folder, f"无法锁定输出文件夹 cannot lock the output folder ({exc.strerror or exc})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            owner = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            os.close(fd)
            raise OutputError(folder, f"另一个 compare 正在向此文件夹写报告，请等待或另选 --out "
                                      f"another compare run{f' (pid {owner})' if owner.isdigit() else ''} is "
                                      "writing reports into this folder; wait for it, or choose another --out") from None
        if _same_file(fd, path):        # not a lock file its holder removed meanwhile
            break
        os.close(fd)
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
    return fd


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def _lock_by_file(path: Path) -> int:
    for _ in range(2):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            owner = path.read_text(encoding="ascii", errors="replace").strip()
            if owner.isdigit() and not pid_alive(int(owner)):
                path.unlink(missing_ok=True)        # left by a run that died
                continue
            raise OutputError(path.parent, f"另一个 compare 正在向此文件夹写报告，请等待或另选 --out "
                                           f"another compare run (pid {owner}) is writing reports into this "
                                           "folder; wait for it, or choose another --out") from None
        os.write(fd, str(os.getpid()).encode("ascii"))
        return fd
    raise OutputError(path.parent, "无法锁定输出文件夹 cannot lock the output folder")


def _unlock(folder: Path, fd: int) -> None:
    try:
        os.unlink(folder / LOCK_NAME)       # while still holding it: a waiting run makes a new one
    except OSError:
        pass
    os.close(fd)


def pid_alive(pid: int) -> bool:
    """Is there a process with this id (one of another user's counts)?"""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid < 2 ** 31
    return True


def sweep_parts(folder: Path) -> list[Path]:
    """Remove the temporary report files (.NAME.PID-N.part) of runs whose process is gone;
    returns them."""
    swept = []
    try:
        names = os.listdir(folder)
    except OSError:
        return swept
    for name in names:
        m = PART.match(name)
        if m and int(m.group(1)) != os.getpid() and not pid_alive(int(m.group(1))):
            try:
                os.unlink(folder / name)
                swept.append(folder / name)
            except OSError:
                pass
    return swept
