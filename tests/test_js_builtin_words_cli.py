"""REVIEW-E262 through the CLI on real repositories (auth0/node-jsonwebtoken `88cb9df`:
`~key.toString().indexOf('BEGIN PUBLIC KEY')` became `key.toString().includes(...)` and was
asked "`options.audience` (string or array) ..." on the words "options, string", "string" read
from `toString`): a JavaScript standard method of two or more words that a hunk calls as often
on either side is neither a name nor words the hunk shares with a statement."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: VERIFY
scope: [verify.js]
---
# Verify

## Context
- `options.audience` is a string or an array.

## Requirements
- VERIFY-1: A key given as a Buffer is read as a string.
"""

VERIFY = """module.exports = function (key, options) {
  if (!options.algorithms) {
    options.algorithms = ~key.toString().indexOf('BEGIN PUBLIC KEY') ? ['RS256'] : ['HS256'];
  }
  return options.algorithms;
};
"""


def _asked(repo, cli, old: str, new: str) -> set[str]:
    """The statements asked of the commit that rewrites `old` as `new` in verify.js."""
    repo.commit("base", {"specs/verify.md": SPEC, "verify.js": VERIFY})
    repo.commit("rewrite", {"verify.js": VERIFY.replace(old, new)})
    questions = review_json(cli, "HEAD", "--all")["questions"]
    return {q["statement"].get("id") or q["statement"]["text"] for q in questions}


def test_a_standard_method_called_on_both_sides_gives_no_words(repo, cli):
    """REVIEW-E262 (node-jsonwebtoken `88cb9df`): `toString` on both sides is not the word
    "string" of the Context bullet on `options.audience`, nor of VERIFY-1."""
    asked = _asked(repo, cli, "~key.toString().indexOf(", "key.toString().includes(")
    assert not any("audience" in text for text in asked), asked
    assert "VERIFY-1" not in asked, asked


def test_a_standard_method_the_change_starts_calling_still_speaks(repo, cli):
    """REVIEW-E262, adversarial: the key newly read with `toString()` is what VERIFY-1 says
    (a key read as a string): the call added on one side still gives its words."""
    asked = _asked(repo, cli, "~key.toString().indexOf(", "~key.indexOf(")
    assert "VERIFY-1" in asked, asked


def test_the_word_in_code_around_an_unchanged_method_still_speaks(repo, cli):
    """REVIEW-E262, adversarial: only the method's own words go: a `typeof key === 'string'`
    test added beside the same `toString()` call still shares "key" and "string"."""
    new = "typeof key === 'string' && ~key.toString().indexOf("
    asked = _asked(repo, cli, "~key.toString().indexOf(", new)
    assert "VERIFY-1" in asked, asked
