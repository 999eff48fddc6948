"""What the benchmark scripts share: timing subprocesses, the machine, and the table."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    "GIT_CONFIG_NOSYSTEM": "1",
}


@dataclass(frozen=True)
class Timing:
    label: str
    command: tuple[str, ...]
    times: tuple[float, ...]
    cpu: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def spread(self) -> str:
        return f"{min(self.times):.3f}-{max(self.times):.3f}"

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def specflow_script() -> Path:
    folder = Path(sys.executable).parent
    for name in ("specflow", "specflow.exe"):
        if (folder / name).is_file():
            return folder / name
    raise SystemExit(
        f"no `specflow` beside {sys.executable}; "
        "run this with the Python of the venv specflow is installed in"
    )


def run_once(command: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None) -> float:
    """Wall-clock seconds of one run; a failing command stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, env={**os.environ, "NO_COLOR": "1", **(env or {})}, capture_output=True
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip() or done.stdout.decode()[-500:]
        raise SystemExit(f"`{' '.join(command)}` exited {done.returncode}\n{detail}")
    return elapsed


def time_command(
    label: str,
    command: Sequence[str],
    cwd: Path,
    runs: int,
    env: Mapping[str, str] | None = None,
) -> Timing:
    """`runs` timed runs after one that only warms the disk cache and the bytecode."""
    times: list[float] = []
    cpu: list[float] = []
    for attempt in range(runs + 1):
        before = children_cpu()
        elapsed = run_once(command, cwd, env)
        if attempt:
            times.append(elapsed)
            cpu.append(children_cpu() - before)
    return Timing(label, tuple(command), tuple(times), tuple(cpu))


def children_cpu() -> float:
    """User + system CPU seconds of the finished child processes (0 where not available)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=root,
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def machine() -> str:
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU(s), "
        f"Python {platform.python_version()} ({platform.python_implementation()})"
    )


def print_table(rows: Sequence[tuple[str, ...]]) -> None:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for index, row in enumerate(rows):
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))
