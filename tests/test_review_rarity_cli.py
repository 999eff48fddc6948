"""REVIEW-15: how rare a word is in the repository's code, which decides whether a link by a
common identifier or by shared words is asked. Real repositories, through the CLI."""

from __future__ import annotations

from testing.util import review_json

TOKEN_SPEC = """---
id: TOK
scope:
  - pkg/**
---
# Tokens

## Context
- `parse_token()` reads a token response dict.

## Requirements
- TOK-1: `expires_in` is converted to an int; an absolute `expires_at` is added.

## Edge Cases
- TOK-E1: A response whose `expires_in` is a string or absent.
"""

PARAMS = """def parse_expires(params):
    expires_in = None
    if 'expires_in' in params:
        if isinstance(params.get('expires_in'), int):
            expires_in = params.get('expires_in'){floats}
        elif isinstance(params.get('expires_in'), str):
            expires_in = int(params.get('expires_in'))
    return expires_in
"""
FLOATS = """
        elif isinstance(params.get('expires_in'), float):
            expires_in = int(params.get('expires_in'))"""

TEST = """from pkg.params import parse_expires


def test_{n}():
    assert parse_expires({{"expires_in": 3600}}) == 3600
"""


def _asked(repo, cli, files: dict[str, str]) -> set[str]:
    base = {"specs/tok.md": TOKEN_SPEC, "pkg/params.py": PARAMS.format(floats="")}
    repo.commit("base", {**base, **files})
    repo.commit("accept a float", {"pkg/params.py": PARAMS.format(floats=FLOATS)})
    return {q["statement"]["id"] for q in review_json(cli, "HEAD")["questions"]}


def test_a_name_many_tests_mention_is_no_common_word_of_the_code(repo, cli):
    """REVIEW-E236: the tests name what they test, again and again; `expires_in` in twelve
    test files (oauthlib's 34c9012: the better tested, the less asked) is as rare in the code as
    in a repository with no tests, and the hunk that reads it still asks TOK-1."""
    tests = {f"tests/test_t{n}.py": TEST.format(n=n) for n in range(12)}
    assert "TOK-1" in _asked(repo, cli, tests)


def test_a_name_the_code_uses_everywhere_still_tells_little(repo, cli):
    """REVIEW-15, beside REVIEW-E236: the same name in twelve modules of the code (not tests)
    stays common there: the hunk that only reads it asks nothing of TOK-1."""
    modules = {
        f"pkg/use{n}.py": f"def use_{n}(params):\n    return params['expires_in']\n"
        for n in range(12)
    }
    assert "TOK-1" not in _asked(repo, cli, modules)
