"""References: where each requirement ID appears, from `git grep` rows. Pure."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from specflow.globs import DOCUMENTS, matches
from specflow.ids import find_references, find_references_with_ranges
from specflow.testcode import Spans, holds_tests, inside

_ROW = re.compile(rb"([^\0]*)\0([0-9]+)\0([^\n]*)\n")
MAX_TEXT = 200


class Reference(NamedTuple):
    """One mention of an ID: from a test file, or from the test code of another (a Rust
    `#[cfg(test)]` module), it `verifies`; from a changelog or a documentation page it
    `mentions` (CHECK-E56, CHECK-E61); from anywhere else it `implements`."""

    id: str
    path: str
    line: int
    kind: str  # "implements" | "verifies" | "mentions" | "message"
    text: str = ""


# CHECK-E56: a changelog tells of changes as a commit message does (CHECK-7): a line of it names
# a requirement and implements nothing. `CHANGELOG.md`, `CHANGES.rst`, `NEWS`, `HISTORY.txt`,
# `docs/changelog.rst` (prose suffixes only: `news.py` is code), and towncrier's or changesets'
# fragments
_CHANGELOG = re.compile(
    r"(?:^|/)(?:(?:change[-_]?log|changes|news|history|release[-_]?notes|whats[-_]?new)"
    r"(?:\.(?:md|markdown|rst|txt|adoc|org))?|(?:changelog\.d|newsfragments|\.changeset)/.+)$",
    re.IGNORECASE,
)


def is_changelog(path: str) -> bool:
    """CHECK-E56: whether the references in `path` only mention what they name."""
    return _CHANGELOG.search(path) is not None


# CHECK-E61: a prose page (the suffixes the review reads as documentation, REVIEW-19) describes
# a requirement and implements nothing, as a changelog does; CMake's build script is code
_BUILD_SCRIPTS = ("cmakelists.txt",)


def is_prose(path: str) -> bool:
    """CHECK-E56, CHECK-E61: whether the references in `path` only mention what they name."""
    lowered = path.lower()
    if lowered.endswith(DOCUMENTS):
        return lowered.rsplit("/", 1)[-1] not in _BUILD_SCRIPTS
    return is_changelog(path)


def kind_of(path: str, test_globs: tuple[str, ...]) -> str:
    """GIT-11: a test file's references verify; CHECK-E56, CHECK-E61: a changelog's or a
    documentation page's mention; any other file's implement."""
    if matches(path, test_globs):
        return "verifies"
    return "mentions" if is_prose(path) else "implements"


def grep_rows(data: bytes, tree: str | None) -> Iterator[tuple[str, int, str]]:
    """(path, line, text) from `git grep -n --null` output; a tree search prefixes `TREE:`."""
    for path, line, text in raw_rows([data], tree):
        yield path_of(path), int(line), text.decode("utf-8", "replace")


def raw_rows(blocks: Iterable[bytes], tree: str | None) -> Iterator[tuple[bytes, bytes, bytes]]:
    """The rows of `grep_rows`, undecoded (for who reads only a few of many), from the output
    in blocks cut anywhere: a row is read once it has ended."""
    strip = len(tree) + 1 if tree else 0
    rest: list[bytes] = []  # what has come of a row not ended yet (a long one: many blocks)
    for block in blocks:
        if b"\n" not in block:
            rest.append(block)
            continue
        data = b"".join([*rest, block]) if rest else block
        end = 0
        # a row ends at a newline; one in a path is found by the row that holds it
        for match in _ROW.finditer(data, 0, data.rfind(b"\n") + 1):
            yield match[1][strip:], match[2], match[3]
            end = match.end()
        rest = [data[end:]] if end < len(data) else []


def path_of(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def references(
    rows: Iterable[tuple[str, int, str]], prefixes: frozenset[str], test_globs: tuple[str, ...]
) -> list[Reference]:
    found: list[Reference] = []
    kinds: dict[str, str] = {}  # rows come file by file: classify each path once
    for path, line, text in rows:
        kind = kinds.get(path)
        if kind is None:
            kind = kinds[path] = kind_of(path, test_globs)
        for item_id, _column in find_references(text, prefixes):
            found.append(Reference(item_id, path, line, kind, text.strip()[:MAX_TEXT]))
    return found


def by_test_code(
    found: list[Reference], read: Callable[[list[str]], Mapping[str, Spans]]
) -> list[Reference]:
    """CHECK-E27: the references inside the test code of a file no test glob matches verify,
    as a test file's do; `read`: the test code of the files named, read only for those."""
    paths = sorted(filter(holds_tests, {r.path for r in found if r.kind == "implements"}))
    if not paths:
        return found
    spans = read(paths)
    return [
        reference._replace(kind="verifies")
        if reference.kind == "implements" and inside(spans.get(reference.path, ()), reference.line)
        else reference
        for reference in found
    ]


def message_references(messages: Sequence[str], prefixes: frozenset[str]) -> list[Reference]:
    """CHECK-19: a range such as `SIGN-1..5` names every ID in it."""
    return [
        Reference(item_id, "(commit message)", number, "message", text.strip()[:MAX_TEXT])
        for message in messages
        for number, text in enumerate(message.splitlines(), 1)
        for item_id in find_references_with_ranges(text, prefixes)
    ]


def by_id(found: Iterable[Reference]) -> dict[str, list[Reference]]:
    index: dict[str, list[Reference]] = {}
    for reference in found:
        index.setdefault(reference.id, []).append(reference)
    return index
