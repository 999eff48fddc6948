"""Where a hunk's changed lines lie in the statement that writes a name: on it at all
(REVIEW-5), or on a few entries of a long table it writes (REVIEW-E225). Pure; split out of
review.py."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from specflow.change import Line
    from specflow.languages.base import Symbol


def on_statement(symbol: Symbol, lines: list[int]) -> bool:
    """Whether one of `lines` (in order) lies in the statement that writes the symbol: an entry
    added to a dict written over many lines writes the dict."""
    at = bisect_left(lines, symbol.line)
    return at < len(lines) and lines[at] <= max(symbol.last, symbol.line)


TABLE = 12  # lines of a statement, from which a few changed inside it are entries of a table


def table_entry(symbol: Symbol, lines: Sequence[Line]) -> bool:
    """REVIEW-E225: `lines` change a few entries inside a long table the symbol's statement
    writes (one `(regex, action),` of `SQL_REGEX`, a hundred lines): each changed line of code
    inside it an element ending with a comma, fewer than a quarter of its lines, not its first.
    It writes the name, but what a statement says of the table (how it is read, in what order)
    is not what one entry changes: the statements naming it are asked as naming it, not as
    certain. A line of a verbose regex or of a call's argument (`\\s*`) changes the one value."""
    span = symbol.last - symbol.line + 1
    inside = [line for line in lines if symbol.line <= line.number <= symbol.last]
    if span < TABLE or not inside or len(inside) * 4 >= span:
        return False
    code = [_ENTRY.sub(r"\1", line.text).strip() for line in inside]
    return symbol.line != inside[0].number and all(c.endswith(",") for c in code if c)


# a line's strings kept whole, and its comment (`# 'Name'.` too) dropped
_ENTRY = re.compile(r"""^((?:[^#'"]|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")*)#.*""")
