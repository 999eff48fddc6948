"""The command line itself: version, help, configuration, where it runs, output, exit codes."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from specflow import __version__
from specflow.cli import app

SPEC = """\
---
id: RESET
owners: [security]
---
# Password reset

## Context
- Hashes are SHA-256.

## Requirements
- RESET-1: New hashes stay SHA-256.
- [ ] RESET-2: Old hashes move to bcrypt.

## Edge Cases
- RESET-E1: Two resets in a row.
"""
COMMANDS = ["init", "new", "lint", "list", "show"]
ANSI = "\x1b["


def assert_bad_input(result, *words: str) -> None:
    """CLI-2: exit 2, one line on stderr that names the problem, never a traceback."""
    assert result.code == 2, result
    assert result.err.startswith("specflow: error: ") and result.err.count("\n") == 1, result
    assert "Traceback" not in result.err + result.out
    for word in words:
        assert word in result.err, result


# --- CLI-1: version and help ------------------------------------------------------------------


def test_version(cli):
    """CLI-1"""
    result = cli("--version")
    assert (result.code, result.out) == (0, f"specflow {__version__}\n")


def all_commands(group: Any = None, prefix: str = "") -> list[str]:
    """Every command and sub-command (`hook install`), including those added after this test."""
    group = group or typer.main.get_command(app)
    found: list[str] = []
    for name, command in sorted(getattr(group, "commands", {}).items()):
        found += [f"{prefix}{name}", *all_commands(command, f"{prefix}{name} ")]
    return found


def test_the_issue_commands_are_all_there():
    assert set(COMMANDS) <= set(all_commands())


@pytest.mark.parametrize(
    "command",
    all_commands(),
)
def test_every_command_has_help_with_an_example(cli, command):
    """CLI-1"""
    result = cli(*command.split(), "--help")
    assert result.code == 0
    assert f"Example: specflow {command}" in result.out


def test_top_level_help_lists_every_command(cli):
    result = cli("--help")
    assert result.code == 0
    for command in COMMANDS:
        assert command in result.out


ROOT = Path(__file__).parents[1]
# How a command is written where a user reads it: in a code span, after `$ `, `-m `, `entry: `
# or `Example: `, in HTML's <code>, or opening a line of a Markdown code block or a template.
_MENTION = re.compile(
    r"(?:`|<code>|\$ |-m |entry: |Example: )specflow ([a-z][a-z-]*)(?: ([a-z]+))?"
)
_LINE = re.compile(r"\s*specflow ([a-z][a-z-]*)(?: ([a-z]+))?")


def command_mentions(path: Path, text: str) -> Iterator[tuple[int, str, str | None]]:
    """Each `specflow COMMAND [WORD]` of `text` as (line, command, word)."""
    at_line_start = path.suffix not in (".md", ".py")  # a template's output
    in_block = False
    for number, line in enumerate(text.splitlines(), 1):
        if path.suffix == ".md" and line.lstrip().startswith(("```", "~~~")):
            in_block = not in_block
        found = list(_MENTION.finditer(line))
        if (at_line_start or in_block) and (start := _LINE.match(line)):
            found.append(start)
        yield from ((number, *match.groups()) for match in found)


def wrong_mentions(path: Path, text: str) -> list[str]:
    """Mentions that name no command, or no sub-command of one that has them (`hook install`)."""
    commands = all_commands()
    subs = {name.split()[0] for name in commands if " " in name}
    return [
        f"{path}:{number}: specflow {name}{f' {word}' if word else ''}"
        for number, name, word in command_mentions(path, text)
        if name not in commands or (name in subs and word and f"{name} {word}" not in commands)
    ]


def user_facing_files() -> list[Path]:
    names = ["README.md", "action.yml", ".pre-commit-hooks.yaml", "docs/*.md"]
    names += ["src/specflow/**/*.py", "templates/**/*"]
    return sorted({path for name in names for path in ROOT.glob(name) if path.is_file()})


def test_every_command_users_read_of_exists():
    """CLI-E8: the trial's `specflow hooks install` was met with "No such command": every
    `specflow COMMAND` in the messages, help, templates, README and docs names a real one."""
    assert wrong_mentions(Path("x.md"), "run `specflow hooks install` then `specflow hook fix`")
    assert wrong_mentions(Path("x.md"), "```\nspecflow agent install\n```\n")
    seen, wrong = set(), []
    for path in user_facing_files():
        text = path.read_text(encoding="utf-8")
        seen |= {name for _, name, _ in command_mentions(path, text)}
        wrong += wrong_mentions(path.relative_to(ROOT), text)
    assert wrong == []
    assert seen >= set(COMMANDS)  # the scan reads what it should


def test_shell_completion_comes_from_typer(tmp_path):
    """CLI-1: asked as a shell's completion script asks (`--show-completion` would need to find
    the user's shell among its parent processes, which a CI runner may not have)."""
    env = {**os.environ, "_SPECFLOW_COMPLETE": "complete_bash", "COMP_CWORD": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "specflow"],
        env={**env, "COMP_WORDS": "specflow re"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.split() == ["review", "report"]


BUG = (
    "import sys, specflow.entry as entry\n"
    "def broken(args):\n"
    "    raise RuntimeError('zip() argument 2 is longer\\nthan argument 1')\n"
    "entry.hook_check = broken\n"
    "sys.argv = ['specflow', 'lint']\n"
    "entry.main()\n"
)


def test_a_bug_of_ours_is_one_line_and_exit_2_never_a_traceback(tmp_path):
    """HARDEN-22: the benchmark's real OpenSpec repository crashed `lint` with a traceback."""
    run = [sys.executable, "-c", BUG]
    done = subprocess.run(run, capture_output=True, text=True, cwd=tmp_path, check=False)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(
        "specflow: internal error (RuntimeError: zip() argument 2 is longer); this is a bug"
    )
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    env = {**os.environ, "SPECFLOW_TRACEBACK": "1"}
    shown = subprocess.run(run, capture_output=True, text=True, cwd=tmp_path, env=env, check=False)
    assert "Traceback" in shown.stderr and "RuntimeError" in shown.stderr


def test_a_reader_that_closes_the_pipe_gets_silence_and_141(repo):
    """HARDEN-23: `specflow list | head -1` said "specflow: error: Broken pipe" and exit 2
    (bad input, by the README) in 6 runs of 10; now nothing, and git's own exit code."""
    many = {f"specs/s{n}.md": SPEC.replace("RESET", f"S{n}") for n in range(1000)}
    repo.commit("specs", many)  # a list longer than a pipe holds (64 KiB)
    specflow = subprocess.Popen(
        [sys.executable, "-m", "specflow", "list"],
        cwd=repo.path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert specflow.stdout is not None and specflow.stderr is not None
    specflow.stdout.read(10)
    specflow.stdout.close()  # what `head` does once it has its line
    assert specflow.wait(timeout=60) == 141
    assert specflow.stderr.read() == b""


def test_a_wide_title_keeps_the_table_aligned(repo, cli):
    """CLI-E4: 0h-n0/local-voice-assistant-claude's Japanese titles shifted the PATH column."""
    from rich.cells import cell_len

    wide = SPEC.replace("# Password reset", "# 設定管理機能").replace("RESET", "WIDE")
    repo.commit("specs", {"specs/reset.md": SPEC, "specs/wide.md": wide})
    lines = cli("list").out.splitlines()
    starts = {cell_len(line[: line.index("specs/")]) for line in lines[1:]}
    assert len(starts) == 1, lines


def test_python_dash_m_specflow(tmp_path):
    """CLI-1"""
    done = subprocess.run(
        [sys.executable, "-m", "specflow", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, f"specflow {__version__}\n", "")


@pytest.mark.parametrize("argv", [["--version"], ["lint", "--help"], ["--help"]])
def test_start_up_imports_nothing_heavy(argv):
    """CLI-5: only typer (and the CLI's own small modules) on the way to --version or --help."""
    probe = (
        "import sys\n"
        f"sys.argv = ['specflow', *{argv!r}]\n"
        "from specflow.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "ALLOWED = ('specflow.cli', 'specflow.choices', 'specflow.entry', 'specflow.errors')\n"
        "heavy = ('jinja2', 'markdown_it', 'yaml', 'pathspec', 'mdit_py_plugins')\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in heavy or "
        "(m.startswith('specflow.') and m not in ALLOWED)]\n"
        "print(sorted(loaded), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert done.stderr.strip().splitlines()[-1] == "[]"


# --- CLI-2, CLI-3: configuration errors --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("specflow.toml", 'specs_dirr = "specs"\n', ["unknown key(s) specs_dirr", "known keys"]),
        ("specflow.toml", '[rules]\nbogus = "error"\n', ["unknown rule(s) bogus"]),
        ("specflow.toml", '[rules]\nconstraint = "fatal"\n', ["rule `constraint`", "'fatal'"]),
        ("specflow.toml", "specs_dir = [\n", ["specflow.toml:1: cannot read configuration"]),
        ("specflow.toml", "a = 1\nb = = 2\n", ["specflow.toml:2: cannot read", "Invalid value"]),
        ("specflow.toml", 'specs_dir = "../elsewhere"\n', ["specs_dir"]),
        # CLI-E3: read as `etc`, /etc dropped every spec of specs/ without a word
        ("specflow.toml", 'specs_dir = "/etc"\n', ["`specs_dir = '/etc'` must be a folder inside"]),
        ("specflow.toml", 'specs_dir = "C:/specs"\n', ["relative to it"]),
        ("specflow.toml", "specs_dir = 5\n", ["`specs_dir` must be a string (a folder), not 5"]),
        ("specflow.toml", "sources = []\n", ["`sources = []` reads no spec at all"]),
        ("specflow.toml", 'test_globs = "tests/**"\n', ["test_globs", "list"]),
        ("specflow.toml", "rules = 3\n", ["rules"]),
        ("specflow.toml", b"a = 1\nspecs_dir = '\xff'\n", ["specflow.toml:2: cannot read", "0xff"]),
        ("pyproject.toml", "[tool.specflow]\nexclud = []\n", ["unknown key(s) exclud"]),
        ("pyproject.toml", "[tool]\nspecflow = 3\n", ["[tool.specflow] must be a table"]),
    ],
)
def test_a_bad_configuration_exits_2_naming_the_file(repo, cli, name, content, words):
    """CLI-2, CLI-3"""
    repo.write({name: content, "specs/reset.md": SPEC})
    assert_bad_input(cli("lint"), f"specflow: error: {name}", *words)


def test_specflow_toml_wins_over_pyproject(repo, cli):
    """CLI-1; LINT-E8: the table it hides is a warning, never read (its broken key is no error)."""
    repo.write(
        {
            "specflow.toml": 'specs_dir = "docs/specs"\n',
            "pyproject.toml": "[tool.specflow]\nbroken_key = 1\n",
            "docs/specs/reset.md": SPEC.replace("id: RESET\n", "id: RESET\nscope: ['**']\n"),
        }
    )
    linted = cli("lint")
    assert linted.code == 0 and "0 errors, 1 warning in 1 spec(s).\n" in linted.out
    assert "pyproject.toml:1: warning [unread-configuration]" in linted.out


def test_a_pyproject_without_a_specflow_table_is_ignored(repo, cli):
    repo.write({"pyproject.toml": '[project]\nname = "x"\n', "specs/reset.md": SPEC})
    assert cli("lint").code == 0


def test_severities_in_the_configuration_are_read(repo, cli):
    repo.write({"specflow.toml": '[rules]\nuntested-requirement = "error"\n'})
    assert cli("lint").code == 0


# --- every command, given bad input, exits 2 with one line ---------------------------------------

BAD_CONFIG = {"specflow.toml": "nope = 1\n"}
BAD_SPEC = {"specs/reset.md": b"# Reset\n\n## Requirements\n- RESET-1: caf\xe9\n"}
BAD_FRONT = {"specs/reset.md": "---\n[a, b]\n---\n# Reset\n"}


@pytest.mark.parametrize(
    ("files", "argv", "words"),
    [
        *[
            (BAD_CONFIG, argv, ["specflow.toml", "nope"])
            for argv in (["init"], ["new", "Title"], ["lint"], ["list"], ["show", "RESET"])
        ],
        *[
            (BAD_SPEC, argv, ["specs/reset.md:4", "UTF-8"])
            for argv in (
                ["new", "Title"],
                ["lint"],
                ["lint", "--fix"],
                ["list"],
                ["show", "RESET-1"],
            )
        ],
        *[(BAD_FRONT, argv, ["specs/reset.md:1", "mapping"]) for argv in (["lint"], ["list"])],
        ({}, ["new", ""], ["title"]),
        ({}, ["new", "Title", "--id", "lower"], ["--id"]),
        ({"specs/reset.md": SPEC}, ["show", "NOPE-1"], ["NOPE-1", "specflow list"]),
    ],
)
def test_every_command_given_bad_input_exits_2_with_one_line(repo, cli, files, argv, words):
    """CLI-2, LINT-9, FORMAT-6"""
    repo.write(files)
    assert_bad_input(cli(*argv), *words)


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_option_is_a_usage_error_without_traceback(repo, cli, command):
    """CLI-2: click's usage errors are exit 2 too."""
    result = cli(command, "--no-such-option")
    assert result.code == 2
    assert "No such option: --no-such-option" in result.err
    assert "Traceback" not in result.err + result.out


def test_show_without_its_argument_is_a_usage_error(repo, cli):
    result = cli("show")
    assert result.code == 2 and "Missing argument" in result.err


# --- CLI-E1, CLI-E2: where it runs ------------------------------------------------------------


def test_running_from_a_sub_folder_finds_the_root(repo, cli, monkeypatch):
    """CLI-E1"""
    scoped = SPEC.replace("id: RESET\n", "id: RESET\nscope: [src/**]\n")  # LINT-E17
    repo.write({"specs/reset.md": scoped, "src/auth/deep/x.py": ""})
    monkeypatch.chdir(repo.path / "src" / "auth" / "deep")
    assert cli("lint").out.splitlines()[0] == "All good: 1 spec(s)."
    assert cli("new", "Login", "--id", "LOGIN").out.startswith("created specs/login.md")
    assert (repo.path / "specs" / "login.md").is_file()
    assert not (repo.path / "src" / "auth" / "deep" / "specs").exists()
    assert "RESET-1" in cli("show", "RESET").out


def test_running_outside_a_git_repository_uses_the_current_folder(tmp_path, cli, monkeypatch):
    """CLI-E2"""
    folder = tmp_path / "plain"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert not any((parent / ".git").exists() for parent in (folder, *folder.parents))
    assert cli("init").code == 0
    (folder / "src").mkdir()
    (folder / "src" / "auth.py").write_text('"""Auth."""\n')
    created = cli("new", "Password reset", "--id", "RESET", "--scope", "src/**")
    assert created.code == 0, created
    assert "`src/auth.py`: Auth." in (folder / "specs/password-reset.md").read_text()
    assert cli("lint").code == 0
    assert "RESET" in cli("list").out


def test_a_git_dir_kept_apart_from_its_work_tree_still_finds_the_root(tmp_path, cli, monkeypatch):
    """CLI-E5: with `GIT_DIR` and `GIT_WORK_TREE` (no `.git` in the work tree), `lint` from a
    sub-folder reads the repository's specs and `new` writes into the root's `specs/`."""
    git_dir, work = tmp_path / "repo.git", tmp_path / "work"
    subprocess.run(["git", "init", "-q", "--bare", str(git_dir)], check=True)
    subprocess.run(["git", "--git-dir", str(git_dir), "config", "core.bare", "false"], check=True)
    (work / "src").mkdir(parents=True)
    (work / "specs").mkdir()
    (work / "specs" / "reset.md").write_text(SPEC.replace("- RESET-1: New", "- RESET-2: New"))
    monkeypatch.setenv("GIT_DIR", str(git_dir))
    monkeypatch.setenv("GIT_WORK_TREE", str(work))
    monkeypatch.chdir(work / "src")
    linted = cli("lint")
    assert linted.code == 1 and "specs/reset.md" in linted.out, linted
    assert cli("new", "Billing", "--id", "BILL").out.startswith("created specs/billing.md")
    assert (work / "specs" / "billing.md").is_file()
    assert not (work / "src" / "specs").exists()


def test_list_and_show_say_a_draft_spec_enforces_nothing(repo, cli):
    """CLI-E6: as check reads it."""
    repo.write({"specs/reset.md": SPEC.replace("owners: [security]", "status: draft")})
    assert "RESET  draft   0/2" in cli("list").out
    assert "· not enforced (the spec is draft)" in cli("show", "RESET-1").out


# --- CLI-4: output --------------------------------------------------------------------------------


def test_piped_output_is_plain_text(repo, cli):
    """CLI-4"""
    repo.write({"specs/reset.md": SPEC.replace("- RESET-1: New", "- New")})
    for argv in (["lint"], ["list"], ["show", "RESET"], ["show", "RESET-2"]):
        result = cli(*argv)
        assert result.out and ANSI not in result.out + result.err, argv


def test_list_is_a_plain_table_when_piped(repo, cli):
    """CLI-4: the REFERENCED column counts requirements named anywhere in the work tree."""
    repo.write({"specs/reset.md": SPEC, "src/reset.py": "# RESET-1\n"})
    repo.git("add", "-A")
    assert cli("list").out.splitlines() == [
        "ID     STATUS  ENFORCED  REFERENCED  EDGE  TITLE           PATH",
        "RESET  active  1/2       1/2         1     Password reset  specs/reset.md",
    ]


def test_list_with_no_specs_says_how_to_start(repo, cli):
    result = cli("list")
    assert result.code == 0 and 'specflow new "Title"' in result.out


def run_in_terminal(argv: list[str], cwd: Path, **env: str) -> tuple[int, str]:
    """Run `specflow` with a pseudo-terminal as stdout, so it sees a real terminal."""
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    environment.update(TERM="xterm-256color", COLUMNS="200", **env)
    command = [sys.executable, "-m", "specflow", *argv]
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.chdir(cwd)
        os.execve(sys.executable, command, environment)
    output = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode()


def test_lint_on_a_terminal_is_coloured(repo):
    """CLI-4"""
    repo.write({"specs/reset.md": SPEC.replace("- RESET-1: New", "- New")})
    code, output = run_in_terminal(["lint"], repo.path)
    assert code == 1 and ANSI in output and "missing-id" in output


def test_no_color_is_respected_on_a_terminal(repo):
    """CLI-4"""
    repo.write({"specs/reset.md": SPEC.replace("- RESET-1: New", "- New")})
    code, output = run_in_terminal(["lint"], repo.path, NO_COLOR="1")
    assert code == 1 and ANSI not in output
    assert "specs/reset.md:11: error [missing-id]" in output


def test_list_on_a_terminal_is_a_rich_table(repo):
    """CLI-4"""
    repo.write({"specs/reset.md": SPEC})
    code, output = run_in_terminal(["list"], repo.path)
    assert code == 0 and "Password reset" in output and "Traceback" not in output


# --- JSON ---------------------------------------------------------------------------------------


def test_list_json(repo, cli):
    """CLI-4: `"schema": 1`."""
    repo.write({"specs/reset.md": SPEC})
    data = json.loads(cli("list", "--format", "json").out)
    assert data == {
        "schema": 1,
        "specs": [
            {
                "id": "RESET",
                "title": "Password reset",
                "status": "active",
                "path": "specs/reset.md",
                "source": "specflow",
                "scope": [],
                "owners": ["security"],
                "requirements": 2,
                "edge_cases": 1,
                "referenced": 0,
            }
        ],
    }


def test_show_spec_json(repo, cli):
    """CLI-4"""
    repo.write({"specs/reset.md": SPEC})
    data = json.loads(cli("show", "RESET", "--format", "json").out)
    assert data["schema"] == 1
    spec = data["spec"]
    assert [(r["id"], r["state"], r["enforced"], r["line"]) for r in spec["requirements"]] == [
        ("RESET-1", "plain", True, 11),
        ("RESET-2", "planned", False, 12),
    ]
    assert spec["edge_cases"][0]["kind"] == "edge-case"
    assert spec["context"] == [{"text": "Hashes are SHA-256.", "line": 8}]


def test_show_item_json_and_text(repo, cli):
    """CLI-4: show says where an item is referenced (tracked files of the work tree)."""
    repo.write(
        {"specs/reset.md": SPEC, "src/a.py": "# RESET-2\n", "tests/test_a.py": "# RESET-2\n"}
    )
    repo.git("add", "-A")
    data = json.loads(cli("show", "RESET-2", "--format", "json").out)
    assert data["schema"] == 1 and data["spec"]["id"] == "RESET"
    assert data["item"] == {
        "id": "RESET-2",
        "kind": "requirement",
        "state": "planned",
        "enforced": False,
        "text": "Old hashes move to bcrypt.",
        "path": "specs/reset.md",
        "line": 12,
        "references": [
            {"path": "src/a.py", "line": 1, "kind": "implements"},
            {"path": "tests/test_a.py", "line": 1, "kind": "verifies"},
        ],
    }
    assert "implemented at src/a.py:1" in cli("show", "RESET-2").out
    text = cli("show", "RESET-E1").out
    assert "RESET-E1  (edge-case of RESET: Password reset)" in text
    assert "specs/reset.md:15" in text


def test_show_an_unknown_number_of_a_known_spec(repo, cli):
    repo.write({"specs/reset.md": SPEC})
    result = cli("show", "RESET-9")
    assert result.code == 2 and "no spec or requirement 'RESET-9'" in result.err


def test_show_spec_text(repo, cli):
    repo.write({"specs/reset.md": SPEC})
    out = cli("show", "RESET").out
    assert "RESET  Password reset" in out
    assert "  [ ] RESET-2: Old hashes move to bcrypt.  (specs/reset.md:12)" in out


def test_show_a_spec_with_an_empty_context_item(repo, cli):
    repo.write({"specs/reset.md": SPEC.replace("- Hashes are SHA-256.", "-")})
    assert cli("show", "RESET").code == 0
