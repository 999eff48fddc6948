"""What a change does to each spec it affects, as plain data for the review: the spec's
delta (IDs added, reworded, removed, ticked, planned), the state of each requirement and edge
case, and the specs it deletes (REVIEW-2, REVIEW-4, REVIEW-E42). Pure."""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass

from specflow.affected import SPEC_CHANGED, SPEC_DELETED
from specflow.model import Requirement, Spec
from specflow.refs import Reference
from specflow.specset import SpecSet


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
    planned: tuple[Requirement, ...] = ()  # enforced at the base, `- [ ]` now (CHECK-E11)
    status_was: str = ""  # the status at the base, when the change sets another

    @property
    def empty(self) -> bool:
        changed = self.added or self.reworded or self.removed or self.ticked or self.planned
        return not (self.is_new or changed or self.status_was)


@dataclass(frozen=True)
class SpecReview:
    spec: Spec
    reasons: tuple[str, ...]
    delta: SpecDelta
    requirements: tuple[ItemStatus, ...]
    edge_cases: tuple[ItemStatus, ...]
    deleted: bool = False  # REVIEW-E42: the change deletes it


def spec_review(
    spec: Spec,
    reasons: list[str],
    base_specs: SpecSet,
    where: dict[str, list[Reference]],
    touched: Set[str | None],
) -> SpecReview:
    base = next((s for s in base_specs.specs if s.path == spec.path), None)
    changed = SPEC_CHANGED in reasons
    return SpecReview(
        spec,
        tuple(reasons),
        _delta(spec, base, where) if changed else SpecDelta(),
        tuple(_status(item, where, touched) for item in spec.requirements),
        tuple(_status(item, where, touched) for item in spec.edge_cases),
    )


def deleted(
    specs: SpecSet, base_specs: SpecSet, where: dict[str, list[Reference]]
) -> tuple[SpecReview, ...]:
    """REVIEW-E42: each spec the change deletes, or moves out of the specs, with each of its IDs
    that no spec holds any more and what still names it (check blocks those: CHECK-E10). An
    archived OpenSpec change, whose requirements live on in their capability, is none."""
    reviews = []
    for base in (spec for spec in base_specs.specs if spec.id not in specs.by_id):
        gone = {item.id: item for item in base.items if item.id and item.id not in specs.items}
        if gone or not base.items:
            delta = SpecDelta(removed=_removed(gone, where))
            reviews.append(SpecReview(base, (SPEC_DELETED,), delta, (), (), deleted=True))
    return tuple(reviews)


def _removed(
    gone: Mapping[str, Requirement], where: dict[str, list[Reference]]
) -> tuple[Removed, ...]:
    """Each ID gone, with the places that still name it."""
    return tuple(
        Removed(key, item.text, tuple(r for r in where.get(key, []) if r.kind != "message"))
        for key, item in gone.items()
    )


def _status(
    item: Requirement, where: dict[str, list[Reference]], touched: Set[str | None]
) -> ItemStatus:  # REVIEW-4
    found = where.get(item.id or "", [])
    return ItemStatus(
        item,
        tuple(r for r in found if r.kind == "implements"),
        tuple(r for r in found if r.kind == "verifies"),
        any(r.kind == "message" for r in found),
        item.id in touched,
    )


def _delta(spec: Spec, base: Spec | None, where: dict[str, list[Reference]]) -> SpecDelta:
    if base is None:  # REVIEW-2: the spec at the base against the resulting tree's
        return SpecDelta(is_new=True)
    before = {item.id: item for item in base.items if item.id}
    now = {item.id: item for item in spec.items if item.id}
    removed = _removed({k: item for k, item in before.items() if k not in now}, where)
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
        planned=tuple(
            item
            for key, item in now.items()
            if key in before and before[key].enforced and not item.enforced
        ),
        status_was=base.status if base.status != spec.status else "",
    )
