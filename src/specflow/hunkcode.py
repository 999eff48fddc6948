"""What of a hunk's code is no evidence of the names it speaks of: the builtin exceptions it
names on both sides alike (REVIEW-E181) and JavaScript's standard methods so called (`toString`,
REVIEW-E262), the parameters a rewritten `def` line keeps as they were (REVIEW-E224), the lines
that change only their strings' quotes (REVIEW-E226). Pure."""

from __future__ import annotations

import ast
import builtins
import functools
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


# REVIEW-E262: JavaScript's standard methods of two or more words, whose words (`toString`:
# "string") are the language's, not what a project's statements say
_JS_METHODS = (
    "toString toLocaleString valueOf hasOwnProperty isPrototypeOf propertyIsEnumerable "
    "indexOf lastIndexOf findIndex findLastIndex charAt charCodeAt codePointAt "
    "toLowerCase toUpperCase toLocaleLowerCase toLocaleUpperCase startsWith endsWith "
    "padStart padEnd trimStart trimEnd localeCompare toFixed toPrecision toExponential "
    "toISOString toJSON toUTCString getTime"
)
JS_METHODS = frozenset(_JS_METHODS.split())
BUILTIN_NAMES = BUILTIN_ERRORS | JS_METHODS
_SCRIPTS = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")
# a method called through a value: `key.toString(`, its chain (`key.toString`) and its name
_CALLED = re.compile(r"((?<![\w$.])[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\.([\w$]+)\s*\(")
_METHOD = re.compile(r"\.\s*([A-Za-z_$][\w$]*)(?=\s*\()")


def unchanged_errors(hunk: Hunk) -> frozenset[str]:
    """REVIEW-E181: the builtin exceptions a hunk's changed lines name as often on one side as
    on the other: the part of the line that names them did not change. REVIEW-E262: in
    JavaScript and TypeScript, so the standard methods of `JS_METHODS` they call, with the
    chains that call them (`key.toString`)."""
    sides = [
        Counter(n for line in lines for n in BARE.findall(line.text) if n in BUILTIN_ERRORS)
        for lines in (hunk.added, hunk.removed)
    ]
    if hunk.path.endswith(_SCRIPTS):
        for side, lines in zip(sides, (hunk.added, hunk.removed), strict=True):
            side.update(m for line in lines for m in _METHOD.findall(line.text) if m in JS_METHODS)
    same = frozenset(name for name in sides[0] | sides[1] if sides[0][name] == sides[1][name])
    if not same & JS_METHODS:
        return same
    texts = (line.text for line in (*hunk.added, *hunk.removed))
    chains = {f"{m[1]}.{m[2]}" for text in texts for m in _CALLED.finditer(text) if m[2] in same}
    return same | chains


def without_errors(text: str, names: frozenset[str]) -> str:
    """REVIEW-E181: the text without those exceptions' names; REVIEW-E262: nor those methods'
    calls (`.toString(`)."""
    if not names:
        return text
    text = BARE.sub(lambda m: " " if m[0] in names else m[0], text)
    if not names & JS_METHODS:
        return text
    return _METHOD.sub(lambda m: " " if m[1] in names else m[0], text)


@functools.lru_cache(maxsize=64)  # SPEED-19: asked by its links and by its rows
def unchanged_parameters(hunk: Hunk) -> frozenset[str]:
    """REVIEW-E224: the parameters that a Python `def` line the hunk rewrites spells alike on
    both sides (place, annotation, default), and that no other changed line names: only the
    others changed (`extra_types={}` to `extra_types=None` leaves `pos` and `endpos` as
    they were). A parameter added, removed, moved, or given another default or annotation
    still counts, as the function's own name does."""
    if not hunk.path.endswith((".py", ".pyi")) or not (hunk.added and hunk.removed):
        return frozenset()
    if sum(1 for line in hunk.added if _DEF.match(line.text)) > REWRITTEN_DEFS:
        return frozenset()  # SPEED-19: a hunk rewriting many functions is read as before
    new = _signatures(hunk.added)
    old = _signatures(hunk.removed, frozenset(new)) if new else {}
    same = {
        name
        for function, params in new.items()
        for name, spelled in params.items()
        if old.get(function, {}).get(name) == spelled
    }
    if not same:
        return frozenset()
    rest = [line.text for line in (*hunk.added, *hunk.removed) if not _one_line_def(line.text)]
    text = "\n".join(rest)
    if not any(name in text for name in same):  # SPEED: most hunks' other lines name none
        return frozenset(same)
    return frozenset(same.difference(BARE.findall(text)))


def _signatures(
    lines: tuple[Line, ...], only: frozenset[str] | None = None
) -> dict[str, dict[str, str]]:
    """Each one-line `def` among `lines` (of a function in `only`, when given): its function's
    name → each parameter's spelling."""
    found: dict[str, dict[str, str]] = {}
    for line in lines:
        head = _DEF.match(line.text)
        if head is None or (only is not None and head[1] not in only):
            continue
        node = _signature(line.text)
        if node is not None:
            found[node.name] = _parameters(node.args, line.text.strip())
    return found


def _one_line_def(text: str) -> bool:
    """A line that may define a function whole (`_signature` reads it), without parsing it."""
    return _DEF.match(text) is not None and text.rstrip().endswith(":")


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


def _parameters(args: ast.arguments, code: str) -> dict[str, str]:
    """Each parameter → its kind, place, annotation and default, as one comparable string;
    `code`, the line parsed (SPEED: its text spells them, cheaper than dumping their trees)."""
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
        arg.arg: f"{kind} {at} {_spelled(code, arg.annotation)} {_spelled(code, default)}"
        for kind, at, arg, default in kinds
    }


def _spelled(code: str, node: ast.expr | None) -> str:
    return "" if node is None else code[node.col_offset : node.end_col_offset]


def requoted(hunk: Hunk) -> frozenset[Line]:
    """REVIEW-E226: the pairs of a Python hunk's removed and added lines that differ only in
    their strings' quotes (`'''The result.'''` to `\"\"\"The result.\"\"\"`, as black writes
    them), each a string alone or a line opening or closing one (a docstring's): no change
    of either, and no evidence of the names or words they hold. A value in code
    (`return b''`, REVIEW-E170) is read as written."""
    if not hunk.path.endswith((".py", ".pyi")) or not (hunk.added and hunk.removed):
        return frozenset()
    keyed: dict[str, list[Line]] = {}  # SPEED-19: the lines a quote's spelling alone may pair
    for line in hunk.removed:
        if "'" in line.text or '"' in line.text:
            keyed.setdefault(_quotes_key(line.text), []).append(line)
    if not keyed:
        return frozenset()
    found: set[Line] = set()
    for line in hunk.added:
        if "'" not in line.text and '"' not in line.text:
            continue
        for old in keyed.get(_quotes_key(line.text), ()):
            if old not in found and old.text != line.text and _requoted(old.text, line.text):
                found.update((line, old))
                break
    return frozenset(found)


def _quotes_key(text: str) -> str:
    """A line as no quote's spelling tells apart (prefixes, escapes, `'` or `"`), so that only
    the lines that may be `requoted` alike are read as Python reads their strings."""
    return _PREFIX.sub("", text.strip()).replace("\\", "").replace("'", '"')


def _requoted(old: str, new: str) -> bool:
    both = _PROSE.match(old) and _PROSE.match(new)
    return bool(both) and _unquoted(old) == _unquoted(new)


# a line that is a string alone, or opens or closes one over several lines: a docstring's
_PROSE = re.compile(r"""\s*(?:[bBrRuU]{0,2}["']|.*(?:\"\"\"|\'\'\')\s*$)""")
REWRITTEN_DEFS = 8  # `def` lines of a hunk past which REVIEW-E224 does not read its parameters
_DEF = re.compile(r"\s*(?:async\s+)?def\s+(\w+)")
_PREFIX = re.compile(r"(?<!\w)[bBrRuU]{1,2}(?=[\"'])")
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
