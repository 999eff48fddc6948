"""REVIEW-E379 through the CLI on real repositories: a type variable, a `NewType` and a type
alias name a type for the checker and write nothing (this repository's review of `85e5b26..`:
`Value = TypeVar("Value")` in src/specflow/review.py was "writes `Value`" and asked
REVIEW-E324, which names cobra's `flag.Value`)."""

from __future__ import annotations

import sys

import pytest

from testing.util import review_json

SPEC = """---
id: FLAG
scope: [pkg/**]
---
# Flags

## Requirements
- FLAG-1: `flag.Value` holds the parsed value of a flag.
"""
BASE = "import typing\n\n\ndef parse(text):\n    return text\n"


def _acts(repo, cli, declared: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """The acts of the questions of a commit that adds `declared` and a constant under it."""
    repo.commit("base", {"specs/flag.md": SPEC, "pkg/flag.py": BASE})
    after = BASE.replace("\n\n\n", f"\n\n{declared}\nLIMIT = 10\n\n\n", 1)
    repo.commit("change", {"pkg/flag.py": after})
    questions = review_json(cli, "HEAD", "--all")["questions"]
    return [(act["verb"], act["name"]) for q in questions for act in q["acts"]]


@pytest.mark.parametrize(
    "declared",
    [
        'Value = typing.TypeVar("Value")',
        'Value = TypeVar("Value", bound=int)',
        'Value = typing.ParamSpec("Value")',
        'Value = TypeVarTuple("Value")',
        'Value = typing.NewType("Value", int)',
        "Value: typing.TypeAlias = int",
        "Value: TypeAlias = 'int | None'",
    ],
)
def test_a_type_the_checker_reads_is_no_write(repo, cli, declared: str) -> None:
    """REVIEW-E379: the hunk writes `LIMIT`, not `Value`."""
    acts = _acts(repo, cli, declared)
    assert ("writes", "LIMIT") in acts
    assert ("writes", "Value") not in acts


@pytest.mark.parametrize("declared", ["Value = make_value()", "Value = 3"])
def test_a_value_is_still_a_write(repo, cli, declared: str) -> None:
    """REVIEW-E379 keeps a value's write: `Value = make_value()` and `Value = 3` write it."""
    assert ("writes", "Value") in _acts(repo, cli, declared)


def test_a_type_statement_is_no_write_and_no_crash(repo, cli) -> None:
    """REVIEW-E379: PEP 695's `type Value = int` writes nothing; a Python that cannot parse
    it (before 3.12) reviews the change all the same."""
    acts = _acts(repo, cli, "type Value = int")
    assert ("writes", "Value") not in acts
    if sys.version_info >= (3, 12):
        assert ("writes", "LIMIT") in acts
