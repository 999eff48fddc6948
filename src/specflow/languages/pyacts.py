"""What a Python hunk does to the definitions it touches, as a question shows it (REVIEW-E166):
the classes and functions it adds whole, and each one whose own lines it changes, in the file's
order. Display only: the links read the definitions around the hunk (`python._hunk_enclosing`),
never these. Pure: trees in."""

from __future__ import annotations

import ast
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence, Set
from itertools import islice
from typing import NamedTuple

from specflow.change import Hunk
from specflow.languages.pydefinitions import extent
from specflow.languages.pyshape import BLOCKS, FUNCTIONS

ADDS, CHANGES, REMOVES = "adds", "changes", "removes"
CLASS, FUNCTION = "class", "function"


class Shown(NamedTuple):
    """One thing a hunk does to one definition: `adds`, `changes` or `removes` it (REVIEW-E178);
    a class or a function."""

    verb: str
    name: str
    kind: str


class _Definition(NamedTuple):
    node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
    chain: tuple[str, ...]  # the names from the outermost definition to this one
    first: int
    last: int
    depth: int


def shown(
    hunks: Sequence[Hunk],
    indexes: Iterable[int],
    old_tree: ast.Module | None,
    new_tree: ast.Module | None,
) -> dict[int, tuple[tuple[str, str, str], ...]]:
    """REVIEW-E166: of each hunk (by its index), the definitions it adds whole (the outermost
    of them: a class, not its methods) and those whose own lines (not their inner definitions',
    nor blank or comment lines) it changes, each once, in the file's order; a hunk that
    touches none (module code) is left out. Each side's definitions are listed once."""
    old = list(_definitions(old_tree)) if old_tree else []
    new = list(_definitions(new_tree)) if new_tree else []
    before = {each.chain for each in old}
    found: dict[int, tuple[tuple[str, str, str], ...]] = {}
    for index in indexes:
        hunk = hunks[index]
        acts = _acts(hunk, new, before) if hunk.added else _acts(hunk, old, frozenset())
        if acts:
            found[index] = acts
    return found


def _acts(
    hunk: Hunk, definitions: Sequence[_Definition], before: Set[tuple[str, ...]]
) -> tuple[Shown, ...]:
    """What the hunk does to `definitions` (those of the side its changed lines are on);
    `before`: the old side's, by their chains, when that is the new side."""
    lines = hunk.added or hunk.removed
    every = [line.number for line in lines]
    code = [line.number for line in lines if _is_code(line.text)]
    gone: set[str] | None = None  # the names whose `def` or `class` line the hunk removes
    found: list[Shown] = []
    whole_until = 0  # the last line of the definition added whole that holds what follows
    for at, each in enumerate(definitions):
        if each.last < every[0] or each.first <= whole_until:
            continue
        if each.first > every[-1]:
            break
        kind = CLASS if isinstance(each.node, ast.ClassDef) else FUNCTION
        new = bool(hunk.added) and each.chain not in before
        if new:  # not one rewritten under the same name
            if gone is None:
                gone = {_header_name(line.text) for line in hunk.removed if _header(line.text)}
            new = each.node.name not in gone
        whole = _count(every, each.first, each.last) == each.last - each.first + 1
        if whole and (new or not hunk.added):  # REVIEW-E178: a hunk that only removes it
            found.append(Shown(ADDS if new else REMOVES, each.node.name, kind))
            whole_until = each.last
        elif _own(code, definitions, at):
            found.append(Shown(CHANGES, each.node.name, kind))
    return tuple(found)


def _own(code: Sequence[int], definitions: Sequence[_Definition], at: int) -> bool:
    """Whether a changed line of code lies in the definition at `at` but in none of its own
    inner ones (those after it, until one starts below its end)."""
    each = definitions[at]
    inner = 0
    for other in islice(definitions, at + 1, None):
        if other.first > each.last:
            break
        if other.depth == each.depth + 1:
            inner += _count(code, other.first, other.last)
    return _count(code, each.first, each.last) > inner


def _count(numbers: Sequence[int], first: int, last: int) -> int:
    return bisect_right(numbers, last) - bisect_left(numbers, first)


def _is_code(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("#")


def _header(text: str) -> bool:
    """A line that may open a definition (SPEED: most changed lines open none)."""
    return text.lstrip().startswith(("def", "class", "async"))


def _header_name(text: str) -> str:
    """The name a `def`, `async def` or `class` line defines, else ""."""
    words = text.replace("(", " ").replace(":", " ").split()
    if words[:1] == ["async"]:
        words = words[1:]
    return words[1] if len(words) > 1 and words[0] in ("def", "class") else ""


def _definitions(tree: ast.Module) -> Iterator[_Definition]:
    """Every class and function, in the file's order (outer before inner), as
    `_hunk_enclosing` finds them: through a module's or class's `if`, `try` or `with` too, and
    a function's own definitions, not those in its branches."""
    return _definitions_in(tree.body, (), in_function=False)


def _definitions_in(
    body: Sequence[ast.stmt], chain: tuple[str, ...], in_function: bool
) -> Iterator[_Definition]:
    for node in body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first, last = extent(node)
            inner = (*chain, node.name)
            yield _Definition(node, inner, first, last, len(chain))
            yield from _definitions_in(node.body, inner, isinstance(node, FUNCTIONS))
        elif not in_function and any(getattr(node, field, None) for field in BLOCKS):
            yield from _definitions_in(list(_statements(node)), chain, in_function)


def _statements(node: ast.stmt) -> Iterator[ast.stmt]:
    for field in BLOCKS:
        for item in getattr(node, field, None) or ():
            if isinstance(item, ast.stmt):
                yield item
            else:  # an `except` handler, a `match` case
                yield from item.body
