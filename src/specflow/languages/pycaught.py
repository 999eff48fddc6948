"""Where a Python module reads the exception an `except ... as e` caught (REVIEW-E353): an
instance of `BaseException`, which no class can make a tuple too (their layouts conflict), so
`"%s" % e` formats it as `"%s" % (e,)` does. Pure: a tree in, positions out."""

from __future__ import annotations

import ast
from collections.abc import Iterator

Position = tuple[int, int]  # a name's line and column

# calls that may rebind a name behind the syntax's back (`globals()["e"] = ...`)
_REBINDING = frozenset({"globals", "locals", "vars", "exec", "eval", "setattr"})


def caught_reads(tree: ast.AST) -> frozenset[Position]:
    """The positions of the reads of a handler's name in its own body, not in a scope nested
    there (a lambda, a generator or a function called later reads the name once something
    after the handler may have bound it again), in the handlers of functions (a module's
    names others may set) whose body binds that name nowhere (no assignment, `del`, loop,
    import, parameter, nested handler, pattern) and calls nothing that rebinds names by
    their text, the name declared `global` or `nonlocal` nowhere in the module (a function
    the handler calls could rebind it)."""
    declared = {
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Global | ast.Nonlocal)
        for name in node.names
    }
    return frozenset(
        (node.lineno, node.col_offset)
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for handler in ast.walk(function)
        if isinstance(handler, ast.ExceptHandler) and handler.name
        if handler.name not in declared
        for node in _reads(handler, handler.name)
    )


_SCOPES = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Lambda,
    ast.GeneratorExp,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
)


def _reads(handler: ast.ExceptHandler, name: str) -> Iterator[ast.Name]:
    nodes = [node for statement in handler.body for node in ast.walk(statement)]
    if any(_binds(node, name) for node in nodes):
        return
    stack: list[ast.AST] = list(handler.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name) and node.id == name:
            yield node
        elif not isinstance(node, _SCOPES):
            stack.extend(ast.iter_child_nodes(node))


def _binds(node: ast.AST, name: str) -> bool:
    if isinstance(node, ast.Name):
        return node.id == name and not isinstance(node.ctx, ast.Load)
    if isinstance(node, ast.Call):
        return getattr(node.func, "id", None) in _REBINDING
    spelled = (getattr(node, field, None) for field in ("arg", "name", "asname", "rest"))
    return name in spelled
