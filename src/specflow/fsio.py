"""Writing files without ever losing one: atomic replace, and create-only for new files; and
listing a folder outside git."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from specflow.errors import SpecflowError


def write_atomic(
    path: Path, data: bytes, *, create_only: bool = False, durable: bool = True
) -> None:
    """Write `data` to a temporary file beside `path`, then move it into place in one step.

    With `create_only`, an existing `path` is never replaced (the link is atomic too). Without
    `durable` the data is not flushed to the disk first: for a cache, which a crash may lose.
    A file system error becomes a SpecflowError naming `path`.
    """
    try:
        _write(path, data, create_only, durable)
    except OSError as exc:
        raise SpecflowError(f"cannot write: {exc.strerror or exc}", str(path)) from None


def _write(path: Path, data: bytes, create_only: bool, durable: bool) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise SpecflowError("cannot create its folder: a file is in the way", str(path)) from None
    # mkstemp creates 0600; a replaced file keeps its mode, a new one gets what `open` would give.
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        if create_only:
            _link_new(temporary, path)
        else:
            os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _umask() -> int:
    # The only portable way to read the umask is to set it; put it straight back.
    current = os.umask(0o022)
    os.umask(current)
    return current


def _link_new(temporary: str, path: Path) -> None:
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise SpecflowError("already exists; not overwritten", str(path)) from None
    except OSError:  # a file system without hard links
        try:
            with open(path, "xb") as handle, open(temporary, "rb") as source:
                handle.write(source.read())
        except FileExistsError:
            raise SpecflowError("already exists; not overwritten", str(path)) from None


def walk(root: Path) -> list[str]:
    """CLI-E10: the files of a folder outside git (CLI-E2), as `git ls-files` would list them:
    never inside a sub-folder that is a repository of its own; a folder that cannot be read
    or is removed during the walk is left out (os.walk skips it), never fatal."""
    found: list[str] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [
            name for name in subfolders if not os.path.lexists(f"{folder}/{name}/.git")
        ]
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        # os.path's tests are False for a path that vanished or is too long to read
        found += [prefix + name for name in names if os.path.isfile(f"{folder}/{name}")]
    return sorted(found)
