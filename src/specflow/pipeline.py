"""One pipeline for every command that judges a change: read (git), then pure stages.

revision ── gitio ──▶ Change, specs of the resulting tree, References
         ── rules ──▶ CheckResult
The review's stages (links, ripples, the checklist) are in pipeline_review.py; the hook imports
them only when it asks questions (HOOK-14).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from specflow import definitions, gitio, gitread, losses, rules
from specflow.change import WORK_TREE, Change, FileChange, Revision
from specflow.config import Config, load_config
from specflow.constraints import ConstraintCover, coverage, required_paths
from specflow.errors import NotARepository, SpecError
from specflow.globs import CODE_SUFFIXES, matches
from specflow.heading import reads_text
from specflow.model import Finding, Spec
from specflow.refcache import Search, resulting_references
from specflow.refs import Reference, message_references, raw_rows
from specflow.sources import MARKERS, Source, companion_key, detect_paths, key_blobs, source_of
from specflow.speccache import SpecCache, spec_findings
from specflow.specset import (
    SpecSet,
    parse_file,
    read_disk_specs,
    require_specs_dir,
    scoped,
    spec_globs,
    spec_set,
)
from specflow.testcode import UnitTests, changed_sides, judged_paths


class Snapshot(NamedTuple):
    """Everything read from git for one revision; the rest of the pipeline is pure."""

    config: Config
    change: Change
    specs: SpecSet
    base_specs: SpecSet
    references: tuple[Reference, ...]
    message_references: tuple[Reference, ...]
    spec_rows: tuple[tuple[str, str], ...] | None = None  # (path, blob id) of `specs`, if known

    @property
    def revision(self) -> Revision:
        return self.change.revision


def open_repository(cwd: Path | None = None) -> gitio.RepoInfo:
    return gitio.open_repo(cwd or Path.cwd())


def snapshot(
    repo: gitio.RepoInfo, revision: Revision, *, extra_messages: tuple[str, ...] = ()
) -> Snapshot:
    config = revision_config(repo, revision)
    reading = gitread.start_change(repo, revision)
    listing = _start_spec_rows(repo, config, revision)
    cache = SpecCache.load(repo.common_dir)  # unpickled while git diffs and lists the specs
    change = reading()
    if extra_messages:
        change = change._replace(messages=change.messages + extra_messages)
    specs, base_specs, rows = _read_tree(repo, config, change, listing(), cache)
    require_specs_dir(config, specs)  # CHECK-17, CLI-E7: for every command that reads specs
    if revision.mode == "worktree":
        change = _with_untracked_specs(repo, config, change, specs)
    # CHECK-E10: the IDs of a spec the change deletes are still searched, so that code and
    # tests that name them are judged as for one requirement removed
    gone = [spec for spec in base_specs.specs if spec.id not in specs.by_id]
    found = grep_references(repo, config, revision, specs, change, gone)
    in_messages = message_references(change.messages, specs.prefixes)
    return Snapshot(config, change, specs, base_specs, tuple(found), tuple(in_messages), rows)


def revision_config(repo: gitio.RepoInfo, revision: Revision) -> Config:
    """The configuration, with the formats of the base and the result of a commit or a range
    (SOURCES-E19: a deleted format's specs still tell what is left dangling), not of the work
    tree, which may be sparse or another branch's; the index and the work tree: SOURCES-E18."""
    config = load_config(repo.root)
    if revision.tree is None or not config.detected:
        return config
    folders = dict.fromkeys(folder for names in MARKERS.values() for folder in names)
    listed = (
        gitread.list_tree(repo.root, tree, *folders) for tree in (revision.base, revision.tree)
    )
    return config._replace(sources=detect_paths(path for rows in listed for _, _, path in rows))


def _with_untracked_specs(
    repo: gitio.RepoInfo, config: Config, change: Change, specs: SpecSet
) -> Change:
    """CHECK-18: `--worktree` reads the specs from disk, as `lint` does; a new spec git does not
    track yet is part of the change too, so that it is judged."""
    # every spec folder: an OpenSpec or Kiro spec git tracks is no new spec (CHECK-E7)
    tracked = {path for _, _, path in gitread.list_tree(repo.root, None, *config.spec_dirs)}
    known = tracked | {file.path for file in change.files}
    new = [FileChange(spec.path, "added") for spec in specs.specs if spec.path not in known]
    return change._replace(files=(*change.files, *new)) if new else change


def _read_tree(
    repo: gitio.RepoInfo,
    config: Config,
    change: Change,
    head_rows: list[tuple[str, str]],
    cache: SpecCache,
) -> tuple[SpecSet, SpecSet, tuple[tuple[str, str], ...] | None]:
    """Specs of the resulting tree (`head_rows`: their paths and blob ids) and, in the same
    `cat-file` process, the base versions of the changed specs; and the rows of the resulting
    tree's specs (None for the work tree, read from disk)."""
    revision = change.revision
    sources = config.spec_sources
    disk = read_disk_specs(config) if revision.mode == "worktree" else None
    on_disk = [spec.path for spec in disk.specs] if disk is not None else []
    base_rows = _base_rows(change, sources, dict(head_rows), on_disk)
    parsed = _parse_rows(repo, head_rows, cache, sources, base_rows)
    rows = tuple(row for row in head_rows if row in parsed)
    if disk is not None:
        head, known = disk, None
    else:
        head, known = scoped(spec_set(parsed[row] for row in rows), config), rows
    base = scoped(spec_set(parsed[row] for row in base_rows if row in parsed), config)
    return head, base, known


def _base_rows(
    change: Change, sources: Sequence[Source], head: dict[str, str], on_disk: Sequence[str] = ()
) -> list[tuple[str, str]]:
    """(path, key) of the base versions of the specs the change touches, from the blob ids of
    the raw listing: a spec file changed, or its companion alone (SOURCES-11); `on_disk`, the
    work tree's spec files, which no listing gives: an unchanged one is `BASE:path`."""
    files, base = {f.path: f for f in change.files}, change.revision.base
    unchanged = {**{path: f"{base}:{path}" for path in on_disk}, **head}
    changed = {f.old_path or f.path: f.old_blob for f in change.files if f.status != "added"}
    alone = {path: key_blobs(key)[0] for path, key in unchanged.items() if path not in files}
    rows = []
    for path, blob in {**alone, **changed}.items():  # a spec changed, or only its companion
        owner = source_of(path, sources)
        if not blob or owner is None:
            continue
        if path in changed or owner.companion(path) in files:
            rows.append((path, companion_key(blob, _old_companion(owner, path, files, head, base))))
    return rows


def _old_companion(
    source: Source, path: str, files: dict[str, FileChange], head: dict[str, str], base: str
) -> str | None:
    """The companion's blob id before the change: as listed when the change leaves it alone, or
    `BASE:path` (an immutable name too) for the work tree, which is not listed."""
    companion = source.companion(path)
    if companion is None:
        return None
    changed = files.get(companion)
    if changed is None:
        if path in head:
            return key_blobs(head[path])[1]
        return f"{base}:{companion}" if base else None
    return changed.old_blob if changed.status != "added" and changed.old_blob else None


def _parse_rows(
    repo: gitio.RepoInfo,
    head: list[tuple[str, str]],
    cache: SpecCache,
    sources: Sequence[Source],
    base: Sequence[tuple[str, str]] = (),
) -> dict[tuple[str, str], Spec]:
    """Specs for (path, key) rows of the resulting tree and the base, parsed only when the cache
    does not have them (as read by the source that owns the path now), read in one `cat-file`
    process; a key is the blob id, or the blob ids of the spec and of its companion (SOURCES-11)."""
    rows = [*head, *base]
    owners = {path: source_of(path, sources) for path, _ in rows}
    missing = [
        row
        for row in dict.fromkeys(rows)
        if getattr(cache.get(*row), "source", None) != getattr(owners[row[0]], "name", None)
    ]
    wanted = [key_blobs(key) for _, key in missing]
    blobs = iter(gitread.read_blobs(repo.root, [b for pair in wanted for b in pair if b]))
    for (path, key), (_, companion_blob) in zip(missing, wanted, strict=True):
        data, extra = next(blobs), next(blobs) if companion_blob else None
        if data is not None and (owner := owners[path]) is not None:
            try:
                cache.put(path, key, _parse(owner, path, data, extra))
            except SpecError:  # CHECK-E25: a spec that did not parse before the change: no spec
                if (path, key) in head:
                    raise
    cache.save()
    return cache.used


def _parse(source: Source, path: str, data: bytes, companion: bytes | None = None) -> Spec:
    return parse_file(path, data, source, lambda _: companion)  # SPEED-1: a spec the cache lacks


_MISSING = "0" * 40  # asks cat-file for an object that is not there: it answers "missing"


def _start_spec_rows(
    repo: gitio.RepoInfo, config: Config, revision: Revision
) -> Callable[[], list[tuple[str, str]]]:
    """(path, blob id) of the spec files in the resulting tree, listed by git while the caller
    works; symlinks are never followed."""
    if revision.mode == "worktree":
        return list
    sources = config.spec_sources
    listing = gitread.start_list_tree(repo.root, revision.tree, *config.spec_dirs)
    return lambda: _spec_rows(listing(), sources)


def _spec_rows(
    listing: list[tuple[str, str, str]], sources: Sequence[Source]
) -> list[tuple[str, str]]:
    """(path, key) of each spec file listed: its blob id, and its companion's (SOURCES-11)."""
    files = {path: blob for mode, blob, path in listing if mode.startswith("100")}
    rows = []
    for mode, blob, path in listing:
        owner = source_of(path, sources) if mode != "120000" else None
        if owner is not None:
            rows.append((path, companion_key(blob, files.get(owner.companion(path) or ""))))
    return rows


def tree_specs(repo: gitio.RepoInfo, config: Config, revision: Revision) -> SpecSet:
    """The specs of a revision's resulting tree (the work tree's for `--worktree`)."""
    if revision.mode == "worktree":
        return read_disk_specs(config)
    rows = _start_spec_rows(repo, config, revision)()
    parsed = _parse_rows(repo, rows, SpecCache.load(repo.common_dir), config.spec_sources)
    return scoped(spec_set(parsed[row] for row in rows if row in parsed), config)


def catalogue(repo: gitio.RepoInfo, revision: Revision) -> tuple[SpecSet, list[Reference]]:
    """Every spec of a resulting tree and every reference to it: for list, show and report."""
    config = revision_config(repo, revision)
    specs = tree_specs(repo, config, revision)
    require_specs_dir(config, specs)
    return specs, grep_references(repo, config, revision, specs)


def _is_source(file: FileChange) -> bool:
    """Files whose two sides are read for ripples; a truncated (huge) one is not (HARDEN-18)."""
    return not (file.binary or file.submodule or file.truncated)


def start_sources(
    repo: gitio.RepoInfo, revision: Revision, files: Sequence[FileChange]
) -> Callable[[], dict[str, tuple[bytes | None, bytes | None]]]:
    """Both sides of the changed source files, for ripples: one `cat-file`, working while the
    caller does; the work tree's side from disk."""
    readable = [file for file in files if _is_source(file)]
    blobs = [blob or _MISSING for f in readable for blob in (f.old_blob, f.new_blob)]
    reading = gitread.start_blobs(repo.root, blobs)
    return lambda: _sources(repo, revision, readable, reading())


def _sources(
    repo: gitio.RepoInfo,
    revision: Revision,
    files: list[FileChange],
    blobs: list[bytes | None],
) -> dict[str, tuple[bytes | None, bytes | None]]:
    sources: dict[str, tuple[bytes | None, bytes | None]] = {}
    for index, file in enumerate(files):
        old, new = blobs[2 * index], blobs[2 * index + 1]
        if revision.mode == "worktree" and file.status != "deleted":
            new = gitread.work_tree_file(repo, file.path)
        sources[file.path] = (old, new)
    return sources


def grep_references(
    repo: gitio.RepoInfo,
    config: Config,
    revision: Revision,
    specs: SpecSet,
    change: Change | None = None,
    gone: Sequence[Spec] = (),
) -> list[Reference]:
    """The references of the resulting tree to `specs`, and to the specs the change deletes."""
    prefixes = spec_set([*specs.specs, *gone]).prefixes if gone else specs.prefixes
    if not prefixes:
        return []
    excludes = (*spec_globs(config), *config.exclude)
    search = Search(prefixes, excludes, config.test_globs)
    return resulting_references(repo, revision, change, search)


class CheckResult(NamedTuple):
    revision: Revision
    findings: tuple[Finding, ...]
    spec_count: int

    @property
    def blocking(self) -> bool:
        return any(finding.is_error for finding in self.findings)


def check(repo: gitio.RepoInfo, revision: Revision, message: str | None = None) -> CheckResult:
    """The verdict on `revision`: the same snapshot as review, judged by the check rules; one
    path for every revision, so `--staged` before a commit and `HEAD` after it agree (CHECK-10)."""
    extra = (message,) if message else ()
    snap = snapshot(repo, revision, extra_messages=extra)
    return check_of(repo, snap)


HOOK_REVIEW_FILES = 50  # a larger commit gets no questions: its review would slow the hook


def check_with_questions(
    repo: gitio.RepoInfo, revision: Revision
) -> tuple[CheckResult, tuple[str, ...]]:
    """HOOK-14: the pre-commit verdict and, when it passes, the strongest review questions for
    the staged change, from one snapshot; the review runs only when there are some to ask."""
    snap = snapshot(repo, revision)
    result = check_of(repo, snap)
    count, files = snap.config.hook_questions, len(snap.change.files)
    if result.blocking or not count or not 0 < files <= HOOK_REVIEW_FILES or not snap.specs.specs:
        return result, ()
    # HOOK-14: the review's stages only when there are questions to ask
    from specflow.pipeline_review import collector_paused, hook_questions, review_of

    with collector_paused():
        return result, hook_questions(review_of(repo, snap), count)


def message_findings(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """HOOK-13: what the commit-msg hook adds to pre-commit's verdict: the message's own."""
    return tuple(finding for finding in findings if finding.path == rules.MESSAGE)


def check_of(repo: gitio.RepoInfo, snap: Snapshot) -> CheckResult:
    change = _unexcluded(snap.change, snap.config.exclude)
    base = (snap.base_specs, {f.path for f in snap.change.files})  # LINT-E11
    linted = spec_findings(repo.common_dir, snap.spec_rows, snap.specs, base)
    texts, unchanged, tests = _required_texts(repo, snap, change)
    findings = rules.check(
        snap._replace(change=change),
        spec_findings=linted,
        texts=texts,
        tree_files=_tree_files(repo, snap._replace(change=change)),
        unchanged=unchanged,
        gone=_lost_definitions(repo, snap, change),
        tests=tests,
        excused=_excused(repo, snap) if snap.revision.mode == "range" else frozenset(),
    )
    if any(finding.rule == "unreferenced-requirement" for finding in findings):
        from specflow.gaps import placed  # CHECK-E73: only when a requirement is unreferenced

        findings = placed(repo, snap, findings)
    return CheckResult(snap.revision, tuple(findings), len(snap.specs.specs))


def _excused(repo: gitio.RepoInfo, snap: Snapshot) -> frozenset[Reference]:
    """CHECK-E70, a range's only: a commit's hooks never load it (LAYOUT-13)."""
    from specflow.messageids import excused

    return excused(repo.root, snap)


def _lost_definitions(
    repo: gitio.RepoInfo, snap: Snapshot, change: Change
) -> dict[str, tuple[str, int]]:
    """CHECK-E20: the definitions the change removes that a spec names, and the tree lost."""
    config = snap.config
    gone = definitions.removed_definitions(change, snap.specs, config.test_globs, config.spec_dirs)
    names = definitions.searched(gone)  # CHECK-E45: `Match` of `Route.Match`
    search = gitread.grep_args(names, change.revision, spec_globs(config), words=True)
    found = gitread.grep(repo.root, search)
    return definitions.still_lost(gone, raw_rows([found], change.revision.tree))


def _tree_files(repo: gitio.RepoInfo, snap: Snapshot) -> list[str] | None:
    """The resulting tree's paths, listed only when the change removes a path (CHECK-20) or
    changes the scope of an enforced spec (CHECK-E41): one listing for both rules."""
    change = snap.change
    if not losses.removed_paths(change) and not losses.rescoped(snap.specs, snap.base_specs):
        return None
    return gitread.list_files(repo.root, change.revision.tree)


def _required_texts(
    repo: gitio.RepoInfo, snap: Snapshot, change: Change
) -> tuple[dict[str, str], dict[str, set[int]], dict[str, UnitTests]]:
    """The resulting text of the changed files a `require` governs (CHECK-14) and of those with
    a reference implementing an ID (CHECK-E17: which blocks it heads); of the Python ones (up
    to HOOK_REVIEW_FILES), the hunks that change no behaviour (CHECK-E19); both sides' test
    code of those that hold some (CHECK-E27, E29). Or nothing to read."""
    config = snap.config
    wanted = set(required_paths(snap.specs, change, config.specs_dir))
    heads = list(losses.touched_code(change, snap.references, config.spec_dirs, config.test_globs))
    # CHECK-E17: only where a reference above a hunk may head it from another block
    wanted |= {path for path, hunk, ref in heads if reads_text(hunk, ref)}  # and E67
    tested = judged_paths(change.files, heads, snap.specs.prefixes, config.test_globs)
    code = {path for path, _, _ in heads if path.endswith((".py", ".pyi", *CODE_SUFFIXES))}
    code = code if len(code) <= HOOK_REVIEW_FILES else set()  # CHECK-E19: not a large one
    wanted |= code
    files = [f for f in change.files if (f.path in wanted or f.path in tested) and _is_source(f)]
    if not files:
        return {}, {}, {}
    sides = start_sources(repo, change.revision, files)()
    texts = {
        p: new.decode("utf-8", "replace") for p, (_, new) in sides.items() if new and p in wanted
    }
    tests = changed_sides(sides, config.test_globs)
    if not (judged := [f for f in files if f.path in code]):
        return texts, {}, tests
    from specflow.unchanged import unchanged_hunks  # CHECK-E19, CHECK-E21: only under an ID

    still = unchanged_hunks(repo, change.revision, change.files, judged, sides, spec_globs(config))
    return texts, still, tests


def _unexcluded(change: Change, exclude: tuple[str, ...]) -> Change:
    """CHECK-11: files the configuration excludes are never scanned, in the change neither."""
    if not exclude:
        return change
    kept = tuple(f for f in change.files if not matches(f.path, exclude))
    return change._replace(files=kept)


def constraint_coverage(spec: Spec, cwd: Path | None = None) -> list[ConstraintCover]:
    """CHECK-22: `spec`'s constraints with the work tree's files each governs (`show`)."""
    if not spec.constraints:
        return []
    try:
        repo = gitio.open_repo(cwd or Path.cwd())
    except NotARepository:
        return []
    return constraint_coverages(repo, spec_set([spec]), None).get(spec.path, [])


def constraint_coverages(
    repo: gitio.RepoInfo, specs: SpecSet, tree: str | None
) -> dict[str, list[ConstraintCover]]:
    """Spec path → its constraints with the files of `tree` (the work tree: None) each governs."""
    if not any(spec.constraints for spec in specs.specs):
        return {}
    config = load_config(repo.root)
    files = gitread.list_files(repo.root, tree)
    return {spec.path: coverage(spec, files, config.specs_dir) for spec in specs.specs}


def catalogue_here(cwd: Path) -> tuple[SpecSet, list[Reference]]:
    """The work tree's specs and references; outside git, the specs alone."""
    from specflow.project import open_project, specs_outside_git  # never a hook's

    try:
        repo = gitio.open_repo(cwd)
    except NotARepository as error:  # HARDEN-19: but a missing or broken git is said
        return specs_outside_git(open_project(cwd), error), []
    return catalogue(repo, WORK_TREE)
