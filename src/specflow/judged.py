"""Which change a command judges: the one place that decides it (LAYOUT-4).

What the user typed wins; then, for `check` run by the pre-commit framework's pre-push hook,
its `PRE_COMMIT_FROM_REF...PRE_COMMIT_TO_REF` span (HOOK-9); then, in a CI job about a pull or
merge request, the change that request makes (COMMENT-9); else HEAD. `gitio.revision` only
resolves the text chosen here into ids.
"""

from __future__ import annotations

from collections.abc import Mapping

from specflow import gitio
from specflow.change import Revision
from specflow.errors import GitError
from specflow.forges.ci_env import from_env, load_event


def pre_commit_span(env: Mapping[str, str]) -> str | None:
    """HOOK-9: the range the pre-commit framework hands a pre-push hook (or `--from-ref`)."""
    span = [env.get(f"PRE_COMMIT_{end}_REF", "") for end in ("FROM", "TO")]
    return f"{span[0]}...{span[1]}" if all(span) else None


def revision(
    repo: gitio.RepoInfo,
    rev: str | None,
    env: Mapping[str, str],
    *,
    staged: bool = False,
    worktree: bool = False,
    pre_commit: bool = False,
) -> Revision:
    """The change to judge: `rev`, --staged or --worktree as given, else (with `pre_commit`)
    the pre-commit framework's span, else the CI job's change, else HEAD."""
    span = pre_commit_span(env) if pre_commit and rev is None else None
    if span:
        return gitio.revision(repo, span)
    picked = None
    if rev is None and not staged and not worktree:
        picked = from_env(env, load_event(env), repo.head)
    if picked is None:
        return gitio.revision(repo, rev, staged=staged, worktree=worktree)
    try:
        return gitio.revision(repo, picked.rev)
    except GitError as exc:
        shallow = " in this shallow clone" if repo.shallow else ""
        raise GitError(  # exc.hint is the shallow clone's advice: the fetch hint says more
            f"cannot read {picked.rev} ({picked.why}){shallow}: {exc.reason}; {picked.fetch_hint}"
        ) from None
