"""REVIEW-E212: the links of a Go hunk by the types the code around it handles: the arm of a
type switch it lies in, the type an `if` around it asserts; REVIEW-E240: of a Python hunk, by
the calls the tests of the `if` around it make. Pure: sources in, rows out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from specflow.change import FileChange, Hunk
from specflow.identifiers import code_names, hunk_text
from specflow.languages.goarms import handled_types
from specflow.languages.pyconditions import governing_calls
from specflow.link import Corpus, LinkRow
from specflow.linkmatch import IDENTIFIER, Found, hunk_words_of, keep, name_links
from specflow.linkmatch import shared_words as shared
from specflow.spellings import calls

Sides = tuple[bytes | None, bytes | None]
MAX_LINES = 40  # of a hunk's side read for the blocks around it: a function's arms, not a file's


def arm_rows(
    corpus: Corpus,
    files: Sequence[tuple[int, FileChange]],
    sources: Mapping[str, Sides],
    skip_paths: Sequence[str],
    scoped: Mapping[str, frozenset[str]],
) -> list[LinkRow]:
    """REVIEW-E212: each Go hunk inside a type switch's `case Marshaler:` (or an `if` asserting
    `v.(Marshaler)`) is linked, as if its lines named it, to the statements that name the type
    (evidence `identifier`), when its own lines do not."""
    found: list[LinkRow] = []
    for at, file in files:
        if file.path.endswith(".py") and file.path not in skip_paths:
            found += _governing_rows(corpus, at, file, sources, scoped)
        if not file.path.endswith(".go") or file.path in skip_paths:
            continue
        old, new = (_lines(side) for side in sources.get(file.path, (None, None)))
        if not old and not new:
            continue
        scope = corpus.in_scope(scoped.get(file.path, frozenset()))
        for number, hunk in enumerate(file.hunks):
            types = _handled(hunk, old, new)
            if not types:
                continue
            text = hunk_text(hunk)
            names = [name for name in code_names("\n".join(types)) if name not in code_names(text)]
            links: dict[int, Found] = {}
            name_links(corpus, names, scope, links)
            words = hunk_words_of(text)
            found += [
                (at, number, doc, kind, named, shared(corpus, doc, words))
                for doc, (kind, named) in sorted(links.items())
                if kind == IDENTIFIER
            ]
    return found


def _governing_rows(
    corpus: Corpus,
    at: int,
    file: FileChange,
    sources: Mapping[str, Sides],
    scoped: Mapping[str, frozenset[str]],
) -> list[LinkRow]:
    """REVIEW-E240: each hunk inside `if validator.client_authentication_required(request):`
    is linked, as if its lines named it, to the statements of its file's specs that call
    `client_authentication_required()`: what the block the hunk changes is run for."""
    scope = corpus.in_scope(scoped.get(file.path, frozenset()))
    new = (sources.get(file.path, (None, None))[1] or b"").decode("utf-8", "replace")
    if not scope.docs or not new:
        return []
    lines, found = new.split("\n"), []
    for number, hunk in enumerate(file.hunks):
        changed = [line.number for line in hunk.added if line.text.strip()][:1]
        # SPEED-20: the hunk's own names read only when a statement names a governing call
        named = [n for c in changed for n in governing_calls(lines, c) if n in corpus.by_name]
        if not named:
            continue
        text = hunk_text(hunk)
        own = code_names(text)
        links: dict[int, Found] = {}
        for name in (n for n in named if n not in own):
            for doc in corpus.by_name[name]:
                if doc in scope.docs and calls(name, corpus.statements[doc].text):
                    keep(links, doc, IDENTIFIER, name)
        words = hunk_words_of(text)
        found += [
            (at, number, doc, kind, named, shared(corpus, doc, words))
            for doc, (kind, named) in sorted(links.items())
        ]
    return found


def _handled(hunk: Hunk, old: list[str], new: list[str]) -> tuple[str, ...]:
    """The types the blocks around the hunk's changed lines handle, each side in its source."""
    found: dict[str, None] = {}
    for lines, changed in ((new, hunk.added), (old, hunk.removed)):
        for line in changed[:MAX_LINES] if lines else ():
            if line.text.strip():
                found.update(dict.fromkeys(handled_types(lines, line.number)))
    return tuple(found)


def _lines(source: bytes | None) -> list[str]:
    """The source's lines, when it has a type switch or an assertion to read; else none."""
    if not source or b".(" not in source:
        return []
    return source.decode("utf-8", "replace").split("\n")
