"""CHECK-E57: a move that leaves a constraint's `in` glob matching no file is refused by the hook,
on real repositories (the hyperlink trial: `forbid ... in pkg/codec.py`, the package moved to
`src/`, and the next commit adding the forbidden import passed)."""

from __future__ import annotations

import subprocess

SPEC = """---
id: C
scope:
  - "**/pkg/**"
---
# Codec

## Context
- `pkg/codec.py` has its own parser.

## Requirements
- C-1: `parse()` parses.

## Edge Cases
- C-E1: empty input.

## Constraints
- forbid `import urllib` {where}: one parser
"""
CODE = "# C-1\ndef parse(t):\n    return t\n"
TEST = "def test_parse():  # C-1\n    pass\n"


def base(repo, where: str = "in `pkg/codec.py`") -> None:
    files = {"specs/c.md": SPEC.format(where=where), "pkg/codec.py": CODE}
    repo.commit("base", {**files, "tests/test_c.py": TEST})


def commit(repo, message: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "commit", "-qm", message], cwd=repo.path, capture_output=True, text=True
    )


def test_a_move_that_empties_a_constraint_glob_is_refused_by_the_hook(repo, cli):
    """CHECK-E57: the move commit is blocked at the constraint's line, naming the glob and the
    file it matched; once the glob points where the code went, the move commits and the
    forbidden import is blocked again."""
    base(repo)
    assert cli("hook", "install").code == 0
    (repo.path / "src").mkdir()
    repo.git("mv", "pkg", "src/pkg")
    done = commit(repo, "move the package to src/")
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "specs/c.md:18: error [emptied-constraint]" in out
    assert "'pkg/codec.py' of this constraint of C matching no file" in out
    assert "(it matched pkg/codec.py)" in out
    moved = SPEC.format(where="in `src/pkg/codec.py`")
    (repo.path / "specs/c.md").write_text(moved)
    repo.git("add", "-A")
    assert commit(repo, "move the package to src/").returncode == 0
    with open(repo.path / "src/pkg/codec.py", "a") as code:
        code.write("import urllib\n")
    repo.git("add", "-A")
    refused = commit(repo, "use urllib")
    assert refused.returncode == 1 and "[constraint]" in refused.stdout + refused.stderr


def test_a_glob_that_still_matches_or_an_outside_glob_is_not_emptied(repo, cli):
    """CHECK-E57: a glob matching a file after the move still guards it, and an `outside` glob
    only leaves files out: neither is reported; `check HEAD` of a move made without the hook
    reports the emptied one."""
    base(repo, "in `**/codec.py`")
    (repo.path / "src").mkdir()
    repo.git("mv", "pkg", "src/pkg")
    assert "emptied-constraint" not in cli("check", "--staged").out
    repo.git("commit", "-qm", "move")
    repo.commit("outside", {"specs/c.md": SPEC.format(where="outside `src/pkg/codec.py`")})
    repo.git("rm", "-q", "src/pkg/codec.py")
    assert "emptied-constraint" not in cli("check", "--staged").out
    repo.git("commit", "-qm", "drop the codec", "--no-verify")
    extra = {"specs/c.md": SPEC.format(where="in `pkg/extra.py`"), "pkg/extra.py": "X = 1\n"}
    repo.commit("in", extra)
    repo.git("rm", "-q", "pkg/extra.py")
    repo.git("commit", "-qm", "drop lib", "--no-verify")
    result = cli("check", "HEAD")
    assert result.code == 1 and "specs/c.md:18: error [emptied-constraint]" in result.out, result
