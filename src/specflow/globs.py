"""Git-style globs (`src/auth/**`, `test_*.py`) with gitignore's matching rules."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathspec import PathSpec


@lru_cache(maxsize=1024)
def _spec(globs: tuple[str, ...]) -> PathSpec[Any]:
    from pathspec import PathSpec

    return PathSpec.from_lines("gitignore", globs)


def matches(path: str, globs: tuple[str, ...]) -> bool:
    """True when `path` (relative, `/`-separated) is matched by any of `globs`."""
    return bool(globs) and _spec(globs).match_file(path)


def matching(paths: Iterable[str], globs: tuple[str, ...]) -> list[str]:
    if not globs:
        return []
    spec = _spec(globs)
    return [path for path in paths if spec.match_file(path)]
