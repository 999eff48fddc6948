"""Time `specflow review` on a commit of 1,000 files and 100,000 changed lines, against git.

    python benchmarks/bench_review.py [--runs 5] [--specs 200] [--requirements 10]
                                      [--files 1000] [--lines 100] [--seed 1] [--keep DIR]

Builds, deterministically and in a temporary folder, a repository with `--specs` specs of
`--requirements` requirements (scoped `src/<module>/**`, referenced from code and tests) and
2 x `--files` Python files, then three sibling commits on top of it that rewrite `--lines` lines
(as many removed as added) in 1/4, 1/2 and all of `--files` files. For each commit it times,
as subprocesses, `specflow review REV --format json` and the floor: `git diff REV~1 REV` plus
`git grep` of the spec prefixes in REV (what any review has to read). Each command runs once to
warm the caches, then `--runs` times: median and min-max wall-clock seconds, and the peak
resident memory of each run (`ru_maxrss` from `os.wait4`: the largest single process among
specflow and the git processes it waited for).

Run it with the Python of the venv that has specflow installed (`.venv/bin/python ...`). This
is a script, not a test: it prints `MISSED` when a target is missed and still exits 0; it exits
1 only when a command fails or the review's JSON is not what it should be.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import USER_ENV, git, in_folder, print_table, specflow_script, verdict

TIME_TARGET = 3.0  # seconds, for the full-size commit
MEMORY_TARGET = 300  # MiB peak
DOMAINS = [
    "auth",
    "billing",
    "search",
    "checkout",
    "inventory",
    "notify",
    "report",
    "session",
    "upload",
    "hook",
    "audit",
    "price",
    "account",
    "export",
    "schedule",
    "catalog",
]
NOUNS = [
    "password",
    "token",
    "invoice",
    "order",
    "refund",
    "cart",
    "user",
    "tenant",
    "digest",
    "quota",
    "limit",
    "retry",
    "cache",
    "record",
    "ledger",
    "payment",
    "coupon",
    "address",
    "profile",
    "webhook",
    "export",
    "import",
    "batch",
    "report",
]
VERBS = [
    "create",
    "update",
    "validate",
    "compute",
    "store",
    "load",
    "refresh",
    "sync",
    "apply",
    "reset",
    "verify",
]
FIELDS = [
    "password_hash",
    "total_cents",
    "expires_at",
    "status",
    "owner_id",
    "retry_count",
    "last_seen",
    "region",
    "currency",
    "checksum",
    "version",
    "quota_left",
    "digest_key",
    "tenant_id",
]
PRODUCERS = [
    "hash_value",
    "encode_total",
    "stamp_time",
    "pick_status",
    "lookup_owner",
    "bump_count",
]
SYLLABLES = [a + b for a in "bdfgklmnprstvz" for b in "aeiou"]  # 70
# 1,500 pseudo-words drawn with Zipf's law (weight 1/rank), as words are in prose and code:
# a few are everywhere, most are rare; what linking has to rank is in between.
WORDS = [
    SYLLABLES[n % 70] + SYLLABLES[n // 70 % 70] + ("" if n < 700 else SYLLABLES[n // 7 % 70])
    for n in range(1500)
]
ZIPF = list(itertools.accumulate(1 / rank for rank in range(1, len(WORDS) + 1)))
FUNCTIONS_PER_FILE = 20  # 10 lines each: a 200-line file
LINES_PER_FUNCTION = 10


@dataclass(frozen=True)
class Shape:
    specs: int
    requirements: int
    files: int  # changed by the full commit; as many again stay untouched
    lines: int  # lines rewritten per changed file (removed and added)
    seed: int


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float


@dataclass(frozen=True)
class Timing:
    label: str
    runs: tuple[Run, ...]

    @property
    def median(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def spread(self) -> str:
        times = [run.seconds for run in self.runs]
        return f"{min(times):.2f}-{max(times):.2f}"

    @property
    def peak(self) -> float:
        return max(run.peak_mib for run in self.runs)


# --- the repository ---------------------------------------------------------------------------


def words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choices(WORDS, cum_weights=ZIPF, k=count))


def spec_id(index: int) -> str:
    return f"{DOMAINS[index % len(DOMAINS)].upper()}{index // len(DOMAINS)}"


def module(index: int) -> str:
    return f"{DOMAINS[index % len(DOMAINS)]}{index // len(DOMAINS)}"


def spec_text(index: int, shape: Shape, rng: random.Random) -> str:
    key, name = spec_id(index), module(index)
    nouns = [rng.choice(NOUNS) for _ in range(12)]
    fields = [rng.choice(FIELDS) for _ in range(6)]
    lines = [
        "---",
        f"id: {key}",
        "scope:",
        f"  - src/{name}/**",
        "owners: [team-" + DOMAINS[index % len(DOMAINS)] + "]",
        "---",
        "",
        f"# {name.title()}: {nouns[0]} and {nouns[1]}",
        "",
        "## Context",
        f"- Every {nouns[2]} stores `{fields[0]}` as computed by `{PRODUCERS[index % 6]}()`"
        f" ({words(rng, 4)}).",
        f"- The {nouns[3]} {nouns[4]} is read by `{VERBS[index % 11]}_{nouns[5]}()` on each call"
        f" ({words(rng, 4)}).",
        f"- `{fields[1]}` and `{fields[2]}` are written once per {nouns[6]} ({words(rng, 4)}).",
        "",
        "## Requirements",
    ]
    for number in range(1, shape.requirements + 1):
        verb, noun, field = rng.choice(VERBS), rng.choice(NOUNS), rng.choice(FIELDS)
        box = "[ ] " if number == shape.requirements else ""
        lines.append(
            f"- {box}{key}-{number}: {verb.title()} the {noun} so that `{field}` "
            f"stays consistent with the {rng.choice(NOUNS)} {words(rng, 5)}."
        )
    lines += ["", "## Edge Cases"]
    for number in range(1, 4):
        lines.append(
            f"- {key}-E{number}: `{rng.choice(VERBS)}` runs twice on the same "
            f"{rng.choice(NOUNS)} ({words(rng, 3)})."
        )
    return "\n".join(lines) + "\n"


def function_text(rng: random.Random, name: str, ref: str, variant: int) -> list[str]:
    """Ten lines that assign attributes, mutate a module-level dict and call helpers; every
    line of a rewritten function (`variant` 1) differs from the original one."""
    field, other, noun = rng.choice(FIELDS), rng.choice(FIELDS), rng.choice(NOUNS)
    producer = PRODUCERS[(variant + len(name)) % len(PRODUCERS)]
    number = rng.randrange(10_000)
    return [
        f"def {name}(record, value, mode={variant}):",
        f'    """{noun.title()} {rng.choice(VERBS)} for the {words(rng, 3)}."""  # {ref}',
        f"    result = {producer}(value, {number})",
        f"    record.{field} = result + {number}",
        f"    _STORE[record.{other}, {number}] = record",
        f"    if record.{rng.choice(FIELDS)} > {number}:",
        f"        return {rng.choice(VERBS)}_{noun}(record, {number})",
        f"    # keep the {noun} {words(rng, 2)} in step with the {words(rng, 2)} {number}",
        f"    log(record.{rng.choice(FIELDS)}, {number})",
        f"    return result, {number}",
    ]


def source_file(seed: str, key: str, stem: str, variant: int, changed: range) -> str:
    lines = ['"""Generated module."""', "_STORE = {}", ""]
    for number in range(FUNCTIONS_PER_FILE):
        name = f"{VERBS[number % len(VERBS)]}_{NOUNS[number % len(NOUNS)]}_{stem}"
        ref = f"{key}-{number % 10 + 1}"
        version = variant if number in changed else 0
        rng = random.Random(f"{seed}/{number}/{version}")
        lines += function_text(rng, name, ref, version)
    return "\n".join(lines) + "\n"


def changed_functions(shape: Shape) -> range:
    count = max(1, shape.lines // LINES_PER_FUNCTION)
    start = (FUNCTIONS_PER_FILE - count) // 2
    return range(start, start + count)


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def source_files(shape: Shape, variant: int, changed_count: int) -> dict[str, str]:
    """Every source file; the first `changed_count` ones (spread over the modules) rewritten."""
    files = {}
    changed = changed_functions(shape)
    for number in range(2 * shape.files):
        index = number % shape.specs
        stem = f"f{number}"
        rewrite = variant if number < changed_count else 0
        path = f"src/{module(index)}/{stem}.py"
        files[path] = source_file(f"{shape.seed}/{number}", spec_id(index), stem, rewrite, changed)
    return files


def generate(root: Path, shape: Shape) -> dict[str, str]:
    """The base commit, and branches `quarter`, `half` and `full` each one commit on top."""
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    rng = random.Random(shape.seed)
    files = {f"specs/{module(i)}.md": spec_text(i, shape, rng) for i in range(shape.specs)}
    for index in range(shape.specs):
        key = spec_id(index)
        ids = [f"{key}-{n}" for n in range(1, shape.requirements)] + [f"{key}-E1"]
        files[f"tests/{module(index)}/test_{module(index)}.py"] = "".join(
            f'def test_{n}():\n    """{ref}"""\n    assert create_password_f{index}\n\n'
            for n, ref in enumerate(ids)
        )
    files.update(source_files(shape, 0, 0))
    write(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    commits = {}
    for label, part in (("quarter", 4), ("half", 2), ("full", 1)):
        git(root, "checkout", "-q", "-B", label, "main")
        write(root, source_files(shape, 1, shape.files // part))
        git(root, "commit", "-q", "-am", f"Rewrite {shape.files // part} files ({label})")
        commits[label] = git(root, "rev-parse", "HEAD").strip()
    git(root, "checkout", "-q", "full")
    return commits


# --- timing -----------------------------------------------------------------------------------


def measure(command: Sequence[Sequence[str]], cwd: Path) -> Run:
    """Wall-clock time of the commands run one after the other, and the largest peak RSS."""
    env = {**USER_ENV, "NO_COLOR": "1"}
    peak = 0
    start = time.perf_counter()
    for argv in command:
        process = subprocess.Popen(
            argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        assert process.stderr is not None
        error = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        process.stderr.close()
        if process.returncode != 0:
            raise SystemExit(f"bench_review: `{' '.join(argv)}` failed: {error.decode()[-500:]}")
        peak = max(peak, usage.ru_maxrss)  # KiB on Linux
    return Run(time.perf_counter() - start, peak / 1024)


def time_commands(label: str, command: Sequence[Sequence[str]], cwd: Path, runs: int) -> Timing:
    measure(command, cwd)  # warm the disk cache and the bytecode
    return Timing(label, tuple(measure(command, cwd) for _ in range(runs)))


def check_output(specflow: Path, root: Path, rev: str) -> dict[str, int]:
    """The review is real work: valid JSON, every changed file, the affected specs."""
    done = subprocess.run(
        [str(specflow), "review", rev, "--format", "json"], cwd=root, capture_output=True
    )
    data = json.loads(done.stdout)
    if data.get("schema") not in (1, 2) or not data["files"]:
        raise SystemExit("bench_review: the review's JSON is not a review")
    return {
        "files": len(data["files"]),
        "added": sum(f["added"] for f in data["files"]),
        "removed": sum(f["removed"] for f in data["files"]),
        "specs": len(data["specs"]),
        "questions": (
            len(data["questions"]) + data["questions_not_shown"]
            if data["schema"] == 2  # one per statement and file, ranked (REVIEW-17)
            else sum(len(s["questions"]) for s in data["specs"])  # one per hunk and statement
        ),
        "ripples": len(data["ripples"]),
        "bytes": len(done.stdout),
    }


def machine() -> str:
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU(s), "
        f"Python {platform.python_version()}, {git(Path.cwd(), 'version').strip()}"
    )


def run(args: argparse.Namespace, root: Path) -> int:
    shape = Shape(args.specs, args.requirements, args.files, args.lines, args.seed)
    started = time.perf_counter()
    commits = generate(root, shape)
    specflow = specflow_script()
    prefixes = sorted({spec_id(i) for i in range(shape.specs)})
    print(f"machine: {machine()}")
    print(f"specflow: {specflow}")
    print(
        f"repository: {shape.specs} specs x {shape.requirements} requirements, "
        f"{2 * shape.files} source files + {shape.specs} test files "
        f"(built in {time.perf_counter() - started:.0f} s)"
    )
    print(f"runs: {args.runs} timed (+1 warm-up) per command; seconds; peak RSS in MiB\n")
    rows = [("commit", "files", "-/+ lines", "command", "median", "min-max", "peak", "ratio")]
    full: Timing | None = None
    alternation = "(" + "|".join(prefixes) + ")-"
    for label, commit in commits.items():
        shown = check_output(specflow, root, label)
        diff = ["git", "diff", f"{commit}~1", commit]
        grep = ["git", "grep", "-I", "-n", "--null"]
        tree = [commit, "--", ".", ":(exclude,glob)specs/**"]
        commands = {
            # the floor: what any review has to read, asked of git the fastest way
            "git diff + git grep -E '(P1|P2|...)-'": [
                diff,
                [*grep, "-E", "-e", alternation, *tree],
            ],
            # the same grep as one fixed string per prefix, the way gitread.grep asks for it
            "git diff + git grep -F -e P1- -e P2- ...": [
                diff,
                [*grep, "-F", *(f"-e{prefix}-" for prefix in prefixes), *tree],
            ],
            "specflow review --format json": [[str(specflow), "review", label, "--format", "json"]],
        }
        timings = [time_commands(name, argv, root, args.runs) for name, argv in commands.items()]
        floor, full = timings[0], timings[-1]
        for timing in timings:
            ratio = "(floor)" if timing is floor else f"{timing.median / floor.median:.1f}x"
            rows.append(
                (
                    label,
                    str(shown["files"]),
                    f"-{shown['removed']}/+{shown['added']}",
                    timing.label,
                    f"{timing.median:.2f}",
                    timing.spread,
                    f"{timing.peak:.0f}",
                    ratio,
                )
            )
        print(f"{label}: {shown}", file=sys.stderr)
    print_table(rows)
    assert full is not None
    print(
        f"\nfull commit: {full.median:.2f} s (target < {TIME_TARGET:.0f} s: "
        f"{verdict(full.median < TIME_TARGET)}), peak {full.peak:.0f} MiB "
        f"(target < {MEMORY_TARGET} MiB: {verdict(full.peak < MEMORY_TARGET)})"
    )
    return 0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--specs", type=int, default=200, help="specs (default 200)")
    parser.add_argument("--requirements", type=int, default=10, help="per spec (default 10)")
    parser.add_argument("--files", type=int, default=1000, help="files changed (default 1000)")
    parser.add_argument("--lines", type=int, default=100, help="lines per file (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--keep", type=Path, help="build into this new folder and keep it")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.files < 4 or not 10 <= args.lines <= 200:
        parser.error("need --runs >= 1, --files >= 4 and 10 <= --lines <= 200")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    return in_folder(run, parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
