"""Histories with real commits for the git-layer tests (specs/git-layer.md).

Builders take the `repo` fixture (a `testing.util.Repo`) and return the commit ids a test needs:
branches and a merge, a root commit, renames, binary files, a mode-only change, a type change,
paths with spaces, newlines and non-UTF-8 bytes, CRLF, Latin-1 and "no newline at end of file",
a submodule. Clones (shallow, bare) and linked worktrees are made next to the repository. The
measuring stick is git itself: `numstat` is what `git diff --numstat` counts.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specflow import gitio, gitread
from specflow.change import Change
from testing.util import Cli, Repo

NON_UTF8 = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 name: these bytes are not UTF-8
SPACED = "docs/with space.txt"
NEWLINE = "odd\nname.txt"
PLAN_B = "plan b/notes.txt"  # ` b/` inside a path: a naive `diff --git a/X b/Y` split trips on it
BINARY = bytes(range(256)) * 4
SPEC = """---
id: PAY
scope:
  - src/pay/**
---

# Payments

## Context
- Amounts are stored in cents.

## Requirements
- PAY-1: {first}
- PAY-2: Refunds are logged.

## Edge Cases
- PAY-E1: A zero amount.
"""


def git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run git in any folder (a clone, a worktree); a failure fails the test with stderr."""
    done = subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, f"git {' '.join(args)} failed:\n{done.stderr}"
    return done.stdout


def numstat(cwd: Path, *target: str) -> dict[str, tuple[int, int] | None]:
    """`git diff --numstat` per path, by git's defaults: (added, removed), None for binary."""
    options = ["-z", "-M", "--no-ext-diff", "--no-textconv", "--ignore-submodules=dirty"]
    out = subprocess.run(
        ["git", "-c", "core.quotePath=false", "diff", "--numstat", *options, *target, "--"],
        cwd=cwd,
        capture_output=True,
        check=True,
    ).stdout
    fields = out.split(b"\0")
    counts: dict[str, tuple[int, int] | None] = {}
    index = 0
    while index < len(fields) and fields[index]:
        added, removed, name = fields[index].split(b"\t", 2)
        if not name:  # a rename: the old and the new name follow
            name = fields[index + 2]
            index += 2
        index += 1
        binary = added == b"-"
        counts[os.fsdecode(name)] = None if binary else (int(added), int(removed))
    return counts


def model_counts(change: Change) -> dict[str, tuple[int, int] | None]:
    """The same table, from specflow's diff model."""
    return {
        f.path: None
        if f.binary
        else (sum(len(h.added) for h in f.hunks), sum(len(h.removed) for h in f.hunks))
        for f in change.files
    }


def read_change(cwd: Path, rev: str | None = None, **mode: bool) -> Change:
    """specflow's own reading of a revision, through gitio, as the CLI does it."""
    repo = gitio.open_repo(cwd)
    return gitread.read_change(repo, gitio.revision(repo, rev, **mode))


def review_json(cli: Cli, *args: str) -> dict[str, Any]:
    """`specflow review ARGS --format json`, which must succeed."""
    result = cli("review", *args, "--format", "json")
    assert result.code == 0, result
    data: dict[str, Any] = json.loads(result.out)
    return data


def files_by_path(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["path"]: f for f in data["files"]}


@dataclass(frozen=True)
class Merged:
    """root ── base ── main ──────── merge   (first parent: main)
    ....................└─ feature_1 ─ feature_2 ─┘"""

    root: str
    base: str
    main: str
    feature_1: str
    feature_2: str
    merge: str


def branches_and_merge(repo: Repo) -> Merged:
    root = repo.commit("root: readme", {"README.md": "hello\n"})
    base = repo.commit("base: app", {"src/app.py": "def app():\n    return 1\n"})
    repo.git("switch", "-q", "-c", "feature")
    one = repo.commit("feature one", {"src/feature.py": "def feature():\n    return 1\n"})
    two = repo.commit(
        "feature two",
        {
            "src/feature.py": "def feature():\n    return 2\n",
            "tests/test_feature.py": "def test_feature():\n    assert True\n",
        },
    )
    repo.git("switch", "-q", "main")
    main = repo.commit("main moves on", {"src/app.py": "def app():\n    return 2\n\n\nx = 1\n"})
    repo.git("merge", "-q", "--no-ff", "-m", "merge feature", "feature")
    return Merged(root, base, main, one, two, repo.head())


RENAMED_BODY = "".join(f"def step_{n}():\n    return {n}\n\n" for n in range(12))

EDGE_BEFORE: dict[str, str | bytes | None] = {
    "src/old_name.py": RENAMED_BODY,
    "assets/logo.bin": BINARY,
    "tools/run.sh": "#!/bin/sh\necho run\n",
    "gone.txt": "bye\nfor now\n",
    "crlf.txt": "one\r\ntwo\r\nthree\r\n",
    "eof.txt": "first\nno newline",
    "latin.txt": "caf\xe9 cr\xe8me\n".encode("latin-1"),
    "typed.txt": "this file becomes a symlink\n",
}
EDGE_AFTER: dict[str, str | bytes | None] = {
    "src/old_name.py": None,
    "src/new_name.py": RENAMED_BODY.replace("return 11", "return 'eleven'"),
    "assets/logo.bin": BINARY[::-1],
    "gone.txt": None,
    "crlf.txt": "one\r\nTWO\r\nthree\r\nfour\r\n",
    "eof.txt": "first\nstill no newline",
    "latin.txt": "caf\xe9 br\xfbl\xe9e\n".encode("latin-1"),
    "typed.txt": None,
    "empty-new.txt": "",
    SPACED: "a path with a space\n",
    NEWLINE: "a path with a newline\nin it\n",
    NON_UTF8: "a path that is not UTF-8\n",
    PLAN_B: "a path with ` b/` inside\ntwo lines\n",
    "controls.txt": "form\x0cfeed\nnext\x85line\nline\u2028separator\ncarriage\rreturn\n",
    "zz_last.txt": "the file after\nevery odd\none\n",
}


def edge_history(repo: Repo, *, commit: bool = True) -> tuple[str, str | None]:
    """One commit of ordinary files, then one change that holds every odd kind of file: a
    rename with an edit, a binary edit, chmod +x, a delete, a file that becomes a symlink,
    an empty file, CRLF, Latin-1, no final newline, control characters
    that are line breaks to `str.splitlines`, and odd paths. Staged only unless `commit`."""
    before = repo.commit("before the edge cases", dict(EDGE_BEFORE))
    repo.write(dict(EDGE_AFTER))
    (repo.path / "typed.txt").symlink_to("eof.txt")
    (repo.path / "tools/run.sh").chmod(0o755)
    repo.git("add", "-A")
    if not commit:
        return before, None
    repo.git("commit", "-q", "-m", "every edge case")
    return before, repo.head()


def add_submodule(repo: Repo, library: Path) -> tuple[str, str]:
    """A library repository at `library`, added as submodule `lib`, then moved one commit
    on: returns (the commit that adds it, the commit that bumps it)."""
    library.mkdir()
    git(library, "init", "-q", "-b", "main")
    (library / "lib.py").write_text("PAY-2 is not this repository's reference\n")
    git(library, "add", "-A")
    git(library, "commit", "-q", "-m", "library")
    repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", library.as_uri(), "lib")
    added = repo.commit("add the library")
    (repo.path / "lib" / "more.py").write_text("more = 1\n")
    git(repo.path / "lib", "add", "-A")
    git(repo.path / "lib", "commit", "-q", "-m", "more")
    bumped = repo.commit("bump the library")
    return added, bumped


def shallow_clone(repo: Repo, dest: Path, depth: int = 1) -> Path:
    """`git clone --depth N file://...`: the file URL makes git honour the depth locally."""
    git(repo.path.parent, "clone", "-q", f"--depth={depth}", repo.path.as_uri(), str(dest))
    return dest


def bare_clone(repo: Repo, dest: Path) -> Path:
    git(repo.path.parent, "clone", "-q", "--bare", str(repo.path), str(dest))
    return dest


def linked_worktree(repo: Repo, dest: Path, branch: str = "elsewhere") -> Path:
    repo.git("worktree", "add", "-q", "-b", branch, str(dest))
    return dest


def temporary_index(repo: Repo, index: Path, files: dict[str, str]) -> Path:
    """An index other than `.git/index`, as git makes for `git commit PATH`: HEAD read into
    it with `git read-tree`, then `files` added to it only."""
    env = {"GIT_INDEX_FILE": str(index)}
    git(repo.path, "read-tree", "HEAD", env=env)
    for name, text in files.items():
        blob = repo.git("hash-object", "-w", "--stdin", input=text).strip()
        git(repo.path, "update-index", "--add", "--cacheinfo", f"100644,{blob},{name}", env=env)
    return index
