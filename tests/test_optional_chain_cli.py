"""REVIEW-E362 through the CLI on real repositories: TypeScript's `token?.type !== "text"`
written `!token || token.type !== "text"` (path-to-regexp `973d15c262`, for an ES2015 target,
asked five questions) asks nothing; the nearest rewrites that change what runs still ask."""

from __future__ import annotations

from testing.util import committed_review

SPEC = """---
id: NAME
scope: ["src/**"]
---
# Names

## Requirements
- NAME-1: `isNextNameSafe` is true when no text token follows.
"""

TS = """const ID_CONTINUE = /^[$\\u200c\\u200d\\p{ID_Continue}]$/u;

interface Token {
  type: string;
  value: string;
}

export function isNextNameSafe(token: Token | undefined, strict: boolean) {
  if (token?.type !== "text") return true;
  const loose = strict && token?.type !== "char";
  return !ID_CONTINUE.test(token.value[0]) || loose;
}

export function named(name: string) {
  return name?.length !== 0;
}
"""


def _review(repo, cli, message, text):
    return committed_review(repo, cli, message, {"src/index.ts": text})


def test_an_optional_chain_written_for_es2015_asks_nothing(repo, cli):
    """REVIEW-E362: the condition of the `if`, `?.` written out."""
    repo.commit("base", {"specs/name.md": SPEC, "src/index.ts": TS})
    written = TS.replace('if (token?.type !== "text")', 'if (!token || token.type !== "text")')
    assert _review(repo, cli, "no ?.", written) == (["src/index.ts"], 0)


def test_optional_chain_rewrites_that_change_what_runs_still_ask(repo, cli):
    """REVIEW-E362's nearest changes: `&&` before it groups `strict && !token` first (of a
    missing token and a loose call the first is true, the second false), `===` (of a missing
    token `!token || ...` is true, `token?.type === "char"` false), and a number compared
    (`''.length` is `0`: of an empty string `s?.length !== 0` is false)."""
    repo.commit("base", {"specs/name.md": SPEC, "src/index.ts": TS})
    grouped = TS.replace(
        'strict && token?.type !== "char"', 'strict && !token || token.type !== "char"'
    )
    assert _review(repo, cli, "grouped by &&", grouped)[0] == []
    repo.commit("back", {"src/index.ts": TS})
    equal = TS.replace('token?.type !== "char"', 'token?.type === "char"')
    repo.commit("equal", {"src/index.ts": equal})
    written = equal.replace('token?.type === "char"', '!token || token.type === "char"')
    assert _review(repo, cli, "===", written)[0] == []
    repo.commit("back", {"src/index.ts": TS})
    written = TS.replace("name?.length !== 0", "!name || name.length !== 0")
    assert _review(repo, cli, "a number", written)[0] == []
