"""`specflow lint`: every rule of SPEC-FORMAT.md as a Finding with a stable name. Pure."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

from specflow.globs import matches_any
from specflow.ids import (
    SPEC_ID_RE,
    STANDARD_PREFIXES,
    find_references,
    next_number,
    parse_item_id,
    prefix_of,
    standard_name,
    taken_numbers,
)
from specflow.model import (
    DRAFT_MARKER,
    Finding,
    ItemState,
    Requirement,
    Severity,
    Spec,
    Status,
    section_kind,
)
from specflow.refs import Reference, by_id
from specflow.sources import enabled
from specflow.sources.markdown import KNOWN_KEYS
from specflow.specset import SpecSet, owner

ERROR, WARNING = Severity.error, Severity.warning
_STATUSES = ", ".join(status.value for status in Status)
Committed = Collection[tuple[str, str]]  # (path, spec id or ID) pairs of HEAD's specs


def lint(
    specs: SpecSet,
    files: Sequence[str] | None = None,
    committed: Committed | None = None,
) -> list[Finding]:
    """All findings for `specs`; `files` (the repository's paths) enables the scope check;
    `committed`: the (path, spec id or ID) pairs HEAD's specs hold, when a duplicate is to be
    blamed on the copy that is new (LINT-E11).

    LINT-1: each finding has a stable rule name, a severity, a file:line and a way to fix it.
    """
    findings = [finding for spec in specs.specs for finding in lint_spec(spec, specs)]
    findings += _cross_checks(specs)
    findings += _duplicate_spec_ids(specs, committed or ())
    findings += _duplicate_item_ids(specs, committed or ())
    if files is not None:
        ordered = sorted(files)
        findings += [f for spec in specs.specs for f in _unmatched_scope(spec, ordered)]
    return sorted(findings, key=lambda f: (f.path, f.line, f.rule))


def lint_spec(spec: Spec, specs: SpecSet) -> Iterator[Finding]:
    if spec.source != "specflow":
        yield from _foreign(spec)
        return
    yield from _front_matter(spec, specs)
    yield from _sections(spec)
    suggested = _suggested_ids(spec, specs)
    for item in spec.items:
        yield from _item(spec, item, suggested.get(item.line, ""))
    yield from _placeholders(spec)
    for constraint in spec.constraints:
        if constraint.error:  # LINT-6
            yield _at(spec, constraint.line, "invalid-constraint", ERROR, constraint.error)
        elif constraint.until and constraint.until not in specs.items:
            message = (
                f"`until {constraint.until}` names a requirement that does not exist; "
                "name an existing one or drop `until`"
            )
            yield _at(spec, constraint.line, "invalid-constraint", ERROR, message)


# LINT-10: what `specflow new` writes for the author to replace (templates/spec.md.j2).
PLACEHOLDERS = (
    "What does the system do today that this change must fit into?",
    "State the first thing that must hold, testably.",
    "Name an input or a sequence of events that could break it.",
)


def _placeholders(spec: Spec) -> Iterator[Finding]:
    for line, text in [(c.line, c.text) for c in spec.context] + [
        (item.line, item.text) for item in spec.items
    ]:
        if any(text.startswith(placeholder) for placeholder in PLACEHOLDERS):
            message = "still `specflow new`'s placeholder text: write the real statement"
            yield _at(spec, line, "placeholder-text", WARNING, message)
        elif text.startswith(DRAFT_MARKER):
            message = (
                "still marked `Draft:` by `specflow new --scope`: check the statement against "
                "the code and drop the marker"
            )
            yield _at(spec, line, "draft-marker", WARNING, message)


def _front_matter(spec: Spec, specs: SpecSet) -> Iterator[Finding]:
    for line, problem in spec.front_matter_problems:
        yield _at(spec, line, "invalid-front-matter", ERROR, problem)
    if not SPEC_ID_RE.match(spec.id):
        how = "rename the file or set `id:`" if spec.id_from_file_name else "fix `id:`"
        message = f"spec id {spec.id!r} must be capitals, digits and inner dashes (RESET); {how}"
        yield _at(spec, spec.line_of("id"), "invalid-spec-id", ERROR, message)
    if spec.known_status is None:  # LINT-4: typos are caught
        message = f"unknown status {spec.status!r}; use one of {_STATUSES}"
        yield _at(spec, spec.line_of("status"), "unknown-status", ERROR, message)
    for key in spec.extra:
        message = f"unknown front-matter key {key!r} is kept but has no effect; {_typo(key)}"
        yield _at(spec, spec.line_of(key), "unknown-key", WARNING, message)
    if spec.superseded_by and spec.superseded_by not in specs.by_id:
        message = f"`superseded-by: {spec.superseded_by}` names no spec; use an existing spec id"
        yield _at(spec, spec.line_of("superseded-by"), "unknown-successor", WARNING, message)
    if spec.status == Status.done.value:
        for item in spec.requirements:
            if item.state is ItemState.planned:
                message = (
                    f"{item.id or 'requirement'} is still planned (`- [ ]`) in a done spec; "
                    "tick it (`- [x]`) or set `status: active`"
                )
                yield _at(spec, item.line, "planned-in-done-spec", ERROR, message)


def _foreign(spec: Spec) -> Iterator[Finding]:
    """SOURCES-6: what the format's reader found, and the requirements no reference can name
    (the IDs are the format's own, so their prefix and kind are right by construction)."""
    yield from spec.findings
    explained = {f.line for f in spec.findings if f.path == spec.path}  # not spec.json's lines
    for item in spec.requirements:
        if item.id is None and item.line not in explained:
            message = f"requirement has no ID in {spec.source}'s terms: {_HOW[spec.source]}"
            yield _at(spec, item.line, "missing-id", ERROR, message)
        elif not item.text.strip():
            yield _at(spec, item.line, "empty-requirement", ERROR, f"{item.id} is empty")


_HOW = {
    "speckit": "number it `**FR-00N**: System MUST ...`",
    "openspec": "name it `### Requirement: <name>`",
    "kiro": "number its requirement (`### Requirement N: ...`) and the criterion (`1.`)",
}


def _cross_checks(specs: SpecSet) -> Iterator[Finding]:
    present = {spec.source for spec in specs.specs}
    for source in enabled(tuple(present), "specs"):
        yield from source.cross_check(specs)


def _typo(key: str) -> str:
    import difflib  # only for a typo: the hooks lint every spec

    close = difflib.get_close_matches(key, sorted(KNOWN_KEYS), n=1)
    return (
        f"did you mean `{close[0]}`?" if close else f"known keys: {', '.join(sorted(KNOWN_KEYS))}"
    )


def _sections(spec: Spec) -> Iterator[Finding]:
    # LINT-3
    if not spec.has_section("requirements"):
        message = (
            f"no `## Requirements` section: add one listing what must hold (`{spec.id}-1: ...`)"
        )
        yield _at(spec, _meant(spec, "requirements"), "missing-requirements", ERROR, message)
    for line, text in spec.loose_headings:  # FORMAT-E5
        hashes = text[: len(text) - len(text.lstrip("#"))]
        message = f"`{text}` is not a heading: put a space after `{hashes}`"
        yield _at(spec, line, "not-a-heading", WARNING, message)
    for kind, title, why in (
        ("context", "Context", "what the change must fit into"),
        ("edge-cases", "Edge Cases", "what could go wrong"),
    ):
        if not spec.has_section(kind):
            message = f"no `## {title}` section: write down {why}"
            yield _at(spec, _meant(spec, kind), f"missing-{kind}", WARNING, message)


def _meant(spec: Spec, kind: str) -> int:
    """The line of a `##Title` meant as the missing section (FORMAT-E5), else 1."""
    lines = (line for line, text in spec.loose_headings if section_kind(text.lstrip("#")) == kind)
    return next(lines, 1)


def _suggested_ids(spec: Spec, specs: SpecSet) -> dict[int, str]:
    """The ID `lint --fix` gives each item without one, by its line: the next free number of
    the spec's prefix, past every ID of it and every one its statements mention.

    LINT-E14: never one that is taken (a spec holding `BAD-1` was told to write `BAD-1`).
    """
    texts = [item.text for item in spec.items] + [statement.text for statement in spec.context]
    prefixes = frozenset({spec.id})
    mentioned = [found for text in texts for found, _ in find_references(text, prefixes)]
    taken = taken_numbers(spec.id, [*specs.items, *mentioned])
    suggested: dict[int, str] = {}
    for item in spec.items:
        if item.id is None:
            edge = item.kind == "edge-case"
            number = next_number(taken, edge)
            taken.add((edge, number))
            suggested[item.line] = f"{spec.id}-{'E' if edge else ''}{number}"
    return suggested


def _item(spec: Spec, item: Requirement, suggested: str) -> Iterator[Finding]:
    """LINT-7: a missing ID, another spec's prefix, the wrong kind of ID, an empty item."""
    edge = item.kind == "edge-case"
    noun = "edge case" if edge else "requirement"
    if item.id is None:
        severity = WARNING if edge else ERROR
        message = f"{noun} has no ID; run `specflow lint --fix` or write `{suggested}: ...`"
        yield _at(spec, item.line, "missing-id", severity, message)
    else:
        parsed = parse_item_id(item.id)
        if parsed and parsed.prefix != spec.id:
            message = (
                f"{item.id} does not start with this spec's id {spec.id}-; "
                f"renumber it as {spec.id}-... or move it to its own spec"
            )
            yield _at(spec, item.line, "wrong-prefix", ERROR, message)
        if parsed and parsed.edge != edge:
            want = f"{spec.id}-E<n>" if edge else f"{spec.id}-<n>"
            message = f"{item.id} is under {noun}s; {noun} IDs look like {want}"
            yield _at(spec, item.line, "wrong-id-kind", ERROR, message)
    if not item.text.strip():
        name = f"{noun} {item.id}" if item.id else noun
        message = f"{name} is empty: write what must hold, or delete the item"
        yield _at(spec, item.line, "empty-requirement", ERROR, message)


def _duplicate_spec_ids(specs: SpecSet, committed: Committed) -> Iterator[Finding]:
    """LINT-2: the second file to use a spec id is reported, naming the first; LINT-E6: so is
    a spec id that is another spec's requirement ID (`RESET-1`): `show RESET-1` hid the item.
    LINT-E11: a file that has the id at HEAD comes before one that is new with it."""
    first: dict[str, Spec] = {}
    for spec in sorted(specs.specs, key=lambda spec: (spec.path, spec.id) not in committed):
        how = "set a unique `id:`" if spec.source == "specflow" else "rename its folder"
        item = specs.items.get(spec.id)
        if spec.id in first:
            message = f"spec id {spec.id} is also used by {first[spec.id].path}; {how}"
            yield _at(spec, spec.line_of("id"), "duplicate-spec-id", ERROR, message)
        elif item is not None and item.path != spec.path:
            message = f"spec id {spec.id} is also a requirement of {item.path}:{item.line}; {how}"
            yield _at(spec, spec.line_of("id"), "duplicate-spec-id", ERROR, message)
        first.setdefault(spec.id, spec)


def _duplicate_item_ids(specs: SpecSet, committed: Committed) -> Iterator[Finding]:
    """LINT-2: each repeat of an ID names the place of its owner (`specset.owner`: LINT-E10,
    SOURCES-E15), where it was defined first unless a pasted or planned copy came first."""
    for places in specs.places.values():
        # LINT-E11: the owner is one of the places HEAD has, when the others are new there
        old = [place for place in places if (place[0].path, place[1].id) in committed]
        _, owning = owner(old or places)
        for spec, item in places:
            if item is not owning:
                yield _duplicate(spec, item, owning)


def _duplicate(spec: Spec, item: Requirement, other: Requirement) -> Finding:
    if spec.source == "specflow":  # LINT-E9: `lint --fix` writes specflow's specs only
        fix = "delete this ID and run `specflow lint --fix` to give it a free number"
    elif spec.source == "openspec" and item.state is ItemState.planned:
        fix = (
            "an ADDED requirement must be new: change the existing one under "
            "`## MODIFIED Requirements`, or give this one a new name"
        )
    else:
        fix = "the two specs share an id: rename one's folder, in that tool's way"
    message = f"{item.id} is already defined at {other.path}:{other.line}; {fix}"
    return _at(spec, item.line, "duplicate-id", ERROR, message)


def _unmatched_scope(spec: Spec, files: Sequence[str]) -> Iterator[Finding]:
    """`files` sorted, so that each glob is tried only under its literal folder."""
    # LINT-5: a glob that matches nothing is most likely a typo or a renamed folder.
    for index, glob in enumerate(spec.scope):
        if not matches_any(files, glob):
            message = f"scope glob {glob!r} matches no file in the repository; check its path"
            if "{" in glob and "," in glob:  # LINT-E7: `*.{ts,tsx}` is a shell's, not git's
                message += " (braces are not expanded: write one glob per suffix)"
            line = spec.key_lines.get(f"scope[{index}]", spec.line_of("scope"))
            yield _at(spec, line, "unmatched-scope", WARNING, message)
    for constraint in spec.constraints:
        for glob in constraint.globs:
            if not constraint.error and not matches_any(files, glob):
                message = f"constraint glob {glob!r} matches no file in the repository; check it"
                yield _at(spec, constraint.line, "unmatched-scope", WARNING, message)


def _at(spec: Spec, line: int, rule: str, severity: Severity, message: str) -> Finding:
    return Finding(rule, severity, spec.path, line, message)


def read_as_references(specs: SpecSet, references: Sequence[Reference]) -> Iterator[Finding]:
    """LINT-E12: a spec whose id begins standards' names (`ISO-8601`); LINT-E13: each ID-shaped
    word of the tree that reads as a reference to a spec without that ID, once, at its first
    line (the dateutil trial's spec ISO made each `ISO-8601` of its docstrings one)."""
    for spec in specs.specs:
        if spec.source == "specflow" and spec.id in STANDARD_PREFIXES:
            message = (
                f"spec id {spec.id} also begins standards' names: `{spec.id}-` and a number "
                f"(`{spec.id}-8601`) reads as a reference to this spec wherever it is written; "
                f"a longer id (`{spec.id}-PARSE`) keeps them apart"
            )
            yield _at(spec, spec.line_of("id"), "standard-prefix", WARNING, message)
    for item_id, places in by_id(r for r in references if r.id not in specs.items).items():
        owner_spec = specs.by_id.get(prefix_of(item_id))
        if owner_spec is None:
            continue
        more = f" (and {len(places) - 1} more line(s))" if len(places) > 1 else ""
        fix = (
            "if it names a standard, give the spec another id; else fix the ID"
            if standard_name(item_id)
            else "fix the ID or add it to the spec"
        )
        message = (
            f"{item_id}{more} reads as a reference to spec {owner_spec.id} ({owner_spec.path}), "
            f"which does not define it: {fix}"
        )
        yield Finding("undefined-id", WARNING, places[0].path, places[0].line, message)
