"""`exclude` globs follow gitignore's rules everywhere, in git's searches too (CHECK-11)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from specflow.globs import git_pathspecs, matches

PATHS = [
    "a.min.js",
    "src/app.min.js",
    "src/static/deep/app.min.js",
    "vendor/lib.py",
    "src/vendor/lib.py",
    "vendorx/lib.py",
    "src/a.py",
    "src/auth/a.py",
    "src/auth/legacy/old.py",
    "docs/with space.md",
    "gen/x_pb2.py",
    "tests/test_a.py",
]
PARTS = ["src", "auth", "vendor", "*.min.js", "*", "**", "a.py", "*.py", "gen", "x_pb2.py"]


@st.composite
def globs(draw: st.DrawFn) -> str:
    body = "/".join(draw(st.lists(st.sampled_from(PARTS), min_size=1, max_size=3)))
    return draw(st.sampled_from(["", "/"])) + body + draw(st.sampled_from(["", "/"]))


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("exclude")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    for path in PATHS:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("x\n")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    return root


def git_keeps(root: Path, glob: str) -> set[str]:
    specs = [f":(exclude,glob){spec}" for spec in git_pathspecs(glob)]
    out = subprocess.run(
        ["git", "ls-files", "-z", "--", ".", *specs], cwd=root, capture_output=True, check=True
    ).stdout
    return set(filter(None, out.decode().split("\0")))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(globs())
def test_git_excludes_exactly_what_the_glob_matches(tree: Path, glob: str) -> None:
    """CHECK-11: for globs of names, `*`, `**` and slashes, the files git leaves out of its
    search are the files the glob matches."""
    assert git_keeps(tree, glob) == {p for p in PATHS if not matches(p, (glob,))}, glob


SPEC = """---
id: PAY
scope: [src/**]
---
# Payments

## Context
- Amounts are integer cents.

## Requirements
- PAY-1: Charge in cents.

## Edge Cases
- PAY-E1: A zero amount.
"""


def test_excluded_files_are_never_scanned(repo, cli) -> None:
    """CHECK-11 through the CLI: a nested minified bundle and a vendored folder name an ID that
    does not exist; neither blocks the commit nor counts as a reference, and the same dangling ID
    in a file that is not excluded still blocks."""
    repo.commit(
        "base",
        {
            "specs/pay.md": SPEC,
            "pyproject.toml": '[tool.specflow]\nexclude = ["*.min.js", "vendor/"]\n',
            "src/pay.py": "# PAY-1\n",
            "tests/test_pay.py": "# PAY-1\n",
        },
    )
    repo.commit(
        "vendored",
        {"src/static/app.min.js": "// PAY-1 PAY-7\n", "src/vendor/lib.py": "# PAY-1 PAY-8\n"},
    )
    result = cli("check", "HEAD")
    assert result.code == 0, result
    shown = cli("show", "PAY-1").out
    assert "app.min.js" not in shown and "vendor" not in shown and "src/pay.py" in shown
    repo.stage({"src/other.py": "# PAY-9\n"})
    blocked = cli("check", "--staged")
    assert blocked.code == 1 and "PAY-9" in blocked.out
