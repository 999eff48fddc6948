"""Where changed lines sit in a Python syntax tree, for noop.py: the lines of each side that
decide a hunk, the statements they overlap, the block of a compound statement that holds them
(one method, one branch, one handler) and the runs of simple statements between compound ones.
Pure."""

from __future__ import annotations

import ast

from specflow.change import Hunk
from specflow.languages.pyshape import BLOCKS, COMPOUND


def segments(body: list[ast.stmt]) -> list[ast.stmt | list[ast.stmt]]:
    """Each compound statement, and each run of simple statements between them as one."""
    found: list[ast.stmt | list[ast.stmt]] = []
    for statement in body:
        if isinstance(statement, COMPOUND):
            found.append(statement)
        elif found and isinstance(found[-1], list):
            found[-1].append(statement)
        else:
            found.append([statement])
    return found


def clip(lines: list[int], statement: ast.stmt) -> list[int]:
    first, last = extent(statement)
    for decorator in getattr(statement, "decorator_list", ()):
        first = min(first, decorator.lineno)
    return [line for line in lines if first <= line <= last] or [first]


def held(statement: ast.stmt, lines: list[int]) -> tuple[object, ...] | None:
    """Which block of `statement` holds `lines`: ("body",), ("handlers", 2) and so on; None
    when only its header does, ("several",) when more than one block does."""
    low, high = min(lines), max(lines)
    found: list[tuple[object, ...]] = []
    for field in BLOCKS:
        value = getattr(statement, field, None) or []
        for index, item in enumerate(value):
            first, last = extent(item)
            if first <= high and last >= low:
                key = (field,) if isinstance(item, ast.stmt) else (field, index)
                if key not in found:
                    found.append(key)
    if not found:
        return None
    return found[0] if len(found) == 1 else ("several",)


def extent(node: ast.AST) -> tuple[int, int]:
    """The lines of a statement from its first decorator, a handler, or a case (from its
    pattern to its last statement): a changed decorator lies in the block of its method."""
    first: int = getattr(node, "lineno", None) or getattr(node, "pattern").lineno  # noqa: B009
    for decorator in getattr(node, "decorator_list", ()):
        first = min(first, decorator.lineno)
    last: int | None = getattr(node, "end_lineno", None)
    if last is None:
        last = getattr(node, "body")[-1].end_lineno  # noqa: B009
    return first, last or first


def block(
    statement: ast.stmt, key: tuple[object, ...] | None
) -> tuple[ast.AST, list[ast.stmt]] | None:
    """What leads into the block (the statement, or its handler or case) and its statements;
    None for no block or several."""
    if key is None or key[0] == "several":
        return None
    value = getattr(statement, str(key[0]))
    if len(key) == 1:
        return statement, value
    index = key[1]
    if not isinstance(index, int) or index >= len(value):
        return None
    return value[index], value[index].body


def sides_lines(hunk: Hunk) -> tuple[list[int], list[int]]:
    """The lines of each side that decide whether `hunk` changes anything: its removed and its
    added lines; for a hunk that only adds (or only removes), the two lines of the other side
    around the place where it does, so that a line added inside a docstring compares the
    statement around it. Each side is the same stretch of the hunk, every line of it: the
    context before the first change of either side and after the last is common to both, so
    both sides compare the same statements (an unchanged import above a changed one on one
    side only would otherwise be a difference)."""
    removed = [line.number for line in hunk.removed]
    added = [line.number for line in hunk.added]
    if not removed and added:
        at = hunk.old_start + (added[0] - hunk.new_start) - 1
        removed = [at, at + 1]
    elif not added and removed:
        at = hunk.new_start + (removed[0] - hunk.old_start) - 1
        added = [at, at + 1]
    if not removed:
        return removed, added
    head = max(0, min(removed[0] - hunk.old_start, added[0] - hunk.new_start))
    old_end = hunk.old_start + hunk.old_count - 1
    new_end = hunk.new_start + hunk.new_count - 1
    tail = max(0, min(old_end - removed[-1], new_end - added[-1]))
    return (
        _stretch(min(removed[0], hunk.old_start + head), max(removed[-1], old_end - tail)),
        _stretch(min(added[0], hunk.new_start + head), max(added[-1], new_end - tail)),
    )


def _stretch(first: int, last: int) -> list[int]:
    """Every line from `first` to `last`: the statements between two changed lines are parsed
    on both sides, so both compare the same statements."""
    return list(range(max(first, 1), last + 1))


def overlapping(body: list[ast.stmt], lines: list[int]) -> list[ast.stmt]:
    """The statements between the first and the last of `lines` (none when a side has no
    line: a file emptied, or a symlink that becomes an empty file)."""
    if not lines:
        return []
    low, high = min(lines), max(lines)
    found = []
    for statement in body:
        first = statement.lineno
        for decorator in getattr(statement, "decorator_list", ()):
            first = min(first, decorator.lineno)
        if first <= high and (statement.end_lineno or statement.lineno) >= low:
            found.append(statement)
    return found
