"""Read the corpus: files and folders → documents and their features, each file once.

A folder stands for every file in it and its subfolders that `compare` reads (by extension;
hidden files, and the output folder, left out), in path order. Each file is parsed as `compare`
parses it (`compare.api.load_all`: a compilation splits into its 附件), the parts `compare`
would compare kept (`api.comparable_parts`: its documents with measures, but a plan printed with
its 分工表 is the plan alone), and featurized (`features.doc_features`); a file whose bytes were read before is
taken from the store instead. A file that cannot be read is skipped with the usual one-line
message: one bad file never stops the corpus.

    find_files(paths, exclude=None) -> list[Path]
    content_hash(path) -> str
    read_file(path) -> FileRead          (a task: runs in a worker process or on a Dask worker)
    loaded_documents(dicts, feature_blobs) -> [(Document, DocFeatures)]   from their stored form
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from compare.corpus.store import document_from_dict, pack, unpack
from compare.errors import CompareError, InputError

# What `compare` reads (compare.ingest.reader), and files without an extension.
EXTENSIONS = frozenset("""
.txt .text .md .docx .docm .dotx .xlsx .xlsm .csv .tsv .pdf .html .htm .shtml .xhtml
.doc .dot .wps .wpt .odt .ott .rtf .xls .xlt .et .ods
""".split())


@dataclass
class FileRead:
    """What reading one file gave: its documents (as `Document.to_dict()`, packed as the store
    keeps them: `store.pack`) and each one's features (`DocFeatures.to_bytes()`), or the one-line
    reason it was skipped."""
    path: str
    hash: str
    packed: bytes = pack([])
    features: list[bytes] = field(default_factory=list)
    error: str = ""
    loaded: list = field(default_factory=list)      # `loaded_documents` of the above, made by the task


    @property
    def documents(self) -> list[dict]:
        return unpack(self.packed)


def find_files(paths, exclude: Path | None = None) -> list[Path]:
    """The files named and those in the folders named (recursively, sorted), each once."""
    out: list[Path] = []
    seen: set[Path] = set()
    skip = exclude.resolve() if exclude is not None else None
    for p in map(Path, paths):
        if not p.exists():
            raise InputError(p, _missing(p))
        found = [p] if p.is_file() else sorted(_walk(p, skip))
        for f in found:
            r = f.resolve()
            if r not in seen:
                seen.add(r)
                out.append(f)
    return out


def _missing(p: Path) -> str:
    """Why a named path cannot be read: not found, or a compilation's part selector (FILE#N), which
    the corpus has no use for — it reads every part of a compilation."""
    from compare.api import split_selector      # the pairwise tool's selector rule, for this message only
    base, part = split_selector(p)
    if part is not None and base.is_file():
        return (f"语料库读取汇编的全部部分，请给出文件本身 {base.name}，不加 #{part} the corpus reads every part of a "
                f"compilation: name {base.name} without #{part} (FILE#N selects one part in compare A B)")
    return "文件不存在 file not found"


def _walk(folder: Path, skip: Path | None):
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (skip is None or (here / d).resolve() != skip))
        for name in files:
            suffix = Path(name).suffix.lower()
            if not name.startswith((".", "~$")) and (suffix in EXTENSIONS or not suffix):
                yield here / name


def content_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_file(path: str, file_hash: str) -> FileRead:
    """Parse and featurize one file (its documents with measures); never raises for a bad file."""
    from compare.api import NO_MEASURES, comparable_parts, load_all
    from compare.corpus.features import doc_features
    out = FileRead(path, file_hash)
    try:
        docs = comparable_parts(load_all(path), Path(path))
        if not docs:
            raise InputError(path, NO_MEASURES)
        documents = []
        for d in docs:
            if d.attachment is not None and len(docs) > 1:
                d.source = f"{path}#{d.attachment}"
            out.features.append(doc_features(d.measures).to_bytes())
            documents.append(d.to_dict())
        out.packed = pack(documents)
        out.loaded = loaded_documents(unpack(out.packed), out.features)
    except CompareError as exc:
        out.error = str(exc)
    except MemoryError:
        out.error = f"{path}: 内存不足，无法读取此文件 out of memory reading this file"
    except Exception as exc:  # noqa: BLE001 -- one file's bug must not stop the corpus; it is named
        out.error = f"{path}: 内部错误，请报告 internal error ({type(exc).__name__}: {exc}); please report it"
    if out.error:
        out.packed, out.features, out.loaded = pack([]), [], []
    return out


def loaded_documents(documents: list[dict], features: list[bytes]) -> list:
    """(Document, DocFeatures) of each document of a file, from the form the store keeps them in:
    the one way a file read now (by its task, in parallel) and a file read before are made."""
    from compare.corpus.features import DocFeatures
    return [(document_from_dict(d), DocFeatures.from_bytes(fb)) for d, fb in zip(documents, features, strict=True)]
