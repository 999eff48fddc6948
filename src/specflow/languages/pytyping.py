"""How Python spells types, for pyshape: the name in `typing` a node spells by any alias of the
module, the statements that only declare a type (aliases, type variables), the bases only the
type checker reads, and an annotation as pyupgrade writes it (`List[str]` is `list[str]`,
`Optional[X]` is `X | None`: REVIEW-E10). Pure."""

from __future__ import annotations

import ast
import typing
from collections.abc import Sequence


def declared_aliases(
    trees: Sequence[ast.Module], typing_modules: frozenset[str]
) -> frozenset[tuple[str, str]]:
    """The aliases a module or class body declares `X: TypeAlias = V` in any of the trees, as
    the name and the dumped value: on the other side `X = V` is the same alias (REVIEW-E10)."""
    return frozenset(
        (node.target.id, ast.dump(node.value))
        for tree in trees
        for body in [tree.body, *(c.body for c in tree.body if isinstance(c, ast.ClassDef))]
        for node in body
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.value is not None
        and typing_name(node.annotation, typing_modules) == "TypeAlias"
    )


def union_aliases(
    trees: Sequence[ast.Module], typing_modules: frozenset[str]
) -> frozenset[tuple[str, str]]:
    """REVIEW-E210: `X = A[T] | B | None` in a module or class body, as ruff's UP007 writes
    `X = Union[A[T], B, None]`, is a type alias too, when one operand is `None` or a typing
    generic (so `|` builds a union, not bits) and the tree reads `X` only in annotations
    (`isinstance(v, X)` and `get_origin(X)` see `types.UnionType`, not `typing.Union`)."""
    found: set[tuple[str, str]] = set()
    for tree in trees:
        unions = [
            node
            for body in [tree.body, *(c.body for c in tree.body if isinstance(c, ast.ClassDef))]
            for node in body
            if isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and _typed_union(node.value, typing_modules)
        ]
        if not unions:
            continue  # SPEED-18: the tree walked for what it reads only when needed
        read = _read_outside_annotations(tree)
        found.update(
            (node.targets[0].id, ast.dump(node.value))
            for node in unions
            if isinstance(node.targets[0], ast.Name) and node.targets[0].id not in read
        )
    return frozenset(found)


def _typed_union(node: ast.expr, typing_modules: frozenset[str]) -> bool:
    operands = _operands(node)
    if len(operands) < 2 or not all(
        isinstance(o, ast.Name | ast.Attribute | ast.Subscript) or _none(o) for o in operands
    ):
        return False
    return any(
        _none(o)
        or (
            isinstance(o, ast.Subscript)
            and (typing_name(o.value, typing_modules) is not None or _generic(o.value))
        )
        for o in operands
    )


def _operands(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return [*_operands(node.left), *_operands(node.right)]
    return [node]


def _none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _read_outside_annotations(tree: ast.Module) -> set[str]:
    """The names the tree loads anywhere but in an annotation."""
    annotations = {
        id(inner)
        for node in ast.walk(tree)
        for part in _annotations_of(node)
        for inner in ast.walk(part)
    }
    return {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name)
        and isinstance(node.ctx, ast.Load)
        and id(node) not in annotations
    }


def _annotations_of(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.arg | ast.AnnAssign) and node.annotation is not None:
        return [node.annotation]
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns is not None:
        return [node.returns]
    return []


def type_alias(
    statement: ast.AST, typing_modules: frozenset[str], aliases: frozenset[tuple[str, str]]
) -> bool:
    """REVIEW-E10: `X = t.Union[str, bytes]`, `X: TypeAlias = ...`, `T = TypeVar("T")`,
    `type X = ...`: names only annotations read."""
    if type(statement).__name__ == "TypeAlias":  # `type X = ...` (3.12), evaluated lazily
        return True
    if isinstance(statement, ast.AnnAssign):
        return typing_name(statement.annotation, typing_modules) == "TypeAlias"
    if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
        return False
    if not isinstance(statement.targets[0], ast.Name):
        return False
    if (statement.targets[0].id, ast.dump(statement.value)) in aliases:
        return True
    value = statement.value
    if isinstance(value, ast.Call):
        return typing_name(value.func, typing_modules) in _TYPE_VARIABLES
    if isinstance(value, ast.Subscript):
        return typing_name(value.value, typing_modules) is not None or _generic(value.value)
    return typing_name(value, typing_modules) == "Any" or (
        isinstance(value, ast.Name) and value.id == "Any"
    )


# REVIEW-E379: the calls that make a type for the checker, and the modules that spell them
_DECLARERS = frozenset({"TypeVar", "ParamSpec", "TypeVarTuple", "NewType"})
_TYPING_MODULES = frozenset({"typing", "typing_extensions", "t", "_t", "te", "_te"})


def declares_type(statement: ast.AST) -> bool:
    """REVIEW-E379: `T = TypeVar("T")`, `P = ParamSpec("P")`, `Ts = TypeVarTuple("Ts")`,
    `UserId = NewType("UserId", int)` (bare or of `typing`) and `X: TypeAlias = ...` name a
    type for the checker: they write no value a spec governs."""
    if isinstance(statement, ast.AnnAssign):
        return typing_name(statement.annotation, _TYPING_MODULES) == "TypeAlias"
    if not isinstance(statement, ast.Assign) or not isinstance(statement.value, ast.Call):
        return False
    if not all(isinstance(target, ast.Name) for target in statement.targets):
        return False
    func = statement.value.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return func.value.id in _TYPING_MODULES and func.attr in _DECLARERS
    return isinstance(func, ast.Name) and func.id in _DECLARERS


def _generic(node: ast.expr) -> bool:
    """A bare name of `typing`'s generics and special forms (`Union`, `List`, `Sequence`, as
    `from typing import ...` or `collections.abc` gives them): `X = Union[A, B]`."""
    return isinstance(node, ast.Name) and node.id[:1].isupper() and node.id in _TYPING_NAMES


_TYPE_VARIABLES = frozenset({"TypeVar", "ParamSpec", "TypeVarTuple"})
# names of `typing_extensions` that `typing` of the Python running specflow may lack
_TYPING_EXTRAS = frozenset(
    {"Self", "TypeAlias", "ParamSpec", "TypeVarTuple", "Concatenate", "TypeGuard", "TypeIs"}
    | {"Unpack", "Required", "NotRequired", "LiteralString", "Never", "override", "Buffer"}
    | {"ReadOnly", "deprecated", "dataclass_transform", "assert_never", "assert_type"}
    | {"reveal_type", "TypeAliasType", "get_overloads", "is_typeddict"}
)
_TYPING_NAMES = frozenset(typing.__all__) | _TYPING_EXTRAS


def typing_name(node: ast.AST, typing_modules: frozenset[str]) -> str | None:
    """The name in `typing` that `node` spells (`t.overload`, `_t.Union`, `typing.Generic`, a
    bare `overload` or `TypeVar`), else None."""
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in typing_modules
        and node.attr in _TYPING_NAMES
    ):
        return node.attr
    if isinstance(node, ast.Name) and node.id in _BARE_TYPING:
        return node.id
    return None


# names that, imported from `typing`, serve only the type checker wherever they are written
_BARE_TYPING = frozenset(
    {"overload", "TypeVar", "ParamSpec", "TypeVarTuple", "TypeAlias", "Generic"}
)


# REVIEW-E10: how pyupgrade writes `typing`'s generics (PEP 585) and unions (PEP 604)
_BUILTIN_GENERICS = {
    name: name.lower() for name in ("List", "Dict", "Set", "FrozenSet", "Tuple", "Type")
}
_SPELLED = frozenset({*_BUILTIN_GENERICS, "Optional", "Union"})


def modern(node: ast.expr, typing_modules: frozenset[str]) -> ast.expr:
    """A field's annotation as pyupgrade writes it: `List[str]` is `list[str]`, `Optional[X]`
    is `X | None`, `Union[A, B]` is `A | B` (a bare `List` is taken for `typing`'s)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _union([modern(node.left, typing_modules), modern(node.right, typing_modules)])
    if not isinstance(node, ast.Subscript):
        name = _spelled(node, typing_modules)
        return ast.Name(_BUILTIN_GENERICS[name], ast.Load()) if name in _BUILTIN_GENERICS else node
    inner = node.slice
    items = [
        modern(item, typing_modules)
        for item in (inner.elts if isinstance(inner, ast.Tuple) else [inner])
    ]
    name = _spelled(node.value, typing_modules)
    if name == "Optional" and len(items) == 1:
        return _union([items[0], ast.Constant(None)])
    if name == "Union":
        return _union(items)
    base = (
        ast.Name(_BUILTIN_GENERICS[name], ast.Load()) if name in _BUILTIN_GENERICS else node.value
    )
    index = ast.Tuple(items, ast.Load()) if isinstance(inner, ast.Tuple) else items[0]
    return ast.Subscript(base, index, ast.Load())


def _spelled(node: ast.expr, typing_modules: frozenset[str]) -> str | None:
    name = typing_name(node, typing_modules) or (node.id if isinstance(node, ast.Name) else None)
    return name if name in _SPELLED else None


def _union(items: list[ast.expr]) -> ast.expr:
    """`A | B | C`, each union among the items flattened into it."""
    flat: list[ast.expr] = []
    for item in items:
        if isinstance(item, ast.BinOp) and isinstance(item.op, ast.BitOr):
            flat += [item.left, item.right]
        else:
            flat.append(item)
    joined = flat[0]
    for item in flat[1:]:
        joined = ast.BinOp(joined, ast.BitOr(), item)
    return joined


def type_only_base(base: ast.expr, typing_modules: frozenset[str]) -> bool:
    """`object` and `Generic[T]` among the bases of a class."""
    if isinstance(base, ast.Name) and base.id == "object":
        return True
    return isinstance(base, ast.Subscript) and typing_name(base.value, typing_modules) == "Generic"
