"""PDF text by glyph position: each page's characters sorted into lines by where they are drawn.

Why not the content-stream order (pypdf's extract_text)? Word and LibreOffice draw each font's
glyphs as separate runs, so the “quotes” and ASCII set in Times New Roman jump to the start of a
仿宋 line and push the enumerator （一） off it. PDFium (pypdfium2) parses the page, its fonts and
encryption and gives every character with its box; lines are rebuilt here from those boxes.
Measured on Word-style PDFs of the bundled plans (README, "Inputs"): every measure found, at about
5 ms a page, where pdfplumber (same result) takes 25–35 ms and pdfminer.six/pypdf's layout mode
lose quotes and units clauses.
"""
from __future__ import annotations

import ctypes
import math
import re
from collections import Counter

from compare.errors import InputError
from compare.ingest.common import note
from compare.ingest.pdf_tables import task_tables
from compare.ingest.tables import is_task_header
from compare.limits import MAX_PDF_PAGES

MIN_PDF_CHARS = 20       # fewer non-space characters than this in the whole file: the PDF is a scan
LINE_TOLERANCE = 0.5     # glyphs whose baselines differ by less than this × font size share a line
SPACE_GAP = 0.15         # a gap wider than this × font size between glyphs is a word space
DUPLICATE_GAP = 0.15     # the same glyph again within this × font size: fake bold, drawn twice
_SKIP = {0, 0x0A, 0x0D, 0xFFFE, 0xFFFF}


def read_pdf(path, data: bytes) -> str:
    """Text of each page, one printed line per line, pages separated by a blank line."""
    import pypdfium2 as pdfium  # lazy: loaded only when a PDF is read

    try:
        pdf = pdfium.PdfDocument(data)  # a PDF with only an owner password opens without one
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            raise InputError(path, "PDF 有密码保护 PDF is password-protected") from None
        raise InputError(path, f"不是有效的 PDF 文件 not a valid PDF ({_reason(exc)})") from None
    try:
        if len(pdf) == 0:
            raise InputError(path, "PDF 没有页面 PDF has no pages")
        if len(pdf) > MAX_PDF_PAGES:     # refused before any page is read (the count is declared)
            raise InputError(path, f"PDF 有 {len(pdf):,} 页，超过上限 {MAX_PDF_PAGES:,} 页 PDF has {len(pdf):,} pages (limit {MAX_PDF_PAGES:,})")
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                pages.append(page_lines(page))
            finally:
                page.close()
    except pdfium.PdfiumError as exc:
        raise InputError(path, f"不是有效的 PDF 文件 not a valid PDF ({_reason(exc)})") from None
    finally:
        pdf.close()
    texts = ["\n".join(text for _, text in lines) for lines in pages]
    if len(re.sub(r"\s", "", "".join(texts))) < MIN_PDF_CHARS:
        raise InputError(path, "PDF 没有文字层（扫描件？），需先做文字识别 PDF has no text layer (scanned?); OCR is needed")
    headed = [k for k, text in enumerate(texts) if _task_header_line(text)]
    if headed:
        tables, unread = task_tables(data, pages, headed)
        texts = [tables.get(k, text) for k, text in enumerate(texts)]
        if unread:
            where = "、".join(str(k + 1) for k in unread[:5]) + ("…" if len(unread) > 5 else "")
            note(f"{path}: 第 {where} 页有任务分工表，但读不出表格，按文字行读取，一行任务可能断开或并入上一项；如有 .docx/.xlsx 原件请用原件 "
                 f"page(s) {where} hold a task table whose cells could not be found; read as lines of text, a task may "
                 "be split or run into the one before: use the .docx/.xlsx original if there is one")
    return "\n\n".join(texts)


def _task_header_line(page: str) -> bool:
    """Does a line of the page read as a task table's header (序号 重点任务 牵头单位 …)?"""
    return any(len(cells := line.split()) >= 2 and is_task_header(cells) for line in page.split("\n"))


def _reason(exc) -> str:
    """PDFium's own words ("Data format error"), without the wrapper's boilerplate."""
    m = re.search(r"PDFium: ([^)]+)", str(exc))
    return m.group(1).strip().rstrip(".") if m else (str(exc).split("\n")[0] or type(exc).__name__)


def page_lines(page) -> list[tuple[float | None, str]]:
    """The page's glyphs as lines: grouped by baseline, each line read along its direction; with
    each line, its baseline's distance from the top of an upright page (None on a turned one)."""
    glyphs, upright = _glyphs(page)
    if not glyphs:
        return []
    height = page.get_height()
    glyphs.sort(key=lambda g: (g[0], g[1], g[5]))
    lines: list[list[tuple]] = []
    base = None
    for g in glyphs:
        if lines and abs(g[0] - base) <= LINE_TOLERANCE * max(g[3], 1.0):
            lines[-1].append(g)
        else:
            lines.append([g])
            base = g[0]
    texts = [_line_text(line) for line in lines]      # sorts each line along its direction
    starts = Counter(round(line[0][1]) for line in lines)      # the left edge: the leftmost start
    margin = min((x for x, n in starts.items() if n > 1), default=min(starts))  # of two lines or more
    return [(height + line[0][0] if upright else None, INDENT * _indented(line, margin) + text)
            for line, text in zip(lines, texts, strict=True)]


INDENT = "\u3000\u3000"   # what a typed text puts before a paragraph: the PDF's first-line indent, kept


def _indented(line: list[tuple], margin: float) -> bool:
    """Does the line start about two characters right of the page's usual left edge — a Word
    paragraph's first-line indent (首行缩进两字), which tells where a paragraph starts when the
    line above filled the width?"""
    size = sorted(g[3] for g in line)[len(line) // 2]
    return 1.5 * size <= line[0][1] - margin <= 3 * size


def _line_text(line: list[tuple]) -> str:
    line.sort(key=lambda g: (g[1], g[5]))
    out: list[str] = []
    prev = None
    for g in line:
        _, start, end, size, ch, _ = g
        if prev is not None:
            gap = start - prev[2]
            if ch == prev[4] and abs(start - prev[1]) < DUPLICATE_GAP * size:
                continue
            if gap > SPACE_GAP * size and ch != " " and prev[4] != " ":
                out.append(" ")
        out.append(ch)
        prev = g
    return _join_surrogates("".join(out)).rstrip()


def _join_surrogates(s: str) -> str:
    """PDFium reports characters beyond the BMP (rare CJK extensions) as two UTF-16 halves."""
    if not any("\ud800" <= c <= "\udfff" for c in s):
        return s
    return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _glyphs(page) -> tuple[list[tuple], bool]:
    """(line coordinate, start, end, size, char, index) for each drawn character, in the frame of
    the page's dominant writing direction; generated spaces/line ends and off-angle glyphs
    (diagonal watermarks) are left out. And is that direction upright (the line coordinate is
    then minus the baseline's height on the page)?"""
    import pypdfium2.raw as raw  # lazy, as read_pdf

    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        x, y = ctypes.c_double(), ctypes.c_double()
        box = raw.FS_RECTF()
        found = []
        for i in range(raw.FPDFText_CountChars(tp)):
            code = raw.FPDFText_GetUnicode(tp, i)
            if code in _SKIP or raw.FPDFText_IsGenerated(tp, i) == 1:
                continue
            raw.FPDFText_GetCharOrigin(tp, i, x, y)
            raw.FPDFText_GetLooseCharBox(tp, i, box)
            angle = raw.FPDFText_GetCharAngle(tp, i)
            found.append((code, x.value, y.value, box.left, box.top, box.right, box.bottom, angle, i))
    finally:
        textpage.close()
    if not found:
        return [], False
    quadrants = [_quadrant(f[7]) for f in found]
    dominant = Counter(q for q in quadrants if q is not None).most_common(1)
    if not dominant:
        return [], False
    q = dominant[0][0]
    cos, sin = ((1, 0), (0, 1), (-1, 0), (0, -1))[q]
    glyphs = []
    for (code, ox, oy, left, top, right, bottom, _, i), gq in zip(found, quadrants, strict=True):
        if gq != q:
            continue
        # turn the page by -angle so that this text runs left to right, lines top to bottom
        across = ox * sin - oy * cos
        xs = (left * cos + top * sin, right * cos + bottom * sin)
        size = abs(top - bottom) if q % 2 == 0 else abs(right - left)
        glyphs.append((across, min(xs), max(xs), size, chr(code), i))
    return glyphs, q == 0


def _quadrant(angle: float) -> int | None:
    """0/1/2/3 for text turned 0°/90°/180°/270° anticlockwise on the page; None for a slanted glyph
    or an unknown angle. (PDFium measures the angle clockwise.)"""
    if angle < 0:
        return None
    q = round(angle / (math.pi / 2))
    if abs(angle - q * math.pi / 2) > 0.1:
        return None
    return -q % 4
