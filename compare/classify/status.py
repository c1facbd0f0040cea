"""A link's status from the fates of its commitments, by the rules of the README's table."""
from __future__ import annotations

from compare.classify.fates import Fate
from compare.vocab import ADDED, CONTINUED, DROPPED, EXPANDED, NARROWED, RESTATED, REVISED

DOMINANT = 5.0      # widening this many times what is lost is expanded (the loss the second reading);
#                     a new commitment beside many dropped ones stays revised


def _gain(f: Fate) -> float:
    """Weight of what a commitment's fate adds: a new clause, or each widening of a kept one
    (a longer list counts a little more)."""
    if f.change == ADDED:
        return 1.0 + 0.25 * max(len(f.added_items) - 1, 0) if f.material else 0.0
    if (f.up or f.changed) and _counts(f):
        return 1.0 + 0.25 * max(len(f.added_items) - 1, 0)
    return 0.0


def _loss(f: Fate) -> float:
    if f.change == DROPPED:
        return 1.0 if f.material and not f.uncarried else 0.0
    if (f.down or f.changed) and _counts(f):
        return 1.0 + 0.25 * max(len(f.removed_items) - 1, 0)
    return 0.0


def _counts(f: Fate) -> bool:
    """Does a restatement's widening or narrowing count: a material commitment's, or a headline's
    that no body clause of the old measure says again through the same new clause (else the
    headline would count what the body clause already counts: 开展节水型单位创建 → 50%以上…)."""
    return f.material or f.headline and not f.echoed


def _mark_echoes(fates: list[Fate]) -> None:
    said = {id(f.b) for f in fates if f.b is not None and not f.headline and f.change in RESTATED}
    for f in fates:
        f.echoed = f.headline and f.b is not None and id(f.b) in said


def status_from(fates: list[Fate]) -> tuple[str, str]:
    """(status, secondary status or "") from the fates of a link's commitments, by the rules of
    the README's table. The secondary status names a close second reading: the smaller side of
    a revision, continued for a widening that is a widening word only or a narrowing of one
    clause beside intact ones, revised or narrowed when a split left commitments no part carries."""
    restated = any(f.change in RESTATED for f in fates)
    _mark_echoes(fates)
    gain = sum(_gain(f) for f in fates)
    loss = sum(_loss(f) for f in fates)
    uncarried = any(f.uncarried and f.material for f in fates)
    if not restated:
        return REVISED, EXPANDED if gain else NARROWED        # the approach replaced
    if gain and loss:
        if gain >= DOMINANT * loss:
            return EXPANDED, REVISED            # much widened, one detail no longer said
        return REVISED, EXPANDED if gain > loss else NARROWED if loss > gain else ""
    if gain:
        if _mostly_new(fates):
            return REVISED, EXPANDED
        return EXPANDED, _second_of_expanded(fates, uncarried)
    if loss:
        return NARROWED, _second_of_narrowed(fates, loss)
    return CONTINUED, NARROWED if uncarried else ""


def _mostly_new(fates: list[Fate]) -> bool:
    """More new material commitments than restated ones, beside an old one this link does not
    restate: the measure's approach is largely replaced, not widened (a split's part that keeps
    one clause of the old measure and brings five of its own). A measure that keeps every
    commitment and adds more is widened, however many it adds."""
    restated = sum(1 for f in fates if f.change in RESTATED and f.material)
    added = sum(1 for f in fates if f.change == ADDED and f.material)
    left = any(f.a is not None and f.material and f.change not in RESTATED for f in fates)
    return added > max(restated, 1) and left


def _second_of_expanded(fates: list[Fate], uncarried: bool) -> str:
    """Revised when a split left a commitment no part carries; continued when every widening is
    a widening word only (扩面, 拓展)."""
    if uncarried:
        return REVISED
    return CONTINUED if all(f.weak for f in fates if _gain(f)) else ""


def _second_of_narrowed(fates: list[Fate], loss: float) -> str:
    """Continued when one clause narrowed beside others restated intact."""
    intact = any(f.change in RESTATED and f.material and not f.down for f in fates)
    return CONTINUED if loss <= 1 and intact else ""
