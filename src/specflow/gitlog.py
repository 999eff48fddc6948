"""What git says of a revision's commits: their ids and parents, messages and the paths each
changes (GIT-9, GIT-12, CHECK-E70), each asked of one git process."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from specflow.gitio import run


class Logged(NamedTuple):
    """A commit of the change: its id then its parents' (CHECK-E70), its message, and the
    paths it changes (GIT-12), None where it speaks for every file (a merge, a lone commit)."""

    ids: list[str]
    message: str
    paths: frozenset[str] | None = None


def messages(root: Path, base: str | None, head: str) -> list[Logged]:
    """Commit messages from `base` (excluded) to `head`, oldest first (GIT-9); for a range each
    with the paths its commit changes (GIT-12), read by the same `git log`."""
    selection = [f"{base}..{head}"] if base else ["-n", "1", head]
    # GIT-8: `log.showSignature` would write into a message, `i18n.logOutputEncoding` re-encode it
    # GIT-13: NUL is the one byte no message holds; it opens each commit and ends its fields
    options = ["--no-show-signature", "--encoding=UTF-8", "--reverse", "--format=%x00%H %P%x00%B"]
    options += ["-z", "--name-only", "--find-renames"] if base else ["-z"]  # GIT-8: diff.renames
    fields = run(root, "log", *options, *selection, "--").split(b"\0")
    found = []
    at = 1  # after the NUL that opens the first commit
    while at + 1 < len(fields):
        ids, message = fields[at].decode(), fields[at + 1].decode("utf-8", "replace").strip()
        at += 2  # `-z` ends the message with a NUL, then a line break comes before the paths
        listed: list[str] = []
        while at < len(fields) and fields[at]:  # no path is empty: an empty field opens a commit
            path = fields[at] if listed else fields[at].removeprefix(b"\n")
            listed.append(os.fsdecode(path))
            at += 1
        at += 1
        if message:
            found.append(Logged(ids.split(), message, frozenset(listed) if listed else None))
    return found


def changed_since(
    root: Path, base: str, commits: Sequence[str], folders: Sequence[str]
) -> dict[str, list[tuple[str, str]]]:
    """CHECK-E70: by commit, (path, blob id) of each file under `folders` that the commit has
    and `base` has otherwise (added or changed): one `diff-tree` for all of them."""
    pairs = "".join(f"{commit} {base}\n" for commit in commits).encode()
    paths = [f"{folder}/" for folder in folders]
    args = ("diff-tree", "--stdin", "-r", "-z", "--no-abbrev", "--no-renames", "--", *paths)
    fields = iter(run(root, *args, stdin=pairs).split(b"\0"))
    rows: dict[str, list[tuple[str, str]]] = {commit: [] for commit in commits}
    commit = ""
    for field in fields:  # a commit's id, then `:modes blobs status` and a path for each file
        if not field.startswith(b":"):
            commit = field.decode()
            continue
        _, mode, _, blob, _ = field.decode().split()
        path = os.fsdecode(next(fields))
        if mode.startswith("100"):  # a deleted file's mode is 000000; no symlink is a spec
            rows.setdefault(commit, []).append((path, blob))
    return rows
