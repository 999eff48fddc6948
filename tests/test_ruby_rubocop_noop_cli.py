"""REVIEW-E278, REVIEW-E279 and REVIEW-E280 through the CLI on real repositories: Ruby as
RuboCop rewrites it (jwt/ruby-jwt's trial, defects 3 and 4: `3f1a899` dropped `raise(...)`'s
parentheses, `7ea4a36` made `if`/`unless` blocks modifiers, `5f7d58e` wrote `key?` for
`has_key?`; a `=begin`/`=end` block comment) asks nothing and the hook is silent; the
same-looking rewrites that change what runs still ask."""

from __future__ import annotations

import textwrap

import pytest

from testing.util import noop_and_hook_agree

SPEC = """---
id: CLAIM
scope: [lib/**]
---
# Claims

## Context
- `Verifier` raises `ExpiredSignature` from `verify_expiration` once `exp` is past.

## Requirements
- CLAIM-2: An expired `exp` is `ExpiredSignature`.
"""
BASE = """module Jwt
  class Verifier
    # CLAIM-2
    def verify_expiration(payload)
BODY
    end
  end
end
"""


def _silent(repo, cli, before: str, after: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the review calls the rewrite formatting only (the hook is then silent too)."""
    path = "lib/verifier.rb"
    base = {"specs/claims.md": SPEC, path: BASE.replace("BODY", before)}
    after_text = BASE.replace("BODY", after)
    return noop_and_hook_agree(repo, cli, base, path, after_text, "style", hook_speaks=False)


RAISE = "      raise ExpiredSignature, 'expired' if payload['exp'] <= now"
BLOCK = "      if payload['exp'] <= now\n        raise ExpiredSignature, 'expired'\n      end"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            RAISE.replace(
                "raise ExpiredSignature, 'expired'", "raise(ExpiredSignature, 'expired')"
            ),
            RAISE,
        ),
        (
            "      raise(ExpiredSignature,\n            'expired')",
            "      raise ExpiredSignature, 'expired'",
        ),
        ("      x = payload.fetch('exp', 0)", "      x = payload.fetch 'exp', 0"),
        ("      expired(payload) if now", "      expired payload if now"),
        (BLOCK, RAISE),
        (BLOCK.replace("if", "unless", 1), RAISE.replace(" if ", " unless ")),
        ("      return unless payload.has_key?('exp')", "      return unless payload.key?('exp')"),
        (
            "      payload.has_value?(now) && raise(ExpiredSignature)",
            "      payload.value?(now) && raise(ExpiredSignature)",
        ),
    ],
)
def test_rubocop_rewrites_are_no_change(repo, cli, before, after):
    """REVIEW-E278 (parentheses, Hash's aliases), REVIEW-E279 (modifier `if`/`unless`)."""
    assert _silent(repo, cli, before, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("      puts(payload['exp']) + 1", "      puts payload['exp'] + 1"),
        ("      raise(ExpiredSignature, 'expired').x", "      raise ExpiredSignature, 'expired'.x"),
        ("      foo(payload) { ExpiredSignature }", "      foo payload { ExpiredSignature }"),
        ("      foo(payload) && ExpiredSignature", "      foo payload && ExpiredSignature"),
        ("      foo({}) if ExpiredSignature", "      foo {} if ExpiredSignature"),
        ("      expired = payload\n      expired()", "      expired = payload\n      expired"),
        (
            "      x = if payload['exp'] <= now\n        ExpiredSignature\n      end",
            "      x = ExpiredSignature if payload['exp'] <= now",
        ),
        (BLOCK.replace("end", "else\n        now\n      end"), RAISE),
        (
            "      return unless payload.has_key?('exp')",
            "      return unless payload.value?('exp')",
        ),
        ("      return unless has_key?('exp')", "      return unless key?('exp')"),
        ("      exp = 'raise(ExpiredSignature)'", "      exp = 'raise ExpiredSignature'"),
        (
            "      if (exp = payload['exp'])\n        expired(exp)\n      end",
            "      expired(exp) if (exp = payload['exp'])",
        ),
    ],
)
def test_look_alike_changes_still_ask(repo, cli, before, after):
    """REVIEW-E278, REVIEW-E279: the same-looking rewrites that change what runs still ask:
    an operator or a block after the call binds otherwise, `x = if` assigns nil when false,
    `expired()` calls where `expired` reads the local, `has_key?` is no alias of `value?`; a
    condition that assigns (`if (exp = ...)`) as a modifier reads `exp` before it is assigned
    (found by the review of the session's change)."""
    assert not _silent(repo, cli, before, after)


def test_begin_end_block_comment_is_a_comment(repo, cli):
    """REVIEW-E280 (ruby-jwt's trial, defect 4): a `=begin` ... `=end` block is a comment;
    code added with it still asks."""
    comment = "=begin\n      verify_expiration raises ExpiredSignature once exp is past\n=end\n"
    assert _silent(repo, cli, RAISE, comment + RAISE)
    assert not _silent(repo, cli, RAISE, comment + RAISE + "\n      raise ExpiredSignature")
    assert not _silent(repo, cli, RAISE, "=begin\n" + RAISE)


DECODER = """module Jwt
  class Decoder
TOP    def initialize(options)
      @options = options
    end

    def helper_one; 1; end
    def helper_two; 2; end
    def helper_three; 3; end

BOTTOM    # CLAIM-2
    def given_algorithms
      key = ALGORITHM_KEYS.find { |k| @options[k] }
      Array(@options[key])
    end
  end

  class Other
OTHER    def helper_four; 4; end
  end
end
"""
KEYS = """    # Order matters: string keys first
    ALGORITHM_KEYS = ['algorithm',
                      :algorithm].freeze

"""


def _moved(repo, cli, before: dict[str, str], after: dict[str, str]) -> bool:  # type: ignore[no-untyped-def]
    """Whether the review calls moving the constant from `before`'s marks to `after`'s no
    change (the hook is then silent too)."""
    path = "lib/decoder.rb"

    def text(marks: dict[str, str]) -> str:
        found = DECODER
        for mark in ("TOP", "BOTTOM", "OTHER"):
            found = found.replace(mark, marks.get(mark, ""))
        return found

    spec = SPEC.replace("`Verifier` raises", "`ALGORITHM_KEYS` orders the keys; `Verifier` raises")
    base = {"specs/claims.md": spec, path: text(before)}
    subject = "Move constant"
    return noop_and_hook_agree(repo, cli, base, path, text(after), subject, hook_speaks=False)


def test_constant_moved_within_its_class_is_no_change(repo, cli):
    """REVIEW-E282 (ruby-jwt's trial, defect 8; `9c416b7`): a literal constant moved unchanged
    to the top of its class; moved into another class, out of an `if` in its class (now always
    defined), below a use, with another value, or one whose value reads another constant, it
    still asks."""
    assert _moved(repo, cli, {"BOTTOM": KEYS}, {"TOP": KEYS})
    assert not _moved(repo, cli, {"BOTTOM": KEYS}, {"OTHER": KEYS})
    assert not _moved(repo, cli, {"BOTTOM": KEYS}, {"TOP": KEYS.replace(":algorithm]", ":alg]")})
    reads = KEYS.replace("['algorithm',", "[Other::KEY,")
    assert not _moved(repo, cli, {"BOTTOM": reads}, {"TOP": reads})
    left = "    if ENV['JWT_LEGACY']\n      warn 'x'\n    end\n"
    legacy = left.replace("      warn", textwrap.indent(KEYS, "  ") + "      warn")
    assert not _moved(repo, cli, {"BOTTOM": legacy}, {"TOP": KEYS, "BOTTOM": left})
    used = "    USED = ALGORITHM_KEYS.size\n"
    assert not _moved(repo, cli, {"TOP": KEYS + used}, {"TOP": used, "BOTTOM": KEYS})


@pytest.mark.parametrize("changed", [False, True])
def test_a_long_run_of_dropped_parentheses_is_read_whole(repo, cli, changed):
    """SPEED-22, REVIEW-E279: 1,500 calls whose parentheses are dropped (kept in place until
    the run is read, never deleted one by one) are formatting only; one changed argument in
    their middle still asks."""
    before = "".join(f"      check(payload, {n})\n" for n in range(1500))
    after = "".join(f"      check payload, {n}\n" for n in range(1500))
    if changed:
        after = after.replace("payload, 700\n", "payload, 701\n")
    assert _silent(repo, cli, before.rstrip("\n"), after.rstrip("\n")) is not changed
