"""Behaviour that no test pinned down until the code was mutated (a helper broke each rule in a
plausible way and the whole suite still passed): each test here fails on its mutant."""

from __future__ import annotations

import pytest

from testing.stories import RESET_SPEC


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ("# RESET-3 started\n", "planned-requirement-referenced"),
        ("# RESET-1\n", "untested-requirement"),
    ],
)
def test_a_draft_spec_is_warned_about_nothing(repo, cli, code, rule):
    """CHECK-4 (rules.py _planned_but_referenced, _untested): a draft spec is not enforced, so
    neither its implemented planned item nor its untested one is a warning."""
    draft = RESET_SPEC.replace("id: RESET\n", "id: RESET\nstatus: draft\n")
    repo.commit("spec", {"specs/password-reset.md": draft})
    repo.commit("impl", {"src/auth/m.py": code})
    result = cli("check", "HEAD")
    assert result.code == 0, result
    assert rule not in result.out, result.out


def test_unknown_id_of_a_deprecated_spec_dangles_only(repo, cli):
    """CHECK-2/CHECK-5 (rules.py _deprecated): an ID the deprecated spec does not have is a
    dangling reference, not also a `deprecated-reference` warning."""
    old = RESET_SPEC.replace("id: RESET\n", "id: RESET\nstatus: deprecated\n")
    repo.commit("spec", {"specs/password-reset.md": old})
    repo.commit("code", {"src/x.py": "# RESET-9 typo\n"})
    result = cli("check", "HEAD")
    assert "error [dangling-reference] RESET-9 does not exist" in result.out, result.out
    assert "deprecated-reference" not in result.out, result.out


SIX = """---
id: SIX
scope:
  - src/six/**
---
# Six

## Context
- Six things.

## Requirements
- SIX-1: one.
- SIX-2: two.
- SIX-3: three.
- SIX-4: four.
- SIX-5: five.
- SIX-6: six.

## Edge Cases
"""


def test_a_spec_with_exactly_six_ids_lists_them_without_an_ellipsis(repo, cli):
    """CHECK-2 hint (rules.py _id_range): six IDs are all listed; the ellipsis means more."""
    repo.commit("spec", {"specs/six.md": SIX})
    repo.commit("code", {"src/other.py": "# SIX-7\n"})
    result = cli("check", "HEAD")
    assert "specs/six.md defines SIX-1, SIX-2, SIX-3, SIX-4, SIX-5, SIX-6:" in result.out, (
        result.out
    )


REFERENCED = {"src/auth/r.py": "# RESET-1 RESET-2\n", "tests/t.py": "# RESET-1 RESET-2\n"}


def check_of_deleting(repo, cli, path: str, extra: dict[str, str]):
    """`check HEAD` of a commit that deletes `path`, from the reset spec, its references and
    `extra` (`path` among them)."""
    repo.commit("spec", {"specs/password-reset.md": RESET_SPEC, **REFERENCED, **extra})
    repo.commit("drop", {path: None})
    return cli("check", "HEAD")


def test_a_deleted_file_is_not_an_unscoped_change(repo, cli):
    """CHECK (rules.py _unscoped), rule enabled by configuration: deleting a file no spec
    governs is not "a changed file governed by no spec" (it no longer exists)."""
    rule = {"specflow.toml": '[rules]\nunscoped-change = "warning"\n'}
    result = check_of_deleting(repo, cli, "tools/old.py", {**rule, "tools/old.py": "print(1)\n"})
    assert "unscoped-change" not in result.out, result.out


def test_deleting_code_git_diffs_as_binary_is_not_unreadable(repo, cli):
    """CHECK-E8 (constraints.py _violations): a deleted file adds nothing; only code that is
    added or changed and diffed as binary fails closed."""
    binary = {".gitattributes": "src/auth/blob.py -diff\n", "src/auth/blob.py": "x = 1\n"}
    result = check_of_deleting(repo, cli, "src/auth/blob.py", binary)
    assert result.code == 0, result
    assert "diffs this code as binary" not in result.out


def test_specflow_skip_0_does_not_skip(story, cli, monkeypatch):
    """CHECK-9 (commands/check.py): SPECFLOW_SKIP=0 is "do not skip"."""
    from testing.stories import BCRYPT_RESET

    story.commit("Add password reset", {"src/auth/reset.py": BCRYPT_RESET})
    monkeypatch.setenv("SPECFLOW_SKIP", "0")
    result = cli("check", "HEAD")
    assert result.code == 1 and "skipped" not in result.err, result


def test_a_file_named_like_the_commit_does_not_confuse_git(story, cli):
    """GIT-4 (gitio.parents: `--` after the commit id): an untracked file whose name is the
    commit's id must not make `git rev-list` refuse an ambiguous argument."""
    from testing.stories import FIXED_RESET, RESET_TESTS

    head = story.commit(
        "Reset", {"src/auth/reset.py": FIXED_RESET, "tests/test_reset.py": RESET_TESTS}
    )
    story.write({head: "x\n"})
    result = cli("check", head)
    assert result.code == 0, result


NOSCOPE = """---
id: SAFE
---
# Safety

## Context
- Pickle runs code.

## Requirements
- SAFE-1: Nothing unpickles.

## Edge Cases
- SAFE-E1: A cache file.

## Constraints
- forbid `import pickle`: pickle runs what it loads.
"""


def test_a_constraint_of_a_spec_without_scope_governs_every_file(repo, cli):
    """CHECK-13 (constraints.governs): no `in` globs and no scope: every file."""
    repo.commit("spec", {"specs/safe.md": NOSCOPE, "src/s.py": "# SAFE-1\n"})
    repo.commit("code", {"src/cache.py": "import pickle\n"})
    result = cli("check", "HEAD")
    assert result.code == 1 and "src/cache.py:1: error [constraint]" in result.out, result


def test_a_draft_spec_scope_emptied_is_not_reported(repo, cli):
    """CHECK-20 (losses.emptied_scopes): only enforced specs."""
    draft = RESET_SPEC.replace("id: RESET\n", "id: RESET\nstatus: draft\n")
    repo.commit("spec", {"specs/password-reset.md": draft, "src/auth/r.py": "x = 1\n"})
    repo.commit("drop", {"src/auth/r.py": None})
    result = cli("check", "HEAD")
    assert result.code == 0 and "emptied-scope" not in result.out, result


def test_a_test_moved_out_of_tests_loses_its_reference_as_a_test(repo, cli):
    """CHECK-16 (losses._removed_references): a renamed file's removed lines are of its old
    path: a test's last reference removed is `test-removed`."""
    test_text = "".join(f"def test_{n}():\n    assert {n}\n" for n in range(12))
    repo.commit(
        "spec",
        {
            "specs/password-reset.md": RESET_SPEC,
            "src/auth/r.py": "# RESET-1 RESET-2\n",
            "tests/test_r.py": "# RESET-1 RESET-2\n" + test_text,
        },
    )
    repo.git("mv", "tests/test_r.py", "src/auth/checks.py")
    repo.commit("move", {"src/auth/checks.py": "# RESET-2\n" + test_text})
    result = cli("check", "HEAD")
    assert "warning [test-removed]" in result.out and "RESET-1" in result.out, result.out


def test_deleting_a_huge_file_is_not_too_large_to_check(repo, cli):
    """HARDEN-5 (constraints.py _violations): a truncated file that adds no line has nothing
    unread that a `forbid` could match: deleting a 20,001-line file does not fail closed."""
    huge = {"src/auth/big.py": "x = 1\n" * 20_001}
    result = check_of_deleting(repo, cli, "src/auth/big.py", huge)
    assert result.code == 0 and "too large" not in result.out, result
