"""The references of one commit, kept between runs, so that a hook greps only the files a
change touches instead of the whole tree (SPEED-8): `git grep` of every file is what a check
costs in a large repository, and a commit changes a handful of them.

The references in a file depend only on its path, its content and what is searched for, so
those of a commit are those of the cached commit with the files that differ between the two
searched again. The cache lives beside the spec cache in `.git/specflow/`, trusted as the hooks
there are.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path

from specflow import cachefile, gitio, gitread
from specflow.change import WORK_TREE, Change, Revision
from specflow.globs import matches
from specflow.refs import Reference, by_test_code, grep_rows, references
from specflow.testcode import Spans, holds_tests, unit_test_spans

_KIND = "refs 5"  # change the number when what a Reference holds changes (5: CHECK-E61)
_COMMIT = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")
# Past this many differing files one search of the whole tree is as quick as naming them all.
MAX_PATHS = 2000


class Search:
    """What is searched for, and how a file's references are classified."""

    def __init__(
        self, prefixes: frozenset[str], excludes: Sequence[str], test_globs: tuple[str, ...]
    ) -> None:
        self.prefixes = prefixes
        self.patterns = sorted(f"{prefix}-" for prefix in prefixes)
        self.excludes = tuple(excludes)
        # SOURCES-3: which prefixes take `1.2` or a slug changes what a file's rows hold
        forms = tuple(sorted(getattr(prefixes, name, ())) for name in ("dotted", "slugged"))
        self.key = (tuple(self.patterns), self.excludes, test_globs, forms)
        self.test_globs = test_globs

    def run(
        self, repo: gitio.RepoInfo, revision: Revision, paths: Sequence[str] | None = None
    ) -> list[Reference]:
        return self.start(repo, revision, paths)()

    def start(
        self, repo: gitio.RepoInfo, revision: Revision, paths: Sequence[str] | None = None
    ) -> Callable[[], list[Reference]]:
        """`run`, begun now: git searches while the caller works."""
        search = gitread.grep_args(self.patterns, revision, self.excludes, paths=paths)
        found = gitread.start_grep(repo.root, search)
        # CHECK-E27: the files named that may hold tests are read while git searches
        tests = [p for p in paths or () if holds_tests(p) and not matches(p, self.test_globs)]
        ahead = start_texts(repo, revision, tests[:MANY_BLOBS])
        return lambda: by_test_code(
            references(grep_rows(found(), revision.tree), self.prefixes, self.test_globs),
            partial(unit_tests_of, repo, revision, ahead()),
        )


def unit_tests_of(
    repo: gitio.RepoInfo, revision: Revision, read: Mapping[str, bytes | None], paths: list[str]
) -> dict[str, Spans]:
    """CHECK-E27: the test code of `paths` in `revision`'s resulting tree, from their texts
    `read` already, or read now."""
    texts = {**read, **start_texts(repo, revision, [p for p in paths if p not in read])()}
    return {
        path: unit_test_spans(text.decode("utf-8", "replace"))
        for path in paths
        if (text := texts.get(path))
    }


def start_texts(
    repo: gitio.RepoInfo, revision: Revision, paths: Sequence[str]
) -> Callable[[], dict[str, bytes | None]]:
    """The texts of `paths` in `revision`'s resulting tree, read in one `cat-file` begun now
    (the work tree's from disk, symlinks unfollowed as `git grep` leaves them)."""
    if not paths:
        return dict
    if revision.mode == "worktree":
        return lambda: {path: gitread.work_tree_file(repo, path) for path in paths}
    reading = gitread.start_blobs(repo.root, _names(repo, revision.tree, paths))
    return lambda: dict(zip(paths, reading(), strict=True))


MANY_BLOBS = 64  # past this, a commit's files are read by blob id: git finds each path anew


def _names(repo: gitio.RepoInfo, tree: str | None, paths: Sequence[str]) -> list[str]:
    """What `cat-file` is asked for `paths` of a commit's tree (None: of the index)."""
    if tree is None or len(paths) <= MANY_BLOBS:
        return [f"{tree or ''}:{path}" for path in paths]
    blobs = {path: blob for _, blob, path in gitread.list_tree(repo.root, tree)}
    return [blobs.get(path) or f"{tree}:{path}" for path in paths]


def resulting_references(
    repo: gitio.RepoInfo, revision: Revision, change: Change | None, search: Search
) -> list[Reference]:
    """The references in `revision`'s resulting tree: a commit's from the cache, the index's as
    HEAD's with the files `change` stages searched again; the work tree's always searched."""
    if revision.mode == "staged" and repo.head and change is not None:
        paths = sorted({p for f in change.files for p in (f.path, f.old_path) if p})
        if len(paths) <= MAX_PATHS:
            fresh = search.start(repo, revision, paths)  # git searches while the cache is read
            # CHECK-E9: `git grep --cached` skips a path still unmerged; its work-tree text,
            # both sides as the user resolves them, holds its references
            unmerged = [f.path for f in change.files if f.status == "unmerged"]
            conflicted = search.start(repo, WORK_TREE, unmerged) if unmerged else list
            base = commit_references(repo, repo.head, search)
            return overlay(base, paths, fresh() + conflicted())
    if revision.mode in ("commit", "range") and revision.head:
        return commit_references(repo, revision.head, search)
    return search.run(repo, revision)


def commit_references(repo: gitio.RepoInfo, commit: str, search: Search) -> list[Reference]:
    path = repo.common_dir / "specflow" / "refs.pickle"
    cached = _load(path, search.key)
    if cached is not None and cached[0] == commit:
        return cached[1]
    paths = gitread.changed_paths(repo.root, cached[0], commit) if cached is not None else None
    revision = Revision(commit, "commit", commit, commit)
    if cached is not None and paths is not None and len(paths) <= MAX_PATHS:
        found = overlay(cached[1], paths, search.run(repo, revision, paths))
    else:
        found = search.run(repo, revision)
    _save(path, search.key, commit, found)
    return found


def overlay(
    found: list[Reference], paths: Sequence[str], fresh: list[Reference]
) -> list[Reference]:
    """`found` with the references in `paths` replaced by `fresh`, in git's order: by path
    (its bytes), then line."""
    gone = set(paths)
    kept = [reference for reference in found if reference.path not in gone]
    if not fresh:
        return kept
    return sorted(kept + fresh, key=lambda r: (os.fsencode(r.path), r.line))


def _load(path: Path, search: object) -> tuple[str, list[Reference]] | None:
    """The cached commit and its references for this search; None when missing or stale."""
    stored = cachefile.load(path, _KIND)
    if not (isinstance(stored, tuple) and len(stored) == 3 and stored[0] == search):
        return None
    _, commit, found = stored
    if not (isinstance(commit, str) and _COMMIT.fullmatch(commit) and isinstance(found, list)):
        return None
    return commit, found


def _save(path: Path, search: object, commit: str, found: list[Reference]) -> None:
    cachefile.save(path, _KIND, (search, commit, found))
