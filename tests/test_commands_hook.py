"""`specflow hook install|uninstall` and `.pre-commit-hooks.yaml`, with real `git commit`,
`git merge` and `git push` runs in temporary repositories (HOOK-*)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

from specflow.commands import hook as hooks
from testing.util import review_json

SPEC = """---
id: RESET
scope:
  - src/auth/**
---
# Password reset

## Context
- Passwords are hashed with SHA-256 in `hash_password()` (src/auth/hashing.py).

## Requirements
- RESET-1: New password hashes use the existing SHA-256 format.
- [ ] RESET-3: Old hashes are migrated to bcrypt on the next successful login.

## Edge Cases
- RESET-E1: The user resets the password several times in a row.

## Constraints
- forbid `import bcrypt` in `src/auth/**` until RESET-3: the hash format must not fork.
"""
HASHING = """import hashlib


def hash_password(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()
"""
TRACED_HASHING = HASHING + "\n\n# RESET-1: every new hash goes through hash_password.\n"
TEST_HASHING = 'def test_new_hash_is_sha256():\n    """RESET-1"""\n'
BCRYPT = """import bcrypt


def reset(password: str) -> bytes:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt())
"""
FIXED = """from auth.hashing import hash_password


def reset(password: str) -> str:
    return hash_password(password)  # RESET-1: keep the SHA-256 format
"""
CLEAN_BASE = {
    "specs/password-reset.md": SPEC,
    "src/auth/hashing.py": TRACED_HASHING,
    "tests/test_hashing.py": TEST_HASHING,
}
BAD = {"src/auth/reset.py": BCRYPT}
FIXED_RESET = {"src/auth/reset.py": FIXED}
HOOK_NAMES = ("pre-commit", "commit-msg", "pre-merge-commit")


def git(
    cwd: Path,
    *args: str,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run git as a user would, hooks included; the timeout only keeps a broken hook from
    hanging the suite."""
    return subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        input=stdin,
        timeout=300,
    )


def output(done: subprocess.CompletedProcess[str]) -> str:
    return done.stdout + done.stderr  # git sends a hook's stdout to stderr


def commit(repo, message: str, *args: str, env: dict[str, str] | None = None):
    return git(repo.path, "commit", "-m", message, *args, env=env)


@pytest.fixture
def hooked(repo, cli):
    """The clean story repository (every requirement referenced) with the hooks installed."""
    repo.commit("password reset spec", CLEAN_BASE)
    result = cli("hook", "install")
    assert result.code == 0, result
    return repo


def hooks_dir(repo) -> Path:
    return repo.path / ".git" / "hooks"


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file of a hooks folder: bytes, mode and inode (a rewrite gets a new inode)."""
    found = {}
    for path in sorted(folder.iterdir()):
        if not path.name.endswith(".sample"):
            info = path.lstat()
            data = os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
            found[path.name] = (data, info.st_mode, info.st_ino)
    return found


def write_hook(path: Path, body: str, mode: int = 0o755) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = f"#!/bin/sh\n{body}\n".encode()
    path.write_bytes(data)
    path.chmod(mode)
    return data


# --- the story ------------------------------------------------------------------------------


def test_bcrypt_commit_is_blocked_and_the_fixed_commit_passes(repo, cli):
    """HOOK-1, HOOK-6: the story's commit is stopped before it exists, the fix lands."""
    repo.commit(
        "password reset spec", {"specs/password-reset.md": SPEC, "src/auth/hashing.py": HASHING}
    )
    assert cli("hook", "install").code == 0
    before = repo.head()

    repo.stage(BAD)
    blocked = commit(repo, "Use bcrypt for new passwords")
    assert blocked.returncode != 0
    assert "[constraint]" in output(blocked) and "src/auth/reset.py:1" in output(blocked)
    assert "[unreferenced-requirement]" in output(blocked) and "RESET-1" in output(blocked)
    assert repo.head() == before

    repo.stage({"src/auth/reset.py": FIXED, "tests/test_reset.py": TEST_HASHING})
    passed = commit(repo, "Reset keeps SHA-256")
    assert passed.returncode == 0, output(passed)
    assert repo.head() != before


def test_deleting_a_spec_code_still_names_is_blocked_and_reviewed(hooked, cli):
    """CHECK-E10, REVIEW-E42: `git rm` of the spec that code and tests name does not get past
    the hook, nor does `git mv` out of specs/; the review shows the spec as deleted, with
    where each of its IDs is still named, in text and in JSON."""
    before = hooked.head()
    hooked.git("rm", "-q", "specs/password-reset.md")
    blocked = commit(hooked, "Drop the reset spec")
    assert blocked.returncode != 0 and hooked.head() == before
    said = output(blocked)
    assert "[dangling-reference] RESET-1 is removed with specs/password-reset.md" in said
    assert "src/auth/hashing.py" in said and "tests/test_hashing.py" in said
    text = cli("review", "--staged").out
    assert "affected: this change deletes the spec" in text and "RESET-1 removed, but" in text
    assert "No spec is affected" not in text
    (deleted,) = review_json(cli, "--staged")["specs"]
    assert deleted["delta"]["deleted"] and deleted["requirements"] == []
    assert {r["id"] for r in deleted["delta"]["removed"]} >= {"RESET-1"}
    hooked.git("reset", "-q", "--hard")
    (hooked.path / "docs").mkdir()
    hooked.git("mv", "specs/password-reset.md", "docs/password-reset.md")
    assert commit(hooked, "Move the spec to docs").returncode != 0
    assert hooked.head() == before
    hooked.git("reset", "-q", "--hard")
    spec = (hooked.path / "specs/password-reset.md").read_text()
    hooked.stage(
        {"specs/password-reset.md": spec.replace("id: RESET\n", "id: RESET\nstatus: deprecated\n")}
    )
    assert commit(hooked, "Retire the reset spec").returncode == 0  # a warning, not a block
    hooked.git("rm", "-q", "specs/password-reset.md")
    retired = commit(hooked, "Drop the retired spec")
    assert retired.returncode != 0 and "keep the deprecated spec until they go" in output(retired)


def test_husky_hooks_are_left_to_husky(repo, cli):
    """HOOK-E6: husky 9's `.husky/_/pre-commit` sources `h`, which runs `.husky/pre-commit`
    by its own name: renamed to `.legacy` it would run nothing. Install writes nothing."""
    husky = repo.path / ".husky" / "_"
    husky.mkdir(parents=True)
    (husky / "h").write_text('#!/usr/bin/env sh\nn=$(basename "$0")\n')
    stub = '#!/usr/bin/env sh\n. "${0%/*}/h"\n'
    (husky / "pre-commit").write_text(stub)
    repo.git("config", "core.hooksPath", ".husky/_")
    result = cli("hook", "install")
    assert result.code == 2 and "husky" in result.err and "--before-message" in result.err
    assert (husky / "pre-commit").read_text() == stub
    assert sorted(p.name for p in husky.iterdir()) == ["h", "pre-commit"]


def test_uninstall_removes_our_hook_another_manager_kept_as_legacy(hooked, cli):
    """HOOK-E7: `pre-commit install` after ours moves ours to `pre-commit.legacy` and runs it
    first; uninstall removes it there and leaves the manager's hook."""
    hooks = hooked.path / ".git" / "hooks"
    (hooks / "pre-commit").rename(hooks / "pre-commit.legacy")
    manager = "#!/bin/sh\n# another manager's hook\nexit 0\n"
    (hooks / "pre-commit").write_text(manager)
    removed = cli("hook", "uninstall")
    assert removed.code == 0 and "pre-commit.legacy" in removed.out, removed
    assert not (hooks / "pre-commit.legacy").exists()
    assert (hooks / "pre-commit").read_text() == manager


def test_dangling_reference_in_the_message_is_blocked_by_commit_msg(hooked):
    """HOOK-1: the message only exists for commit-msg, and its references are judged there."""
    hooked.stage({"src/auth/reset.py": FIXED})
    before = hooked.head()
    blocked = commit(hooked, "Implements RESET-9")
    assert blocked.returncode != 0
    assert "[dangling-reference]" in output(blocked) and "RESET-9" in output(blocked)
    assert hooked.head() == before
    # The same index with a message naming a real requirement goes through.
    assert commit(hooked, "Implements RESET-1").returncode == 0


def test_commit_msg_says_it_checked_the_message_not_the_staged_change(hooked):
    """HOOK-E10 (the tomlkit trial: "1 error, 0 warnings in --staged (blocked)" for an ID that
    only the message named): commit-msg's verdict says it checked the commit message; the
    pre-commit hook's, on the staged change, keeps naming it."""
    hooked.stage({"src/auth/reset.py": FIXED, "docs/note.md": "api note\n"})
    blocked = output(commit(hooked, "api note, see RESET-77"))
    assert "(commit message):1: error [dangling-reference]" in blocked
    assert "1 error, 0 warnings in the commit message (blocked)." in blocked
    assert "in --staged" not in blocked
    hooked.stage({"src/auth/other.py": "# RESET-99\nX = 1\n"})
    staged = output(commit(hooked, "other"))
    assert "[dangling-reference]" in staged and "in --staged (blocked)." in staged


def test_a_message_naming_the_id_its_commit_renumbers_passes_commit_msg(hooked, cli):
    """HOOK-E8: structlog's trial renamed PROC-8 to PROC-9 in spec and code alike; pre-commit
    passed, then commit-msg blocked "Renumber PROC-8 to PROC-9" for naming the old ID. An ID the
    committed-on specs define is no dangling name in the message; one that never was, or one
    an added line of code still names, blocks as before."""
    renamed = {
        "specs/password-reset.md": SPEC.replace("RESET-1", "RESET-2"),
        "src/auth/hashing.py": TRACED_HASHING.replace("RESET-1", "RESET-2"),
        "tests/test_hashing.py": TEST_HASHING.replace("RESET-1", "RESET-2"),
    }
    hooked.stage(renamed)
    before = hooked.head()
    never = commit(hooked, "Renumber RESET-7 to RESET-2")
    assert never.returncode != 0 and "RESET-7 does not exist" in output(never)
    hooked.stage({"src/auth/reset.py": FIXED.replace("RESET-1", "RESET-2") + "# RESET-1\n"})
    still = commit(hooked, "Renumber RESET-1 to RESET-2")
    assert still.returncode != 0 and "src/auth/reset.py:6" in output(still), output(still)
    assert hooked.head() == before
    hooked.stage({"src/auth/reset.py": None})
    done = commit(hooked, "Renumber RESET-1 to RESET-2")
    assert done.returncode == 0, output(done)
    assert "dangling" not in output(done)
    assert hooked.git("log", "-1", "--format=%s").strip() == "Renumber RESET-1 to RESET-2"
    # the next commit's specs no longer define RESET-1: naming it blocks again
    hooked.stage({"notes.txt": "notes\n"})
    again = commit(hooked, "Follow-up to RESET-1")
    assert again.returncode != 0 and "RESET-1 does not exist" in output(again)
    ci = cli("check", "HEAD")  # CI judges the landed commit, message and all, alike
    assert ci.code == 0 and "dangling" not in ci.out + ci.err, ci


HEADED = "# RESET-1: the one hash function\ndef hash_password(p):\n    return p.upper()\n"


def test_pre_commit_says_the_message_is_not_written_yet_when_the_code_is_touched(repo, cli):
    """HOOK-E9 (the attrs trial's b5c8afc, `in_: VALID-3 tuple`): git runs pre-commit before
    the message exists, so its touched-requirement warning says no changed line names the ID
    and that the message is not written yet, the instruction still before the quote
    (COMMENT-E8); `check HEAD` of a commit whose message names it warns of nothing, and of
    one whose message does not, says "names it nowhere" as before, no longer."""
    files = {"specs/password-reset.md": SPEC, "src/auth/hashing.py": HEADED}
    repo.commit("base", {**files, "tests/test_hashing.py": TEST_HASHING})
    assert cli("hook", "install").code == 0
    repo.stage({"src/auth/hashing.py": HEADED.replace("upper", "lower")})
    named = commit(repo, "hashing: RESET-1 lower case")
    said = output(named)
    assert named.returncode == 0, said
    assert (
        "touches the code of RESET-1 (src/auth/hashing.py:1) and names it on no changed line "
        "(the message is not written yet): does it still hold? Name RESET-1 in the commit "
        'message once you are sure: "New password hashes' in said
    ), said
    assert "names it nowhere" not in said
    assert "touched-requirement" not in cli("check", "HEAD").out
    repo.stage({"src/auth/hashing.py": HEADED.replace("upper", "title")})
    assert commit(repo, "hashing: title case").returncode == 0
    landed = cli("check", "HEAD").out
    assert (
        "touches the code of RESET-1 (src/auth/hashing.py:1) and names it nowhere: does it "
        'still hold? Name RESET-1 in the commit message once you are sure: "New' in landed
    ), landed


def test_commit_msg_hook_sees_comments_stripped_as_git_stores_the_message(hooked):
    """HOOK-1: git passes the message file with its comment lines; those are not references."""
    hooked.stage({"notes.txt": "notes\n"})
    message = "Add notes\n\n# RESET-9 in a comment is not part of the message\n"
    done = git(hooked.path, "commit", "--cleanup=strip", "-F", "-", stdin=message)
    assert done.returncode == 0, output(done)


# --- which index is judged -------------------------------------------------------------------


def test_partial_commit_that_leaves_a_bad_staged_file_out_passes(hooked):
    """HOOK-6: `git commit PATH` judges git's temporary index (GIT_INDEX_FILE), not .git/index."""
    hooked.stage(BAD)
    hooked.write({"README.md": "Password reset\n"})
    hooked.git("add", "-N", "README.md")
    done = commit(hooked, "Readme", "README.md")
    assert done.returncode == 0, output(done)
    assert hooked.git("show", "--name-only", "--format=", "HEAD").split() == ["README.md"]
    # The bad file is still staged, and a commit of the whole index is blocked.
    assert "A  src/auth/reset.py" in hooked.git("status", "--porcelain")
    assert commit(hooked, "Everything staged").returncode != 0


def test_the_commit_that_mends_a_committed_spec_that_does_not_parse_passes(hooked):
    """CHECK-E25 (the cookie trial): a spec whose front matter broke in a commit the hook did
    not judge (`--no-verify`) no longer blocks the commit that mends it; one still broken in the
    commit does, naming its line."""
    broken = SPEC.replace("  - src/auth/**", "  - [src/auth/**")
    hooked.write({"specs/password-reset.md": broken})
    assert commit(hooked, "Break the spec", "-a", "--no-verify").returncode == 0
    hooked.write({"specs/password-reset.md": broken.replace("scope:", "scope: \n")})
    still = commit(hooked, "Not mended", "-a")
    assert still.returncode != 0 and "specs/password-reset.md:" in output(still)
    hooked.write({"specs/password-reset.md": SPEC})
    mended = commit(hooked, "Mend the spec", "-a")
    assert mended.returncode == 0, output(mended)


def test_commit_a_judges_the_tracked_changes_it_adds(hooked):
    """HOOK-6: `git commit -a` stages tracked changes into .git/index.lock; those are judged."""
    hooked.write({"src/auth/hashing.py": "import bcrypt\n" + TRACED_HASHING, "notes.txt": "n\n"})
    hooked.git("add", "notes.txt")
    assert commit(hooked, "Notes only").returncode == 0  # the unstaged change is not in it
    blocked = commit(hooked, "Everything", "-a")
    assert blocked.returncode != 0
    assert "src/auth/hashing.py:1" in output(blocked) and "[constraint]" in output(blocked)


def test_blocked_commit_changes_neither_the_index_nor_the_work_tree(hooked):
    """HOOK-6: a hook never changes state, not even with partly staged and untracked files."""
    hooked.stage({**BAD, "src/auth/hashing.py": TRACED_HASHING + "\n# staged\n"})
    hooked.write({"src/auth/hashing.py": TRACED_HASHING + "\n# unstaged\n", "scratch.txt": "x\n"})
    before = (
        hooked.git("status", "--porcelain"),
        hooked.git("ls-files", "-s"),
        hooked.read("src/auth/hashing.py"),
    )
    assert commit(hooked, "Use bcrypt").returncode != 0
    after = (
        hooked.git("status", "--porcelain"),
        hooked.git("ls-files", "-s"),
        hooked.read("src/auth/hashing.py"),
    )
    assert after == before
    assert before[0].splitlines() == [
        "MM src/auth/hashing.py",
        "A  src/auth/reset.py",
        "?? scratch.txt",
    ]


def test_the_very_first_commit_is_judged(repo, cli):
    """HOOK-6: before the first commit there is no HEAD; the index is judged against nothing."""
    assert cli("hook", "install").code == 0
    repo.stage({"specs/password-reset.md": SPEC, "src/auth/hashing.py": HASHING})
    blocked = commit(repo, "Initial")
    assert blocked.returncode != 0 and "[unreferenced-requirement]" in output(blocked)
    repo.stage(CLEAN_BASE)
    passed = commit(repo, "Initial")
    assert passed.returncode == 0, output(passed)


def test_conflicted_merge_is_judged_as_the_change_it_makes_to_the_branch(hooked):
    """HOOK-6: a merge is judged as `check HEAD` will judge it in CI, against the branch it
    lands on: the resolution's own violation and what the other branch brings alike."""
    hooked.commit("shared file", {"src/auth/config.py": "ROUNDS = 1\n"})
    hooked.git("switch", "-q", "-c", "other")
    hooked.stage({**BAD, "src/auth/config.py": "ROUNDS = 2\n"})
    assert commit(hooked, "Other work", "--no-verify").returncode == 0
    hooked.git("switch", "-q", "main")
    hooked.stage({"src/auth/config.py": "ROUNDS = 3\n"})
    assert commit(hooked, "Main work").returncode == 0
    assert git(hooked.path, "merge", "other").returncode != 0  # the conflict

    hooked.stage({"src/auth/config.py": "import bcrypt\nROUNDS = 4\n"})
    blocked = git(hooked.path, "commit", "--no-edit")
    assert blocked.returncode != 0
    assert "src/auth/config.py:1" in output(blocked)
    assert "src/auth/reset.py:1" in output(blocked)  # bypassed on its branch, caught here

    hooked.stage({"src/auth/config.py": "ROUNDS = 4\n", **FIXED_RESET})
    merged = git(hooked.path, "commit", "--no-edit")
    assert merged.returncode == 0, output(merged)
    assert len(hooked.git("rev-list", "--parents", "-n", "1", "HEAD").split()) == 3


def test_a_merge_blocked_by_pre_merge_commit_stays_blocked_at_git_commit(repo, cli):
    """HOOK-6: two branches that each pass meet in a break (main adds a constraint, the other
    branch's code breaks it). pre-merge-commit stops the clean merge, and the `git commit`
    that git then suggests gives the same verdict: it was the way past the hook."""
    unconstrained = SPEC.split("## Constraints")[0]
    repo.commit("spec", {**CLEAN_BASE, "specs/password-reset.md": unconstrained})
    assert cli("hook", "install").code == 0
    repo.git("switch", "-q", "-c", "other")
    repo.stage(BAD)
    assert commit(repo, "Reset with bcrypt").returncode == 0, "no constraint on this branch"
    repo.git("switch", "-q", "main")
    repo.stage({"specs/password-reset.md": SPEC})
    assert commit(repo, "The hash format must not fork").returncode == 0

    stopped = git(repo.path, "merge", "--no-edit", "other")
    assert stopped.returncode != 0 and "src/auth/reset.py:1" in output(stopped)
    again = git(repo.path, "commit", "--no-edit")
    assert again.returncode != 0, output(again)
    assert "src/auth/reset.py:1" in output(again)
    assert len(repo.git("rev-list", "--parents", "-n", "1", "HEAD").split()) == 2


def test_clean_merge_runs_the_pre_merge_commit_hook(hooked):
    """HOOK-1: a merge without conflicts fires pre-merge-commit (and commit-msg), not pre-commit."""
    hooked.git("switch", "-q", "-c", "other")
    hooked.stage({"notes.txt": "notes\n"})
    assert commit(hooked, "Notes").returncode == 0
    hooked.git("switch", "-q", "main")
    hooked.stage({"more.txt": "more\n"})
    assert commit(hooked, "More").returncode == 0
    (hooks_dir(hooked) / "commit-msg").unlink()
    done = git(hooked.path, "merge", "--no-edit", "other", env={"SPECFLOW_SKIP": "1"})
    assert done.returncode == 0, output(done)
    assert "skipped (SPECFLOW_SKIP is set)" in output(done)  # said by pre-merge-commit


# --- bypasses --------------------------------------------------------------------------------


def test_no_verify_bypasses_the_hooks(hooked):
    """HOOK-8"""
    hooked.stage(BAD)
    done = commit(hooked, "Implements RESET-9", "--no-verify")
    assert done.returncode == 0, output(done)


def test_specflow_skip_bypasses_the_check_with_a_notice_but_not_the_legacy_hook(repo, cli):
    """HOOK-8"""
    log = repo.path.parent / "legacy.log"
    write_hook(hooks_dir(repo) / "pre-commit", f'echo legacy >> "{log}"')
    repo.commit("spec", CLEAN_BASE)  # the foreign hook runs here too
    log.unlink()
    assert cli("hook", "install").code == 0
    repo.stage(BAD)
    done = commit(repo, "Use bcrypt", env={"SPECFLOW_SKIP": "1"})
    assert done.returncode == 0, output(done)
    assert "skipped (SPECFLOW_SKIP is set)" in output(done)
    assert log.read_text() == "legacy\n"


# --- legacy hooks ----------------------------------------------------------------------------


def test_legacy_hook_runs_first_its_failure_blocks_and_uninstall_restores_it(repo, cli):
    """HOOK-2, HOOK-3"""
    folder = hooks_dir(repo)
    log = repo.path.parent / "legacy.log"
    gate = repo.path.parent / "legacy-fails"
    pre_commit = write_hook(
        folder / "pre-commit",
        f'echo "pre-commit $#" >> "{log}"\n'
        f'if [ -e "{gate}" ]; then echo legacy says no; exit 3; fi',
        mode=0o750,
    )
    commit_msg = write_hook(folder / "commit-msg", f'echo "commit-msg $1" >> "{log}"', mode=0o700)
    repo.commit("spec", CLEAN_BASE)
    log.unlink()

    installed = cli("hook", "install")
    assert installed.code == 0, installed
    assert "pre-commit.legacy" in installed.out
    assert (folder / "pre-commit.legacy").read_bytes() == pre_commit

    gate.touch()
    repo.stage({"notes.txt": "notes\n"})
    blocked = commit(repo, "Notes")
    assert blocked.returncode != 0 and "legacy says no" in output(blocked)
    assert "--staged" not in output(blocked)  # specflow's check (its summary) never ran
    gate.unlink()
    assert commit(repo, "Notes").returncode == 0
    assert log.read_text().splitlines() == [
        "pre-commit 0",
        "pre-commit 0",
        "commit-msg .git/COMMIT_EDITMSG",
    ]

    removed = cli("hook", "uninstall")
    assert removed.code == 0, removed
    assert (folder / "pre-commit").read_bytes() == pre_commit
    assert stat.S_IMODE((folder / "pre-commit").stat().st_mode) == 0o750
    assert (folder / "commit-msg").read_bytes() == commit_msg
    assert stat.S_IMODE((folder / "commit-msg").stat().st_mode) == 0o700
    assert not (folder / "pre-merge-commit").exists()
    assert not list(folder.glob("*.legacy"))


@pytest.mark.parametrize(
    "legacy",
    ['exec "$(dirname "$0")/pre-commit"', "copy"],
    ids=["legacy-calls-the-hook", "legacy-is-a-copy"],
)
def test_legacy_hook_that_runs_our_hook_again_stops_instead_of_looping(hooked, legacy):
    """HOOK-2"""
    folder = hooks_dir(hooked)
    if legacy == "copy":
        shutil.copy2(folder / "pre-commit", folder / "pre-commit.legacy")
    else:
        write_hook(folder / "pre-commit.legacy", legacy)
    hooked.stage({"notes.txt": "notes\n"})
    done = commit(hooked, "Notes")
    assert done.returncode != 0
    assert "pre-commit.legacy ran specflow's pre-commit hook again" in output(done)


def test_symlinked_hook_is_kept_and_restored_as_a_symlink(repo, cli):
    """HOOK-E1"""
    target = repo.path.parent / "shared-hook"
    write_hook(target, "exit 0")
    (hooks_dir(repo) / "pre-commit").symlink_to(target)
    assert cli("hook", "install").code == 0
    assert os.readlink(hooks_dir(repo) / "pre-commit.legacy") == str(target)
    assert cli("hook", "uninstall").code == 0
    assert os.readlink(hooks_dir(repo) / "pre-commit") == str(target)


def test_legacy_hook_that_is_not_executable_is_skipped_as_git_would(repo, cli):
    """HOOK-E2"""
    log = repo.path.parent / "legacy.log"
    write_hook(hooks_dir(repo) / "pre-commit", f'echo ran >> "{log}"', mode=0o644)
    repo.commit("spec", CLEAN_BASE)
    assert cli("hook", "install").code == 0
    repo.stage(BAD)
    assert commit(repo, "Use bcrypt").returncode != 0  # specflow's part still runs
    assert not log.exists()


def test_installing_twice_changes_nothing(repo, cli):
    """HOOK-3"""
    write_hook(hooks_dir(repo) / "pre-commit", "exit 0")
    assert cli("hook", "install", "--pre-push").code == 0
    first = snapshot(hooks_dir(repo))
    again = cli("hook", "install", "--pre-push")
    assert again.code == 0 and again.out.count("is up to date") == 4
    assert snapshot(hooks_dir(repo)) == first
    assert sorted(first) == [
        "commit-msg",
        "pre-commit",
        "pre-commit.legacy",
        "pre-merge-commit",
        "pre-push",
    ]
    for name in ("commit-msg", "pre-commit", "pre-merge-commit", "pre-push"):
        data, mode, _ = first[name]
        assert data.splitlines()[1] == hooks.MARKER.encode() and mode & 0o111 == 0o111
        assert data.splitlines()[2].startswith(b"# specflow-hook-digest: ")  # HOOK-E5


def test_upgrade_rewrites_an_older_specflow_hook_in_place(hooked, cli):
    """HOOK-3: a script with an older marker is recognised as ours, not kept as a legacy hook."""
    hook = hooks_dir(hooked) / "pre-commit"
    hook.write_text("#!/bin/sh\n# specflow-hook v0\nexit 0\n")
    result = cli("hook", "install")
    assert "updated .git/hooks/pre-commit" in result.out
    assert hook.read_bytes().splitlines()[1] == hooks.MARKER.encode()
    assert not (hooks_dir(hooked) / "pre-commit.legacy").exists()


def test_an_edited_specflow_hook_is_neither_replaced_nor_removed(hooked, cli):
    """HOOK-E5: a step the user added to specflow's hook after installing it survives both a
    second install (an upgrade, `init --hooks`) and uninstall, which refuse and say why."""
    hook = hooks_dir(hooked) / "pre-commit"
    with hook.open("a", encoding="utf-8") as script:
        script.write("echo USER-EDIT\n")
    before = snapshot(hooks_dir(hooked))
    for action in ("install", "uninstall"):
        refused = cli("hook", action)
        assert refused.code == 2, refused
        assert f"with edits of yours: {action} would lose them" in refused.err
        assert snapshot(hooks_dir(hooked)) == before  # every hook as it was, the edit kept
    hook.write_bytes(hook.read_bytes().replace(b"echo USER-EDIT\n", b""))
    assert cli("hook", "install").out.count("is up to date") == 3
    assert cli("hook", "uninstall").code == 0 and not hook.exists()


def test_uninstall_leaves_foreign_hooks_alone(repo, cli):
    """HOOK-3"""
    foreign = write_hook(hooks_dir(repo) / "post-commit", "exit 0")
    nothing = cli("hook", "uninstall")
    assert nothing.code == 0 and "nothing to remove" in nothing.out
    assert cli("hook", "install").code == 0
    assert cli("hook", "uninstall").code == 0
    assert sorted(snapshot(hooks_dir(repo))) == ["post-commit"]
    assert (hooks_dir(repo) / "post-commit").read_bytes() == foreign


def test_foreign_hook_over_an_existing_legacy_is_refused_before_writing(repo, cli):
    """HOOK-12: moving one would lose the other; nothing at all is written."""
    write_hook(hooks_dir(repo) / "pre-commit", "exit 0")
    write_hook(hooks_dir(repo) / "pre-commit.legacy", "exit 1")
    before = snapshot(hooks_dir(repo))
    refused = cli("hook", "install")
    assert refused.code == 2 and "pre-commit.legacy exist" in refused.err
    assert snapshot(hooks_dir(repo)) == before


def test_the_pre_commit_frameworks_hook_is_not_chained(repo, cli):
    """HOOK-12: as a legacy hook it would run itself and block every commit."""
    pytest.importorskip("pre_commit", reason="the pre-commit package is not installed")
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=repo.path, capture_output=True
    )
    assert done.returncode == 0, done
    before = snapshot(hooks_dir(repo))
    refused = cli("hook", "install")
    assert refused.code == 2 and ".pre-commit-config.yaml" in refused.err
    assert snapshot(hooks_dir(repo)) == before


# --- where hooks go --------------------------------------------------------------------------


def test_core_hooks_path_inside_the_repository_is_honoured(repo, cli):
    """HOOK-4"""
    repo.commit("spec", CLEAN_BASE)
    repo.git("config", "core.hooksPath", ".githooks")
    done = cli("hook", "install")
    assert done.code == 0
    assert "commit .githooks: git runs these hooks in a linked worktree or a clone" in done.out
    assert (repo.path / ".githooks" / "pre-commit").is_file()
    assert not (hooks_dir(repo) / "pre-commit").exists()
    repo.stage(BAD)
    assert commit(repo, "Use bcrypt").returncode != 0


def test_core_hooks_path_outside_is_refused_with_the_exact_line(repo, cli, tmp_path):
    """HOOK-4: nothing written, the setting kept, and the printed line really works there."""
    repo.commit("spec", CLEAN_BASE)
    outside = tmp_path / "global-hooks"
    outside.mkdir()
    repo.git("config", "core.hooksPath", str(outside))
    refused = cli("hook", "install")
    assert refused.code == 2
    line = hooks.command_line("pre-commit")
    shown = [text.strip() for text in refused.err.splitlines()]
    assert any(text.startswith("pre-commit:") and text.endswith(line) for text in shown)
    assert hooks.command_line("commit-msg") in refused.err
    assert list(outside.iterdir()) == [] and not (hooks_dir(repo) / "pre-commit").exists()
    assert repo.git("config", "core.hooksPath").strip() == str(outside)

    write_hook(outside / "pre-commit", f"echo the hook manager runs its own checks\n{line}")
    repo.stage(BAD)
    blocked = commit(repo, "Use bcrypt")
    assert blocked.returncode != 0 and "[constraint]" in output(blocked)


def test_linked_worktree_uses_the_common_hooks_folder(hooked, cli, monkeypatch):
    """HOOK-1: installed from a worktree, the hooks land where every checkout looks."""
    shutil.rmtree(hooks_dir(hooked))
    worktree = hooked.path.parent / "feature"
    hooked.git("worktree", "add", "-q", "-b", "feature", str(worktree))
    monkeypatch.chdir(worktree)
    assert cli("hook", "install").code == 0
    assert (hooks_dir(hooked) / "pre-commit").is_file()
    assert not list((hooked.path / ".git" / "worktrees").rglob("pre-commit"))

    (worktree / "src/auth/reset.py").write_text(BCRYPT)
    git(worktree, "add", "src/auth/reset.py")
    blocked = git(worktree, "commit", "-m", "Use bcrypt")
    assert blocked.returncode != 0 and "[constraint]" in output(blocked)
    git(worktree, "rm", "-q", "--cached", "src/auth/reset.py")
    (worktree / "notes.txt").write_text("notes\n")
    git(worktree, "add", "notes.txt")
    passed = git(worktree, "commit", "-m", "Notes")
    assert passed.returncode == 0, output(passed)


# --- the script itself -----------------------------------------------------------------------


def test_hook_falls_back_to_specflow_on_path_then_warns_and_lets_through(
    repo, cli, monkeypatch, tmp_path
):
    """HOOK-5, HOOK-E4: a deleted virtualenv neither bricks commits nor passes them silently."""
    repo.commit("spec", CLEAN_BASE)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "deleted-venv" / "bin" / "python"))
    assert cli("hook", "install").code == 0
    repo.stage(BAD)
    scripts = sysconfig.get_path("scripts")  # where pip put the `specflow` console script
    system = os.pathsep.join([str(Path(shutil.which("git") or "/usr/bin/git").parent), "/bin"])
    assert shutil.which("specflow", path=system) is None
    assert shutil.which("specflow", path=scripts) is not None

    blocked = commit(repo, "Use bcrypt", env={"PATH": f"{scripts}{os.pathsep}{system}"})
    assert blocked.returncode != 0 and "[constraint]" in output(blocked)

    through = commit(repo, "Use bcrypt", env={"PATH": system})
    assert through.returncode == 0, output(through)
    assert "specflow: warning: the pre-commit hook checked nothing" in output(through)


def test_hooks_parse_as_posix_sh_and_commit_hooks_never_read_stdin(hooked, cli):
    """HOOK-5: dash (a strict POSIX sh) parses every hook; a commit hook run with a stdin that
    never ends still finishes (GUI clients give hooks no terminal; nothing may wait on one)."""
    assert cli("hook", "install", "--pre-push").code == 0
    shell = shutil.which("dash") or "/bin/sh"
    for name in (*HOOK_NAMES, "pre-push"):
        parsed = subprocess.run([shell, "-n", str(hooks_dir(hooked) / name)], capture_output=True)
        assert parsed.returncode == 0, (name, parsed.stderr)
    hooked.stage({"notes.txt": "notes\n"})
    message = hooked.path / ".git" / "COMMIT_EDITMSG"
    message.write_text("Notes\n")
    for name, args in (("pre-commit", []), ("commit-msg", [str(message)])):
        with tempfile.TemporaryFile() as out:
            process = subprocess.Popen(
                [str(hooks_dir(hooked) / name), *args],
                cwd=hooked.path,
                stdin=subprocess.PIPE,  # left open: a hook reading it would wait forever
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            try:
                code = process.wait(timeout=300)
            finally:
                assert process.stdin is not None
                process.stdin.close()
                if process.poll() is None:
                    process.kill()
                    process.wait()
            out.seek(0)
            assert code == 0, (name, out.read())


def test_a_repository_template_cannot_replace_the_hook(repo, cli):
    """HOOK-11: `.specflow/templates/` overrides review output, never what runs on commit."""
    repo.write({".specflow/templates/hook.sh.j2": "#!/bin/sh\nexit 0\n"})
    repo.commit("spec", CLEAN_BASE)
    assert cli("hook", "install").code == 0
    assert (hooks_dir(repo) / "pre-commit").read_text().splitlines()[1] == hooks.MARKER
    repo.stage(BAD)
    assert commit(repo, "Use bcrypt").returncode != 0


def test_hook_imports_no_module_from_the_repository_being_committed(repo, cli):
    """HOOK-11: `python -m` would put the work tree first on sys.path; a `typer.py` or `yaml.py`
    in the repository must not run (nor break the check)."""
    repo.commit(
        "spec",
        {**CLEAN_BASE, "typer.py": "raise SystemExit('the repository typer.py was imported')\n"},
    )
    assert cli("hook", "install").code == 0
    repo.stage({"notes.txt": "notes\n"})
    done = commit(repo, "Notes")
    assert done.returncode == 0, output(done)
    assert "was imported" not in output(done)


# --- pre-push --------------------------------------------------------------------------------


@pytest.fixture
def remote(repo, cli, tmp_path):
    """A bare remote `origin`, the clean story pushed to it, and the hooks with --pre-push."""
    bare = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    repo.git("remote", "add", "origin", str(bare))
    assert cli("hook", "install", "--pre-push").code == 0
    repo.stage(CLEAN_BASE)
    assert commit(repo, "password reset spec").returncode == 0
    return bare


def test_first_push_checks_every_commit_from_the_root(remote, repo):
    """HOOK-7, HOOK-E3: nothing is on the remote yet; the whole history is judged."""
    repo.stage(BAD)
    assert commit(repo, "Use bcrypt", "--no-verify").returncode == 0
    repo.stage({"notes.txt": "notes\n"})
    assert commit(repo, "Notes").returncode == 0
    refused = git(repo.path, "push", "origin", "main")
    assert refused.returncode != 0 and "src/auth/reset.py:1" in output(refused)
    assert git(remote, "rev-parse", "--verify", "-q", "main").returncode != 0


def test_first_push_judges_the_root_commit_itself(repo, cli, tmp_path):
    """HOOK-E3: a root commit has no parent to diff a range from; it is checked on its own."""
    bare = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    repo.git("remote", "add", "origin", str(bare))
    assert cli("hook", "install", "--pre-push").code == 0
    repo.stage({**CLEAN_BASE, **BAD})
    assert commit(repo, "Everything at once", "--no-verify").returncode == 0
    refused = git(repo.path, "push", "origin", "main")
    assert refused.returncode != 0 and "src/auth/reset.py:1" in output(refused)


def test_push_of_a_range_with_a_blocked_commit_in_its_middle_is_refused(remote, repo):
    """HOOK-7"""
    assert git(repo.path, "push", "-q", "origin", "main").returncode == 0
    pushed_before = repo.head()
    repo.stage({"notes.txt": "one\n"})
    assert commit(repo, "One").returncode == 0
    repo.stage(BAD)
    assert commit(repo, "Use bcrypt", "--no-verify").returncode == 0
    repo.stage({"more.txt": "three\n"})
    assert commit(repo, "Three").returncode == 0

    refused = git(repo.path, "push", "origin", "main")
    assert refused.returncode != 0
    assert "src/auth/reset.py:1" in output(refused) and "[constraint]" in output(refused)
    assert git(remote, "rev-parse", "main").stdout.strip() == pushed_before


def test_push_of_an_id_added_and_dropped_within_the_range_passes(remote, repo):
    """CHECK-E70: RESET-9 planned by one commit and dropped by the next, both messages naming
    it (each passed commit-msg); the pushed range's two ends define it no more."""
    assert git(repo.path, "push", "-q", "origin", "main").returncode == 0
    planned = SPEC.replace("## Edge Cases", "- [ ] RESET-9: Reset links expire.\n\n## Edge Cases")
    for message, spec in (("Plan RESET-9", planned), ("Drop RESET-9: out of scope", SPEC)):
        repo.stage({"specs/password-reset.md": spec})
        done = commit(repo, message)
        assert done.returncode == 0, output(done)
    repo.stage({"notes.txt": "notes\n"})
    assert commit(repo, "Notes").returncode == 0
    pushed = git(repo.path, "push", "origin", "main")
    assert pushed.returncode == 0, output(pushed)
    assert git(remote, "rev-parse", "main").stdout.strip() == repo.head()


def test_push_of_a_new_branch_checks_only_its_own_commits(remote, repo):
    """HOOK-7: from the first commit not on the remote; main's history is not judged again."""
    repo.stage(BAD)
    assert commit(repo, "Use bcrypt", "--no-verify").returncode == 0
    assert git(repo.path, "push", "-q", "--no-verify", "origin", "main").returncode == 0
    repo.git("switch", "-q", "-c", "clean")
    repo.stage({"notes.txt": "notes\n"})
    assert commit(repo, "Notes").returncode == 0
    assert git(repo.path, "push", "-q", "origin", "clean").returncode == 0

    repo.git("switch", "-q", "-c", "dirty", "clean")
    repo.stage({"src/auth/other.py": "import bcrypt\n"})
    assert commit(repo, "More bcrypt", "--no-verify").returncode == 0
    refused = git(repo.path, "push", "origin", "dirty")
    assert refused.returncode != 0 and "src/auth/other.py:1" in output(refused)
    assert "src/auth/reset.py" not in output(refused)


def test_deleting_a_remote_branch_is_not_checked(remote, repo):
    """HOOK-7"""
    repo.stage(BAD)
    assert commit(repo, "Use bcrypt", "--no-verify").returncode == 0
    assert git(repo.path, "push", "-q", "--no-verify", "origin", "main:old").returncode == 0
    deleted = git(repo.path, "push", "-q", "origin", "--delete", "old")
    assert deleted.returncode == 0, output(deleted)


def test_legacy_pre_push_hook_gets_the_same_arguments_and_stdin(remote, repo, cli):
    """HOOK-2: stdin is read once by specflow's hook and handed on unchanged."""
    log = repo.path.parent / "pre-push.log"
    assert cli("hook", "uninstall").code == 0
    write_hook(hooks_dir(repo) / "pre-push", f'echo "$1 $2" > "{log}"\ncat >> "{log}"')
    assert cli("hook", "install", "--pre-push").code == 0
    head = repo.head()
    pushed = git(repo.path, "push", "-q", "origin", "main")
    assert pushed.returncode == 0, output(pushed)
    zeros = "0" * len(head)
    assert log.read_text() == (f"origin {remote}\nrefs/heads/main {head} refs/heads/main {zeros}\n")


# --- init, the pre-commit framework and its range --------------------------------------------


def test_init_hooks_installs_them(repo, cli):
    """HOOK-10"""
    result = cli("init", "--hooks")
    assert result.code == 0, result
    assert "installed .git/hooks/pre-commit" in result.out
    for name in HOOK_NAMES:
        assert (hooks_dir(repo) / name).read_text().splitlines()[1] == hooks.MARKER


def test_init_hooks_outside_a_repository_fails_before_writing(tmp_path, cli, monkeypatch):
    """HOOK-10"""
    folder = tmp_path / "plain"
    folder.mkdir()
    monkeypatch.chdir(folder)
    result = cli("init", "--hooks")
    assert result.code == 2 and "not a git repository" in result.err
    assert list(folder.iterdir()) == []


def test_check_without_a_revision_uses_the_pre_commit_framework_range(hooked, cli, monkeypatch):
    """HOOK-9: PRE_COMMIT_FROM_REF/TO_REF (pre-push, `run --from-ref`) win over --staged."""
    base = hooked.head()
    hooked.stage(BAD)
    assert commit(hooked, "Use bcrypt", "--no-verify").returncode == 0
    hooked.commit("notes", {"notes.txt": "notes\n"})
    assert cli("check", "--staged").code == 0  # the index adds nothing
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", base)
    monkeypatch.setenv("PRE_COMMIT_TO_REF", hooked.head())
    ranged = cli("check", "--staged")
    assert ranged.code == 1 and "src/auth/reset.py:1" in ranged.out
    assert cli("check", "HEAD").code == 0  # an explicit revision still wins
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", "")
    assert cli("check", "--staged").code == 0  # both must be set


def test_pre_commit_framework_runs_the_manifest_hooks(repo, tmp_path, monkeypatch):
    """HOOK-9: a real pre-commit install pointing at this checkout's HEAD blocks the bad commit,
    lets the good one through, judges the message, and honours --from-ref/--to-ref."""
    pytest.importorskip("pre_commit", reason="the pre-commit package is not installed")
    checkout = Path(__file__).resolve().parents[1]
    clone = tmp_path / "specflow-clone"
    subprocess.run(["git", "clone", "-q", str(checkout), str(clone)], check=True)
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=clone, capture_output=True, text=True, check=True
    ).stdout.strip()
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-home"))
    config = (
        f"repos:\n-   repo: {clone}\n    rev: {rev}\n    hooks:\n"
        "    -   id: specflow\n    -   id: specflow-commit-msg\n"
    )
    repo.commit("spec", {**CLEAN_BASE, ".pre-commit-config.yaml": config})
    framework = [sys.executable, "-m", "pre_commit"]
    installed = subprocess.run(
        [*framework, "install", "--hook-type", "pre-commit", "--hook-type", "commit-msg"],
        cwd=repo.path,
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed

    repo.stage(BAD)
    blocked = commit(repo, "Use bcrypt")
    assert blocked.returncode != 0, output(blocked)
    assert "src/auth/reset.py:1" in output(blocked) and "[constraint]" in output(blocked)

    repo.stage({"src/auth/reset.py": FIXED})
    dangling = commit(repo, "Implements RESET-9")
    assert dangling.returncode != 0 and "RESET-9 does not exist" in output(dangling)
    passed = commit(repo, "Implements RESET-1")
    assert passed.returncode == 0, output(passed)

    base = repo.head()
    repo.stage(BAD)
    assert commit(repo, "Use bcrypt", "--no-verify").returncode == 0
    ranged = subprocess.run(
        [
            *framework,
            "run",
            "specflow",
            "--hook-stage=manual",
            f"--from-ref={base}",
            "--to-ref=HEAD",
        ],
        cwd=repo.path,
        capture_output=True,
        text=True,
    )
    assert ranged.returncode != 0 and "src/auth/reset.py:1" in ranged.stdout


def test_a_skipped_commit_says_so_once(hooked):
    """HOOK-E11 (the clikt trial's new user): with SPECFLOW_SKIP set, a commit through both
    hooks says "skipped" once, not once per hook; the bcrypt change goes through."""
    hooked.stage(BAD)
    done = commit(hooked, "Reset with bcrypt", env={"SPECFLOW_SKIP": "1"})
    assert done.returncode == 0, output(done)
    assert output(done).count("specflow: skipped") == 1, output(done)
