"""CHECK-E61 through the CLI on real git repositories: a prose documentation page (`.rst`,
`.md`, `.txt`, `.adoc`, the suffixes the review reads as documentation) names a requirement
and implements nothing, as a changelog does (CHECK-E56). The oauthlib trial (session 25, its
report's defect 3) deleted the only `# CLIENT-8` in the code and named CLIENT-8 in
`docs/oauth2/clients/baseclient.rst`: the hook passed and `show` said "implemented at" the page."""

from __future__ import annotations

import json

import pytest

SPEC = """\
---
id: TOK
scope: [pkg/**]
---
# Tokens
## Context
- `refresh()` refreshes a token.
## Requirements
- TOK-1: Tokens refresh.
## Edge Cases
- TOK-E1: An expired token.
"""
CODE = "def refresh():  # TOK-1\n    return 1\n"


@pytest.mark.parametrize("page", ["docs/guide.rst", "README.md", "docs/api/client.txt"])
def test_moving_the_only_reference_into_a_documentation_page_is_blocked(repo, cli, page):
    """CHECK-E61: the staged change (as the hook reads it) is `implementation-removed`; `show`
    says the page mentions TOK-1, never that it implements it, and the JSON's kind is
    `mentions`."""
    repo.commit("base", {"specs/tok.md": SPEC, "pkg/a.py": CODE, page: "Docs\n"})
    moved = {"pkg/a.py": "def refresh():\n    return 1\n", page: "Docs\nRefresh follows TOK-1.\n"}
    repo.stage(moved)
    checked = cli("check", "--staged")
    assert checked.code == 1, checked
    assert "[implementation-removed]" in checked.out and "pkg/a.py:1" in checked.out
    repo.commit("move the note to the docs")
    shown = cli("show", "TOK-1").out
    assert f"mentioned (documentation) at {page}:2" in shown and "implemented at" not in shown
    assert "[unreferenced-requirement] TOK-1" in cli("check", "HEAD").out
    data = json.loads(cli("show", "TOK-1", "--format", "json").out)
    assert '"mentions"' in json.dumps(data) and '"implements"' not in json.dumps(data)


def test_a_documentation_line_removed_blocks_nothing_and_a_typo_still_does(repo, cli):
    """CHECK-E61: trimming a page is no lost implementation while the code still names TOK-1;
    a page naming an ID that does not exist is still `dangling-reference` (CHECK-2)."""
    repo.commit("base", {"specs/tok.md": SPEC, "pkg/a.py": CODE, "docs/guide.md": "TOK-1.\n"})
    assert cli("check", repo.commit("Trim", {"docs/guide.md": "Tokens.\n"})).code == 0
    typo = cli("check", repo.commit("Note", {"docs/guide.md": "Tokens (TOK-9).\n"}))
    assert typo.code == 1 and "[dangling-reference] TOK-9" in typo.out, typo


@pytest.mark.parametrize(
    "path", ["pkg/docs.py", "pkg/CMakeLists.txt", "pkg/config.yaml", "pkg/guide.rs"]
)
def test_code_and_build_files_still_implement(repo, cli, path):
    """CHECK-E61, adversarial: only prose pages describe; a module called `docs.py`, CMake's
    `CMakeLists.txt` (a `.txt` that builds), a configuration file or any code file implements,
    and removing the other reference is no `implementation-removed`."""
    other = "# TOK-1\nX = 1\n"
    repo.commit("base", {"specs/tok.md": SPEC, "pkg/a.py": CODE, path: other})
    moved = repo.commit("Tidy", {"pkg/a.py": "def refresh():\n    return 1\n"})
    checked = cli("check", moved)
    assert checked.code == 0 and "implementation-removed" not in checked.out, checked
    assert f"implemented at {path}:1" in cli("show", "TOK-1").out
