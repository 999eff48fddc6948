"""CHECK-E59 through the CLI on real repositories (the multidict trial: `_Impl.__sizeof__`
under `if sys.implementation.name != "pypy":`): a `# ID` above one method heads that method
only, not the next one defined under a class-level `if`; a reference above the `if` itself
still heads what the `if` holds, and a change of the headed method still warns."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: VER
scope:
  - v.py
---
# Versions

## Context
- Entries live in a list.

## Requirements
- VER-1: Every change increments the version.
- VER-2: `pop()` removes the first entry.
- VER-3: The size counts the entries.
"""
CODE = """import sys


class Impl:
    def __init__(self):
        self._items = []
        self._version = 0

    # VER-1
    def incr_version(self):
        self._version += 1

    if sys.implementation.name != "pypy":

        def __sizeof__(self):
            return len(self._items)


class Dict:
    def __init__(self):
        self._impl = Impl()

    # VER-2
    def pop(self):
        i = self._impl._items.pop(0)
        self._impl.incr_version()
        return i
"""


def asked(cli) -> set[str]:
    return {q["statement"].get("id") for q in review_json(cli, "HEAD", "--all")["questions"]}


def test_a_reference_does_not_reach_a_method_under_a_class_level_if(repo, cli):
    """CHECK-E59 (multidict trial, popitem under MUTATE-6 asked MUTATE-7 of `incr_version`):
    a write of `_items`, which `__sizeof__` under the `if` reads, asks VER-2 only; changing
    `__sizeof__` itself warns of no requirement."""
    repo.commit("base", {"specs/ver.md": SPEC, "v.py": CODE})
    repo.commit("pop the last entry", {"v.py": CODE.replace("pop(0)", "pop()")})
    assert asked(cli) == {"VER-2"}
    repo.stage({"v.py": CODE.replace("return len(self._items)", "return 8 * len(self._items)")})
    assert "VER-1" not in cli("check", "--staged").out


def test_the_headed_method_and_a_reference_above_the_if_still_head(repo, cli):
    """CHECK-E59, adversarial: a change of `incr_version` itself still warns of VER-1, and a
    reference right above the class-level `if` heads the method it holds."""
    repo.commit("base", {"specs/ver.md": SPEC, "v.py": CODE})
    repo.stage({"v.py": CODE.replace("self._version += 1", "self._version += 2")})
    assert "touches the code of VER-1" in cli("check", "--staged").out
    headed = CODE.replace("    if sys.implementation", "    # VER-3\n    if sys.implementation")
    repo.commit("reference the size", {"v.py": headed})
    repo.stage({"v.py": headed.replace("return len(self._items)", "return 8 * len(self._items)")})
    assert "touches the code of VER-3" in cli("check", "--staged").out
