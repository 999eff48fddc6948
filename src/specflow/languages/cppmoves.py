"""C++ bodies a change moves, unchanged, out of a class to out-of-class definitions in another
file (REVIEW-E416): `void clear() { ... }` inside `class Option` becomes `void clear();`, and
`CLI11_INLINE void Option::clear() { ... }` is added to `impl/Option_inl.hpp`, as CLI11's
`1daef2ff7` moves its bodies to the `_inl` files. What runs is the same body; both files' hunks
change nothing. Read from the hunks' lines alone, comments and whitespace dropped. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from specflow.change import FileChange, Hunk, Line
from specflow.globs import CPP_PATHS
from specflow.languages.cppforms import qualified_at

Tokens = tuple[str, ...]
_TOKEN = re.compile(r"\w+|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|::|->|&&|\|\||[^\w\s]")
_COMMENT = re.compile(r"//.*|/\*.*?\*/")
_QUALIFIERS = frozenset({"const", "noexcept", "override", "final", "volatile", "&", "&&"})
SMALLEST = 4  # tokens of a moved body: `{ }` and an empty initializer move nothing to judge


def _tokens(lines: Sequence[Line]) -> list[str]:
    """The lines' tokens; a comment dropped (both sides read alike, so a `//` in a string only
    drops the same text from each)."""
    text = _COMMENT.sub(" ", "\n".join(line.text for line in lines))
    return _TOKEN.findall(re.sub(r"/\*.*?\*/", " ", text, flags=re.DOTALL))


def _block_end(tokens: Sequence[str], start: int) -> int | None:
    """The index after the `}` that closes the body starting at `start` (at its `{`, or at a
    constructor's `:` initializers, whose parentheses and braces are skipped up to the body)."""
    depth, index = 0, start
    if tokens[start] == ":":
        while index < len(tokens) and not (
            tokens[index] == "{" and depth == 0 and _after(tokens, index)
        ):
            depth += {"(": 1, ")": -1}.get(tokens[index], 0)
            index += 1
    for at in range(index, len(tokens)):
        depth += {"{": 1, "}": -1}.get(tokens[at], 0)
        if depth == 0 and tokens[at] == "}":
            return at + 1
    return None


def _after(tokens: Sequence[str], index: int) -> bool:
    """Whether the `{` at `index` opens the body, not a member's braced initializer
    (`name_{x}`, right after a name)."""
    return index == 0 or not re.fullmatch(r"\w+", tokens[index - 1])


def inlined_bodies(hunks: Sequence[Hunk]) -> Iterator[Tokens]:
    """REVIEW-E416: the bodies (from the `{` or the initializers' `:` to the `}`) a file's hunks
    remove where they leave a declaration (`void clear() {...}` to `void clear();`), of each
    hunk that does nothing else."""
    for hunk in hunks:
        yield from _aligned(_tokens(hunk.removed), _tokens(hunk.added)) or ()


def _aligned(removed: Sequence[str], added: Sequence[str]) -> list[Tokens] | None:
    """The bodies `removed` has where `added` has `;`, the rest the same; None otherwise."""
    bodies: list[Tokens] = []
    i = j = 0
    while i < len(removed) and j < len(added):
        if removed[i] == added[j]:
            i, j = i + 1, j + 1
            continue
        if added[j] != ";" or removed[i] not in "{:" or (end := _block_end(removed, i)) is None:
            return None
        if end - i < SMALLEST:
            return None
        bodies.append(tuple(removed[i:end]))
        i, j = end, j + 1
    return bodies if i == len(removed) and j == len(added) else None


def outlined_bodies(hunk: Hunk) -> list[Tokens] | None:
    """REVIEW-E416: the bodies of the out-of-class definitions (`RET Class::name(...) {`) a hunk
    only adds, in order; None when it adds anything else or removes a line. Git may show the
    `}` above as added and the last one as kept: the same lines."""
    tokens = _tokens(hunk.added)
    if hunk.removed or not tokens:
        return None
    found = _definitions(tokens)
    if found is None and tokens[0] == "}":
        found = _definitions([*tokens[1:], "}"])
    return found


def _definitions(tokens: Sequence[str]) -> list[Tokens] | None:
    bodies, start = [], 0
    while start < len(tokens):
        opened = next((at for at in range(start, len(tokens)) if tokens[at] in "{;"), None)
        if opened is None or tokens[opened] == ";":
            return None
        header = tokens[start:opened]
        if qualified_at(" ".join(header) + " {", ".hpp") is None:
            return None
        body = _parameters_end(tokens, start, opened)
        while body is not None and body < opened and tokens[body] in _QUALIFIERS:
            body += 1
        if body is None or (end := _block_end(tokens, body)) is None:
            return None
        bodies.append(tuple(tokens[body:end]))
        start = end
    return bodies


def _parameters_end(tokens: Sequence[str], start: int, stop: int) -> int | None:
    """The index after the `)` that closes the parameters of the qualified name (the first
    `(` after a `::`-qualified name) between `start` and `stop`."""
    for at in range(start + 2, stop):
        # `Option :: clear (`, `Option :: ~ Option (`, `Option :: operator == (`
        if tokens[at] == "(" and "::" in (tokens[at - 2], tokens[at - 3] if at > 2 else ""):
            depth = 0
            for end in range(at, stop):
                depth += {"(": 1, ")": -1}.get(tokens[end], 0)
                if depth == 0:
                    return end + 1
            return None
    return None


def moved_bodies(files: Sequence[FileChange]) -> frozenset[Tokens]:
    """REVIEW-E416: the bodies one C++ file's hunks move out of its classes that another file
    of the change adds, whole, as out-of-class definitions."""
    inlined: dict[str, set[Tokens]] = {}
    outlined: dict[str, set[Tokens]] = {}
    for file in files:
        if not file.path.endswith(CPP_PATHS):
            continue
        inlined[file.path] = set(inlined_bodies(file.hunks))
        added = [outlined_bodies(hunk) for hunk in file.hunks]
        outlined[file.path] = {body for found in added if found for body in found}
    return frozenset(
        body
        for path, bodies in inlined.items()
        for body in bodies
        if any(body in others for other, others in outlined.items() if other != path)
    )


def moved_hunks(hunks: Sequence[Hunk], moved: frozenset[Tokens]) -> set[int]:
    """REVIEW-E416: the hunks that only move `moved` bodies: out of a class, leaving its
    declaration, or in as out-of-class definitions."""
    found = set()
    for index, hunk in enumerate(hunks):
        outlined = outlined_bodies(hunk)
        bodies = (
            outlined
            if outlined is not None
            else _aligned(_tokens(hunk.removed), _tokens(hunk.added))
        )
        if bodies and all(body in moved for body in bodies):
            found.add(index)
    return found
