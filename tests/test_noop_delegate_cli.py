"""REVIEW-E187 through the CLI on real repositories: pyupgrade's UP028 writes `for x in it:
yield x` as `yield from it` (wsproto's 55e4ce4, the trial's D5), which ruff calls unsafe: the
generator's `send()`, `throw()` and `close()` reach `it` then, and `x` stays unbound. The review
asks once and says what the rewrite takes for granted, as REVIEW-E28 does; the hook still warns.
Another iterable, another value yielded, an `else` or an `async for` asks as any change."""

from __future__ import annotations

import pytest

from testing.util import review_json

SPEC = """---
id: CONN
scope: [pkg/**]
---
# Connection

## Context
- The user reads events with `WSConnection.events()`.

## Requirements
- CONN-1: Events are yielded in the order they were received.
"""
BASE = """class WSConnection:
    # CONN-1
    def events(self):
        for event in self.handshake.events():
            yield event
        return "state {}".format(self.state)
"""
LOOP = "        for event in self.handshake.events():\n            yield event\n"
ASSUMED = "It changes nothing if `self.handshake.events()` is only iterated"


def _reviewed(repo, cli, base: str, after: str):  # type: ignore[no-untyped-def]
    """The review's JSON and text of the rewrite, and the hook's output on it staged."""
    repo.commit("base", {"specs/conn.md": SPEC, "pkg/conn.py": base})
    repo.stage({"pkg/conn.py": after})
    staged = cli("check", "--staged").out
    repo.commit("Run pyupgrade")
    return review_json(cli, "HEAD", "--all"), cli("review", "HEAD").out, staged


def test_yield_from_for_a_loop_that_yields_each_item_asks_once_with_what_it_assumes(repo, cli):
    """REVIEW-E187 (wsproto 55e4ce4): the loop made `yield from`, beside an f-string rewrite:
    one question, which says what the rewrite takes for granted; the hook still warns."""
    after = BASE.replace(LOOP, "        yield from self.handshake.events()\n").replace(
        '"state {}".format(self.state)', 'f"state {self.state}"'
    )
    data, text, staged = _reviewed(repo, cli, BASE, after)
    assert len(data["questions"]) == 1, data["questions"]
    assert data["noop_files"] == []
    assert ASSUMED in text and "nor reads `event` after the loop" in text
    assert "touched-requirement" in staged


@pytest.mark.parametrize(
    "after",
    [
        "        yield from self.handshake.pending()\n",  # another iterable
        "        for event in self.handshake.events():\n            yield event.data\n",
        "        for event in self.handshake.events():\n            yield self\n",
        "        for event in self.handshake.events():\n            yield event\n"
        "        else:\n            yield None\n",
    ],
)
def test_another_loop_or_iterable_asks_without_the_assumption(repo, cli, after):
    """REVIEW-E187, adversarial: what is not the loop UP028 rewrites is a change, told as
    one (no "It changes nothing if")."""
    data, text, staged = _reviewed(repo, cli, BASE, BASE.replace(LOOP, after))
    assert data["questions"] and data["noop_files"] == []
    assert "It changes nothing if" not in text
    assert "touched-requirement" in staged


def test_yield_from_another_iterable_than_the_loop_read_asks_without_the_assumption(repo, cli):
    """REVIEW-E187, adversarial: the loop over one iterable made `yield from` another one."""
    before = BASE.replace("self.handshake.events()", "self.pending")
    after = BASE.replace(LOOP, "        yield from self.handshake.events()\n")
    data, text, _ = _reviewed(repo, cli, before, after)
    assert data["questions"] and "It changes nothing if" not in text
