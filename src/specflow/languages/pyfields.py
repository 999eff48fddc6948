"""Which classes of a module nothing reads the annotations of (REVIEW-E29): there a bare
`_key: CmpKey` is an annotation for the type checker, not a field. Pure: a tree and the
file's text in."""

from __future__ import annotations

import ast
import builtins
import re
from collections import Counter

# Python's own classes (`object`, `Exception`, `dict`, `str`): none reads a subclass's
# annotations; not `type`, whose subclasses' annotations the classes they make show
_BUILTIN_CLASSES = frozenset(
    name for name, value in vars(builtins).items() if isinstance(value, type) and name != "type"
)
# what reads annotations when the code runs, or may bind a builtin's name, anywhere in the file
# (the tree holds only the statements around the change): a module that says one has no plain class
_READERS = re.compile(
    rb"__annotations__|__annotate__|get_type_hints|get_annotations|__init_subclass__|import\s+\*"
)
_CLASS_HEADER = re.compile(rb"^[ \t]*class[ \t]+\w+[ \t]*\(([^)]*)\)", re.MULTILINE)

Place = tuple[str, int]  # a class by its name and the line of its `class` statement


def plain_sides(
    trees: tuple[ast.Module, ast.Module],
    typing_modules: tuple[frozenset[str], frozenset[str]],
    sources: tuple[bytes | None, bytes | None],
) -> tuple[frozenset[Place], frozenset[Place]]:
    """Each side's plain classes, read on both when a class body of either side annotates
    (REVIEW-E114: `self.x: T = v` in `__init__` moved to a bare `x: T` of the class body has
    annotations on the new side only; the old side's class is plain or not all the same)."""
    if not any(_annotated(tree) for tree in trees):
        return frozenset(), frozenset()
    return (
        plain_classes(trees[0], typing_modules[0], sources[0]),
        plain_classes(trees[1], typing_modules[1], sources[1]),
    )


def _annotated(tree: ast.Module) -> bool:
    """Whether a top-level class body holds an annotated statement."""
    return any(
        isinstance(node, ast.ClassDef) and any(isinstance(i, ast.AnnAssign) for i in node.body)
        for node in tree.body
    )


def plain_classes(
    tree: ast.Module, typing_modules: frozenset[str], source: bytes | None
) -> frozenset[Place]:
    """The module's top-level classes without decorators or keywords, whose bases are `object`,
    Python's own classes, `Generic[...]` or such classes of the same module by name, none of
    which is bound again, or a base beside another or a keyword of a class in the file (a
    pydantic model's mixin); none when the file (`source`, None: unknown) may read annotations,
    defines `__init_subclass__` or star-imports (`plain_sides` asks only when a side annotates)."""
    if source is None or _READERS.search(source):
        return frozenset()
    mixed = {
        name
        for header in _CLASS_HEADER.finditer(source)
        if b"," in header[1] or b"=" in header[1]
        for name in re.findall(rb"\w+", header[1])
    }
    bound = Counter(name for statement in tree.body for name in _bound_at_top(statement))
    classes = {
        node.name: node
        for node in tree.body
        if isinstance(node, ast.ClassDef)
        and bound[node.name] == 1
        and node.name.encode() not in mixed
        and not _bound_again(node.name, source)
        and not _handed_over(node.name, source)
    }
    found: dict[str, bool] = {}

    def plain(node: ast.ClassDef, seen: frozenset[str]) -> bool:
        if node.name not in found:
            found[node.name] = _alone(node) and all(
                base_is_plain(base, seen | {node.name}) for base in node.bases
            )
        return found[node.name]

    def base_is_plain(base: ast.expr, seen: frozenset[str]) -> bool:
        if _generic(base, typing_modules):
            return True
        if not isinstance(base, ast.Name):
            return False
        if base.id in classes:
            return base.id not in seen and plain(classes[base.id], seen)
        return not bound[base.id] and base.id in _BUILTIN_CLASSES

    return frozenset(
        (node.name, node.lineno) for node in classes.values() if plain(node, frozenset())
    )


def class_body(node: ast.ClassDef, plain: frozenset[Place]) -> str:
    """A class body is "class", where a bare `x: int` is a field (dataclasses, named tuples),
    or "plain class" when its place is among the `plain` ones (REVIEW-E29)."""
    return "plain class" if (node.name, node.lineno) in plain else "class"


def _alone(node: ast.ClassDef) -> bool:
    """No decorator, metaclass or other keyword (`__init_subclass__` is looked for in the text)."""
    return not node.decorator_list and not node.keywords


def _generic(base: ast.expr, typing_modules: frozenset[str]) -> bool:
    """`Generic[T]`, `t.Generic[T]`: parameters for the type checker."""
    if not isinstance(base, ast.Subscript):
        return False
    value = base.value
    if isinstance(value, ast.Name):
        return value.id == "Generic"
    return (
        isinstance(value, ast.Attribute)
        and value.attr == "Generic"
        and isinstance(value.value, ast.Name)
        and value.value.id in typing_modules
    )


def _bound_again(name: str, source: bytes) -> bool:
    """`Point = dataclass(Point)` anywhere in the file (the tree may not hold it)."""
    return (
        re.search(rb"^[ \t]*%s[ \t]*(?::[^=\n]*)?=(?!=)" % name.encode(), source, re.M) is not None
    )


# calls that take a class and read none of its annotations
_NOT_READING = frozenset({b"isinstance", b"issubclass", b"super", b"type", b"id", b"repr", b"str"})


def _handed_over(name: str, source: bytes) -> bool:
    """REVIEW-E123: the class passed to a call anywhere in the file (`Point =
    dataclass(Coordinates)`, `create_model(__base__=Coordinates)`), which may read its
    annotations as fields; `isinstance(x, C)`, `super(C, self)` and a class's bases read none."""
    call = rb"(?<![\w.])(?<!class )([\w.]+)[ \t]*\([^()\n]*?(?<![\w.])%s[ \t]*[,)]"
    return any(
        found[1].rsplit(b".", 1)[-1] not in _NOT_READING
        for found in re.finditer(call % re.escape(name.encode()), source)
    )


def _bound_at_top(statement: ast.stmt) -> list[str]:
    """The names a top-level statement binds (a definition's, an import's, an assignment's),
    and, within an `if` or a `try`, those its branches bind, or more."""
    if isinstance(statement, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
        return [statement.name]
    names = []
    for node in ast.walk(statement):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.append(node.id)
        elif isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            names.append(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names += [(alias.asname or alias.name).split(".")[0] for alias in node.names]
    return names
