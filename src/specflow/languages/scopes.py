"""The lines each named function or class of a file spans, for the function around a use
(ASSIST-E6): Python's by indentation, a brace language's by its braces. `git grep -p` names the
nearest definition above a line, which is not the one around it once a nested definition has
ended above that line."""

from __future__ import annotations

import re
from collections.abc import Sequence

from specflow.languages.defining import assigned_function, definition_at, spread_header

Span = tuple[str, int, int]  # a definition's name, its first line and its last

_DEF = re.compile(rb"[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]+(\w+)")
# a string or a comment on one line: its brackets are no code's
_ONE_LINE = re.compile(rb"#[^\n]*|'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"")


def python_spans(source: bytes, prose: set[int]) -> list[Span]:
    """Each `def` and `class` of a Python source, up to the last line before the next statement
    indented no deeper; a line inside brackets (a signature's `) -> T:`), of a string spanning
    lines (`prose`), blank or a comment starts no statement."""
    found: list[Span] = []
    open_: list[tuple[str, int, int]] = []  # name, first line, indentation
    last, depth = 0, 0
    for number, text in enumerate(source.split(b"\n"), start=1):
        code = _ONE_LINE.sub(b"", text)
        starts = depth == 0 and number not in prose and bool(code.strip())
        if starts:
            indent = len(text) - len(text.lstrip(b" \t"))
            while open_ and open_[-1][2] >= indent:
                name, first, _ = open_.pop()
                found.append((name, first, last))
            if match := _DEF.match(text):
                open_.append((match[1].decode("ascii", "replace"), number, indent))
        if number not in prose:
            depth = max(0, depth + _balance(code))
        if code.strip() or number in prose:
            last = number
    found += [(name, first, last) for name, first, _ in open_]
    return found


def _balance(code: bytes) -> int:
    """How many brackets a line of code leaves open (negative: closes)."""
    return sum(map(code.count, (b"(", b"[", b"{"))) - sum(map(code.count, (b")", b"]", b"}")))


def brace_spans(lines: Sequence[str]) -> list[Span]:
    """Each function (or class) of a brace language's code lines (comments and strings blanked,
    `braces.masked`) whose `{` ends the line that names it, up to its closing `}`."""
    found: list[Span] = []
    stack: list[tuple[str, int]] = []
    for number, text in enumerate(lines, start=1):
        height = len(stack)
        for char in text:
            if char == "{":
                stack.append(("", number))
            elif char == "}" and stack:
                name, first = stack.pop()
                if name:
                    found.append((name, first, number))
        if len(stack) > height and stack[-1][1] == number:
            stack[-1] = (_name(lines, number), number)
    return found


def _name(lines: Sequence[str], number: int) -> str:
    """The definition line `number` opens; ASSIST-E8: the one whose parameters span the lines
    above it (REVIEW-E271), its `{` after their `)`."""
    text = lines[number - 1]
    if named := definition_at(text) or assigned_function(text):
        return named
    spread = spread_header(lines, number)
    return definition_at(spread) or assigned_function(spread) if spread else ""


def within(function: str, line: int, spans: Sequence[Span]) -> str:
    """ASSIST-E6: `function` (git's header) when a definition of that name holds `line`, or
    when no read definition has that name; else the innermost definition that holds it ("" for
    none: module code)."""
    named = [(first, last) for name, first, last in spans if name == function]
    around = [(first, name) for name, first, last in spans if first <= line <= last]
    holding = [first for first, last in named if first <= line <= last]
    if not named or holding:
        # ASSIST-E8: a method in the class git's header names (TypeScript's `static decode(`)
        inner = [pair for pair in around if holding and pair[0] > max(holding)]
        return max(inner)[1] if inner else function
    return max(around)[1] if around else ""
