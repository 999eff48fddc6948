"""REVIEW-E277 through the CLI on real repositories: TypeScript's type syntax inside code,
which the compiler erases (panva/jose's trial, D1: `c4dc24d` rewrote `<T>x` as `x as T`,
`8a56fc4` `payload.iat!` as `(payload.iat as number)`, `cc2b2d7` added `): this {` return
types), asks nothing and the hook is silent; the same-looking rewrites that change what runs
(a prefix `!`, `!==`, a `!` in a string, `import { a as b }`, an optional chain's parentheses,
`<T>x` in `.tsx`, where it is JSX) still ask."""

from __future__ import annotations

import pytest

from testing.util import noop_and_hook_agree

SPEC = """---
id: CLAIMS
scope: [src/**]
---
# Claims

## Context
- `check()` compares the `issuer` option with the `iss` claim of the `payload`.

## Requirements
- CLAIMS-1: `check()` returns the `payload` when its `iss` claim is the `issuer`.
"""
BASE = """import { decode } from './decode'
import {
  LIST
} from './list'

export class Claims {
  check(payload: any, issuer: string | string[])HEAD {
    // CLAIMS-1
    const age = 10 - LINE
    return decode(payload, age, issuer)
  }
}
"""


def _file(head: str, line: str, listed: str = "decode2") -> str:
    return BASE.replace("HEAD", head).replace("LINE", line).replace("LIST", listed)


def _noop(
    repo, cli, before: tuple[str, ...], after: tuple[str, ...], path: str = "src/c.ts"
) -> bool:  # type: ignore[no-untyped-def]
    """Whether the review calls the rewrite formatting only (the hook is then silent too)."""
    base = {"specs/claims.md": SPEC, path: _file(*before)}
    return noop_and_hook_agree(repo, cli, base, path, _file(*after), "refactor", hook_speaks=False)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (("", "payload.iat!"), ("", "(payload.iat as number);")),
        (("", "<number>payload.iat"), ("", "payload.iat as number")),
        (("", "(<CryptoKey>payload).iat"), ("", "(payload as CryptoKey).iat")),
        (
            ("", "<Parameters<typeof f>[1]>(<unknown>payload.iat)"),
            ("", "payload.iat as unknown as Parameters<typeof f>[1]"),
        ),
        (("", "payload.iat"), ("", "(payload.iat satisfies number)")),
        (("", "payload.iat"), (": object", "payload.iat")),
        (("", "payload.iat"), (": (a?: H, b?: F) => Promise<K>", "payload.iat")),
        (("", "((iat) => iat)"), ("", "((iat): number => iat)")),
    ],
)
def test_erased_type_syntax_is_no_change(repo, cli, before, after):
    """REVIEW-E277 (jose D1): assertions, non-null `!` and return types run nothing."""
    assert _noop(repo, cli, before, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (("", "payload.iat!"), ("", "!payload.iat")),
        (("", "(payload.iat !== 1 ? 1 : 0)"), ("", "(payload.iat === 1 ? 1 : 0)")),
        (("", "'now!'.length"), ("", "'now'.length")),
        (("", "(payload?.iat).x"), ("", "payload?.iat.x")),
        (("", "payload.iat", "check as issuer"), ("", "payload.iat", "check")),
        (("", "(payload.iat as number)"), ("", "(payload.age as number)")),
        (("", "<number>payload.iat"), ("", "<number>payload.age")),
        (
            ("", "payload.iat ? f(payload.iat) : iat => payload"),
            ("", "payload.iat ? f(payload.iat) : payload => payload"),
        ),
    ],
)
def test_look_alike_changes_still_ask(repo, cli, before, after):
    """REVIEW-E277: a change that only looks like erased types still asks; a ternary's call
    and its else arrow (`f(a) : iat => payload`) is no return type (found by the review of
    the session's change)."""
    assert not _noop(repo, cli, before, after)


def test_angle_assertion_in_tsx_is_jsx_and_asks(repo, cli):
    """REVIEW-E277: in `.tsx`, `<T>x` is an element, not an assertion."""
    assert not _noop(
        repo, cli, ("", "<number>payload.iat"), ("", "payload.iat as number"), "src/c.tsx"
    )


@pytest.mark.parametrize("changed", [False, True])
def test_a_long_run_of_assertions_is_read_whole(repo, cli, changed):
    """SPEED-22, REVIEW-E277: a 1,500-line run whose every line drops an assertion (erased in
    one pass now, never deleted from a list: the time is bench's to measure, never a test's)
    is formatting only, and one changed name in its middle still asks."""
    line = "    const a{n} = g(payload.iat{n} as unknown as number) satisfies number\n"
    before = "".join(line.format(n=n) for n in range(1500))
    after = before.replace(" as unknown", "")
    if changed:
        after = after.replace("payload.iat700 ", "payload.age700 ")
    assert _noop(repo, cli, ("", before), ("", after)) is not changed
