"""REVIEW-E210 through the CLI on real repositories (the multidict trial's 0825adb1): a
module's type alias rewritten `Union[A, B, None]` -> `A | B | None` (ruff's UP007) reads as
the alias it was, when `|` surely builds a union (an operand is `None` or a typing generic)
and the module reads the alias only in annotations; read at run time, or built of bits, it
still asks."""

from __future__ import annotations

import pytest

from testing.util import review_json

SPEC = """---
id: ARGS
scope:
  - abc_.py
---
# Args

## Context
- `Mapping.getall()` and `Mapping.getone()` are the abstract lookups; `Arg` is what they take.

## Requirements
- ARGS-1: `getone(key, default)` returns the default for an absent key.
"""
OLD = '''from typing import Iterable, Optional, Union, get_origin

Arg = Union[dict, Iterable[tuple], None]
Key = Union[str, None]
READ, WRITE = 1, 2
MODE = READ | WRITE


class Mapping:
    def getone(self, key: Key, arg: Arg = None, default: Optional[int] = None) -> Union[int, None]:
        """ARGS-1"""
        raise KeyError(key)
'''


def upgraded(text: str) -> str:
    return (
        text.replace("Union[dict, Iterable[tuple], None]", "dict | Iterable[tuple] | None")
        .replace("Union[str, None]", "str | None")
        .replace("Optional[int]", "int | None")
        .replace("Union[int, None]", "int | None")
    )


def test_a_union_alias_as_ruff_writes_it_asks_nothing(repo, cli):
    """REVIEW-E210 (multidict 0825adb1): the alias and the annotations upgraded: no question."""
    repo.commit("base", {"specs/args.md": SPEC, "abc_.py": OLD})
    repo.commit("ruff: use X | Y", {"abc_.py": upgraded(OLD)})
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] == []
    assert data["noop_files"] == ["abc_.py"]


# REVIEW-E210: the same-looking rewrites that run differently, each with the line that shows it
UNSAFE = {
    "the alias read at import": "ORIGIN = get_origin(Key) is Union\n",
    "the alias read in a function": "def origin():\n    return get_origin(Key) is Union\n",
}


def probe(source: str) -> str:
    namespace: dict[str, object] = {}
    exec(compile(source, "<probe>", "exec", dont_inherit=True), namespace)
    origin = namespace.get("origin")
    return repr((namespace.get("ORIGIN"), origin() if callable(origin) else None))


@pytest.mark.parametrize("case", sorted(UNSAFE))
def test_each_alias_read_at_run_time_runs_differently(case: str) -> None:
    # REVIEW-E210: the proof that each case must stay a change
    old = OLD + "\n\n" + UNSAFE[case]
    assert probe(old) != probe(upgraded(old))


@pytest.mark.parametrize("case", sorted(UNSAFE))
def test_an_alias_read_at_run_time_still_asks(repo, cli, case: str) -> None:
    """REVIEW-E210: read outside annotations, the alias rewritten is a change."""
    old = OLD + "\n\n" + UNSAFE[case]
    repo.commit("base", {"specs/args.md": SPEC, "abc_.py": old})
    repo.commit("ruff: use X | Y", {"abc_.py": upgraded(old)})
    assert review_json(cli, "HEAD", "--all")["noop_files"] == []


def test_bits_joined_by_a_pipe_are_no_alias(repo, cli):
    """REVIEW-E210, adversarial: `MODE = READ | WRITE` made `READ | WRITE | EXEC` is a change:
    no operand is `None` or a typing generic, so `|` may join bits."""
    repo.commit("base", {"specs/args.md": SPEC, "abc_.py": OLD})
    changed = OLD.replace("READ, WRITE = 1, 2", "READ, WRITE, EXEC = 1, 2, 4")
    repo.commit(
        "exec mode", {"abc_.py": changed.replace("READ | WRITE\n", "READ | WRITE | EXEC\n")}
    )
    assert review_json(cli, "HEAD", "--all")["noop_files"] == []
