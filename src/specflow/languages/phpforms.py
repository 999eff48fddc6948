r"""REVIEW-E96: PHP spelled as php-cs-fixer rewrites it without changing what runs, for the token
comparison of `tokens.py`: a string in double quotes that interpolates nothing and escapes
nothing but `\\`, `\"` or `\$` is the same string in single quotes; `$i++` whose value nothing
reads is `++$i`; and a class named `\\X` where the file imports it (`use X;`) is `X`. Pure: tokens
in, tokens out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple


class Reading(NamedTuple):
    """One side of a PHP file as the rewrites need it: its lines without comments, and the
    classes its top-level `use` statements import (`Alias` → `Name\\Space\\Alias`)."""

    lines: Sequence[str]
    imports: dict[str, str]

    def spelled(self, tokens: list[str], first: int) -> list[str]:
        """`tokens` (of the lines from `first`, numbered from 1) in one spelling of each
        rewrite."""
        tokens = _names([_string(token) for token in tokens], self.imports)
        return _increments(tokens, _statement_before(self.lines, first))


_USE = re.compile(r"use\s+\\?([A-Za-z_][\w\\]*?)(?:\s+as\s+([A-Za-z_]\w*))?\s*;\s*\Z")


def reading(lines: Sequence[str]) -> Reading | None:
    """The side's reading; None for a file that is not PHP code alone: text outside
    `<?php ... ?>` is output, and a heredoc's quotes and `$i++` are its text."""
    first = next((line for line in lines if line.strip()), "")
    if not first.startswith("<?php") or any("?>" in line or "<<<" in line for line in lines):
        return None
    imports: dict[str, str] = {}
    for line in lines:  # not indented: a trait's `use` in a class body imports nothing
        found = _USE.match(line)
        if found:
            imports[found[2] or found[1].rsplit("\\", 1)[-1]] = found[1]
    if sum(1 for line in lines if _NAMESPACE.match(line)) > 1:
        imports = {}  # each namespace of the file imports its own names
    return Reading(lines, imports)


_NAMESPACE = re.compile(r"\s*namespace\b(?!\s*\\)")


def _string(token: str) -> str:
    """A string literal as its value, when it is a plain one; else as it is."""
    if token[:1] == "'":
        return _VALUE + re.sub(r"\\([\\'])", r"\1", token[1:-1])
    if token[:1] == '"':
        value = _double_quoted(token[1:-1])
        return _DOLLAR_BRACE.sub(r"{$\1}", token) if value is None else _VALUE + value
    return token


_VALUE = "\0"  # no token of code starts with it
# REVIEW-E281: `"${name}"` is `"{$name}"` (PHP 8.2 deprecates the first); `${` of anything but a
# name (`"${$x}"`, `"${f()}"`: a variable variable; `"${a['k']}"`), escaped, after `{` or after a
# `$` (`"$${x}"` is a `$` then the value, `"${$x}"` a variable variable), as written
_DOLLAR_BRACE = re.compile(r"(?<![\\{$])\$\{([A-Za-z_]\w*)\}")


def _double_quoted(body: str) -> str | None:
    """The value of a double-quoted string's text, or None when it interpolates a `$` or holds
    an escape a single-quoted string cannot write (`\\n`, `\\t`, `\\x41`, `\\101`, `\\u{...}`).
    Any other backslash stands for itself, in single quotes too."""
    value: list[str] = []
    at = 0
    while at < len(body):
        char = body[at]
        if char == "$":
            return None
        if char != "\\" or at + 1 == len(body):
            value.append(char)
            at += 1
            continue
        following = body[at + 1]
        if following in '\\"$':
            value.append(following)
        elif following in "nrtvef01234567" or _ESCAPE.match(body, at + 1):
            return None
        else:
            value.append(char + following)
        at += 2
    return "".join(value)


_ESCAPE = re.compile(r"x[0-9A-Fa-f]|u\{")


def _names(tokens: list[str], imports: dict[str, str]) -> list[str]:
    """A class named where only a class can be (after `new` or `instanceof`, before `::`) as
    its full name: `\\A\\B`, or `B` that the file imports as `A\\B`."""
    found: list[str] = []
    at = 0
    while at < len(tokens):
        named = _class_name(found, tokens, at, imports)
        if named is None:
            found.append(tokens[at])
            at += 1
        else:
            found.append(named[0])
            at = named[1]
    return found


def _class_name(
    before: list[str], tokens: list[str], at: int, imports: dict[str, str]
) -> tuple[str, int] | None:
    """The full name of the class named at `at`, and where its name ends; None for another
    token, or a name that may not be a class's."""
    if not (before[-1:] in (["new"], ["instanceof"]) or _before_colons(tokens, at)):
        return None
    if tokens[at] == "\\":
        end = at
        while tokens[end : end + 1] == ["\\"] and _is_name(tokens[end + 1 : end + 2]):
            end += 2
        return ("".join(tokens[at:end]), end) if end > at else None
    if tokens[at] in imports and not _qualified(before, tokens, at):
        return "\\" + imports[tokens[at]], at + 1
    return None


def _is_name(tokens: list[str]) -> bool:
    return bool(tokens) and re.fullmatch(r"[A-Za-z_]\w*", tokens[0]) is not None


def _before_colons(tokens: list[str], at: int) -> bool:
    """Whether the name that starts at `at` (`\\A\\B` or `B`) is followed by `::`."""
    end = at
    while tokens[end : end + 1] == ["\\"]:
        end += 2
    if tokens[at : at + 1] != ["\\"]:
        end = at + 1
    return tokens[end : end + 2] == [":", ":"]


def _qualified(before: list[str], tokens: list[str], at: int) -> bool:
    """A name that is part of another: after `\\`, `->`, `::` or `$`, or before `\\`."""
    previous = before[-1:]
    arrow = before[-2:] in (["-", ">"], [":", ":"])
    return previous in (["\\"], ["$"]) or arrow or tokens[at + 1 : at + 2] == ["\\"]


def _increments(tokens: list[str], statement: bool) -> list[str]:
    """`$x++` (`$x->y++`, and `--`) as `++$x` where its value is not read: a statement of its
    own (after `;`, `{`, `}` or the start of a statement, before `;`), or a `for`'s last clause
    (after `;`, before `)`: a `;` stands inside brackets only in a `for`'s header)."""
    found: list[str] = []
    at = 0
    while at < len(tokens):
        end = _variable_end(tokens, at)
        if end and tokens[end : end + 1] in (["++"], ["--"]):
            before = found[-1] if found else ("{" if statement else "")
            after = tokens[end + 1] if end + 1 < len(tokens) else ""
            if (before in _STARTS and after == ";") or (before == ";" and after == ")"):
                found += [tokens[end], *tokens[at:end]]
                at = end + 1
                continue
        found.append(tokens[at])
        at += 1
    return found


_STARTS = frozenset(";{}")  # what a statement follows


def _variable_end(tokens: list[str], at: int) -> int:
    """Where `$name` (or `$name->prop->prop`) that starts at `at` ends; 0 when none does."""
    if tokens[at] != "$" or not _is_name(tokens[at + 1 : at + 2]):
        return 0
    end = at + 2
    while tokens[end : end + 2] == ["-", ">"] and _is_name(tokens[end + 2 : end + 3]):
        end += 3
    return end


def _statement_before(lines: Sequence[str], first: int) -> bool:
    """Whether a statement starts at line `first`: the code line above it ends one or opens a
    block (`;`, `{`, `}`), or there is none."""
    above = (line.strip() for line in reversed(lines[: max(first - 1, 0)]) if line.strip())
    return next(above, ";")[-1] in ";{}"
