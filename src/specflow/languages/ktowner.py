"""The Kotlin class whose body holds a function (REVIEW-E411): `toString` inside `class
MultiUsageError(...) {` (or its `companion object`) is that class's, as REVIEW-E146 reads a Rust
method of its `impl` block, so that reading `fun ... = expr` as a definition keeps its class."""

from __future__ import annotations

import re
from collections.abc import Sequence

from specflow.languages.defining import definition_at, spread_header
from specflow.languages.ktforms import MODIFIERS

OWNER_SCAN = 400  # lines read above a change for the class that holds it

_CLASS = re.compile(
    r"\s*(?:@[\w.:]+(?:\([^()\n]*\))?\s+)*"
    rf"(?:(?:{MODIFIERS}|fun(?=\s+interface))\s+)*"
    r"(?:(companion)\s+object\b|(?:class|interface|object)\s+([A-Za-z_]\w*))"
)
_ANONYMOUS = re.compile(r"(?:^|[\s=(,])object\s*[:{]")  # `object : Comparator<T> {`


def kotlin_owned(lines: Sequence[str], line: int, name: str) -> tuple[str, ...]:
    """`(Class, name)` when the function `name` around line `line` is a member of a class, an
    interface or an object (a companion object's is its class's); else `(name,)`."""
    owner = _owner(lines, line, name)
    return (owner, name) if owner and owner != name else (name,)


def _owner(lines: Sequence[str], line: int, name: str) -> str:
    if not 0 < line <= len(lines):
        return ""
    depth, defined = _indent(lines[line - 1]) + 1, False
    # a line that starts inside a `"""` string is no code, at any indent
    raw = sum(text.count('"""') for text in lines[: line - 1]) % 2 == 1
    for number in range(line, max(0, line - OWNER_SCAN), -1):
        text = lines[number - 1]
        raw = raw != (number < line and text.count('"""') % 2 == 1)
        if raw or not text.strip() or _indent(text) >= depth:
            continue
        depth = _indent(text)
        header = spread_header(lines, number) or text  # `) : Base<T> {` closes a header
        if found := _CLASS.match(header):
            if found[1]:
                continue
            return found[2] if defined else ""
        if _ANONYMOUS.search(header):
            return ""
        if header.lstrip().startswith(")"):  # a long header: the line as indented opens it
            depth += 1
            continue
        if named := definition_at(header):
            if defined or named != name:
                return ""  # a local function is no member
            defined = True
        if depth == 0:
            return ""
    return ""


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())
