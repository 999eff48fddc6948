"""CHECK-12: a `re:` constraint cannot hang a commit. `specflow check --staged` of one line of
50,000 `a`s followed by `!` under ``forbid `re:(a+)+$` in `src/**` `` (Python's `re` was still
backtracking after 20 seconds), against the same check under a literal pattern.

    python benchmarks/bench_redos.py [--runs 7] [--keep DIR]

Run it with the Python of the venv that has specflow installed. A script, not a test: it prints
MISSED when a target is missed, and exits 1 only when a command fails.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import git, machine, print_table, specflow_script, time_command, verdict, work_folder

TARGET = 1.0  # seconds for the whole check: "well under a second" of matching
SPEC = """---
id: LONG
scope: [src/**]
---
# Long lines

## Requirements
- LONG-1: Lines are kept.

## Constraints
- forbid `{pattern}` in `src/**`: no runs of a
"""


def build(root: Path, pattern: str) -> None:
    (root / "specs").mkdir(parents=True)
    (root / "src").mkdir()
    (root / "specs" / "long.md").write_text(SPEC.format(pattern=pattern), encoding="utf-8")
    (root / "src" / "keep.py").write_text("# LONG-1\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    (root / "src" / "long.txt").write_text("a" * 50_000 + "!\n", encoding="utf-8")
    git(root, "add", "-A")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command")
    parser.add_argument("--keep", type=Path, help="build the repositories here and keep them")
    args = parser.parse_args(argv)
    command = [str(specflow_script()), "check", "--staged"]
    print(machine())
    with work_folder(args.keep) as folder:
        timings = []
        for label, pattern in (("re:(a+)+$", "re:(a+)+$"), ("literal", "aaab!")):
            root = folder / label.replace(":", "-").replace("(", "").replace(")", "")
            build(root, pattern)
            timings.append(time_command(label, command, root, args.runs))
    redos, literal = (statistics.median(t.times) for t in timings)
    rows = [("pattern", "median s", "min s", "max s")]
    rows += [
        (t.label, f"{statistics.median(t.times):.3f}", f"{min(t.times):.3f}", f"{max(t.times):.3f}")
        for t in timings
    ]
    print_table(rows)
    print(
        f"ratio re:/literal {redos / literal:.2f}; target < {TARGET} s: {verdict(redos < TARGET)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
