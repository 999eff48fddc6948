"""Spec sources: the formats specflow reads specs from, each turning its files into `Spec`s.

Every source is a module with the same names, as pre-commit's languages are: `NAME`, `ROOT` and
`source()`, its `Source` (`claims`, `is_spec_file`, `parse`, `cross_check`). The sources are
`specflow` (specflow's own Markdown, markdown.py, behind `native`), `speckit` (GitHub Spec Kit),
`openspec` (OpenSpec) and `kiro` (Kiro and cc-sdd). Only specflow's own format is ever written
to (`lint --fix`); the others are read as they are.

Light on purpose: the hooks import it (and gitread, which they load anyway); each source imports
its parser when it parses.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from specflow.gitread import kept_out_paths, sparse_checkout
from specflow.model import Finding, Spec

if TYPE_CHECKING:
    from specflow.specset import SpecSet

NAMES = ("specflow", "speckit", "openspec", "kiro")


def _no_companion(path: str) -> str | None:
    return None


def _unchanged(spec: Spec, companion: str, data: bytes) -> Spec:
    return spec


class Source(NamedTuple):
    """The shared interface; `root` is the folder whose files belong to the source (never
    references, never judged as code)."""

    name: str
    root: str
    claims: Callable[[str], bool]  # the path is in this source's territory
    is_spec_file: Callable[[str], bool]  # ... and is one of its spec files
    parse: Callable[[str, str], Spec]
    cross_check: Callable[[SpecSet], Iterator[Finding]]
    # SOURCES-11: a second file a spec file is read with (cc-sdd's spec.json), by the spec file's
    # path, and what its bytes change in the parsed spec; every reader reads both or neither
    companion: Callable[[str], str | None] = _no_companion
    amend: Callable[[Spec, str, bytes], Spec] = _unchanged


def detect(root: Path) -> tuple[str, ...]:
    """SOURCES-2: the formats whose folders the repository has; specflow's own always. Only
    `stat`s and one listing: the hooks ask on every commit, so no source module is imported;
    git only in a sparse checkout, for the folders not on disk (SOURCES-E18)."""
    found = {"specflow"}
    if (root / ".specify").is_dir() or _has_feature_folder(root / "specs"):
        found.add("speckit")
    if (root / "openspec").is_dir():
        found.add("openspec")
    if (root / ".kiro" / "specs").is_dir():
        found.add("kiro")
    if len(found) < len(NAMES):
        found.update(_kept_out_formats(root, [name for name in NAMES if name not in found]))
    return tuple(name for name in NAMES if name in found)


# SOURCES-2: the folders whose files show that a format is used (in a git tree, the index)
MARKERS = {"speckit": (".specify", "specs"), "openspec": ("openspec",), "kiro": (".kiro/specs",)}


def _kept_out_formats(root: Path, missing: Sequence[str]) -> tuple[str, ...]:
    """SOURCES-E18: in a sparse checkout, the `missing` formats whose folders git keeps out of
    the work tree, as HARDEN-E12 reads their specs; elsewhere a `stat` or two, no git process."""
    if not sparse_checkout(root):
        return ()
    return detect_paths(kept_out_paths(root, [f for name in missing for f in MARKERS[name]]))


def detect_paths(paths: Iterable[str]) -> tuple[str, ...]:
    """The formats whose folders these files (of a git tree, or the index) are in; specflow's
    own always."""
    found = {"specflow"}
    for path in paths:
        if path.startswith(".specify/") or re.match(_FEATURE_SPEC, path):
            found.add("speckit")
        elif path.startswith("openspec/"):
            found.add("openspec")
        elif path.startswith(".kiro/specs/"):
            found.add("kiro")
    return tuple(name for name in NAMES if name in found)


_FEATURE_FOLDER = re.compile(r"[0-9]{3,}-")
_FEATURE_SPEC = r"specs/[0-9]{3,}-[^/]*/spec\.md\Z"  # compiled when first met


def _has_feature_folder(folder: Path) -> bool:
    """A Spec Kit feature folder, `specs/001-name/` with its spec.md."""
    try:
        names = os.listdir(folder)
    except OSError:
        return False
    return any(
        _FEATURE_FOLDER.match(name) and (folder / name / "spec.md").is_file() for name in names
    )


def enabled(names: Sequence[str], specs_dir: str) -> tuple[Source, ...]:
    """The sources to read, foreign ones first: Spec Kit's feature folders sit inside `specs/`,
    and the first source that claims a path owns it. A module is imported only when named."""
    found = []
    if "speckit" in names:
        from specflow.sources import speckit

        found.append(speckit.source())
    if "openspec" in names:
        from specflow.sources import openspec

        found.append(openspec.source())
    if "kiro" in names:
        from specflow.sources import kiro

        found.append(kiro.source())
    if "specflow" in names:
        found.append(native(specs_dir))
    return tuple(found)


def native(specs_dir: str) -> Source:
    folder = specs_dir.rstrip("/") + "/"
    return Source(
        "specflow",
        specs_dir,
        lambda path: path.startswith(folder),
        lambda path: is_native_spec_file(path, specs_dir),
        _parse_native,
        _no_cross_check,
    )


def is_native_spec_file(relative: str, specs_dir: str) -> bool:
    """Markdown under the specs folder, except its README (the guide `init` writes)."""
    # FORMAT-1's file is this relative path, the same whether read from disk or a git tree.
    if not relative.startswith(specs_dir.rstrip("/") + "/") or not relative.endswith(".md"):
        return False
    return relative.rsplit("/", 1)[-1].lower() != "readme.md"


def _parse_native(path: str, text: str) -> Spec:
    from specflow.sources.markdown import parse_spec  # SPEED-1: a warm hook parses nothing

    return parse_spec(path, text)


def _no_cross_check(specs: SpecSet) -> Iterator[Finding]:
    return iter(())


def companion_key(blob: str, companion_blob: str | None) -> str:
    """SOURCES-11: a spec read with a companion is cached under both blob ids, so that a change
    to the companion alone is a new spec."""
    return f"{blob}+{companion_blob}" if companion_blob else blob


def key_blobs(key: str) -> tuple[str, str | None]:
    blob, _, companion = key.partition("+")
    return blob, companion or None


def source_of(path: str, sources: Sequence[Source]) -> Source | None:
    """The source a spec file belongs to, or None when the path is no source's spec."""
    for source in sources:
        if source.claims(path):
            return source if source.is_spec_file(path) else None
    return None


def with_scopes(specs: Sequence[Spec], scopes: dict[str, tuple[str, ...]]) -> Iterator[Spec]:
    """SOURCES-5: `[tool.specflow.scopes]` adds globs to a spec named by its path or its id."""
    for spec in specs:
        globs = scopes.get(spec.path, ()) + scopes.get(spec.id, ())
        yield spec._replace(scope=spec.scope + globs) if globs else spec
