"""Python statements as streams of kinds and values, each spelling of the same behaviour spelled
one way (REVIEW-16): positions, annotations, docstrings and typing-only statements dropped,
`typing` by any alias, the old names of OSError, formatted strings (`pyformat`), locals a
function renamed (`pyrename`). `noop` compares two such streams. Pure."""

from __future__ import annotations

import ast
import sys
import typing
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from specflow.languages.pyannotate import from_typing, inert_import, inert_names
from specflow.languages.pybindings import Key
from specflow.languages.pyfields import Place, class_body, plain_sides
from specflow.languages.pyflow import straightened, type_checking, typing_names
from specflow.languages.pyformat import Part, Unsure, formatted
from specflow.languages.pyliteral import literal
from specflow.languages.pylog import last_name, without_message
from specflow.languages.pymodern import (
    DECLARED,
    REWRITTEN,
    absolute,
    called,
    compared,
    os_error,
    rewritten,
)

# Imports that only serve annotations; dropping them never changes what the code does.
_POSITIONS = frozenset({"lineno", "col_offset", "end_lineno", "end_col_offset", "type_comment"})
_ANNOTATIONS = frozenset({"annotation", "returns"})  # of arguments and functions
_NAMED = frozenset({"attr", "name", "arg"})  # the fields that spell an identifier


class Side(NamedTuple):
    """What the shape of one side reads besides its tree: the names the typing modules go by,
    and the locals of the function around the hunk renamed to their place (REVIEW-16)."""

    typing: frozenset[str]
    renamed: Mapping[str, str] = {}
    bound: Mapping[Key, str] = {}  # each name where it is written, by its binding (pybindings)
    aliases: frozenset[tuple[str, str]] = frozenset()  # `X: TypeAlias = V` on either side
    private: Mapping[str, str] = {}  # a class's private names renamed, by place (pyrename)
    unsure: Unsure | None = None  # given, `%` formats ruff calls unsafe are read (REVIEW-E28)
    plain: frozenset[Place] = frozenset()  # classes whose annotations nothing reads (REVIEW-E29)
    moved: frozenset[int] = frozenset()  # `def` lines of functions moved unchanged (REVIEW-E30)
    package: tuple[str, ...] = ()  # the file's folders, for its relative imports (REVIEW-E83)
    sources: Sources = (None, None)  # both sides whole, when known: what they read (REVIEW-E84)


Sources = tuple[bytes | None, bytes | None]  # a file's two sides whole, when known


def both_sides(
    old_tree: ast.Module, new_tree: ast.Module, sources: Sources = (None, None), path: str = ""
) -> tuple[Side, Side]:
    """What each side of a change reads its trees with: its typing names, the type aliases
    either side declares, the classes whose annotations nothing reads (REVIEW-E29), and the
    folders of the file at `path`."""
    typing_modules = (typing_names(old_tree), typing_names(new_tree))
    aliases = declared_aliases((old_tree, new_tree), typing_modules[0] | typing_modules[1])
    package = tuple(path.split("/")[:-1])
    plain = plain_sides((old_tree, new_tree), typing_modules, sources)
    one, other = (
        Side(names, aliases=aliases, plain=classes, package=package, sources=sources)
        for names, classes in zip(typing_modules, plain, strict=True)
    )
    return one, other


def declared_aliases(
    trees: Sequence[ast.Module], typing_modules: frozenset[str]
) -> frozenset[tuple[str, str]]:
    """The aliases a module or class body declares `X: TypeAlias = V` in any of the trees, as
    the name and the dumped value: on the other side `X = V` is the same alias (REVIEW-E10)."""
    side = Side(typing_modules)
    return frozenset(
        (node.target.id, ast.dump(node.value))
        for tree in trees
        for body in [tree.body, *(c.body for c in tree.body if isinstance(c, ast.ClassDef))]
        for node in body
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.value is not None
        and _typing_name(node.annotation, side) == "TypeAlias"
    )


FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
DEFINITIONS = (*FUNCTIONS, ast.ClassDef)
COMPOUND = (  # the statements that hold statements
    *DEFINITIONS,
    *(ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try, ast.Match),
    *((ast.TryStar,) if sys.version_info >= (3, 11) else ()),
)
# the statement lists of a compound statement; a handler or a case holds one of its own
BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def body_shape(body: Sequence[ast.stmt], side: Side, where: str) -> Iterator[object]:
    imports: list[tuple[object, ...]] = []  # a run of imports, in any order (isort)
    for statement in straightened(body, None, where == "module"):
        if inert(statement, side, where):
            continue
        if isinstance(statement, ast.Import | ast.ImportFrom):
            imports += _imported(statement, side)
            continue
        if imports:
            yield from sorted(imports, key=repr)
            imports = []
        yield from shape(statement, side, where)
    yield from sorted(imports, key=repr)
    yield "end"


def _imported(statement: ast.Import | ast.ImportFrom, side: Side) -> list[tuple[object, ...]]:
    """One row per name an import binds, but those only annotations read (REVIEW-E110);
    `import x as x` binds what `import x` does; a name the change renames by its place."""
    module, level = getattr(statement, "module", None), getattr(statement, "level", 0)
    module, level = absolute(module, level, side.package)
    inert = inert_names(statement, side.sources)
    return [
        ("import", module, level, side.private.get(alias.name, alias.name), bound)
        for alias in statement.names
        for bound in [alias.asname if alias.asname not in (None, alias.name) else None]
        if (alias.asname or alias.name) not in inert
    ]


def inert(statement: ast.AST, side: Side, where: str) -> bool:
    """A statement that does nothing: `pass`, a docstring, a bare string or `...`, an import
    for annotations, an `if TYPE_CHECKING:` block, an `@overload` stub, a type alias or type
    variable of a module or class."""
    if isinstance(statement, ast.Pass):
        return True
    if isinstance(statement, ast.Expr):  # a docstring, a bare string or `...`
        return isinstance(statement.value, ast.Constant)
    if isinstance(statement, ast.Import | ast.ImportFrom):
        return inert_import(statement, side.sources)
    if isinstance(statement, ast.If):
        return type_checking(statement.test) and not statement.orelse
    if isinstance(statement, ast.AnnAssign) and statement.value is None:
        return where == "plain class"  # REVIEW-E114: `x: T` where nothing reads it, no field
    if isinstance(statement, FUNCTIONS):
        if statement.lineno in side.moved:
            return True
        overload = any(_typing_name(d, side) == "overload" for d in statement.decorator_list)
        return overload and all(_stub(line) for line in statement.body)
    return where != "function" and _type_alias(statement, side)


def _stub(statement: ast.stmt) -> bool:
    """`...`, `pass` or a docstring: the body of an `@overload` stub (a decorator of that name
    from another library, `multipledispatch`'s, registers a body that runs)."""
    if isinstance(statement, ast.Pass):
        return True
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)


def _type_alias(statement: ast.AST, side: Side) -> bool:
    """REVIEW-E10: `X = t.Union[str, bytes]`, `X: TypeAlias = ...`, `T = TypeVar("T")`,
    `type X = ...`: names only annotations read."""
    if type(statement).__name__ == "TypeAlias":  # `type X = ...` (3.12), evaluated lazily
        return True
    if isinstance(statement, ast.AnnAssign):
        return _typing_name(statement.annotation, side) == "TypeAlias"
    if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
        return False
    if not isinstance(statement.targets[0], ast.Name):
        return False
    if (statement.targets[0].id, ast.dump(statement.value)) in side.aliases:
        return True
    value = statement.value
    if isinstance(value, ast.Call):
        return _typing_name(value.func, side) in _TYPE_VARIABLES
    if isinstance(value, ast.Subscript):
        return _typing_name(value.value, side) is not None or _generic(value.value)
    return _typing_name(value, side) == "Any" or _named(value, "Any")


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


def _typing_name(node: ast.AST, side: Side) -> str | None:
    """The name in `typing` that `node` spells (`t.overload`, `_t.Union`, `typing.Generic`, a
    bare `overload` or `TypeVar`), else None."""
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in side.typing
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


def _unwrapped(call: ast.Call) -> ast.expr:
    """What a call that only speaks to the type checker or to Python 2 does: `cast(T, x)` is
    `x`, `super(Cls, self)` is `super()`; and the literal a call builds, as pyupgrade and
    ruff's flake8-comprehensions rules write it: `set([a, b])` is `{a, b}`, `list(x for x in
    y)` is `[x for x in y]`, `dict(a=1)` is `{"a": 1}`."""
    modern = called(call)
    if modern is not call:
        return modern
    func = call.func
    if last_name(func) == "cast" and len(call.args) == 2 and not call.keywords:
        return call.args[1]
    logged = without_message(call)
    if logged is not None:
        return logged
    if _named(func, "super") and len(call.args) == 2 and not call.keywords:
        return ast.Call(func=func, args=[], keywords=[])
    return literal(call) or call


def _named(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def shape(
    node: ast.AST, side: Side, where: str = "function", header: bool = False
) -> Iterator[object]:
    """The node as a stream of kinds and values, without positions and annotations, each
    spelling of the same thing spelled one way. A class body's bare `x: int` keeps its
    annotation: dataclasses and named tuples read it. `header` leaves out the statements."""
    if isinstance(node, ast.AnnAssign):
        yield from _annotated(node, side, where)
        return
    if isinstance(node, REWRITTEN):
        node = rewritten(node)
    if side.unsure is not None and isinstance(node, ast.UnaryOp | ast.Compare):
        node = compared(node, side.unsure)  # REVIEW-E28
    if isinstance(node, ast.Call):
        node = _unwrapped(node)
        if not isinstance(node, ast.Call):  # `cast(T, value)` is `value`
            yield from shape(node, side, where)
            return
        if last_name(node.func) in DECLARED and len(node.args) == 2:
            node = _declaration(node, side)
    if isinstance(node, ast.Name | ast.Attribute):
        yield from _named_shape(node, side)
        if isinstance(node, ast.Name) or os_error(node) or _typing_name(node, side):
            return
    if isinstance(node, ast.IfExp) and type_checking(node.test):
        yield from shape(node.orelse, side, where)  # `A if TYPE_CHECKING else B` runs as `B`
        return
    parts = formatted(node, side.unsure)
    if parts is not None:
        yield from _formatted_shape(parts, side, where)
        return
    if isinstance(node, ast.ExceptHandler):
        yield from _handler_shape(node, side, where, header)
        return
    yield type(node).__name__
    inner = class_body(node, side.plain) if isinstance(node, ast.ClassDef) else where
    if isinstance(node, (*FUNCTIONS, ast.Lambda)):
        inner = "function"
    for field, value in ast.iter_fields(node):
        if field in _POSITIONS or field in _ANNOTATIONS or field == "kind":
            continue
        if field == "bases" and isinstance(node, ast.ClassDef):
            value = [_unparameterised(b) for b in value if not _type_only_base(b, side)]
        if isinstance(value, list):
            if field in BLOCKS and (header or (value and isinstance(value[0], ast.stmt))):
                if not header:
                    yield from body_shape(value, side, inner)
                continue
            yield len(value)
            for item in value:
                if isinstance(item, ast.AST):
                    yield from shape(item, side, inner)
                else:
                    yield item
        elif isinstance(value, ast.AST):
            yield from shape(value, side, inner)
        else:
            yield type(value).__name__
            yield side.private.get(value, value) if field in _NAMED and side.private else value


def _annotated(node: ast.AnnAssign, side: Side, where: str) -> Iterator[object]:
    # `x: int = 1` is `x = 1`, but in a class body (dataclasses), unless a ClassVar (REVIEW-E34)
    if node.value is not None:
        kind = node.annotation
        kind = kind.value if isinstance(kind, ast.Subscript) else kind
        var = "ClassVar" in (_typing_name(kind, side), getattr(kind, "id", None))
        yield from ("Assign", 1, "Field") if where == "class" and not var else ("Assign", 1)
        yield from shape(node.target, side, where)
        yield from shape(node.value, side, where)
    elif where == "class":
        yield "Field"
        yield from shape(node.target, side, where)
        yield from shape(_modern(node.annotation, side), side, where)


def _declaration(call: ast.Call, side: Side) -> ast.Call:
    """A `NamedTuple` or `TypedDict` call's field types read as a class body's (REVIEW-E27)."""
    table = call.args[1]
    if isinstance(table, ast.Dict):
        table = ast.Dict(table.keys, [_modern(kind, side) for kind in table.values])
    elif isinstance(table, ast.List | ast.Tuple):
        pairs = [pair.elts for pair in table.elts if isinstance(pair, ast.Tuple)]
        fields: list[ast.expr] = [
            ast.Tuple([p[0], _modern(p[1], side)], ast.Load()) for p in pairs if len(p) == 2
        ]
        table = ast.List(fields, ast.Load()) if len(fields) == len(table.elts) else table
    return ast.Call(call.func, [call.args[0], table], call.keywords)


# REVIEW-E10: how pyupgrade writes `typing`'s generics (PEP 585) and unions (PEP 604)
_BUILTIN_GENERICS = {
    name: name.lower() for name in ("List", "Dict", "Set", "FrozenSet", "Tuple", "Type")
}
_SPELLED = frozenset({*_BUILTIN_GENERICS, "Optional", "Union"})


def _modern(node: ast.expr, side: Side) -> ast.expr:
    """A field's annotation as pyupgrade writes it: `List[str]` is `list[str]`, `Optional[X]`
    is `X | None`, `Union[A, B]` is `A | B` (a bare `List` is taken for `typing`'s)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _union([_modern(node.left, side), _modern(node.right, side)])
    if not isinstance(node, ast.Subscript):
        name = _spelled(node, side)
        return ast.Name(_BUILTIN_GENERICS[name], ast.Load()) if name in _BUILTIN_GENERICS else node
    inner = node.slice
    items = [
        _modern(item, side) for item in (inner.elts if isinstance(inner, ast.Tuple) else [inner])
    ]
    name = _spelled(node.value, side)
    if name == "Optional" and len(items) == 1:
        return _union([items[0], ast.Constant(None)])
    if name == "Union":
        return _union(items)
    base = (
        ast.Name(_BUILTIN_GENERICS[name], ast.Load()) if name in _BUILTIN_GENERICS else node.value
    )
    index = ast.Tuple(items, ast.Load()) if isinstance(inner, ast.Tuple) else items[0]
    return ast.Subscript(base, index, ast.Load())


def _spelled(node: ast.expr, side: Side) -> str | None:
    name = _typing_name(node, side) or (node.id if isinstance(node, ast.Name) else None)
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


def _named_shape(node: ast.Name | ast.Attribute, side: Side) -> Iterator[object]:
    """A name, a typing name by whatever alias of `typing`, an old name of OSError; a local
    the function renames, by its place."""
    if os_error(node):
        yield from ("Name", "OSError", "Load")
        return
    typing_name = _typing_name(node, side) if isinstance(node, ast.Attribute) else None
    if isinstance(node, ast.Name) and node.id[:1].isupper():  # REVIEW-E84, REVIEW-E112
        typing_name = from_typing(side.sources).get(node.id)
    if typing_name is not None:
        yield from ("typing", typing_name)
        return
    if isinstance(node, ast.Name):
        yield "Name"
        yield _local(side, node, node.id)
        yield type(node.ctx).__name__


def _local(side: Side, node: ast.Name | ast.ExceptHandler, name: str) -> str:
    """A local by its binding, or by its place when renamed through the function, or as is."""
    if side.private and name in side.private:
        return side.private[name]
    if side.bound:
        where = (name, getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
        return side.bound.get(where, name)
    return side.renamed.get(name, name)


def _type_only_base(base: ast.expr, side: Side) -> bool:
    """`object` and `Generic[T]` among the bases of a class."""
    if _named(base, "object"):
        return True
    return isinstance(base, ast.Subscript) and _typing_name(base.value, side) == "Generic"


def _unparameterised(base: ast.expr) -> ast.expr:
    """`Serializer[T]` among the bases of a class is `Serializer`: the class derives from what
    its `__mro_entries__` gives, the generic class; its parameters are for the type checker."""
    return base.value if isinstance(base, ast.Subscript) else base


def _handler_shape(
    node: ast.ExceptHandler, side: Side, where: str, header: bool
) -> Iterator[object]:
    """`except (IOError, OSError) as e:` is `except OSError as e:`: the classes it catches,
    each once, in order."""
    yield "ExceptHandler"
    caught = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
    shapes: list[tuple[object, ...]] = []
    for item in caught:
        caught_shape = tuple(shape(item, side, where)) if item is not None else ("bare",)
        if caught_shape not in shapes:
            shapes.append(caught_shape)
    yield len(shapes)
    for one in shapes:
        yield from one
    yield "as"
    yield _local(side, node, node.name) if node.name else None
    if not header:
        yield from body_shape(node.body, side, where)


def _formatted_shape(parts: list[Part], side: Side, where: str) -> Iterator[object]:
    yield "Formatted"
    text = ""
    for part in parts:
        if part[0] == "text":
            text += str(part[1])
            continue
        yield text
        text = ""
        _, value, conversion, spec = part  # type: ignore[misc]
        yield conversion
        yield spec
        yield from shape(value, side, where)
    yield text
