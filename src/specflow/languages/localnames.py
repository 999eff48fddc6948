"""The names a function around a changed line declares, read line by line for any language but
Python (split from generic.py): its parameters, `var`, `let`, `const`, Go's `:=`, Ruby's
assignments (REVIEW-E63, REVIEW-E79); a write of one of them is its function's local, which no
other function sees; and the writes a run of changed lines only respells, keeping the name's
value (REVIEW-E162)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from specflow.change import Hunk, Line
from specflow.languages.base import LOCAL, Symbol
from specflow.languages.defining import assigned_function, definition_at, opened_at
from specflow.languages.tokens import Side, Sides, line_as, runs
from specflow.languages.writes import SCRIPTS, line_writes

DEFINITION_SCAN = 400  # lines read above a change for the definition that holds it
ATTRIBUTE = "attribute"
Scope = tuple[str, frozenset[str]]  # the function around a line, the names declared in it


def scoped(symbol: Symbol, scope: Scope | None, text: str = "") -> Symbol:
    """REVIEW-E63: a name written through an object (`c.allowed = ...`) is an attribute, which
    bare names elsewhere (a parameter `allowed`) are not; one the function around it declares
    (`routePath :=`, `let`, `var`, a parameter) is its local, which no other function sees:
    REVIEW-E162, on the indented line that declares it too (`buffer := pool.Get()`)."""
    if symbol.reach == ATTRIBUTE or not scope or symbol.kind != "write":
        return symbol
    function, declared = scope
    if text[:1] in " \t" and symbol.path.endswith(".go"):
        declared |= _declarations(text)
    return replace(symbol, function=function, reach=LOCAL) if symbol.name in declared else symbol


def kept_writes(path: str, hunk: Hunk, sides: Sides) -> set[str]:
    """REVIEW-E162: the names a run of the hunk's changed lines (REVIEW-E160) both stops writing
    and writes with the same value, as indented, one line declaring the name and the other not:
    Go's `var b *Buffer` then `b = pool.Get()` rewritten `b := pool.Get()` is neither a new
    write nor a stopped one."""
    if not path.endswith((".go", *SCRIPTS)):
        return set()
    kept: set[str] = set()
    for removed, added in runs(hunk):
        before = _values(path, removed, sides[0])
        if path.endswith(SCRIPTS):  # REVIEW-E199: `const x: T[] = [...]` is as `const x = [...]`
            kept |= {value[0] for value in _values(path, added, sides[1]) if value in before}
            continue
        kept |= {
            value[0]
            for value in _values(path, added, sides[1])
            if (*value[:3], not value[3]) in before
        }
    return kept


def _values(path: str, lines: Sequence[Line], side: Side | None) -> set[tuple[str, str, str, bool]]:
    """Each name the lines write, with the value written (its tokens, strings' text in), the
    line's indentation, and whether the line declares the name (`:=`, `var`, `const`)."""
    found = set()
    for line in lines:
        code, text = line_as(side, "code", line), line_as(side, "uncommented", line)
        indent = text[: len(text) - len(text.lstrip())]
        for name, end, _ in line_writes(path, code):
            declares = code[:end].endswith(":=") or code.lstrip().startswith(("var ", "const "))
            found.add((name, " ".join(text[end:].split()), indent, declares))
    return found


def scopes_of(side: Side | None, hunk: Hunk) -> dict[int, Scope]:
    """For each added line, the function around it and the names declared in it above the
    line: read once a hunk, from the nearest definition above its first change and indented
    less (REVIEW-E261: not a nested one that ends above it; a definition inside the hunk
    starts another)."""
    if side is None or not hunk.added:
        return {}
    first, last = hunk.added[0].number, hunk.added[-1].number
    ruby = hunk.path.endswith(".rb")
    function, declared = "", set[str]()
    depth = _depth(opening) if (opening := code_at(side, first)).strip() else 1 << 30
    for above in range(first - 1, max(0, first - DEFINITION_SCAN), -1):
        text = code_at(side, above)
        if text.strip() and _depth(text) >= depth:  # REVIEW-E261: a block closed above it
            declared |= _declarations(text, ruby)
            continue
        depth = _depth(text) if text.strip() else depth
        if name := _defined_at(text, hunk.path):
            function, declared = name, declared | _parameters(text)
            break
        if opened := opened_at(side.code, above):  # REVIEW-E90
            function, declared = opened.name, declared | _parameters(opened.header)
            break
        declared |= _declarations(text, ruby)
    added = {line.number for line in hunk.added}
    found: dict[int, Scope] = {}
    for number in range(first, last + 1):
        text = code_at(side, number)
        if name := _defined_at(text, hunk.path):
            function, declared = name, _parameters(text)
        elif opened := opened_at(side.code, number):
            function, declared = opened.name, _parameters(opened.header)
        if ruby:  # REVIEW-E79: Ruby declares a local by assigning it, on its own line too
            declared |= _declarations(text, ruby)
        if number in added and function:
            found[number] = (function, frozenset(declared))
        if not ruby:
            declared |= _declarations(text)
    return found


def _depth(text: str) -> int:
    """A line's indentation; a closing bracket's line is in the block it closes."""
    code = text.lstrip()
    return len(text) - len(code) + code.startswith(("}", ")"))


def _defined_at(text: str, path: str) -> str:
    """The function a line defines; REVIEW-E261: a function expression assigned too
    (`module.exports = function (payload, options) {`), whose parameters are its locals."""
    return definition_at(text, path) or assigned_function(text)


def code_at(side: Side, number: int) -> str:
    return side.code[number - 1] if 0 < number <= len(side.code) else ""


_DECLARED = re.compile(
    r"\b(?:var|let|const)\s+([A-Za-z_$][\w$]*)|((?:[A-Za-z_]\w*\s*,\s*)*[A-Za-z_]\w*)\s*:="
)


_RUBY_LOCAL = re.compile(r"\s*([a-z_]\w*)\s*(?:\|\||&&|[-+*/%|&^])?=(?![=~>])")


def _declarations(text: str, ruby: bool = False) -> set[str]:
    """`var x`, `let x`, `const x`, Go's `a, b :=`; in Ruby `x = ` (not `x[k] =`, `@x =`)."""
    if ruby:
        local = _RUBY_LOCAL.match(text)
        return {local[1]} if local else set()
    found: set[str] = set()
    for one, many in _DECLARED.findall(text) if ("=" in text or "var" in text) else ():
        found.update([one] if one else [name.strip() for name in many.split(",")])
    return found


def _parameters(text: str) -> set[str]:
    """The names on a definition's line after its first `(`: its parameters (and, crudely,
    their types)."""
    return set(re.findall(r"[A-Za-z_$][\w$]*", text.partition("(")[2]))
