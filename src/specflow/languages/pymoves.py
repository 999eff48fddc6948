"""Functions and classes a change moves, unchanged, to another place of their module or class
(REVIEW-E30, REVIEW-E209), and functions to another place of the function holding them
(REVIEW-E254). Pure: the hunks and the two files' text in, each side's `def` or
`class` lines of the moved definitions out."""

from __future__ import annotations

import ast
import builtins
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from specflow.change import Hunk, Line
from specflow.languages.pymodern import named_lambda
from specflow.languages.pyrename import reads_locals

Moved = tuple[frozenset[int], frozenset[int]]  # the `def` line of each moved function, by side
Same = Callable[[ast.stmt, ast.stmt, str], bool]  # two functions the same in a "module" or "class"
NONE_MOVED: Moved = (frozenset(), frozenset())

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_DEFINITIONS = (*_FUNCTIONS, ast.ClassDef)
_DEF = re.compile(
    r"[ \t]*(?:(?:async[ \t]+)?def|class)[ \t]+(\w+)"
    r"|[ \t]*(\w+)[ \t]*=[ \t]*lambda\b"  # REVIEW-E356: a function as E731 spells it
)


def moved_functions(
    hunks: Sequence[Hunk], sources: tuple[bytes | None, bytes | None], same: Same
) -> Moved:
    """The functions and classes whose `def` or `class` line the hunks remove at one place of
    a module or class body and add at another of the same body (git may keep some of their
    lines as context, paired with another's: REVIEW-E209), the same as `same` reads them, when
    the move cannot change what runs (`_harmless`)."""
    names = _moving(hunks)
    if not (names or _lines_moved(hunks)) or sources[0] is None or sources[1] is None:
        return NONE_MOVED
    try:
        trees = ast.parse(sources[0]), ast.parse(sources[1])
    except (SyntaxError, ValueError):
        return NONE_MOVED
    for tree in trees:  # REVIEW-E356: `f = lambda a: e` is `def f(a): return e` (REVIEW-E217)
        _as_functions(tree, sources)
    removed = {line.number for hunk in hunks for line in hunk.removed}
    added = {line.number for hunk in hunks for line in hunk.added}
    new_bodies = dict(_bodies(trees[1].body, ()))
    lazy = _lazy_annotations(trees[0]) and _lazy_annotations(trees[1])
    old_lines: set[int] = set()
    new_lines: set[int] = set()
    for place, old_body in _bodies(trees[0].body, ()):
        new_body = new_bodies.get(place, [])
        where = "function" if place and place[-1].endswith("()") else "class" if place else "module"
        inside = where == "function"  # REVIEW-E254: git may move what the `def` moves past
        for name in names | (_nested(old_body) if inside else set()):
            one, other = _only(old_body, name), _only(new_body, name)
            if one is None or other is None:
                continue
            if inside and not _passed_over((one, other), (old_body, new_body)):
                continue  # where it was
            if not inside and not (_first(one) in removed and _first(other) in added):
                continue  # REVIEW-E209: lines of it that git pairs with another's stay
            harmless = _harmless_inside if where == "function" else _harmless
            if same(one, other, where) and harmless((one, other), (old_body, new_body), lazy):
                old_lines.add(one.lineno)
                new_lines.add(other.lineno)
    return frozenset(old_lines), frozenset(new_lines)


_DEFINING = ("def", "class", "lambda")


def _as_functions(tree: ast.Module, sources: tuple[bytes | None, bytes | None]) -> None:
    """REVIEW-E356: each body's `f = lambda ...` replaced, in place, by the `def` REVIEW-E217
    reads it as, so that one moved and rewritten as a `def` (ruff's E731) is a move."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
            body[:] = [named_lambda(statement, sources) for statement in body]
        stack.extend(s for s in body or () if isinstance(s, _DEFINITIONS))


def _moving(hunks: Sequence[Hunk]) -> set[str]:
    """The names of the definitions whose `def` or `class` line the hunks remove at one place
    and add at another: in another hunk, or across lines the hunk keeps (a hunk that rewrites
    functions where they stand moves none)."""
    removed = dict(_defined(hunks, "removed"))
    added = dict(_defined(hunks, "added"))
    return {name for name in removed.keys() & added.keys() if removed[name] != added[name]}


def _lines_moved(hunks: Sequence[Hunk]) -> bool:
    """REVIEW-E254: a line the hunks remove and add again (a statement moved past a `def`)."""
    removed = {line.text.strip() for hunk in hunks for line in hunk.removed} - {""}
    return any(line.text.strip() in removed for hunk in hunks for line in hunk.added)


def _nested(body: list[ast.stmt]) -> set[str]:
    """REVIEW-E254: the functions a function's body defines, undecorated."""
    return {s.name for s in body if isinstance(s, _FUNCTIONS) and not s.decorator_list}


def _defined(hunks: Sequence[Hunk], side: str) -> Iterator[tuple[str, tuple[int, int]]]:
    """The name of each function whose `def` line the hunks remove (or add), with where it
    stands: its hunk, and how many lines the hunk keeps before it (a fast look first)."""
    for index, hunk in enumerate(hunks):
        lines: tuple[Line, ...] = getattr(hunk, side)
        start = hunk.old_start if side == "removed" else hunk.new_start
        for count, line in enumerate(lines):
            text = line.text
            if any(w in text for w in _DEFINING) and (match := _DEF.match(text)) is not None:
                yield match.group(1) or match.group(2), (index, line.number - start - count)


def _bodies(
    body: list[ast.stmt], place: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], list[ast.stmt]]]:
    """The module's body, each class's and each function's (REVIEW-E254: a function's name
    ends with `()`), by the names of the definitions around it; one defined twice in one body
    is left out (which one is which cannot be told)."""
    yield place, body
    defined = Counter(s.name for s in body if isinstance(s, _DEFINITIONS))
    for statement in body:
        if isinstance(statement, _DEFINITIONS) and defined[statement.name] == 1:
            inner = statement.name + ("()" if isinstance(statement, _FUNCTIONS) else "")
            yield from _bodies(statement.body, (*place, inner))


def _only(body: list[ast.stmt], name: str) -> ast.stmt | None:
    """The one undecorated function or class (REVIEW-E209) of the body called `name`, when
    nothing else there binds the name (a second binding makes the order decide which one
    wins)."""
    found = [s for s in body if isinstance(s, _DEFINITIONS) and s.name == name]
    if len(found) != 1 or found[0].decorator_list:
        return None
    others = (s for s in body if s is not found[0])
    return None if any(name in _bound(s) for s in others) else found[0]


def _first(definition: ast.stmt) -> int:
    """The `def` or `class` line (its decorators, if any, are above it)."""
    return definition.lineno


def _lazy_annotations(tree: ast.Module) -> bool:
    """`from __future__ import annotations`: a function's annotations are not evaluated when
    it is defined."""
    return any(
        isinstance(s, ast.ImportFrom)
        and s.module == "__future__"
        and any(alias.name == "annotations" for alias in s.names)
        for s in tree.body
    )


def _harmless(
    functions: tuple[ast.stmt, ast.stmt], bodies: tuple[list[ast.stmt], list[ast.stmt]], lazy: bool
) -> bool:
    """Whether the move changes nothing that runs when the body runs: no statement it moves
    past reads the definition's name or calls a function or class of the body (which might
    call it), what the definition evaluates when defined (its defaults, and its annotations
    unless they are lazy; a class's bases and body) reads no name those statements bind and
    calls no function or class of the body, and a class that runs code when defined (a base,
    a keyword) moves past no statement that calls and no class of one of its bases."""
    passed = _passed_over(functions, bodies)
    name = getattr(functions[0], "name", "")
    local = {s.name for body in bodies for s in body if isinstance(s, _DEFINITIONS)}
    hooks = _subclass_hooks(bodies)
    own = list(_run_when_defined(functions[0], lazy))
    if local & _called(own, hooks) or not _orderless(functions[0], passed, lazy, local - hooks):
        return False  # REVIEW-E209
    for statement in passed:
        nodes = list(_run_when_defined(statement, lazy))
        if name in _names(nodes) or local & _called(nodes, hooks):
            return False
    bound = set().union(*(_bound(s) for s in passed))
    return not bound & _names(own) and not any(_interfere(own, s, lazy) for s in passed)


def _harmless_inside(
    functions: tuple[ast.stmt, ast.stmt], bodies: tuple[list[ast.stmt], list[ast.stmt]], lazy: bool
) -> bool:
    """REVIEW-E254: a function moved inside the body of another only binds a local name: the
    move changes nothing when no statement it moves past names it or reads every local
    (`locals()`, `eval`), none binds a name its decorators, defaults or annotations read,
    these call nothing but builtins that build a value, and no other function or lambda of
    the body (which a statement moved past may call) names it."""
    passed = _passed_over(functions, bodies)
    name = getattr(functions[0], "name", "")
    own = list(_run_when_defined(functions[0], lazy))
    if _mutates(own) or set().union(*(_bound(s) for s in passed)) & _names(own):
        return False
    for statement in passed:
        nodes = list(_run_when_defined(statement, lazy))
        if name in _names(nodes) or any(reads_locals(node) for node in nodes):
            return False
    reached = _reached(passed, bodies, lazy)
    for body in bodies:
        for node in (n for s in body for n in ast.walk(s) if isinstance(n, _NESTED)):
            if node in functions or (isinstance(node, _FUNCTIONS) and node.name not in reached):
                continue  # REVIEW-E356: a function no statement moved past can call
            inside = list(ast.walk(node))
            if name in _names(inside) or any(reads_locals(n) for n in inside):
                return False  # REVIEW-E356: `eval("convert(1)")` names it in a string
    return True


def _reached(passed: list[ast.stmt], bodies: tuple[list[ast.stmt], ...], lazy: bool) -> set[str]:
    """REVIEW-E356: the names the statements moved past read, every name the bodies read
    other than to call it (a function stored or passed on, `self.cb = g`, may run from
    anywhere), and those the body's functions and classes so reached read in turn; with a
    lambda or a definition nested deeper, every function of the bodies (any may call it)."""
    nested = [n for body in bodies for s in body for n in ast.walk(s) if isinstance(n, _NESTED)]
    top = {id(s) for body in bodies for s in body}
    if any(id(node) not in top for node in nested):
        return {getattr(node, "name", "") for node in nested}
    reached = _names([n for s in passed for n in _run_when_defined(s, lazy)])
    every = [n for body in bodies for s in body for n in ast.walk(s)]
    calls = {id(n.func) for n in every if isinstance(n, ast.Call)}
    reached |= {n.id for n in every if isinstance(n, ast.Name) and id(n) not in calls}
    grown = True
    while grown:
        more = {
            n for node in nested if getattr(node, "name", "") in reached
            for n in _names(list(ast.walk(node)))
        }  # fmt: skip
        grown = bool(more - reached)
        reached |= more
    return reached


_NESTED = (*_FUNCTIONS, ast.Lambda, ast.ClassDef)


def _interfere(own: list[ast.AST], statement: ast.stmt, lazy: bool) -> bool:
    """REVIEW-E209: one of the two changes what the other reads when the body runs: it calls
    something other than a builtin that only builds a value, or stores into an item or an
    attribute, and the other reads a name it reads (`ORDER.append(1)` and `N = len(ORDER)`)."""
    other = list(_run_when_defined(statement, lazy))
    return bool(
        (_mutates(other) and _names(other) & _names(own))
        or (_mutates(own) and _names(own) & _names(other))
    )


_PURE = frozenset(dir(builtins)) - {
    "exec", "eval", "setattr", "delattr", "globals", "locals", "vars", "__import__",
    "next", "iter", "print", "input", "open", "breakpoint", "compile",
}  # fmt: skip


def _mutates(nodes: list[ast.AST]) -> bool:
    for node in nodes:
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) not in _PURE:
            return True
        if isinstance(node, ast.AugAssign | ast.Delete):
            return True
        if isinstance(node, ast.Subscript | ast.Attribute) and not isinstance(node.ctx, ast.Load):
            return True
    return False


def _orderless(moved: ast.stmt, passed: list[ast.stmt], lazy: bool, plain: set[str]) -> bool:
    """REVIEW-E209: a class with bases or keywords (whose `__init_subclass__`, metaclass or
    registry may run) moves past no statement but definitions that call nothing, and past no
    class of one of its bases (the order they are subclassed in may be seen) but a `plain`
    one: a class of the body whose subclassing runs none of its code."""
    if not isinstance(moved, ast.ClassDef) or not (moved.bases or moved.keywords):
        return True
    bases = {ast.dump(base) for base in moved.bases if getattr(base, "id", None) not in plain}
    for statement in passed:
        if isinstance(statement, ast.ClassDef):
            if bases & {ast.dump(base) for base in statement.bases}:
                return False
        elif not isinstance(statement, _FUNCTIONS) or any(
            isinstance(node, ast.Call) for node in _run_when_defined(statement, lazy)
        ):
            return False
    return True


def _subclass_hooks(bodies: tuple[list[ast.stmt], list[ast.stmt]]) -> set[str]:
    """REVIEW-E209: the classes of the bodies whose subclassing runs code of theirs: one with
    keywords (a metaclass), one defining `__init_subclass__`, and a subclass of one."""
    classes = {s.name: s for body in bodies for s in body if isinstance(s, ast.ClassDef)}
    hooks = {
        name
        for name, node in classes.items()
        if node.keywords or any(getattr(s, "name", "") == "__init_subclass__" for s in node.body)
    }
    grown = True
    while grown:
        more = {n for n, c in classes.items() if _names(list(c.bases)) & hooks}
        grown = bool(more - hooks)
        hooks |= more
    return hooks


def _passed_over(
    functions: tuple[ast.stmt, ast.stmt], bodies: tuple[list[ast.stmt], list[ast.stmt]]
) -> list[ast.stmt]:
    """The statements before the function on one side and not before it on the other (those
    other hunks change count too: they are looked at whatever their place)."""
    before = [
        Counter(ast.dump(s) for s in body[: body.index(function)])
        for function, body in zip(functions, bodies, strict=True)
    ]
    differ = (before[0] - before[1]) + (before[1] - before[0])
    return [s for body in bodies for s in body if s not in functions and ast.dump(s) in differ]


def _run_when_defined(node: ast.AST, lazy: bool) -> Iterator[ast.AST]:
    """The nodes of `node` that run when the body holding it runs: for a function, only its
    decorators, defaults and (unless `lazy`) annotations, never its body."""
    yield node
    if isinstance(node, _FUNCTIONS):
        arguments = node.args
        parts: list[ast.AST] = [
            *node.decorator_list,
            *arguments.defaults,
            *(d for d in arguments.kw_defaults if d is not None),
        ]
        if not lazy:
            every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
            every += [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
            parts += [a.annotation for a in every if a.annotation is not None]
            parts += [node.returns] if node.returns is not None else []
        for part in parts:
            yield from _run_when_defined(part, lazy)
        return
    for child in ast.iter_child_nodes(node):
        yield from _run_when_defined(child, lazy)


def _names(nodes: list[ast.AST]) -> set[str]:
    return {node.id for node in nodes if isinstance(node, ast.Name)}


def _called(nodes: list[ast.AST], hooks: set[str]) -> set[str]:
    """The names called when the body runs: calls, decorators, the keywords of a class, and
    its bases whose subclassing runs their code (`hooks`: REVIEW-E209; a base's
    `__init_subclass__` or metaclass runs)."""
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            found.add(node.func.id)
        elif isinstance(node, _DEFINITIONS):
            parts = [*node.decorator_list]
            if isinstance(node, ast.ClassDef):
                parts += [k.value for k in node.keywords]
                found |= _names(list(node.bases)) & hooks
            found |= _names([n for part in parts for n in ast.walk(part)])
    return found


def _bound(statement: ast.stmt) -> set[str]:
    """The names a statement of a module or class body binds there."""
    found: set[str] = set()
    for node in _run_when_defined(statement, lazy=True):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            found.add(node.id)
        elif isinstance(node, (*_FUNCTIONS, ast.ClassDef)):
            found.add(node.name)
        elif isinstance(node, ast.alias):
            found.add((node.asname or node.name).split(".")[0])
    return found


bound = _bound  # REVIEW-E357: what binds a moved constant's name, and what a statement runs
run_when_defined = _run_when_defined
