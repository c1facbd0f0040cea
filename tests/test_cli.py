"""The command line as a user runs it: `compare a b`, `compare inspect`, `python -m compare`.
`run` starts `python -m compare` (version and help, a comparison, the exit code of bad input);
`run_here` runs the same command line in this process (tests/in_process.py)."""
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import INPUTS, ROOT
from in_process import run_compare

A24, A25 = str(INPUTS / "chuanyu-2024.txt"), str(INPUTS / "chuanyu-2025-2027.txt")
A24_TEXT = (INPUTS / "chuanyu-2024.txt").read_text(encoding="utf-8")


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "compare", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=300)


def run_here(*args):
    return run_compare(*args, cwd=ROOT)


def test_version_and_help():
    assert run("--version").stdout.strip().endswith("0.1.0")
    out = run("--help").stdout
    assert "inspect" in out and "python -m compare" in out


def test_inspect_table_lists_measures():
    p = run_here("inspect", A24)
    assert p.returncode == 0, p.stderr
    assert "措施 measures 39" in p.stdout and "推进高铁公交化" in p.stdout


def test_inspect_json_shape():
    p = run_here("inspect", A25, "--json")
    data = json.loads(p.stdout)
    doc = data["documents"][0]
    assert doc["doc_number"] == "渝府办发〔2025〕9号" and doc["date"] == "2025-01-26"
    m = doc["measures"][0]
    assert {"id", "label", "path", "title", "text", "units"} <= set(m)
    assert len(doc["measures"]) == 22


def test_inspect_selector_on_compilation():
    p = run_here("inspect", str(INPUTS / "study-compilation-2025-03.txt") + "#6", "--json")
    assert len(json.loads(p.stdout)["documents"][0]["measures"]) == 20


def test_compare_writes_json_contract(tmp_path):
    p = run(A24, A25, "--out", str(tmp_path), "--format", "json")
    assert p.returncode == 0, p.stderr
    files = list(tmp_path.glob("*.json"))
    assert len(files) == 1 and str(files[0]) in p.stdout
    data = json.loads(files[0].read_text(encoding="utf-8"))
    comp = data["comparisons"][0]
    assert comp["a"] == 0 and comp["b"] == 1
    ids_a = {m["id"] for m in data["documents"][0]["measures"]}
    ids_b = {m["id"] for m in data["documents"][1]["measures"]}
    for link in comp["links"]:
        assert link["a"] in ids_a and link["b"] in ids_b
        assert 0 <= link["score"] <= 1 and link["status"] in {
            "unchanged", "continued", "expanded", "narrowed", "revised"}
        assert "added_items" in link and "removed_items" in link and "diff" in link
    linked_a = {lk["a"] for lk in comp["links"]}
    assert set(comp["unmatched_a"]) == ids_a - linked_a


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    notzip = tmp_path / "fake.docx"
    notzip.write_bytes(b"this is not a zip")
    for args in ([str(empty), A24], [A24, str(notzip)], [A24, str(tmp_path / "missing.txt")],
                 ["inspect", str(empty)]):
        p = run(*args, "--out", str(tmp_path / "out")) if args[0] != "inspect" else run(*args)
        assert p.returncode == 2, (args, p.stderr)
        lines = p.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("compare: error:"), p.stderr
        assert "Traceback" not in p.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_program_exit_keeps_handlers_streams_codes_and_threads(tmp_path):
    """`program` (the installed command and `python -m compare`) ends the process without the
    interpreter's teardown, but not without what an exit owes: the exit handlers run, the
    buffered output arrives, the exit code is main's, and a thread still running is waited for."""
    script = tmp_path / "entry.py"
    script.write_text(
        "import atexit, sys, threading, time\n"
        "from compare.cli import program\n"
        "mark, mode, *args = sys.argv[1:]\n"
        "atexit.register(lambda: open(mark + '.handler', 'w').write('ran'))\n"
        "def late():\n"
        "    time.sleep(0.3)\n"
        "    open(mark + '.thread', 'w').write('done')\n"
        "if mode == 'thread':\n"
        "    threading.Thread(target=late).start()\n"
        "sys.argv[1:] = args\n"
        "program()\n", encoding="utf-8")

    def go(name, mode, *args):
        mark = tmp_path / name
        p = subprocess.run([sys.executable, str(script), str(mark), mode, *args], capture_output=True,
                           text=True, cwd=ROOT, timeout=300)
        return p, mark

    p, mark = go("ok", "plain", A24, A25, "--out", str(tmp_path / "out"), "--format", "json")
    assert p.returncode == 0, p.stderr
    assert str(next((tmp_path / "out").glob("*.json"))) in p.stdout      # piped stdout flushed
    assert Path(f"{mark}.handler").read_text() == "ran"
    p, mark = go("bad", "plain", A24, str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o2"))
    assert p.returncode == 2 and p.stderr.startswith("compare: error:"), p.stderr
    assert Path(f"{mark}.handler").exists()
    p, mark = go("busy", "thread", "--version")
    assert p.returncode == 0 and p.stdout.strip().endswith("0.1.0")
    assert Path(f"{mark}.thread").read_text() == "done" and Path(f"{mark}.handler").exists()


def test_a_run_defers_the_numpy_modules_it_never_uses(tmp_path):
    """`compare A B` registers numpy.testing, numpy.f2py … as lazy modules before scipy.sparse reads
    numpy's namespace (compare/startup.py): after a whole run they are still not executed, and
    one loads as usual when something reads it."""
    script = tmp_path / "entry.py"
    script.write_text(
        "import atexit, json, sys\n"
        "from compare.cli import program\n"
        "mark = sys.argv.pop(1)\n"
        "def report():\n"
        "    lazy = sorted(k for k, m in sys.modules.items() if type(m).__name__ == '_LazyModule')\n"
        "    import numpy\n"
        "    numpy.testing.assert_equal(1, 1)\n"
        "    json.dump({'lazy': lazy, 'sparse': 'scipy.sparse' in sys.modules,\n"
        "               'testing': type(sys.modules['numpy.testing']).__name__}, open(mark, 'w'))\n"
        "atexit.register(report)\n"
        "program()\n", encoding="utf-8")
    mark = tmp_path / "state.json"
    p = subprocess.run([sys.executable, str(script), str(mark), A24, A25, "--out", str(tmp_path / "out"),
                        "--format", "xlsx,html,json", "-q"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr
    state = json.loads(mark.read_text())
    assert state["sparse"] and {"numpy.testing", "numpy.f2py", "numpy.ma"} <= set(state["lazy"])
    assert state["testing"] == "module"                  # read after the run: loaded on demand


def test_deferring_is_a_no_op_once_scipy_is_imported():
    import scipy.sparse  # noqa: F401  (as in a notebook that already uses it)
    from compare.startup import defer_unused_numpy_modules
    assert defer_unused_numpy_modules() == []


def test_unknown_format_is_refused(tmp_path):
    p = run_here(A24, A25, "--out", str(tmp_path), "--format", "pdf")
    assert p.returncode == 2 and "format" in p.stderr


def _into_closed_pipe(*args, closed=("stdout",), cwd=None):
    """`python -m compare ARGS` writing into pipes whose reader is already gone (`… | head -1`
    after head exited): every write fails with EPIPE."""
    ends = {}
    for name in closed:
        r, w = os.pipe()
        os.close(r)
        ends[name] = w
    try:
        return subprocess.run([sys.executable, "-m", "compare", *args], cwd=cwd or ROOT, timeout=300,
                              stdout=ends.get("stdout", subprocess.PIPE), stderr=ends.get("stderr", subprocess.PIPE))
    finally:
        for w in ends.values():
            os.close(w)


def test_a_closed_output_pipe_ends_quietly_with_exit_141(tmp_path):
    """`compare inspect FILE | head -1`: the reader went away, which is no internal error (exit 1):
    no message, no traceback, exit 128 + SIGPIPE as a shell reports for `yes | head -1`."""
    p = _into_closed_pipe("inspect", A24)
    assert p.returncode == 141 and p.stderr == b"", p.stderr
    p = _into_closed_pipe(A24, A25, "--out", str(tmp_path / "out"), "--format", "json")
    assert p.returncode == 141 and b"Traceback" not in p.stderr and b"error" not in p.stderr, p.stderr
    assert [f.name for f in (tmp_path / "out").iterdir()] == ["chuanyu-2024_vs_chuanyu-2025-2027.json"]
    p = _into_closed_pipe(A24, A25, "--out", str(tmp_path / "both"), "--format", "json",
                          closed=("stdout", "stderr"))   # `compare A B |& head -1`
    assert p.returncode == 141        # stopped at the progress line (no reports) or after the reports
    both = tmp_path / "both"
    assert not both.exists() or not [f for f in both.iterdir() if f.name.endswith(".part")]


def test_the_same_file_twice_is_compared_with_a_warning(tmp_path):
    """`compare X X` (or X and a copy of it): not an error, but a warning naming the earlier
    input, since every measure compares as unchanged."""
    small = tmp_path / "plan.txt"
    small.write_text(A24_TEXT, encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(small.read_bytes())
    p = run_here(str(small), str(small), "--out", str(tmp_path / "same"), "--format", "json", "-q")
    assert p.returncode == 0, p.stderr
    assert ("提示 warning: plan.txt: 与第 1 个文件 plan.txt 是同一文件，所有措施都将比较为未变 is the same file as "
            "input 1, plan.txt: every measure compares as unchanged") in p.stderr.splitlines()
    p = run_here(str(small), str(copy), "--out", str(tmp_path / "copy"), "--format", "json", "-q")
    assert p.returncode == 0 and "copy.txt: 与第 1 个文件 plan.txt 内容相同" in p.stderr
    assert "has the same content as input 1, plan.txt" in p.stderr
    p = run_here(A24, A25, "--out", str(tmp_path / "two"), "--format", "json", "-q")
    assert "same file" not in p.stderr and "same content" not in p.stderr
