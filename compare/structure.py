"""Structure: cleaned paragraphs → Document (metadata, chapters, measures, sub-items, prose).

Policy plans number their parts in a fixed hierarchy: chapters 一、, measures （一）, sub-items
1. / 1、. An enumerator only counts when it continues its level's sequence (N = previous + 1)
or restarts it (N = 1), so a parenthesis inside text such as （参加） or a stray （三） in a
sentence is never mistaken for a measure. Compilations (汇编) are split at 附件N lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clean import CN_NUM, fold, normalize, paragraphs, tidy_spaces
from .model import GENERAL, MEASURE, SAFEGUARD, Chapter, Document, Item, Measure, Section

_CHAPTER = re.compile(rf"^\s*([{CN_NUM}]+)\s*[、.]\s*")
_MEASURE = re.compile(rf"^\s*\(\s*([{CN_NUM}]+)\s*\)\s*")
_ITEM = re.compile(r"^\s*(\d{1,2})\s*[.、](?!\d)\s*|^\s*\((\d{1,2})\)\s*")
_ARTICLE = re.compile(rf"^\s*第([{CN_NUM}\d]+)条\s*")
_CHAPTER_WORD = re.compile(rf"^\s*第([{CN_NUM}\d]+)[章部分]+\s*")

_ATTACHMENT = re.compile(r"^\s*附\s*件\s*(\d{1,3})?\s*[:：]?\s*$")
_UNITS = re.compile(r"[（(]\s*(责任单位|牵头单位|责任部门|牵头部门|主责单位|实施单位|配合单位|责任主体)\s*[:：]"
                    r"(?P<units>[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]\s*[。.]?\s*$")
_UNIT_SPLIT = re.compile(r"[，,、；;]|(?:配合单位|责任单位|牵头单位)[:：]")

_SAFEGUARD = re.compile(r"(组织|政策|工作|实施|要素|机制)保障|保障措施|组织实施|组织领导|实施机制|推进机制|"
                        r"督促落实|督查考核|监测评估")
_GENERAL = re.compile(r"^(总体要求|指导思想|基本原则|主要目标|发展目标|工作目标|总体目标|目标任务|工作原则)$")

_DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,12})\s*[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*(\d{1,4})\s*号")
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISO_DATE = re.compile(r"发布(?:时间|日期)\s*[:：]\s*((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
_QUOTED_TITLE = re.compile(r"印发\s*[《〈<](.+?)[》〉>]")
_TITLE_END = re.compile(r"(方案|规划|措施|意见|办法|通知|事项|计划|纲要|细则|规定|决定|清单|要点|标准)"
                        r"(\s*[（(][^（）()]{2,20}[）)])?$")
_ISSUER = re.compile(r"[\u4e00-\u9fff]{2,20}?(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|"
                     r"厅|部|局|委|总局)(?=[\u4e00-\u9fff]{2,}(?:政府|办公|委员会|厅|部|局|委)|\s|$)")


def cn_number(s: str) -> int:
    """Chinese numerals up to the hundreds: 二十二 → 22, 十 → 10, 一百零三 → 103."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits.update({"〇": 0, "两": 2})
    if s.isdigit():
        return int(s)
    total, cur = 0, 0
    for ch in s:
        if ch in digits:
            cur = digits[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
    return total + cur


@dataclass
class _Node:
    """A numbered part while parsing: its label, heading paragraph and following paragraphs."""
    level: str                    # "chapter" | "measure" | "item"
    label: str
    number: int
    head: str                     # paragraph text after the enumerator
    paras: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)


def split_documents(text: str) -> list[tuple[int | None, str]]:
    """Split a compilation at standalone 附件N lines: [(None, cover), (1, 附件1), …]."""
    parts: list[tuple[int | None, list[str]]] = [(None, [])]
    for line in text.split("\n"):
        m = _ATTACHMENT.match(fold(line))
        if m:
            n = int(m.group(1)) if m.group(1) else len(parts)
            parts.append((n, []))
        else:
            parts[-1][1].append(line)
    docs = [(n, "\n".join(lines)) for n, lines in parts]
    if len(docs) > 1 and not docs[0][1].strip():
        docs = docs[1:]
    return [(n, t) for n, t in docs if t.strip()]


def _enumerator(para: str):
    """(level, label, number, rest) for a paragraph that starts with an enumerator, else None."""
    f = fold(para)
    for level, rx in (("measure", _MEASURE), ("chapter", _CHAPTER), ("item", _ITEM),
                      ("measure", _ARTICLE), ("chapter", _CHAPTER_WORD)):
        m = rx.match(f)
        if m:
            num = next(g for g in m.groups() if g)
            label = para[: _printed_len(para, m.end())].strip()
            return level, label, cn_number(num), para[len(label):].strip() if label else f[m.end():]
    return None


def _printed_len(para: str, folded_end: int) -> int:
    """Map a position in the NFKC-folded paragraph back to the printed one (㈠ folds to 3 chars)."""
    for k in range(min(folded_end, len(para)), len(para) + 1):
        if len(fold(para[:k])) >= folded_end:
            return k
    return len(para)


def _parse_nodes(paras: list[str]) -> tuple[list[str], list[_Node]]:
    """Build the chapter/measure/item tree; return (preamble paragraphs, top-level nodes)."""
    preamble: list[str] = []
    roots: list[_Node] = []
    stack: list[_Node] = []
    last = {"chapter": 0, "measure": 0, "item": 0}
    rank = {"chapter": 0, "measure": 1, "item": 2}
    for para in paras:
        e = _enumerator(para)
        if e:
            level, label, number, rest = e
            if number == last[level] + 1 or number == 1:
                node = _Node(level, label, number, rest)
                last[level] = number
                if level != "item":
                    last["item"] = 0        # sub-items restart under each chapter or measure
                while stack and rank[stack[-1].level] >= rank[level]:
                    stack.pop()
                (stack[-1].children if stack else roots).append(node)
                stack.append(node)
                continue
        if stack:
            stack[-1].paras.append(para)
        else:
            preamble.append(para)
    return preamble, roots


def _units(text: str) -> tuple[str, list[str]]:
    """Split a trailing （责任单位：A、B；C）clause off the text: (body, [A, B, C])."""
    m = _UNITS.search(text)
    if not m:
        return text, []
    units = [u.strip(" 。.") for u in _UNIT_SPLIT.split(m.group("units"))]
    return text[: m.start()].rstrip(), [u for u in units if u]


def _title(head: str) -> str:
    """The sentence after the enumerator, up to the first 。 (or the whole heading)."""
    cut = re.split(r"[。.](?!\d)", fold(head), maxsplit=1)[0]
    return head[: len(cut)].strip() if cut else head.strip()


def _kind_of(chapter_title: str) -> str:
    t = normalize(chapter_title)
    if _GENERAL.match(re.sub(r"[。.:：]$", "", t)):
        return GENERAL
    if _SAFEGUARD.search(t):
        return SAFEGUARD
    return MEASURE


def _join_paras(parts: list[str]) -> str:
    """Paragraphs of one measure: a units clause on its own line belongs to the sentence above."""
    out = ""
    for p in parts:
        if not p:
            continue
        if out and not (_UNITS.match(p) and p.lstrip()[:1] in "（("):
            out += "\n"
        out += p
    return out


def _make_measure(node: _Node, path: list[str], chapter: str, kind: str, order: int) -> Measure:
    items = [Item(c.label, _title(c.head), _join_paras([c.head] + c.paras)) for c in _flatten_items(node)]
    item_text = [f"{c.label}{_join_paras([c.head] + c.paras)}" for c in _flatten_items(node)]
    text = _join_paras([node.head] + node.paras + item_text)
    body, units = _units(text)
    own = _GENERAL.match(re.sub(r"[。.:：]$", "", normalize(_title(node.head))))
    return Measure(
        id=f"m{order + 1:03d}", label=node.label, path=path, chapter=chapter,
        title=_title(node.head) or _title(text), text=text, units=units,
        kind=GENERAL if own and kind == MEASURE else kind,
        items=items, body=body, norm=normalize(body), number=node.number, order=order)


def _flatten_items(node: _Node) -> list[_Node]:
    return [c for c in node.children if c.level == "item"]


def _is_inline_measure(node: _Node) -> bool:
    """一、推动服务供给提质扩面。在重点… — a chapter-level heading that carries its own body."""
    return "。" in node.head and len(node.head) > len(_title(node.head)) + 4


def build_document(text: str, source: str, attachment: int | None = None) -> Document:
    """Parse one document's text (already split from any compilation)."""
    paras = paragraphs(text)
    preamble, roots = _parse_nodes(paras)
    doc = Document(source=source, attachment=attachment)
    _metadata(doc, preamble)
    has_measure_level = any(n.level == "measure" for r in roots for n in [r] + r.children)
    measures: list[Measure] = []
    tail_sections = []

    def add(node: _Node, path: list[str], chapter: str, kind: str) -> None:
        measures.append(_make_measure(node, path, chapter, kind, len(measures)))

    for root in roots:
        if root.level == "chapter":
            title = _title(root.head)
            kind = _kind_of(title)
            doc.chapters.append(Chapter(root.label, title, kind))
            inner = [c for c in root.children if c.level == "measure"]
            if inner:
                if root.paras:
                    doc.sections.append(Section(f"{root.label}{title}", "\n".join(root.paras)))
                for c in inner:
                    add(c, [root.label], title, kind)
            elif not has_measure_level and kind != GENERAL and _flatten_items(root):
                for c in _flatten_items(root):      # 一、 / 1. plans: the items are the measures
                    add(c, [root.label], title, kind)
            elif not has_measure_level and kind != GENERAL and _is_inline_measure(root):
                add(root, [], title, kind)
            else:
                body = "\n".join(([root.head] if _is_inline_measure(root) else []) + root.paras)
                if body:
                    doc.sections.append(Section(f"{root.label}{title}", body))
        elif root.level == "measure":
            add(root, [], "", MEASURE)
        else:
            tail_sections.append(f"{root.label}{root.head}")
    if tail_sections:
        doc.sections.append(Section("", "\n".join(tail_sections)))
    # An unnumbered closing paragraph after the last measure is prose, not part of it.
    if measures and roots:
        last = measures[-1]
        closing = _closing_paragraphs(last)
        if closing:
            doc.sections.append(Section("", "\n".join(closing)))
    doc.measures = measures
    return doc


def _closing_paragraphs(m: Measure) -> list[str]:
    """Split off prose printed after the last measure's units clause (e.g. 成渝两市…要做好…)."""
    lines = m.text.split("\n")
    for i, line in enumerate(lines[:-1]):
        if _UNITS.search(line):
            rest = lines[i + 1:]
            if rest and not any(ln.startswith(it.label) for ln in rest for it in m.items):
                m.text = "\n".join(lines[: i + 1])
                m.body, m.units = _units(m.text)
                m.norm = normalize(m.body)
                return rest
    return []


def _metadata(doc: Document, preamble: list[str]) -> None:
    head = preamble[:40]
    blob = "\n".join(head)
    folded = fold(blob)
    m = next((m for m in map(_DOC_NUMBER.search, map(fold, head))
              if m and len(fold(m.string).strip()) <= len(m.group(0)) + 4), None)
    if m:
        doc.doc_number = f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"
    m = _QUOTED_TITLE.search(blob)
    if m:
        doc.title = tidy_spaces(m.group(1))
    else:
        for p in head:
            s = p.strip()
            if 4 <= len(s) <= 60 and "。" not in s and _TITLE_END.search(fold(s)) and not s.startswith("关于"):
                doc.title = s
                break
        else:
            for p in head:
                s = p.strip()
                if 4 <= len(s) <= 60 and not re.search(r"[。，,：:]", s) and not _DATE.search(s):
                    doc.title = s
                    break
    date_para = next((i for i, p in enumerate(head) if _DATE.fullmatch(fold(p).strip())), None)
    m = _DATE.fullmatch(fold(head[date_para]).strip()) if date_para is not None else None
    m = m or _ISO_DATE.search(folded) or _DATE.search(folded)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        doc.date = f"{y:04d}-{mo:02d}-{d:02d}"
    if date_para is not None and date_para > 0:
        doc.issuers = _issuers(head[date_para - 1])
    if not doc.issuers and head:
        first = _QUOTED_TITLE.split(head[0])[0] if "印发" in head[0] else ""
        doc.issuers = _issuers(first.replace("关于", ""))
    doc.sections[:0] = [Section("preamble", "\n".join(preamble))] if preamble else []


def _issuers(text: str) -> list[str]:
    s = re.sub(r"\s+", " ", fold(text)).strip()
    if not s or len(s) > 80 or re.search(r"[。，,:：]", s):
        return []
    found = [x.strip() for x in _ISSUER.findall(s)]
    return found or [s]


def parse(text: str, source: str) -> list[Document]:
    """All documents in `text`: one, or a compilation's cover and its attachments."""
    parts = split_documents(text)
    if len(parts) == 1:
        return [build_document(parts[0][1], source, None)]
    return [build_document(part, f"{source}#{n if n is not None else 0}", n) for n, part in parts]
