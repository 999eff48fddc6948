"""CHECK-3, CHECK-12..14: the `Constraints` of enforced specs against a change. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import NamedTuple

from specflow.change import Change, FileChange
from specflow.globs import is_code, matches
from specflow.model import Constraint, Finding, Severity, Spec
from specflow.patch import MAX_LINE_BYTES, MAX_LINES_PER_CHANGE, MAX_LINES_PER_FILE
from specflow.specset import SpecDirs, SpecSet, in_specs_dir


def check_constraints(
    specs: SpecSet,
    change: Change,
    implemented: set[str],
    specs_dir: SpecDirs,
    texts: Mapping[str, str],
) -> Iterator[Finding]:
    """`texts`: the resulting text of the changed files a `require` governs."""
    for spec in specs.specs:
        if not spec.enforced:
            continue
        for constraint in spec.constraints:
            if constraint.error or (constraint.until and constraint.until in implemented):
                continue
            if constraint.kind == "require":
                yield from _missing(spec, constraint, change, specs_dir, texts)
            else:
                yield from _violations(spec, constraint, change, specs_dir)


def required_paths(specs: SpecSet, change: Change, specs_dir: SpecDirs) -> list[str]:
    """The changed files whose whole resulting text a `require` needs read."""
    globs = [
        glob
        for spec in specs.specs
        if spec.enforced
        for constraint in spec.constraints
        if constraint.kind == "require" and not constraint.error
        for glob in constraint.globs
    ]
    return [file.path for file in _governed(change, tuple(globs), specs_dir)] if globs else []


def governs(constraint: Constraint, spec: Spec, path: str) -> bool:
    """CHECK-13: `in` globs (the spec's scope when none), or every file but the `outside` ones."""
    if constraint.outside:
        return not matches(path, constraint.globs)
    globs = constraint.globs or spec.scope
    return not globs or matches(path, globs)


def matcher(constraint: Constraint) -> Callable[[str], bool]:
    """Literal patterns stay literal; `re:` runs on RE2, linear in the line (CHECK-12)."""
    if not constraint.is_regex:
        return lambda text: constraint.pattern in text
    from specflow.linear import compiled  # RE2 only for a `re:` pattern (CHECK-12)

    search = compiled(constraint.pattern)
    return lambda text: search(text) is not None


def describe(constraint: Constraint, spec: Spec) -> str:
    """Where the rule is written, the files it leaves out, `until` and the reason."""
    outside = ", ".join(f"`{glob}`" for glob in constraint.globs) if constraint.outside else ""
    where = f" (every file outside {outside})" if outside else ""
    lifted = f" until {constraint.until} is implemented" if constraint.until else ""
    reason = f": {constraint.reason}" if constraint.reason else ""
    return f"{spec.path}:{constraint.line}{where}{lifted}{reason}"


def _governed(change: Change, globs: tuple[str, ...], specs_dir: SpecDirs) -> Iterator[FileChange]:
    for file in change.files:
        if file.status == "deleted" or in_specs_dir(file.path, specs_dir):
            continue
        if matches(file.path, globs):
            yield file


def _violations(
    spec: Spec, constraint: Constraint, change: Change, specs_dir: SpecDirs
) -> Iterator[Finding]:
    found = matcher(constraint)
    files = [
        file
        for file in change.files
        if not in_specs_dir(file.path, specs_dir) and governs(constraint, spec, file.path)
    ]
    carried: Counter[str] | None = None
    for file in files:
        for line in file.added_lines():
            if found(line.text):
                carried = _removed_matches(files, found) if carried is None else carried
                if carried[line.text.strip()] > 0:
                    carried[line.text.strip()] -= 1  # CHECK-E4: moved or re-indented, not new
                    continue
                where = describe(constraint, spec)
                message = f"`{constraint.pattern}` is forbidden here by {where}"
                yield Finding("constraint", Severity.error, file.path, line.number, message)
        if file.truncated and file.added_count:
            yield _too_large(spec, constraint, file.path)
        elif file.binary and is_code(file.path) and file.status != "deleted":
            yield _unreadable(spec, constraint, file.path)


def _removed_matches(files: Sequence[FileChange], found: Callable[[str], bool]) -> Counter[str]:
    """The removed lines that match, by their text without the indentation: each carries one
    added line of the same text (read only once a violation is found: most changes have none)."""
    return Counter(
        line.text.strip()
        for file in files
        for hunk in file.hunks
        for line in hunk.removed
        if found(line.text)
    )


# CHECK-14: every changed or new file a `require` governs must still contain the pattern.
def _missing(
    spec: Spec,
    constraint: Constraint,
    change: Change,
    specs_dir: SpecDirs,
    texts: Mapping[str, str],
) -> Iterator[Finding]:
    found = matcher(constraint)
    for file in _governed(change, constraint.globs, specs_dir):
        text = texts.get(file.path)
        if text is None:
            if file.truncated:
                yield _too_large(spec, constraint, file.path)
            continue  # binary, a submodule, a symlink: nothing to hold a pattern
        if not any(found(line) for line in text.splitlines()):
            if file.status == "added":
                what = "is new and lacks"
            elif any(found(line.text) for hunk in file.hunks for line in hunk.removed):
                what = "no longer contains"
            else:
                what = "lacks (before this change too)"
            message = (
                f"{file.path} {what} `{constraint.pattern}`, required in "
                f"{', '.join(constraint.globs)} by {describe(constraint, spec)}"
            )
            yield Finding("constraint", Severity.error, file.path, 1, message)


def _too_large(spec: Spec, constraint: Constraint, path: str) -> Finding:
    # HARDEN-5: a change too big to hold was only partly read; what was not read cannot be said
    # to pass, so a constraint that governs it fails closed.
    return Finding(
        "constraint",
        Severity.error,
        path,
        1,
        f"too large to check against `{constraint.pattern}` ({spec.path}:{constraint.line}): "
        "specflow reads "
        f"{MAX_LINES_PER_FILE:,} changed lines of a file ({MAX_LINES_PER_CHANGE:,} of a change) "
        f"and {MAX_LINE_BYTES:,} bytes of a line; narrow the constraint's globs to leave this "
        "file out, or split the change",
    )


def _unreadable(spec: Spec, constraint: Constraint, path: str) -> Finding:
    """CHECK-E8: code git diffs as binary (a `-diff` or `binary` attribute) shows no lines:
    nothing read cannot be said to pass, as for a change too large (HARDEN-5)."""
    return Finding(
        "constraint",
        Severity.error,
        path,
        1,
        f"git diffs this code as binary, so it cannot be checked against "
        f"`{constraint.pattern}` ({spec.path}:{constraint.line}): remove its `-diff` or "
        "`binary` attribute in .gitattributes",
    )


class ConstraintCover(NamedTuple):
    """A constraint as `show` and the report list it: its text, line and the files it covers."""

    text: str
    line: int
    files: tuple[str, ...]
    error: str | None


def coverage(spec: Spec, files: Sequence[str], specs_dir: SpecDirs) -> list[ConstraintCover]:
    """CHECK-22: each constraint of `spec` with the repository's files it governs today."""
    scanned = [path for path in files if not in_specs_dir(path, specs_dir)]
    return [
        ConstraintCover(
            c.source,
            c.line,
            () if c.error else tuple(p for p in scanned if governs(c, spec, p)),
            c.error,
        )
        for c in spec.constraints
    ]
