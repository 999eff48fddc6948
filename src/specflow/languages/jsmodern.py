"""JavaScript as eslint's modernising fixes respell it, read over a whole side of a file for the
token comparison of `tokens.py`: a property `a: a` as `a` (REVIEW-E395, `object-shorthand`),
and a `let` or `const` as `var` where the two cannot behave apart (REVIEW-E396, `no-var` and
`prefer-const`); and `jsdropped`'s (REVIEW-E421 to REVIEW-E423). Pure: a side's lines in,
the lines it respells out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from specflow.languages.jsdropped import dropped_spans
from specflow.languages.jstokens import NAME, RESERVED, Tokens, read

if TYPE_CHECKING:
    from specflow.languages.tokens import Side

JS_ONLY = (".js", ".mjs", ".cjs")  # not TypeScript: a `{` after `=` or `,` may open a type
_RESPELLED: dict[int, tuple[list[str], dict[int, str]]] = {}  # by a side's code: read once


def respelled_line(side: Side, number: int, text: str) -> str:
    """A line of a side (its uncommented `text`) as REVIEW-E395 and REVIEW-E396 respell it."""
    known = _RESPELLED.get(id(side.code))
    if known is None or known[0] is not side.code:
        if len(_RESPELLED) > 8:
            _RESPELLED.clear()
        known = side.code, respelled(side.path, side.code, side.uncommented)
        _RESPELLED[id(side.code)] = known
    lines = known[1]
    return lines[number] if number in lines and text == side.uncommented[number - 1] else text


def flow_checked(text: str) -> bool:
    """REVIEW-E400: Flow checks the file (`// @flow`, `/* @flow strict */` in the comments above
    its code), so a `{` after `=` may open a type literal, as in TypeScript."""
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and not stripped.startswith(("//", "/*", "*")):
            return False
        if "@flow" in stripped:
            return True
    return False


def respelled(path: str, code: list[str], uncommented: list[str]) -> dict[int, str]:
    """REVIEW-E395, REVIEW-E396: the lines of a side (by number) that read otherwise once
    respelled, as their uncommented text respelled."""
    if not path.endswith(JS_ONLY):
        return {}
    tokens = read("\n".join(code))
    if tokens is None:
        return {}
    spans = shorthand_spans(tokens, "\n".join(uncommented))
    spans = _apart(spans + dropped_spans(path, tokens, "\n".join(uncommented)))
    out: dict[int, str] = {}
    offsets = [0]
    for text in code:
        offsets.append(offsets[-1] + len(text) + 1)
    for first, last, name in sorted(spans, reverse=True):  # right to left: columns hold
        number = tokens.line[first]
        begin, end = tokens.start[first], tokens.start[last - 1] + len(tokens.text[last - 1])
        text = out.get(number, uncommented[number - 1])
        column = begin - offsets[number - 1]
        out[number] = text[:column] + name + text[column + end - begin :]
    return out


def _apart(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans, of two that overlap the wider (a dropped statement over the shorthand
    property it holds: REVIEW-E423 over REVIEW-E395)."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda span: (span[0], -span[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


# REVIEW-E395: what may stand before a `{` that opens an object literal or a pattern for sure
_OPENS_LITERAL = frozenset({"=", "(", ",", "[", "?", "...", "||", "&&", "??"})
_ON_ITS_LINE = frozenset({"return", "throw", "yield", "await"})  # a line break ends these


def shorthand_spans(tokens: Tokens, uncommented: str) -> list[tuple[int, int, str]]:
    """REVIEW-E395: each property `a: a` (or `'a': a`) of an object literal or pattern, as the
    tokens it spans and the one name it reads as: both make (or bind) the property `a` from
    the name `a`. Not `__proto__` (`{ __proto__: p }` sets the prototype), nor one with a
    default (`{ a: a = 1 }` assigns `a` in a literal), nor a key and name on two lines."""
    text, line, parent = tokens.text, tokens.line, tokens.parent
    literal: set[int] = set()
    found: list[tuple[int, int, str]] = []
    for at, part in enumerate(text):
        if part == "{" and _opens_literal(tokens, at, literal):
            literal.add(at)
        if not 0 < at < len(text) - 3 or parent[at] not in literal or text[at - 1] not in "{,":
            continue
        name = text[at + 2] if text[at + 1] == ":" else ""
        key = _key(part, tokens.start[at], uncommented)
        ends = text[at + 3]
        if (
            key == name
            and name not in RESERVED
            and name != "__proto__"
            and NAME.match(name)
            and (ends == "," or tokens.partner[at + 3] == parent[at])
            and line[at] == line[at + 2]
        ):
            found.append((at, at + 3, name))
    return found


def _opens_literal(tokens: Tokens, at: int, literal: set[int]) -> bool:
    text = tokens.text
    before = text[at - 1] if at else ""
    if before in _OPENS_LITERAL:
        return True
    if before in _ON_ITS_LINE:
        return tokens.line[at - 1] == tokens.line[at]
    # `a: {`: a property's value, in a literal already known
    return (
        before == ":"
        and at >= 3
        and text[at - 3] in ("{", ",")
        and tokens.parent[at] in literal
        and tokens.parent[at - 2] == tokens.parent[at]
    )


def _key(part: str, start: int, uncommented: str) -> str:
    """A property's key as a name: the name, or a quoted string's text (read from the
    uncommented side: the code blanks it) when it holds no escape."""
    if NAME.match(part):
        return part
    if part[:1] in ("'", '"') and len(part) > 2:
        quoted = uncommented[start + 1 : start + len(part) - 1]
        return quoted if "\\" not in quoted and NAME.match(quoted) else ""
    return ""
