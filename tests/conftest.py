"""Fixtures that build real git repositories in temporary folders, with real commits."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from testing import stories
from testing.util import GIT_ENV, Cli, Repo


@pytest.fixture(autouse=True)
def _isolated_git(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No user or system git configuration leaks into a test; identities and dates are fixed."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    for key in list(os.environ):
        if key.startswith("GIT_") and key not in GIT_ENV:
            monkeypatch.delenv(key)
        # COMMENT-9: a test run inside a CI job must not review that job's pull request.
        if key == "CI" or key.startswith(("GITHUB_", "GITLAB_", "CI_", "PRE_COMMIT_")):
            monkeypatch.delenv(key)
    monkeypatch.delenv("SPECFLOW_SKIP", raising=False)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Repo]:
    """An empty repository on branch `main`, and the current folder."""
    path = tmp_path / "repo"
    path.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    monkeypatch.chdir(path)
    yield Repo(path)


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def story(repo: Repo) -> Repo:
    """LAYOUT-11: the password-reset story of tests/testing/stories.py, its one fixture: login,
    sessions and the reset spec, written before any reset code. A test commits its change."""
    return stories.tell(repo)


@pytest.fixture
def bcrypt_commit(story: Repo) -> str:
    """The story's commit, on top of it: the reset that stores bcrypt hashes."""
    return story.commit("Add password reset", {"src/auth/reset.py": stories.BCRYPT_RESET})
