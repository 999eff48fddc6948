"""Rust's items as the review reads them, line by line: the type whose `impl` (or `trait`)
block holds a method (REVIEW-E146), so that `from_str` inside `impl FromStr for Level` is
`Level`'s, as Python's `stream` inside `class HTTPResponse` is that class's."""

from __future__ import annotations

import re
from collections.abc import Sequence

from specflow.languages.defining import definition_at

IMPL_SCAN = 400  # lines read above a change for the block that holds it

# `impl<'a> Key<'a> {`, `unsafe impl<T: Send> Sync for Box<T>`, `pub(crate) trait Source {`
_BLOCK = re.compile(r"\s*(?:(?:pub(?:\([^)]*\))?|unsafe|default)\s+)*(impl|trait)\b(.*)")
_TYPE = re.compile(r"(?:(?:&|'\w+|mut\b|dyn\b|\(|\[|\*(?:const|mut)\b)\s*)*([\w:]+)")


def owned(path: str, lines: Sequence[str], line: int, name: str) -> tuple[str, ...]:
    """The definitions around line `line` whose innermost is `name`, outer first: `(name,)`;
    REVIEW-E146: for a Rust method, its type before it (`("Level", "from_str")`)."""
    if not path.endswith(".rs"):
        return (name,)
    owner = impl_owner(lines, line, name)
    return (owner, name) if owner and owner != name else (name,)


def impl_owner(lines: Sequence[str], line: int, name: str) -> str:
    """REVIEW-E146: the type of the `impl` (or the `trait`) block that holds the definition of
    `name` around line `line`, found by indentation; "" when it is no method of one."""
    if not 0 < line <= len(lines):
        return ""
    depth, defined = _indent(lines[line - 1]) + 1, False
    for number in range(line, max(0, line - IMPL_SCAN), -1):
        text = lines[number - 1]
        if not text.strip() or _indent(text) >= depth:
            continue
        depth = _indent(text)
        block = _BLOCK.match(text)
        if block:
            return block_type(block[1], block[2]) if defined else ""
        defined = defined or definition_at(text, ".rs") == name
        if depth == 0:
            return ""
    return ""


def block_type(kind: str, rest: str) -> str:
    """The type an `impl` is for (the last part of its path: `Level` of `impl FromStr for
    log::Level`), not one of its own generic parameters; a `trait`'s own name."""
    generics, rest = _generics(rest)
    rest = re.split(r"\bwhere\b|\{", rest, maxsplit=1)[0]
    if kind == "impl":
        rest = _after_for(rest)
    found = _TYPE.match(rest.strip())
    if found is None:
        return ""
    last = found[1].rsplit("::", 1)[-1]
    if not last.isidentifier() or re.search(rf"[<,]\s*{re.escape(last)}\b", generics):
        return ""
    return last


def _generics(rest: str) -> tuple[str, str]:
    """`<'a, T: Fn() -> u8>` at the start of `rest`, and what follows it."""
    rest = rest.lstrip()
    if not rest.startswith("<"):
        return "", rest
    depth = 0
    for at, char in enumerate(rest):
        if char == "<":
            depth += 1
        elif char == ">" and rest[at - 1] != "-":
            depth -= 1
            if depth == 0:
                return rest[: at + 1], rest[at + 1 :]
    return rest, ""


def _after_for(rest: str) -> str:
    """The type after an `impl`'s `for` outside angle brackets, else the whole of it."""
    depth = 0
    for found in re.finditer(r"<|(?<!-)>|\bfor\b", rest):
        if found[0] == "<":
            depth += 1
        elif found[0] == ">":
            depth -= 1
        elif depth == 0:
            return rest[found.end() :]
    return rest


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def other_types_method(text: str, enclosing: Sequence[str]) -> bool:
    """REVIEW-E146: whether `text` (a statement) names the innermost of `enclosing` (a method,
    its type before it) only as another type's: `Key::from_str()` for `("Level", "from_str")`."""
    if len(enclosing) < 2 or "::" not in text:
        return False
    owner, name = enclosing[-2], enclosing[-1]
    found = re.findall(rf"(?:(\w+)::)?(?<![\w.]){re.escape(name)}(?!\w)", text)
    return bool(found) and all(qualifier not in ("", owner, "Self") for qualifier in found)
