"""A class's family as the files a review read show it (REVIEW-E25), and the classes whose
`self.name` may reach a method of another (REVIEW-E116). Pure: class names and bases in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from specflow.languages.base import Symbol

if TYPE_CHECKING:
    from specflow.usekind import Use

Bases = Mapping[str, tuple[str, ...]]  # each class with the classes its header derives it from


class Lineage(NamedTuple):
    """REVIEW-E25: a class's family as `bases` knows it: the classes it derives from, itself and
    those derived from it (`family`); and itself with those derived from it (`down`)."""

    family: frozenset[str]
    down: frozenset[str]


def lineage(owner: str, bases: Bases) -> Lineage:
    down = {owner} | {name for name in bases if owner in ancestors(name, bases)}
    return Lineage(frozenset(down | ancestors(owner, bases)), frozenset(down))


def ancestors(name: str, bases: Bases) -> set[str]:
    found: set[str] = set()
    stack = list(bases.get(name, ()))
    while stack:
        base = stack.pop()
        if base not in found:
            found.add(base)
            stack.extend(bases.get(base, ()))
    return found


def kin(owner: str, bases: Bases) -> frozenset[str]:
    """REVIEW-E116: the classes whose `self.name(...)` may call `owner`'s method: its family,
    and every class that a class derived from it also derives from (a mixin beside it,
    `class Both(Mixin, Owner)`: the mixin's `self.name` is the owner's in `Both`)."""
    line = lineage(owner, bases)
    return line.family | {base for each in line.down for base in ancestors(each, bases)}


def not_their_own(symbol: Symbol, outside: list[Use], every: list[Use], bases: Bases) -> list[Use]:
    """REVIEW-E116: a changed method's uses but `self.name` in a class that binds the name
    itself (`self._repr = repr` in `__init__`, its own `def _repr`) and that is not of the
    method's class's kin as the files read show it: that class calls its own. REVIEW-E410:
    the same of an attribute a method writes through `self`: that class's is its own."""
    if not symbol.owner or (symbol.kind != "function" and symbol.reach != "attribute"):
        return outside
    own = {
        (use.path, use.owner)
        for use in every
        if use.owner and use.owner != symbol.owner
        if use.use == "definition" or (use.use == "write" and use.spelled == {"self"})
    }
    if not own:
        return outside
    related = kin(symbol.owner, bases)
    return [
        use
        for use in outside
        if use.spelled != {"self"} or (use.path, use.owner) not in own or use.owner in related
    ]
