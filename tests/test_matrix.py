"""The edge-case matrix of issue 7: each repository state and environment, with the CLI run on a
real repository (review and check, lint and list where they read something), giving a sensible
result or a one-line error, never a traceback (specs/hardening.md: HARDEN-1..8, HARDEN-E1,
HARDEN-E3, HARDEN-E4, HARDEN-17..19).

Items already covered elsewhere are reused, not repeated: the diff model on odd paths and hostile
configuration for `review` (test_review_edges.py), revisions, shallow and bare for `review`
(test_gitio.py), conflicted merges in the hooks (test_commands_hook.py)."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from testing.histories import (
    NEWLINE,
    NON_UTF8,
    SPACED,
    add_submodule,
    bare_clone,
    git,
    linked_worktree,
    numstat,
    shallow_clone,
)
from testing.stories import PAY_SPEC
from testing.util import Cli, Repo, Result

PAY = PAY_SPEC
PROJECT: dict[str, str | bytes | None] = {
    "specs/pay.md": PAY,
    "src/pay/charge.py": "def charge(cents):  # PAY-1\n    return cents\n",
    "src/pay/refund.py": "def refund(cents):  # PAY-2\n    return cents\n",
    "tests/test_pay.py": "def test_pay():  # PAY-1, PAY-2\n    pass\n",
}
FLOAT: dict[str, str | bytes | None] = {
    "src/pay/charge.py": "def charge(amount):  # PAY-1\n    return float(amount)\n"
}
BLOCKED = [("constraint", "src/pay/charge.py", 2)]


def one_line_error(result: Result, *words: str) -> str:
    """Exit 2 with one line on stderr naming `words`, never a traceback."""
    assert result.code == 2, result
    assert "Traceback" not in result.err + result.out
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def verdict(cli: Cli, *args: str) -> tuple[int, list[tuple[str, str, int]]]:
    """`check ARGS --format json`: the exit code and the errors (rule, path, line)."""
    result = cli("check", *args, "--format", "json")
    assert result.code in (0, 1), result
    findings = json.loads(result.out)["findings"]
    errors = sorted((f["rule"], f["path"], f["line"]) for f in findings if f["severity"] == "error")
    assert (result.code == 1) == bool(errors), result
    return result.code, errors


def reviewed(cli: Cli, *args: str) -> dict:
    result = cli("review", *args, "--format", "json")
    assert result.code == 0, result
    data: dict = json.loads(result.out)
    return data


def listed(cli: Cli) -> dict[str, int]:
    """`list --format json`: each spec id with how many of its requirements are referenced."""
    result = cli("list", "--format", "json")
    assert result.code == 0, result
    return {spec["id"]: spec.get("referenced", 0) for spec in json.loads(result.out)["specs"]}


def command_key(command: str) -> str:
    return {"list": "specs", "lint": "findings"}[command]


def linted(cli: Cli) -> int:
    result = cli("lint")
    assert result.code in (0, 1), result
    assert "Traceback" not in result.err
    return result.code


@pytest.fixture
def project(repo: Repo) -> Repo:
    """A clean project: one spec, code and tests that reference every requirement."""
    repo.commit("payments", dict(PROJECT))
    return repo


# --- repository states (HARDEN-1) --------------------------------------------------------------


def test_outside_a_repository_review_and_check_say_so_and_lint_and_list_read_the_folder(
    tmp_path, cli, monkeypatch
):
    """HARDEN-1"""
    folder = tmp_path / "plain"
    Repo(folder).write({"specs/pay.md": PAY})
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(folder)
    for command in ("review", "check"):
        one_line_error(cli(command), "not a git repository")
    assert listed(cli) == {"PAY": 0}
    assert linted(cli) == 0


def test_bare_repository_review_and_check_say_so(project, cli, tmp_path, monkeypatch):
    """HARDEN-1: review and check need a work tree; lint and list find no specs folder, or say
    that the repository is bare."""
    monkeypatch.chdir(bare_clone(project, tmp_path / "bare.git"))
    for args in (("review",), ("check",), ("check", "--staged"), ("review", "HEAD")):
        one_line_error(cli(*args), "bare repository")
    for command in ("list", "lint"):
        result = cli(command, "--format", "json")
        if result.code == 2:
            one_line_error(result, "bare repository")
        else:
            assert result.code == 0 and json.loads(result.out)[command_key(command)] == []


def test_repository_without_commits(repo, cli):
    """HARDEN-1: a revision is refused with what to use instead; the index is judged."""
    for command in ("review", "check"):
        one_line_error(cli(command), "no commits yet", "--staged")
    repo.stage(dict(PROJECT))
    assert verdict(cli, "--staged") == (0, [])
    assert listed(cli) == {"PAY": 2}
    repo.stage(FLOAT)
    assert verdict(cli, "--staged") == (1, BLOCKED)
    assert [f["path"] for f in reviewed(cli, "--staged")["files"]] == sorted(PROJECT)


def test_detached_head_is_judged_like_any_commit(project, cli):
    """HARDEN-1"""
    clean = project.head()
    blocked = project.commit("floats", FLOAT)
    project.git("checkout", "-q", "--detach", clean)
    assert verdict(cli) == (0, [])
    assert verdict(cli, blocked) == (1, BLOCKED)
    assert reviewed(cli)["revision"]["head"] == clean
    project.stage(FLOAT)
    assert verdict(cli, "--staged") == (1, BLOCKED)


def test_shallow_clone_checks_what_it_has_and_says_what_it_lacks(
    project, cli, tmp_path, monkeypatch
):
    """HARDEN-1: the boundary commit has no parent to compare with: `git fetch --unshallow`."""
    project.commit("floats", FLOAT)
    monkeypatch.chdir(shallow_clone(project, tmp_path / "depth1"))
    one_line_error(cli("check"), "git fetch --unshallow")
    assert verdict(cli, "--staged") == (0, [])
    assert listed(cli) == {"PAY": 2}
    assert linted(cli) == 0
    monkeypatch.chdir(shallow_clone(project, tmp_path / "depth2", depth=2))
    assert verdict(cli) == (1, BLOCKED)


def test_linked_worktree_judges_its_own_head_and_index(project, cli, tmp_path, monkeypatch):
    """HARDEN-1: the worktree's branch, index and files, not the main work tree's."""
    worktree = linked_worktree(project, tmp_path / "linked")
    (worktree / "src/pay/charge.py").write_text(FLOAT["src/pay/charge.py"])
    git(worktree, "add", "-A")
    monkeypatch.chdir(worktree)
    assert verdict(cli, "--staged") == (1, BLOCKED)
    git(worktree, "commit", "-q", "-m", "floats in the worktree")
    assert verdict(cli) == (1, BLOCKED)
    assert [f["path"] for f in reviewed(cli)["files"]] == ["src/pay/charge.py"]
    assert listed(cli) == {"PAY": 2}
    monkeypatch.chdir(project.path)
    assert verdict(cli) == (0, [])


def test_submodule_bumps_are_judged_without_reading_the_submodule(project, cli, tmp_path):
    """HARDEN-1: a submodule in a spec's scope is one changed line, not its files."""
    added, bumped = add_submodule(project, tmp_path / "library")
    for rev in (added, bumped):
        assert verdict(cli, rev) == (0, [])
        files = {f["path"]: f for f in reviewed(cli, rev)["files"]}
        assert files["lib"]["submodule"] is True
    (project.path / "lib" / "dirty.py").write_text("x = float(1)  # PAY-9\n")
    assert verdict(cli, "--worktree") == (0, [])
    assert listed(cli) == {"PAY": 2}


def conflict(repo: Repo, theirs: dict, ours: dict, *, rebase: bool = False) -> None:
    """A branch `other` with `theirs`, main with `ours`, then a merge (or a rebase of main onto
    other) that stops on the conflict."""
    repo.git("switch", "-q", "-c", "other")
    repo.commit("theirs", theirs)
    repo.git("switch", "-q", "main")
    repo.commit("ours", ours)
    if rebase:
        done = repo.git("rebase", "other", check=False)
        assert (repo.path / ".git" / "rebase-merge").is_dir() or (
            repo.path / ".git" / "rebase-apply"
        ).is_dir(), done
    else:
        repo.git("merge", "-q", "other", check=False)
        assert (repo.path / ".git" / "MERGE_HEAD").is_file()


CHARGE_THEIRS = {"src/pay/charge.py": "def charge(cents):  # PAY-1\n    return cents + 0\n"}
CHARGE_OURS = {"src/pay/charge.py": "def charge(cents):  # PAY-1\n    return float(cents)\n"}


@pytest.mark.parametrize("rebase", [False, True], ids=["merge", "rebase"])
def test_conflicted_merge_or_rebase_in_progress(project, cli, rebase):
    """HARDEN-1, HARDEN-E4: the unmerged path is listed; HEAD, the index and the work tree are
    read; what is resolved is judged."""
    conflict(project, CHARGE_THEIRS, CHARGE_OURS, rebase=rebase)
    files = {f["path"]: f["status"] for f in reviewed(cli, "--staged")["files"]}
    assert files == {"src/pay/charge.py": "unmerged"}
    code, _ = verdict(cli, "--staged")
    assert code == 0  # nothing is resolved yet: no added line to judge
    head_code, head_errors = verdict(cli)
    # HEAD is ours (a merge) or other's tip (a rebase replays ours onto it)
    assert (head_code, head_errors) == ((0, []) if rebase else (1, BLOCKED))
    assert verdict(cli, "--worktree")[0] in (0, 1)
    assert listed(cli) == {"PAY": 2}
    assert linted(cli) == 0
    # resolved with a line of its own, in neither side: that is what is judged
    project.write({"src/pay/charge.py": "def charge(c):  # PAY-1\n    return float(c) + 1\n"})
    project.git("add", "src/pay/charge.py")
    assert verdict(cli, "--staged") == (1, BLOCKED)


def test_references_in_a_conflicted_file_still_count(repo, cli):
    """CHECK-E9: `git grep --cached` skips an unmerged path, so the requirements referenced only
    in the conflicted file were "referenced nowhere" (11me/light-session, mid-merge)."""
    spec = "---\nid: TRIM\nscope:\n  - src/**\n---\n# T\n\n## Requirements\n- TRIM-1: a.\n"
    repo.commit("base", {"specs/t.md": spec, "src/t.py": "# TRIM-1\nlimit = 1\n"})
    repo.git("checkout", "-q", "-b", "other")
    repo.commit("theirs", {"src/t.py": "# TRIM-1\nlimit = 2\n"})
    repo.git("checkout", "-q", "-")
    repo.commit("ours", {"src/t.py": "# TRIM-1\nlimit = 3\n"})
    repo.git("merge", "-q", "other", check=False)
    assert {f["path"]: f["status"] for f in reviewed(cli, "--staged")["files"]} == {
        "src/t.py": "unmerged"
    }
    assert verdict(cli, "--staged") == (0, [])


def test_conflicted_spec_is_read_from_our_side_and_its_markers_fail_lint(project, cli):
    """HARDEN-E1: during a conflict on the spec, the index has no resolved version: the check
    uses ours (stage 2); the work tree, with both sides' PAY-1, fails lint instead of crashing."""
    theirs = PAY.replace("Charge in cents.", "Charge in euro cents.")
    ours = PAY.replace("Charge in cents.", "Charge in integer cents.")
    conflict(project, {"specs/pay.md": theirs}, {"specs/pay.md": ours})
    on_disk = (project.path / "specs/pay.md").read_text()
    assert "<<<<<<<" in on_disk
    assert verdict(cli, "--staged") == (0, [])
    assert verdict(cli, "--worktree")[0] == 1
    result = cli("lint", "--format", "json")
    assert result.code == 1, result
    rules = {f["rule"] for f in json.loads(result.out)["findings"] if f["severity"] == "error"}
    assert rules == {"duplicate-id"}  # both sides' PAY-1


def test_sparse_checkout_without_the_specs_folder_still_judges_by_the_specs(project, cli):
    """HARDEN-1: `git sparse-checkout set src` leaves specs/ out of the work tree; the index and
    commits still hold the specs, and the verdict is the one of a full checkout."""
    project.git("sparse-checkout", "set", "src")
    assert not (project.path / "specs").exists()
    project.stage(FLOAT)
    assert verdict(cli, "--staged") == (1, BLOCKED)
    project.git("commit", "-q", "-m", "floats")
    assert verdict(cli) == (1, BLOCKED)
    assert reviewed(cli)["spec_count"] == 1
    assert linted(cli) == 0


def test_sparse_checkout_work_tree_commands_read_the_specs_git_keeps_out(project, cli):
    """HARDEN-E12: outside the sparse cone a spec is the index's copy, as `git grep` reads it:
    `check --worktree` (the assistant's check) judges by it, `list`, `lint`, `show` and `brief`
    see it (`brief` stopped on the file missing from disk), instead of reporting a configured
    specs folder that does not exist."""
    project.commit("configured", {"specflow.toml": 'specs_dir = "specs"\n'})
    project.git("sparse-checkout", "set", "src")
    assert not (project.path / "specs").exists()
    project.write(FLOAT)
    assert verdict(cli, "--worktree") == (1, [("constraint", "src/pay/charge.py", 2)])
    listed = cli("list", "--format", "json")
    assert listed.code == 0, listed
    assert [spec["id"] for spec in json.loads(listed.out)["specs"]] == ["PAY"]
    assert linted(cli) == 0
    shown = cli("show", "PAY-1")
    assert shown.code == 0 and "src/pay/charge.py" in shown.out, shown
    brief = cli("brief", "PAY")
    assert brief.code == 0 and "PAY-1" in brief.out, brief


def test_a_sparse_checkout_whose_index_git_cannot_read_stops_instead_of_dropping_specs(
    project, cli
):
    """HARDEN-E14: with specs/ out of the sparse cone, the specs are the index's copies; an index
    git cannot read stops `list`, `lint` and `show` with git's own words (exit 2). It used to
    answer "No specs yet" and exit 0, as if the repository had none."""
    project.git("sparse-checkout", "set", "src")
    (project.path / ".git" / "index").write_bytes(b"not an index")
    for args in (("list",), ("lint",), ("show", "PAY-1")):
        result = cli(*args)
        assert result.code == 2 and "git ls-files" in result.err, (args, result)
        assert "No specs" not in result.out, (args, result)


def test_a_non_cone_sparse_checkout_keeps_the_specs_it_leaves_out(project, cli):
    """HARDEN-E12 (helper-53): `--no-cone` patterns that keep specs/ but not one spec file:
    the work tree's commands read that spec from the index, so removing the only reference to
    one of its requirements blocks `check --worktree` as it blocks `--staged`."""
    other = (
        PAY.replace("id: PAY", "id: SHIP").replace("PAY-", "SHIP-").replace("src/pay", "src/ship")
    )
    project.commit("ship", {"specs/ship.md": other})
    project.git("sparse-checkout", "set", "--no-cone", "/*", "!/specs/pay.md")
    assert (project.path / "specs/ship.md").exists()
    assert not (project.path / "specs/pay.md").exists()
    listed = json.loads(cli("list", "--format", "json").out)["specs"]
    assert [spec["id"] for spec in listed] == ["PAY", "SHIP"]
    project.write({"src/pay/refund.py": "def refund(cents):\n    return cents\n"})
    worktree = verdict(cli, "--worktree")
    project.git("add", "src/pay/refund.py")
    assert worktree == verdict(cli, "--staged") and worktree[0] == 1, worktree


def test_a_sparse_checkout_reads_a_kiro_features_spec_json_from_the_index(repo, cli):
    """HARDEN-E12, SOURCES-11 (helper-53): with `.kiro/` out of the cone, requirements.md came
    from the index and spec.json from the disk, where it is not: the draft feature was active
    in the work tree and `check --worktree` blocked what `--staged` passed."""
    kiro = (
        "# Requirements Document\n\n## Requirements\n\n### Requirement 1: Lockout\n\n"
        "#### Acceptance Criteria\n1. When five logins fail, the Service shall lock it\n"
    )
    draft = '{"phase": "requirements-generated", "ready_for_implementation": false}\n'
    repo.commit(
        "kiro",
        {
            "specflow.toml": 'sources = ["kiro"]\n',
            ".kiro/specs/lock/requirements.md": kiro,
            ".kiro/specs/lock/spec.json": draft,
            "src/lock.py": "x = 1\n",
        },
    )
    repo.git("sparse-checkout", "set", "src")
    assert not (repo.path / ".kiro").exists()
    listed = json.loads(cli("list", "--format", "json").out)["specs"]
    assert [(spec["id"], spec["status"]) for spec in listed] == [("LOCK", "draft")]
    repo.write({"src/lock.py": "x = 2\n"})
    assert cli("check", "--worktree").code == 0


# --- the user's git configuration (HARDEN-2) ---------------------------------------------------


def user_configuration(home: Path) -> None:
    """In the user's own ~/.gitconfig (not the repository's): what once leaked into output."""
    external = home / "external-diff"
    external.write_text("#!/bin/sh\necho EXTERNAL DIFF\n")
    textconv = home / "shout"
    textconv.write_text('#!/bin/sh\necho TEXTCONV; tr a-z A-Z < "$1"\n')
    for script in (external, textconv):
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    attributes = home / "attributes"
    attributes.write_text("* diff=shout\n")
    settings = {
        "core.quotepath": "true",
        "diff.external": str(external),
        "color.ui": "always",
        "color.diff": "always",
        "color.grep": "always",
        "diff.shout.textconv": str(textconv),
        "core.attributesFile": str(attributes),
        "diff.noprefix": "true",
        "grep.lineNumber": "false",
        "grep.column": "true",
    }
    for key, value in settings.items():
        git(home, "config", "--global", key, value)


CAFE = "src/pay/café.py"


def outputs(cli: Cli) -> dict[str, str]:
    runs = {
        "check": ("check",),
        "check json": ("check", "--format", "json"),
        "check staged": ("check", "--staged"),
        "review json": ("review", "--format", "json"),
        "review text": ("review",),
        "list": ("list", "--format", "json"),
        "lint": ("lint",),
    }
    return {name: cli(*args).out for name, args in runs.items()}


def test_user_configuration_changes_no_verdict_and_no_output(project, cli):
    """HARDEN-2: core.quotepath, diff.external, color.ui=always and a textconv driver in the
    user's configuration: every output is the same as without them."""
    project.commit("floats", {**FLOAT, CAFE: "x = float(1)  # PAY-2\n"})
    project.stage({"src/pay/refund.py": "def refund(c):  # PAY-2\n    return float(c)\n"})
    clean = outputs(cli)
    assert CAFE in clean["check"] and "src/pay/refund.py:2" in clean["check staged"]
    user_configuration(Path(os.environ["HOME"]))
    assert "EXTERNAL" in project.git("-c", "diff.noprefix=false", "diff", "--ext-diff", "HEAD~1")
    configured = outputs(cli)
    assert configured == clean
    leaked = "".join(configured.values())
    assert "\x1b[" not in leaked and "EXTERNAL" not in leaked and "TEXTCONV" not in leaked
    assert '"src/pay/caf\\303\\251.py"' not in leaked


def test_diff_settings_of_the_user_change_no_verdict_and_no_output(project, cli, monkeypatch):
    """HARDEN-2: the diff's own settings, which git reads from the user's configuration and
    environment: a file above `core.bigFileThreshold` diffed as binary (its forbidden line
    passed, its dangling reference went unseen), no context lines, a rename limit that turns an
    edited rename into a deletion and an addition, an order file that reorders the files."""
    ledger = "".join(f"def entry_{n}(cents):\n    return cents + {n}\n\n\n" for n in range(80))
    project.commit("ledger", {"src/pay/ledger.py": ledger, "src/pay/util.py": "X = 1\n" * 30})
    project.git("mv", "src/pay/util.py", "src/pay/tools.py")
    project.stage(
        {
            "src/pay/ledger.py": ledger.replace("cents + 40", "float(cents)  # PAY-7"),
            "src/pay/tools.py": "X = 1\n" * 29 + "X = 2  # PAY-2\n",
            "src/pay/charge.py": "def charge(cents):  # PAY-1\n    return int(cents)\n",
        }
    )
    clean = outputs(cli)
    assert "src/pay/ledger.py:162" in clean["check staged"], clean["check staged"]
    assert "PAY-7" in clean["check staged"]
    home = Path(os.environ["HOME"])
    (home / "order").write_text("src/pay/tools.py\nsrc/pay/ledger.py\n")
    settings = {
        "core.bigFileThreshold": "1k",
        "diff.context": "0",
        "diff.renameLimit": "1",
        "diff.orderFile": str(home / "order"),
    }
    for key, value in settings.items():
        git(home, "config", "--global", key, value)
    monkeypatch.setenv("GIT_DIFF_OPTS", "--unified=1")
    configured = outputs(cli)
    for name in clean:
        assert configured[name] == clean[name], name
    configured["review json"] = cli("review", "--staged", "--format", "json").out
    monkeypatch.delenv("GIT_DIFF_OPTS")
    for key in settings:
        git(home, "config", "--global", "--unset", key)
    assert configured["review json"] == cli("review", "--staged", "--format", "json").out


# --- odd paths and specs (HARDEN-3) ------------------------------------------------------------


ODD = {
    f"src/pay/{SPACED.split('/')[1]}": "x = float(1)\n",
    f"src/pay/{NEWLINE}": "x = float(2)\n",
    "src/pay/-rf --output=x.py": "x = float(3)\n",
}


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_odd_paths_are_judged_in_every_check_format(project, cli, fmt):
    """HARDEN-3: paths with a space, a newline, or that look like options reach every format
    of check, one finding each."""
    project.commit("odd paths", dict(ODD))
    result = cli("check", "--format", fmt)
    assert result.code == 1, result
    assert "Traceback" not in result.err
    if fmt == "json":
        found = [f for f in json.loads(result.out)["findings"] if f["rule"] == "constraint"]
        assert sorted(f["path"] for f in found) == sorted(ODD)
    if fmt == "github":
        assert result.out.count("::error ") == 3
        assert all(line.startswith("::") for line in result.out.splitlines())
    if fmt == "sarif":
        assert len(json.loads(result.out)["runs"][0]["results"]) == 3
    if fmt == "text":
        assert "src/pay/with space.txt:1: error [constraint]" in result.out


def test_odd_paths_in_review_match_git_numstat(project, cli):
    """HARDEN-3: the same change in review, counted as git counts it."""
    project.commit("odd paths", {**ODD, f"src/pay/{NON_UTF8}": "x = float(4)\n"})
    data = reviewed(cli)
    assert len(data["files"]) == len(numstat(project.path, "HEAD~1", "HEAD")) == 4
    assert sorted((f["added"], f["removed"]) for f in data["files"]) == [(1, 0)] * 4
    assert f"src/pay/{NON_UTF8}".encode("utf-8", "surrogateescape").decode("utf-8", "replace") in {
        f["path"] for f in data["files"]
    }


def test_a_non_utf8_path_in_github_and_sarif_check_output(project, cli):
    """HARDEN-3: the bytes that are not UTF-8 are replaced in the annotations, which are text;
    CHECK-E13: a SARIF URI percent-encodes the name's own bytes, so it names the file."""
    project.commit("latin-1", {f"src/pay/{NON_UTF8}": "x = float(1)\n"})
    github = cli("check", "--format", "github")
    assert github.code == 1 and "file=src/pay/caf\ufffd.txt" in github.out, github
    sarif = cli("check", "--format", "sarif")
    assert sarif.code == 1, sarif
    (result,) = json.loads(sarif.out)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "src/pay/caf%E9.txt"
    )


@pytest.mark.parametrize(
    "args",
    [("check",), ("check", "--format", "json"), ("list",), ("show", "LATIN")],
    ids=["check-text", "check-json", "list", "show"],
)
def test_a_non_utf8_path_in_text_and_json_output(repo, cli, args):
    """HARDEN-17: a changed file and a spec file whose names are not UTF-8."""
    latin = PAY.replace("id: PAY", "id: LATIN").replace("PAY-", "LATIN-")
    repo.commit("latin-1 spec", {os.fsdecode(b"specs/caf\xe9.md"): latin})
    repo.commit("latin-1 code", {f"src/pay/{NON_UTF8}": "x = float(1)\n"})
    result = cli(*args)
    assert result.code in (0, 1) and "caf\ufffd" in result.out, result


def test_a_spec_file_named_with_a_space_is_a_spec(repo, cli):
    """HARDEN-3"""
    spaced = PAY.replace("id: PAY", "id: SPACE").replace("PAY-", "SPACE-")
    repo.commit(
        "a spec name with a space",
        {
            "specs/pay ments.md": spaced,
            "src/pay/charge.py": "# SPACE-1 SPACE-2\n",
            "tests/test_pay.py": "# SPACE-1 SPACE-2\n",
        },
    )
    assert listed(cli) == {"SPACE": 2}
    assert linted(cli) == 0
    assert verdict(cli) == (0, [])
    # CHECK-16: the float commit keeps the file's references, or it would lose SPACE-1's code.
    kept = FLOAT["src/pay/charge.py"].replace("# PAY-1", "# SPACE-1 SPACE-2")
    repo.commit("floats", {"src/pay/charge.py": kept})
    assert verdict(cli) == (1, BLOCKED)


@pytest.mark.parametrize("autocrlf", [False, True], ids=["crlf-committed", "autocrlf"])
def test_crlf_spec_is_read_like_an_lf_one(repo, cli, autocrlf):
    """HARDEN-3: a spec with CRLF line ends (committed so, or by core.autocrlf on checkout)
    gives the same findings and lines as with LF."""
    if autocrlf:
        repo.git("config", "core.autocrlf", "true")
    repo.commit("crlf", {**PROJECT, "specs/pay.md": PAY.replace("\n", "\r\n")})
    assert b"\r\n" in (repo.path / "specs/pay.md").read_bytes()
    assert linted(cli) == 0
    assert listed(cli) == {"PAY": 2}
    repo.stage(FLOAT)
    assert verdict(cli, "--staged") == verdict(cli, "--worktree") == (1, BLOCKED)
    repo.git("commit", "-q", "-m", "floats")
    code, errors = verdict(cli)
    assert (code, errors) == (1, BLOCKED)
    found = json.loads(cli("check", "--format", "json").out)["findings"]
    assert "specs/pay.md:19" in found[0]["message"]  # the constraint's own line


def test_ten_megabyte_spec_is_linted_listed_and_checked(repo, cli):
    """HARDEN-3: 10,000 requirements of a thousand characters, and a 1 MB Context item."""
    items = "".join(
        f"- BIG-{n}: The stored format of every password hash stays as it is, {'word ' * 180}\n"
        for n in range(1, 10_001)
    )
    text = f"---\nid: BIG\nscope: [src/**]\n---\n# Big\n\n## Context\n- {'a ' * 500_000}\n\n"
    text += f"## Requirements\n{items}\n## Edge Cases\n- BIG-E1: Empty.\n"
    assert len(text.encode()) > 10_000_000
    repo.commit("a big spec", {"specs/big.md": text, "src/a.py": "# BIG-1\n"})
    assert linted(cli) == 0
    assert listed(cli) == {"BIG": 1}
    code, errors = verdict(cli)
    assert code == 1 and len(errors) == 9_999
    assert {rule for rule, _, _ in errors} == {"unreferenced-requirement"}


# --- a large diff, streamed (HARDEN-5) ---------------------------------------------------------

MEASURE = """
import resource, sys
from specflow.cli import app
try:
    app(sys.argv[1:], prog_name="specflow")
except SystemExit as exit:
    code = exit.code
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:  # Linux: ru_maxrss starts from the forking process's RSS; VmHWM is this process's own
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
print(f"{code} {peak}", file=sys.stderr)
"""
BIG_LINE = b"%07d generated line, long enough to weigh something in memory ..................\n"
BIG_LINES = 2_000_000  # 172 MB


def peak_memory(cwd: Path, *args: str) -> tuple[int, str, int]:
    """Run specflow in a new interpreter: its exit code, stdout and peak RSS in MB (its own,
    not git's: git holds whole blobs, which is git's business)."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *args],
        cwd=cwd,
        capture_output=True,
        timeout=300,
    )
    code, peak = done.stderr.decode().split()[-2:]
    unit = 1 << 20 if sys.platform == "darwin" else 1 << 10  # ru_maxrss: bytes there, KiB here
    return int(code), done.stdout.decode(), int(peak) * unit // 1_000_000


NEEDS_RESOURCE = pytest.mark.skipif(sys.platform == "win32", reason="no `resource` module")
NEEDS_PROC = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="finds the hook's processes in /proc"
)


@pytest.fixture(scope="module")
def huge_commit(tmp_path_factory) -> Path:
    """A commit adding a 172 MB text file of 2,000,000 lines, with a spec governing it."""
    path = tmp_path_factory.mktemp("huge") / "repo"
    git(path.parent, "init", "-q", "-b", "main", str(path))
    repo = Repo(path)
    repo.commit("spec", {"specs/pay.md": PAY, "src/pay/refund.py": "# PAY-1 PAY-2\n"})
    with (path / "src/pay/data.txt").open("wb") as out:
        for start in range(0, BIG_LINES, 100_000):
            out.write(b"".join(BIG_LINE % n for n in range(start, start + 100_000)))
        out.write(b"x = float(1)\n")  # past every limit: counted, not judged
    git(path, "-c", "core.compression=0", "-c", "core.looseCompression=0", "add", "-A")
    git(path, "commit", "-q", "-m", "a huge generated file")
    return path


@NEEDS_RESOURCE
def test_huge_diff_is_checked_in_bounded_memory(huge_commit):
    """HARDEN-5: the patch is streamed; past the limits lines are counted, not kept, and a
    constraint governing the file fails closed rather than pass what it did not read."""
    code, out, megabytes = peak_memory(huge_commit, "check", "--format", "json")
    assert megabytes < 300, f"{megabytes} MB"
    errors = [f for f in json.loads(out)["findings"] if f["severity"] == "error"]
    assert code == 1 and len(errors) == 1, out
    assert (errors[0]["rule"], errors[0]["path"]) == ("constraint", "src/pay/data.txt")
    assert errors[0]["message"].startswith("too large to check against `float(`")


def test_code_git_diffs_as_binary_fails_a_constraint_closed(project, cli):
    """CHECK-E8: `*.py -diff` in .gitattributes made git list the file as binary, without
    lines: an added forbidden `float(` passed the hook unseen. (Its references are not read
    either, `git grep -I` skipping it: the requirements are then unreferenced, which blocks.)"""
    project.commit("attributes", {".gitattributes": "*.py -diff\n"})
    project.stage({"src/pay/charge.py": "def charge(cents):  # PAY-1\n    return float(cents)\n"})
    code, errors = verdict(cli, "--staged")
    assert code == 1 and ("constraint", "src/pay/charge.py", 1) in errors
    message = json.loads(cli("check", "--staged", "--format", "json").out)["findings"]
    assert "git diffs this code as binary, so it cannot be checked against `float(`" in str(message)


def test_a_line_longer_than_a_mebibyte_is_cut_and_fails_closed(project, cli):
    """HARDEN-E3, HARDEN-5: a 3 MB line (minified code) is read up to its first MiB, and what
    follows is never read as lines of its own, even where it looks like the next file's header."""
    head = "a = '" + "x " * ((1 << 19) - 3)  # git's `+` and this fill one MiB
    line = f"{head}diff --git a/fake b/fake {'y ' * (1 << 20)}'; float(1)\n"
    project.commit("minified", {"src/pay/min.py": line, "src/pay/after.py": "b = float(2)\n"})
    code, errors = verdict(cli)
    assert code == 1
    assert errors == [
        ("constraint", "src/pay/after.py", 1),
        ("constraint", "src/pay/min.py", 1),
    ]
    files = {f["path"]: f for f in reviewed(cli)["files"]}
    assert set(files) == {"src/pay/min.py", "src/pay/after.py"}
    assert files["src/pay/min.py"]["truncated"] is True


def test_a_file_too_large_to_read_whole_says_so_in_every_review(project, cli):
    """REVIEW-E36: past the lines read of one file, the text, Markdown and PR comment said
    nothing (only the JSON had `truncated`): "No spec is affected" read as if it had looked."""
    calls = "".join(f"def f{n}(c):\n    return charge(c) + {n}\n" for n in range(12_000))
    project.commit("generated", {"src/pay/generated.py": calls})
    said = "1 file too large to read whole: its questions may be missing"
    text = cli("review", "HEAD").out
    assert said + " below." in text and "  src/pay/generated.py: 24,000 changed lines, " in text
    markdown = cli("review", "HEAD", "--format", "markdown").out
    assert said + " below." in markdown and "- `src/pay/generated.py`: 24,000 changed" in markdown
    assert f"{said}: `src/pay/generated.py`." in cli("comment", "HEAD").out
    assert said not in cli("review", "HEAD~1").out


@NEEDS_RESOURCE
def test_huge_diff_is_reviewed_in_bounded_memory(huge_commit):
    """HARDEN-18: the review reports the file as truncated, with git's own line counts."""
    code, out, megabytes = peak_memory(huge_commit, "review", "--format", "json")
    assert code == 0, out
    (data,) = json.loads(out)["files"]
    assert (data["truncated"], data["added"], data["removed"]) == (True, BIG_LINES + 1, 0)
    assert megabytes < 300, f"{megabytes} MB"


# --- symlinks in specs/ (HARDEN-4) -------------------------------------------------------------

OUTSIDE = PAY.replace("id: PAY", "id: EVIL").replace("PAY-", "EVIL-")


def test_symlinks_in_specs_pointing_outside_are_not_followed(project, cli, tmp_path):
    """HARDEN-4: a spec file that is a symlink, and a folder in specs/ that is one, are read
    neither from disk (lint, list, --worktree) nor from a tree (check, review)."""
    outside = tmp_path / "outside"
    Repo(outside).write({"evil.md": OUTSIDE, "more/evil2.md": OUTSIDE.replace("EVIL", "EVIL2")})
    os.symlink(outside / "evil.md", project.path / "specs" / "evil.md")
    os.symlink(outside / "more", project.path / "specs" / "more")
    project.commit("links", {"src/pay/x.py": "# EVIL-1 EVIL2-1\n"})
    assert project.git("ls-files", "-s", "specs/evil.md").startswith("120000")
    assert listed(cli) == {"PAY": 2}
    assert linted(cli) == 0
    for args in ((), ("--worktree",), ("--staged",)):
        result = cli("check", *args, "--format", "json")
        assert result.code == 0 and "EVIL" not in result.out, result
    assert reviewed(cli)["spec_count"] == 1


def test_a_specs_folder_that_is_a_symlink_is_not_followed(repo, cli, tmp_path):
    """HARDEN-4: `specs` itself pointing outside the repository."""
    outside = tmp_path / "outside"
    Repo(outside).write({"evil.md": OUTSIDE})
    os.symlink(outside, repo.path / "specs")
    repo.commit("a link", {"src/a.py": "x = 1\n"})
    assert listed(cli) == {}
    assert linted(cli) == 0
    assert verdict(cli, "--worktree") == (0, [])
    assert reviewed(cli, "--worktree")["spec_count"] == 0


# --- git itself: missing, too old (HARDEN-6, HARDEN-7) -----------------------------------------


def fake_git(folder: Path, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    script = folder / "git"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return folder


@pytest.mark.parametrize("command", ["review", "check", "lint", "context", "report"])
def test_git_missing_from_path_is_one_clear_line(project, cli, tmp_path, monkeypatch, command):
    """HARDEN-6"""
    args = {"context": ("context", "charge"), "check": ("check", "--staged")}.get(
        command, (command,)
    )
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    one_line_error(cli(*args), "git is not installed", "2.30")


def test_git_is_found_on_path_as_shutil_finds_it(tmp_path, monkeypatch):
    """HARDEN-6: gitio's own lookup (no shutil on the hook's path) picks what shutil.which picks:
    folders and files that cannot run are passed over, the first of the others is taken."""
    import shutil

    from specflow.gitio import which

    folder = tmp_path / "folder"
    (folder / "git").mkdir(parents=True)
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "git").write_text("not runnable")
    good = fake_git(tmp_path / "good", "exit 0")
    other = fake_git(tmp_path / "other", "exit 0")
    monkeypatch.chdir(good)
    paths = [[folder, plain, good, other], [other, good], [plain], [], [tmp_path / "gone", good]]
    for folders in paths:
        for value in (os.pathsep.join(map(str, folders)), os.pathsep + str(plain)):
            monkeypatch.setenv("PATH", value)
            assert which("git") == shutil.which("git"), value
    monkeypatch.delenv("PATH")
    assert which("git") == shutil.which("git")


def test_list_without_git_says_so_instead_of_listing_nothing_referenced(
    project, cli, tmp_path, monkeypatch
):
    """HARDEN-19"""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    one_line_error(cli("list"), "git is not installed")


def test_a_repository_owned_by_another_user_is_named_with_gits_remedy(project, cli, monkeypatch):
    """HARDEN-E5: git's own test switch stands in for a checkout another user owns."""
    monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")
    for args in (
        ("check", "HEAD"),
        ("review", "HEAD"),
        ("lint",),
        ("list",),
        ("check", "--staged"),
    ):
        line = one_line_error(cli(*args), "another user owns", "safe.directory")
        assert line.endswith(f"safe.directory {project.path}"), line
        assert "not a git repository" not in line, args


def test_git_warning_a_lot_stalls_no_command(project, cli):
    """HARDEN-E6: helper-49's hostile `.gitattributes`: git warns twice per line on every diff
    (600 KB on stderr), which filled the pipe specflow read only after git's output."""
    negated = "".join(f"!pattern{n} diff\n" for n in range(3000))
    project.commit(
        "attributes", {".gitattributes": negated, "src/pay/refund.py": "x = 1  # PAY-2\n"}
    )
    project.stage({"src/pay/charge.py": "def charge(cents):  # PAY-1\n    return int(cents)\n"})
    for args in (("check", "HEAD"), ("review", "HEAD"), ("check", "--staged", "--before-message")):
        done = subprocess.run(
            [sys.executable, "-m", "specflow", *args],
            cwd=project.path,
            capture_output=True,
            timeout=60,  # a second or two when it works; forever when it does not
        )
        assert done.returncode in (0, 1), (args, done.stderr[-500:])


def test_code_specflow_parses_prints_no_compiler_warning(project):
    """HARDEN-E15: a user's `"\\d"` in Python and a PHP `"\\$x"` read as a literal: the review
    and the hook print none of Python's warnings about them (3.12 shows SyntaxWarning by
    default; `-W default` shows 3.11's DeprecationWarning)."""
    project.commit(
        "escapes",
        {
            "src/pay/charge.py": 'import re\nDIGITS = re.compile("[0-9]+")  # PAY-1\n',
            "src/pay/a.php": '<?php\n$a = "x";\n',
        },
    )
    project.commit(
        "escapes changed",
        {
            "src/pay/charge.py": 'import re\nDIGITS = re.compile("\\d+")  # PAY-1\n',
            "src/pay/a.php": '<?php\n$a = "\\$x";\n',
        },
    )
    for args in (("review", "HEAD"), ("check", "HEAD")):
        done = subprocess.run(
            [sys.executable, "-W", "default", "-m", "specflow", *args],
            cwd=project.path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode in (0, 1), (args, done.stderr[-500:])
        assert "escape sequence" not in done.stderr, (args, done.stderr)
        assert "Warning" not in done.stderr, (args, done.stderr)


REAL_GIT = subprocess.run(["sh", "-c", "command -v git"], capture_output=True, text=True).stdout


def test_git_older_than_2_30_is_named_when_a_command_fails(project, cli, tmp_path, monkeypatch):
    """HARDEN-7: an old git fails on an option it does not know; the message says why."""
    refusing = 'echo "error: unknown option \\`end-of-options\'" >&2\nexit 129'
    body = f'if [ "$1" = "--version" ]; then echo "git version 2.10.0"; exit 0; fi\n{refusing}'
    monkeypatch.setenv("PATH", str(fake_git(tmp_path / "old", body)))
    for args in (("review",), ("check",), ("check", "--staged"), ("lint",)):
        line = one_line_error(cli(*args), "git 2.10.0 is too old", "2.30 or newer")
        assert str(tmp_path / "old" / "git") in line


def test_git_that_cannot_end_options_is_named_not_an_unknown_revision(
    project, cli, tmp_path, monkeypatch
):
    """HARDEN-7: git 2.29 runs everything but `rev-parse --end-of-options` (new in 2.30), which
    then resolves nothing: that must read as an old git, not as an unknown revision."""
    body = (
        'if [ "$1" = "--version" ]; then echo "git version 2.29.2"; exit 0; fi\n'
        'case " $* " in *" --end-of-options "*) exit 1;; esac\n'
        f'exec {REAL_GIT.strip()} "$@"'
    )
    monkeypatch.setenv("PATH", str(fake_git(tmp_path / "old", body)))
    one_line_error(cli("check", "HEAD"), "git 2.29.2 is too old")
    assert verdict(cli, "--staged") == (0, [])  # no revision to resolve: nothing fails


def test_a_working_git_costs_no_version_check(project, cli, tmp_path, monkeypatch):
    """HARDEN-7: the version is asked only after a failure: the hook's path spends nothing."""
    log = tmp_path / "calls"
    body = f'echo "$*" >> {log}\nexec {REAL_GIT.strip()} "$@"'
    monkeypatch.setenv("PATH", str(fake_git(tmp_path / "logged", body)))
    assert verdict(cli, "--staged") == (0, [])
    assert "--version" not in log.read_text()
    cli("check", "no-such-revision")
    assert "--version" in log.read_text()


# --- Ctrl-C (HARDEN-8) -------------------------------------------------------------------------


def session_processes(session: int) -> list[tuple[int, int, bytes]]:
    """(pid, parent pid, command line) of every live process of a session."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            found.append((int(entry.name), int(fields[1]), cmdline))
    return found


def wait_for_git_under_check(session: int, timeout: float = 60) -> bool:
    """True once `specflow check` of this session has started a git process of its own."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        processes = session_processes(session)
        checks = {pid for pid, _, cmd in processes if b"specflow\0check" in cmd}
        gits = [cmd for _, parent, cmd in processes if parent in checks]
        if any(Path(os.fsdecode(cmd.split(b"\0")[0])).name == "git" for cmd in gits):
            return True
        time.sleep(0.005)
    return False


# HARDEN-8: Ctrl-C reaches a terminal's foreground job, whose SIGINT is at its default. A suite
# started in the background by a script (`pytest &` without job control, nohup) inherits SIGINT
# ignored, and so would specflow and git, rightly: a background job keeps ignoring it. The
# interrupted runs start through this, so that they are a foreground job's wherever pytest runs.
AS_FOREGROUND = (
    sys.executable,
    "-c",
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "os.execvp(sys.argv[1], sys.argv[1:])",
)


def ignores_sigint(pid: int) -> bool:
    """Whether the process ignores SIGINT (`SigIgn` in /proc: one bit per signal, from 1)."""
    status = (Path("/proc") / str(pid) / "status").read_text()
    ignored = next(line for line in status.splitlines() if line.startswith("SigIgn:"))
    return bool(int(ignored.split()[1], 16) >> (signal.SIGINT - 1) & 1)


def state(repo: Repo) -> tuple[str, str, str, list[str]]:
    """HEAD, the index as a tree, the work tree's status and every file in .git that is not an
    object, a hook or a log: what an interrupted run must leave as it found it."""
    git_dir = repo.path / ".git"
    files = sorted(
        p.relative_to(git_dir).as_posix()
        for p in git_dir.rglob("*")
        if p.is_file() and p.relative_to(git_dir).parts[0] not in ("objects", "hooks", "logs")
    )
    tree = repo.git("write-tree").strip()  # adds only a tree object
    return repo.head(), tree, repo.git("status", "--porcelain"), files


@pytest.fixture
def interruptible(project, cli) -> Repo:
    """A staged change big enough that the check is still reading it when Ctrl-C comes."""
    assert cli("hook", "install").code == 0
    lines = b"".join(b"line %d of a big staged file\n" % n for n in range(1_500_000))
    project.stage({"src/pay/big.txt": lines, **FLOAT})
    cli("check", "--staged")  # the spec cache is written once, before the interrupted runs
    return project


@NEEDS_PROC
def test_ctrl_c_during_check_exits_130_and_leaves_nothing(interruptible):
    """HARDEN-8: SIGINT to the whole foreground group, as a terminal sends it."""
    before = state(interruptible)
    process = subprocess.Popen(
        [*AS_FOREGROUND, sys.executable, "-m", "specflow", "check", "--staged"],
        cwd=interruptible.path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    assert wait_for_git_under_check(process.pid), "the check ended before it could be stopped"
    assert not ignores_sigint(process.pid)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode in (130, -signal.SIGINT), err
    assert b"Traceback" not in err
    assert session_processes(process.pid) == []
    assert state(interruptible) == before


@NEEDS_PROC
def test_ctrl_c_during_the_pre_commit_hook_leaves_nothing(interruptible):
    """HARDEN-8: `git commit` running the hook, interrupted: no commit, no lock, no temporary
    file, the same index and work tree."""
    before = state(interruptible)
    process = subprocess.Popen(
        [*AS_FOREGROUND, "git", "commit", "-q", "-m", "interrupted"],
        cwd=interruptible.path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    assert wait_for_git_under_check(process.pid), "the hook ended before it could be stopped"
    assert not ignores_sigint(process.pid)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode != 0, err
    assert b"specflow: interrupted" in err  # not the check's verdict, which blocks it as well
    assert b"Traceback" not in err
    deadline = time.monotonic() + 10
    while session_processes(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert session_processes(process.pid) == []
    assert state(interruptible) == before
