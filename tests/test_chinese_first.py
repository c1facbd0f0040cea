"""Chinese first everywhere, English second: in the page, the workbook and on the command line
no phrase is English only. A phrase of English words must follow Chinese in the same piece of
text (a cell, a paragraph, a tag, a tooltip: "扩展 expanded", "无后续措施 no successor"). File
names, ids and short names of documents (chuanyu-2024, m001, three.xlsx) are names, not words.

Scanned: the reports of the bundled three plans after a round of review (so verdicts, outcomes,
skip reasons and the review log are there too), and the error lines of the command."""
from __future__ import annotations

import ast
import re
import signal
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup, NavigableString
from bundled import THREE, reviewed_run
from conftest import ROOT

from compare.review.form import ALIGNMENT_COLUMNS, KEYS_SHEET
from compare.text.normalize import display_width

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# a name rather than a word: a token with a digit, or joined by - _ . / (file names and paths,
# ids, document names such as chuanyu-2024, option names such as --threshold)
NAME = re.compile(r"[A-Za-z0-9+]*[0-9_./-][A-Za-z0-9./+_-]*")
PHRASE = re.compile(r"[A-Za-z][A-Za-z'’]*(?:[ ,;:()&]+[A-Za-z][A-Za-z'’]*)*")
# the few words that may stand without Chinese: product and format names
# and A, B: the older and the newer document of a comparison ("A 标签 A label")
ALLOWED = {"PDF", "OCR", "HTML", "JSON", "LibreOffice", "Excel", "WPS", "xlsx", "html", "json", "e", "A", "B"}


def english_only(text: str) -> list[str]:
    """The phrases of English words in `text` that no Chinese precedes (names left out)."""
    text = NAME.sub(" ", text)
    out = []
    for m in PHRASE.finditer(text):
        if all(w in ALLOWED for w in re.findall(r"[A-Za-z][A-Za-z'’]*", m.group(0))):
            continue
        if not CJK.search(text[:m.start()]):
            out.append(m.group(0))
    return out


# ---------------------------------------------------------------- the reports

@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    return reviewed_run(tmp_path_factory.mktemp("lang"))[1]


# Inline elements whose text reads with the text around them; every other element is a piece
# of text of its own (a tag, a badge, a cell, a line).
TRANSPARENT = {"small", "b", "del", "ins", "mark", "input"}


def _pieces(soup) -> list[str]:
    """Each element's own text, its transparent children's included, plus its tooltips."""
    out = []
    for el in soup.find_all(True):
        if el.name in TRANSPARENT or el.name in ("script", "style", "head", "title", "html"):
            continue
        text = "".join(_own_text(el))
        if text.strip():
            out.append(" ".join(text.split()))
        out += [el[a] for a in ("title", "aria-label", "placeholder", "label") if el.get(a)]
    return out


def _own_text(el):
    for child in el.children:
        if isinstance(child, NavigableString):
            yield str(child)
        elif child.name in TRANSPARENT:
            yield from _own_text(child)
        else:
            yield " "


def test_the_page_has_no_english_only_text(reports):
    soup = BeautifulSoup(reports["html"].read_text(encoding="utf-8"), "html.parser")
    pieces = _pieces(soup)
    assert len(pieces) > 1000
    found = {p: english_only(p) for p in pieces if english_only(p)}
    assert not found, list(found.items())[:10]
    # what the issue found English only is now Chinese first
    text = "\n".join(pieces)
    for said in ("无后续措施 no successor；最近相关 nearest related：", "保障措施 safeguard", "审阅表第",
                 "阈值 threshold"):
        assert said in text, said


def test_the_workbook_has_no_english_only_cell(reports):
    book = openpyxl.load_workbook(reports["xlsx"], read_only=True)
    hidden = {c.header for c in ALIGNMENT_COLUMNS if c.hidden}
    found, cells = {}, 0
    for ws in book.worksheets:
        if ws.title == KEYS_SHEET:                      # hidden: the keys a later run reads
            continue
        rows = ws.iter_rows(values_only=True)
        head = next(rows)
        skip = {k for k, h in enumerate(head) if h in hidden}
        for row in [head, *rows]:
            for k, v in enumerate(row):
                if isinstance(v, str) and k not in skip:
                    cells += 1
                    if english_only(v):
                        found[(ws.title, v[:60])] = english_only(v)
    assert cells > 1000
    assert not found, list(found.items())[:10]
    timeline = [r for r in book["时间线 Timeline"].iter_rows(values_only=True)]
    assert any(str(v).startswith("仅在 ") for r in timeline for v in r)          # "only in …", Chinese first


def test_the_rule_finds_what_the_issue_found():
    """The scan is no formality: the strings of the reports before this change fail it."""
    for old in ("no successor; nearest related: （八） 推动高铁货运服务提质", "safeguard", "only in shuanghe-2025",
                "nowhere (dropped)", "row 12: relink target （九十） names no measure in chuanyu-2025-2027",
                "threshold"):
        assert english_only(old), old
    for new in ("扩展 expanded", "chuanyu-2024 → chuanyu-2025-2027", "m001", "三 three.xlsx",
                "无后续措施 no successor；最近相关 nearest related：（八） 推动高铁货运服务提质"):
        assert not english_only(new), new


# ---------------------------------------------------------------- the command line

class _Done:
    def __init__(self, returncode: int, stdout: str, stderr: str):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def _run(*args, cwd=ROOT) -> _Done:
    """The command run in this process (as `compare …` would run it, without a new interpreter
    for each case): its exit code, stdout and stderr."""
    import contextlib
    import io
    import os

    from compare.cli import main
    out, err, code = io.StringIO(), io.StringIO(), 0
    here, sigterm = os.getcwd(), signal.getsignal(signal.SIGTERM)
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    finally:
        os.chdir(here)
        signal.signal(signal.SIGTERM, sigterm)           # main() sets its own, for a real run
    return _Done(code, out.getvalue(), err.getvalue())


def test_error_lines_name_the_file_first_then_say_it_in_chinese(tmp_path):
    """One line, the file's name first, then the problem in Chinese, then in English."""
    (tmp_path / "empty.txt").write_bytes(b"")
    cases = [
        (["missing.txt", THREE[0]], "missing.txt: 文件不存在 file not found"),
        ([tmp_path / "empty.txt", THREE[0]], "empty.txt: 空文件 empty file"),
        ([*THREE[:2], "--threshold", "9"], "--threshold 须为 0.2 到 5 之间的数"),
        ([*THREE[:2], "--format", "pdf"], "--format：未知格式 unknown format pdf"),
        ([*THREE[:2], "--bogus"], "没有这个选项 No such option"),
        (["inspect"], "缺少参数 Missing argument"),
    ]
    for args, said in cases:
        p = _run(*args, "--out", tmp_path / "out") if args[0] != "inspect" else _run(*args)
        lines = p.stderr.strip().splitlines()
        assert p.returncode == 2 and len(lines) == 1, (args, p.stderr)
        assert lines[0].startswith("compare: error: ") and said in lines[0], (said, lines[0])
        assert not english_only(lines[0].removeprefix("compare: error: ")), lines[0]


MESSAGE_CALLS = {"InputError": 1, "OutputError": 1, "OtherDocuments": 1, "_fail": 0, "note": 0}


def _lead(node) -> str | None:
    """The literal text a message starts with ({} for each value put into it), or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _lead(node.left)
    if isinstance(node, ast.IfExp):
        return _lead(node.body)
    return None


def test_every_error_and_note_the_code_raises_starts_in_chinese():
    """Every error and reading note written in the code says what is wrong in Chinese before
    any English word (the file's name, values and option names may come first)."""
    checked = 0
    for path in sorted((ROOT / "compare").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            at = MESSAGE_CALLS.get(name)
            if at is None or len(node.args) <= at:
                continue
            lead = _lead(node.args[at])
            if lead is None:
                continue                                  # a message made elsewhere (checked there)
            checked += 1
            assert not english_only(lead.replace("{}", " ")), f"{path.name}:{node.lineno}: {lead!r}"
    assert checked > 60


def test_help_lists_the_comparisons_options_and_says_every_pair_is_compared():
    p = _run("--help")
    for option in ("--out", "--review", "--threshold", "--strict", "--format", "-q, --quiet"):
        assert option in p.stdout, option
    assert "比较选项 Options of compare OLD NEW" in p.stdout
    run_help = _run("run", "--help").stdout
    assert "first against each later one" not in run_help and "every pair" in " ".join(run_help.split())
    for text in (p.stdout, run_help, _run("inspect", "--help").stdout):     # an 80-column terminal
        assert max(map(display_width, text.splitlines())) <= 80


def test_a_mistyped_command_is_named_and_a_file_still_runs(tmp_path):
    p = _run("inpsect", THREE[0])
    assert p.returncode == 2 and "did you mean 'inspect'" in p.stderr and "是要用 inspect 吗" in p.stderr
    assert "file not found" not in p.stderr
    p = _run("inspect.txt", THREE[0])                   # reads as a file's name: "not found", no guess
    assert p.returncode == 2 and "inspect.txt: 文件不存在 file not found" in p.stderr
    (tmp_path / "inpsect").write_text(Path(THREE[1]).read_text(encoding="utf-8"), encoding="utf-8")
    p = _run("inpsect", THREE[0], "--out", tmp_path / "out", "--format", "json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr                  # a file of that name is compared, not corrected


def test_a_compilations_parts_are_listed_once_each(tmp_path):
    p = _run("inspect", ROOT / "inputs" / "study-compilation-2025-03.txt#9")
    assert p.returncode == 2
    tags = re.findall(r"(#\d+) ", p.stderr)
    assert tags and len(tags) == len(set(tags)), tags


# ---------------------------------------------------------------- compare corpus

def test_corpus_help_is_bilingual_and_fits_80_columns():
    from compare.cli import corpus_cmd
    p = _run("corpus", "--help")
    assert p.returncode == 0, p.stderr
    for said in ("用法 Usage:", "选项 Options", "退出码 Exit codes", "显示帮助 show this message"):
        assert said in p.stdout, said
    for option in ("--out", "--meta", "--scheduler", "--review", "--threshold", "-q, --quiet"):
        assert option in p.stdout, option
    texts = [corpus_cmd.help, corpus_cmd.short_help] + [o.help for o in corpus_cmd.params if o.param_type_name == "option"]
    for text in texts:
        assert CJK.match(text) and not english_only(text), text        # each opens in Chinese
    assert max(map(display_width, p.stdout.splitlines())) <= 80
    assert "corpus   多份文件的措施家族与沿革 families and lineage" in _run("--help").stdout


def test_corpus_errors_are_one_line_chinese_first_without_a_traceback(tmp_path):
    plan = THREE[0]
    (tmp_path / "empty").mkdir()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    (tmp_path / "meta.csv").write_text("name\nx\n", encoding="utf-8")
    out = tmp_path / "out"
    cases = [
        ([tmp_path / "nope", "--out", out], 2, "nope: 文件不存在 file not found"),
        ([tmp_path / "empty", "--out", out], 2, "没有找到可读的文件 no documents found"),
        ([plan, "--out", out, "--threshold", "9"], 2, "--threshold 须为 0.2 到 5 之间的数"),
        ([plan, "--out", out, "--threshold", "nan"], 2, "--threshold 须为 0.2 到 5 之间的数"),
        ([plan, "--out", out, "--meta", tmp_path / "meta.csv"], 2, "元数据 CSV 的首行须为表头"),
        ([plan, "--out", out, "--review", tmp_path / "none.xlsx"], 2, "none.xlsx: 审阅表不存在"),
        ([plan, "--out", tmp_path / "a-file"], 3, "输出文件夹是文件 output folder is a file"),
        ([plan], 2, "缺少参数 Missing option '--out'"),
    ]
    for args, code, said in cases:
        p = _run("corpus", *args)
        lines = p.stderr.strip().splitlines()
        assert p.returncode == code and len(lines) == 1, (args, p.returncode, p.stderr)
        assert lines[0].startswith("compare: error: ") and said in lines[0], (said, lines[0])
        assert "Traceback" not in p.stderr and not english_only(lines[0].removeprefix("compare: error: ")), lines[0]


def test_corpus_run_says_what_it_did_chinese_first(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in THREE[:2]:
        (plans / name.name).write_bytes(name.read_bytes())
    (plans / "broken.docx").write_bytes(b"not a zip")
    p = _run("corpus", plans, "--out", tmp_path / "out")
    assert p.returncode == 0, p.stderr
    lines = p.stderr.strip().splitlines()
    said = [line for line in lines if not line.startswith("… ")]           # progress lines start with …
    assert said[0].startswith("跳过 skipped: ") and "broken.docx" in said[0], said
    assert "2 份文件、61 项措施" in said[-1]
    assert [line for line in lines if english_only(line.removeprefix("… "))] == []


@pytest.fixture(scope="module")
def corpus_reports(tmp_path_factory):
    """A small corpus run after a round of review (applied and skipped verdicts, a note) with a
    file that cannot be read: its page and workbook (tasks run in this process: corpus_fixtures)."""
    from corpus_fixtures import make_corpus

    import compare
    from compare.corpus.review import FAMILY_SHEET, MEASURE_SHEET, NOTES, REVIEW, TARGET_MEASURE
    root = make_corpus(tmp_path_factory.mktemp("corpus-lang"), plans=4, seed=7)
    (root / "plans" / "broken.docx").write_bytes(b"not a zip")
    first = compare.corpus([root / "plans"], meta=root / "meta.csv", out=root / "out", formats=("xlsx",),
                           workers=1)
    book = openpyxl.load_workbook(root / "out" / "corpus.xlsx")
    edits = {FAMILY_SHEET: {2: {REVIEW: "确认"}},
             MEASURE_SHEET: {2: {REVIEW: "拆出"}, 3: {REVIEW: "移至", TARGET_MEASURE: "F9999"}, 4: {NOTES: "待查"}}}
    for sheet, rows in edits.items():
        ws = book[sheet]
        head = {c.value: c.column for c in ws[1]}
        for row, values in rows.items():
            for header, value in values.items():
                ws.cell(row=row, column=head[header], value=value)
    book.save(root / "reviewed.xlsx")
    again = compare.corpus([root / "plans"], meta=root / "meta.csv", out=root / "out2", review=root / "reviewed.xlsx",
                           workers=1)
    assert len(first.skipped) == 1 and sorted(v.applied for v in again.review) == [False, True, True, True]
    return root / "out2"


def test_the_corpus_page_has_no_english_only_text(corpus_reports):
    import json
    soup = BeautifulSoup((corpus_reports / "corpus.html").read_text(encoding="utf-8"), "html.parser")
    pieces = _pieces(soup)
    assert len(pieces) > 100
    found = {p: english_only(p) for p in pieces if english_only(p)}
    assert not found, list(found.items())[:10]
    data = json.loads(soup.find(id="data").string)          # what the family pages are drawn from
    statuses = [f["statuses"] for f in data["families"]]
    assert all(s and not english_only(s) for s in statuses), statuses[:5]
    assert any("新增 new" in s for s in statuses)


def test_the_corpus_workbook_has_no_english_only_cell(corpus_reports):
    from compare.corpus.workbook import DOCUMENT_COLUMNS, FAMILY_COLUMNS, MEASURE_COLUMNS
    hidden = {c.header for c in (*FAMILY_COLUMNS, *MEASURE_COLUMNS, *DOCUMENT_COLUMNS) if c.hidden}
    book = openpyxl.load_workbook(corpus_reports / "corpus.xlsx", read_only=True)
    found, cells = {}, []
    assert [ws.title for ws in book.worksheets] == ["家族 Families", "措施 Measures", "文件 Documents", "采纳 Adoptions",
                                                  "逐年 Years", "地区 Jurisdictions", "跳过 Skipped"]
    for ws in book.worksheets:
        rows = ws.iter_rows(values_only=True)
        head = next(rows)
        skip = {k for k, h in enumerate(head) if h in hidden}
        for row in [head, *rows]:
            for k, v in enumerate(row):
                if isinstance(v, str) and k not in skip:
                    cells.append(v)
                    if english_only(v):
                        found[(ws.title, v[:60])] = english_only(v)
    book.close()
    assert len(cells) > 500
    assert not found, list(found.items())[:10]
    for said in ("✔ 已确认 confirmed", "✔ 已拆出", "⚠ 未采用 skipped：F9999", "✔ 备注已保留 note kept", "延续 continued"):
        assert any(said in v for v in cells), said
