"""The literal a call of `dict`, `list`, `set` or `tuple` builds, as pyupgrade and ruff's
flake8-comprehensions rules (C400-C411) write it: the same value, built the same way
(REVIEW-E9). As everywhere in `pyshape`, the builtins are taken to be the builtins. Pure."""

from __future__ import annotations

import ast


def literal(call: ast.Call) -> ast.expr | None:
    """The literal the call builds, or None when it builds none or not surely the same."""
    func, args, keywords = call.func, call.args, call.keywords
    if not isinstance(func, ast.Name):
        return None
    if func.id == "dict" and not args and keywords and all(k.arg for k in keywords):
        return ast.Dict(
            keys=[ast.Constant(k.arg) for k in keywords], values=[k.value for k in keywords]
        )
    if keywords or len(args) > 1:
        return None
    if not args:
        return _empty(func.id)
    arg = args[0]
    if isinstance(arg, ast.List | ast.Tuple):
        return _from_display(func.id, arg.elts)
    if isinstance(arg, ast.GeneratorExp | ast.ListComp):
        return _comprehension(func.id, arg)
    return None


def _empty(name: str) -> ast.expr | None:
    """`dict()` is `{}`, `list()` is `[]`, `tuple()` is `()`; `set()` has no literal."""
    if name == "dict":
        return ast.Dict(keys=[], values=[])
    if name in ("list", "tuple"):
        display = ast.List if name == "list" else ast.Tuple
        return display(elts=[], ctx=ast.Load())
    return None


def _from_display(name: str, items: list[ast.expr]) -> ast.expr | None:
    """`set([a, b])` is `{a, b}` (but `set([])` is `set()`: `{}` is a dict), `list((a, b))`
    is `[a, b]`, `tuple([a, b])` is `(a, b)`, `dict([(k, v)])` is `{k: v}`."""
    if any(isinstance(item, ast.Starred) for item in items):
        return None
    if name == "set" and items:
        return ast.Set(elts=items)
    if name in ("list", "tuple"):
        display = ast.List if name == "list" else ast.Tuple
        return display(elts=items, ctx=ast.Load())
    pairs = [_pair(item) for item in items]
    if name == "dict" and all(pairs):
        return ast.Dict(keys=[p[0] for p in pairs if p], values=[p[1] for p in pairs if p])
    return None


def _comprehension(name: str, arg: ast.GeneratorExp | ast.ListComp) -> ast.expr | None:
    """`list(x for x in y)` and `list([x for x in y])` are `[x for x in y]`, `set(...)` a set
    comprehension, `dict((k, v) for k in y)` is `{k: v for k in y}`."""
    if name in ("set", "list"):
        comprehension = ast.SetComp if name == "set" else ast.ListComp
        return comprehension(elt=arg.elt, generators=arg.generators)
    pair = _pair(arg.elt)
    if name == "dict" and pair:
        return ast.DictComp(key=pair[0], value=pair[1], generators=arg.generators)
    return None


def _pair(node: ast.expr) -> tuple[ast.expr, ast.expr] | None:
    if isinstance(node, ast.Tuple) and len(node.elts) == 2:
        key, value = node.elts
        if not isinstance(key, ast.Starred) and not isinstance(value, ast.Starred):
            return key, value
    return None
