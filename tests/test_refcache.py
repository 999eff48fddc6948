"""The reference cache: what a check finds with it is what a search of the whole tree finds, on
random histories (SPEED-8), and a warm hook searches only the files the change touches."""

from __future__ import annotations

import os
import subprocess
from functools import partial

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from specflow import gitio, gitread, pipeline
from specflow.change import Revision
from specflow.config import load_config
from specflow.refcache import unit_tests_of
from specflow.refs import by_test_code, grep_rows, references
from testing.stories import PAY_SPEC
from testing.util import Repo

NAMES = [
    "src/pay/a.py",
    "src/pay/b.py",
    "src/pay/with space.py",
    "src/pay/lib.rs",
    "tests/test_pay.py",
    "docs/notes.md",
    "specs/notes.txt",
    os.fsdecode(b"src/pay/caf\xe9.py"),
]
LINES = ["x = 1", "# PAY-1", "# PAY-2 and PAY-9", "PAY-E1", "y = 2", "PAY-"]
RUST_TESTS = ["#[cfg(test)]", "mod tests {", "}"]  # CHECK-E27: a Rust file's test code
TEXTS = st.lists(st.sampled_from([*LINES, *RUST_TESTS]), max_size=5).map(
    lambda lines: "".join(f"{line}\n" for line in lines)
)
STEPS = st.one_of(
    st.tuples(st.just("write"), st.sampled_from(NAMES), TEXTS),
    st.tuples(st.just("delete"), st.sampled_from(NAMES), st.just("")),
    st.tuples(st.just("rename"), st.sampled_from(NAMES), st.sampled_from(NAMES)),
    st.tuples(st.just("commit"), st.just(""), st.just("")),
    st.tuples(st.just("checkout"), st.sampled_from(["main", "side", "HEAD~1"]), st.just("")),
    st.tuples(st.just("spoil"), st.sampled_from([b"", b"not a pickle"]), st.just("")),
)


def searched(repo: gitio.RepoInfo, revision: Revision) -> list[tuple[str, int, str, str]]:
    """The references of the resulting tree from one search of the whole tree: the truth."""
    config = load_config(repo.root)
    specs = pipeline.tree_specs(repo, config, revision)
    patterns = sorted(f"{prefix}-" for prefix in specs.prefixes)
    excludes = (f"{config.specs_dir}/**", *config.exclude)
    data = gitread.grep(repo.root, gitread.grep_args(patterns, revision, excludes))
    found = references(grep_rows(data, revision.tree), specs.prefixes, config.test_globs)
    found = by_test_code(found, partial(unit_tests_of, repo, revision, {}))
    return sorted((r.id, r.path, r.line, r.kind) for r in found)


def cached(repo: gitio.RepoInfo, revision: Revision) -> list[tuple[str, int, str, str]]:
    snap = pipeline.snapshot(repo, revision)
    return sorted((r.id, r.path, r.line, r.kind) for r in snap.references)


def apply(repo: Repo, step: tuple[str, object, object]) -> None:
    kind, first, second = step
    if kind == "write":
        repo.stage({str(first): str(second)})
    elif kind == "delete" and (repo.path / str(first)).exists():
        repo.git("rm", "-q", "-f", "--", str(first))
    elif kind == "rename" and (repo.path / str(first)).exists() and first != second:
        if not (repo.path / str(second)).exists():
            (repo.path / str(second)).parent.mkdir(parents=True, exist_ok=True)
            repo.git("mv", "-f", "--", str(first), str(second), check=False)
    elif kind == "commit":
        repo.git("commit", "-q", "--allow-empty", "-m", "step")
    elif kind == "checkout":
        repo.git("stash", "-q", "--include-untracked", check=False)
        repo.git("checkout", "-q", "--detach", str(first), check=False)
    elif kind == "spoil":
        cache = repo.path / ".git" / "specflow" / "refs.pickle"
        if cache.exists():
            cache.write_bytes(first)  # type: ignore[arg-type]


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEPS, min_size=1, max_size=10))
def test_the_cache_finds_what_a_search_of_the_whole_tree_finds(tmp_path_factory, steps):
    """SPEED-8: after every step of a random history (edits, deletes, renames, commits, another
    branch or an older commit checked out, a spoilt cache file), the references of the index
    and of HEAD equal those of a fresh search, a Rust file's test code read as it is now."""
    path = tmp_path_factory.mktemp("refcache")
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    repo = Repo(path)
    repo.commit("spec", {"specs/pay.md": PAY_SPEC, "src/pay/a.py": "# PAY-1\n"})
    repo.commit("two", {"tests/test_pay.py": "# PAY-1 PAY-2\n"})
    repo.git("branch", "side", "HEAD~1")
    for step in steps:
        apply(repo, step)
        info = gitio.open_repo(path)
        staged = gitio.revision(info, None, staged=True)
        assert cached(info, staged) == searched(info, staged), step
        head = gitio.revision(info, "HEAD")
        assert cached(info, head) == searched(info, head), step


def test_a_warm_hook_searches_only_the_staged_files(repo, cli, tmp_path):
    """SPEED-8 through the CLI: the second `check --staged` names the staged file to `git grep`
    instead of searching the whole tree, and still blocks what it must."""
    repo.commit("spec", {"specs/pay.md": PAY_SPEC, "src/pay/a.py": "# PAY-1\n"})
    repo.stage({"src/pay/b.py": "# PAY-9\n"})  # a dangling reference
    assert cli("check", "--staged").code == 1  # cold: the whole tree, and the cache is written
    trace = tmp_path / "trace"
    os.environ["GIT_TRACE"] = str(trace)
    try:
        result = cli("check", "--staged")
    finally:
        del os.environ["GIT_TRACE"]
    assert result.code == 1 and "PAY-9" in result.out + result.err
    greps = [line for line in trace.read_text().splitlines() if " grep " in line]
    assert len(greps) == 1 and ":(literal)src/pay/b.py" in greps[0], greps
    assert " . " not in greps[0].split(" -- ", 1)[1] + " "


def test_a_cache_of_another_commit_is_brought_up_to_date(repo, cli):
    """SPEED-8: after a commit the cache holds the parent; the next run searches what changed:
    a reference added and one deleted by the commit are both seen."""
    repo.commit("spec", {"specs/pay.md": PAY_SPEC, "src/pay/a.py": "# PAY-1\n"})
    first = cli("check", "HEAD")
    assert first.code == 1 and "PAY-2 is referenced nowhere" in first.out
    repo.commit("move", {"src/pay/a.py": None, "src/pay/b.py": "# PAY-1 PAY-2\n"})
    second = cli("check", "HEAD")
    assert "PAY-2 is referenced nowhere" not in second.out
    assert "src/pay/a.py" not in cli("show", "PAY-1").out
    assert "src/pay/b.py" in cli("show", "PAY-1").out
    assert (repo.path / ".git" / "specflow" / "refs.pickle").is_file()
