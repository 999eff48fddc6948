"""`specflow check`: the blocking verdict on one change, and its exit code (LAYOUT-4: which
change is `judged.revision`'s to say).

Both ways in call `check`: the typer command in cli.py, and entry.py's hook path, which skips
typer (SPEED-7). It is the hook's command: git opens the repository while the stages are
imported (SPEED-4), and what only a CI job's `--format github` needs is imported by that branch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from specflow import gitio, gitread
from specflow.config import load_config
from specflow.errors import GitError, SpecflowError
from specflow.model import Finding, Severity
from specflow.output import console
from specflow.output.base import formatter
from specflow.specset import disk_spec_paths

if TYPE_CHECKING:
    from specflow.pipeline import CheckResult


def check(
    rev: str | None,
    *,
    staged: bool = False,
    worktree: bool = False,
    message_file: Path | None = None,
    before_message: bool = False,
    message_only: bool = False,
    fmt: str = "text",
    fail_on: str = "error",
) -> int:
    """Print the verdict on a change and return the exit code.

    HOOK-13: the native hooks print each verdict once: pre-commit (`--before-message`) judges
    the staged tree, commit-msg (`--message-only`) only what the message says; both are quiet
    when there is nothing to say."""
    if os.environ.get("SPECFLOW_SKIP", "") not in ("", "0"):
        if not message_only:  # HOOK-E11: the pre-commit hook said it for the commit
            console.err("specflow: skipped (SPECFLOW_SKIP is set)")
        return 0
    opening = gitio.start_open_repo(Path.cwd())
    from specflow import judged, pipeline  # SPEED-4: imported while git opens the repository

    repo = opening()
    revision = judged.revision(
        repo, rev, os.environ, staged=staged, worktree=worktree, pre_commit=True
    )
    message = _read_message(repo, message_file) if message_file else None
    summary = os.environ.get("GITHUB_STEP_SUMMARY", "") if fmt == "github" else ""
    if summary:  # COMMENT-10: the full review goes to the job summary
        from specflow import pipeline_review  # a CI job's, never the hooks'

        review, result = pipeline_review.verdict(repo, revision, message)
        from specflow.output import render  # GitHub's job summary: not on the hook's path

        render.step_summary(Path(summary), review, result.findings, repo.root)
    elif before_message and fmt == "text":
        result, questions = pipeline.check_with_questions(repo, revision)
        verdict(result, fmt, quiet=True)
        console.questions(questions)
        return 1 if fails(result.findings, fail_on) else 0
    else:
        result = pipeline.check(repo, revision, message)
    if message_only:
        result = result._replace(findings=pipeline.message_findings(result.findings))
        if fmt == "text":  # HOOK-E10: what was checked, as the committer reads it
            result = result._replace(revision=result.revision._replace(label=MESSAGE_ONLY))
    verdict(result, fmt, summary=bool(summary), quiet=before_message or message_only)
    if fmt == "text" and not result.spec_count and not result.findings and revision.head:
        _uncommitted_specs(repo, revision.label)
    failed = fails(result.findings, fail_on)
    advised = fmt == "text" and rev is None and not message and not os.environ.get("CI")
    if failed and advised and revision.label == "HEAD":
        _uncommitted_changes(repo)
    return 1 if failed else 0


def _uncommitted_specs(repo: gitio.RepoInfo, label: str) -> None:
    """CHECK-E76: a commit without specs checked while the work tree has some: say they are not
    committed yet, and how to check them (`specflow lint` had just counted them). Specs HEAD
    holds are committed: an older commit checked (`check HEAD~1`) has no advice to give."""
    paths = disk_spec_paths(load_config(repo.root))
    if paths and repo.head is not None:
        committed = set(gitread.list_files(repo.root, repo.head))
        paths = [path for path in paths if path not in committed]
    if paths:
        some, it = (
            (f"{len(paths)} specs are", "them") if len(paths) > 1 else (f"{paths[0]} is", "it")
        )
        console.out(
            f"specflow: {some} in the work tree, not in {label}: `specflow check --worktree` "
            f"checks {it} with your uncommitted changes; commit {it} to check commits."
        )


SHOWN_PATHS = 3  # uncommitted files named in CHECK-E77's advice; the rest are counted


def _uncommitted_changes(repo: gitio.RepoInfo) -> None:
    """CHECK-E77: `specflow check`, blocked on HEAD (the default), while the work tree differs
    from HEAD (a changed file, or one git does not track yet and does not ignore: `--worktree`
    reads both): say the uncommitted changes were not checked, and how to check them (two
    trials' new users added ID comments, ran `check` and read "in HEAD (blocked)" again)."""
    try:
        out = gitio.run(repo.root, "status", "--porcelain=v1", "-z", "--no-renames")
    except GitError:
        return  # advice only: a work tree git cannot read changes no verdict
    paths = [os.fsdecode(entry[3:]) for entry in out.split(b"\0") if len(entry) > 3]
    if not paths:
        return
    shown = ", ".join(paths[:SHOWN_PATHS]) + (
        f" and {len(paths) - SHOWN_PATHS} more" if len(paths) > SHOWN_PATHS else ""
    )
    console.out(
        f"specflow: HEAD was checked, not your uncommitted changes to {shown}: "
        "`specflow check --worktree` checks them, `specflow check --staged` what you staged."
    )


# HOOK-E10: the commit-msg hook checks the message alone, not the staged change
MESSAGE_ONLY = "the commit message"


def verdict(result: CheckResult, fmt: str, *, summary: bool = False, quiet: bool = False) -> None:
    """Print the verdict in the format asked for, errors first (LAYOUT-6). `quiet`: a hook says
    nothing when it has nothing to say (HOOK-13)."""
    found = sorted(result.findings, key=lambda f: (not f.is_error, f.path, f.line, f.rule))
    formatter(fmt).check(result, found, summary=summary, quiet=quiet)


def fails(findings: Iterable[Finding], fail_on: str) -> bool:
    """Whether the findings fail the run (CHECK-6's exit 1): on an error (the default), or on
    any warning too."""
    if fail_on == "warning":
        return any(f.severity is not Severity.off for f in findings)
    return any(f.is_error for f in findings)


def _read_message(repo: gitio.RepoInfo, path: Path) -> str:
    """A commit message file as the commit-msg hook gets it, comments stripped as git will."""
    from specflow.commitmsg import strip_comments  # the commit-msg hook's alone

    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError as exc:
        raise SpecflowError(f"cannot read the message file: {exc.strerror}", str(path)) from None
    return strip_comments(text, gitread.comment_char(repo.root))
