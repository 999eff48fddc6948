"""Why specflow uses neither GitPython nor unidiff (docs/architecture.md): the figures.

    python -m venv /tmp/libs && /tmp/libs/bin/pip install GitPython unidiff -e .
    /tmp/libs/bin/python benchmarks/bench_libraries.py [--runs 7]

Not a dependency and not a test: run it with a scratch venv that has both libraries and
specflow. It measures, on a repository it builds in a temporary folder:

- the import of `git` (GitPython) in a fresh interpreter, against the bare interpreter and
  against `specflow check --staged` of a one-line change in bench_check.py's 1,000-file
  repository: what every hook run would pay;
- whether `git.Repo(...).index` sees the index that `GIT_INDEX_FILE` names (the index git hands
  a pre-commit hook during `git commit -a` or `git commit PATH`);
- what `repo.git.<cmd>(...)` does with an argument that starts with `-`;
- reading the patch of bench_review.py's largest commit (1,000 files, 100,000 changed lines)
  with `unidiff.PatchSet` against specflow's reader (`patch.split_raw`/`split_patch`/`assemble`).
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_review import Shape, generate
from common import USER_ENV, git, specflow_script
from synthetic import build, shape_for, touch


def median_of(runs: int, action: Callable[[], object]) -> tuple[float, float, float]:
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    times = times[1:]
    return statistics.median(times), min(times), max(times)


def fresh(code: str, cwd: Path | None = None) -> Callable[[], object]:
    return lambda: subprocess.run([sys.executable, "-c", code], check=True, cwd=cwd)


def shown(label: str, timing: tuple[float, float, float]) -> None:
    print(f"{label:<50} {timing[0]:.3f} s ({timing[1]:.3f}-{timing[2]:.3f})")


def import_cost(runs: int, root: Path) -> None:
    repo = root / "hook-repo"
    build(repo, shape_for(1000))
    touch(repo, 1)
    bare = median_of(runs, fresh("pass"))
    gitpython = median_of(runs, fresh("import git"))
    specflow = specflow_script()
    hook = median_of(
        runs, lambda: subprocess.run([str(specflow), "check", "--staged"], cwd=repo, check=True)
    )
    shown("python -c pass", bare)
    shown("python -c 'import git'", gitpython)
    print(f"  import git alone: {gitpython[0] - bare[0]:.3f} s")
    shown("specflow check --staged (1,000 files, 20 specs)", hook)


def index_file(root: Path) -> None:
    gitpython: Any = importlib.import_module("git")

    repo = root / "index-repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "a.txt").write_text("a\n")
    git(repo, "add", "a.txt")
    git(repo, "commit", "-q", "-m", "a")
    (repo / "b.txt").write_text("b\n")
    other = repo / ".git" / "other-index"
    env = {**os.environ, **USER_ENV, "GIT_INDEX_FILE": str(other)}
    subprocess.run(["git", "read-tree", "HEAD"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "add", "b.txt"], cwd=repo, env=env, check=True)
    seen_by_git = subprocess.run(
        ["git", "ls-files"], cwd=repo, env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    os.environ["GIT_INDEX_FILE"] = str(other)
    try:
        seen_by_gitpython = sorted(path for path, _ in gitpython.Repo(repo).index.entries)
        passthrough = gitpython.Repo(repo).git.ls_files("--cached").split()
    finally:
        del os.environ["GIT_INDEX_FILE"]
    print(f"GIT_INDEX_FILE={other.name}: git ls-files sees {seen_by_git}")
    print(f"  GitPython Repo.index.entries sees {seen_by_gitpython}")
    print(f"  GitPython repo.git.ls_files (a git process) sees {passthrough}")


def passthrough(root: Path) -> None:
    gitpython: Any = importlib.import_module("git")

    repo = root / "index-repo"
    written = root / "written-by-log"
    gitpython.Repo(repo).git.log(f"--output={written}")  # a "revision" as a user might type it
    print(f"repo.git.log('--output=FILE') wrote FILE: {written.exists()}")


def patch_reading(runs: int, root: Path) -> None:
    unidiff: Any = importlib.import_module("unidiff")

    from specflow.patch import assemble, split_patch, split_raw

    repo = root / "review-repo"
    generate(repo, Shape(200, 10, 1000, 100, 1))
    raw_patch = subprocess.run(
        ["git", "diff", "--raw", "--no-abbrev", "-z", "-p", "full~1", "full"],
        cwd=repo,
        check=True,
        capture_output=True,
    ).stdout
    patch = subprocess.run(
        ["git", "diff", "full~1", "full"], cwd=repo, check=True, capture_output=True
    ).stdout
    text = patch.decode()

    def specflow_reader() -> object:
        entries, rest = split_raw([raw_patch])
        return assemble(entries, split_patch(rest))

    theirs = median_of(runs, lambda: unidiff.PatchSet(text))
    ours = median_of(runs, specflow_reader)
    files = len(unidiff.PatchSet(text))
    print(f"patch: {files} files, {len(patch) / 1e6:.1f} MB, {text.count(chr(10)):,} lines")
    shown("unidiff.PatchSet", theirs)
    shown("specflow's reader", ours)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        index_file(root)
        passthrough(root)
        import_cost(args.runs, root)
        patch_reading(args.runs, root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
