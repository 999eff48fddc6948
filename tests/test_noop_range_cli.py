"""REVIEW-E256: `not (a <= x <= b)` is `a > x or x > b` when `x` is a plain number and not NaN:
the hunk asks once as REVIEW-E28's unsafe rewrites do, naming that check; every rewrite that
differs for plain numbers too, or evaluates something twice, is a change. Judged on source
pairs, then through the CLI on a real repository."""

from __future__ import annotations

from test_noop_unsure import one_line
from testing.util import review_json

NUMBER = "is a plain number and not NaN"


def test_a_range_negated_is_the_two_comparisons_outside_it_for_a_number() -> None:
    """REVIEW-E256 (dbader/schedule efca40f): `0 > hour or hour > 23` written
    `not (0 <= hour <= 23)`, both ways, `<` with `>=`, negative bounds and floats."""
    assert one_line("0 > hour or hour > 23", "not (0 <= hour <= 23)") == (("hour", NUMBER),)
    assert one_line("not (0 <= hour <= 23)", "0 > hour or hour > 23") == (("hour", NUMBER),)
    assert one_line("0 >= m or m >= 60", "not (0 < m < 60)") == (("m", NUMBER),)
    assert one_line("-1.5 > x or x > 2", "not (-1.5 <= x <= 2)") == (("x", NUMBER),)


def test_a_range_rewrite_that_differs_for_numbers_is_a_change() -> None:
    """REVIEW-E256, adversarial: the same-looking rewrites that change what a number gives
    (another bound, `<` for `<=`, `and` for `or`, the comparisons not negated), that evaluate
    a call or an attribute twice, or whose bounds are names (values of any class) ask."""
    old = "0 > hour or hour > 23"
    assert one_line(old, "not (0 <= hour < 24)") is None  # 23.5
    assert one_line(old, "not (0 < hour <= 23)") is None  # 0
    assert one_line("0 > hour and hour > 23", "not (0 <= hour <= 23)") is None
    assert one_line(old, "0 <= hour <= 23") is None
    assert one_line(old, "not (0 <= hour or hour <= 23)") is None
    assert one_line("0 > h() or h() > 23", "not (0 <= h() <= 23)") is None
    assert one_line("0 > t.hour or t.hour > 23", "not (0 <= t.hour <= 23)") is None
    assert one_line("lo > hour or hour > hi", "not (lo <= hour <= hi)") is None
    assert one_line("False > x or x > True", "not (False <= x <= True)") is None
    assert one_line(old, "hour < 0 or hour > 23") is None  # not read yet: it asks


SPEC = """---
id: SCHED
scope: [sched.py]
---
# Scheduling

## Requirements
- SCHED-1: `at()` refuses an `hour` outside 0 to 23 with `ScheduleValueError`.
- SCHED-2: `every()` makes a job that runs each `interval` units.
"""

PADDING = "".join(f"    step{n} = {n}\n" for n in range(8))

SOURCE = f"""class ScheduleValueError(ValueError):
    pass


def at(hour):
    if 0 > hour or hour > 23:
        raise ScheduleValueError("Invalid hour")
    return hour


def every(interval):
{PADDING}    return interval
"""


def test_a_range_rewrite_asks_once_naming_the_check_through_the_cli(repo, cli):
    """REVIEW-E256 through the CLI: the rewrite alone asks once, saying what it takes for
    granted; REVIEW-E255 ranks it below a real change beside it."""
    repo.commit("base", {"specs/sched.md": SPEC, "sched.py": SOURCE})
    rewritten = SOURCE.replace("if 0 > hour or hour > 23:", "if not (0 <= hour <= 23):")
    repo.commit("Functionally the same", {"sched.py": rewritten})
    questions = review_json(cli, "HEAD", "--all")["questions"]
    assert len(questions) == 1
    assert questions[0]["assumes"] == [{"value": "hour", "expects": NUMBER}]
    assert "It changes nothing if `hour` is a plain number and not NaN" in cli("review", "HEAD").out

    both = rewritten.replace("    return interval\n", "    return interval * 60\n")
    repo.commit("and minutes", {"sched.py": both})
    questions = review_json(cli, "HEAD")["questions"]
    assert questions[0]["statement"]["id"] == "SCHED-2" and "assumes" not in questions[0]
    assert all("assumes" in q for q in questions[1:])
