"""`python -m compare ARGS` run inside the test process: the same entry point (`compare.cli.main`,
which the program, `cli.program`, calls before its quick exit), arguments, working folder and
environment, with stdout, stderr and the exit code a child process would give — without a fresh
interpreter's ~0.35 s of start-up and imports on every run.

What a child would see is kept where it shows in the output: streams that are not a terminal (80
columns, no colour) and encode like this interpreter's own; Python's default warning filters,
printed on stderr; an exception escaping `main` printed as a traceback with exit code 1. The
SIGTERM handler `main` installs, the working folder and the environment are put back afterwards.

Tests where the process is the point (`python -m compare` itself, a resource limit, a signal, what
a run imports, another process holding the output folder) start one instead.
"""
from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import traceback
import warnings
from pathlib import Path

# A fresh interpreter's warning filters (no -W, no PYTHONWARNINGS), most specific first.
FRESH_FILTERS = [("default", DeprecationWarning, "__main__"), ("ignore", DeprecationWarning, ""),
                 ("ignore", PendingDeprecationWarning, ""), ("ignore", ImportWarning, ""),
                 ("ignore", ResourceWarning, "")]


def _stream(like) -> io.TextIOWrapper:
    """A pipe-like text stream (no file descriptor, not a terminal) encoding as `like` does."""
    encoding = getattr(like, "encoding", None) or "utf-8"
    errors = getattr(like, "errors", None) or "strict"
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors=errors, write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    """What subprocess.run(text=True) would give: decoded, universal newlines."""
    return io.TextIOWrapper(io.BytesIO(stream.buffer.getvalue()), encoding=stream.encoding).read()


def run_compare(*args, cwd: str | Path | None = None, env: dict | None = None,
                prog_name: str = "python -m compare") -> subprocess.CompletedProcess:
    """Run the command line with `args` (paths are turned into strings) in `cwd`, with `env` as
    the whole environment if given; returns a CompletedProcess (returncode, stdout, stderr)."""
    from compare.cli import main
    argv = [str(a) for a in args]
    out, err = _stream(sys.__stdout__), _stream(sys.__stderr__)
    saved_streams = sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    saved_term = signal.getsignal(signal.SIGTERM)

    def show(message, category, filename, lineno, file=None, line=None):
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))

    code = 0
    try:
        if env is not None:
            os.environ.clear()
            os.environ.update(env)
        if cwd is not None:
            os.chdir(cwd)
        sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__ = out, err, out, err
        with warnings.catch_warnings():
            warnings.resetwarnings()
            for action, category, module in reversed(FRESH_FILTERS):
                warnings.filterwarnings(action, category=category, module=module)
            warnings.showwarning = show
            try:
                main(argv, prog_name=prog_name)
            except SystemExit as exc:
                if exc.code is None or isinstance(exc.code, int):
                    code = exc.code or 0
                else:                                   # sys.exit("message"): printed, status 1
                    print(exc.code, file=sys.stderr)
                    code = 1
            except KeyboardInterrupt:                  # Ctrl-C of the test run itself
                raise
            except BaseException:                      # what the interpreter would print and return
                traceback.print_exc(file=sys.stderr)
                code = 1
    finally:
        sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__ = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        signal.signal(signal.SIGTERM, saved_term)
    return subprocess.CompletedProcess([sys.executable, "-m", "compare", *argv], code, _text(out), _text(err))


def without_debug() -> dict:
    """The environment without COMPARE_DEBUG (which turns an internal error into a traceback)."""
    return {k: v for k, v in os.environ.items() if k != "COMPARE_DEBUG"}
