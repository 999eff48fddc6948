"""Control flow written two ways, as ruff's flake8-return rules rewrite it (REVIEW-E26): an
`else` after a branch that always leaves (RET505 to RET508) holds what follows the `if`, and a
local assigned only to be returned (RET504) or raised in a new exception (EM101) is that value,
an `if` that assigns one name in either branch is a conditional expression (SIM108), as is `if
x is None: x = d` (REVIEW-E252); `m = f(); if m:` is `if m := f():`, and that `if f():` when
nothing else reads `m` (REVIEW-E253); the `else` of an `if TYPE_CHECKING:` is what runs (and
the names `typing` goes by, which that test and `pyshape` read). `noop` and `pyshape` compare
each body of statements straightened so. Pure: new nodes, the trees untouched."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from itertools import pairwise

from specflow.languages.pyexits import exits, leaves
from specflow.languages.pymodern import binds_lambda, declared
from specflow.languages.pyrename import SCOPES, reads_locals


def straightened(
    body: Sequence[ast.stmt], function: ast.AST | None, module: bool = False, fields: bool = False
) -> list[ast.stmt]:
    """`body` with the `else` of each `if` whose branch always leaves lifted after it, in
    `function`'s statements each `x = value; return x` read as `return value`, and in a
    module's a `NamedTuple` class as its call (nested in a class, its qualified name differs).
    `fields`: a class body whose annotations are read (`x: int = 1` is a field there)."""
    found: list[ast.stmt] = []
    body = body if function is None else exits(body, function)  # REVIEW-E383..E385
    for statement in map(declared, body) if module else body:
        if function is not None:  # REVIEW-E253: `m = f(); if m:`, `if m := f():`, `if f():`
            statement = _inlined(found, statement, function)
        if isinstance(statement, ast.If) and statement.orelse and type_checking(statement.test):
            _extend(found, straightened(statement.orelse, function, module, fields), function)
        elif isinstance(statement, ast.If) and (ternary := _ternary(statement, fields)):
            found.append(ternary)
        elif (function is not None or module) and (kept := _kept_else(statement)):
            found.append(kept)  # REVIEW-E252: `if v is None: v = d` is `v = d if ... else v`
        elif isinstance(statement, ast.If) and statement.orelse and leaves(statement.body):
            found.append(_without_else(statement))
            _extend(found, straightened(statement.orelse, function, module, fields), function)
        elif function is not None and found and _returns_assigned(found[-1], statement, function):
            _extend(found, [_returned(found.pop(), statement)], function)
        elif function is not None and found and (filled := _filled(found[-1], statement)):
            if _dies_with_error(function, filled[0]):  # REVIEW-E216: `d = {}; d["k"] = v`
                found[-1] = filled[1]
            else:
                _extend(found, [_nested_merged(statement)], function)
        else:
            _extend(found, [_nested_merged(statement)], function)
    return found


def _extend(
    found: list[ast.stmt], statements: Sequence[ast.stmt], function: ast.AST | None
) -> None:
    """REVIEW-E132: `if c: return x` then `return y` as `return x if c else y`, and so on up
    a chain of such `if`s."""
    for statement in statements:
        while found and isinstance(found[-1], ast.If):
            chosen = _return_chosen(found[-1], statement, function)
            if chosen is None:
                break
            found.pop()
            statement = chosen
        found.append(statement)


def _return_chosen(
    branch: ast.If, statement: ast.stmt, function: ast.AST | None
) -> ast.Return | None:
    """`if c: return x` (no `else`) then `return y`: `return x if c else y` (a bare `return`
    returns None), which tests `c` and evaluates one of them as they did; None for other
    statements."""
    if branch.orelse or type_checking(branch.test) or not isinstance(statement, ast.Return):
        return None
    body = straightened(branch.body, function)  # `x = f(); return x` returns `f()`
    if len(body) != 1:
        return None
    first = body[0]
    if not isinstance(first, ast.Return):
        return None
    values = [ast.Constant(None) if r.value is None else r.value for r in (first, statement)]
    chosen = ast.IfExp(test=branch.test, body=values[0], orelse=values[1])
    returned = ast.Return(value=chosen)
    ast.copy_location(returned, branch)
    returned.end_lineno, returned.end_col_offset = statement.end_lineno, statement.end_col_offset
    return returned


_KEYS = (str, int, bytes, bool, type(None))  # constants whose hash and equality are fixed


def _filled(before: ast.stmt, statement: ast.stmt) -> tuple[str, ast.Assign] | None:
    """REVIEW-E216: `d = {...}` (or `d = dict()`) then `d["k"] = v`, `v` not reading `d`:
    the name and `d = {..., "k": v}` (ruff's FURB or pylint's dict-literal rewrite), else
    None."""
    if not isinstance(before, ast.Assign) or not isinstance(statement, ast.Assign):
        return None
    name = _only_name(before)
    table = before.value
    if isinstance(table, ast.Call) and getattr(table.func, "id", None) == "dict":
        table = ast.Dict([], []) if not table.args and not table.keywords else table
    if name is None or not isinstance(table, ast.Dict) or None in table.keys:
        return None
    target = statement.targets[0] if len(statement.targets) == 1 else None
    if not isinstance(target, ast.Subscript) or getattr(target.value, "id", None) != name:
        return None
    key = target.slice
    if not isinstance(key, ast.Constant) or type(key.value) not in _KEYS:
        return None
    if any(_names(node, name) or reads_locals(node) for node in ast.walk(statement.value)):
        return None
    merged = ast.Dict([*table.keys, key], [*table.values, statement.value])
    assigned = ast.copy_location(ast.Assign(targets=before.targets, value=merged), before)
    assigned.end_lineno, assigned.end_col_offset = statement.end_lineno, statement.end_col_offset
    return name, assigned


def _names(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _dies_with_error(function: ast.AST, name: str) -> bool:
    """REVIEW-E216: whether an error raised while the dict is filled leaves the function
    with the name unread: no `try` or `with` in the function (which could go on and read the
    half-filled dict), no `global` or `nonlocal` of it, no function nested in it naming it."""
    for node in ast.walk(function):
        if isinstance(node, _CATCHES) or _reads_all(node, name):
            return False
        nested = node is not function and isinstance(node, _NESTED)
        if nested and any(_names(inner, name) for inner in ast.walk(node)):
            return False
    return True


_CATCHES = (ast.Try, ast.With, ast.AsyncWith, *((ast.TryStar,) if hasattr(ast, "TryStar") else ()))
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def _nested_merged(statement: ast.stmt) -> ast.stmt:
    """REVIEW-E132: `if a:` holding only `if b:`, neither with an `else`, as `if a and b:`
    (ruff's SIM102): `b` is tested only when `a` holds, as `and` does; a chain of them whole."""
    if not isinstance(statement, ast.If) or statement.orelse or len(statement.body) != 1:
        return statement
    inner = _nested_merged(statement.body[0])
    if not isinstance(inner, ast.If) or inner.orelse:
        return statement
    if type_checking(statement.test) or type_checking(inner.test):
        return statement
    tests = [*_conjuncts(statement.test), *_conjuncts(inner.test)]
    merged = ast.If(test=ast.BoolOp(op=ast.And(), values=tests), body=inner.body, orelse=[])
    ast.copy_location(merged, statement)
    merged.end_lineno, merged.end_col_offset = inner.end_lineno, inner.end_col_offset
    return merged


def _conjuncts(test: ast.expr) -> list[ast.expr]:
    """`a and b` as [a, b]; any other test as itself."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return [part for value in test.values for part in _conjuncts(value)]
    return [test]


# the names `typing` and `typing_extensions` usually go by
COMMON_TYPING_NAMES = frozenset({"t", "_t", "typing", "typing_extensions", "te", "_te"})


def typing_names(tree: ast.Module) -> frozenset[str]:
    """The names `typing` and `typing_extensions` are imported as; the usual ones when the
    parsed statements do not import them (the imports may be blanked: see `sides_lines`)."""
    names = {
        alias.asname or alias.name
        for statement in tree.body
        if isinstance(statement, ast.Import)
        for alias in statement.names
        if alias.name in ("typing", "typing_extensions")
    }
    return frozenset(names) if names else COMMON_TYPING_NAMES


def type_checking(test: ast.expr) -> bool:
    """`TYPE_CHECKING` (or `typing.TYPE_CHECKING`, `t.TYPE_CHECKING`): false whenever the code
    runs; `self.TYPE_CHECKING` is any attribute."""
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    module = getattr(test, "value", None)
    return (
        getattr(test, "attr", "") == "TYPE_CHECKING"
        and getattr(module, "id", "") in COMMON_TYPING_NAMES
    )


def _without_else(statement: ast.If) -> ast.If:
    lifted = ast.If(test=statement.test, body=statement.body, orelse=[])
    ast.copy_location(lifted, statement)
    lifted.end_lineno = statement.body[-1].end_lineno
    lifted.end_col_offset = statement.body[-1].end_col_offset
    return lifted


def _ternary(statement: ast.If, fields: bool = False) -> ast.Assign | None:
    """`if a: x = 1 else: x = 2` as `x = 1 if a else 2` (ruff's SIM108); None for another
    `if`. REVIEW-E184: either branch may be `x: T = 1`, which assigns as `x = 1` does (its
    annotation is never evaluated in a function, and `pyshape` reads a module's as an
    assignment), but in a class body whose annotations are read (`fields`): a field there."""
    if len(statement.body) != 1 or len(statement.orelse) != 1:
        return None
    first, second = (_assigned(s, fields) for s in (statement.body[0], statement.orelse[0]))
    if first is None or second is None or binds_lambda(first) or binds_lambda(second):
        return None
    if _only_name(first) is None or _only_name(first) != _only_name(second):
        return None
    chosen = ast.IfExp(test=statement.test, body=first.value, orelse=second.value)
    assigned = ast.Assign(targets=first.targets, value=chosen)
    ast.copy_location(assigned, statement)
    assigned.end_lineno, assigned.end_col_offset = second.end_lineno, second.end_col_offset
    return assigned


def _assigned(statement: ast.stmt, fields: bool) -> ast.Assign | None:
    """REVIEW-E184: an assignment, or `x: T = value` read as `x = value` (not where `x: T`
    declares a field, nor `x: T` with no value, which assigns nothing)."""
    if isinstance(statement, ast.Assign):
        return statement
    if fields or not isinstance(statement, ast.AnnAssign) or statement.value is None:
        return None
    return ast.copy_location(
        ast.Assign(targets=[statement.target], value=statement.value), statement
    )


def _only_name(assign: ast.Assign) -> str | None:
    targets = assign.targets
    return targets[0].id if len(targets) == 1 and isinstance(targets[0], ast.Name) else None


def _returns_assigned(before: ast.stmt, statement: ast.stmt, function: ast.AST) -> bool:
    """`x = value` (or `x: T = value`) then `return x` or `raise E(x)`, where that is the only
    place of the function that reads `x`."""
    name = _left_with(statement)
    if name is None:
        return False
    if isinstance(before, ast.Assign) and len(before.targets) == 1:
        target: ast.expr = before.targets[0]
    elif isinstance(before, ast.AnnAssign) and before.value is not None:
        target = before.target
    else:
        return False
    if not isinstance(target, ast.Name) or target.id != name:
        return False
    return _read_once(function, name) or _left_behind(function, name)


_TRIES = (ast.Try, *((ast.TryStar,) if hasattr(ast, "TryStar") else ()))


def _left_behind(function: ast.AST, name: str) -> bool:
    """REVIEW-E304: `x = v; return x` leaves at once, so the reads of `x` before it (a
    parameter's, `size = parse(size)`) never see its value: nothing but the `return` reads it
    when no closure or comprehension (lazy, or run later) names it, no `finally` (which runs
    after the `return`) does, and no `global`, `nonlocal` or `locals()` reads it."""
    for node in ast.walk(function):
        if node is not function and isinstance(node, SCOPES) and _mentions(node, name):
            return False
        if isinstance(node, _TRIES) and _mentions(ast.Module(node.finalbody, []), name):
            return False
        if _reads_all(node, name):
            return False
    return True


def _mentions(node: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node))


def _read_once(function: ast.AST, name: str) -> bool:
    """`name` is read in one place of the function (the `return`): no closure, `finally`,
    augmented assignment or `global` declaration reads what it held."""
    reads = 0
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and node.id == name:
            reads += not isinstance(node.ctx, ast.Store)
        elif isinstance(node, ast.AugAssign) and getattr(node.target, "id", None) == name:
            reads += 1
        elif _reads_all(node, name):
            return False
    return reads == 1


def _reads_all(node: ast.AST, name: str) -> bool:
    """A `global` or `nonlocal` declaration of `name`, or a call that reads every local."""
    if isinstance(node, ast.Global | ast.Nonlocal):
        return name in node.names
    return reads_locals(node)


def _left_with(statement: ast.stmt) -> str | None:
    """The local `return x` returns, or `raise E(x)` raises in a new `E` (REVIEW-E401: ruff's
    EM101 and EM102 assign an exception's message to a name first; `E` a plain name)."""
    left = statement.value if isinstance(statement, ast.Return) else None
    made = statement.exc if isinstance(statement, ast.Raise) else None
    if isinstance(made, ast.Call) and isinstance(made.func, ast.Name) and len(made.args) == 1:
        left = None if made.keywords else made.args[0]
    return left.id if isinstance(left, ast.Name) else None


def _returned(assigned: ast.stmt, statement: ast.stmt) -> ast.stmt:
    """`x = value; return x` as `return value`, `x = value; raise E(x)` as `raise E(value)`
    (`_returns_assigned` has checked the pair)."""
    value = assigned.value if isinstance(assigned, ast.Assign | ast.AnnAssign) else None
    returned: ast.stmt = ast.Return(value=value)
    if isinstance(statement, ast.Raise) and isinstance(statement.exc, ast.Call) and value:
        made = ast.Call(func=statement.exc.func, args=[value], keywords=[])
        returned = ast.Raise(exc=made, cause=statement.cause)
    ast.copy_location(returned, assigned)
    returned.end_lineno, returned.end_col_offset = statement.end_lineno, statement.end_col_offset
    return returned


def _first_read(test: ast.expr) -> ast.expr:
    """The operand an expression evaluates first, always: `x` of `x`, `not x`, `x is None`,
    `x + 1`, `x or y`, `x.group()`, `x[0]`, `len(x)` (a builtin's name looked up first reads
    nothing); the expression itself when none."""
    inner: ast.expr | None = None
    if isinstance(test, ast.UnaryOp):
        inner = test.operand
    elif isinstance(test, ast.Compare | ast.BinOp):
        inner = test.left
    elif isinstance(test, ast.BoolOp):
        inner = test.values[0]
    elif isinstance(test, ast.Attribute | ast.Subscript):
        inner = test.value
    elif isinstance(test, ast.Call):
        named = isinstance(test.func, ast.Name) and test.args
        inner = test.args[0] if named else test.func
    if inner is None or isinstance(inner, ast.Starred):
        return test
    return _first_read(inner)


def _with_first(test: ast.expr, value: ast.expr) -> ast.expr:
    """The expression with its first operand (`_first_read`) replaced by `value`."""
    if isinstance(test, ast.UnaryOp):
        return ast.UnaryOp(op=test.op, operand=_with_first(test.operand, value))
    if isinstance(test, ast.Compare):
        return ast.Compare(_with_first(test.left, value), test.ops, test.comparators)
    if isinstance(test, ast.BinOp):
        return ast.BinOp(_with_first(test.left, value), test.op, test.right)
    if isinstance(test, ast.BoolOp):
        return ast.BoolOp(test.op, [_with_first(test.values[0], value), *test.values[1:]])
    if isinstance(test, ast.Attribute):
        return ast.Attribute(_with_first(test.value, value), test.attr, test.ctx)
    if isinstance(test, ast.Subscript):
        return ast.Subscript(_with_first(test.value, value), test.slice, test.ctx)
    if isinstance(test, ast.Call) and test.args is not None and _first_read(test) is not test:
        if isinstance(test.func, ast.Name) and test.args:
            args = [_with_first(test.args[0], value), *test.args[1:]]
            return ast.Call(test.func, args, test.keywords)
        return ast.Call(_with_first(test.func, value), test.args, test.keywords)
    return value


def _kept_else(statement: ast.stmt) -> ast.Assign | None:
    """REVIEW-E252: `if c: x = v` (no `else`) as `x = v if c else x` (ruff's SIM108 with
    the name itself as the other value), when `c` reads `x` first, always: an unbound `x`
    raises there either way, and a bound one assigned to itself changes nothing (in a
    function or a module; a class body would copy a global into the class)."""
    if not isinstance(statement, ast.If) or statement.orelse or len(statement.body) != 1:
        return None
    assigned = statement.body[0]
    if not isinstance(assigned, ast.Assign) or type_checking(statement.test):
        return None
    name = None if binds_lambda(assigned) else _only_name(assigned)
    first = _first_read(statement.test)
    if name is None or not isinstance(first, ast.Name) or first.id != name:
        return None
    kept = ast.Name(id=name, ctx=ast.Load())
    chosen = ast.IfExp(test=statement.test, body=assigned.value, orelse=kept)
    merged = ast.copy_location(ast.Assign(targets=assigned.targets, value=chosen), statement)
    merged.end_lineno, merged.end_col_offset = assigned.end_lineno, assigned.end_col_offset
    return merged


def _inlined(found: list[ast.stmt], statement: ast.stmt, function: ast.AST) -> ast.stmt:
    """REVIEW-E253: `if (x := v):` as `x = v` (pushed on `found`) then `if x:`, the same
    binding, evaluation and test in the same order; and `x = v` (last in `found`) then an `if`
    or a `return` that evaluates `x` first, always, as that statement with `v` for `x`, when
    nothing else of the function reads `x` (a local bound for that one read)."""
    tested = _tested(statement)
    if tested is None:
        return statement
    first = _first_read(tested)
    if isinstance(first, ast.NamedExpr) and isinstance(first.target, ast.Name):
        name = first.target.id
        if _unread(function, name, None):
            return _with_tested(statement, _with_first(tested, first.value), statement)
        split = ast.Assign(targets=[ast.Name(id=name, ctx=ast.Store())], value=first.value)
        found.append(ast.copy_location(split, statement))
        return _with_tested(statement, _with_first(tested, ast.Name(name, ast.Load())), statement)
    before = found[-1] if found else None
    if not isinstance(before, ast.Assign) or not isinstance(first, ast.Name):
        return statement
    if _only_name(before) != first.id or not _unread(function, first.id, first):
        return statement
    found.pop()
    return _with_tested(statement, _with_first(tested, before.value), before)


def _tested(statement: ast.stmt) -> ast.expr | None:
    """What an `if` tests or a `return` returns (a `while` tests again: not it)."""
    if isinstance(statement, ast.If):
        return statement.test
    return statement.value if isinstance(statement, ast.Return) else None


def _with_tested(statement: ast.stmt, value: ast.expr, start: ast.stmt) -> ast.stmt:
    """The `if` or `return` with `value` tested or returned, from `start`'s line on."""
    if isinstance(statement, ast.If):
        made: ast.stmt = ast.If(test=value, body=statement.body, orelse=statement.orelse)
    else:
        made = ast.Return(value=value)
    ast.copy_location(made, start)
    made.end_lineno, made.end_col_offset = statement.end_lineno, statement.end_col_offset
    return made


def _unread(function: ast.AST, name: str, read: ast.expr | None) -> bool:
    """Whether nothing of the function but `read` reads `name`: no other read, `del`,
    augmented assignment, `global`, `nonlocal`, closure or `locals()`; a read of another
    such pair (`m = g(); if m:` again) sees only its own assignment."""
    paired = _paired(function, name)
    for node in ast.walk(function):
        if node is read or node in paired:
            continue
        if isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Store):
            return False
        if isinstance(node, ast.AugAssign) and getattr(node.target, "id", None) == name:
            return False
        if _reads_all(node, name):
            return False
    return True


def _paired(function: ast.AST, name: str) -> list[ast.expr]:
    """REVIEW-E253: the reads of `name` that an `if` or a `return` makes first, directly
    after a statement `name = value`: each reads what that statement assigned."""
    found: list[ast.expr] = []
    for node in ast.walk(function):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if not isinstance(body, list):
                continue
            for before, statement in pairwise(body):
                tested = _tested(statement) if isinstance(statement, ast.stmt) else None
                first = _first_read(tested) if tested is not None else None
                assigned = isinstance(before, ast.Assign) and _only_name(before) == name
                if assigned and isinstance(first, ast.Name) and first.id == name:
                    found.append(first)
    return found
