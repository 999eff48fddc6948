"""Which change a CI job is about, read from its environment when no revision is given.

`from_env` is pure (environment and event payload in, revision out); `specflow.judged` wires it
to git, with the other ways a command is told which change to judge.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from specflow.errors import SpecflowError

_PULL_EVENTS = ("pull_request", "pull_request_target")


class CiChange(NamedTuple):
    """A revision picked from the CI environment, why, and what to do if git lacks it."""

    rev: str
    why: str
    fetch_hint: str


# COMMENT-9
def from_env(env: Mapping[str, str], event: Mapping[str, Any], head: str | None) -> CiChange | None:
    """The change a GitHub pull request or a GitLab merge request job is about, or None.

    GitHub checks out a test merge commit for `pull_request` (GITHUB_SHA): its first parent is
    the base branch as it is now, so `HEAD^1..HEAD` is exactly what the pull request does.
    When the job checked out the pull request's head instead, the change is from the merge base
    with the base branch (`origin/BASE...HEAD`). `pull_request.base.sha` is not used: it is the
    base as it was when the pull request last changed, and can be hours old.
    GitLab gives the merge base (CI_MERGE_REQUEST_DIFF_BASE_SHA); a merged-results pipeline
    runs on a merge commit like GitHub's."""
    if env.get("GITHUB_ACTIONS") == "true" and env.get("GITHUB_EVENT_NAME") in _PULL_EVENTS:
        return _github(env, event, head)
    if env.get("GITLAB_CI") == "true" and env.get("CI_MERGE_REQUEST_IID"):
        return _gitlab(env)
    return None


def _github(env: Mapping[str, str], event: Mapping[str, Any], head: str | None) -> CiChange:
    merge = env.get("GITHUB_SHA", "")
    pull = event.get("pull_request") or {}
    if head and head == merge and env.get("GITHUB_REF", "").endswith("/merge"):
        return CiChange(
            "HEAD^1..HEAD",
            "the pull request's merge commit against its first parent",
            "actions/checkout fetched only the merge commit: set `fetch-depth: 2` "
            "(or run `git fetch --deepen=1`)",
        )
    base = env.get("GITHUB_BASE_REF") or str((pull.get("base") or {}).get("ref") or "")
    if not base:
        raise SpecflowError("GITHUB_BASE_REF is not set: give the revision, e.g. main...HEAD")
    return CiChange(
        f"origin/{base}...HEAD",
        f"the pull request's head against its merge base with {base}",
        f"fetch the base branch and enough history to reach the merge base: "
        f"`git fetch origin {base}` and `fetch-depth: 0` in actions/checkout",
    )


def _gitlab(env: Mapping[str, str]) -> CiChange:
    if env.get("CI_MERGE_REQUEST_EVENT_TYPE") == "merged_result":
        return CiChange(
            "HEAD^1..HEAD",
            "the merged-results commit against its first parent",
            "set `GIT_DEPTH: 0` (or a depth that reaches the target branch) in the job",
        )
    base = env.get("CI_MERGE_REQUEST_DIFF_BASE_SHA", "")
    if not base:
        raise SpecflowError("CI_MERGE_REQUEST_DIFF_BASE_SHA is not set: give the revision")
    return CiChange(
        f"{base}..HEAD",
        "the merge request against its merge base (CI_MERGE_REQUEST_DIFF_BASE_SHA)",
        "GitLab clones 20 or 50 commits deep: set `GIT_DEPTH: 0` in the job's variables",
    )


def load_event(env: Mapping[str, str]) -> dict[str, Any]:
    """The GitHub event payload at GITHUB_EVENT_PATH; empty outside GitHub Actions."""
    path = env.get("GITHUB_EVENT_PATH")
    if not path or env.get("GITHUB_ACTIONS") != "true":
        return {}
    import json  # only in GitHub Actions: the hooks' check never reads a payload

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SpecflowError(f"cannot read the event payload: {exc}", path) from None
    return data if isinstance(data, dict) else {}


def report_url(env: Mapping[str, str]) -> str | None:
    """Where this job's full report is: the GitHub run page (its job summary) or GitLab job."""
    if env.get("GITHUB_ACTIONS") == "true":
        server = env.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
        repo, run = env.get("GITHUB_REPOSITORY"), env.get("GITHUB_RUN_ID")
        if repo and run:
            attempt = env.get("GITHUB_RUN_ATTEMPT")
            return f"{server}/{repo}/actions/runs/{run}" + (
                f"/attempts/{attempt}" if attempt else ""
            )
    if env.get("GITLAB_CI") == "true":
        return env.get("CI_JOB_URL") or None
    return None


def forge_of(env: Mapping[str, str]) -> str | None:
    """COMMENT-E9: the forge whose CI runs this job (`github`, `gitlab`), else None."""
    if env.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "gitlab" if env.get("GITLAB_CI") == "true" else None
