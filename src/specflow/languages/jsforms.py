"""JavaScript and TypeScript as their formatters and linters rewrite them, for the token
comparison of `tokens.py`: a string literal in either quotes (prettier's `singleQuote`, eslint's
`quotes`), and `x = x + y` as `x += y` (eslint's `operator-assignment`) where `x` is a plain
name and `y` binds tighter than `+`; `void 0` and `void undefined` as `undefined` (REVIEW-E218).
Pure: tokens and lines in, tokens and lines out."""

from __future__ import annotations

import re

_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def quoted(tokens: list[str]) -> list[str]:
    """REVIEW-E185: each string literal as its text once the escapes of either quote are read:
    `'a'` is `"a"`, `'\\''` is `"'"`, `"\\""` is `'"'`; other escapes stay as written."""
    return [_string(token) if token[:1] in ("'", '"') else token for token in tokens]


def _string(token: str) -> str:
    if len(token) < 2 or token[-1] != token[0]:
        return token
    text = _ESCAPED.sub(lambda found: _unquoted(found[0]), token[1:-1])
    return "\x00str:" + text


def _unquoted(escape: str) -> str:
    return escape[1] if escape[1] in ("'", '"') else escape


# REVIEW-E185: what ends the right side of an assignment on its line, at its own depth
_ENDS = frozenset({";", ",", ":"})
_CLOSE, _OPEN = frozenset(")]}"), frozenset("([{")
# operators that bind as loosely as `+` or looser (and `?`, `++`, `--`, unary `+`/`-`): after
# one, `x = x + a OP b` is `x = (x + a) OP b`, not `x += a OP b`
_LOOSE = frozenset({"+", "-", "<", ">", "=", "&", "|", "^", "?", "in", "instanceof", "++", "--"})
_OPAQUE = frozenset({"/", "`"})  # a regex or a template literal, whose text is tokens too
_NOT_PLAIN = frozenset({".", "#"})  # `a.x = x + 1` writes `a.x`, `this.#x` a private field
_NAME = re.compile(r"[A-Za-z_$][\w$]*\Z")


def operator_assigned(tokens: list[str], before: str) -> list[str]:
    """REVIEW-E185: a line's tokens with `x = x + y` as `x += y` and `x += (y)` as `x += y`,
    where `x` is a plain name (not a member, whose getter would run twice, nor an index, whose
    key would be evaluated twice) and `y` ends on the line; `before`: the code line above."""
    out = list(tokens)
    at = 0
    while at < len(out):
        if _self_added(out, at, before):
            out[at + 1 : at + 4] = ["+", "="]
        if out[at : at + 3] == ["+", "=", "("] and _grouped_whole(out, at + 2):
            close = _end(out, at + 3) or 0
            out[at + 2 : close + 1] = out[at + 3 : close]
        at += 1
    return out


def _self_added(tokens: list[str], at: int, before: str) -> bool:
    """`x = x +` at `at`, `x` a plain name and what follows the `+` a tight operand."""
    name = tokens[at]
    if not _NAME.match(name) or tokens[at + 1 : at + 4] != ["=", name, "+"]:
        return False
    above = tokens[at - 1] if at else before.rstrip()[-1:]
    end = _end(tokens, at + 4, _LOOSE)
    return above not in _NOT_PLAIN and end is not None and end > at + 4


def _grouped_whole(tokens: list[str], at: int) -> bool:
    """Whether the `(` at `at` closes right where the right side ends, holding no `,` of its
    own (`x += (a, b)` adds `b`)."""
    close = _end(tokens, at + 1)
    return close is not None and tokens[close] == ")" and _end(tokens, close + 1) == close + 1


def _end(tokens: list[str], at: int, stop: frozenset[str] = frozenset()) -> int | None:
    """Where the expression starting at `at` ends on its line (the index of the `;`, `,`, `:`
    or closing bracket that ends it), or None: it goes past the line, holds a regex or a
    template, or holds one of `stop` at its own depth (in a group of `(`, `[`, `{` any)."""
    depth = 0
    for index in range(at, len(tokens)):
        token = tokens[index]
        if token in _OPAQUE:
            return None
        if depth == 0 and (token in _ENDS or token in _CLOSE):
            return index
        if depth == 0 and token in stop:
            return None
        depth += (token in _OPEN) - (token in _CLOSE)
    return None


# REVIEW-E218: what binds the name `undefined` in a file, where it may then hold anything
_BINDS_UNDEFINED = re.compile(
    r"\b(?:var|let|const|function|class|import|as)\s+undefined\b"
    r"|\bundefined\s*(?:=(?!=)|=>)"
    r"|\bfunction\b[^(]*\([^)]*\bundefined\b"  # a parameter
    r"|\([^()]*\bundefined\b[^()]*\)\s*=>"  # an arrow function's parameter
    r"|\bcatch\s*\(\s*undefined\b"
    r"|\b(?:var|let|const)\s*[\[{][^=;]*\bundefined\b"  # destructured
)
# after an operand, what would make `void` take more than it (`void 0 .x` is `void (0).x`)
_TAKES_MORE = frozenset({".", "[", "(", "`", "++", "--"})


def binds_undefined(code: list[str]) -> bool:
    """REVIEW-E218: whether the code (strings blanked, comments dropped) may bind `undefined`
    as a name of its own: declared, assigned, a parameter, a caught error, destructured."""
    return bool(_BINDS_UNDEFINED.search("\n".join(code)))


def voided(tokens: list[str]) -> list[str]:
    """REVIEW-E218: `void 0` and `void undefined` as `undefined`: `void` gives the undefined
    value whatever it evaluates, and neither `0` nor the name `undefined` does anything (its
    caller has checked the file binds no `undefined` of its own)."""
    out: list[str] = []
    at = 0
    while at < len(tokens):
        operand = tokens[at + 1] if at + 1 < len(tokens) else ""
        following = tokens[at + 2 : at + 4]
        more = bool(following) and (following[0] in _TAKES_MORE or following == ["?", "."])
        if tokens[at] == "void" and operand in ("0", "undefined") and not more:
            out.append("undefined")
            at += 2
            continue
        out.append(tokens[at])
        at += 1
    return out
