"""Ruby as RuboCop rewrites it, read as the same code (REVIEW-E139, REVIEW-E278, REVIEW-E279):
an unfrozen empty string `+''` as `''.dup`; a call's parentheses around its arguments
(`raise(E, 'm')` as `raise E, 'm'`) where the call ends its statement; a one-line `if c` or
`unless c` block as the modifier `x if c`; `has_key?` as `key?`, `has_value?` as `value?`
(Hash's aliases); `=begin`/`=end` block comments (REVIEW-E280); and a literal constant moved
within its class (REVIEW-E282). Pure: text and tokens in and out."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from specflow.languages.brackets import matching

if TYPE_CHECKING:
    from specflow.change import Hunk, Line

CALL = "\x02"  # before a `(` written against a method's name: `raise(`, not `raise (`
LINE = "\x03"  # a line's end

_EMPTY = frozenset({"''", '""'})
_UNFROZEN = "\x00+''"


def unfrozen(tokens: list[str]) -> list[str]:
    """REVIEW-E139: Ruby's `+''` and `''.dup` (RuboCop's Performance/UnfreezeString), each an
    unfrozen empty string, as one token; a binary `x + ''`, `-''`, `''.freeze`, `String.new`
    (binary, ASCII-8BIT) and a bare `''` (frozen under the magic comment) stay as written."""
    out: list[str] = []
    at = 0
    while at < len(tokens):
        word, following = tokens[at], tokens[at + 1 : at + 3]
        if word == "+" and _unary_empty(out, following):
            out.append(_UNFROZEN)
            at += 2
        elif word in _EMPTY and following == [".", "dup"]:
            out.append(_UNFROZEN)
            at += 3
        else:
            out.append(word)
            at += 1
    return out


def _unary_empty(before: list[str], following: list[str]) -> bool:
    """`+''` where `+` is unary (no operand before it) and applies to the literal itself, not
    to a call on it (`+''.freeze` is `+(''.freeze)`)."""
    operand = bool(before) and (before[-1][-1:].isalnum() or before[-1][-1:] in ")]}_'\"")
    if operand or not following or following[0] not in _EMPTY:
        return False
    return len(following) < 2 or following[1] not in (".", "[", "&", "::")


# REVIEW-E278: a name written against its `(`, outside strings (kept as they are)
_CALLED = re.compile(
    r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|(?<![\w%$@:.])(?P<name>[A-Za-z_]\w*[?!]?)\("
    r"|(?<=\.)(?P<method>[A-Za-z_]\w*[?!]?)\("
)
_KEYWORDS = frozenset(
    [
        "if",
        "unless",
        "while",
        "until",
        "and",
        "or",
        "not",
        "when",
        "case",
        "elsif",
        "def",
        "class",
        "module",
        "then",
        "do",
        "begin",
        "end",
        "rescue",
        "ensure",
        "in",
        "return",
        "yield",
        "super",
        "defined",
        "else",
    ]
)
_ENDS = frozenset(("if", "unless", "while", "until", "rescue", ";"))
_ALIASES = {"has_key": "key", "has_value": "value"}  # Hash#has_key? is Hash#key?


def marked(text: str) -> str:
    """REVIEW-E278: the text with a call's `(` marked (`CALL`) and each line's end (`LINE`)."""

    def mark(found: re.Match[str]) -> str:
        name = found["name"] or found["method"]
        if name is None or (found["name"] and name in _KEYWORDS):
            return found[0]
        return f"{name} {CALL}("

    return _CALLED.sub(mark, text).replace("\n", f" {LINE} ")


def spelled(tokens: list[str]) -> list[str]:
    """REVIEW-E278, REVIEW-E279: marked tokens spelled one way: Hash's aliases, a one-line
    `if`/`unless` block as its modifier, a call's parentheses dropped where its statement
    ends; then without the line ends."""
    out = _modifiers(_aliased(_collapsed(tokens)))
    out = _unparenthesized(out)
    return unfrozen([token for token in out if token != LINE])


def _collapsed(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for token in tokens:
        if token != LINE or (out and out[-1] != LINE):
            out.append(token)
    return out


def _aliased(tokens: list[str]) -> list[str]:
    return [
        _ALIASES.get(token, token)
        if at and tokens[at - 1] == "." and tokens[at + 1 : at + 2] == ["?"]
        else token
        for at, token in enumerate(tokens)
    ]


_BLOCKS = frozenset(
    [
        "if",
        "unless",
        "else",
        "elsif",
        "end",
        "while",
        "until",
        "rescue",
        "ensure",
        "begin",
        "do",
        "def",
        "case",
        "when",
        "then",
    ]
)


def _modifiers(tokens: list[str]) -> list[str]:
    """`if c LINE x LINE end` as `x if c LINE`, at a statement's start, `x` one line holding
    no keyword of a block, `c` ending with an operand (a condition going on below is not) and
    assigning nothing (`if (exp = payload['exp'])`: the modifier form reads `exp` in its body
    before the condition assigns it, a NameError)."""
    out = list(tokens)
    for at in range(len(out) - 1, -1, -1):
        if out[at] not in ("if", "unless") or (at and out[at - 1] not in (LINE, ";")):
            continue
        condition_end = _next(out, at + 1, LINE)
        body_end = _next(out, condition_end + 1, LINE) if condition_end >= 0 else -1
        if body_end < 0 or out[body_end + 1 : body_end + 2] != ["end"]:
            continue
        condition, body = out[at + 1 : condition_end], out[condition_end + 1 : body_end]
        after = out[body_end + 2 : body_end + 3]
        plain = _operand(condition) and not _assigns(condition)
        if plain and body and not _BLOCKS & set(body) and after in ([], [LINE]):
            out[at : body_end + 2] = [*body, out[at], *condition]
    return out


def _assigns(condition: list[str]) -> bool:
    """Whether a condition's tokens assign (`=`, `||=`, `+=`; not `==`, `!=`, `<=`, `=~`, `=>`)."""
    for at, item in enumerate(condition):
        before = condition[at - 1] if at else ""
        after = condition[at + 1] if at + 1 < len(condition) else ""
        if item == "=" and before not in ("=", "!", "<", ">") and after not in ("=", "~", ">"):
            return True
    return False


def _next(tokens: list[str], at: int, token: str) -> int:
    try:
        return tokens.index(token, at)  # SPEED-21: no copy of the rest for each `if`
    except ValueError:
        return -1


def _operand(condition: list[str]) -> bool:
    last = condition[-1][-1:] if condition else ""
    return bool(last) and (last.isalnum() or last in "_)]}?!\"'") and "then" not in condition


def _unparenthesized(tokens: list[str]) -> list[str]:
    """`name CALL ( args )` as `name args` where the `)` ends the statement (the line, a `;`,
    a modifier) and `args` is some, opens with no hash's `{` (`foo {}` passes a block) and holds
    no `do` (which would bind to another call). The dropped tokens stay in place until the
    end (SPEED-22: a long run stays linear): they are balanced pairs, which no later reading
    here tells from absent ones."""
    dropped: set[int] = set()
    for at in range(len(tokens) - 1, -1, -1):
        if tokens[at] != CALL or tokens[at + 1 : at + 2] != ["("]:
            continue
        close = matching(tokens, at + 1)
        if close is None or tokens[at + 2] in (")", "{") or "do" in tokens[at + 2 : close]:
            continue
        following = _following(tokens, close, dropped)
        ends = not following or following[0] in _ENDS
        if ends or (following[0] == LINE and following[1:2] not in (["."], ["&"])):
            dropped.update((at, at + 1, close))
    return [item for index, item in enumerate(tokens) if index not in dropped]


def _following(tokens: list[str], close: int, dropped: set[int]) -> list[str]:
    """The two tokens after `close` that are not dropped."""
    found: list[str] = []
    for index in range(close + 1, len(tokens)):
        if index not in dropped:
            found.append(tokens[index])
            if len(found) == 2:
                break
    return found


def unblocked(hunk: Hunk) -> Hunk:
    """REVIEW-E280: the hunk with the lines of each `=begin` ... `=end` block comment that
    its removed or its added lines hold whole, blank."""
    removed, added = (_uncommented(lines) for lines in (hunk.removed, hunk.added))
    return hunk._replace(removed=removed, added=added)


def _uncommented(lines: Sequence[Line]) -> tuple[Line, ...]:
    out, start = list(lines), None
    for index, line in enumerate(lines):
        if start is None and _BEGIN.match(line.text):
            start = index
        elif start is not None and _END.match(line.text):
            if lines[index].number - lines[start].number == index - start:  # one block, whole
                out[start : index + 1] = [
                    line._replace(text="") for line in lines[start : index + 1]
                ]
            start = None
    return tuple(out)


_BEGIN = re.compile(r"=begin(?:\s|\Z)")
_END = re.compile(r"=end(?:\s|\Z)")


def same_spelled(
    runs: Sequence[tuple[list[Line], list[Line]]], tokens: Callable[..., list[str]]
) -> bool:
    """REVIEW-E278, REVIEW-E279: whether each run's removed and added lines are the same
    tokens as written, or once each is spelled as RuboCop spells it."""
    return all(
        unfrozen(tokens(old)) == unfrozen(tokens(new))
        or spelled(tokens(old, respell=marked)) == spelled(tokens(new, respell=marked))
        for old, new in runs
    )


# REVIEW-E282: a constant given a literal value (strings, symbols, numbers, arrays and hashes of
# them, `.freeze`), moved unchanged within the class or module that holds it
_CONSTANT = re.compile(r"[A-Z][A-Z0-9_]*\Z")
_LITERAL_WORDS = frozenset(("freeze", "true", "false", "nil"))
_OPENER = re.compile(r"\s*(?:class|module)\s+([\w:]+|<<)")


Runs = list[tuple[list["Line"], list["Line"]]]  # a hunk's runs, removed and added (tokens.runs)


def moved_constants(
    hunks: Sequence[Runs],
    found: set[int],
    texts: tuple[str | None, str | None],
    tokens: Callable[[Sequence[Line]], list[str]],
) -> set[int]:
    """REVIEW-E282: the hunks (given by their runs), of those not in `found`, whose every run
    only removes or only adds literal constants that another such run adds or removes as the
    same tokens, in the same class or module, defined once in the new text and named nowhere
    above it."""
    if texts[0] is None or texts[1] is None:
        return set()
    lines = texts[0].split("\n"), texts[1].split("\n")
    moves: dict[int, list[tuple[list[str], tuple[str, ...]]]] = {0: [], 1: []}
    pending: list[tuple[int, int, list[str]]] = []
    for index, runs in enumerate(hunks):
        if index in found:
            continue
        for old, new in runs:
            side, run = (0, old) if old and not new else (1, new) if new and not old else (2, [])
            code = tokens(run) if side < 2 else []
            name = _constant(code)
            if side == 2 or name is None:
                return set()
            scope = _scope(lines[side], run[0].number)
            if side == 1 and not _first_use(lines[1], name, run[0].number):
                return set()
            moves[side].append((code, scope))
            pending.append((index, side, code))
    if sorted(moves[0]) != sorted(moves[1]) or not moves[0]:
        return set()
    return {index for index, _, _ in pending}


def _constant(code: list[str]) -> str | None:
    """The constant the tokens assign a literal to, alone; else None."""
    if len(code) < 3 or not _CONSTANT.match(code[0]) or code[1] != "=" or code[2] == "=":
        return None
    rest = code[2:]
    for at, item in enumerate(rest):
        word = item[:1].isalpha() or item[:1] == "_"
        after, before = rest[at + 1 : at + 2], rest[at - 1 : at] if at else []
        if item == ":" and (after == [":"] or before == [":"]):
            return None  # `Foo::Bar` names another constant
        if word and item not in _LITERAL_WORDS and before != [":"] and after != [":"]:
            return None
    return code[0]


def _scope(lines: list[str], number: int) -> tuple[str, ...]:
    """The classes, modules and other blocks (`if ENV[...]`, `def`) around line `number` (from
    1), read by indentation: a constant moved out of an `if` in its class is no move."""
    depth = len(lines[number - 1]) - len(lines[number - 1].lstrip())
    chain: list[str] = []
    for line in reversed(lines[: number - 1]):
        text = line.strip()
        indent = len(line) - len(line.lstrip())
        if not text or text.startswith("#") or indent >= depth:
            continue
        found = _OPENER.match(line)
        chain.append(found[1] if found else text)
        depth = indent
    return tuple(reversed(chain))


def _first_use(lines: list[str], name: str, number: int) -> bool:
    """Whether the new text names `name` nowhere above line `number`, nor defines it twice."""
    word = re.compile(rf"\b{name}\b")
    above = any(word.search(line) for line in lines[: number - 1])
    defined = sum(1 for line in lines if re.match(rf"\s*{name}\s*=[^=]", line))
    return not above and defined == 1
