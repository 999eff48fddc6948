"""`specflow report`: the traceability matrix of one tree. Pure: specs and references in.

Every requirement and edge case gets one status, decided here once, so that the text, Markdown,
JSON and HTML forms (all templates over this model) can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from specflow import gitio, pipeline
from specflow.model import Requirement, Spec
from specflow.output import render
from specflow.refs import Reference, by_id
from specflow.specset import SpecSet

if TYPE_CHECKING:
    from specflow.constraints import ConstraintCover

# REPORT-2: the order statuses are listed and counted in, from done to to-do.
STATUSES = ("covered", "untested", "test-only", "unreferenced", "planned")


@dataclass(frozen=True)
class Row:
    """One requirement or edge case, with where it is implemented and which tests verify it."""

    spec: str
    item: Requirement
    status: str
    implemented: tuple[Reference, ...]
    verified: tuple[Reference, ...]
    source: str = "specflow"  # SOURCES-9: the format its spec was read from

    @property
    def counted(self) -> bool:
        return self.status != "planned"  # REPORT-3: planned items are listed, not counted


@dataclass(frozen=True)
class Coverage:
    covered: int
    counted: int

    @property
    def percent(self) -> int | None:
        """Rounded down, so that 99.6% never reads as 100%; None when nothing is counted."""
        return self.covered * 100 // self.counted if self.counted else None


@dataclass(frozen=True)
class SpecRows:
    spec: Spec
    requirements: tuple[Row, ...]
    edge_cases: tuple[Row, ...]
    constraints: tuple[ConstraintCover, ...] = ()  # CHECK-22: with the files each covers

    @property
    def rows(self) -> tuple[Row, ...]:
        return self.requirements + self.edge_cases

    @property
    def coverage(self) -> Coverage:
        return _coverage(self.rows)

    @property
    def counts(self) -> dict[str, int]:
        return _counts(self.rows)


@dataclass(frozen=True)
class Report:
    label: str  # what the user typed: HEAD, --staged
    head: str | None  # the commit reported on; None for the index
    specs: tuple[SpecRows, ...]
    dangling: tuple[Reference, ...]

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(row for spec in self.specs for row in spec.rows)

    @property
    def coverage(self) -> Coverage:
        """REPORT-3: overall, over the enforced specs only (a draft is not a promise yet)."""
        return _coverage([row for spec in self.specs if spec.spec.enforced for row in spec.rows])

    @property
    def counts(self) -> dict[str, int]:
        return _counts(self.rows)

    @property
    def enforced_counts(self) -> dict[str, int]:
        """REPORT-E6: the statuses of the rows the coverage counts from (the enforced specs'),
        so that the text's breakdown adds up to its total, planned ones aside."""
        return _counts([row for spec in self.specs if spec.spec.enforced for row in spec.rows])

    @property
    def draft_items(self) -> int:
        """REPORT-E6: the items of the specs that are not enforced (a draft), not counted."""
        return sum(len(spec.rows) for spec in self.specs if not spec.spec.enforced)

    @property
    def sources(self) -> tuple[str, ...]:
        """SOURCES-9: the formats the specs were read from, for the report's filter."""
        return tuple(sorted({spec.spec.source for spec in self.specs}))

    @property
    def statuses(self) -> tuple[str, ...]:
        return STATUSES


def build(
    specs: SpecSet,
    references: Sequence[Reference],
    label: str,
    head: str | None,
    covers: Mapping[str, Sequence[ConstraintCover]] | None = None,
) -> Report:
    """REPORT-1: every spec of the tree, each item with its status and places.

    REPORT-7: sorted by spec id, items in spec order, and nothing of the moment (no time stamp),
    so the same tree always gives the same bytes."""
    where = by_id(references)
    rows = tuple(
        SpecRows(
            spec,
            tuple(_row(spec, item, where) for item in spec.requirements),
            tuple(_row(spec, item, where) for item in spec.edge_cases),
            tuple((covers or {}).get(spec.path, ())),
        )
        for spec in sorted(specs.specs, key=lambda s: (s.id, s.path))
    )
    # REPORT-6: a known prefix with a number no spec has.
    dangling = tuple(
        sorted(
            (r for r in references if r.id not in specs.items),
            key=lambda r: (r.path, r.line, r.id),
        )
    )
    return Report(label, head, rows, dangling)


def status(item: Requirement, implemented: bool, verified: bool) -> str:
    """REPORT-2: one word for where an item stands."""
    if not item.enforced:
        return "planned"
    if item.kind == "edge-case":  # an edge case is covered by the test that names it
        return "covered" if verified else "untested" if implemented else "unreferenced"
    if implemented and verified:
        return "covered"
    if implemented:
        return "untested"
    return "test-only" if verified else "unreferenced"


def _row(spec: Spec, item: Requirement, where: dict[str, list[Reference]]) -> Row:
    found = where.get(item.id, []) if item.id else []  # REPORT-E3: no id, nothing can name it
    implemented = tuple(r for r in found if r.kind == "implements")
    verified = tuple(r for r in found if r.kind == "verifies")
    state = status(item, bool(implemented), bool(verified))
    return Row(spec.id, item, state, implemented, verified, spec.source)


def _coverage(rows: Sequence[Row]) -> Coverage:
    counted = [row for row in rows if row.counted]
    return Coverage(sum(row.status == "covered" for row in counted), len(counted))


def _counts(rows: Sequence[Row]) -> dict[str, int]:
    return {name: sum(row.status == name for row in rows) for name in STATUSES}


def run(rev: str | None, *, staged: bool, html: Path | None, fmt: str) -> None:
    """`specflow report`: the matrix of a revision's tree, rendered (or written as HTML)."""
    repo = pipeline.open_repository()
    revision = gitio.revision(repo, rev, staged=staged, tree_only=True)
    specs, references = pipeline.catalogue(repo, revision)
    covers = pipeline.constraint_coverages(repo, specs, revision.tree)
    result = build(specs, references, revision.label, revision.head, covers)
    render.report(result, fmt, repo.root, html)
