"""Ruby's classes as the review reads them around a method, line by line (REVIEW-E297): the
class whose body holds a method (`decode_octets` inside `class EC < KeyBase`) is that method's
owner, as Python's `stream` inside `class HTTPResponse` is that class's. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from specflow.languages.defining import definition_at

OWNER_SCAN = 400  # lines read above a change for the class that holds it

# `class EC < KeyBase`, `class JWK::EC`: the last part of its path; not `class << self`
_CLASS = re.compile(r"\s*class\s+(?:\w+::)*([A-Z]\w*)")


def ruby_owned(lines: Sequence[str], line: int, name: str) -> tuple[str, ...]:
    """REVIEW-E297: `(class, name)` when the definition of `name` around line `line` is a
    method of a Ruby class (its innermost, a `class << self` block passed over); else
    `(name,)`: a module's function, a method of no class."""
    owner = _class_around(lines, line, name)
    return (owner, name) if owner and owner != name else (name,)


def _class_around(lines: Sequence[str], line: int, name: str) -> str:
    if not 0 < line <= len(lines):
        return ""
    depth, defined = _indent(lines[line - 1]) + 1, False
    for number in range(line, max(0, line - OWNER_SCAN), -1):
        text = lines[number - 1]
        if not text.strip() or text.lstrip().startswith("#") or _indent(text) >= depth:
            continue
        depth = _indent(text)
        if defined and (found := _CLASS.match(text)):
            return found[1]
        defined = defined or definition_at(text, ".rb") == name
        if depth == 0:
            return ""
    return ""


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())
