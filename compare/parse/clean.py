"""Cleaning: from extracted text to paragraphs, and from paragraphs to a matching form.

Three outputs, three purposes:
- `clean(text)` keeps the printed characters (reports show them) but drops page furniture
  (running headers, page numbers), scraper noise and artefacts, and re-joins lines that a PDF
  or a web page broke inside a sentence. Every dropped line is returned with its reason, so
  nothing is lost without an account (`paragraphs(text)` is the paragraphs alone).
- `view(text)` is the text structure matches its patterns on: width-folded, Simplified for a
  Traditional document, with every character where it was printed (same length).
- `normalize(text)` is what matching compares: width-folded (NFKC), Simplified, quotes
  unified, no whitespace. （一） and (一), ， and , compare equal.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from compare.parse.back_matter import DATE, is_list_heading, starts_back_matter
from compare.parse.closing import ROLE_LINE
from compare.parse.labels import Label, read_label
from compare.text.normalize import display_width, fold, is_traditional, joiner, view

# A compilation's 附件N line starts a paragraph (and a new document): 附件1, or 附件一 as many offices number them.
ATTACHMENT_LINE = re.compile(r"^附\s*件\s*(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})?\s*[:：]?\s*$")

# A line that ends here ends its paragraph (unless a wrapped PDF cut it at full width).
TERMINAL = tuple("。！？；：!?;:）)】」』")

# Characters that cannot open a paragraph: a line starting with one continues the line above.
CONTINUATION = frozenset("、，。；：！？,;:!?）)」』”’》〕】")
# Characters that cannot close a paragraph: the next line continues the sentence, whatever it is.
OPEN_ENDED = frozenset("、，,（(《“‘「『【〔")

# Page furniture and scraper noise, matched on the stripped, width-folded line.
PAGE_NUMBER = re.compile(r"^(?:[-—–~]+\s*\d{1,4}\s*[-—–~]+|第\s*\d{1,4}\s*页(?:\s*[/,,]?\s*共\s*\d{1,4}\s*页)?"
                         r"|\d{1,4}\s*/\s*\d{1,4}|\d{1,3})$")
RUNNING_HEADER = re.compile(r"^.{2,30}(?:人民政府|办公厅|办公室|委员会|政府|厅|局|部)\s*(?:文件|发布)$")
NOISE_LINE = re.compile(
    r"(?:浏览器|分辨率|打印本页|关闭窗口|【\s*打印\s*】|【\s*关闭\s*】|字[体号]\s*[:：]?\s*[【\[]?\s*大\s*中\s*小|"
    r"分享到|扫一扫|责任编辑|访问量|浏览次数|您(?:当前)?的位置|当前位置|网站地图|联系我们|版权所有|ICP备|公网安备|"
    r"本站|网站标识码|Copyright)", re.IGNORECASE)
# Decoration a web page or a scraper leaves inside the text (★ marks, ● bullets, ▲ ※): geometric
# shapes, miscellaneous symbols, dingbats and pictographs — never a character of the text. ○ and ◯
# are kept: they are typed as the numeral zero (二○二五年).
DECORATION = "\u25a0-\u25ca\u25cc-\u25ee\u25f0-\u25ff\u2600-\u27bf\u203b\u2b50-\u2b55\U0001f300-\U0001faff"
ARTEFACT = re.compile(rf"\[bookmark:[^\]]*\]|\[image:[^\]]*\]|\[link:[^\]]*\]|[{DECORATION}]+")
# A bullet before a paragraph's text (●推进…, not ●一、…): kept as BULLET, an enumerator without a number.
BULLET = "\u2022"
BULLET_LINE = re.compile(rf"^[ \t\u3000]*[{DECORATION}{BULLET}]+[ \t\u3000]*(?=[\u4e00-\u9fff])"
                         r"(?![一二三四五六七八九十百]+\s*[、.．]|第\s*[一二三四五六七八九十百\d]+\s*[章节条部篇])", re.M)
# A table of contents: 目录, and a heading with dot leaders and its page (第一章 总体要求……1), or a
# tab before its page (Word's 目录, whose leaders are the tab stop's: matched before spaces are tidied).
TABLE_OF_CONTENTS = re.compile(r"^(?:目\s*录|\S.{0,60}?\s*[.·•．…⋯_\-]{3,}\s*\d{1,4})$")
TAB_CONTENTS = re.compile(r"^\s*\S[^\t]{1,60}\t+\s*\d{1,3}\s*$")
# A line of decoration only (★★★, ====, ※). Punctuation alone (、 or ）) is text a cut line left.
SYMBOLS_ONLY = re.compile(r"^[\s★☆●◆◇■□▲△▼▽※*#=~_\-—·•◎○|]+$")
# The year of a 文号, in digits or in Chinese numerals (〔二〇二五〕, as some offices print it).
DOC_YEAR = r"(?:19|20)\d{2}|[一二][〇○零][一二三四五六七八九〇○零]{2}"
# A 文号 numbered within its issuer's series, …字第N号 (Taiwan's 府社老字第1130012345號, whose N
# begins with the ROC year), where the mainland prints …〔2025〕N号.
SERIAL_DOC_NUMBER = r"[\u4e00-\u9fff]{1,12}字\s*第\s*\d{1,12}\s*[号號]"
# A line that is only a date or a 文号, perhaps after its label (发布日期：, 发文字号：): a paragraph of its own.
STANDALONE_META = re.compile(
    rf"^(?:[\u4e00-\u9fff]{{2,6}}\s*[:：]\s*)?(?:{DATE}|(?:19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}}|{SERIAL_DOC_NUMBER}|"
    rf"\S{{1,12}}[〔\[［(（【]\s*(?:{DOC_YEAR})\s*[〕\]］)）】]\s*\d{{1,4}}\s*号)$")

_CJK = r"\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+(?=[{_CJK}])")


# A line that starts with a number and a space before a Chinese character: decimal numbering's label
# (2.1 推进…, 2 重点任务), whose space is what tells it from a quantity (2.5亿元), or a chapter title
# whose 、 was lost (一 总体要求); one space is kept. (一 、总体要求 is 一、; a numeral before a
# sentence, as a letter-spaced PDF prints 一 是 加 强 …, keeps no space.)
_LEADING_NUMBER = re.compile(r"\s*(?:(?P<digits>\d{1,3}(?:\.\d{1,3}){0,2})|[一二三四五六七八九十]{1,3})"
                             r"[ \t\u3000\u00a0]+(?=[\u3400-\u9fff])")
_SHORT_TITLE = re.compile(r"[^。，,；;：:]{1,30}")


# Three or more digits one space apart: a number a letter-spaced PDF prints digit by digit (2 0 2 4).
_SPACED_DIGITS = re.compile(r"(?<![\d.])\d(?: \d){2,}(?![\d.])")


def tidy_spaces(line: str) -> str:
    """Spaces next to Chinese characters are extraction artefacts (PDF: "220 个", "2025 年"),
    as are those between the digits of a letter-spaced number, except the one after a leading
    label (see _LEADING_NUMBER)."""
    line = _SPACED_DIGITS.sub(lambda m: m.group(0).replace(" ", ""), line)
    m = _LEADING_NUMBER.match(line)
    rest = _SPACE_NEAR_CJK.sub("", line[m.end():] if m else line).strip()
    if m and (m.group("digits") or _SHORT_TITLE.fullmatch(rest)):
        return f"{m.group(0).strip()} {rest}"
    return _SPACE_NEAR_CJK.sub("", line).strip()


def is_enumerated(line: str) -> bool:
    """Does the line start with an enumerator (perhaps after a stray symbol) or read 附件N?"""
    s = fold(line).strip()
    return read_label(s, s) is not None or bool(ATTACHMENT_LINE.match(s))


def _furniture_reason(s: str) -> str:
    """Why a (stripped, folded) line is page furniture or noise ("page number", …), or "" if it
    is text."""
    if not s:
        return ""
    if PAGE_NUMBER.match(s):
        return "page number"
    if TABLE_OF_CONTENTS.match(s):
        return "table of contents"
    if RUNNING_HEADER.match(s.replace(" ", "")):
        return "running header"
    if len(s) <= 80 and NOISE_LINE.search(s):
        return "web page noise"
    if SYMBOLS_ONLY.match(s) and not re.search(r"\d", s):
        return "decoration"
    return ""


def _page_breaks(text: str) -> set[int]:
    """The lines a form feed ends (pdftotext and printers' text end each page with one): a page
    break after line n, counted as the lines are once each form feed is a line break."""
    if "\f" not in text:
        return set()
    out, line = set(), 0
    for m in re.finditer("[\n\f]", text):
        if m.group(0) == "\f":
            out.add(line)
        line += 1
    return out


def _repeated_headers(lines: list[str], breaks: set[int] = frozenset()) -> dict[int, int]:
    """Short unpunctuated lines printed again and again are running headers or footers — but
    not the units of measures (责任单位：两省市公安部门 under each of six measures). Four
    printings tell one anywhere; beside a page number (a header sits across the page break from
    its page's number), or a page break a form feed marks (`breaks`: the lines after which one
    falls), two do, as a four-page plan prints its header three times, and a header
    that repeats a long title (…方案（2025—2026年）) does. A header repeating the document's 文号
    or title also prints it in the head as the 文号 or title itself: that printing is kept. Returns the indices of the lines to remove, each with how
    often its text is printed."""
    stripped = [ln.strip() for ln in lines]
    short = [s if 2 <= len(s) <= _HEADER_BESIDE_PAGE and not ROLE_LINE.match(s)
             and (not s.endswith(TERMINAL) or _TITLE_LINE.fullmatch(fold(s))) else "" for s in stripped]
    counts = Counter(s for s in short if s)
    if not any(n >= 2 for n in counts.values()):
        return {}
    beside = _beside_page_numbers(stripped, short) | _beside_breaks(stripped, short, breaks)
    twice = Counter(short[i] for i in beside)
    found = {i: counts[s] for i, s in enumerate(short)
             if s and (counts[s] >= 4 and len(s) <= _HEADER or i in beside and twice[s] >= 2) and not is_enumerated(s)}
    for i in _own_title_or_number(stripped, found, beside):
        del found[i]
    return found


_HEADER = 30                # characters: a longer line printed four times is text, not a header
_HEADER_BESIDE_PAGE = 60    # … beside page numbers, a header may repeat a long title


def _beside_page_numbers(stripped: list[str], short: list[str]) -> set[int]:
    """Indices of the candidate lines next to a page number (blank lines aside)."""
    texts = [i for i, s in enumerate(stripped) if s]
    beside = set()
    for k, i in enumerate(texts):
        near = texts[max(k - 1, 0):k] + texts[k + 1:k + 2]
        if short[i] and any(len(stripped[j]) <= 12 and PAGE_NUMBER.match(fold(stripped[j])) for j in near):
            beside.add(i)
    return beside


def _beside_breaks(stripped: list[str], short: list[str], breaks: set[int]) -> set[int]:
    """Indices of the candidate lines that are the last text of a page or the first of the next
    (blank lines aside), when form feeds mark the pages."""
    if not breaks:
        return set()
    at = sorted(breaks)
    texts = [i for i, s in enumerate(stripped) if s]
    beside = set()
    for k, i in enumerate(texts):
        before = texts[k - 1] if k else -1
        after = texts[k + 1] if k + 1 < len(texts) else len(stripped)
        n = bisect_left(at, before)             # the first break at or after the line before
        if short[i] and n < len(at) and at[n] < after:
            beside.add(i)
    return beside


def _own_title_or_number(stripped: list[str], found: dict[int, int], beside: set[int]) -> list[int]:
    """For each header text that reads as a 文号 or a title, its printing in the head (before the
    first heading, away from page numbers) that is the document's own: the last one, when the
    head prints it twice (the first page's header, then the title) or once below the first line
    (a first page without a header). Printed once, as the first line, it is that page's header."""
    head = next((i for i, s in enumerate(stripped) if s and is_enumerated(s)), len(stripped))
    first = next((i for i, s in enumerate(stripped) if s), -1)
    printings: dict[str, list[int]] = {}
    for i in sorted(found):
        if i < head and i not in beside:
            printings.setdefault(stripped[i], []).append(i)
    return [at[-1] for s, at in printings.items()
            if (len(at) > 1 or at[0] != first) and (STANDALONE_META.match(fold(s)) or _TITLE_LINE.fullmatch(fold(s)))]


def wrap_width(line_widths: list[int]) -> int | None:
    """The width at which a PDF extraction broke lines, or None if lines are paragraphs.

    Wrapped text has many lines of (nearly) the same display width; real paragraphs vary.
    `line_widths` are the display widths of the non-empty lines.
    """
    widths = [w for w in line_widths if w]
    if len(widths) < 12:
        return None
    common = Counter(w // 4 for w in widths).most_common(3)
    best = max(common, key=lambda kv: (sum(n for k, n in common if abs(k - kv[0]) <= 1), kv[0]))[0]
    near = sum(1 for w in widths if abs(w // 4 - best) <= 1)
    width = max(w for w in widths if abs(w // 4 - best) <= 1)
    if width >= 40 and near >= 0.35 * len(widths):
        return width
    return None


@dataclass(slots=True)
class _Line:
    """A physical line as the paragraph rules see it (each property computed once)."""
    text: str                      # printed, spaces next to Chinese removed
    folded: str                    # its view (same length)
    label: Label | None            # the enumerator it starts with, if any
    width: int                     # display width
    indented: bool | None = None   # printed after a paragraph's indent; None: indents say nothing (_indents)

    @classmethod
    def of(cls, text: str, simplified: bool = False) -> _Line:
        folded = view(text, simplified)
        return cls(text, folded, read_label(text, folded), display_width(text))

    @property
    def enumerated(self) -> bool:
        return self.label is not None or bool(ATTACHMENT_LINE.match(self.folded))


def _ends_paragraph(ln: _Line, width: int | None) -> bool:
    """Does this line end its paragraph? Headings and complete sentences do; cut lines don't."""
    s = ln.folded
    if STANDALONE_META.match(s) or is_list_heading(s):
        return True
    if _at_margin(ln, width):
        return False                       # a PDF line cut at the margin continues
    if s.endswith(TERMINAL) or _TITLE_LINE.fullmatch(s) and _balanced(s):
        return True
    if ln.enumerated and "。" not in s and "." not in s[3:] and not _bare_label(ln) and _balanced(s):
        return True                        # a heading: 一、总体要求 / （三）加快…发展
    return False


# A line that is a document's title (关于印发…的通知, …实施方案（2025—2027年）): it ends its paragraph,
# so a web page's title and the 主送 line under it stay apart.
_TITLE_LINE = re.compile(r"[^。，,；;：:！？!?]{4,60}(?:通知|方案|规划|意见|办法|决定|计划|纲要|细则|规定|清单|要点)"
                         r"(?:\s*[（(][^（）()]{2,20}[）)])?")

_BRACKETED = re.compile(r"[（(][^（）()]{2,20}[）)]")


def _title_goes_on(last: _Line, line: _Line) -> bool:
    """…行动方案 / （2025—2027年）: a title printed over two lines, its years below it."""
    return line.label is None and bool(_BRACKETED.fullmatch(line.folded)) and bool(_TITLE_LINE.fullmatch(last.folded))


_PAIRS = (("“", "”"), ("(", ")"), ("《", "》"), ("‘", "’"), ("「", "」"), ("[", "]"))


def _balanced(folded: str) -> bool:
    """No quotation mark or bracket left open: a heading cut inside “…” continues below."""
    return all(folded.count(a) <= folded.count(b) for a, b in _PAIRS)


def _cut_mid_sentence(ln: _Line, width: int | None) -> bool:
    """A line that stops inside a sentence: the next line continues it even when it begins like
    a citation (…推进电子身份证互认， / （三）类事项除外). Cut at the margin of a wrapped PDF
    without a closing mark, or ending in 、 ， or an opening bracket. A labelled line cut so is a
    heading (its next line may be a label) unless its title sentence is done (（十一）推进…。组建…技术 /
    50 项。: the number after it is a quantity the wrap moved, not a label). (A next line that begins
    with a label proper still starts a paragraph: structure reads it, and names it if odd.)"""
    if ln.text[-1] in OPEN_ENDED or ln.folded[-1] in OPEN_ENDED:
        return True
    return (_at_margin(ln, width) and not ln.folded.endswith(TERMINAL)
            and (not ln.enumerated or "。" in ln.folded))


def _at_margin(ln: _Line, width: int | None) -> bool:
    """Does the line reach the right margin of a wrapped PDF (so the extraction cut it there)?"""
    return width is not None and ln.width >= 0.85 * width


def _bare_label(ln: _Line) -> bool:
    """A line that is an enumerator and nothing else: its title is on the next line."""
    return ln.label is not None and not ln.label.rest


def _starts_paragraph(ln: _Line) -> bool:
    s = ln.folded
    return (ln.enumerated or s.startswith(BULLET) or bool(STANDALONE_META.match(s)) or starts_back_matter(s)
            or bool(ROLE_LINE.match(s)))


@dataclass
class Cleaned:
    """Paragraphs in printed characters, their views, and every line (or inline artefact) taken
    out, with its reason."""
    paragraphs: list[str] = field(default_factory=list)
    views: list[str] = field(default_factory=list)     # view() of each paragraph
    traditional: bool = False                          # printed in Traditional characters
    removed: list[dict[str, str]] = field(default_factory=list)   # {"text": …, "reason": …}


def clean(text: str) -> Cleaned:
    """Cleaned paragraphs: furniture gone (and accounted for), broken lines re-joined."""
    out = Cleaned(traditional=is_traditional(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    breaks = _page_breaks(text)
    text = text.replace("\f", "\n")
    text = BULLET_LINE.sub(BULLET, text)                 # ● ■ ◆ ▶ before a paragraph's text: one bullet
    for m in ARTEFACT.finditer(text):
        reason = ("web page links" if m.group(0).startswith("[link:") else "artefact" if m.group(0).startswith("[")
                  else "decoration symbol")
        out.removed.append({"text": m.group(0), "reason": reason})
    text = ARTEFACT.sub("", text)
    printed = text.split("\n")
    raw = [tidy_spaces(ln) for ln in printed]
    repeated = _repeated_headers(raw, breaks)
    lines: list[_Line] = []
    for i, (ln, before) in enumerate(zip(raw, printed, strict=True)):
        if not ln:
            continue
        line = _Line.of(ln, out.traditional)
        reason = ("table of contents" if TAB_CONTENTS.match(before) else _furniture_reason(line.folded.strip())) or (
            f"running header or footer (printed {repeated[i]} times)" if i in repeated else "")
        if reason:
            out.removed.append({"text": ln, "reason": reason})
        else:
            line.indented = bool(_INDENT.match(before))
            lines.append(line)
    width = wrap_width([ln.width for ln in lines])
    _indents(lines)
    paras, views = out.paragraphs, out.views
    last: _Line | None = None               # the previous physical line, not the paragraph
    head = True                             # before the first heading, or after a 附件 line
    for line in lines:
        if last is not None and (not head or not _stands_apart(last, line)) and _continues(last, line, width, views[-1]):
            line = _unlabelled(line, out.traditional)
            sep = joiner(paras[-1], line.text)
            paras[-1] += sep + line.text
            views[-1] += sep + line.folded
        else:
            paras.append(line.text)
            views.append(line.folded)
        if line.enumerated and not (line.label and line.label.weak):
            head = bool(ATTACHMENT_LINE.match(line.folded))
        last = line
    return out


# A paragraph's first-line indent as a text or a PDF's lines print it: two ideographic spaces, or four spaces.
_INDENT = re.compile(r"^(?:[\u3000]{2}|[ \u00a0]{4})")


def _indents(lines: list[_Line]) -> None:
    """Indents tell paragraphs apart only where some lines have one and others (the lines a wrap
    continues) do not: in a text that indents every line, or none, they say nothing."""
    share = sum(bool(ln.indented) for ln in lines) / max(len(lines), 1)
    if not 0.1 <= share <= 0.9:
        for ln in lines:
            ln.indented = None


def _stands_apart(last: _Line, line: _Line) -> bool:
    """In a document's head, a title line, its 关于… line and a 文号 line are paragraphs of their
    own even when a line fills the printed width (a wrapped PDF's full line would otherwise go
    on into the next one: title and 文号, or title and the first sentence, one paragraph)."""
    if line.label is not None or line.text[0] in CONTINUATION or _title_goes_on(last, line):
        return False
    if STANDALONE_META.match(line.folded):
        return last.folded[-1] not in OPEN_ENDED
    return _is_title(last) or line.folded.startswith("关于") and _is_title(line)


def _is_title(ln: _Line) -> bool:
    """A line that is a whole title: ends like one (…方案, …的通知, …计划（2025—2027年）), no
    sentence in it, nothing left open."""
    return ln.label is None and bool(_TITLE_LINE.fullmatch(ln.folded)) and _balanced(ln.folded)


def _continues(last: _Line, line: _Line, width: int | None, para: str) -> bool:
    """Does `line` go on the paragraph `last` is in (`para`, its view so far)? It does when it
    cannot open one (、 or ）), when it is a title's years or goes on inside the bracket the
    paragraph left open, when `last` stops mid-sentence or is a bare label and `line` starts no
    heading proper, or when `last` ends no paragraph and `line` starts none."""
    if line.label is None and (line.text[0] in CONTINUATION or _title_goes_on(last, line)) or _in_bracket(para, line):
        return True
    if line.indented and last.folded.endswith(TERMINAL):
        return False                  # a sentence ends at the margin and the next line is indented: 首行缩进
    if line.indented is False and _at_margin(last, width) and not _own_paragraph(line):
        return True                   # …配合单位：B） at the margin / 完成时限：…, not indented: the wrap goes on
    cited = line.label is None or line.label.weak       # no label, or one shaped like a citation
    if cited and (_cut_mid_sentence(last, width) or _bare_label(last)):
        return True
    return not _ends_paragraph(last, width) and not _starts_paragraph(line)


def _own_paragraph(ln: _Line) -> bool:
    """A line that starts a paragraph however it is printed: a label proper, a date or 文号, back matter."""
    return (ln.label is not None and not ln.label.weak) or bool(STANDALONE_META.match(ln.folded)) or starts_back_matter(ln.folded)


def _in_bracket(para: str, line: _Line) -> bool:
    """（牵头单位：A； / 配合单位：B； / 完成时限：2026年12月）: the paragraph leaves a bracket open
    and `line` closes it, or the open bracket is a units clause and `line` its next role — a
    break inside the bracket (after its ；, where a role line could start), not a new paragraph."""
    if para.count("(") <= para.count(")") or line.label is not None and not line.label.weak:
        return False
    if line.folded.count(")") > line.folded.count("("):
        return True
    return bool(ROLE_LINE.match(line.folded)) and bool(ROLE_LINE.match(para[para.rindex("(") + 1:].lstrip()))


def _unlabelled(line: _Line, simplified: bool) -> _Line:
    """A line that goes on a paragraph starts no label: the space `tidy_spaces` kept after what
    looked like one (…完成时限：2026 年 / 12 月）) is an extraction artefact like any other."""
    if line.label is None or not line.label.weak:
        return line
    text = _SPACE_NEAR_CJK.sub("", line.text)
    return line if text == line.text else _Line.of(text, simplified)


def paragraphs(text: str) -> list[str]:
    """Cleaned paragraphs in printed characters: furniture gone, broken lines re-joined."""
    return clean(text).paragraphs


