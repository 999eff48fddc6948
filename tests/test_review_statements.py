"""A change inside a statement that spans several lines: what it writes, and what it is not
(REVIEW-E52, REVIEW-E53); and a tree too deep to walk (HARDEN-E13)."""

from __future__ import annotations

from testing.util import Cli, Repo, review_json

SPEC = """---
id: AUTH
scope: [pkg/**]
---
# Auth

## Context
- `ALLOWED_SCHEMES` in `pkg/auth.py` lists the schemes a token may use.

## Requirements
- AUTH-1: A token is accepted only with a scheme in `ALLOWED_SCHEMES`.
- AUTH-2: Passwords are hashed with SHA-256.

## Edge Cases
- AUTH-E1: An empty token.
"""

AUTH = """ALLOWED_SCHEMES = frozenset(
    {
        "bearer",
        "basic",
    }
)


def accept(scheme):
    return scheme in ALLOWED_SCHEMES
"""


def _digest_added(repo: Repo) -> None:
    repo.commit("auth", {"specs/auth.md": SPEC, "pkg/auth.py": AUTH})
    with_digest = AUTH.replace('"basic",\n', '"basic",\n        "digest",\n')
    repo.commit("digest", {"pkg/auth.py": with_digest})


def test_an_entry_added_to_a_named_constant_asks_the_statements_that_name_it(repo, cli):
    """REVIEW-E53: adding `"digest"` to `ALLOWED_SCHEMES` changed what AUTH-1 accepts and
    asked nothing: the hunk's own lines do not name the constant its statement writes."""
    _digest_added(repo)
    asked = [
        (q["statement"]["id"], q["evidence"]["kind"], q["evidence"]["names"])
        for q in review_json(cli, "HEAD")["questions"]
    ]
    assert ("AUTH-1", "identifier", ["ALLOWED_SCHEMES"]) in asked, asked
    assert all(ident != "AUTH-2" for ident, _, _ in asked), asked


def test_the_statement_a_change_rewrites_is_no_other_writer_that_agrees(repo, cli):
    """REVIEW-E52: the ripple of `ALLOWED_SCHEMES` listed its own first line as an untouched
    writer and said "ok ... Agrees: pkg/auth.py:1 writes it with `frozenset` too"."""
    _digest_added(repo)
    ripples = {r["symbol"]["name"]: r for r in review_json(cli, "HEAD")["ripples"]}
    allowed = ripples["ALLOWED_SCHEMES"]
    assert [(u["path"], u["line"], u["use"]) for u in allowed["uses"]] == [
        ("pkg/auth.py", 11, "read")
    ]
    assert allowed["settled_by"] is None, allowed
    text = cli("review", "HEAD").out
    assert "Agrees" not in text and "[ ] `ALLOWED_SCHEMES` is written" in text, text


def test_a_statement_too_deep_to_walk_is_reviewed_as_a_file_that_does_not_parse(
    repo: Repo, cli: Cli
) -> None:
    """HARDEN-E13: kjd/idna `36d8f30`: `idnadata.py` is one `frozenset(list(range(..)) + ...)`
    of hundreds of terms; the no-op judgement recursed past Python's limit and `review`
    stopped with "internal error (RecursionError)"."""
    terms = " + ".join(f"list(range({i}, {i + 1}))" for i in range(0, 3000, 2))
    table = f"codepoints = frozenset(\n    {terms}\n)\n"
    spec = SPEC.replace("`ALLOWED_SCHEMES` in `pkg/auth.py`", "`codepoints` in `pkg/table.py`")
    repo.commit("table", {"specs/auth.md": spec, "pkg/table.py": table})
    repo.commit("widen", {"pkg/table.py": table.replace("range(0, 1)", "range(0, 2)", 1)})
    for fmt in ("text", "json", "markdown"):
        result = cli("review", "HEAD", "--format", fmt)
        assert result.code == 0 and "Traceback" not in result.err + result.out, result
        assert "internal error" not in result.err, result
    assert cli("check", "HEAD").code in (0, 1)
    from specflow.languages.pysource import parse
    from specflow.noop import python_hunks
    from test_noop import hunks_of

    wider = table.replace("range(0, 1)", "range(0, 2)", 1)
    old, new = parse(table.encode()), parse(wider.encode())
    assert old is not None and new is not None
    judged = python_hunks(hunks_of(table, wider), old, new)  # as bench_noop judges a file
    assert judged == (set(), {})
