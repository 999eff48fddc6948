"""REVIEW-E381 through the CLI on real repositories (the pillarjs/path-to-regexp trial): a hunk
in no definition a spec names belongs to the specs whose statements name an identifier it meets
that no other spec names; another spec's statement that common identifiers alone link to it
(`TypeError`, or a name statements of several specs name) shares words with it, no more."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

PARSE = """---
id: PARSE
scope: [src/index.ts]
---
# Parsing

## Context
- A name is checked with `ID_START` and `ID_CONTINUE`.
- `normalize()` rewrites a path before it is read.

## Requirements
- PARSE-1: `:name` yields a `param` token whose name is an identifier.

## Edge Cases
- PARSE-E1: An empty path.
"""

COMPILE = """---
id: COMPILE
scope: [src/index.ts]
---
# Compiling

## Context
- `compile()` writes a path from params.

## Requirements
- COMPILE-1: A `param` must not be empty, else `TypeError` names it; it goes through `encodeValue`.

## Edge Cases
- COMPILE-E1: No params.
"""

INDEX = """const ID_START = /^[$_\\p{ID_Start}]$/u;
const ID_CONTINUE = /^[$\\u200c\\u200d\\p{ID_Continue}]$/u;

function encodeValue(value: string) {
  return encodeURIComponent(value);
}

export function compile(path: string) {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    parts.push(encodeValue(part));
  }
  return parts.join("/");
}
"""

STRINGIFY = """
export function stringify(param: string) {
  const [first, ...rest] = param;
  if (!ID_START.test(first)) throw new TypeError(`Invalid param: ${param}`);
  if (!rest.every((c) => ID_CONTINUE.test(c))) return JSON.stringify(param);
  return `:${param}`;
}
"""


def _asked(repo, cli, added: str) -> list[str]:
    repo.commit(
        "base", {"specs/parse.md": PARSE, "specs/compile.md": COMPILE, "src/index.ts": INDEX}
    )
    repo.commit("stringify", {"src/index.ts": INDEX + added})
    data: dict[str, Any] = review_json(cli, "HEAD", "--all")
    return [q["statement"]["id"] or q["statement"]["spec"] for q in data["questions"]]


def test_a_new_function_using_one_specs_names_does_not_ask_another_on_shared_ones(repo, cli):
    """REVIEW-E381 (path-to-regexp `e537daa`: a new `stringify()` checks names with `ID_START`,
    which only PARSE names, and throws `TypeError`, and COMPILE-2 was asked first on `param`,
    `TypeError` and `name`): COMPILE-1 is not asked; PARSE's statements are."""
    asked = _asked(repo, cli, STRINGIFY)
    assert "COMPILE-1" not in asked
    assert "PARSE-1" in asked


def test_a_function_using_the_names_of_two_specs_asks_both(repo, cli):
    """REVIEW-E381, adversarial: the same function that also encodes its output with
    `encodeValue`, which only COMPILE names, changes both specs' behaviour: both are asked,
    where the function without it asks PARSE's alone."""
    both = STRINGIFY.replace("return `:${param}`;", "return `:${encodeValue(param)}`;")
    assert "COMPILE-1" not in _asked(repo, cli, STRINGIFY)
    repo.commit("back", {"src/index.ts": INDEX})
    asked = _asked(repo, cli, both)
    assert "COMPILE-1" in asked
    assert "PARSE-1" in asked


def test_another_objects_method_of_that_name_is_not_the_specs_own(repo, cli):
    """REVIEW-E381, adversarial (python-semver `20e5c4f`: `s.replace(...)` on a string in a new
    helper is not PARSE-6's `replace()`, and ORDER-4 fell from the first three): a new function
    calling `param.normalize()`, a string's method, and throwing `TypeError` still asks
    COMPILE-1, where the same function calling `ID_START.test()` does not."""
    assert "COMPILE-1" not in _asked(repo, cli, STRINGIFY)
    repo.commit("back", {"src/index.ts": INDEX})
    method = STRINGIFY.replace("ID_START.test(first)", "first.normalize()")
    method = method.replace("ID_CONTINUE.test(c)", "c.normalize()")
    assert "ID_" not in method
    assert "COMPILE-1" in _asked(repo, cli, method)


def test_a_spec_that_does_not_govern_the_file_owns_none_of_its_hunks(repo, cli):
    """REVIEW-E381, adversarial (auth0/node-jsonwebtoken `084f537`, kjd/python-email-validator
    `416aeb6`: a name only another spec's statements name, a spec that governs other files,
    made it the owner of a hunk in sign.js, and SIGN's own Context line was asked no more):
    with PARSE scoped to another file, COMPILE-1 is still asked of the new function."""
    elsewhere = PARSE.replace("scope: [src/index.ts]", "scope: [src/parse.ts]")
    repo.commit(
        "base", {"specs/parse.md": elsewhere, "specs/compile.md": COMPILE, "src/index.ts": INDEX}
    )
    repo.commit("stringify", {"src/index.ts": INDEX + STRINGIFY})
    asked = [q["statement"]["id"] for q in review_json(cli, "HEAD", "--all")["questions"]]
    assert "COMPILE-1" in asked, asked
