"""The text of a hunk's changed lines without their comments, read for the names its code uses
(REVIEW-E391): a name a comment mentions ("as `get_meta_refresh` does") is prose, which the
hunk neither defines, changes, writes, reads nor calls; its words stay the hunk's words. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Set
from functools import lru_cache

from specflow.change import Hunk, Line
from specflow.globs import BLOCK_COMMENTS, go_directive, line_comment, magic_comment

# a string (its text may hold a comment's marker) or a comment's start, left to right
_STRING = r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'"
_MARKS = {
    "#": r"(?<![^\s])#(?!\{)",  # REVIEW-E64: `#` at a word's start, not Ruby's `#{`
    "python": r"#",
    "php": r"//|#(?!\[)|/\*",  # REVIEW-E95: not `#[`, an attribute
    "block": r"//|/\*",
}
_OPENED = re.compile(r"\s*\*(?:\s|/|$)")  # ` * ...` inside a `/* ... */` block
_CLOSE = "*/"


@lru_cache(maxsize=16)
def _tokens(kind: str, backticks: bool) -> re.Pattern[str]:
    mark = _MARKS.get(kind) or re.escape(kind)
    strings = _STRING + (r"|`[^`]*`" if backticks else "")
    return re.compile(rf"{strings}|(?P<mark>{mark})")


def _kind(path: str) -> tuple[str, bool]:
    """How `path`'s language opens a comment, and whether its backquotes quote."""
    lowered = path.lower()
    if lowered.endswith((".py", ".pyi")):
        return "python", False
    if lowered.endswith(".php"):
        return "php", False
    if lowered.endswith(BLOCK_COMMENTS):
        return "block", not lowered.endswith((".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".rs"))
    return line_comment(path), False


def uncommented(hunk: Hunk, keep: Set[Line] = frozenset()) -> Hunk:
    """The hunk, each changed line's comment blanked (a line of `keep` as it is): `#`, `//`
    and `/* ... */` by the file's language, a block carried along the consecutive lines of one
    side (unknown past a gap, where the line is read as code, as before); not a doc comment."""
    kind, backticks = _kind(hunk.path)
    pattern = _tokens(kind, backticks)
    blocks = kind in ("block", "php")
    added = tuple(_blanked(hunk.path, hunk.added, keep, pattern, blocks))
    removed = tuple(_blanked(hunk.path, hunk.removed, keep, pattern, blocks))
    return hunk._replace(added=added, removed=removed)


def _blanked(
    path: str, lines: Iterable[Line], keep: Set[Line], pattern: re.Pattern[str], blocks: bool
) -> Iterator[Line]:
    inside, last = "", -1  # "block", "doc" (a `/** ... */` kept as written) or none
    for line in lines:
        inside = inside if line.number == last + 1 else ""
        last = line.number
        stripped = line.text.lstrip()
        if not inside and blocks and _doc_opens(line.text):
            inside, stripped = "doc", stripped.removeprefix("/**")
        if inside == "doc":
            inside = "" if _CLOSE in stripped else inside
            yield line
        elif line in keep or stripped.startswith(("///", "//!")) or _kept(path, line):
            yield line  # Rust's doc comments (REVIEW-E391) and what is code
        else:
            text, still = _code_of(line.text, pattern, inside == "block")
            inside = "block" if still else ""
            yield Line(line.number, text)


def _doc_opens(text: str) -> bool:
    """REVIEW-E391: a doc comment documents the definition below it, as a Python docstring
    does (REVIEW-E335: its names stay): `/** ... */`, and a block's ` * ` line where a hunk
    starts (javadoc's `@throws IllegalArgumentException`); Rust's `///` and `//!` too."""
    stripped = text.lstrip()
    opens = stripped.startswith("/**") and not stripped.startswith("/**/")
    return opens or _OPENED.match(text) is not None


def _kept(path: str, line: Line) -> bool:
    """Go's directives and Ruby's magic comments are code (REVIEW-E161, REVIEW-E136)."""
    return go_directive(path, line.text) or _magic(path, line)


def _magic(path: str, line: Line) -> bool:
    return path.endswith(".rb") and bool(magic_comment(line.number, line.text))


def _code_of(text: str, pattern: re.Pattern[str], inside: bool) -> tuple[str, bool]:
    """The line with its comments blanked, and whether a block comment is still open."""
    kept: list[str] = []
    at = 0
    while at < len(text):
        if inside:
            end = text.find(_CLOSE, at)
            if end < 0:
                return "".join(kept), True
            kept.append(" " * (end + 2 - at))
            at, inside = end + 2, False
            continue
        found = next((m for m in pattern.finditer(text, at) if m["mark"]), None)
        if found is None:
            kept.append(text[at:])
            break
        kept.append(text[at : found.start()])
        if found["mark"] != "/*":
            break  # a line comment runs to the line's end
        kept.append("  ")
        at, inside = found.end(), True
    return "".join(kept), inside
