"""CHECK-E27: the tests inside a file that no test glob matches. Rust keeps its unit tests
beside the code they test, in a `#[cfg(test)]` module or a `#[test]` function: which lines of a
Rust file are such tests, read from its own text alone (so that a file's references still
depend only on its path and content: refcache.py). Pure."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from specflow.change import FileChange, Hunk
from specflow.globs import matches
from specflow.ids import find_references

Spans = tuple[range, ...]  # the lines (from 1) of a file's test code
UnitTests = tuple[Spans, Spans]  # a changed file's test code before and after the change

MAX_CHARS = 1 << 20  # a larger file (generated, vendored) is read as code, as before


def holds_tests(path: str) -> bool:
    """A file whose own text may say that some of its lines are tests."""
    return path.lower().endswith(".rs")


def inside(spans: Spans, line: int) -> bool:
    return any(line in span for span in spans)


def unit_test_spans(text: str) -> Spans:
    """The lines of each item that a test attribute marks: `#[cfg(test)]` (or `cfg(all(test,
    ...))`), `#[test]` and `#[tokio::test]` (any attribute named `test`), from the comment and
    attribute lines right above it to its closing brace, or to its `;` (`#[cfg(test)] mod
    tests;` is one line: the module is another file), or to the `,` of a match arm, a field or a
    variant it marks (REVIEW-E81). `#![cfg(test)]` marks its whole block, or
    the file. One pass over the text: comments, strings and characters are passed over, so a
    brace there is not counted; parentheses and brackets only between an attribute and its
    item, where a `;` inside them (`[u8; 4]`) does not end it."""
    candidate, reading, inside_item = _patterns()
    if len(text) > MAX_CHARS or not candidate.search(text):
        return ()
    spans: list[tuple[int, int]] = []  # the offsets of the first and last character of each
    opened: list[int] = []  # the offset of each brace still open
    pending = within = -1  # the depth a marked item starts at; the depth its block closes to
    nested = start = at = 0  # open brackets since the attribute; where the marked item starts
    while found := (inside_item if pending >= 0 else reading).search(text, at):
        at, kind = found.end(), found.lastgroup
        if kind == "brace":
            if found[0] == "{":
                if pending == len(opened) and not nested:
                    within, pending = len(opened), -1
                opened.append(found.start())
                continue
            if opened:
                opened.pop()
            if len(opened) == within:
                spans.append((start, found.start()))
                within = -1
            if len(opened) < pending:
                pending = -1  # the block closed before any item: nothing is marked
        elif kind == "attribute":
            nested += 1  # its `[`
            if within >= 0 or not _marks_tests(text, at):
                continue
            if found[0] == "#![" and not opened:  # the file
                return (range(1, text.count("\n") + 2),)
            if found[0] == "#![":  # the block it stands in
                within, pending, start = len(opened) - 1, -1, opened[-1]
            elif pending < 0:
                pending, nested, start = len(opened), 1, found.start()
        elif kind == "bracket":
            nested += 1 if found[0] in "([" else -1
        elif kind == "end":
            if not nested and pending == len(opened):
                spans.append((start, found.start()))
                pending = -1
        elif kind == "comment":
            at = _comment_end(text, at)
        elif kind == "raw":
            closing = text.find('"' + found["hashes"], at)
            at = len(text) if closing < 0 else closing + 1 + len(found["hashes"])
    if within >= 0:  # an unclosed block runs to the end
        spans.append((start, len(text)))
    return _headed(text, spans)


# an attribute that may mark a test: whatever else, the file has one or holds no test
_CANDIDATE = r"#!?\[\s*(?:cfg\s*\(|[\w:\s]{0,200}\btest\b)"
# what the pass reads, and what it passes over: comment lines (a run of them at once), a block
# comment (they nest), a raw string (`r#"..."#`), a string, a character (`'{'`, `b'"'`,
# `'\u{7B}'`; a quote that is none starts a lifetime, `'a`); each led by the characters that
# may start it, so that `re` skips the rest of the text in C. Every one is linear (HARDEN-21).
_PARTS = (
    r"(?P<line>//[^\n]*(?:\n[ \t]*//[^\n]*)*)|(?P<comment>/\*)"
    r"|(?P<raw>(?<!\w)[bc]?r(?P<hashes>#*)\")|(?P<string>\"(?:\\.|[^\"\\])*\"?)"
    r"|(?P<char>'(?:\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F_]{1,6}\}|.)|[^'\\\n])')"
    r"|(?P<attribute>#!?\[)|(?P<brace>[{}])"
)


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The pass's patterns: what may mark a test, what it reads, and that with the brackets and
    `;` between an attribute and its item; compiled once a file is read (a hook of a
    repository without Rust never is)."""
    return (
        re.compile(_CANDIDATE),
        re.compile(r"(?=[/\"'#{}bcr])(?:" + _PARTS + ")", re.DOTALL),
        re.compile(
            r"(?=[/\"'#{}bcr()\[\];,])(?:" + _PARTS + r"|(?P<bracket>[()\[\]])|(?P<end>[;,]))",
            re.DOTALL,
        ),
    )


_NAME = re.compile(r"[\w:\s]{0,200}")
MAX_PREDICATE = 512  # characters of a `cfg(...)` read


def _marks_tests(text: str, at: int) -> bool:
    """The attribute whose text starts at `at` marks a test: its path ends in `test`, or it is
    a `cfg` whose predicate holds only under test."""
    end = _NAME.match(text, at).end()  # type: ignore[union-attr]  # matches ""
    name, after = "".join(text[at:end].split()).rsplit(":", 1)[-1], text[end : end + 1]
    if name == "test":
        return after in ("]", "(")
    return name == "cfg" and after == "(" and _only_under_test(_inner(text, end + 1))


def _inner(text: str, at: int) -> str:
    """The predicate of a `cfg(` whose text starts at `at`: up to the `)` before its `]`."""
    chunk = text[at : at + MAX_PREDICATE]
    closing = chunk.find("]")
    return chunk[:closing].rstrip().removesuffix(")") if closing >= 0 else ""


def _only_under_test(predicate: str) -> bool:
    """`test`, or `all(...)` with one such predicate among its own (not `any`, not `not`)."""
    predicate = predicate.strip()
    if predicate == "test":
        return True
    every = re.fullmatch(r"all\s*\((.*)\)", predicate, re.DOTALL)
    return every is not None and any(_only_under_test(part) for part in _split(every[1]))


def _split(arguments: str) -> list[str]:
    """Arguments separated by the commas outside any parentheses."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(arguments):
        if char in "()":
            depth += 1 if char == "(" else -1
        elif char == "," and not depth:
            parts.append(arguments[start:index])
            start = index + 1
    return [*parts, arguments[start:]]


_NESTED = re.compile(r"/\*|\*/")


def _comment_end(text: str, at: int) -> int:
    """Where the block comment opened just before `at` ends: Rust's block comments nest."""
    depth = 1
    for found in _NESTED.finditer(text, at):
        depth += 1 if found[0] == "/*" else -1
        if not depth:
            return found.end()
    return len(text)


_ASIDE = re.compile(r"[ \t]*(?://|/\*|\*|#!?\[.*\][ \t]*$)")  # a comment or attribute line


def _headed(text: str, spans: list[tuple[int, int]]) -> Spans:
    """Each span by lines, from the first of the comment and attribute lines right above it (no
    blank line between): `// CHUNK-2` over `#[test]` is the test's."""
    lines = text.split("\n")
    found, line, at = [], 1, 0
    for start, end in sorted(spans):
        line += text.count("\n", at, start)
        first, at = line, start
        while first > 1 and _ASIDE.match(lines[first - 2]):
            first -= 1
        found.append(range(first, line + text.count("\n", start, end) + 1))
    return tuple(found)


def in_unit_tests(hunk: Hunk, sides: UnitTests) -> bool:
    """Every line the hunk adds is test code after the change, every line it removes was
    before it; REVIEW-E207: its blank lines apart (the one that sets an appended
    `#[cfg(test)] mod tests` apart from the function above it)."""
    before, after = sides
    added = [line for line in hunk.added if line.text.strip()]
    removed = [line for line in hunk.removed if line.text.strip()]
    return (
        bool(added or removed)
        and all(inside(after, line.number) for line in added)
        and all(inside(before, line.number) for line in removed)
    )


def changed_sides(
    sources: Mapping[str, tuple[bytes | None, bytes | None]], test_globs: Sequence[str]
) -> dict[str, UnitTests]:
    """The test code of each changed file that holds tests, no test glob matching it, before
    and after the change (`sources`: its two sides, None where it is absent)."""
    return {
        path: (_spans_of(old), _spans_of(new))
        for path, (old, new) in sources.items()
        if holds_tests(path) and not matches(path, tuple(test_globs))
    }


def _spans_of(data: bytes | None) -> Spans:
    return unit_test_spans(data.decode("utf-8", "replace")) if data else ()


def judged_paths(
    files: Sequence[FileChange],
    heads: Iterable[tuple[str, Hunk, object]],
    prefixes: frozenset[str],
    test_globs: tuple[str, ...],
) -> set[str]:
    """The changed files that hold tests whose test code `check` reads: those with a hunk an
    implementing reference heads (`heads`: `losses.touched_code`'s), or a removed line that
    names an ID; not a test file, all of whose lines are tests."""
    headed = {path for path, _, _ in heads}
    return {
        file.path
        for file in files
        if holds_tests(file.path)
        and not matches(file.path, test_globs)
        and (
            file.path in headed
            or any(
                find_references(line.text, prefixes)
                for hunk in file.hunks
                for line in hunk.removed
                if "-" in line.text
            )
        )
    }


if TYPE_CHECKING:  # a type alone: no class to build on the hook's path

    class Placed(Protocol):
        """What stands on a line of a changed file: a name the change writes (a `Symbol`)."""

        @property
        def path(self) -> str: ...
        @property
        def line(self) -> int: ...
        @property
        def kind(self) -> str: ...


def placed_in_tests(tests: Mapping[str, UnitTests], placed: Placed) -> bool:
    """REVIEW-E75: on a line of test code: of the file before the change for what it stops
    writing, after it for the rest."""
    code = tests.get(placed.path)
    return code is not None and inside(code[0 if placed.kind == "unwrite" else 1], placed.line)


def unit_test_hunks(files: Sequence[FileChange], tests: Mapping[str, UnitTests]) -> frozenset[int]:
    """REVIEW-E75: the ids of the hunks wholly inside test code."""
    return frozenset(
        id(hunk)
        for file in files
        if file.path in tests
        for hunk in file.hunks
        if in_unit_tests(hunk, tests[file.path])
    )
