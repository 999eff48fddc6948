"""REVIEW-14: the changed names of a large change are found in two processes, with the same
review as one process finds, whatever happens to the child."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specflow import forked

needs_fork = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="forks only on Linux with 2 CPUs",
)
HEAVY = forked.MIN_WEIGHT  # one item alone weighs enough to fork


@pytest.fixture(autouse=True)
def _no_other_thread() -> None:
    """A thread left running by an earlier test would keep every fork here from happening."""
    others = [t.name for t in threading.enumerate() if t is not threading.current_thread()]
    assert not others, f"threads still running: {others}"


def pids(part: Sequence[int]) -> list[tuple[int, int]]:
    return [(item, os.getpid()) for item in part]


@needs_fork
def test_the_second_half_is_computed_in_a_child() -> None:
    """REVIEW-14: two results, in order; the second from another process."""
    first, rest = forked.in_halves(pids, range(6), [HEAVY] * 6)
    assert [item for item, _ in first + rest] == list(range(6))
    assert {pid for _, pid in first} == {os.getpid()}
    assert {pid for _, pid in rest} != {os.getpid()}


def test_light_work_stays_here() -> None:
    assert forked.in_halves(pids, range(4), [1] * 4) == [pids(range(4))]


@needs_fork
def test_a_child_that_fails_is_replaced_by_this_process() -> None:
    """REVIEW-14: an exception in the child: its half is computed here instead."""
    parent = os.getpid()

    def fails_in_child(part: Sequence[int]) -> list[tuple[int, int]]:
        if os.getpid() != parent:
            raise RuntimeError("child")
        return pids(part)

    first, rest = forked.in_halves(fails_in_child, range(4), [HEAVY] * 4)
    assert first + rest == pids(range(4))


@needs_fork
def test_a_killed_child_is_replaced_by_this_process() -> None:
    """REVIEW-14: a child killed by a signal (out of memory, say) sends nothing."""
    parent = os.getpid()

    def killed_in_child(part: Sequence[int]) -> list[tuple[int, int]]:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return pids(part)

    first, rest = forked.in_halves(killed_in_child, range(4), [HEAVY] * 4)
    assert first + rest == pids(range(4))


class SlowChild:
    """Work whose child half writes its pid to `mark` and sleeps a minute; `then` is what this
    process's half does once the child is running."""

    def __init__(self, mark: Path, then: Callable[[], None] = lambda: None) -> None:
        self.parent, self.mark, self.then = os.getpid(), mark, then

    def __call__(self, part: Sequence[int]) -> list[int]:
        if os.getpid() != self.parent:
            self.mark.write_text(str(os.getpid()))
            time.sleep(60)
        else:
            self.wait_for_child()
            self.then()
        return list(part)

    def wait_for_child(self) -> None:
        deadline = time.monotonic() + 20
        while not (self.mark.exists() and self.mark.read_text()) and time.monotonic() < deadline:
            time.sleep(0.01)

    def assert_reaped(self) -> None:
        self.wait_for_child()
        with pytest.raises(ProcessLookupError):
            os.kill(int(self.mark.read_text()), 0)  # not running, not even a zombie


@needs_fork
def test_when_this_half_fails_the_child_is_stopped_and_reaped(tmp_path: Path) -> None:
    """REVIEW-14: the error goes on, and no child is left running or unreaped."""

    def fail() -> None:
        raise ValueError("this half")

    work = SlowChild(tmp_path / "child.pid", fail)
    started = time.monotonic()
    with pytest.raises(ValueError, match="this half"):
        forked.in_halves(work, range(4), [HEAVY] * 4)
    assert time.monotonic() - started < 30  # not the child's minute: it was stopped
    work.assert_reaped()


@needs_fork
def test_a_refused_fork_leaves_the_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """REVIEW-14: out of memory or processes, the system refuses a fork: one process does all."""

    def refused() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    opened = len(os.listdir("/proc/self/fd"))
    monkeypatch.setattr(os, "fork", refused)
    assert forked.in_halves(pids, range(4), [HEAVY] * 4) == [pids(range(4))]
    assert len(os.listdir("/proc/self/fd")) == opened  # the pipe was closed


@needs_fork
def test_an_interrupted_wait_stops_and_reaps_the_child(tmp_path: Path) -> None:
    """REVIEW-14: Ctrl-C (here a signal to this process alone) while waiting for the child."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    work = SlowChild(tmp_path / "child.pid")
    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.5)  # this process's timer: the child has none
    try:
        with pytest.raises(KeyboardInterrupt):
            forked.in_halves(work, range(4), [HEAVY] * 4)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    work.assert_reaped()


def test_no_fork_while_another_thread_runs() -> None:
    """A fork copies only the calling thread: with another one running, all work stays here."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forked.can_fork()
        assert forked.in_halves(pids, range(4), [HEAVY] * 4) == [pids(range(4))]
    finally:
        stop.set()
        thread.join()


@given(st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=50))
def test_the_split_halves_the_weight(weights: list[int]) -> None:
    split = forked._middle(weights)
    assert 1 <= split <= len(weights)
    assert sum(weights[:split]) >= sum(weights) / 2
    assert sum(weights[: split - 1]) < sum(weights) / 2 or split == 1


SPEC = """---
id: STORE
scope: [src/**]
---
# Store

## Context
- Records are kept in `_STORE`, keyed by tenant.

## Requirements
- STORE-1: Every record has a `quota_left`.
"""


def module(index: int, version: int) -> str:
    """A module whose functions write attributes and a module-level dict, as real code does;
    some under a reference (a heading, and a comment above a hunk), some under a condition."""
    functions = [
        f"# STORE-1: the quota is kept\n"
        f"def step_{index}_{n}(record, value):\n"
        f"    result = compute_{version}(value, {n})\n"
        f"    record.quota_{(n + version) % 3} = result + {n}\n"
        f"    if record.tenant_{version} > {n}:\n"
        f"        _STORE[record.tenant_{version}, {n}] = record\n"
        f"    return result\n"
        for n in range(8)
    ]
    return "_STORE = {}\n\n" + "\n".join(functions)


def reader(index: int) -> str:
    return (
        f"def read_{index}(record):  # STORE-1\n"
        f"    return record.quota_0, record.quota_1, record.quota_2, _STORE, step_{index}_1\n"
    )


@needs_fork
def test_a_review_found_in_two_processes_is_the_review_found_in_one(  # type: ignore[no-untyped-def]
    repo, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """REVIEW-14 through the CLI: the same JSON with and without the fork, and it did fork."""
    files = {f"src/m{i}.py": module(i, 0) for i in range(8)}
    files |= {f"src/r{i}.py": reader(i) for i in range(8)}
    repo.commit("base", {"specs/store.md": SPEC, **files})
    repo.commit("rewrite", {f"src/m{i}.py": module(i, 1 + i % 2) for i in range(8)})
    forks: list[int] = []
    real_fork = forked._fork

    def counted_fork(*args, **kwargs):  # type: ignore[no-untyped-def]
        forks.append(1)
        return real_fork(*args, **kwargs)

    monkeypatch.setattr(forked, "_fork", counted_fork)
    one = cli("review", "HEAD", "--format", "json")
    every_one = cli("review", "HEAD", "--format", "json", "--all")
    monkeypatch.setattr(forked, "MIN_WEIGHT", 1)
    two = cli("review", "HEAD", "--format", "json")
    every_two = cli("review", "HEAD", "--format", "json", "--all")
    assert forks == [1, 1]
    assert one.code == two.code == 0
    assert (one.out, every_one.out) == (two.out, every_two.out)
    ripples = {r["symbol"]["name"] for r in json.loads(two.out)["ripples"]}
    assert {"_STORE", "quota_0"} <= ripples
    # the comment above each changed function, in both halves: a question in every file
    asked = json.loads(every_two.out)["questions"]
    assert {q["path"] for q in asked if q["evidence"]["kind"] == "reference"} == {
        f"src/m{i}.py" for i in range(8)
    }
