"""What of a hunk's code is no evidence of the names it speaks of: the builtin exceptions it
names on both sides alike (REVIEW-E181), the parameters a rewritten `def` line keeps as they
were (REVIEW-E224), the lines that change only their strings' quotes (REVIEW-E226). Pure."""

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


def requoted(hunk: Hunk) -> frozenset[Line]:
    """REVIEW-E226: the pairs of a Python hunk's removed and added lines that differ only in
    their strings' quotes (`'''The result.'''` to `\"\"\"The result.\"\"\"`, as black writes
    them), each a string alone or a line opening or closing one (a docstring's): no change
    of either, and no evidence of the names or words they hold. A value in code
    (`return b''`, REVIEW-E170) is read as written."""
    if not hunk.path.endswith((".py", ".pyi")) or not (hunk.added and hunk.removed):
        return frozenset()
    removed: dict[str, list[Line]] = {}
    for line in hunk.removed:
        if _PROSE.match(line.text):
            removed.setdefault(_unquoted(line.text), []).append(line)
    if not removed:
        return frozenset()
    found: set[Line] = set()
    for line in hunk.added:
        same = removed.get(_unquoted(line.text)) if _PROSE.match(line.text) else None
        if same and same[0].text != line.text:
            found.update((line, same.pop(0)))
    return frozenset(found)


# a line that is a string alone, or opens or closes one over several lines: a docstring's
_PROSE = re.compile(r"""\s*(?:[bBrRuU]{0,2}["']|.*(?:\"\"\"|\'\'\')\s*$)""")
_STRING = re.compile(r"""[bBrRuU]{0,2}(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')""")


def _unquoted(text: str) -> str:
    """The line with its strings written one way: `'''` as `\"\"\"`, each string whole on
    the line as Python reads it (`'a'` and `"a"` alike)."""
    return _STRING.sub(_value, text.rstrip().replace("'''", '"""'))


def _value(string: re.Match[str]) -> str:
    try:
        return repr(ast.literal_eval(string[0]))
    except (ValueError, SyntaxError):
        return string[0]


def unquoted_lines(hunk: Hunk, lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """REVIEW-E226: `lines` (a side of the hunk) but those `requoted` pairs, if any is left."""
    quoted = requoted(hunk)
    return tuple(line for line in lines if line not in quoted) or lines if quoted else lines
