"""`compare corpus PATH… --out DIR`: a thin shell over compare.corpus; a bad file is skipped with
a one-line message, bad arguments are one-line errors."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from compare.cli import cli

INPUTS = Path(__file__).resolve().parent.parent / "inputs"


def test_a_folder_with_a_bad_file_is_read_and_the_bad_file_skipped(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in ("chuanyu-2024.txt", "chuanyu-2025-2027.txt"):
        shutil.copy(INPUTS / name, plans / name)
    (plans / "broken.docx").write_bytes(b"not a zip")
    r = CliRunner().invoke(cli, ["corpus", str(plans), "--out", str(tmp_path / "out"), "-q"])
    assert r.exit_code == 0, r.output
    skipped = [line for line in r.stderr.splitlines() if line.startswith("跳过 skipped:")]
    assert len(skipped) == 1 and "broken.docx" in skipped[0]
    assert "2 documents, 61 measures" in r.stderr
    assert sorted(Path(p).name for p in r.stdout.split()) == [
        "adoptions.csv", "corpus.html", "corpus.xlsx", "families.csv", "measures.csv", "measures.parquet"]
    m = pd.read_csv(tmp_path / "out" / "measures.csv")
    assert set(m.document) == {"chuanyu-2024.txt", "chuanyu-2025-2027.txt"}
    page = (tmp_path / "out" / "corpus.html").read_text(encoding="utf-8")
    assert "未读取 1 个文件" in page and "broken.docx" in page       # the page says what it lacks


def test_bad_arguments_are_one_line_errors(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(cli, ["corpus", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    assert missing.exit_code == 2 and "not found" in missing.stderr and missing.stderr.count("\n") == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    none = runner.invoke(cli, ["corpus", str(empty), "--out", str(tmp_path / "out")])
    assert none.exit_code == 2 and "no documents found" in none.stderr
    part = runner.invoke(cli, ["corpus", f"{INPUTS / 'study-compilation-2025-03.txt'}#7", "--out", str(tmp_path / "out")])
    assert part.exit_code == 2 and part.stderr.count("\n") == 1 and "without #7" in part.stderr
    meta = tmp_path / "meta.csv"
    meta.write_text("name\nx\n", encoding="utf-8")
    bad_meta = runner.invoke(cli, ["corpus", str(INPUTS / "chuanyu-2024.txt"), "--out", str(tmp_path / "o"),
                                   "--meta", str(meta)])
    assert bad_meta.exit_code == 2 and "`file` column" in bad_meta.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "o").exists()     # a failed run leaves no folder


def test_a_failed_run_into_an_existing_folder_leaves_what_was_there(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    r = CliRunner().invoke(cli, ["corpus", str(tmp_path / "nope"), "--out", str(out)])
    assert r.exit_code == 2 and sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_a_bad_file_is_remembered_as_bad_and_not_read_again(tmp_path):
    import compare
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(INPUTS / "chuanyu-2024.txt", plans / "a.txt")
    (plans / "broken.docx").write_bytes(b"not a zip")
    first = compare.corpus([plans], out=tmp_path / "out")
    again = compare.corpus([plans], out=tmp_path / "out")
    assert first.counts["files_read"] == 2 and again.counts["files_read"] == 0
    assert list(first.skipped.problem) == list(again.skipped.problem) and "broken.docx" in again.skipped.problem[0]


def test_a_closed_output_pipe_ends_the_corpus_quietly(tmp_path):
    """`compare corpus … |& head -1`: exit 141 (128 + SIGPIPE), no traceback, no store left half made."""
    r, w = os.pipe()
    os.close(r)
    try:
        p = subprocess.run([sys.executable, "-m", "compare", "corpus", str(INPUTS / "chuanyu-2024.txt"),
                            str(INPUTS / "chuanyu-2025-2027.txt"), "--out", str(tmp_path / "out")],
                           stdout=w, stderr=w, timeout=300, cwd=INPUTS.parent)
    finally:
        os.close(w)
    assert p.returncode == 141
    out = tmp_path / "out"
    assert not out.exists() or not [f for f in out.iterdir() if f.name.endswith(".part")]
