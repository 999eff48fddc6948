"""The private definitions a change renames throughout (REVIEW-E58): the same to the review's
no-op judgement and to check's (CHECK-E19)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from specflow import gitio, gitread
from specflow.change import NO_RENAMES, FileChange, Renames, Revision
from specflow.languages.pyrename import rename_candidates, spelled_nowhere
from specflow.languages.pyshape import Sources
from specflow.pipeline import start_sources  # which imports this module lazily, for check


def change_renames(
    repo: gitio.RepoInfo,
    revision: Revision,
    files: Sequence[FileChange],
    known: Mapping[str, Sources],
    specs: Sequence[str],
) -> Renames:
    """Old name to new, for the renames no changed file contradicts (`known`: both sides of
    some changed files, whole; the other Python ones are read); none when a file the change
    leaves alone still spells an old name (an entry point in `pyproject.toml`, a test; not the
    specs, globs `specs`: a spec that names it is check's to warn about), or when a star
    import may re-export a public one. Git is read only when the lines suggest a rename."""
    go = NO_RENAMES
    if any(file.path.endswith(".go") for file in files):
        from specflow.languages.gorenames import go_renames  # off the other languages' path

        go = go_renames(repo, revision, files, known, specs)
    python = _python_renames(repo, revision, files, known, specs)
    if python.keys() & go.names.keys():
        return Renames(python, go.own_any)
    return Renames({**python, **go.names}, go.own_any)


def _python_renames(
    repo: gitio.RepoInfo,
    revision: Revision,
    files: Sequence[FileChange],
    known: Mapping[str, Sources],
    specs: Sequence[str],
) -> dict[str, str]:
    candidates = rename_candidates(files)
    if not candidates:
        return {}
    python = [file for file in files if file.path.endswith((".py", ".pyi"))]
    unread = [file for file in python if file.path not in known]
    sides = {**known, **start_sources(repo, revision, unread)()} if unread else known
    renames = spelled_nowhere(candidates, (sides.get(file.path, (None, None)) for file in python))
    if not renames:
        return {}
    if gitread.files_spelling(repo.root, list(renames), revision, specs) - {f.path for f in files}:
        return {}
    public = any(not old.startswith("_") for old in renames)  # `from ._impl import *`
    stars = public and gitread.files_spelling(repo.root, ["import *"], revision, where=["*.py"])
    return {} if stars else renames
