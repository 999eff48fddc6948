"""TypeScript's declarations that the compiler erases (REVIEW-E62): `type X = ...`,
`interface X { ... }`, and `import type` / `export type { ... }`. A hunk whose every changed
line lies in one, on its side, changes no behaviour. Pure: a file's code lines in, numbers out."""

from __future__ import annotations

import re
from collections.abc import Sequence

TYPESCRIPT = (".ts", ".tsx", ".mts", ".cts")
# REVIEW-E151: a declaration file (`index.d.ts`) declares types and runs nothing, as a `.pyi`
DECLARATIONS = (".d.ts", ".d.mts", ".d.cts")


def is_declarations(path: str) -> bool:
    """REVIEW-E151: whether the file is TypeScript's declarations only (the compiler refuses
    a body in one), whose every hunk changes no behaviour."""
    return path.endswith(DECLARATIONS)


# at a line's start (a declaration of the module: what prettier writes at column 0); not
# `enum`, which the compiler turns into an object
_STARTS = re.compile(
    r"(?:export[ \t]+)?(?:declare[ \t]+)?(?:type|interface)[ \t]+[A-Za-z_$][\w$]*"
    r"|(?:import|export)[ \t]+type[ \t]*\{"
    # REVIEW-E231: an ambient declaration says what exists elsewhere (not a `const enum`, whose
    # values the compiler writes into the code that reads them: REVIEW-E155)
    r"|(?:export[ \t]+)?declare[ \t]+(?!const[ \t]+enum\b)"
    r"(?:const|let|var|function|class|abstract[ \t]+class|enum|module|namespace|global)\b"
)
_GOES_ON = ("|", "&", "=", "?", ":", ".")  # a line that continues the type above it


def type_lines(code: Sequence[str]) -> set[int]:
    """The numbers (from 1) of the lines that such declarations span, in a file's code with
    its comments and strings blanked: each runs until its brackets close on a line that ends
    it (`;`, `}`, or no continuation on the next line)."""
    found: set[int] = set()
    depth, inside = 0, False
    for number, line in enumerate(code, 1):
        if not inside and _STARTS.match(line):
            inside, depth = True, 0
        if not inside:
            continue
        found.add(number)
        depth += sum(line.count(c) for c in "({[") - sum(line.count(c) for c in ")}]")
        following = code[number].lstrip() if number < len(code) else ""
        ended = line.rstrip().endswith((";", "}")) or not following.startswith(_GOES_ON)
        if depth <= 0 and ended and not line.rstrip().endswith(("=", "|", "&")):
            inside = False
    return found


# REVIEW-E231: a function's overload signature, `function v1(options?: O, buf?: undefined): string;`
_FUNCTION = re.compile(
    r"[ \t]*(?:export[ \t]+(?:default[ \t]+)?)?function[ \t]*[A-Za-z_$][\w$]*[ \t]*[<(]"
)
_SIGNATURE_LINES = 40  # how far a signature may run
_TYPE_BEFORE = (":", "|", "&", "<", ",", "(", "=>", "?")  # a `{` after one opens an object type


def overload_lines(code: Sequence[str]) -> set[int]:
    """REVIEW-E231: the numbers (from 1) of the lines that TypeScript's overload signatures
    span (a `function` with no body, ended by a `;` at its own depth), in a file's code with
    its comments and strings blanked; the compiler erases them."""
    found: set[int] = set()
    for number, line in enumerate(code, 1):
        if number not in found and _FUNCTION.match(line):
            end = _signature_end(code, number - 1)
            found.update(range(number, end + 2) if end is not None else ())
    return found


def _signature_end(code: Sequence[str], start: int) -> int | None:
    """The index of the line whose `;` ends the signature starting at `start`, or None: the
    function has a body (a `{` after its parameters that opens no object type), or the
    signature runs too far to be read."""
    depth, seen, previous = 0, False, ""
    for index in range(start, min(len(code), start + _SIGNATURE_LINES)):
        for char in code[index]:
            if char.isspace():
                continue
            if char == "{" and depth == 0 and seen and not _opens_type(previous):
                return None
            if char == ";" and depth == 0:
                return index if seen else None
            depth += (char in "([{") - (char in ")]}")
            seen = seen or (char == ")" and depth == 0)
            previous = (previous + char)[-2:]
    return None


def _opens_type(previous: str) -> bool:
    """Whether a `{` after `previous` (its two characters of code before) opens a type."""
    return previous.endswith(_TYPE_BEFORE)


# REVIEW-E155: a `const enum`'s members, which the compiler writes into the code that reads them
_CONST_ENUM = re.compile(r"[ \t]*(?:export[ \t]+)?(?:declare[ \t]+)?const[ \t]+enum\b")


def const_enum_lines(code: Sequence[str]) -> set[int]:
    """The numbers (from 1) of the lines a `const enum` spans, from its head to the brace that
    closes its body, in a file's code with its comments and strings blanked."""
    found: set[int] = set()
    depth, inside = 0, False
    for number, line in enumerate(code, 1):
        if not inside and _CONST_ENUM.match(line):
            inside, depth = True, 0
        if not inside:
            continue
        found.add(number)
        depth += line.count("{") - line.count("}")
        if depth <= 0 and "}" in line:
            inside = False
    return found
