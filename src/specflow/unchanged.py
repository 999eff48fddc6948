"""Which hunks under a reference change no behaviour, as the review judges them (CHECK-E19,
CHECK-E21): Python on its syntax tree, with the private definitions the change renames
throughout (REVIEW-E58); other code on its tokens (REVIEW-16)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from specflow import gitio
from specflow.change import NO_RENAMES, FileChange, Revision

if TYPE_CHECKING:  # a Go file's judgement reads no syntax tree
    from specflow.languages.pyshape import Sources


def unchanged_hunks(
    repo: gitio.RepoInfo,
    revision: Revision,
    change: Sequence[FileChange],
    judged: Sequence[FileChange],
    sides: Mapping[str, Sources],
    specs: Sequence[str],
) -> dict[str, set[int]]:
    """By path, the indexes of the hunks of each `judged` file (of the `change`) that change no
    behaviour; `sides`: their two texts, whole; `specs`: the specs' globs. Each judge is loaded
    only when it has a file."""
    python = [file for file in judged if file.path.endswith((".py", ".pyi"))]
    others = [file for file in judged if file not in python]
    found: dict[str, set[int]] = {}
    renames = NO_RENAMES
    if python:
        from specflow.noop import unchanged_python
        from specflow.renames import change_renames  # REVIEW-E58, and REVIEW-E227's

        renames = change_renames(repo, revision, change, sides, specs)
        found = {f.path: unchanged_python(f, *sides[f.path], renames.names) for f in python}
    elif any(file.path.endswith(".go") for file in others):
        from specflow.languages.gorenames import go_renames  # REVIEW-E227: off Python's path

        renames = go_renames(repo, revision, change, sides, specs)
    if others:
        from specflow.languages.tokens import unchanged_tokens  # SPEED-9: braces, off Python's

        found |= {
            f.path: unchanged_tokens(f.path, f.hunks, *sides[f.path], renames) for f in others
        }
    return found
