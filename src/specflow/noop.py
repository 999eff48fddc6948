"""Hunks that change no behaviour: formatting, comments, docstrings, type annotations and the
rewrites of pyupgrade and ruff (REVIEW-16).

Python is judged on its syntax tree: the statements around a hunk, narrowed into the one block
of a class, function, `if`, loop, `with`, `try` or `match` that holds its lines, are the same
on both sides as `languages.pyshape` spells them (the walk stops at the first difference, so a
real change costs little). Other code is judged on its tokens without whitespace and comments.
Pure: trees and lines in, hunk indexes out."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator, Sequence
from itertools import zip_longest

from specflow.change import FileChange, Hunk
from specflow.languages.pyrename import renamed_locals
from specflow.languages.pyshape import (
    BLOCKS,
    DEFINITIONS,
    FUNCTIONS,
    Side,
    body_shape,
    shape,
    typing_names,
)

_LINE_COMMENT = {
    ".sh": "#",
    ".bash": "#",
    ".rb": "#",
    ".pl": "#",
    ".pm": "#",
    ".r": "#",
    ".ex": "#",
    ".exs": "#",
    ".lua": "--",
    ".erl": "%",
}
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_TOKEN = re.compile(r"\w+|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|[^\w\s]")


# REVIEW-E6: languages whose names the whole-word fallback may follow (Python has its own
# `ast` pass); prose and data files are not among them.
CODE_SUFFIXES = (
    ".js",
    ".jsx",
    ".mjs",
    ".cjs",
    ".ts",
    ".tsx",
    ".go",
    ".rs",
    ".java",
    ".kt",
    ".kts",
    ".rb",
    ".php",
    ".c",
    ".h",
    ".cc",
    ".cpp",
    ".cxx",
    ".hpp",
    ".cs",
    ".swift",
    ".scala",
    ".m",
    ".mm",
    ".sh",
    ".bash",
    ".lua",
    ".pl",
    ".pm",
    ".ex",
    ".exs",
    ".erl",
    ".dart",
    ".r",
)


def is_code(path: str) -> bool:
    return path.endswith((".py", ".pyi", *CODE_SUFFIXES))


def python_noop_hunks(
    hunks: Sequence[Hunk], old_tree: ast.Module | None, new_tree: ast.Module | None
) -> set[int]:
    """The indexes of `hunks` whose statements are the same on both sides once what cannot
    change behaviour is dropped. The trees may hold only the statements around the hunks (the
    rest of the file blanked): see `sides_lines`."""
    if old_tree is None or new_tree is None:
        return set()
    sides = (Side(typing_names(old_tree)), Side(typing_names(new_tree)))
    found = set()
    for index, hunk in enumerate(hunks):
        old_lines, new_lines = sides_lines(hunk)
        if _same_change(old_tree.body, new_tree.body, (old_lines, new_lines), sides):
            found.add(index)
    return found


_COMPOUND = (
    *DEFINITIONS,
    ast.If,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.With,
    ast.AsyncWith,
    ast.Try,
    ast.Match,
    *((ast.TryStar,) if sys.version_info >= (3, 11) else ()),
)
_Lines = tuple[list[int], list[int]]


def _same_change(
    old_body: list[ast.stmt], new_body: list[ast.stmt], lines: _Lines, sides: tuple[Side, Side]
) -> bool:
    """Whether the statements around the lines are the same, looking into the one block of a
    compound statement that holds them (one method of a class, one branch of an `if`, one
    handler of a `try`) while what leads into it (name, arguments, test, targets) is the same."""
    before, after = _overlapping(old_body, lines[0]), _overlapping(new_body, lines[1])
    where = "module"
    functions: tuple[ast.stmt, ast.stmt] | None = None
    while len(before) == 1 and len(after) == 1 and _same_kind(before[0], after[0]):
        one, other = before[0], after[0]
        if not _same_header(one, other, sides):
            return _renamed_same([one], [other], where, sides, functions)
        if isinstance(one, FUNCTIONS):
            functions, where = (one, other), "function"
        elif isinstance(one, ast.ClassDef):
            functions, where = None, "class"
        held = _held(one, lines[0]), _held(other, lines[1])
        if held == (None, None):
            return True  # only the header, and it is the same
        if held[0] is None or held[0] != held[1] or held[0][0] == "several":
            break
        inner = _block(one, held[0]), _block(other, held[1])
        if inner[0] is None or inner[1] is None:
            return False
        if not _same_header(inner[0][0], inner[1][0], sides):
            return _renamed_same([one], [other], where, sides, functions)
        before = _overlapping(inner[0][1], lines[0])
        after = _overlapping(inner[1][1], lines[1])
    return _renamed_same(before, after, where, sides, functions)


def _same_kind(one: ast.stmt, other: ast.stmt) -> bool:
    return (
        isinstance(one, _COMPOUND)
        and type(one) is type(other)
        and getattr(one, "name", None) == getattr(other, "name", None)
    )


def _held(statement: ast.stmt, lines: list[int]) -> tuple[object, ...] | None:
    """Which block of `statement` holds `lines`: ("body",), ("handlers", 2) and so on; None
    when only its header does, ("several",) when more than one block does."""
    low, high = min(lines), max(lines)
    found: list[tuple[object, ...]] = []
    for field in BLOCKS:
        value = getattr(statement, field, None) or []
        for index, item in enumerate(value):
            first, last = _extent(item)
            if first <= high and last >= low:
                key = (field,) if isinstance(item, ast.stmt) else (field, index)
                if key not in found:
                    found.append(key)
    if not found:
        return None
    return found[0] if len(found) == 1 else ("several",)


def _extent(node: ast.AST) -> tuple[int, int]:
    """The lines of a statement, a handler or a case (from its pattern to its last statement)."""
    first: int = getattr(node, "lineno", None) or getattr(node, "pattern").lineno  # noqa: B009
    last: int | None = getattr(node, "end_lineno", None)
    if last is None:
        last = getattr(node, "body")[-1].end_lineno  # noqa: B009
    return first, last or first


def _block(statement: ast.stmt, key: tuple[object, ...]) -> tuple[ast.AST, list[ast.stmt]] | None:
    """What leads into the block (the statement, or its handler or case) and its statements."""
    value = getattr(statement, str(key[0]))
    if len(key) == 1:
        return statement, value
    index = key[1]
    if not isinstance(index, int) or index >= len(value):
        return None
    return value[index], value[index].body


def _same_header(one: ast.AST, other: ast.AST, sides: tuple[Side, Side]) -> bool:
    """The same name, arguments (their annotations apart), bases, decorators, test, targets,
    handler types: all but the statements."""
    sentinel = object()
    pairs = zip_longest(
        shape(one, sides[0], header=True), shape(other, sides[1], header=True), fillvalue=sentinel
    )
    return all(a == b for a, b in pairs)


def sides_lines(hunk: Hunk) -> tuple[list[int], list[int]]:
    """The lines of each side that decide whether `hunk` changes anything: its removed and its
    added lines; for a hunk that only adds (or only removes), the two lines of the other side
    around the place where it does, so that a line added inside a docstring compares the
    statement around it. Each side is the same stretch of the hunk, every line of it: the
    context before the first change of either side and after the last is common to both, so
    both sides compare the same statements (an unchanged import above a changed one on one
    side only would otherwise be a difference)."""
    removed = [line.number for line in hunk.removed]
    added = [line.number for line in hunk.added]
    if not removed and added:
        at = hunk.old_start + (added[0] - hunk.new_start) - 1
        removed = [at, at + 1]
    elif not added and removed:
        at = hunk.new_start + (removed[0] - hunk.old_start) - 1
        added = [at, at + 1]
    if not removed:
        return removed, added
    head = max(0, min(removed[0] - hunk.old_start, added[0] - hunk.new_start))
    old_end = hunk.old_start + hunk.old_count - 1
    new_end = hunk.new_start + hunk.new_count - 1
    tail = max(0, min(old_end - removed[-1], new_end - added[-1]))
    return (
        _stretch(min(removed[0], hunk.old_start + head), max(removed[-1], old_end - tail)),
        _stretch(min(added[0], hunk.new_start + head), max(added[-1], new_end - tail)),
    )


def _stretch(first: int, last: int) -> list[int]:
    """Every line from `first` to `last`: the statements between two changed lines are parsed
    on both sides, so both compare the same statements."""
    return list(range(max(first, 1), last + 1))


def generic_noop_hunks(path: str, hunks: Sequence[Hunk]) -> set[int]:
    """For code that is not Python: hunks whose removed and added lines are the same tokens
    once whitespace and comments are dropped."""
    comment = _LINE_COMMENT.get(path[path.rfind(".") :].lower(), "//")
    return {
        index
        for index, hunk in enumerate(hunks)
        if (hunk.added or hunk.removed)
        and _tokens(hunk.removed, comment) == _tokens(hunk.added, comment)
    }


def file_is_noop(file: FileChange, noop: set[int]) -> bool:
    return bool(file.hunks) and len(noop) == len(file.hunks)


def _tokens(lines: Sequence[tuple[int, str]], comment: str) -> list[str]:
    text = _BLOCK_COMMENT.sub(" ", "\n".join(text for _, text in lines))
    kept = []
    for line in text.split("\n"):
        at = line.find(comment)
        kept.append(line if at < 0 else line[:at])
    return _TOKEN.findall("\n".join(kept))


def _overlapping(body: list[ast.stmt], lines: list[int]) -> list[ast.stmt]:
    """The statements between the first and the last of `lines`."""
    low, high = min(lines), max(lines)
    found = []
    for statement in body:
        first = statement.lineno
        for decorator in getattr(statement, "decorator_list", ()):
            first = min(first, decorator.lineno)
        if first <= high and (statement.end_lineno or statement.lineno) >= low:
            found.append(statement)
    return found


def _renamed_same(
    before: list[ast.stmt],
    after: list[ast.stmt],
    where: str,
    sides: tuple[Side, Side],
    functions: tuple[ast.stmt, ast.stmt] | None,
) -> bool:
    """The same statements, or the same once the locals of the function around them that one
    side renamed through the whole function are named by their place (alpha-equivalence)."""
    differs_at = _difference(
        body_shape(before, sides[0], where), body_shape(after, sides[1], where)
    )
    if differs_at is None:
        return True
    if functions is None or differs_at != "Name":
        return False
    renamed = renamed_locals(functions[0], functions[1])
    if renamed is None:
        return False
    sides = (sides[0]._replace(renamed=renamed[0]), sides[1]._replace(renamed=renamed[1]))
    shapes = body_shape(before, sides[0], where), body_shape(after, sides[1], where)
    return _difference(*shapes) is None


def _difference(one: Iterator[object], other: Iterator[object]) -> object | None:
    """None when the two shapes are the same, else the item before the first difference
    ("Name" when it is a name)."""
    sentinel = object()
    previous: object = "start"
    for a, b in zip_longest(one, other, fillvalue=sentinel):
        if a != b:
            return previous
        previous = a
    return None
