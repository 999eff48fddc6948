"""Go functions that run the same code spelled another way, for the lexeme comparison of
`tokens.py`: a receiver, parameter or local renamed consistently through its function
(REVIEW-E227), and go vet's and golint's `if init; cond { return } else { rest }` written as
`init; if cond { return }; rest` (REVIEW-E228). Pure: each side's lines in, hunk indexes out."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from specflow.change import Hunk, Line
from specflow.languages.brackets import matching
from specflow.languages.goforms import lex
from specflow.languages.tokens import runs

_NAME = re.compile(r"[A-Za-z_]\w*\Z")
_KEYWORDS = frozenset(
    {"break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough"}
    | {"for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range"}
    | {"return", "select", "struct", "switch", "type", "var"}
)
_OPEN, _CLOSE = "([{", ")]}"
_LEAVES = frozenset({"return", "continue", "break", "goto"})
_HEADS = frozenset({"if", "for", "switch"})
Spell = Callable[[str], str]
Side = tuple[Sequence[str], Sequence[str]]  # its lines without comments; without strings too


class Function(NamedTuple):
    """A top-level `func` of one side: what names it (receiver type and name), its lines
    (numbered from 1, `func` line to closing `}`) and its tokens."""

    key: tuple[str, str]
    first: int
    last: int
    tokens: list[str]


def same_hunks(
    hunks: Sequence[Hunk],
    sides: tuple[Side, Side],
    spell: Spell,
    plain: Callable[[list[Line], list[Line]], bool],
    renames: Mapping[str, str],
) -> set[int]:
    """The hunks whose every run of changed lines (REVIEW-E160) lies in one function that
    runs the same code on both sides, or is the same tokens (`plain`: whitespace re-aligned,
    a package's names renamed: `renames`, old to new)."""
    same = same_functions(sides, spell, renames)
    if not same and not renames:
        return set()

    def kept(removed: list[Line], added: list[Line]) -> bool:
        inside = any(
            all(line.number in old for line in removed)
            and all(line.number in new for line in added)
            for old, new in same
        )
        return inside or plain(removed, added)

    return {
        index
        for index, hunk in enumerate(hunks)
        if (hunk.added or hunk.removed) and all(kept(*run) for run in runs(hunk))
    }


def same_functions(
    sides: tuple[Side, Side], spell: Spell, renames: Mapping[str, str]
) -> list[tuple[range, range]]:
    """The lines (old, new) of each function that runs the same code on both sides though
    its tokens differ (`sides`: each side's lines without comments, and without strings too;
    `spell`: gofmt's spellings read one way, as the token comparison reads Go), the old one
    with the package's names the change renames (`renames`) written as their new ones."""
    old = _by_key([_renamed(f, renames) for f in _functions(sides[0], spell)])
    new = _by_key(_functions(sides[1], spell))
    return [
        (range(before.first, before.last + 1), range(after.first, after.last + 1))
        for key, before in old.items()
        if (after := new.get(key)) is not None
        and (before.tokens == after.tokens or equivalent(before.tokens, after.tokens))
    ]


def _renamed(function: Function, renames: Mapping[str, str]) -> Function:
    if not renames:
        return function
    tokens = renamed_tokens(function.tokens, renames)
    return function._replace(tokens=tokens, key=_key(tokens) or function.key)


def renamed_tokens(tokens: list[str], renames: Mapping[str, str]) -> list[str]:
    """The tokens with each old name (bare: not after `.`) written as its new one."""
    if not renames:
        return tokens
    return [
        renames.get(token, token) if not at or tokens[at - 1] != "." else token
        for at, token in enumerate(tokens)
    ]


def equivalent(old: list[str], new: list[str]) -> bool:
    """Whether two functions' tokens are the same once each `if` is written with its early
    return (REVIEW-E228) and the old one's locals are renamed (REVIEW-E227)."""
    old, new = early_returns(old), early_returns(new)
    return old == new or renamed(old, new)


def _by_key(functions: list[Function]) -> dict[tuple[str, str], Function]:
    """The functions defined once by their key (`init` may be defined many times)."""
    counts: dict[tuple[str, str], int] = {}
    for function in functions:
        counts[function.key] = counts.get(function.key, 0) + 1
    return {f.key: f for f in functions if counts[f.key] == 1}


def _functions(side: Side, spell: Spell) -> list[Function]:
    """The top-level functions, each from its `func` line at the margin to the line where its
    braces close (read on the lines without strings: a `}` in one closes nothing)."""
    lines, codes = side
    found: list[Function] = []
    at = 0
    while at < len(lines):
        if not lines[at].startswith("func"):
            at += 1
            continue
        last = _closing(codes, at)
        if last is None:
            at += 1
            continue
        tokens = lex(spell("\n".join(lines[at : last + 1])))
        key = _key(tokens)
        if key is not None:
            found.append(Function(key, at + 1, last + 1, tokens))
        at = last + 1
    return found


def _closing(lines: Sequence[str], first: int) -> int | None:
    depth, opened = 0, False
    for number in range(first, len(lines)):
        if number > first and lines[number].startswith("func") and not opened:
            return None  # a declaration without a body
        for lexeme in lex(lines[number]):
            depth += (lexeme == "{") - (lexeme == "}")
            opened = opened or lexeme == "{"
        if opened and depth == 0:
            return number
    return None


def _key(tokens: list[str]) -> tuple[str, str] | None:
    """`func (u *UUID) Parse(` as (`UUID`, `Parse`), `func Parse(` as (``, `Parse`)."""
    if len(tokens) < 3 or tokens[0] != "func":
        return None
    if tokens[1] != "(":
        return ("", tokens[1])
    close = matching(tokens, 1)
    receiver = [t for t in tokens[2:close] if _NAME.match(t)]
    if close is None or close + 1 >= len(tokens) or not receiver:
        return None
    return (receiver[-1] if len(receiver) < 3 else receiver[1], tokens[close + 1])


# REVIEW-E227: locals renamed through their function


def renamed(old: list[str], new: list[str]) -> bool:
    """Whether `new` is `old` with some of its locals renamed, each everywhere: the same
    tokens but at bare names; each old name declared once in the function, every use of it in
    that declaration's scope, renamed at every occurrence to a name the old function never
    spells; no old name spelled in the new function; names after `.` and keys before `:`
    (a field's) kept."""
    if len(old) != len(new):
        return False
    names: dict[str, str] = {}
    for at, (before, after) in enumerate(zip(old, new, strict=True)):
        if before == after:
            continue
        if not (_bare(old, at) and _NAME.match(after)) or before in _KEYWORDS or after in _KEYWORDS:
            return False
        if names.setdefault(before, after) != after:
            return False
    if not names or len(set(names.values())) != len(names):
        return False
    spelled_old, spelled_new = set(old), set(new)
    if set(names.values()) & spelled_old or set(names) & spelled_new:
        return False
    return all(_scoped(old, name) for name in names)


def _bare(tokens: list[str], at: int) -> bool:
    """A name that is no member (`x.name`) and no field's key (`{name: v}`, `, name: v`)."""
    if not _NAME.match(tokens[at]) or (at and tokens[at - 1] == "."):
        return False
    keyed = at + 1 < len(tokens) and tokens[at + 1] == ":" and tokens[at + 2 : at + 3] != ["="]
    return not (keyed and at and tokens[at - 1] in ("{", ","))


def _scoped(tokens: list[str], name: str) -> bool:
    """Whether `name` is declared once in the function (its receiver, a parameter, a named
    result, `name :=` or `var name`) and every occurrence lies within that declaration's scope:
    no use before it, none after the block (or the `if`/`for`/`switch`) it is declared in."""
    declared = [at for at in _declarations(tokens) if tokens[at] == name]
    if len(declared) != 1:
        return False
    start, end = declared[0], _scope_end(tokens, declared[0])
    return all(start <= at <= end for at, lexeme in enumerate(tokens) if lexeme == name)


def _declarations(tokens: list[str]) -> list[int]:
    body = _body(tokens)
    header = [at for at in range(body) if _NAME.match(tokens[at]) and _header_name(tokens, at)]
    return header + [at for at in range(body, len(tokens)) if _declared(tokens, at)]


def _body(tokens: list[str]) -> int:
    """The index of the `{` that opens the function's body."""
    depth = 0
    for at, lexeme in enumerate(tokens):
        if lexeme == "{" and depth == 0:
            return at
        depth += (lexeme in "([") - (lexeme in ")]")
    return len(tokens)


def _header_name(tokens: list[str], at: int) -> bool:
    """A receiver's, parameter's or named result's name: at depth 1 of the header's lists,
    first of its item, followed by a type (a name, `*`, `[`, `.`... but not `,` or `)`) or by
    `,` and, later in the same list, an item of a name and a type (`a, b int`)."""
    if at < 2 or tokens[at - 1] not in ("(", ","):
        return False
    following = tokens[at + 1] if at + 1 < len(tokens) else ")"
    if following == ".":
        return False  # a qualified type: `io.Reader`
    if following not in (",", ")"):
        return _depth(tokens, at) == 1
    return following == "," and _typed_later(tokens, at) and _depth(tokens, at) == 1


def _depth(tokens: list[str], at: int) -> int:
    depth = 0
    for lexeme in tokens[:at]:
        depth += (lexeme in _OPEN) - (lexeme in _CLOSE)
    return depth


def _typed_later(tokens: list[str], at: int) -> bool:
    """Whether a later item of the same list is a name followed by a type."""
    depth = 0
    for index in range(at + 1, len(tokens) - 1):
        lexeme = tokens[index]
        if lexeme in _OPEN:
            depth += 1
        elif lexeme in _CLOSE:
            if depth == 0:
                return False
            depth -= 1
        elif depth == 0 and tokens[index - 1] == "," and _NAME.match(lexeme):
            return tokens[index + 1] not in (",", ")", ".") or _typed_later(tokens, index)
    return False


def _declared(tokens: list[str], at: int) -> bool:
    """`name` in `a, name := ...` (at a statement's start or after `if`, `for`, `switch`) or
    in `var name ...`."""
    if not _NAME.match(tokens[at]) or tokens[at] in _KEYWORDS:
        return False
    if tokens[at - 1] == "var":
        return True
    start = at
    while start >= 2 and tokens[start - 1] == "," and _NAME.match(tokens[start - 2]):
        start -= 2
    if tokens[start - 1] not in (";", "{", *_HEADS):
        return False
    end = at
    while end + 2 < len(tokens) and tokens[end + 1] == "," and _NAME.match(tokens[end + 2]):
        end += 2
    return tokens[end + 1 : end + 3] == [":", "="]


def _scope_end(tokens: list[str], at: int) -> int:
    """The last index of the scope of the name declared at `at`: the whole function for the
    header's names, the `if`/`for`/`switch` it heads (`else` branches too), else the block it
    is declared in."""
    if at < _body(tokens):
        return len(tokens) - 1
    start = at
    while start >= 2 and tokens[start - 1] == "," and _NAME.match(tokens[start - 2]):
        start -= 2
    if tokens[start - 1] in _HEADS:
        return _statement_end(tokens, start - 1)
    depth = 0
    for index in range(at, len(tokens)):
        depth += (tokens[index] in _OPEN) - (tokens[index] in _CLOSE)
        if depth < 0:
            return index
    return len(tokens) - 1


def _statement_end(tokens: list[str], head: int) -> int:
    """The last index of the `if`/`for`/`switch` statement at `head`, its `else`s too."""
    brace = _block(tokens, head)
    end = matching(tokens, brace) if brace is not None else None
    if end is None:
        return len(tokens) - 1
    if tokens[end + 1 : end + 2] == ["else"]:
        following = tokens[end + 2] if end + 2 < len(tokens) else ""
        if following == "if":
            return _statement_end(tokens, end + 2)
        closing = matching(tokens, end + 2) if following == "{" else None
        return closing if closing is not None else len(tokens) - 1
    return end


def _block(tokens: list[str], head: int) -> int | None:
    """The `{` that opens the block of the statement at `head` (outside any bracket)."""
    depth = 0
    for index in range(head + 1, len(tokens)):
        lexeme = tokens[index]
        if lexeme == "{" and depth == 0:
            return index
        depth += (lexeme in "([") - (lexeme in ")]")
    return None


# REVIEW-E228: an `else` after a block that leaves, and the `if`'s initializer hoisted


def early_returns(tokens: list[str]) -> list[str]:
    """The tokens with each `if init; cond { ... leave } else { rest }` as
    `init; if cond { ... leave }; rest` (go vet's and golint's rewrite), where the names `init`
    and `rest` declare are spelled nowhere else in the function; applied until none is left."""
    at = 0
    while at < len(tokens):
        rewritten = _early(tokens, at) if tokens[at] == "if" else None
        if rewritten is not None:
            tokens = rewritten
        at += 1
    return tokens


def _early(tokens: list[str], head: int) -> list[str] | None:
    if head and tokens[head - 1] == "else":
        return None  # `else if`: the chain's first `if` is its statement
    brace = _block(tokens, head)
    end = matching(tokens, brace) if brace is not None else None
    if brace is None or end is None or tokens[end + 1 : end + 3] != ["else", "{"]:
        return None
    close = matching(tokens, end + 2)
    if close is None or not _leaves(tokens[brace + 1 : end]):
        return None
    init = _initializer(tokens[head + 1 : brace])
    rest = tokens[end + 3 : close]
    hoisted = _top_declared(init) | _top_declared(rest)
    outside = tokens[:head] + tokens[close + 1 :]
    if hoisted & set(outside):
        return None
    condition = tokens[head + 1 + len(init) + (1 if init else 0) : brace]
    kept = [*init, ";"] if init else []
    kept += ["if", *condition, *tokens[brace : end + 1]]
    kept += [";", *rest] if rest else []
    return _omitted(tokens[:head] + kept + tokens[close + 1 :])


def _leaves(block: list[str]) -> bool:
    """Whether the block's last statement leaves it: `return`, `continue`, `break`, `goto`."""
    depth, start = 0, 0
    for at, lexeme in enumerate(block):
        depth += (lexeme in _OPEN) - (lexeme in _CLOSE)
        if lexeme == ";" and depth == 0:
            start = at + 1
    return start < len(block) and block[start] in _LEAVES


def _initializer(header: list[str]) -> list[str]:
    """The `init` of `if init; cond`, or nothing."""
    depth = 0
    for at, lexeme in enumerate(header):
        depth += (lexeme in _OPEN) - (lexeme in _CLOSE)
        if lexeme == ";" and depth == 0:
            return header[:at]
    return []


def _top_declared(tokens: list[str]) -> set[str]:
    """The names a statement list declares at its top level (`:=` and `var`)."""
    wrapped = ["{", *tokens, "}"]
    depth, names = 0, set()
    for at, lexeme in enumerate(wrapped):
        depth += (lexeme in _OPEN) - (lexeme in _CLOSE)
        if depth == 1 and at and _declared(wrapped, at):
            names.add(lexeme)
    return names


def _omitted(tokens: list[str]) -> list[str]:
    """Without a `;` before `)` or `}`, or after another `;`, as `goforms.semicolons` writes."""
    kept: list[str] = []
    for at, lexeme in enumerate(tokens):
        following = tokens[at + 1] if at + 1 < len(tokens) else ""
        if lexeme == ";" and (following in (")", "}", ";") or not following):
            continue
        kept.append(lexeme)
    return kept


# REVIEW-E227: a line gofmt re-aligned (`timeMu    sync.Mutex` as `timeMu   sync.Mutex`) is the
# same line: no name of it is evidence
_SPACED = re.compile(r"\"(?:\\.|[^\"\\\n])*\"|`[^`]*`|'(?:\\.|[^'\\\n])*'|[ \t]+")


def realigned(hunks: Sequence[Hunk]) -> frozenset[Line]:
    """The changed lines that a line on the other side of their run of changed lines spells
    alike but for the blanks between its tokens (its indentation the same, its strings too)."""
    found: set[Line] = set()
    for hunk in hunks:
        for removed, added in runs(hunk):
            spelled = {_unspaced(line.text): line for line in added}
            for line in removed:
                twin = spelled.pop(_unspaced(line.text), None)
                if twin is not None and line.text != twin.text:
                    found.update((line, twin))
    return frozenset(found)


def _unspaced(text: str) -> tuple[str, str]:
    indent = text[: len(text) - len(text.lstrip())]
    return indent, _SPACED.sub(lambda found: found[0] if found[0][0] in "\"`'" else "", text)
