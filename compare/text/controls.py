"""Control characters: taken out of every text that enters (documents, reviewed workbooks), and
escaped in what is printed on a terminal (file names, messages).

A control character (C0 other than tab, line feed and carriage return; DEL; C1) prints nothing
a reader can see, yet NUL and ESC reaching a page, a JSON file or a terminal do harm: an escape
sequence can rewrite the user's screen. Form feed and vertical tab end a line or a page in text
saved from PDFs and printers, so they become line feeds instead.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
LINE_BREAKS = re.compile(r"[\x0b\x0c]")
MAX_RECORDS = 100           # lines listed one by one; the rest are counted in one more record


def remove_controls(text: str) -> tuple[str, list[dict[str, str]]]:
    """The text without control characters (form feed and vertical tab as line feeds), and one
    record per line that held any: {"text": "", "reason": "control characters", "where":
    "line 12: U+001B ×2 in 「推进高铁…」"}. `text` is empty: nothing printed was removed."""
    text = LINE_BREAKS.sub("\n", text)
    if not CONTROL.search(text):
        return text, []
    records: list[dict[str, str]] = []
    more = 0
    lines = text.split("\n")
    for n, line in enumerate(lines, start=1):
        found = CONTROL.findall(line)
        if not found:
            continue
        lines[n - 1] = clean = CONTROL.sub("", line)
        if len(records) >= MAX_RECORDS:
            more += 1
            continue
        counts = ", ".join(f"U+{ord(ch):04X} ×{k}" for ch, k in Counter(found).items())
        records.append({"text": "", "reason": "control characters",
                        "where": f"line {n}: {counts} in 「{clean.strip()[:24]}」"})
    if more:
        records.append({"text": "", "reason": "control characters", "where": f"… and {more} more lines"})
    return "\n".join(lines), records


def removed_summary(records: list[dict[str, str]]) -> str:
    """"removed control characters from 2 lines (`compare inspect --removed` lists them)"."""
    n = sum(1 for r in records if r.get("where", "").startswith("line "))
    extra = next((r["where"] for r in records if r.get("where", "").startswith("…")), "")
    if extra:
        n += int(re.sub(r"\D", "", extra) or 0)
    return (f"删去 {n} 行中的控制字符 removed control characters from {n} line{'s' if n != 1 else ''} "
            "(`compare inspect --removed` lists them)")


def printable(text: str) -> str:
    """Text safe to print on one terminal line: every control, format or line-separator
    character (line breaks, ESC, bidirectional overrides …) shown as its escape (\\n, \\x1b,
    \\u202e); spaces, the ideographic one included, print as they are."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or unicodedata.category(ch) == "Zs"
                   else ch.encode("unicode_escape").decode("ascii") for ch in text)
