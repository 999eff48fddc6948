"""REVIEW-E213 through the CLI on real repositories (the pillarjs/path-to-regexp trial): a hunk
inside a definition one spec's statements name belongs to that spec; another spec's statement
that a common identifier alone links (`TypeError`, a builtin exception, or a name statements of
several specs name) is linked by its other words only, not asked before the definition's own."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

LEX = """---
id: LEX
scope: [src/index.ts]
---
# Lexer

## Context
- `lexer()` turns the path into tokens.

## Requirements
- LEX-1: A custom pattern must be balanced, else an error names its index.

## Edge Cases
- LEX-E1: An empty path.
"""

GEN = """---
id: GEN
scope: [src/index.ts]
---
# Compile

## Context
- `compile()` writes a path from params.

## Requirements
- GEN-1: With `validate` on, a value that does not match raises `TypeError` naming the value.

## Edge Cases
- GEN-E1: No params.
"""

INDEX = """export function lexer(str: string) {
  const out: string[] = [];
  for (let i = 0; i < str.length; i++) {
    const ch = str[i];
    out.push(ch);
  }
  return out;
}

export function compile(path: string, validate: boolean) {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    parts.push(part);
  }
  return parts.join("/");
}

export function helper(str: string) {
  const chars: string[] = [];
  for (let i = 0; i < str.length; i++) {
    chars.push(str[i]);
  }
  return chars;
}
"""

THROW = '    if (ch === ")") throw new TypeError(`Unmatched ) at ${i}`);\n'


def _asked(data: dict[str, Any]) -> list[str]:
    return [q["statement"]["id"] or q["statement"]["text"][:12] for q in data["questions"]]


def _reviewed(repo, cli, old: str, new: str) -> list[str]:
    assert old in INDEX
    repo.commit("change", {"src/index.ts": INDEX.replace(old, new, 1)})
    asked = _asked(review_json(cli, "HEAD", "--all"))
    repo.commit("back", {"src/index.ts": INDEX})
    return asked


def _base(repo) -> None:
    repo.commit("base", {"specs/lex.md": LEX, "specs/gen.md": GEN, "src/index.ts": INDEX})


def test_a_builtin_error_in_another_specs_function_does_not_ask_its_statement(repo, cli):
    """REVIEW-E213 (pillarjs/path-to-regexp `6b7a452`: the lexer throws `TypeError` on an
    unmatched `)`, and COMPILE-2, about `compile()`'s validation, was asked first "it names
    `TypeError`"): inside `lexer()`, which LEX names, GEN-1 is not asked by `TypeError` (its
    words but the type's are too few); the lexer's Context line is."""
    _base(repo)
    asked = _reviewed(repo, cli, "    out.push(ch);\n", THROW + "    out.push(ch);\n")
    assert "GEN-1" not in asked
    assert "`lexer()` tu" in asked


def test_the_same_error_in_its_own_function_or_with_a_name_of_its_own_still_asks(repo, cli):
    """REVIEW-E213, adversarial: the same `throw new TypeError` inside `compile()` (the
    statement's own spec names it), inside `helper()` (no spec names it: no definition says
    whose the code is), or inside `lexer()` beside a name only GEN-1 names (`validate`) still
    asks GEN-1."""
    _base(repo)
    own = '    if (part === ")") throw new TypeError(`Unmatched ) in ${part}`);\n'
    assert "GEN-1" in _reviewed(
        repo, cli, "    parts.push(part);\n", own + "    parts.push(part);\n"
    )
    helper = '    if (str[i] === ")") throw new TypeError(`Unmatched ) at ${i}`);\n'
    pushed = "    chars.push(str[i]);\n"
    assert "GEN-1" in _reviewed(repo, cli, pushed, helper + pushed)
    named = THROW.replace('if (ch === ")")', 'if (validate && ch === ")")')
    lexer = INDEX.replace("lexer(str: string)", "lexer(str: string, validate = false)")
    repo.commit("validate", {"src/index.ts": lexer})
    repo.commit(
        "change",
        {"src/index.ts": lexer.replace("    out.push(ch);\n", named + "    out.push(ch);\n")},
    )
    assert "GEN-1" in _asked(review_json(cli, "HEAD", "--all"))
