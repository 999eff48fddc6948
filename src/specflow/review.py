"""The review checklist as plain data: built once, rendered by templates. Pure.

The linking and ripple stages run before `build`, and what `check` shares with the review is in
affected.py, so that the commit hooks import neither (SPEED-3)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from specflow.affected import SPEC_CHANGED, added_references, affected
from specflow.change import Change, FileChange, Hunk, Revision
from specflow.model import Requirement, Spec
from specflow.refs import Reference, by_id
from specflow.specset import SpecDirs, SpecSet, changed_specs

if TYPE_CHECKING:
    from specflow.link import Link, Statement
    from specflow.ripple import Ripple, Symbol


@dataclass(frozen=True)
class ItemStatus:
    item: Requirement
    implemented: tuple[Reference, ...]
    verified: tuple[Reference, ...]
    in_message: bool
    touched: bool

    @property
    def referenced(self) -> bool:
        return bool(self.implemented or self.verified or self.in_message)


@dataclass(frozen=True)
class Removed:
    id: str
    text: str
    still_referenced: tuple[Reference, ...]


@dataclass(frozen=True)
class SpecDelta:
    is_new: bool = False
    added: tuple[Requirement, ...] = ()
    reworded: tuple[tuple[Requirement, str], ...] = ()  # (now, before)
    removed: tuple[Removed, ...] = ()
    ticked: tuple[Requirement, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.is_new or self.added or self.reworded or self.removed or self.ticked)


@dataclass(frozen=True)
class Act:
    """One thing a hunk does: `writes` NAME (using a producer), `stops writing` NAME, `changes`."""

    verb: str
    name: str
    using: str = ""


@dataclass(frozen=True)
class Question:
    statement: Statement
    hunk: Hunk
    evidence: tuple[Act, ...]
    reason: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class SpecReview:
    spec: Spec
    reasons: tuple[str, ...]
    delta: SpecDelta
    requirements: tuple[ItemStatus, ...]
    edge_cases: tuple[ItemStatus, ...]
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Review:
    revision: Revision
    files: tuple[FileChange, ...]
    messages: tuple[str, ...]
    specs: tuple[SpecReview, ...]
    ripples: tuple[Ripple, ...]
    untested: tuple[Symbol, ...]
    unlinked: tuple[Hunk, ...]
    spec_count: int
    # Hunks linked by shared words to statements of specs the change does not affect (outside
    # their scope, no reference): the cross-module surprises, asked after the affected specs.
    elsewhere: tuple[Question, ...] = ()


def build(
    specs: SpecSet,
    base_specs: SpecSet,
    change: Change,
    references: Sequence[Reference],
    message_refs: Sequence[Reference],
    links: Sequence[Link],
    scoped: Mapping[str, frozenset[str]],
    ripples: Sequence[Ripple],
    symbols: Sequence[Symbol],
    untested: Sequence[Symbol],
    specs_dir: SpecDirs,
) -> Review:
    """The checklist from the stages' results: `links` from link.link, `scoped` from
    affected.scope_index, the ripples and the untested functions from ripple.py."""
    spec_paths = changed_specs(change, specs, base_specs)
    added = added_references(change, specs.prefixes, specs_dir) + list(message_refs)
    reasons = affected(specs, change, added, specs_dir, scoped)
    where = by_id([*references, *message_refs])
    by_spec: dict[str, list[Link]] = {}
    for one in links:
        by_spec.setdefault(one.statement.spec, []).append(one)
    in_file: dict[str, list[Symbol]] = {}
    for symbol in symbols:
        in_file.setdefault(symbol.path, []).append(symbol)
    reviews = tuple(
        _spec_review(spec, reasons[spec.id], base_specs, where, by_spec.get(spec.id, []), in_file)
        for spec in specs.specs
        if spec.id in reasons
    )
    elsewhere = tuple(
        _question(one, in_file)
        for one in links
        if one.statement.spec not in reasons and one.reason != "reference"
    )
    linked = {id(link.hunk) for link in links}
    unlinked = tuple(
        hunk
        for file in change.files
        if file.path not in spec_paths
        for hunk in file.hunks
        if id(hunk) not in linked and not scoped[file.path]
    )
    return Review(
        change.revision,
        change.files,
        change.messages,
        reviews,
        tuple(ripples),
        tuple(untested),
        unlinked,
        len(specs.specs),
        elsewhere,
    )


def _spec_review(
    spec: Spec,
    reasons: list[str],
    base_specs: SpecSet,
    where: dict[str, list[Reference]],
    mine: Sequence[Link],
    in_file: Mapping[str, Sequence[Symbol]],
) -> SpecReview:
    touched = {link.statement.id for link in mine if link.statement.id}
    base = next((s for s in base_specs.specs if s.path == spec.path), None)
    changed = SPEC_CHANGED in reasons
    return SpecReview(
        spec,
        tuple(reasons),
        _delta(spec, base, where) if changed else SpecDelta(),
        tuple(_status(item, where, touched) for item in spec.requirements),
        tuple(_status(item, where, touched) for item in spec.edge_cases),
        tuple(_question(link, in_file) for link in mine if link.reason != "reference"),
    )


def _status(item: Requirement, where: dict[str, list[Reference]], touched: set[str]) -> ItemStatus:
    found = where.get(item.id or "", [])
    return ItemStatus(
        item,
        tuple(r for r in found if r.kind == "implements"),
        tuple(r for r in found if r.kind == "verifies"),
        any(r.kind == "message" for r in found),
        item.id in touched,
    )


def _delta(spec: Spec, base: Spec | None, where: dict[str, list[Reference]]) -> SpecDelta:
    if base is None:
        return SpecDelta(is_new=True)
    before = {item.id: item for item in base.items if item.id}
    now = {item.id: item for item in spec.items if item.id}
    removed = tuple(
        Removed(key, item.text, tuple(r for r in where.get(key, []) if r.kind != "message"))
        for key, item in before.items()
        if key not in now
    )
    return SpecDelta(
        added=tuple(item for key, item in now.items() if key not in before),
        reworded=tuple(
            (item, before[key].text)
            for key, item in now.items()
            if key in before and " ".join(before[key].text.split()) != " ".join(item.text.split())
        ),
        removed=removed,
        ticked=tuple(
            item
            for key, item in now.items()
            if key in before and item.enforced and not before[key].enforced
        ),
    )


def _question(link: Link, in_file: Mapping[str, Sequence[Symbol]]) -> Question:
    acts = evidence(link.hunk, in_file.get(link.hunk.path, ()))
    return Question(link.statement, link.hunk, acts, link.reason, link.words)


def evidence(hunk: Hunk, symbols: Sequence[Symbol]) -> tuple[Act, ...]:
    """What a hunk does: the names it writes (and with what), stops writing, or redefines."""
    mine = [symbol for symbol in symbols if symbol.path == hunk.path]
    added = {line.number for line in hunk.added} if mine else set()
    removed = {line.number for line in hunk.removed} if mine else set()
    acts: dict[tuple[str, str], Act] = {}
    for symbol in mine:
        if symbol.kind == "write" and symbol.line in added:
            using = symbol.producers[0] if symbol.producers else ""
            acts.setdefault(("writes", symbol.name), Act("writes", symbol.name, using))
        elif symbol.kind == "unwrite" and symbol.line in removed:
            acts.setdefault(("stops writing", symbol.name), Act("stops writing", symbol.name))
    if acts:
        return tuple(acts.values())
    function = hunk.header.split("(")[0].split()[-1] if hunk.header.strip() else ""
    return (Act("changes", function if function.isidentifier() else ""),)
