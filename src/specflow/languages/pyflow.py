"""Control flow written two ways, as ruff's flake8-return rules rewrite it (REVIEW-E26): an
`else` after a branch that always leaves (RET505 to RET508) holds what follows the `if`, and a
local assigned only to be returned (RET504) is the value returned, an `if` that assigns one
name in either branch is a conditional expression (SIM108); the `else` of an
`if TYPE_CHECKING:` is what runs (and the names `typing` goes by, which that test and
`pyshape` read). `noop` and `pyshape` read each body of statements straightened so before
comparing it. Pure: new nodes, the trees untouched."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from specflow.languages.pymodern import declared
from specflow.languages.pyrename import reads_locals

_LEAVES = (ast.Return, ast.Raise, ast.Continue, ast.Break)


def straightened(
    body: Sequence[ast.stmt], function: ast.AST | None, module: bool = False, fields: bool = False
) -> list[ast.stmt]:
    """`body` with the `else` of each `if` whose branch always leaves lifted after it, in
    `function`'s statements each `x = value; return x` read as `return value`, and in a
    module's a `NamedTuple` class as its call (nested in a class, its qualified name differs).
    `fields`: a class body whose annotations are read (`x: int = 1` is a field there)."""
    found: list[ast.stmt] = []
    for statement in map(declared, body) if module else body:
        if isinstance(statement, ast.If) and statement.orelse and type_checking(statement.test):
            _extend(found, straightened(statement.orelse, function, module, fields), function)
        elif isinstance(statement, ast.If) and (ternary := _ternary(statement, fields)):
            found.append(ternary)
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


def leaves(body: Sequence[ast.stmt]) -> bool:
    """Whether the statements always return, raise, continue or break: the last does, or is
    an `if` whose every branch does."""
    last = body[-1] if body else None
    if isinstance(last, ast.If):
        return bool(last.orelse) and leaves(last.body) and leaves(last.orelse)
    return isinstance(last, _LEAVES)


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
    if first is None or second is None:
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
    """`x = value` (or `x: T = value`) then `return x`, where the `return` is the only place
    of the function that reads `x`."""
    if not isinstance(statement, ast.Return) or not isinstance(statement.value, ast.Name):
        return False
    name = statement.value.id
    if isinstance(before, ast.Assign) and len(before.targets) == 1:
        target: ast.expr = before.targets[0]
    elif isinstance(before, ast.AnnAssign) and before.value is not None:
        target = before.target
    else:
        return False
    return isinstance(target, ast.Name) and target.id == name and _read_once(function, name)


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


def _returned(assigned: ast.stmt, statement: ast.stmt) -> ast.Return:
    """`x = value; return x` as `return value` (`_returns_assigned` has checked the pair)."""
    value = assigned.value if isinstance(assigned, ast.Assign | ast.AnnAssign) else None
    returned = ast.Return(value=value)
    ast.copy_location(returned, assigned)
    returned.end_lineno, returned.end_col_offset = statement.end_lineno, statement.end_col_offset
    return returned
