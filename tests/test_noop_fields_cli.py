"""REVIEW-E114 through the CLI on real repositories: `self.x: T = v` in `__init__` moved to a
bare `x: T` in the body of a class nothing reads the annotations of asks nothing; the same move
where something reads them (a decorator, `NamedTuple`, a metaclass, a base from elsewhere, the
file's own `__annotations__`) still asks."""

from __future__ import annotations

import pytest

from testing.util import review_json

SPEC = """---
id: RUN
scope: [pkg/**]
---
# Runner

## Context
- `Result` holds `stdout_bytes`, `exit_code` and `exception`.

## Requirements
- RUN-1: `exit_code` is 0 when the command returns normally.

## Edge Cases
- RUN-E1: A command that raises.
"""

BEFORE = """{head}class Result{bases}:
    def __init__(self, stdout_bytes: bytes, exit_code: int, exception):
        self.stdout_bytes: bytes = stdout_bytes
        self.exit_code: int = exit_code
        self.exception: BaseException | None = exception
{tail}"""

AFTER = """{head}class Result{bases}:
    stdout_bytes: bytes
    exit_code: int
    exception: BaseException | None

    def __init__(self, stdout_bytes: bytes, exit_code: int, exception) -> None:
        self.stdout_bytes = stdout_bytes
        self.exit_code = exit_code
        self.exception = exception
{tail}"""


def _moved(repo, cli, head: str = "", bases: str = "", tail: str = "") -> dict:
    parts = {"head": head, "bases": bases, "tail": tail}
    repo.commit("base", {"specs/runner.md": SPEC, "pkg/runner.py": BEFORE.format(**parts)})
    repo.commit("annotate at class level", {"pkg/runner.py": AFTER.format(**parts)})
    return review_json(cli, "HEAD")


def test_annotations_moved_into_a_plain_class_body_ask_nothing(repo, cli):
    """REVIEW-E114 (pallets/click e39679ab drew 5 questions): the old side's class body
    annotates nothing, so it was never read as plain, and the bare annotations were fields."""
    data = _moved(repo, cli)
    assert data["questions"] == [] and data["noop_files"] == ["pkg/runner.py"], data["questions"]


def test_bare_annotations_added_alone_to_a_plain_class_ask_nothing(repo, cli):
    """REVIEW-E114: only `exit_code: int` added to a class body that annotated nothing."""
    code = BEFORE.format(head="", bases="", tail="")
    repo.commit("base", {"specs/runner.md": SPEC, "pkg/runner.py": code})
    added = code.replace("class Result:\n", "class Result:\n    exit_code: int\n\n")
    repo.commit("annotate", {"pkg/runner.py": added})
    data = review_json(cli, "HEAD")
    assert data["questions"] == [] and data["noop_files"] == ["pkg/runner.py"], data["questions"]


READERS = {
    "dataclass": {"head": "from dataclasses import dataclass\n\n\n@dataclass\n"},
    "named tuple": {"head": "from typing import NamedTuple\n\n\n", "bases": "(NamedTuple)"},
    "metaclass": {"head": "from fw import Meta\n\n\n", "bases": "(metaclass=Meta)"},
    "base from elsewhere": {"head": "from pydantic import BaseModel\n\n\n", "bases": "(BaseModel)"},
    "reader in the file": {"tail": "\n\nprint(Result.__annotations__)\n"},
    "handed to a call": {
        "tail": "\n\nfrom dataclasses import dataclass\n\nRun = dataclass(Result)\n"
    },
}


@pytest.mark.parametrize("reader", sorted(READERS))
def test_annotations_moved_into_a_class_something_reads_still_ask(repo, cli, reader):
    """REVIEW-E114, adversarial: where a decorator, `NamedTuple`, a metaclass, a base from
    another module or the file itself reads the class's annotations, `x: T` is a field (a
    dataclass's `__init__` and `repr`, a named tuple's items): the same move asks."""
    data = _moved(repo, cli, **READERS[reader])
    assert data["noop_files"] == [] and data["questions"], reader


def test_a_class_handed_to_a_call_reads_its_annotations(repo, cli):
    """REVIEW-E123 (the adversarial review of the s20 rules): `x: int` added to a plain class
    that `Point = dataclass(Coordinates)` makes a dataclass adds a field (`Point(1)` now sets
    `x`): it was formatting only. `isinstance(r, Result)`, `super(Result, self)` and a class
    deriving from it pass it to nothing that reads annotations: still silent."""
    code = BEFORE.format(head="", bases="", tail="")
    tail = "\n\nclass Failed(Result):\n    pass\n\n\ndef ok(r):\n    return isinstance(r, Result)\n"
    repo.commit("base", {"specs/runner.md": SPEC, "pkg/runner.py": code + tail})
    added = code.replace("class Result:\n", "class Result:\n    exit_code: int\n\n")
    repo.commit("annotate", {"pkg/runner.py": added + tail})
    assert review_json(cli, "HEAD")["noop_files"] == ["pkg/runner.py"]
    handed = "\n\nfrom dataclasses import dataclass\n\nRun = dataclass(Result)\n"
    repo.commit("dataclass", {"pkg/runner.py": code + tail + handed})
    repo.commit("annotate again", {"pkg/runner.py": added + tail + handed})
    data = review_json(cli, "HEAD")
    assert data["noop_files"] == [] and data["questions"], data
