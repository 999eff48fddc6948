"""Ruby's string literals as the names a hunk's code names read them (REVIEW-E137): the text of
a string is prose, where only words shaped like code name something (`"; HttpOnly"`, not
`'Content-Disposition: form-data'`), its interpolations (`#{key}`) are code, and a string that
is one name (`"timeout"`, `opts['retries']`) is a key that names what it holds. Read line by
line, left to right, so that a quote in a comment opens no string. Pure."""

from __future__ import annotations

import re

from specflow.identifiers import shaped_only

_NAME = re.compile(r"[A-Za-z_]\w*[?!]?\Z")
# `%(...)`, `%Q[...]`, `%q{...}` after what starts an expression; not `a%(b)`, a modulo
_PERCENT = re.compile(r"(?:(?<=[\s(\[{,=|&!+\-*/<>?:;])|^)%([qQwWiI]?)([(\[{<|!/^])")
_PAIRS = {"(": ")", "[": "]", "{": "}", "<": ">"}


def code_of(text: str) -> str:
    """The text with the text of each Ruby string literal blanked (a space for each character)
    but its words shaped like code, its interpolations, and a string that is one name; a
    string that does not end on its line, and what follows a comment, as they are."""
    return "\n".join(_line(line) for line in text.split("\n"))


def _line(line: str) -> str:
    out, at = [], 0
    while at < len(line):
        char = line[at]
        percent = _PERCENT.match(line, at) if char == "%" else None
        if char == "#" and not line.startswith("#{", at):
            break  # a comment: kept as it is
        if char in "\"'" or percent:
            end, literal = _literal(line, at, percent)
            if end < 0:
                break  # it goes on below: not read
            out.append(literal)
            at = end
            continue
        out.append(char)
        at += 1
    return "".join(out) + line[at:]


def _literal(line: str, at: int, percent: re.Match[str] | None) -> tuple[int, str]:
    """Where the literal that opens at `at` ends (-1: not on this line), and it as code."""
    if percent is None:
        opener, body = line[at], at + 1
        closer, interpolates, words = opener, opener == '"', False
    else:
        kind, opener = percent[1], percent[2]
        body, closer = percent.end(), _PAIRS.get(opener, opener)
        interpolates, words = kind in ("", "Q", "W", "I"), kind in ("w", "W", "i", "I")
    end = _end(line, body, opener, closer, interpolates)
    if end < 0:
        return -1, ""
    inside = line[body : end - 1]
    if words or _NAME.match(inside):
        return end, line[at:end]
    return end, line[at:body] + _blanked(inside, interpolates) + closer


def _end(line: str, at: int, opener: str, closer: str, interpolates: bool) -> int:
    """The index after the literal's closing delimiter; -1 when it does not close here."""
    depth = 0
    while at < len(line):
        char = line[at]
        if char == "\\":
            at += 2
            continue
        if interpolates and line.startswith("#{", at):
            at = _interpolation_end(line, at + 2)
            if at < 0:
                return -1
            continue
        if char == closer and depth == 0:
            return at + 1
        if opener != closer:
            depth += (char == opener) - (char == closer)
        at += 1
    return -1


def _interpolation_end(line: str, at: int) -> int:
    depth = 1
    while at < len(line):
        depth += (line[at] == "{") - (line[at] == "}")
        at += 1
        if depth == 0:
            return at
    return -1


_INTERPOLATION = re.compile(r"#\{")


def _blanked(inside: str, interpolates: bool) -> str:
    """The literal's text as prose (`shaped_only`), its interpolations (`#{key}`) kept."""
    if not interpolates or "#{" not in inside:
        return shaped_only(inside)
    out, at = [], 0
    for found in _INTERPOLATION.finditer(inside):
        if found.start() < at:
            continue
        end = _interpolation_end(inside, found.end())
        end = len(inside) if end < 0 else end
        out.append(shaped_only(inside[at : found.start()]) + inside[found.start() : end])
        at = end
    return "".join(out) + shaped_only(inside[at:])
