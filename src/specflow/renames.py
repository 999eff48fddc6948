"""The private definitions a change renames throughout (REVIEW-E58): the same to the review's
no-op judgement and to check's (CHECK-E19)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from specflow import gitio, gitread
from specflow.change import NO_RENAMES, FileChange, Renames, Revision
from specflow.globs import CPP_PATHS
from specflow.languages.pydropped import DROPPED, dropped_candidates, looked_up_from
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
    moved = _cpp_moved(files)
    if python.keys() & go.names.keys():
        return Renames(python, go.own_any, moved)
    return Renames({**python, **go.names}, go.own_any, moved)


def _cpp_moved(files: Sequence[FileChange]) -> frozenset[tuple[str, ...]]:
    """REVIEW-E416: the C++ bodies the change moves out of a class to another file."""
    if sum(file.path.endswith(CPP_PATHS) for file in files) < 2:
        return frozenset()
    from specflow.languages.cppmoves import moved_bodies  # off the other languages' path

    return moved_bodies(files)


def _python_renames(
    repo: gitio.RepoInfo,
    revision: Revision,
    files: Sequence[FileChange],
    known: Mapping[str, Sources],
    specs: Sequence[str],
) -> dict[str, str]:
    candidates = rename_candidates(files)
    dropped = dropped_candidates(files, candidates)
    if not candidates:
        return _dropped(repo, revision, dropped, specs, files)
    python = [file for file in files if file.path.endswith((".py", ".pyi"))]
    unread = [file for file in python if file.path not in known]
    sides = {**known, **start_sources(repo, revision, unread)()} if unread else known
    renames = spelled_nowhere(candidates, (sides.get(file.path, (None, None)) for file in python))
    if not renames:
        return _dropped(repo, revision, dropped, specs, files)
    if gitread.files_spelling(repo.root, list(renames), revision, specs) - {f.path for f in files}:
        return _dropped(repo, revision, dropped, specs, files)
    # `from ._impl import *` re-exports a public name: one renamed away, or (REVIEW-E354) one
    # that a private name becomes (`_not_reg_name` to `NOT_REG_NAME`)
    public = any(not old.startswith("_") or not new.startswith("_") for old, new in renames.items())
    stars = public and gitread.files_spelling(repo.root, ["import *"], revision, where=["*.py"])
    return _dropped(repo, revision, dropped, specs, files) | ({} if stars else renames)


def _dropped(
    repo: gitio.RepoInfo,
    revision: Revision,
    names: Sequence[str],
    specs: Sequence[str],
    files: Sequence[FileChange],
) -> dict[str, str]:
    """REVIEW-E355: the private functions the change removes whole that no file of the
    resulting tree spells (the specs apart, as for a rename), each mapped to `DROPPED`."""
    if not names:
        return {}
    if gitread.files_spelling(repo.root, names, revision, specs):  # which: one search each
        names = [
            n for n in names[:8] if not gitread.files_spelling(repo.root, [n], revision, specs)
        ]
    if names and gitread.files_spelling(
        repo.root, [looked_up_from(files, names)], revision, where=["*.py"], pattern=True
    ):
        return {}  # REVIEW-E377: another module may call them by a name it builds
    return dict.fromkeys(names, DROPPED)
