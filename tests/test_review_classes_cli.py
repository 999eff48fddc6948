"""REVIEW-E202: a class a requirement names is what it rules, as a function it calls is,
through the CLI on real repositories (the cbor2 trial: a change inside `Simple`, which a
Context line, a requirement and an edge case name, asked nothing once `value` was common)."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: TY
scope: [pkg/types.py]
---
# Types

## Context
- `Simple` wraps an integer 0..255 and compares equal to a plain `int`.

## Requirements
- TY-1: `Simple` accepts only 0..255 and equals an `int` of the same value.
- TY-2: `Tagged` keeps its tag and its value.

## Edge Cases
- TY-E1: `Simple` at the boundaries -1, 0, 255, 256.
"""
TYPES = """class Simple(tuple):
    def __new__(cls, value):
        if value < 0 or value > 255:
            raise TypeError("out of range")
        return super().__new__(cls, value)


class Tagged:
    def __init__(self, tag, value):
        self.tag = tag
        self.value = value
"""


def _users(count: int) -> dict[str, str]:
    """`count` modules that read `.value`: the word is common in the tree."""
    return {
        f"pkg/use{i}.py": "from pkg.types import Simple\n\n\n"
        f"def use{i}(x):\n    return Simple(x.value) if isinstance(x, Simple) else Simple({i})\n"
        for i in range(count)
    }


def asked(cli) -> set[str]:  # type: ignore[no-untyped-def]
    questions = review_json(cli, "HEAD", "--all")["questions"]
    return {q["statement"].get("id") or "context" for q in questions}


def test_a_change_inside_a_class_a_requirement_names_asks_it(repo, cli):
    """REVIEW-E202 (cbor2 0eb365b, 49b0452): the Context line and the edge case naming
    `Simple` are no rivals of the requirement naming it; TY-1 is asked, TY-2 (`Tagged`) not."""
    repo.commit("base", {"specs/types.md": SPEC, "pkg/types.py": TYPES, **_users(8)})
    rejected = TYPES.replace("value > 255:", "value > 255 or 23 < value < 32:")
    repo.commit("reject 24..31", {"pkg/types.py": rejected})
    found = asked(cli)
    assert "TY-1" in found and "TY-2" not in found


def test_two_requirements_naming_the_class_are_still_rivals(repo, cli):
    """REVIEW-E202, adversarial: two requirements naming `Simple` are rivals, as two naming a
    function are (REVIEW-E130): neither is asked by lying inside it alone."""
    spec = SPEC.replace("`Tagged` keeps its tag", "`Simple` keeps its tag")
    repo.commit("base", {"specs/types.md": spec, "pkg/types.py": TYPES, **_users(8)})
    rejected = TYPES.replace("value > 255:", "value > 255 or 23 < value < 32:")
    repo.commit("reject 24..31", {"pkg/types.py": rejected})
    assert not {"TY-1", "TY-2"} & asked(cli)
