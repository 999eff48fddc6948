"""REVIEW-E211 through the CLI on real repositories (the multidict trial's 9850454c): a
`global` declaration of a name the function never binds changes nothing, and removing it is
no change; one the function binds, or one in a function another encloses, still asks. Each
unsafe case is run on both sides with CPython to show the difference."""

from __future__ import annotations

import pytest

from testing.util import review_json

SPEC = """---
id: VER
scope:
  - v.py
---
# Versions

## Context
- `incr_version()` takes the next value of the module-wide counter `_version`.

## Requirements
- VER-1: Every change increments the version.
"""
FILLER = "".join(f"\n\ndef filler_{n}():\n    return {n}\n" for n in range(4))


def module(function: str) -> str:
    return f'from array import array\n\n_version = array("Q", [0])\n{FILLER}\n\n{function}'


NEEDLESS = """class Impl:
    def incr_version(self):
        global _version
        v = _version
        v[0] += 1
        self._version = v[0]
        return self._version
"""


def test_a_needless_global_removed_asks_nothing(repo, cli):
    """REVIEW-E211 (multidict 9850454c): `global _version` dropped from a method that only
    reads the name (and writes into the array it holds): no question, a no-op file."""
    repo.commit("base", {"specs/ver.md": SPEC, "v.py": module(NEEDLESS)})
    repo.commit(
        "drop needless global", {"v.py": module(NEEDLESS.replace("global _version\n        ", ""))}
    )
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] == []
    assert data["noop_files"] == ["v.py"]


# REVIEW-E211: each function whose `global _version` does something, called as `probe()`
UNSAFE = {
    "assigned": "def probe():\n    global _version\n    _version = 5\n    return _version\n",
    "augmented": "def probe():\n    global _version\n    _version += [1]\n    return _version\n",
    "deleted": "def probe():\n    global _version\n    del _version\n    return 0\n",
    "a loop's target": (
        "def probe():\n    global _version\n    for _version in (7,):\n        pass\n    return 1\n"
    ),
    "imported": "def probe():\n    global _version\n    import os as _version\n    return 2\n",
    "a nested function defines it": (
        "def probe():\n    global _version\n    def _version():\n        return 3\n    return 4\n"
    ),
    "a function encloses it": (
        "def probe():\n    _version = 'local'\n\n    def inner():\n        global _version\n"
        "        return _version\n\n    return inner()\n"
    ),
    "a method of a class in a function": (
        "def probe():\n    _version = 'local'\n\n    class C:\n        def m(self):\n"
        "            global _version\n            return _version\n\n    return C().m()\n"
    ),
}


def without_global(function: str) -> str:
    return "\n".join(line for line in function.split("\n") if "global _version" not in line)


def run(source: str) -> str:
    namespace: dict[str, object] = {}
    try:
        exec(compile(source, "<probe>", "exec", dont_inherit=True), namespace)
        result = namespace["probe"]()  # type: ignore[operator]
    except Exception as error:
        return type(error).__name__
    return repr((result, namespace.get("_version")))


@pytest.mark.parametrize("case", sorted(UNSAFE))
def test_each_needed_global_runs_differently(case: str) -> None:
    # REVIEW-E211: the proof that removing it must stay a change
    assert run(module(UNSAFE[case])) != run(module(without_global(UNSAFE[case])))


@pytest.mark.parametrize("case", sorted(UNSAFE))
def test_a_needed_global_removed_still_asks(repo, cli, case: str) -> None:
    """REVIEW-E211: the same-looking removal where the declaration does something is no no-op."""
    repo.commit("base", {"specs/ver.md": SPEC, "v.py": module(UNSAFE[case])})
    repo.commit("drop global", {"v.py": module(without_global(UNSAFE[case]))})
    assert review_json(cli, "HEAD", "--all")["noop_files"] == []
