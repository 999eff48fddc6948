"""REVIEW-E303: a module's names bound only by one import, read as what they import, so
`import datetime as datetime_` then `datetime_.timedelta` and `import datetime` then
`datetime.timedelta` are one. Pure: whole sources in, a mapping per side out."""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from specflow.change import Hunk
from specflow.languages.pymodern import absolute
from specflow.languages.pyrename import SCOPES as _SCOPES
from specflow.languages.pysource import parse

Sources = tuple[bytes | None, bytes | None]
NONE: tuple[Mapping[str, str], Mapping[str, str]] = ({}, {})


def imported_names(
    hunks: Sequence[Hunk], sources: Sources, path: str
) -> tuple[Mapping[str, str], Mapping[str, str]]:
    """Each side's reads (keyed `name line column`) of a name its module binds once, by an
    unconditional import of its top level, never written, deleted, declared `global` nor
    spelled in a string (`globals()["x"]`, `__all__`), mapped to what it imports (`imported
    datetime`, `imported os.path:join`); under `name import`, that import's row. None
    unless a changed line is an import with an `as` (the only way one name becomes another)
    and both sides parse without a star import (which may rebind any name)."""
    changed = (line.text.strip() for hunk in hunks for line in (*hunk.removed, *hunk.added))
    if not any(text.startswith(("import ", "from ")) and " as " in text for text in changed):
        return NONE
    package = tuple(path.split("/")[:-1])
    parts = path.removesuffix(".py").split("/")
    hidden = any(part.startswith("_") and not part.endswith("__") for part in parts)
    old, new = (_resolved(source, package, hidden) for source in sources)
    if old is None or new is None:
        return NONE
    return old, new


def _resolved(
    source: bytes | None, package: tuple[str, ...], hidden: bool
) -> dict[str, str] | None:
    """The reads of each name bound once, by an import: none inside a scope that binds the
    name itself (a parameter `datetime` shadows the module's `datetime` there, and in the
    scopes it holds). The import's row only for a private name or in a private module
    (REVIEW-E58's bar: others may import a public module's names, `from pkg.compat import
    json`, and a rename changes what it exports)."""
    tree = parse(source) if source is not None else None
    if tree is None:
        return None
    found: dict[str, str] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Import | ast.ImportFrom):
            if any(alias.name == "*" for alias in statement.names):
                return None
            found.update(_bound(statement, package))
    binds = Counter(_bindings(tree))
    words = (text for text in _strings(tree) if not any(c.isspace() for c in text))
    spelled = {part for text in words for part in text.split(".")} | _declared(tree)
    names = {name: what for name, what in found.items() if binds[name] == 1 and name not in spelled}
    reads: dict[str, str] = {}
    _reads(tree, names, frozenset(), reads)
    return reads | {
        f"{name} import": what
        for name, what in names.items()
        if hidden or (name.startswith("_") and not name.endswith("_"))
    }


def _declared(tree: ast.Module) -> set[str]:
    """Names declared `global` or `nonlocal`, or bound by `:=` (in a comprehension too)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Global | ast.Nonlocal):
            found.update(node.names)
        elif isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
            found.add(node.target.id)
    return found


def _reads(
    node: ast.AST, names: Mapping[str, str], shadowed: frozenset[str], out: dict[str, str]
) -> None:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, _SCOPES):
            _reads(child, names, shadowed | (set(_bindings(child)) & names.keys()), out)
        elif isinstance(child, ast.Name) and child.id in names and child.id not in shadowed:
            out[f"{child.id} {child.lineno} {child.col_offset}"] = names[child.id]
        else:
            _reads(child, names, shadowed, out)


def _bound(
    statement: ast.Import | ast.ImportFrom, package: tuple[str, ...]
) -> Iterable[tuple[str, str]]:
    """The names the import binds and what each is: `import a.b` binds `a`, the module `a`."""
    if isinstance(statement, ast.Import):
        for alias in statement.names:
            if alias.asname:
                yield alias.asname, f"imported {alias.name}"
            else:
                first = alias.name.split(".")[0]
                yield first, f"imported {first}"
        return
    module, level = absolute(statement.module, statement.level, package)
    for alias in statement.names:
        yield alias.asname or alias.name, f"imported {'.' * level}{module or ''}:{alias.name}"


def _bindings(scope: ast.AST) -> Iterable[str]:
    """Every name a scope binds, once per binding, but in the scopes it holds (which bind
    their own), their names apart."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        if not isinstance(node, _SCOPES):
            stack.extend(ast.iter_child_nodes(node))
        elif not isinstance(node, ast.Lambda | ast.GeneratorExp):
            stack.extend(getattr(node, "decorator_list", ()))
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            yield node.id
        elif isinstance(node, ast.alias):
            yield (node.asname or node.name).split(".")[0]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield node.name
        elif isinstance(node, ast.arguments):
            yield from (arg.arg for arg in ast.walk(node) if isinstance(arg, ast.arg))
        elif isinstance(node, ast.ExceptHandler | ast.MatchAs | ast.MatchStar) and node.name:
            yield node.name
        elif isinstance(node, ast.MatchMapping) and node.rest:
            yield node.rest


def _strings(tree: ast.Module) -> list[str]:
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
