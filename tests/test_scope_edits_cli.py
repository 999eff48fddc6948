"""CHECK-E41: a change to a spec's scope globs that leaves the code it governed out of every
glob, on real repositories, through `check` and the installed hooks (the attrs trial's
`8ccac1f`, `pkg/validators.py` typed `pkg/validator.py`)."""

from __future__ import annotations

import subprocess

import pytest

SPEC = """---
id: VAL
{status}scope:
  - pkg/validators.py
---
# Validators

## Context
- `check()` rejects negatives.

## Requirements
- VAL-1: `check()` raises ValueError on a negative number.

## Edge Cases
- VAL-E1: zero.
"""
CODE = "def check(x):\n    # VAL-1\n    if x < 0:\n        raise ValueError(x)\n"
TEST = "def test_check():  # VAL-1\n    pass\n"
BASE = {"specs/v.md": SPEC.format(status=""), "pkg/validators.py": CODE, "tests/test_v.py": TEST}
TYPO = ("  - pkg/validators.py\n", "  - pkg/validator.py\n")


def spec(*edits: tuple[str, str], status: str = "") -> str:
    text = SPEC.format(status=status)
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    return text


def test_a_typo_in_the_only_scope_glob_is_blocked_by_the_hook_and_check(repo, cli):
    """CHECK-E41 (attrs trial 8ccac1f): the glob matched `pkg/validators.py` at the base and
    matches nothing after the edit: an `emptied-scope` error at the glob's own line, naming
    the file that left the scope; `git commit` through the hook is refused, and `check HEAD`
    of the commit made without it blocks too."""
    repo.commit("base", BASE)
    assert cli("hook", "install").code == 0
    repo.write({"specs/v.md": spec(TYPO)})
    done = subprocess.run(
        ["git", "commit", "-qam", "tidy spec"], cwd=repo.path, capture_output=True, text=True
    )
    assert done.returncode == 1, done
    assert "specs/v.md:4: error [emptied-scope]" in done.stdout + done.stderr
    assert "'pkg/validator.py' of VAL matching no file" in done.stdout + done.stderr
    repo.git("commit", "-qam", "tidy spec", "--no-verify")
    result = cli("check", "HEAD")
    assert result.code == 1 and "pkg/validators.py (in its scope before)" in result.out, result
    assert "unmatched-scope" in cli("lint").out  # lint still says it, as a warning


@pytest.mark.parametrize(
    "edits",
    [
        (TYPO, ("  - pkg/validator.py\n", "  - pkg/validator.py\n  - tests/**\n")),
        (TYPO, ("  - pkg/validator.py\n", "  - pkg/validator.py\n  - pkg/helpers.py\n")),
        (("  - pkg/validators.py\n", "  - pkg/Validators.py\n"),),
        (("  - pkg/validators.py\n", "  - pkg/*.pyi\n"),),
    ],
    ids=["beside-a-glob-for-tests", "beside-a-glob-for-other-code", "case", "stubs-only"],
)
def test_the_same_looking_edits_that_do_lose_code_still_block(repo, cli, edits):
    """CHECK-E41, adversarial: a typo beside a new glob that matches other files still loses
    `pkg/validators.py`; a glob's case changed (`Validators.py`) matches nothing on git's
    case-sensitive paths; `pkg/*.pyi` where the package has no stub."""
    repo.commit("base", {**BASE, "pkg/helpers.py": "def helper():\n    return 1\n"})
    repo.stage({"specs/v.md": spec(*edits)})
    result = cli("check", "--staged")
    assert result.code == 1 and "pkg/validators.py (in its scope before)" in result.out, result


def test_a_second_glob_typo_names_the_file_only_it_governed(repo, cli):
    """CHECK-E41: with two globs, the one typed wrong is reported, and the file it alone
    governed is named; the glob still matching is not."""
    both = ("  - pkg/validators.py\n", "  - pkg/validators.py\n  - pkg/helpers.py\n")
    repo.commit("base", {**BASE, "pkg/helpers.py": "X = 1\n", "specs/v.md": spec(both)})
    typo = ("  - pkg/validators.py\n", "  - pkg/validators.py\n  - pkg/helper.py\n")
    repo.stage({"specs/v.md": spec(typo)})
    result = cli("check", "--staged")
    assert result.code == 1, result
    assert "specs/v.md:5: error [emptied-scope] this change leaves the scope glob " in result.out
    assert "'pkg/helper.py' of VAL matching no file, and pkg/helpers.py (in" in result.out


@pytest.mark.parametrize(
    ("edits", "moved"),
    [
        ([("validators", "rules")], False),
        ([("validators.py\n", "validators.py\n  - api/**\n")], False),
        ([("  - pkg/", "  - /pkg/")], False),
        ([("  - pkg/validators.py\n", "  - pkg/*.py\n")], False),
        ([("validators", "v2")], True),
    ],
    ids=["re-pointed-at-code", "a-folder-to-come", "root-anchored", "widened", "moved-along"],
)
def test_scope_edits_that_leave_no_glob_matching_nothing_pass(repo, cli, edits, moved):
    """CHECK-E41: only a glob left matching nothing, with code lost, is reported: a glob
    re-pointed at other code that exists (a deliberate re-scope), a glob added for a folder
    that is not there yet beside one that still matches, a root-anchored spelling, a wider
    glob, a glob that follows the file's move in the same change."""
    repo.commit("base", {**BASE, "pkg/rules.py": "X = 1\n"})
    if moved:
        repo.git("mv", "pkg/validators.py", "pkg/v2.py")
    repo.stage({"specs/v.md": spec(*edits)})
    result = cli("check", "--staged")
    assert result.code == 0 and "[emptied-scope]" not in result.out, result


def test_a_draft_or_a_glob_that_never_matched_does_not_start_blocking(repo, cli):
    """CHECK-E41: a draft's typo is not enforced (lint's `unmatched-scope` names it); a spec
    whose glob matched nothing at the base, edited elsewhere or re-pointed at another path
    that matches nothing, loses no code: no `emptied-scope`."""
    draft = "status: draft\n"
    repo.commit("base", {**BASE, "specs/v.md": spec(status=draft)})
    repo.stage({"specs/v.md": spec(TYPO, status=draft)})
    assert "[emptied-scope]" not in cli("check", "--staged").out
    repo.commit("never matched", {"specs/v.md": spec(("validators", "nothing"))})
    repo.stage({"specs/v.md": spec(("validators", "nowhere"), ("zero.", "zero, negative."))})
    result = cli("check", "--staged")
    assert "[emptied-scope]" not in result.out, result


def test_a_moved_spec_with_a_typo_is_still_judged(repo, cli):
    """CHECK-E41: the spec moved to another file in the same change is matched to its base
    version by its id, so the typo still blocks."""
    repo.commit("base", BASE)
    repo.git("mv", "specs/v.md", "specs/validators.md")
    repo.stage({"specs/validators.md": spec(TYPO)})
    result = cli("check", "--staged")
    assert result.code == 1 and "specs/validators.md:4: error [emptied-scope]" in result.out


@pytest.mark.parametrize(
    "globs",
    [
        '  - pkg/**\n  - "!pkg/legacy.py"\n  - "!pkg/generated/**"\n',
        '  - pkg/**\n  - "!pkg/legacy.py"\n  - gen/**\n',
    ],
    ids=["negation-matching-nothing", "excluded-on-purpose-beside-a-folder-to-come"],
)
def test_a_file_left_out_on_purpose_is_no_emptied_scope(repo, cli, globs):
    """CHECK-E49: a `!glob` matching nothing excludes nothing; a file a new `!glob` names was
    left out on purpose, so a glob for a folder git ignores (`gen/`) or yet to come beside it
    is no typo that lost it."""
    wide = ("  - pkg/validators.py\n", "  - pkg/**\n")
    repo.commit("base", {**BASE, "pkg/legacy.py": "X = 1\n", "specs/v.md": spec(wide)})
    repo.stage({".gitignore": "gen/\n", "gen/g.py": "X = 2\n"})
    repo.stage({"specs/v.md": spec(("  - pkg/validators.py\n", globs))})
    result = cli("check", "--staged")
    assert result.code == 0 and "[emptied-scope]" not in result.out, result


LEG = SPEC.replace("VAL", "LEG").replace("Validators", "Legacy").replace("validators", "legacy")
BOTH = ("  - pkg/validators.py\n", "  - pkg/validators.py\n  - pkg/legacy.py\n")
FUTURE = ("  - pkg/validators.py\n", "  - pkg/validators.py\n  - pkg/next/**\n")


def test_a_file_handed_to_another_spec_in_the_same_change_is_no_emptied_scope(repo, cli):
    """CHECK-E49: the change gives `pkg/legacy.py` to LEG (a new spec) while VAL's scope gets
    a glob for a folder to come in its place: the file is handed over, not lost."""
    repo.commit("base", {**BASE, "pkg/legacy.py": "X = 1\n", "specs/v.md": spec(BOTH)})
    repo.stage({"specs/v.md": spec(FUTURE), "specs/leg.md": LEG.format(status="")})
    repo.stage(
        {"pkg/legacy.py": "X = 1  # LEG-1\n", "tests/test_leg.py": TEST.replace("VAL", "LEG")}
    )
    result = cli("check", "--staged")
    assert result.code == 0 and "[emptied-scope]" not in result.out, result


def test_a_typo_still_blocks_where_another_spec_governed_the_file_already(repo, cli):
    """CHECK-E49, adversarial: LEG's `pkg/*.py` held `pkg/validators.py` at the base too; VAL's
    typo leaves VAL governing nothing, which no handover explains: still `emptied-scope`."""
    leg = LEG.replace("  - pkg/legacy.py\n", "  - pkg/*.py\n").format(status="")
    repo.commit("base", {**BASE, "specs/leg.md": leg})
    repo.stage({"specs/v.md": spec(TYPO)})
    result = cli("check", "--staged")
    assert result.code == 1 and "'pkg/validator.py' of VAL matching no file" in result.out, result
