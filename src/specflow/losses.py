"""CHECK-15, CHECK-16, CHECK-E11: what a change takes away: a requirement still referenced,
the last implementation or test of one, or the enforcement of a spec or a requirement. Pure:
judged on the change, not discovered later by `report` (a name a spec still names:
`definitions.py`)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import NamedTuple

from specflow.change import Change, FileChange, Hunk
from specflow.globs import (
    BLOCK_COMMENTS,
    DOCUMENTS,
    comment_lines,
    go_directive,
    is_comment_line,
    magic_comment,
    matches,
    matches_any,
    under_folders,
)
from specflow.heading import Lines, heading, implementing, lazy_lines
from specflow.ids import find_references
from specflow.model import Finding, Severity, Spec, headline
from specflow.refs import Reference, is_prose
from specflow.specset import SpecDirs, SpecSet, in_specs_dir
from specflow.testcode import UnitTests, in_unit_tests, inside

SHOWN = 4  # references listed in a finding; the rest are counted


_RETIRED = "`status: deprecated`, `superseded-by`"


# CHECK-15: the change that makes a reference dangle is the one to block.
def removed_requirements(
    specs: SpecSet, base_specs: SpecSet, references: Sequence[Reference]
) -> Iterator[Finding]:
    places: dict[str, list[Reference]] = {}
    for reference in references:
        places.setdefault(reference.id, []).append(reference)
    for spec in base_specs.specs:
        for item in spec.items:
            if not item.id or item.id in specs.items or item.id not in places:
                continue
            now = specs.by_id.get(spec.id)
            renamed = _same_file(specs, spec) if now is None else None
            if renamed is not None:  # CHECK-E63: the file is kept, its id renamed
                now = renamed
                gone = f"is removed as this change renames spec {spec.id} to {renamed.id},"
                keep = f"rename them to {renamed.id}'s IDs, or keep the spec id {spec.id}"
            elif now is None:  # CHECK-E10: the whole spec is deleted, or moved out of the specs
                gone = f"is removed with {spec.path}, which this change deletes,"
                keep = (
                    "keep the deprecated spec until they go"
                    if spec.status == "deprecated"
                    else "keep the spec and retire it on purpose (`status: deprecated`)"
                )
            else:
                gone = f"is removed from {spec.path}:{item.line}"
                keep = f"keep {item.id} and retire it on purpose ({_RETIRED})"
            yield Finding(
                "dangling-reference",
                Severity.error,
                now.path if now else spec.path,
                item.line,
                f"{item.id} {gone} but still referenced at {_places(places[item.id])}: "
                f"remove those references, or {keep}",
            )


def _same_file(specs: SpecSet, spec: Spec) -> Spec | None:
    """CHECK-E63: the spec that `spec`'s file holds now, under another id."""
    return next((now for now in specs.specs if now.path == spec.path), None)


# CHECK-E11: a change that switches enforcement off says so, where a reviewer sees it
def lowered_enforcement(specs: SpecSet, base_specs: SpecSet) -> Iterator[Finding]:
    before = {spec.id: spec for spec in base_specs.specs}
    for spec in specs.specs:
        base = before.get(spec.id)
        if base is None or not base.enforced:
            continue
        if not spec.enforced:
            yield Finding(
                "enforcement-lowered",
                Severity.warning,
                spec.path,
                spec.line_of("status"),
                f"this change makes {spec.id} `{spec.status}` (it was `{base.status}`): its "
                "requirements and constraints are no longer enforced; say why in the message",
            )
            continue
        was = {item.id: item for item in base.requirements if item.id and item.enforced}
        for item in spec.requirements:
            if item.id in was and not item.enforced:
                yield Finding(
                    "enforcement-lowered",
                    Severity.warning,
                    spec.path,
                    item.line,
                    f"{item.id} is planned again (`- [ ]`): this change stops enforcing it",
                )


# CHECK-16: losing the last implementation (error) or the last test (warning) of a requirement.
def lost_references(
    specs: SpecSet,
    change: Change,
    references: Sequence[Reference],
    specs_dir: SpecDirs,
    test_globs: tuple[str, ...],
    tests: Mapping[str, UnitTests] | None = None,
) -> Iterator[Finding]:
    """`tests`: the test code of the changed files that hold some (CHECK-E27), both sides."""
    remaining: dict[str, set[str]] = {}
    for reference in references:
        remaining.setdefault(reference.kind, set()).add(reference.id)
    removed = _removed_references(change, specs.prefixes, specs_dir, test_globs, tests or {})
    for kind, where in removed:
        rule = "implementation-removed" if kind == "implements" else "test-removed"
        for item_id, place in where.items():
            spec, item = specs.spec_of(item_id), specs.items.get(item_id)
            if not (spec and item and spec.enforced and item.enforced):
                continue
            if item_id in remaining.get(kind, set()):
                continue
            what = "implementation" if kind == "implements" else "test"
            yield Finding(
                rule,
                Severity.error if kind == "implements" else Severity.warning,
                spec.path,
                item.line,
                f"this change removes the last {what} of {item_id} ({place}): "
                + headline(item.text),
            )


def _removed_references(
    change: Change,
    prefixes: frozenset[str],
    specs_dir: SpecDirs,
    test_globs: tuple[str, ...],
    tests: Mapping[str, UnitTests],
) -> Iterator[tuple[str, dict[str, str]]]:
    """("implements" | "verifies", ID → the first place it was removed from)."""
    found: dict[str, dict[str, str]] = {"implements": {}, "verifies": {}}
    for file in change.files:
        path = file.old_path or file.path
        if in_specs_dir(path, specs_dir) or is_prose(path):  # CHECK-E56, CHECK-E61: none
            continue
        test = matches(path, test_globs)
        before = tests.get(file.path, ((), ()))[0]  # CHECK-E27: what was its test code
        for hunk in file.hunks:
            for line in hunk.removed:
                if "-" not in line.text:
                    continue
                kind = "verifies" if test or inside(before, line.number) else "implements"
                for item_id, _ in find_references(line.text, prefixes):
                    found[kind].setdefault(item_id, f"{path}:{line.number}")
    yield from found.items()


def _places(found: Sequence[Reference]) -> str:
    shown = ", ".join(f"{r.path}:{r.line}" for r in found[:SHOWN])
    more = len(found) - SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


# CHECK-20: a rename, move or delete that leaves a scope glob matching nothing.
def emptied_scopes(
    specs: SpecSet, change: Change, tree_files: Sequence[str] | None
) -> Iterator[Finding]:
    """`tree_files`: the resulting tree's paths, sorted; None when the change removes no path."""
    if tree_files is None:
        return
    gone = removed_paths(change)
    arrived = _arrived(change)
    for spec in specs.specs:
        if not spec.enforced:
            continue
        for glob in spec.scope:
            lost = [path for path in gone if matches(path, (glob,))]
            # CHECK-E26: unless each file went where the spec's scope looks (lint names the glob)
            went = [arrived.get(path, ()) for path in lost]
            if all(any(matches(p, spec.scope) for p in there) for there in went):
                continue
            if lost and not matches_any(tree_files, glob):
                yield Finding(
                    "emptied-scope",
                    Severity.error,
                    spec.path,
                    spec.line_of("scope"),
                    f"this change leaves the scope glob {glob!r} of {spec.id} matching no file "
                    f"(it matched {', '.join(lost[:SHOWN])}): update the scope to where the code "
                    "went, or retire the spec on purpose (`status: deprecated`)",
                )


# CHECK-E57: a constraint whose `in` globs the change leaves matching no file guards nothing.
def emptied_constraints(
    specs: SpecSet, change: Change, tree_files: Sequence[str] | None
) -> Iterator[Finding]:
    """`tree_files`: the resulting tree's paths, sorted; None when the change removes no path."""
    if tree_files is None:
        return
    gone = removed_paths(change)
    for spec in specs.specs:
        if not spec.enforced:
            continue
        for constraint in spec.constraints:
            if constraint.error or constraint.outside:
                continue
            for glob in constraint.globs:
                lost = [path for path in gone if matches(path, (glob,))]
                if lost and not matches_any(tree_files, glob):
                    yield Finding(
                        "emptied-constraint",
                        Severity.error,
                        spec.path,
                        constraint.line,
                        f"this change leaves the glob {glob!r} of this constraint of {spec.id} "
                        f"matching no file (it matched {', '.join(lost[:SHOWN])}): the rule now "
                        "guards nothing; point it where the code went, or remove it on purpose",
                    )


def rescoped(specs: SpecSet, base_specs: SpecSet) -> list[tuple[Spec, Spec]]:
    """The enforced specs the change edits whose scope it changes, each with its base version."""
    pairs = [(specs.by_id.get(old.id), old) for old in base_specs.specs]
    return [(new, old) for new, old in pairs if new and new.enforced and new.scope != old.scope]


# CHECK-E41: a change to the scope globs themselves, not to the files, loses the code too.
def unscoped_code(
    specs: SpecSet, base_specs: SpecSet, change: Change, tree_files: Sequence[str] | None
) -> Iterator[Finding]:
    """`tree_files`: the resulting tree's paths, sorted (listed when `rescoped` finds a spec)."""
    if tree_files is None:
        return
    moved = {f.old_path: f.path for f in change.files if f.status == "renamed" and f.old_path}
    new = {f.path for f in change.files if f.status in ("added", "copied")}
    # the specs as they were: the base versions of those the change edits, else as they are
    base = {s.id: base_specs.by_id.get(s.id, None if s.path in new else s) for s in specs.specs}
    for spec, old in rescoped(specs, base_specs):
        lost = _ungoverned(old.scope, spec.scope, change, tree_files)
        lost = [p for p in lost if not _let_go(p, moved.get(p, p), spec, old, specs, base)]
        for index, glob in enumerate(spec.scope):
            # CHECK-E49: a `!glob` only leaves files out: matching none, it loses none
            if not lost or glob.startswith("!") or glob in old.scope:
                continue
            if matches_any(tree_files, glob):
                continue  # a glob the spec had already, or that matches: lint's to name
            yield Finding(
                "emptied-scope",
                Severity.error,
                spec.path,
                spec.key_lines.get(f"scope[{index}]", spec.line_of("scope")),
                f"this change leaves the scope glob {glob!r} of {spec.id} matching no file, "
                f"and {_listed(lost)} (in its scope before) out of its scope: fix the glob, "
                "or retire the spec on purpose (`status: deprecated`)",
            )


def _let_go(
    before: str, now: str, spec: Spec, old: Spec, specs: SpecSet, base: Mapping[str, Spec | None]
) -> bool:
    """CHECK-E49: a file the edit lets go of on purpose: a `!glob` it adds names it, or the
    same change gives it to another enforced spec, whose scope did not hold it before."""
    added = tuple(
        g.removeprefix("!") for g in spec.scope if g.startswith("!") and g not in old.scope
    )
    if added and matches(now, added):
        return True
    for other in specs.specs:
        if other.id == spec.id or not other.enforced or not matches(now, other.scope):
            continue
        was = base.get(other.id)
        if was is None or not matches(before, was.scope):
            return True
    return False


def _listed(paths: Sequence[str]) -> str:
    more = f" and {len(paths) - SHOWN} more" if len(paths) > SHOWN else ""
    return ", ".join(paths[:SHOWN]) + more


def _ungoverned(
    old: tuple[str, ...], new: tuple[str, ...], change: Change, tree_files: Sequence[str]
) -> list[str]:
    """The files `old` matched before the change that `new` does not match where they are
    now (in place, or renamed); a file the change deletes is no loss."""
    moved = {f.old_path: f.path for f in change.files if f.status == "renamed" and f.old_path}
    arrived = {f.path for f in change.files if f.status in ("added", "copied")} | {*moved.values()}
    before = sorted({*under_folders(tree_files, old), *moved}.difference(arrived))
    kept = [path for path in before if matches(path, old)]
    return [path for path in kept if not matches(moved.get(path, path), new)]


def _arrived(change: Change) -> dict[str, list[str]]:
    """Where each path the change moves or deletes went: its new name, or the files it adds
    that share its stem (`index.js` rewritten as `src/index.ts`)."""
    added = [f.path for f in change.files if f.status == "added"]
    went: dict[str, list[str]] = {}
    for file in change.files:
        if file.status == "renamed" and file.old_path:
            went[file.old_path] = [file.path]
        elif file.status == "deleted":
            went[file.path] = [path for path in added if _stem(path) == _stem(file.path)]
    return went


def _stem(path: str) -> str:
    return path.rsplit("/", 1)[-1].split(".", 1)[0]


def removed_paths(change: Change) -> list[str]:
    """Paths the change deletes or moves away from."""
    return [
        file.old_path or file.path
        for file in change.files
        if file.status == "deleted" or (file.status == "renamed" and file.old_path)
    ]


# CHECK-21: a hunk in the code a requirement's reference heads, in a change that names it nowhere.
def touched_requirements(
    specs: SpecSet,
    heads: Sequence[tuple[str, Hunk, Reference]],
    named: set[str],
    unwritten: bool = False,
) -> Iterator[Finding]:
    """`heads`: `touched_code`'s; `named`: the IDs the change names itself, on its added lines
    or in its message; `unwritten`: the change has no message yet (the pre-commit hook's)."""
    # HOOK-E9: before the message exists, "names it nowhere" would be a guess about it
    nowhere = "on no changed line (the message is not written yet)" if unwritten else "nowhere"
    for path, hunk, reference in heads:
        item, spec = specs.items.get(reference.id), specs.spec_of(reference.id)
        if reference.id in named or not (item and spec and spec.enforced):
            continue
        named.add(reference.id)  # once per change: the committer answers it once
        yield Finding(
            "touched-requirement",
            Severity.warning,
            path,
            hunk.first_changed,  # where an annotation of the forge lands (exploratory F13)
            # COMMENT-E8: the instruction before the statement, which a comment may cut short
            f"this change touches the code of {reference.id} ({reference.path}:"
            f"{reference.line}) and names it {nowhere}: does it still hold? Name {reference.id} "
            f'in the commit message once you are sure: "{headline(item.text)}"',
        )


def touched_code(
    change: Change,
    references: Sequence[Reference],
    specs_dir: SpecDirs,
    test_globs: tuple[str, ...],
    texts: Mapping[str, str] | None = None,
    unchanged: Mapping[str, set[int]] | None = None,
    tests: Mapping[str, UnitTests] | None = None,
) -> Iterator[tuple[str, Hunk, Reference]]:
    """Each hunk of code (not a test, a document or a spec) and the implementing references
    that head it: inside its lines or at most BLOCK_LINES above them. `unchanged`: the
    indexes of the hunks of a file that change no behaviour (CHECK-E19), when known; `tests`:
    the test code of the files that hold some, both sides (CHECK-E28), when known."""
    heads = implementing(references)
    for file in change.files:
        if file.path not in heads or in_specs_dir(file.path, specs_dir):
            continue
        if matches(file.path, test_globs) or file.path.endswith(DOCUMENTS):
            continue  # a test verifies the rule, a document describes it: neither is its code
        text = (texts or {}).get(file.path)
        lines = lazy_lines(text)
        comments = functools.cache(functools.partial(_comment_sides, file, lines))
        still = (unchanged or {}).get(file.path, ())
        sides = (tests or {}).get(file.path)
        for index, hunk in enumerate(file.hunks):
            if index in still or _only_comments(file.path, hunk, comments):
                continue  # CHECK-E16, E19: a comment or a docstring changes what none asks
            if sides and in_unit_tests(hunk, sides):
                continue  # CHECK-E28: a unit test beside the code verifies it
            for reference in heading(heads[file.path], hunk, lines):
                yield file.path, hunk, reference


def _only_comments(path: str, hunk: Hunk, comments: Callable[[], _CommentSides]) -> bool:
    """Every line the hunk adds or removes is blank or a comment: one by its own text, or, in a
    language with `/* ... */`, by the file's two sides (`comments`: their comment lines)."""
    changed = [line for line in (*hunk.added, *hunk.removed) if line.text.strip()]
    block = path.lower().endswith(BLOCK_COMMENTS)
    markers = any("/*" in line.text or "*/" in line.text for line in changed)
    if block and markers and comments().moved:  # REVIEW-E68: `/*` or `*/` moved, and code too
        return False
    ruby = path.endswith(".rb")  # REVIEW-E136: a magic comment is code; REVIEW-E161: a Go directive
    if all(
        is_comment_line(path, line.text)
        and not (ruby and magic_comment(*line))
        and not go_directive(path, line.text)
        for line in changed
    ):
        return True
    if not block:
        return False
    before, after, _ = comments()  # REVIEW-E48: a line in a block comment, whatever it starts with
    return all(line.number in after for line in hunk.added if line.text.strip()) and all(
        line.number in before for line in hunk.removed if line.text.strip()
    )


class _CommentSides(NamedTuple):
    before: set[int]  # the comment lines of the file before the change
    after: set[int]  # and after it
    moved: bool  # a line the change keeps is a comment on one side only, or not known


def _comment_sides(file: FileChange, read: Lines) -> _CommentSides:
    """The comment lines of the file before and after the change, from its resulting lines
    (`read`): the lines before are those kept, in order, with the removed ones in their place."""
    lines = read()
    if lines is None or file.truncated:  # a truncated diff does not give the lines before
        return _CommentSides(set(), set(), moved=True)
    added = {line.number for hunk in file.hunks for line in hunk.added}
    removed = {line.number: line.text for hunk in file.hunks for line in hunk.removed}
    kept = iter(text for number, text in enumerate(lines, start=1) if number not in added)
    size = len(lines) - len(added) + len(removed)
    before = [
        removed[number] if number in removed else next(kept, "") for number in range(1, size + 1)
    ]
    sides = comment_lines(file.path, before), comment_lines(file.path, lines)
    kept_before = (number for number in range(1, size + 1) if number not in removed)
    kept_after = (number for number in range(1, len(lines) + 1) if number not in added)
    pairs = zip(kept_before, kept_after, strict=False)
    moved = any((old in sides[0]) != (new in sides[1]) for old, new in pairs)
    return _CommentSides(*sides, moved=moved)
