"""The user's cache folder: files built once and reused by later runs (jieba's dictionary shards and
IDF table, compiled page templates). Every file there can be rebuilt; a cache that cannot be read
or written only makes a run slower, never wrong."""
from __future__ import annotations

import contextlib
import marshal
import mmap
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


def cached_table(name: str, key: str, build) -> "Table":
    """A {str: value} table (values marshal-able) kept in the cache under `name` (STEM-KEY.EXT),
    rebuilt by `build()` when no cache holds one made for `key` (the source file's identity: path,
    size, time, version); of the tables of other keys (other checkouts, other versions) the newest
    few are kept. The file is mapped and read group by group (`Table`)."""
    for d in cache_dirs():
        table = Table.open(d / name, key)
        if table is not None:
            return table
    payload = Table.pack(key, build())
    stem, _, rest = name.rpartition("-")          # jieba-idf-KEY.marshal: the other keys' files
    for d in cache_dirs():
        if write_atomic(d / name, payload):
            prune(d, f"{stem}-*.{rest.partition('.')[2]}", keep=4)
            break
    return Table.read(payload, key)


class Table:
    """A read-only {str: value} table stored as groups of keys by first character, each unpacked
    on its first lookup. A run looks up a few thousand words in tables of ~40,000 (jieba's IDF,
    its tags): unpacking them whole took ~0.03 s of a 0.6 s seed-pair run, the groups it needs
    ~0.003 s."""

    _MAGIC = b"compare-table-1\n"

    def __init__(self, data, base: int, spans: dict[str, tuple[int, int]]):
        self._data, self._base, self._spans = data, base, spans
        self._groups: dict[str, dict] = {}

    def get(self, key: str, default=None):
        first = key[:1]
        group = self._groups.get(first)
        if group is None:
            span = self._spans.get(first)
            at = self._base + span[0] if span else 0
            group = self._groups[first] = marshal.loads(self._data[at:at + span[1]]) if span else {}
        return group.get(key, default)

    def __contains__(self, key: str) -> bool:
        return self.get(key, _ABSENT) is not _ABSENT

    @classmethod
    def pack(cls, key: str, table: dict) -> bytes:
        groups: dict[str, dict] = {}
        for k, v in table.items():
            groups.setdefault(k[:1], {})[k] = v
        spans, blobs, at = {}, [], 0
        for first in sorted(groups):
            blob = marshal.dumps(groups[first])
            spans[first] = (at, len(blob))
            blobs.append(blob)
            at += len(blob)
        header = marshal.dumps((key, spans, at))
        return b"".join([cls._MAGIC, len(header).to_bytes(8, "little"), header, *blobs])

    @classmethod
    def read(cls, data, key: str) -> "Table | None":
        """The table in `data` (bytes or a mapped file) if it was made for `key`, else None."""
        n = len(cls._MAGIC)
        try:
            if data[:n] != cls._MAGIC:
                return None
            size = int.from_bytes(data[n:n + 8], "little")
            made_for, spans, data_size = marshal.loads(data[n + 8:n + 8 + size])
        except (ValueError, EOFError, TypeError):
            return None
        if made_for != key or len(data) != n + 8 + size + data_size:
            return None                  # another key's table, or a file cut short
        return cls(data, n + 8 + size, spans)

    @classmethod
    def open(cls, path: Path, key: str) -> "Table | None":
        try:
            with open(path, "rb") as fh:
                data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            return None
        table = cls.read(data, key)
        if table is None:
            data.close()
        return table


_ABSENT = object()
