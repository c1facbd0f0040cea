"""The README's pictures, made from the bundled three-plan run as a new user makes it: the page
in Chromium on a desktop (1400 px) and on a phone (390 px), and a page of the review sheet as
LibreOffice prints it (A4, its PDF rendered). Each is saved as a small palette PNG in docs/.

    python scripts/screenshots.py [--out docs]

Needs what the browser and printing tests need — chromium and chromium-driver, selenium,
LibreOffice, poppler-utils (pdftoppm) — and Pillow to crop and palette-reduce the pictures
(`pip install -e ".[docs]"`). Run from a checkout: it reads inputs/.
"""
from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import compare  # noqa: E402  (from this checkout)
from compare.ingest.office import soffice  # noqa: E402
from compare.report import write_reports  # noqa: E402

PLANS = [ROOT / "inputs" / n for n in ("chuanyu-2024.txt", "chuanyu-2025-2027.txt", "shuanghe-2025.txt")]
MAX_BYTES = 150_000          # each picture: small enough for a README to load at once


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        tmp = Path(tmp)
        paths = {p.suffix[1:]: p for p in write_reports(compare.compare(PLANS), tmp / "reports", "three",
                                                        ("html", "xlsx"))}
        with _browser(tmp) as driver:
            shots = {
                "report-desktop.png": _page(driver, paths["html"], 1400, 1000, None),
                "report-desktop-card.png": _page(driver, paths["html"], 1400, 900, ".card.merge"),
                "report-phone.png": _page(driver, paths["html"], 390, 844, ".card.split"),
            }
        shots["review-print.png"] = _printed_page(paths["xlsx"], tmp)
    for name, png in shots.items():
        path = args.out / name
        path.write_bytes(_small(png))
        print(f"{path}  {path.stat().st_size // 1024} KB")


class _browser:
    """Headless Chromium driven by selenium, with a profile of its own."""

    def __init__(self, tmp: Path):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        options = webdriver.ChromeOptions()
        options.binary_location = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))))
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--hide-scrollbars", "--force-device-scale-factor=1", f"--user-data-dir={tmp / 'profile'}"):
            options.add_argument(arg)
        driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        self.driver = webdriver.Chrome(service=Service(executable_path=driver), options=options)

    def __enter__(self):
        return self.driver

    def __exit__(self, *exc):
        self.driver.quit()


def _page(driver, page: Path, width: int, height: int, selector: str | None) -> bytes:
    """The window at `width` × `height`, at the top of the page or at the first `selector`,
    reached as a link reaches it (below the header)."""
    driver.set_window_size(width, height)
    driver.get(page.as_uri())
    if selector:
        driver.execute_script("var el = document.querySelector(arguments[0]);"
                              "location.hash = el.id || el.querySelector('[id]').id;", selector)
    return driver.get_screenshot_as_png()


def _printed_page(workbook: Path, tmp: Path) -> bytes:
    """The second printed page of the review sheet (对照 Alignment), as LibreOffice prints it,
    rendered at 110 dpi: the first page that shows links with their evidence."""
    profile = tmp / "lo-profile"
    subprocess.run([soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp), str(workbook)],
                   check=True, capture_output=True, timeout=300)
    pdf = tmp / f"{workbook.stem}.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    alignment = [n for n, p in enumerate(pages, 1) if p.strip().startswith("对照 Alignment")]
    number = alignment[1] if len(alignment) > 1 else alignment[0]
    subprocess.run(["pdftoppm", "-f", str(number), "-l", str(number), "-r", "110", "-png", str(pdf),
                    str(tmp / "print")], check=True)
    return next(tmp.glob("print*.png")).read_bytes()


def _small(png: bytes) -> bytes:
    """A palette PNG of at most MAX_BYTES: 64 colours (text, fills and badges need no more),
    halved in size only if that is not enough."""
    from PIL import Image
    image = Image.open(io.BytesIO(png)).convert("RGB")
    for _ in range(3):
        out = io.BytesIO()
        image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
        if out.tell() <= MAX_BYTES:
            return out.getvalue()
        image = image.resize((image.width * 3 // 4, image.height * 3 // 4), Image.Resampling.LANCZOS)
    return out.getvalue()


if __name__ == "__main__":
    main()
