"""CHECK-E56 through the CLI on real git repositories: a changelog's line names a requirement
and implements nothing, as a commit message does (CHECK-7); the sqlparse trial (session 24,
its report's D4) moved the only reference to G-1 from the code into the CHANGELOG, and the
hook passed while `show` said "implemented at CHANGELOG:2"."""

from __future__ import annotations

import pytest

SPEC = """\
---
id: G
scope: [pkg/**]
---
# Grouping
## Context
- `group_functions()` groups calls.
## Requirements
- G-1: A name followed by a parenthesis is grouped as a `Function`.
## Edge Cases
- G-E1: Nested parentheses.
"""
CODE = "# G-1\ndef group_functions(tlist):\n    return tlist\n"


@pytest.mark.parametrize(
    "changelog", ["CHANGELOG", "CHANGES.rst", "docs/NEWS.md", "changelog.d/12.bugfix"]
)
def test_moving_the_only_reference_into_a_changelog_removes_the_implementation(
    repo, cli, changelog
):
    """CHECK-E56: `check` blocks with `implementation-removed`; `show` says the changelog
    mentions G-1, never that it implements it; the requirement is referenced by code nowhere,
    so an untouched tree with only the changelog's line is `unreferenced-requirement`."""
    repo.commit("base", {"specs/g.md": SPEC, "pkg/grouping.py": CODE, changelog: "Changes\n"})
    moved = {"pkg/grouping.py": CODE.removeprefix("# G-1\n"), changelog: "* Kept (G-1).\n"}
    repo.commit("Tidy", moved)
    checked = cli("check", "HEAD")
    assert checked.code == 1, checked
    assert "[implementation-removed]" in checked.out and "pkg/grouping.py:1" in checked.out
    shown = cli("show", "G-1").out
    assert f"mentioned (changelog) at {changelog}:1" in shown and "implemented at" not in shown
    assert "[unreferenced-requirement] G-1" in cli("check", "HEAD", "--format", "text").out


def test_a_changelog_line_removed_or_added_blocks_nothing(repo, cli):
    """CHECK-E56: trimming the changelog is no lost implementation while the code still names
    G-1; a changelog still names an ID that does not exist as an error (CHECK-2), since it is a
    reference all the same."""
    repo.commit(
        "base", {"specs/g.md": SPEC, "pkg/grouping.py": CODE, "CHANGELOG.md": "* G-1 added.\n"}
    )
    trimmed = repo.commit("Trim the changelog", {"CHANGELOG.md": "* Grouping.\n"})
    assert cli("check", trimmed).code == 0
    typo = repo.commit("Note", {"CHANGELOG.md": "* Grouping (G-9).\n"})
    result = cli("check", typo)
    assert result.code == 1 and "[dangling-reference] G-9" in result.out, result


@pytest.mark.parametrize("path", ["pkg/news.py", "pkg/history/store.py", "src/changes.go"])
def test_code_named_like_a_changelog_still_implements(repo, cli, path):
    """CHECK-E56, adversarial: only prose files are changelogs; a module called `news.py`, a
    package `history/` or `changes.go` is code, and its reference implements (removing the
    other one is no `implementation-removed`)."""
    scoped = SPEC.replace("scope: [pkg/**]", "scope: [pkg/**, src/**]")
    repo.commit("base", {"specs/g.md": scoped, "pkg/grouping.py": CODE, path: "# G-1\nX = 1\n"})
    moved = repo.commit("Tidy", {"pkg/grouping.py": CODE.removeprefix("# G-1\n")})
    checked = cli("check", moved)
    assert checked.code == 0 and "implementation-removed" not in checked.out, checked
    assert f"implemented at {path}:1" in cli("show", "G-1").out
