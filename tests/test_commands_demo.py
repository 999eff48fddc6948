"""specflow demo: the story replayed in a real repository, which is then itself a test bed."""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from specflow.commands import demo

BCRYPT = (demo.story_dir() / "4-bcrypt-reset/files/src/auth/reset.py").read_text()


def git(path: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=path, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def kept(tmp_path, cli):
    """The demo's repository, kept: `specflow demo --keep DIR`."""
    folder = tmp_path / "story"
    result = cli("demo", "--keep", str(folder))
    assert result.code == 0, result
    return folder, result.out


def test_the_story_replays_as_real_commits(kept):
    """DEMO-2, DEMO-5: four commits land; the bcrypt reset is not one of them; the ids shown are
    the repository's own."""
    folder, out = kept
    subjects = git(folder, "log", "--reverse", "--format=%h %s").splitlines()
    assert [line.split(" ", 1)[1] for line in subjects] == [
        "Login with SHA-256 hashing (AUTH-1, AUTH-2, AUTH-3)",
        "Sessions with signed tokens (SESSION-1, SESSION-2, SESSION-3)",
        "Spec for password reset, written before any code (RESET-1..4 planned)",
        "Password reset in the existing SHA-256 format (RESET-1, RESET-2, RESET-4)",
    ]
    for line in subjects:
        assert f"   commit {line[:7]}  " in out
    assert "Add password reset" not in git(folder, "log", "--format=%s")
    spec = (folder / "specs/password-reset.md").read_text()
    assert "- [ ] RESET-3:" in spec and "- [x] RESET-1:" in spec
    assert "forbid `import bcrypt` in `src/auth/**` until RESET-3" in spec
    assert "`users.password_hash`" in spec and "`hash_password()`" in spec
    hooks = sorted(p.name for p in (folder / ".git/hooks").iterdir())
    assert hooks == ["commit-msg", "pre-commit", "pre-merge-commit"]


def test_the_bcrypt_commit_is_refused_with_the_constraint_and_the_unreferenced_requirement(kept):
    """DEMO-3: the hook refuses it; check's findings and the review's questions are shown."""
    _, out = kept
    step = out.split("\n5. ")[1].split("\n6. ")[0]
    assert "-> refused by the pre-commit hook" in step
    assert "src/auth/reset.py:3: error [constraint]" in step
    assert "`import bcrypt` is forbidden here by specs/password-reset.md:32 until RESET-3" in step
    assert "specs/password-reset.md:17: error [unreferenced-requirement]" in step
    assert "RESET-1 is referenced nowhere" in step
    assert "`password_hash` is now written with bcrypt.hashpw at src/auth/reset.py" in step
    assert "read at src/auth/users.py:17 in login(), passed to verify_password()" in step
    assert "specs/password-reset.md:13:" in step and "`verify_password()`" in step


def test_the_fixed_commit_passes_with_its_integration_test(kept, cli, monkeypatch):
    """DEMO-4, DEMO-E3: the integration test ran and passed; the kept repository checks clean."""
    folder, out = kept
    step = out.split("\n6. ")[1]
    assert "python -m unittest discover -s tests: 8 tests, OK" in step
    assert "-> the hooks let it through. specflow check HEAD: passes" in step
    assert "src/auth/users.py:10 writes it the same way" in step
    test = (folder / "tests/test_reset.py").read_text()
    assert "RESET-4" in test and 'users.login("ada", "battery staple")' in test
    # The tests really run, and really test: break the fix and they fail.
    assert demo.run_tests(folder).passed
    reset = folder / "src/auth/reset.py"
    reset.write_text(reset.read_text().replace("hash_password(new_password)", "new_password"))
    broken = demo.run_tests(folder)
    assert not broken.passed and broken.ran == 8 and broken.summary.startswith("FAILED")
    git(folder, "checkout", "--", "src/auth/reset.py")

    monkeypatch.chdir(folder)
    assert cli("check", "HEAD").code == 0
    review = json.loads(cli("review", "HEAD", "--format", "json").out)
    ripple = next(r for r in review["ripples"] if r["symbol"]["name"] == "password_hash")
    assert ripple["symbol"]["producers"] == ["hash_password"]
    assert ripple["settled_by"]["path"] == "src/auth/users.py"
    report = json.loads(cli("report", "--format", "json").out)
    reset_spec = next(s for s in report["specs"] if s["id"] == "RESET")
    assert report["coverage"]["percent"] == 100
    statuses = {row["id"]: row["status"] for row in reset_spec["requirements"]}
    assert statuses == {
        "RESET-1": "covered",
        "RESET-2": "covered",
        "RESET-3": "planned",
        "RESET-4": "covered",
    }


def test_the_kept_repository_still_blocks_bcrypt(kept, cli, monkeypatch):
    """DEMO-E3: the demo's repository is an ordinary one: the installed hook and check work."""
    folder, _ = kept
    monkeypatch.chdir(folder)
    (folder / "src/auth/reset.py").write_text(BCRYPT)
    git(folder, "add", "src/auth/reset.py")
    result = cli("check", "--staged")
    assert result.code == 1
    assert "src/auth/reset.py:3: error [constraint]" in result.out
    done = subprocess.run(
        ["git", "commit", "-qm", "bcrypt again"], cwd=folder, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "[constraint]" in done.stderr


def test_the_temporary_repository_is_removed(cli, tmp_path, monkeypatch):
    """DEMO-1"""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = cli("demo")
    assert result.code == 0, result
    folder = re.search(r"in (\S+) \(removed at the end\)", result.out)
    assert folder and folder[1].startswith(str(tmp_path))
    assert not Path(folder[1]).exists()
    assert list(tmp_path.iterdir()) == []
    assert "specflow demo --keep DIR" in result.out


def test_an_interrupted_demo_still_removes_its_folder(tmp_path, monkeypatch):
    """DEMO-1"""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def say(step, model):
        if step == "hooks":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        demo.run(None, say)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("content", ["file", "folder with a file"])
def test_keep_refuses_what_is_not_new_or_empty(cli, tmp_path, content):
    """DEMO-E1"""
    target = tmp_path / "there"
    if content == "file":
        target.write_text("mine")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("mine")
    result = cli("demo", "--keep", str(target))
    assert result.code == 2
    assert "--keep needs a new or empty folder" in result.err
    assert (
        target.read_text() if content == "file" else (target / "notes.txt").read_text()
    ) == "mine"
    assert not (target / ".git").exists()


def test_keep_inside_another_repository(repo, cli):
    """DEMO-E2: the outer repository gains no commit and no hook."""
    repo.commit("outer", {"README": "outer\n"})
    result = cli("demo", "--keep", str(repo.path / "inner"))
    assert result.code == 0, result
    assert repo.git("rev-list", "--count", "HEAD").strip() == "1"
    assert not (repo.path / ".git/hooks/pre-commit").exists()
    assert git(repo.path / "inner", "rev-list", "--count", "HEAD").strip() == "4"


def test_no_identity_and_a_hostile_git_configuration(cli, tmp_path, monkeypatch):
    """DEMO-6: signing on, hooks elsewhere, an init template with a failing hook, no user."""
    for key in ("NAME", "EMAIL"):
        for who in ("AUTHOR", "COMMITTER"):
            monkeypatch.delenv(f"GIT_{who}_{key}", raising=False)
    home = Path(tempfile.mkdtemp(dir=tmp_path))
    template = home / "template"
    (template / "hooks").mkdir(parents=True)
    (template / "hooks/pre-commit").write_text("#!/bin/sh\nexit 1\n")
    (template / "hooks/pre-commit").chmod(0o755)
    (home / ".gitconfig").write_text(
        "[commit]\n\tgpgsign = true\n[user]\n\tuseConfigOnly = true\n"
        f"[core]\n\thooksPath = {home / 'elsewhere'}\n[init]\n\ttemplateDir = {template}\n"
    )
    monkeypatch.setenv("HOME", str(home))
    result = cli("demo", "--keep", str(tmp_path / "story"))
    assert result.code == 0, result
    assert git(tmp_path / "story", "log", "-1", "--format=%an").strip() == "specflow demo"


def test_a_story_that_goes_otherwise_exits_1_naming_the_step(cli, tmp_path, monkeypatch):
    """DEMO-6: with SPECFLOW_SKIP set, the hook lets bcrypt through; the demo says so."""
    monkeypatch.setenv("SPECFLOW_SKIP", "1")
    result = cli("demo", "--keep", str(tmp_path / "story"))
    assert result.code == 1
    assert result.err == (
        "specflow: error: step 4-bcrypt-reset: the pre-commit hook let the bcrypt reset through\n"
    )


def test_the_story_lives_in_data_files_not_in_python():
    """DEMO-5: every step has its files and message; the module holds no story text."""
    steps = sorted(p.name for p in demo.story_dir().iterdir() if p.is_dir())
    assert steps == ["1-login", "2-sessions", "3-reset-spec", "4-bcrypt-reset", "5-fixed-reset"]
    for step in steps:
        assert (demo.story_dir() / step / "message.txt").is_file()
        assert any((demo.story_dir() / step / "files").rglob("*.*"))
    assert (demo.story_dir() / "narration.txt.j2").is_file()
    source = Path(demo.__file__).read_text()
    for text in ("import hashlib", "import bcrypt", "## Requirements", "Session 1", "locked out"):
        assert text not in source
