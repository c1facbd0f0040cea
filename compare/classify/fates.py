"""The fate of every commitment in a group of linked measures (one-to-one, merge or split):
kept, reworded, widened, narrowed, generalised, moved, dropped; a new clause no old one accounts
for is added."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from compare.classify.clause_delta import GENERAL_STATEMENT, compare_clauses, general_statement, rolled_out
from compare.classify.commitments import (
    ABOUT,
    GENERAL_MIN,
    KEEP,
    MATERIAL,
    PARTIAL,
    SAID,
    SPECIFIC_MIN,
    Clause,
    Weights,
    commitments_of,
    containment,
    credits,
)
from compare.model import CommitmentFate, Measure
from compare.text.lexicon import is_generic, quoted_names
from compare.text.lists import list_items, unshared
from compare.text.specificity import SPECIFIC, specificity
from compare.vocab import ADDED, DROPPED, GENERALISED, KEPT, MOVED, NARROWED, RESTATED, REWORDED, WIDENED


@dataclass
class Fate:
    """What became of one commitment on one link."""
    change: str
    a: Clause | None = None
    b: Clause | None = None
    detail: str = ""
    material: bool = True
    added_items: list[str] = field(default_factory=list)
    removed_items: list[str] = field(default_factory=list)
    uncarried: bool = False         # dropped in a split: no part of the split carries it
    up: list[str] = field(default_factory=list)      # what a restatement widens
    down: list[str] = field(default_factory=list)    # …and what it loses
    weak: bool = False              # its widening is a widening word only (扩面, 拓展)
    changed: list[str] = field(default_factory=list)  # a scope changed either way (places)
    echoed: bool = False            # a headline restated through a clause a body clause restates too

    @property
    def headline(self) -> bool:
        return bool((self.a and self.a.headline) or (self.b and self.b.headline and not self.a))

    def record(self) -> CommitmentFate:
        """The fate as the Link's evidence keeps it, its clauses quoted."""
        return CommitmentFate(self.change, self.a.quote() if self.a is not None else None,
                              self.b.quote() if self.b is not None else None, self.detail,
                              self.headline, self.material, self.uncarried)


def _best(x: Clause, ys: list[Clause], topic: str = "") -> tuple[int, float]:
    """The new clause restating x best, and how much of x it carries (`_carried`). A quoted name
    both clauses give (“百万职工游巴蜀”) makes it a restatement whatever the words around it. Of two
    clauses that carry as much of x, the one that reads as x does, else the one adding least to
    it (建设零工市场5个 is restated by 建设零工市场5个, not by the headline 建设零工市场)."""
    best, best_key = -1, (0.0, False, 0.0)
    names = set(quoted_names(x.norm))
    own = _beyond(x, topic) if topic and not x.headline else None
    for k, y in enumerate(ys):
        s = _carried(x, y, own)
        if names and names.intersection(quoted_names(y.norm)):
            s = max(s, KEEP)
        if s <= 0 or s < best_key[0]:
            continue
        key = (s, y.norm == x.norm, containment(y.terms, x.norm))
        if best < 0 or key > best_key:
            best, best_key = k, key
    return best, best_key[0]


def _carried(x: Clause, y: Clause, own: dict[str, float] | None) -> float:
    """How much of x y carries. What x commits to is never found in one shared word (互助 of
    在某市开展互助养老试点 in 提供互助服务), nor in the topic x shares with its own measure's
    headline (加快职业教育融合发展: 搭建职业教育统筹协调平台 is not in 遴选优质职业学校…): `own`, what x
    says beyond that headline, must be carried too, or the places x names — by a new headline,
    as the whole share.
    Carried otherwise, x is at most a specific clause under a general one (GENERAL_MIN)."""
    s = containment(x.terms, y.norm)
    if own is not None:
        said = containment(own, y.norm)
        if y.headline:
            s = min(s, said)
        elif said < SPECIFIC_MIN and any(not is_generic(w) for w in own) and not set(x.places) & set(y.places):
            s = min(s, GENERAL_MIN)
    return s if s <= GENERAL_MIN or _two_found(x, y) else GENERAL_MIN


def _two_found(x: Clause, y: Clause) -> bool:
    """Does y carry two of x's specific words (or its only one)?"""
    specific = [w for w in x.terms if not is_generic(w)]
    found = sum(c > PARTIAL for c in credits(specific, y.norm))
    return found >= min(2, len(specific))


def _beyond(x: Clause, topic: str) -> dict[str, float] | None:
    """The terms of x that `topic` does not carry, when x says something specific beyond it (a
    specific word, or places — left out of the weighing, not of what x commits to); else None
    (a body clause that only restates its headline is carried by what carries the headline)."""
    rest = {w: v for (w, v), c in zip(x.terms.items(), credits(x.terms, topic), strict=True) if c < 1.0}
    specific = any(not is_generic(w) for w in rest) or any(p not in topic for p in x.places)
    return rest if rest and specific else None


def _topic(clauses: list[Clause]) -> str:
    """The headline of a measure's clauses (its title sentence), "" when it has none."""
    return "".join(c.norm for c in clauses if c.headline)


@dataclass
class _Group:
    """A group of linked measures as the judging sees it: who links to whom, each measure's
    weighted clauses and matching text, and what the old side said to each new measure."""
    b: list[Measure]
    a_to_b: dict[int, list[int]]
    b_to_a: dict[int, list[int]]
    ca: dict[int, list[Clause]]
    cb: dict[int, list[Clause]]
    norm_a: dict[int, str]
    norm_b: dict[int, str]
    group_a: dict[int, str]         # new measure j -> every old text linked to it

    @classmethod
    def of(cls, a: list[Measure], b: list[Measure], pairs: list[tuple[int, int]], weights: Weights,
           apart: bool = False) -> _Group:
        a_to_b: dict[int, list[int]] = {}
        b_to_a: dict[int, list[int]] = {}
        for i, j in pairs:
            a_to_b.setdefault(i, []).append(j)
            b_to_a.setdefault(j, []).append(i)
        norm_a = {i: a[i].norm or a[i].text_norm for i in a_to_b}
        norm_b = {j: b[j].norm or b[j].text_norm for j in b_to_a}
        ca = {i: commitments_of(a[i], weights) for i in a_to_b}
        cb = {j: commitments_of(b[j], weights) for j in b_to_a}
        if apart:
            ca = {i: _shared_places(cs, "\n".join(norm_b[j] for j in a_to_b[i])) for i, cs in ca.items()}
            cb = {j: _shared_places(cs, "\n".join(norm_a[i] for i in b_to_a[j])) for j, cs in cb.items()}
        return cls(b, a_to_b, b_to_a, ca, cb, norm_a, norm_b,
                   group_a={j: "\n".join(norm_a[i] for i in b_to_a[j]) for j in b_to_a})


def _shared_places(clauses: list[Clause], other: str) -> list[Clause]:
    """Clauses of a plan of another jurisdiction, each with only the places the other side's
    linked measures name too: the places a plan names as its own (在西安市开展试点, copied as
    在兰州市开展试点) are no scope to compare — each plan names its own."""
    return [replace(c, places=tuple(p for p in c.places if p in other)) for c in clauses]


def judge_group(a: list[Measure], b: list[Measure], pairs: list[tuple[int, int]],
                weights: Weights, apart: bool = False) -> dict[tuple[int, int], list[Fate]]:
    """The fate of every commitment on every link (i, j), seeing the whole group.

    In a merge (several old measures → one new) a new clause no old clause restates is added
    to the old measure whose commitment it is most about, or to none of them; in a split (one
    old → several new) an old clause carried by the other new measure is moved, not dropped.
    `apart`: a and b are plans of other jurisdictions, whose own places are not compared
    (`_shared_places`); in one plan's editions, places added or removed widen or narrow."""
    g = _Group.of(a, b, pairs, weights, apart)
    accounted: dict[int, set[int]] = {j: set() for j in g.cb}     # new clauses an old one restates
    old = {(i, j): _old_fates(g, i, j, accounted[j]) for i, j in pairs}
    for j, ys in g.cb.items():
        for k, y in enumerate(ys):
            if k not in accounted[j] and _says_nothing_new(g, j, y):
                accounted[j].add(k)
    return {(i, j): old[(i, j)] + _added_fates(g, i, j, accounted[j]) for i, j in pairs}


def _says_nothing_new(g: _Group, j: int, y: Clause) -> bool:
    """Does new clause y say no more than an old clause of its link, or the old text? Not when
    the words it adds would make a material commitment on their own: a new concrete action on
    known things (不动产登记 + 与水电气过户联动办理) or a new population (将中度失能人员纳入保障范围
    beside 将重度失能人员纳入…) is new, however many of its words the old text has. Only specific
    words count as added: a reworded clause's everyday verb (帮助薄弱学校提升办学水平) is no new action."""
    old = g.group_a[j]
    if not (containment(y.terms, old) >= SAID or any(
            containment(y.terms, x.norm) >= KEEP for i in g.b_to_a[j] for x in g.ca[i])):
        return False
    new = sum(v for (w, v), c in zip(y.terms.items(), credits(y.terms, old), strict=True)
              if not is_generic(w) and specificity(w) >= SPECIFIC and c <= PARTIAL)
    return new < MATERIAL


def _old_fates(g: _Group, i: int, j: int, accounted: set[int]) -> list[Fate]:
    """What became of each clause of old measure i on the link i → j; the new clauses that
    restate one are added to `accounted`."""
    fates = _said_once(g.ca[i], [_clause_fate(g, i, j, x) for x in g.ca[i]])
    for x, fate in zip(g.ca[i], fates, strict=True):
        # A body clause restated (or generalised) accounts for the new clause; a headline
        # does not — a new clause under the same headline is a new action on it — unless its
        # restatement already counts what that clause widens (推进住房公积金互认互贷 →
        # 深入推进…转移接续和互认互贷 widened, not also added).
        if fate.b is not None and fate.change in RESTATED and (not x.headline or fate.up or fate.changed):
            accounted.add(next(n for n, y in enumerate(g.cb[j]) if y is fate.b))
    split = len(g.a_to_b[i]) > 1
    piece = not split and _takes_a_piece(g.ca[i], fates, g.norm_b[j])
    for n, (x, fate) in enumerate(zip(g.ca[i], fates, strict=True)):
        if fate.change != DROPPED:
            continue
        if x.means and n + 1 < len(fates) and fates[n + 1].change in RESTATED:
            fate.material, fate.detail = False, MEANS_ONLY
        elif split:
            fate.uncarried, fate.detail = True, SPLIT_UNCARRIED
        elif piece and not _about_the_same(x, g.norm_b[j]):
            fate.uncarried, fate.detail = True, NOT_CARRIED
    return fates


def _said_once(clauses: list[Clause], fates: list[Fate]) -> list[Fate]:
    """A new clause that says one old clause word for word restates that one only: another old
    clause it was taken to reword (举办海丝文化旅游节 → 推出海丝文化研学旅游产品, kept word for word from
    推出海丝文化研学旅游产品) is dropped, unless the kept clause already says it."""
    kept = {id(f.b): n for n, f in enumerate(fates) if f.change == KEPT and f.b is not None}
    out = list(fates)
    for n, (x, f) in enumerate(zip(clauses, fates, strict=True)):
        k = kept.get(id(f.b)) if f.b is not None and f.change != KEPT else None
        if k is not None and k != n and f.change in RESTATED and containment(x.terms, clauses[k].norm) < SAID:
            out[n] = Fate(DROPPED, x, None, "", x.material)
    return out


def _clause_fate(g: _Group, i: int, j: int, x: Clause) -> Fate:
    """The fate of old clause x on the link i → j, seeing where the split's other parts put it."""
    topic = _topic(g.ca[i])
    k, s = _best(x, g.cb[j], topic)
    if x.headline and k >= 0 and s < KEEP <= containment(x.terms, g.norm_b[j]):
        # a headline names the measure as a whole: said by the new measure as a whole, it is
        # restated, with nothing one clause of it could be said to widen or narrow
        return Fate(REWORDED, x, g.cb[j][k], "", x.material)
    others = [(jj, _best(x, g.cb[jj], topic)) for jj in g.a_to_b[i] if jj != j]
    # the new side is the whole split, as the old side is the whole merge: a listed item the other
    # part carries (课程互选、学分互认 → 课程互选 here, 学分互认 there) is not lost
    new_side = "\n".join(g.norm_b[jj] for jj in g.a_to_b[i])
    return _old_fate(x, g.cb[j][k] if k >= 0 else None, s, g.cb[j], g.group_a[j], new_side, others,
                     g.b, g.norm_a[i])


def _takes_a_piece(clauses: list[Clause], fates: list[Fate], new_text: str) -> bool:
    """Does the new measure take over a piece of a broad old measure — are fewer than half of the
    old measure's material commitments restated by it or about what it says? (2025（八）就医便利化
    names seven services; 双核（七） carries one of them.) Then the old commitments it never
    touches are not this link's to drop."""
    material = [(x, f) for x, f in zip(clauses, fates, strict=True) if x.material]
    about = sum(1 for x, f in material if f.change in RESTATED or _about_the_same(x, new_text))
    return bool(material) and 2 * about < len(material)


def _about_the_same(x: Clause, new_text: str) -> bool:
    """Does the new measure speak of what old clause x commits to — does one of x's specific
    words, or its quoted name, occur in it? A link carries the commitments of the old measure
    its new measure is about; a commitment of a broad old measure that the new one never
    touches (电子健康卡 beside 异地就医结算) belongs to no part of this link when the link takes a
    piece of the old measure (`_takes_a_piece`): it is listed as not carried and does not set the
    link's status — the link judges only its own piece, as each part of a split does."""
    return any(specificity(t) >= SPECIFIC and t in new_text for t in x.terms if not is_generic(t)) or any(
        name in new_text for name in quoted_names(x.norm))


def _added_fates(g: _Group, i: int, j: int, accounted: set[int]) -> list[Fate]:
    """The clauses of new measure j no old clause accounts for, as added on the link i → j. In a
    merge a clause is added on the link of the old measure it is most about (or, about none of
    them, on every link as non-material merge content)."""
    out = []
    owners = g.b_to_a[j]
    for k, y in enumerate(g.cb[j]):
        if k in accounted or y.headline:
            continue
        if len(owners) > 1:
            about = {ii: containment(y.terms, g.norm_a[ii]) for ii in owners}
            top = max(about.values())
            if top < ABOUT:
                out.append(Fate(ADDED, b=y, material=False, detail=MERGE_OTHER))
            if top < ABOUT or about[i] != top:
                continue            # about another old measure of the merge: added there
        new_items = unshared(list_items(y.norm), g.group_a[j], y.places)
        out.append(Fate(ADDED, b=y, material=y.material, added_items=new_items,
                        detail="新增列举：" + "、".join(new_items) if new_items else ""))
    return out


# Details of fates the status does not count.
MERGE_OTHER = "合并后的新内容，不专属于某一原措施"
MEANS_ONLY = "实现方式不再提及，目标仍在"
SPLIT_UNCARRIED = "拆分后的各新措施均未承接"
NOT_CARRIED = "新措施未涉及，不属本链接"


def _old_fate(x: Clause, y: Clause | None, s: float, ys: list[Clause], a_norm: str, b_norm: str,
              others: list[tuple[int, tuple[int, float]]], b: list[Measure], own_a: str) -> Fate:
    """The fate of old clause x, given y, the new clause of the link carrying most of it (share
    s), all new clauses ys, and the best clause of each other measure of a split (`others`)."""
    if y is not None and s >= GENERAL_MIN and (_names_some_items(x, y) or rolled_out(x.norm, y.norm)):
        s = max(s, KEEP)                # a shorter or longer list of the same things; a pilot rolled out
    elsewhere = _carried_elsewhere(x, s, others)
    if y is not None and s >= KEEP and elsewhere is None:
        return _restated(x, y, ys, a_norm, b_norm, own_a)
    if elsewhere is not None:
        return Fate(MOVED, x, None, f"见{b[elsewhere].label}", x.material)
    removed = unshared(list_items(x.norm), b_norm, x.places)
    general = _general(x, y, s, ys, removed)
    if general is not None:
        shown = "、".join(removed) if removed else x.quote(16)
        return Fate(GENERALISED, x, general, shown + " → " + general.quote(24), x.material, [], removed)
    return Fate(DROPPED, x, None, "", x.material)


def _carried_elsewhere(x: Clause, s: float, others: list[tuple[int, tuple[int, float]]]) -> int | None:
    """In a split, the other new measure restating x more fully than this one (评价结果在三省互认 →
    结果互认 there, not 评价标准 here, which shares its words), or None."""
    return next((jj for jj, (k, s2) in others if k >= 0 and s2 >= KEEP and s2 > s
                 and (s < KEEP or not x.headline)), None)


def _general(x: Clause, y: Clause | None, s: float, ys: list[Clause], removed: list) -> Clause | None:
    """The new clause stating in general terms what x listed (its removed items), or what specific
    x named, when y is such a statement sharing x's distinct words; None."""
    general = general_statement(x, removed, ys) if removed else None
    if general is None and y is not None and s >= GENERAL_MIN and _specific(x) \
            and GENERAL_STATEMENT.search(y.norm) and _shares_distinct(x, y):
        general = y
    return general


def _restated(x: Clause, y: Clause, ys: list[Clause], a_norm: str, b_norm: str, own_a: str) -> Fate:
    """Old clause x said again by y: kept, reworded, widened or narrowed — or generalised when all
    y loses is x's list and another new clause states the list's category in general terms."""
    d = compare_clauses(x, y, a_norm, b_norm, own_a)
    if d.down == ["不再列举：" + "、".join(d.removed)] and not d.up:
        general = general_statement(x, d.removed, ys)
        if general is not None:
            return Fate(GENERALISED, x, general, "、".join(d.removed) + " → " + general.quote(24),
                        x.material, d.added, d.removed)
    change = (KEPT if x.norm == y.norm else WIDENED if len(d.up) >= len(d.down) and d.up
              else NARROWED if d.down else REWORDED)
    return Fate(change, x, y, "；".join(d.up + d.down + d.changed), x.material, d.added, d.removed, up=d.up,
                down=d.down, weak=d.weak, changed=d.changed)


def _names_some_items(x: Clause, y: Clause) -> bool:
    """y names at least half of x's listed things: the same list, shortened or lengthened."""
    named = [it for its, _ in list_items(x.norm) for it in its]
    return bool(named) and 2 * sum(it in y.norm for it in named) >= len(named)


def _specific(x: Clause) -> bool:
    """A clause naming particular things: an enumeration, or something 等."""
    return "等" in x.norm or bool(list_items(x.norm))


def _shares_distinct(x: Clause, y: Clause) -> bool:
    return any(not is_generic(w) and len(w) >= 2 and w in y.norm for w in x.terms)
