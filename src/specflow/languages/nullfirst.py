"""REVIEW-E418: a Yoda comparison turned round, `null == x` as `x == null` (and `!=`, and
JavaScript's `===` and `!==`), in the languages whose `==` with `null` no program can redefine:
Java and JavaScript (TypeScript too). C# and C++ let a type overload `==`, so its two operands
are not interchangeable there; C is left to its own reading (REVIEW-E97)."""

from __future__ import annotations

import re

_NAME = re.compile(r"[A-Za-z_$][\w$]*\Z")
_NOT_NAMES = frozenset(
    ("new", "null", "true", "false", "typeof", "void", "delete", "await", "yield", "instanceof")
)
# what may stand right before and after the comparison so that it is one operand of what is
# around it, every one of them binding looser than `==`: `(`, `&&`, `?`, `,`, `return` ...
_OPENS = frozenset(("(", "[", "{", ",", ";", "?", ":", "&", "|", "^", "return"))
_CLOSES = frozenset((")", "]", "}", ",", ";", "?", ":", "&", "|", "^"))
_OPERATORS = (["=", "=", "="], ["!", "=", "="], ["=", "="], ["!", "="])


def yoda_turned(tokens: list[str]) -> list[str]:
    """The tokens with each `null OP x` as `x OP null`, where `x` is a name or a chain of
    members without a call or an index (`builder`, `this.buffer.length`): evaluating `null`
    does nothing, so both read `x` once, and `==` of `null` is symmetric. A comparison that an
    operator around would bind otherwise (`!null == x`, `null == x + 1`) is left as it is."""
    if "null" not in tokens:
        return tokens
    out: list[str] = []
    at = 0
    while at < len(tokens):
        turned = _turned(tokens, at) if tokens[at] == "null" else None
        if turned is None:
            out.append(tokens[at])
            at += 1
            continue
        operator, end = turned
        out += [*tokens[at + 1 + len(operator) : end], *operator, "null"]
        at = end
    return out


def _turned(tokens: list[str], at: int) -> tuple[list[str], int] | None:
    """The operator after `null` at `at` and where the chain compared to it ends."""
    operator = next((op for op in _OPERATORS if tokens[at + 1 : at + 1 + len(op)] == op), None)
    if operator is None or not _opens(tokens, at):
        return None
    end = _chain_end(tokens, at + 1 + len(operator))
    if end is None or end >= len(tokens) or tokens[end] not in _CLOSES:
        return None
    if tokens[end : end + 2] == ["?", "."]:  # JavaScript's `x?.y` goes on
        return None
    return operator, end


def _opens(tokens: list[str], at: int) -> bool:
    before = tokens[at - 1] if at else ""
    if before == "=":  # an assignment's `=`, not the end of `==`, `!=`, `<=` or `>=`
        return at > 1 and tokens[at - 2] not in ("=", "!", "<", ">")
    return before in _OPENS


def _chain_end(tokens: list[str], at: int) -> int | None:
    if at >= len(tokens) or not _plain(tokens[at]):
        return None
    at += 1
    while tokens[at : at + 1] == ["."] and at + 1 < len(tokens) and _plain(tokens[at + 1]):
        at += 2
    return at


def _plain(word: str) -> bool:
    return bool(_NAME.fullmatch(word)) and word not in _NOT_NAMES
