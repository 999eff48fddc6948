"""LINT-E16 through the CLI on real git repositories: a `lint` that passes says in one line how
many enforced requirements no code references yet, and which command counts them: the
oauthlib, schedule and emailval trials (session 25) read "All good: 3 spec(s)" and then had
`check` block on 23, 21 and 22 `unreferenced-requirement` errors."""

from __future__ import annotations

import json

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
- TOK-2: Tokens expire.
- [ ] TOK-3: Tokens revoke.
## Edge Cases
- TOK-E1: An expired token.
"""
DRAFT = SPEC.replace("id: TOK", "id: DRA\nstatus: draft").replace("TOK-", "DRA-")
NOTE = "no code references yet: `specflow check` blocks a change in their scope"


def test_a_passing_lint_counts_the_requirements_no_code_references(repo, cli):
    """LINT-E16: two enforced requirements unreferenced (the planned TOK-3 and a draft spec's
    are not counted); once the code names TOK-1 the count is 1; a test naming TOK-2 references
    it as `check` reads it (CHECK-1), and then no line is printed."""
    repo.commit("base", {"specs/tok.md": SPEC, "specs/dra.md": DRAFT, "pkg/a.py": "X = 1\n"})
    result = cli("lint")
    assert result.code == 0, result
    assert f"2 requirements {NOTE}" in result.out and "`specflow list` counts them" in result.out
    repo.write({"pkg/a.py": "X = 1  # TOK-1\n"})
    assert f"1 requirement {NOTE}" in cli("lint").out
    repo.commit("test", {"pkg/a.py": "X = 1  # TOK-1\n", "tests/test_a.py": "# TOK-2\n"})
    assert NOTE not in cli("lint").out


def test_a_mention_is_no_reference_and_json_stays_json(repo, cli):
    """LINT-E16, adversarial: a documentation page naming TOK-1 and TOK-2 (CHECK-E61) or a
    changelog (CHECK-E56) references neither, as `check` reads them; `--format json` prints
    only its JSON."""
    files = {"specs/tok.md": SPEC, "docs/guide.md": "TOK-1 and TOK-2.\n", "CHANGES": "TOK-1\n"}
    repo.commit("base", {**files, "pkg/a.py": "X = 1\n"})
    assert f"2 requirements {NOTE}" in cli("lint").out
    data = cli("lint", "--format", "json")
    assert data.code == 0 and json.loads(data.out)["findings"] == [], data
    assert NOTE not in data.out
