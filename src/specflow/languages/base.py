"""What every language module gives the ripple stage (LAYOUT-1).

A language module has `file_symbols(...)`: the names a change to one file touches, as `Symbol`s
(`write`: assigned on an added line, `unwrite`: assigned on a removed line, `unread`: an
attribute its removed lines read, `function`: its body changed, `removed`: a definition
removed whole), and the `FileFacts` of its
hunks. `python` reads Python's syntax tree; `generic` reads any other code line by line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

NESTED = "nested"  # REVIEW-E102: a function defined in a function reaches its file alone
LOCAL = "local"  # REVIEW-E63: a name a function declares, which no other function sees
# REVIEW-E204: a Rust item whose attributes alone a hunk changes, redefined: a type, a function
ITEM, ITEM_FUNCTION = "item", "item function"
MUTATORS = frozenset(
    {
        "append",
        "extend",
        "update",
        "pop",
        "popitem",
        "setdefault",
        "add",
        "remove",
        "discard",
        "clear",
        "insert",
    }
)


# Calls whose value is what they wrap: a write through one is produced by its argument.
WRAPPERS = frozenset(
    {
        "staticmethod",
        "classmethod",
        "property",
        "partial",
        "functools.partial",
        "cached_property",
        "functools.cached_property",
        "lru_cache",
        "functools.lru_cache",
        "functools.cache",
        "functools.wraps",
    }
)


@dataclass(frozen=True)
class Symbol:
    """A name the change touches: `write` (assigned on an added line), `unwrite` (assigned on a
    removed line and no longer written), `function` (its body changed) or `removed` (a
    definition whose every line is removed)."""

    name: str
    kind: str
    path: str
    line: int
    function: str = ""
    producers: tuple[str, ...] = ()
    owner: str = ""  # its class: of a class-private name, a method all define (REVIEW-E21, E25)
    reach: str = ""  # how its users name it: "attribute", "global" or unsaid (REVIEW-E22)
    last: int = 0  # the last line of the statement that writes it, when it spans several


class FileFacts(NamedTuple):
    """What the syntax of a changed file says about its hunks: which change no behaviour
    (REVIEW-16), and the classes and functions around each (outermost first)."""

    noop: set[int]
    enclosing: dict[int, tuple[str, ...]]
    # the comment lines just above each hunk's first change (`# SIGN-2: SHA-1 stays`)
    above: dict[int, str] = {}  # noqa: RUF012 - never changed
    # the first statement of the block that a hunk's changed condition governs (REVIEW-18)
    governed: dict[int, str] = {}  # noqa: RUF012 - never changed
    # the hunks the same only if `%` formats get what they expect, and what that is (REVIEW-E28)
    unsure: dict[int, tuple[tuple[str, str], ...]] = {}  # noqa: RUF012 - never changed
    # REVIEW-E166: what each hunk adds whole or changes, as shown: (verb, name, class|function)
    shown: dict[int, tuple[tuple[str, str, str], ...]] = {}  # noqa: RUF012 - never changed
