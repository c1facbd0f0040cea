"""The corpus's store in the output folder: what was read and decided, keyed by content, so a rerun
reads and scores only what is new.

One SQLite file (`store.sqlite` in --out): SQLite comes with Python, writes each run in one
transaction (a run that stops half-way leaves the store as it was) and finds a key in an index.
Three tables:
- `files`: a file's content hash (sha256 of its bytes) → its parsed documents (JSON) and their
  features (`features.DocFeatures` bytes), or why it could not be read. A file is parsed again
  only when its bytes change.
- `decisions`: a pair of measures of two documents — (document key, measure index) twice, at a
  threshold — → the decision on it (`decide.Decisions`'s fields). A decision depends on its two
  documents only (`features`), so a stored one is what a fresh run would compute.
- `links`: a pair of documents and the links classified between them → the Links (JSON).
JSON and features are stored compressed (zlib, npz).
Everything is stamped with the version of `compare` that made it: another version starts afresh.

    Store(folder)              .close(); use as a context manager
    document_key(hash, k)      "sha256…#k": the k-th document of a file
    document_from_dict(d)      a Document from `Document.to_dict()`'s JSON
    pack(value), unpack(data), pack_links(links)   the stored form (the tasks pack what they make)
"""
from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path

from compare.errors import OutputError
from compare.model import Chapter, Document, Evidence, Item, Link, Measure, Section, CommitmentFate
from compare.version import __version__

STORE_NAME = "store.sqlite"
SCHEMA = 7          # 7: counts in measure words, deadlines inside the units bracket, full-kind statistics
_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (hash TEXT PRIMARY KEY, documents BLOB, features BLOB, error TEXT);
CREATE TABLE IF NOT EXISTS decisions (
    doc_a TEXT, i INTEGER, doc_b TEXT, j INTEGER, threshold REAL,
    tier TEXT, confidence TEXT, cosine REAL, score REAL, clause_a TEXT, clause_b TEXT,
    PRIMARY KEY (doc_a, i, doc_b, j, threshold));
CREATE TABLE IF NOT EXISTS links (doc_a TEXT, doc_b TEXT, pairs TEXT, links BLOB,
    PRIMARY KEY (doc_a, doc_b, pairs));
"""


def document_key(file_hash: str, k: int) -> str:
    return f"{file_hash}#{k}"


class Store:
    """The store in `folder` (made when missing). Writes go into one transaction, committed by
    `commit()` (the pipeline commits once, after the run's reports are written)."""

    def __init__(self, folder: Path | None):
        self.path = Path(folder) / STORE_NAME if folder is not None else None
        try:
            self.db = sqlite3.connect(str(self.path) if self.path else ":memory:")
            self.db.executescript(_TABLES)
            stamp = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
            if stamp != {"version": __version__, "schema": str(SCHEMA)}:      # made by another version
                self.db.executescript("DROP TABLE files; DROP TABLE decisions; DROP TABLE links; DROP TABLE meta;"
                                      + _TABLES)
                self.db.executemany("INSERT INTO meta VALUES (?, ?)",
                                    [("version", __version__), ("schema", str(SCHEMA))])
        except sqlite3.DatabaseError as exc:
            raise OutputError(self.path, f"无法使用缓存库，删除它即可重新开始 cannot use the corpus store ({exc}); "
                                        "remove it to start afresh") from exc

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def commit(self) -> None:
        self.db.commit()

    # files
    def file(self, file_hash: str) -> tuple[list[dict], bytes | None, str] | None:
        """(documents as dicts, features blob, why it could not be read) of a file read before,
        or None."""
        row = self.db.execute("SELECT documents, features, error FROM files WHERE hash = ?", (file_hash,)).fetchone()
        return (unpack(row[0]), row[1], row[2] or "") if row else None

    def put_file(self, file_hash: str, documents: list[dict], features: bytes, error: str = "") -> None:
        self.put_packed_file(file_hash, pack(documents), features, error)

    def put_packed_file(self, file_hash: str, documents: bytes, features: bytes, error: str = "") -> None:
        """`put_file` with the documents packed already (`pack`, by the task that read them)."""
        self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (file_hash, documents, features, error))

    # decisions
    def decisions(self, keys: list[tuple[str, int, str, int]], threshold: float) -> dict[tuple, tuple]:
        """Stored decisions among `keys` (doc_a, i, doc_b, j): key → (tier, confidence, cosine,
        score, clause_a, clause_b). One pass over the decisions at this threshold."""
        wanted = set(keys)
        docs = {k[0] for k in keys} | {k[2] for k in keys}
        out = {}
        for row in self.db.execute("SELECT doc_a, i, doc_b, j, tier, confidence, cosine, score, clause_a, clause_b "
                                   "FROM decisions WHERE threshold = ?", (threshold,)):
            if row[0] in docs and row[2] in docs and row[:4] in wanted:
                out[row[:4]] = tuple(row[4:])
        return out

    def put_decisions(self, rows: list[tuple]) -> None:
        """rows of (doc_a, i, doc_b, j, threshold, tier, confidence, cosine, score, clause_a, clause_b)."""
        self.db.executemany("INSERT OR REPLACE INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    # classified links
    def links(self, doc_a: str, doc_b: str, pairs: str) -> list[Link] | None:
        row = self.db.execute("SELECT links FROM links WHERE doc_a = ? AND doc_b = ? AND pairs = ?",
                              (doc_a, doc_b, pairs)).fetchone()
        return [link_from_dict(d) for d in unpack(row[0])] if row else None

    def put_links(self, doc_a: str, doc_b: str, pairs: str, links: list[Link]) -> None:
        self.put_packed_links(doc_a, doc_b, pairs, pack_links(links))

    def put_packed_links(self, doc_a: str, doc_b: str, pairs: str, links: bytes) -> None:
        """`put_links` with the links packed already (`pack_links`, by the task that classified them)."""
        self.db.execute("INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?)", (doc_a, doc_b, pairs, links))


# --- what the store keeps, packed (by the tasks, in parallel: the command only writes it) -------------

def pack(value) -> bytes:
    """JSON, compressed: documents (`Document.to_dict()`) and links as the store keeps them."""
    return zlib.compress(json.dumps(value, ensure_ascii=False).encode("utf-8"))


def unpack(data: bytes):
    return json.loads(zlib.decompress(data))


def pack_links(links: list[Link]) -> bytes:
    return pack([lk.to_dict() for lk in links])


# --- documents and links back from their JSON ---------------------------------------------------------

def document_from_dict(d: dict) -> Document:
    """The Document `Document.to_dict()` described (measures' matching forms made again)."""
    fields = dict(d)
    fields["measures"] = [_measure(m) for m in d.get("measures", [])]
    fields["chapters"] = [Chapter(**c) for c in d.get("chapters", [])]
    fields["sections"] = [Section(**s) for s in d.get("sections", [])]
    return Document(**fields)


def _measure(m: dict) -> Measure:
    fields = {k: v for k, v in m.items() if k != "norm"}
    fields["items"] = [Item(**it) for it in m.get("items", [])]
    return Measure(**fields)


_LINK_FIELDS = ("a", "b", "score", "status", "kind", "tier", "confidence", "secondary_status", "reviewed", "note")


def link_from_dict(d: dict) -> Link:
    """The Link `Link.to_dict()` described."""
    ev_fields = {k: d[k] for k in Evidence.__dataclass_fields__ if k in d and k != "commitments"}
    ev = Evidence(**ev_fields, commitments=[CommitmentFate(**c) for c in d.get("commitments", [])])
    return Link(**{k: d[k] for k in _LINK_FIELDS if k in d}, evidence=ev)
