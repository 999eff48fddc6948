"""Python, read with its syntax tree: the names a change writes, stops writing or whose body it
changes, the hunks that change no behaviour (REVIEW-16), the classes and functions around each
hunk and the comments above it, each side parsed once by `pysource.parse_touched`: only the
top-level statements that hold a changed line (SPEED-6)."""

from __future__ import annotations

import ast
import bisect
import re
from collections.abc import Container, Iterator, Mapping, Sequence
from itertools import chain

from specflow.change import FileChange, Hunk, Line
from specflow.hunkcode import unquoted_lines
from specflow.identifiers import every_class_may_define, private
from specflow.languages import pyacts, pyreach
from specflow.languages.base import MUTATORS, WRAPPERS, FileFacts, Symbol
from specflow.languages.pyconditions import governed_blocks
from specflow.languages.pydefinitions import extent, removed_definitions, removed_symbol
from specflow.languages.pylayout import built_around, owner_at
from specflow.languages.pyproperty import as_property
from specflow.languages.pyshape import BLOCKS, FUNCTIONS
from specflow.languages.pysource import respelled, restated_lines
from specflow.languages.pytyping import declares_type
from specflow.languages.pywalk import COMPOUND_ONLY, covers_all, statements_on, touches
from specflow.noop import parsed_sides, python_hunks


def file_symbols(
    file: FileChange,
    old: bytes | None,
    new: bytes | None,
    known: Container[tuple[str, str]],
    renames: Mapping[str, str] = {},
) -> tuple[Iterator[Symbol], FileFacts]:
    """Each side parsed once, around every hunk, for every question; `renames`, the names
    the whole change renames (REVIEW-E58)."""
    old_tree, new_tree = parsed_sides(file.hunks, old, new)
    noop, unsure = python_hunks(file.hunks, old_tree, new_tree, (old, new), renames, file.path)
    live = [h for index, h in enumerate(file.hunks) if index not in noop and index not in unsure]
    restated = [restated_lines(hunk) for hunk in live]
    added = {line.number for hunk in live for line in hunk.added}.difference(
        *(n for _, n in restated)
    )
    removed = {line.number for hunk in live for line in hunk.removed}.difference(
        *(o for o, _ in restated)
    )
    old_path = file.old_path or file.path
    gone = removed_definitions(old_tree, removed, new_tree)
    stopped = chain(
        symbols(old_path, old, old_tree, removed, "unwrite", known),
        pyreach.unread_attributes(old_path, live),
    )
    found = chain(
        symbols(file.path, new, new_tree, added, "write", known),
        (removed_symbol(node, old_path, old_tree) for node, _, _ in gone),
        # what a definition removed whole wrote or read goes with it: its users are asked about
        (s for s in stopped if not any(first <= s.line <= last for _, first, last in gone)),
    )
    sides = ((old_tree, old), (new_tree, new))  # REVIEW-E190: `gettz = __get_gettz()`
    enclosing = {
        index: built_around(
            as_property(_hunk_enclosing(hunk, old_tree, new_tree), sides[bool(hunk.added)][0]),
            *sides[bool(hunk.added)],
        )
        for index, hunk in enumerate(file.hunks)
        if (new_tree if hunk.added else old_tree) is not None
    }
    governed = governed_blocks(file.hunks, noop, (old_tree, new_tree), new)
    acts = pyacts.shown(file.hunks, (i for i in enclosing if i not in noop), old_tree, new_tree)
    return found, FileFacts(noop, enclosing, _comments_above(file, new), governed, unsure, acts)


ABOVE = 3  # lines: git's own context


def _comments_above(file: FileChange, new: bytes | None) -> dict[int, str]:
    """The comment lines among the few just above each hunk's first added line: a comment that
    names a requirement governs the line under it, changed or not."""
    if new is None:
        return {}
    lines = new.split(b"\n")
    found: dict[int, str] = {}
    for index, hunk in enumerate(file.hunks):
        if not hunk.added:
            continue
        first = hunk.added[0].number
        above = lines[max(0, first - 1 - ABOVE) : max(0, first - 1)]
        # CHECK-E58: not one inside a block deeper than the change, which has closed above it
        code = next((line.text for line in hunk.added if line.text.strip()), "")
        depth = len(code) - len(code.lstrip())
        comments = [
            line
            for line in above
            if line.lstrip().startswith(b"#") and len(line) - len(line.lstrip()) <= depth
        ]
        if comments:
            found[index] = b"\n".join(comments).decode("utf-8", "replace")
    return found


def _hunk_enclosing(
    hunk: Hunk, old_tree: ast.Module | None, new_tree: ast.Module | None
) -> tuple[str, ...]:
    """The classes and functions around the hunk's changed lines (its added lines in the new
    file, else its removed lines in the old one), outermost first."""
    tree, lines = _changed_lines(hunk, old_tree, new_tree)
    lines = unquoted_lines(hunk, lines)  # REVIEW-E226: a docstring's quotes alone, no change
    if tree is None or not lines:
        return ()
    names: dict[str, None] = {}
    for line in (lines[0].number, lines[-1].number):
        body: list[ast.stmt] = tree.body
        in_function = False
        while True:
            node = next((n for n in body if _holds(n, line)), None)
            # into a module's or class's `if`, `try` or `with` too: `if sys.platform ==
            # "win32": ... else: class UnixFileLock` (tox-dev/filelock); a function's own
            # branches are the function
            if node is None or not isinstance(node, COMPOUND_ONLY + FUNCTIONS):
                break
            if _defines(node):
                names[node.name] = None  # type: ignore[attr-defined]
                in_function = isinstance(node, FUNCTIONS)
            elif in_function:
                break
            body = [s for block in _blocks(node) for s in block]
    return tuple(names)


def _changed_lines(
    hunk: Hunk, old_tree: ast.Module | None, new_tree: ast.Module | None
) -> tuple[ast.Module | None, tuple[Line, ...]]:
    """The hunk's added lines in the new file, else its removed ones in the old; those only
    respelled in other quotes apart (REVIEW-E305: `['x']` as `["x"]` changes nothing)."""
    quoted_again = respelled(hunk, 1), respelled(hunk, 0)  # once a hunk: SPEED-21
    added = tuple(line for line in hunk.added if line.number not in quoted_again[0])
    removed = tuple(line for line in hunk.removed if line.number not in quoted_again[1])
    if added or (hunk.added and not removed):
        return new_tree, added or hunk.added
    return old_tree, removed or hunk.removed


def _blocks(node: ast.stmt) -> Iterator[list[ast.stmt]]:
    for field in BLOCKS:
        for item in getattr(node, field, None) or ():
            yield [item] if isinstance(item, ast.stmt) else item.body


def _defines(node: ast.stmt) -> bool:
    return isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)


def _holds(node: ast.stmt, line: int) -> bool:
    first, last = extent(node)
    return first <= line <= last


def symbols(
    path: str,
    source: bytes | None,
    tree: ast.Module | None,
    lines: set[int],
    kind: str,
    known: Container[tuple[str, str]] = (),
) -> Iterator[Symbol]:
    if source is None or tree is None or not lines:
        return
    ordered = sorted(lines)
    calls = _mutating_calls(source)
    classes = pyreach.class_ranges(tree)
    # the module, then each function on the lines, in order, and whether it is nested
    scopes: list[tuple[ast.AST, bool]] = [(tree, False)]
    while scopes:
        scope, nested = scopes.pop()
        statements = list(statements_on(scope, ordered))
        scopes += reversed(  # REVIEW-E105: a nested class's method is no closure
            [
                (s, scope is not tree and not pyreach.class_between(classes, scope, s))
                for s in statements
                if type(s) in _FUNCTION_TYPES
            ]
        )
        locals_ = {} if scope is tree else _local_values(scope, statements, ordered)
        function = getattr(scope, "name", "")
        if function and kind == "write" and touches(scope, ordered, body_only=True):
            line = scope.lineno  # type: ignore[attr-defined]
            owner = owner_at(classes, line)
            reach = pyreach.function_reach(bool(owner), nested)
            if nested and not (private(function) or every_class_may_define(function)):
                owner = ""  # REVIEW-E21, E25, E116 ask for a method's; a closure has none
            yield Symbol(function, "function", path, line, owner=owner, reach=reach)
            if function in CONSTRUCTORS and owner and _constructs_otherwise(scope, ordered):
                yield Symbol(owner, "function", path, line)  # REVIEW-E33: `Pool(10)` runs it
        for node in _candidates(statements, ordered, calls):
            for name in _written_names(node, bool(function), locals_):
                if (name, kind) in known:
                    continue  # the first write of a name is the one kept: skip its producers
                producers = tuple(_producers(_value_of(node), locals_, 3))
                line = node.lineno  # type: ignore[attr-defined]
                around = owner_at(classes, line)
                reach = pyreach.write_reach(node, name, function, nested, bool(around))
                # REVIEW-E21: a mangled name is its class's; REVIEW-E410: so is `self.name`
                owned = private(name) or (function and pyreach.through_self(node, name))
                owner = around if owned else ""
                last = getattr(node, "end_lineno", None) or line
                yield Symbol(name, kind, path, line, function, producers, owner, reach, last)


# --- the statements that hold a changed line, walked ------------------------------------------

# A tree from `ast.parse` holds these classes themselves, never subclasses: a set look-up
# decides as `isinstance` would, where a large change asks it about every statement.
_FUNCTION_TYPES = frozenset(FUNCTIONS)
_WRITERS = frozenset({ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Call})
_MUTATING_CALL = re.compile(rb"\.\s*(?:" + "|".join(sorted(MUTATORS)).encode() + rb")\s*\(")


def _candidates(
    statements: list[ast.stmt], lines: Sequence[int], calls: list[tuple[int, int]]
) -> Iterator[ast.AST]:
    """The statements of a scope on `lines` but nested functions, and the calls in them when a
    mutating method is called there (`seen.add(key)` writes `seen`)."""
    for statement in statements:
        if type(statement) in _FUNCTION_TYPES:
            continue
        yield statement
        if calls and _has_call(calls, statement.lineno, _header_end(statement)):
            yield from _calls(statement, lines)


def _mutating_calls(source: bytes) -> list[tuple[int, int]]:
    """The first and last line of each mutating method call in the source (`.add(`), in order."""
    spans = []
    line, at = 1, 0
    for match in _MUTATING_CALL.finditer(source):
        line += source.count(b"\n", at, match.start())
        at = match.start()
        spans.append((line, line + source.count(b"\n", at, match.end())))
    return spans


def _has_call(calls: list[tuple[int, int]], first: int, last: int) -> bool:
    """Whether one of `calls` lies within lines `first` to `last`. A call starts with the only
    dot in it, so calls never overlap, and the first one from `first` on ends first."""
    at = bisect.bisect_left(calls, (first, 0))
    return at < len(calls) and calls[at][1] <= last


def _header_end(statement: ast.stmt) -> int:
    """The last line of a statement that is not in its body (all of a simple statement)."""
    body = getattr(statement, "body", None)
    if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
        return max(statement.lineno, body[0].lineno - 1)
    return statement.end_lineno or statement.lineno


def _calls(statement: ast.stmt, lines: Sequence[int]) -> Iterator[ast.Call]:
    """The calls on `lines` in the statement's own expressions (not in its body or lambdas)."""
    stack: list[ast.AST] = [
        node
        for field, value in ast.iter_fields(statement)
        if field not in BLOCKS
        for node in (value if isinstance(value, list) else [value])
        if isinstance(node, ast.AST)
    ]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Lambda, ast.stmt)) or (
            hasattr(node, "lineno") and not touches(node, lines)
        ):
            continue  # a node's children lie within its lines
        if isinstance(node, ast.Call):
            yield node
        stack.extend(ast.iter_child_nodes(node))


# a parameter's value, unknown: one node for all, never changed (making one costs a microsecond,
# and a large change has tens of thousands of parameters)
_UNKNOWN = ast.Constant(None)


# REVIEW-E33: the methods the call of a class runs, whose callers name the class
CONSTRUCTORS = frozenset({"__init__", "__new__", "__post_init__"})


def _constructs_otherwise(node: ast.AST, lines: Sequence[int]) -> bool:
    """Whether the change touches what a constructor raises, which its callers catch (one that
    stores other values ripples through the readers of what it stores; a new parameter, on
    labelled history, through no caller that had to change)."""
    return any(isinstance(each, ast.Raise) and touches(each, lines) for each in ast.walk(node))


def _written_names(node: ast.AST, in_function: bool, locals_: dict[str, ast.expr]) -> list[str]:
    if type(node) not in _WRITERS or declares_type(node):  # most statements write nothing
        return []
    if isinstance(node, ast.Assign):
        return [n for target in node.targets for n in _target_names(target, in_function, locals_)]
    if (
        isinstance(node, (ast.AugAssign, ast.AnnAssign))
        and getattr(node, "value", None) is not None
    ):
        return _target_names(node.target, in_function, locals_)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        owner = node.func.value
        if node.func.attr in MUTATORS and isinstance(owner, (ast.Name, ast.Attribute)):
            return _target_names(owner, in_function, locals_, mutated=True)
    return []


def _target_names(
    target: ast.expr, in_function: bool, locals_: dict[str, ast.expr], mutated: bool = False
) -> list[str]:
    if isinstance(target, ast.Attribute):
        return [target.attr]
    if isinstance(target, ast.Name):
        shared = not in_function or (mutated and target.id not in locals_)
        return [target.id] if shared else []
    if isinstance(target, ast.Subscript):
        return _target_names(target.value, in_function, locals_, mutated=True)
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for element in target.elts for n in _target_names(element, in_function, locals_)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value, in_function, locals_)
    return []


def _value_of(node: ast.AST) -> ast.expr | None:
    if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
        return node.value
    if isinstance(node, ast.Call):
        return node.args[-1] if node.args else None
    return None


def _local_values(
    scope: ast.AST, touched: list[ast.stmt], lines: Sequence[int]
) -> dict[str, ast.expr]:
    """Each local name's first assigned value (`hashed = bcrypt.hashpw(...)` is what a later
    `hashed = hashed.decode()` builds on), and the parameters, whose values are unknown.
    `touched`: the statements of the scope on `lines`, all of them when they cover it."""
    values: dict[str, ast.expr] = {}
    shared: set[str] = set()  # REVIEW-E16: a name declared `global` or `nonlocal` is no local
    for node in touched if covers_all(scope, lines) else statements_on(scope):
        if type(node) in (ast.Global, ast.Nonlocal):
            shared.update(node.names)  # type: ignore[attr-defined]
        elif type(node) is ast.Assign:
            for target in node.targets:
                for name, value in _unpacked(target, node.value):
                    values.setdefault(name, value)
        elif type(node) in pyreach.BINDERS:  # `found: set[int] = set()`, `for x in`, `as f`
            for name in pyreach.bound(node):
                values.setdefault(name, getattr(node, "value", None) or _UNKNOWN)
    if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
        arguments = scope.args  # `*args` and `**kwargs` too: each call's own, never the caller's
        starred = [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
        for arg in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, *starred):
            values.setdefault(arg.arg, _UNKNOWN)
    for name in shared:
        values.pop(name, None)
    return values


def _unpacked(target: ast.expr, value: ast.expr) -> Iterator[tuple[str, ast.expr]]:
    """REVIEW-E16: the plain names an assignment binds, each with its value when the sides
    pair up (`text, parent = a, []`), or an unknown one (`a, *rest = row`)."""
    if isinstance(target, ast.Name):
        yield target.id, value
    elif isinstance(target, ast.Starred):
        yield from _unpacked(target.value, _UNKNOWN)
    elif isinstance(target, (ast.Tuple, ast.List)):
        values: list[ast.expr] = [_UNKNOWN] * len(target.elts)
        if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(values):
            starred = any(isinstance(e, ast.Starred) for e in (*value.elts, *target.elts))
            values = values if starred else value.elts
        for element, each in zip(target.elts, values, strict=True):
            yield from _unpacked(element, each)


def _producers(value: ast.expr | None, locals_: dict[str, ast.expr], depth: int) -> Iterator[str]:
    """The outermost calls that compute `value`, following local variables a few steps:
    `hashed.decode()` with `hashed = bcrypt.hashpw(...)` is produced by `bcrypt.hashpw`, and a
    method called on a call's result by that call (`hashlib.md5(p).hexdigest()`: `hashlib.md5`)."""
    if value is None or depth == 0:
        return
    if isinstance(value, ast.Call) and _dotted(value.func) in WRAPPERS and value.args:
        # `staticmethod(hashlib.sha256)` is produced by what it wraps, not by the wrapper
        inner = value.args[0]
        name = _dotted(inner)
        if name and not isinstance(inner, ast.Call):
            yield name
        else:
            yield from _producers(inner, locals_, depth - 1)
        return
    if isinstance(value, ast.Call):
        func = value.func
        base = func.value if isinstance(func, ast.Attribute) else None
        if isinstance(base, ast.Name) and base.id in locals_:
            yield from _producers(locals_[base.id], locals_, depth - 1)
        elif isinstance(base, ast.Call):  # `hashlib.md5(...).hexdigest()`: the digest decides
            yield from _producers(base, locals_, depth)
        elif name := _dotted(func):
            yield name
        return
    if isinstance(value, ast.Name) and value.id in locals_:
        yield from _producers(locals_[value.id], locals_, depth - 1)
        return
    for child in ast.iter_child_nodes(value):
        if isinstance(child, ast.expr):
            yield from _producers(child, locals_, depth - 1)


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else node.attr
    return ""
