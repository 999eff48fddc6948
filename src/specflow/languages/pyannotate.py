"""Imports that serve only annotations (REVIEW-E84): ruff's UP035 moves `Mapping` from `typing`
to `collections.abc`, and a module that reads the name only in annotations runs the same. Pure:
a module's text in, the names it reads out, parsed once per text."""

from __future__ import annotations

import ast
import sys
from functools import lru_cache

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_TYPING_MODULES = frozenset({"__future__", "typing", "typing_extensions"})


def inert_import(
    statement: ast.Import | ast.ImportFrom, sources: tuple[bytes | None, bytes | None]
) -> bool:
    """An import of `typing` (or from it, or `__future__`), or a standard library import
    whose names the module reads only in annotations, if at all (a name a string holds, as
    `__all__` does, is read), on either side of the change (an import kept while its last
    use goes is the same import). Another library's import runs its code: a change."""
    if isinstance(statement, ast.ImportFrom):
        if (statement.module or "") in _TYPING_MODULES:
            return True
    elif all(alias.name in _TYPING_MODULES for alias in statement.names):
        return True
    if sources == (None, None):
        return False
    if isinstance(statement, ast.ImportFrom):
        if statement.level or not statement.module:
            return False
        modules = [statement.module]
        names = [alias.asname or alias.name for alias in statement.names]
    else:
        modules = [alias.name for alias in statement.names]
        names = [alias.asname or alias.name.split(".")[0] for alias in statement.names]
    if any(module.split(".")[0] not in sys.stdlib_module_names for module in modules):
        return False
    reads = [_reads(source) for source in sources if source is not None]
    return all(read is not None and not read.intersection(names) for read in reads)


@lru_cache(maxsize=16)
def _reads(source: bytes) -> frozenset[str] | None:
    """The names the module reads outside annotations (a dotted name by its first part); None
    when it does not parse. The strings it holds count as reads (`__all__`)."""
    tree = _tree(source)
    if tree is None:
        return None
    annotations = {id(node) for node in _annotations(tree)}
    outside: set[str] = set()
    stack: list[tuple[ast.AST, bool]] = [(tree, False)]
    while stack:
        node, annotating = stack.pop()
        annotating = annotating or id(node) in annotations
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and not annotating:
            outside.add(node.id)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and not annotating:
            outside.add(node.value)  # `__all__ = ["Mapping"]`, `getattr(m, "Mapping")`
        stack.extend((child, annotating) for child in ast.iter_child_nodes(node))
    return frozenset(outside)


def _annotations(tree: ast.Module) -> list[ast.expr]:
    found: list[ast.expr] = []
    for node in ast.walk(tree):
        if isinstance(node, _FUNCTIONS):
            arguments = node.args
            every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
            every += [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
            found += [a.annotation for a in every if a.annotation is not None]
            found += [node.returns] if node.returns is not None else []
        elif isinstance(node, ast.AnnAssign):
            found.append(node.annotation)
    return found


@lru_cache(maxsize=16)
def from_typing(sources: tuple[bytes | None, bytes | None]) -> frozenset[str]:
    """The names either side imports from `typing` or `typing_extensions` under their own name
    and neither imports from elsewhere: there, a bare `NamedTuple` is `typing.NamedTuple`."""
    typing: set[str] = set()
    other: set[str] = set()
    for source in sources:
        tree = _tree(source) if source is not None else None
        for node in tree.body if tree is not None else ():
            if isinstance(node, ast.Import | ast.ImportFrom):
                kept = getattr(node, "module", None) in ("typing", "typing_extensions")
                for alias in node.names:
                    own = alias.asname in (None, alias.name) and kept
                    (typing if own else other).add(alias.asname or alias.name)
    return frozenset(typing - other)


@lru_cache(maxsize=16)
def _tree(source: bytes) -> ast.Module | None:
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return None
