"""Ripples parse only the top-level statements that hold a changed line, and find exactly what a
parse of the whole file finds (SPEED-6), whatever the file's strings and clauses (SPEED-E2)."""

from __future__ import annotations

import ast
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from specflow.change import Hunk, Line
from specflow.languages import pysource, python
from specflow.languages.pyconditions import governed_blocks

TRICKY = '''"""Module doc.
def fake():
    ghost.name = 1
"""
import os

SETTINGS = {}


@decorator
@other(
    1,
)
def first(user):
    user.token = make_token()
    return user


class Account:
    limit = 10

    def grow(self, items):
        self.items.append(
            items)
        return self.items


if os.name:
    MODE = 1
elif os.sep:
    MODE = 3
else:
    MODE = 2

try:
    REGISTRY = load()
except OSError:
    REGISTRY = {}
finally:
    CACHE.clear()

TEXT = \'\'\'
x.y = 3
def nested():
    z.w = 4
\'\'\'
QUOTED = "not a \\"\\"\\" start"  # """ in a comment
value = (1 +
2)
total = [
    SETTINGS.setdefault("a", 1),
]
'''


# Column-0 lines that continue a statement: inside brackets, after a backslash, and a coding
# declaration that must stay (found by review: a cut there lost the write of ITEMS and QUERY).
CONTINUED = b"""# -*- coding: latin-1 -*-
import os

ITEMS = [
"a",
"b",
]
QUERY = (
"SELECT a "
"FROM t"
)
TOTAL = 1 + \\
2


def first(record):
    record.total = TOTAL
    return record


LATE = {
"k": first,
}
caf\xe9 = 1
"""


def whole_file_symbols(source: bytes, lines: set[int], kind: str) -> set[python.Symbol]:
    """What the ripple stage found before SPEED-6: every write, from a parse of the whole file."""
    return set(python.symbols("m.py", source, ast.parse(source), lines, kind))


def cut_symbols(source: bytes, lines: set[int], kind: str) -> set[python.Symbol]:
    tree = pysource.parse_touched(source, sorted(lines))
    return set(python.symbols("m.py", source, tree, lines, kind))


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_single_changed_line_finds_what_the_whole_file_finds(newline: str) -> None:
    """SPEED-6, SPEED-E2: each line of a file full of traps, changed alone."""
    source = TRICKY.replace("\n", newline).encode()
    count = TRICKY.count("\n") + 1
    for line in range(1, count + 1):
        for kind in ("write", "unwrite"):
            assert cut_symbols(source, {line}, kind) == whole_file_symbols(source, {line}, kind), (
                line
            )


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_lines_that_continue_a_statement_are_not_cut(newline: bytes) -> None:
    """SPEED-E2: brackets, implicit string concatenation and backslashes at column 0, and the
    encoding declaration on line 1."""
    source = CONTINUED.replace(b"\n", newline)
    for line in range(1, CONTINUED.count(b"\n") + 2):
        for kind in ("write", "unwrite"):
            expected = whole_file_symbols(source, {line}, kind)
            assert cut_symbols(source, {line}, kind) == expected, line
    assert {s.name for s in cut_symbols(source, {5}, "write")} == {"ITEMS"}


@settings(max_examples=150, deadline=None)
@given(st.sets(st.integers(min_value=1, max_value=TRICKY.count("\n") + 1), min_size=1))
def test_any_set_of_changed_lines_finds_what_the_whole_file_finds(lines: set[int]) -> None:
    """SPEED-6: any set of changed lines."""
    source = TRICKY.encode()
    assert cut_symbols(source, lines, "write") == whole_file_symbols(source, lines, "write")


def test_the_cut_parses_less_than_the_file() -> None:
    """SPEED-6: a change inside one function keeps that function and blanks the rest."""
    source = TRICKY.encode()
    text = source.split(b"\n")

    def kept_lines(line: int) -> set[int]:
        regions = pysource._touched_regions(pysource._statement_starts(source), [line], len(text))
        return {number for first, end in regions for number in range(first, end)}

    line = next(n for n, t in enumerate(text, 1) if b"user.token" in t)
    kept = kept_lines(line)
    assert min(kept) == TRICKY.split("\n").index("@decorator") + 1
    assert b"return user" in text[max(kept) - 1] or text[max(kept) - 1].strip() == b""
    assert len(kept) < len(text) // 4
    lines = TRICKY.split("\n")
    clause = kept_lines(lines.index("    MODE = 2") + 1)
    assert lines.index("if os.name:") + 1 in clause  # `else:` continues the `if`
    handler = kept_lines(lines.index("    REGISTRY = {}") + 1)
    assert lines.index("try:") + 1 in handler


SPEC = """---
id: ACC
scope: [src/**]
---
# Accounts

## Context
- Tokens live in `user.token`; `name` is the display name.

## Requirements
- ACC-1: Tokens are issued by `make_token`.

## Edge Cases
- ACC-E1: A user without a token.
"""

READER = """def show(account, user):  # ACC-1
    return account.name, user.token
"""


def ripple_names(cli) -> set[str]:  # type: ignore[no-untyped-def]
    data = json.loads(cli("review", "HEAD", "--format", "json").out)
    return {r["symbol"]["name"] for r in data["ripples"]}


def test_code_in_a_docstring_is_not_a_write_and_real_writes_still_ripple(repo, cli) -> None:  # type: ignore[no-untyped-def]
    """SPEED-E2 through the CLI: editing column-0 code inside a module docstring writes nothing;
    editing the real write in the same file ripples to its reader."""
    repo.commit(
        "base", {"specs/acc.md": SPEC, "src/acc/model.py": TRICKY, "src/acc/view.py": READER}
    )
    repo.commit("docs", {"src/acc/model.py": TRICKY.replace("ghost.name = 1", "ghost.name = 2")})
    assert ripple_names(cli) == set()
    changed = TRICKY.replace("user.token = make_token()", "user.token = mint()  # ACC-1")
    repo.commit("mint", {"src/acc/model.py": changed})
    assert ripple_names(cli) == {"token"}


GOVERNING = b"""def load(value, retries):
    while retries > 0:
        retries -= 1
    if not value:
        return None
    elif value.startswith("#"):
        raise MalformedValue("comment")  # ignored
    try:
        return parse(value)
    except (ValueError, OSError) as exc:
        raise BadValue("malformed value", value) from exc
"""


def governed(lines: dict[int, str], removed: tuple[Line, ...] = ()) -> str | None:
    """What `_governed_blocks` reads with one hunk that adds `lines` to GOVERNING."""
    added = tuple(Line(number, text) for number, text in sorted(lines.items()))
    hunk = Hunk("m.py", 1, 1, min(lines), len(lines), added=added, removed=removed)
    tree = ast.parse(GOVERNING)
    return governed_blocks([hunk], set(), (tree, tree), GOVERNING).get(0)


def test_a_changed_condition_is_read_with_the_block_it_governs() -> None:
    """REVIEW-18: an `except` clause, an `elif` test, a `while` test, each with the first
    statement of its block; a comment beside the condition changes nothing of that; a hunk
    that also changes (or removes) a statement of a block, or only a simple statement, has
    none."""
    assert governed({10: "    except (ValueError, OSError) as exc:"}) == (
        '        raise BadValue("malformed value", value) from exc'
    )
    assert governed({6: '    elif value.startswith("#"):', 5: "        # a comment"}) == (
        '        raise MalformedValue("comment")  # ignored'
    )
    assert governed({2: "    while retries > 0:"}) == "        retries -= 1"
    assert governed({4: "    if not value:", 5: "        return None"}) is None
    assert governed({9: "        return parse(value)"}) is None
    assert governed({2: "    while retries > 0:"}, (Line(3, "        retries -= 2"),)) is None
