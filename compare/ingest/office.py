"""Old and foreign office formats (.doc, .wps, .odt, .rtf, .xls, .et, .ods) through LibreOffice.

LibreOffice reads them all and writes .docx/.xlsx, which the readers here understand, numbering and
tables included. It runs headless in a temporary directory, with a timeout, and with a profile of
this process's own (parallel runs would otherwise fight over the user's profile lock; reusing it
within the process saves half a second a file). It is optional: without it these formats get a
one-line error that says how to install it or what to save the file as.
"""
from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from compare.errors import InputError
from compare.ingest.common import refuse_encrypted
from compare.limits import CONVERT_TIMEOUT as TIMEOUT  # a first start builds a profile (a few s)

WRITER, CALC = "docx", "xlsx"
INSTALL = {WRITER: "libreoffice-writer", CALC: "libreoffice-calc"}
_lock = threading.Lock()        # one LibreOffice at a time per profile
_profile: list[str] = []        # this process's profile directory, made on first use


def soffice() -> str | None:
    """LibreOffice's command, if installed (Debian installs `soffice` and `libreoffice`)."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
                      "/Applications/LibreOffice.app/Contents/MacOS/soffice"):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def convert(path, data: bytes, ext: str, target: str) -> bytes:
    """The document's bytes converted by LibreOffice to `target` ("docx" or "xlsx")."""
    refuse_encrypted(path, data)        # LibreOffice cannot open it headless; its error names no password
    command = soffice()
    if command is None:
        raise InputError(path, f"读取 {ext} 文件需要 LibreOffice，但未安装（apt install {INSTALL[target]}），或另存为 .{target} "
                               f"reading {ext} files needs LibreOffice (soffice), which is not installed "
                               f"(apt install {INSTALL[target]}); or save the file as .{target}")
    with tempfile.TemporaryDirectory(prefix="compare-lo-") as tmp, _lock:
        work = Path(tmp)
        source = work / f"input{ext}"   # a plain name: LibreOffice trips over some file names
        source.write_bytes(data)
        profile = _profile_dir()
        try:
            stderr = _run([command, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                           "--convert-to", target, "--outdir", str(work / "out"), str(source)],
                          env={**os.environ, "HOME": str(profile)})
        except subprocess.TimeoutExpired:
            raise InputError(path, f"LibreOffice 未能在 {TIMEOUT} 秒内完成转换 LibreOffice did not finish converting it within {TIMEOUT} s") from None
        except OSError as exc:
            raise InputError(path, f"无法运行 LibreOffice cannot run LibreOffice ({exc.strerror or exc})") from None
        out = work / "out" / f"input.{target}"
        if not out.is_file() or out.stat().st_size == 0:
            said = " ".join(line.strip() for line in stderr.decode("utf-8", "replace").splitlines()
                            if line.startswith("Error"))[:120]
            raise InputError(path, f"LibreOffice 无法将其转换为 .{target} LibreOffice could not convert it to .{target} "
                                   f"(damaged, or not a {ext} file?{'; ' + said if said else ''})")
        return out.read_bytes()


def _run(args: list[str], env: dict) -> bytes:
    """Run LibreOffice in its own process group, so a timeout ends soffice.bin too (the `soffice`
    command is a launcher that starts it as a child). Returns what it printed."""
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=env, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=TIMEOUT)
    except BaseException:               # a timeout, Ctrl-C, SIGTERM: LibreOffice must not outlive us
        try:
            os.killpg(proc.pid, 9)
        except OSError:
            pass
        proc.communicate()
        raise
    return out or b""


def _profile_dir() -> Path:
    if not _profile:
        _profile.append(tempfile.mkdtemp(prefix="compare-lo-profile-"))
        atexit.register(shutil.rmtree, _profile[0], True)
    return Path(_profile[0])
