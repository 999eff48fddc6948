"""TypeScript's type syntax inside expressions, which the compiler erases (REVIEW-E277): an
assertion `x as T` (or `x satisfies T`), the older `<T>x` (not in `.tsx`, where it is JSX), a
non-null assertion `x!`, a function's return type `): T {` and its parameters' types
`(a?: T)` (REVIEW-E431). Two runs that are the same
tokens once these are dropped run the same code. Pure: text and tokens in, tokens out."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from specflow.change import Line
    from specflow.languages.tokens import Side

    Tokens = Callable[..., list[str]]  # tokens.py's reading of lines on a side

# a `!` right after an operand, not `!=`/`!==`, outside strings (kept as they are)
_BANG = re.compile(
    r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|`[^`]*`"
    r"|(?<=[\w$)\]])(?<!\breturn)(?<!\btypeof)(?<!\bvoid)(?<!\bawait)(?<!\byield)"
    r"(?<!\bcase)(?<!\bthrow)(?<!\bdelete)(?<!\bin)(?<!\bof)(?<!\belse)(?<!\bdo)!(?!=)"
)
_KEYWORDS = frozenset(
    [
        "return",
        "typeof",
        "void",
        "await",
        "yield",
        "case",
        "throw",
        "delete",
        "in",
        "of",
        "else",
        "do",
        "new",
        "instanceof",
    ]
)
# a token after which `<` opens an expression: no operand stands before it
_OPENS = frozenset((*"(,=[{:?!&|;-+*%~^>", "return"))
_TYPE_PREFIX = frozenset(("keyof", "typeof", "readonly", "unique", "infer"))
_PAIRS = {"(": ")", "[": "]", "{": "}", "<": ">"}


def same_erased(
    path: str,
    runs: Sequence[tuple[list[Line], list[Line]]],
    sides: tuple[Side | None, Side | None],
    tokens: Tokens,
    spell: Callable[[list[str]], list[str]],
) -> bool:
    """REVIEW-E277: whether each run's removed and added lines are the same tokens (`tokens`,
    then `spell`) once type syntax is erased from both."""

    def erased_tokens(lines: list[Line], side: Side | None) -> list[str]:
        names = bool(lines) and side is not None and listed(side.code, lines[0].number)
        found = tokens(lines, side=side, respell=unasserted)
        if lines and side is not None and parameter_lines(side.code, lines[0].number, len(lines)):
            found = ["f", "(", *found, ")", "{"]  # read as the list it sits in
            return spell(erased(found, path.endswith(".tsx"), names)[2:-2])
        return spell(erased(found, path.endswith(".tsx"), names))

    return all(erased_tokens(old, sides[0]) == erased_tokens(new, sides[1]) for old, new in runs)


def unasserted(text: str) -> str:
    """The text without its non-null assertions (`payload.iat!`)."""
    return _BANG.sub(lambda found: found[0] if found[0] != "!" else "", text)


def erased(tokens: list[str], jsx: bool, listed: bool) -> list[str]:
    """The tokens without `as T`, `satisfies T`, `<T>x` (not in JSX) and `): T {`, and a
    group `(x)` or `(x.y)` that held no more than a name as its parentheses; `listed`: the
    run may be a line of an `import { a as b }` list, where `as` renames (kept)."""
    rest = unannotated(tokens)  # read from `at` on; the slots before `at` are free
    modules = (
        listed
        or "import" in rest
        or any(word == "export" and after in ("{", "*", "type") for word, after in pairwise(rest))
    )
    kept: list[str] = []
    at = 0
    while at < len(rest):
        end = _erasure(kept, rest, at, jsx, modules)
        if end is None:
            kept.append(rest[at])
            at += 1
        elif kept:  # the token before the erased one meets new tokens: read it again
            at = end - 1
            rest[at] = kept.pop()
        else:
            at = end
    return _ungrouped(kept)


def _erasure(kept: list[str], rest: list[str], at: int, jsx: bool, modules: bool) -> int | None:
    """Where type syntax starting at `rest[at]` ends (`rest[at]` is the first token dropped);
    `kept` is what stands before it. Erasing in one pass, never deleting from a list, keeps a
    long run linear (SPEED-22)."""
    item, before = rest[at], kept[-1] if kept else ""
    if item in ("as", "satisfies") and not modules and _operand(before):
        return _type_end(rest, at + 1)
    if item == "<" and not jsx and (not kept or before in _OPENS):
        end = _type_end(rest, at + 1)
        return end + 1 if end is not None and rest[end : end + 1] == [">"] else None
    if item == ":" and before == ")":
        end = _type_end(rest, at + 1)
        if end is None:
            return None
        if rest[end : end + 1] == ["{"] and _named_call(kept, len(kept) - 1):
            return end
        if rest[end : end + 2] == ["=", ">"] and _arrow_parameters(kept, len(kept) - 1):
            return end
    return None


def _operand(item: str) -> bool:
    word = item[:1].isalnum() or item[:1] in "_$"
    return (word and item not in _KEYWORDS) or item in (")", "]") or item[:1] in "\"'"


def _named_call(tokens: list[str], close: int) -> bool:
    """Whether the `)` at `close` ends a list of parameters after a name or generics."""
    depth, at = 0, close
    while at >= 0:
        depth += (tokens[at] == ")") - (tokens[at] == "(")
        if depth == 0:
            before = tokens[at - 1] if at else ""
            return before == ">" or (_operand(before) and before[:1] not in "\"')]")
        at -= 1
    return False


# where an arrow function's parameters may open; not after a name (a call: `f(a) : x => y` is
# a ternary's call and its else arrow), nor after `?` or `:` (`c ? (a) : x => y`)
_ARROW_AFTER = frozenset(("=", "(", ",", "async", ">", "return", "=>"))


def _arrow_parameters(tokens: list[str], close: int) -> bool:
    """Whether the `)` at `close` ends an arrow function's parameters (REVIEW-E277)."""
    depth, at = 0, close
    while at >= 0:
        depth += (tokens[at] == ")") - (tokens[at] == "(")
        if depth == 0:
            return not at or tokens[at - 1] in _ARROW_AFTER
        at -= 1
    return False


def _type_end(tokens: list[str], at: int) -> int | None:
    """The index after the type that starts at `at`: members joined by `|` or `&`."""
    end = _member(tokens, at)
    while end is not None and end < len(tokens) and tokens[end] in ("|", "&"):
        end = _member(tokens, end + 1)
    return end


def _member(tokens: list[str], at: int) -> int | None:
    while at < len(tokens) and tokens[at] in _TYPE_PREFIX:
        at += 1
    if at >= len(tokens):
        return None
    item = tokens[at]
    if item in ("(", "[", "{"):
        close = _close(tokens, at)
        if close is None:
            return None
        at = close + 1
        if item == "(" and tokens[at : at + 2] == ["=", ">"]:  # a function's type
            return _type_end(tokens, at + 2)
    elif item[:1].isalnum() or item[:1] in "_$\"'":
        at += 1
        while (
            tokens[at : at + 1] == ["."] and at + 1 < len(tokens) and tokens[at + 1][:1].isalpha()
        ):
            at += 2
        if tokens[at : at + 1] == ["<"]:
            close = _close(tokens, at)
            if close is None:
                return None
            at = close + 1
    else:
        return None
    while tokens[at : at + 1] == ["["]:  # `T[]`, `Parameters<F>[1]`
        close = _close(tokens, at)
        if close is None:
            return None
        at = close + 1
    return at


def _close(tokens: list[str], at: int) -> int | None:
    """The index of the bracket that closes the one at `at` (angles count only their own)."""
    opener = tokens[at]
    closer, depth = _PAIRS[opener], 0
    for index in range(at, len(tokens)):
        item = tokens[index]
        if opener == "<" and item in (";", "{", "}") and index > at:
            return None
        depth += (item == opener) - (item == closer)
        if depth == 0:
            return index
    return None


_MODIFIERS = frozenset(("public", "private", "protected", "readonly", "override"))
_STATEMENTS = frozenset(("if", "while", "for", "switch", "with"))
_CLOSERS = {")": "(", "]": "[", "}": "{"}
_OPENERS = frozenset(_CLOSERS.values())


def unannotated(tokens: list[str]) -> list[str]:
    """REVIEW-E431: the tokens without the type annotations and optional `?` of the parameters
    of each parameter list they hold whole (a `this: T` parameter goes whole); a list that
    reads as anything else (a call's arguments) is kept as it is."""
    if "/" in tokens:
        return list(tokens)  # a regular expression's text is not told from code here: kept
    pairs = _pairs(tokens)
    quoted = _in_templates(tokens)
    dropped = bytearray(len(tokens))
    for start, close in pairs.items():
        if tokens[start] != "(" or start in quoted or close in quoted:
            continue
        if _parameter_list(tokens, start, close):
            for index in _annotations(tokens, start, close, pairs) or ():
                dropped[index] = 1
    return [item for item, drop in zip(tokens, dropped, strict=True) if not drop]


def _in_templates(tokens: list[str]) -> set[int]:
    """The indexes of the tokens between a template literal's backticks, whose text is a value
    (`run(value: old) {` there is no parameter list)."""
    inside: set[int] = set()
    opened = False
    for index, item in enumerate(tokens):
        if item == "`":
            opened = not opened
        elif opened:
            inside.add(index)
    return inside


def _pairs(tokens: list[str]) -> dict[int, int]:
    """Each `(`, `[` and `{` with the index of the bracket that closes it (one pass, SPEED-22);
    a closer that meets another opener is skipped."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for index, item in enumerate(tokens):
        if item in _PAIRS and item != "<":
            stack.append(index)
        elif item in _CLOSERS and stack and tokens[stack[-1]] == _CLOSERS[item]:
            pairs[stack.pop()] = index
    return pairs


def _parameter_list(tokens: list[str], start: int, close: int) -> bool:
    """Whether the `(` at `start` opens a function's parameters: `name(...) {` (not `if`'s),
    `name(...): T {`, `(...) =>` (not a call's) or an arrow's `(...): T =>`."""
    before = tokens[start - 1] if start else ""
    named = before in (">", "*") or (
        _operand(before) and before[:1] not in "\"')]" and before not in _STATEMENTS
    )
    after = close + 1
    if tokens[after : after + 1] == [":"]:
        end = _type_end(tokens, after + 1)
        if end is None:
            return False
        if tokens[end : end + 1] == ["{"]:
            return named
        return tokens[end : end + 2] == ["=", ">"] and (not start or before in _ARROW_AFTER)
    if tokens[after : after + 1] == ["{"]:
        return named
    return tokens[after : after + 2] == ["=", ">"] and (before == "async" or not _operand(before))


def _annotations(tokens: list[str], start: int, close: int, pairs: dict[int, int]) -> list[int]:
    """The indexes of the parameters' annotations in the list from `start` to `close`; none if
    a parameter reads as no parameter (`a ? b : c`, `f(x)`)."""
    drops: list[int] = []
    at = start + 1
    while at < close:
        first = at
        while tokens[at] in _MODIFIERS and _binds(tokens[at + 1]):
            at += 1
        at += 3 if tokens[at : at + 3] == [".", ".", "."] else 0
        if tokens[at] in ("{", "[") and pairs.get(at, close) < close:
            at = pairs[at] + 1
        elif _binds(tokens[at]):
            at += 1
        else:
            return []
        if tokens[at] == "?":
            drops.append(at)
            at += 1
        if tokens[at] == ":":
            end = _annotation_end(tokens, at + 1, close, pairs)
            if end is None:
                return []
            this = tokens[first : first + 1] == ["this"] and at == first + 1
            drops.extend(range(first if this else at, end + (this and tokens[end] == ",")))
            at = end
        if tokens[at] == "=":
            at = _value_end(tokens, at + 1, close, pairs)
        if at < close and tokens[at] != ",":
            return []
        at += 1
    return drops


def _binds(item: str) -> bool:
    return (item[:1].isalpha() or item[:1] in "_$") and item not in _KEYWORDS


def _annotation_end(tokens: list[str], at: int, close: int, pairs: dict[int, int]) -> int | None:
    """Where a parameter's type from `at` ends: the `,`, `)` or default's `=` at the list's
    depth, `<...>` and brackets nesting (the `=>` of a function type is no default)."""
    start, angles = at, 0
    while at < close:
        item = tokens[at]
        if item in _OPENERS:
            if pairs.get(at, close) >= close:
                return None
            at = pairs[at] + 1
            continue
        if item in _CLOSERS or item == ";":
            return None
        if item == "<":
            angles += 1
        elif item == ">" and tokens[at - 1] != "=":
            angles -= 1
            if angles < 0:
                return None
        elif not angles and (item == "," or (item == "=" and tokens[at + 1] != ">")):
            break
        at += 1
    return at if at > start and not angles else None


def _value_end(tokens: list[str], at: int, close: int, pairs: dict[int, int]) -> int:
    """Where a default value from `at` ends: the `,` or `)` at the list's depth."""
    while at < close and tokens[at] != ",":
        at = pairs[at] + 1 if tokens[at] in _OPENERS and at in pairs else at + 1
    return min(at, close)


def _ungrouped(tokens: list[str]) -> list[str]:
    """`(x)` and `(x.y)` as `x` and `x.y` where the `(` is no call's (no operand before it)."""
    out: list[str] = []
    at = 0
    while at < len(tokens):
        close = _name_group(tokens, at)
        if close is not None and not ((out and _operand(out[-1])) or out[-1:] == [">"]):
            out.extend(tokens[at + 1 : close])
            at = close + 1
        else:
            out.append(tokens[at])
            at += 1
    return out


def _name_group(tokens: list[str], at: int) -> int | None:
    if tokens[at] != "(":
        return None
    index = at + 1
    while index < len(tokens) and (tokens[index][:1].isalpha() or tokens[index][:1] in "_$"):
        if tokens[index] in _KEYWORDS:
            return None
        if tokens[index + 1 : index + 2] == ["."]:
            index += 2
            continue
        return index + 1 if tokens[index + 1 : index + 2] == [")"] else None
    return None


_LIST_OPENS = re.compile(r"\s*(?:import\b[^;(=]*\{|export[ \t]+(?:type[ \t]*)?\{)")


def listed(code: list[str], number: int) -> bool:
    """Whether line `number` (from 1) may sit in an `import { ... }` or `export { ... }` list:
    the lines from it up to an `import` or `export` hold no other code."""
    for line in reversed(code[:number]):
        if _LIST_OPENS.match(line):
            return "}" not in line or line is code[number - 1]
        if any(char in line for char in "{};()="):
            return False
    return False


_WORDS = re.compile(r"\w+|[^\w\s]")
_REACH = 40  # lines read each way for the list a run sits in


def parameter_lines(code: list[str], number: int, count: int) -> bool:
    """REVIEW-E431: whether the `count` lines from line `number` (from 1) lie between the
    parameters of one list spread over lines: a `(` opens it above them (after a `,` or the
    `(` itself), a `)` closes it below (before which a `,` ends them or the `)` comes first)
    and it opens a function's parameters (`name(`, then `) {`, `): T {` or `) =>`)."""
    first, end = number - 1, number - 1 + count
    before = _words(code[max(0, first - _REACH) : first])
    run, after = _words(code[first:end]), _words(code[end : end + _REACH])
    opener = _unclosed(before)
    closer = _unclosed(after, below=True)
    if opener is None or closer is None or not run or before[-1] not in ("(", ","):
        return False
    if run[-1] != "," and after[:1] != [")"]:
        return False
    context = [*before[max(0, opener - 1) : opener + 1], ")", *after[closer + 1 : closer + 40]]
    at = 1 if opener else 0
    return _parameter_list(context, at, at + 1)


def _words(lines: list[str]) -> list[str]:
    return [item for line in lines for item in _WORDS.findall(line)]


def _unclosed(tokens: list[str], *, below: bool = False) -> int | None:
    """The index of the last `(` left open in `tokens` (`below`: of the first `)` that closes
    a `(` above them); none if another bracket is met first."""
    indexes = range(len(tokens)) if below else range(len(tokens) - 1, -1, -1)
    opened, closed = (_OPENERS, _CLOSERS) if below else (_CLOSERS, _OPENERS)
    depth = 0
    for index in indexes:
        item = tokens[index]
        depth += (item in opened) - (item in closed)
        if depth < 0:
            return index if item == ("(" if not below else ")") else None
    return None
