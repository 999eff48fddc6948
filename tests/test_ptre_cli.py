"""What the path-to-regexp trial (TypeScript, one file) found, through the CLI on real
repositories: a module's `const NAME_RE = /.../` is a name written (REVIEW-E199); a reference
inside a block heads none of the code after the block has closed (CHECK-E58)."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

NAMES_SPEC = """---
id: NAMES
scope: [src/index.ts]
---
# Names

## Context
- `lexer()` reads the path.

## Requirements
- NAMES-1: `lexer()` reads a parameter name of `a-z` after `:`.

## Edge Cases
- NAMES-E1: An empty name.
"""

LEXER = """const NAME_RE = /^[a-z]$/u;
export const SEP: string = "/";
const NOOP = (value: string) => value;

export function lexer(str: string) {
  const value = str.trim();
  let name = "";
  let i = 0;
  while (NAME_RE.test(value[i])) {
    name += NOOP(value[i++]);
  }
  return name + SEP + value;
}
"""


def _written(data: dict[str, Any]) -> list[str]:
    return [r["symbol"]["name"] for r in data["ripples"] if r["symbol"]["kind"] == "write"]


def test_a_module_const_in_typescript_is_a_name_written(repo, cli):
    """REVIEW-E199 (pillarjs/path-to-regexp `35a15d5`: `NAME_RE` gained `$`, and no ripple
    named its reader `lexer()`): a top-level `const NAME_RE = /.../` (or `export const SEP:
    string =`) changed is a write of the name: its readers ripple, the one requirement naming
    its only reader is asked (REVIEW-E168), and `context` lists the line as written."""
    repo.commit("base", {"specs/names.md": NAMES_SPEC, "src/index.ts": LEXER})
    wider = LEXER.replace("/^[a-z]$/u", "/^[a-z$]$/u").replace('"/";', '"#";')
    repo.commit("Accept $ in names", {"src/index.ts": wider})
    data = review_json(cli, "HEAD", "--all")
    assert set(_written(data)) == {"NAME_RE", "SEP"}
    asked = [q for q in data["questions"] if q["statement"].get("id") == "NAMES-1"]
    assert asked and asked[0]["evidence"]["kind"] == "reads", data["questions"]
    context = cli("context", "NAME_RE").out
    assert "written:\n    src/index.ts:1: const NAME_RE" in context, context


def test_a_local_or_a_function_const_is_no_module_write(repo, cli):
    """REVIEW-E199, adversarial: an indented `const value =` is the function's local, and
    `const NOOP = (value: string) => value` defines a function: neither is a module's name
    written, so no ripple lists every `value` of the file."""
    repo.commit("base", {"specs/names.md": NAMES_SPEC, "src/index.ts": LEXER})
    changed = LEXER.replace("str.trim()", "str.trimStart()").replace("=> value;", "=> value + '';")
    repo.commit("trim the start", {"src/index.ts": changed})
    assert _written(review_json(cli, "HEAD", "--all")) == []


X_SPEC = """---
id: X
scope: [src/**]
---
# X

## Context
- `build()` returns the route.

## Requirements
- X-1: With `end` off, the route stops at a delimiter boundary.

## Edge Cases
- X-E1: An empty route.
"""

BUILD = """export function build(end: boolean, route: string) {
  if (end) {
    route += "$";
  } else {
    // X-1: stop at a delimiter boundary
    route += "(?=/|$)";
  }

  return new RegExp(route, "i");
}
"""

BUILD_PY = """def build(end, route):
    if end:
        route += "$"
    else:
        # X-1: stop at a delimiter boundary
        route += "(?=/|$)"
    return re.compile(route, re.I)
"""


def _headed(repo, cli, path: str, text: str, old: str, new: str) -> tuple[bool, bool]:
    """Whether `check --staged` warns that X-1 is touched, and the review asks X-1 by the
    reference (`heading`, or `reference`: an ID in the comments above it), when `old` becomes
    `new` in `text` at `path`."""
    repo.commit(f"base {path}", {"specs/x.md": X_SPEC, path: text})
    repo.stage({path: text.replace(old, new)})
    warned = "touches the code of X-1" in cli("check", "--staged").out
    asked = any(
        q["statement"].get("id") == "X-1" and q["evidence"]["kind"] in ("heading", "reference")
        for q in review_json(cli, "--staged", "--all")["questions"]
    )
    repo.git("reset", "-q", "--hard")
    return warned, asked


def test_a_reference_inside_a_block_heads_nothing_after_it_closes(repo, cli):
    """CHECK-E58 (the path-to-regexp trial: `// MATCH-3` inside an `else { }` of
    `tokensToRegexp()` headed its `return new RegExp(...)` after the `}`, the review's top
    question): a comment line's reference heads the code of its own block only, for the
    hook and the review alike, in braces and in Python."""
    after = ('return new RegExp(route, "i");', 'return new RegExp(route, "");')
    assert _headed(repo, cli, "src/index.ts", BUILD, *after) == (False, False)
    assert _headed(repo, cli, "src/b.py", BUILD_PY, "re.I)", "0)") == (False, False)


def test_a_reference_still_heads_its_own_block_and_its_level(repo, cli):
    """CHECK-E58, adversarial: a change inside the block the reference is in, or in the code
    after a block below a reference at the function's own level, is still headed."""
    inside = ('route += "(?=/|$)";', 'route += "(?=/|#|$)";')
    assert _headed(repo, cli, "src/index.ts", BUILD, *inside) == (True, True)
    assert _headed(repo, cli, "src/b.py", BUILD_PY, '"(?=/|$)"', '"(?=/|#|$)"') == (True, True)
    level = BUILD.replace("  if (end) {", "  // X-1: the end\n  if (end) {").replace(
        "    // X-1: stop at a delimiter boundary\n", ""
    )
    assert _headed(repo, cli, "src/index.ts", level, '"i");', '"");') == (True, True)


M_SPEC = """---
id: M
scope: [src/index.ts]
---
# Match

## Context
- `$match()` splits a repeated parameter and decodes each part.
- `match()` returns the params of a path.

## Requirements
- M-1: A repeated value is split on the separator and each part decoded.

## Edge Cases
- M-E1: An empty value.
"""

DOLLAR = """export function $match(value: string, separator: string, decode: Decode) {
  const re = new RegExp(separator, "g");
  return value.split(re).map(decode);
}

export function match(path: string) {
  return path.length;
}
"""


def test_a_dollar_in_a_function_name_is_part_of_it(repo, cli):
    """REVIEW-E201 (the path-to-regexp trial: a change inside `export function $match(` was
    "changes these lines", and the Context line naming `$match()` was linked by words only):
    `$` is part of a JavaScript name, so the change lies inside `$match`, which M:C1 names;
    adversarial: M:C2's `match()` is another function, not the one the change lies inside."""
    repo.commit("base", {"specs/m.md": M_SPEC, "src/index.ts": DOLLAR})
    repo.commit(
        "split on the string", {"src/index.ts": DOLLAR.replace("split(re)", "split(separator)")}
    )
    data = review_json(cli, "HEAD", "--all")
    assert {a["name"] for q in data["questions"] for a in q["acts"]} == {"$match"}
    inside = {q["statement"]["line"]: q["evidence"] for q in data["questions"]}
    assert inside[8] == {"kind": "enclosing", "names": ["$match"], "words": ["decode", "split"]}
    assert 9 not in inside, inside
