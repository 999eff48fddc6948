"""REVIEW-E198 through the CLI on real repositories (the dtolnay/semver trial, `5742fc2`): a span
a statement quotes that is no name (`<I.J`, operator notation) and that the change's subject
line writes whole is said by the change's account, as two shared words are: the statement is
asked of the change's code in its spec's scope. A longer span, one inside another token, a
name-like span and code outside the scope are not linked by it."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

MATCH = """---
id: MATCH
scope: [src/eval.py]
---
# Matching

## Context
- `matches()` dispatches on the operator.

## Requirements
- MATCH-1: `<I.J` is `<I.J.0`: it compares the given parts only.
- MATCH-2: `I.J.0` is a full version; a label `xn--` is never one.

## Edge Cases
- MATCH-E1: An empty requirement.
"""

EVAL = """def matches(op, ver, req):
    if op == "lt":
        return ver < req
    return ver == req
"""

OTHER = """def helper(x):
    return x
"""

CHANGED = EVAL.replace("        return ver < req\n", "        return ver < req and not ver.pre\n")


def _asked(data: dict[str, Any]) -> list[str]:
    return [q["statement"]["id"] or q["statement"]["text"][:12] for q in data["questions"]]


def _reviewed(repo, cli, subject: str, path: str = "src/eval.py") -> list[str]:
    new = CHANGED if path == "src/eval.py" else OTHER.replace("return x", "return x + 1")
    repo.commit(subject, {path: new})
    asked = _asked(review_json(cli, "HEAD", "--all"))
    repo.commit("back", {"src/eval.py": EVAL, "src/other.py": OTHER})
    return asked


def test_a_span_the_subject_quotes_asks_the_statements_quoting_it(repo, cli):
    """REVIEW-E198 (dtolnay/semver `5742fc2`, "Fix <I.J to not match I.J.0 prereleases":
    MATCH-5 and MATCH-E1, which quote `<I.J`, were not asked): the subject's `<I.J`, bare or
    backticked, asks MATCH-1 of the hunk in src/eval.py."""
    repo.commit("base", {"specs/match.md": MATCH, "src/eval.py": EVAL, "src/other.py": OTHER})
    assert "MATCH-1" in _reviewed(repo, cli, "Fix <I.J for pre-releases")
    assert "MATCH-1" in _reviewed(repo, cli, "Fix `<I.J` for pre-releases")


def test_a_longer_span_an_embedded_one_a_name_or_code_out_of_scope_asks_nothing(repo, cli):
    """REVIEW-E198, adversarial: "<I.J.K" and "x<I.Jy" do not write `<I.J` whole; `I.J.0` is
    a name-like span (names have their own evidence); `xn--` holds no operator (idna `efc1607`,
    "Issue IDNAError for the U-label "xn--"", asked IDNA-1, not expected); src/other.py is
    outside MATCH's scope."""
    repo.commit("base", {"specs/match.md": MATCH, "src/eval.py": EVAL, "src/other.py": OTHER})
    assert "MATCH-1" not in _reviewed(repo, cli, "Fix <I.J.K for pre-releases")
    assert "MATCH-1" not in _reviewed(repo, cli, "Fix x<I.Jy for pre-releases")
    assert "MATCH-2" not in _reviewed(repo, cli, "Fix I.J.0 for pre-releases")
    assert "MATCH-2" not in _reviewed(repo, cli, "Fix xn-- for pre-releases")
    assert "MATCH-1" not in _reviewed(repo, cli, "Fix <I.J for pre-releases", "src/other.py")
