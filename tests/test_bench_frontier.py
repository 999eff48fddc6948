"""The frontier benchmark: its features, its logistic regression, and a leave-one-project-out
replay of two small local histories (FRONTIER-*).

The real histories are fetched, not committed; `benchmarks/bench_frontier.py` itself is run by
hand."""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import bench_frontier
from bench_frontier import FEATURES, Candidate, Commit, candidates, fit, probability, shown, solve
from bench_links import Label

from test_bench_links import SOURCE, SPEC


def question(key: str, sure: float, evidence: str = "identifier", kind: str = "requirement"):
    spec = key.partition("-")[0]
    return {
        "statement": {"spec": spec, "kind": kind, "id": key, "line": 1},
        "confidence": sure,
        "evidence": {"kind": evidence, "names": ["make_token"], "words": ["token", "user"]},
        "affected": True,
        "hunks": [{"path": "src/token.py", "start": 1, "end": 2}],
        "acts": [],
    }


def test_a_question_is_described_by_the_features_its_json_holds():
    """FRONTIER-1"""
    review = {"questions": [question("TOKEN-1", 0.8), question("TOKEN-2", 0.4, "words")]}
    first, second = candidates(review, {})
    assert len(first.features) == len(FEATURES)
    named = dict(zip(FEATURES, second.features, strict=True))
    assert (second.key, named["confidence"], named["confidence / strongest"]) == (
        "TOKEN-2",
        0.4,
        0.5,
    )
    assert named["evidence identifier"] == 0.0 and named["statement requirement"] == 1.0
    assert (named["words"], named["identifiers"], named["hunks"]) == (2.0, 1.0, 1.0)
    assert named["log rank"] == pytest.approx(math.log(2))


def test_what_specflow_shows_is_its_cut_and_budget():
    """FRONTIER-2, FRONTIER-E1"""
    many = tuple(Candidate(f"T-{n}", 0.9 - 0.01 * n, ()) for n in range(12))
    weak = (Candidate("T-0", 1.0, ()), Candidate("T-1", 0.64, ()), Candidate("T-2", 0.65, ()))
    label = Label("a" * 40, "behaviour", "why", ())
    assert shown(Commit("p", label, many)) == [f"T-{n}" for n in range(10)]
    assert shown(Commit("p", label, weak)) == ["T-0", "T-2"]
    assert shown(Commit("p", label, weak), 1) == ["T-0"]
    assert shown(Commit("p", label, ())) == []


def test_solve_finds_the_solution_of_a_system_that_needs_a_pivot():
    assert solve([[0.0, 2.0], [3.0, 1.0]], [4.0, 5.0]) == pytest.approx([1.0, 2.0])


def test_fit_learns_which_feature_tells_right_from_wrong():
    """FRONTIER-E2: the second feature is constant, and must not divide by zero."""
    rows = [(float(x), 1.0) for x in range(20)]
    truth = [x >= 10 for x in range(20)]
    model = fit(rows, truth)
    assert probability(model, (18.0, 1.0)) > 0.9 > 0.1 > probability(model, (1.0, 1.0))
    assert model.scales[1] == 1.0


def labelled(folder: Path, name: str, entries: str) -> None:
    (folder / name / "specs").mkdir(parents=True)
    (folder / name / "specs" / "token.md").write_text(SPEC, encoding="utf-8")
    (folder / name / "labels.yaml").write_text(entries, encoding="utf-8")


def test_each_project_is_judged_by_a_model_of_the_others(repo, tmp_path, capsys):
    """FRONTIER-3, FRONTIER-4, FRONTIER-6: the real specflow reviews each labelled commit of
    two projects (one history, labelled twice), and the table has every row."""
    root = repo.commit("tokens", {"src/token.py": SOURCE})
    longer = SOURCE.replace("max_age: int = 3600", "max_age: int = 7200  # TOKEN-1: two hours")
    behaviour = repo.commit("longer tokens", {"src/token.py": longer})
    user = longer.replace('user + "."', 'user.upper() + "."')
    named = repo.commit("upper-case user", {"src/token.py": user})
    links = tmp_path / "links"
    entries = (
        f"- sha: {root}\n  kind: behaviour\n  why: first\n  expect: []\n"
        f"- sha: {behaviour}\n  kind: behaviour\n  why: two hours\n  expect: [TOKEN-1]\n"
        f"- sha: {named}\n  kind: behaviour\n  why: the user\n  expect: [TOKEN-2]\n"
    )
    labelled(links, "one", entries)
    labelled(links, "two", entries)
    history = str(repo.path / ".git")
    args = ["--project", f"one={history}", "--project", f"two={history}", "--links", str(links)]
    assert bench_frontier.main([*args, "--thresholds", "0.2,0.5", "--budgets", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()[2:]
    rows = {cells[0]: cells[1:] for cells in (re.split(r"\s{2,}", line) for line in lines)}
    assert list(rows) == [
        "as shipped",
        "budget 1",
        "learned order",
        "learned >= 0.2",
        "learned >= 0.5",
    ]
    assert all(row[0] == "6" for row in rows.values())
    assert float(rows["as shipped"][2]) >= 0.5  # TOKEN-1, named in its hunk, is always raised
    assert rows["learned order"][1:3] == rows["as shipped"][1:3]  # the same questions


def test_one_project_or_bad_thresholds_are_refused(repo, tmp_path, capsys):
    """FRONTIER-5"""
    sha = repo.commit("tokens", {"src/token.py": SOURCE})
    links = tmp_path / "links"
    labelled(links, "one", f"- sha: {sha}\n  kind: noop\n  why: ok\n  expect: []\n")
    project = ["--project", f"one={repo.path / '.git'}", "--links", str(links)]
    for args in (project, [*project, "--thresholds", "half"]):
        with pytest.raises(SystemExit) as stopped:
            bench_frontier.main(args)
        assert stopped.value.code == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1
        assert "two projects" in err or "want numbers" in err
