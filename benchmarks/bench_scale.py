"""Every command that reads a whole repository, from 1,000 to 100,000 files, beside git's own
floor for the same work.

    python benchmarks/bench_scale.py [--runs 5] [--files 1000,20000,100000] [--keep DIR]

For each size, builds a synthetic repository (`synthetic.py`: packages, one spec per package,
every requirement referenced from code and tests; committed and packed), commits a one-file
change, stages another, and times as subprocesses, once to warm up and then `--runs` times:

| command | floor (what git alone needs for the same data) |
| --- | --- |
| `specflow check --staged` | `git grep --cached -E -e '(P1-|P2-|...)'` (the reference scan) |
| `specflow review HEAD --format json` | `git diff HEAD~1 HEAD` + `git grep` of the prefixes |
| `specflow report --format json` | `git grep` of the prefixes in HEAD |
| `specflow lint` | `git ls-files` |

plus start-up (`specflow --version` against `python -c 'import typer'`). The table gives the
median and min-max wall-clock seconds, the ratio to the floor, and the peak resident memory of
each command (the largest process among specflow and the git processes it waited for).
A script, not a test: it prints MISSED beside a missed target and exits 0.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    Timing,
    git,
    machine,
    print_table,
    sizes_arguments,
    specflow_script,
    time_command,
    verdict,
    work_folder,
)
from synthetic import Shape, build, prefix_pattern, shape_for, touch

RATIO_TARGET = 2.0  # check --staged against its floor, at 20,000 and 100,000 files
MEMORY_TARGET = 300  # MiB, everywhere


def floors(shape: Shape) -> dict[str, list[list[str]]]:
    grep = ["git", "grep", "-I", "-n", *prefix_pattern(shape)]
    return {
        "check --staged": [[*grep[:2], "--cached", *grep[2:], "--", ".", ":!specs/**"]],
        "review HEAD": [["git", "diff", "HEAD~1", "HEAD"], [*grep, "HEAD", "--", "."]],
        "report": [[*grep, "HEAD", "--", "."]],
        "lint": [["git", "ls-files"]],
    }


def commands(specflow: Path) -> dict[str, list[str]]:
    return {
        "check --staged": [str(specflow), "check", "--staged"],
        "review HEAD": [str(specflow), "review", "HEAD", "--format", "json"],
        "report": [str(specflow), "report", "--format", "json"],
        "lint": [str(specflow), "lint"],
    }


def prepare(root: Path, files: int) -> tuple[Path, Shape]:
    shape = shape_for(files)
    repo = root / f"repo-{files}"
    build(repo, shape)
    touch(repo, 1)
    git(repo, "commit", "-q", "-m", "A one-file change (S000-1)")
    touch(repo, 2)  # and one staged for `check --staged`
    return repo, shape


def measure(repo: Path, shape: Shape, runs: int, specflow: Path) -> list[tuple[str, ...]]:
    rows = []
    floor_commands = floors(shape)
    for name, command in commands(specflow).items():
        timing = time_command(name, command, repo, runs)
        floor = sum(time_command(name, c, repo, runs).median for c in floor_commands[name])
        ratio = timing.median / floor
        target = ""
        if name == "check --staged" and shape.files >= 20_000:
            target = f"ratio <= {RATIO_TARGET}: {verdict(ratio <= RATIO_TARGET)}"
        rows.append(_row(f"{name} ({shape.files:,} files)", timing, floor, ratio, target))
    return rows


def _row(label: str, timing: Timing, floor: float, ratio: float, target: str) -> tuple[str, ...]:
    memory = f"{timing.peak_mib:.0f}"
    if timing.peak_mib >= MEMORY_TARGET:
        target = f"{target}; memory MISSED".lstrip("; ")
    return (
        label,
        f"{timing.median:.3f}",
        timing.spread,
        f"{floor:.3f}",
        f"{ratio:.1f}x",
        memory,
        target,
    )


def startup(specflow: Path, runs: int, cwd: Path) -> list[tuple[str, ...]]:
    floor = time_command("import typer", [sys.executable, "-c", "import typer"], cwd, runs)
    timing = time_command("--version", [str(specflow), "--version"], cwd, runs)
    extra = timing.median - floor.median
    target = f"+{extra:.3f} s (<= +0.050: {verdict(extra <= 0.05)})"
    return [_row("specflow --version", timing, floor.median, timing.median / floor.median, target)]


def main(argv: Sequence[str] | None = None) -> int:
    args = sizes_arguments(argv, __doc__, runs=5, files="1000,20000,100000")
    specflow = specflow_script()
    header = ("command", "median s", "min-max s", "floor s", "ratio", "peak MiB", "target")
    with work_folder(args.keep) as root:
        rows: list[tuple[str, ...]] = [header, *startup(specflow, args.runs, root)]
        for files in (int(size) for size in args.files.split(",")):
            repo, shape = prepare(root, files)
            rows += measure(repo, shape, args.runs, specflow)
    print(f"machine: {machine()}; {args.runs} runs after one warm-up\n")
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
