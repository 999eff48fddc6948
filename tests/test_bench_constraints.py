"""The labelled constraints benchmark: its tally, and a replay of a local history (CBENCH-*).

The real histories are fetched, not committed, so the suite replays a small history built here;
`benchmarks/bench_constraints.py` itself is run by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import bench_constraints
from bench_constraints import Label, Verdict, constraint_keys, tally

SPEC = """---
id: NET
scope:
  - src/**
---
# Network

## Requirements
- NET-1: `import net` stays cheap.

## Constraints
- forbid `re:^import ssl` in `src/**`: imported on demand.
- forbid `except:` in `src/**`: name the exception.
"""


def verdict(block: set[str], fired: set[str]) -> Verdict:
    return Verdict(Label("a" * 40, frozenset(block), "why"), frozenset(fired))


def test_tally_counts_commits_per_constraint_and_once_overall():
    """CBENCH-3, CBENCH-E2: two constraints firing on one commit block it once."""
    verdicts = [
        verdict({"n.md#1", "n.md#2"}, {"n.md#1", "n.md#2"}),
        verdict(set(), {"n.md#2"}),
        verdict({"n.md#1"}, set()),
        verdict(set(), set()),
    ]
    first, second, overall = (tally(verdicts, "n.md#1"), tally(verdicts, "n.md#2"), tally(verdicts))
    assert (first.expected, first.blocked, first.right) == (2, 1, 1)
    assert (first.precision, first.recall) == (1.0, 0.5)
    assert (second.expected, second.blocked, second.right) == (1, 2, 1)
    assert (overall.commits, overall.expected, overall.blocked, overall.right) == (4, 2, 2, 1)


def test_nothing_blocked_and_nothing_expected_have_no_figures():
    """CBENCH-3: `-`, not a division by zero."""
    counts = tally([verdict(set(), set())])
    assert (counts.precision, counts.recall) == (None, None)


def test_constraints_are_keyed_by_file_and_position_in_their_section():
    """CBENCH-1"""
    assert constraint_keys("net.md", SPEC) == {12: "net.md#1", 13: "net.md#2"}


def project(folder: Path, labels: str) -> Path:
    (folder / "net" / "specs").mkdir(parents=True)
    (folder / "net" / "specs" / "net.md").write_text(SPEC, encoding="utf-8")
    (folder / "net" / "labels.yaml").write_text(labels, encoding="utf-8")
    return folder


def test_replays_labelled_commits_and_reads_the_checks_constraints(repo, tmp_path, capsys):
    """CBENCH-1, CBENCH-2, CBENCH-3: the real specflow checks each commit of a history; an
    on-demand import passes, a module-level one and a bare except are blocked, and a moved bare
    except is not new (CHECK-E4)."""
    base = "def connect():\n    import ssl\n    try:\n        pass\n    except:\n        pass\n"
    repo.commit("base", {"src/net.py": base})
    top = repo.commit("top-level ssl", {"src/net.py": "import ssl\n" + base})
    moved = repo.commit("moved", {"src/net.py": "import ssl\n", "src/conn.py": base})
    bare = repo.commit("bare", {"src/retry.py": "try:\n    pass\nexcept:\n    pass\n"})
    refs = repo.git("for-each-ref")
    labels = (
        f"- sha: {top}\n  block: [net.md#1]\n  why: a module-level import\n"
        f"- sha: {moved}\n  block: []\n  why: moved\n"
        f"- sha: {bare}\n  block: [net.md#1]\n  why: labelled wrongly on purpose\n"
    )
    folder = project(tmp_path / "labelled", labels)
    arguments = ["--project", f"net={repo.path / '.git'}", "--constraints", str(folder)]
    assert bench_constraints.main([*arguments, "--verbose"]) == 0
    out = capsys.readouterr().out
    wrong = [line.split()[1] for line in out.splitlines() if " want " in line]
    assert wrong == [bare[:10]]
    assert "want net.md#1, blocked by net.md#2" in out
    rows = {" ".join(line.split()[:2]): line.split()[2:] for line in out.splitlines()}
    assert rows["net net.md#1"] == ["3", "2", "1", "0", "1.00", "0.50"]
    assert rows["net net.md#2"] == ["3", "0", "1", "1", "0.00", "-"]
    assert rows["overall (commits)"] == ["3", "2", "2", "0", "1.00", "1.00"]
    assert repo.git("for-each-ref") == refs


def test_a_label_naming_no_constraint_is_bad_input_naming_file_and_line(repo, tmp_path, capsys):
    """CBENCH-4, CBENCH-E1"""
    sha = repo.commit("base", {"src/net.py": "x = 1\n"})
    folder = project(tmp_path / "labelled", f"- sha: {sha}\n  block: [net.md#3]\n  why: no\n")
    with pytest.raises(SystemExit) as stopped:
        bench_constraints.main(
            ["--project", f"net={repo.path / '.git'}", "--constraints", str(folder)]
        )
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert f"{folder / 'net' / 'labels.yaml'}:1: block lists constraints" in err
    assert "net.md#1, net.md#2" in err
