"""CHECK-E70: a range's commit message judged against the specs its own commit had.

An ID that one commit of a range adds and a later one drops is named, rightly, by the messages
in between; history cannot be rewritten, so blocking them would block the range forever."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from specflow import gitlog, gitread
from specflow.errors import SpecError
from specflow.refs import Reference, message_references
from specflow.sources import Source, source_of
from specflow.specset import parse_file

if TYPE_CHECKING:  # the pipeline calls this module
    from specflow.pipeline import Snapshot


def excused(root: Path, snap: Snapshot) -> frozenset[Reference]:
    """The message references of a range that name an ID neither end's specs define, but the
    specs of the message's own commit, or of its first parent (HOOK-E8: a commit may remove
    what its message names), did. Git is asked only when there is such a reference: one
    `diff-tree` for the spec files those commits changed since the base, one `cat-file` for
    their blobs. A reference written alike in two messages is excused only when both are (its
    finding does not say which message it came from)."""
    change, specs, base = snap.change, snap.specs, snap.base_specs
    if change.revision.mode != "range":
        return frozenset()
    dangling: dict[tuple[str, ...], list[Reference]] = {}  # by commit and first parent
    for ids, message in zip(change.commits, change.messages, strict=False):
        found = message_references([message], specs.prefixes)
        named = [r for r in found if r.id not in specs.items and r.id not in base.items]
        if named:
            dangling.setdefault(ids[:2], []).extend(named)
    if not dangling:
        return frozenset()
    asked = list(dict.fromkeys(commit for ids in dangling for commit in ids))
    rows = gitlog.changed_since(root, change.revision.base, asked, snap.config.spec_dirs)
    defined = _defined(root, rows, snap.config.spec_sources)
    kept: set[Reference] = set()
    blocked: set[Reference] = set()
    for ids, named in dangling.items():
        known = set().union(*(defined.get(commit, ()) for commit in ids))
        for reference in named:
            (kept if reference.id in known else blocked).add(reference)
    return frozenset(kept - blocked)


def _defined(
    root: Path, rows: dict[str, list[tuple[str, str]]], sources: Sequence[Source]
) -> dict[str, set[str]]:
    """By commit, the IDs its spec files `rows` define: each blob read once and parsed as the
    source owning its path reads it (a file that does not parse defines none, CHECK-E25)."""
    wanted = {
        (path, blob): owner
        for commit in rows.values()
        for path, blob in commit
        if (owner := source_of(path, sources))
    }
    blobs = gitread.read_blobs(root, [blob for _, blob in wanted])
    ids: dict[tuple[str, str], set[str]] = {}
    for (path, blob), data in zip(wanted, blobs, strict=True):
        try:
            spec = parse_file(path, data, wanted[path, blob]) if data is not None else None
        except SpecError:
            spec = None
        ids[path, blob] = {item.id for item in spec.items if item.id} if spec else set()
    return {
        commit: set().union(*(ids.get(row, ()) for row in found)) for commit, found in rows.items()
    }
