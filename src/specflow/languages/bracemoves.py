"""Whole definitions a change moves, unchanged, to another place of the same class body or of
a file's top level, in the languages whose blocks are braces (REVIEW-E359): Java's methods,
Go's functions, JavaScript's and TypeScript's function declarations and class methods. Their
order there changes nothing that runs; statements moved inside a body (REVIEW-E307), a field
with a value, a Go `init()` and a JavaScript top-level statement are no definitions here.
Pure: the hunks and each side's lines in, the indexes of the hunks that only move out."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import NamedTuple

from specflow.change import Hunk, Line
from specflow.languages.paramrenames import renamed_hunks
from specflow.languages.tokens import MOVES_PATHS, Side, Sides

_SCRIPTS = (".js", ".mjs", ".cjs", ".ts")
Tokenize = Callable[[str], list[str]]


class _Block(NamedTuple):
    """A definition's lines, from its header's (or annotation's) first to its closing `}`."""

    first: int
    last: int
    container: tuple[str, ...]  # the headers of the braces around it, outer to inner
    name: str


_ANNOTATION = re.compile(r"\s*@[\w.]+(?:\s*\((?:[^()]|\([^()]*\))*\))?")
_JAVA_KEYWORDS = frozenset(
    ("if", "for", "while", "switch", "catch", "synchronized", "try", "new", "return", "else")
)
_JAVA_METHOD = re.compile(r"[^=]*?\b([A-Za-z_$][\w$]*)\s*\([^{]*\Z")
_JAVA_CLASS = re.compile(r"\b(?:class|interface|record)\b")
_GO_FUNC = re.compile(r"func\s*(?:\([^)]*\)\s*)?([A-Za-z_]\w*)\s*[\[(]")
_JS_FUNCTION = re.compile(
    r"(?:export\s+(?:default\s+)?)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\("
)
# a class member: modifiers, then its name and `(` (no computed key, no type parameters)
_JS_METHOD = re.compile(
    r"(?:(?:static|async|get|set|public|private|protected|override|readonly)\s+)*\*?\s*"
    r"(#?[A-Za-z_$][\w$]*)\s*\("
)
_DIRECTIVE = re.compile(r"\s*(['\"])use strict\1")


def moved_or_renamed(
    path: str, hunks: Sequence[Hunk], sides: Sides, tokenize: Tokenize
) -> set[int]:
    """REVIEW-E359's hunks, and REVIEW-E360's (`paramrenames`) of the others."""
    found = moved_hunks(path, hunks, sides, tokenize)
    if len(found) == len(hunks):
        return found
    return found | renamed_hunks(path, hunks, sides, tokenize)


def moved_hunks(path: str, hunks: Sequence[Hunk], sides: Sides, tokenize: Tokenize) -> set[int]:
    """REVIEW-E359: the hunks whose every changed line of code lies in a definition that the
    change removes at one place and adds, the same tokens, at another of the same class body
    or top level, where the rest of the file (all but such definitions) is the same tokens
    on both sides; JavaScript's need a name no other definition there has (the last of two
    wins) and none may be moved above a `'use strict'` directive."""
    before, after = sides
    if not path.endswith(MOVES_PATHS) or before is None or after is None:
        return set()
    removed = {line.number for hunk in hunks for line in hunk.removed}
    added = {line.number for hunk in hunks for line in hunk.added}
    if not _may_move(hunks):
        return set()
    blocks = _blocks(path, before), _blocks(path, after)
    if blocks[0] is None or blocks[1] is None:
        return set()
    touched = (
        _touched(before, blocks[0], removed, tokenize),
        _touched(after, blocks[1], added, tokenize),
    )
    counts = Counter(key for _, key in touched[0]), Counter(key for _, key in touched[1])
    moved = [{block for block, key in side if counts[0][key] == counts[1][key]} for side in touched]
    if not all(_placed(side, found) for side, found in zip(sides, moved, strict=True)):
        return set()
    if path.endswith(_SCRIPTS) and not (
        _harmless_script(before, blocks[0], moved[0])
        and _harmless_script(after, blocks[1], moved[1])
    ):
        return set()
    if path.endswith(".ts") and any(
        _overloaded(side, blocks, moved)
        for side, blocks, moved in zip(sides, blocks, moved, strict=True)
    ):
        return set()
    lines = _lines(moved[0]), _lines(moved[1])
    found = {
        index
        for index, hunk in enumerate(hunks)
        if (hunk.removed or hunk.added)
        and _within(before, hunk.removed, lines[0])
        and _within(after, hunk.added, lines[1])
    }
    if found and _rest(before, blocks[0], tokenize) != _rest(after, blocks[1], tokenize):
        return set()  # read last: the whole file's tokens
    return found


_Key = tuple[tuple[str, ...], tuple[str, ...]]
_Touched = list[tuple[_Block, _Key]]


def _touched(side: Side, blocks: list[_Block], changed: set[int], tokenize: Tokenize) -> _Touched:
    """The blocks a changed line lies in, each with its container and tokens."""
    return [
        (block, (block.container, tuple(_tokens(side, block.first, block.last, tokenize))))
        for block in blocks
        if any(number in changed for number in range(block.first, block.last + 1))
    ]


def _may_move(hunks: Sequence[Hunk]) -> bool:
    """Whether a line that opens a block (`... ) {`) is both removed and added: read before
    the files, so that a change that moves nothing costs little."""
    removed = {" ".join(line.text.split()) for hunk in hunks for line in hunk.removed}
    both = removed & {" ".join(line.text.split()) for hunk in hunks for line in hunk.added}
    return any(text.endswith("{") and "(" in text for text in both)


def _placed(side: Side | None, moved: set[_Block]) -> bool:
    """No moved definition leaves or meets a Go directive (`//go:noinline`) above it: that
    is code, not a comment, and holds what stands below it."""
    if side is None:
        return False
    for block in moved:
        above = block.first - 2
        if above >= 0 and side.uncommented[above].strip() and not side.code[above].strip():
            return False
    return True


def _lines(blocks: set[_Block]) -> set[int]:
    return {number for block in blocks for number in range(block.first, block.last + 1)}


def _within(side: Side, lines: Sequence[Line], moved: set[int]) -> bool:
    """Every line that is code on its side lies in one of the moved blocks (`moved`: their
    lines; SPEED-24: a set, not each block again for each line)."""
    return all(
        line.number in moved or not side.uncommented[line.number - 1].strip() for line in lines
    )


def _tokens(side: Side, first: int, last: int, tokenize: Tokenize) -> list[str]:
    return tokenize("\n".join(side.uncommented[first - 1 : last]))


def _rest(side: Side, blocks: list[_Block], tokenize: Tokenize) -> list[str]:
    """The file's tokens outside its movable definitions."""
    inside = {n for block in blocks for n in range(block.first, block.last + 1)}
    kept = (text for n, text in enumerate(side.uncommented, 1) if n not in inside)
    return tokenize("\n".join(kept))


def _harmless_script(side: Side, blocks: list[_Block], moved: set[_Block]) -> bool:
    """JavaScript: a moved definition's name is its container's only one (a class's second
    `get()` replaces the first), and no moved function stands above a `'use strict'`."""
    names = Counter((block.container, block.name) for block in blocks)
    if any(names[(block.container, block.name)] > 1 for block in moved):
        return False
    inside = {n for block in blocks for n in range(block.first, block.last + 1)}
    rest = (n for n, text in enumerate(side.uncommented, 1) if n not in inside and text.strip())
    first = next(rest, 0)
    if not first or not _DIRECTIVE.match(side.uncommented[first - 1]):
        return True
    return all(block.first > first for block in moved)


def _overloaded(side: Side | None, blocks: list[_Block] | None, moved: set[_Block]) -> bool:
    """REVIEW-E375: whether a line outside the definitions starts with a moved one's name
    called or declared (TypeScript's overload signatures, `parse(text: string): string;`,
    must stand right above their implementation: moved away, it no longer compiles)."""
    assert side is not None and blocks is not None
    names = {block.name for block in moved}
    if not names:
        return False
    inside = {n for block in blocks for n in range(block.first, block.last + 1)}
    for number, text in enumerate(side.code, 1):
        found = number not in inside and _SIGNATURE.match(text)
        if found and found[1] in names:
            return True
    return False


_SIGNATURE = re.compile(
    r"\s*(?:(?:export|declare|default|async|function|static|public|private|protected|"
    r"override|abstract|readonly|get|set)\b\s*|\*\s*)*(#?[A-Za-z_$][\w$]*)\??\s*[<(]"
)


def _blocks(path: str, side: Side) -> list[_Block] | None:
    """The movable definitions of one side, read by its braces (strings and comments
    blanked); None when the braces do not balance."""
    stack: list[list[_Piece]] = []
    found: list[_Block] = []
    since: list[_Piece] = []  # the code since the last `;`, `{` or `}`, line by line
    for number, line in enumerate(side.code, 1):
        start = 0
        for delimiter in _DELIMITERS.finditer(line):
            _extend(since, number, line, start, delimiter.start())
            start, char = delimiter.end(), delimiter.group()
            if char == "{":
                stack.append(since)
            elif char == "}" and not stack:
                return None
            elif char == "}":
                block = _block(path, stack, number, line[start:])
                found.extend([block] if block else [])
            since = []
        _extend(since, number, line, start, len(line))
    return None if stack else _outermost(found)


class _Piece(NamedTuple):
    number: int
    starts_line: bool
    text: str


_DELIMITERS = re.compile(r"[{};]")


def _extend(since: list[_Piece], number: int, line: str, start: int, end: int) -> None:
    """The code of `line` from `start` to `end` added to the statement read so far."""
    text = line[start:end]
    if since and since[-1].number == number:
        since[-1] = since[-1]._replace(text=since[-1].text + text)
    elif text.strip():
        column = start + len(text) - len(text.lstrip())
        since.append(_Piece(number, not line[:column].strip(), text.lstrip()))


def _block(path: str, stack: list[list[_Piece]], number: int, tail: str) -> _Block | None:
    """The definition the `}` closing the innermost brace of `stack` ends, if movable: its
    header read from the first line of the statement, or a later line that starts one (Go's
    and JavaScript's lines end statements without a `;`)."""
    pieces = stack.pop()
    if tail.strip() not in ("", ";") or not _may_hold(path, stack):
        return None
    container = tuple(_header(opened) for opened in stack)
    for index, piece in enumerate(pieces):
        if not piece.starts_line or (index and not _ends(path, pieces[index - 1].text)):
            continue
        if name := _member(path, _header(pieces[index:]), container):
            return _Block(piece.number, number, container, name)
    return None


def _may_hold(path: str, stack: list[list[_Piece]]) -> bool:
    """Whether the innermost brace open may hold a movable definition (`_member`'s test of
    its container, read before the others' headers: most braces close a statement's block)."""
    if not stack:
        return not path.endswith(".java")
    if path.endswith(".go"):
        return False
    inner = _header(stack[-1])
    return bool((_JAVA_CLASS if path.endswith(".java") else _CLASS).search(inner))


_CLASS = re.compile(r"\bclass\b")


def _header(pieces: list[_Piece]) -> str:
    return " ".join(" ".join(piece.text for piece in pieces).split())


# a line of Go or JavaScript that ends a statement, so that the next line starts one: a name,
# a literal or a `]` (Go: a `)`), not a keyword that goes on (`export default`, `static`)
_GOES_ON = frozenset(
    (
        *("default", "export", "return", "async", "await", "yield", "new", "typeof", "void"),
        *("delete", "in", "of", "instanceof", "extends", "else", "do", "case", "throw"),
        *("static", "get", "set", "public", "private", "protected", "readonly", "abstract"),
        *("override", "declare", "accessor", "implements"),
    )
)


def _ends(path: str, text: str) -> bool:
    text = text.rstrip()
    if path.endswith(".java") or not text:
        return False
    if text[-1] in "]\"'`" or (text[-1] == ")" and path.endswith(".go")):
        return True
    word = re.search(r"[\w$]+\Z", text)
    return word is not None and word.group() not in _GOES_ON


def _outermost(blocks: list[_Block]) -> list[_Block]:
    """The definitions no other found holds (a class's methods, not a method's local class's),
    in the order found. SPEED-24: read once in order of their first lines, each held when a
    block starting no later reaches as far (two of the same lines hold each other)."""
    distinct = set(blocks)
    spans = Counter((block.first, block.last) for block in distinct)
    held: set[_Block] = set()
    reach = 0
    for block in sorted(distinct, key=lambda block: (block.first, -block.last)):
        if block.last <= reach or spans[(block.first, block.last)] > 1:
            held.add(block)
        reach = max(reach, block.last)
    return [block for block in blocks if block not in held]


def _member(path: str, header: str, container: tuple[str, ...]) -> str:
    """The name a header defines, when it is a movable definition where it stands; else ""."""
    while annotation := _ANNOTATION.match(header):  # Java's annotations, TypeScript's decorators
        if not annotation.group().strip():
            break
        header = header[annotation.end() :]
    header = header.strip()
    if path.endswith(".go"):
        found = _GO_FUNC.match(header)
        return found[1] if found and not container and found[1] != "init" else ""
    if path.endswith(".java"):
        method = _JAVA_METHOD.match(header)
        inner = container[-1] if container else ""
        if method is None or method[1] in _JAVA_KEYWORDS or not _JAVA_CLASS.search(inner):
            return ""
        return "" if re.search(r"\b(?:enum|new)\b", inner) else method[1]
    if not container:
        function = _JS_FUNCTION.fullmatch(header[: header.find("(") + 1])
        return function[1] if function else ""
    if not _CLASS.search(container[-1]) or "=" in header.split("(", 1)[0]:
        return ""
    method = _JS_METHOD.match(header)
    return method[1] if method and method.end() - 1 == header.find("(") else ""
