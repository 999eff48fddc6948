"""The attrs and urllib3 new-user trials' review defects, through the CLI on real repositories:
a change inside `optional()` that asked nothing of the requirement and the edge case naming
it once another spec named its own `optional()` (REVIEW-E134)."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

VALID_SPEC = """---
id: VALID
scope: [lib/validators.py]
---
# Validators

## Context
- Validators raise on a bad value and return nothing otherwise.

## Requirements
- VALID-2: `optional(v)` accepts `None` without calling `v`, and otherwise calls `v`.
{more}
## Edge Cases
- VALID-E2: `optional()` given a list of validators instead of one.
"""
CONV_SPEC = """---
id: CONV
scope: [lib/converters.py]
---
# Converters

## Context
- `optional()` returns the closure `optional_converter`.

## Requirements
- CONV-1: `optional(c)` returns `None` for `None` without calling `c`.

## Edge Cases
- CONV-E1: `optional()` wrapping a converter without annotations.
"""
VALIDATORS = """def optional(validator):
    if isinstance(validator, list):
        return _Optional(_And(validator))
    return _Optional(validator)
"""
CONVERTERS = """def optional(converter):
    def optional_converter(val):
        if val is None:
            return None
        return converter(val)

    return optional_converter
"""


def _questions(data: dict[str, Any]) -> dict[str, str]:
    return {q["statement"].get("id") or "": q["evidence"]["kind"] for q in data["questions"]}


# attrs' own modules say "optional", "validator" and "list" everywhere: no shared word is rare
COMMON = "def check_{0}(optional_validator, value):\n    return isinstance(value, (list, tuple))\n"


def _optional_takes_tuples(repo, cli, more: str = "") -> dict[str, str]:
    specs = {"specs/valid.md": VALID_SPEC.format(more=more), "specs/conv.md": CONV_SPEC}
    code = {"lib/validators.py": VALIDATORS, "lib/converters.py": CONVERTERS}
    code |= {f"lib/m{n}.py": COMMON.format(n) for n in range(30)}
    repo.commit("base", {**specs, **code})
    changed = VALIDATORS.replace("(validator, list)", "(validator, (list, tuple))")
    repo.commit("Accept tuples in optional", {"lib/validators.py": changed})
    return _questions(review_json(cli, "HEAD", "--all"))


def test_a_change_inside_optional_asks_its_requirement_and_edge_case(repo, cli):
    """REVIEW-E134: attrs `7d55876` made `validators.optional()` accept tuples and asked
    nothing: VALID-2 (`optional(v)`), VALID-E2 and the converters spec's three statements
    naming its own `optional()` were six statements naming one name, each too unspecific to
    be asked. A requirement and the edge case of the same function are no rivals, and another
    spec's `optional()` is another file's function: both are asked, the converters' are not."""
    found = _optional_takes_tuples(repo, cli)
    assert found.get("VALID-2") == "enclosing" and found.get("VALID-E2") == "enclosing"
    assert not {"CONV-1", "CONV-E1"} & set(found)


def test_two_requirements_of_the_governing_spec_still_need_a_shared_word(repo, cli):
    """REVIEW-E134 keeps REVIEW-E130: two requirements naming `optional()` in the spec that
    governs the file are rivals, and the hunk alone does not say which one it concerns."""
    more = "- VALID-3: `optional()` keeps the validator it wraps.\n"
    found = _optional_takes_tuples(repo, cli, more)
    assert "VALID-2" not in found and "VALID-3" not in found
    assert found.get("VALID-E2") == "enclosing"
