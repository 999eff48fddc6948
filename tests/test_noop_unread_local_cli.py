"""REVIEW-E428 through the CLI on real repositories (webob 939fcc3: `asterisk_non0_found` set
and never read, removed). A local a function writes, of a value that runs nothing, and never
reads is no change removed; a write that is read, that calls, or a function that reads its
locals by another way still asks."""

from __future__ import annotations

import pytest

from testing.util import review_json

SPEC = """---
id: LANG
scope:
  - pkg/**
---
# Language ranges

## Requirements
- LANG-1: `lookup()` returns the first `range` whose `qvalue` is not zero, else the `default`.
"""

LOOKUP = """def lookup(parsed, default):
    WRITE
    for range_, qvalue in parsed:
        if qvalue:
            return range_
    return READ
"""


def lookup(write: str = "asterisk = False", read: str = "default") -> str:
    text = LOOKUP.replace("READ", read)
    return text.replace("    WRITE\n", f"    {write}\n" if write else "")


def removed(repo, cli, write: str, read: str = "default") -> dict:  # type: ignore[type-arg]
    repo.commit("base", {"specs/lang.md": SPEC, "pkg/lang.py": lookup(write, read)})
    repo.commit("Remove an unused local", {"pkg/lang.py": lookup("", read)})
    return review_json(cli, "HEAD", "--all")


@pytest.mark.parametrize(
    "write", ["asterisk = False", "asterisk = other = None", "seen: bool = default == 0"]
)
def test_an_unread_local_removed_asks_nothing(repo, cli, write):
    """REVIEW-E428 (webob 939fcc3): nothing in `lookup` reads `asterisk`; its write of a
    literal (or a comparison of names) runs nothing: no question (LANG-1 was asked before)."""
    data = removed(repo, cli, write)
    assert data["questions"] == []
    assert data["noop_files"] == ["pkg/lang.py"]


# REVIEW-E428: the nearest removals that do change what runs
CHANGES = {
    "read after": ("asterisk = False", "asterisk or default"),
    "a call": ("asterisk = parsed.pop()", "default"),
    "locals read": ("asterisk = False", "locals().get('asterisk', default)"),
    "an attribute": ("parsed.asterisk = False", "default"),
}


@pytest.mark.parametrize("case", sorted(CHANGES))
def test_a_local_removal_that_changes_what_runs_still_asks(repo, cli, case):
    """REVIEW-E428: a local read, a value that calls, a function reading `locals()`, or an
    attribute written: still a change."""
    write, read = CHANGES[case]
    data = removed(repo, cli, write, read)
    assert data["noop_files"] == []


def test_a_statement_beside_an_unread_local_on_its_line_still_asks(repo, cli):
    """REVIEW-E428: `asterisk = False; hits = parsed.pop()` holds two assignments on one
    line; only the first is an unread local's inert write, so removing the call beside it
    (which runs `parsed.pop()`) still asks."""
    data = removed(repo, cli, "asterisk = False; hits = parsed.pop()")
    assert data["noop_files"] == []


@pytest.mark.parametrize("write", ["__tracebackhide__ = True", "asterisk = False"])
def test_a_local_another_frame_or_dir_reads_still_asks(repo, cli, write):
    """REVIEW-E428, still asked: pytest reads `__tracebackhide__` from the frame of the
    function that sets it (a dunder local is a frame reader's), and `dir()` lists the
    function's locals."""
    read = "default" if write.startswith("__") else "dir() or default"
    assert removed(repo, cli, write, read)["noop_files"] == []
