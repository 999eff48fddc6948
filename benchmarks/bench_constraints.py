"""Score `specflow check`'s constraints against labelled commits of real public history (CBENCH).

    python benchmarks/bench_constraints.py --project httpx=/work/.mirror/encode+httpx/repo \\
        --project pyjwt=/work/.mirror/jpadilla+pyjwt/repo \\
        --project requests=/work/.mirror/psf+requests/repo [--specflow CMD] [--verbose]

Each project has, under benchmarks/constraints/<project>/, a spec its maintainers would write
with a `Constraints` section (`specs/*.md`) and `labels.yaml`: commits of its real history, each
with the constraints whose stated intent the commit breaks (`block: [imports.md#2]`, the second
constraint of specs/imports.md), written from `git show` before specflow ran. Bring the history
with the `fetch` tool (github:encode/httpx, github:jpadilla/pyjwt, github:psf/requests).

Each labelled commit is replayed as `bench_links.py` replays it (the parent's tree and the
commit's, each with the specs overlaid, in a scratch repository that borrows the history's
objects); then `specflow check <commit> --format json`. A constraint fired when a `constraint`
finding names its `specs/<file>:<line>`.

Prints per constraint and overall: the commits it should block, those it blocked, precision and
recall of blocks over commits, and the false blocks. `--verbose` adds one line per commit where
the verdict and the label differ. A script, not a test: exits 0 whatever the figures; 1 when a
command fails; 2, with one line naming the file and line, for labels or arguments it cannot use.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_links import Scratch, _dicts, figure, projects, specflow_json, yaml_list
from common import print_table, specflow_script

CONSTRAINTS = Path(__file__).resolve().parent / "constraints"
CONSTRAINT_HEADING = re.compile(r"^##\s+constraints\s*$", re.IGNORECASE)
RULE = re.compile(r"^[-*+]\s+(forbid|require)\s")
KEY = re.compile(r"[\w.-]+\.md#[1-9][0-9]*")
WHERE = re.compile(r"specs/([\w.-]+\.md):(\d+)")


@dataclass(frozen=True)
class Label:
    sha: str
    block: frozenset[str]
    why: str


@dataclass(frozen=True)
class Verdict:
    """One checked commit: what should block it and the constraints that did."""

    label: Label
    fired: frozenset[str]


@dataclass(frozen=True)
class Tally:
    commits: int
    expected: int  # commits that should be blocked
    blocked: int
    right: int

    @property
    def precision(self) -> float | None:
        return self.right / self.blocked if self.blocked else None

    @property
    def recall(self) -> float | None:
        return self.right / self.expected if self.expected else None


# CBENCH-3
def tally(verdicts: Sequence[Verdict], key: str | None = None) -> Tally:
    """Over commits: a block counts once per commit and constraint (`key`), or once per commit
    when any constraint fired (`key` None: the hook's own verdict)."""
    expected = blocked = right = 0
    for verdict in verdicts:
        wanted = key in verdict.label.block if key else bool(verdict.label.block)
        fired = key in verdict.fired if key else bool(verdict.fired)
        expected += wanted
        blocked += fired
        right += wanted and fired
    return Tally(len(verdicts), expected, blocked, right)


def constraint_keys(name: str, text: str) -> dict[int, str]:
    """`file.md#n` by line, for the top-level items of the spec's `## Constraints` section."""
    keys: dict[int, str] = {}
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("## "):
            inside = bool(CONSTRAINT_HEADING.match(line.strip()))
        elif inside and RULE.match(line):
            keys[number] = f"{name}#{len(keys) + 1}"
    return keys


def fired(report: dict[str, object], keys: dict[tuple[str, int], str]) -> frozenset[str]:
    found: set[str] = set()
    for finding in _dicts(report.get("findings", [])):
        where = WHERE.search(str(finding.get("message", "")))
        if finding.get("rule") == "constraint" and where:
            found.add(keys.get((where.group(1), int(where.group(2))), where.group(0)))
    return frozenset(found)


# CBENCH-4
def bad_input(message: str) -> NoReturn:
    print(f"bench_constraints: {message}", file=sys.stderr)
    raise SystemExit(2)


# CBENCH-1
def load_labels(path: Path, known: set[str]) -> list[Label]:
    labels = []
    for where, entry in yaml_list(path, "{sha, block, why}"):
        if not isinstance(entry, dict) or not re.fullmatch(r"[0-9a-f]{40}", str(entry.get("sha"))):
            bad_input(f"{where}: an entry needs sha (the full 40-hex id), block and why")
        block = entry.get("block") or []
        if not isinstance(block, list) or not all(str(key) in known for key in block):
            bad_input(f"{where}: block lists constraints of the specs: {', '.join(sorted(known))}")
        labels.append(Label(str(entry["sha"]), frozenset(map(str, block)), str(entry.get("why"))))
    return labels


def check(specflow: Sequence[str], folder: Path, commit: str) -> dict[str, object]:
    """`check` exits 1 when it blocks: a verdict, not a failure."""
    return specflow_json(specflow, folder, ("check", commit, "--format", "json"), (0, 1))


def read_specs(labelled: Path) -> tuple[dict[str, str], dict[tuple[str, int], str]]:
    """The spec files by name, and each constraint's key by (file name, line)."""
    specs = {path.name: path.read_text(encoding="utf-8") for path in labelled.glob("specs/*.md")}
    if not specs:
        bad_input(f"{labelled / 'specs'}: no specs (*.md)")
    keys = {
        (name, line): key
        for name, text in sorted(specs.items())
        for line, key in constraint_keys(name, text).items()
    }
    return specs, keys


# CBENCH-2
def run_project(labelled: Path, history: Path, specflow: Sequence[str]) -> list[Verdict]:
    specs, keys = read_specs(labelled)
    labels = load_labels(labelled / "labels.yaml", set(keys.values()))
    verdicts = []
    with tempfile.TemporaryDirectory(prefix=f"bench-constraints-{labelled.name}-") as folder:
        scratch = Scratch(Path(folder), history, specs)
        for label in labels:
            commit = scratch.replay(label.sha)
            verdicts.append(Verdict(label, fired(check(specflow, Path(folder), commit), keys)))
    return verdicts


def row(name: str, counts: Tally) -> tuple[str, ...]:
    return (
        name,
        str(counts.commits),
        str(counts.expected),
        str(counts.blocked),
        str(counts.blocked - counts.right),
        figure(counts.precision),
        figure(counts.recall),
    )


def detail(project: str, verdict: Verdict) -> str:
    wanted = ", ".join(sorted(verdict.label.block)) or "-"
    got = ", ".join(sorted(verdict.fired)) or "-"
    return (
        f"{project} {verdict.label.sha[:10]} want {wanted}, blocked by {got}  ({verdict.label.why})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--project", action="append", required=True, metavar="NAME=GIT_DIR")
    parser.add_argument("--specflow", help="the command to run (default: specflow beside python)")
    parser.add_argument("--verbose", action="store_true", help="each commit judged wrongly")
    parser.add_argument("--constraints", type=Path, default=CONSTRAINTS, help="labelled projects")
    args = parser.parse_args(argv)
    specflow = shlex.split(args.specflow) if args.specflow else [str(specflow_script())]
    rows: list[tuple[str, ...]] = [
        ("constraint", "commits", "should block", "blocked", "false blocks", "precision", "recall")
    ]
    everything: list[Verdict] = []
    for name, history in projects(args.project, args.constraints):
        verdicts = run_project(args.constraints / name, history, specflow)
        everything += verdicts
        keys = sorted(
            {
                *read_specs(args.constraints / name)[1].values(),
                *(k for v in verdicts for k in v.fired),
            }
        )
        rows += [row(f"{name} {key}", tally(verdicts, key)) for key in keys]
        if args.verbose:
            wrong = [v for v in verdicts if v.label.block != v.fired]
            print("\n".join(detail(name, verdict) for verdict in wrong))
    rows.append(row("overall (commits)", tally(everything)))
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
