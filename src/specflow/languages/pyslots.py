"""A class's `__slots__` whose order nothing reads (REVIEW-E167): ruff's RUF023 sorts them, and
CPython sorts a class's slot names itself before it lays out its instances, so only code that
reads `__slots__` back sees the order; and the `global` declarations that do nothing
(REVIEW-E211). Pure: a tree and the file's text in."""

from __future__ import annotations

import ast
import copy
import re

# a line that mentions `__slots__` other than to assign a class's own: a read of their order
_SLOTS = re.compile(rb"__slots__")
_ASSIGNED = re.compile(rb"^[ \t]*__slots__[ \t]*=", re.MULTILINE)


def unordered_slots(tree: ast.Module, source: bytes | None) -> frozenset[int]:
    """REVIEW-E167: the lines of the `__slots__ = ("b", "a")` assignments (a tuple or a list of
    distinct strings) whose order no code reads: in a private class (`_Group`: the project's
    other modules do not reach it, as for REVIEW-E13's private names) with no base but
    `object`, no metaclass or keyword and no decorator (none of which could read its
    namespace), in a file that mentions `__slots__` nowhere else (no `self.__slots__`, no
    `getattr(cls, "__slots__")`, not in a comment either)."""
    if source is None or b"__slots__" not in source:
        return frozenset()
    if len(_SLOTS.findall(source)) != len(_ASSIGNED.findall(source)):
        return frozenset()
    return frozenset(
        statement.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef) and _closed(node)
        for statement in node.body
        if _slots(statement) is not None
    )


def sorted_slots(node: ast.Assign) -> ast.Assign:
    """The assignment with its slot names sorted, as RUF023 writes them."""
    names, value = _slots(node), node.value
    if names is None or not isinstance(value, ast.Tuple | ast.List):
        return node
    by_name = sorted(names, key=lambda name: str(name.value))
    ordered = copy.copy(value)
    ordered.elts = list(by_name)
    sorted_node = copy.copy(node)
    sorted_node.value = ordered
    return sorted_node


def _closed(node: ast.ClassDef) -> bool:
    """A private class that nothing but its own body could read the namespace of."""
    plain = all(isinstance(base, ast.Name) and base.id == "object" for base in node.bases)
    return node.name.startswith("_") and plain and not node.keywords and not node.decorator_list


def _slots(statement: ast.stmt) -> list[ast.Constant] | None:
    """The names of `__slots__ = (...)` or `[...]`, each a distinct string, else None."""
    if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
        return None
    target, value = statement.targets[0], statement.value
    if not (isinstance(target, ast.Name) and target.id == "__slots__"):
        return None
    if not isinstance(value, ast.Tuple | ast.List):
        return None
    names = [e for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    distinct = len({name.value for name in names}) == len(names) == len(value.elts)
    return names if distinct else None


_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_SCOPES = (*_DEFINITIONS, ast.Lambda)


def needless_globals(tree: ast.Module, source: bytes | None = None) -> frozenset[int]:
    """REVIEW-E211: the lines of the `global` declarations that change nothing: in a function
    no function encloses (there a free name could be the enclosing one's), naming only names
    the function never binds (assigned, augmented, deleted, imported, defined, caught,
    matched or declared `nonlocal` anywhere inside it, nested scopes included): a name it
    only reads is the module's either way, and `v[0] += 1` writes into the object `v` holds."""
    if source is not None and b"global" not in source:
        return frozenset()  # SPEED-18: most modules declare nothing global
    found: set[int] = set()
    outer = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    nested = {id(inner) for node in outer for inner in ast.walk(node) if inner is not node}
    for function in outer:
        if id(function) in nested:
            continue
        bound = _bound_names(function)
        found.update(
            node.lineno
            for node in own_scope(function)
            if isinstance(node, ast.Global) and not bound & set(node.names)
        )
    return frozenset(found)


def own_scope(function: ast.AST) -> list[ast.AST]:
    """The nodes of the function's body that its scope holds, none of a nested scope's."""
    found: list[ast.AST] = []
    todo = list(getattr(function, "body", []))
    while todo:
        node = todo.pop()
        found.append(node)
        if not isinstance(node, _SCOPES):
            todo += ast.iter_child_nodes(node)
    return found


def _bound_names(function: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            found.add(node.id)
        elif isinstance(node, ast.alias):
            found.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, _DEFINITIONS) and node is not function:
            found.add(node.name)
        elif isinstance(node, ast.Nonlocal):
            found.update(node.names)
        elif isinstance(node, ast.ExceptHandler | ast.MatchAs | ast.MatchStar) and node.name:
            found.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            found.add(node.rest)
    return found
