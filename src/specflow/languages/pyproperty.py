"""REVIEW-E426: a property made by a call, `content_type = property(_content_type__get,
_content_type__set)`: its getter, setter and deleter are that property, so a hunk inside
`_content_type__set` is inside `content_type`, as it is inside a `@property` of that name."""

from __future__ import annotations

import ast

from specflow.languages.pyshape import FUNCTIONS

# the arguments of `property()` that are its functions, by position and by keyword
_ROLES = ("fget", "fset", "fdel")
_MAKERS = frozenset({"property", "builtins.property"})


def as_property(names: tuple[str, ...], tree: ast.Module | None) -> tuple[str, ...]:
    """The definitions around a hunk (`names`, outermost first), the innermost a method its
    class binds to a property by `x = property(...)` read as that property (`x`)."""
    if len(names) < 2 or tree is None:
        return names
    owner = _definition(tree.body, names[:-1])
    if not isinstance(owner, ast.ClassDef) or not _method(owner, names[-1]):
        return names
    bound = next((n for n, made in _properties(owner).items() if names[-1] in made), None)
    return names if bound is None else (*names[:-1], bound)


def _definition(body: list[ast.stmt], path: tuple[str, ...]) -> ast.stmt | None:
    """The class or function `path` names, outermost first, at the top of `body` and down."""
    node: ast.stmt | None = None
    for name in path:
        node = next((n for n in body if _named(n, name)), None)
        if node is None:
            return None
        body = node.body  # type: ignore[attr-defined]
    return node


def _named(node: ast.stmt, name: str) -> bool:
    return isinstance(node, (ast.ClassDef, *FUNCTIONS)) and node.name == name


def _method(owner: ast.ClassDef, name: str) -> bool:
    return any(isinstance(n, FUNCTIONS) and n.name == name for n in owner.body)


def _properties(owner: ast.ClassDef) -> dict[str, frozenset[str]]:
    """Each name the class body binds to `property(...)` → the names of its functions."""
    found: dict[str, frozenset[str]] = {}
    for node in owner.body:
        if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Call):
            continue
        call = node.value
        if ast.unparse(call.func) not in _MAKERS:
            continue
        given = [*call.args[: len(_ROLES)], *(k.value for k in call.keywords if k.arg in _ROLES)]
        functions = frozenset(a.id for a in given if isinstance(a, ast.Name))
        for target in node.targets:
            if isinstance(target, ast.Name):
                found[target.id] = functions
    return found
