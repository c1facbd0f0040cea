"""The user's cache folder: files built once and reused by later runs (jieba's dictionary shards and
IDF table, compiled page templates). Every file there can be rebuilt; a cache that cannot be read
or written only makes a run slower, never wrong."""
from __future__ import annotations

import contextlib
import marshal
import os
import tempfile
from pathlib import Path


def cache_dirs() -> list[Path]:
    """Where caches may live, first choice first: $COMPARE_CACHE_DIR, ~/.cache/policy-compare, a
    per-user folder in the system's temporary folder."""
    dirs = []
    if os.environ.get("COMPARE_CACHE_DIR"):
        dirs.append(Path(os.environ["COMPARE_CACHE_DIR"]))
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    dirs.append(Path(base) / "policy-compare")
    uid = os.getuid() if hasattr(os, "getuid") else 0
    dirs.append(Path(tempfile.gettempdir()) / f"policy-compare-{uid}")
    return dirs


def prune(folder: Path, pattern: str, keep: int) -> None:
    """Caches of other dictionaries (another jieba, other checkouts): keep the newest few."""
    try:
        old = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for p in old[keep:]:
            p.unlink()
    except OSError:
        pass


def write_atomic(path: Path, payload: bytes) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return True
    except OSError:
        return False


def cached_table(name: str, key: str, build):
    """A table (any marshal-able value) kept in the cache under `name` (STEM-KEY.EXT), rebuilt by
    `build()` when no cache holds one made for `key` (the source file's identity: path, size,
    time, version); of the tables of other keys (other checkouts, other versions) the newest few
    are kept."""
    for d in cache_dirs():
        try:
            k, table = marshal.loads((d / name).read_bytes())
            if k == key:
                return table
        except Exception:  # noqa: BLE001 -- missing or unreadable: try the next, then build
            continue
    table = build()
    payload = marshal.dumps((key, table))
    stem, _, rest = name.rpartition("-")          # jieba-idf-KEY.marshal: the other keys' files
    for d in cache_dirs():
        if write_atomic(d / name, payload):
            prune(d, f"{stem}-*.{rest.partition('.')[2]}", keep=4)
            break
    return table
