"""REVIEW-E159: a backticked operator names the Python methods that implement it, through the
CLI on real repositories (the tomlkit trial's 0c2c30d: `|=` on a document)."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: MAP
scope: [pkg/**]
---
# Maps

## Context
- `CustomDict` is a dict.

## Requirements
- MAP-1: A document behaves as a dict: `d[k]`, `|`, `|=` and `update()`.
- MAP-2: Two versions compare with `<` by their numbers.
"""
BASE = 'class CustomDict(dict):\n    """A dict."""\n'
MERGED = '''class CustomDict(dict):
    """A dict."""

    def __or__(self, other):
        new_dict = self.copy()
        new_dict.update(other)
        return new_dict

    def __ior__(self, other):
        self.update(other)
        return self
'''


def asked(cli) -> set[str]:  # type: ignore[no-untyped-def]
    return {q["statement"].get("id") for q in review_json(cli, "HEAD", "--all")["questions"]}


def test_a_method_that_implements_an_operator_asks_the_statement_naming_it(repo, cli):
    """REVIEW-E159: `__or__` and `__ior__` added to the document's dict implement `|` and `|=`:
    MAP-1 is asked (tomlkit's 0c2c30d asked nothing of it); `<` is `__lt__`, not `__or__`."""
    repo.commit("base", {"specs/map.md": SPEC, "pkg/t.py": BASE})
    repo.commit("fix: |= does not work as expected on the document", {"pkg/t.py": MERGED})
    assert "MAP-1" in asked(cli) and "MAP-2" not in asked(cli)
    ordered = MERGED.replace("__or__", "__lt__").replace("__ior__", "__le__")
    repo.commit("compare", {"pkg/t.py": ordered.replace("new_dict.update", "new_dict.merge")})
    assert "MAP-2" in asked(cli)


def test_an_operator_method_outside_the_scope_asks_nothing(repo, cli):
    """REVIEW-E159: in the scope of the statement's spec only: another package's `__or__` is
    another type's operator."""
    repo.commit("base", {"specs/map.md": SPEC, "pkg/t.py": BASE, "other/t.py": BASE})
    repo.commit("other", {"other/t.py": MERGED})
    assert "MAP-1" not in asked(cli)
