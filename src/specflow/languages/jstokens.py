"""JavaScript read as tokens over a whole side of a file, with its brackets matched, for the
respellings of `jsmodern` (REVIEW-E395) and `jsvar` (REVIEW-E396). Pure: code in, tokens out."""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

_TOKEN = re.compile(
    r"(?P<re>/ +/[a-z]*)"  # a regular expression, its text blanked
    r"|\$\{|[A-Za-z_$][\w$]*|\d[\w.]*|'[^'\n]*'|\"[^\"\n]*\"|=>|\.\.\.|\?\.(?!\d)"
    r"|>>>=|(?:\*\*|<<|>>|&&|\|\||\?\?)=|[-+*/%&|^]=|===|!==|==|!=|<=|>=|&&|\|\||\?\?"
    r"|\+\+|--|\*\*|\S"
)
NAME = re.compile(r"[A-Za-z_$][\w$]*\Z")
_PAIRS = {"(": ")", "[": "]", "{": "}", "${": "}"}
RESERVED = frozenset(
    {"break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete"}
    | {"do", "else", "enum", "export", "extends", "false", "finally", "for", "function", "if"}
    | {"import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw"}
    | {"true", "try", "typeof", "var", "void", "while", "with", "yield", "let", "static"}
    | {"await", "implements", "package", "protected", "interface", "private", "public"}
)


class Tokens(NamedTuple):
    """A side's code (strings and regular expressions blanked) as tokens, with where each
    starts, its line, the index of the bracket that matches it, and the group it is in."""

    text: list[str]
    start: list[int]
    line: list[int]
    partner: list[int]
    parent: list[int]


def read(code: str) -> Tokens | None:
    """The code's tokens; None when its brackets do not balance (nothing is read then)."""
    found = list(_TOKEN.finditer(code))
    text = ["\x00re" if match["re"] else match[0] for match in found]
    start = [match.start() for match in found]
    breaks = [at for at, char in enumerate(code) if char == "\n"]
    line = [bisect.bisect_left(breaks, at) + 1 for at in start]
    partner, parent, stack = [-1] * len(text), [-1] * len(text), list[int]()
    for index, part in enumerate(text):
        parent[index] = stack[-1] if stack else -1
        if part in _PAIRS:
            stack.append(index)
        elif part in ")]}":
            if not stack or _PAIRS[text[stack[-1]]] != part:
                return None
            opened = stack.pop()
            partner[opened], partner[index] = index, opened
            parent[index] = stack[-1] if stack else -1
    return None if stack else Tokens(text, start, line, partner, parent)
