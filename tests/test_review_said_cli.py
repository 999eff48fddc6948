"""What the waitress trial found of the review's account of the commit message, through the
CLI on a real repository (REVIEW-E200): "the change's messages say ..." lists only words the
messages say."""

from __future__ import annotations

from testing.util import review_json

PARSE_SPEC = """---
id: PARSE
scope: [src/p.py]
---
# P

## Context
- `crack()` splits the request line.

## Requirements
- PARSE-1: The request method must be upper case; a lower-case method is a `ParsingError`.

## Edge Cases
- PARSE-E1: An empty line.
"""

CRACK = """def crack(method):
    # PARSE-1
    if method != method.upper():
        raise ParsingError("bad method")
    return method
"""


def test_the_messages_say_only_the_words_they_hold(repo, cli):
    """REVIEW-E200 (the waitress trial: "the change's messages say case, error, lower,
    parsing, not its lines" of "Accept lower-case methods"): a condition's change links the
    words of the block it governs (`raise ParsingError`, REVIEW-18) too; those are not the
    message's, and the review says only `case` and `lower`, which the subject holds."""
    repo.commit("base", {"specs/p.md": PARSE_SPEC, "src/p.py": CRACK})
    repo.commit(
        "Accept lower-case methods",
        {"src/p.py": CRACK.replace("if method !=", "if False and method !=")},
    )
    asked = [q for q in review_json(cli, "HEAD")["questions"] if q["statement"].get("id")]
    assert asked[0]["statement"]["id"] == "PARSE-1"
    assert asked[0]["evidence"]["said"] == ["case", "lower"], asked[0]
    text = cli("review", "HEAD").out
    assert "the change's messages or new tests' names say case, lower, not its" in text, text
