"""The links of a hunk that a more specific link of the same hunk leaves without evidence: the
class around a method that another statement names (REVIEW-E223). Pure."""

from __future__ import annotations

from collections.abc import Sequence, Set

from specflow.link import IDENTIFIER, Corpus, Found


def outer_class_dropped(
    corpus: Corpus, names: Sequence[str], links: dict[int, Found], docs: Set[int]
) -> None:
    """REVIEW-E223: a hunk inside a method that a statement names (`Parser._align()`,
    `humanize()`) is no evidence, by the class around that method alone, for the statements
    that name only the class (`Parser`, `Arrow`): every method of a large class lies inside it,
    and the statement naming the method says which. `docs`: the statements of the specs
    governing the file, the only ones whose naming counts. A class whose method no statement of
    theirs names still links by itself, and so does any in a file no spec governs (REVIEW-E135:
    there the definitions around a hunk are the only evidence)."""
    if not docs:
        return
    for depth in range(len(names) - 1, 0, -1):
        if not _named(corpus, names[depth], links, docs):
            continue
        outer = {name for name in names[:depth] if _class(name)}
        for doc, (kind, named) in list(links.items()):
            if kind == IDENTIFIER and set(named) <= outer:
                del links[doc]
        return


def _named(corpus: Corpus, name: str, links: dict[int, Found], docs: Set[int]) -> bool:
    """A statement among `docs` is linked by naming `name`, bare or qualified (`Parser._align`)."""
    return any(
        kind == IDENTIFIER
        and doc in docs
        and any(found.rsplit(".", 1)[-1] == name for found in named)
        for doc, (kind, named) in links.items()
    )


def _class(name: str) -> bool:
    """A definition named in CamelCase is a class (`Arrow`, `Parser`), as REVIEW-E202 reads it."""
    return name[:1].isupper() and any(c.islower() for c in name)
