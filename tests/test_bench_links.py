"""The labelled links benchmark: its scoring from lists, and a replay of a local history (LINKS-*).

The real histories (psf/requests, pallets/itsdangerous) are fetched, not committed, so the suite
replays a small history built here; `benchmarks/bench_links.py` itself is run by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import bench_links
from bench_links import Label, Outcome, context_lines, raised_keys, score

SPEC = """---
id: TOKEN
scope:
  - src/token.py
---

# Tokens

## Context
- `make_token()` signs the user id with HMAC-SHA256.
- `check_token()` compares in constant time.

## Requirements
- TOKEN-1: A token expires after one hour.
- TOKEN-2: A token names the user it was made for.

## Edge Cases
- TOKEN-E1: A token from the future is refused.
"""

SOURCE = '''import hmac
import time


def make_token(user: str, key: bytes) -> str:
    """A token for the user."""
    stamp = str(int(time.time()))
    return user + "." + stamp + "." + hmac.new(key, (user + stamp).encode(), "sha256").hexdigest()


def check_token(token: str, key: bytes, max_age: int = 3600) -> bool:
    user, stamp, mac = token.split(".")
    good = hmac.new(key, (user + stamp).encode(), "sha256").hexdigest()
    return hmac.compare_digest(mac, good) and time.time() - int(stamp) <= max_age
'''


def label(kind: str, *expect: str, sha: str = "a" * 40) -> Label:
    return Label(sha, kind, "why", expect)


def test_precision_and_recall_count_distinct_statements_per_commit():
    """LINKS-4: a statement asked twice in one commit (two files) counts once for precision and
    recall, twice for the questions per no-op or unrelated commit."""
    outcomes = [
        Outcome(label("behaviour", "TOKEN-1", "TOKEN:C1"), ("TOKEN-1", "TOKEN-1", "TOKEN-2")),
        Outcome(label("behaviour", "TOKEN-E1"), ("TOKEN-2", "TOKEN:C2", "TOKEN-1", "TOKEN-E1")),
        Outcome(label("noop"), ("TOKEN-1", "TOKEN-1")),
        Outcome(label("noop"), ()),
        Outcome(label("unrelated"), ("TOKEN:C2",)),
    ]
    result = score(outcomes)
    assert result.commits == 5
    # distinct raised: 2 + 4 + 1 + 0 + 1 = 8, of which TOKEN-1 and TOKEN-E1 were expected
    assert result.precision == pytest.approx(2 / 8)
    assert result.recall == pytest.approx(2 / 3)
    # TOKEN-E1 is fourth: only the first commit hits within three
    assert result.hit_at_3 == pytest.approx(1 / 2)
    assert result.noop_questions == pytest.approx(1.0)
    assert result.unrelated_questions == pytest.approx(1.0)


def test_nothing_raised_has_no_precision():
    """LINKS-E2: no division by zero; commits that expect nothing leave recall and hit@3 open."""
    result = score([Outcome(label("noop"), ()), Outcome(label("unrelated"), ())])
    assert (result.precision, result.recall, result.hit_at_3) == (None, None, None)
    assert result.noop_questions == 0.0
    assert bench_links.figure(result.precision) == "-"


def test_context_statements_are_keyed_by_their_position_in_the_spec():
    """LINKS-3: a schema 2 review's questions in order; a context statement by its line."""
    lines = context_lines(SPEC)
    assert lines == [10, 11]
    contexts = {("TOKEN", line): n for n, line in enumerate(lines, start=1)}
    review = {
        "questions": [
            {"statement": {"spec": "TOKEN", "kind": "context", "id": None, "line": 11}},
            {"statement": {"spec": "TOKEN", "kind": "requirement", "id": "TOKEN-1", "line": 14}},
            {"statement": {"spec": "TOKEN", "kind": "edge-case", "id": "TOKEN-E1", "line": 18}},
        ]
    }
    assert raised_keys(review, contexts) == ["TOKEN:C2", "TOKEN-1", "TOKEN-E1"]


def test_schema_1_reviews_count_spec_questions_elsewhere_and_touched_requirements():
    """LINKS-3: without top-level questions, each spec's questions, then `elsewhere`, then
    touched requirements that no question named."""
    review = {
        "specs": [
            {
                "questions": [{"statement": {"spec": "TOKEN", "kind": "context", "line": 10}}],
                "requirements": [
                    {"id": "TOKEN-1", "touched": True},
                    {"id": "TOKEN-2", "touched": False},
                ],
                "edge_cases": [{"id": "TOKEN-E1", "touched": True}],
            }
        ],
        "elsewhere": [{"statement": {"spec": "TOKEN", "kind": "requirement", "id": "TOKEN-1"}}],
    }
    keys = raised_keys(review, {("TOKEN", 10): 1})
    assert keys == ["TOKEN:C1", "TOKEN-1", "TOKEN-E1"]


def test_a_spec_without_id_keys_its_context_by_its_file_name(tmp_path):
    """LINKS-E3"""
    (tmp_path / "session-tokens.md").write_text(SPEC.replace("id: TOKEN\n", ""), encoding="utf-8")
    _, contexts = bench_links.read_specs(tmp_path)
    assert contexts == {("SESSION-TOKENS", 9): 1, ("SESSION-TOKENS", 10): 2}


def labelled_project(folder: Path, entries: str) -> Path:
    project = folder / "links" / "tokens"
    (project / "specs").mkdir(parents=True)
    (project / "specs" / "token.md").write_text(SPEC, encoding="utf-8")
    (project / "labels.yaml").write_text(entries, encoding="utf-8")
    return folder / "links"


def test_replays_labelled_commits_of_a_history_and_scores_them(repo, tmp_path, capsys):
    """LINKS-1, LINKS-2, LINKS-4, LINKS-E1: a history without specs; each labelled commit is
    reviewed by the real specflow with the specs overlaid, and the history is left as it was."""
    root = repo.commit("tokens", {"src/token.py": SOURCE})
    changed = SOURCE.replace("max_age: int = 3600", "max_age: int = 7200  # TOKEN-1: two hours")
    behaviour = repo.commit("longer tokens", {"src/token.py": changed})
    noop = repo.commit("docs", {"src/token.py": changed.replace("A token for", "Make a token for")})
    refs = repo.git("for-each-ref")
    links = labelled_project(
        tmp_path,
        f"- sha: {root}\n  kind: behaviour\n  why: first\n  expect: []\n"
        f"- sha: {behaviour}\n  kind: behaviour\n  why: two hours\n  expect: [TOKEN-1]\n"
        f"- sha: {noop}\n  kind: noop\n  why: docstring\n  expect: []\n",
    )
    history = f"tokens={repo.path / '.git'}"
    assert bench_links.main(["--project", history, "--links", str(links), "--verbose"]) == 0
    out = capsys.readouterr().out
    detail = {line.split()[1]: line for line in out.splitlines() if line.startswith("tokens ")}
    assert "TOKEN-1" in detail[behaviour[:10]].split("raised")[1].split("(")[0]
    assert "missed" not in detail[behaviour[:10]]
    assert detail[noop[:10]].startswith(f"tokens {noop[:10]} noop")
    assert "project" in out and "precision" in out and "hit@3" in out
    assert [line.split()[:2] for line in out.splitlines() if line.startswith("overall")] == [
        ["overall", "3"]
    ]
    assert repo.git("for-each-ref") == refs
    assert repo.git("ls-tree", "-r", "--name-only", "HEAD").split() == ["src/token.py"]


def test_a_short_sha_is_bad_input_naming_file_and_line(repo, tmp_path, capsys):
    """LINKS-5"""
    sha = repo.commit("tokens", {"src/token.py": SOURCE})
    links = labelled_project(
        tmp_path,
        f"- sha: {sha}\n  kind: noop\n  why: ok\n  expect: []\n"
        f"- sha: {sha[:8]}\n  kind: noop\n  why: short\n  expect: []\n",
    )
    with pytest.raises(SystemExit) as stopped:
        bench_links.main(["--project", f"tokens={repo.path / '.git'}", "--links", str(links)])
    assert stopped.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"bench_links: {links / 'tokens' / 'labels.yaml'}:5: sha must be")
    assert len(err.splitlines()) == 1


def test_a_folder_that_is_no_git_directory_is_refused(tmp_path, capsys):
    """LINKS-5"""
    links = labelled_project(tmp_path, "[]\n")
    with pytest.raises(SystemExit) as stopped:
        bench_links.main(["--project", f"tokens={tmp_path}", "--links", str(links)])
    assert stopped.value.code == 2
    assert "is not a git directory" in capsys.readouterr().err


def test_a_history_missing_a_blob_replays_with_that_path_left_out(repo, tmp_path, capsys):
    """LINKS-E4: a blob the history's object store lacks (a fetch that left large data out) stops
    the checkout, unless the project's absent.txt leaves that path out of it; the labelled commit
    does not change that file, so its review never reads the blob."""
    data = "big test data\n"
    repo.commit("tokens", {"src/token.py": SOURCE, "data/big.csv": data})
    changed = SOURCE.replace("max_age: int = 3600", "max_age: int = 7200  # TOKEN-1: two hours")
    behaviour = repo.commit("longer tokens", {"src/token.py": changed})
    blob = repo.git("rev-parse", f"{behaviour}:data/big.csv").strip()
    (repo.path / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    assert "missing" in repo.git("cat-file", "--batch-check", input=f"{blob}\n")
    links = labelled_project(
        tmp_path, f"- sha: {behaviour}\n  kind: behaviour\n  why: two hours\n  expect: [TOKEN-1]\n"
    )
    arguments = ["--project", f"tokens={repo.path / '.git'}", "--links", str(links), "--verbose"]
    with pytest.raises(SystemExit) as stopped:
        bench_links.main(arguments)
    assert "git checkout" in str(stopped.value.code) and "data/big.csv" in str(stopped.value.code)
    (links / "tokens" / "absent.txt").write_text(
        "# the fetch left the test data out\n\ndata/big.csv\n", encoding="utf-8"
    )
    assert bench_links.main(arguments) == 0
    out = capsys.readouterr().out
    detail = {line.split()[1]: line for line in out.splitlines() if line.startswith("tokens ")}
    assert "TOKEN-1" in detail[behaviour[:10]].split("raised")[1].split("(")[0]
    assert "missed" not in detail[behaviour[:10]]
