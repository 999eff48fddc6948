"""Ruby's classes as the review reads them around a method, line by line (REVIEW-E297): the
class whose body holds a method (`decode_octets` inside `class EC < KeyBase`) is that method's
owner, as Python's `stream` inside `class HTTPResponse` is that class's; and JavaScript's and
TypeScript's, by the same reading (REVIEW-E289). Pure."""

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


# REVIEW-E289: `export default abstract class GeneralEncrypt<T> extends Base {`
_JS_CLASS = re.compile(
    r"\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)"
)
JS_PATHS = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")


def js_owned(path: str, lines: Sequence[str], line: int, name: str) -> tuple[str, ...]:
    """REVIEW-E289: `(class, name)` when the definition of `name` around line `line` is a
    method of a JavaScript or TypeScript class (`encrypt` of `GeneralEncrypt`); else `(name,)`."""
    owner = _class_around(lines, line, name, path)
    return (owner, name) if owner and owner != name else (name,)


def _class_around(lines: Sequence[str], line: int, name: str, path: str = ".rb") -> str:
    if not 0 < line <= len(lines):
        return ""
    ruby = path.endswith(".rb")
    pattern, comments = (_CLASS, ("#",)) if ruby else (_JS_CLASS, ("//", "*", "/*"))
    depth, defined = _indent(lines[line - 1]) + 1, False
    for number in range(line, max(0, line - OWNER_SCAN), -1):
        text = lines[number - 1]
        if not text.strip() or text.lstrip().startswith(comments) or _indent(text) >= depth:
            continue
        depth = _indent(text)
        if defined and (found := pattern.match(text)):
            return found[1]
        defined = defined or definition_at(text, path) == name
        if depth == 0:
            return ""
    return ""


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())
