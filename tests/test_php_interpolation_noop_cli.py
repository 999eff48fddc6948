"""REVIEW-E281 through the CLI on real repositories: PHP 8.2's deprecated `"${x}"` rewritten
`"{$x}"` (firebase/php-jwt `2e07d8a`, the trial's defect 3: 5 questions) is the same string
and asks nothing; a `${` of anything but a name (a variable variable, an array's element),
one escaped or after a `{`, and another variable still ask."""

from __future__ import annotations

import pytest

from testing.util import noop_and_hook_agree

SPEC = """---
id: TOK
scope: [src/**]
---
# Tok

## Context
- `Tok::check()` verifies the signature with the private `verify()`.

## Requirements
- TOK-1: `verify()` compares the signing input with the signature.
"""
BASE = """<?php
class Tok
{
    // TOK-1
    public static function check($head, $body, $sig)
    {
        if (!self::verify(LINE, $sig)) {
            throw new Exception('bad');
        }
        return true;
    }

    private static function verify($msg, $sig)
    {
        return $msg === $sig;
    }
}
"""


def _silent(repo, cli, before: str, after: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the review calls the rewrite formatting only (the hook is then silent too)."""
    path = "src/Tok.php"
    base = {"specs/tok.md": SPEC, path: BASE.replace("LINE", before)}
    after_text = BASE.replace("LINE", after)
    subject = "php 8.2 interpolation"
    return noop_and_hook_agree(repo, cli, base, path, after_text, subject, hook_speaks=False)


def test_dollar_brace_name_is_brace_dollar(repo, cli):
    """REVIEW-E281: `"${head}.${body}"` is `"{$head}.{$body}"`."""
    assert _silent(repo, cli, '"${head}.${body}"', '"{$head}.{$body}"')


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ('"${head}.${body}"', '"{$head}.{$sig}"'),
        ('"${$head}"', '"{$head}"'),
        ("\"${head['k']}\"", '"{$head}"'),
        ('"\\${head}"', '"{$head}"'),
        ('"{${head}}"', '"{{$head}}"'),
        ('"Pay $${head} now"', '"Pay ${$head} now"'),
    ],
)
def test_look_alike_interpolations_still_ask(repo, cli, before, after):
    """REVIEW-E281: a variable variable, an element, an escaped `$`, `{${x}}` still ask; so
    does `"$${x}"` (a `$` then the value) made `"${$x}"` (found by the review of the session's
    change)."""
    assert not _silent(repo, cli, before, after)
