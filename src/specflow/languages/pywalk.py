"""The statements of a Python scope that hold a changed line, walked in source order: inside
compound statements, not inside nested functions (each `def` is a scope of its own). Pure."""

from __future__ import annotations

import ast
import bisect
from collections.abc import Iterator, Sequence

from specflow.languages.pyshape import BLOCKS, COMPOUND, FUNCTIONS

# statements with statements inside, bar functions: a nested function is a scope of its own
COMPOUND_ONLY = tuple(kind for kind in COMPOUND if kind not in FUNCTIONS)
_COMPOUND_TYPES = frozenset(COMPOUND_ONLY)


def touches(node: ast.AST, lines: Sequence[int], body_only: bool = False) -> bool:
    """Whether one of `lines` (sorted) falls within the node's lines."""
    start = getattr(node, "lineno", None)
    end = getattr(node, "end_lineno", None) or start
    if start is None or end is None:
        return False
    if body_only and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
        start = node.body[0].lineno
    at = bisect.bisect_left(lines, start)
    return at < len(lines) and lines[at] <= end


def statements_on(scope: ast.AST, lines: Sequence[int] | None = None) -> Iterator[ast.stmt]:
    """The statements of `scope` in source order, inside compound statements too, but not
    inside nested functions (their `def` is one); with `lines`, only those on one of them: a
    statement off those lines holds none that is on them."""
    if lines is None or covers_all(scope, lines):
        yield from all_statements(scope)  # SPEED-16: a rewritten function, most of a large change
        return
    stack: list[tuple[ast.AST, bool]] = [(scope, False)]
    while stack:
        node, covered = stack.pop()
        if node is not scope and isinstance(node, ast.stmt):
            yield node
            if not isinstance(node, COMPOUND_ONLY):
                continue
        children = [child for field in _bodies(type(node)) for child in getattr(node, field)]
        if not covered and lines is not None:  # (every line of a covered node is on them)
            # a `case` has no line numbers of its own
            children = [c for c in children if isinstance(c, ast.match_case) or touches(c, lines)]
        stack += [(child, covered) for child in reversed(children)]


def all_statements(scope: ast.AST) -> list[ast.stmt]:
    """Every statement of `statements_on(scope)`, in the same order, no line checked (SPEED-16)."""
    found: list[ast.stmt] = []
    stack = _inner(scope)
    while stack:
        node = stack.pop()
        found.append(node)
        if type(node) in _COMPOUND_TYPES:
            stack += _inner(node)
    return found


def _inner(node: ast.AST) -> list[ast.stmt]:
    """The statements right inside `node`, last first; an `except` handler's or a `case`'s
    in its place."""
    inner: list[ast.stmt] = []
    for field in _bodies(type(node)):
        for child in getattr(node, field):
            if isinstance(child, ast.stmt):
                inner.append(child)
            else:
                inner += reversed(_inner(child))
    inner.reverse()
    return inner


def covers_all(node: ast.AST, lines: Sequence[int]) -> bool:
    """Whether every line of the node is one of `lines` (sorted, distinct): a new function."""
    start: int | None = getattr(node, "lineno", None)
    end: int | None = getattr(node, "end_lineno", None)
    if start is None or end is None:
        return False
    return bisect.bisect_right(lines, end) - bisect.bisect_left(lines, start) == end - start + 1


def _bodies(kind: type[ast.AST]) -> tuple[str, ...]:
    """The fields of statements that a node of this kind has: `body` alone, for most."""
    fields = _BODY_FIELDS.get(kind)
    if fields is None:
        fields = _BODY_FIELDS[kind] = tuple(f for f in BLOCKS if f in kind._fields)
    return fields


_BODY_FIELDS: dict[type[ast.AST], tuple[str, ...]] = {}
