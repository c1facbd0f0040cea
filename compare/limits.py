"""Every bound on what a run accepts, in one place (the README's table of limits is this module).

An input beyond a bound is refused with one line naming the file and the bound (exit code 2),
*before* the expensive work it would cause: the check sits where the size first becomes known
(the file's size before it is read, a zip's declared sizes before it is unpacked, a PDF's page
count before any page is read, an HTML page's nesting as it is parsed). Imports nothing, so the
command line can check options without loading the pipeline.
"""
from __future__ import annotations

import math

MB = 1024 * 1024

MAX_INPUT_BYTES = 64 * MB        # any input file, and a reviewed workbook, before it is read
MAX_UNCOMPRESSED = 200 * MB      # a .docx/.xlsx may not unpack to more than this (zip bombs) …
MAX_RATIO = 200                  # … nor hold a member > RATIO_MIN_SIZE compressed more than this
RATIO_MIN_SIZE = 10 * MB
MAX_REVIEW_UNCOMPRESSED = 200 * MB   # a reviewed workbook: the same cap as an input .xlsx
MAX_CELL_CHARS = 32_767          # a reviewed workbook's cell: Excel's own limit for one cell
MAX_REVIEW_ROWS = 200_000        # rows of a reviewed workbook's Alignment sheet
MAX_SHEET_ROWS = 100_000         # rows read per sheet of an .xlsx input (a task list has hundreds)
MAX_PDF_PAGES = 2_000            # a plan has tens of pages, a compilation a few hundred
MAX_HTML_DEPTH = 2_048           # element nesting of a web page (libxml2's own bound with huge_tree)
MAX_PAIRWISE_DOCUMENTS = 12      # `compare A B …`: 12 documents are 66 comparisons; more: `compare corpus`
THRESHOLD_RANGE = (0.2, 5.0)     # --threshold
CONVERT_TIMEOUT = 180            # seconds LibreOffice may take to convert one file


def threshold_problem(value) -> str:
    """Why `value` is not a usable --threshold ("" when it is): a finite number in THRESHOLD_RANGE."""
    low, high = THRESHOLD_RANGE
    try:
        number = float(value)
    except (TypeError, ValueError):
        return f"--threshold 须为 {low:g} 到 {high:g} 之间的数 must be a number from {low:g} to {high:g} (got {str(value)[:20]!r})"
    if not math.isfinite(number) or not low <= number <= high:
        return f"--threshold 须为 {low:g} 到 {high:g} 之间的数 must be a finite number from {low:g} to {high:g} (got {str(value)[:20]})"
    return ""


def pairwise_problem(n: int) -> str:
    """Why n documents are too many for a pairwise run ("" when they are not)."""
    if n <= MAX_PAIRWISE_DOCUMENTS:
        return ""
    k = MAX_PAIRWISE_DOCUMENTS
    return (f"{n} 份文件需两两比较 {n * (n - 1) // 2} 次，一次最多 {k} 份；文件集合请用 compare corpus "
            f"{n} documents would be {n * (n - 1) // 2} pairwise comparisons; a run compares at most {k} "
            f"({k * (k - 1) // 2} comparisons): for a collection of documents use `compare corpus`")
