"""A change as plain data, parsed from git's raw listing and its patch. Pure."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

# Memory stays bounded whatever the size of the diff (HARDEN-5): past these, a file's lines are
# counted, not kept, and it is marked `truncated`.
MAX_LINES_PER_FILE = 20_000  # added and removed lines kept of one file
MAX_LINES_PER_CHANGE = 200_000  # of all files together
MAX_LINE_BYTES = 1 << 20  # a longer line is cut there (git's own patch keeps it whole)
_KEPT_PER_CHUNK = 4 * MAX_LINES_PER_FILE  # patch lines of one file held before only counting


@dataclass(frozen=True)
class Revision:
    """What to compare: `base` (a tree or commit id) against `head` (a commit id, or the index or
    work tree when `head` is None). `label` is what the user typed."""

    label: str
    mode: str  # "staged" | "worktree" | "commit" | "range"
    base: str
    head: str | None = None
    commits: tuple[str, ...] = ()

    @property
    def tree(self) -> str | None:
        """The resulting tree: the head commit; None means the index (staged) or the work tree."""
        return self.head


@dataclass(frozen=True)
class Line:
    number: int
    text: str


@dataclass(frozen=True)
class Hunk:
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
    def span(self) -> str:
        end = self.new_end
        return f"{self.new_start}" if end <= self.new_start else f"{self.new_start}-{end}"


@dataclass(frozen=True)
class FileChange:
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


@dataclass(frozen=True)
class Change:
    revision: Revision
    files: tuple[FileChange, ...] = ()
    messages: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def paths(self) -> list[str]:
        return [f.path for f in self.files]

    def file(self, path: str) -> FileChange | None:
        return next((f for f in self.files if f.path == path), None)


_STATUS = {
    "A": "added",
    "D": "deleted",
    "M": "modified",
    "R": "renamed",
    "C": "copied",
    "T": "type-changed",
    "U": "unmerged",
}


def parse_raw(data: bytes) -> list[FileChange]:
    """`git diff --raw -z` → one FileChange per entry, paths exactly as git stores them (GIT-6,
    GIT-7: `-z` never quotes, and bytes that are not UTF-8 survive as surrogates)."""
    fields = data.split(b"\0")
    files: list[FileChange] = []
    index = 0
    while index < len(fields) and fields[index].startswith(b":"):
        meta = fields[index][1:].decode("ascii").split()
        old_mode, new_mode, old_blob, new_blob, status = meta[:5]
        letter = status[0]
        paths = [
            os.fsdecode(name) for name in fields[index + 1 : index + (3 if letter in "RC" else 2)]
        ]
        index += 1 + len(paths)
        files.append(
            FileChange(
                path=paths[-1],
                status=_STATUS.get(letter, "modified"),
                old_path=paths[0] if len(paths) == 2 else None,
                old_mode=old_mode,
                new_mode=new_mode,
                old_blob=old_blob.strip("."),
                new_blob=new_blob.strip("."),
            )
        )
    return files


@dataclass(frozen=True)
class PatchChunk:
    """One file's part of a streamed patch: its first lines (all of them unless `cut`), and how
    many lines it adds and removes in all; `shortened` when a line was longer than
    MAX_LINE_BYTES and only its beginning was kept."""

    lines: list[bytes]
    added: int = 0
    removed: int = 0
    cut: bool = False
    shortened: bool = False


_FILE_HEADERS = (b"diff --git ", b"diff --cc ", b"diff --combined ")
_BINARY = (b"Binary files ", b"GIT binary patch")


def split_patch(pieces: Iterable[bytes], keep: int = _KEPT_PER_CHUNK) -> Iterator[PatchChunk]:
    """Cut a streamed patch into one chunk per file (at each `diff --git` header). At most `keep`
    lines of a file are held; the rest are only counted, so a huge file never sits in memory.

    `pieces` are lines, or the pieces of a line longer than the reader's limit (each but the
    last without its line break): a line's first piece is kept, the others are skipped, so
    that nothing inside a long line can be read as a header."""
    kept: list[bytes] = []
    added = removed = 0
    in_hunks = shortened = continuing = False
    for piece in pieces:
        if continuing:
            continuing = not piece.endswith(b"\n")
            continue
        continuing = not piece.endswith(b"\n")
        line = piece + b"\n" if continuing else piece
        if line.startswith(b"* Unmerged path "):
            # GIT-E7: git's stand-in for an unmerged path's patch; it belongs to no chunk.
            continue
        if line.startswith(_FILE_HEADERS) and kept:
            yield PatchChunk(kept, added, removed, len(kept) > keep, shortened)
            kept, added, removed, in_hunks, shortened = [], 0, 0, False, False
        shortened = shortened or continuing
        if in_hunks:  # a hunk's body: the `---`/`+++` file headers come before the first `@@`
            first = line[:1]
            added += first == b"+"
            removed += first == b"-"
        elif line.startswith(b"@@ "):
            in_hunks = True
        if len(kept) <= keep:  # one more than kept, so that `cut` can tell
            kept.append(line)
    if kept:
        yield PatchChunk(kept, added, removed, len(kept) > keep, shortened)


def with_hunks(
    entry: FileChange, chunk: PatchChunk, budget: int = MAX_LINES_PER_FILE
) -> FileChange:
    """Attach the hunks of one file's patch chunk to its raw entry: at most `budget` added and
    removed lines, in whole hunks; past that the file is `truncated` and its lines counted."""
    from dataclasses import replace

    from unidiff.patch import PatchSet

    if any(line.startswith(_BINARY) for line in chunk.lines):
        # GIT-6: listed without lines, as `git diff --numstat` counts it, even when the other
        # side of a type change is text.
        return replace(entry, binary=True)
    body = _hunk_lines(chunk.lines)
    if chunk.cut:  # the last hunk held is incomplete: unidiff would refuse it
        starts = [i for i, line in enumerate(body) if line.startswith(b"@@ ")]
        body = body[: starts[-1] if starts else 0]
    limit = min(budget, MAX_LINES_PER_FILE)
    counted = (chunk.added, chunk.removed)
    partial = chunk.cut or chunk.shortened
    # GIT-7, GIT-E3: the path and modes come from the raw listing, so unidiff sees only the
    # hunks, under neutral headers: a path with ` b/`, a tab or a quote in it cannot derail its
    # header parse. Latin-1 or broken bytes must not crash the parse: keep them as surrogates.
    text = "--- a/f\n+++ b/f\n" + b"".join(body).decode("utf-8", "surrogateescape")
    try:
        patched = PatchSet(text) if body else []
    except Exception:
        return replace(entry, truncated=partial, counted=counted)
    hunks: list[Hunk] = []
    kept = 0
    for patched_file in patched:
        for hunk in patched_file:
            added = tuple(
                Line(line.target_line_no, line.value.rstrip("\r\n"))
                for line in hunk
                if line.is_added and line.target_line_no is not None
            )
            removed = tuple(
                Line(line.source_line_no, line.value.rstrip("\r\n"))
                for line in hunk
                if line.is_removed and line.source_line_no is not None
            )
            kept += len(added) + len(removed)
            if kept > limit:
                return replace(entry, hunks=tuple(hunks), truncated=True, counted=counted)
            hunks.append(
                Hunk(
                    entry.path,
                    hunk.source_start,
                    hunk.source_length,
                    hunk.target_start,
                    hunk.target_length,
                    hunk.section_header.strip(),
                    added,
                    removed,
                )
            )
    return replace(entry, hunks=tuple(hunks), truncated=partial, counted=counted)


def _hunk_lines(chunk: list[bytes]) -> list[bytes]:
    """A chunk from its first hunk header on: what follows the file's header lines."""
    start = next((i for i, line in enumerate(chunk) if line.startswith(b"@@ ")), len(chunk))
    return chunk[start:]


def assemble(entries: list[FileChange], chunks: Iterable[PatchChunk]) -> list[FileChange]:
    """Pair raw entries with patch chunks: git writes both in the same order, except that an
    unmerged path has no patch, and a type change (a file that becomes a symlink or a
    submodule) has two: the old side deleted, then the new side created. The lines kept of
    all files together stay under MAX_LINES_PER_CHANGE."""
    pending = iter(chunks)
    files: list[FileChange] = []
    budget = MAX_LINES_PER_CHANGE
    for entry in entries:
        if entry.status == "unmerged":
            files.append(entry)
            continue
        chunk = next(pending, None)
        if entry.status == "type-changed":
            # GIT-E1: one file with both sides' lines, and the next files keep their own patch.
            second = next(pending, PatchChunk([]))
            first = chunk or PatchChunk([])
            binary = [line for line in second.lines if line.startswith(_BINARY)]
            chunk = PatchChunk(
                first.lines + (_hunk_lines(second.lines) or binary),
                first.added + second.added,
                first.removed + second.removed,
                first.cut or second.cut,
                first.shortened or second.shortened,
            )
        if chunk is None or not chunk.lines:
            files.append(entry)
            continue
        found = with_hunks(entry, chunk, budget)
        budget -= sum(len(h.added) + len(h.removed) for h in found.hunks)
        files.append(found)
    return files
