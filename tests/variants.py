"""Variants of the bundled plans with the numbering mistakes and trailing matter real files have.

Each function takes the text of a bundled plan and returns the text a user might really hold: a
measure missing, a number typed twice, OCR damage, a stray quotation mark, an excerpt, a plan
renumbered 1. 2. 3. or 1.1 1.2 or ① ②, in parts (第一部分 > 一、), chapters without their 、, units on lines of their own, a 版记 or a
web page footer after the last measure, a Traditional-script copy.
The blocks are found with simple patterns of this helper's own, independent of compare.structure,
so a test compares the parser against text whose truth is known by construction.
"""
from __future__ import annotations

import random
import re

CN = "零一二三四五六七八九"
# A heading line of the bundled plans: 一、 / （一） / (一) / 1. at the start of a line.
_HEAD = re.compile(r"^\s*(?:[（(][一二三四五六七八九十百千零]+[）)]|[一二三四五六七八九十]+、|\d{1,3}[.、](?!\d))")
_MEASURE = re.compile(r"^\s*[（(]([一二三四五六七八九十百千零]+)[）)]")
_CHAPTER = re.compile(r"^\s*[一二三四五六七八九十]+、")


def cn(n: int) -> str:
    """1..99999 in Chinese numerals as enumerators print them: 十二, 一百零三, 一千零二十."""
    if n < 10:
        return CN[n]
    if n < 20:
        return "十" + (CN[n % 10] if n % 10 else "")
    out, zero = "", False
    for value, unit in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10 if value < 10000 else n // value
        if d:
            if zero and out:
                out += "零"
            out += (cn(d) if value == 10000 else CN[d]) + unit
            zero = False
        else:
            zero = bool(out)
    return out


def blocks(text: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """(lines before the first heading, [(heading label, lines of that heading's block)])."""
    head: list[str] = []
    out: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        m = _HEAD.match(line)
        if m:
            out.append((m.group(0).strip(), [line]))
        elif out:
            out[-1][1].append(line)
        else:
            head.append(line)
    return head, out


def join(head: list[str], parts: list[tuple[str, list[str]]]) -> str:
    return "\n".join(head + [ln for _, lines in parts for ln in lines])


def measure_labels(text: str) -> list[str]:
    return [label for label, _ in blocks(text)[1] if _MEASURE.match(label)]


def drop(text: str, label: str) -> str:
    """The plan without one measure: a numbering gap."""
    head, parts = blocks(text)
    return join(head, [p for p in parts if p[0] != label])


def relabel(text: str, label: str, new: str) -> str:
    """One enumerator printed differently (mistyped, OCR-damaged, a stray mark before it)."""
    head, parts = blocks(text)
    out = []
    for lab, lines in parts:
        if lab == label:
            first = lines[0].replace(label, new, 1)
            lines = [first] + lines[1:]
        out.append((lab, lines))
    return join(head, out)


def excerpt(text: str, labels: list[str], shuffle: bool = False) -> str:
    """A few measures cut out of a plan, in their order or shuffled, with the plan's title."""
    head, parts = blocks(text)
    picked = [p for lab in labels for p in parts if p[0] == lab]
    if shuffle:
        random.Random(8).shuffle(picked)
    title = [ln for ln in head if ln.strip() and "。" not in ln][-1:]
    return join(title + [""], picked)


def arabic_only(text: str, keep_chapters: bool = False) -> str:
    """工作要点 style: the measures numbered 1. 2. 3. (no （一） level); chapters dropped or kept."""
    head, parts = blocks(text)
    out, n = [], 0
    for lab, lines in parts:
        if _MEASURE.match(lab):
            n += 1
            out.append((lab, [lines[0].replace(lab, f"{n}.", 1)] + lines[1:]))
        elif keep_chapters or not _CHAPTER.match(lab):
            out.append((lab, lines))
    return join(head, out)


def relabelled(text: str, chapter=None, measure=None) -> str:
    """The plan with each chapter's label printed as chapter(k) (its count) and each measure's as
    measure(k, n, m) (its chapter's count, its count in that chapter, its count in the plan);
    None keeps a level's labels."""
    head, parts = blocks(text)
    out, k, n, m = [], 0, 0, 0
    for lab, lines in parts:
        new = None
        if _CHAPTER.match(lab):
            k, n = k + 1, 0
            new = chapter(k) if chapter else None
        elif _MEASURE.match(lab):
            n, m = n + 1, m + 1
            new = measure(k, n, m) if measure else None
        out.append((lab, [lines[0].replace(lab, new, 1)] + lines[1:] if new is not None else lines))
    return join(head, out)


def decimal(text: str) -> str:
    """Decimal numbering: chapter 一、总体要求 → "1 总体要求", its measures （一） → "1.1 …"."""
    return relabelled(text, lambda k: f"{k} ", lambda k, n, m: f"{k}.{n} " if k else None)


def circled(text: str) -> str:
    """Measures （一） → ①, ② … (numbered on across chapters, as （一） are)."""
    return relabelled(text, measure=lambda k, n, m: _circled(m))


def bullets(text: str) -> str:
    """Measures （一） → ● (a web page's list: no numbers at all); every other chapter's 一、 with a
    ● of decoration before it."""
    return relabelled(text, lambda k: f"●{cn(k)}、" if k % 2 else None, lambda k, n, m: "● ")


def _circled(n: int) -> str:
    """① … ⑳ (U+2460), ㉑ … ㉟ (U+3251), ㊱ … ㊿ (U+32B1)."""
    return chr(0x2460 + n - 1) if n <= 20 else chr(0x3251 + n - 21) if n <= 35 else chr(0x32B1 + n - 36)


def parts(text: str) -> str:
    """Chapters 一、 → 第一部分, their measures （一） → 一、 (numbered again in each part)."""
    return relabelled(text, lambda k: f"第{cn(k)}部分 ", lambda k, n, m: f"{cn(n)}、")


def spaced_chapters(text: str) -> str:
    """Chapters whose 、 was lost: 一、总体要求 → "一 总体要求"."""
    head, parts = blocks(text)
    return join(head, [(lab, [lines[0].replace("、", " ", 1)] + lines[1:]) if _CHAPTER.match(lab) else (lab, lines)
                       for lab, lines in parts])


def unit_lines(text: str) -> str:
    """Each closing （牵头单位：…） clause printed on a line of its own, without brackets."""
    return re.sub(r"[（(]((?:牵头|责任|配合)单位[：:][^（）()]*)[）)]\s*$", r"\n\1", text, flags=re.M)


def title_on_its_own_line(text: str) -> str:
    """（一）推进高铁公交化。持续… → （一）推进高铁公交化 / 持续… (the title a line of its own)."""
    return re.sub(r"^(\s*[（(][一二三四五六七八九十]+[）)])([^。\n]{2,40})。", r"\1\2\n", text, flags=re.M)


def colon_titles(text: str) -> str:
    """（一）推进高铁公交化。持续… → （一）推进高铁公交化：持续… (the title closed by a colon)."""
    return re.sub(r"^(\s*[（(][一二三四五六七八九十]+[）)])([^。\n：]{2,40})。", r"\1\2：", text, flags=re.M)


def square_bracket_units(text: str) -> str:
    """（责任单位：…） → 【责任单位：…】, as web copies print it."""
    return re.sub(r"[（(]((?:牵头|责任|配合)单位[：:][^（）()]*)[）)]\s*$", r"【\1】", text, flags=re.M)


def letter_spaced(text: str) -> str:
    """Every character of every line one space apart, as some PDFs extract: 推 进 高 铁 …"""
    return "\n".join(" ".join(line) for line in text.split("\n"))


def hard_wrapped(text: str, width: int = 28) -> str:
    """A PDF's lines: every paragraph cut every `width` characters, no blank lines."""
    return "\n".join(line[k:k + width] for line in text.split("\n") if line.strip()
                     for k in range(0, len(line), width))


def renumber_from(text: str, start: int) -> str:
    """Every measure renumbered （start）, （start+1）…: numbering past （九百九十九）."""
    head, parts = blocks(text)
    out, n = [], start
    for lab, lines in parts:
        if _MEASURE.match(lab):
            out.append((lab, [lines[0].replace(lab, f"（{cn(n)}）", 1)] + lines[1:]))
            n += 1
        else:
            out.append((lab, lines))
    return join(head, out)


def attachment(text: str, n: int) -> str:
    """附件N of a compilation (the lines after its 附件N line, up to the next one)."""
    parts = re.split(r"(?m)^\s*附件\s*(\d+)\s*$", text)
    return next(body for k, body in zip(parts[1::2], parts[2::2], strict=True) if int(k) == n)


def measure_paragraphs(text: str) -> list[str]:
    """The measures of a plan as one-line paragraphs, without their enumerators."""
    out = []
    for lab, lines in blocks(text)[1]:
        if _MEASURE.match(lab):
            out.append("".join(ln.strip() for ln in lines)[len(lab):])
    return out


def numbered_list(bodies: list[str], style: str, title: str = "2025年工作要点") -> str:
    """A plan of the given measure bodies numbered 1. 2. … ("arabic") or （一）（二）… ("cn")."""
    lines = [title, ""]
    for i, body in enumerate(bodies, 1):
        lines.append((f"{i}." if style == "arabic" else f"（{cn(i)}）") + body)
    return "\n".join(lines) + "\n"


BACK_MATTER = ("\n\n抄送：市委各部门，市人大常委会办公厅，市政协办公厅，市监委，市高法院，市检察院，\n"
               "各人民团体，各新闻单位。\n\n"
               "重庆市人民政府办公厅                    2025年1月26日印发\n")

WEB_FOOTER = ("\n相关文件\n关于印发重庆市促进养老服务高质量发展若干措施的通知\n"
              "关于进一步优化政务服务提升行政效能的实施意见\n相关解读\n"
              "图解：一图读懂行动方案\n"
              "主办：重庆市人民政府办公厅  承办：重庆市政府电子政务中心\n"
              "网站标识码：5000000095  渝ICP备05003300号  渝公网安备 50010302000455号\n")


def with_trailer(text: str, trailer: str) -> str:
    return text.rstrip("\n") + "\n" + trailer


def traditional(text: str) -> str:
    """The same plan in Traditional script (OpenCC s2t), as Hong Kong or Taiwan sites print it."""
    import opencc
    return opencc.OpenCC("s2t").convert(text)
