"""A change as plain data, parsed from git's raw listing and its patch. Pure."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

MAX_LINES_PER_FILE = 20_000  # past this a file's lines are counted, not kept: memory stays bounded


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


def split_patch(lines: Iterable[bytes]) -> Iterator[list[bytes]]:
    """Cut a streamed patch into one chunk of lines per file (at each `diff --git` header)."""
    chunk: list[bytes] = []
    for line in lines:
        if line.startswith(b"* Unmerged path "):
            # GIT-E7: git's stand-in for an unmerged path's patch; it belongs to no chunk.
            continue
        if line.startswith((b"diff --git ", b"diff --cc ", b"diff --combined ")) and chunk:
            yield chunk
            chunk = []
        chunk.append(line)
    if chunk:
        yield chunk


def with_hunks(entry: FileChange, chunk: list[bytes]) -> FileChange:
    """Attach the hunks of one file's patch chunk to its raw entry."""
    from dataclasses import replace

    from unidiff.patch import PatchSet

    binary = any(line.startswith((b"Binary files ", b"GIT binary patch")) for line in chunk)
    body = _hunk_lines(chunk)
    # GIT-7, GIT-E3: the path and modes come from the raw listing, so unidiff sees only the
    # hunks, under neutral headers: a path with ` b/`, a tab or a quote in it cannot derail its
    # header parse. Latin-1 or broken bytes must not crash the parse: keep them as surrogates.
    text = "--- a/f\n+++ b/f\n" + b"".join(body).decode("utf-8", "surrogateescape")
    try:
        patched = PatchSet(text) if body else []
    except Exception:
        return replace(entry, binary=binary)
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
            if kept > MAX_LINES_PER_FILE:
                return replace(entry, hunks=tuple(hunks), binary=binary, truncated=True)
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
    return replace(entry, hunks=tuple(hunks), binary=binary)


def _hunk_lines(chunk: list[bytes]) -> list[bytes]:
    """A chunk from its first hunk header on: what follows the file's header lines."""
    start = next((i for i, line in enumerate(chunk) if line.startswith(b"@@ ")), len(chunk))
    return chunk[start:]


def assemble(entries: list[FileChange], chunks: Iterable[list[bytes]]) -> list[FileChange]:
    """Pair raw entries with patch chunks: git writes both in the same order, except that an
    unmerged path has no patch, and a type change (a file that becomes a symlink or a
    submodule) has two: the old side deleted, then the new side created."""
    pending = iter(chunks)
    files: list[FileChange] = []
    for entry in entries:
        if entry.status == "unmerged":
            files.append(entry)
            continue
        chunk = next(pending, None)
        if entry.status == "type-changed":
            # GIT-E1: one file with both sides' lines, and the next files keep their own patch.
            chunk = (chunk or []) + _hunk_lines(next(pending, []))
        files.append(with_hunks(entry, chunk) if chunk else entry)
    return files
