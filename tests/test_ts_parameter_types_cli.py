"""REVIEW-E431 through the CLI on real repositories: a TypeScript parameter's type annotation
and optional `?` are erased as the compiler erases them (unjs/ufo `3fbad8c` widened
`value: QueryValue` to `value: QueryValue | QueryValue[]` and was asked 4 questions); what runs
in a parameter list (a default value, a destructuring rename, a parameter property's modifier)
and a call's arguments still ask."""

from __future__ import annotations

import pytest

from testing.util import noop_and_hook_agree

SPEC = """---
id: QUERY
scope: [src/**]
---
# Query

## Context
- `encodeQueryItem()` encodes a `key` and its `value`; `joinAll()` joins them.

## Requirements
- QUERY-1: `encodeQueryItem()` returns `key=value` with the `value` encoded.
"""
BASE = """import { encode } from './encode'

export function encodeQueryItem (key: string, SIGNATURE): string {
  // QUERY-1
  return key + '=' + encode(value)
}

export const joinAll = (ARROW) => encodeQueryItem(a, b) + c

export class Query {
  constructor (MEMBERS) {
    // QUERY-1
    this.items = encodeQueryItem(a, c ? b : 'x')
  }
}
"""
DEFAULTS = {
    "SIGNATURE": "value: QueryValue",
    "ARROW": "a: string, b?: number, c = 1, { d }: Options = {}",
    "MEMBERS": "a: string, b: Item",
}


def _file(**changed: str) -> str:
    text = BASE
    for key, value in (DEFAULTS | changed).items():
        text = text.replace(key, value)
    return text


def _noop(repo, cli, **changed: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the review calls the rewrite formatting only (the hook is then silent too)."""
    base = {"specs/query.md": SPEC, "src/query.ts": _file()}
    path = "src/query.ts"
    return noop_and_hook_agree(repo, cli, base, path, _file(**changed), "types", hook_speaks=False)


@pytest.mark.parametrize(
    "changed",
    [
        {"SIGNATURE": "value: QueryValue | QueryValue[]"},
        {"SIGNATURE": "value?: Record<string, (v: A, w?: B) => C> & { k: [D, E] }"},
        {"ARROW": "a: string, b?: number | string, c: number = 1, { d }: { d?: D } = {}"},
        {"ARROW": "a, b, c = 1, { d } = {}"},
        {"MEMBERS": "this: Query, a: string, b: Item"},
        {"MEMBERS": "a: string, b?: Item[]"},
    ],
)
def test_parameter_types_are_no_change(repo, cli, changed):
    """REVIEW-E431 (ufo `3fbad8c`): a parameter's annotation, its `?` and a `this: T`
    parameter run nothing, in a function, an arrow function and a constructor."""
    assert _noop(repo, cli, **changed)


@pytest.mark.parametrize(
    "changed",
    [
        {"ARROW": "a: string, b?: number, c = 2, { d }: Options = {}"},
        {"ARROW": "a: string, b?: number, c = d ? 1 : 2, { d }: Options = {}"},
        {"ARROW": "a: string, b?: number, c = 1, { d: e }: Options = {}"},
        {"MEMBERS": "a: string, { b: item }: Item"},
        {"MEMBERS": "private a: string, b: Item"},
        {"SIGNATURE": "values: QueryValue"},
    ],
)
def test_what_runs_in_a_parameter_list_still_asks(repo, cli, changed):
    """REVIEW-E431: a default value (a ternary's `:` in it too), a destructuring rename, a
    parameter property's modifier and a renamed parameter still ask."""
    assert not _noop(repo, cli, **changed)


def test_a_calls_ternary_is_no_parameter_list(repo, cli):
    """REVIEW-E431: `f(c ? b : 'x')` holds no annotation: changing its branch asks."""
    base = {"specs/query.md": SPEC, "src/query.ts": _file()}
    after = _file().replace("c ? b : 'x'", "c ? b : 'y'")
    assert not noop_and_hook_agree(repo, cli, base, "src/query.ts", after, "t", hook_speaks=False)


SPREAD = """export function encodeQueryItem (
  key: string,
  VALUE
): string {
  // QUERY-1
  return key + '=' + encode(value, [
    key,
  ])
}
"""


@pytest.mark.parametrize(
    ("after", "silent"),
    [
        ("value: QueryValue | QueryValue[],", True),
        ("value?: QueryValue = 1,", False),
        ("values: QueryValue,", False),
    ],
)
def test_a_line_of_a_list_spread_over_lines(repo, cli, after, silent):
    """REVIEW-E431: a line alone of a parameter list spread over lines, read in the file's
    code as the list it sits in: its annotation runs nothing, its default value runs."""
    base = {"specs/query.md": SPEC, "src/query.ts": SPREAD.replace("VALUE", "value: QueryValue,")}
    changed = SPREAD.replace("VALUE", after)
    assert (
        noop_and_hook_agree(repo, cli, base, "src/query.ts", changed, "t", hook_speaks=False)
        is silent
    )
