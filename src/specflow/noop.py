"""Hunks that change no behaviour: formatting, comments, docstrings, type annotations and the
rewrites of pyupgrade and ruff (REVIEW-16).

Python is judged on its syntax tree: the statements around a hunk, narrowed into the one block
of a class, function, `if`, loop, `with`, `try` or `match` that holds its lines, are the same
on both sides as `languages.pyshape` spells them (the walk stops at the first difference, so a
real change costs little). Other code is judged on its tokens without whitespace and comments
(`languages.generic`). Pure: trees and lines in, hunk indexes out."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping, Sequence
from itertools import zip_longest
from typing import NamedTuple

from specflow.change import FileChange, Hunk
from specflow.languages.pybindings import bindings
from specflow.languages.pyblocks import block, clip, held, overlapping, segments, sides_lines
from specflow.languages.pyconstants import moved_constants
from specflow.languages.pydropped import DROPPED, dropped_lines, looked_up
from specflow.languages.pyfields import class_body
from specflow.languages.pyflow import straightened
from specflow.languages.pyformat import Taken, Unsure
from specflow.languages.pyimports import imported_names
from specflow.languages.pymodern import delegated, named_lambda
from specflow.languages.pymoves import NONE_MOVED, moved_functions
from specflow.languages.pyrename import renamed_by_place, renamed_locals, renamed_private
from specflow.languages.pyshape import (
    COMPOUND,
    DEFINITIONS,
    FUNCTIONS,
    Side,
    Sources,
    body_shape,
    both_sides,
    inert,
    shape,
)
from specflow.languages.pysource import parse_touched

Judged = tuple[set[int], dict[int, tuple[Taken, ...]]]


def python_hunks(
    hunks: Sequence[Hunk],
    old_tree: ast.Module | None,
    new_tree: ast.Module | None,
    sources: Sources = (None, None),
    renames: Mapping[str, str] = {},
    path: str = "",
) -> Judged:
    """The indexes of `hunks` whose statements are the same on both sides once what cannot
    change behaviour is dropped (REVIEW-16); and of the others, those the same only if the
    values of `%` formats hold what the formats expect or the comparisons ruff rewrites
    unsafely are plain, each with what that takes for granted on the lines it changes
    (REVIEW-E28: `opaque`, "holds no tuple"). The trees may hold only the statements around
    the hunks (the rest of the file blanked): see `sides_lines`; `sources`, the whole files,
    when known; `renames`, the names the whole change renames (REVIEW-E58); `path`, the file's."""
    if path.endswith(".pyi"):  # REVIEW-E82: a stub declares types and runs nothing
        return set(range(len(hunks))), {}
    if old_tree is None or new_tree is None:
        return set(), {}
    try:
        return _judged(hunks, (old_tree, new_tree), sources, renames, path)
    except RecursionError:  # HARDEN-E13: a statement too deep to walk is judged a change
        return set(), {}


def parsed_sides(
    hunks: Sequence[Hunk], old: bytes | None, new: bytes | None
) -> tuple[ast.Module | None, ast.Module | None]:
    """Each side of a file parsed around the lines that decide its hunks (`sides_lines`)."""
    cut: tuple[set[int], set[int]] = (set(), set())
    for hunk in hunks:
        for side, lines in zip(cut, sides_lines(hunk), strict=True):
            side.update(lines)
    return (
        parse_touched(old, sorted(cut[0])) if old is not None else None,
        parse_touched(new, sorted(cut[1])) if new is not None else None,
    )


def unchanged_python(
    file: FileChange, old: bytes | None, new: bytes | None, renames: Mapping[str, str]
) -> set[int]:
    """CHECK-E19: the indexes of the hunks of a Python file that change no behaviour, as the
    review judges them (those it is unsure of change it)."""
    hunks = file.hunks
    return python_hunks(hunks, *parsed_sides(hunks, old, new), (old, new), renames, file.path)[0]


def _judged(
    hunks: Sequence[Hunk],
    trees: tuple[ast.Module, ast.Module],
    sources: Sources,
    renames: Mapping[str, str],
    path: str,
) -> Judged:
    old_tree, new_tree = trees
    dropped = {name for name, new in renames.items() if new == DROPPED}  # REVIEW-E355
    renames = {old: new for old, new in renames.items() if new != DROPPED}
    sides = renamed_by_place(both_sides(old_tree, new_tree, sources, path), renames)
    imported = imported_names(hunks, sources, path)  # REVIEW-E303
    sides = sides[0]._replace(imported=imported[0]), sides[1]._replace(imported=imported[1])
    sides = _with_moves(sides, hunks, sources)
    if dropped and not looked_up(sources[0]) and (gone := dropped_lines(old_tree, dropped)):
        sides = sides[0]._replace(moved=sides[0].moved | gone), sides[1]
    noop = {
        index
        for index, hunk in enumerate(hunks)
        if _same_change(old_tree.body, new_tree.body, sides_lines(hunk), _Around(sides))
        or _only_comments(hunk, trees)
    }
    unsure = {
        index: taken
        for index, hunk in enumerate(hunks)
        if index not in noop and (taken := _taken(hunk, trees, sides))
    }
    return noop, unsure


def _with_moves(
    sides: tuple[Side, Side], hunks: Sequence[Hunk], sources: Sources
) -> tuple[Side, Side]:
    """REVIEW-E30: a function moved unchanged is nothing, on each side, where it stands; so is
    a module constant moved past statements that cannot see it (REVIEW-E357)."""

    def same(one: ast.stmt, other: ast.stmt, where: str) -> bool:
        shapes = body_shape([one], sides[0], where), body_shape([other], sides[1], where)
        return _difference(*shapes) is None

    moved = moved_functions(hunks, sources, same)
    constants = moved_constants(hunks, sources)  # REVIEW-E357
    moved = moved[0] | constants[0], moved[1] | constants[1]
    if moved == NONE_MOVED:
        return sides
    return sides[0]._replace(moved=moved[0]), sides[1]._replace(moved=moved[1])


_MAYBE_UNSURE = ("%", "None", "not", "yield")  # on a line REVIEW-E28 may read: substrings are fast


def _taken(
    hunk: Hunk, trees: tuple[ast.Module, ast.Module], sides: tuple[Side, Side]
) -> tuple[Taken, ...]:
    """What the hunk takes for granted to be the same (REVIEW-E28), or nothing."""
    changed = (hunk.removed, hunk.added)
    lines = (line.text for side in changed for line in side)
    if not any(word in text for text in lines for word in _MAYBE_UNSURE):
        return ()
    unsure: tuple[Unsure, Unsure] = ([], [])
    sides = (sides[0]._replace(unsure=unsure[0]), sides[1]._replace(unsure=unsure[1]))
    if not _same_change(trees[0].body, trees[1].body, sides_lines(hunk), _Around(sides)):
        return ()
    taken = (
        text
        for side, lines in zip(unsure, changed, strict=True)
        for first, last, text in side
        if any(first <= line.number <= last for line in lines)
    )
    return tuple(dict.fromkeys(taken))


def _only_comments(hunk: Hunk, trees: tuple[ast.Module, ast.Module]) -> bool:
    """REVIEW-E14: every line the hunk adds or removes is blank or a comment, past the first
    two (an encoding declaration, a shebang), and none lies inside a string: nothing the
    interpreter reads changed, whatever the statements around it do."""
    lines = (*hunk.removed, *hunk.added)
    if not lines or any(n.number <= 2 or n.text.strip()[:1] not in ("", "#") for n in lines):
        return False
    sides = ((hunk.removed, trees[0]), (hunk.added, trees[1]))
    return not any(_in_string(tree, {line.number for line in side}) for side, tree in sides)


def _in_string(tree: ast.Module, numbers: set[int]) -> bool:
    """Whether one of the lines is inside a string that spans lines (a `#` there is text)."""
    spans = (
        (node.lineno, node.end_lineno or node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant | ast.JoinedStr)
    )
    return any(first < number <= last for first, last in spans for number in numbers)


_Lines = tuple[list[int], list[int]]


class _Around(NamedTuple):
    """Where a comparison is: each side's `Side`, the body it is in (module, class or
    function) and the innermost function around it on each side."""

    sides: tuple[Side, Side]
    where: str = "module"
    functions: tuple[ast.stmt, ast.stmt] | None = None
    classes: tuple[ast.ClassDef, ast.ClassDef] | None = None  # the innermost class around


def _same_change(
    old_body: list[ast.stmt], new_body: list[ast.stmt], lines: _Lines, around: _Around
) -> bool:
    """Whether the statements around the lines are the same, looking into the one block of a
    compound statement that holds them (one method of a class, one branch of an `if`, one
    handler of a `try`) while what leads into it (name, arguments, test, targets) is the same;
    when the lines span several statements, into each of them."""
    sides, where = around.sides, around.where
    functions = around.functions or (None, None)
    module = where == "module"
    fields = where == "class"  # REVIEW-E184: `x: T = v` is a field there, not `x = v`
    old_body = straightened(old_body, functions[0], module, fields)
    new_body = straightened(new_body, functions[1], module, fields)
    old_body = [delegated(s, sides[0].unsure) for s in old_body]  # REVIEW-E187: when unsure
    new_body = [delegated(s, sides[1].unsure) for s in new_body]
    old_body = [named_lambda(s, sides[0].sources) for s in old_body]  # REVIEW-E217
    new_body = [named_lambda(s, sides[1].sources) for s in new_body]
    before = [s for s in overlapping(old_body, lines[0]) if not inert(s, sides[0], where)]
    after = [s for s in overlapping(new_body, lines[1]) if not inert(s, sides[1], where)]
    if len(before) == 1 and len(after) == 1 and _same_kind(before[0], after[0]):
        return _same_compound(before[0], after[0], lines, around)
    if len(before) == 1 and len(after) == 1 and _renamed_definition(before[0], after[0]):
        return _renamed_enough(before, after, around)
    return _same_parts(before, after, lines, around)


def _renamed_definition(one: ast.stmt, other: ast.stmt) -> bool:
    """Two definitions of one kind under two names: the same only once renamed (REVIEW-E13)."""
    named = isinstance(one, DEFINITIONS) and type(one) is type(other)
    return named and getattr(one, "name", None) != getattr(other, "name", None)


def _same_parts(
    before: list[ast.stmt], after: list[ast.stmt], lines: _Lines, around: _Around
) -> bool:
    """Several statements: each compound one looked into with the lines it holds, each run of
    simple ones between them compared whole (imports in any order). Never less sure than
    comparing them all whole: the same statements whole are the same part by part."""
    one_side, other_side = segments(before), segments(after)
    if len(one_side) != len(other_side):
        return False
    compound: list[tuple[ast.stmt, ast.stmt]] = []
    runs: list[tuple[list[ast.stmt], list[ast.stmt]]] = []
    for one, other in zip(one_side, other_side, strict=True):
        if isinstance(one, list) and isinstance(other, list):
            runs.append((one, other))
        elif isinstance(one, list) or isinstance(other, list):
            return False
        elif _renamed_definition(one, other):
            runs.append(([one], [other]))  # compared whole, once renamed (REVIEW-E13)
        elif not _same_kind(one, other):
            return False
        else:
            compound.append((one, other))
    if not all(_renamed_same(one, other, around) for one, other in runs):
        return False
    return all(
        _same_compound(one, other, (clip(lines[0], one), clip(lines[1], other)), around)
        for one, other in compound
    )


def _same_compound(one: ast.stmt, other: ast.stmt, lines: _Lines, around: _Around) -> bool:
    """REVIEW-E8: into the block that holds the lines, while what leads into it is the same."""
    if not _same_header(one, other, around.sides):
        return _renamed_enough([one], [other], around)
    if isinstance(one, FUNCTIONS):
        around = around._replace(functions=(one, other), where="function")
    elif isinstance(one, ast.ClassDef) and isinstance(other, ast.ClassDef):
        one_body = class_body(one, around.sides[0].plain)  # "plain class" on both sides, or not
        where = one_body if one_body == class_body(other, around.sides[1].plain) else "class"
        around = around._replace(functions=None, where=where, classes=(one, other))
    holding = held(one, lines[0]), held(other, lines[1])
    if holding == (None, None):
        return True  # only the header, and it is the same
    inner = (
        (block(one, holding[0]), block(other, holding[1]))
        if holding[0] == holding[1]
        else (None, None)
    )
    if inner[0] is None or inner[1] is None:
        return _renamed_same([one], [other], around)
    if not _same_header(inner[0][0], inner[1][0], around.sides):
        return _renamed_enough([one], [other], around)
    return _same_change(inner[0][1], inner[1][1], lines, around)


def _same_kind(one: ast.stmt, other: ast.stmt) -> bool:
    return (
        isinstance(one, COMPOUND)
        and type(one) is type(other)
        and getattr(one, "name", None) == getattr(other, "name", None)
    )


def _same_header(one: ast.AST, other: ast.AST, sides: tuple[Side, Side]) -> bool:
    """The same name, arguments (their annotations apart), bases, decorators, test, targets,
    handler types: all but the statements."""
    sentinel = object()
    pairs = zip_longest(
        shape(one, sides[0], header=True), shape(other, sides[1], header=True), fillvalue=sentinel
    )
    return all(a == b for a, b in pairs)


def _renamed_enough(before: list[ast.stmt], after: list[ast.stmt], around: _Around) -> bool:
    """Statements whose headers differ: the same only once renamed, inside a function or
    a class, or renamed by the whole change (REVIEW-E58)."""
    inside = around.functions is not None or around.classes is not None
    whole = getattr(before[0], "name", None) in around.sides[0].private
    return (inside or whole) and _renamed_same(before, after, around)


def _renamed_same(before: list[ast.stmt], after: list[ast.stmt], around: _Around) -> bool:
    """The same statements, or the same once the locals of the function around them that one
    side renamed through the whole function are named by their place (alpha-equivalence)."""
    sides, where = around.sides, around.where
    differs_at = _difference(
        body_shape(before, sides[0], where), body_shape(after, sides[1], where)
    )
    if differs_at is None:
        return True
    previous, name = differs_at
    if around.classes is not None and isinstance(name, str) and name.startswith("__"):
        return _private_renamed(before, after, around, name)
    if around.functions is None or previous not in ("Name", "as") or not isinstance(name, str):
        return False
    renamed = renamed_locals(*around.functions, name)
    if renamed is not None:
        sides = (sides[0]._replace(renamed=renamed[0]), sides[1]._replace(renamed=renamed[1]))
    else:  # renamed in part (a loop variable split in two): the whole function compared
        bound = bindings(around.functions[0]), bindings(around.functions[1])
        if bound[0] is None or bound[1] is None:
            return False
        sides = (sides[0]._replace(bound=bound[0]), sides[1]._replace(bound=bound[1]))
        before, after, where = [around.functions[0]], [around.functions[1]], "function"
    shapes = body_shape(before, sides[0], where), body_shape(after, sides[1], where)
    return _difference(*shapes) is None


def _private_renamed(
    before: list[ast.stmt], after: list[ast.stmt], around: _Around, name: str
) -> bool:
    """The same once the private names the class renamed through its body are named by
    their place (REVIEW-E13)."""
    assert around.classes is not None
    renamed = renamed_private(*around.classes, name)
    if renamed is None:
        return False
    old, new = around.sides  # the class's names, and those the whole change renames
    sides = (
        old._replace(private={**old.private, **renamed[0]}),
        new._replace(private={**new.private, **renamed[1]}),
    )
    shapes = body_shape(before, sides[0], around.where), body_shape(after, sides[1], around.where)
    return _difference(*shapes) is None


def _difference(one: Iterator[object], other: Iterator[object]) -> tuple[object, object] | None:
    """None when the two shapes are the same, else the item before the first difference
    ("Name" when it is a name) and the first side's item there."""
    sentinel = object()
    previous: object = "start"
    for a, b in zip_longest(one, other, fillvalue=sentinel):
        if a != b:
            return previous, a
        previous = a
    return None
