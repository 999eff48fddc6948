"""The pure functions' side of test_pinned.py: boundaries and escapes no test pinned down until
the code was mutated; each test fails on its mutant."""

from __future__ import annotations

from specflow import heading, judged, linear, losses
from specflow.ids import find_references_with_ranges
from specflow.lint import lint
from specflow.output.escape import cap, md_code_span
from specflow.refs import Reference
from specflow.sources.markdown import parse_spec
from specflow.specset import SpecSet


def test_a_range_of_exactly_max_range_ids_expands():
    """CHECK-19 (ids.py MAX_RANGE): `SIGN-1..201` spans 200 more IDs, the most allowed."""
    found = list(find_references_with_ranges("Implements SIGN-1..201", frozenset({"SIGN"})))
    assert len(found) == 201 and found[-1] == "SIGN-201"


def test_exactly_four_places_have_no_and_0_more():
    """CHECK-15 message (losses.py _places)."""
    refs = [Reference("A-1", f"src/{n}.py", 1, "implements") for n in range(4)]
    assert losses._places(refs) == "src/0.py:1, src/1.py:1, src/2.py:1, src/3.py:1"


def test_a_reference_exactly_block_lines_above_heads_the_hunk():
    """CHECK-21 (heading.py heading_lines): at most BLOCK_LINES above, inclusive."""
    ref = Reference("A-1", "src/a.py", 1, "implements")
    assert heading.heading_lines([ref], 1 + heading.BLOCK_LINES, 1 + heading.BLOCK_LINES) == [ref]


def test_half_a_pre_commit_span_is_no_span():
    """HOOK-9 (judged.py pre_commit_span): both ends or nothing."""
    assert judged.pre_commit_span({"PRE_COMMIT_FROM_REF": "abc"}) is None
    assert judged.pre_commit_span({"PRE_COMMIT_TO_REF": "abc"}) is None


def test_text_of_exactly_the_limit_is_not_cut():
    """COMMENT-3 (escape.py cap)."""
    assert cap("x" * 300) == "x" * 300


def test_a_code_span_ending_in_a_backtick_is_padded():
    """COMMENT-3 (escape.py md_code_span): "a`" must not close its fence early."""
    assert md_code_span("a`") == "`` a` ``"


def test_an_unsupported_pattern_prints_nothing(capfd):
    """CHECK-12 (linear.py _options): RE2's own error log stays off; the finding says it."""
    assert linear.problem("(?<=a)b") is not None
    assert linear.unsupported("(?<=a)c") is not None
    assert capfd.readouterr().err == ""


CLEAN = """---
id: RESET
status: active
---
# Reset

## Context
- c.

## Requirements
- RESET-1: one.

## Edge Cases
- RESET-E1: e.
"""


def test_a_comma_without_braces_gets_no_brace_hint():
    """LINT-E7 (lint.py _unmatched_scope): the hint is for `{a,b}` only."""
    text = CLEAN.replace("status: active", 'status: active\nscope:\n  - "src/a,b/**"')
    specs = SpecSet([parse_spec("specs/reset.md", text)])
    (found,) = [f for f in lint(specs, ["src/x.py"]) if f.rule == "unmatched-scope"]
    assert "braces" not in found.message, found.message


def test_an_item_named_like_its_own_spec_is_a_wrong_prefix_only():
    """LINT-E6 (lint.py _duplicate_spec_ids): a spec id that is a requirement ID of *another*
    spec; its own misnumbered item is `wrong-prefix`, not also `duplicate-spec-id`."""
    text = (
        "---\nid: PHASE-2\n---\n# P\n\n## Context\n- c.\n\n## Requirements\n- PHASE-2: x.\n"
        "- PHASE-2-1: y.\n\n## Edge Cases\n- PHASE-2-E1: e.\n"
    )
    rules = [f.rule for f in lint(SpecSet([parse_spec("specs/phase-2.md", text)]))]
    assert rules == ["wrong-prefix"], rules


def test_an_edge_case_range_may_abbreviate_its_end():
    """CHECK-19 (ids.py find_references_with_ranges): `SIGN-E1..3` is SIGN-E1..SIGN-E3."""
    found = list(find_references_with_ranges("Covers SIGN-E1..3", frozenset({"SIGN"})))
    assert found == ["SIGN-E1", "SIGN-E2", "SIGN-E3"], found


def test_a_next_page_over_plain_http_is_another_origin():
    """COMMENT-8 (forges/post.py _origin): a Link header that downgrades https to http on the
    same host must not be followed with the token."""
    from specflow.forges import post

    assert post._origin("http://api.github.com/x") != post._origin("https://api.github.com/x")


def test_overflow_lines_carry_no_control_characters():
    """CHECK-8, COMMENT-11 (output/github.py _overflow): the 11th error is a plain log line,
    and like every annotation it carries no terminal escape."""
    from specflow.model import Finding, Severity
    from specflow.output.github import github

    found = [
        Finding("dangling-reference", Severity.error, f"src/{n}.py", 1, "bad \x1b[2J id")
        for n in range(11)
    ]
    out = github(found, token="t0k")
    assert "\x1b" not in out, out
