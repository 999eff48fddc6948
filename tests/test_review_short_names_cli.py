"""REVIEW-E244: a method too short to be a name in a hunk's text (`at`, `do`, `to`) is still
the one a statement opening with `at()` speaks of. Real repositories, through the CLI."""

from __future__ import annotations

from testing.util import review_json

CLOCK_SPEC = """---
id: CLK
scope:
  - lib/**
---
# Clock

## Context
- The job builder lives in `lib/clock.py`.

## Requirements
- CLK-1: `at()` accepts a time string and stores it.
- CLK-2: `every()` sets the interval of the job.
- CLK-3: A daily job with `at()` runs at that time of day.

## Edge Cases
- CLK-E1: `at()` with a malformed time string.
"""

CLOCK = """class Job:
    def {name}(self, s):
        self.when = s
        return self

    def every(self, n):
        self.interval = n
        return self
"""


def _asked(repo, cli, name: str = "at", spec: str = CLOCK_SPEC) -> list[str]:
    repo.commit("base", {"specs/clock.md": spec, "lib/clock.py": CLOCK.format(name=name)})
    changed = CLOCK.format(name=name).replace("self.when = s\n", "self.when = s.strip()\n")
    repo.commit("at: strip the time", {"lib/clock.py": changed})
    return [q["statement"]["id"] for q in review_json(cli, "HEAD")["questions"]]


def test_a_change_inside_a_two_letter_method_asks_what_opens_with_its_call(repo, cli):
    """REVIEW-E244: schedule's 245728b and 4a3b1a4 changed `Job.at()` and asked nothing of the
    statements opening with `at()`: `at` is too short (and a stop word) to be a name. The
    method the hunk lies inside is what CLK-1 and CLK-E1 speak of; CLK-3 only mentions it."""
    asked = _asked(repo, cli)
    assert {"CLK-1", "CLK-E1"} <= set(asked)
    assert "CLK-3" not in asked and "CLK-2" not in asked


def test_a_qualified_short_call_needs_its_own_class(repo, cli):
    """REVIEW-E244: `Timer.at()` opening a statement is no question for a hunk inside
    `Job.at`: another class's method of the same short name."""
    spec = CLOCK_SPEC.replace("CLK-1: `at()`", "CLK-1: `Timer.at()`")
    spec = spec.replace("CLK-E1: `at()`", "CLK-E1: `Timer.at()`")
    assert _asked(repo, cli, spec=spec) == []


def test_a_short_name_in_the_hunks_text_is_still_no_name(repo, cli):
    """REVIEW-E244 is about the definition around the hunk only: a hunk inside `every` that
    writes `at` as a local variable asks nothing of the statements opening with `at()`."""
    repo.commit("base", {"specs/clock.md": CLOCK_SPEC, "lib/clock.py": CLOCK.format(name="at")})
    changed = CLOCK.format(name="at").replace(
        "self.interval = n\n", "at = n\n        self.interval = at\n"
    )
    repo.commit("every: local", {"lib/clock.py": changed})
    asked = [q["statement"]["id"] for q in review_json(cli, "HEAD")["questions"]]
    assert "CLK-1" not in asked and "CLK-E1" not in asked
