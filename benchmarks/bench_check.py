"""SPEED-5: what specflow's hooks cost: `git commit` with and without them, and
`check --staged` against the `git grep --cached` floor of a full-tree reference scan.

    python benchmarks/bench_check.py [--runs 7] [--files 1000,20000] [--keep DIR]

For each size, builds (deterministically, in a temporary folder) a repository of N Python files
in packages, with specs scoped to the packages and every requirement referenced from code and
tests, as a real repository would be: committed, then packed (`git gc`). Then:

- on the 1,000-file repository (20 specs): the wall-clock time of `git commit` of a one-line
  change with specflow's hooks installed, against `git commit --no-verify` of the same change;
- on every size: `specflow check --staged` of a one-line change, against two floors over the
  same tree: `git grep --cached -w -E -e "(ID|ID|...)"`, a bare search for the same IDs (the
  floor the issue names), and `git grep --cached -E -e "(PREFIX-|...)"`, the same rows found by
  the spec prefixes (the form specflow itself asks git, and the stricter floor);
  once as a hook runs it (the reference cache of HEAD warm, SPEED-8) and once cold, the cache
  removed before each run (by `sh -c 'rm ...; exec specflow ...'`, a few ms more), as the first
  check after a clone or after a checkout far from the cached commit.

Run it with the Python of the venv that has specflow installed. A script, not a test: it prints
MISSED when a target is missed, and exits 1 only when a command fails.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    Timing,
    machine,
    print_table,
    run_once,
    sizes_arguments,
    specflow_script,
    time_command,
    verdict,
    work_folder,
)
from synthetic import Shape, build, id_pattern, prefix_pattern, shape_for, touch

HOOK_TARGET = 0.3  # seconds added to one `git commit`
RATIO_TARGET = 2.0  # check --staged / git grep --cached, from 20,000 files


def grep_floor(shape: Shape, pattern: Callable[[Shape], list[str]]) -> list[str]:
    """What a full-tree reference scan costs: git grep of the index for `pattern`."""
    return ["git", "grep", "--cached", "-I", "-n", *pattern(shape), "--", ".", ":!specs/**"]


def commit_costs(repo: Path, runs: int) -> tuple[float, float]:
    """Median wall-clock of `git commit` with the hooks and with --no-verify."""
    with_hooks: list[float] = []
    without: list[float] = []
    for run in range(runs + 1):
        for verify, times in ((True, with_hooks), (False, without)):
            touch(repo, 2 * run + verify)
            args = ["git", "commit", "-q", "-m", f"Change {run} (S000-1)"]
            elapsed = run_once([*args] if verify else [*args, "--no-verify"], repo, _git_env())
            if run:
                times.append(elapsed)
    with_hooks.sort()
    without.sort()
    return with_hooks[len(with_hooks) // 2], without[len(without) // 2]


_COLD = ["sh", "-c", 'rm -f .git/specflow/refs.pickle; exec "$0" check --staged']


def _git_env() -> dict[str, str]:
    from common import GIT_ENV

    return dict(GIT_ENV)


def measure(root: Path, files: int, runs: int, specflow: Path, rows: list[tuple[str, ...]]) -> None:
    shape = shape_for(files)
    repo = root / f"repo-{files}"
    build(repo, shape)
    label = f"{files:,} files, {shape.specs} specs, {shape.specs * shape.requirements:,} reqs"
    if files <= 1_000:
        run_once([str(specflow), "hook", "install"], repo)
        hooked, bare = commit_costs(repo, runs)
        added = hooked - bare
        rows.append(
            (
                f"git commit + hooks - git commit ({label})",
                f"{added:.3f}",
                "",
                "",
                f"< {HOOK_TARGET} s added: {verdict(added < HOOK_TARGET)}",
            )
        )
        run_once([str(specflow), "hook", "uninstall"], repo)
    touch(repo, 10_000)
    check = time_command("check --staged", [str(specflow), "check", "--staged"], repo, runs)
    cold = time_command("cold", [*_COLD, str(specflow)], repo, runs)
    for name, timing in ((label, check), ("no reference cache", cold)):
        rows.append((f"specflow check --staged ({name})", *_figures(timing), "(the ratios below)"))
    reqs = shape.specs * shape.requirements
    for name, pattern in (
        (f"the {reqs:,} IDs", id_pattern),
        (f"{shape.specs} prefixes", prefix_pattern),
    ):
        floor = time_command("git grep --cached", grep_floor(shape, pattern), repo, runs)
        ratio, cold_ratio = check.median / floor.median, cold.median / floor.median
        rows.append(
            (
                f"  floor: git grep --cached, {name}",
                *_figures(floor),
                f"ratio {ratio:.2f}, cold {cold_ratio:.2f}"
                + (
                    f" (target <= {RATIO_TARGET}: {verdict(ratio <= RATIO_TARGET)})"
                    if files >= 20_000
                    else ""
                ),
            )
        )


def _figures(timing: Timing) -> tuple[str, str, str]:
    return f"{timing.median:.3f}", timing.spread, f"{timing.cpu_median:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    args = sizes_arguments(argv, __doc__, runs=7, files="1000,20000")
    specflow = specflow_script()
    rows: list[tuple[str, ...]] = [("what", "median s", "min-max s", "cpu s", "target")]
    with work_folder(args.keep) as root:
        for files in (int(size) for size in args.files.split(",")):
            measure(root, files, args.runs, specflow, rows)
    print(f"machine: {machine()}; {args.runs} runs after one warm-up\n")
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
