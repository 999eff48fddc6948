"""`specflow check`: the rules that decide whether a change may land. Pure: a Snapshot in,
Findings out; only the CLI turns them into an exit code."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from specflow.affected import added_references, affected
from specflow.change import Change, Hunk
from specflow.constraints import check_constraints
from specflow.definitions import names_removed
from specflow.globs import matches
from specflow.ids import prefix_of, standard_name
from specflow.losses import (
    emptied_constraints,
    emptied_scopes,
    lost_references,
    lowered_enforcement,
    removed_requirements,
    touched_code,
    touched_requirements,
    unscoped_code,
)
from specflow.model import Finding, Requirement, Severity, Spec, Status
from specflow.refs import Reference
from specflow.specset import SpecDirs, SpecSet, in_specs_dir
from specflow.testcode import UnitTests

if TYPE_CHECKING:  # the pipeline imports this module only when a check runs
    from specflow.pipeline import Snapshot

MESSAGE = "(commit message)"
# CHECK-E62: the IDs whose code or message mention the change touches; by path, its added lines
Touched = tuple[set[str], dict[str, set[int]]]


def check(
    snap: Snapshot,
    spec_findings: Sequence[Finding] | None = None,
    texts: Mapping[str, str] | None = None,
    tree_files: Sequence[str] | None = None,
    unchanged: Mapping[str, set[int]] | None = None,
    gone: Mapping[str, tuple[str, int]] | None = None,
    tests: Mapping[str, UnitTests] | None = None,
    excused: Collection[Reference] = frozenset(),
) -> list[Finding]:
    """Every finding of every rule on `snap` (its change is the part judged, exclusions out),
    with each rule's configured severity; `off` rules dropped. Its `base_specs` are the changed
    specs as they were before the change (CHECK-15).

    `spec_findings`: `lint(specs)`, when the caller has it already.
    `texts`: the resulting text of the changed files a `require` constraint governs, and of
    those that hold an implementing reference (which blocks it heads).
    `tree_files`: the resulting tree's paths, when the change removes some (CHECK-20) or changes
    an enforced spec's scope (CHECK-E41).
    `unchanged`: by path, the hunks that change no behaviour, of those files (CHECK-E19).
    `gone`: the definitions the change removes that a spec names, and the tree lost (CHECK-E20).
    `tests`: the test code of those files that hold some, before and after (CHECK-E27, E29).
    `excused`: a range's message references its own commit's specs defined (CHECK-E70)."""
    specs, change, base_specs = snap.specs, snap.change, snap.base_specs
    references, message_refs = snap.references, snap.message_references
    config = snap.config
    specs_dir, severities, test_globs = config.spec_dirs, config.rules, config.test_globs
    added = added_references(change, specs, specs_dir, message_refs)
    touched = affected(specs, change, added, specs_dir, base=base_specs)
    in_scope = [spec for spec in specs.specs if spec.id in touched]
    ids = _ids_by_kind(references)
    heads = list(touched_code(change, references, specs_dir, test_globs, texts, unchanged, tests))
    raw = [
        *_unreferenced(in_scope, ids, change),
        *_planned_but_referenced(in_scope, ids),
        *_dangling(specs, added, base_specs or SpecSet(()), excused),
        *_left_dangling(specs, change, references, added, base_specs or SpecSet(())),
        *_deprecated(specs, added),
        *check_constraints(specs, change, ids["implements"], specs_dir, texts or {}),
        *removed_requirements(specs, base_specs or SpecSet(()), references),
        *lowered_enforcement(specs, base_specs or SpecSet(())),
        *lost_references(specs, change, references, specs_dir, test_globs, tests),
        *emptied_scopes(specs, change, tree_files),
        *emptied_constraints(specs, change, tree_files),
        *unscoped_code(specs, base_specs or SpecSet(()), change, tree_files),
        *touched_requirements(specs, heads, {r.id for r in added}, _unwritten(change)),
        *names_removed(specs, gone or {}),
        *_spec_lint(specs, in_scope, spec_findings),
        *_untested(
            in_scope,
            ids,
            _concerned(in_scope, change, added, heads),
            _touched(change, heads, message_refs, base_specs),
        ),
        *_untraced(in_scope, change, added, specs_dir),
        *_unscoped(specs, change, specs_dir),
    ]
    return _configured(raw, severities)


def _configured(raw: Iterable[Finding], severities: Mapping[str, Severity]) -> list[Finding]:
    """CHECK-5: each finding at its rule's configured severity; `off` drops the rule."""
    findings = []
    for finding in raw:
        severity = severities.get(finding.rule, finding.severity)
        if severity is not Severity.off:
            findings.append(finding._replace(severity=severity))
    return findings


def _unwritten(change: Change) -> bool:
    """HOOK-E9: the index or the work tree judged with no message: git runs pre-commit before
    the message exists."""
    return change.revision.mode in ("staged", "worktree") and not change.messages


def _ids_by_kind(references: Sequence[Reference]) -> dict[str, set[str]]:
    """The IDs referenced, by kind, in one pass over what may be thousands of references."""
    ids: dict[str, set[str]] = {"implements": set(), "verifies": set()}
    for reference in references:
        ids.setdefault(reference.kind, set()).add(reference.id)
    return ids


# CHECK-1: an enforced requirement of an affected spec must be referenced in the tree; a commit
# message names what a change is about but implements nothing (CHECK-7).
def _unreferenced(
    specs: Sequence[Spec], ids: Mapping[str, set[str]], change: Change
) -> Iterator[Finding]:
    known = ids["implements"] | ids["verifies"]
    gaps = [
        (spec, item)
        for spec in specs
        if spec.enforced
        for item in spec.requirements
        if item.id and item.enforced and item.id not in known
    ]
    # CHECK-E65: an ID written twice (a `duplicate-id`) is one gap, said once at its first line
    first: dict[str | None, tuple[Spec, Requirement]] = {}
    for spec, item in gaps:
        first.setdefault(item.id, (spec, item))
    gaps = list(first.values())
    opened = _opened(change, [item for _, item in gaps]) if gaps else set()
    for spec, item in gaps:
        assert item.id is not None
        before = "" if item.id in opened else " (so it was before this change)"
        yield Finding(
            "unreferenced-requirement",
            Severity.error,
            spec.path,
            item.line,
            # CHECK-E69: any whole-word occurrence is a reference, a comment's the usual one
            f"{item.id} is referenced nowhere{before}: name {item.id} (as a whole word: a "
            f"comment will do) where it is implemented and in its test, {_or_plan(spec, item.id)}",
        )


def _opened(change: Change, items: Sequence[Requirement]) -> set[str | None]:
    """CHECK-E24: the requirements whose gap the change may have opened: it changes, adds or
    moves their spec (its status, say), or removes a line that names them (the ky trial's typo
    fix was blocked by a gap it never saw)."""
    specs = {path for f in change.files for path in (f.path, f.old_path) if path}
    removed = "\n".join(line.text for f in change.files for h in f.hunks for line in h.removed)
    return {item.id for item in items if item.path in specs or (item.id and item.id in removed)}


def _or_plan(spec: Spec, item_id: str) -> str:
    if spec.source == "openspec":  # SOURCES-7
        return "or propose it in a change folder (`openspec/changes/`) until it is built"
    if spec.source != "specflow":  # SOURCES-4: specflow never edits another tool's file
        return (  # the table as each configuration file spells it (exploratory F9)
            'or set `unreferenced-requirement = "warning"` under `[tool.specflow.rules]` '
            f"(pyproject.toml) or `[rules]` (specflow.toml) while {spec.path} is drafted"
        )
    return f"or mark it planned with `- [ ] {item_id}:` in {spec.path}"


# CHECK-4: planned items are not enforced, but an implemented one should be ticked.
def _planned_but_referenced(
    specs: Sequence[Spec], ids: Mapping[str, set[str]]
) -> Iterator[Finding]:
    implemented = ids["implements"]
    for spec in specs:
        for item in spec.requirements:
            if item.id and not item.enforced and item.id in implemented and spec.enforced:
                yield Finding(
                    "planned-requirement-referenced",
                    Severity.warning,
                    spec.path,
                    item.line,
                    f"{item.id} is planned (`- [ ]`) but already implemented: tick it (`- [x]`) "
                    "so that it is enforced",
                )


def _left_dangling(
    specs: SpecSet,
    change: Change,
    references: Sequence[Reference],
    added: Sequence[Reference],
    base_specs: SpecSet,
) -> Iterator[Finding]:
    """SOURCES-10: a spec the change edits no longer has an ID the tree still names: the
    requirement was renamed (an OpenSpec heading is its key) or removed under the reference.
    An ID the spec had before the change is reported once, at the spec (CHECK-15)."""
    changed = {f.path for f in change.files}
    new = {(r.path, r.line) for r in added}
    for reference in references:
        if reference.id in specs.items or (reference.path, reference.line) in new:
            continue
        if reference.id in base_specs.items:
            continue
        spec = specs.by_id.get(prefix_of(reference.id))
        # CHECK-E53: an ID the spec had before the change neither: the change removed nothing
        if spec is not None and spec.path in changed and spec.id not in base_specs.by_id:
            yield Finding(
                "undefined-id",
                Severity.warning,
                reference.path,
                reference.line,
                f"{reference.id} reads as a reference to {spec.id}, which this change adds "
                f"without that ID: {_not_defined(reference.id, spec)}",
            )


def _not_defined(item_id: str, spec: Spec) -> str:
    """What to do of a word that reads as a reference to `spec` and names no ID of it."""
    defined = f"{spec.path} defines {_id_range(spec, item_id)}"
    if standard_name(item_id):
        return f"if it names a standard, give the spec another id; else fix the ID ({defined})"
    return f"fix the ID or add it to the spec ({defined})"


# CHECK-2
def _dangling(
    specs: SpecSet,
    added: Sequence[Reference],
    base_specs: SpecSet,
    excused: Collection[Reference],
) -> Iterator[Finding]:
    for reference in added:
        # HOOK-E8: a message naming an ID the change removes or renumbers describes the change;
        # CHECK-E70: in a range, as its own commit's change
        said = reference.path == MESSAGE
        if said and (reference.id in base_specs.items or reference in excused):
            continue
        if reference.id not in specs.items:
            spec = specs.by_id.get(prefix_of(reference.id))
            if spec and standard_name(reference.id) and reference.id not in base_specs.items:
                yield _standard(reference, spec)
                continue
            hint = f"; {spec.path} defines {_id_range(spec, reference.id)}" if spec else ""
            yield Finding(
                "dangling-reference",
                Severity.error,
                reference.path,
                reference.line,
                f"{reference.id} does not exist{hint}: fix the ID or add it to the spec",
            )


def _standard(reference: Reference, spec: Spec) -> Finding:
    """CHECK-E54: `ISO-8601` added under a spec called ISO that has no such ID may name the
    standard: a warning, not a block."""
    return Finding(
        "undefined-id",
        Severity.warning,
        reference.path,
        reference.line,
        f"{reference.id} reads as a reference to spec {spec.id}, which does not define it: "
        + _not_defined(reference.id, spec),
    )


def _id_range(spec: Spec, wanted: str = "") -> str:
    """CHECK-E64: the spec's IDs, its edge cases' too, the kind of `wanted` first; a run of
    more than six (all six are listed, tests/test_pinned.py) is its lowest and highest by
    number (CHECK-E71)."""
    kinds = [
        [item.id for item in spec.items if item.id and item.kind == kind]
        for kind in ("requirement", "edge-case")
    ]
    if _EDGE_ID.search(wanted):
        kinds.reverse()
    runs = [_run(ids) for ids in kinds if ids]
    return " and ".join(runs) if runs else "no IDs yet"


_EDGE_ID = re.compile(r"-E[0-9]+$")


def _run(ids: Sequence[str]) -> str:
    """CHECK-E71: a long run is its lowest and highest IDs by number, which the file's first and
    last lines need not be: a committer reads the highest to pick the next one free."""
    if len(ids) <= 6:
        return ", ".join(ids)
    return f"{min(ids, key=_number)} … {max(ids, key=_number)} ({len(ids)})"


def _number(item_id: str) -> int:
    digits = _NUMBER.search(item_id)
    return int(digits.group()) if digits else 0


_NUMBER = re.compile(r"[0-9]+$")


def _deprecated(specs: SpecSet, added: Sequence[Reference]) -> Iterator[Finding]:
    for reference in added:
        spec = specs.spec_of(reference.id)
        if spec and spec.status == Status.deprecated.value and reference.id in specs.items:
            instead = f"; it is superseded by {spec.superseded_by}" if spec.superseded_by else ""
            yield Finding(
                "deprecated-reference",
                Severity.warning,
                reference.path,
                reference.line,
                f"{reference.id} belongs to the deprecated spec {spec.id} ({spec.path}){instead}",
            )


# CHECK-5, CHECK-E3: the lint errors of affected specs.
def _spec_lint(
    specs: SpecSet, in_scope: Sequence[Spec], found: Sequence[Finding] | None
) -> Iterator[Finding]:
    if found is None:
        from specflow.lint import lint  # SPEED-10: only when the lint cache misses

        found = lint(specs)
    paths = {path for spec in in_scope for path in (spec.path, *spec.companions)}  # SOURCES-E17
    for finding in found:
        if finding.path in paths and finding.is_error:
            message = f"{finding.message} [{finding.rule}]; run `specflow lint`"
            yield Finding("spec-lint", Severity.error, finding.path, finding.line, message)


def _concerned(
    specs: Sequence[Spec],
    change: Change,
    added: Sequence[Reference],
    heads: Sequence[tuple[str, Hunk, Reference]],
) -> set[str]:
    """The requirements the change itself concerns: named on an added line or in the message,
    their implementing code touched (`heads`), or their spec edited (all of its requirements)."""
    ids = {reference.id for reference in added} | {reference.id for _, _, reference in heads}
    edited = {file.path for file in change.files}
    ids.update(i.id for spec in specs if spec.path in edited for i in spec.requirements if i.id)
    return ids


def _touched(
    change: Change,
    heads: Sequence[tuple[str, Hunk, Reference]],
    message_refs: Sequence[Reference],
    base_specs: SpecSet | None,
) -> Touched:
    """CHECK-E62: what the change touches of a requirement itself: the code its reference
    heads, a mention in the message, its own entry's lines in a spec that was there before (a
    spec the change adds, as when a project adopts specs, touches no code)."""
    ids = {reference.id for _, _, reference in heads}
    ids.update(reference.id for reference in message_refs)
    before = {spec.path for spec in base_specs.specs} if base_specs else set()
    lines = {
        f.path: {line.number for h in f.hunks for line in h.added}
        for f in change.files
        if f.path in before
    }
    return ids, lines


def _untested(
    specs: Sequence[Spec], ids: Mapping[str, set[str]], concerned: set[str], touched: Touched
) -> Iterator[Finding]:
    """An untested requirement warns when the change concerns it, not on every commit that
    touches its spec's scope (the contract's "affected requirement"); CHECK-E62: one whose
    code, entry or message mention the change does not touch is a warning aside."""
    implemented, verified = ids["implements"], ids["verifies"]
    touched_ids, edited = touched
    said: set[str | None] = set()  # CHECK-E65: an ID written twice is warned of once
    for spec in specs:
        for item in spec.requirements:
            if item.id not in concerned or not spec.enforced or item.id in said:
                continue
            said.add(item.id)
            if item.id in implemented and item.id not in verified:
                entry = set(range(item.line, item.line + max(1, len(item.text.splitlines()))))
                aside = item.id not in touched_ids and not edited.get(spec.path, set()) & entry
                yield Finding(
                    "untested-requirement",
                    Severity.warning,
                    spec.path,
                    item.line,
                    f"{item.id} is implemented but no test references it: name it in a test",
                    aside=aside,
                )


def _untraced(
    specs: Sequence[Spec], change: Change, added: Sequence[Reference], specs_dir: SpecDirs
) -> Iterator[Finding]:
    named = {prefix_of(r.id) for r in added}
    for spec in specs:
        if spec.id in named:
            continue
        for file in change.files:
            if matches(file.path, spec.scope) and not in_specs_dir(file.path, specs_dir):
                yield Finding(
                    "untraced-change",
                    Severity.off,
                    file.path,
                    1,
                    f"changed in the scope of {spec.id} without naming any of its IDs",
                )


def _unscoped(specs: SpecSet, change: Change, specs_dir: SpecDirs) -> Iterator[Finding]:
    for file in change.files:
        if file.status == "deleted" or in_specs_dir(file.path, specs_dir):
            continue
        if not any(matches(file.path, spec.scope) for spec in specs.specs):
            yield Finding(
                "unscoped-change", Severity.off, file.path, 1, "no spec governs this file"
            )
