"""Which specs a change affects and which references it adds: what the review and the check
share, kept apart from the review's own data so that the hooks do not import it (SPEED-3)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from specflow.change import Change, FileChange
from specflow.globs import matches, under_folders
from specflow.ids import find_references, is_one_word
from specflow.model import Spec
from specflow.refs import Reference
from specflow.specset import SpecDirs, SpecSet, in_specs_dir

SPEC_CHANGED = "the spec itself changed"
SPEC_DELETED = "this change deletes the spec"
Scoped = Mapping[str, frozenset[str]]


def affected(
    specs: SpecSet,
    change: Change,
    added_refs: Sequence[Reference],
    specs_dir: SpecDirs,
    scoped: Mapping[str, frozenset[str]] | None = None,
    base: SpecSet | None = None,
) -> dict[str, list[str]]:
    """REVIEW-1: spec id → why it is affected: its scope, a reference added by the change, or
    itself. `scoped`: path → ids of the specs whose scope covers it, when the caller has it
    already. `base`: the specs before the change, which tell whether a companion changed the
    status."""
    scoped = scoped if scoped is not None else scope_index(specs, change)
    owners = {key: specs.spec_of(key) for key in {r.id for r in added_refs}}
    named: dict[str, set[str]] = {}
    for key, owner in owners.items():
        if owner is not None:
            named.setdefault(owner.id, set()).add(key)
    changed = {f.path for f in change.files}
    covered: dict[str, list[str]] = {}
    for file in change.files:
        for spec_id in scoped[file.path]:
            covered.setdefault(spec_id, []).append(file.path)
    renamed = [f for f in change.files if f.old_path]
    reasons: dict[str, list[str]] = {}
    for spec in specs.specs:
        why = reasons.setdefault(spec.id, [])
        if spec.path in changed or _restated(spec, changed, base):
            why.append(SPEC_CHANGED)
        in_scope = covered.get(spec.id, [])
        if in_scope:
            why.append(f"in scope: {', '.join(in_scope[:3])}{' …' if len(in_scope) > 3 else ''}")
        why += _moved_out(spec.id, spec.scope, renamed, scoped)
        # REVIEW-E37: an ID the spec does not have is said so, as check says it dangles
        ids = [
            k if k in specs.items else f"{k} (no such ID)" for k in sorted(named.get(spec.id, ()))
        ]
        if ids:
            why.append(f"referenced: {', '.join(ids[:5])}{' …' if len(ids) > 5 else ''}")
    return {key: value for key, value in reasons.items() if value}


def _restated(spec: Spec, changed: set[str], base: SpecSet | None) -> bool:
    """SOURCES-11: a companion (spec.json) changed the spec's status or what lint finds in it
    (SOURCES-E17); its dates and other fields alone leave the spec as it was."""
    if changed.isdisjoint(spec.companions):
        return False
    before = next((old for old in base.specs if old.path == spec.path), None) if base else None
    return before is None or (before.status, before.findings) != (spec.status, spec.findings)


def _moved_out(
    spec_id: str, scope: tuple[str, ...], renamed: Sequence[FileChange], scoped: Scoped
) -> list[str]:
    """REVIEW-E38: a file renamed out of the spec's scope (check's `emptied-scope` when it
    was the last): the review said "No spec is affected" of `src/storage.py → src/store.py`."""
    moved = [
        f"{f.old_path} → {f.path}"
        for f in renamed
        if spec_id not in scoped[f.path] and matches(f.old_path or "", scope)
    ]
    if not moved:
        return []
    return [f"moved out of scope: {', '.join(moved[:3])}{' …' if len(moved) > 3 else ''}"]


def scope_index(specs: SpecSet, change: Change) -> dict[str, frozenset[str]]:
    """Each changed path → the ids of the specs whose scope covers it (computed once). Each
    spec tries only the paths under the folders its globs name."""
    paths = sorted({f.path for f in change.files})
    owners: dict[str, set[str]] = {path: set() for path in paths}
    for spec in specs.specs:
        for path in under_folders(paths, spec.scope):
            if matches(path, spec.scope):
                owners[path].add(spec.id)
    return {f.path: frozenset(owners[f.path]) for f in change.files}


def added_references(
    change: Change, specs: SpecSet, specs_dir: SpecDirs, said: Sequence[Reference] = ()
) -> list[Reference]:
    """References on added lines (outside the specs folder), then `said` (the commit
    messages'); an unknown slug of one word (`API-compatible`) is English (SOURCES-E16)."""
    found = []
    for file in change.files:
        if in_specs_dir(file.path, specs_dir):
            continue
        for line in file.added_lines():
            if "-" not in line.text:
                continue  # every ID has a dash: most lines of code have none
            for item_id, _ in find_references(line.text, specs.prefixes):
                found.append(Reference(item_id, file.path, line.number, "added", line.text.strip()))
    return [ref for ref in [*found, *said] if ref.id in specs.items or not is_one_word(ref.id)]
