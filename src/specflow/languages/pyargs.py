"""REVIEW-E334: the function a Python hunk calls with a changed argument, where the call spans
lines and its opening line (`return URLSafeTimedSerializer(`) is not one the hunk changes:
an argument changed is a change to that call, as it is written inline. Pure."""

from __future__ import annotations

import ast
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from weakref import WeakKeyDictionary

from specflow.change import Hunk, Line
from specflow.languages.pyshape import BLOCKS

CALLEES = 2  # of one hunk, at most: a hunk through many calls' arguments is read as it is


def called_with_changed_arguments(
    trees: tuple[ast.Module, ast.Module], hunk: Hunk
) -> tuple[str, ...]:
    """REVIEW-E334: the callees (dotted, as written) of the calls over several lines one of
    whose argument lines, below the line that names the callee, the hunk changes on either
    side, when it changes no line naming it (then its own text names it); none past
    `CALLEES`."""
    found: dict[str, None] = {}
    for tree, lines in ((trees[1], hunk.added), (trees[0], hunk.removed)):
        changed = {line.number for line in lines}
        for number in _code_lines(lines):
            call = _innermost_call(tree.body, number)
            name = _dotted(call.func) if call is not None else ""
            if call is not None and name and _opening(call) not in changed:
                found[name] = None
    return tuple(found) if len(found) <= CALLEES else ()


def _opening(call: ast.Call) -> int:
    """The line the callee's name ends on (`URLSafeTimedSerializer(`)."""
    return call.func.end_lineno or call.func.lineno


def _innermost_call(body: Sequence[ast.stmt], line: int) -> ast.Call | None:
    """The innermost call of the simple statement holding `line` whose arguments, below the
    line naming its callee, hold it."""
    statement = simple_at(body, line)
    if statement is None or statement.lineno == line:
        return None
    holding = [
        node
        for node in ast.walk(statement)
        if isinstance(node, ast.Call) and _opening(node) < line <= (node.end_lineno or 0)
    ]
    return max(holding, key=_opening, default=None)


def simple_at(body: Sequence[ast.stmt], line: int) -> ast.stmt | None:
    """The innermost statement that holds `line`, when it is a simple one (None when the line is
    in a compound statement's header, a `def`'s or an `if`'s: REVIEW-18 and REVIEW-E86 read
    those); REVIEW-E334's and pyconditions' reading. SPEED-23: each level is searched by
    bisection, and a compound statement's blocks are gathered once per tree, so a function of
    thousands of changed statements is read in n log n, not n squared."""
    statements = body
    while True:
        # the first statement that ends on the line or after it: statements of one block do not
        # overlap, so it is the one that holds the line, if any does (`a = 1; b = 2`: the first)
        index = bisect_left(statements, line, key=_last_line)
        if index == len(statements) or statements[index].lineno > line:
            return None
        inner = _blocks(statements[index])
        if not inner:
            return statements[index]
        statements = inner


def _last_line(statement: ast.stmt) -> int:
    return statement.end_lineno or statement.lineno


_GATHERED: WeakKeyDictionary[ast.stmt, list[ast.stmt]] = WeakKeyDictionary()


def _blocks(statement: ast.stmt) -> list[ast.stmt]:
    """The statements of a compound statement's blocks (a handler's and a case's too), in the
    order of the source; none for a simple statement."""
    found = _GATHERED.get(statement)
    if found is None:
        inner = [s for field in BLOCKS for s in getattr(statement, field, None) or ()]
        found = sorted(
            (s for item in inner for s in _statements(item)),
            key=lambda s: (s.lineno, s.col_offset),
        )
        if found:
            _GATHERED[statement] = found
    return found


def _statements(item: ast.AST) -> list[ast.stmt]:
    """A block's statement, or the statements of a handler or a case."""
    return [item] if isinstance(item, ast.stmt) else list(getattr(item, "body", []))


def _code_lines(lines: Sequence[Line]) -> Iterator[int]:
    return (line.number for line in lines if line.text.strip() and line.text.lstrip()[0] != "#")


def _dotted(node: ast.expr) -> str:
    """`URLSafeTimedSerializer`, `itsdangerous.Signer`; "" for a callee that is no name (a
    call's result, a subscript)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""
