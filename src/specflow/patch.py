"""git's raw listing and its patch read into the change model (change.py), streamed: memory
stays bounded whatever the size of the diff. Pure."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import NamedTuple

from specflow.change import FileChange, Hunk, Line

# Memory stays bounded whatever the size of the diff (HARDEN-5): past these, a file's lines are
# counted, not kept, and it is marked `truncated`.
MAX_LINES_PER_FILE = 20_000  # added and removed lines kept of one file
MAX_LINES_PER_CHANGE = 200_000  # of all files together
MAX_LINE_BYTES = 1 << 20  # a longer line is cut there (git's own patch keeps it whole)
_KEPT_PER_CHUNK = 4 * MAX_LINES_PER_FILE  # patch lines of one file held before only counting


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


def split_raw(blocks: Iterable[bytes]) -> tuple[list[FileChange], Iterator[bytes]]:
    """The raw listing at the head of a `git diff --raw -p -z` stream, and the patch blocks
    that follow it. git ends the listing with one more NUL (an empty field) before the patch,
    and writes nothing at all when nothing differs."""
    pending = iter(blocks)
    head = bytearray()  # grown in place: a long listing comes in many blocks
    start = 0  # where the next raw entry begins in `head`
    for block in pending:
        head += block
        start, ended = _raw_entries_end(head, start)
        if ended:
            rest = bytes(head[start + 1 :])  # past the separating NUL; shorter than the block
            return parse_raw(bytes(head[:start])), chain([rest] if rest else [], pending)
    return parse_raw(bytes(head)), iter(())


def _raw_entries_end(data: bytes | bytearray, start: int) -> tuple[int, bool]:
    """From `start`, past every whole raw entry: where they stop, and whether the listing ends
    there (a field that is not an entry's `:modes ids status`)."""
    while start < len(data):
        if data[start] != ord(":"):
            return start, True
        meta_end = data.find(b"\0", start)
        if meta_end < 0:
            return start, False
        # The status letter ends the metadata: R and C name two paths, the others one.
        names = 2 if data[data.rfind(b" ", start, meta_end) + 1] in b"RC" else 1
        end = meta_end
        for _ in range(names):
            end = data.find(b"\0", end + 1)
            if end < 0:
                return start, False
        start = end + 1
    return start, False


class PatchChunk(NamedTuple):
    """One file's part of a streamed patch: its first lines (all of them unless `cut`), and how
    many lines it adds and removes in all; `shortened` when a line was longer than
    MAX_LINE_BYTES and only its beginning was kept."""

    patch: bytes
    added: int = 0
    removed: int = 0
    cut: bool = False
    shortened: bool = False


_FILE_HEADERS = (b"diff --git ", b"diff --cc ", b"diff --combined ")
# A pattern that starts with a literal is searched fast: `\n` rather than `^` before a line.
_FILE_HEADER = re.compile(rb"\ndiff --(?:git|cc|combined) ")
_UNMERGED = re.compile(rb"^\* Unmerged path [^\n]*\n", re.MULTILINE)
_BINARY = (b"Binary files ", b"GIT binary patch")
_BINARY_LINE = re.compile(rb"^(?:Binary files |GIT binary patch)[^\n]*\n", re.MULTILINE)


def split_patch(
    blocks: Iterable[bytes], keep: int = _KEPT_PER_CHUNK, limit: int = MAX_LINE_BYTES
) -> Iterator[PatchChunk]:
    """Cut a streamed patch into one chunk per file (at each `diff --git` header; HARDEN-15). At
    most `keep` lines of a file are held; the rest are only counted, so a huge file never sits
    in memory.

    `blocks` are the patch cut anywhere, none longer than `limit`: a line longer than `limit`
    keeps its first `limit` bytes, so that nothing inside a long line can be read as a header."""
    chunk = _OpenChunk(keep)
    for run, shortened in _runs(blocks, limit):
        if b"* Unmerged path " in run:
            run = _UNMERGED.sub(
                b"", run
            )  # GIT-E7, HARDEN-E4: git's stand-in for an unmerged path's patch
            if not run:
                continue
        start = 0
        for header in _file_headers(run):
            chunk.add(run[start:header])
            if chunk.lines:
                yield chunk.close()
                chunk = _OpenChunk(keep)
            start = header
        chunk.add(run[start:])
        chunk.shortened = chunk.shortened or shortened
    if chunk.lines:
        yield chunk.close()


def _file_headers(run: bytes) -> list[int]:
    """Where the lines of `run` that start a file's patch begin."""
    found = [header.start() + 1 for header in _FILE_HEADER.finditer(run)]
    return [0, *found] if run.startswith(_FILE_HEADERS) else found


def _line_start(text: bytes, prefix: bytes) -> int:
    """Where the first line of `text` that starts with `prefix` begins, or -1."""
    if text.startswith(prefix):
        return 0
    found = text.find(b"\n" + prefix)
    return found + 1 if found >= 0 else -1


def _runs(blocks: Iterable[bytes], limit: int) -> Iterator[tuple[bytes, bool]]:
    """Whole lines, several at a time; a line longer than `limit` alone, cut to its first
    `limit` bytes and flagged (a last line without its line break too, as it may be cut)."""
    rest = b""
    skipping = False  # the end of a line already cut
    for block in blocks:
        data = rest + block
        while True:
            if skipping:
                end = data.find(b"\n")
                data = data[end + 1 :] if end >= 0 else b""
                skipping = end < 0
            if data.find(b"\n", 0, limit) >= 0 or len(data) < limit:
                break
            yield data[:limit] + b"\n", True
            data, skipping = data[limit:], True
        end = data.rfind(b"\n") + 1
        if end:
            yield data[:end], False
        rest = data[end:]
    if rest:
        yield rest + b"\n", True


class _OpenChunk:
    """The chunk being read: its lines up to `keep` (and one more, so that `cut` can tell)."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self.parts: list[bytes] = []
        self.lines = 0
        self.added = 0
        self.removed = 0
        self.in_hunks = False  # past the `---`/`+++` file headers, before the first `@@`
        self.shortened = False

    def add(self, text: bytes) -> None:
        """Whole lines of this chunk."""
        body = text
        if not self.in_hunks:
            first = _line_start(text, b"@@ ")
            self.in_hunks = first >= 0
            body = text[text.index(b"\n", first) + 1 :] if self.in_hunks else b""
        self.added += body.count(b"\n+") + body.startswith(b"+")
        self.removed += body.count(b"\n-") + body.startswith(b"-")
        if self.lines <= self.keep:
            self.parts.append(text)
        self.lines += text.count(b"\n")

    def close(self) -> PatchChunk:
        patch = b"".join(self.parts)
        if self.lines > self.keep + 1:
            patch = b"\n".join(patch.split(b"\n", self.keep + 1)[: self.keep + 1]) + b"\n"
        return PatchChunk(patch, self.added, self.removed, self.lines > self.keep, self.shortened)


def with_hunks(
    entry: FileChange, chunk: PatchChunk, budget: int = MAX_LINES_PER_FILE
) -> FileChange:
    """Attach the hunks of one file's patch chunk to its raw entry: at most `budget` added and
    removed lines, in whole hunks; past that the file is `truncated` and its lines counted."""
    if any(_line_start(chunk.patch, marker) >= 0 for marker in _BINARY):
        # GIT-6: listed without lines, as `git diff --numstat` counts it, even when the other
        # side of a type change is text.
        return entry._replace(binary=True)
    body = _hunk_text(chunk.patch)
    if chunk.cut:  # the last hunk held is incomplete: drop it
        body = body[: body.rfind(b"\n@@ ") + 1]
    limit = min(budget, MAX_LINES_PER_FILE)
    counted = (chunk.added, chunk.removed)
    partial = chunk.cut or chunk.shortened
    # GIT-7, GIT-E3: the path and modes come from the raw listing, so only the hunks are read:
    # a path with ` b/`, a tab or a quote in it cannot derail a header parse. Latin-1 or broken
    # bytes must not crash the parse: keep them as surrogates.
    parsed = parse_hunks(entry.path, body.decode("utf-8", "surrogateescape"))
    if parsed is None:
        return entry._replace(truncated=partial, counted=counted)
    hunks: list[Hunk] = []
    kept = 0
    for hunk in parsed:
        kept += len(hunk.added) + len(hunk.removed)
        if kept > limit:
            return entry._replace(hunks=tuple(hunks), truncated=True, counted=counted)
        hunks.append(hunk)
    return entry._replace(hunks=tuple(hunks), truncated=partial, counted=counted)


_HUNK_HEADER = re.compile(r"-(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)")
# A line that is neither a hunk header nor one that a hunk holds: `+`, `-`, ` ` or empty (both
# context, the latter with `diff.suppressBlankEmpty`), `\` (no newline at end of file).
_ODD_LINE = re.compile(r"\n(?:[^-+ \\\r\n@]|@(?!@ ))")


def parse_hunks(path: str, text: str) -> list[Hunk] | None:
    """The hunks of a unified diff, `text` its whole lines from the first `@@` line on; None
    when it is not one (a line of an unknown kind, a hunk shorter or longer than it says)."""
    if _ODD_LINE.search(text):
        return None
    hunks: list[Hunk] = []
    for part in text[3:-1].split("\n@@ ") if text else ():
        head, *body = part.split("\n")
        header = _HUNK_HEADER.match(head)
        if header is None:
            return None
        old_start, old_count, new_start, new_count, section = header.groups()
        lines = len(body)
        if "\n\\" in part:
            body = _newline_only(body)
        old = [line for line in body if line[:1] not in ("+", "\\")]
        new = [line for line in body if line[:1] not in ("-", "\\")]
        if (len(old), len(new)) != (_count(old_count), _count(new_count)):
            return None
        removed = _lines(old, "-", int(old_start))
        added = _lines(new, "+", int(new_start))
        if len(body) < lines and not (removed or added):
            continue  # GIT-E15: only the final newline changed: a hunk that changes no line
        hunks.append(
            Hunk(
                path,
                int(old_start),
                len(old),
                int(new_start),
                len(new),
                section.strip(),
                added,
                removed,
            )
        )
    return hunks


def _newline_only(body: list[str]) -> list[str]:
    """GIT-E15: a file's last line that only gains or loses its final newline is the same line:
    `-X`, `\\ No newline at end of file`, `+X` (a line appended after it), or `-X`, `+X`, `\\`,
    read as the context line ` X` where the two lines are next to each other."""
    kept: list[str] = []
    at = 0
    while at < len(body):
        line = body[at]
        first = _marker(body, at + 1)
        twin = at + 1 + first
        second = _marker(body, twin + 1)
        if line[:1] == "-" and (first or second) and body[twin : twin + 1] == ["+" + line[1:]]:
            kept.append(" " + line[1:])
            at = twin + 1 + second
            continue
        kept.append(line)
        at += 1
    return kept


def _marker(body: list[str], at: int) -> int:
    """1 when line `at` is git's `\\ No newline at end of file`, else 0."""
    return int(body[at : at + 1] != [] and body[at][:1] == "\\")


def _count(given: str | None) -> int:
    return 1 if given is None else int(given)


def _lines(side: list[str], kind: str, start: int) -> tuple[Line, ...]:
    """The lines of `kind` among one side's lines, numbered from `start`."""
    return tuple(
        [
            _new_tuple(Line, (number, line[1:].rstrip("\r")))
            for number, line in enumerate(side, start)
            if line[:1] == kind
        ]
    )


# `Line(n, text)` runs the named tuple's `__new__` in Python; this builds the same
# tuple in C, 200,000 times for a change of 100,000 lines.
_new_tuple = tuple.__new__


def _hunk_text(patch: bytes) -> bytes:
    """A chunk from its first hunk header on: what follows the file's header lines."""
    first = _line_start(patch, b"@@ ")
    return patch[first:] if first >= 0 else b""


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
            second = next(pending, PatchChunk(b""))
            first = chunk or PatchChunk(b"")
            binary = b"".join(_BINARY_LINE.findall(second.patch))
            chunk = PatchChunk(
                first.patch + (_hunk_text(second.patch) or binary),
                first.added + second.added,
                first.removed + second.removed,
                first.cut or second.cut,
                first.shortened or second.shortened,
            )
        if chunk is None or not chunk.patch:
            files.append(entry)
            continue
        found = with_hunks(entry, chunk, budget)
        budget -= sum(len(h.added) + len(h.removed) for h in found.hunks)
        files.append(found)
    return files
