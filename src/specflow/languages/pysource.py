"""Python source parsed with `ast`, whatever a repository holds (NEW-E1, REVIEW-E7). Pure."""

from __future__ import annotations

import ast
import sys

# CPython 3.10's parser recurses on the C stack and crashes the process on nesting deep enough
# (`1+1+...` 200,000 times); 3.11 raises RecursionError instead. On 3.10 the parse runs in a
# thread with a stack this large (reserved, not used, by the few that need it).
_STACK = 512 * 1024 * 1024


def parse(source: bytes, filename: str = "<unknown>") -> ast.Module | None:
    """The module, or None when it does not parse: a syntax error, a null byte, an encoding
    Python does not know, or nesting too deep."""
    if sys.version_info >= (3, 11):
        return _parse(source, filename)
    return _with_large_stack(source, filename)


def _parse(source: bytes, filename: str) -> ast.Module | None:
    try:
        return ast.parse(source, filename=filename)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _with_large_stack(source: bytes, filename: str) -> ast.Module | None:
    import threading

    found: list[ast.Module | None] = []
    previous = threading.stack_size(_STACK)
    try:
        thread = threading.Thread(target=lambda: found.append(_parse(source, filename)))
        thread.start()
    except RuntimeError:  # no thread to be had (memory): parse here
        return _parse(source, filename)
    finally:
        threading.stack_size(previous)
    thread.join()
    return found[0] if found else None
