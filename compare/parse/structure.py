"""Structure: cleaned paragraphs → Document (metadata, chapters, measures, sub-items, prose).

Policy plans number their parts in a fixed hierarchy: chapters 一、 (or 第X章 / 第X部分),
articles 第X条, measures （一）, sub-items 1. / 1、 / (1). A paragraph that starts with an
enumerator is a heading by its form and place (compare.parse.labels); the sequence of numbers is
evidence, not a gate: a gap, a number printed twice, an excerpt or a damaged label is read and
reported in `Document.warnings`, never allowed to swallow the measures after it.

Where a chapter has no （一） level, its 1. items are its measures (工作要点, 任务清单); where a
document has neither, a chapter heading that carries its own body is a measure. Compilations (汇编)
are split at 附件N lines (compare.parse.compilation). The 版记 or web-page footer after the last measure is cut off as back
matter. Nothing is dropped silently: every character ends up in a measure, a section, the back
matter or a removed line with its reason (compare.accounting counts them).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from compare.model import Chapter, Document, Item, Measure, Section
from compare.parse.accounting import account, nonspace
from compare.parse.back_matter import back_matter_start, printed_date, signature_date
from compare.parse.clean import BULLET, TERMINAL, clean
from compare.parse.compilation import cover_metadata, split_documents, split_parts
from compare.parse.closing import ROLE_LINE, UNITS_CLAUSE, split_closing, split_closing_parts
from compare.parse.conclusion import CLOSING, closing_note, closing_start, frame_headings
from compare.parse.labels import (ARTICLE, CHAPTER, ITEM, PART, Label, Numbered, check_sequence,
                                  confirm_chapters, printed_label, read_label)
from compare.parse.labels import MEASURE as MEASURE_RANK
from compare.parse.lists import article_lists, enumerated
from compare.parse.preamble import metadata, signature_issuers
from compare.text.boilerplate import stock_finder, stock_phrases
from compare.text.lexicon import NOT_BRACKET, OPEN, places_in
from compare.text.normalize import normalize, view
from compare.vocab import GENERAL, MEASURE, SAFEGUARD

__all__ = ["build_document", "parse", "split_documents"]


_SAFEGUARD = re.compile(r"(组织|政策|工作|实施|要素|机制)保障|保障措施|组织实施|组织领导|实施机制|推进机制|"
                        r"督促落实|督查考核|监测评估")
_GENERAL = re.compile(r"^(总体要求|指导思想|基本原则|主要目标|发展目标|工作目标|总体目标|目标任务|工作原则)$")

_SENTENCE = re.compile(r"[。；;]")
_MAX_WARNINGS = 100
_PROSE_NOTED = 20     # non-space characters of uncompared chapter prose worth a warning (not a title)


@dataclass(eq=False)
class _Node(Numbered):
    """A heading while parsing: its label, and the paragraphs and headings under it. Printed
    paragraphs travel with their views (`pviews`), on which the patterns are matched."""
    head: str = ""                                         # text after the enumerator
    head_view: str = ""
    paras: list[str] = field(default_factory=list)
    pviews: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)

    @property
    def rank(self) -> int:
        return self.label.rank

    def continue_text(self, para: str, v: str) -> None:
        """A paragraph that goes on with the sentence this node's text stopped in."""
        if self.paras:
            self.paras[-1] += para
            self.pviews[-1] += v
        else:
            self.head += para
            self.head_view += v

    def last_view(self) -> str:
        return self.pviews[-1] if self.pviews else self.head_view

    def descendants(self) -> list[_Node]:
        out = []
        for c in self.children:
            out.append(c)
            out.extend(c.descendants())
        return out


def _parse_nodes(paras: list[str], views: list[str], labels: list[Label | None], removed: list[dict[str, str]],
                 notes: list[tuple[int, str]]) -> tuple[int, list[_Node], list[_Node]]:
    """Build the heading tree; return (number of preamble paragraphs, top-level nodes, all nodes)."""
    preamble = 0
    roots: list[_Node] = []
    nodes: list[_Node] = []
    stack: list[_Node] = []
    last: dict[str, int] = {}
    strong: dict[str, list[int]] = {}               # form → positions of its sure headings
    bullets: dict[int, int] = {}                    # parent → bullets under it so far
    for i, lab in enumerate(labels):
        if lab and not lab.weak:
            strong.setdefault(lab.form, []).append(i)
    for i, (para, lab) in enumerate(zip(paras, labels, strict=True)):
        if lab and lab.weak and not _weak_is_heading(i, lab, labels, views, last, strong):
            lab = None                      # （三）类事项…, 第三条规定…: a citation, not a heading
            if stack and stack[-1].last_view() and not stack[-1].last_view().endswith(TERMINAL):
                stack[-1].continue_text(para, views[i])    # 按照 / （三）项规定…: one sentence
                continue
            notes.append((i, f"编号：“{para[:16]}…”不作标题 {labels[i].label}（像引用或年份），按正文保留 "
                             f"numbering: “{para[:16]}…” is not read as heading {labels[i].label} (it "
                             f"reads as a reference or a year and does not continue the numbering); "
                             f"kept as text"))
        if lab is None:
            if stack:
                stack[-1].paras.append(para)
                stack[-1].pviews.append(views[i])
            else:
                preamble += 1
            continue
        while stack and stack[-1].rank >= lab.rank:
            stack.pop()
        lab = _numbered_bullet(lab, stack, bullets)
        node = _Node(label=lab, parent=stack[-1] if stack else None, order=i, head=lab.rest,
                     head_view=lab.rest_view)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
        nodes.append(node)
        if lab.value is not None:
            last[lab.form] = lab.value
        _note_junk(i, lab, removed, notes)
    return preamble, roots, nodes


def _note_junk(i: int, lab: Label, removed: list[dict[str, str]], notes: list[tuple[int, str]]) -> None:
    """A stray symbol before a label (“一、, •（一）): taken out, listed and named."""
    if lab.junk:
        removed.append({"text": lab.junk, "reason": f"stray symbol before the label {lab.label}"})
        notes.append((i, f"编号：删去 {lab.label} 前的杂符 {lab.junk} numbering: stray {lab.junk} before {lab.label} removed"))


def _bullets_under_chapters(paras: list[str], views: list[str], labels: list[Label | None],
                            removed: list[dict[str, str]]) -> None:
    """Bullets (•) are measures where a chapter (一、, 第一部分) has no numbered measures of its
    own, or where the document numbers nothing and two or more bulleted paragraphs say something
    (a list; one is a page's menu item run into its text); elsewhere — before the first heading
    (a saved page's menu), under a numbered measure (a page's footer after the last one) — the
    bullet is decoration, taken out and listed, as any other."""
    forms = [lab.form for lab in labels if lab is not None]
    listed = forms.count("bullet") >= 2 and len(forms) == forms.count("bullet")
    above = CHAPTER if listed else None         # the rank of the last numbered heading
    for i, lab in enumerate(labels):
        if lab is not None and lab.form != "bullet":
            above = lab.rank
        elif paras[i].startswith(BULLET) and (lab is None or above is None or above > CHAPTER):
            labels[i] = None                    # a menu item, a footer line, a sentence under a measure
            paras[i], views[i] = paras[i][1:].lstrip(), views[i][1:].lstrip()
            removed.append({"text": BULLET, "reason": "decoration symbol"})


def _numbered_bullet(lab: Label, stack: list[_Node], bullets: dict[int, int]) -> Label:
    """A bullet (•) numbered by its place among its parent's bullets; any other label as it is."""
    if lab.form != "bullet":
        return lab
    key = id(stack[-1]) if stack else 0          # (no heading left open: its chapter label was rejected)
    bullets[key] = bullets.get(key, 0) + 1
    return replace(lab, value=bullets[key])


def _weak_is_heading(i: int, lab: Label, labels: list[Label | None], views: list[str],
                     last: dict[str, int], strong: dict[str, list[int]]) -> bool:
    """A citation-like label (（三）类事项…, 第三条规定…) is a heading only when it continues the
    numbering, follows a complete paragraph, and the next sure heading of its form does not
    carry the same number."""
    if lab.value not in (1, last.get(lab.form, 0) + 1):
        return False
    if i and labels[i - 1] is None and not views[i - 1].endswith(TERMINAL):
        return False
    later = strong.get(lab.form, [])
    k = bisect_right(later, i)
    return k == len(later) or labels[later[k]].value != lab.value


_COLON_TITLE = re.compile(r"[^，,；;:]{2,25}:")     # 推进高铁公交化：持续… (in the view, ：is :)


_CLOSING_HINT = re.compile(f"{OPEN}{NOT_BRACKET}*(?:[:：]|牵头|负责)")    # a closing clause may start here


def _title(head: str, hv: str) -> str:
    """The sentence after the enumerator, up to the first 。 (or the whole heading); a short
    heading before a colon (推进高铁公交化：持续优化…) is the title."""
    cut = hv[:_first_stop(head, hv)]
    if _CLOSING_HINT.search(cut):               # （完成时限：…）（牵头单位：…） close, they do not title
        body = split_closing(head, hv)[0]
        if body and len(body) < len(head.rstrip()):
            head, hv = body, hv[:len(body)]
            cut = hv[:_first_stop(head, hv)]
    colon = _COLON_TITLE.match(cut)
    if colon and colon.end() < len(cut):
        cut = cut[:colon.end() - 1]
    return head[: len(cut)].strip() if cut else head.strip()


def _first_stop(head: str, hv: str) -> int:
    """Where the first sentence ends: a printed 。 (whatever follows: 。2026年底前…), or a full stop
    not inside a number (2.5亿元)."""
    m = re.search(r"。|[.．](?![\d０-９])", head)
    return m.start() if m else len(hv)


def _heading_split(head: str, hv: str) -> tuple[str, str, str]:
    """(the title sentence with its full stop, the body after it, its view) of a heading."""
    title = _title(head, hv)
    k = head.find(title) + len(title) if title else 0
    if hv[k:k + 1] in (".", ":"):
        k += 1
    return head[:k], head[k:], hv[k:]


def _kind_of(chapter_title: str) -> str:
    t = normalize(chapter_title)
    if _is_general(t):
        return GENERAL
    if _SAFEGUARD.search(t):
        return SAFEGUARD
    return MEASURE


def _is_general(title_view: str) -> bool:
    """总体要求, 指导思想, 基本原则 …: a heading that states aims, not a measure. `title_view`
    is width-folded and Simplified (a view, or normalize()d)."""
    return bool(_GENERAL.match(re.sub(r"[。.:：]$", "", re.sub(r"\s+", "", title_view))))


def _join_paras(parts: list[tuple[str, str]]) -> tuple[str, str]:
    """Paragraphs of one measure, printed and viewed: a units clause on its own line belongs to
    the sentence above."""
    out, ov = "", ""
    for p, v in parts:
        if not p.strip():
            continue
        if out and not UNITS_CLAUSE.match(v.lstrip()):
            out += "\n"
            ov += "\n"
        out += p
        ov += v
    return out, ov


def _own_text(node: _Node) -> tuple[str, str]:
    return _join_paras([(node.head, node.head_view)] + list(zip(node.paras, node.pviews, strict=True)))


def _node_text(node: _Node) -> tuple[str, str]:
    """A heading with everything under it, as printed (and viewed)."""
    text, tv = _text_under(node)
    return printed_label(node.label.label) + text, _label_view(node) + tv



def _text_under(node: _Node) -> tuple[str, str]:
    """Everything after a heading's label: its own text, then its sub-headings with theirs."""
    return _join_paras([_own_text(node)] + [_node_text(c) for c in node.children])


def _label_view(node: _Node) -> str:
    """The label's own view: a stand-in of placeholder characters once leaked into units read
    from a view, so the view is the label's, width-folded, same length."""
    return view(printed_label(node.label.label))


def _make_measure(node: _Node, path: list[str], chapter: str, kind: str, order: int,
                  last: bool = False) -> tuple[Measure, list[str]]:
    """The measure of a heading node, and (for the last measure only) the unnumbered closing
    paragraphs printed after its units clause, which are prose, not part of it."""
    items = [Item(c.label.label, _title(c.head, c.head_view), split_closing(*_own_text(c))[0])   # its units
             for c in node.descendants()]                                                         # are the measure's
    text, tv = _text_under(node)
    closing: list[str] = []
    if last:
        text, tv, closing = _split_closing(text, tv, items)
    body, units, support, deadline = split_closing(text, tv)
    if node.children and not closing:        # each sub-item may close with units of its own
        parts = [("", *_own_text(node))] + [(printed_label(c.label.label), *_own_text(c)) for c in node.descendants()]
        body, units, support, deadline = split_closing_parts(parts)
    measure = Measure(
        id=f"m{order + 1:03d}", label=node.label.label, path=path, chapter=chapter,
        title=_title(node.head, node.head_view) or _title(text, tv), text=text, units=units,
        support_units=support, deadline=deadline, kind=GENERAL if kind == MEASURE and _is_general(_title(node.head_view, node.head_view)) else kind,
        items=items, body=body, number=node.number, order=order)
    return measure, closing


def _split_closing(text: str, tv: str, items: list[Item]) -> tuple[str, str, list[str]]:
    """(text, view, closing lines): lines after a units clause (and the role lines under it)
    that start no item of the measure are closing prose (e.g. 成渝两市…要做好…)."""
    lines, vlines = text.split("\n"), tv.split("\n")
    for i, line in enumerate(vlines[:-1]):
        if UNITS_CLAUSE.search(line):
            end = i + 1
            while end < len(vlines) and ROLE_LINE.match(vlines[end].strip()):
                end += 1                    # 完成时限：… under the units clause is the measure's
            rest = lines[end:]
            if rest and not any(ln.startswith(it.label) for ln in rest for it in items):
                return "\n".join(lines[:end]), "\n".join(vlines[:end]), rest
    return text, tv, []


def _says_something(node: _Node) -> bool:
    """A chapter-level paragraph that commits to something (一、推动服务供给提质扩面。在重点…, or one
    long sentence 五、支持民间资本通过多种方式盘活存量资产，鼓励…。), not a bare heading (三、保障措施):
    it has text under it, ends a sentence, or names its responsible units."""
    return bool(node.paras or _SENTENCE.search(node.head_view) or UNITS_CLAUSE.search(node.head_view))


def _leaf_commitments(nodes: list[_Node]) -> bool:
    """一、 headings under a 第一部分 that are the plan's measures: none has headings under it, and
    they read as commitments (第一部分 重点任务 > 一、推进…。…（牵头单位：…））, not as chapter titles."""
    return all(not n.children for n in nodes) and _sentence_shaped(nodes)


def _sentence_shaped(nodes: list[_Node]) -> bool:
    """Items that read as commitments (sentences, units), not as a list of titles."""
    shaped = sum(1 for n in nodes if n.paras or _SENTENCE.search(n.head_view) or UNITS_CLAUSE.search(n.head_view))
    return 2 * shaped >= len(nodes)


def build_document(text: str, source: str, attachment: int | None = None, marker: str = "") -> Document:
    """Parse one document's text (already split from any compilation)."""
    cleaned = clean(text)
    paras, views = cleaned.paragraphs, cleaned.views
    labels, notes = article_lists(confirm_chapters([read_label(p, v) for p, v in zip(paras, views, strict=True)]),
                                  views)
    removed = [{"text": marker.strip(), "reason": "attachment marker"}] if nonspace(marker) else []
    removed.extend(cleaned.removed)
    _bullets_under_chapters(paras, views, labels, removed)
    last = max((i for i, lab in enumerate(labels) if lab), default=None)
    back, printed, back_date, closing, signers, purpose = [], "", "", [], [], None
    if last is not None:
        cut = back_matter_start(views, last)
        back, printed, back_date = paras[cut:], printed_date(views[cut:]), signature_date(views[cut:])
        signers = signature_issuers(back, views[cut:])
        end = closing_start(views[:cut], labels[last], last)          # 各区要…, 本方案自…起施行: the plan's closing text
        purpose, framed = _frame(views[:cut], labels, last)
        end = min(end, framed)
        closing = paras[end:cut]
        paras, views, labels = paras[:end], views[:end], labels[:end]
    preamble, roots, nodes = _parse_nodes(paras, views, labels, removed, notes)
    notes.extend(check_sequence(nodes))             # the purpose article keeps its number: 第二条 follows it
    opening = [Section("preamble", "\n".join(paras[:preamble]))] if preamble else []
    if purpose is not None:
        opening.extend(_purpose_section(roots, nodes, purpose, notes))
    warnings = [w for _, w in sorted(notes, key=lambda x: x[0])]
    if len(warnings) > _MAX_WARNINGS:                   # a list, not a flood; the count stays exact
        more = len(warnings) - _MAX_WARNINGS
        warnings = warnings[:_MAX_WARNINGS] + [f"编号：另有 {more} 处类似异常 numbering: {more} more anomalies like these"]
    meta = metadata(paras[:preamble], views[:preamble])
    outline = _outline(roots, nodes, opening)
    warnings.extend(outline.warnings)
    if closing:
        outline.sections.append(Section(CLOSING, "\n".join(closing)))
        warnings.append(closing_note(closing))
    doc = Document(source=source, title=meta.title, doc_number=meta.doc_number,
                   date=meta.date or back_date,        # else the date under the signature at the end
                   issuers=meta.issuers or signers, chapters=outline.chapters, measures=outline.measures,
                   sections=outline.sections, attachment=attachment, printed_date=printed,
                   back_matter=back, warnings=warnings, removed=removed)
    doc.chars = account(doc, (marker + "\n" if marker else "") + text)
    if not doc.measures and doc.chars["sections"] > _PROSE_NOTED:
        n = doc.chars["sections"]
        doc.warnings.append(f"结构：未找到编号措施（一、（一）第一条 1. 等），全文 {n} 个字符作为正文处理，不参与比较 "
                            f"structure: no numbered measures found (一、 （一） 第一条 1. …): all {n} "
                            "characters read as prose and not compared")
    return doc


def _frame(views: list[str], labels: list[Label | None], last: int) -> tuple[int | None, int]:
    """(a first article stating the purpose, 第一条 为…，制定本措施, or None; where numbered closing
    articles start, 第十一条 本措施自…起施行, or len(views)): the measures' frame, taken only while
    other headings remain."""
    purpose, end = frame_headings(views, labels[:len(views)], last)
    rest = [i for i in range(len(views)) if labels[i] is not None and i != purpose and i < end]
    return (purpose, end) if rest else (None, len(views))


def _purpose_section(roots: list[_Node], nodes: list[_Node], at: int, notes: list[tuple[int, str]]) -> list[Section]:
    """The purpose article (the heading of paragraph `at`) out of the tree, as opening text,
    with a warning."""
    node = next((n for n in nodes if n.order == at), None)
    if node is None:                    # read as a citation, not a heading
        return []
    nodes.remove(node)
    (node.parent.children if node.parent is not None else roots).remove(node)
    text = _node_text(node)[0]
    notes.append((at, f"结构：{node.label.label}“{node.head[:12]}…”说明制定目的，作为开头正文处理，不参与比较 "
                      f"structure: {node.label.label} “{node.head[:12]}…” states the document's purpose: "
                      "read as its opening text and not compared"))
    return [Section("preamble", text)]


@dataclass
class _Outline:
    """What the heading tree yields: chapters, measures and the prose sections around them."""
    chapters: list[Chapter] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    picked: list[tuple[_Node, list[str], str, str]] = field(default_factory=list)  # (node, path, chapter, kind)
    warnings: list[str] = field(default_factory=list)   # text a heading decision leaves out of the comparison


def _outline(roots: list[_Node], nodes: list[_Node], opening: list[Section]) -> _Outline:
    """Chapters, measures and prose sections from the heading tree; `opening` (the preamble)
    comes first among the sections."""
    out = _Outline(sections=list(opening))
    has_measure_level = any(n.rank in (ARTICLE, MEASURE_RANK) for n in nodes)
    lead_items = []
    for root in roots:
        chapters = [c for c in root.children if c.rank == CHAPTER] if root.rank == PART else []
        if chapters and not has_measure_level and _leaf_commitments(chapters):
            _chapter(out, root, has_measure_level, measures=chapters)   # 第一部分 > 一、 commitments
        elif chapters:
            _prose(out, root, [c for c in root.children if c.rank != CHAPTER])   # 第一部分 > 一、
            part_kind = _kind_of(_title(root.head, root.head_view))
            for c in chapters:
                _chapter(out, c, has_measure_level, part_kind)
        elif root.rank in (PART, CHAPTER):
            _chapter(out, root, has_measure_level)
        elif root.rank >= ITEM:
            lead_items.append(root)                            # 1. 2. 3. before any chapter
        else:
            out.picked.append((root, [], "", MEASURE))
    if lead_items:
        _lead_items(out, lead_items, len(opening))
    for order, (node, path, chapter, kind) in enumerate(out.picked):
        m, closing = _make_measure(node, path, chapter, kind, order, last=order == len(out.picked) - 1)
        out.measures.append(m)
        if closing:            # an unnumbered closing paragraph after the last measure is prose
            out.sections.append(Section("", "\n".join(closing)))
    out.measures = _with_document_context(out.measures, [normalize(s.text) for s in out.sections])
    return out


def _lead_items(out: _Outline, items: list[_Node], at: int) -> None:
    """1. 2. 3. before any chapter: the measures of a plan that has no others and whose items
    read as commitments, else prose (section `at`), named in a warning when the plan has
    measures elsewhere (with none at all, one warning for the document says so)."""
    if not out.picked and _sentence_shaped(items):
        out.picked[:0] = [(n, [], "", MEASURE) for n in items]
        return
    text = "\n".join(_node_text(n)[0] for n in items)
    out.sections.insert(at, Section("", text))
    if out.picked and nonspace(text) > _PROSE_NOTED:
        first = items[0].label.label
        out.warnings.append(f"结构：首章之前的 {first} 等 {len(items)} 项（{nonspace(text)} 个字符）作为正文处理，不参与比较 "
                            f"structure: {len(items)} items ({first} …, {nonspace(text)} characters) "
                            "before the first chapter read as prose and not compared")


def _with_document_context(measures: list[Measure], prose: list[str]) -> list[Measure]:
    """Each measure rebuilt (so its matching forms agree) with what only the whole document
    shows: the stock sentences it repeats (`text.boilerplate`) and the places it names — a name
    read as a place anywhere in the document, its measures or its prose (`prose`, normalised: 为推进
    长三角区域…, 成渝 before 地区), is a place wherever it stands."""
    stock = stock_phrases(m.norm for m in measures)
    places = sorted({p for t in [m.norm for m in measures] + prose for p in places_in(t)}, key=lambda p: (-len(p), p))
    if not stock and not places:
        return measures
    stock_in = stock_finder(stock)
    return [replace(m, stock=stock_in(m.norm), places=[p for p in places if p in m.norm]) for m in measures]


def _chapter(out: _Outline, root: _Node, has_measure_level: bool, part_kind: str = MEASURE,
             measures: list[_Node] | None = None) -> None:
    """One chapter: its measures (第一条 or （一）, else its 1. items, else itself; or `measures`,
    a part's 一、 commitments) and its prose. A chapter under a 保障措施 or 总体要求 part is of the
    part's kind."""
    title = _title(root.head, root.head_view)
    kind = _kind_of(title)
    kind = part_kind if kind == MEASURE else kind
    label = root.label.label
    out.chapters.append(Chapter(label, title, kind))
    heading = printed_label(label) + title
    measures = measures if measures is not None and kind != GENERAL else _measures_under(root, kind)
    if not measures and kind != GENERAL:
        measures = _enumerated(root)                    # 一是…二是…: the chapter's tasks, in one paragraph
    if not measures and not has_measure_level and kind != GENERAL and _says_something(root):
        out.picked.append((root, [], title, kind))      # 一、 paragraphs are the measures
        return
    chosen = {id(c) for c in measures}
    prose = _prose(out, root, [c for c in root.children if id(c) not in chosen])
    out.picked.extend((c, [label], title, kind) for c in measures)
    if not measures and nonspace(prose) > _PROSE_NOTED:
        what = "general text (总体要求 …)" if kind == GENERAL else "prose"
        zh = "总体要求" if kind == GENERAL else "正文"
        out.warnings.append(f"结构：{heading} 下有 {nonspace(prose)} 个字符不属于任何编号措施，作为{zh}处理，不参与比较 "
                            f"structure: {heading}: {nonspace(prose)} characters with no numbered "
                            f"measure under them, read as {what} and not compared")


def _enumerated(root: _Node) -> list[_Node]:
    """The items of a 一是…二是… enumeration in a chapter that numbers no measures, as its
    measures (labelled 一是, 二是); the text before 一是 stays the chapter's prose."""
    heading, rest, rest_view = _heading_split(root.head, root.head_view)
    text, tv = _join_paras([(rest, rest_view)] + list(zip(root.paras, root.pviews, strict=True)))
    spans = enumerated(tv)
    if not spans:
        return []
    root.head, root.head_view = heading, root.head_view[:len(heading)]
    intro, intro_view = text[:spans[0][1]].strip(), tv[:spans[0][1]].strip()
    root.paras, root.pviews = ([intro], [intro_view]) if intro else ([], [])
    nodes = []
    for n, start, end in spans:
        k = tv.index("是", start) + 1
        body, body_view = text[k:end].strip(), tv[k:end].strip()
        lab = Label("enumerated", MEASURE_RANK, n, None, text[start:k], tv[start:k - 1], body, rest_view=body_view)
        nodes.append(_Node(label=lab, parent=root, order=root.order, number=n, head=body, head_view=body_view))
    root.children.extend(nodes)
    return nodes


def _measures_under(root: _Node, kind: str) -> list[_Node]:
    """A chapter's measures: its 第一条 or （一） children, else (not in a general chapter) its 1.
    items."""
    inner = [c.rank for c in root.children if c.rank in (ARTICLE, MEASURE_RANK)]
    if inner:
        rank = min(inner)
        return [c for c in root.children if c.rank == rank]
    items = [c.rank for c in root.children if c.rank >= ITEM]
    if items and kind != GENERAL:
        rank = min(items)
        return [c for c in root.children if c.rank == rank]   # 一、 / 1. plans
    return []


def _prose(out: _Outline, root: _Node, children: list[_Node]) -> str:
    """A heading's own prose as a section: its printed heading, then the text under it that is
    no measure (the body after the title, paragraphs, headings that are not measures). Returns
    that text."""
    heading, rest, rest_view = _heading_split(root.head, root.head_view)
    prose = ([(rest, rest_view)] + list(zip(root.paras, root.pviews, strict=True))
             + [_node_text(c) for c in children])
    text = _join_paras(prose)[0]
    out.sections.append(Section(f"{printed_label(root.label.printed or root.label.label)}{heading}", text))
    return text


def parse(text: str, source: str) -> list[Document]:
    """All documents in `text`: one, or a compilation's cover and its attachments. A notice
    that covers one attached plan lends it the 文号, date and issuers the plan does not print
    (`compilation.cover_metadata`)."""
    parts = split_parts(text)
    if len(parts) == 1:
        return [build_document(parts[0][1], source, None, parts[0][2])]
    return cover_metadata([build_document(part, f"{source}#{n if n is not None else 0}", n, marker)
                           for n, part, marker in parts])
