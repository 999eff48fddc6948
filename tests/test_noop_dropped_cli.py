"""REVIEW-E355 through the CLI on real repositories (python-semver 1c8fc74: the unused
`_to_dict()` removed). A private top-level function removed whole, that no file of the
resulting tree spells, is no change; one still called elsewhere, one whose `def` runs code
(a decorator, a default that calls), or a public one still asks."""

from __future__ import annotations

import pytest

from testing.util import review_json

SPEC = """---
id: VER
scope:
  - pkg/**
---
# Versions

## Context
- `parse()`, `to_dict()` and `_to_dict()` read a version into its parts.

## Requirements
- VER-1: `parse()` splits a version into major, minor and patch.
"""
PARSE = "def parse(text):\n    return tuple(int(p) for p in text.split('.'))\n"
HELPER = (
    "\n\nDEF\n    if isinstance(obj, tuple):\n        return dict(enumerate(obj))\n    return obj\n"
)
FILLER = "".join(f"\n\ndef filler_{n}():\n    return {n}\n" for n in range(4))


def module(helper: str = "def _to_dict(obj):", extra: str = "") -> str:
    return f"{PARSE}{HELPER.replace('DEF', helper) if helper else ''}{FILLER}{extra}"


def test_an_unused_private_function_removed_asks_nothing(repo, cli):
    """REVIEW-E355 (semver 1c8fc74): nothing spells `_to_dict` any more: no question."""
    repo.commit("base", {"specs/ver.md": SPEC, "pkg/ver.py": module()})
    repo.commit("Remove _to_dict()", {"pkg/ver.py": module(helper="")})
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] == []
    assert data["noop_files"] == ["pkg/ver.py"]


# REVIEW-E355: the nearest removals that do change what runs or what others can call
USE = "from pkg.ver import _to_dict\n\nprint(_to_dict((1, 2)))\n"
CHANGES = {
    "called by a file the change leaves": ("def _to_dict(obj):", {"pkg/use.py": USE}),
    "spelled in a string": ("def _to_dict(obj):", {"pkg/names.py": 'HOOK = "_to_dict"\n'}),
    "a decorator registers it": ("@register\ndef _to_dict(obj):", {}),
    "a default that calls": ("def _to_dict(obj, seen=set()):", {}),
    "a public function": ("def to_dict(obj):", {}),
}


@pytest.mark.parametrize("case", sorted(CHANGES))
def test_a_removal_that_changes_what_runs_still_asks(repo, cli, case):
    """REVIEW-E355: a use left (in a file, or a string: `getattr(mod, "_to_dict")`), a `def`
    that runs code (a decorator, a call in a default), or a public name: still a change."""
    helper, others = CHANGES[case]
    register = "def register(f):\n    return f\n\n\n" if "@" in helper else ""
    repo.commit("base", {"specs/ver.md": SPEC, "pkg/ver.py": register + module(helper), **others})
    repo.commit("Remove the helper", {"pkg/ver.py": register + module(helper="")})
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] != []


DISPATCH = "\n\ndef convert(obj, kind):\n    return globals()['_to_' + kind](obj)\n"


def test_a_removed_function_the_module_calls_by_a_built_name_still_asks(repo, cli):
    """REVIEW-E355: `globals()['_to_' + kind]` calls `_to_dict` without spelling it: removed,
    `convert(obj, 'dict')` now fails, so the removal asks."""
    repo.commit("base", {"specs/ver.md": SPEC, "pkg/ver.py": module(extra=DISPATCH)})
    repo.commit("Remove _to_dict()", {"pkg/ver.py": module(helper="", extra=DISPATCH)})
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] != []


GETATTR = (
    "from pkg import ver\n\n\ndef convert(obj, kind):\n"
    "    return getattr(ver, '_to_' + kind)(obj)\n"
)


def test_a_removed_function_another_module_gets_by_a_built_name_still_asks(repo, cli):
    """REVIEW-E377: `getattr(ver, '_to_' + kind)` in another module calls `_to_dict` without
    spelling it: removed, `convert(obj, 'dict')` now fails, so the removal asks."""
    repo.commit("base", {"specs/ver.md": SPEC, "pkg/ver.py": module(), "pkg/use.py": GETATTR})
    repo.commit("Remove _to_dict()", {"pkg/ver.py": module(helper="")})
    data = review_json(cli, "HEAD", "--all")
    assert data["noop_files"] == []
    assert data["questions"] != []
