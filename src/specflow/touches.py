"""What a change touches: the names its hunks write, stop writing or define, found file by
file (REVIEW-5), and the changed functions no test names (REVIEW-7). Pure: sources in, Symbols
out; `ripple` searches for their uses."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from specflow.change import NO_RENAMES, FileChange, Renames
from specflow.globs import matches
from specflow.identifiers import LANGUAGE_ATTRIBUTES, dunder, every_class_may_define, private
from specflow.languages import generic, python
from specflow.languages.base import FileFacts, Symbol
from specflow.spellings import constant_name

if TYPE_CHECKING:
    from specflow.usekind import Use

# Names searched for uses: `git grep` time grows with names x tree size, and past a few hundred
# names no reviewer reads the result. Stopped and new writes rank before changed functions.
MAX_SYMBOLS = 200  # REVIEW-13: the names searched for ripples, stopped and new writes first
KIND_ORDER = {"removed": 0, "unwrite": 1, "write": 2, "unread": 3, "function": 4}


Found = dict[tuple[str, str, str], Symbol]  # by name, kind, and a function's path


def symbols_found(
    files: Sequence[FileChange],
    sources: dict[str, tuple[bytes | None, bytes | None]],
    renames: Renames = NO_RENAMES,
) -> tuple[Found, dict[str, FileFacts]]:
    """The first symbol of each name and kind in `files`, in their order (none on the lines of a
    hunk that changes no behaviour), a function once per file that defines it; and each file's
    facts."""
    found: Found = {}
    seen: set[tuple[str, str]] = set()
    facts: dict[str, FileFacts] = {}
    for file in files:
        old, new = sources.get(file.path, (None, None))
        symbols, facts[file.path] = _file_symbols(file, old, new, seen, renames)
        for symbol in symbols:
            key = (symbol.name, symbol.kind, symbol.path if symbol.kind == "function" else "")
            found[key] = _one_owner(found.get(key, symbol), symbol)
            seen.add((symbol.name, symbol.kind))
    return found, facts


def changed_symbols(parts: Iterable[Found]) -> list[Symbol]:
    """The symbols found in consecutive parts of a change, as if found in one, one per name and
    kind (a name is searched for, wherever it is defined): ranked, capped, and without a
    stopped write of a name the change still writes."""
    found: dict[tuple[str, str], Symbol] = {}
    for part in parts:
        for (name, kind, _), symbol in part.items():
            found[name, kind] = _one_owner(found.get((name, kind), symbol), symbol)
    written = {name for name, kind in found if kind == "write"}
    defined = written | {name for name, kind in found if kind == "function"}  # moved, not gone
    functions = {(s.name, s.path) for (_, kind), s in found.items() if kind == "function"}
    kept = [
        s
        for s in found.values()
        if not (s.kind in ("unwrite", "unread") and s.name in written)
        and not (s.kind == "unwrite" and (s.name, s.path) in functions)  # REVIEW-E424
        and not (s.kind == "removed" and (s.name in defined or every_class_may_define(s.name)))
        and not _called_by_syntax(s)
    ]
    return sorted(kept, key=lambda s: KIND_ORDER[s.kind])[:MAX_SYMBOLS]


def _one_owner(first: Symbol, other: Symbol) -> Symbol:
    """One symbol of a name: the first found; of no one class when two classes' methods of
    that name change (REVIEW-E116 reads a method's calls by its class), but a name of REVIEW-E21
    or REVIEW-E25, which keeps the first class."""
    if first.owner == other.owner or private(first.name) or every_class_may_define(first.name):
        return first
    return replace(first, owner="")


def changed_functions(parts: Iterable[Found]) -> list[Symbol]:
    """Every function the change touches, once per file that defines it: REVIEW-7 lists each
    (two files' `helper()` are two functions), where a ripple searches for the name once."""
    found: Found = {}
    for part in parts:
        for key, symbol in part.items():
            if symbol.kind == "function" and not _called_by_syntax(symbol):
                found.setdefault(key, symbol)
    return list(found.values())[:MAX_SYMBOLS]


def _called_by_syntax(symbol: Symbol) -> bool:
    # a changed dunder is called through syntax: no call of it to search for (REVIEW-E15), no
    # test that names it (REVIEW-7); `__all__` is every module's own
    return (symbol.kind == "function" and dunder(symbol.name)) or (
        symbol.name in LANGUAGE_ATTRIBUTES
    )


def _file_symbols(
    file: FileChange,
    old: bytes | None,
    new: bytes | None,
    known: Container[tuple[str, str]],
    renames: Renames,
) -> tuple[Iterator[Symbol], FileFacts]:
    """The symbols of one file (for Python, none already `known` by (name, kind)), and its
    facts."""
    if file.path.endswith((".py", ".pyi")):
        try:
            symbols, facts = python.file_symbols(file, old, new, known, renames.names)
            return iter(list(symbols)), facts
        except RecursionError:  # HARDEN-E13: a tree too deep to walk is a file that did not parse
            return python.file_symbols(file, None, None, known)
    return generic.file_symbols(file, old, new, renames)


def untested_functions(
    symbols: Sequence[Symbol], found: dict[str, list[Use]], test_globs: tuple[str, ...]
) -> list[Symbol]:
    """Changed functions that no test file mentions: test the integration, not only the feature;
    REVIEW-E403: not a constant's value, which a hunk deep in it reads as the function around."""
    return [
        symbol
        for symbol in symbols
        if symbol.kind == "function"
        and not constant_name(symbol.name)
        and not matches(symbol.path, test_globs)
        and not symbol.name.startswith("test")
        and not any(matches(use.path, test_globs) for use in found.get(symbol.name, []))
    ]


def added_lines(files: Iterable[FileChange]) -> Callable[[str, int], bool]:
    """Whether a line of a path is one that `files` add: each file's lines are gathered when
    first asked about (a large change adds 100,000 lines; a review asks about a few files)."""
    by_path = {file.path: file for file in files}
    gathered: dict[str, frozenset[int]] = {}

    def added(path: str, line: int) -> bool:
        if path not in by_path:
            return False
        if path not in gathered:
            gathered[path] = frozenset(each.number for each in by_path[path].added_lines())
        return line in gathered[path]

    return added
