"""A CPU-bound stage split between this process and a forked child (REVIEW-14).

A review of a large change spends most of its time on what reads every changed line: parsing
Python for the names it writes, and ranking its hunks against the specs. On a machine with a
second CPU, a child forked from this process does that for half of the files while this one
does the rest.
The child shares the parent's memory (nothing is sent to it), sends its result back pickled
through a pipe and leaves with `os._exit`, so it never runs the parent's cleanup or prints.
Wherever forking is unsafe or does not pay, or the child fails, the same work runs here."""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import IO, NoReturn, TypeVar, cast

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_WEIGHT = 20_000  # changed lines: below this a review takes well under a second anyway


def in_halves(
    work: Callable[[Sequence[Item]], Result], items: Sequence[Item], weights: Sequence[int]
) -> list[Result]:
    """`work` of the items in order, as one result or as two (the first part's, then the rest's),
    the rest computed in a forked child when that pays. Each part gets about half the weight."""
    split = _middle(weights)
    child = _fork(work, items[split:]) if sum(weights) >= MIN_WEIGHT and can_fork() else None
    if child is None:
        return [work(items)]
    pid, read_end = child
    with open(read_end, "rb") as pipe:
        try:
            first = work(items[:split])
            rest = _collect(pid, pipe)
        except BaseException:  # this half failed, or the wait was interrupted: stop the child
            _stop(pid)
            raise
    return [first, work(items[split:]) if rest is None else cast(Result, rest)]


def can_fork() -> bool:
    """Linux with two CPUs for this process and no other thread (a fork copies only the calling
    thread, so a lock another one holds would stay locked in the child)."""
    return (
        sys.platform.startswith("linux")
        and len(os.sched_getaffinity(0)) > 1
        and threading.active_count() == 1
    )


def _middle(weights: Sequence[int]) -> int:
    half, total = sum(weights) / 2, 0
    for index, weight in enumerate(weights):
        total += weight
        if total >= half:
            return index + 1
    return len(weights)


def _fork(
    work: Callable[[Sequence[Item]], Result], items: Sequence[Item]
) -> tuple[int, int] | None:
    """The child's pid and the pipe its result comes through; None when the system refuses a
    pipe or a process (memory, a process limit): then this process does all the work."""
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)  # until the child is in `try`
    try:
        pid = os.fork()
    except OSError:
        pid = -1
    if pid == 0:
        _child(work, items, write_end, blocked)
    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    os.close(write_end)
    if pid < 0:
        os.close(read_end)
        return None
    return pid, read_end


_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}


def _child(
    work: Callable[[Sequence[Item]], Result],
    items: Sequence[Item],
    write_end: int,
    blocked: set[int | signal.Signals],
) -> NoReturn:
    """Whatever happens here, the child leaves through `os._exit`: it never returns into the
    parent's code, runs its cleanup or prints."""
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        with open(write_end, "wb") as pipe:
            pickle.dump(work(items), pipe, protocol=pickle.HIGHEST_PROTOCOL)
        os._exit(0)
    finally:
        os._exit(1)


def _stop(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, ChildProcessError):  # it had ended
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def _collect(pid: int, pipe: IO[bytes]) -> object | None:
    """The child's result, or None when it failed (killed, out of memory, a bug)."""
    data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return None
    result: object = pickle.loads(data)  # noqa: S301 - our own child wrote it, through our pipe
    return result
