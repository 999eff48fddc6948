"""Module constants a change moves, unchanged, to another place of their module (REVIEW-E357):
`__all__ = ["encode", "decode"]` moved below an `if` block. Binding a literal runs nothing,
so the move changes only when the name is bound, which no statement moved past can see when
none names it, calls, imports, raises or defines a class. Pure: the hunks and the two files'
text in, each side's lines of the moved assignments out."""

from __future__ import annotations

import ast
import builtins
import re
import sys
from collections import Counter
from collections.abc import Sequence

from specflow.change import Hunk
from specflow.languages.pymoves import NONE_MOVED, Moved, bound, run_when_defined

# what a statement moved past may not hold: each may run code of the module (a call, an
# import, a class body, a decorator, `with`, a loop's iterator) or end it early (`raise`)
_RUNS = (
    ast.Call,
    ast.Import,
    ast.ImportFrom,
    ast.ClassDef,
    ast.With,
    ast.AsyncWith,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.Raise,
    ast.Assert,
    ast.Delete,
    ast.Global,
    ast.Await,
    ast.Yield,
    ast.YieldFrom,
    ast.NamedExpr,
)


def moved_constants(hunks: Sequence[Hunk], sources: tuple[bytes | None, bytes | None]) -> Moved:
    """The lines of the module-level assignments of a literal to a name (not a dunder but
    `__all__`) that the hunks remove at one place and add at another, the only binding of
    that name in each module, when no statement moved past spells the name or holds what may
    run code (`_RUNS`, a decorator)."""
    if not _readded(hunks) or sources[0] is None or sources[1] is None:
        return NONE_MOVED
    try:
        bodies = ast.parse(sources[0]).body, ast.parse(sources[1]).body
    except (SyntaxError, ValueError):
        return NONE_MOVED
    dumped = [ast.dump(s) for s in bodies[0]], [ast.dump(s) for s in bodies[1]]
    counts = Counter(dumped[0]), Counter(dumped[1])
    candidates = [
        (index, dumped[1].index(text))
        for index, text in enumerate(dumped[0])
        if counts[0][text] == counts[1][text] == 1 and _constant(bodies[0][index])
    ]
    moved = [(i, j) for i, j in candidates if Counter(dumped[0][:i]) != Counter(dumped[1][:j])]
    if not moved or len(moved) > _MOST:
        return NONE_MOVED
    binders = _binders(bodies[0]), _binders(bodies[1])
    plain = _plain(bodies[0], binders[0]) & _plain(bodies[1], binders[1])
    lines: tuple[set[int], set[int]] = (set(), set())
    for i, j in moved:
        name = _constant(bodies[0][i]) or ""
        if binders[0][name] != 1 or binders[1][name] != 1:
            continue  # bound again: the order of the two bindings decides the value
        before = Counter(dumped[0][:i]), Counter(dumped[1][:j])
        differ = (before[0] - before[1]) + (before[1] - before[0])
        passed = [
            statement
            for body, texts in zip(bodies, dumped, strict=True)
            for statement, text in zip(body, texts, strict=True)
            if text in differ and text != dumped[0][i]
        ]
        if not any(_spells(s, name) or _runs(s) or _reads_other(s, plain) for s in passed):
            lines[0].add(bodies[0][i].lineno)
            lines[1].add(bodies[1][j].lineno)
    return frozenset(lines[0]), frozenset(lines[1])


_MOST = 8  # moved constants looked at: a generated file rewritten whole moves none


def _plain(body: list[ast.stmt], binders: Counter[str]) -> set[str]:
    """The names whose value no code of the project can be behind: builtins the module
    binds nowhere, and names bound once, by a top-level `import` of a standard library
    module (`sys.version_info >= (3,)` reads and compares what Python made)."""
    found = {name for name in dir(builtins) if not binders[name]}
    for statement in body:
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                local = alias.asname or alias.name.split(".")[0]
                standard = alias.name.split(".")[0] in sys.stdlib_module_names
                if (
                    standard
                    and binders[local] == 1
                    and (alias.asname is None or "." not in alias.name)
                ):
                    found.add(local)
    return found


def _reads_other(statement: ast.stmt, plain: set[str]) -> bool:
    """Whether what the statement runs reads a name that is not `plain`: an attribute, an
    item, a comparison or a truth test of a value the module made may run its code (a
    property, `__eq__`, `__bool__`), which may read the moved name; and `sys.modules`, where
    the module itself is (`sys.modules[__name__].__dict__['FO' + 'O']`: REVIEW-E377)."""
    return any(
        (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in plain)
        or (isinstance(node, ast.Attribute) and node.attr == "modules")
        for node in run_when_defined(statement, lazy=False)
    )


def _binders(body: list[ast.stmt]) -> Counter[str]:
    """How many statements of a module body bind each name there."""
    return Counter(name for statement in body for name in bound(statement))


# a top-level line that starts binding a name to a literal: `__all__ = [`, `LIMIT = 5`
_BINDS_LITERAL = re.compile(r"\w+[ \t]*=[ \t]*[\[(\"'0-9-]")


def _readded(hunks: Sequence[Hunk]) -> bool:
    """A top-level line binding a literal that the hunks remove and add again: what such a
    move looks like (a fast look first: the files are parsed whole only then)."""
    removed = {
        line.text.rstrip()
        for hunk in hunks
        for line in hunk.removed
        if _BINDS_LITERAL.match(line.text)
    }
    return any(line.text.rstrip() in removed for hunk in hunks for line in hunk.added)


def _constant(statement: ast.stmt) -> str | None:
    """The name `NAME = literal` binds: one plain target, a value of constants only."""
    if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
        return None
    target = statement.targets[0]
    if not isinstance(target, ast.Name):
        return None
    dunder = target.id.startswith("__") and target.id.endswith("__")  # `__builtins__`
    if dunder and target.id != "__all__":
        return None
    return target.id if _literal(statement.value) else None


def _literal(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return all(_literal(item) for item in node.elts)
    return False


def _spells(statement: ast.stmt, name: str) -> bool:
    for node in ast.walk(statement):
        for field in ("id", "attr", "arg", "name", "asname"):
            if getattr(node, field, None) == name:
                return True
        if isinstance(node, ast.Global | ast.Nonlocal) and name in node.names:
            return True
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and name in node.value:
            return True
    return False


def _runs(statement: ast.stmt) -> bool:
    for node in ast.walk(statement):
        if isinstance(node, _RUNS):
            return True
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.decorator_list:
            return True
    return False
