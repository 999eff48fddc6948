"""Parsed specs kept between runs, keyed by path and blob id, so that the hook does not parse
(nor import the Markdown and YAML parsers) when the specs have not changed.

The cache lives in the repository's common git dir (`.git/specflow/`), beside the hooks that
use it: whoever can write there can already change what runs on every commit.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from specflow import cachefile
from specflow.model import Finding, Spec

if TYPE_CHECKING:
    from specflow.specset import SpecSet

_KIND = "specs 13"  # change the number when the model or the parser changes what a Spec holds
_LINT_KIND = "lint 16"  # change the number when a lint rule changes


class SpecCache:
    def __init__(
        self, path: Path | None, entries: dict[tuple[str, str], Spec] | None = None
    ) -> None:
        self.path = path
        self.entries = entries or {}
        self.used: dict[tuple[str, str], Spec] = {}
        self.dirty = False

    @classmethod
    def load(cls, folder: Path | None) -> SpecCache:
        if folder is None:
            return cls(None)
        path = folder / "specflow" / "specs.pickle"
        entries = cachefile.load(path, _KIND)
        return cls(path, entries if isinstance(entries, dict) else {})

    def get(self, path: str, blob: str) -> Spec | None:
        found = self.entries.get((path, blob))
        if found is not None:
            self.used[(path, blob)] = found
        return found

    def put(self, path: str, blob: str, spec: Spec) -> None:
        self.used[(path, blob)] = spec
        self.dirty = True

    def save(self) -> None:
        """Keep what this run used; a cache that cannot be written is only a slower next run."""
        if self.path is not None and (self.dirty or len(self.used) != len(self.entries)):
            cachefile.save(self.path, _KIND, self.used)


def spec_findings(
    folder: Path | None,
    rows: Sequence[tuple[str, str]] | None,
    specs: SpecSet,
    base: tuple[SpecSet, Collection[str]] | None = None,
) -> list[Finding]:
    """`lint(specs)`, kept in `.git/specflow/lint.pickle` for the last set of spec files (path
    and blob id of each, `rows`) that was linted (SPEED-10); `rows` None: always linted.
    `base`: the changed specs before the change and the changed paths, so that a duplicate is
    blamed on the copy the change brings (LINT-E11)."""
    path = folder / "specflow" / "lint.pickle" if folder is not None else None
    committed = _committed(specs, *base) if base is not None else None
    key = (tuple(rows), committed) if rows is not None else None
    stored = cachefile.load(path, _LINT_KIND) if path is not None and key is not None else None
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
        found = stored[1]
        if isinstance(found, list) and all(isinstance(f, Finding) for f in found):
            return found
    from specflow.lint import lint  # SPEED-10: only when the lint cache misses

    found = lint(specs, committed=committed)
    if path is not None and key is not None:
        cachefile.save(path, _LINT_KIND, (key, found))
    return found


def _committed(
    specs: SpecSet, base: SpecSet, changed: Collection[str]
) -> frozenset[tuple[str, str]] | None:
    """LINT-E11: the (path, spec id or ID) pairs the specs held before the change (those it
    leaves alone as they are), only when two files or items share one."""
    twice = len(specs.by_id) < len(specs.specs) or any(len(p) > 1 for p in specs.places.values())
    if not twice:
        return None
    kept = [spec for spec in specs.specs if spec.path not in changed]
    return frozenset(
        (spec.path, key)
        for spec in (*kept, *base.specs)
        for key in (spec.id, *(item.id for item in spec.items))
        if key
    )
