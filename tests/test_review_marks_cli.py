"""What the review's marks and the comment's headline tell a reader: an edge case is `?` only
when the change is linked to it, and a comment that asks questions does not read as approval
(specs/review.md, specs/comment.md)."""

from __future__ import annotations

from testing.util import review_json

TOK_SPEC = (
    "---\nid: TOK\nscope:\n  - pkg/**\n---\n# Tokens\n## Context\n"
    "- `parse()` reads a token response dict.\n## Requirements\n"
    "- TOK-1: `expires_in` is converted to an int.\n## Edge Cases\n"
    "- TOK-E1: A response whose `expires_at` is a float.\n"
    "- TOK-E2: A response with no token at all.\n"
    "- TOK-E3: An empty response.\n"
)
TOK_CODE = 'def parse(params):  # TOK-1\n    expires_at = params.get("expires_at")\n'
TOK_CODE += "    return expires_at\n"
TOK_TEST = "def test_float():  # TOK-E1\n    assert True\n\n\ndef test_empty():  # TOK-E3\n"
TOK_TEST += "    assert True\n"


def _expires_at_becomes_a_float(repo) -> None:
    """A change a question links to TOK-E1 (tested), never to TOK-E2 (untested) nor TOK-E3."""
    files = {"specs/tok.md": TOK_SPEC, "pkg/p.py": TOK_CODE, "tests/test_p.py": TOK_TEST}
    repo.commit("base", files)
    changed = TOK_CODE.replace("return expires_at", "return float(expires_at)")
    repo.commit("expires_at as a float", {"pkg/p.py": changed})


def test_an_edge_case_no_question_links_is_not_marked_linked(repo, cli):
    """REVIEW-E263: four trials (oauthlib, python-multipart, golang-jwt, schedule) read every
    edge case's `?` as the legend's "linked to this change", though for edge cases it meant "no
    test references it". Edge cases wear the requirements' marks: `?` and "[linked to this
    change]" only for one a question links, `-` otherwise, whether a test references it or not;
    the Markdown review and the comment leave a linked one unticked and say it is linked."""
    _expires_at_becomes_a_float(repo)
    linked = {q["statement"]["id"] for q in review_json(cli, "HEAD", "--all")["questions"]}
    assert "TOK-E1" in linked and not linked & {"TOK-E2", "TOK-E3"}, linked
    text = cli("review", "HEAD").out
    assert "Edge cases (? linked to this change, - not linked, ~ planned):" in text, text
    assert "? TOK-E1 [linked to this change]: " in text, text
    assert "- TOK-E2: A response with no token at all. (no test references it)" in text, text
    assert "- TOK-E3: An empty response. (tested: tests/test_p.py:5)" in text, text
    assert "? TOK-E2" not in text and "ok TOK-E3" not in text, text
    markdown = cli("review", "HEAD", "--format", "markdown").out
    for shown in (markdown, cli("comment", "HEAD").out):
        first = shown.split("**TOK-E1**")[1].split("\n")[0]
        assert "- [ ] **TOK-E1**" in shown and "**linked to this change**" in first, shown
        assert "- [ ] **TOK-E2**" in shown and "- [x] **TOK-E3**" in shown, shown
        assert "linked" not in shown.split("**TOK-E2**")[1].split("\n")[0], shown


CLAIMS_SPEC = (
    "---\nid: CLAIMS\nscope:\n  - claims.go\n---\n\n# Claims\n\n## Context\n"
    "- `verifyExp` compares times.\n\n## Requirements\n"
    "- CLAIMS-1: A token is valid while `now <= exp`: at `exp` exactly it is still valid.\n\n"
    "## Edge Cases\n- CLAIMS-E1: An empty audience.\n"
)
CLAIMS_CODE = (
    "package jwt\n\n// CLAIMS-1\nfunc verifyExp(exp, now int64, req bool) bool {\n"
    "\tif exp == 0 {\n\t\treturn !req\n\t}\n\treturn now <= exp\n}\n"
)


def test_a_comment_that_asks_questions_does_not_headline_nothing_blocks(repo, cli):
    """COMMENT-E10: golang-jwt's trial (`now <= exp` made `now < exp`, the boundary CLAIMS-1
    states) and python-email-validator's (the 64-character limit made 80) read "✅ specflow:
    nothing blocks this change" above the question on the broken limit. With questions, the
    headline says how many wait for a reviewer and which IDs they ask about; with none (a
    comment-only edit), it still says nothing blocks."""
    repo.commit("base", {"specs/claims.md": CLAIMS_SPEC, "claims.go": CLAIMS_CODE})
    repo.commit("exp: strict", {"claims.go": CLAIMS_CODE.replace("now <= exp", "now < exp")})
    body = cli("comment", "HEAD").out
    assert body.splitlines()[1] == "### 🔍 specflow: 2 questions wait for a reviewer (CLAIMS-1)"
    assert "nothing blocks" not in body and "✅" not in body, body
    assert "Nothing fails the check; the questions below are for a reviewer" in body, body
    strict = CLAIMS_CODE.replace("now <= exp", "now < exp")
    noted = strict.replace("\treturn now < exp", "\t// exp is in seconds\n\treturn now < exp")
    repo.commit("a comment only", {"claims.go": noted})
    assert not review_json(cli, "HEAD")["questions"]
    body = cli("comment", "HEAD").out
    assert body.splitlines()[1] == "### ✅ specflow: nothing blocks this change", body
