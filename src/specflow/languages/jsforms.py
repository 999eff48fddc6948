"""JavaScript and TypeScript as their formatters and linters rewrite them, for the token
comparison of `tokens.py`: a string literal in either quotes (prettier's `singleQuote`, eslint's
`quotes`), and `x = x + y` as `x += y` (eslint's `operator-assignment`) where `x` is a plain
name and `y` binds tighter than `+`; `void 0` and `void undefined` as `undefined` (REVIEW-E218).
Pure: tokens and lines in, tokens and lines out."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from specflow.languages.brackets import matching

if TYPE_CHECKING:
    from specflow.languages.tokens import Sides

_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def quoted(tokens: list[str]) -> list[str]:
    """REVIEW-E185: each string literal as its text once the escapes of either quote are read:
    `'a'` is `"a"`, `'\\''` is `"'"`, `"\\""` is `'"'`; other escapes stay as written."""
    return [_string(token) if token[:1] in ("'", '"') else token for token in tokens]


def strings(tokens: list[str]) -> list[str]:
    """REVIEW-E185: strings in either quotes, one way; REVIEW-E233: `'node:fs'` is `'fs'`."""
    return node_builtins(quoted(tokens))


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


# REVIEW-E232: what may head a body of one statement, and what that statement may not be (a
# declaration, scoped by braces; another `if`, whose `else` would move; a statement of blocks)
_NOT_ALONE = frozenset(
    {"{", ";", "if", "else", "for", "while", "do", "try", "switch", "let", "const", "var"}
    | {"class", "function", "async", "import", "export"}
)


def braced(tokens: list[str], ends: bool) -> list[str]:
    """REVIEW-E232: a line's tokens with `if (c) y;` as `if (c) { y }` (the braces eslint's
    `curly` adds on lines of their own, whose `;` before the `}` ASI reads), where the line
    holds the whole of the one statement `y` (`ends`: its code ends with `;`); also `for`,
    `while`, `else if` and `else`. Other lines come back as they are."""
    body = _body(tokens)
    if body is None or not ends or not tokens[body:] or tokens[body] in _NOT_ALONE:
        return tokens
    statement = tokens[body:-1] if tokens[-1] == ";" else tokens[body:]
    depth = 0
    for part in statement:  # one statement: no `;` of its own, no regex or template to misread
        if (depth == 0 and part == ";") or part in _OPAQUE:
            return tokens
        depth += (part in _OPEN) - (part in _CLOSE)
    return tokens if depth else [*tokens[:body], "{", *statement, "}"]


def _body(tokens: list[str]) -> int | None:
    """Where the body of the `if (...)`, `for (...)`, `while (...)` or `else` that starts the
    line (after a `}`) starts, or None."""
    at = 1 if tokens[:1] == ["}"] else 0
    if tokens[at : at + 2] == ["else", "if"]:
        at += 1
    elif tokens[at : at + 1] == ["else"]:
        return at + 1
    if tokens[at : at + 1] not in (["if"], ["for"], ["while"]) or tokens[at + 1 : at + 2] != ["("]:
        return None
    depth = 0
    for index in range(at + 1, len(tokens)):
        depth += (tokens[index] in _OPEN) - (tokens[index] in _CLOSE)
        if depth == 0:
            return index + 1
    return None


# REVIEW-E233: Node's builtin modules that load with and without the `node:` prefix (not
# `node:test`, `node:sqlite`, `node:sea`: without it, `test` is a package of the registry)
_BUILTINS = frozenset(
    {"assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants"}
    | {"crypto", "dgram", "diagnostics_channel", "dns", "domain", "events", "fs", "http"}
    | {"http2", "https", "inspector", "module", "net", "os", "path", "perf_hooks", "process"}
    | {"punycode", "querystring", "readline", "repl", "stream", "string_decoder", "sys"}
    | {"timers", "tls", "trace_events", "tty", "url", "util", "v8", "vm", "wasi", "zlib"}
    | {"worker_threads", "assert/strict", "dns/promises", "fs/promises", "path/posix"}
    | {"path/win32", "readline/promises", "stream/consumers", "stream/promises", "stream/web"}
    | {"timers/promises", "util/types", "inspector/promises"}
)
_PREFIXED = "\x00str:node:"


def node_builtins(tokens: list[str]) -> list[str]:
    """REVIEW-E233: `'node:crypto'` as `'crypto'` where it names the module a `require(...)`,
    an `import(...)`, an `import '...'` or a `from '...'` loads: the same builtin module."""
    return [
        "\x00str:" + token[len(_PREFIXED) :]
        if token.startswith(_PREFIXED)
        and token[len(_PREFIXED) :] in _BUILTINS
        and _loads(tokens[max(0, at - 2) : at])
        else token
        for at, token in enumerate(tokens)
    ]


def _loads(before: list[str]) -> bool:
    """Whether a string after these two tokens names the module a statement loads."""
    return before[-1:] in (["from"], ["import"]) or before in (["require", "("], ["import", "("])


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


# REVIEW-E361: what may stand before `typeof` and after `'undefined'` so that the comparison is
# one operand of what is around it (a lower precedence than `===`): `(`, `&&`, `?`, `,` ...
_OPENS_OPERAND = frozenset(("", "(", "[", "{", ",", ";", "?", ":", "&", "|", "return"))
_CLOSES_OPERAND = frozenset(("", ")", "]", "}", ",", ";", "?", ":", "&", "|"))
_UNDEFINED = "\x00str:undefined"


def typeof_compared(tokens: list[str]) -> list[str]:
    """REVIEW-E361: `typeof a.b !== 'undefined'` as `a.b !== undefined` (and `===`): both
    read `a.b` once, and both throw when `a` is not declared; a bare name is left (`typeof x`
    of an undeclared `x` throws nothing), as is a comparison an operator around would bind
    otherwise (`x + typeof a.b`). The caller has checked the file binds no `undefined`."""
    out: list[str] = []
    at = 0
    while at < len(tokens):
        end = _operand_end(tokens, at + 1) if tokens[at] == "typeof" else None
        compared = tokens[end : end + 4] if end is not None else []
        if (
            end is not None
            and compared[:3] in (["!", "=", "="], ["=", "=", "="])
            and compared[3:] == [_UNDEFINED]
            and _bounded(tokens, at, end + 4)
        ):
            out += [*tokens[at + 1 : end], *compared[:3], "undefined"]
            at = end + 4
            continue
        out.append(tokens[at])
        at += 1
    return out


def _bounded(tokens: list[str], first: int, end: int) -> bool:
    before = tokens[first - 1] if first else ""
    after = tokens[end] if end < len(tokens) else ""
    if after == "?" and tokens[end + 1 : end + 2] == ["."]:
        return False
    operator = before == "=" and first > 1 and not tokens[first - 2][:1].isalnum()
    opens = before in _OPENS_OPERAND or (before == "=" and not operator)
    return opens and after in _CLOSES_OPERAND


def _operand_end(tokens: list[str], at: int) -> int | None:
    """Where a member chain that starts at `at` ends (`a.b`, `a?.b[c](d)`, `this.x`): a name,
    then at least one member, index or call; None for anything else."""
    if at >= len(tokens) or not _NAME.fullmatch(tokens[at]) or tokens[at] in _NOT_NAMES:
        return None
    start, at = at, at + 1
    while at < len(tokens):
        if tokens[at] == "?" and tokens[at + 1 : at + 2] == ["."]:
            at += 1
        if tokens[at] == "." and at + 1 < len(tokens) and _NAME.fullmatch(tokens[at + 1]):
            at += 2
        elif tokens[at] in ("[", "("):
            closing = matching(tokens, at)
            if closing is None:
                return None
            at = closing + 1
        else:
            break
    return at if at > start + 1 else None


_NOT_NAMES = frozenset(("new", "typeof", "void", "delete", "await", "yield", "function", "class"))


# REVIEW-E362: `!x || x.p !== 'text'` is `x?.p !== 'text'` where what stands around groups it
_BEFORE_OR = frozenset(("", "(", "[", "{", ",", ";", "?", ":", "return"))
_AFTER_OR = frozenset(("", ")", "]", "}", ",", ";", ":"))


def compared(tokens: list[str]) -> list[str]:
    """REVIEW-E361's and REVIEW-E362's spellings of a comparison, one way."""
    return optional_compared(typeof_compared(tokens))


def optional_compared(tokens: list[str]) -> list[str]:
    """REVIEW-E362: `!x || x.p !== 'text'` as `x?.p !== 'text'` (TypeScript's downlevel of
    optional chaining): of a nullish `x` both are true; of another falsy `x` (`0`, `''`,
    `false`) the first is true and the second reads a primitive's `p`, which is never a
    string (`''.length` is a number), so true too; else both compare `x.p`. Only a name
    `x`, a member `p`, a string literal and `!==`, grouped by what stands around as one
    operand of `||` (`a && !x || ...` groups `a && !x` first, and asks)."""
    out: list[str] = []
    at = 0
    while at < len(tokens):
        window = tokens[at : at + 11]
        if _optional(window) and _or_bounded(tokens, at, at + 11):
            out += [window[1], "?", ".", window[6], "!", "=", "=", window[10]]
            at += 11
            continue
        out.append(tokens[at])
        at += 1
    return out


def _optional(window: list[str]) -> bool:
    if len(window) < 11 or window[0] != "!" or window[2:4] != ["|", "|"]:
        return False
    name, member, value = window[1], window[6], window[10]
    plain = all(_NAME.fullmatch(word) and word not in _NOT_NAMES for word in (name, member))
    same = window[4:6] == [name, "."] and window[7:10] == ["!", "=", "="]
    return bool(plain) and same and value.startswith("\x00str:")


def _or_bounded(tokens: list[str], first: int, end: int) -> bool:
    before = tokens[first - 1] if first else ""
    after = tokens[end] if end < len(tokens) else ""
    if before == "|":
        opens = first > 1 and tokens[first - 2] == "|"  # `a || !x || ...`: `||` associates
    elif before == "=":
        opens = first > 1 and tokens[first - 2][:1].isalnum()  # an assignment, not `==`
    else:
        opens = before in _BEFORE_OR
    if after == "|":
        return opens and tokens[end + 1 : end + 2] == ["|"]
    if after == "?":
        return opens and tokens[end + 1 : end + 2] not in (["."], ["?"])
    return opens and after in _AFTER_OR


def token_spelling(sides: Sides) -> Callable[[list[str]], list[str]]:
    """REVIEW-E185's quotes, and REVIEW-E218's `void 0` as `undefined` where both sides are
    known and neither binds a name `undefined` of its own."""
    if any(side is None or binds_undefined(side.code) for side in sides):
        return lambda tokens: optional_compared(strings(tokens))  # REVIEW-E362
    return lambda tokens: compared(voided(strings(tokens)))  # REVIEW-E361, REVIEW-E362
