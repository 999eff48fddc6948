"""A repository's specs, read from disk or handed over as (path, bytes) pairs from a git tree."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path

from specflow.config import Config
from specflow.errors import SpecError
from specflow.model import Requirement, Spec


class SpecSet:
    """Specs sorted by path, with their indexes built on first use (a plain class, not a
    dataclass: the hooks import this module on every commit)."""

    def __init__(self, specs: tuple[Spec, ...]) -> None:
        self.specs = specs

    def __eq__(self, other: object) -> bool:
        return other.__class__ is SpecSet and self.specs == other.specs

    def __hash__(self) -> int:
        return hash(self.specs)

    def __repr__(self) -> str:
        return f"SpecSet(specs={self.specs!r})"

    @cached_property
    def by_id(self) -> dict[str, Spec]:
        return {spec.id: spec for spec in reversed(self.specs)}

    @cached_property
    def prefixes(self) -> frozenset[str]:
        return frozenset(self.by_id)

    @cached_property
    def items(self) -> dict[str, Requirement]:
        """Every requirement and edge case by ID (the first place, if an ID is duplicated)."""
        found: dict[str, Requirement] = {}
        for spec in self.specs:
            for item in spec.items:
                if item.id:
                    found.setdefault(item.id, item)
        return found

    def spec_of(self, item_id: str) -> Spec | None:
        item = self.items.get(item_id)
        if item is not None:
            return next(spec for spec in self.specs if spec.path == item.path)
        prefix = item_id.rsplit("-", 1)[0]
        return self.by_id.get(prefix)

    def find(self, key: str) -> Spec | Requirement | None:
        return self.by_id.get(key) or self.items.get(key)


def in_specs_dir(relative: str, specs_dir: str) -> bool:
    """Anything under the specs folder: never a reference, never judged as code."""
    return relative.startswith(specs_dir.rstrip("/") + "/")


def is_spec_file(relative: str, specs_dir: str) -> bool:
    """Markdown under the specs folder, except its README (the guide `init` writes)."""
    # FORMAT-1's file is this relative path, the same whether read from disk or a git tree.
    if not relative.startswith(specs_dir.rstrip("/") + "/") or not relative.endswith(".md"):
        return False
    return relative.rsplit("/", 1)[-1].lower() != "readme.md"


def parse_all(files: Iterable[tuple[str, bytes]]) -> SpecSet:
    from specflow.parse import decode, parse_spec

    return spec_set(parse_spec(path, decode(path, data)) for path, data in files)


def spec_set(specs: Iterable[Spec]) -> SpecSet:
    return SpecSet(tuple(sorted(specs, key=lambda spec: spec.path)))


def read_disk_specs(config: Config) -> SpecSet:
    """The specs in the work tree; symlinks are skipped, never followed outside the repository."""
    return parse_all(_disk_files(config))


def _disk_files(config: Config) -> Iterator[tuple[str, bytes]]:
    folder = config.specs_path
    # HARDEN-4: the specs folder itself (or a folder above it) may be the symlink.
    if not folder.is_dir() or _has_symlink(folder, config.root):
        return
    for file in sorted(folder.rglob("*.md")):
        relative = file.relative_to(config.root).as_posix()
        if _has_symlink(file, folder) or not is_spec_file(relative, config.specs_dir):
            continue
        if not file.is_file():  # a folder called `notes.md`
            continue
        try:
            yield relative, file.read_bytes()
        except OSError as exc:
            raise SpecError(f"cannot read: {exc.strerror}", relative) from None


def _has_symlink(file: Path, folder: Path) -> bool:
    current = file
    while current != folder and current != current.parent:
        if current.is_symlink():
            return True
        current = current.parent
    return False
