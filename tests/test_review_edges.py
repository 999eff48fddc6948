"""What `specflow review` reads in odd histories, measured against git's own counts: the diff
model, odd paths and contents, hostile user configuration, and the tree that specs and
references come from (specs/git-layer.md: GIT-6..11, GIT-E1..E3, GIT-E7)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from specflow import gitio, pipeline
from specflow.change import Line
from testing.histories import (
    NEWLINE,
    NON_UTF8,
    PLAN_B,
    SPACED,
    SPEC,
    add_submodule,
    edge_history,
    files_by_path,
    git,
    model_counts,
    numstat,
    read_change,
    review_json,
)

CENTS = SPEC.format(first="Charge in cents.")
EUROS = SPEC.format(first="Charge in euros.")


# The diff model against `git diff --numstat` (GIT-6, GIT-7, GIT-E1, GIT-E3)


@pytest.mark.parametrize("mode", ["commit", "staged", "worktree"])
def test_every_odd_file_is_counted_as_git_numstat_counts(mode, repo):
    """GIT-6, GIT-7, GIT-E1, GIT-E3: rename, binary, chmod, delete, type change, empty file,
    CRLF, Latin-1, no final newline, and paths with spaces, a newline, ` b/`, non-UTF-8 bytes."""
    before, after = edge_history(repo, commit=mode == "commit")
    if mode == "commit":
        change, expected = read_change(repo.path, after), numstat(repo.path, before, after)
    elif mode == "staged":
        change, expected = read_change(repo.path, staged=True), numstat(repo.path, "--cached")
    else:
        change, expected = read_change(repo.path, worktree=True), numstat(repo.path, "HEAD")
    assert len(expected) == 15
    assert model_counts(change) == expected


def test_review_json_reports_status_old_path_and_flags(repo, cli):
    """GIT-6: renamed with its old path, binary without lines, mode-only, deleted, type-changed."""
    edge_history(repo)
    files = files_by_path(review_json(cli))
    assert files["src/new_name.py"]["status"] == "renamed"
    assert files["src/new_name.py"]["old_path"] == "src/old_name.py"
    assert (files["src/new_name.py"]["added"], files["src/new_name.py"]["removed"]) == (1, 1)
    logo = files["assets/logo.bin"]
    assert (logo["binary"], logo["added"], logo["removed"]) == (True, 0, 0)
    script = files["tools/run.sh"]
    assert (script["status"], script["mode_only"], script["added"]) == ("modified", True, 0)
    assert (files["gone.txt"]["status"], files["gone.txt"]["removed"]) == ("deleted", 2)
    typed = files["typed.txt"]
    assert (typed["status"], typed["added"], typed["removed"]) == ("type-changed", 1, 1)
    assert files["empty-new.txt"]["status"] == "added"
    assert not any(f["submodule"] for f in files.values())
    assert [path for path, f in files.items() if f["mode_only"]] == ["tools/run.sh"]
    # Paths that JSON cannot carry as bytes are shown, undecodable bytes replaced.
    assert {SPACED, NEWLINE, PLAN_B, "caf\ufffd.txt"} <= set(files)


def test_odd_paths_and_contents_keep_every_line_exactly(repo):
    """GIT-7: the model's paths are git's bytes; line text and numbers survive CRLF, Latin-1
    and a missing final newline."""
    _, after = edge_history(repo)
    change = read_change(repo.path, after)
    assert os.fsencode(change.file(NON_UTF8).path) == b"caf\xe9.txt"
    assert [line.text for line in change.file(NEWLINE).added_lines()] == [
        "a path with a newline",
        "in it",
    ]
    crlf = change.file("crlf.txt")
    assert list(crlf.added_lines()) == [Line(2, "TWO"), Line(4, "four")]
    assert crlf.hunks[0].removed == (Line(2, "two"),)
    eof = change.file("eof.txt")
    assert eof.hunks[0].added == (Line(2, "still no newline"),)
    assert eof.hunks[0].removed == (Line(2, "no newline"),)
    latin = next(change.file("latin.txt").added_lines())
    assert latin.text.encode("utf-8", "surrogateescape") == "café brûlée".encode("latin-1")
    typed = change.file("typed.txt")
    assert [line.text for line in typed.added_lines()] == ["eof.txt"]
    assert [line.text for h in typed.hunks for line in h.removed] == ["this file becomes a symlink"]
    assert [line.text for line in change.file("zz_last.txt").added_lines()] == [
        "the file after",
        "every odd",
        "one",
    ]
    assert [line.text for line in change.file("controls.txt").added_lines()] == [
        "form\x0cfeed",
        "next\x85line",
        "line\u2028separator",
        "carriage\rreturn",
    ]
    assert all(h.path == f.path for f in change.files for h in f.hunks)


def test_empty_file_added_or_deleted_is_not_a_mode_only_change(repo, cli):
    """GIT-E2"""
    repo.commit("one", {"a.txt": "a\n"})
    added = repo.commit("add an empty file", {"empty.txt": ""})
    (repo.path / "empty.txt").chmod(0o755)
    chmodded = repo.commit("make it executable")
    deleted = repo.commit("delete it", {"empty.txt": None})
    for rev, status, mode_only in (
        (added, "added", False),
        (chmodded, "modified", True),
        (deleted, "deleted", False),
    ):
        empty = files_by_path(review_json(cli, rev))["empty.txt"]
        assert (empty["status"], empty["mode_only"]) == (status, mode_only), rev


def test_submodule_is_listed_flagged_and_counted(repo, cli, tmp_path):
    """GIT-6: a submodule's change is one line, the commit it points at."""
    repo.commit("one", {"a.txt": "a\n"})
    added, bumped = add_submodule(repo, tmp_path / "library")
    files = files_by_path(review_json(cli, added))
    assert (files["lib"]["status"], files["lib"]["submodule"]) == ("added", True)
    assert {p: (f["added"], f["removed"]) for p, f in files.items()} == numstat(
        repo.path, f"{added}~1", added
    )
    lib = files_by_path(review_json(cli, bumped))["lib"]
    assert (lib["status"], lib["submodule"], lib["added"], lib["removed"]) == (
        "modified",
        True,
        1,
        1,
    )


def test_conflict_lists_the_unmerged_path_and_keeps_the_other_files(repo, cli):
    """GIT-E7, GIT-E2: git writes `* Unmerged path` instead of a patch for the conflicted file."""
    repo.commit("base", {"a.txt": "1\n2\n3\n", "z.txt": "z\n"})
    repo.git("switch", "-q", "-c", "other")
    repo.commit("other", {"a.txt": "1\nother\n3\n"})
    repo.git("switch", "-q", "main")
    repo.commit("main", {"a.txt": "1\nmain\n3\n"})
    repo.git("merge", "-q", "other", check=False)
    repo.write({"z.txt": "z\nstaged meanwhile\n"})
    repo.git("add", "z.txt")
    files = files_by_path(review_json(cli, "--staged"))
    assert (files["a.txt"]["status"], files["a.txt"]["mode_only"]) == ("unmerged", False)
    assert (files["z.txt"]["added"], files["z.txt"]["removed"]) == (1, 0)


# User configuration does not leak (GIT-8)


def hostile_configuration(repo, tmp_path: Path) -> None:
    """Every setting that once changed what `git diff` or `git grep` prints."""
    external = tmp_path / "external-diff"
    external.write_text("#!/bin/sh\necho EXTERNAL DIFF\n")
    shout = tmp_path / "shout"
    shout.write_text('#!/bin/sh\ntr a-z A-Z < "$1"\n')
    order = tmp_path / "order"
    order.write_text("zz_last.txt\ncrlf.txt\n")
    for script in (external, shout):
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    settings = {
        "color.ui": "always",
        "color.diff": "always",
        "color.grep": "always",
        "diff.noprefix": "true",
        "diff.mnemonicPrefix": "true",
        "diff.relative": "true",
        "core.quotePath": "true",
        "diff.external": str(external),
        "diff.shout.textconv": str(shout),
        "diff.renames": "false",
        "diff.suppressBlankEmpty": "true",
        "diff.orderFile": str(order),
        "diff.ignoreSubmodules": "all",
        "grep.column": "true",
        "grep.lineNumber": "false",
        "submodule.recurse": "true",
        "log.showSignature": "true",
        "i18n.logOutputEncoding": "ISO-8859-1",
    }
    for key, value in settings.items():
        repo.git("config", key, value)
    (repo.path / ".gitattributes").write_text("* diff=shout\n")  # read though untracked


def test_user_configuration_does_not_change_the_diff(repo, cli, tmp_path, monkeypatch):
    """GIT-8: run from a sub-folder with `diff.relative`; every file, every line, as git's
    defaults count them, and no textconv'd or external text."""
    before, after = edge_history(repo)
    expected = numstat(repo.path, before, after)
    hostile_configuration(repo, tmp_path)
    monkeypatch.chdir(repo.path / "src")
    change = read_change(Path.cwd(), after)
    assert model_counts(change) == expected
    assert list(change.file("crlf.txt").added_lines()) == [Line(2, "TWO"), Line(4, "four")]
    assert change.file("src/new_name.py").old_path == "src/old_name.py"
    data = review_json(cli, after)
    assert len(data["files"]) == len(expected)
    assert "EXTERNAL" not in str(data) and "\x1b[" not in str(data)


def test_user_configuration_does_not_change_references_or_messages(
    repo, cli, tmp_path, monkeypatch
):
    """GIT-8: grep columns, submodule recursion, hidden submodules, signatures and a log
    encoding leave references, files and messages as they are."""
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen is needed to sign a commit")
    repo.commit("spec", {"specs/pay.md": CENTS, "tests/test_pay.py": "# PAY-1 verified\n"})
    add_submodule(repo, tmp_path / "library")  # its lib.py names PAY-2
    key = tmp_path / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    repo.write({"src/pay/charge.py": "# PAY-1 charge in cents\ncharge = 1\n"})
    (repo.path / "lib" / "extra.py").write_text("extra = 1\n")
    git(repo.path / "lib", "add", "-A")
    git(repo.path / "lib", "commit", "-q", "-m", "bump")
    repo.git("add", "-A")
    signing = ("-c", "gpg.format=ssh", "-c", f"user.signingKey={key}.pub")
    repo.git(*signing, "commit", "-q", "-S", "-m", "Paiement en café: PAY-2")
    hostile_configuration(repo, tmp_path)
    info = gitio.open_repo(repo.path)
    snap = pipeline.snapshot(info, gitio.revision(info, "HEAD"))
    assert snap.change.messages == ("Paiement en café: PAY-2",)
    assert sorted(snap.change.paths) == ["lib", "src/pay/charge.py"]
    found = {(r.id, r.path, r.line, r.kind, r.text) for r in snap.references}
    assert found == {
        ("PAY-1", "src/pay/charge.py", 1, "implements", "# PAY-1 charge in cents"),
        ("PAY-1", "tests/test_pay.py", 1, "verifies", "# PAY-1 verified"),
    }
    assert [r.id for r in snap.message_references] == ["PAY-2"]


# Specs and references from the resulting tree (GIT-10, GIT-11)


def requirement(data: dict, item_id: str) -> dict:
    spec = next(s for s in data["specs"] if s["id"] == item_id.split("-")[0])
    return next(r for r in spec["requirements"] if r["id"] == item_id)


def places(item: dict, kind: str) -> list[str]:
    return [f"{r['path']}:{r['line']}" for r in item[kind]]


def test_old_commit_is_judged_by_the_specs_of_its_day(repo, cli):
    """GIT-10"""
    old = repo.commit(
        "payments", {"specs/pay.md": CENTS, "src/pay/charge.py": "# PAY-1\ncharge = 1\n"}
    )
    repo.commit("switch to euros", {"specs/pay.md": EUROS})
    repo.commit("refunds", {"src/pay/refund.py": "# PAY-2\nrefund = 1\n"})
    then = review_json(cli, old)
    assert requirement(then, "PAY-1")["text"] == "Charge in cents."
    assert places(requirement(then, "PAY-2"), "implemented") == []
    now = review_json(cli, "HEAD~1")
    assert requirement(now, "PAY-1")["text"] == "Charge in euros."


def test_staged_reads_the_index_version_of_a_spec_and_worktree_the_file(repo, cli):
    """GIT-10"""
    repo.commit("readme", {"README.md": "hi\n"})
    repo.stage({"specs/pay.md": CENTS, "src/pay/charge.py": "charge = 1\n"})
    repo.write({"specs/pay.md": EUROS})
    assert requirement(review_json(cli, "--staged"), "PAY-1")["text"] == "Charge in cents."
    assert requirement(review_json(cli, "--worktree"), "PAY-1")["text"] == "Charge in euros."


def test_references_come_from_the_same_tree_as_the_change(repo, cli):
    """GIT-11: a reference only in the work tree does not count for --staged; test files
    verify, other files implement, and nothing under specs/ counts."""
    repo.commit(
        "payments",
        {
            "specs/pay.md": CENTS,
            "specs/README.md": "PAY-2 is described in pay.md\n",
            "specs/notes.txt": "PAY-2 again\n",
            "src/pay/charge.py": "# PAY-1\ncharge = 1\n",
            "src/pay/refund.py": "refund = 1\n",
            "tests/test_pay.py": "def test_charge():  # PAY-1\n    pass\n",
            "src/pay/charge_test.py": "\n# PAY-1 too\n",
        },
    )
    repo.stage({"src/pay/charge.py": "# PAY-1\ncharge = 2\n"})
    repo.write({"src/pay/refund.py": "# PAY-2\nrefund = 1\n"})
    staged = review_json(cli, "--staged")
    assert places(requirement(staged, "PAY-1"), "implemented") == ["src/pay/charge.py:1"]
    assert sorted(places(requirement(staged, "PAY-1"), "verified")) == [
        "src/pay/charge_test.py:2",
        "tests/test_pay.py:1",
    ]
    assert places(requirement(staged, "PAY-2"), "implemented") == []
    worktree = review_json(cli, "--worktree")
    assert places(requirement(worktree, "PAY-2"), "implemented") == ["src/pay/refund.py:1"]


def test_a_python_file_too_deep_or_broken_to_parse_writes_no_names(repo, cli):
    """REVIEW-E7: a syntax error, a null byte and nesting deep enough to crash CPython 3.10's
    parser (RecursionError on 3.11 and later): the review goes on, and other files still
    ripple."""
    deep = b"TOTAL = 1" + b"+1" * 200_000 + b"\n"
    repo.commit("base", {"src/ok.py": "def show(user):\n    return user.token\n"})
    repo.commit(
        "odd files",
        {
            "src/deep.py": deep,
            "src/broken.py": "def oops(:\n",
            "src/nul.py": b"x = '\x00'\n",
            "src/write.py": "def issue(user):\n    user.token = mint()\n",
        },
    )
    result = cli("review", "HEAD", "--format", "json")
    assert result.code == 0, result.err
    names = {r["symbol"]["name"] for r in json.loads(result.out)["ripples"]}
    assert names == {"token"}


EVENTS_SPEC = """---
id: EV
scope: [pkg/*.py]
---
# Events

## Requirements
- EV-1: `Data` carries `chunk_start` and `chunk_end` flags.
"""
HELPER = """from ..events import Data


def normalize(events):
    out = []
    for event in events:
        event.chunk_start = False
        event.chunk_end = False
        out.append(event)
    return out
"""


def test_a_helper_in_a_packages_own_tests_folder_is_a_test(repo, cli):
    """CHECK-E34: the default test globs are `**/tests/**` and `**/test/**`: h11 keeps its
    tests in `h11/tests/`, and its `helpers.py` was implementation: its hunk asked EV-1 at
    confidence 1.0 with two ripples, and a reference there implemented the requirement."""
    events = "class Data:\n    def __init__(self, data, chunk_start=False, chunk_end=False):\n"
    events += "        self.chunk_start = chunk_start  # EV-1\n        self.chunk_end = chunk_end\n"
    repo.commit(
        "base",
        {"specs/ev.md": EVENTS_SPEC, "pkg/events.py": events, "pkg/tests/helpers.py": HELPER},
    )
    rebuilt = HELPER.replace(
        "        event.chunk_start = False\n        event.chunk_end = False\n",
        "        event = Data(event.data, chunk_start=False, chunk_end=False)\n",
    )
    repo.commit("helper builds new events", {"pkg/tests/helpers.py": rebuilt})
    data = review_json(cli, "HEAD")
    assert data["questions"] == [] and data["ripples"] == []
    repo.commit("ref", {"pkg/tests/helpers.py": rebuilt + "# EV-1\n"})
    shown = cli("show", "EV-1").out
    assert "verifies at pkg/tests/helpers.py" in shown and "implemented at pkg/events.py" in shown


NO_NEWLINE_SPEC = """---
id: STR
scope: [src/**]
---
# Strings

## Context
- `multi_replace()` replaces many substrings at once.

## Requirements
- STR-1: `multi_replace()` with an empty mapping returns the text unchanged.

## Edge Cases
- STR-E1: An empty text.
"""
NO_NEWLINE = (
    "def multi_replace(text, sub):\n    for k, v in sub.items():\n"
    "        text = text.replace(k, v)\n    return text"
)


def test_a_last_line_that_only_gains_its_final_newline_is_no_change(repo, cli):
    """GIT-E15 (the boltons trial's user): a function appended to a file without a final
    newline was said to change the function above it, whose last line git shows removed and
    added again; that line is context now, so neither it nor the statements naming
    `multi_replace()` are asked. A last line whose text changes too is still a change."""
    repo.commit("base", {"specs/str.md": NO_NEWLINE_SPEC, "src/s.py": NO_NEWLINE})
    appended = NO_NEWLINE + "\n\n\ndef shout(text):\n    return text.upper()\n"
    repo.commit("shout", {"src/s.py": appended})
    data = json.loads(cli("review", "HEAD", "--all", "--format", "json").out)
    counted = files_by_path(data)["src/s.py"]
    assert (counted["added"], counted["removed"]) == (4, 0), counted
    acts = [(a["verb"], a["name"]) for q in data["questions"] for a in q["acts"]]
    assert ("changes", "multi_replace") not in acts, acts
    repo.commit("lost", {"src/s.py": NO_NEWLINE})
    repo.commit("changed", {"src/s.py": NO_NEWLINE.replace("return text", "return text or ''")})
    counted = files_by_path(json.loads(cli("review", "HEAD", "--format", "json").out))["src/s.py"]
    assert (counted["added"], counted["removed"]) == (1, 1), counted


def test_the_patch_reader_reads_either_marker_of_a_newline_only_line():
    """GIT-E15: `\\ No newline at end of file` after the removed line (a line appended after
    it) or after the added one (the newline dropped): the pair is the context line it was."""
    from specflow.patch import parse_hunks

    gained = parse_hunks("a", "@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n")
    dropped = parse_hunks("a", "@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n")
    edited = parse_hunks("a", "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+B\n")
    assert gained and gained[0].added == (Line(3, "c"),) and gained[0].removed == ()
    assert dropped == []  # a hunk whose one change was the newline changes no line
    assert edited and edited[0].added == (Line(2, "B"),) and edited[0].removed == (Line(2, "b"),)
