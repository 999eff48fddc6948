"""Which spec statements each hunk concerns, and why: reference, scope, shared words. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, islice

from specflow.change import FileChange, Hunk
from specflow.ids import find_references
from specflow.model import Spec
from specflow.specset import SpecSet
from specflow.words import BM25, tokens, word_set

# The strongest few per hunk and kind, so an edge case cannot crowd out a requirement.
MAX_LINKS = {"requirement": 3, "context": 3, "edge-case": 2}
MIN_WORD_SCORE = 1.5
SCOPE_BOOST = 1.5


@dataclass(frozen=True)
class Statement:
    """A requirement, context statement or edge case, as one linkable unit."""

    spec: str
    kind: str  # requirement | context | edge-case
    id: str | None
    text: str
    path: str
    line: int

    @property
    def label(self) -> str:
        return self.id or f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Link:
    hunk: Hunk
    statement: Statement
    reason: str  # reference | words | scope+words
    score: float
    words: tuple[str, ...] = ()


def statements(spec: Spec) -> Iterator[Statement]:
    for item in spec.requirements:
        yield Statement(spec.id, "requirement", item.id, item.text, item.path, item.line)
    for context in spec.context:
        yield Statement(spec.id, "context", None, context.text, context.path, context.line)
    for item in spec.edge_cases:
        yield Statement(spec.id, "edge-case", item.id, item.text, item.path, item.line)


def hunk_text(hunk: Hunk) -> str:
    return "\n".join(line.text for line in (*hunk.added, *hunk.removed))


# (the file's index in the change, the hunk's in the file, the statement's, reason, score, words):
# what crosses from a forked process, which has the same change and corpus (REVIEW-14)
LinkRow = tuple[int, int, int, str, float, tuple[str, ...]]


class Corpus:
    """The statements of the specs, kind by kind (so that each kind is a range of the index),
    their BM25 index, where each spec and ID is, and where each statement is in the specs' own
    order."""

    def __init__(self, specs: SpecSet) -> None:
        found = [s for spec in specs.specs for s in statements(spec)]
        kinds = list(MAX_LINKS)
        self.specs = specs
        self.listed = sorted(range(len(found)), key=lambda i: kinds.index(found[i].kind))
        self.statements = [found[i] for i in self.listed]
        self.index = BM25([tokens(s.text) for s in self.statements])
        self.by_id: dict[str, list[int]] = {}
        self.by_spec: dict[str, list[int]] = {}
        for doc, statement in enumerate(self.statements):
            if statement.id:
                self.by_id.setdefault(statement.id, []).append(doc)
            self.by_spec.setdefault(statement.spec, []).append(doc)
        sizes = Counter(statement.kind for statement in found)
        ends = list(accumulate(sizes[kind] for kind in kinds))
        self.by_kind = {
            kind: range(end - sizes[kind], end) for kind, end in zip(kinds, ends, strict=True)
        }

    def rows(
        self,
        files: Sequence[tuple[int, FileChange]],
        skip_paths: Sequence[str],
        scoped: Mapping[str, frozenset[str]],
    ) -> list[LinkRow]:
        """The links of the hunks of `files` (each with its index in the change), as rows;
        `scoped`: each path → the ids of the specs whose scope covers it."""
        found: list[LinkRow] = []
        for at, file in files:
            if file.path in skip_paths or not file.hunks:
                continue
            in_scope = scoped[file.path]
            boosted = frozenset(doc for spec in in_scope for doc in self.by_spec.get(spec, ()))
            for number, hunk in enumerate(file.hunks):
                for doc, reason, score, words in _hunk_links(hunk, self, in_scope, boosted):
                    found.append((at, number, doc, reason, score, words))
        return found

    def links(self, files: Sequence[FileChange], rows: Iterable[LinkRow]) -> list[Link]:
        """The rows as links between the hunks of `files` and the statements."""
        return [
            Link(files[at].hunks[number], self.statements[doc], reason, score, words)
            for at, number, doc, reason, score, words in rows
        ]


def _hunk_links(
    hunk: Hunk, corpus: Corpus, in_scope: frozenset[str], boosted: frozenset[int]
) -> list[tuple[int, str, float, tuple[str, ...]]]:
    """(statement, reason, score, shared words) of the hunk's links: the IDs it names, then
    the strongest few of each kind by words."""
    named = _named(hunk, corpus.specs.prefixes)
    explicit = sorted(
        (doc for item_id in named for doc in corpus.by_id.get(item_id, ())),
        key=corpus.listed.__getitem__,
    )
    query = corpus.index.query(word_set(hunk_text(hunk)))
    kept = []
    for kind, limit in MAX_LINKS.items():
        by_score = query.ranked(corpus.by_kind[kind], MIN_WORD_SCORE, boosted, SCOPE_BOOST)
        # the best of the strongest `limit + len(named)`, as many as are needed and no more
        chosen = (
            (doc, score)
            for doc, score in islice(by_score, limit + len(named))
            if score >= MIN_WORD_SCORE * _boost(corpus.statements[doc], in_scope)
            and corpus.statements[doc].id not in named
        )
        for doc, score in islice(chosen, limit):
            reason = "scope+words" if corpus.statements[doc].spec in in_scope else "words"
            kept.append((doc, reason, score, query.shared(doc)))
    ranked = sorted(kept, key=lambda row: -row[2])  # stable: ties keep the specs' order
    return [(doc, "reference", 100.0, ()) for doc in explicit] + ranked


def _named(hunk: Hunk, prefixes: frozenset[str]) -> set[str]:
    """The IDs the hunk names. An ID is in a (whitespace-separated) word with a dash, and the
    search looks no further than the whitespace around it: searching only those words, joined
    by spaces, finds the same IDs, without a slow pass over every line."""
    dashed = (
        word
        for line in (*hunk.added, *hunk.removed)
        if "-" in line.text
        for word in line.text.split()
        if "-" in word
    )
    return {item_id for item_id, _ in find_references(" ".join(dashed), prefixes)}


def _boost(statement: Statement, in_scope: frozenset[str]) -> float:
    return SCOPE_BOOST if statement.spec in in_scope else 1.0
