"""A change as plain data (patch.py reads it from git's raw listing and its patch). Pure."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Literal, NamedTuple

# LAYOUT-5. What a Revision compares: the index or the work tree against HEAD, a commit against its
# first parent, or a range.
Mode = Literal["staged", "worktree", "commit", "range"]


class Revision(NamedTuple):
    """What to compare: `base` (a tree or commit id) against `head` (a commit id, or the index or
    work tree when `head` is None). `label` is what the user typed."""

    label: str
    mode: Mode
    base: str
    head: str | None = None
    commits: tuple[str, ...] = ()

    @property
    def tree(self) -> str | None:
        """The resulting tree: the head commit; None means the index (staged) or the work tree."""
        return self.head


WORK_TREE = Revision("--worktree", "worktree", "")  # the work tree against HEAD


class Line(NamedTuple):
    """A tuple: a diff has hundreds of thousands of them, and a tuple is built fastest."""

    number: int
    text: str


class Hunk(NamedTuple):
    path: str
    old_start: int
    old_count: int
    new_start: int
    new_count: int
    header: str = ""
    added: tuple[Line, ...] = ()
    removed: tuple[Line, ...] = ()

    @property
    def new_end(self) -> int:
        return self.new_start + max(self.new_count, 1) - 1

    @property
    def first_changed(self) -> int:
        """The new file's line of the hunk's first change: its first added line, or where its
        first removed line stood (the context above it is the same on both sides)."""
        at = [self.added[0].number] if self.added else []
        if self.removed:
            at.append(max(1, self.new_start + self.removed[0].number - self.old_start))
        return min(at, default=self.new_start)

    @property
    def span(self) -> str:
        """The lines the hunk changes in the new file, its context apart (REVIEW-E66: a one-line
        change read "20-26"); for one that only removes lines, the old file's, said so
        (REVIEW-E39: a deleted file's hunk was "0")."""
        if not self.added and self.removed:  # what stood there, by the old file's lines
            first, end = self.removed[0].number, self.removed[-1].number
            return f"{first}" + (f"-{end}" if end > first else "") + " (removed)"
        first = self.first_changed
        last = max((line.number for line in self.added), default=first)
        return f"{first}" if last <= first else f"{first}-{last}"


class FileChange(NamedTuple):
    path: str
    status: str  # added | deleted | modified | renamed | copied | type-changed | unmerged
    old_path: str | None = None
    old_mode: str = ""
    new_mode: str = ""
    old_blob: str = ""
    new_blob: str = ""
    binary: bool = False
    hunks: tuple[Hunk, ...] = ()
    truncated: bool = False
    counted: tuple[int, int] = (0, 0)  # (added, removed) lines of a truncated file, all of them

    @property
    def added_count(self) -> int:
        """Lines added, as `git diff --numstat` counts them, kept or not."""
        return self.counted[0] if self.truncated else sum(len(h.added) for h in self.hunks)

    @property
    def removed_count(self) -> int:
        return self.counted[1] if self.truncated else sum(len(h.removed) for h in self.hunks)

    @property
    def submodule(self) -> bool:
        return "160000" in (self.old_mode, self.new_mode)

    @property
    def mode_only(self) -> bool:
        # GIT-E2: an empty file added or deleted has no hunks either: both sides must exist.
        if self.status not in ("modified", "renamed", "copied"):
            return False
        return self.old_mode != self.new_mode and not self.hunks and not self.binary

    def added_lines(self) -> Iterator[Line]:
        for hunk in self.hunks:
            yield from hunk.added


class Change(NamedTuple):
    revision: Revision
    files: tuple[FileChange, ...] = ()
    messages: tuple[str, ...] = ()
    extra: dict[str, str] = {}  # noqa: RUF012 - never changed
    # CHECK-E70: each message's commit id then its parents' (a commit's, a range's)
    commits: tuple[tuple[str, ...], ...] = ()
    # REVIEW-E402: by message, the paths its commit changes; None: it speaks for every file
    message_paths: tuple[frozenset[str] | None, ...] = ()

    @property
    def paths(self) -> list[str]:
        return [f.path for f in self.files]

    def file(self, path: str) -> FileChange | None:
        return next((f for f in self.files if f.path == path), None)


class Renames(NamedTuple):
    """What a whole change renames: its private names, old to new (REVIEW-E58, REVIEW-E227),
    and whether a Go package where it respells `interface{}` declares its own `any`, which
    makes `any` no alias there (REVIEW-E257)."""

    names: Mapping[str, str] = MappingProxyType({})
    own_any: bool = False
    moved: frozenset[tuple[str, ...]] = frozenset()  # REVIEW-E416: C++ bodies moved out of classes


NO_RENAMES = Renames()
