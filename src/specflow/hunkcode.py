"""What of a hunk's code is no evidence of the names it speaks of: the builtin exceptions it
names on both sides alike (REVIEW-E181), the parameters a rewritten `def` line keeps as they
were (REVIEW-E224). Pure."""

from __future__ import annotations

import ast
import builtins
import re
from collections import Counter

from specflow.change import Hunk, Line

BARE = re.compile(r"(?<![\w.])[A-Za-z_]\w*(?![\w.])")  # a name, not part of a dotted one


# Python's own exceptions, which every module names (REVIEW-E181)
BUILTIN_ERRORS = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)


def unchanged_errors(hunk: Hunk) -> frozenset[str]:
    """REVIEW-E181: the builtin exceptions a hunk's changed lines name as often on one side as
    on the other: the part of the line that names them did not change."""
    sides = [
        Counter(n for line in lines for n in BARE.findall(line.text) if n in BUILTIN_ERRORS)
        for lines in (hunk.added, hunk.removed)
    ]
    return frozenset(name for name in sides[0] | sides[1] if sides[0][name] == sides[1][name])


def without_errors(text: str, names: frozenset[str]) -> str:
    """REVIEW-E181: the text without those exceptions' names."""
    return BARE.sub(lambda m: " " if m[0] in names else m[0], text) if names else text


def unchanged_parameters(hunk: Hunk) -> frozenset[str]:
    """REVIEW-E224: the parameters that a Python `def` line the hunk rewrites spells alike on
    both sides (place, annotation, default), and that no other changed line names: only the
    others changed (`extra_types={}` to `extra_types=None` leaves `pos` and `endpos` as
    they were). A parameter added, removed, moved, or given another default or annotation
    still counts, as the function's own name does."""
    if not hunk.path.endswith((".py", ".pyi")) or not (hunk.added and hunk.removed):
        return frozenset()
    old, new = _signatures(hunk.removed), _signatures(hunk.added)
    same = {
        name
        for function, params in new.items()
        for name, spelled in params.items()
        if old.get(function, {}).get(name) == spelled
    }
    if not same:
        return frozenset()
    rest = [line.text for line in (*hunk.added, *hunk.removed) if _signature(line.text) is None]
    named = {n for text in rest for n in BARE.findall(text)}
    return frozenset(same - named)


def _signatures(lines: tuple[Line, ...]) -> dict[str, dict[str, str]]:
    """Each one-line `def` among `lines`: its function's name → each parameter's spelling."""
    found = (_signature(line.text) for line in lines)
    return {node.name: _parameters(node.args) for node in found if node is not None}


def _signature(text: str) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The function a line defines whole on one line (`def f(a, b=1) -> int:`), else None."""
    code = text.strip()
    if not code.startswith(("def ", "async def ")) or not code.endswith(":"):
        return None
    try:
        node = ast.parse(f"{code}\n    pass").body[0]
    except SyntaxError:
        return None
    return node if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else None


def _parameters(args: ast.arguments) -> dict[str, str]:
    """Each parameter → its kind, place, annotation and default, as one comparable string."""
    positional = [*args.posonlyargs, *args.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults))
    kinds = [
        *(
            ("positional", at, arg, default)
            for at, (arg, default) in enumerate(
                zip(positional, [*defaults, *args.defaults], strict=True)
            )
        ),
        *(
            ("keyword", 0, arg, default)
            for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True)
        ),
        *(("star", 0, arg, None) for arg in (args.vararg, args.kwarg) if arg is not None),
    ]
    return {
        arg.arg: f"{kind} {at} {_dump(arg.annotation)} {_dump(default)}"
        for kind, at, arg, default in kinds
    }


def _dump(node: ast.AST | None) -> str:
    return "" if node is None else ast.dump(node)
