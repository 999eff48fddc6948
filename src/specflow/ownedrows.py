"""REVIEW-E213: a hunk inside a definition that some specs' statements name belongs to those
specs; another spec's statement that a common identifier alone links (`TypeError`, or a name
statements of several specs name) shares words with the hunk, no more. REVIEW-E414: so does a
statement whose `self.name` the hunk meets inside another class than the one it names.
REVIEW-E381: a hunk in no definition a spec names belongs to the specs whose statements name an
identifier it meets that no other spec names. Pure: rows in, rows out."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from specflow.change import FileChange, Line
from specflow.hunkcode import BUILTIN_ERRORS
from specflow.ids import find_references
from specflow.link import Corpus, LinkRow
from specflow.linkmatch import ENCLOSING, IDENTIFIER, REFERENCE, WORDS
from specflow.outranked import is_class
from specflow.words import word_set


def foreign_common_demoted(
    corpus: Corpus,
    rows: Sequence[LinkRow],
    files: Sequence[FileChange],
    scoped: Mapping[str, frozenset[str]],
) -> list[LinkRow]:
    """The rows, each link of a hunk to a statement of a spec that does not own the hunk, by
    identifiers that are all common, made a link by the words they share but the words of those
    identifiers. The specs that name the definition the hunk lies in own it (evidence
    `enclosing`); when none does, the specs governing its file whose own identifiers it meets
    (REVIEW-E381: a spec that does not govern the file owns none of its hunks that way)."""
    owners = _owners(corpus, (row for row in rows if row[3] == ENCLOSING))
    texts: dict[tuple[int, int], str] = {}  # each hunk's changed lines, joined once
    own = (row for row in rows if row[3] == IDENTIFIER and _meets_own(corpus, row, files, texts))
    for (at, number), named in _owners(corpus, own).items():
        governing = named & scoped.get(files[at].path, frozenset())
        if governing:
            owners.setdefault((at, number), governing)
    if not owners:
        return list(rows)
    kept = []
    for row in rows:
        at, number, doc, kind, names, _ = row
        specs = owners.get((at, number))
        foreign = specs and corpus.statements[doc].spec not in specs
        if kind == IDENTIFIER and foreign and all(_common(corpus, name) for name in names):
            row = _demoted(row)
        kept.append(row)
    return kept


def _owners(corpus: Corpus, rows: Iterable[LinkRow]) -> dict[tuple[int, int], set[str]]:
    """Each hunk's specs: those of the statements the rows link it to."""
    owners: dict[tuple[int, int], set[str]] = {}
    for at, number, doc, _, _, _ in rows:
        owners.setdefault((at, number), set()).add(corpus.statements[doc].spec)
    return owners


def _meets_own(
    corpus: Corpus, row: LinkRow, files: Sequence[FileChange], texts: dict[tuple[int, int], str]
) -> bool:
    """Whether the hunk meets a name of the row that one spec's statements name alone, as a name
    of its own: not only as another object's attribute (`s.replace(...)` is not `replace()`)."""
    at, number, _, _, names, _ = row
    if (at, number) not in texts:
        lines = _lines(files, at, number, added=True) + _lines(files, at, number, added=False)
        texts[(at, number)] = "\n".join(line.text for line in lines)
    text = texts[(at, number)]
    for name in names:
        bare = re.escape(name.split(".", 1)[0])
        if not _common(corpus, name) and re.search(rf"(?<![\w.$]){bare}(?![\w$])", text):
            return True
    return False


def _lines(files: Sequence[FileChange], at: int, number: int, added: bool) -> tuple[Line, ...]:
    """The added (or removed) lines of hunk `number` of file `at`: none past its read hunks."""
    hunks = files[at].hunks
    if number >= len(hunks):
        return ()
    return tuple(hunks[number].added if added else hunks[number].removed)


def _demoted(row: LinkRow) -> LinkRow:
    at, number, doc, _, names, words = row
    spoken = word_set(" ".join(names))
    return (at, number, doc, WORDS, (), tuple(w for w in words if w not in spoken))


def others_attributes_demoted(
    corpus: Corpus,
    rows: Sequence[LinkRow],
    files: Sequence[FileChange],
    around: Mapping[str, Mapping[int, tuple[str, ...]]],
    scoped: Mapping[str, frozenset[str]],
) -> list[LinkRow]:
    """REVIEW-E414: the rows, each link made only by the `self.name`s of a statement about a
    class (`Packer` writes into `self._buffer`) from a hunk inside other classes (`Unpacker`),
    made a link by the words they share: two classes' `self._buffer` are two attributes. So is
    a link by the method a hunk outside the spec's scope lies in, when the statement says it of
    another class (`RequestResponseCycle`'s `run_asgi()`, not `WebSocketProtocol`'s)."""
    kept = []
    for row in rows:
        at, number, doc, kind, names, _ = row
        path, statement = files[at].path, corpus.statements[doc]
        classes = around.get(path, {}).get(number, ())
        if kind == IDENTIFIER and all(name.startswith("self.") for name in names):
            marker = "`self."
        elif _method_outside(kind, names, classes) and statement.spec not in scoped.get(path, ()):
            # the classes around the method: a function that no class holds is told nothing
            marker, classes = classes[-1], classes[:-1]
        else:
            kept.append(row)
            continue
        subject = _subject(statement.text, marker)
        kept.append(_demoted(row) if subject and classes and subject not in classes else row)
    return kept


def _method_outside(kind: str, names: Sequence[str], around: Sequence[str]) -> bool:
    """An `enclosing` link by the innermost definition around the hunk, not by its class."""
    return kind == ENCLOSING and bool(around) and names[0].rsplit(".", 1)[-1] == around[-1]


_QUOTED_HEAD = re.compile(r"`([A-Za-z_]\w*)[.`]")  # `Packer`, `Schema._deserialize()`; not `f()`


def _subject(text: str, marker: str) -> str | None:
    """The class a statement is about: the first class name it quotes (`Schema` of
    `Schema._deserialize()`) before `marker` (`self.`, or a method's name, first quoted)."""
    at = text.find(marker) if marker.startswith("`") else _quoted_at(text, marker)
    heads = (found[1] for found in _QUOTED_HEAD.finditer(text, 0, max(0, at)))
    return next((head for head in heads if is_class(head)), None)


def _quoted_at(text: str, name: str) -> int:
    found = re.search(rf"[`.]{re.escape(name)}\b", text)
    return found.start() if found else -1


def _common(corpus: Corpus, name: str) -> bool:
    """A builtin exception (`TypeError`), or a name statements of two or more specs name."""
    if name in BUILTIN_ERRORS:
        return True
    specs = {corpus.statements[doc].spec for doc in corpus.by_name.get(name, ())}
    return len(specs) >= 2


def named_elsewhere_dropped(
    corpus: Corpus, rows: Sequence[LinkRow], files: Sequence[FileChange]
) -> list[LinkRow]:
    """REVIEW-E388: the rows, but each link by shared words alone of a hunk to a statement whose
    ID another hunk of the change names on a line it adds (and this one does not): the author
    said where it is. A hunk that only removes the ID says where it is no longer."""
    named = {(at, number, doc) for at, number, doc, kind, _, _ in rows if kind == REFERENCE}
    worded = {row[2] for row in rows if row[3] == WORDS}
    added: dict[tuple[int, int], set[str]] = {}
    for at, number, doc in named:  # a hunk's added lines are read once, and only when needed
        if doc in worded and (at, number) not in added:
            added[at, number] = _added_ids(corpus, files, at, number)
    docs = {
        doc
        for at, number, doc in named
        if doc in worded and corpus.statements[doc].id in added[at, number]
    }
    return [
        row
        for row in rows
        if row[3] != WORDS or row[2] not in docs or (row[0], row[1], row[2]) in named
    ]


def _added_ids(corpus: Corpus, files: Sequence[FileChange], at: int, number: int) -> set[str]:
    """The IDs hunk `number` of file `at` names, as whole words, on the lines it adds."""
    added = "\n".join(line.text for line in _lines(files, at, number, added=True))
    return {found for found, _ in find_references(added, corpus.specs.prefixes)}
