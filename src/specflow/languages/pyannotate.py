"""Imports that serve only annotations (REVIEW-E84): ruff's UP035 moves `Mapping` from `typing`
to `collections.abc`, and a module that reads the name only in annotations runs the same. Pure:
a module's text in, the names it reads out, parsed once per text."""

from __future__ import annotations

import ast
import sys
import typing
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_TYPING_MODULES = frozenset({"__future__", "typing", "typing_extensions"})
# the names `typing` also gives, which ruff's UP035 imports from elsewhere instead
TYPING_LIKE = frozenset(typing.__all__) | {"AbstractContextManager", "AbstractAsyncContextManager"}


def inert_import(
    statement: ast.Import | ast.ImportFrom, sources: tuple[bytes | None, bytes | None]
) -> bool:
    """An import of `typing` (or from it, or `__future__`), or a standard library import of
    names `typing` also gives (`from collections.abc import Mapping`) that the module reads
    only in annotations (a name a string holds, as `__all__`
    does, is read), on either side of the change (an import kept while its last use goes is
    the same import), and still imports after it (REVIEW-E103). Another library's import runs
    its code: a change."""
    if isinstance(statement, ast.ImportFrom):
        if (statement.module or "") in _TYPING_MODULES:
            return True
    elif all(alias.name in _TYPING_MODULES for alias in statement.names):
        return True
    return len(inert_names(statement, sources)) == len(statement.names)


def inert_names(
    statement: ast.Import | ast.ImportFrom, sources: tuple[bytes | None, bytes | None]
) -> frozenset[str]:
    """The names a standard library `from` import binds that `inert_import` reads so, each on
    its own: `from contextlib import AbstractContextManager, asynccontextmanager` imports one
    name only annotations read (REVIEW-E110)."""
    if sources[1] is None or any(alias.name == "*" for alias in statement.names):
        return frozenset()  # REVIEW-E103: a star binds names no one can list (`os.open`)
    if not isinstance(statement, ast.ImportFrom) or statement.level or not statement.module:
        return frozenset()
    if statement.module.split(".")[0] not in sys.stdlib_module_names:
        return frozenset()
    # SPEED: only what UP035 moves out of `typing` is worth parsing the files for
    names = {alias.asname or alias.name for alias in statement.names if alias.name in TYPING_LIKE}
    reads = [_reads(source) for source in sources if source is not None] if names else []
    if not names or any(read is None for read in reads):
        return frozenset()
    # REVIEW-E103: annotations read each name (an import nothing reads may be another
    # module's: `from .compat import urlparse`), and the new side still imports it (without
    # it, an annotation evaluated at run time raises NameError, an importer ImportError)
    annotated = set().union(*(read.annotated for read in reads if read is not None))
    new = _reads(sources[1])
    kept = new.imported if new is not None else frozenset()
    outside = set().union(*(read.outside for read in reads if read is not None))
    spelled = from_typing(sources)  # REVIEW-E112: read as `typing`'s name wherever it is read
    return frozenset(
        name
        for name in names
        if name in kept and (name in spelled or (name in annotated and name not in outside))
    )


def _bound(statement: ast.Import | ast.ImportFrom) -> list[str]:
    """The names an import binds in its module."""
    if isinstance(statement, ast.ImportFrom):
        return [alias.asname or alias.name for alias in statement.names]
    return [alias.asname or alias.name.split(".")[0] for alias in statement.names]


class Read(NamedTuple):
    """The names a module reads outside annotations, inside them, and those its imports bind."""

    outside: frozenset[str]
    annotated: frozenset[str]
    imported: frozenset[str]


@lru_cache(maxsize=16)
def _reads(source: bytes) -> Read | None:
    """The names the module reads outside annotations (a dotted name by its first part) and in
    them, and those its imports bind; None when it does not parse. The strings it holds count
    as reads (`__all__`)."""
    tree = _tree(source)
    if tree is None:
        return None
    annotations = {id(node) for node in _annotations(tree)}
    outside: set[str] = set()
    annotated: set[str] = set()
    imported: set[str] = set()
    stack: list[tuple[ast.AST, bool]] = [(tree, False)]
    while stack:
        node, annotating = stack.pop()
        annotating = annotating or id(node) in annotations
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            (annotated if annotating else outside).add(node.id)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and not annotating:
            outside.add(node.value)  # `__all__ = ["Mapping"]`, `getattr(m, "Mapping")`
        elif isinstance(node, ast.Import | ast.ImportFrom):
            imported.update(_bound(node))
        stack.extend((child, annotating) for child in ast.iter_child_nodes(node))
    return Read(frozenset(outside), frozenset(annotated), frozenset(imported))


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
def from_typing(sources: tuple[bytes | None, bytes | None]) -> Mapping[str, str]:
    """The names either side imports under their own name from `typing` or `typing_extensions`,
    or from where a `typing` alias's class lives (REVIEW-E112: ruff's UP035 writes
    `typing.Mapping` as `collections.abc.Mapping`, `typing.ContextManager` as
    `contextlib.AbstractContextManager`), and neither imports from elsewhere, each with the
    `typing` name it spells: there, a bare `NamedTuple` is `typing.NamedTuple`."""
    origins = _typing_origins()
    spelled: dict[str, str] = {}
    other: set[str] = set()
    for source in sources:
        tree = _tree(source) if source is not None else None
        for node in tree.body if tree is not None else ():
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            module = getattr(node, "module", None) if isinstance(node, ast.ImportFrom) else None
            for alias in node.names:
                bound = alias.asname or alias.name
                typing_module = module in ("typing", "typing_extensions")
                name = alias.name if typing_module else origins.get((module, alias.name))
                if alias.asname not in (None, alias.name) or spelled.get(bound, name) != name:
                    name = None
                (other.add(bound) if name is None else spelled.__setitem__(bound, name))
    return {bound: name for bound, name in spelled.items() if bound not in other}


@lru_cache(maxsize=1)
def _typing_origins() -> dict[tuple[str | None, str], str]:
    """REVIEW-E112: the class each of `typing`'s aliases stands for, by its module and name, as
    this Python says: `("collections.abc", "Mapping")` is `typing.Mapping`."""
    found: dict[tuple[str | None, str], str] = {}
    for name in typing.__all__:
        origin = typing.get_origin(getattr(typing, name, None))
        module = getattr(origin, "__module__", "builtins")
        if isinstance(origin, type) and module not in ("builtins", "typing"):
            found[(module, origin.__name__)] = name
    return found


@lru_cache(maxsize=16)
def _tree(source: bytes) -> ast.Module | None:
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return None
