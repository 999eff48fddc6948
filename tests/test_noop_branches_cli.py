"""REVIEW-E184 and REVIEW-E186 through the CLI on real repositories: `x = v` annotated as
`x: T = v` in one branch of an `if`/`else` (tinydb's 45b9609 asked five questions and the hook
warned), and an `or` chain regrouped by parentheses of the same operator (dateutil's parser):
no question, no `touched-requirement` warning. A field of a dataclass, another value, or an
`and`/`or` regrouping that changes what binds to what still asks."""

from __future__ import annotations

import pytest

from testing.util import noop_and_hook_agree, review_json

SPEC = """---
id: STORE
scope: [pkg/**]
---
# Store

## Context
- `save()` in `pkg/store.py` writes the rows and `pick()` chooses one.

## Requirements
- STORE-1: `save()` returns the `row_ids` it wrote; `pick()` returns `a`, `b` or `c`.

## Edge Cases
- STORE-E1: An empty `row_ids` list.
"""
BRANCHES = """from typing import List, Optional


# STORE-1
def save(rows):
    if rows:
        row_ids = [r["id"] for r in rows]
    else:
        row_ids = None
    return row_ids
"""
ANNOTATED = '        row_ids: Optional[List[int]] = [r["id"] for r in rows]\n'
PLAIN = '        row_ids = [r["id"] for r in rows]\n'


def _noop(repo, cli, base: str, after: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the review calls the change formatting only; then the hook agrees."""
    files = {"specs/store.md": SPEC, "pkg/store.py": base}
    return noop_and_hook_agree(repo, cli, files, "pkg/store.py", after, "typing")


def test_an_annotation_in_a_branch_is_no_change(repo, cli):
    """REVIEW-E184 (tinydb 45b9609): `row_ids = [...]` became `row_ids: Optional[List[int]] =
    [...]` in the `if` branch of `save()`, the `else` keeping `row_ids = None`; and both
    branches annotated."""
    assert _noop(repo, cli, BRANCHES, BRANCHES.replace(PLAIN, ANNOTATED))
    both = BRANCHES.replace(PLAIN, ANNOTATED).replace(
        "        row_ids = None", "        row_ids: Optional[List[int]] = None"
    )
    assert _noop(repo, cli, BRANCHES, both)


@pytest.mark.parametrize(
    ("base", "after"),
    [
        (BRANCHES, BRANCHES.replace(PLAIN, ANNOTATED.replace('r["id"]', 'r["key"]'))),
        (BRANCHES, BRANCHES.replace(PLAIN, ANNOTATED).replace("row_ids = None", "row_ids = []")),
        (BRANCHES, BRANCHES.replace(PLAIN, "        row_ids: Optional[List[int]]\n")),
        (BRANCHES, BRANCHES.replace(PLAIN, ANNOTATED.replace("row_ids:", "ids:"))),
    ],
)
def test_an_annotated_branch_that_assigns_otherwise_asks(repo, cli, base, after):
    """REVIEW-E184, adversarial: another value in either branch, an annotation with no value
    (it assigns nothing), another name: a change."""
    assert not _noop(repo, cli, base, after)


FIELDS = """import dataclasses
import os


# STORE-1
@dataclasses.dataclass
class Row:
    if os.name:
        row_ids = 1
    else:
        row_ids = 2
"""


def test_an_annotation_in_a_branch_of_a_dataclass_body_asks(repo, cli):
    """REVIEW-E184, adversarial: in a class body whose annotations are read, `row_ids: int =
    1` declares a field (the dataclass's `__init__` takes it): a change."""
    after = FIELDS.replace("        row_ids = 1", "        row_ids: int = 1")
    repo.commit("base", {"specs/store.md": SPEC, "pkg/store.py": FIELDS})
    repo.commit("field", {"pkg/store.py": after})
    assert review_json(cli, "HEAD", "--all")["noop_files"] == []


CHAIN = """# STORE-1
def pick(a, b, c):
    return {expression}
"""


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("a and not b or c == 'Z' or c == 'z'", "((a and not b) or (c == 'Z' or c == 'z'))"),
        ("a or b or c", "(a or b) or c"),
        ("a or b or c", "a or (b or c)"),
        ("a and b and c", "a and (b and c)"),
        ("(a or b) and c", "((a or b)) and (c)"),
    ],
)
def test_a_chain_of_one_operator_regrouped_is_no_change(repo, cli, before, after):
    """REVIEW-E186 (dateutil's parser, the trial's D8): `(a and not b or c == 'Z' or c ==
    'z')` parenthesised as `((a and not b) or (c == 'Z' or c == 'z'))` evaluates the same
    operands in the same order and stops at the same one."""
    base = CHAIN.format(expression=before)
    assert _noop(repo, cli, base, CHAIN.format(expression=after))


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("a and b or c", "a and (b or c)"),
        ("a or b and c", "(a or b) and c"),
        ("a or b or c", "a or c or b"),
        ("a or (b and c)", "a or b and c or c"),
    ],
)
def test_a_chain_regrouped_across_and_and_or_asks(repo, cli, before, after):
    """REVIEW-E186, adversarial: `a and b or c` is `(a and b) or c`; grouping `b or c` under
    the `and` changes what `c` is tried with; operands reordered or added are a change."""
    base = CHAIN.format(expression=before)
    assert not _noop(repo, cli, base, CHAIN.format(expression=after))
