"""REVIEW-E97: C spelled another way that compiles to the same program, for the token
comparison of `tokens.py`: a `const` added or dropped (it only lets the compiler refuse a
write), and a function's parameters renamed throughout its body, as REVIEW-E63's locals and
Python's renamed locals are read. Pure: each side's lines in, hunk indexes out."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from specflow.change import Hunk

C_FILES = (".c", ".h")
Tokenize = Callable[[str], list[str]]

# what reads a type, so that a `const` may choose what runs (C11's `_Generic`, GCC's
# builtins), and what makes a `.h` C++, where a `const` parameter picks another overload
_TYPE_READERS = frozenset(
    {"_Generic", "typeof", "__typeof__", "__typeof", "typeof_unqual", "decltype"}
    | {"__builtin_types_compatible_p"}
)
_CPP_WORDS = frozenset(
    {"class", "namespace", "template", "typename", "operator", "virtual", "using", "nullptr"}
)


def without_const(tokens: list[str]) -> list[str]:
    return [word for word in tokens if word != "const"]


def const_free(path: str, sides: Sequence[Sequence[str]], tokenize: Tokenize) -> bool:
    """Whether a `const` changes nothing that runs in this file: C, where nothing reads types
    (`_Generic`, `typeof`), and a header that is not C++ (`class`, `template`, `::`)."""
    words = {token for lines in sides for token in tokenize("\n".join(lines))}
    cpp = path.lower().endswith(".h") and bool(words & _CPP_WORDS or _SCOPE.search(_text(sides)))
    return not cpp and not words & _TYPE_READERS


_SCOPE = re.compile(r"::")


def _text(sides: Sequence[Sequence[str]]) -> str:
    return "\n".join("\n".join(lines) for lines in sides)


class Function(NamedTuple):
    """A function's definition: its name, its parameters' names (None when one is not read:
    unnamed, or a function pointer), and its lines, numbered from 1, from the one that names it
    to its closing brace."""

    name: str
    params: tuple[str, ...] | None
    first: int
    last: int


def renamed_hunks(
    hunks: Sequence[Hunk],
    sides: tuple[Sequence[str], Sequence[str]],
    codes: tuple[Sequence[str], Sequence[str]],
    tokenize: Tokenize,
    const: bool,
) -> set[int]:
    """The hunks wholly inside a function whose parameters the change renames throughout
    (`sides`: each side's lines without comments; `codes`: without strings too), once `const`
    is dropped where `const` says it may be."""
    old, new = (_by_name(_functions("\n".join(code))) for code in codes)
    same: list[tuple[Function, Function]] = []
    for name, before in old.items():
        after = new.get(name)
        if after is not None and _renamed(before, after, sides, tokenize, const):
            same.append((before, after))
    return {
        index
        for index, hunk in enumerate(hunks)
        if any(_inside(hunk, before, after) for before, after in same)
    }


def _inside(hunk: Hunk, before: Function, after: Function) -> bool:
    return all(before.first <= line.number <= before.last for line in hunk.removed) and all(
        after.first <= line.number <= after.last for line in hunk.added
    )


def _renamed(
    before: Function,
    after: Function,
    sides: tuple[Sequence[str], Sequence[str]],
    tokenize: Tokenize,
    const: bool,
) -> bool:
    """Whether `after` is `before` with its parameters renamed, each throughout: the new names
    are no name of the old function (a global, a local it shadows), the old ones none of the
    new, and no preprocessor line of the file names either (a macro reads names unseen)."""
    if before.params is None or after.params is None or len(before.params) != len(after.params):
        return False
    names = {old: new for old, new in zip(before.params, after.params, strict=True) if old != new}
    if not names or len(set(names.values())) != len(names):
        return False
    old = tokenize("\n".join(sides[0][before.first - 1 : before.last]))
    new = tokenize("\n".join(sides[1][after.first - 1 : after.last]))
    if set(names.values()) & _bare(old) or set(names) & _bare(new):
        return False
    if any(_directive_names(lines) & (set(names) | set(names.values())) for lines in sides):
        return False
    renamed = [names.get(token, token) if bare else token for token, bare in _marked(old)]
    if const:
        renamed, new = without_const(renamed), without_const(new)
    return renamed == new


def _marked(tokens: list[str]) -> list[tuple[str, bool]]:
    """Each token, and whether it is a bare name (not a member after `.` or `->`)."""
    marked: list[tuple[str, bool]] = []
    for at, token in enumerate(tokens):
        member = at and (tokens[at - 1] == "." or tokens[at - 2 : at] == ["-", ">"])
        marked.append((token, not member))
    return marked


def _bare(tokens: list[str]) -> set[str]:
    return {token for token, bare in _marked(tokens) if bare}


_WORD = re.compile(r"[A-Za-z_]\w*")


def _directive_names(lines: Sequence[str]) -> set[str]:
    """The names the preprocessor lines of a file read: a macro's body, but its own
    parameters (`#define can_read(buffer, size)` reads no `buffer` of a function) and the
    members it reads through them."""
    names: set[str] = set()
    for line in "\n".join(lines).replace("\\\n", " ").split("\n"):
        stripped = _MEMBER.sub(" ", line.lstrip())  # `(buffer)->length` reads no `length`
        if not stripped.startswith("#"):
            continue
        macro = _DEFINE.match(stripped)
        if macro is None:
            names |= set(_WORD.findall(stripped))
        else:
            names |= set(_WORD.findall(macro[2])) - set(_WORD.findall(macro[1] or ""))
    return names


_MEMBER = re.compile(r"(?:\.|->)\s*[A-Za-z_]\w*")
_DEFINE = re.compile(r"#\s*define\s+[A-Za-z_]\w*(\([^)]*\))?(.*)")


def _by_name(functions: list[Function]) -> dict[str, Function]:
    """The functions defined once (one defined under two `#if`s is not compared)."""
    counts: dict[str, int] = {}
    for function in functions:
        counts[function.name] = counts.get(function.name, 0) + 1
    return {f.name: f for f in functions if counts[f.name] == 1}


def _functions(code: str) -> list[Function]:
    """The function definitions at the top level of `code` (comments and strings blanked): a
    `{` at depth 0 right after the `)` that closes `name(...)`."""
    found: list[Function] = []
    depth, opened = 0, 0
    for at, char in enumerate(code):
        if char == "{":
            if depth == 0:
                opened = at
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return []  # not read: braces a preprocessor branch doubles
            if depth == 0:
                function = _definition(code, opened, at)
                if function is not None:
                    found.append(function)
    return found


_PARAMS_END = re.compile(r"\)\s*\Z")


def _definition(code: str, brace: int, end: int) -> Function | None:
    head = code[max(0, brace - 2000) : brace]
    if not _PARAMS_END.search(head):
        return None
    close = head.rstrip().rfind(")")
    depth, at = 0, close
    while at >= 0:
        depth += (head[at] == ")") - (head[at] == "(")
        if depth == 0:
            break
        at -= 1
    named = re.search(r"([A-Za-z_]\w*)\s*\Z", head[:at]) if at > 0 else None
    if named is None or named[1] in ("if", "while", "for", "switch", "return", "sizeof"):
        return None
    start = brace - len(head) + named.start(1)
    first = code.count("\n", 0, start) + 1
    return Function(named[1], _params(head[at + 1 : close]), first, code.count("\n", 0, end) + 1)


def _params(text: str) -> tuple[str, ...] | None:
    """The parameters' names; None when one is unnamed or not a plain declaration."""
    if text.strip() in ("", "void"):
        return ()
    names: list[str] = []
    for declaration in text.split(","):
        if "(" in declaration or ")" in declaration:
            return None  # a function pointer, or a macro's parameters
        words = _WORD.findall(declaration.split("[", 1)[0])
        if declaration.strip() == "...":
            continue
        if len(words) < 2 or words[-1] == "const":
            return None  # `int` alone: unnamed
        names.append(words[-1])
    return tuple(names)
