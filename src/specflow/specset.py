"""A repository's specs, read from disk or handed over as (path, bytes) pairs from a git tree."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from specflow.config import Config
from specflow.errors import ConfigError, SpecError
from specflow.gitread import sparse_checkout, sparse_files
from specflow.ids import parse_item_id, prefix_of, prefixes_of
from specflow.model import ItemState, Requirement, Spec
from specflow.sources import Source, source_of, with_scopes

if TYPE_CHECKING:
    from specflow.change import Change

# SOURCES-3: how the IDs of each source's specs end (`1.2`, a slug); the rest end in a number.
ID_FORMS = {"kiro": "dotted", "openspec": "slugged"}
# An item and the spec that holds it.
Place = tuple[Spec, Requirement]


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
        """Spec ids, and the prefixes of their IDs where a source names them otherwise (an
        OpenSpec change's requirements carry the id of the capability they will join)."""
        forms: dict[str, set[str]] = {"plain": set(), "dotted": set(), "slugged": set()}
        for spec in self.specs:
            form = forms[ID_FORMS.get(spec.source, "plain")]
            form.add(spec.id)
            if spec.source != "specflow":  # a native item's wrong prefix is a lint error instead
                form.update(prefix_of(item.id) for item in spec.items if item.id)
        if not forms["dotted"] and not forms["slugged"]:
            return frozenset(forms["plain"])
        return prefixes_of(*(frozenset(forms[key]) for key in ("plain", "dotted", "slugged")))

    @cached_property
    def items(self) -> dict[str, Requirement]:
        """Every requirement and edge case by ID (its `owner`, if an ID is duplicated)."""
        return {  # an ID written once owns itself: the hook reads thousands
            item_id: places[0][1] if len(places) == 1 else owner(places)[1]
            for item_id, places in self.places.items()
        }

    @cached_property
    def places(self) -> dict[str, list[Place]]:
        """Each ID and every item that writes it, with its spec, in path order."""
        found: dict[str, list[Place]] = {}
        for spec in self.specs:
            for item in spec.items:
                if item.id:
                    found.setdefault(item.id, []).append((spec, item))
        return found

    def spec_of(self, item_id: str) -> Spec | None:
        item = self.items.get(item_id)
        if item is not None:
            return next(spec for spec in self.specs if spec.path == item.path)
        return self.by_id.get(prefix_of(item_id))

    def find(self, key: str) -> Spec | Requirement | None:
        return self.by_id.get(key) or self.items.get(key)


def owner(places: Sequence[Place]) -> Place:
    """Which of the items that write one ID owns it; the others are its duplicates.

    LINT-E10: the only one that carries its own spec's prefix, as a pasted `VALIDATE-1` in spec
    DUP does not (blaming the first by path told the user to renumber the one the code names);
    else an enforced one over a planned one (SOURCES-E15); else the first by path.
    """
    own = [(spec, item) for spec, item in places if _carries_prefix(spec, item)]
    if len(own) == 1:
        return own[0]
    enforced = (place for place in places if place[1].state is not ItemState.planned)
    return next(enforced, places[0])


def _carries_prefix(spec: Spec, item: Requirement) -> bool:
    parsed = parse_item_id(item.id or "")
    return parsed is not None and parsed.prefix == spec.id


# The specs folder, or every folder of the sources read (Config.spec_dirs).
SpecDirs = str | tuple[str, ...]


def in_specs_dir(relative: str, specs_dir: SpecDirs) -> bool:
    """Anything under a specs folder: never a reference, never judged as code."""
    folders = (specs_dir,) if isinstance(specs_dir, str) else specs_dir
    return any(relative.startswith(folder.rstrip("/") + "/") for folder in folders)


def spec_globs(config: Config) -> tuple[str, ...]:
    return tuple(f"{folder}/**" for folder in config.spec_dirs)


def changed_specs(change: Change, specs: SpecSet, base: SpecSet) -> list[str]:
    """The changed files that are specs, before or after the change."""
    known = {spec.path for spec in (*specs.specs, *base.specs)}
    return [f.path for f in change.files if f.path in known or (f.old_path or "") in known]


def parse_all(
    files: Iterable[tuple[str, bytes]],
    config: Config | None = None,
    companion: Callable[[str], bytes | None] | None = None,
    unread: list[SpecError] | None = None,
) -> SpecSet:
    """Spec files → specs, each read by its source (specflow's own format without `config`);
    `companion` reads a companion file by its path (SOURCES-11). `unread`: where the errors of
    the files that cannot be read go, the others read all the same (without it, the first
    error is raised)."""
    sources = config.spec_sources if config is not None else ()
    if unread is None:
        return spec_set(
            parse_file(path, data, source_of(path, sources), companion) for path, data in files
        )
    read = []
    for path, data in files:  # LINT-E15: a spec that cannot be read hides none of the others
        try:
            read.append(parse_file(path, data, source_of(path, sources), companion))
        except SpecError as error:
            unread.append(error)
    return spec_set(read)


def parse_file(
    path: str,
    data: bytes,
    found: Source | None = None,
    companion: Callable[[str], bytes | None] | None = None,
) -> Spec:
    """A spec file as `found` reads it (specflow's own format without one), amended by its
    companion's bytes when `companion` reads any (SOURCES-11)."""
    from specflow.sources.markdown import decode, parse_spec  # SPEED-1: not from the cache

    if found is None:
        return parse_spec(path, decode(path, data))
    spec = found.parse(path, decode(path, data))
    other = found.companion(path)
    extra = companion(other) if other and companion is not None else None
    return found.amend(spec, other, extra) if other and extra is not None else spec


def scoped(specs: SpecSet, config: Config) -> SpecSet:
    """SOURCES-5: the specs with the globs `[tool.specflow.scopes]` gives them."""
    if not config.scopes:
        return specs
    return SpecSet(tuple(with_scopes(specs.specs, dict(config.scopes))))


def spec_set(specs: Iterable[Spec]) -> SpecSet:
    return SpecSet(tuple(sorted(specs, key=lambda spec: spec.path)))


def read_disk_specs(config: Config, unread: list[SpecError] | None = None) -> SpecSet:
    """The specs in the work tree; symlinks are skipped, never followed outside the repository.
    In a sparse checkout, those git keeps out of it are the index's, as `git grep` reads them,
    and so are their companions (HARDEN-E12)."""
    kept_out = _kept_out(config)
    on_disk = dict(_disk_files(config))
    sources = config.spec_sources
    files = {
        **{p: data for p, data in kept_out.items() if p.endswith(".md") and source_of(p, sources)},
        **on_disk,
    }

    def companion(path: str) -> bytes | None:
        return work_tree_file(config, path, kept_out)

    return scoped(parse_all(sorted(files.items()), config, companion, unread), config)


def work_tree_file(
    config: Config, relative: str, kept_out: Mapping[str, bytes] | None = None
) -> bytes | None:
    """A file of the spec folders as the work-tree commands read it: from disk (never through
    a symlink), or the index's copy of one a sparse checkout keeps out (HARDEN-E12)."""
    found = _disk_file(config, relative)
    return found if found is not None else (kept_out or _kept_out(config)).get(relative)


def _kept_out(config: Config) -> dict[str, bytes]:
    """The files of the spec folders that a sparse checkout keeps out of the work tree."""
    if not sparse_checkout(config.root):
        return {}
    root = config.root
    return {path: data for name in config.spec_dirs for path, data in sparse_files(root, name)}


def _disk_file(config: Config, relative: str) -> bytes | None:
    """A companion on disk (SOURCES-11); a symlink is not followed, as for spec files."""
    file = config.root / relative
    if _has_symlink(file, config.root) or not file.is_file():
        return None
    try:
        return file.read_bytes()
    except OSError as exc:
        raise SpecError(f"cannot read: {exc.strerror}", relative) from None


def disk_spec_paths(config: Config) -> list[str]:
    """The spec files in the work tree's spec folders, by path (CHECK-E76)."""
    return [path for path, _ in _disk_files(config)]


def _disk_files(config: Config) -> Iterator[tuple[str, bytes]]:
    sources = config.spec_sources
    for name in config.spec_dirs:
        yield from _folder_files(config, config.root / name, lambda p: source_of(p, sources))


def _folder_files(
    config: Config, folder: Path, source_of: Callable[[str], object]
) -> Iterator[tuple[str, bytes]]:
    # HARDEN-4: the specs folder itself (or a folder above it) may be the symlink.
    if not folder.is_dir() or _has_symlink(folder, config.root):
        return
    for file in sorted(folder.rglob("*.md")):
        relative = file.relative_to(config.root).as_posix()
        if _has_symlink(file, folder) or source_of(relative) is None:
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


def require_specs_dir(config: Config, specs: SpecSet) -> None:
    """CHECK-17: a configured `specs_dir` that is not there would turn enforcement off; `lint`
    says so as `check` does (LINT-E8)."""
    if specs.specs or not config.specs_dir_line or config.specs_path.is_dir():
        return
    raise ConfigError(
        f"`specs_dir = {config.specs_dir!r}` does not exist: nothing would be enforced; "
        "fix the path or create the folder",
        config.source,
        config.specs_dir_line,
    )
