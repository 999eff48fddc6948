"""Security: what a repository, a pull request or a user types cannot make specflow run, read,
write or send anything it should not (specs/hardening.md: HARDEN-9..14, HARDEN-E2,
HARDEN-17, HARDEN-20, HARDEN-21). docs/security.md has the threat model. Real repositories
and real git: a logging `git` on PATH records what reaches git and hands every call on."""

from __future__ import annotations

import ast
import json
import os
import re
import socket
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from specflow import templates
from testing.stories import PAY_SPEC
from testing.util import Repo, reviews_in_time

SRC = Path(__file__).parents[1] / "src" / "specflow"
CODE = {
    "specs/pay.md": PAY_SPEC,
    "src/pay/charge.py": "def charge(cents):  # PAY-1\n    return cents\n",
    "tests/test_pay.py": "def test_pay():  # PAY-1, PAY-2\n    pass\n",
}


# --- nothing reaches git as an option (HARDEN-9) -----------------------------------------------


REAL_GIT = subprocess.run(["sh", "-c", "command -v git"], capture_output=True, text=True).stdout


@pytest.fixture
def git_calls(tmp_path, monkeypatch):
    """Every argv git receives from now on, recorded by a `git` that then runs the real one."""
    folder = tmp_path / "calls"
    folder.mkdir()
    bin_dir = tmp_path / "logging-bin"
    bin_dir.mkdir()
    script = bin_dir / "git"
    script.write_text(
        f'#!/bin/sh\nprintf \'%s\\0\' "$@" > "$(mktemp {folder}/call.XXXXXX)"\n'
        f'exec {REAL_GIT.strip()} "$@"\n'
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")

    def calls() -> list[list[str]]:
        return [
            [os.fsdecode(arg) for arg in call.read_bytes().split(b"\0")[:-1]]
            for call in sorted(folder.iterdir())
        ]

    return calls


def as_options(calls: list[list[str]], hostile: str) -> list[list[str]]:
    """The calls where `hostile` stands where git would read it as an option: an argument of
    its own that starts with `-`, before any `--` or `--end-of-options`, and not the pattern
    of a `-e`."""
    found = []
    for argv in calls:
        for index, arg in enumerate(argv):
            if arg in ("--", "--end-of-options"):
                break
            if arg.startswith(hostile) and argv[index - 1] != "-e":
                found.append(argv)
    return found


@pytest.fixture
def project(repo) -> Repo:
    repo.commit("payments", dict(CODE))
    repo.commit("more", {"src/pay/refund.py": "def refund(cents):  # PAY-2\n    return cents\n"})
    return repo


def assert_nothing_written(repo: Repo, tmp_path: Path) -> None:
    for folder in (tmp_path, repo.path, repo.path / "src" / "pay"):
        assert not (folder / "written-by-git").exists()
        assert not (folder / "pwned").exists()


@pytest.mark.parametrize(
    "command",
    [
        ("review", "--"),
        ("check", "--"),
        ("report", "--"),
        ("comment", "--"),
        ("context", "--"),
        ("review", "HEAD..", "--"),  # a range whose right side is the option
    ],
    ids=["review", "check", "report", "comment", "context", "range"],
)
def test_a_revision_or_name_that_looks_like_an_option_never_reaches_git_as_one(
    project, cli, git_calls, tmp_path, command
):
    """HARDEN-9: `--output=FILE` once let a revision write a file through git."""
    hostile = f"--output={tmp_path / 'written-by-git'}"
    *words, dashes = command
    if words[-1] == "HEAD..":
        words, hostile = words[:-1], "HEAD.." + hostile
    result = cli(*words, dashes, hostile)
    assert result.code in (0, 2), result  # context searches for the name; the others refuse
    assert "Traceback" not in result.err
    assert git_calls(), "the logging git saw nothing: the test would prove nothing"
    assert as_options(git_calls(), "--output") == []
    assert_nothing_written(project, tmp_path)


def test_files_named_like_options_in_a_change(project, cli, git_calls, tmp_path):
    """HARDEN-9: `-rf`, `--output=FILE` and `--exec=...` as file names: paths only ever follow
    `--`, or travel on stdin or inside an output git wrote."""
    names = {
        "-rf": "x = 1  # PAY-1\n",
        f"--output={tmp_path / 'written-by-git'}": "x = 2\n",
        "src/pay/--exec=touch pwned.py": "x = float(3)\n",
    }
    project.commit("odd names", names)
    project.stage({"-rf": "x = 3\n"})
    for args in (("review",), ("check",), ("check", "--staged"), ("review", "--worktree")):
        result = cli(*args, "--format", "json")
        assert result.code in (0, 1), result
    data = json.loads(cli("review", "--format", "json").out)
    assert {f["path"] for f in data["files"]} == set(names)
    for hostile in ("-rf", "--output", "--exec"):
        assert as_options(git_calls(), hostile) == [], hostile
    assert_nothing_written(project, tmp_path)


def test_scope_globs_config_and_message_files_named_like_options(project, cli, git_calls, tmp_path):
    """HARDEN-9: spec scope globs, configured globs and the message file are read by specflow,
    never handed to git as options; the message file `-x` is a file like any other."""
    spec = PAY_SPEC.replace("  - src/pay/**", "  - src/pay/**\n  - --exec=touch pwned")
    project.commit(
        "options as globs",
        {
            "specs/pay.md": spec,
            "specflow.toml": 'specs_dir = "specs"\nexclude = ["--output=out", "-rf"]\n'
            'test_globs = ["--exec=*", "tests/**"]\n',
        },
    )
    (project.path / "-x").write_text("Charge in cents: PAY-1, PAY-2\n")
    result = cli("check", "--staged", "--message-file", "-x", "--format", "json")
    assert result.code == 0, result
    for args in (("lint",), ("list",), ("review",), ("new", "Refunds", "--scope", "--exec=*")):
        assert cli(*args).code in (0, 1), args
    for hostile in ("--exec", "--output", "-rf", "-x"):
        assert as_options(git_calls(), hostile) == [], hostile
    assert_nothing_written(project, tmp_path)


def test_ci_and_pre_commit_environments_cannot_pass_options(
    project, cli, git_calls, tmp_path, monkeypatch
):
    """HARDEN-9: refs from the CI or the pre-commit framework are revisions like any other."""
    hostile = f"--output={tmp_path / 'written-by-git'}"
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", "HEAD~1")
    monkeypatch.setenv("PRE_COMMIT_TO_REF", hostile)
    assert cli("check").code == 2
    monkeypatch.delenv("PRE_COMMIT_FROM_REF")
    monkeypatch.delenv("PRE_COMMIT_TO_REF")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"base": {"ref": hostile}}}))
    for name, value in {
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_BASE_REF": hostile,
        "GITHUB_SHA": project.head(),
        "GITHUB_REF": "refs/heads/feature",
    }.items():
        monkeypatch.setenv(name, value)
    for command in ("check", "review", "comment"):
        result = cli(command)
        assert result.code == 2 and "Traceback" not in result.err, result
    assert as_options(git_calls(), "--output") == []
    assert_nothing_written(project, tmp_path)


# --- no shell (HARDEN-10) ----------------------------------------------------------------------


def calls_in(path: Path) -> list[tuple[str, int]]:
    """What in a module could start a shell: (what, line)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not isinstance(node, ast.Call):
            continue
        name = ast.unparse(node.func)
        if name in ("os.system", "os.popen", "subprocess.getoutput", "subprocess.getstatusoutput"):
            found.append((name, node.lineno))
        if name.startswith(("os.exec", "os.spawn", "pty.spawn", "os.posix_spawn")):
            found.append((name, node.lineno))
        for keyword in node.keywords:
            if keyword.arg == "shell" and not (
                isinstance(keyword.value, ast.Constant) and keyword.value.value is False
            ):
                found.append((f"{name}(shell=...)", node.lineno))
    return found


def test_no_shell_anywhere_and_git_only_through_gitio():
    """HARDEN-10: no `shell=True`, `os.system`, `os.popen` or exec in the package; subprocess
    is used by gitio (git) and demo (the story's own unittest run) only."""
    modules = sorted(SRC.rglob("*.py"))
    assert len(modules) > 30
    found = {path.name: calls_in(path) for path in modules}
    assert {name: calls for name, calls in found.items() if calls} == {}
    users = sorted(
        p.name for p in modules if re.search(r"^\s*import subprocess", p.read_text(), re.M)
    )
    assert users == ["demo.py", "gitio.py"]


def test_the_scanner_finds_what_it_looks_for(tmp_path):
    """HARDEN-10: the scan above can fail."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os, subprocess\nos.system('x')\nsubprocess.run('x', shell=True)\n"
        "subprocess.run(['x'], shell=False)\nos.popen('y')\n"
    )
    assert [what for what, _ in calls_in(sample)] == [
        "os.system",
        "subprocess.run(shell=...)",
        "os.popen",
    ]


# --- repository templates are sandboxed (HARDEN-11) --------------------------------------------

INJECTIONS = [
    "{{ cycler.__init__.__globals__.os.popen('touch pwned').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ lipsum.__globals__['os'].system('touch pwned') }}",
    "{% set x = namespace() %}{{ x.__init__.__globals__ }}{{ self._TemplateReference__context }}",
    "{{ joiner.__init__.__globals__.__builtins__.open('/etc/passwd').read() }}",
]
OVERRIDES = {
    "review.md.j2": ("review", "--format", "markdown"),
    "review.txt.j2": ("review",),
    "comment.md.j2": ("comment",),
    "report.md.j2": ("report", "--format", "markdown"),
    "brief.md.j2": ("brief", "PAY"),
}


@pytest.mark.parametrize("injection", INJECTIONS, ids=range(len(INJECTIONS)))
@pytest.mark.parametrize("template", sorted(OVERRIDES))
def test_template_injection_from_the_repository_fails_and_runs_nothing(
    project, cli, template, injection
):
    """HARDEN-11: `.specflow/templates/` overrides render in Jinja2's immutable sandbox."""
    project.commit("override", {f".specflow/templates/{template}": f"Hi\n{injection}\n"})
    result = cli(*OVERRIDES[template])
    assert result.code == 2, result
    assert "Traceback" not in result.err
    assert f".specflow/templates/{template}:2" in result.err
    assert "root:" not in result.out and "pwned" not in result.out
    assert not (project.path / "pwned").exists()


def test_an_override_renders_in_the_sandbox(project, cli):
    """HARDEN-11: the sandbox is not a refusal of every override (the tests above could pass by
    ignoring the file)."""
    project.commit("override", {".specflow/templates/review.md.j2": "Reviewed {{ 7 * 6 }}\n"})
    assert cli("review", "--format", "markdown").out == "Reviewed 42\n"


@pytest.mark.parametrize("command", ["review", "comment"])
@pytest.mark.parametrize("link", ["template", "include", "folder"])
def test_a_template_cannot_read_a_file_through_a_symlink(project, cli, tmp_path, link, command):
    """HARDEN-E2: a symlink in `.specflow/templates/` would read any file (`/proc/self/environ`
    and the CI's tokens) into a pull-request comment: it is refused."""
    name, args = {
        "review": ("review.md.j2", ("review", "--format", "markdown")),
        "comment": ("comment.md.j2", ("comment",)),
    }[command]
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "environ").write_text("GITHUB_TOKEN=ghs_leaked\n")
    folder = project.path / ".specflow" / "templates"
    folder.mkdir(parents=True)
    if link == "template":
        (folder / name).symlink_to(secret / "environ")
    elif link == "include":
        (folder / "leak.j2").symlink_to(secret / "environ")
        (folder / name).write_text("{% include 'leak.j2' %}\n")
    else:
        (folder / "proc").symlink_to(secret)
        (folder / name).write_text("{% include 'proc/environ' %}\n")
    project.commit("links")
    result = cli(*args)
    assert "ghs_leaked" not in result.out + result.err
    assert result.code == 2 and "symlink" in result.err, result


def test_templates_folder_that_is_a_symlink_is_refused(project, cli, tmp_path):
    """HARDEN-E2"""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "review.md.j2").write_text("from elsewhere\n")
    (project.path / ".specflow").mkdir()
    (project.path / ".specflow" / "templates").symlink_to(elsewhere)
    result = cli("review", "--format", "markdown")
    assert result.code == 2 and "from elsewhere" not in result.out, result
    templates.environment.cache_clear()


# --- hostile text is inert everywhere (HARDEN-12) ----------------------------------------------

ESC = "\x1b"
INJECTED = "{{ 'inj' ~ 'ected' }}"  # rendered by a template engine, it would read `injected`
HOSTILE = (
    f'<script>alert(1)</script> "><img src=x onerror=alert(1)> {INJECTED} {{{{7*7}}}} '
    f"{ESC}[31mred{ESC}[0m {ESC}]0;title\x07 @octocat <!-- hidden"
)
HOSTILE_SPEC = f"""---
id: EVIL
status: active
scope: ["src/**"]
owners: ["@octocat"]
---
# Evil {HOSTILE}

## Context
- Context: {HOSTILE}

## Requirements
- EVIL-1: {HOSTILE}
- EVIL-2: Refunds, {HOSTILE}

## Edge Cases
- EVIL-E1: {HOSTILE}

## Constraints
- forbid `float(` in `src/**`: {HOSTILE}
"""
HOSTILE_FILE = 'src/evil "><img src=x onerror=alert(2)> @octocat.py'


@pytest.fixture
def hostile(repo) -> Repo:
    repo.commit("spec", {"specs/evil.md": HOSTILE_SPEC})
    repo.commit(
        f"Evil change EVIL-1 {HOSTILE}",
        {
            HOSTILE_FILE: f"def evil():  # EVIL-1 {HOSTILE}\n    return float(1)\n",
            "tests/test_evil.py": "def test_evil():  # EVIL-1\n    pass\n",
        },
    )
    return repo


MARKDOWN = "markdown"
FORMATS = {
    "review text": (("review",), "text"),
    "review markdown": (("review", "--format", "markdown"), MARKDOWN),
    "review json": (("review", "--format", "json"), "json"),
    "check text": (("check",), "text"),
    "check json": (("check", "--format", "json"), "json"),
    "check github": (("check", "--format", "github"), "github"),
    "check sarif": (("check", "--format", "sarif"), "json"),
    "comment": (("comment",), MARKDOWN),
    "report text": (("report",), "text"),
    "report markdown": (("report", "--format", "markdown"), MARKDOWN),
    "report json": (("report", "--format", "json"), "json"),
    "brief markdown": (("brief", "EVIL"), MARKDOWN),
    "brief json": (("brief", "EVIL", "--format", "json"), "json"),
    "list text": (("list",), "text"),
    "list json": (("list", "--format", "json"), "json"),
    "show text": (("show", "EVIL"), "text"),
    "show json": (("show", "EVIL-1", "--format", "json"), "json"),
}


def inert_markdown(out: str) -> None:
    """As a forge renders it (raw HTML allowed): no tag or handler from the spec comes alive."""
    html = MarkdownIt("commonmark").render(out)
    assert not re.search(r"<(script|img)\b", html, re.I), html
    assert not re.search(r"<[^>]* on\w+=", html, re.I)


@pytest.mark.parametrize(
    "name",
    [name for name in FORMATS],
)
def test_hostile_spec_text_is_inert_in_every_output_format(hostile, cli, name):
    """HARDEN-12: script tags, an attribute break-out, template syntax, terminal escapes, a
    mention and an HTML comment, in the spec's title, Context, items, constraint reason, the
    commit message and a file name."""
    args, kind = FORMATS[name]
    result = cli(*args)
    assert result.code in (0, 1), result
    out = result.out
    assert "EVIL" in out
    assert "injected" not in out, "template syntax from the spec was evaluated"
    assert ESC not in out and "\x07" not in out and "\\u001b" not in out
    if kind == "json":
        json.loads(out)
    if kind == MARKDOWN:
        inert_markdown(out)
    if kind == "github":
        lines = out.splitlines()
        assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
        assert all(line.count("::") == 2 for line in lines), "a second command on one line"


def test_hostile_text_in_the_html_report_stays_text(hostile, cli, tmp_path):
    """HARDEN-12: the page escapes text and attributes (test_commands_report.py runs it in a
    browser)."""
    result = cli("report", "--html", str(tmp_path / "site"))
    assert result.code == 0, result
    html = (tmp_path / "site" / "index.html").read_text()
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img" not in html and ESC not in html and "injected" not in html
    assert html.count("<script") == 1  # the page's own


def test_hostile_text_in_a_pull_request_comment_mentions_nobody(hostile, cli):
    """HARDEN-12: a forge links mentions and hides HTML comments; neither comes through."""
    body = cli("comment").out
    outside_code = re.sub(
        r"<code>.*?</code>", "", MarkdownIt("commonmark").render(body), flags=re.S
    )
    assert "octocat" in outside_code and not re.search(r"@\w", outside_code)
    assert body.count("<!--") == 1  # specflow's own marker


# --- `new` stays inside specs/ (HARDEN-13) -----------------------------------------------------


@pytest.mark.parametrize(
    "title",
    ["../../escape", "/etc/passwd", "..", "a/../../b", "..\\..\\win", "specs/../../x"],
)
def test_new_writes_only_inside_the_specs_folder(repo, cli, title):
    """HARDEN-13: whatever the title, one new file, directly in specs/."""
    before = {p for p in repo.path.parent.rglob("*") if p.is_file()}
    result = cli("new", title, "--id", "ESC")
    after = {p for p in repo.path.parent.rglob("*") if p.is_file()}
    created = after - before
    if result.code == 0:
        assert len(created) == 1
        (path,) = created
        assert path.parent == repo.path / "specs"
    else:
        assert result.code == 2 and created == set()


def test_new_does_not_write_through_a_specs_folder_that_is_a_symlink(repo, cli, tmp_path):
    """HARDEN-20"""
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo.path / "specs").symlink_to(outside)
    result = cli("new", "Refunds")
    assert list(outside.iterdir()) == []
    assert result.code == 2, result


# --- no network but `comment --post` (HARDEN-14) -----------------------------------------------


@pytest.fixture
def no_network(monkeypatch):
    """Every way out of the process to the network, recorded and refused."""
    attempts: list[str] = []

    def refuse(what: str):
        def refused(*args, **kwargs):
            attempts.append(f"{what}{args[1:2]}")
            raise OSError(f"network access refused by the test: {what}")

        return refused

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("sendto"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


def test_no_command_but_comment_post_touches_the_network(hostile, cli, no_network, tmp_path):
    """HARDEN-14: the commands read git and files only; the report page loads nothing."""
    runs = [
        ("review", "--format", "markdown"),
        ("check", "--format", "sarif"),
        ("check", "--format", "github"),
        ("comment",),
        ("report", "--html", str(tmp_path / "site")),
        ("brief", "EVIL"),
        ("list",),
        ("show", "EVIL-1"),
        ("lint",),
        ("context", "evil"),
        ("new", "Another spec"),
        ("hook", "install"),
        ("demo",),
    ]
    for args in runs:
        result = cli(*args)
        assert result.code in (0, 1), (args, result)
    assert no_network == []


def test_comment_post_is_the_one_that_does(hostile, cli, no_network, monkeypatch):
    """HARDEN-14: and the guard above sees it (the test above could not pass by accident)."""
    for name, value in {
        "GITHUB_TOKEN": "ghs_x",
        "GITHUB_REPOSITORY": "acme/app",
        "GITHUB_API_URL": "https://api.github.example",
    }.items():
        monkeypatch.setenv(name, value)
    result = cli("comment", "--post", "github", "--pr", "5")
    assert result.code == 2, result
    assert "Traceback" not in result.err
    assert no_network, "the guard saw no attempt"


def test_a_long_word_without_a_call_does_not_stall_the_review(repo, cli):
    """HARDEN-21: the ripple stage's patterns are linear: a 200,000-character word is read in
    one pass (a quadratic pattern took minutes, so the subprocess has a generous deadline)."""
    repo.commit("base", {"src/a.py": "x = 1\n"})
    repo.commit("long", {"src/a.py": "x = 1\nvalue = " + "a" * 200_000 + "\n"})
    reviews_in_time(repo.path)


HOSTILE_ID = (
    "A</b></summary></details> <h1>nothing blocks</h1> "
    '<img src="https://attacker.example/t.png"> @octocat <!-- '
)


def test_a_spec_id_of_markup_reaches_no_output(repo, cli, tmp_path, monkeypatch):
    """HARDEN-E7: helper-49's `id:` closed the review's <details> in the CI job summary."""
    spec = f"---\nid: '{HOSTILE_ID}'\nscope: [src/**]\n---\n# T\n\n## Requirements\n- A-1: x.\n"
    repo.commit("spec", {"specs/a.md": spec, "src/f.py": "# A-1\n"})
    repo.commit("two", {"src/f.py": "# A-1\nx = 1\n"})
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    linted = cli("lint")
    assert "specs/a.md:2: error [invalid-front-matter] `id` must be capitals" in linted.out
    outputs = [
        cli("review", "HEAD", "--format", "markdown").out,
        cli("report", "--format", "markdown").out,
        cli("brief", "src/f.py").out,
    ]
    cli("check", "HEAD", "--format", "github")
    outputs.append(summary.read_text())
    for out in outputs:
        assert "</summary></details>" not in out and "<img" not in out, out
    assert "<b>A</b>" in outputs[0]  # the id its file name gives


def test_a_yaml_alias_bomb_in_front_matter_is_bad_input(repo, cli):
    """HARDEN-E8: helper-49's nine levels of nine in an unknown key (`show --format json` and
    the MCP `specs_for` grew past 2.5 GB)."""
    levels = ["lol0: &a0 [" + ", ".join(['"lol"'] * 9) + "]"]
    for n in range(1, 9):
        levels.append(f"lol{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    front = "\n".join(["id: A", *levels])
    repo.commit("spec", {"specs/a.md": f"---\n{front}\n---\n# A\n\n## Requirements\n- A-1: x\n"})
    for args in (("lint",), ("show", "A", "--format", "json")):
        done = cli(*args)
        assert done.code == 2, done
        assert "specs/a.md:4: front matter uses a YAML alias (*a0)" in done.err, done.err


def test_an_error_naming_a_file_with_line_breaks_is_one_line(repo, cli):
    """HARDEN-E10: helper-49's spec name that puts workflow commands on lines of their own."""
    name = "specs/x\n::warning title=specflow::approved\n::add-mask::HEAD\n.md"
    repo.commit("spec", {name: "---\nid: [\n---\n# A\n", "src/f.py": "x\n"})
    repo.commit("two", {"src/f.py": "x = 1\n"})
    for args in (("check", "HEAD", "--format", "github"), ("lint",)):
        done = cli(*args)
        assert done.code == 2, done
        assert done.err.count("\n") == 1, done.err
        assert "specs/x\\n::warning title=specflow::approved\\n::add-mask::HEAD\\n.md:" in done.err


def test_a_pipe_in_a_code_span_stays_in_its_report_table_cell(repo, cli):
    """HARDEN-E11: helper-49's requirement that filled its own Implemented and Verified cells."""
    forged = "x `a | src/real.py:1 | tests/test_real.py:1` y"
    repo.commit(
        "spec", {"specs/a.md": f"---\nid: A\n---\n# A\n\n## Requirements\n- A-1: {forged}\n"}
    )
    (row,) = [
        line for line in cli("report", "--format", "markdown").out.splitlines() if "A-1" in line
    ]
    cells = re.split(r"(?<!\\)\|", row.strip().strip("|"))
    assert len(cells) == 6, row
    assert cells[4].strip() == cells[5].strip() == "", row
