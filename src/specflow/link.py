"""Which spec statements each hunk concerns, and why: reference, scope, shared words. Pure."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from specflow.change import Change, Hunk
from specflow.globs import matches
from specflow.ids import find_references
from specflow.model import Spec
from specflow.specset import SpecSet
from specflow.words import BM25, tokens

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


def link(specs: SpecSet, change: Change, skip_paths: Sequence[str] = ()) -> list[Link]:
    """The strongest few links of every hunk outside `skip_paths` (the spec files themselves)."""
    corpus = [s for spec in specs.specs for s in statements(spec)]
    index = BM25([tokens(s.text) for s in corpus])
    scope = {spec.id: spec.scope for spec in specs.specs}
    links: list[Link] = []
    for file in change.files:
        if file.path in skip_paths:
            continue
        for hunk in file.hunks:
            links += _hunk_links(hunk, corpus, index, scope, specs.prefixes)
    return links


def _hunk_links(
    hunk: Hunk,
    corpus: list[Statement],
    index: BM25,
    scope: dict[str, tuple[str, ...]],
    prefixes: frozenset[str],
) -> list[Link]:
    text = hunk_text(hunk)
    named = {item_id for item_id, _ in find_references(text, prefixes)}
    explicit = [Link(hunk, s, "reference", 100.0) for s in corpus if s.id in named]
    ranked = []
    for statement, (score, shared) in zip(corpus, index.scores(tokens(text)), strict=True):
        if statement.id in named or score < MIN_WORD_SCORE:
            continue
        in_scope = matches(hunk.path, scope.get(statement.spec, ()))
        reason = "scope+words" if in_scope else "words"
        ranked.append(
            Link(hunk, statement, reason, score * (SCOPE_BOOST if in_scope else 1), shared)
        )
    ranked.sort(key=lambda link: -link.score)
    kept = []
    for kind, limit in MAX_LINKS.items():
        kept += [link for link in ranked if link.statement.kind == kind][:limit]
    return explicit + sorted(kept, key=lambda link: -link.score)
