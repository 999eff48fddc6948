"""REVIEW-E212: the Go types a line's code handles though it does not name them: the arm of a
type switch it lies in (`case Marshaler:` under `switch v := x.(type) {`) and the type an `if`
around it asserts (`if m, ok := v.(Marshaler); ok {`). Pure: lines in, names out."""

from __future__ import annotations

import re
from collections.abc import Sequence

_CASE = re.compile(r"case[ \t]+([^:]+):[ \t]*(?://.*)?$")
_DEFAULT = re.compile(r"default[ \t]*:")
_TYPE_SWITCH = re.compile(r"switch\b.*\.\(type\)[ \t]*\{[ \t]*(?://.*)?$")
_ASSERTED = re.compile(r"\.\(\s*\*?([A-Za-z_][\w.]*)\s*\)")
_TYPE = re.compile(r"\*?([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?)")
# REVIEW-E194: Go's predeclared types name nothing a statement speaks of
_PREDECLARED = frozenset(
    {"any", "bool", "byte", "comparable", "error", "nil", "rune", "string", "uintptr"}
    | {f"{kind}{bits}" for kind in ("int", "uint") for bits in ("", "8", "16", "32", "64")}
    | {"float32", "float64", "complex64", "complex128"}
)


def handled_types(lines: Sequence[str], number: int) -> tuple[str, ...]:
    """The types that the blocks around line `number` (1-based) of `lines` handle: the arm of a
    type switch (each type its `case` lists) and an `if` that asserts a type, innermost first;
    none past the `func` the line lies in."""
    found: list[str] = []
    width = _width(lines[number - 1]) if 0 < number <= len(lines) else 0
    at = number - 2
    while at >= 0 and width > 0:
        text = lines[at]
        if not text.strip() or _width(text) >= width or text.lstrip().startswith("//"):
            at -= 1
            continue
        width, code = _width(text), text.strip()
        if code.startswith("func"):
            break
        if case := _CASE.match(code):
            switch = _switch_above(lines, at, width)
            if switch is not None and _TYPE_SWITCH.match(lines[switch].strip()):
                found += _types(case[1])
            at = switch if switch is not None else at
        elif code.startswith("if "):
            found += [name for name in _ASSERTED.findall(code) if name not in _PREDECLARED]
        at -= 1
    return tuple(dict.fromkeys(found))


def _switch_above(lines: Sequence[str], at: int, width: int) -> int | None:
    """The line of the `switch` whose arm starts at line index `at` (gofmt indents `case` as
    its `switch`); None when another line of that width comes first."""
    for above in range(at - 1, -1, -1):
        text = lines[above]
        if not text.strip() or _width(text) > width:
            continue
        code = text.strip()
        if _width(text) < width or not (_CASE.match(code) or _DEFAULT.match(code)):
            return above if code.startswith("switch") and _width(text) == width else None
    return None


def _types(listed: str) -> list[str]:
    named = (_TYPE.fullmatch(part.strip()) for part in listed.split(","))
    return [found[1] for found in named if found and found[1] not in _PREDECLARED]


def _width(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))
