"""REVIEW-E387 through the CLI on real repositories: the path-to-regexp trial's new user (session
32) saw `result.length = len` (an array cut to its length) make a ripple of every `.length` read
in the file, each another array's or string's; a name the line writes that is no built-in
member still ripples."""

from __future__ import annotations

import json

SPEC = """---
id: PATH
scope: [src/**]
---
# Paths

## Context
- `flatten()` lists each sequence of tokens.

## Requirements
- PATH-1: Each sequence is listed once.

## Edge Cases
- PATH-E1: No tokens.
"""

INDEX = """export function flatten(tokens: string[], len: number): string[] {
  const result = tokens.slice();
  result.length = len;
  return result;
}

export function count(text: string, items: string[]): number {
  return text.length + items.length;
}
"""


def _rippled(repo, cli, old: str, new: str) -> set[str]:
    repo.commit("base", {"specs/path.md": SPEC, "src/index.ts": INDEX})
    repo.commit("change", {"src/index.ts": INDEX.replace(old, new)})
    data = json.loads(cli("review", "HEAD", "--format", "json").out)
    return {ripple["symbol"]["name"] for ripple in data["ripples"]}


def test_an_arrays_length_set_is_no_write_every_length_reads(repo, cli):
    """REVIEW-E387 (pillarjs/path-to-regexp `937c02d`): `result.length = len` asked whether
    `text.length` and `items.length` still agree with it."""
    assert "length" not in _rippled(repo, cli, "result.length = len;", "result.length = len - 1;")


def test_another_member_written_through_an_object_still_ripples(repo, cli):
    """REVIEW-E387, adversarial: `result.size = len` writes a member of the code's own."""
    index = INDEX.replace("text.length + items.length", "text.length + items.size")
    repo.commit(
        "base",
        {"specs/path.md": SPEC, "src/index.ts": index.replace("result.length", "result.size")},
    )
    repo.commit(
        "change", {"src/index.ts": index.replace("result.length = len", "result.size = len - 1")}
    )
    data = json.loads(cli("review", "HEAD", "--format", "json").out)
    assert "size" in {ripple["symbol"]["name"] for ripple in data["ripples"]}, data["ripples"]
