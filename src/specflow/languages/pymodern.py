"""Calls and expressions that pyupgrade and ruff rewrite without changing what they do, each
read in one spelling (REVIEW-E27): `open(p, "r")` and `io.open(p)` are `open(p)` (UP015,
UP020), `lru_cache()` is `lru_cache` (UP011), `isinstance(x, A | B)` is `isinstance(x, (A, B))`
(UP038), `str("a")` is `"a"` (UP018), `from .core import x` in `idna/codec.py` is `from
idna.core import x` (TID252), `list(sorted(x))` is `sorted(x)` (C413),
`[x for x in y]` is `list(y)` (C416), `return None` is `return` (RET501), and a `NamedTuple`
or `TypedDict` class is the call that declares it (UP014, UP013). As everywhere in
`pyshape`, the builtins are taken to be the builtins. Pure: new nodes, the trees untouched."""

from __future__ import annotations

import ast
import re
import sys

from specflow.languages.pyformat import Unsure, assumption
from specflow.languages.pylog import last_name

_READ_MODES = frozenset({"r", "rt", "tr"})  # the mode `open` takes when given none
_NATIVE = {"str": str, "bytes": bytes, "int": int, "float": float, "bool": bool}
REWRITTEN = (ast.ListComp, ast.SetComp, ast.Return, ast.UnaryOp, ast.IfExp)  # besides calls


def called(call: ast.Call) -> ast.expr:
    """The call in one spelling, or itself."""
    func, args, keywords = call.func, call.args, call.keywords
    name = _builtin(func)
    if name == "open":
        return _opened(call)
    if _functools_cache(func) and not args and not keywords:
        return func
    if name in ("isinstance", "issubclass") and len(args) == 2 and not keywords:
        members = _members(args[1])
        return call if members is args[1] else ast.Call(func, [args[0], members], [])
    if name in _NATIVE and len(args) == 1 and not keywords and _native(name, args[0]):
        return args[0]
    if name == "list" and len(args) == 1 and not keywords and _builtin_call(args[0], "sorted"):
        return args[0]
    if name == "bool" and len(args) == 1 and not keywords and _boolean(args[0]):
        return args[0]  # REVIEW-E215: `bool(x in y)` is `x in y`
    return call


def merged_isinstance(node: ast.BoolOp) -> ast.expr:
    """REVIEW-E251: ruff's SIM101 read as it rewrites: `isinstance(x, A) or isinstance(x, B)`
    is `isinstance(x, (A, B))` where `x` is the same plain value (a name, its attributes, a
    subscript by a constant: evaluating it twice or once is the same) and each class is named;
    `x` a call (`d.get(k)`), another `x`, `and`: kept apart. One operand left: itself."""
    if not isinstance(node.op, ast.Or):
        return node
    values: list[ast.expr] = []
    for value in node.values:
        tested = _tested(value)
        last = _tested(values[-1]) if values else None
        if tested is None or last is None or ast.dump(tested[0]) != ast.dump(last[0]):
            values.append(value)
            continue
        classes = ast.Tuple(elts=[*last[1], *tested[1]], ctx=ast.Load())
        values[-1] = ast.Call(ast.Name("isinstance", ast.Load()), [tested[0], classes], [])
    return values[0] if len(values) == 1 else ast.BoolOp(op=node.op, values=values)


def _tested(node: ast.expr) -> tuple[ast.expr, list[ast.expr]] | None:
    """`isinstance(x, A)` (or `(A, B)`, `A | B`) of a plain `x` and named classes: `x` and
    the classes; None for anything else."""
    if not isinstance(node, ast.Call) or _builtin(node.func) != "isinstance":
        return None
    if len(node.args) != 2 or node.keywords or not _plain(node.args[0]):
        return None
    classes = _members(node.args[1])
    found = classes.elts if isinstance(classes, ast.Tuple) else [classes]
    if not all(isinstance(member, ast.Name | ast.Attribute) for member in found):
        return None
    return node.args[0], found


def _plain(value: ast.expr) -> bool:
    """A name, an attribute of a plain value, or one subscripted by a constant or a name."""
    if isinstance(value, ast.Attribute):
        return _plain(value.value)
    if isinstance(value, ast.Subscript):
        key = value.slice
        return _plain(value.value) and isinstance(key, ast.Constant | ast.Name)
    return isinstance(value, ast.Name)


def negated(node: ast.UnaryOp) -> ast.expr:
    """REVIEW-E54: ruff's E713 and E714 read as they rewrite: `not a in b` is `a not in b`, and
    `not a is b` is `a is not b`, by the language's definition: nothing taken for granted."""
    inner = node.operand
    if isinstance(node.op, ast.Not) and isinstance(inner, ast.Compare) and len(inner.ops) == 1:
        flipped = _NEGATED.get(type(inner.ops[0]))
        if flipped is not None:
            return ast.copy_location(ast.Compare(inner.left, [flipped()], inner.comparators), node)
    return node


def compared(node: ast.UnaryOp | ast.Compare, unsure: Unsure) -> ast.expr:
    """REVIEW-E28: ruff's unsafe SIM201, SIM202 and E711 read as they rewrite: `not a == b` is
    `a != b`, `x == None` is `x is None`, when the comparison is plain; what that takes for
    granted is added to `unsure`."""
    if isinstance(node, ast.UnaryOp):
        inner = node.operand
        if isinstance(node.op, ast.Not) and _in_range(inner):
            return _out_of_range(node, unsure)  # REVIEW-E256
        if not isinstance(node.op, ast.Not) or not _equality(inner):
            return node
        assert isinstance(inner, ast.Compare)
        flipped = ast.NotEq() if isinstance(inner.ops[0], ast.Eq) else ast.Eq()
        _take(unsure, node, assumption(inner, "is plain (its `!=` is the negation of `==`)"))
        flipped_node = ast.Compare(inner.left, [flipped], inner.comparators)
        return compared(ast.copy_location(flipped_node, inner), unsure)  # `not x == None`
    right = node.comparators[0]
    if not _equality(node) or not (isinstance(right, ast.Constant) and right.value is None):
        return node
    _take(unsure, node, assumption(node.left, "equals None only when it is None"))
    identity = ast.Is() if isinstance(node.ops[0], ast.Eq) else ast.IsNot()
    return ast.Compare(node.left, [identity], node.comparators)


# `x not in y` is `not x in y` and `x is not y` is `not x is y`, by the language's definition
_NEGATED: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}


# REVIEW-E256: what `not (a < x)` is when `x` is a plain number and not NaN
_OUTSIDE: dict[type[ast.cmpop], type[ast.cmpop]] = {ast.Lt: ast.GtE, ast.LtE: ast.Gt}


def _in_range(node: ast.expr) -> bool:
    """`a <= x <= b` (or `<`): a name between two numbers written as literals."""
    return (
        isinstance(node, ast.Compare)
        and len(node.ops) == 2
        and all(type(op) in _OUTSIDE for op in node.ops)
        and isinstance(node.comparators[0], ast.Name)
        and all(_number(bound) for bound in (node.left, node.comparators[1]))
    )


def _number(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        node = node.operand
    value = getattr(node, "value", None) if isinstance(node, ast.Constant) else None
    return isinstance(value, int | float) and not isinstance(value, bool)


def _out_of_range(node: ast.UnaryOp, unsure: Unsure) -> ast.expr:
    """REVIEW-E256: `not (a <= x <= b)` read as `a > x or x > b`, which it is when `x` is a
    plain number and not NaN (NaN compares false every way; a class may define its own)."""
    inner = node.operand
    assert isinstance(inner, ast.Compare)
    value, low, high = inner.comparators[0], inner.left, inner.comparators[1]
    _take(unsure, node, assumption(value, "is a plain number and not NaN"))
    below = ast.Compare(low, [_OUTSIDE[type(inner.ops[0])]()], [value])
    above = ast.Compare(value, [_OUTSIDE[type(inner.ops[1])]()], [high])
    return ast.copy_location(ast.BoolOp(ast.Or(), [below, above]), node)


def _equality(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Compare)
        and len(node.ops) == 1
        and isinstance(node.ops[0], ast.Eq | ast.NotEq)
    )


def delegated(statement: ast.stmt, unsure: Unsure | None) -> ast.stmt:
    """REVIEW-E187: pyupgrade's UP028, `for x in it: yield x` as `yield from it`, which ruff
    calls unsafe: `yield from` hands a `send()`, `throw()` or `close()` of the generator to
    `it`, and leaves `x` unbound; read so only when `unsure` is given, which is told."""
    if unsure is None or not isinstance(statement, ast.For) or statement.orelse:
        return statement
    body, target = statement.body, statement.target
    value = getattr(body[0], "value", None) if len(body) == 1 else None
    if not isinstance(body[0], ast.Expr) or not isinstance(value, ast.Yield):
        return statement
    if not isinstance(target, ast.Name) or getattr(value.value, "id", None) != target.id:
        return statement
    expected = (
        "is only iterated: nothing sends to or throws into the generator,"
        f" nor reads `{target.id}` after the loop"
    )
    _take(unsure, statement, assumption(statement.iter, expected))
    return ast.copy_location(ast.Expr(value=ast.YieldFrom(value=statement.iter)), statement)


def named_lambda(statement: ast.stmt, sources: tuple[bytes | None, bytes | None]) -> ast.stmt:
    """REVIEW-E217: `f = lambda a, b=1: e` read as `def f(a, b=1): return e`, as ruff's E731
    rewrites it: both evaluate the defaults then bind a function of those arguments that
    returns `e`. Only its `__name__` and `__qualname__` differ (`<lambda>` or `f`), which
    REVIEW-E432 accepts but where the file spells `f.__name__` or `f.__qualname__`; else the
    statement itself."""
    if not isinstance(statement, ast.Assign) or not isinstance(statement.value, ast.Lambda):
        return statement
    targets = statement.targets
    if len(targets) != 1 or not isinstance(targets[0], ast.Name):
        return statement
    if any(side is None or _name_read(side, targets[0].id) for side in sources):
        return statement
    function = statement.value
    returned = ast.copy_location(ast.Return(value=function.body), function.body)
    defined = ast.FunctionDef(
        name=targets[0].id,
        args=function.args,
        body=[returned],
        decorator_list=[],
        returns=None,
        type_comment=None,
    )
    if sys.version_info >= (3, 12):
        defined.type_params = []
    return ast.copy_location(defined, statement)


def binds_lambda(statement: ast.Assign) -> bool:
    """REVIEW-E432: an `if` branch that binds a lambda stays a branch (no conditional
    expression, SIM108), so that it reads as the `def` it may be written as."""
    return isinstance(statement.value, ast.Lambda)


def _name_read(source: bytes, name: str) -> bool:
    """REVIEW-E432: whether the file reads the function's own name, `f.__name__`."""
    if b"__" not in source:
        return False
    # no word byte before it, nor a byte of another UTF-8 letter: `ñorm` starts with one
    spelled = rb"(?<![\w\x80-\xff])" + re.escape(name.encode()) + rb"\s*\.\s*__(?:qual)?name__\b"
    return re.search(spelled, source) is not None


def _take(unsure: Unsure, node: ast.expr | ast.stmt, taken: tuple[str, str]) -> None:
    unsure.append((node.lineno, node.end_lineno or node.lineno, taken))


def rewritten(
    node: ast.ListComp | ast.SetComp | ast.Return | ast.UnaryOp | ast.IfExp,
) -> ast.AST:
    if isinstance(node, ast.UnaryOp):
        return negated(node)
    if isinstance(node, ast.IfExp):
        return _truth(node)
    if isinstance(node, ast.Return):
        none = isinstance(node.value, ast.Constant) and node.value.value is None
        return ast.Return(value=None) if none else node
    generators = node.generators
    if len(generators) != 1 or generators[0].ifs or generators[0].is_async:
        return node
    target, element = generators[0].target, node.elt
    if not isinstance(target, ast.Name) or not isinstance(element, ast.Name):
        return node
    if target.id != element.id:
        return node
    kind = "list" if isinstance(node, ast.ListComp) else "set"
    return ast.Call(func=ast.Name(kind, ast.Load()), args=[generators[0].iter], keywords=[])


def _truth(node: ast.IfExp) -> ast.expr:
    """REVIEW-E215: ruff's SIM103 and SIM210/SIM211 read as they rewrite: `True if c else
    False` is `bool(c)` (both ask `c`'s truth once), and `c` itself when `c` is surely a bool
    (`in`, `is`, `not`, `isinstance()`); `False if c else True` is `not c`."""
    values = (node.body, node.orelse)
    if not all(isinstance(v, ast.Constant) and type(v.value) is bool for v in values):
        return node
    yes, no = (getattr(v, "value", None) for v in values)
    if (yes, no) == (True, False):
        return node.test if _boolean(node.test) else ast.Call(_BOOL, [node.test], [])
    if (yes, no) == (False, True):
        return negated(ast.copy_location(ast.UnaryOp(ast.Not(), node.test), node))
    return node


_BOOL = ast.Name("bool", ast.Load())
_PREDICATES = frozenset({"isinstance", "issubclass", "callable", "hasattr", "bool"})
_IDENTITY = (ast.In, ast.NotIn, ast.Is, ast.IsNot)  # comparisons Python makes a bool of


def _boolean(node: ast.expr) -> bool:
    """Whether the expression is surely a bool: `in` and `is` (whatever `__contains__`
    returns), `not`, a builtin predicate's call, `True`/`False`, an `and`/`or` of those."""
    if isinstance(node, ast.Compare):
        return all(isinstance(op, _IDENTITY) for op in node.ops)
    if isinstance(node, ast.UnaryOp):
        return isinstance(node.op, ast.Not)
    if isinstance(node, ast.Constant):
        return type(node.value) is bool
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Name) and node.func.id in _PREDICATES
    if isinstance(node, ast.BoolOp):
        return all(_boolean(value) for value in node.values)
    return False


_OPEN = ast.Name("open", ast.Load())


def _builtin(func: ast.expr) -> str | None:
    """`open` for `io.open` too: the same function since Python 3."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return "open" if (func.value.id, func.attr) == ("io", "open") else None
    return None


def _opened(call: ast.Call) -> ast.Call:
    """`open(p, "r", ...)`, `open(p, mode="rt", ...)` and `io.open(p, ...)` as `open(p, ...)`
    (not beside `*args` or `**kwargs`, which may hold a mode)."""
    args, keywords = call.args, call.keywords
    if any(isinstance(arg, ast.Starred) for arg in args) or any(k.arg is None for k in keywords):
        return call
    if len(args) == 2 and _reads(args[1]):
        args = args[:1]
    elif len(args) == 1 and any(k.arg == "mode" and _reads(k.value) for k in keywords):
        keywords = [keyword for keyword in keywords if keyword.arg != "mode"]
    elif isinstance(call.func, ast.Name):
        return call
    return ast.Call(func=_OPEN, args=args, keywords=keywords)


def _reads(mode: ast.expr) -> bool:
    return isinstance(mode, ast.Constant) and mode.value in _READ_MODES


def _members(classes: ast.expr) -> ast.expr:
    """`A | B | C` as `(A, B, C)`: what isinstance checks against either way, when each is a
    class by name (`int | None` takes `None`, which a tuple refuses)."""
    if not isinstance(classes, ast.BinOp) or not isinstance(classes.op, ast.BitOr):
        return classes
    found: list[ast.expr] = []
    for side in (classes.left, classes.right):
        member = _members(side)
        found += member.elts if isinstance(member, ast.Tuple) and side is not member else [member]
    if not all(isinstance(member, ast.Name | ast.Attribute) for member in found):
        return classes
    return ast.Tuple(elts=found, ctx=ast.Load())


def _functools_cache(func: ast.expr) -> bool:
    """`lru_cache` or `functools.lru_cache`, not another object's method of that name."""
    if isinstance(func, ast.Attribute):
        return func.attr == "lru_cache" and getattr(func.value, "id", None) == "functools"
    return isinstance(func, ast.Name) and func.id == "lru_cache"


def _native(name: str, value: ast.expr) -> bool:
    """`str("a")`: a literal of the very type the call would make."""
    return isinstance(value, ast.Constant) and type(value.value) is _NATIVE[name]


def _builtin_call(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name


DECLARED = frozenset({"NamedTuple", "TypedDict"})


def declared(statement: ast.stmt) -> ast.stmt:
    """`class P(NamedTuple): x: int` as `P = NamedTuple("P", [("x", int)])`, and a
    `TypedDict` class as its call (pyupgrade's UP014 and UP013 write the class): fields only,
    no default, method or other base; else the statement itself."""
    if not isinstance(statement, ast.ClassDef) or statement.decorator_list:
        return statement
    base = last_name(statement.bases[0]) if len(statement.bases) == 1 else None
    body = [item for item in statement.body if not _docstring(item)]
    fields = [item for item in body if isinstance(item, ast.AnnAssign) and item.value is None]
    if (
        base not in DECLARED
        or len(fields) != len(body)
        or (statement.keywords and base != "TypedDict")
    ):
        return statement
    names = [field.target.id for field in fields if isinstance(field.target, ast.Name)]
    if len(names) != len(fields):
        return statement
    pairs = [
        (ast.Constant(name), field.annotation) for name, field in zip(names, fields, strict=True)
    ]
    if base == "NamedTuple":
        table: ast.expr = ast.List([ast.Tuple([*pair], ast.Load()) for pair in pairs], ast.Load())
    else:
        table = ast.Dict(keys=[key for key, _ in pairs], values=[kind for _, kind in pairs])
    call = ast.Call(statement.bases[0], [ast.Constant(statement.name), table], statement.keywords)
    assigned = ast.Assign(targets=[ast.Name(statement.name, ast.Store())], value=call)
    return ast.copy_location(assigned, statement)


def _docstring(item: ast.stmt) -> bool:
    return isinstance(item, ast.Expr) and isinstance(item.value, ast.Constant)


def absolute(module: str | None, level: int, package: tuple[str, ...]) -> tuple[str | None, int]:
    """REVIEW-E83: the module an import names, and its level, as one spelling: a relative
    import resolved from the file's folders (`package`), and an absolute one that starts with
    one of those folders spelled from the first, so `src/idna/codec.py`'s `from .core` and
    `from idna.core` are both `src.idna.core`."""
    parts = module.split(".") if module else []
    if level and level <= len(package):
        return ".".join((*package[: len(package) - level + 1], *parts)), 0
    if not level and parts and _own(parts[0], package):
        return ".".join((*package[: package.index(parts[0])], *parts)), 0
    return module, level


_SOURCE_ROOTS = frozenset({"src", "lib", "python", "source"})  # `src/idna/codec.py`


def _own(first: str, package: tuple[str, ...]) -> bool:
    """REVIEW-E104: whether an absolute import that starts with `first` names the file's own
    package: a folder at the top of the tree, or under `src/` (or `lib/`); not a name of the
    standard library (in `app/http/server.py`, `from http.client` is the standard library's,
    `from .client` the app's), nor a folder deeper (`contrib/django/` wraps `django`)."""
    if first not in package or first in sys.stdlib_module_names:
        return False
    return all(folder in _SOURCE_ROOTS for folder in package[: package.index(first)])


# REVIEW-E9, PEP 3151: the old names of OSError, the same class since Python 3.3
_OS_ERRORS = frozenset({"IOError", "EnvironmentError", "WindowsError"})
_OS_ERROR_MODULES = frozenset({"socket", "select", "os"})  # `socket.error` and so on


def os_error(node: ast.AST) -> bool:
    """`IOError`, `socket.error` and the other old names of OSError."""
    if isinstance(node, ast.Name):
        return node.id in _OS_ERRORS and isinstance(node.ctx, ast.Load)
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "error"
        and isinstance(node.value, ast.Name)
        and node.value.id in _OS_ERROR_MODULES
    )
