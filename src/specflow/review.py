"""The review checklist as plain data: built once, rendered by templates. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from specflow.change import Change, FileChange, Hunk, Revision
from specflow.globs import matches
from specflow.link import Link, Statement, link
from specflow.model import Requirement, Spec
from specflow.refs import Reference, by_id
from specflow.ripple import Ripple, Symbol
from specflow.specset import SpecSet, in_specs_dir, is_spec_file

SPEC_CHANGED = "the spec itself changed"


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


def affected(
    specs: SpecSet, change: Change, added_refs: Sequence[Reference], specs_dir: str
) -> dict[str, list[str]]:
    """Spec id → why it is affected: its scope, a reference added by the change, or itself."""
    reasons: dict[str, list[str]] = {}
    for spec in specs.specs:
        why = reasons.setdefault(spec.id, [])
        if any(f.path == spec.path for f in change.files):
            why.append(SPEC_CHANGED)
        in_scope = [f.path for f in change.files if matches(f.path, spec.scope)]
        if in_scope:
            why.append(f"in scope: {', '.join(in_scope[:3])}{' …' if len(in_scope) > 3 else ''}")
        named = sorted({r.id for r in added_refs if specs.spec_of(r.id) is spec})
        if named:
            why.append(f"referenced: {', '.join(named[:5])}")
    return {key: value for key, value in reasons.items() if value}


def added_references(change: Change, prefixes: frozenset[str], specs_dir: str) -> list[Reference]:
    """References on added lines (outside the specs folder) and in the commit messages."""
    from specflow.ids import find_references

    found = []
    for file in change.files:
        if in_specs_dir(file.path, specs_dir):
            continue
        for line in file.added_lines():
            for item_id, _ in find_references(line.text, prefixes):
                found.append(Reference(item_id, file.path, line.number, "added", line.text.strip()))
    return found


def build(
    specs: SpecSet,
    base_specs: SpecSet,
    change: Change,
    references: Sequence[Reference],
    message_refs: Sequence[Reference],
    ripples: Sequence[Ripple],
    symbols: Sequence[Symbol],
    untested: Sequence[Symbol],
    specs_dir: str,
) -> Review:
    spec_paths = [f.path for f in change.files if is_spec_file(f.path, specs_dir)]
    links = link(specs, change, spec_paths)
    added = added_references(change, specs.prefixes, specs_dir) + list(message_refs)
    reasons = affected(specs, change, added, specs_dir)
    where = by_id([*references, *message_refs])
    reviews = tuple(
        _spec_review(spec, reasons[spec.id], base_specs, where, links, symbols)
        for spec in specs.specs
        if spec.id in reasons
    )
    linked = {id(link.hunk) for link in links}
    unlinked = tuple(
        hunk
        for file in change.files
        if file.path not in spec_paths
        for hunk in file.hunks
        if id(hunk) not in linked and not any(matches(file.path, s.scope) for s in specs.specs)
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
    )


def _spec_review(
    spec: Spec,
    reasons: list[str],
    base_specs: SpecSet,
    where: dict[str, list[Reference]],
    links: Sequence[Link],
    symbols: Sequence[Symbol],
) -> SpecReview:
    mine = [link for link in links if link.statement.spec == spec.id]
    touched = {link.statement.id for link in mine if link.statement.id}
    base = next((s for s in base_specs.specs if s.path == spec.path), None)
    changed = SPEC_CHANGED in reasons
    return SpecReview(
        spec,
        tuple(reasons),
        _delta(spec, base, where) if changed else SpecDelta(),
        tuple(_status(item, where, touched) for item in spec.requirements),
        tuple(_status(item, where, touched) for item in spec.edge_cases),
        tuple(_question(link, symbols) for link in mine if link.reason != "reference"),
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


def _question(link: Link, symbols: Sequence[Symbol]) -> Question:
    return Question(
        link.statement, link.hunk, evidence(link.hunk, symbols), link.reason, link.words
    )


def evidence(hunk: Hunk, symbols: Sequence[Symbol]) -> tuple[Act, ...]:
    """What a hunk does: the names it writes (and with what), stops writing, or redefines."""
    added = {line.number for line in hunk.added}
    removed = {line.number for line in hunk.removed}
    acts: dict[tuple[str, str], Act] = {}
    for symbol in symbols:
        if symbol.path != hunk.path:
            continue
        if symbol.kind == "write" and symbol.line in added:
            using = symbol.producers[0] if symbol.producers else ""
            acts.setdefault(("writes", symbol.name), Act("writes", symbol.name, using))
        elif symbol.kind == "unwrite" and symbol.line in removed:
            acts.setdefault(("stops writing", symbol.name), Act("stops writing", symbol.name))
    if acts:
        return tuple(acts.values())
    function = hunk.header.split("(")[0].split()[-1] if hunk.header.strip() else ""
    return (Act("changes", function if function.isidentifier() else ""),)
