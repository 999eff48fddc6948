"""The `specflow` command's way in. The commit hooks' check runs without typer: importing it is
a third of what a hook costs, and their command lines need none of it (SPEED-7). Any other
command line, an option the hooks do not use, or `--help` goes to the typer app in cli.py."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path


def main() -> None:
    code = hook_check(sys.argv[1:])
    if code is None:
        from specflow.cli import main as full

        full()
    else:
        sys.exit(code)


def hook_check(args: list[str]) -> int | None:
    """The exit code of `check` run as a hook runs it, or None when `args` are not such a run."""
    form = _hook_form(args)
    if form is None or any(os.environ.get(f"PRE_COMMIT_{end}_REF") for end in ("FROM", "TO")):
        return None  # HOOK-9's ranges are worked out in cli.check
    message_file, before_message, message_only = form
    # The cycle collector would run dozens of times over the modules being imported and the
    # caches being unpickled, and find nothing: a hook's process is short and small.
    gc.disable()
    try:
        return check(
            None,
            staged=True,
            message_file=message_file,
            before_message=before_message,
            message_only=message_only,
        )
    except (Exception, KeyboardInterrupt) as exc:
        return failure_code(exc)
    finally:
        gc.enable()


def _hook_form(args: list[str]) -> tuple[Path | None, bool, bool] | None:
    """`check --staged` with `--before-message` or `--message-file FILE [--message-only]`, in
    any order."""
    if not args or args[0] != "check":
        return None
    rest = args[1:]
    message_file: Path | None = None
    if "--message-file" in rest:
        at = rest.index("--message-file")
        if at + 1 >= len(rest) or rest[at + 1].startswith("-"):
            return None
        message_file = Path(rest.pop(at + 1))
        rest.remove("--message-file")
    flags = set(rest)
    if "--staged" not in flags or not flags <= {"--staged", "--before-message", "--message-only"}:
        return None
    if len(flags) != len(rest):
        return None  # a flag given twice: let the full parser say what it thinks
    return message_file, "--before-message" in flags, "--message-only" in flags


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
    """`specflow check`: print the verdict on a change and return the exit code.

    HOOK-13: the native hooks print each verdict once: pre-commit (`--before-message`) judges
    the staged tree, commit-msg (`--message-only`) only what the message says; both are quiet
    when there is nothing to say."""
    if os.environ.get("SPECFLOW_SKIP", "") not in ("", "0"):
        from specflow.output import render

        render.err("specflow: skipped (SPECFLOW_SKIP is set)")
        return 0
    from specflow import gitio

    opening = gitio.start_open_repo(Path.cwd())  # git opens the repository during the imports
    from specflow import pipeline
    from specflow.forges import ci_env
    from specflow.output import github, render

    repo = opening()
    revision = ci_env.revision(repo, rev, os.environ, staged=staged, worktree=worktree)
    message = pipeline.read_message(repo, message_file) if message_file else None
    summary = os.environ.get("GITHUB_STEP_SUMMARY", "") if fmt == "github" else ""
    if summary:  # COMMENT-10: the full review goes to the job summary
        review, result = pipeline.verdict(repo, revision, message)
        render.step_summary(Path(summary), review, result.findings, repo.root)
    elif before_message and fmt == "text":
        result, questions = pipeline.check_with_questions(repo, revision)
        render.check(result, fmt, quiet=True)
        render.questions(questions)
        return 1 if github.fails(result.findings, fail_on) else 0
    else:
        result = pipeline.check(repo, revision, message)
    if message_only:
        result = result._replace(findings=pipeline.message_findings(result.findings))
    render.check(result, fmt, summary=bool(summary), quiet=before_message or message_only)
    return 1 if github.fails(result.findings, fail_on) else 0


def failure_code(exc: BaseException) -> int:
    """Print what stopped a command as one line and give its exit code; re-raise a bug."""
    from specflow.errors import SpecflowError
    from specflow.output import render

    said = failure_message(exc)
    if said is not None:
        render.err(said)
        return exc.exit_code if isinstance(exc, SpecflowError) else 2
    if isinstance(exc, KeyboardInterrupt):
        render.err("specflow: interrupted")
        return 130
    raise exc


def failure_message(exc: BaseException) -> str | None:
    """The one line that bad input or the environment earns (the CLI's, and the MCP tools'
    errors); None for anything else, a bug."""
    from specflow.errors import SpecflowError

    if isinstance(exc, SpecflowError):
        return f"specflow: error: {exc}"
    if isinstance(exc, OSError):  # a full disk, a permission: the environment, not a bug
        where = f"{exc.filename}: " if exc.filename else ""
        return f"specflow: error: {where}{exc.strerror or exc}"
    return None
