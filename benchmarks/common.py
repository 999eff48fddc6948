"""What the benchmark scripts share: timing subprocesses, the machine, and the table."""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
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


# What an installed specflow meets: pip writes its bytecode at install time, so a developer's
# PYTHONDONTWRITEBYTECODE would only make an editable install recompile on every run.
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass(frozen=True)
class Timing:
    label: str
    command: tuple[str, ...]
    times: tuple[float, ...]
    cpu: tuple[float, ...]
    peak_mib: float = 0.0

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
    return run_measured(command, cwd, env)[0]


def run_measured(
    command: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None
) -> tuple[float, float]:
    """Wall-clock seconds and peak resident memory (MiB) of one run: the largest of the
    process and the children it waited for (git), from `wait4`."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env={**USER_ENV, "NO_COLOR": "1", **(env or {})},
            stdout=out,
            stderr=err,
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            detail = err.read().decode(errors="replace").strip()[-800:]
            raise SystemExit(f"`{' '.join(command)}` exited {process.returncode}\n{detail}")
    return elapsed, usage.ru_maxrss / 1024


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
    peak = 0.0
    for attempt in range(runs + 1):
        before = children_cpu()
        elapsed, memory = run_measured(command, cwd, env)
        peak = max(peak, memory)
        if attempt:
            times.append(elapsed)
            cpu.append(children_cpu() - before)
    return Timing(label, tuple(command), tuple(times), tuple(cpu), peak)


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


def sizes_arguments(
    argv: Sequence[str] | None, doc: str | None, *, runs: int, files: str
) -> argparse.Namespace:
    """`--runs`, `--files` (sizes, comma-separated) and `--keep` of the scripts that build
    synthetic repositories of several sizes."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0] if doc else None)
    parser.add_argument(
        "--runs", type=int, default=runs, help=f"timed runs per command (default {runs})"
    )
    parser.add_argument("--files", default=files, help="sizes, comma-separated")
    parser.add_argument("--keep", type=Path, help="build the repositories here and keep them")
    return parser.parse_args(argv)


def in_folder(run: Callable[[argparse.Namespace, Path], int], args: argparse.Namespace) -> int:
    """`run` on `repo` in `--keep`, or in a temporary folder removed afterwards."""
    if args.keep is not None:
        return run(args, args.keep)
    with tempfile.TemporaryDirectory(prefix="specflow-bench-") as folder:
        return run(args, Path(folder) / "repo")


@contextmanager
def work_folder(keep: Path | None) -> Iterator[Path]:
    """`keep` (created if need be and kept), or a temporary folder removed afterwards."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="specflow-bench-") as folder:
        yield Path(folder)
