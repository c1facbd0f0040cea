"""The corpus's reports in the output folder, written all or none: each to a temporary name first,
then all renamed into place (a run that fails half-way leaves the previous reports as they were).

    measures.csv, measures.parquet   one row per measure (`tables.MEASURE_COLUMNS`); UTF-8 with a
                                     byte-order mark, so Excel opens the CSV as UTF-8 too
    families.csv                     one row per family (`tables.FAMILY_COLUMNS`)
    adoptions.csv                    one row per family and adopting jurisdiction (`adoptions.py`)
    corpus.html                      the overview and every family's page (`html.py`)
    corpus.xlsx                      the family table and the review sheets (`workbook.py`)

    FORMATS                          the formats written by default
    write_all(result, folder, formats, protected) -> list[Path]
"""
from __future__ import annotations

import os
from pathlib import Path

from compare.errors import OutputError

FORMATS = ("csv", "parquet", "html", "xlsx")
FILES = {"csv": ("measures.csv", "families.csv", "adoptions.csv"), "parquet": ("measures.parquet",), "html": ("corpus.html",),
         "xlsx": ("corpus.xlsx",)}


def write_all(result, folder: Path, formats, protected=()) -> list[Path]:
    """Write the reports of `formats` into `folder`; never over a file in `protected` (inputs)."""
    unknown = [f for f in formats if f not in FILES]
    if unknown:
        raise OutputError(None, f"未知报告格式 unknown report format {', '.join(unknown)} (choose from {', '.join(FILES)})")
    targets = [folder / name for f in formats for name in FILES[f]]
    guarded = {_real(p) for p in protected if Path(p).exists()}
    for t in targets:
        if _real(t) in guarded:
            raise OutputError(t, "不会覆盖输入文件或审阅表，请另选 --out 文件夹 "
                                   "refusing to overwrite an input or the reviewed workbook; choose another --out folder")
    written: list[tuple[Path, Path]] = []
    try:
        for f in formats:
            for name in FILES[f]:
                target = folder / name
                tmp = target.with_name(f".{name}.tmp")
                _writer(f, name)(result, tmp)
                written.append((tmp, target))
        for tmp, target in written:
            os.replace(tmp, target)
    except OSError as exc:
        for tmp, _ in written:
            tmp.unlink(missing_ok=True)
        raise OutputError(folder, f"无法写入报告 cannot write the reports ({exc.strerror or exc})") from exc
    return [t for _, t in written]


def _real(p) -> str:
    return os.path.realpath(os.fspath(p))


def _writer(fmt: str, name: str):
    if fmt == "csv":
        frame = name.removesuffix(".csv")
        return lambda result, path: getattr(result, frame).to_csv(path, index=False, encoding="utf-8-sig")
    if fmt == "parquet":
        return lambda result, path: result.measures.to_parquet(path, index=False)
    if fmt == "html":
        from compare.corpus.html import write_html
        return write_html
    from compare.corpus.workbook import write_workbook
    return write_workbook
