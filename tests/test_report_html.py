"""The HTML report: self-contained, escaped, one row per alignment row, and working filters in a
real headless Chromium (skipped without a browser unless REQUIRE_BROWSER=1)."""
from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import pytest
from report_fixtures import SCRIPT_TEXT, build_result, rows_expected

import compare
from compare.report import build_view
from compare.report.documents import spoken_name
from compare.report.html import fold_pairs, redline, render_html, write_html
from compare.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
THREE = [ROOT / "inputs" / n for n in ("chuanyu-2024.txt", "chuanyu-2025-2027.txt", "shuanghe-2025.txt")]


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


@pytest.mark.parametrize("n_docs", [2, 3])
def test_every_measure_has_an_anchor_in_each_comparison_and_a_link_to_it(n_docs):
    """c{k}-a-<id> / c{k}-b-<id>: each measure, once per comparison it takes part in."""
    result = build_result(n_docs)
    page = render_html(result)
    for k, comp in enumerate(result.comparisons):
        for role, d in (("a", comp.a), ("b", comp.b)):
            for m in result.documents[d].measures:
                assert f'id="c{k}-{role}-{m.id}"' in page, (k, role, m.id)
                assert f'href="#c{k}-{role}-{m.id}"' in page, (k, role, m.id)


@pytest.mark.parametrize("n_docs,limit", [(2, 400), (3, 400), (3, 4)])
def test_every_same_page_link_has_a_target(n_docs, limit):
    page = render_html(build_result(n_docs), limit=limit)
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    hrefs = set(re.findall(r'href="#([^"]*)"', page))
    assert hrefs and hrefs <= ids, hrefs - ids


def test_rows_follow_document_order(page2):
    ids = re.findall(r'<div class="row st-\w+" id="([^"]+)"', page2)
    # new measures n008/n009 come after the merge rows (n007) and before n010; dropped m009 too
    assert ids == ["c0-m001-n001", "c0-m002-n002", "c0-m003-n003", "c0-m004-n004", "c0-m005-n005",
                   "c0-m006-n006", "c0-m007-n007", "c0-m008-n007", "c0-b-n008", "c0-b-n009",
                   "c0-a-m009", "c0-m010-n010"]
    assert "按 川渝2024 的顺序排列；新增措施插在 川渝2025 中排在它前面的那条措施之后" in page2


def _cards(page: str) -> list:
    from bs4 import BeautifulSoup
    return BeautifulSoup(page, "html.parser").select("div.card")


def test_a_merge_is_one_card_with_the_new_measure_once(page2):
    """（七）+（八） → （七）: one card, the new text shown once beside both sources, each source
    once with its own status, score and evidence."""
    [card] = _cards(page2)
    assert "merge" in card["class"] and card["data-b"] == "n007" and card["data-comparison"] == "0"
    shared = card.select(".side.shared")
    assert len(shared) == 1 and shared[0]["id"] == "c0-b-n007"
    assert shared[0].select_one(".title").get_text() == "推进异地就医和医保关系转移便利化"
    rows = card.select(".row")
    assert [r["data-a"] for r in rows] == ["m007", "m008"]           # each source once
    assert [r["data-status"] for r in rows] == ["expanded", "continued"]
    assert not card.select(".row .side.b")                          # the new text is not repeated
    assert [len(r.select(".side.a")) for r in rows] == [1, 1]
    assert rows[0].select_one(".chip").get_text() == "10个工作日 → 5个工作日"
    head = card.select_one(".card-head")
    assert [a.get_text() for a in head.select("a")] == ["（七）", "（八）", "（七）"]
    assert page2.count('<span class="title">推进异地就医和医保关系转移便利化</span>') == 1
    # the text none of the sources has is marked once, on the shared text
    assert "<ins>" in str(shared[0]) and "5个工作日" in shared[0].get_text()


def test_shared_redline_marks_only_what_no_source_has():
    from compare.report.html import redline_shared
    d1 = [["=", "甲乙"], ["+", "丙丁"]]                 # 甲乙 → 甲乙丙丁
    d2 = [["-", "戊"], ["+", "甲乙丙"], ["=", "丁"]]    # 戊丁 → 甲乙丙丁
    assert redline_shared([d1, d2], "b", "甲乙丙丁") == "甲乙<ins>丙</ins>丁"
    assert redline_shared([d1, [["=", "别的"]]], "b", "甲乙丙丁") == "甲乙<ins>丙丁</ins>"   # stale diff ignored
    assert redline_shared([], "b", "<b>") == "&lt;b&gt;"


def test_evidence_chips_and_redline(page2):
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


# ---------------------------------------------------------------- the at-a-glance layer

# "A共39项措施：24项在B中延续或并入（扩展4、收窄8、修订12），15项未再出现；B共22项措施：10项为新增，12项承接A的措施…"
SENTENCE = re.compile(r"^(?P<a>.+?)共(?P<a_total>\d+)项措施：(?P<lives>\d+)项在(?P<b_in>.+?)中(?:延续或并入|延续)"
                      r"(?:（(?P<kept>[^）]*)）)?，(?P<dropped>\d+)项未再出现；(?P<b>.+?)共(?P<b_total>\d+)项措施："
                      r"(?P<new>\d+)项为新增，(?P<continues>\d+)项承接(?P<a_again>.+?)的措施(?:（其中\d+项由多项合并而成）)?$")


@pytest.fixture(scope="module")
def three():
    """The three bundled plans, given by absolute path (as a user's shell would)."""
    result = compare.compare([str(p) for p in THREE])
    return result, build_view(result), render_html(result)


def _check_sentence(sentence: str, a_measures: int, b_measures: int) -> None:
    m = SENTENCE.match(sentence)
    assert m, sentence
    n = {k: int(v) for k, v in m.groupdict().items() if v and v.isdigit()}
    assert n["a_total"] == a_measures and n["b_total"] == b_measures
    assert n["lives"] + n["dropped"] == a_measures
    assert n["new"] + n["continues"] == b_measures
    kept = [int(x) for x in re.findall(r"\d+", m.group("kept") or "")]
    assert sum(kept) == n["lives"]
    assert m.group("b_in") == m.group("b") and m.group("a_again") == m.group("a")


@pytest.mark.parametrize("n_docs", [2, 3])
def test_summary_counts_each_documents_own_measures(n_docs):
    """Per comparison: every old measure lives on or not, every new one is new or continues one;
    the sentence says so with numbers that add up to each document's measure count."""
    result = build_result(n_docs)
    view = build_view(result)
    page = render_html(view)
    for c in view.comparisons:
        a, b = result.documents[c.a], result.documents[c.b]
        f = c.fates()
        assert (f.a_total, f.b_total) == (len(a.measures), len(b.measures))
        assert f.a_lives + f.a_dropped == f.a_total and f.b_new + f.b_continues == f.b_total
        _check_sentence(c.sentence, len(a.measures), len(b.measures))
        assert f'<p class="sentence">{c.sentence}</p>' in page
    first = view.comparisons[0]
    assert first.fates().a_merged == 2 and first.fates().b_merged == 1       # （七）+（八） → （七）
    assert "1项未再出现" in first.sentence and "2项为新增" in first.sentence


def test_summary_of_three_real_plans_adds_up(three):
    result, view, page = three
    for c in view.comparisons:
        _check_sentence(c.sentence, len(result.documents[c.a].measures), len(result.documents[c.b].measures))
        assert c.sentence in page
        # the charts: each document's own chapters, each measure counted once by its fate
        for side, doc in (("a", result.documents[c.a]), ("b", result.documents[c.b])):
            chapters = c.own_chapters(side)
            assert list(chapters) == list(dict.fromkeys(m.chapter for m in doc.measures))
            assert sum(sum(n.values()) for n in chapters.values()) == len(doc.measures)
    # a chapter whose measures live on in a merge is not shown as dropped
    first = view.comparisons[0]
    merged = {r.a.measure.id: r.a.measure.chapter for r in first.rows if r.kind == "merge"}
    assert merged and all(first.fates_a[m] != "dropped" for m in merged)
    chart = first.own_chapters("a")
    for ch in set(merged.values()):
        assert sum(n for s, n in chart[ch].items() if s != "dropped") >= list(merged.values()).count(ch)


def test_sentence_names_plans_by_their_period():
    assert spoken_name("某某公共服务便捷行动事项（2024年版）") == "2024年版"
    assert spoken_name("关于印发《某某共建共享行动方案（2025—2027年）》的通知") == "2025—2027年行动方案"
    assert spoken_name("某某三年行动计划（2023-2025年）") == "2023-2025年行动计划"
    assert spoken_name("某某提质扩面行动方案") == ""
    result = build_result(2)                       # same period twice: the short names instead
    result.documents[0].title = result.documents[1].title = "某某行动方案（2025年）"
    assert [d.spoken for d in build_view(result).documents] == ["川渝2024", "川渝2025"]
    result.documents[0].title = "某某行动方案"      # no period: the 文号
    assert build_view(result).documents[0].spoken == "川办发〔2024〕10号"


def test_sections_are_headed_by_doc_number_and_short_title(page3):
    assert re.search(r'<section class="cmp" id="cmp-1">\s*<h2><span class="ref">川办发〔2024〕10号 推进川渝公共服务'
                     r'一体化深化便捷生活行动事项（2024年版）</span> → <span class="ref">川办发〔2026〕1号 ', page3)


def test_no_absolute_input_path_in_the_page(three, tmp_path):
    result, _, page = three
    assert all(Path(d.source).is_absolute() for d in result.documents)
    for folder in {str(p.parent) for p in THREE} | {str(ROOT)}:
        assert folder not in page
    assert "chuanyu-2024.txt" in page                       # the file, by name
    settings = page.split('<dl class="settings">', 1)[1]
    assert "chuanyu-2024.txt, chuanyu-2025-2027.txt, shuanghe-2025.txt" in settings


def test_the_pages_folding_map_is_normalize_character_by_character(page2):
    """The page folds query and rows with NFKC plus this map; the map is `normalize`'s own
    folding, for the characters the page holds or that fold into one it holds."""
    pairs = html.unescape(re.search(r'data-fold="([^"]*)"', page2).group(1))
    fold = dict(zip(pairs[::2], pairs[1::2], strict=True))
    assert fold["異"] == "异" and fold["醫"] == "医" and fold["“"] == '"'
    assert all(normalize(k) == v for k, v in fold.items())
    assert len(fold) < 2000                                   # small: not a whole conversion table
    only = fold_pairs(["医"])                                 # a query character folding into the page's
    assert "醫医" in only and set(only[1::2]) == {"医"}
    assert "醫医" in fold_pairs(["醫"]) and fold_pairs([""]) == ""   # a Traditional page's own characters


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


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    """One headless Chromium for this file's browser tests (starting one costs a second or two of
    CPU); `browser` gives each test a blank page, the starting window size and screen media."""
    chromium, driver_path = _browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", f"--user-data-dir={tmp_path_factory.mktemp('chrome-profile')}",
                "--window-size=1400,2000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        yield driver, driver.get_window_size()
    finally:
        driver.quit()


@pytest.fixture
def browser(chromium):
    driver, size = chromium
    driver.get("about:blank")
    driver.set_window_size(size["width"], size["height"])
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    return driver


# Selenium's own is_displayed (its isDisplayed atom), asked of every element matching arguments[0]
# in one script instead of one round trip per element; the rows' arguments[1] attribute, or the
# elements themselves.
SHOWN = """
var shown = (%s), attribute = arguments[1];
var found = Array.from(document.querySelectorAll(arguments[0])).filter(function (e) { return shown(e); });
return attribute ? found.map(function (e) { return e.getAttribute(attribute); }) : found;
"""


def _shown_script() -> str:
    import pkgutil
    return SHOWN % pkgutil.get_data("selenium", "webdriver/remote/isDisplayed.js").decode("utf-8")


def _visible(driver, selector=".row", attribute=None):
    """The elements matching `selector` that are displayed, or their `attribute`s."""
    return driver.execute_script(_shown_script(), selector, attribute)


# Where an element's top is, and the bottom of the header when the header is sticky (0 when it
# scrolls away with the page): a jump target must land between that and the window's bottom.
PLACE = """
var r = arguments[0].getBoundingClientRect(), bar = document.querySelector(".topbar");
var covered = getComputedStyle(bar).position === "sticky" ? bar.getBoundingClientRect().bottom : 0;
return [r.top, covered, window.innerHeight];
"""


def _below_header(driver, element) -> bool:
    top, covered, height = driver.execute_script(PLACE, element)
    return covered - 1 <= top < height


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
    assert SCRIPT_TEXT in browser.find_element(By.ID, "c0-b-n008").text
    assert len(_visible(browser)) == total

    # status filter: unchecking "dropped" hides exactly the dropped rows
    box = browser.find_element(By.CSS_SELECTOR, 'input[data-status="dropped"]')
    dropped = browser.find_elements(By.CSS_SELECTOR, '.row[data-status="dropped"]')
    others = browser.find_elements(By.CSS_SELECTOR, '.row:not([data-status="dropped"])')
    assert dropped and others
    box.click()
    assert not _visible(browser, '.row[data-status="dropped"]')
    assert len(_visible(browser, '.row:not([data-status="dropped"])')) == len(others)
    # a link to a hidden measure clears the filters so the target shows
    browser.execute_script("location.hash = '#c0-a-m009'")
    assert browser.find_element(By.ID, "c0-a-m009").is_displayed()
    assert box.is_selected()
    box.click()
    box.click()
    assert len(_visible(browser)) == len(dropped + others)

    # search box
    search = browser.find_element(By.ID, "q")
    search.send_keys("慢性阻塞性肺疾病")
    shown = _visible(browser)
    assert 0 < len(shown) < total
    assert all("慢性阻塞性肺疾病" in r.text for r in shown)
    assert {r.get_attribute("id") for r in shown} == {"c0-m005-n005", "c1-m005-p002"}
    search.send_keys(Keys.CONTROL, "a")
    search.send_keys(Keys.DELETE)          # keystrokes fire "input"; clear() would not
    assert search.get_attribute("value") == ""
    assert len(_visible(browser)) == total

    # chapter select
    Select(browser.find_element(By.ID, "chapter")).select_by_value("0|组织保障")
    shown = _visible(browser)
    assert {r.get_attribute("id") for r in shown} == {"c0-m010-n010", "c1-m010-p004"}
    Select(browser.find_element(By.ID, "chapter")).select_by_value("2|医疗卫生便捷行动事项")   # 川渝2026's
    assert {r.get_attribute("id") for r in _visible(browser)} == {"c1-m005-p002", "c1-b-p003"}
    Select(browser.find_element(By.ID, "chapter")).select_by_value("")
    assert len(_visible(browser)) == total

    # print: controls hidden, rows hidden by a filter printed anyway
    box.click()
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert len(_visible(browser, '.row[data-status="dropped"]')) == len(dropped)
    assert not browser.find_element(By.ID, "q").is_displayed()
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    box.click()

    browser.execute_script("window.scrollTo(0, 0)")
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000


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
    row = browser.find_element(By.ID, "c0-m005-n005")            # 医疗卫生: past the first 4 rows
    assert not row.is_displayed()
    browser.execute_script("location.hash = '#c0-m005-n005'")
    assert row.is_displayed()
    browser.get(path.as_uri())
    other = browser.find_element(By.ID, "c1-m005-p002")
    assert not other.is_displayed()
    browser.find_element(By.ID, "q").send_keys("慢性阻塞性肺疾病")
    assert {r.get_attribute("id") for r in _visible(browser)} == {"c0-m005-n005", "c1-m005-p002"}
    # clicking a link (the timeline's badge) into a folded chapter opens it too
    browser.get(path.as_uri())
    merge = browser.find_element(By.ID, "c0-m008-n007")
    assert not merge.is_displayed()
    badge = browser.find_element(By.CSS_SELECTOR, 'tr[data-measure="0:m008"] a.badge')
    browser.execute_script("arguments[0].closest('details').open = true", badge)   # the timeline is folded too
    badge.click()
    assert merge.is_displayed() and _below_header(browser, merge)


# ---------------------------------------------------------------- three real plans in a browser

@pytest.fixture(scope="module")
def three_file(three, tmp_path_factory):
    path = tmp_path_factory.mktemp("three") / "three.html"
    path.write_text(three[2], encoding="utf-8")
    return path


# Every same-page link from `arguments[0]` on (100 at a time: Chromium throttles a page's
# navigations after 200 in a few seconds): what it claims (data-comparison/-a/-b, its text, the
# timeline cell it sits in), what its target is about, and where the target lands once clicked.
LINKS = """
var out = [], bar = document.querySelector(".topbar");
var links = Array.from(document.querySelectorAll('a[href^="#"]')).slice(arguments[0], arguments[0] + 100);
links.forEach(function (a) {
  var t = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
  var tr = a.closest("tr[data-measure]"), td = a.closest("td");
  var rec = {href: a.getAttribute("href"), text: a.textContent.trim(), c: a.dataset.comparison || null,
             a: a.dataset.a || null, b: a.dataset.b || null, found: !!t,
             cell: tr && td ? [tr.dataset.measure, td.cellIndex] : null};
  if (t) {
    var holder = t.closest("[data-comparison]"), section = t.closest("section.cmp");
    rec.section = section ? section.id : null;
    rec.target = holder ? [holder.dataset.comparison, holder.dataset.a || null, holder.dataset.b || null] : null;
    rec.header = !!t.closest(".topbar");
    a.click();
    var r = t.getBoundingClientRect();
    rec.place = [r.top, getComputedStyle(bar).position === "sticky" ? bar.getBoundingClientRect().bottom : 0,
                 window.innerHeight, t.getClientRects().length > 0];
  }
  out.push(rec);
});
return out;
"""

LABEL = re.compile(r"^[（(][一二三四五六七八九十百零〇\d]+[）)]$|^\d+[.．、]$")


def _all_links(driver, path) -> list[dict]:
    out: list[dict] = []
    while True:
        driver.get(path.as_uri())
        batch = driver.execute_script(LINKS, len(out))
        if not batch:
            return out
        out += batch


@pytest.mark.parametrize("width", [1366, 390])
def test_every_link_lands_on_the_row_it_names(browser, three, three_file, width):
    """Every href="#…" of the three-plan report: the target exists, sits in the comparison the
    link claims, is about the measures the link names (and the link's label is that measure's),
    a timeline cell links into its own column's comparison, and the clicked target shows below
    the header — on a desktop and on a phone."""
    result, view, _ = three
    browser.set_window_size(width, 900)
    links = _all_links(browser, three_file)
    pair = {(c.a, c.b): k for k, c in enumerate(result.comparisons)}
    assert len(links) > 300
    checked_cells = 0
    for ln in links:
        where = (ln["href"], ln["text"])
        assert ln["found"], where
        if ln["header"]:
            continue                                      # "back to the filters"
        top, covered, height, shown = ln["place"]
        assert shown and covered - 1 <= top < height, (where, ln["place"])
        if ln["c"] is None:
            continue
        k = int(ln["c"])
        assert ln["section"] == f"cmp-{k}", where
        if ln["target"] is not None:
            assert ln["target"][0] == ln["c"], where
            assert (ln["a"] is None or ln["target"][1] == ln["a"]) and (ln["b"] is None or ln["target"][2] == ln["b"]), where
        else:
            assert ln["a"] is None and ln["b"] is None and ln["href"] == f"#cmp-{k}", where
        comp = result.comparisons[k]
        if LABEL.match(ln["text"]):
            labels = {result.documents[comp.a].measure(ln["a"]).label if ln["a"] else None,
                      result.documents[comp.b].measure(ln["b"]).label if ln["b"] else None}
            assert ln["text"] in labels, where
        if ln["cell"]:                                    # a timeline cell: column j is document j
            doc, mid = ln["cell"][0].split(":", 1)
            assert k == pair[(int(doc), ln["cell"][1])] and ln["a"] == mid, where
            checked_cells += 1
    assert checked_cells >= sum(len(t.cells) for t in view.timeline)   # every badge at least


def test_each_label_of_a_timeline_cell_is_its_own_link(three):
    from bs4 import BeautifulSoup
    _, view, page = three
    soup = BeautifulSoup(page, "html.parser")
    several = 0
    for t in view.timeline:
        tr = soup.select_one(f'tr[data-measure="{t.doc}:{t.measure.id}"]')
        tds = tr.find_all("td")
        for j, cell in t.cells.items():
            links = [a for a in tds[j - 1].find_all("a") if "badge" not in a.get("class", [])]
            assert [a.get_text() for a in links] == cell.labels
            assert [a["data-b"] for a in links] == cell.ids
            several += len(links) > 1
    assert several                                          # "扩展 （二）、（七）": two links


def _search(driver, text):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    box = driver.find_element(By.ID, "q")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    if text:
        box.send_keys(text)
    return set(_visible(driver, attribute="id"))


def test_search_folds_width_traditional_and_spaces_and_scrolls_to_the_first_match(browser, three, three_file):
    from selenium.webdriver.support.ui import WebDriverWait
    result, view, _ = three
    browser.get(three_file.as_uri())
    wide = _search(browser, "（二十二）")
    assert wide == _search(browser, "(二十二)")
    labelled = {r.anchor for r in view.rows for side in (r.a, r.b)
                if side is not None and normalize(side.measure.label) == "(二十二)"}
    assert labelled and labelled <= wide                   # 2024's (二十二) and 2025's （二十二）
    simplified = _search(browser, "异地就医")
    assert simplified and _search(browser, "異地就醫") == simplified
    assert {r.anchor for r in view.rows if any(s is not None and "异地就医" in s.measure.text
                                               for s in (r.a, r.b))} <= simplified
    assert _search(browser, "异地　就医") >= simplified     # words (any space) must all occur

    def first_match_in_view(driver):
        first = _visible(driver)[0]
        return driver.execute_script("return window.scrollY") > 0 and _below_header(driver, first)
    WebDriverWait(browser, 3).until(first_match_in_view)


def test_search_ignores_spaces_inside_the_text(browser, tmp_path):
    import dataclasses
    result = build_result(2)
    ms = result.documents[0].measures
    ms[8] = dataclasses.replace(ms[8], text="推进电子处方流转。在 线开具电子处方，实现处方 流转。")
    ms[2] = dataclasses.replace(ms[2], text="推進通信一體化。拓展親情號碼跨省市互設。")   # printed in Traditional
    path = tmp_path / "spaces.html"
    write_html(result, path)
    browser.get(path.as_uri())
    assert _search(browser, "在线开具") == {"c0-a-m009"}
    assert _search(browser, "在線開具") == {"c0-a-m009"}
    assert _search(browser, "处方流转") >= {"c0-a-m009"}
    assert _search(browser, "亲情号码") == _search(browser, "親情號碼") == {"c0-m003-n003"}


def test_status_counts_follow_the_filters(browser, three, three_file):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    result, view, _ = three
    browser.get(three_file.as_uri())

    def counts():
        return {b.get_attribute("data-count"): int(b.text) for b in browser.find_elements(By.CSS_SELECTOR, "b[data-count]")}

    def shown_by_status():
        out = dict.fromkeys(view.totals, 0)
        for status in _visible(browser, attribute="data-status"):
            out[status] += 1
        return out

    assert counts() == view.totals == shown_by_status()
    _search(browser, "医保")
    assert counts() == shown_by_status() != view.totals
    n = len(_visible(browser))
    assert browser.find_element(By.ID, "shown").text == f"显示 {n} / {len(view.rows)} 行"
    before = counts()
    browser.find_element(By.CSS_SELECTOR, 'input[data-status="dropped"]').click()
    assert len(_visible(browser)) == n - before["dropped"]
    assert counts() == before                  # the number says what the box would show
    browser.find_element(By.CSS_SELECTOR, 'input[data-status="dropped"]').click()
    _search(browser, "")
    chapter = view.documents[0].document.measures[0].chapter
    Select(browser.find_element(By.ID, "chapter")).select_by_value(f"0|{chapter}")
    assert counts() == shown_by_status()
    assert sum(counts().values()) == sum(1 for r in view.rows if r.a is not None and r.a.doc == 0
                                          and r.a.measure.chapter == chapter)


def test_three_plan_screenshots(browser, three_file, tmp_path):
    """Screenshots of the top of the page and of where a timeline badge into a merge card lands
    (report-*-merge.png), at desktop and phone width; scripts/screenshots.py makes the ones the
    README shows."""
    from selenium.webdriver.common.by import By
    SHOTS = tmp_path
    for name, (width, height) in {"report-desktop": (1366, 2400), "report-390": (390, 2400)}.items():
        browser.set_window_size(width, height)
        browser.get(three_file.as_uri())
        assert browser.execute_script("return document.documentElement.scrollWidth") <= width   # nothing sticks out
        assert browser.save_screenshot(str(SHOTS / f"{name}.png"))
        browser.set_window_size(width, 1000)
        target = browser.find_element(By.CSS_SELECTOR, ".card.merge .row")
        badge = browser.find_element(By.CSS_SELECTOR, f'.timeline a.badge[href="#{target.get_attribute("id")}"]')
        browser.execute_script("arguments[0].click()", badge)
        assert _below_header(browser, target)
        assert browser.save_screenshot(str(SHOTS / f"{name}-merge.png"))
        for shot in (f"{name}.png", f"{name}-merge.png"):
            assert (SHOTS / shot).stat().st_size > 10_000


# ---------------------------------------------------------------- reading on a phone

# Where each line of a measure's text starts, against the inner edge of the border it sits in (a
# row's coloured edge, or the edge of the measure a merge or split shows once), and against the
# section's inner edge (nothing may be clipped by it).
INSETS = """
var out = [];
document.querySelectorAll(".side").forEach(function (side) {
  if (!side.getClientRects().length) return;
  var box = side.classList.contains("shared") ? side : side.closest(".row");
  var edge = box.getBoundingClientRect().left + parseFloat(getComputedStyle(box).borderLeftWidth);
  var section = side.closest("section.cmp");
  var clip = section.getBoundingClientRect().left + parseFloat(getComputedStyle(section).borderLeftWidth);
  side.querySelectorAll(".head, .chapter, .text, .units").forEach(function (el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var rects = Array.from(range.getClientRects()).filter(function (r) { return r.width > 0; });
    if (!rects.length) return;
    var left = Math.min.apply(null, rects.map(function (r) { return r.left; }));
    out.push([box.id || (box.closest("[id]") || {}).id || "", el.className, left - edge, left - clip]);
  });
});
return out;
"""


@pytest.mark.parametrize("width", [390, 1400])
def test_every_cards_text_starts_inside_its_border(browser, three_file, width):
    """The new side of a split card had no left padding at 390 px, and the measure a merge shows
    once was pulled left under the section's edge, cutting the first glyph of each line."""
    browser.set_window_size(width, 900)
    browser.get(three_file.as_uri())
    insets = browser.execute_script(INSETS)
    assert len(insets) > 400
    tight = [i for i in insets if i[2] < 8 or i[3] < 8]
    assert not tight, tight[:5]


def test_measures_without_counterpart_fold_on_a_phone(browser, three_file):
    """At 390 px a dropped or new measure shows three lines and a button for the rest; the rest
    is on the page (search finds it) and the button shows it."""
    from selenium.webdriver.common.by import By
    browser.set_window_size(390, 900)
    browser.get(three_file.as_uri())
    unfold_all = ("document.querySelectorAll('.row.st-dropped, .row.st-new').forEach("
                  "function (r) { r.classList.add('unfolded'); });"
                  "return document.documentElement.scrollHeight")
    folded_page = browser.execute_script("return document.documentElement.scrollHeight")
    assert browser.execute_script(unfold_all) > folded_page + 8000        # what folding saves
    browser.get(three_file.as_uri())
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, ".row.st-dropped")
               if r.find_element(By.CSS_SELECTOR, "button.more").is_displayed())
    text = row.find_element(By.CSS_SELECTOR, ".side.a .text")
    folded = text.size["height"]
    line = browser.execute_script("return parseFloat(getComputedStyle(arguments[0]).lineHeight)", text)
    assert folded <= 3 * line + 2
    browser.execute_script("arguments[0].scrollIntoView()", row)
    row.find_element(By.CSS_SELECTOR, "button.more").click()
    assert text.size["height"] > folded
    browser.set_window_size(1400, 900)
    browser.get(three_file.as_uri())
    assert not _visible(browser, "button.more")


def test_the_header_counts_the_comparison_chosen(browser, three, three_file):
    """The header's numbers are rows of all comparisons, and say so; choosing a comparison
    shows its section only, and the numbers and their legend are that comparison's."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    _, view, _ = three
    browser.get(three_file.as_uri())

    def counts():
        return {b.get_attribute("data-count"): int(b.text) for b in browser.find_elements(By.CSS_SELECTOR, "b[data-count]")}
    scope = browser.find_element(By.ID, "scope")
    assert scope.text == "全部比较 all comparisons" and counts() == view.totals
    for c in view.comparisons:
        Select(browser.find_element(By.ID, "comparison")).select_by_value(str(c.index))
        assert counts() == c.counts and scope.text == c.name
        shown = set(_visible(browser, "section.cmp", "id"))
        assert shown == {f"cmp-{c.index}"}
    Select(browser.find_element(By.ID, "comparison")).select_by_value("")
    assert counts() == view.totals and scope.text == "全部比较 all comparisons"


def test_on_a_phone_a_timeline_label_stays_whole_and_the_page_prints_on_a4(browser, three_file):
    """At 390 px the label a measure lives on in was broken over two lines (（十 / 七）); printed,
    the page took the browser's default paper (Letter in Chromium), not A4 as the workbook."""
    import base64
    browser.set_window_size(390, 900)
    browser.get(three_file.as_uri())
    lines = browser.execute_script(
        "return Array.from(document.querySelectorAll('.timeline td a:not(.badge)'))"
        ".map(function (a) { return [a.textContent, a.getClientRects().length]; })")
    assert len(lines) > 20 and [t for t, n in lines if n != 1] == []
    pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
    boxes = {tuple(round(float(v)) for v in b.split()) for b in re.findall(rb"/MediaBox\s*\[([^\]]+)\]", pdf)}
    assert boxes == {(0, 0, 595, 842)}, boxes
