"""Each binding of a function's names, named by its place: a loop variable split in two
(`for name in ...: name = spec or name` to `attr_name` and `hook_name`, ruff's PLW2901) is the
same function (REVIEW-E11). A load that more than one binding may reach (after a branch or a
loop that rebinds the name) keeps the name as it is written, on both sides. Pure."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator

from specflow.languages.pyrename import reads_locals

Key = tuple[str, int, int]  # a name where it is written: its text, line and column
_UNSURE = ""  # a binding that more than one assignment may have made
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def key(node: ast.Name | ast.ExceptHandler) -> Key:
    name = node.id if isinstance(node, ast.Name) else node.name or ""
    return name, node.lineno, node.col_offset


class _Walk:
    """One pass over a function's body in the order it runs, each name's binding in force."""

    def __init__(self, parameters: list[str]) -> None:
        self.bound: dict[str, str] = {name: name for name in parameters}
        self.named: dict[Key, str] = {}
        self.unsure: set[str] = set()
        self.count = 0

    def load(self, node: ast.Name | ast.ExceptHandler, name: str) -> None:
        binding = self.bound.get(name)
        if binding is None:
            return  # a global or a builtin: written as it is
        if binding == _UNSURE:
            self.unsure.add(name)
        self.named[key(node)] = binding

    def store(self, node: ast.Name | ast.ExceptHandler, name: str) -> None:
        self.count += 1
        self.bound[name] = self.named[key(node)] = f"binding {self.count}"

    def expression(self, node: ast.AST | None) -> None:
        if node is None:
            return
        if isinstance(node, (*_SCOPES, *_COMPREHENSIONS)):
            self.unsure.update(n.id for n in ast.walk(node) if isinstance(n, ast.Name))
            return
        if isinstance(node, ast.NamedExpr):
            self.expression(node.value)
            self.expression(node.target)
            return
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                self.load(node, node.id)
            elif isinstance(node.ctx, ast.Store):
                self.store(node, node.id)
            else:
                self.unsure.add(node.id)  # `del x`
            return
        for child in ast.iter_child_nodes(node):
            self.expression(child)

    def block(self, body: list[ast.stmt]) -> None:
        for statement in body:
            self.statement(statement)

    def statement(self, node: ast.stmt) -> None:
        if isinstance(node, ast.AnnAssign) and node.value is None:
            return  # `x: int` binds nothing
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                self.load(node.target, node.target.id)  # `x += 1` reads `x`, then binds it
            self.expression(node.value)
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                self.expression(target)
        elif isinstance(node, ast.If):
            self.expression(node.test)
            self.branches(node.body, node.orelse)
        elif isinstance(node, ast.While):
            self.unbind(_bound_in(node.body))  # the test runs again after the body
            self.expression(node.test)
            self.branches(node.body, node.orelse)
        elif isinstance(node, ast.For | ast.AsyncFor):
            self.expression(node.iter)
            self.unbind(_bound_in(node.body))
            before = dict(self.bound)
            self.expression(node.target)  # bound afresh each time round
            self.block(node.body)
            self.bound, after_body = before, self.bound
            self.unbind(n.id for n in ast.walk(node.target) if isinstance(n, ast.Name))
            self.block(node.orelse)
            self.bound = _merged(after_body, self.bound)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            self.unsure.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                self.expression(item.context_expr)
                self.expression(item.optional_vars)
            self.branches(node.body, [])  # a context manager may swallow what the body raises
        elif isinstance(node, ast.Try):
            self.attempt(node)
        elif isinstance(node, _SCOPES):
            self.expression(node)  # its names, and those it reads here, stay as written
            self.unsure.add(node.name)
        elif isinstance(node, ast.Global | ast.Nonlocal):
            self.unsure.update(node.names)
        elif not _has_block(node):
            for child in ast.iter_child_nodes(node):
                self.expression(child)
        else:
            self.unsure.update(n.id for n in ast.walk(node) if isinstance(n, ast.Name))

    def branches(self, body: list[ast.stmt], orelse: list[ast.stmt]) -> None:
        """Two ways on; a name bound differently on each is unsure after them."""
        before = dict(self.bound)
        self.block(body)
        self.bound, after_body = before, self.bound
        self.block(orelse)
        self.bound = _merged(after_body, self.bound)

    def attempt(self, node: ast.Try) -> None:
        """The body then `else`, or the body cut short then a handler; then `finally`."""
        before = dict(self.bound)
        self.block(node.body)
        self.block(node.orelse)
        ways = [self.bound]
        for handler in node.handlers:
            self.bound = dict(before)
            self.unbind(_bound_in(node.body))
            self.expression(handler.type)
            if handler.name:
                self.store(handler, handler.name)
            self.block(handler.body)
            if handler.name:
                self.bound[handler.name] = _UNSURE  # deleted at the end of the handler
            ways.append(self.bound)
        self.bound = ways[0]
        for way in ways[1:]:
            self.bound = _merged(self.bound, way)
        self.block(node.finalbody)

    def unbind(self, names: Iterable[str]) -> None:
        """Names unsure from here: a block that binds them may be running or have run."""
        for name in names:
            if name in self.bound:
                self.bound[name] = _UNSURE


def _has_block(node: ast.stmt) -> bool:
    return any(isinstance(getattr(node, field, None), list) for field in ("body", "cases"))


def _merged(one: dict[str, str], other: dict[str, str]) -> dict[str, str]:
    return {
        name: binding if other.get(name) == binding else _UNSURE for name, binding in one.items()
    } | {name: _UNSURE for name in other if name not in one}


def _bound_in(body: list[ast.stmt]) -> Iterator[str]:
    for statement in body:
        for node in ast.walk(statement):
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                yield node.id
            elif isinstance(node, ast.ExceptHandler) and node.name:
                yield node.name


def bindings(function: ast.stmt) -> dict[Key, str] | None:
    """Each name of the function where it is written, mapped to the binding it reads or makes
    (`binding 3`; a parameter as it first comes in, by its own name); None when the function
    reads its locals by name or is not a function. Names a nested function or comprehension
    reads, `global` and deleted names, and names some load of which more than one binding may
    reach are left out: written as they are."""
    if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        return None
    if any(reads_locals(node) for node in ast.walk(function)):
        return None
    arguments = function.args
    starred = [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
    every = (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, *starred)
    parameters = [arg.arg for arg in every]
    walk = _Walk(parameters)
    walk.block(function.body)
    return {where: name for where, name in walk.named.items() if where[0] not in walk.unsure}
