"""The command line: each command parses its options and calls its function in `commands/`.

Only typer is imported here at start-up; everything else is imported by the command that needs
it, so `specflow --version` and the git hooks start fast.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional, TypeVar

import typer

from specflow import __version__
from specflow.choices import (
    BriefFormat,
    CheckFormat,
    FailOn,
    Forge,
    NewStatus,
    ReviewFormat,
    TextOrJson,
)
from specflow.entry import failure_code
from specflow.errors import SpecflowError

app = typer.Typer(
    name="specflow",
    help="Spec-first development: Markdown specs, reviewed and enforced against every git diff.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
F = TypeVar("F", bound=Callable[..., Any])
# The change `review`, `check` and `comment` judge, as the user names it.
ChangeRev = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional on 3.10
    typer.Argument(
        metavar="[REV]",
        help="A commit or a range (main...HEAD). Default: the CI's pull request, else HEAD.",
    ),
]


def command(name: str | None = None, group: typer.Typer | None = None) -> Callable[[F], F]:
    """Register a command whose SpecflowError becomes a one-line message and exit 2.

    CLI-E8: messages, templates and docs write each name as `specflow NAME`; a rename must
    change them too (tests/test_cli_basics.py reads them all).
    """

    def register(func: F) -> F:
        @functools.wraps(func)
        def friendly(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except (SpecflowError, OSError, KeyboardInterrupt) as exc:
                raise typer.Exit(failure_code(exc)) from None

        (group or app).command(name)(friendly)
        return func

    return register


def _version(value: bool) -> None:
    """CLI-1: `specflow --version`."""
    if value:
        typer.echo(f"specflow {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Spec-first development: Markdown specs, reviewed and enforced against every git diff."""


@command()
def init(
    hooks: bool = typer.Option(
        False, "--hooks", help="Also install the git hooks (as `specflow hook install`)."
    ),
) -> None:
    """Create specs/ with a short guide and a specflow.toml stub; safe to run twice.

    Example: specflow init --hooks
    """
    from specflow.commands.init_new_lint import init_command

    init_command(hooks)


@command()
def new(
    title: str = typer.Argument(
        ..., metavar="TITLE", help="The spec's title; the file name is made from it."
    ),
    spec_id: Optional[str] = typer.Option(  # noqa: UP045 - typer needs Optional on 3.10
        None, "--id", help="The ID prefix (RESET); derived from the title when omitted."
    ),
    scope: list[str] = typer.Option(
        [], "--scope", help="A git-style glob of the files it governs; repeatable."
    ),
    status: NewStatus = typer.Option(NewStatus.active, help="draft or active."),
) -> None:
    """Write specs/<slug>.md from the template; never overwrites.

    With --scope, the Context is drafted from the code in scope for you to correct.

    Example: specflow new "Password reset" --id RESET --scope 'src/auth/**'
    """
    from specflow.commands.init_new_lint import new_command

    new_command(title, spec_id, scope, status.value)


@command()
def lint(
    fix: bool = typer.Option(False, "--fix", help="Give items without an ID the next free one."),
    fmt: TextOrJson = typer.Option(TextOrJson.text, "--format", help="text or json."),
) -> None:
    """Validate every spec: IDs, sections, front matter, constraints.

    Exit 0 when clean or only warnings, 1 on errors, 2 when a spec cannot be read.

    Example: specflow lint --fix
    """
    from specflow.commands.init_new_lint import lint_command

    raise typer.Exit(lint_command(fix=fix, fmt=fmt.value))


@command("list")
def list_specs(
    fmt: TextOrJson = typer.Option(TextOrJson.text, "--format", help="text or json."),
) -> None:
    """List the specs: status, enforced requirements, and how many are referenced.

    Example: specflow list --format json
    """
    from specflow.commands.list_show import list_specs as run

    run(fmt=fmt.value)


@command()
def show(
    key: str = typer.Argument(
        ..., metavar="ID", help="A spec id (RESET) or a requirement id (RESET-1)."
    ),
    fmt: TextOrJson = typer.Option(TextOrJson.text, "--format", help="text or json."),
) -> None:
    """Show one spec, or one requirement or edge case, with where each is referenced.

    Example: specflow show RESET-1
    """
    from specflow.commands.list_show import show as run

    run(key, fmt=fmt.value)


@command()
def review(
    rev: ChangeRev = None,
    staged: bool = typer.Option(False, "--staged", help="Review the index against HEAD."),
    worktree: bool = typer.Option(False, "--worktree", help="Review the work tree against HEAD."),
    fmt: ReviewFormat = typer.Option(ReviewFormat.text, "--format", help="text, markdown or json."),
    show_all: bool = typer.Option(
        False, "--all", help="Every question, not only the strongest (review.max_questions)."
    ),
) -> None:
    """The review checklist of a change: which spec statements it concerns, which requirements
    it leaves untraced, and which untouched code depends on what it writes. Always exits 0.

    Example: specflow review main...HEAD --format markdown
    """
    from specflow.commands.review_context import review as run

    run(rev, staged=staged, worktree=worktree, fmt=fmt.value, show_all=show_all)


@command()
def check(
    rev: ChangeRev = None,
    staged: bool = typer.Option(False, "--staged", help="Check the index (what a hook sees)."),
    worktree: bool = typer.Option(False, "--worktree", help="Check the work tree against HEAD."),
    message_file: Optional[Path] = typer.Option(  # noqa: UP045
        None,
        "--message-file",
        help="A commit message file: the IDs it names must exist; a message implements nothing.",
    ),
    before_message: bool = typer.Option(
        False,
        "--before-message",
        help="The pre-commit hook: the whole verdict on the staged tree, quiet when it passes "
        "without warnings (a message never makes a requirement referenced).",
    ),
    message_only: bool = typer.Option(
        False,
        "--message-only",
        help="The commit-msg hook: only what the message itself says (IDs that do not exist), "
        "quiet when it passes.",
    ),
    fmt: CheckFormat = typer.Option(
        CheckFormat.text, "--format", help="text, json, github or sarif."
    ),
    fail_on: FailOn = typer.Option(
        FailOn.error, "--fail-on", help="Exit 1 on an error (default), or on any warning too."
    ),
) -> None:
    """The blocking verdict: exit 1 when the change breaks a spec, 0 when it may land.

    SPECFLOW_SKIP=1 skips every check that sees it: set it for one command
    (`SPECFLOW_SKIP=1 git commit`); `git commit --no-verify` skips every hook.

    Example: specflow check --staged --message-file .git/COMMIT_EDITMSG
    """
    from specflow.commands.check import check as run_check

    code = run_check(
        rev,
        staged=staged,
        worktree=worktree,
        message_file=message_file,
        before_message=before_message,
        message_only=message_only,
        fmt=fmt.value,
        fail_on=fail_on.value,
    )
    raise typer.Exit(code)


@command()
def comment(
    rev: ChangeRev = None,
    post: Optional[Forge] = typer.Option(  # noqa: UP045
        None, "--post", help="Post it to the pull request (github) or merge request (gitlab)."
    ),
    key: str = typer.Option("default", "--key", help="One comment per key: give each job its own."),
    output: Optional[Path] = typer.Option(  # noqa: UP045
        None, "--output", metavar="FILE", help="Write the comment to FILE."
    ),
    pr: Optional[int] = typer.Option(  # noqa: UP045
        None, "--pr", min=1, help="The pull or merge request number, if the CI does not say."
    ),
    bot_login: Optional[str] = typer.Option(  # noqa: UP045
        None, "--bot-login", help="The login the token comments as (a GitHub App: NAME[bot])."
    ),
    dry_run: bool = typer.Option(
        False,
        "--dry-run",
        help="Post nothing: say where --post (or the CI's forge) would send it, and print it.",
    ),
) -> None:
    """The review as one pull-request comment, kept up to date in place on every push.

    Prints the comment, or writes it (--output), or posts it (--post): GitHub with GITHUB_TOKEN,
    GitLab with SPECFLOW_GITLAB_TOKEN. Exit 0, or 2 when it cannot post; the verdict is check's.

    Example: specflow comment main...HEAD --post github
    """
    from specflow.commands.comment import comment as run

    where = post.value if post else None
    run(rev, key=key, post=where, output=output, pr=pr, bot_login=bot_login, dry_run=dry_run)


@command()
def context(
    target: str = typer.Argument(
        ..., metavar="NAME|PATH", help="A name (password_hash) or a file path."
    ),
    fmt: TextOrJson = typer.Option(TextOrJson.text, "--format", help="text or json."),
) -> None:
    """Understand before asking: where a name is defined, written, read and called (or what a
    file defines and who uses it), and which specs govern those places.

    Example: specflow context password_hash
    """
    from specflow.commands.review_context import context as run

    run(target, fmt=fmt.value)


@command()
def report(
    rev: Optional[str] = typer.Argument(  # noqa: UP045
        None,
        metavar="[REV]",
        help="The commit whose tree to report (HEAD, abc123, a range's end). Default: HEAD.",
    ),
    staged: bool = typer.Option(False, "--staged", help="Report the index instead."),
    html: Optional[Path] = typer.Option(  # noqa: UP045
        None, "--html", metavar="DIR", help="Write DIR/index.html: one self-contained page."
    ),
    fmt: ReviewFormat = typer.Option(ReviewFormat.text, "--format", help="text, markdown or json."),
) -> None:
    """The traceability matrix: every requirement and edge case of every spec, where it is
    implemented, which tests verify it, and the coverage per spec and overall.

    Example: specflow report --html build/traceability
    """
    from specflow.commands.report import run

    run(rev, staged=staged, html=html, fmt=fmt.value)


@command()
def brief(
    key: str = typer.Argument(
        ..., metavar="ID", help="A spec id (RESET), or one of its requirement ids."
    ),
    fmt: BriefFormat = typer.Option(BriefFormat.markdown, "--format", help="markdown or json."),
) -> None:
    """The spec as an implementation brief for a person or a coding assistant: the spec, where
    the code its Context names is defined and used today, how to trace the work, the edge cases
    to test, and the command that checks the result.

    Example: specflow brief RESET > brief.md
    """
    from specflow.commands.brief import run

    run(key, fmt=fmt.value)


@command()
def demo(
    keep: Optional[Path] = typer.Option(  # noqa: UP045
        None, "--keep", metavar="DIR", help="Build the repository in DIR (new or empty); keep it."
    ),
) -> None:
    """Replay the SHA-256 / bcrypt story in a throw-away repository, with real commits, and
    watch specflow stop the commit that locked users out. Exit 1 if the story goes otherwise.

    Example: specflow demo --keep /tmp/specflow-story
    """
    from specflow.commands.demo import demo as run

    run(keep)


@command()
def mcp(
    root: Optional[Path] = typer.Option(  # noqa: UP045
        None, "--root", metavar="DIR", help="The repository to serve. Default: this folder."
    ),
) -> None:
    """Serve the repository to a coding assistant over the Model Context Protocol (stdio):
    specs_for, context, brief, check and review as tools, the specs as resources, and the
    `implement` prompt. Read-only. Needs `pip install 'specflow[mcp]'`.

    Example: specflow mcp
    """
    from specflow.commands.serve import serve

    serve(root)


def group(name: str, help: str) -> typer.Typer:
    """A command with sub-commands (`specflow hook install`)."""
    sub = typer.Typer(help=help, no_args_is_help=True)
    app.add_typer(sub, name=name)
    return sub


agents_app = group(
    "agents",
    "Tell coding assistants about specflow: AGENTS.md, their rules files and MCP config.\n\n"
    "Example: specflow agents install --for claude,cursor",
)


@command("install", agents_app)
def agents_install(
    assistants: Optional[str] = typer.Option(  # noqa: UP045
        None,
        "--for",
        metavar="LIST",
        help="claude, cursor, copilot, codex (comma-separated). Default: those whose files are "
        "already in the repository.",
    ),
) -> None:
    """Write a marked block in AGENTS.md and, for each assistant, its rules file and its MCP
    server configuration; content outside specflow's own block is never changed.

    Example: specflow agents install --for claude,copilot
    """
    from specflow.commands.agents import run_here

    run_here(assistants, remove=False)


@command("uninstall", agents_app)
def agents_uninstall(
    assistants: Optional[str] = typer.Option(  # noqa: UP045
        None,
        "--for",
        metavar="LIST",
        help="Only these assistants' files (AGENTS.md keeps its block). Default: all.",
    ),
) -> None:
    """Remove exactly what `agents install` added: every file as it was, byte for byte, and
    the files it created.

    Example: specflow agents uninstall
    """
    from specflow.commands.agents import run_here

    run_here(assistants, remove=True)


hook_app = group(
    "hook",
    "Install or remove specflow's git hooks (pre-commit, commit-msg, pre-merge-commit).\n\n"
    "Example: specflow hook install --pre-push",
)


@command("install", hook_app)
def hook_install(
    pre_push: bool = typer.Option(False, "--pre-push", help="Also check each pushed range."),
) -> None:
    """Install the hooks; a hook that is already there is kept and still runs first.

    Example: specflow hook install --pre-push
    """
    from specflow.commands.hook import run

    raise typer.Exit(run("install", pre_push=pre_push))


@command("uninstall", hook_app)
def hook_uninstall() -> None:
    """Remove specflow's hooks and put back the ones they replaced, byte for byte.

    Example: specflow hook uninstall
    """
    from specflow.commands.hook import run

    raise typer.Exit(run("uninstall", pre_push=False))


def main() -> None:
    app(prog_name="specflow")


if __name__ == "__main__":  # pragma: no cover
    main()
