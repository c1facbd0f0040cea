"""Cleaning: from extracted text to paragraphs, and from paragraphs to a matching form.

Two outputs, two purposes:
- `paragraphs(text)` keeps the printed characters (reports show them) but drops page
  furniture (running headers, page numbers), scraper noise and artefacts, and re-joins lines
  that a PDF or a web page broke inside a sentence.
- `normalize(text)` is what matching compares: width-folded (NFKC), Simplified, quotes
  unified, no whitespace. （一） and (一), ， and , compare equal.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

CN_NUM = "一二三四五六七八九十百零〇两"

# Enumerators that start a new paragraph (checked on the width-folded line).
ENUMERATOR = re.compile(
    rf"^(?:\(\s*[{CN_NUM}]+\s*\)|[{CN_NUM}]+\s*[、.]|\d{{1,2}}\s*[.、](?!\d)|\(\d{{1,2}}\)"
    rf"|第[{CN_NUM}\d]+[章节条部分]|附件\s*\d*\s*$)")

# A line that ends here ends its paragraph (unless a wrapped PDF cut it at full width).
TERMINAL = tuple("。！？；：!?;:）)】」』")

# Characters that cannot open a paragraph: a line starting with one continues the line above.
CONTINUATION = frozenset("、，。；：！？,;:!?）)」』”’》〕】")

# Page furniture and scraper noise, matched on the stripped, width-folded line.
PAGE_NUMBER = re.compile(r"^(?:[-—–~]+\s*\d{1,4}\s*[-—–~]+|第\s*\d{1,4}\s*页(?:\s*[/,,]?\s*共\s*\d{1,4}\s*页)?"
                         r"|\d{1,4}\s*/\s*\d{1,4}|\d{1,3})$")
RUNNING_HEADER = re.compile(r"^.{2,30}(?:人民政府|办公厅|办公室|委员会|政府|厅|局|部)\s*(?:文件|发布)$")
NOISE_LINE = re.compile(
    r"(?:浏览器|分辨率|打印本页|关闭窗口|【\s*打印\s*】|【\s*关闭\s*】|字[体号]\s*[:：]?\s*[【\[]?\s*大\s*中\s*小|"
    r"分享到|扫一扫|责任编辑|访问量|浏览次数|您(?:当前)?的位置|当前位置|网站地图|联系我们|版权所有|ICP备|公网安备|"
    r"本站|网站标识码|Copyright)", re.IGNORECASE)
ARTEFACT = re.compile(r"\[bookmark:[^\]]*\]|\[image:[^\]]*\]|[★☆●◆◇■□▲△▼▽※]{2,}")
# A line of decoration only (★★★, ====, ※). Punctuation alone (、 or ）) is text a cut line left.
SYMBOLS_ONLY = re.compile(r"^[\s★☆●◆◇■□▲△▼▽※*#=~_\-—·•◎○|]+$")
STANDALONE_META = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\S{1,12}[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*\d{1,4}\s*号)$")

_CJK = r"\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+(?=[{_CJK}])")


def fold(text: str) -> str:
    """Width folding only (NFKC): （一）→(一), ，→, , ２０２５→2025."""
    return unicodedata.normalize("NFKC", text)


def display_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def tidy_spaces(line: str) -> str:
    """Spaces next to Chinese characters are extraction artefacts (PDF: "220 个", "2025 年")."""
    return _SPACE_NEAR_CJK.sub("", line).strip()


def is_enumerated(line: str) -> bool:
    return bool(ENUMERATOR.match(fold(line).lstrip()))


def is_furniture(line: str) -> bool:
    """Page numbers, running headers, browser advice, lines of symbols."""
    s = fold(line).strip()
    if not s:
        return False
    if PAGE_NUMBER.match(s) or RUNNING_HEADER.match(s.replace(" ", "")):
        return True
    if len(s) <= 80 and NOISE_LINE.search(s):
        return True
    return bool(SYMBOLS_ONLY.match(s)) and not re.search(r"\d", s)


def _repeated_headers(lines: list[str]) -> set[str]:
    """Short unpunctuated lines printed again and again are running headers or footers."""
    counts = Counter(s for s in (ln.strip() for ln in lines)
                     if 2 <= len(s) <= 30 and not s.endswith(TERMINAL) and not is_enumerated(s))
    return {s for s, n in counts.items() if n >= 4}


def wrap_width(lines: list[str]) -> int | None:
    """The width at which a PDF extraction broke lines, or None if lines are paragraphs.

    Wrapped text has many lines of (nearly) the same display width; real paragraphs vary.
    """
    widths = [display_width(s) for s in lines if s]
    if len(widths) < 12:
        return None
    common = Counter(w // 4 for w in widths).most_common(3)
    best = max(common, key=lambda kv: (sum(n for k, n in common if abs(k - kv[0]) <= 1), kv[0]))[0]
    near = sum(1 for w in widths if abs(w // 4 - best) <= 1)
    width = max(w for w in widths if abs(w // 4 - best) <= 1)
    if width >= 40 and near >= 0.35 * len(widths):
        return width
    return None


def _ends_paragraph(line: str, width: int | None) -> bool:
    """Does this line end its paragraph? Headings and complete sentences do; cut lines don't."""
    s = fold(line)
    if STANDALONE_META.match(s):
        return True
    full = width is not None and display_width(line) >= 0.85 * width
    if full:
        return False                       # a PDF line cut at the margin continues
    if s.endswith(TERMINAL):
        return True
    if is_enumerated(s) and "。" not in line and "." not in s[3:]:
        return True                        # a heading: 一、总体要求 / （三）加快…发展
    return False


def paragraphs(text: str) -> list[str]:
    """Cleaned paragraphs in printed characters: furniture gone, broken lines re-joined."""
    text = ARTEFACT.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n"))
    raw = [tidy_spaces(ln) for ln in text.split("\n")]
    repeated = _repeated_headers(raw)
    lines = [ln for ln in raw if ln and not is_furniture(ln) and ln not in repeated]
    width = wrap_width(lines)
    out: list[str] = []
    last = ""                               # the previous physical line, not the paragraph
    for line in lines:
        continues = line[0] in CONTINUATION            # 、 or ） cannot open a paragraph
        if out and (continues or not _ends_paragraph(last, width) and not is_enumerated(line)
                    and not STANDALONE_META.match(fold(line))):
            out[-1] = _join(out[-1], line)
        else:
            out.append(line)
        last = line
    return out


def _join(left: str, right: str) -> str:
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return left + " " + right
    return left + right


@lru_cache(maxsize=1)
def _t2s():
    """OpenCC's Traditional→Simplified converter, built once (and only when needed)."""
    import opencc
    return opencc.OpenCC("t2s")


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"',
                         "『": '"', "』": '"', "〔": "[", "〕": "]", "【": "[", "】": "]",
                         "—": "-", "–": "-", "－": "-", "～": "~"})
_WS = re.compile(r"\s+")


def normalize(text: str) -> str:
    """The matching form: NFKC, Simplified, unified quotes and dashes, no whitespace."""
    s = _t2s().convert(fold(text).translate(_QUOTES))
    return _WS.sub("", s).lower()
