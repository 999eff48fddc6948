"""The no-op audit script on a history built here (SILENCE-*): the real histories are fetched,
not committed, so `benchmarks/bench_noop.py` itself is run on them by hand."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from specflow.change import Hunk, Line

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import bench_noop

SCRIPT = Path(bench_noop.__file__)

SOURCE = '''import json


def dump(value, indent=None):
    """Dump a value."""
    return json.dumps(value, indent=indent)


def load(text):
    return json.loads(text)
'''


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False
    )


def test_counts_the_no_op_hunks_and_dumps_those_that_are_not_formatting(repo, tmp_path):
    """SILENCE-1, SILENCE-2, SILENCE-3, SILENCE-4, SILENCE-E1, SILENCE-E2: a docstring edit is
    no-op and plain, an annotation is no-op and not plain (sampled), a new default is a change;
    a README commit is walked and counts for nothing else; the history is left as it was."""
    repo.commit("json helpers", {"src/codec.py": SOURCE})
    documented = SOURCE.replace("Dump a value.", "Dump a value as JSON.")
    repo.commit("docs", {"src/codec.py": documented})
    typed = documented.replace("def load(text):", "def load(text: str) -> object:")
    annotated = repo.commit("types", {"src/codec.py": typed})
    repo.commit("readme", {"README.md": "# codec\n"})
    repo.commit("indent", {"src/codec.py": typed.replace("indent=None", "indent=2")})
    refs = repo.git("for-each-ref")
    dump = tmp_path / "sample.txt"

    done = run_script("--project", f"codec={repo.path / '.git'}", "--dump", str(dump))

    assert done.returncode == 0, done.stderr
    rows = {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines()[2:]}
    # walked, with .py, hunks, no-op, not plain, sampled
    assert rows["codec"] == ["5", "4", "4", "2", "1", "1"]
    assert rows["overall"] == rows["codec"]
    text = dump.read_text(encoding="utf-8")
    assert text.splitlines() == [
        f"=== codec {annotated} src/codec.py @@ -6 +6 @@",
        "-def load(text):",
        "+def load(text: str) -> object:",
    ]
    assert repo.git("for-each-ref") == refs


def test_the_sample_is_the_same_for_the_same_seed_and_in_history_order():
    """SILENCE-4"""
    items = list(range(40))
    picked = bench_noop.sample(items, 5, seed=12)  # type: ignore[arg-type]
    assert picked == bench_noop.sample(items, 5, seed=12)  # type: ignore[arg-type]
    assert picked == sorted(picked) and len(set(picked)) == 5
    assert bench_noop.sample(items[:3], 5, seed=12) == [0, 1, 2]  # type: ignore[arg-type]


def test_plain_means_the_same_code_tokens_without_comments_docstrings_and_quotes():
    """SILENCE-2"""
    old = b'def f(x):\n    """Old."""\n    return g(x, \'a\')  # why\n'
    new = b'def f(x):\n    """New words."""\n    return g(\n        x, "a"\n    )\n'
    changed = b'def f(x):\n    """Old."""\n    return g(x, "b")\n'
    tokens = bench_noop.code_tokens(old), bench_noop.code_tokens(new)
    removed = tuple(Line(n, "") for n in (2, 3))
    added = tuple(Line(n, "") for n in (2, 3, 4, 5))
    hunk = Hunk("m.py", 2, 2, 2, 4, added=added, removed=removed)
    assert bench_noop.is_plain(hunk, *tokens)
    other = Hunk("m.py", 3, 1, 3, 1, added=removed[1:], removed=removed[1:])
    assert not bench_noop.is_plain(other, tokens[0], bench_noop.code_tokens(changed))
    assert bench_noop.code_tokens(b"def (:\n") is None


def test_arguments_it_cannot_use_exit_2_with_one_line(repo, tmp_path, capsys):
    """SILENCE-5: no git directory, a dump file that exists (left as it was), no commits."""
    repo.commit("json helpers", {"src/codec.py": SOURCE})
    kept = tmp_path / "kept.txt"
    kept.write_text("mine\n", encoding="utf-8")
    history = f"codec={repo.path / '.git'}"
    for args in (
        ["--project", f"codec={tmp_path}"],
        ["--project", history, "--dump", str(kept)],
        ["--project", history, "--commits", "0"],
    ):
        with pytest.raises(SystemExit) as stopped:
            bench_noop.main(args)
        assert stopped.value.code == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("bench_noop: ") and len(err.splitlines()) == 1
    assert kept.read_text(encoding="utf-8") == "mine\n"


def test_a_failing_git_command_exits_1(tmp_path):
    """SILENCE-5: a git directory without a HEAD to walk from."""
    history = tmp_path / "empty.git"
    subprocess.run(["git", "init", "-q", "--bare", str(history)], check=True)
    done = run_script("--project", f"empty={history}")
    assert done.returncode == 1
    assert "rev-list" in done.stderr


def test_the_audit_gives_each_hunk_read_a_verdict_and_a_reason():
    """SILENCE-6: benchmarks/noop/audit.yaml reads as the verdicts it says it holds."""
    import re

    import yaml

    audit = Path(bench_noop.__file__).parent / "noop" / "audit.yaml"
    entries = yaml.safe_load(audit.read_text(encoding="utf-8"))
    assert set(entries) == {"sampled", "beyond"}
    for entry in entries["sampled"] + entries["beyond"]:
        assert set(entry) == {"project", "sha", "path", "old_start", "new_start", "verdict", "why"}
        assert re.fullmatch(r"[0-9a-f]{40}", entry["sha"])
        assert entry["path"].endswith(".py") and entry["old_start"] >= 1
        assert entry["verdict"] in ("same", "changes") and entry["why"].strip()
