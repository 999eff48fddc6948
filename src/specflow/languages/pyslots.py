"""A class's `__slots__` whose order nothing reads (REVIEW-E167): ruff's RUF023 sorts them, and
CPython sorts a class's slot names itself before it lays out its instances, so only code that
reads `__slots__` back sees the order. Pure: a tree and the file's text in."""

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
