"""REVIEW-E214: a regular expression given to the `re` module read by what Python's own parser
makes of it: a verbose pattern and its compact form, a needless non-capturing group, literal
pieces joined with `+` or side by side, all parse to one tree, which the module compiles to one
program. Pure: a call in, a call out (the tree untouched)."""

from __future__ import annotations

import ast
import re
from functools import lru_cache

try:  # Python 3.11 moved the parser; the older name warns from 3.11 on
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse

# the position of the `flags` argument of each function of `re` that takes a pattern first
_FLAGS_AT = {
    "compile": 1,
    "search": 2,
    "match": 2,
    "fullmatch": 2,
    "findall": 2,
    "finditer": 2,
    "split": 3,
    "sub": 4,
    "subn": 4,
}
_FLAG_NAMES = frozenset(re.RegexFlag.__members__)  # `re.VERBOSE`, `re.X`, ...
# read, these show the pattern's text and flags as written (`_REGEX.pattern`)
_SPELLING_READ = (b".pattern", b".flags")
_IMPORTS_RE = re.compile(rb"^[ \t]*import[ \t]+re[ \t]*(?:#.*)?$", re.MULTILINE)
_BOUND_AS_RE = re.compile(rb"\bas[ \t]+re\b")  # `import regex as re`: another parser


def regex_call(call: ast.Call, sources: tuple[bytes | None, bytes | None]) -> ast.Call:
    """`re.compile(P, F)` (or `re.match`, `re.sub`, ...) with a pattern of literal pieces and
    flags of `re`'s constants, as a call whose pattern is the tree the parser makes of it (the
    flags that only steer the parse, `re.VERBOSE`, dropped), when neither side's file reads a
    `.pattern` or `.flags`; else the call itself."""
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in _FLAGS_AT:
        return call
    if not _named_re(func.value) or not call.args:
        return call
    if any(k.arg is None for k in call.keywords) or any(
        isinstance(a, ast.Starred) for a in call.args
    ):
        return call  # `**options` or `*args` may hold the flags
    if not all(_plain_re(side) for side in sources):
        return call
    at = _FLAGS_AT[func.attr]
    given = [k.value for k in call.keywords if k.arg == "flags"]
    given += call.args[at : at + 1]
    flags = _flags(given[0]) if len(given) == 1 else 0 if not given else None
    pattern = _literal(call.args[0])
    parsed = _parsed(pattern, flags) if pattern is not None and flags is not None else None
    if parsed is None:
        return call
    args = [ast.Constant(parsed), *call.args[1:at], *call.args[at + 1 :]]
    return ast.Call(func, args, [k for k in call.keywords if k.arg != "flags"])


def _plain_re(source: bytes | None) -> bool:
    """Whether the file says `import re`, binds nothing else as `re` and reads no pattern's
    `.pattern` or `.flags`."""
    if source is None or any(word in source for word in _SPELLING_READ):
        return False
    return bool(_IMPORTS_RE.search(source)) and not _BOUND_AS_RE.search(source)


def _named_re(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "re"


def _literal(node: ast.expr) -> str | bytes | None:
    """A pattern written as a literal, or as literals joined with `+`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str | bytes):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left), _literal(node.right)
        if isinstance(left, str) and isinstance(right, str):
            return left + right
        if isinstance(left, bytes) and isinstance(right, bytes):
            return left + right
    return None


def _flags(node: ast.expr) -> int | None:
    """`re.VERBOSE`, `re.I | re.M`, `0`: the flags' value, or None for anything else."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.Attribute) and node.attr in _FLAG_NAMES and _named_re(node.value):
        return int(getattr(re, node.attr))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = _flags(node.left), _flags(node.right)
        return left | right if left is not None and right is not None else None
    return None


@lru_cache(maxsize=512)
def _parsed(pattern: str | bytes, flags: int) -> str | None:
    """The parser's tree of the pattern, its groups and the flags that steer the match, spelled
    as text; None when it does not parse (an error then is the same error only if the same
    text)."""
    try:
        parsed = _sre_parse.parse(pattern, flags)
    except (re.error, TypeError, ValueError, OverflowError, RecursionError):
        return None
    state = parsed.state
    kept = state.flags & ~int(re.VERBOSE)
    names = sorted(state.groupdict.items())
    tree = _tree(parsed)
    return f"regex:{type(pattern).__name__}:{kept}:{state.groups}:{names!r}:{tree!r}"


def _tree(item: object) -> object:
    """A parsed pattern as nested tuples of plain values (its pieces compare by identity)."""
    if isinstance(item, _sre_parse.SubPattern):
        return tuple(_tree(piece) for piece in item.data)
    if isinstance(item, list | tuple):
        return tuple(_tree(piece) for piece in item)
    if isinstance(item, int) and type(item) is not int and type(item) is not bool:
        return str(item)  # an opcode
    return item
