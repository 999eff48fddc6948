"""The labelled ripples benchmark: its scoring, and a replay of a local history (RIPBENCH-*).

The real histories are fetched, not committed, so the suite replays a small history built here;
`benchmarks/bench_ripples.py` itself is run by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import bench_ripples
from bench_ripples import Follow, RippleLabel, RippleOutcome, Shown, score

SPEC = """---
id: TOKEN
scope:
  - src/token.py
---

# Tokens

## Context
- `make_token()` writes `user.stamp.mac`; `check_token()` splits on the same `SEP`.

## Requirements
- TOKEN-1: A token expires after one hour.
"""

SOURCE = """SEP = "."


def make_token(user: str, stamp: int) -> str:
    return user + SEP + str(stamp)


def check_token(token: str) -> str:
    user, _ = token.split(SEP)
    return user
"""

CALLER = """from token import make_token


def login(user: str) -> str:
    return make_token(user, 0)
"""


def label(*follow: Follow, noop: bool = False) -> RippleLabel:
    return RippleLabel("a" * 40, noop, follow, "why")


def test_precision_recall_and_users_count_distinct_names_per_commit():
    """RIPBENCH-2, RIPBENCH-3: a name shown twice counts once; a dotted name by its last part;
    a must-show user counts only under a ripple of its own name."""
    outcomes = [
        RippleOutcome(
            label(Follow("SEP", ("src/token.py:check_token",)), Follow("make_token", ())),
            (
                Shown("SEP", frozenset({"src/token.py:check_token"})),
                Shown("token.SEP", frozenset()),
                Shown("helper", frozenset({"src/token.py:check_token"})),
            ),
        ),
        RippleOutcome(
            label(Follow("stamp", ("src/a.py:", "src/b.py:run"))),
            (Shown("stamp", frozenset({"src/a.py:"})),),
        ),
        RippleOutcome(label(noop=True), (Shown("SEP", frozenset()), Shown("other", frozenset()))),
        RippleOutcome(label(noop=True), ()),
    ]
    result = score(outcomes)
    assert result.commits == 4
    # distinct names shown: SEP, helper | stamp | SEP, other = 5, of which SEP and stamp wanted
    assert result.precision == pytest.approx(2 / 5)
    assert result.recall == pytest.approx(2 / 3)
    assert result.sites == pytest.approx(2 / 3)
    assert result.per_commit == pytest.approx(2.0)
    assert result.per_noop == pytest.approx(1.0)


def test_nothing_shown_has_no_precision():
    """RIPBENCH-E1"""
    result = score([RippleOutcome(label(), ()), RippleOutcome(label(noop=True), ())])
    assert (result.precision, result.recall, result.sites) == (None, None, None)
    assert result.per_noop == 0.0


def project(folder: Path, labels: str, ripples: str) -> tuple[Path, Path]:
    links = folder / "links" / "tokens"
    (links / "specs").mkdir(parents=True)
    (links / "specs" / "token.md").write_text(SPEC, encoding="utf-8")
    (links / "labels.yaml").write_text(labels, encoding="utf-8")
    (folder / "ripples").mkdir()
    (folder / "ripples" / "tokens.yaml").write_text(ripples, encoding="utf-8")
    return folder / "ripples", folder / "links"


def test_replays_labelled_commits_and_reads_the_reviews_ripples(repo, tmp_path, capsys):
    """RIPBENCH-1, RIPBENCH-2, RIPBENCH-3: the real specflow reviews each commit of a history;
    the change of `SEP` in `make_token` only ripples to its untouched reader `check_token`, and
    the no-op commit of the links labels shows no ripple."""
    repo.commit("tokens", {"src/token.py": SOURCE, "src/login.py": CALLER})
    changed = SOURCE.replace('SEP = "."', 'SEP = "~"')
    behaviour = repo.commit("a new separator", {"src/token.py": changed})
    noop = repo.commit(
        "comment", {"src/token.py": changed.replace("def make_token", "# tokens\ndef make_token")}
    )
    refs = repo.git("for-each-ref")
    ripples, links = project(
        tmp_path,
        f"- sha: {noop}\n  kind: noop\n  why: a comment\n  expect: []\n",
        f"- sha: {behaviour}\n  follow:\n    - name: SEP\n"
        '      at: ["src/token.py:check_token"]\n  why: separator\n',
    )
    history = f"tokens={repo.path / '.git'}"
    arguments = [
        "--project",
        history,
        "--ripples",
        str(ripples),
        "--links",
        str(links),
        "--verbose",
    ]
    assert bench_ripples.main(arguments) == 0
    out = capsys.readouterr().out
    detail = {line.split()[1]: line for line in out.splitlines() if line.startswith("tokens ")}
    assert detail[behaviour[:10]].split("ripples ")[1].startswith("1: SEP ")
    assert "missed" not in detail[behaviour[:10]] and "not shown" not in detail[behaviour[:10]]
    assert detail[noop[:10]].startswith(f"tokens {noop[:10]} noop     ripples 0: -")
    overall = [line.split() for line in out.splitlines() if line.startswith("overall")]
    assert overall == [["overall", "2", "1.00", "1.00", "1.00", "1.0", "0.0"]]
    assert repo.git("for-each-ref") == refs


def test_a_bad_site_is_bad_input_naming_file_and_line(repo, tmp_path, capsys):
    """RIPBENCH-4"""
    sha = repo.commit("tokens", {"src/token.py": SOURCE})
    ripples, links = project(
        tmp_path,
        "[]\n",
        f"- sha: {sha}\n  follow: []\n  why: ok\n"
        f"- sha: {sha}\n  follow:\n    - name: SEP\n      at: [check_token]\n  why: no path\n",
    )
    with pytest.raises(SystemExit) as stopped:
        bench_ripples.main(
            [
                "--project",
                f"tokens={repo.path / '.git'}",
                "--ripples",
                str(ripples),
                "--links",
                str(links),
            ]
        )
    assert stopped.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"bench_ripples: {ripples / 'tokens.yaml'}:4: `at` of SEP must be")
    assert len(err.splitlines()) == 1


def test_a_project_without_ripple_labels_is_refused(repo, tmp_path, capsys):
    """RIPBENCH-4"""
    ripples, links = project(tmp_path, "[]\n", "[]\n")
    with pytest.raises(SystemExit) as stopped:
        bench_ripples.main(
            [
                "--project",
                f"other={repo.path / '.git'}",
                "--ripples",
                str(ripples),
                "--links",
                str(links),
            ]
        )
    assert stopped.value.code == 2
    assert "other.yaml" in capsys.readouterr().err
