"""Rust's items as the review reads them, line by line: the type whose `impl` (or `trait`)
block holds a method (REVIEW-E146), so that `from_str` inside `impl FromStr for Level` is
`Level`'s, as Python's `stream` inside `class HTTPResponse` is that class's."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from specflow.change import Hunk, Line
from specflow.languages.defining import RUST_ITEM, definition_at

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


# REVIEW-E204: an outer attribute (`#[non_exhaustive]`, `#[derive(Debug)]`) is part of the item
# below it, as a Python decorator is part of its function
RUST_ATTRIBUTE = re.compile(r"\s*#\[")


def attributed(path: str, lines: Sequence[str], line: int, below: bool = False) -> tuple[int, str]:
    """REVIEW-E204: when line `line` of a Rust file is an outer attribute (or, `below`, where
    removed ones stood), the item it decorates (past the attributes, over lines too, and doc
    comments): its line and its name (`Op` of `pub enum Op {`); else (0, "")."""
    if not path.endswith(".rs") or not 0 < line <= len(lines):
        return 0, ""
    if not below and not RUST_ATTRIBUTE.match(lines[line - 1]):
        return 0, ""
    depth = 0
    for number in range(line, min(len(lines), line + IMPL_SCAN) + 1):
        text = lines[number - 1]
        if depth == 0 and not RUST_ATTRIBUTE.match(text) and not text.lstrip().startswith("//"):
            item = RUST_ITEM.match(text)
            return (number, item[1]) if item else (0, "")
        depth = max(0, depth + text.count("[") - text.count("]"))
    return 0, ""


def decorated(path: str, lines: Sequence[str], hunk: Hunk, first: int) -> tuple[int, str]:
    """REVIEW-E204: the Rust item whose outer attributes are the hunk's first code (added), or
    all it removes: the attribute is part of the item, `#[non_exhaustive]` of `enum Op`."""
    if hunk.added:
        return attributed(path, lines, first)
    if hunk.removed and all(RUST_ATTRIBUTE.match(line.text) for line in hunk.removed):
        return attributed(path, lines, first, below=True)
    return 0, ""


# REVIEW-E327: a `const` or a `static` whose value goes on below its header:
# `pub(crate) const USERINFO: &AsciiSet = &PATH`, then `.add(b'/')` ... `;`
_VALUE_ITEM = re.compile(
    r"(?:(?:pub(?:\([^)]*\))?|unsafe)\s+)*(?:const|static(?:\s+mut)?)\s+([A-Za-z_]\w*)\s*:"
)


def value_item(path: str, lines: Sequence[str], line: int) -> str:
    """REVIEW-E327: the name of the Rust `const` or `static` at the top level whose value, over
    lines, holds line `line` (an indented line below its header, no `;` ending it before);
    else ''. Such a line belongs to that item as a function's line belongs to the function."""
    if not path.endswith(".rs") or not 0 < line <= len(lines) or not _indent(lines[line - 1]):
        return ""
    for number in range(line - 1, max(0, line - IMPL_SCAN), -1):
        text = lines[number - 1].split("//", 1)[0].rstrip()
        if not text:
            continue
        if text.endswith((";", "}")) and _indent(text):
            return ""  # a statement, or a block, ended above: the line is in no value
        if not _indent(text):
            found = _VALUE_ITEM.match(text)
            return found[1] if found and "=" in text and not text.endswith(";") else ""
    return ""


def impls_added(path: str, added: Sequence[Line]) -> Iterator[tuple[int, str]]:
    """REVIEW-E205: each `impl` block whose header a hunk adds (`impl FromIterator<Comparator>
    for VersionReq {`): its line and its type, which it gives what it implements."""
    if not path.endswith(".rs"):
        return
    for line in added:
        block = _BLOCK.match(line.text)
        if block and block[1] == "impl" and (name := block_type("impl", block[2])):
            yield line.number, name


def item_header(text: str, name: str) -> str:
    """REVIEW-E204: `enum Op` of `pub enum Op {`: the item's kind and name alone."""
    found = RUST_ITEM.match(text)
    kind = found[0].split()[-2] if found else ""
    return f"{kind} {name}" if kind else ""


def decorated_item(text: str) -> bool:
    """REVIEW-E204: whether `text` is an item's header as `item_header` writes it."""
    return bool(re.fullmatch(r"(?:struct|enum|union|trait|type|mod|static|mut|const|fn) \w+", text))


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


_PATH_CALL = re.compile(r"(?<![\w:])(\w+)::(\w+)\s*\(")


def method_syntax_qualifiers(hunk: Hunk) -> frozenset[str]:
    """REVIEW-E206: the paths that only the removed lines of a Rust hunk name, each as the
    qualifier of a call (`Ord` of `Ord::cmp(self, rhs)`, `ptr` of `ptr::read(p)`) that the
    added lines make as a method of the same name (`self.cmp(rhs)`, `p.read()`): the same call
    in method syntax names no `Ord`, so `Ord` is no evidence of a change to it."""
    if not hunk.path.endswith(".rs") or not hunk.added or not hunk.removed:
        return frozenset()
    added = "\n".join(line.text for line in hunk.added)
    removed = "\n".join(line.text for line in hunk.removed)
    return frozenset(
        qualifier
        for qualifier, method in _PATH_CALL.findall(removed)
        if re.search(rf"\.\s*{method}\s*\(", added)
        and not re.search(rf"(?<![\w.]){qualifier}\b", added)
    )


def without_qualifiers(hunk: Hunk, text: str) -> str:
    """REVIEW-E206: the hunk's text without the qualifiers `method_syntax_qualifiers` finds."""
    for qualifier in sorted(method_syntax_qualifiers(hunk)):
        text = re.sub(rf"(?<![\w:]){qualifier}::", "", text)
    return text
