"""Git-style globs (`src/auth/**`, `test_*.py`) with gitignore's matching rules."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathspec import PathSpec


@lru_cache(maxsize=1024)
def _spec(globs: tuple[str, ...]) -> PathSpec[Any]:
    from pathspec import PathSpec

    return PathSpec.from_lines("gitignore", globs)


def matches(path: str, globs: tuple[str, ...]) -> bool:
    """True when `path` (relative, `/`-separated) is matched by any of `globs`."""
    # Only the globs whose literal folder the path is under are compiled and tried: a check
    # of one changed file against a hundred scopes compiles one pattern, not a hundred.
    candidates = tuple(glob for glob in globs if path.startswith(_anchored_folder(glob)))
    return bool(candidates) and _spec(candidates).match_file(path)


def matching(paths: Iterable[str], globs: tuple[str, ...]) -> list[str]:
    if not globs:
        return []
    spec = _spec(globs)
    return [path for path in paths if spec.match_file(path)]


def matches_any(sorted_paths: Sequence[str], glob: str) -> bool:
    """Whether `glob` matches one of `sorted_paths`, looking only where it can: a glob anchored
    under a literal folder (`src/auth/**`) is tried on the paths under that folder alone."""
    prefix = _anchored_folder(glob)
    spec = _spec((glob,))
    for path in islice(sorted_paths, bisect_left(sorted_paths, prefix), None):
        if not path.startswith(prefix):
            return False
        if spec.match_file(path):
            return True
    return False


@lru_cache(maxsize=4096)
def _anchored_folder(glob: str) -> str:
    """`src/auth/*.py` → `src/auth/`; `test_*.py` and `**/x` (which match at any depth) → ``."""
    body = glob.lstrip("/")
    if "/" not in body.rstrip("/"):
        return ""  # gitignore: a pattern without an inner slash matches at any depth
    literal = re.split(r"[*?\[\\]", body, maxsplit=1)[0]
    return literal[: literal.rfind("/") + 1]
