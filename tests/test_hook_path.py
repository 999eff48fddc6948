"""The hooks' check runs without typer and says exactly what the typer command says (SPEED-7)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from testing.stories import BCRYPT_RESET, FIXED_RESET, RESET_TESTS

# Runs the command line as the installed `specflow` would, through entry.main or straight through
# the typer app, and reports whether typer was imported on the way.
PROBE = """
import sys
entry = sys.argv.pop(1)
sys.argv[0] = "specflow"
if entry == "entry":
    from specflow.entry import main
else:
    from specflow.cli import main
try:
    main()
    code = 0
except SystemExit as exc:
    code = exc.code or 0
sys.stdout.flush()
sys.stderr.write(f"\\n@@ code={code} typer={'typer' in sys.modules}\\n")
"""


def run(cwd: Path, entry: str, *args: str, env: dict[str, str] | None = None) -> tuple[str, ...]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, entry, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    err, _, tail = done.stderr.rpartition("\n@@ ")
    return done.stdout, err, tail.strip()


def both(cwd: Path, *args: str, env: dict[str, str] | None = None) -> tuple[tuple[str, ...], bool]:
    """The fast path's output, exit code and whether it imported typer, after checking that the
    typer command gives the same output and code."""
    fast = run(cwd, "entry", *args, env=env)
    full = run(cwd, "cli", *args, env=env)
    assert fast[:2] == full[:2]
    assert fast[2].split()[0] == full[2].split()[0]  # the exit code
    return (*fast[:2], fast[2].split()[0]), "typer=True" in fast[2]


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--staged", "--before-message"),
        ("check", "--before-message", "--staged"),
        ("check", "--staged", "--message-file", ".git/MSG"),
        ("check", "--message-file", ".git/MSG", "--staged"),
    ],
)
def test_the_hooks_command_lines_skip_typer_and_say_the_same(story, args):
    """SPEED-7: the bcrypt commit is blocked, the fixed one passes, a dangling ID in the message
    is blocked: the same words and exit codes as the typer command, without importing typer."""
    (story.path / ".git" / "MSG").write_text("Reset passwords (RESET-1, RESET-9)\n")
    story.stage({"src/auth/reset.py": BCRYPT_RESET})
    (out, err, code), typer_loaded = both(story.path, *args)
    assert code == "code=1" and not typer_loaded
    assert "RESET" in out + err
    story.stage({"src/auth/reset.py": FIXED_RESET, "tests/test_reset.py": RESET_TESTS})
    (out, err, code), typer_loaded = both(story.path, *args)
    expected = "code=1" if "--message-file" in args else "code=0"  # RESET-9 does not exist
    assert code == expected and not typer_loaded


def test_skip_bad_input_and_other_options(story, tmp_path):
    """SPEED-7: SPECFLOW_SKIP, a missing message file, a folder outside git (exit 2 with one
    line) behave as in the typer command; any other option goes to typer."""
    import os

    skip = {**os.environ, "SPECFLOW_SKIP": "1"}
    assert both(story.path, "check", "--staged", "--before-message", env=skip)[0][2] == "code=0"
    (_out, err, code), _ = both(story.path, "check", "--staged", "--message-file", "nope")
    assert code == "code=2" and err.startswith("specflow: error:") and "nope" in err
    outside = tmp_path / "outside folder"
    outside.mkdir()
    (_out, err, code), _ = both(outside, "check", "--staged", "--before-message")
    assert code == "code=2" and err.count("\n") == 1
    for other in (("check", "--staged", "--format", "json"), ("check", "--staged", "--help")):
        assert "typer=True" in run(story.path, "entry", *other)[2]
    ranged = {**os.environ, "PRE_COMMIT_FROM_REF": "HEAD", "PRE_COMMIT_TO_REF": "HEAD"}
    assert "typer=True" in run(story.path, "entry", "check", "--staged", env=ranged)[2]
