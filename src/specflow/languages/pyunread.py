"""REVIEW-E428: a local variable a function writes and never reads (webob 939fcc3's
`asterisk_non0_found`): a write of a value that runs nothing of the program's does nothing, so
removing it (or adding it) is no change. The local-variable analogue of REVIEW-E355's private
functions. Pure: a tree in, line numbers out."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import lru_cache

from specflow.languages.pyslots import own_scope

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
# what reads a function's locals by no name of theirs: `locals()`, `vars()`, `dir()`,
# `eval("x")`, a frame
_INTROSPECTION = frozenset({"locals", "vars", "dir", "eval", "exec", "_getframe", "currentframe"})
# a value whose evaluation runs nothing of the program's: a literal, a name, `not` of one, a
# tuple or list of them, a comparison of them (REVIEW-E428 counts `==` among builtins' work)
_LEAVES = (ast.Constant, ast.Name)
_OPERATORS = (ast.Tuple, ast.List, ast.UnaryOp, ast.Compare, ast.BoolOp)
_PARTS = (ast.Load, ast.Not, ast.USub, ast.And, ast.Or, ast.cmpop)


def unread_write(statement: ast.Assign | ast.AnnAssign, tree: ast.Module | None) -> bool:
    """Whether `statement` is one of `unread_writes(tree)`: asked of the tree only for a write
    of a value that runs nothing to bare names, so a file whose changed writes call something
    costs no walk of its functions (SPEED: the 1,000-file review)."""
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    if tree is None or not _inert(statement.value):
        return False
    if not all(isinstance(target, ast.Name) for target in targets):
        return False
    return (statement.lineno, statement.col_offset) in unread_writes(tree)


@lru_cache(maxsize=8)  # the two sides of the file being compared, each asked once
def unread_writes(tree: ast.Module) -> frozenset[tuple[int, int]]:
    """Where (line, column) the assignments (`x = False`, `x: bool = y`) of a function to a
    local name that nothing in the function reads (nested scopes included), of a value that runs
    nothing; none in a function that declares the name `global` or `nonlocal`, deletes it, or
    may read its locals by another way (`locals()`, `eval`, a frame). By column too: a line
    may hold another statement (`x = False; y = f()`)."""
    found: set[tuple[int, int]] = set()
    for function in (n for n in ast.walk(tree) if isinstance(n, _FUNCTIONS)):
        read = _read(function)
        if read is None:
            continue
        found.update(
            (statement.lineno, statement.col_offset)
            for statement, names in _writes(function)
            if read.isdisjoint(names) and _inert(statement.value) and not _dunder(names)
        )
    return frozenset(found)


def _read(function: ast.AST) -> set[str] | None:
    """The names the function reads, deletes or declares, nested scopes included; None when it
    may read its locals by another way."""
    read: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Name):
            if node.id in _INTROSPECTION:
                return None
            if not isinstance(node.ctx, ast.Store):
                read.add(node.id)
        elif isinstance(node, ast.Attribute) and node.attr in _INTROSPECTION:
            return None
        elif isinstance(node, ast.Global | ast.Nonlocal):
            read.update(node.names)
    return read


def _writes(function: ast.AST) -> Iterator[tuple[ast.Assign | ast.AnnAssign, set[str]]]:
    """The function's own assignments to bare names (`x = v`, `x = y = v`, `x: T = v`), each
    with the names it binds, but those that bind any other target (`v[0] = 1`, `a.b = 1`)."""
    for node in own_scope(function):
        if isinstance(node, ast.Assign):
            names = {t.id for t in node.targets if isinstance(t, ast.Name)}
            if len(names) == len(node.targets):
                yield node, names
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            yield node, {node.target.id}


def _inert(value: ast.expr | None) -> bool:
    return value is not None and all(
        isinstance(node, (*_LEAVES, *_OPERATORS, *_PARTS)) for node in ast.walk(value)
    )


def _dunder(names: set[str]) -> bool:
    """A dunder local is for another frame to read: pytest's `__tracebackhide__`, Zope's
    `__traceback_info__`, IPython's `__debuggerskip__`."""
    return any(name.startswith("__") and name.endswith("__") for name in names)
