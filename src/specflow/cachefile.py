"""The files in `.git/specflow/` that only save time (SPEED-2): written whole, read only when
their first line names this version of specflow and this kind of cache, and never an error:
one that cannot be read or written is a slower run, whatever is wrong with it.

They are unpickled, so they are trusted as `.git/hooks` is (docs/security.md)."""

from __future__ import annotations

import contextlib
import pickle
from pathlib import Path

from specflow import __version__
from specflow.errors import SpecflowError


def load(path: Path, kind: str) -> object | None:
    """What `save` stored under `kind`, or None."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = _header(kind)
    if not data.startswith(header):
        return None  # another version's file is not even unpickled
    try:
        value: object = pickle.loads(data[len(header) :])  # noqa: S301 - our own file, see above
    except Exception:  # truncated or damaged: pickle can fail in many ways, all of them a miss
        return None
    return value


def save(path: Path, kind: str, value: object) -> None:
    from specflow.fsio import write_atomic  # a warm hook has nothing to write

    data = _header(kind) + pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(OSError, SpecflowError):
        write_atomic(path, data, durable=False)


def _header(kind: str) -> bytes:
    return f"specflow {__version__} {kind}\n".encode()
