"""compare.corpus reports: measures.csv/.parquet, families.csv, corpus.html (self-contained, tested
in a real Chromium) and corpus.xlsx, written all or none."""
import re
import shutil

import pandas as pd
import pytest
from corpus_fixtures import corpus_score, make_corpus
from test_report_html import _browser  # noqa: F401 -- the same browser (or skip) as the report's tests

from bs4 import BeautifulSoup
from test_chinese_first import _pieces, english_only

import compare
from compare.corpus.tables import FAMILY_COLUMNS, MEASURE_COLUMNS
from compare.errors import OutputError

EVIL = "（一）推进<script>window.__pwned=1</script>服务。开展=HYPERLINK(\"http://x\",\"y\")试点工作。\n"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    make_corpus(root, plans=8, seed=5)
    (root / "plans" / "zz-evil.txt").write_text("某市人民政府办公厅\n关于印发《测试方案》的通知\n" + EVIL, encoding="utf-8")
    out = root / "out"
    result = compare.corpus([root / "plans"], meta=root / "meta.csv", out=out)
    return root, out, result


def test_measures_csv_reads_in_one_line_with_the_promised_columns(run):
    root, out, result = run
    m = pd.read_csv(out / "measures.csv")
    assert list(m.columns) == MEASURE_COLUMNS
    assert len(m) == len(result.measures) == result.counts["measures"]
    truth = corpus_score.read_csv(root / "truth.csv")
    assert corpus_score.score(truth, corpus_score.read_csv(out / "measures.csv"))["found_share"] == 1.0
    firsts = m[m.predecessor_document.isna()]
    assert set(firsts.status) == {"new"} and not m.status.isna().any()
    p = pd.read_parquet(out / "measures.parquet")
    assert list(p.columns) == MEASURE_COLUMNS and p.label.tolist() == m.label.tolist()
    assert list(pd.read_csv(out / "families.csv").columns) == FAMILY_COLUMNS
    years = pd.read_csv(out / "measures.csv", dtype=str).year.dropna()
    assert len(years) and years.str.fullmatch(r"\d{4}").all()      # 2024, not 2024.0


def test_no_temporary_file_is_left_and_an_input_is_never_overwritten(run, tmp_path):
    root, out, _ = run
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    plans = tmp_path / "plans"
    shutil.copytree(root / "plans", plans)
    target = plans / "measures.csv"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="不会覆盖输入文件.* refusing to overwrite an input"):
        compare.corpus([plans / "zz-evil.txt", target], out=plans)
    assert target.read_text(encoding="utf-8") == "mine"


def test_the_page_is_self_contained_and_escapes_document_text(run):
    _, out, _ = run
    page = (out / "corpus.html").read_text(encoding="utf-8")
    assert "<script src" not in page and "<link" not in page
    assert not re.search(r'(?:src|href)\s*=\s*"(https?:)?//', page)
    assert "<script>window.__pwned" not in page and page.count("<script>") == 1


def test_the_page_works_in_a_real_browser(run, tmp_path):
    chromium, driver_path = _browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    _, out, result = run
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=400,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        driver.get((out / "corpus.html").as_uri())
        rows = driver.find_elements(By.CSS_SELECTOR, "tr.family-row")
        assert len(rows) == len(result.families)
        width = driver.execute_script("return window.innerWidth")
        assert width < 700 and driver.execute_script("return document.documentElement.scrollWidth") <= width
        top = result.families.sort_values(["adopters", "measures"], ascending=False).iloc[0]
        word = top.title[-4:]
        box = driver.find_element(By.ID, "search")
        box.send_keys(word)
        shown = [r.get_attribute("data-family") for r in rows if r.is_displayed()]
        assert top.family in shown and len(shown) < len(rows)
        assert not driver.find_element(By.ID, "none").is_displayed()
        box.clear()
        box.send_keys("无此词语")                                        # nothing found: said so
        assert driver.find_element(By.ID, "none").is_displayed()
        assert not [r for r in rows if r.is_displayed()]
        box.clear()
        driver.execute_script("arguments[0].dispatchEvent(new Event('input'))", box)
        driver.get((out / "corpus.html").as_uri() + "#" + top.family)
        cards = driver.find_elements(By.CSS_SELECTOR, "#family .card")
        assert len(cards) == top.measures
        assert driver.find_elements(By.CSS_SELECTOR, "#family ins, #family del")        # redlines
        # the family's page as drawn: Chinese first throughout, its statuses and curve named
        drawn = _pieces(BeautifulSoup(driver.page_source, "html.parser"))
        assert not [p for p in drawn if english_only(p)], [p for p in drawn if english_only(p)][:5]
        statuses = driver.find_element(By.CSS_SELECTOR, "#family .statuses").text
        assert statuses.startswith("状态 statuses：") and "新增 new" in statuses
        big = driver.find_element(By.CSS_SELECTOR, "#family svg.big")
        assert big.get_attribute("aria-label").startswith("扩散曲线 diffusion curve：")
        years = [t.text for t in big.find_elements(By.CSS_SELECTOR, "text:not(.n)")]
        assert years and all(y.isdigit() and len(y) == 4 for y in years), years
        box_right = big.rect["x"] + big.rect["width"]
        assert all(t.rect["x"] + t.rect["width"] <= box_right + 1 for t in big.find_elements(By.TAG_NAME, "text"))
        assert driver.execute_script("return window.__pwned") is None
        driver.find_element(By.LINK_TEXT, "← 全部家族 all families").click()
        assert driver.find_element(By.ID, "overview").is_displayed()
    finally:
        driver.quit()


def test_the_workbook_has_the_family_table_and_the_review_sheets(run):
    from openpyxl import load_workbook
    _, out, result = run
    wb = load_workbook(out / "corpus.xlsx", read_only=True)
    assert wb.sheetnames[:3] == ["家族 Families", "措施 Measures", "文件 Documents"]
    rows = list(wb["家族 Families"].iter_rows(values_only=True))
    assert rows[0][0] == "家族 Family" and "审阅 Review" in rows[0] and len(rows) - 1 == len(result.families)
    measures = list(wb["措施 Measures"].iter_rows(values_only=True))
    assert len(measures) - 1 == len(result.measures)
    wb.close()


def test_adoptions_say_who_took_each_family_up_when_and_from_whom(run):
    _, out, result = run
    a = pd.read_csv(out / "adoptions.csv", dtype=str, keep_default_na=False)
    from compare.corpus.adoptions import ADOPTION_COLUMNS
    assert list(a.columns) == ADOPTION_COLUMNS
    fams = result.families.set_index("family")
    assert a.groupby("family").size().to_dict() == fams["adopters"].to_dict()     # a row per adopter
    firsts = a[a.order == "1"].set_index("family")
    assert firsts["jurisdiction"].to_dict() == fams["first_jurisdiction"].to_dict()
    assert (firsts.status == "new").all() and (firsts.source_document == "").all()
    later = a[a.order != "1"]
    assert len(later) and (later.source_document != "").all()
    for f, rows in a.groupby("family"):         # the source is an earlier adopter; the course starts when it adopted
        earlier = set()
        for r in rows.sort_values("order", key=lambda s: s.astype(int)).itertuples():
            assert r.source_jurisdiction in earlier or r.order == "1", (f, r)
            assert r.course.startswith(f"{r.year or '?'} ") and len([p for p in r.course.split("; ") if not p.endswith(" dropped")]) == int(r.editions)
            earlier.add(r.jurisdiction)
    years, dated = result.years, result.adoptions[result.adoptions.year.notna()]     # undated: no year's
    assert years["new_families"].sum() == (dated.order == 1).sum() and years["adoptions"].sum() == (dated.order > 1).sum()
    assert years["measures"].sum() == result.measures.year.notna().sum()


def test_the_workbook_has_the_adoptions_and_the_years(run):
    from openpyxl import load_workbook
    _, out, result = run
    wb = load_workbook(out / "corpus.xlsx", read_only=True)
    rows = list(wb["采纳 Adoptions"].iter_rows(values_only=True))
    assert rows[0][:3] == ("家族 Family", "次序 Order", "地区 Jurisdiction") and len(rows) - 1 == len(result.adoptions)
    assert all(r[-1] and "new" not in r[-1].replace("新增 new", "") for r in rows[1:])      # Chinese first
    years = list(wb["逐年 Years"].iter_rows(values_only=True))
    assert [r[0] for r in years[1:]] == result.years["year"].tolist()
    wb.close()


def test_a_family_page_lists_its_adopters_and_draws_its_measures_a_page_at_a_time(run, tmp_path, monkeypatch):
    chromium, driver_path = _browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    from compare.corpus import html
    _, _, result = run
    monkeypatch.setattr(html, "PAGE", 2)
    page = tmp_path / "corpus.html"
    html.write_html(result, page)
    top = result.families.sort_values(["adopters", "measures"], ascending=False).iloc[0]
    assert top.measures > 4 and top.adopters > 2
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        driver.get(page.as_uri())
        assert "个家族为多地采纳" in driver.find_element(By.CSS_SELECTOR, "p.spread").text
        driver.get(page.as_uri() + "#" + top.family)
        adopters = driver.find_elements(By.CSS_SELECTOR, "#family table.adopters tbody tr")
        assert len(adopters) == 2
        first = result.adoptions[result.adoptions.family == top.family].iloc[0]
        assert adopters[0].text.startswith(f"1. {first.jurisdiction}")
        assert len(driver.find_elements(By.CSS_SELECTOR, "#family .card")) == 2
        more = driver.find_elements(By.CSS_SELECTOR, "#family > button.more")[-1]
        assert f"2 / {top.measures}" in more.text
        more.click()
        assert len(driver.find_elements(By.CSS_SELECTOR, "#family .card")) == 4
        while more.is_displayed():
            more.click()
        assert len(driver.find_elements(By.CSS_SELECTOR, "#family .card")) == top.measures
    finally:
        driver.quit()


def test_the_jurisdictions_count_their_documents_families_and_first_adoptions(run):
    from openpyxl import load_workbook
    _, out, result = run
    j, a = result.jurisdictions, result.adoptions
    assert j["documents"].sum() == len(result.documents) and j["measures"].sum() == len(result.measures)
    assert j["families"].sum() == len(a) and j["first_adopter"].sum() == len(result.families)
    assert (j["first_adopter"] + j["adopted"] == j["families"]).all()
    assert j["families"].tolist() == sorted(j["families"], reverse=True)          # the widest carriers first
    unknown = j[j.jurisdiction == ""]                                             # zz-evil.txt: no place, no year
    assert len(unknown) == 1 and pd.isna(unknown.iloc[0].first_year)
    wb = load_workbook(out / "corpus.xlsx", read_only=True)
    rows = list(wb["地区 Jurisdictions"].iter_rows(values_only=True))
    assert len(rows) - 1 == len(j) and rows[1][0] == j.iloc[0].jurisdiction
    wb.close()
    page = (out / "corpus.html").read_text(encoding="utf-8")
    assert "各地区 By jurisdiction" in page and "（未知 unknown）" in page
