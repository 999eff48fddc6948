"""A function's exits written two ways, each read as one: the `return` after a `try` whose
every handler leaves is its `else` (REVIEW-E383), a `return` that cannot raise at the end of a
`try`'s body is the first statement of its `else` (REVIEW-E384), and a `while True:` loop
followed by `return x` breaks out of it as `return x` (REVIEW-E385). `pyflow` straightens a
function's statements so before comparing them. Pure: new nodes, the trees untouched."""

from __future__ import annotations

import ast
import copy
from collections.abc import Iterator, Sequence
from weakref import WeakKeyDictionary

_LEAVES = (ast.Return, ast.Raise, ast.Continue, ast.Break)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_LOOPS = (ast.For, ast.AsyncFor, ast.While)
# the blocks whose `break`s are the loop's: a nested loop's own are its `else`'s only
_OWN_BLOCKS = {False: ("body", "orelse", "finalbody"), True: ("orelse",)}
# where `return x` in place of `break` would evaluate `x` where an error is caught or exited
_GUARDED = (ast.Try, ast.With, ast.AsyncWith, *((ast.TryStar,) if hasattr(ast, "TryStar") else ()))


def exits(body: Sequence[ast.stmt], function: ast.AST) -> list[ast.stmt]:
    """`body`, a block of `function`, with its exits each written one way."""
    found = [_else_held(s, function) if isinstance(s, ast.Try) else s for s in body]
    if len(found) < 2 or not isinstance(found[-1], ast.Return):
        return found
    last, returned = found[-2], found[-1]
    if isinstance(last, ast.Try) and (held := _return_in_else(last, returned)) is not None:
        return [*found[:-2], _else_held(held, function)]
    if isinstance(last, ast.While) and (loop := _returning_loop(last, returned)) is not None:
        return [*found[:-2], loop]
    return found


def leaves(body: Sequence[ast.stmt]) -> bool:
    """Whether the statements always return, raise, continue or break: the last does, or is
    an `if` whose every branch does."""
    last = body[-1] if body else None
    if isinstance(last, ast.If):
        return bool(last.orelse) and leaves(last.body) and leaves(last.orelse)
    return isinstance(last, _LEAVES)


def _return_in_else(statement: ast.Try, returned: ast.Return) -> ast.Try | None:
    """REVIEW-E383: `try: A except E: <leaves>` then `return x` as `try: A except E: <leaves>
    else: return x`: only a run of `A` without error reaches the `return` either way. Not with
    a `finally`, which runs after `else` but before what follows the `try`."""
    if statement.finalbody or not statement.handlers:
        return None
    if not all(leaves(handler.body) for handler in statement.handlers):
        return None
    return _try_of(statement, statement.body, [*statement.orelse, returned], returned)


def _else_held(statement: ast.Try, function: ast.AST) -> ast.Try:
    """REVIEW-E384: `try: A; return x except E: ...` as `try: A except E: ... else: return x`
    when `return x` cannot raise (`x` a constant or a local `A` assigns before it, not deleted
    and declared `global` nowhere in the function), so no handler could have caught it."""
    body = statement.body
    if not statement.handlers or len(body) < 2 or not isinstance(body[-1], ast.Return):
        return statement
    assigned = _assigned(body[:-1])
    if not _cannot_raise(body[-1].value, assigned, function):
        return statement
    return _try_of(statement, body[:-1], [body[-1], *statement.orelse], statement)


def _assigned(body: Sequence[ast.stmt]) -> set[str]:
    """The names a plain assignment of `body` (not inside another block) binds, but those a
    `del` anywhere in it unbinds."""
    names = {
        target.id
        for statement in body
        if isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None
        for target in (
            statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        )
        if isinstance(target, ast.Name)
    }
    deleted = {
        target.id
        for statement in body
        for node in ast.walk(statement)
        if isinstance(node, ast.Delete)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    return names - deleted


def _cannot_raise(value: ast.expr | None, assigned: set[str], function: ast.AST) -> bool:
    if value is None or isinstance(value, ast.Constant):
        return True
    if isinstance(value, ast.Tuple):
        return all(_cannot_raise(item, assigned, function) for item in value.elts)
    if not isinstance(value, ast.Name) or value.id not in assigned:
        return False
    return value.id not in _declared_outside(function)


_OUTSIDE: WeakKeyDictionary[ast.AST, frozenset[str]] = WeakKeyDictionary()  # by function


def _declared_outside(function: ast.AST) -> frozenset[str]:
    """SPEED-26: the names a `global` or `nonlocal` anywhere in `function` binds outside it,
    read once per function, not once per `try` (800 of them: 18.9 s -> 1.5 s)."""
    names = _OUTSIDE.get(function)
    if names is None:
        names = _OUTSIDE[function] = frozenset(
            name
            for node in ast.walk(function)
            if isinstance(node, ast.Global | ast.Nonlocal)
            for name in node.names
        )
    return names


def _try_of(
    statement: ast.Try, body: Sequence[ast.stmt], orelse: Sequence[ast.stmt], end: ast.stmt
) -> ast.Try:
    moved = ast.Try(
        body=list(body),
        handlers=statement.handlers,
        orelse=list(orelse),
        finalbody=statement.finalbody,
    )
    ast.copy_location(moved, statement)
    moved.end_lineno, moved.end_col_offset = end.end_lineno, end.end_col_offset
    return moved


def _returning_loop(loop: ast.While, returned: ast.Return) -> ast.While | None:
    """REVIEW-E385: `while True:` with no `else`, then `return x`: the loop ends only by a
    `break`, each then `return x` with nothing run between them, unless the `break` is inside
    a `try` or `with` of the loop (there `x` would be evaluated where an error is caught, or
    before the `with` exits). Each of its `break`s written `return x`, and no `return` after."""
    forever = isinstance(loop.test, ast.Constant) and loop.test.value is True
    if not forever or loop.orelse:
        return None
    value = returned.value
    if value is not None and any(isinstance(n, ast.NamedExpr) for n in ast.walk(value)):
        return None  # `:=` would bind where `x` is evaluated
    if any(guarded for guarded in _breaks(loop.body, False)):
        return None
    copied = copy.deepcopy(loop)
    copied.body = [_without_breaks(s, returned) for s in copied.body]
    copied.end_lineno, copied.end_col_offset = returned.end_lineno, returned.end_col_offset
    return copied


def _breaks(body: Sequence[ast.stmt], guarded: bool) -> Iterator[bool]:
    """For each `break` of the loop whose body is `body` (not of a loop nested in it, nor in a
    nested scope), whether it is inside a `try` or `with` of the loop."""
    for statement in body:
        if isinstance(statement, ast.Break):
            yield guarded
        if isinstance(statement, _SCOPES):
            continue
        inner = guarded or isinstance(statement, _GUARDED)
        for field in _OWN_BLOCKS[isinstance(statement, _LOOPS)]:
            block = getattr(statement, field, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield from _breaks(block, inner)
        for item in getattr(statement, "handlers", None) or getattr(statement, "cases", None) or []:
            yield from _breaks(item.body, inner)


def _without_breaks(statement: ast.stmt, returned: ast.Return) -> ast.stmt:
    """The (copied) statement with the loop's own `break`s made `return x`, in place."""
    if isinstance(statement, ast.Break):
        made = ast.Return(value=copy.deepcopy(returned.value))
        return ast.copy_location(made, statement)
    if isinstance(statement, _SCOPES):
        return statement
    for field in _OWN_BLOCKS[isinstance(statement, _LOOPS)]:
        inner = getattr(statement, field, None)
        if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
            setattr(statement, field, [_without_breaks(s, returned) for s in inner])
    for item in getattr(statement, "handlers", None) or getattr(statement, "cases", None) or []:
        item.body = [_without_breaks(s, returned) for s in item.body]
    return statement
