"""The HTML report: self-contained, escaped, one row per alignment row, and working filters in a
real headless Chromium (skipped without a browser unless REQUIRE_BROWSER=1)."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from report_fixtures import SCRIPT_TEXT, build_result, rows_expected

from compare.report.html import redline, render_html, write_html

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / "reports" / "screenshots" / "report.png"


@pytest.fixture(scope="module")
def page2():
    return render_html(build_result(2))


@pytest.fixture(scope="module")
def page3():
    return render_html(build_result(3))


def test_one_self_contained_file(page3):
    assert "<script src" not in page3 and "<link" not in page3 and "@import" not in page3
    refs = re.findall(r'(?:src|href|action)\s*=\s*"([^"]*)"', page3)
    assert refs and not [r for r in refs if re.match(r"(https?:)?//", r)]
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page3)
    assert "<style>" in page3 and "<script>" in page3


def test_document_text_is_escaped(page2):
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page2
    assert "<script>window.__pwned" not in page2
    assert page2.count("<script>") == 1                 # only the report's own script
    assert "=HYPERLINK(&#34;http://x&#34;,&#34;y&#34;)" in page2


@pytest.mark.parametrize("n_docs", [2, 3])
def test_one_row_per_link_and_unmatched_measure(n_docs):
    result = build_result(n_docs)
    page = render_html(result)
    rows = re.findall(r'<div class="row st-(\w+)" id="([^"]+)" data-status="(\w+)"', page)
    assert len(rows) == rows_expected(result)
    assert all(cls == status for cls, _, status in rows)
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_every_measure_has_an_anchor_and_a_link_to_it(page2):
    result = build_result(2)
    for d, doc in enumerate(result.documents):
        for m in doc.measures:
            assert f'id="m-{d}-{m.id}"' in page2, m.id
            assert f'href="#m-{d}-{m.id}"' in page2, m.id


def test_rows_follow_document_order(page2):
    ids = re.findall(r'<div class="row st-\w+" id="([^"]+)"', page2)
    # new measures n008/n009 come after the merge row (n007) and before n010; dropped m009 too
    assert ids == ["m-1-n001", "m-1-n002", "m-1-n003", "m-1-n004", "m-1-n005", "m-1-n006",
                   "m-1-n007", "m-1-n007-2", "m-1-n008", "m-1-n009", "m-0-m009", "m-1-n010"]


def test_merge_redline_and_evidence_chips(page2):
    assert page2.count("merged from （七）、（八）") == 2
    assert "<del>" in page2 and "<ins>" in page2
    assert "<ins>、慢性阻塞性肺疾病、冠心病</ins>" in page2
    for chip in ("+慢性阻塞性肺疾病", "+冠心病", "−统一评估标准", "10个工作日 → 5个工作日",
                 "重度失能 → 中度以上失能", "+单位：两省市税务部门", "−单位：电信运营商"):
        assert f">{chip}</li>" in page2, chip


def test_header_has_documents_summary_and_chart(page3):
    for text in ("川办发〔2024〕10号", "2026-01-20", "四川省人民政府办公厅", "川渝2024 → 川渝2026",
                 'class="chart"', 'class="seg st-expanded"', 'class="timeline"'):
        assert text in page3
    assert 'class="timeline"' not in render_html(build_result(2))


def test_redline_escapes_pieces_and_falls_back_on_a_stale_diff():
    diff = [["=", "<b>"], ["-", "旧"], ["+", "新&"]]
    assert redline(diff, "a", "<b>旧") == "&lt;b&gt;<del>旧</del>"
    assert redline(diff, "b", "<b>新&") == "&lt;b&gt;<ins>新&amp;</ins>"
    assert redline(diff, "b", "别的文本<i>") == "别的文本&lt;i&gt;"


def test_deterministic(tmp_path):
    write_html(build_result(3), tmp_path / "a.html")
    write_html(build_result(3), tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


# ---------------------------------------------------------------- real browser

def _browser():
    """Paths of chromium and chromedriver, or skip (fail under REQUIRE_BROWSER=1) naming what is
    missing and how to install it."""
    missing = []
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip install selenium)")
    chromium = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)
    driver = "/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else shutil.which("chromedriver")
    if not chromium:
        missing.append("chromium (apt-get install chromium)")
    if not driver:
        missing.append("chromedriver (apt-get install chromium-driver)")
    if missing:
        reason = "browser test needs " + ", ".join(missing)
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " and REQUIRE_BROWSER=1 is set")
        pytest.skip(reason)
    return chromium, driver


@pytest.mark.parametrize("required", ["1", ""])
def test_missing_browser_skips_or_fails_as_asked(monkeypatch, required):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(os.path, "exists", lambda p: False)
    monkeypatch.setenv("REQUIRE_BROWSER", required)
    expected = pytest.fail.Exception if required else pytest.skip.Exception
    with pytest.raises(expected, match="apt-get install chromium-driver"):
        _browser()


@pytest.fixture
def browser(tmp_path):
    chromium, driver_path = _browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", f"--user-data-dir={tmp_path / 'chrome-profile'}",
                "--window-size=1400,2000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _visible(driver, selector=".row"):
    from selenium.webdriver.common.by import By
    return [r for r in driver.find_elements(By.CSS_SELECTOR, selector) if r.is_displayed()]


def test_filters_search_and_escaping_in_a_real_browser(browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    result = build_result(3)
    path = tmp_path / "report.html"
    write_html(result, path)
    browser.get(path.as_uri())
    total = rows_expected(result)

    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert SCRIPT_TEXT in browser.find_element(By.ID, "m-1-n008").text
    assert len(_visible(browser)) == total

    # status filter: unchecking "dropped" hides exactly the dropped rows
    box = browser.find_element(By.CSS_SELECTOR, 'input[data-status="dropped"]')
    dropped = browser.find_elements(By.CSS_SELECTOR, '.row[data-status="dropped"]')
    others = browser.find_elements(By.CSS_SELECTOR, '.row:not([data-status="dropped"])')
    assert dropped and others
    box.click()
    assert not any(r.is_displayed() for r in dropped)
    assert all(r.is_displayed() for r in others)
    # a link to a hidden measure clears the filters so the target shows
    browser.execute_script("location.hash = '#m-0-m009'")
    assert browser.find_element(By.ID, "m-0-m009").is_displayed()
    assert box.is_selected()
    box.click()
    box.click()
    assert all(r.is_displayed() for r in dropped + others)

    # search box
    search = browser.find_element(By.ID, "q")
    search.send_keys("慢性阻塞性肺疾病")
    shown = _visible(browser)
    assert 0 < len(shown) < total
    assert all("慢性阻塞性肺疾病" in r.text for r in shown)
    assert {r.get_attribute("id") for r in shown} == {"m-1-n005", "m-2-p002"}
    search.send_keys(Keys.CONTROL, "a")
    search.send_keys(Keys.DELETE)          # keystrokes fire "input"; clear() would not
    assert search.get_attribute("value") == ""
    assert len(_visible(browser)) == total

    # chapter select
    Select(browser.find_element(By.ID, "chapter")).select_by_value("组织保障")
    shown = _visible(browser)
    assert {r.get_attribute("id") for r in shown} == {"m-1-n010", "m-2-p004"}
    Select(browser.find_element(By.ID, "chapter")).select_by_value("")
    assert len(_visible(browser)) == total

    # print: controls hidden, rows hidden by a filter printed anyway
    box.click()
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert all(r.is_displayed() for r in dropped)
    assert not browser.find_element(By.ID, "q").is_displayed()
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    box.click()

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    browser.execute_script("window.scrollTo(0, 0)")
    assert browser.save_screenshot(str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000


def test_large_comparisons_fold_by_chapter():
    """Past the row limit, rows are grouped by the older document's chapters into <details>,
    the groups after the first `limit` rows closed; every row is still on the page once."""
    result = build_result(3)
    page = render_html(result, limit=4)
    groups = re.findall(r'<details class="group"( open)?>\s*<summary>([^<]*)<', page)
    assert groups and any(g[0] for g in groups) and not all(g[0] for g in groups)
    rows = re.findall(r'<div class="row st-\w+" id="([^"]+)"', page)
    assert len(rows) == len(set(rows)) == rows_expected(result)
    assert not re.search(r'<details class="group"( open)?>\s*<summary>', render_html(result))  # small


def test_folded_rows_open_on_a_link_and_on_search(browser, tmp_path):
    from selenium.webdriver.common.by import By

    path = tmp_path / "report.html"
    path.write_text(render_html(build_result(3), limit=4), encoding="utf-8")
    browser.get(path.as_uri())
    row = browser.find_element(By.ID, "m-1-n005")                # 医疗卫生: past the first 4 rows
    assert not row.is_displayed()
    browser.execute_script("location.hash = '#m-1-n005'")
    assert row.is_displayed()
    browser.get(path.as_uri())
    other = browser.find_element(By.ID, "m-2-p002")
    assert not other.is_displayed()
    browser.find_element(By.ID, "q").send_keys("慢性阻塞性肺疾病")
    assert {r.get_attribute("id") for r in _visible(browser)} == {"m-1-n005", "m-2-p002"}
