"""REVIEW-E396: where a JavaScript `let` or `const` behaves as `var` would, read over a whole side
of a file: a declaration at the top level of a function body or of a CommonJS module, or of a
block (or heading a `for`) whose names nothing outside it reads, whose names nothing can read
before it runs, declared nowhere else, and (for `const`) never assigned. Pure: tokens in, the
indexes of those keywords out."""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Iterator
from typing import NamedTuple

from specflow.languages.jstokens import NAME, RESERVED, Tokens

_CONTROL = frozenset({"if", "for", "while", "switch", "catch", "with"})
# a token after which a line break does not end the statement (an operator waits for more)
_ENDS = frozenset({")", "]", "}", "++", "--", "\x00re", "`"})
_GOES_ON = frozenset({"typeof", "new", "void", "delete", "await", "in", "instanceof", "of"})
_GOES_ON |= {"let", "const", "var"}
# what, at a line's start, still continues the statement above (ASI inserts no `;` there)
_STARTS = frozenset({"in", "instanceof"})
_ASSIGNS = frozenset({"=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", ">>>=", "&="})
_ASSIGNS |= {"|=", "^=", "&&=", "||=", "??=", "++", "--"}
# after the first closure that could read a name escapes, only these may run before its
# declaration: nothing of them calls code (no call, no member, no operator to coerce)
_INERT = frozenset({"var", "let", "const", "=", ";", "\x00re", "true", "false", "null"})


def var_like(path: str, tokens: Tokens) -> Iterator[int]:
    """REVIEW-E396: the indexes of the `let` and `const` keywords that start a line and a
    statement of their own (REVIEW-E398: not an unbraced `if`'s, where `let` does not parse)
    and that `var` would replace with no change in what runs (see `_same_as_var`)."""
    text = tokens.text
    if "eval" in text or "with" in text:  # either may read a name no token shows
        return
    uses: dict[str, list[int]] = defaultdict(list)
    for at, part in enumerate(text):
        if NAME.match(part) and (at == 0 or text[at - 1] not in (".", "?.")):
            uses[part].append(at)
    module = _module(path, tokens)
    scopes: dict[int, Held] = {}  # SPEED-25: each scope read once, not once a declaration
    for at, part in enumerate(text):
        if part not in ("let", "const"):
            continue
        first = at == 0 or tokens.line[at - 1] != tokens.line[at]
        alone = first and _starts_statement(tokens, at)
        headed = text[at - 2 : at] == ["for", "("]  # `for (let i = 0; ...`
        if (alone and _same_as_var(tokens, at, uses, module, scopes)) or (
            headed and _same_in_loop(tokens, at, uses, module)
        ):
            yield at


def _module(path: str, tokens: Tokens) -> str:
    """ "cjs" for a CommonJS module (Node wraps it in a function: its top level is a function's
    body), "esm" for an ES module, "" for a script (whose top-level `var` is a global's)."""
    text = tokens.text
    starts = {
        part for at, part in enumerate(text) if at == 0 or tokens.line[at - 1] != tokens.line[at]
    }
    if "export" in starts or ("import" in starts and not path.endswith(".cjs")):
        return "esm"
    pairs = set(itertools.pairwise(text))
    cjs = ("require", "(") in pairs or ("module", ".") in pairs or ("exports", ".") in pairs
    if any(("typeof", name) in pairs for name in _HOSTS) and not path.endswith(".cjs"):
        return ""  # UMD: `typeof module !== 'undefined'` asks, so it may load as a script
    return "cjs" if cjs or path.endswith(".cjs") else ""


_HOSTS = ("module", "exports", "require", "define", "window", "self", "globalThis")


def _same_as_var(
    tokens: Tokens, at: int, uses: dict[str, list[int]], module: str, scopes: dict[int, Held]
) -> bool:
    """Whether the declaration whose keyword is at `at` reads the same as `var`: it binds plain
    names (or `{ a, b: c }`) with one declarator, at the top level of a function body or of a
    CommonJS module (`let`'s block is then `var`'s function, and no global is made), or of a
    block whose names nothing outside it reads (`_bounds`); no name of it is declared
    elsewhere in the function, nor read before the declaration has run (`var`'s hoisted
    `undefined`, `let`'s dead zone); a `const`'s is never assigned."""
    text, scope = tokens.text, tokens.parent[at]
    pattern = _pattern(tokens, at + 1)
    bounds = _bounds(tokens, scope, module)
    if pattern is None or bounds is None:
        return False
    (names, after), (begin, end), outer, looped = pattern, *bounds
    initialised = text[after : after + 1] == ["="]
    close = _statement_end(tokens, after, end)
    if close is None or ((text[at] == "const" or looped) and not initialised):
        return False  # in a loop, `var` keeps the last turn's value where `let` has none
    if looped and _closures(tokens, close, end):
        return False  # a closure made in a turn keeps that turn's `let`, but the one `var`
    held = scopes.get(scope) or scopes.setdefault(scope, _held(tokens, scope, begin, end))
    own = range(at, after)
    inside = [i for name in names for i in uses[name] if outer[0] <= i < outer[1] and i not in own]
    return (
        not names & held.hoisted
        and all(begin <= index < end for index in inside)
        and _unread_before(held, uses, names, (begin, close), own)
        and _none_escaped(held, close, own)
        and not any(_redeclared(text, index) for index in inside)
        and (text[at] != "const" or not any(_assigned(tokens, index) for index in inside))
    )


def _same_in_loop(tokens: Tokens, at: int, uses: dict[str, list[int]], module: str) -> bool:
    """Whether the `let` or `const` at `at`, heading a `for`, reads the same as `var`: one
    name (`for (let i = 0; ...`, `for (const k of ...`), read nowhere in its function but in
    that `for` (not in the value it starts from, in its dead zone), where no closure is made
    (a closure would keep its own turn's `let`), declared nowhere else; a `const` never
    assigned. Each turn's `let` is then a copy of the one `var`."""
    text, opened = tokens.text, at - 1
    body, name, kind = tokens.partner[opened] + 1, text[at + 1], text[at + 2]
    if body >= len(text) or not NAME.match(name) or name in RESERVED:
        return False
    header = [i for i in range(at + 3, body - 1) if tokens.parent[i] == opened]
    if kind == "=" and text[at] == "let":
        semi = next((i for i in header if text[i] in (";", ",")), None)
        if semi is None or text[semi] != ";":
            return False
        started = range(at + 3, semi)
    elif kind in ("of", "in"):
        started = range(at + 3, body - 1)
    else:
        return False
    bounds = _bounds(tokens, tokens.parent[at - 2], module)
    if bounds is None or not _starts_statement(tokens, at - 2):
        return False
    outer = bounds[1]
    braced = tokens.partner[body] + 1 if text[body] == "{" else None
    end = braced or _statement_end(tokens, body, outer[1])  # REVIEW-E232's `for (...) a[i] = 0`
    inside = [i for i in uses[name] if outer[0] <= i < outer[1] and i != at + 1]
    return (
        end is not None
        and all(at < index < end and index not in started for index in inside)
        and not _closures(tokens, at, end)
        and not any(_redeclared(text, index) for index in inside)
        and (text[at] != "const" or not any(_assigned(tokens, index) for index in inside))
    )


Bounds = tuple[tuple[int, int], tuple[int, int], bool]


def _bounds(tokens: Tokens, scope: int, module: str) -> Bounds | None:
    """The tokens a declaration's scope spans, the tokens of the function (or module) around
    it, and whether a loop runs it; None where it is not read: a script's top level (a global
    property), an ES module's (its exported functions may run before its body), a block not
    under an `if`, `else`, `for`, `while`, `do`, `try`, `catch` or `finally` each starting a
    statement (a `switch` shares its `let` between cases; a loop without braces hides)."""
    size = len(tokens.text)
    if scope == -1:
        return ((0, size), (0, size), False) if module == "cjs" else None
    looped, group, start = False, scope, _function_start(tokens, scope)
    while group != -1 and (start := _function_start(tokens, group)) is None:
        head = _statement_head(tokens, group)
        if head is None or tokens.text[group] != "{":
            return None
        looped = looped or tokens.text[head] in ("for", "while", "do")
        group = tokens.parent[group]
    if group == -1 and not module:
        return None
    outer = (0, size) if group == -1 or start is None else (start, tokens.partner[group])
    inner = outer if group == scope else (scope + 1, tokens.partner[scope])
    return inner, outer, looped


_HEADERS = frozenset({"if", "for", "while", "catch"})


def _statement_head(tokens: Tokens, brace: int) -> int | None:
    """The first token of the statement whose block the `{` at `brace` opens (`if` of an
    `else`, `try` of a `catch`), where it starts a statement of its own; else None."""
    text = tokens.text
    before = text[brace - 1] if brace else ""
    if before == ")":
        head = tokens.partner[brace - 1] - 1
        if head < 1 or text[head] not in _HEADERS:
            return None
        if text[head] == "catch":
            return _chained(tokens, head - 1)
        if text[head] == "if" and text[head - 1] == "else":
            return _chained(tokens, head - 2)
        return head if _starts_statement(tokens, head) else None
    if before in ("else", "finally", "catch"):
        return _chained(tokens, brace - 2)
    if before in ("try", "do"):
        return brace - 1 if _starts_statement(tokens, brace - 1) else None
    return None


def _chained(tokens: Tokens, close: int) -> int | None:
    """The head of the statement whose block the `}` at `close` ends."""
    if close < 0 or tokens.text[close] != "}":
        return None
    return _statement_head(tokens, tokens.partner[close])


def _starts_statement(tokens: Tokens, head: int) -> bool:
    """Whether the keyword at `head` starts a statement of its own: not the one statement of
    a loop, an `if`, an `else` or a `do` without braces (`for (...) if (c) {`), nor a label's
    (REVIEW-E398: `let` and `const` are a SyntaxError there, where `var` is not)."""
    text, before = tokens.text, head - 1
    if before < 0 or text[before] in (";", "{", "}"):
        return True
    if text[before] in ("else", "do", ":"):
        return False
    if tokens.line[before] == tokens.line[head] or not _ended(text[before]):
        return False
    return text[before] != ")" or text[tokens.partner[before] - 1] not in (*_HEADERS, "with")


def _closures(tokens: Tokens, first: int, end: int) -> bool:
    """Whether a function, an arrow, a class or a method is made between `first` and `end`."""
    return any(
        tokens.text[index] in ("function", "=>", "class")
        or (tokens.text[index] == "{" and _function_start(tokens, index) is not None)
        for index in range(first, end)
    )


def _pattern(tokens: Tokens, at: int) -> tuple[set[str], int] | None:
    """The names a declaration binds from `at` (a name, or `{ a, b: c }`) and where its
    pattern ends; None for another pattern (defaults, rests, arrays: not read)."""
    text = tokens.text
    if at >= len(text):
        return None
    if NAME.match(text[at]) and text[at] not in RESERVED:
        return {text[at]}, at + 1
    if text[at] != "{":
        return None
    close, names = tokens.partner[at], set()
    index = at + 1
    while index < close:
        if text[index + 1 : index + 2] == [":"]:
            index += 2  # a key: the name after it is bound
        name = text[index]
        if not NAME.match(name) or name in RESERVED or text[index + 1] not in (",", "}"):
            return None
        names.add(name)
        index += 2
    return (names, close + 1) if names else None


def _function_start(tokens: Tokens, brace: int) -> int | None:
    """Where the parameters start of the function (or method, or arrow) whose body the `{` at
    `brace` opens; None for any other brace (a block, a literal, a class)."""
    text = tokens.text
    before = text[brace - 1] if brace else ""
    if before == "=>":
        if text[brace - 2] == ")":
            return tokens.partner[brace - 2]
        return brace - 2 if NAME.match(text[brace - 2]) else None
    if before != ")" or tokens.line[brace - 1] != tokens.line[brace]:
        return None  # `init()` then a block on the next line: no method
    opened = tokens.partner[brace - 1]
    head = text[opened - 1] if opened else ""
    return opened if head == "function" or (NAME.match(head) and head not in _CONTROL) else None


def _statement_end(tokens: Tokens, at: int, end: int) -> int | None:
    """Where the declaration whose pattern ends at `at` ends (past its `;`, or the token
    that starts the next statement after a line break ASI ends it at); None when it declares
    more than one name at its own depth (`let a = 1, b`)."""
    text, line, depth = tokens.text, tokens.line, 0
    for index in range(at, end):
        part = text[index]
        if depth == 0:
            if part in (";", "}", ")", "]"):
                return index + (part == ";")
            if part == ",":
                return None
            if line[index] != line[index - 1] and _ended(text[index - 1]) and _starts(part):
                return index
        depth += (part in ("(", "[", "{", "${")) - (part in (")", "]", "}"))
    return end


def _ended(part: str) -> bool:
    """Whether a statement may end after this token, at a line break."""
    literal = part[:1] in ("'", '"') or part[:1].isdigit()
    return part in _ENDS or literal or (NAME.match(part) is not None and part not in _GOES_ON)


def _starts(part: str) -> bool:
    """Whether a token after a line break starts a statement of its own."""
    literal = part[:1] in ("'", '"') or part[:1].isdigit()
    plain = NAME.match(part) is not None and part not in _STARTS
    return plain or literal or part in ("{", "++", "--")


Span = tuple[int, int]


def _hoisted(tokens: Tokens, scope: int, begin: int, end: int) -> Iterator[tuple[str, Span]]:
    """The functions the scope declares at its top level (each is made before its first
    statement runs), with the tokens each spans."""
    text = tokens.text
    for index in range(begin, end):
        if text[index] != "function" or tokens.parent[index] != scope:
            continue
        named = index + 1 + (text[index + 1 : index + 2] == ["*"])
        if named >= end or not NAME.match(text[named]) or text[named + 1 : named + 2] != ["("]:
            continue
        statement = index == 0 or text[index - 1] in (";", "{", "}", "async", "export", "default")
        if not statement and tokens.line[index - 1] != tokens.line[index]:
            statement = _ended(text[index - 1])  # not `module.exports =` then `function f`
        body = tokens.partner[named + 1] + 1
        if statement and body < end and text[body] == "{":
            yield text[named], (index, tokens.partner[body])


class Held(NamedTuple):
    """SPEED-25: what a scope's declarations share: the names of the functions it hoists, the
    tokens those span (sorted; skipped: their bodies run later), and, of what runs in it
    (its parameters and statements, the hoisted bodies skipped), where a hoisted function is
    named and where a token is not inert (see `_none_escaped`)."""

    hoisted: frozenset[str]
    spans: list[Span]
    named: list[int]
    active: list[int]


def _held(tokens: Tokens, scope: int, begin: int, end: int) -> Held:
    text = tokens.text
    hoisted = dict(_hoisted(tokens, scope, begin, end))
    spans = sorted(hoisted.values())
    named, active, firsts = [], [], [first for first, _ in spans]
    for index in range(begin, end):
        if index == scope or _skipped(spans, firsts, index):
            continue
        part, before = text[index], text[index - 1]
        if part in hoisted and before not in (".", "?."):
            named.append(index)
        inert = part in _INERT or part[:1] in ("'", '"') or part[:1].isdigit()
        if not (inert or before in ("var", "let", "const")):
            active.append(index)
    return Held(frozenset(hoisted), spans, named, active)


def _skipped(spans: list[Span], firsts: list[int], index: int) -> bool:
    """Whether the token at `index` is in a hoisted function's span (they never overlap)."""
    at = bisect.bisect_right(firsts, index) - 1
    return at >= 0 and spans[at][0] <= index <= spans[at][1]


def _unread_before(
    held: Held, uses: dict[str, list[int]], names: set[str], ran: Span, own: range
) -> bool:
    """Whether no name of the declaration is read or written in what runs up to its end
    (its parameters, statements and its initialiser; a closure made there counts too)."""
    firsts = [first for first, _ in held.spans]
    for name in names:
        found = uses[name]
        for index in found[bisect.bisect_left(found, ran[0]) : bisect.bisect_left(found, ran[1])]:
            if index not in own and not _skipped(held.spans, firsts, index):
                return False
    return True


def _none_escaped(held: Held, close: int, own: range) -> bool:
    """Whether no closure that may read the names can run before the declaration ends. One
    made in what runs before it holds its text there (which `_unread_before` reads); a
    hoisted function's is skipped, so none may be named there, or all that runs after the
    first one named is inert (`module.exports = json` then `var RE = /x/`: nothing calls)."""
    if not held.named or held.named[0] >= close:
        return True
    active, first = held.active, held.named[0] + 1
    after = bisect.bisect_left(active, close) - bisect.bisect_left(active, first)
    first = max(first, own.start)
    mine = bisect.bisect_left(active, min(own.stop, close)) - bisect.bisect_left(active, first)
    return after == max(mine, 0)


def _redeclared(text: list[str], index: int) -> bool:
    return text[index - 1] in ("var", "let", "const", "function", "class") if index else False


def _assigned(tokens: Tokens, index: int) -> bool:
    """Whether the name at `index` may be written there: an assignment, `++`, `for (x of`,
    or a place in a pattern assigned to (`[a, x] = ...`, `({ x } = ...)`, and REVIEW-E399's
    `for ([k, x] of ...)` and `for ({ x } in ...)`, which assign each turn)."""
    text = tokens.text
    if text[index + 1 : index + 2] and text[index + 1] in _ASSIGNS:
        return True
    if text[index - 1] in ("++", "--") or text[max(0, index - 2) : index] == ["for", "("]:
        return True
    group = tokens.parent[index]
    while group != -1:
        close = tokens.partner[group]
        target = text[close + 1 : close + 2]
        heads = text[max(0, group - 2) : group] == ["for", "("] and target in (["of"], ["in"])
        if text[group] in ("[", "{") and (target == ["="] or heads):
            return True
        group = tokens.parent[group]
    return False
