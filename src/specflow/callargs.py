"""What of a statement's quoted call is no name it speaks of. Pure."""

from __future__ import annotations

import re

# REVIEW-E284: one argument of a quoted call (`Jwt::encode($payload, $key)`, `f(x, *args)`,
# `new(...)`): a bare name, with its sigils; a PHP or Java type before a variable (`array $jwk`)
# stays, as do a keyword argument (`partial=True`), a dotted chain and a call
_BARE_ARGUMENT = re.compile(r"\s*(?:[&*]{0,2}|\.\.\.)\s*(?:(?:[A-Za-z_\\?]\w*\s+)?\$\w+|\w+)?\s*")
_CALL = re.compile(r"[\w$]\s*\(")


def without_arguments(span: str) -> str:
    """REVIEW-E284: a quoted call with its bare arguments blanked: a parameter's name in a
    signature a statement quotes is what the statement is about only through its callee (a
    `$payload` of another function says nothing of `encode`)."""
    if "(" not in span or not _CALL.search(span):
        return span
    out = list(span)
    for call in _CALL.finditer(span):
        close = _closing(span, call.end())
        if close is None:
            continue
        at = call.end()
        for part in _arguments(span, at, close):
            if _BARE_ARGUMENT.fullmatch(span[at : at + len(part)]):
                keep_type = re.match(r"\s*([A-Za-z_\\?]\w*)\s+\$", part)
                start = at + (keep_type.end() - 1 if keep_type else 0)
                out[start : at + len(part)] = " " * (at + len(part) - start)
            at += len(part) + 1
    return "".join(out)


def _closing(span: str, at: int) -> int | None:
    """The index of the `)` that closes the bracket opened just before `at`."""
    depth = 1
    for index in range(at, len(span)):
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(span[index], 0)
        if depth == 0:
            return index
    return None


def _arguments(span: str, start: int, end: int) -> list[str]:
    """The top-level arguments between `start` and `end`, split at their commas."""
    parts, depth, at = [], 0, start
    for index in range(start, end):
        char = span[index]
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(span[at:index])
            at = index + 1
    parts.append(span[at:end])
    return parts
