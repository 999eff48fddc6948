"""A Python file's layout read from its text, without parsing it (a file that holds a use of a
changed name is read whole, and may not parse): the lines of its triple-quoted strings
(REVIEW-E18), its classes by their indentation (REVIEW-E21), the names it defines at its top
level (REVIEW-E22), those bound to what a function returns (REVIEW-E190). Pure: bytes in
(and the parsed tree, for that)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from specflow.change import Hunk, Line
from specflow.languages.pyshape import FUNCTIONS

# What a Python line holds, left to right: a comment, a string that spans lines, one that does
# not (so that quotes inside either are not taken for the start of another)
_PY_TOKENS = re.compile(
    rb"#[^\n]*"
    rb'|[rRbBuUfF]{0,2}(?:"""(?:\\.|[^\\])*?"""'
    rb"|'''(?:\\.|[^\\])*?''')"
    rb'|[rRbBuUfF]{0,2}(?:"(?:\\.|[^"\\\n])*"'
    rb"|'(?:\\.|[^'\\\n])*')",
    re.DOTALL,
)
_TRIPLE = (b'"""', b"'''")


def prose_lines(source: bytes) -> set[int]:
    """REVIEW-E18: the lines of a Python source that are all text of a triple-quoted string (a
    docstring's lines, and its first and last when nothing else is on them): a name there
    is prose, not a use."""
    found: set[int] = set()
    line, counted = 1, 0  # lines counted once, up to each string in turn
    for match in _PY_TOKENS.finditer(source):
        start, end = match.span()
        if source[start:end].lstrip(b"rRbBuUfF")[:3] not in _TRIPLE:
            continue
        line, counted = line + source.count(b"\n", counted, start), start
        first = line
        last = first + source.count(b"\n", start, end)
        line_end = source.find(b"\n", end)
        before = source[source.rfind(b"\n", 0, start) + 1 : start]
        after = source[end : len(source) if line_end < 0 else line_end]
        found.update(range(first + bool(before.strip()), last + (not after.strip(b" \t),;"))))
    return found


# REVIEW-E335: a Sphinx cross-reference, `:meth:`from_mapping``, `:py:func:`x``
_CROSS_REFERENCE = re.compile(r":(?:py:)?(?:meth|func|class|attr|obj|data|exc|mod):`")


def prose_changed(hunks: Sequence[Hunk], old: bytes | None, new: bytes | None) -> frozenset[Line]:
    """REVIEW-E335: the changed lines of a Python file that are all text of a triple-quoted
    string (REVIEW-E18's lines, of the side each is on) and hold a Sphinx cross-reference: a
    docstring's `:meth:`from_mapping`` names a function the code does not call, so it is no
    identifier the hunk names (its words stay words). A docstring's other names stay: they say
    what the function documented does (python-dotenv `157282c`, its `encoding`)."""
    found: set[Line] = set()
    for source, side in ((old, "removed"), (new, "added")):
        lines = [
            line
            for hunk in hunks
            for line in getattr(hunk, side)
            if _CROSS_REFERENCE.search(line.text)
        ]
        if source is None or not lines or (b'"""' not in source and b"'''" not in source):
            continue
        prose = prose_lines(source)
        found.update(line for line in lines if line.number in prose)
    return frozenset(found)


def prose_blanked(line: bytes, comments: bool = False) -> bytes:
    """REVIEW-E56: the line with the text of its strings that hold a space blanked, positions
    kept: a message ("Not a valid POSIX timestamp") names no function. A string that is one
    word or a dotted path (`getattr(x, "name")`, `patch("pkg.name")`, `__all__`) is a use, and
    the fields of an f-string are code. With `comments`, its comment too (ASSIST-E7)."""
    if comments:
        return _PY_TOKENS.sub(_blank_comment, line)
    return _PY_TOKENS.sub(_blank_prose, line)


def _blank_comment(match: re.Match[bytes]) -> bytes:
    token = match[0]
    return b" " * len(token) if token.startswith(b"#") else _blank_prose(match)


def _blank_prose(match: re.Match[bytes]) -> bytes:
    token = match[0]
    quote = len(token) - len(token.lstrip(b"rRbBuUfF"))
    body = token[quote:]
    if token.startswith(b"#") or not any(space in body for space in b" \t"):
        return token
    if b"f" not in token[:quote].lower():
        return token[: quote + 1] + b" " * (len(body) - 2) + token[-1:]
    depth, kept = 0, bytearray(token)
    for at in range(quote + 1, len(token) - 1):  # what stands outside `{...}` is text
        depth += (token[at] == ord("{")) - (token[at] == ord("}"))
        if depth <= 0 and token[at] not in b"{}":
            kept[at] = ord(" ")
    return bytes(kept)


_CLASS = re.compile(rb"[ \t]*class[ \t]+(\w+)")


def class_lines(source: bytes, prose: set[int]) -> list[tuple[str, int, int]]:
    """REVIEW-E21: each class of a Python source with its first and last line, read from the
    indentation (a line of a string spanning lines, in `prose`, ends none and starts none)."""
    code: list[tuple[int, int, bytes]] = []  # each line of code: number, indentation, text
    for number, text in enumerate(source.split(b"\n"), start=1):
        stripped = text.lstrip(b" \t")
        if stripped.strip() and not stripped.startswith(b"#") and number not in prose:
            code.append((number, len(text) - len(stripped), text))
    found = []
    for at, (first, indent, text) in enumerate(code):
        match = _CLASS.match(text)
        if match is None:
            continue
        last = first
        for line, depth, _ in code[at + 1 :]:
            if depth <= indent:
                break
            last = line
        found.append((match[1].decode("ascii", "replace"), first, last))
    return found


_TOP_LEVEL = re.compile(
    rb"^(?:(?:async[ \t]+)?def[ \t]+(\w+)|class[ \t]+(\w+)|(\w+)[ \t]*(?::[^=\n]*)?=(?!=))", re.M
)


def top_level_names(source: bytes, prose: set[int]) -> set[str]:
    """REVIEW-E22: the functions, classes and names a Python source defines at its top level
    (a line of a string spanning lines, in `prose`, defines none)."""
    return {
        (match[1] or match[2] or match[3]).decode("ascii", "replace")
        for _, match in _in_code(_TOP_LEVEL, source, prose)
    }


def _in_code(
    pattern: re.Pattern[bytes], source: bytes, prose: set[int]
) -> Iterator[tuple[int, re.Match[bytes]]]:
    """The matches of `pattern` with the line each starts on, but those on a line of a string
    spanning lines (`prose`); lines counted once, up to each match in turn."""
    line, counted = 1, 0
    for match in pattern.finditer(source):
        line, counted = line + source.count(b"\n", counted, match.start()), match.start()
        if line not in prose:
            yield line, match


_IMPORT = re.compile(
    rb"^[ \t]*(from[ \t]+[\w.]+[ \t]+)?import[ \t]+(\([^)]*\)|(?:[^\n\\]|\\\n)*)", re.M
)


def imports(source: bytes, prose: set[int]) -> tuple[set[str], set[int]]:
    """REVIEW-E22: the names a Python source's imports bind (`from m import (a, b as c)`: `a`
    and `c`; `import x.y`: `x`), and every line of those imports (a name on a line of a
    parenthesised import is imported there, not read)."""
    names: set[str] = set()
    lines: set[int] = set()
    for line, match in _in_code(_IMPORT, source, prose):
        lines.update(range(line, line + match[0].count(b"\n") + 1))
        body = re.sub(rb"#[^\n]*", b"", match[2]).strip(b"()")
        for part in body.replace(b"\\\n", b" ").split(b","):
            words = part.split()
            if words and words[0] != b"*":
                bound = words[-1] if len(words) == 3 and words[1] == b"as" else words[0]
                names.add(bound.split(b".")[0].decode("ascii", "replace"))
    return names, lines


_BASES = re.compile(rb"^[ \t]*class[ \t]+(\w+)[ \t]*\(([^)]*)\)", re.M)


def class_bases(source: bytes, prose: set[int]) -> dict[str, tuple[str, ...]]:
    """REVIEW-E25: each class of a Python source with the classes it derives from, as its
    header names them (the last part of a dotted name; `metaclass=` and the like left out)."""
    found: dict[str, tuple[str, ...]] = {}
    for _, match in _in_code(_BASES, source, prose):
        names = (part.strip().rsplit(b".", 1)[-1] for part in match[2].split(b","))
        bases = tuple(n.decode("ascii", "replace") for n in names if n and b"=" not in n)
        found[match[1].decode("ascii", "replace")] = bases
    return found


def owner_at(classes: Sequence[tuple[str, int, int]], line: int) -> str:
    """The innermost of `classes` (`class_lines`) around `line`; "" for none."""
    around = [(first, name) for name, first, last in classes if first <= line <= last]
    return max(around)[1] if around else ""


class Layout(NamedTuple):
    """What a Python file that holds uses says, read from its text once."""

    prose: set[int]  # REVIEW-E18
    classes: list[tuple[str, int, int]]  # REVIEW-E21
    defined: set[str]  # REVIEW-E22: its top-level names
    imported: set[str]  # REVIEW-E22: the names its imports bind
    import_lines: set[int]
    bases: dict[str, tuple[str, ...]]  # REVIEW-E25
    module: set[int]  # REVIEW-E89: the lines of its top-level statements other than definitions


def layout(source: bytes) -> Layout:
    prose = prose_lines(source)
    imported, import_lines = imports(source, prose)
    return Layout(
        prose,
        class_lines(source, prose),
        top_level_names(source, prose),
        imported,
        import_lines,
        class_bases(source, prose),
        module_lines(source, prose),
    )


_HEAD = re.compile(rb"[^ \t\r\n#]")  # a line that starts a top-level statement
# a definition, or a block that may hold one (`if sys.version_info < (3, 8):` then `def`)
_DEFINES = re.compile(
    rb"(?:async[ \t]+)?(?:def|class|if|elif|else|try|except|finally|with|for|while|match)\b|@"
)


def module_lines(source: bytes, prose: set[int]) -> set[int]:
    """REVIEW-E89: the lines of the top-level statements that define nothing (`READERS = {`
    and the entries below it), each up to the next line that starts a top-level statement;
    a line of a string spanning lines (`prose`), a comment or a blank line starts none."""
    found: set[int] = set()
    inside = False
    for number, line in enumerate(source.split(b"\n"), start=1):
        if number not in prose and _HEAD.match(line):
            inside = _DEFINES.match(line) is None
        if inside:
            found.add(number)
    return found


def built_around(
    names: tuple[str, ...], tree: ast.Module | None, source: bytes | None
) -> tuple[str, ...]:
    """REVIEW-E190: the definitions around a hunk (`names`, outermost first), after the names
    the module binds to what the outermost returns when it is a top-level function (`gettz =
    __get_gettz()`: its class's `__call__` is `gettz`)."""
    if not names or tree is None:
        return names
    top = any(isinstance(n, FUNCTIONS) and n.name == names[0] for n in tree.body)
    return (*_built_by(source, names[0]), *names) if top else names


def _built_by(source: bytes | None, function: str) -> tuple[str, ...]:
    """REVIEW-E190: the names a module binds at its top level to what its `function` returns
    (`gettz = __get_gettz()`): the object a change inside that function changes."""
    called = function.encode() + b"("
    found: list[str] = []
    at = -1 if source is None else source.find(called)
    while source is not None and at != -1:  # SPEED-18: no pattern per function
        bound = _BINDING.fullmatch(source, source.rfind(b"\n", 0, at) + 1, at)
        if bound is not None:
            found.append(bound[1].decode())
        at = source.find(called, at + 1)
    return tuple(dict.fromkeys(found))


# REVIEW-E190: the start of a line that binds a name to a call: `gettz = `, `app: Flask = `
_BINDING = re.compile(rb"([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*")
