"""REVIEW-E213: a hunk inside a definition that some specs' statements name belongs to those
specs; another spec's statement that a common identifier alone links (`TypeError`, or a name
statements of several specs name) shares words with the hunk, no more. Pure: rows in, rows out."""

from __future__ import annotations

from collections.abc import Sequence

from specflow.hunkcode import BUILTIN_ERRORS
from specflow.link import Corpus, LinkRow
from specflow.linkmatch import ENCLOSING, IDENTIFIER, WORDS
from specflow.words import word_set


def foreign_common_demoted(corpus: Corpus, rows: Sequence[LinkRow]) -> list[LinkRow]:
    """The rows, each link of a hunk to a statement of a spec that does not name the definition
    the hunk lies in (when some spec does: evidence `enclosing`), by identifiers that are all
    common, made a link by the words they share but the words of those identifiers."""
    owners: dict[tuple[int, int], set[str]] = {}
    for at, number, doc, kind, _, _ in rows:
        if kind == ENCLOSING:
            owners.setdefault((at, number), set()).add(corpus.statements[doc].spec)
    if not owners:
        return list(rows)
    kept = []
    for row in rows:
        at, number, doc, kind, names, words = row
        specs = owners.get((at, number))
        foreign = specs and corpus.statements[doc].spec not in specs
        if kind == IDENTIFIER and foreign and all(_common(corpus, name) for name in names):
            spoken = word_set(" ".join(names))
            row = (at, number, doc, WORDS, (), tuple(w for w in words if w not in spoken))
        kept.append(row)
    return kept


def _common(corpus: Corpus, name: str) -> bool:
    """A builtin exception (`TypeError`), or a name statements of two or more specs name."""
    if name in BUILTIN_ERRORS:
        return True
    specs = {corpus.statements[doc].spec for doc in corpus.by_name.get(name, ())}
    return len(specs) >= 2
