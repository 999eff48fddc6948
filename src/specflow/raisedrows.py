"""REVIEW-E298: the error a change's own block raises, as the diff shows it. A guard added among
guards (`raise DecodeError ... unless header.is_a?(Hash)` above `raise IncorrectAlgorithm ...
unless alg_in_header`) is a change of the rule those guards keep: the statement naming the error
they raise is asked, though the added line raises another. Pure."""

from __future__ import annotations

import builtins
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from specflow.change import FileChange, Hunk
from specflow.globs import DOCUMENTS, matches
from specflow.heading import lazy_lines
from specflow.identifiers import code_names, hunk_text
from specflow.languages.generic import governed_block, often_thrown, thrown_counts
from specflow.link import Corpus, LinkRow
from specflow.linkmatch import IDENTIFIER

# `raise JWT::IncorrectAlgorithm, '...'`, `raise Invalid("...")`, `throw new RangeError(`: the
# class raised, the last part of its path
_RAISE = re.compile(r"\b(?:raise|throw)\s+(?:new\s+)?(?:\w+(?:::|\.))*([A-Z]\w*)")
# what every program raises tells no rule apart (`ValueError`, `ArgumentError`)
_COMMON = frozenset({"ArgumentError", "StandardError", "Error", "Exception", "Throwable"})


def raised_rows(
    corpus: Corpus,
    files: Sequence[tuple[int, FileChange]],
    enclosing: Mapping[str, Mapping[int, tuple[str, ...]]],
    sources: Mapping[str, tuple[bytes | None, bytes | None]],
    skip: Sequence[str],
    scoped: Mapping[str, frozenset[str]],
) -> list[LinkRow]:
    """REVIEW-E298: each hunk inside a definition, of a file some spec governs, whose unchanged
    lines around its change (the diff's context, in the change's block) raise an error that one
    statement alone of those specs names: that statement, evidence `identifier`."""
    found: list[LinkRow] = []
    for at, file in files:
        docs = corpus.in_scope(scoped.get(file.path, frozenset())).docs
        if not docs or matches(file.path, tuple(skip)) or file.path.endswith(DOCUMENTS):
            continue
        lines = lazy_lines(sources.get(file.path, (None, None))[1])
        counts: list[Counter[str]] = []  # REVIEW-E343: read once a file, when first needed
        for number in enclosing.get(file.path, {}):
            text = lines() if file.hunks[number].added else None
            hunk = file.hunks[number]
            for name in _raised_around(hunk, text or []):
                named = [doc for doc in corpus.by_name.get(name, ()) if doc in docs]
                if len(named) != 1:
                    continue
                counts = counts or [thrown_counts(text or [])]
                often = _governed_often(hunk, text or [], counts[0])
                if name not in often or _names_own(corpus, hunk, named[0]):
                    found.append((at, number, named[0], IDENTIFIER, (name,), ()))
    return found


def _raised_around(hunk: Hunk, lines: Sequence[str]) -> list[str]:
    """The errors the hunk's unchanged lines raise, in the block of its first change: from it
    up and down the diff's context, until a line less indented than that change."""
    changed = {line.number for line in hunk.added}
    first = min(changed, default=0)
    if not 0 < first <= len(lines):
        return []
    depth = _indent(lines[first - 1])
    last = min(hunk.new_start + hunk.new_count - 1, len(lines))
    kept: list[str] = []
    for step, stop in ((-1, hunk.new_start - 1), (1, last + 1)):
        for at in range(first + step, stop, step):
            text = lines[at - 1]
            if text.strip() and _indent(text) < depth:
                break
            if at not in changed:
                kept += _RAISE.findall(text)
    return [name for name in dict.fromkeys(kept) if not _common(name)]


def _governed_often(hunk: Hunk, lines: Sequence[str], counts: Counter[str]) -> frozenset[str]:
    """REVIEW-E343: of a hunk that changes only a condition, the errors the block it governs
    throws that its file throws all over: no rule of that condition's."""
    if not lines or hunk.path.endswith((".py", ".pyi", ".rb")):
        return frozenset()
    block = governed_block(hunk, lines)
    return frozenset(name.rsplit(".", 1)[-1] for name in often_thrown(block, counts) if block)


def _names_own(corpus: Corpus, hunk: Hunk, doc: int) -> bool:
    """REVIEW-E343: the statement names a name of the hunk's own changed lines too."""
    return any(doc in corpus.by_name.get(name, ()) for name in code_names(hunk_text(hunk)))


def _common(name: str) -> bool:
    return name in _COMMON or isinstance(getattr(builtins, name, None), type)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())
