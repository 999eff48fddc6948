"""The `specflow` command's way in. The commit hooks' check runs without typer: importing it is
a third of what a hook costs, and their command lines need none of it (SPEED-7, CLI-5). Any other
command line, an option the hooks do not use, or `--help` goes to the typer app in cli.py.
Either way the command's body is `specflow.commands.check.check`."""

from __future__ import annotations

import gc
import os
import sys
import warnings
from pathlib import Path

from specflow.errors import SpecflowError, one_line

# SPEED-14: True once `main` runs: this process is the `specflow` command itself, not a test's
# CliRunner inside pytest, which must go on after the command.
_own_process = False


def main() -> None:
    global _own_process
    _own_process = True
    quiet_compiler()
    try:
        code = hook_check(sys.argv[1:])
        if code is None:
            from specflow.cli import main as full  # LAYOUT-12: the edge, typer off the hooks' path

            full()
    except BrokenPipeError:  # HARDEN-23: outside a command (typer's own output, --help)
        sys.exit(reader_gone())
    except Exception as error:  # HARDEN-22: a bug of ours is one line, exit 2, never a traceback
        if os.environ.get("SPECFLOW_TRACEBACK"):
            raise
        where = f"{type(error).__name__}: {error}".splitlines()[0][:300]
        print(
            f"specflow: internal error ({where}); this is a bug in specflow, please report it "
            "with the output of the same command run with SPECFLOW_TRACEBACK=1",
            file=sys.stderr,
        )
        sys.exit(2)
    sys.exit(code)


def quiet_compiler() -> None:
    """HARDEN-E15: what Python's compiler says of code specflow parses (a user's `"\\d"`, a PHP
    string read as a literal) is no output of specflow's."""
    warnings.filterwarnings("ignore", category=SyntaxWarning)
    warnings.filterwarnings("ignore", "invalid escape sequence", DeprecationWarning)


def leave() -> None:
    """SPEED-14: end specflow's own process now, its output written, without freeing what the
    command built: a review of 100,000 changed lines holds millions of objects, and freeing
    them, then the interpreter's teardown, took 0.14 s after the last byte was out (mypy's
    `hard_exit` does the same). For a command with nothing left to do and exit code 0."""
    if not _own_process:
        return
    sys.stdout.flush()  # a closed pipe raises here, as it would have at exit
    sys.stderr.flush()
    os._exit(0)


def hook_check(args: list[str]) -> int | None:
    """The exit code of `check` run as a hook runs it, or None when `args` are not such a run."""
    form = _hook_form(args)
    if form is None or any(os.environ.get(f"PRE_COMMIT_{end}_REF") for end in ("FROM", "TO")):
        return None  # SPEED-7: a pre-push run goes to typer; judged.revision picks its span
    message_file, before_message, message_only = form
    # The cycle collector would run dozens of times over the modules being imported and the
    # caches being unpickled, and find nothing: a hook's process is short and small.
    gc.disable()
    from specflow.commands.check import check  # LAYOUT-12: --help and --version skip it

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


def failure_code(exc: BaseException) -> int:
    """Print what stopped a command as one line and give its exit code; re-raise a bug."""
    from specflow.output import console  # only on a failure: --help loads no output

    if isinstance(exc, BrokenPipeError):
        return reader_gone()
    said = failure_message(exc)
    if said is not None:
        console.err(said)
        return exc.exit_code if isinstance(exc, SpecflowError) else 2
    if isinstance(exc, KeyboardInterrupt):
        console.err("specflow: interrupted")
        return 130
    raise exc


SIGPIPE_EXIT = 141  # 128 + SIGPIPE: what `git log | head` gives


def reader_gone() -> int:
    """HARDEN-23: the reader closed the pipe (`specflow list | head -1`): nothing to say, and
    the exit code git and the shell's own tools give; stdout goes to /dev/null so that the
    flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return SIGPIPE_EXIT


def failure_message(exc: BaseException) -> str | None:
    """The one line that bad input or the environment earns (the CLI's, and the MCP tools'
    errors); None for anything else, a bug."""
    if isinstance(exc, SpecflowError):
        return f"specflow: error: {exc}"
    if isinstance(exc, OSError):  # a full disk, a permission: the environment, not a bug
        where = f"{one_line(str(exc.filename))}: " if exc.filename else ""
        return f"specflow: error: {where}{exc.strerror or exc}"
    return None
