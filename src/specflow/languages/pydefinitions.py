"""The functions, classes and methods a change removes whole (REVIEW-E19): each is a ripple
of its own, and what it wrote or read goes with it. Pure: trees and line numbers in."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from specflow.languages.base import Symbol
from specflow.languages.pylayout import owner_at
from specflow.languages.pyreach import class_ranges, function_reach

_Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
_DEFINITION = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def removed_definitions(
    old_tree: ast.Module | None, removed: set[int], new_tree: ast.Module | None
) -> list[tuple[_Definition, int, int]]:
    """The functions, classes and methods whose every line is removed and that the new side
    does not define again under the same name (moved in the file), each with its lines; not
    the methods of a class removed whole."""
    if old_tree is None or not removed:
        return []
    again = {node.name for node in _definitions(new_tree)} if new_tree is not None else set()
    gone: list[tuple[_Definition, int, int]] = []
    for node in _definitions(old_tree):
        first, last = extent(node)
        if any(start <= first <= end for _, start, end in gone):
            continue  # a method of a class removed whole: asked about through the class
        if node.name not in again and all(n in removed for n in range(first, last + 1)):
            gone.append((node, first, last))
    return gone


def removed_symbol(node: _Definition, path: str, tree: ast.Module | None) -> Symbol:
    """The ripple of a definition removed whole: a method is named through an object, a
    module's function or class by its bare name (REVIEW-E22)."""
    owner = owner_at(class_ranges(tree), node.lineno) if tree is not None else ""
    reach = function_reach(bool(owner), nested=False)
    return Symbol(node.name, "removed", path, node.lineno, owner=owner, reach=reach)


def _definitions(tree: ast.Module) -> Iterator[_Definition]:
    """The module's functions and classes and the classes' methods."""
    for node in tree.body:
        if isinstance(node, _DEFINITION):
            yield node
            for inner in node.body if isinstance(node, ast.ClassDef) else ():
                if isinstance(inner, _DEFINITION):
                    yield inner


def extent(node: ast.stmt) -> tuple[int, int]:
    decorators: list[ast.expr] = getattr(node, "decorator_list", [])
    return min([node.lineno, *(d.lineno for d in decorators)]), node.end_lineno or node.lineno
