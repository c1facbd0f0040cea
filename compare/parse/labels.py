"""Enumerators: the labels that number chapters (一、), measures (（一）), items (1.), read by form.

A heading is recognised by its form and its place — a paragraph that starts with an enumerator
and goes on with a title or a sentence — not by whether its number continues the sequence. The
sequence is evidence used afterwards (`check_sequence`): it names what is odd (a gap, a number
printed twice, a run out of order, a plan that starts at （三）) and reads a damaged or mistyped
label by its two good neighbours, so one bad number never swallows the measures after it.

Only a few shapes that are usually citations inside a sentence ("（三）类事项", "第三条规定")
need the sequence to agree before they count as headings; a numeral that goes on into a list of
ranks ("一、二级医院", "一、二、三类") is never one.

Everything here works on the matching view of a paragraph (width-folded, and Simplified for a
Traditional document), which has the same length as the printed text, so every position found
here slices the printed paragraph too.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from compare.text.lexicon import GRADES
from compare.text.numerals import CN_NUM, DIGITS, FINANCIAL, cn_number, cn_numeral, financial_numeral

DIGITS.update({"〇": 0, "两": 2, "○": 0, "Ｏ": 0})

# OCR and typing look-alikes of Chinese numerals, as they appear inside a damaged label.
_LOOKALIKE = {"+": "十", "＋": "十", "≡": "三", "-": "一", "—": "一", "–": "一", "－": "一", "ー": "一",
              "_": "一", "=": "二", "＝": "二", "ニ": "二", "〓": "二"}
_DAMAGED_CHARS = re.escape("".join(_LOOKALIKE))

# Symbols that a PDF extraction or a careless edit leaves before a label: quotation marks pushed
# to the line start, bullets, private-use glyphs of symbol fonts, replacement and zero-width marks.
_JUNK = "“”\"'‘’「」『』•·●○◆◇■□▪▫►▶➢√✓※*#>\ufffd\u200b\u200c\u200d\u2060\ufeff\ue000-\uf8ff"

_PAREN_IDEOGRAPH = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"                   # one character each, NFKC gives "(一)"
_PAREN_DIGIT = "".join(chr(c) for c in range(0x2474, 0x2488))    # ⑴ … ⒇
_DIGIT_STOP = "".join(chr(c) for c in range(0x2488, 0x249C))     # ⒈ … ⒛
_CIRCLED = "".join(chr(c) for a, b in ((0x2460, 0x2474), (0x3251, 0x3260), (0x32B1, 0x32C0))
                   for c in range(a, b))                              # ① … ⑳, ㉑ … ㊿
_CIRCLED_LABEL = re.compile(f"([{_CIRCLED}])")    # read on the text: a view folds ① to 1
_BULLET = "\u2022"                                  # `clean.BULLET`: a paragraph's bullet, numbered by its place
_SAYS = re.compile(r"[。；;]")     # a bulleted sentence is a measure; ● 首页 (a page's menu) is not

# Form → (rank in the hierarchy, pattern): 第一部分 or 壹、 > 一、 or 第一节 > 第一条 > （一） > 1. or 1） > （1）.
PART, CHAPTER, ARTICLE, MEASURE, ITEM, SUBITEM, CIRCLED, BULLET = range(8)     # … > （1） > ① > •
FORMS = {
    "part": (PART, re.compile(rf"第\s*([{CN_NUM}\d]+)\s*(?:章|部分|篇|编)")),
    # 壹、 貳、 參、: financial numerals number the level above 一、 in Taiwan-style plans (壹、計畫目標 >
    # 一、… > （一）… > 1.…), as 第一部分 does on the mainland
    "part-financial": (PART, re.compile(rf"([{FINANCIAL}]{{1,4}})\s*、")),
    "section": (CHAPTER, re.compile(rf"第\s*([{CN_NUM}\d]+)\s*节")),      # 第一章 > 第一节 > 第一条
    "chapter": (CHAPTER, re.compile(rf"([{CN_NUM}]+)\s*[、.](?!\d)")),
    # 第十五条之一: an article inserted after 第十五条 by an amendment, numbered outside the sequence
    "article": (ARTICLE, re.compile(rf"第\s*([{CN_NUM}\d]+)\s*条(?:\s*之\s*[{CN_NUM}]+)?")),
    "measure": (MEASURE, re.compile(rf"\(\s*([{CN_NUM}]+)\s*\)|([{_PAREN_IDEOGRAPH}])")),
    "item": (ITEM, re.compile(rf"(\d{{1,4}})\s*[.、](?!\d)|(\d{{1,3}})\s*\)|([{_DIGIT_STOP}])")),
    "item-paren": (SUBITEM, re.compile(rf"\(\s*(\d{{1,3}})\s*\)|([{_PAREN_DIGIT}])")),
    # Decimal numbering (1 总体目标 > 1.1 … > 1.1.1 …), a label only when a space or 、 follows
    # it (2.5亿元 is a number; `clean` keeps that space). "2 重点任务" is a candidate chapter,
    # weak until `confirm_chapters` finds the evidence (3 个工作日 stays text).
    "decimal": (MEASURE, re.compile(r"\d{1,3}\.(\d{1,3})(?:、|(?=\s))")),
    "decimal-item": (ITEM, re.compile(r"\d{1,3}\.\d{1,3}\.(\d{1,3})(?:、|(?=\s))")),
    "decimal-chapter": (CHAPTER, re.compile(r"(\d{1,3})\s+(?=[^\W\d_])")),
    # 一 总体要求: a numeral and a space where 、 was lost (PDF, web copies); a chapter only in a
    # run of such headings (一 …, 二 …), see `confirm_chapters`.
    "chapter-spaced": (CHAPTER, re.compile(r"([一二三四五六七八九十]{1,3})\s+(?=[^\W\d_])")),
}
_TITLE_LIKE = re.compile(r"[^。；;，,：:！？!?]{1,30}")
_DAMAGED = {
    "measure": re.compile(rf"\(\s*([{CN_NUM}{_DAMAGED_CHARS}]{{1,6}})\s*\)"),
    "chapter": re.compile(rf"([{CN_NUM}{_DAMAGED_CHARS}]{{1,6}})\s*、"),
}
_JUNK_PREFIX = re.compile(rf"[{_JUNK}\s]{{1,4}}")

# A unit or magnitude after a number: "2.5 亿元", "3.2 万人次" (a PDF puts spaces around numbers).
_QUANTITY = re.compile(r"[亿万千百%％倍]|元|个|人|次|项|家|所|公里|米|吨|小时|天|余|多|年|月|日|岁|台|辆|张|套|户|床|平方")

# What a label can never be followed by (it is then a citation or a list inside a sentence).
_NEVER_AFTER = re.compile(r"[、，,。；;：:）)%％]")
# Numerals that go on into a rank (一、二级医院, 一、二、三类, 1、2档): the numeral begins a list of
# ranks in a sentence; a measure word of rank or grade follows the last of them.
_RANKS_AFTER = re.compile(rf"[{CN_NUM}\d]{{1,3}}(?:\s*[、,和及至到]\s*[{CN_NUM}\d]{{1,3}})*\s*(?:{'|'.join(GRADES)})")
# What makes a label look like a citation; such a label counts only when the sequence agrees.
_CITATION_AFTER = {
    "measure": re.compile(r"类(?:事项|情形|人员|情况|对象)|项(?!目)|款|条(?:规定|所|的|中)|至|"
                          r"[和或及与]\s*\(|中[的所]|的|等[项类情]"),
    "article": re.compile(r"规定|所[称指列述]|的|中|和|至|第|及|或|项|款"),
    "part": re.compile(r"规定|所[称指列述]|的|中|和|至|第|及|或|节"),
    "section": re.compile(r"规定|所[称指列述]|的|中|和|至|第|及|或"),
    "chapter": re.compile(rf"[{CN_NUM}\d]"),
    "item": re.compile(r"\d"),
    "decimal": _QUANTITY,
    "decimal-item": _QUANTITY,
}


_LABEL_MARKS = str.maketrans("【】〔〕。、", "[]()..")


def printed_label(label: str) -> str:
    """A label as it leads its text: 一、 and （一） join it; 2, 2.1 and 一 (where the 、 was lost)
    take a space (2 重点任务)."""
    return f"{label} " if label[-1:].isdigit() or label[-1:] in CN_NUM else label


def fold_label(label: str) -> str:
    """A printed label reduced to its numeral, so that a reader may type it in any width or
    shape: （十七）, (十七), ( 十七 ), 〔十七〕 and 十七、 all give 十七; 1. 1、 and １． give 1."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", label).translate(_LABEL_MARKS))
    return text.strip("()[].")


@dataclass
class Label:
    """An enumerator at the start of a paragraph, with where it sits in the printed text."""
    form: str                 # part | section | chapter | article | measure | item | item-paren | decimal…
    rank: int                 # PART … CIRCLED: lower ranks hold higher ones
    value: int | None         # None when the numeral is damaged ((+), (—))
    guess: int | None         # a damaged numeral read through its look-alikes, if it reads
    label: str                # printed label, e.g. "（十二）"
    token: str                # printed numeral inside it, e.g. "十二" or "+"
    rest: str                 # printed text after the label
    junk: str = ""            # printed stray symbols before the label ("“", "")
    weak: bool = False        # a citation-like shape: a heading only if the sequence agrees
    rest_view: str = ""       # the view of `rest`
    printed: str = ""         # the label as printed, when `label` is its reading (2. read as chapter 2)

    @property
    def inserted(self) -> bool:
        """第十五条之一: an article an amendment inserted, outside the numbering."""
        return self.form == "article" and "之" in self.label

    def relabel(self, n: int) -> str:
        """This label as it would print number n (for messages: "（十三） missing")."""
        for table in (_PAREN_IDEOGRAPH, _PAREN_DIGIT, _DIGIT_STOP):
            if len(self.token) == 1 and self.token in table:
                return table[n - 1] if 1 <= n <= len(table) else str(n)
        numeral = (str(n) if self.token.strip().isdigit() else cn_numeral(n) if self.form != "part-financial"
                   else financial_numeral(n, traditional=bool(set(self.token) & set("貳參陸萬"))))
        if self.form.startswith("decimal"):                  # 2.3: the last number is this one's
            return re.sub(r"\d+(?=\D*$)", numeral, self.label)
        return self.label.replace(self.token, numeral, 1) if self.token else self.label


def read_label(para: str, view: str) -> Label | None:
    """The enumerator that starts this paragraph, if any (see the module docstring)."""
    junk = ""
    m = _JUNK_PREFIX.match(view)
    if m and m.end() < len(view):
        junk = para[: m.end()]
        start = m.end()
    else:
        start = 0
    if (m := _CIRCLED_LABEL.match(para, start)) is not None:
        lab = _make("circled", CIRCLED, _CIRCLED.index(m.group(1)) + 1, None, para, view, start, m, m.group(1), junk)
        if lab:
            return lab
    for form, (rank, rx) in FORMS.items():
        m = rx.match(view, start)
        if m:
            num = next(g for g in m.groups() if g)
            value = _single_char_value(num) or cn_number(num)
            lab = _make(form, rank, value, None, para, view, start, m, num, junk)
            if lab:
                return lab
    for form, rx in _DAMAGED.items():
        m = rx.match(view, start)
        if m and any(ch in _LOOKALIKE for ch in m.group(1)):
            guess = _guess(m.group(1))
            lab = _make(form, FORMS[form][0], None, guess, para, view, start, m, m.group(1), junk)
            if lab and lab.rest and not lab.weak:
                return lab
    if para.startswith(_BULLET) and _SAYS.search(para):  # •推进…。 (`clean` made every bullet this one)
        tail = para[1:]
        a, b = len(tail) - len(tail.lstrip()), len(tail.rstrip())
        return Label("bullet", BULLET, 1, None, _BULLET, "", tail[a:b], "", False, view[1:][a:b])
    return None


def _make(form, rank, value, guess, para, view, start, m, num, junk) -> Label | None:
    after = view[m.end():].lstrip()
    if _NEVER_AFTER.match(after) or _RANKS_AFTER.match(after):
        return None
    if form == "chapter" and m.group(0).rstrip().endswith(".") and not after:
        return None                       # "十." alone is not a heading
    weak = bool(after) and bool((rx := _CITATION_AFTER.get(form)) and rx.match(after))
    if form == "item" and value is not None and value >= 1000:
        weak = True                       # 2025. at a line start is a year, not item 2025
    if form in ("decimal-chapter", "chapter-spaced"):
        weak = True                       # a chapter only with evidence: confirm_chapters
    label = para[start:m.end()].strip()
    i = m.start(next(k for k, g in enumerate(m.groups(), 1) if g))
    token = para[i:i + len(num)]
    tail = para[m.end():]
    a, b = len(tail) - len(tail.lstrip()), len(tail.rstrip())
    return Label(form, rank, value, guess, label, token, tail[a:b], junk.strip(), weak, view[m.end():][a:b])


def _single_char_value(num: str) -> int | None:
    for table in (_PAREN_IDEOGRAPH, _PAREN_DIGIT, _DIGIT_STOP):
        if len(num) == 1 and num in table:
            return table.index(num) + 1
    return None


def _guess(token: str) -> int | None:
    """（+） → 10, （二+） → 20, （—） → 1; None when the look-alikes do not make a numeral."""
    s = "".join(_LOOKALIKE.get(ch, ch) for ch in token)
    if not s or any(ch not in CN_NUM for ch in s) or re.search(r"(.)\1", s.replace("零", "")):
        return None
    n = cn_number(s)
    return n if n > 0 and cn_numeral(n) == s else None


def confirm_chapters(labels: list[Label | None]) -> list[Label | None]:
    """The chapters whose form alone is not evidence enough: decimal numbering's (2 重点任务)
    and 一 总体要求 (a numeral and a space). Candidates that fail are text."""
    return _confirm_spaced(_confirm_decimal(labels))


def _confirm_spaced(labels: list[Label | None]) -> list[Label | None]:
    """一 总体要求, 二 重点任务: chapters when two such titles follow each other in sequence."""
    candidates = [i for i, lab in enumerate(labels)
                  if lab is not None and lab.form == "chapter-spaced" and _TITLE_LIKE.fullmatch(lab.rest_view)]
    confirmed: set[int] = set()
    for a, b in zip(candidates, candidates[1:], strict=False):
        if labels[b].value == labels[a].value + 1:
            confirmed |= {a, b}
    return [replace(lab, form="chapter", weak=False) if i in confirmed
            else None if lab is not None and lab.form == "chapter-spaced" else lab
            for i, lab in enumerate(labels)]


def _confirm_decimal(labels: list[Label | None]) -> list[Label | None]:
    """Decimal numbering's chapters. A title ("2 重点任务", or "2.重点任务", read alone as an
    item) is chapter 2 when 2.1 … follows it before the next chapter, or when it comes just
    before such a chapter in sequence (1 总体目标, then 2 重点任务 with its 2.1 …). Otherwise a
    "2 …" candidate is text and a "2." item stays an item."""
    candidates = [i for i, lab in enumerate(labels) if lab is not None and _TITLE_LIKE.fullmatch(lab.rest_view)
                  and (lab.form == "decimal-chapter" or lab.form == "item" and lab.value is not None)]
    decisive = _next_decisive(labels)
    confirmed = {i for i in candidates if (j := decisive[i + 1]) is not None and labels[j].form == "decimal"
                 and labels[j].label.partition(".")[0] == str(labels[i].value)}
    for k in range(len(candidates) - 2, -1, -1):          # 1 总体目标 before a confirmed 2 重点任务
        i, later = candidates[k], candidates[k + 1]
        if later in confirmed and labels[later].value == labels[i].value + 1:
            confirmed.add(i)
    out = [None if lab is not None and lab.form == "decimal-chapter" else lab for lab in labels]
    for i in confirmed:
        lab = labels[i]
        out[i] = replace(lab, form="decimal-chapter", rank=CHAPTER, label=lab.label.rstrip(".、").strip(), weak=False,
                         printed=lab.label)
    return out


def _next_decisive(labels: list[Label | None]) -> list[int | None]:
    """For each position, the first label from there on that decides a candidate chapter: a
    decimal measure (2.1: is it this chapter's?) or another chapter (then none follows it).
    One pass from the end, so confirming every candidate costs one look each."""
    out: list[int | None] = [None] * (len(labels) + 1)
    for i in range(len(labels) - 1, -1, -1):
        lab = labels[i]
        decides = lab is not None and lab.form != "decimal-chapter" and (lab.rank <= CHAPTER or lab.form == "decimal")
        out[i] = i if decides else out[i + 1]
    return out


def _sequence_key(lab: Label) -> str:
    """Headings of one key are one sequence: a form, and for 2.1 2.2 … also their prefix, so
    3.1 after 2.2 starts a sequence of its own whether or not chapter 3 is printed."""
    return f"{lab.form}:{lab.label.rpartition('.')[0]}" if lab.form.startswith("decimal") else lab.form


# --- the sequence as evidence ---------------------------------------------------------------------------

@dataclass(eq=False)
class Numbered:
    """A heading in document order: its label, its parent heading (None at the top), its
    position; `number` is filled in by check_sequence (the read value, or the inferred one)."""
    label: Label
    parent: object | None
    order: int
    number: int = 0


def check_sequence(nodes: list[Numbered]) -> list[tuple[int, str]]:
    """Give every heading its number and return [(order, warning)] for what is odd.

    Headings of one form are one sequence; where a form restarts under each parent (items
    under each measure, or measures under each chapter), each parent's run is a sequence.
    """
    warnings: list[tuple[int, str]] = []
    by_form: dict[str, list[Numbered]] = {}
    for n in nodes:
        if n.label.inserted:              # 第十五条之一 keeps 15 and is no number of the sequence
            n.number = n.label.value
            continue
        by_form.setdefault(_sequence_key(n.label), []).append(n)
    for seq in by_form.values():
        for run, scope in _runs(seq):
            warnings.extend(_resolve(run, scope))
    return warnings


def _runs(seq: list[Numbered]):
    """Split one form's headings into runs that are each numbered 1, 2, 3 …: a new run starts
    where a new parent restarts at 1 (（一） under each chapter, 1. under each measure). Where a
    new parent starts at another number, the document's habit decides: a new run if most parents
    restart, else the run goes on (（十二） in one chapter, （十四） in the next: a gap)."""
    restart = cont = 0
    for prev, cur in zip(seq, seq[1:], strict=False):
        if cur.parent is not prev.parent:
            if cur.label.value == 1:
                restart += 1
            elif prev.label.value is not None and cur.label.value == prev.label.value + 1:
                cont += 1
    by_parent = restart > cont
    runs: list[tuple[list[Numbered], object | None]] = []
    for n in seq:
        if runs and n.parent is not runs[-1][0][-1].parent:
            v, pv = n.label.value, runs[-1][0][-1].label.value
            if v == 1 or (by_parent and v is not None and (pv is None or v != pv + 1)):
                runs.append(([n], n.parent if by_parent else None))
                continue
        if runs:
            runs[-1][0].append(n)
        else:
            runs.append(([n], n.parent if by_parent else None))
    return runs


def _resolve(run: list[Numbered], scope) -> list[tuple[int, str]]:
    out = []
    where = f" under {scope.label.label}" if scope is not None else ""
    zh = f"（{scope.label.label}下）" if scope is not None else ""
    prev_node: Numbered | None = None
    for i, node in enumerate(run):
        nxt_node = run[i + 1] if i + 1 < len(run) else None
        v, warning = _read_number(node.label, prev_node, nxt_node, where, zh)
        if warning:
            out.append((node.order, warning))
        node.number = v
        prev_node = node
    return out


def _read_number(lab: Label, prev_node: Numbered | None, nxt_node: Numbered | None,
                 where: str, zh: str = "") -> tuple[int, str]:
    """The number label `lab` is read as, between the headings before and after it, and the
    warning that reading earns ("" for the expected next number), Chinese first (`zh`: where,
    in Chinese; `where` in English)."""
    prev = prev_node.number if prev_node else 0
    nxt = nxt_node.label.value if nxt_node else None
    v = lab.value
    between = _between(prev_node, prev, nxt_node, nxt)
    if v is None:                                     # damaged: (+), (—)
        if lab.guess is None or lab.guess == prev + 1 or nxt is None or nxt == prev + 2:
            v = prev + 1
        else:
            v = lab.guess
        return v, f"编号{zh}：{lab.label} 读作 {lab.relabel(v)} numbering: {lab.label} read as {lab.relabel(v)} {between}{where}"
    if v == prev + 1:
        return v, ""
    if nxt == prev + 2:                               # one wrong label between two good ones
        if v == prev:
            return prev + 1, (f"编号{zh}：{lab.label} 出现两次，第二个读作 {lab.relabel(prev + 1)} "
                              f"numbering: {lab.label} appears twice{where}; the second, "
                              f"before {nxt_node.label.label}, is read as {lab.relabel(prev + 1)}")
        return prev + 1, (f"编号{zh}：{lab.label} 读作 {lab.relabel(prev + 1)} "
                          f"numbering: {lab.label} {between}{where} is read as {lab.relabel(prev + 1)}")
    return v, _out_of_sequence(lab, prev_node, prev, v, where, zh)


def _between(prev_node: Numbered | None, prev: int, nxt_node: Numbered | None, nxt: int | None) -> str:
    """Where a heading stands, for messages: "between （二） and （四）", "after …", "before …"."""
    after = f"after {prev_node.label.relabel(prev)}" if prev_node else ""
    before = f"before {nxt_node.label.label}" if nxt is not None else ""
    return (f"between {prev_node.label.relabel(prev)} and {nxt_node.label.label}"
            if after and before else after or before or "at the start")


def _out_of_sequence(lab: Label, prev_node: Numbered | None, prev: int, v: int, where: str, zh: str = "") -> str:
    """The warning for a number that is kept although it does not follow `prev`."""
    if not prev_node:
        return f"编号{zh}从 {lab.label} 开始 numbering{where} starts at {lab.label}"
    if v == prev:
        return f"编号{zh}：{lab.label} 出现两次 numbering: {lab.label} appears twice{where}"
    if v > prev + 1:
        return (f"编号{zh}：{prev_node.label.relabel(prev)} 之后缺少 {_missing(lab, prev, v)} "
                f"numbering: {_missing(lab, prev, v)} missing after {prev_node.label.relabel(prev)}{where}")
    if v == 1:
        return (f"编号{zh}在 {prev_node.label.relabel(prev)} 之后从 {lab.label} 重新开始 "
                f"numbering restarts at {lab.label} after {prev_node.label.relabel(prev)}{where}")
    return (f"编号{zh}：{lab.label} 顺序不对（在 {prev_node.label.relabel(prev)} 之后） "
            f"numbering: {lab.label} out of order after {prev_node.label.relabel(prev)}{where}")


def _missing(lab: Label, prev: int, v: int) -> str:
    if v - prev == 2:
        return lab.relabel(prev + 1)
    if v - prev <= 4:
        return "、".join(lab.relabel(k) for k in range(prev + 1, v))
    return f"{lab.relabel(prev + 1)}–{lab.relabel(v - 1)} ({v - prev - 1} numbers)"
