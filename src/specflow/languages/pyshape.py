"""Python statements as streams of kinds and values, each spelling of the same behaviour spelled
one way (REVIEW-16): positions, annotations, docstrings and typing-only statements dropped,
`typing` by any alias (`pytyping`), the old names of OSError, formatted strings (`pyformat`),
locals a function renamed (`pyrename`). `noop` compares two such streams. Pure."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from specflow.languages.pyannotate import from_typing, inert_import, inert_names
from specflow.languages.pybindings import Key
from specflow.languages.pycaught import Position, caught_reads
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
    delegated,
    merged_isinstance,
    named_lambda,
    os_error,
    rewritten,
)
from specflow.languages.pyregex import regex_call
from specflow.languages.pyslots import needless_globals, sorted_slots, unordered_slots
from specflow.languages.pytyping import (
    declared_aliases,
    modern,
    type_alias,
    type_only_base,
    typing_name,
    union_aliases,
)
from specflow.languages.pyunread import unread_write

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
    imported: Mapping[str, str] = {}  # REVIEW-E303: names bound by one import (pyimports)
    unsure: Unsure | None = None  # given, `%` formats ruff calls unsafe are read (REVIEW-E28)
    plain: frozenset[Place] = frozenset()  # classes whose annotations nothing reads (REVIEW-E29)
    moved: frozenset[int] = frozenset()  # `def` lines moved unchanged (REVIEW-E30, REVIEW-E357),
    # or dropped unread (REVIEW-E355)
    package: tuple[str, ...] = ()  # the file's folders, for its relative imports (REVIEW-E83)
    sources: Sources = (None, None)  # both sides whole, when known: what they read (REVIEW-E84)
    slots: frozenset[int] = frozenset()  # REVIEW-E167: lines of `__slots__` nothing reads in order
    idle: frozenset[int] = (
        frozenset()
    )  # REVIEW-E211: lines of `global` declarations that do nothing
    caught: frozenset[Position] = frozenset()  # REVIEW-E353: reads of a caught exception
    tree: ast.Module | None = None  # REVIEW-E428: read for the writes of a local nothing reads


Sources = tuple[bytes | None, bytes | None]  # a file's two sides whole, when known


def both_sides(
    old_tree: ast.Module, new_tree: ast.Module, sources: Sources = (None, None), path: str = ""
) -> tuple[Side, Side]:
    """What each side of a change reads its trees with: its typing names, the type aliases
    either side declares, the classes whose annotations nothing reads (REVIEW-E29), and the
    folders of the file at `path`."""
    typing_modules = (typing_names(old_tree), typing_names(new_tree))
    every = typing_modules[0] | typing_modules[1]
    aliases = declared_aliases((old_tree, new_tree), every)
    aliases |= union_aliases((old_tree, new_tree), every)  # REVIEW-E210
    package = tuple(path.split("/")[:-1])
    plain = plain_sides((old_tree, new_tree), typing_modules, sources)
    slots = (unordered_slots(old_tree, sources[0]), unordered_slots(new_tree, sources[1]))
    idle = (needless_globals(old_tree, sources[0]), needless_globals(new_tree, sources[1]))
    caught = tuple(  # REVIEW-E353: only where a `%` and an `except ... as` may both be
        caught_reads(tree)
        if source is None or (b"%" in source and b" as " in source)
        else frozenset()
        for tree, source in zip((old_tree, new_tree), sources, strict=True)
    )
    one, other = (
        Side(
            names, aliases=aliases, plain=classes, package=package, sources=sources, slots=lines
        )._replace(idle=needless, caught=reads, tree=tree)
        for names, classes, lines, needless, reads, tree in zip(
            typing_modules, plain, slots, idle, caught, (old_tree, new_tree), strict=True
        )
    )
    return one, other


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
    for statement in straightened(body, None, where == "module", where == "class"):
        statement = delegated(statement, side.unsure)  # REVIEW-E187: told, when unsure
        statement = named_lambda(statement, side.sources)  # REVIEW-E217: `def` as a lambda
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
        if (row := side.imported.get(f"{alias.asname or alias.name} import")) is None
        else ("import", row)  # REVIEW-E303: what it binds, under whichever name
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
    if isinstance(statement, ast.Global):  # REVIEW-E211: of names the function never binds
        return statement.lineno in side.idle
    if isinstance(statement, ast.Expr):  # a docstring, a bare string or `...`
        return isinstance(statement.value, ast.Constant)
    if isinstance(statement, ast.Import | ast.ImportFrom):
        return inert_import(statement, side.sources)
    if isinstance(statement, ast.If):
        return type_checking(statement.test) and not statement.orelse
    if isinstance(statement, ast.AnnAssign) and statement.value is None:
        # REVIEW-E114: `x: T` where nothing reads it, no field; REVIEW-E175: a function's
        # local annotation is never evaluated (its shape is none: it is no statement there)
        # (REVIEW-E177: but `v[f()]: int`, `a.b.c: int` evaluate their target's object)
        return where in ("plain class", "function") and _bare(statement.target)
    if isinstance(statement, (*FUNCTIONS, ast.ClassDef)) and statement.lineno in side.moved:
        return True  # REVIEW-E30, REVIEW-E209: moved unchanged where it cannot matter
    if isinstance(statement, ast.Assign | ast.AnnAssign) and unread_write(statement, side.tree):
        return where == "function"  # REVIEW-E428: a local written and never read
    if isinstance(statement, ast.Assign) and statement.lineno in side.moved:
        return where == "module"  # REVIEW-E357: a constant moved past what cannot see it
    if isinstance(statement, FUNCTIONS):
        overload = any(typing_name(d, side.typing) == "overload" for d in statement.decorator_list)
        return overload and all(_stub(line) for line in statement.body)
    return where != "function" and type_alias(statement, side.typing, side.aliases)


def _stub(statement: ast.stmt) -> bool:
    """`...`, `pass` or a docstring: the body of an `@overload` stub (a decorator of that name
    from another library, `multipledispatch`'s, registers a body that runs)."""
    if isinstance(statement, ast.Pass):
        return True
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)


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
    if side.slots and isinstance(node, ast.Assign) and node.lineno in side.slots:
        node = sorted_slots(node)  # REVIEW-E167: ruff's RUF023, where nothing reads the order
    if side.unsure is not None and isinstance(node, ast.UnaryOp | ast.Compare):
        node = compared(node, side.unsure)  # REVIEW-E28
    if isinstance(node, ast.Call):
        node = _unwrapped(node)
        if not isinstance(node, ast.Call):  # `cast(T, value)` is `value`
            yield from shape(node, side, where)
            return
        if last_name(node.func) in DECLARED and len(node.args) == 2:
            node = _declaration(node, side)
        node = regex_call(node, side.sources)  # REVIEW-E214: a pattern by its parse
    if isinstance(node, ast.Name | ast.Attribute):
        yield from _named_shape(node, side)
        if isinstance(node, ast.Name) or os_error(node) or typing_name(node, side.typing):
            return
    if isinstance(node, ast.BoolOp):  # REVIEW-E186: `(a or b) or c` is `a or b or c`
        node = merged_isinstance(ast.BoolOp(op=node.op, values=_operands(node)))  # REVIEW-E251
        if not isinstance(node, ast.BoolOp):
            yield from shape(node, side, where)
            return
    if isinstance(node, ast.IfExp) and type_checking(node.test):
        yield from shape(node.orelse, side, where)  # `A if TYPE_CHECKING else B` runs as `B`
        return
    parts = formatted(node, side.unsure, side.caught)
    if parts is not None:
        yield from _formatted_shape(parts, side, where)
        return
    if isinstance(node, ast.ExceptHandler):
        yield from _handler_shape(node, side, where, header)
        return
    yield type(node).__name__
    yield from _fields_shape(node, side, where, header)


def _fields_shape(node: ast.AST, side: Side, where: str, header: bool) -> Iterator[object]:
    """Each field but positions and annotations; a block's statements in the scope it opens."""
    inner = class_body(node, side.plain) if isinstance(node, ast.ClassDef) else where
    if isinstance(node, (*FUNCTIONS, ast.Lambda)):
        inner = "function"
    for field, value in ast.iter_fields(node):
        if field in _POSITIONS or field in _ANNOTATIONS or field == "kind":
            continue
        if field == "bases" and isinstance(node, ast.ClassDef):
            value = [_unparameterised(b) for b in value if not type_only_base(b, side.typing)]
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
        var = "ClassVar" in (typing_name(kind, side.typing), getattr(kind, "id", None))
        yield from ("Assign", 1, "Field") if where == "class" and not var else ("Assign", 1)
        yield from shape(node.target, side, where)
        yield from shape(node.value, side, where)
    elif where == "class":
        yield "Field"
        yield from shape(node.target, side, where)
        yield from shape(modern(node.annotation, side.typing), side, where)
    elif not _bare(node.target):  # REVIEW-E177: `v[f()]: int` runs `f()`, `a.b.c: int` `a.b`
        yield "Evaluated"
        yield from shape(node.target, side, where)


def _operands(node: ast.BoolOp) -> list[ast.expr]:
    """REVIEW-E186: the operands of a chain of one operator however parenthesised: `or` and
    `and` evaluate left to right and stop at the same operand whichever way they are grouped
    (`(a or b) or c`, `a or (b or c)`); an operand of the other operator stays whole."""
    return [
        part
        for value in node.values
        for part in (
            _operands(value)
            if isinstance(value, ast.BoolOp) and type(value.op) is type(node.op)
            else [value]
        )
    ]


def _declaration(call: ast.Call, side: Side) -> ast.Call:
    """A `NamedTuple` or `TypedDict` call's field types read as a class body's (REVIEW-E27)."""
    table = call.args[1]
    if isinstance(table, ast.Dict):
        table = ast.Dict(table.keys, [modern(kind, side.typing) for kind in table.values])
    elif isinstance(table, ast.List | ast.Tuple):
        pairs = [pair.elts for pair in table.elts if isinstance(pair, ast.Tuple)]
        fields: list[ast.expr] = [
            ast.Tuple([p[0], modern(p[1], side.typing)], ast.Load()) for p in pairs if len(p) == 2
        ]
        table = ast.List(fields, ast.Load()) if len(fields) == len(table.elts) else table
    return ast.Call(call.func, [call.args[0], table], call.keywords)


def _named_shape(node: ast.Name | ast.Attribute, side: Side) -> Iterator[object]:
    """A name, a typing name by whatever alias of `typing`, an old name of OSError; a local
    the function renames, by its place."""
    if os_error(node):
        yield from ("Name", "OSError", "Load")
        return
    spelled = typing_name(node, side.typing) if isinstance(node, ast.Attribute) else None
    if isinstance(node, ast.Name) and node.id[:1].isupper():  # REVIEW-E84, REVIEW-E112
        spelled = from_typing(side.sources).get(node.id)
    if spelled is not None:
        yield from ("typing", spelled)
        return
    if isinstance(node, ast.Name):
        yield "Name"
        yield _local(side, node, node.id)
        yield type(node.ctx).__name__


def _local(side: Side, node: ast.Name | ast.ExceptHandler, name: str) -> str:
    """A local by its binding, or by its place when renamed through the function, or as is."""
    if side.private and name in side.private:
        return side.private[name]
    if side.imported:  # REVIEW-E303: a read of a name bound once, by an import
        key = f"{name} {getattr(node, 'lineno', 0)} {getattr(node, 'col_offset', 0)}"
        if key in side.imported:
            return side.imported[key]
    if side.bound:
        where = (name, getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
        return side.bound.get(where, name)
    return side.renamed.get(name, name)


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


def _bare(target: ast.expr) -> bool:
    """REVIEW-E177: an annotated target whose evaluation runs nothing: `x`, `self.x`, `d[k]`,
    `d[0]` (Python evaluates an attribute's object and a subscript's object and key)."""
    if isinstance(target, ast.Attribute):
        return isinstance(target.value, ast.Name)
    if isinstance(target, ast.Subscript):
        return isinstance(target.value, ast.Name) and isinstance(
            target.slice, ast.Name | ast.Constant
        )
    return isinstance(target, ast.Name)
