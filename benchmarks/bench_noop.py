"""Count the Python hunks of real history that `specflow review` judges no-op (REVIEW-16), and
sample the ones that are not plainly formatting, to be read by hand (issue #12).

    python benchmarks/bench_noop.py --project requests=/work/.mirror/psf+requests/repo \\
        --project itsdangerous=/work/.mirror/pallets+itsdangerous/repo \\
        --project markupsafe=/work/.mirror/pallets+markupsafe/repo \\
        --project tenacity=/work/.mirror/jd+tenacity/repo \\
        --project cachecontrol=/work/.mirror/psf+cachecontrol/repo \\
        --project pluggy=/work/.mirror/pytest-dev+pluggy/repo \\
        [--commits 400] [--sample 25] [--seed 12] [--dump noop-sample.txt]

A no-op hunk is one the review says nothing about, so a hunk judged no-op that changes
behaviour is the worst miss: the reviewer is told nothing of a real change. This script walks
each project's first-parent history (`git rev-list --first-parent --no-merges -n N HEAD`) and,
for each commit that changes `.py` files, judges every hunk with specflow's own functions, in a
scratch repository that borrows the history's objects (git alternates, nothing copied).

A no-op hunk is *plain* when its removed and added lines are the same code tokens once
whitespace, comments and docstrings are dropped and each string literal is read as its value
(black's quotes and line breaks); the others (pyupgrade's rewrites, typing-only code, renamed
locals, log text, narrowing into a block) are where a wrong rule would hide. Prints per project
the commits walked and those that change Python, the Python hunks, the hunks judged no-op and
those not plain; `--dump` writes a
seeded sample of `--sample` not-plain no-op hunks per project (sha, path, the hunk's - and +
lines) to read; benchmarks/noop/audit.yaml holds the verdicts given on them.

A script, not a test: it needs the fetched history and exits 0 whatever the figures; 1 when a
command fails (git); 2, with one line, for arguments it cannot use.
"""

from __future__ import annotations

import argparse
import ast
import io
import random
import sys
import tempfile
import tokenize
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_links import Scratch
from common import print_table

from specflow.change import FileChange, Hunk

_SKIPPED = {
    tokenize.COMMENT,
    tokenize.NL,
    tokenize.NEWLINE,
    tokenize.INDENT,
    tokenize.DEDENT,
    tokenize.ENDMARKER,
}


@dataclass(frozen=True)
class Silenced:
    """A hunk judged no-op that is not plain formatting."""

    sha: str
    path: str
    hunk: Hunk


@dataclass(frozen=True)
class Tally:
    walked: int
    commits: int  # of them, those that change Python hunks
    hunks: int
    noop: int
    silenced: tuple[Silenced, ...]


def bad_input(message: str) -> NoReturn:
    print(f"bench_noop: {message}", file=sys.stderr)
    raise SystemExit(2)


# SILENCE-2: what makes a no-op hunk plain
def code_tokens(source: bytes | None) -> dict[int, list[str]] | None:
    """Each line's code tokens: no comment, no docstring, a string literal as its value; None
    when the file does not tokenize or parse (then no hunk of it is plain)."""
    if source is None:
        return {}
    try:
        text = source.decode("utf-8")
        tree = ast.parse(text)
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (SyntaxError, UnicodeDecodeError, ValueError, tokenize.TokenError):
        return None
    docstrings = {
        line
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for line in range(node.lineno, (node.end_lineno or node.lineno) + 1)
    }
    lines: dict[int, list[str]] = {}
    for token in tokens:
        if token.type in _SKIPPED or token.start[0] in docstrings:
            continue
        lines.setdefault(token.start[0], []).append(_spelled(token))
    return lines


def _spelled(token: tokenize.TokenInfo) -> str:
    if token.type != tokenize.STRING:
        return token.string
    try:
        return repr(ast.literal_eval(token.string))
    except (SyntaxError, ValueError):
        return token.string


def is_plain(
    hunk: Hunk, old: dict[int, list[str]] | None, new: dict[int, list[str]] | None
) -> bool:
    """The same code tokens on both sides of the hunk's changed lines."""
    if old is None or new is None:
        return False
    before = [token for line in hunk.removed for token in old.get(line.number, [])]
    after = [token for line in hunk.added for token in new.get(line.number, [])]
    return before == after


def judge_commit(folder: Path, sha: str) -> tuple[int, int, list[Silenced]]:
    """The Python hunks of one commit, those judged no-op, and the no-op ones not plain."""
    from specflow import gitio, gitread, pipeline
    from specflow.errors import SpecflowError
    from specflow.languages.python import file_symbols

    try:
        repo = gitio.open_repo(folder)
        revision = gitio.revision(repo, sha)
        files = [f for f in gitread.read_change(repo, revision).files if _python(f)]
        sources = pipeline.start_sources(repo, revision, files)() if files else {}
    except SpecflowError as error:
        raise SystemExit(f"reading {sha}: {error}") from error
    if not files:
        return 0, 0, []
    hunks = noop = 0
    silenced: list[Silenced] = []
    for file in files:
        old, new = sources.get(file.path, (None, None))
        _, facts = file_symbols(file, old, new, set())
        hunks += len(file.hunks)
        noop += len(facts.noop)
        tokens = code_tokens(old), code_tokens(new)
        silenced += [
            Silenced(sha, file.path, file.hunks[index])
            for index in sorted(facts.noop)
            if not is_plain(file.hunks[index], *tokens)
        ]
    return hunks, noop, silenced


def _python(file: FileChange) -> bool:
    return file.path.endswith(".py") and not file.binary and bool(file.hunks)


# SILENCE-1: the first-parent walk, judged in a scratch repository
def run_project(history: Path, commits: int) -> Tally:
    with tempfile.TemporaryDirectory(prefix="bench-noop-") as name:
        folder = Path(name)
        scratch = Scratch(folder, history, {})
        listed = scratch.run(
            f"--git-dir={history}",
            "rev-list",
            "--first-parent",
            "--no-merges",
            "-n",
            str(commits),
            "HEAD",
        ).split()
        read = hunks = noop = 0
        silenced: list[Silenced] = []
        for sha in listed:
            found = judge_commit(folder, sha)
            read += found[0] > 0
            hunks += found[0]
            noop += found[1]
            silenced += found[2]
    return Tally(len(listed), read, hunks, noop, tuple(silenced))


# SILENCE-4
def sample(silenced: Sequence[Silenced], size: int, seed: int) -> list[Silenced]:
    """`size` of them, the same ones for the same history and seed, in history order."""
    if len(silenced) <= size:
        return list(silenced)
    chosen = set(random.Random(seed).sample(range(len(silenced)), size))
    return [item for index, item in enumerate(silenced) if index in chosen]


def shown(project: str, item: Silenced) -> str:
    hunk = item.hunk
    head = f"=== {project} {item.sha} {item.path} @@ -{hunk.old_start} +{hunk.new_start} @@"
    lines = [head, *(f"-{line.text}" for line in hunk.removed)]
    lines += [f"+{line.text}" for line in hunk.added]
    return "\n".join(lines) + "\n"


# SILENCE-5: exit 2 for arguments it cannot use
def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--project", action="append", required=True, metavar="NAME=GIT_DIR")
    parser.add_argument("--commits", type=int, default=400, help="commits per project")
    parser.add_argument("--sample", type=int, default=25, help="not-plain hunks per project")
    parser.add_argument("--seed", type=int, default=12, help="the sample's seed")
    parser.add_argument("--dump", type=Path, help="write the sampled hunks here")
    args = parser.parse_args(argv)
    if args.commits < 1 or args.sample < 0:
        bad_input("--commits must be 1 or more and --sample 0 or more")
    if args.dump is not None and args.dump.exists():
        bad_input(f"--dump {args.dump}: the file exists; name a new one")
    return args


def projects(values: Sequence[str]) -> list[tuple[str, Path]]:
    pairs: list[tuple[str, Path]] = []
    for value in values:
        name, _, folder = value.partition("=")
        if not name or not (Path(folder) / "objects").is_dir():
            bad_input(f"--project {value}: want NAME=GIT_DIR, a git directory")
        pairs.append((name, Path(folder)))
    return pairs


# SILENCE-3: the figures per project and overall
def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    rows: list[tuple[str, ...]] = [
        ("project", "walked", "with .py", "hunks", "no-op", "not plain", "sampled")
    ]
    dumped: list[str] = []
    totals = [0] * 6
    for name, history in projects(args.project):
        tally = run_project(history, args.commits)
        picked = sample(tally.silenced, args.sample, args.seed)
        dumped += [shown(name, item) for item in picked]
        counts = (
            tally.walked,
            tally.commits,
            tally.hunks,
            tally.noop,
            len(tally.silenced),
            len(picked),
        )
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        rows.append((name, *map(str, counts)))
    rows.append(("overall", *map(str, totals)))
    print_table(rows)
    if args.dump is not None:
        from specflow.fsio import write_atomic

        write_atomic(args.dump, "\n".join(dumped).encode(), create_only=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
