"""Which of a review's ranked questions it shows (REVIEW-17): those near the strongest, within
the budget, spread over the change's files; a file's `%` rewrites asked once. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Any, NamedTuple

from specflow.change import Hunk

# A ranked question: (its rank, (confidence, the strongest link, every (confidence, link)))
Ranked = tuple[tuple[Any, ...], Any]

RELATIVE_CUT = 0.65  # a question far weaker than the strongest of its review is not shown
PER_FILE = 3  # REVIEW-E41: questions of one file shown before the rest of the others'


def within(
    ranked: list[Ranked],
    budget: int,
    unsure: Set[int] = frozenset(),
    ungoverned: Set[int] = frozenset(),
) -> list[Ranked]:
    """The questions shown with a budget: at least RELATIVE_CUT as sure as the strongest (a
    review whose best question is certain does not pad its checklist with guesses), each
    file's strongest PER_FILE and each statement's first before any file's or statement's next
    ones, kept in rank order (REVIEW-E41: a new file naming six IDs of its spec took six of
    the ten, and two other files none; REVIEW-E55: one requirement named in seven files took
    seven of the ten). REVIEW-E255: the questions only unsure hunks raise (`unsure`, by the
    pair's id) neither set the cut nor take a place before any other: they fill what is left.
    REVIEW-E291: the questions about files no spec governs (`ungoverned`) do not set the cut of
    the others when a governed file asks too (a guess about an unowned file does not hide the
    owners' questions); they are themselves cut by the strongest of all."""
    if not ranked:
        return ranked
    strong = _strong(ranked, unsure, ungoverned)
    seen: dict[object, int] = {}
    early = [_early(seen, link) for _, (_, link, _) in strong]
    first = [pair for pair, soon in zip(strong, early, strict=True) if soon]
    later = [pair for pair, soon in zip(strong, early, strict=True) if not soon]
    order = sorted(first + later, key=lambda pair: id(pair) in unsure)  # stable
    chosen = {id(pair) for pair in order[:budget]}
    return [pair for pair in strong if id(pair) in chosen]


def _floors(
    ranked: list[Ranked], unsure: Set[int], ungoverned: Set[int]
) -> tuple[float, float, float]:
    """The least confidence shown: of the files no spec governs, of the governed files'
    Context questions, of their requirements' and edge cases' (REVIEW-E348: when no rule is
    as sure as the first, by the surest rule)."""
    evidenced = [pair for pair in ranked if id(pair) not in unsure] or ranked
    floor = max(sure for _, (sure, _, _) in evidenced) * RELATIVE_CUT
    owned = [pair for pair in evidenced if id(pair) not in ungoverned] or evidenced
    owned_floor = max(sure for _, (sure, _, _) in owned) * RELATIVE_CUT
    # REVIEW-E348: Context questions alone do not hide every rule: rusturl's 74b8694 asked
    # only a Context line (1.0, the hunk writes a name it names) and hid SETTERS-E4
    rules = [sure for _, (sure, link, _) in owned if link.statement.kind != "context"]
    if not rules or max(rules) >= owned_floor:
        return floor, owned_floor, owned_floor
    return floor, owned_floor, max(rules) * RELATIVE_CUT


def _context(pair: Ranked) -> bool:
    return bool(pair[1][1].statement.kind == "context")


def _strong(ranked: list[Ranked], unsure: Set[int], ungoverned: Set[int]) -> list[Ranked]:
    floor, owned_floor, rules_floor = _floors(ranked, unsure, ungoverned)

    def least(pair: Ranked) -> float:
        if id(pair) in ungoverned:
            return floor
        return owned_floor if _context(pair) else min(owned_floor, rules_floor)

    return [pair for pair in ranked if pair[1][0] >= least(pair)]


class Cut(NamedTuple):
    """REVIEW-E347: why a review's weaker questions are not shown: how many fall under
    RELATIVE_CUT of the strongest (the least confidence shown, `floor`), how many past the
    budget; the reader is told which (a rusturl review showed 1 question of 9 and '8 weaker
    links not shown', where the schema documented a count of 10)."""

    under: int
    past: int
    floor: float
    budget: int
    share: float = RELATIVE_CUT


def cut_of(
    ranked: list[Ranked],
    shown: int,
    budget: int,
    unsure: Set[int] = frozenset(),
    ungoverned: Set[int] = frozenset(),
) -> Cut | None:
    """Where `within` cut `ranked` (None when it showed every question)."""
    if shown >= len(ranked):
        return None
    strong = len(_strong(ranked, unsure, ungoverned))
    return Cut(len(ranked) - strong, strong - shown, _floors(ranked, unsure, ungoverned)[0], budget)


def _early(seen: dict[object, int], link: Any) -> bool:
    """Among its file's first PER_FILE questions, and its statement's first."""
    in_file, of_statement = _count(seen, link.hunk.path), _count(seen, link.statement)
    return in_file <= PER_FILE and of_statement == 1


def _count(seen: dict[object, int], key: object) -> int:
    seen[key] = seen.get(key, 0) + 1
    return seen[key]


def unsure_once(
    ranked: list[Ranked], assumed: Mapping[int, object]
) -> tuple[list[Ranked], dict[str, list[Hunk]]]:
    """REVIEW-E28: of a file's questions that only hunks rewriting `%` formats raise, the
    strongest: whether the values hold what the formats expect decides them all. And, by
    file, every hunk those questions list, for the one kept to list."""
    held: dict[str, list[Hunk]] = {}
    kept = []
    for pair in ranked:
        found = pair[1][2]
        if assumed and all(id(link.hunk) in assumed for _, link in found):
            path = found[0][1].hunk.path
            if path not in held:
                kept.append(pair)
            held.setdefault(path, []).extend(link.hunk for _, link in found)
        else:
            kept.append(pair)
    return kept, held
