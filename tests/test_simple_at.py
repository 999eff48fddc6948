"""SPEED-23: the simple statement holding a line, found by bisection, is the one a plain
reading of every statement finds (REVIEW-E334's and pyconditions' reading)."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from specflow.languages.pyargs import simple_at
from specflow.languages.pyshape import BLOCKS

SOURCE = """\
import os; import sys
def f(a):
    try:
        x = g(
            a,
        )
    except ValueError:
        y = 1; z = 2
    else:
        w = 3
    finally:
        v = 4
    match a:
        case [1, 2]:
            q = 5
        case _:
            pass
    with open(a) as handle:
        for line in handle:
            if line:
                r = line
            else:
                r = None
    while False:
        break
    else:
        s = 6
class C:
    attribute = h(
        1,
    )
    def m(self):
        return self
"""


def plain(body: Sequence[ast.stmt], line: int) -> ast.stmt | None:
    """The definition read literally: every statement of every block, in any order."""
    for statement in body:
        if not statement.lineno <= line <= (statement.end_lineno or statement.lineno):
            continue
        inner = [s for field in BLOCKS for s in getattr(statement, field, None) or ()]
        if not inner:
            return statement
        handlers_and_cases = (
            s for item in inner if not isinstance(item, ast.stmt) for s in item.body
        )
        return plain([*(s for s in inner if isinstance(s, ast.stmt)), *handlers_and_cases], line)
    return None


def test_every_line_finds_the_statement_a_plain_reading_finds():
    tree = ast.parse(SOURCE)
    found = {line: simple_at(tree.body, line) for line in range(0, SOURCE.count("\n") + 3)}
    assert found == {line: plain(tree.body, line) for line in found}
    assert isinstance(found[5], ast.Assign) and found[5].lineno == 4  # an argument's line
    assert found[8] is not None and ast.unparse(found[8]) == "y = 1"  # `y = 1; z = 2`: the first
    assert found[12] is not None and ast.unparse(found[12]) == "v = 4"  # `finally`'s, after else
    assert found[3] is found[11] is found[14] is None  # `try:`, `finally:`, a case's pattern


def test_a_function_of_thousands_of_statements():
    """The shape that took 75 s at 9,000 statements (each line re-gathered the body): every
    line still finds its own statement."""
    count = 4000
    source = "def f():\n    try:\n" + "".join(f"        x{n} = g({n})\n" for n in range(count))
    tree = ast.parse(source + "    finally:\n        pass\n")
    found = [simple_at(tree.body, line) for line in range(3, count + 3)]
    assert [statement.lineno if statement else 0 for statement in found] == list(
        range(3, count + 3)
    )
