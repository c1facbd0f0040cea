"""How the PDF reader was chosen, re-runnable: Word-style PDFs of the bundled plans (仿宋 body, Times New
Roman for ASCII and quotes, 公文 layout, exported by LibreOffice), read by each candidate extractor;
prints measures/titles/units found against the .txt, and milliseconds per page.

    python tests/compare_pdf_extractors.py [OUTDIR]

Candidates that are not installed are skipped (pip install pdfminer.six pdfplumber for all of them).
"""
from __future__ import annotations

import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import wordstyle  # noqa: E402

import compare  # noqa: E402
from compare.parse.structure import parse

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
PLANS = ["chuanyu-2024", "chuanyu-2025-2027", "shuanghe-2025"]


def pypdf_stream_order(data: bytes) -> str:
    import pypdf

    return "\n\n".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def pypdf_layout(data: bytes) -> str:
    import pypdf

    return "\n\n".join(p.extract_text(extraction_mode="layout") or "" for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def pdfminer_six(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def pdfplumber_(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n\n".join(p.extract_text() or "" for p in pdf.pages)


def pypdfium2_text_order(data: bytes) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    return "\n\n".join(page.get_textpage().get_text_range() for page in pdf)


def ours(data: bytes) -> str:
    from compare.ingest.pdf import read_pdf

    return read_pdf("x.pdf", data)


def poppler_pdftotext(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode()


CANDIDATES = [
    ("pypdf extract_text (before)", pypdf_stream_order),
    ("pypdf layout mode", pypdf_layout),
    ("pdfminer.six extract_text", pdfminer_six),
    ("pdfplumber extract_text", pdfplumber_),
    ("pypdfium2 get_text_range", pypdfium2_text_order),
    ("pypdfium2 glyph boxes → lines (compare.ingest_pdf)", ours),
    ("pdftotext (poppler, a command, for reference)", poppler_pdftotext),
]


def make_pdfs(out: Path) -> list[Path]:
    docs = []
    for name in PLANS:
        original = compare.load(INPUTS / f"{name}.txt")
        docs.append(wordstyle.plan_docx((INPUTS / f"{name}.txt").read_text(encoding="utf-8"),
                                        out / f"{name}.docx", original.title))
    return wordstyle.convert([(docs, "pdf")], out)[0]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="word-pdfs-"))
    out.mkdir(parents=True, exist_ok=True)
    pdfs = make_pdfs(out)
    print(f"PDFs in {out}\n")
    print("| extractor | " + " | ".join(PLANS) + " | ms/page |")
    print("|---|" + "---|" * (len(PLANS) + 1))
    for label, extract in CANDIDATES:
        cells, per_page = [], []
        try:
            for pdf in pdfs:
                data = pdf.read_bytes()
                extract(data)                            # imports, caches
                times = []
                for _ in range(3):
                    start = time.perf_counter()
                    text = extract(data)
                    times.append(time.perf_counter() - start)
                pages = _pages(data)
                per_page.append(statistics.median(times) / pages * 1000)
                doc = max(parse(text, str(pdf)), key=lambda d: len(d.measures))
                original = compare.load(INPUTS / f"{pdf.stem}.txt")
                pairs = list(zip(doc.measures, original.measures, strict=False))
                cells.append(f"{len(doc.measures)}/{len(original.measures)} measures, "
                             f"titles {sum(a.title == b.title for a, b in pairs)}, "
                             f"units {sum(a.units == b.units for a, b in pairs)}")
        except (ImportError, FileNotFoundError) as exc:
            print(f"| {label} | not available ({exc}) |")
            continue
        print(f"| {label} | " + " | ".join(cells) + f" | {min(per_page):.0f}–{max(per_page):.0f} |")


def _pages(data: bytes) -> int:
    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


if __name__ == "__main__":
    main()
