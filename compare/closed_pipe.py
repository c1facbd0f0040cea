"""A closed output pipe (`compare inspect FILE | head -1`, head gone): the command ends quietly,
as a program killed by SIGPIPE does, instead of click's exit 1 — which `compare` documents as
an internal error. Python ignores SIGPIPE, so a write to the pipe raises BrokenPipeError."""
from __future__ import annotations

import contextlib
import os
import sys

from compare.errors import EXIT_PIPE


class PipeClosed(Exception):
    """The reader of our output went away. Not an OSError, so click's own handling of EPIPE
    (exit 1) lets it through to `cli.main`."""


@contextlib.contextmanager
def guard():
    """BrokenPipeError inside becomes PipeClosed."""
    try:
        yield
    except BrokenPipeError:
        raise PipeClosed() from None


def end_quietly() -> None:
    """No message, exit 128 + SIGPIPE (as a shell reports for `yes | head -1`). Both streams are
    pointed at the null device first, so nothing still buffered fails again at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError):   # no file descriptor (an embedding program's stream)
            pass
    os.close(devnull)
    sys.exit(EXIT_PIPE)
