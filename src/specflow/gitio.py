"""The one door to git: every git process specflow starts goes through `run`."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from specflow.errors import GitError

# Options that make git's output independent of the user's configuration.
_SAFE = ("-c", "core.quotePath=false", "-c", "color.ui=never", "-c", "core.pager=cat")


def run(
    root: Path, *args: str, ok_codes: Sequence[int] = (0,), stdin: bytes | None = None
) -> bytes:
    """Run `git <args>` in `root` without a shell; a failure becomes a GitError with stderr."""
    command = [_git(), *_SAFE, *args]
    try:
        done = subprocess.run(
            command, cwd=root, input=stdin, capture_output=True, env=_env(), check=False
        )
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None
    if done.returncode not in ok_codes:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(
            f"`git {' '.join(args[:2])}` failed: {detail[-1] if detail else done.returncode}"
        )
    return done.stdout


def _git() -> str:
    found = shutil.which("git")
    if not found:
        raise GitError("git is not installed or not on PATH; specflow needs git 2.25 or newer")
    return found


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # Never prompt (a hook has no terminal) and never page.
    env.update(GIT_TERMINAL_PROMPT="0", GIT_PAGER="cat", LC_ALL="C")
    env.pop("GIT_EXTERNAL_DIFF", None)
    return env


def list_files(root: Path) -> list[str]:
    """Tracked and untracked-but-not-ignored files of the work tree; plain walk outside git."""
    if not (root / ".git").exists():
        return sorted(
            path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()
        )
    out = run(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    return sorted({name for name in os.fsdecode(out).split("\0") if name})
