"""The adversarial review of REVIEW-E127, through the CLI on a real repository: JavaScript's
keywords are no names in every language, but a statement that calls one (`infer()`, a Python
function) names it (REVIEW-E133)."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: T
scope: [lib/**]
---
# Types

## Context
- Values are lists.

## Requirements
- T-1: `{name}()` returns the narrowest dtype that holds every value.
- T-2: `widen()` never loses precision.
"""
SOURCE = """def {name}(values):
    kinds = set(type(v) for v in values)
    if kinds == {{int}}:
        return "int64"
    return "object"


def widen(kind):
    return "float64" if kind == "int64" else kind
"""


def asked_when_widened(repo, cli, name: str) -> set[str]:  # type: ignore[no-untyped-def]
    """The statements asked when a hunk inside the function `name` widens what it returns."""
    repo.commit(f"base {name}", {"specs/t.md": SPEC.format(name=name), "lib/types.py": ""})
    repo.commit(f"add {name}", {"lib/types.py": SOURCE.format(name=name)})
    widened = 'return "float64" if kinds <= {int, float} else "object"'
    changed = SOURCE.format(name=name).replace('return "object"', widened)
    repo.commit(f"widen {name}", {"lib/types.py": changed})
    return {q["statement"].get("id") for q in review_json(cli, "HEAD", "--all")["questions"]}


def test_a_python_function_named_like_a_javascript_keyword_asks_its_requirement(repo, cli):
    """REVIEW-E133: a hunk inside Python's `def infer(values):` (or `switch`, `string`) asked
    nothing of T-1, which names `infer()`: REVIEW-E127 made the word no name anywhere."""
    for name in ("infer", "switch", "string"):
        assert "T-1" in asked_when_widened(repo, cli, name), name


def test_a_python_function_named_like_a_java_type_asks_its_requirement(repo, cli):
    """REVIEW-E157: tomlkit's public `boolean()` (3687d0d) asked nothing of the statement naming
    it: Java's and C's primitive types and keywords (REVIEW-E78) are names when called, in every
    language, as JavaScript's are."""
    for name in ("boolean", "double", "null", "long"):
        assert "T-1" in asked_when_widened(repo, cli, name), name
