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
    options = ["--no-show-signature", "--encoding=UTF-8", "--reverse", "--format=%x01%H %P%n%B%x02"]
    if base:
        options += ["--name-only", "-z", "--find-renames"]  # GIT-8: whatever diff.renames says
    out = run(root, "log", *options, *selection, "--")
    found = []
    for entry in out.split(b"\x01")[1:]:
        text, _, listed = entry.partition(b"\x02")
        ids, _, message = text.decode("utf-8", "replace").strip().partition("\n")
        if not message.strip():
            continue
        # `-z` ends the format with a NUL, then a line break comes before the first path
        listed = listed.removeprefix(b"\0").removeprefix(b"\n")
        named = frozenset(os.fsdecode(path) for path in listed.split(b"\0") if path)
        found.append(Logged(ids.split(), message.strip(), named if base and named else None))
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
