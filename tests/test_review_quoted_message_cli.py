"""REVIEW-E246: a message a statement quotes word for word in prose ("tokenstring should not
contain 'bearer '") is a literal, as a backticked span is (REVIEW-E143), when the hunk stops
writing it (as REVIEW-E197 does for numbers): not a hunk that writes it again or anew. Real
repositories, through the CLI."""

from __future__ import annotations

from testing.util import review_json

PARSE_SPEC = """---
id: PARSE
scope:
  - "*.go"
---
# Parsing

## Requirements
- PARSE-1: A token without three segments fails as malformed.

## Edge Cases
- PARSE-E1: A token starting with `Bearer ` gets the malformed message "{message}".
"""

PARSER = """package jwt

import "strings"

func ParseUnverified(tokenString string) error {
	parts := strings.Split(tokenString, ".")
	if _, err := DecodeSegment(parts[0]); err != nil {
		if strings.HasPrefix(strings.ToLower(tokenString), "bearer ") {
			return newError("tokenstring should not contain 'bearer '", ErrTokenMalformed)
		}
		return newError("could not base64 decode header", ErrTokenMalformed, err)
	}
	return nil
}
"""
GONE = """		if strings.HasPrefix(strings.ToLower(tokenString), "bearer ") {
			return newError("tokenstring should not contain 'bearer '", ErrTokenMalformed)
		}
"""
MESSAGE = "tokenstring should not contain 'bearer '"


def _asked(repo, cli, message: str, changed: str = "") -> dict[str, list[str]]:
    spec = PARSE_SPEC.format(message=message)
    repo.commit("base", {"specs/parse.md": spec, "parser.go": PARSER})
    after = changed or PARSER.replace(GONE, "")
    repo.commit("perf: quick way to validate token string", {"parser.go": after})
    questions = review_json(cli, "HEAD")["questions"]
    return {q["statement"]["id"]: q["evidence"]["names"] for q in questions}


def test_removing_the_message_a_statement_quotes_asks_it(repo, cli):
    """REVIEW-E246: golang-jwt/jwt's 8b7470d removed the Bearer check whose message PARSE-E1
    quotes word for word, and asked nothing: the quote was prose, not a backticked span."""
    assert _asked(repo, cli, MESSAGE).get("PARSE-E1") == [MESSAGE]


def test_a_message_the_code_does_not_write_asks_nothing(repo, cli):
    """REVIEW-E246: the quote must be the literal the hunk writes, word for word: another
    message of nearly the same words is no such link (the words may still link, as before)."""
    asked = _asked(repo, cli, "the tokenstring should not contain bearer")
    assert all(MESSAGE not in names for names in asked.values())


def test_a_hunk_writing_the_message_again_is_no_link_by_it(repo, cli):
    """REVIEW-E246: the same-looking hunk that keeps the message (its check rewritten, idna
    749b257, gouuid 16ca3eab, where the first rule asked wrongly) is not linked by it."""
    rewritten = PARSER.replace("strings.ToLower(tokenString)", "strings.ToLower(tokenString[:7])")
    asked = _asked(repo, cli, MESSAGE, rewritten)
    assert all(MESSAGE not in names for names in asked.values())


def test_a_hunk_adding_the_message_is_no_link_by_it(repo, cli):
    """REVIEW-E246: a check added with the message is no message the code stops writing."""
    repo.commit(
        "base",
        {
            "specs/parse.md": PARSE_SPEC.format(message=MESSAGE),
            "parser.go": PARSER.replace(GONE, ""),
        },
    )
    repo.commit("feat: reject a Bearer prefix", {"parser.go": PARSER})
    questions = review_json(cli, "HEAD")["questions"]
    assert all(MESSAGE not in q["evidence"]["names"] for q in questions)
