"""`specflow demo`: the SHA-256 / bcrypt story, replayed in a throw-away repository.

Every commit is real and every verdict is specflow's own (the installed hooks, `check`, `review`,
`brief`), run on that repository. The story's files are `templates/demo/<step>/files/`, its commit
messages `templates/demo/<step>/message.txt`, and the narration's words
`templates/demo/narration.txt.j2` (DEMO-5): this module only replays them and hands each step's
results to `say`, which renders them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specflow import gitio, pipeline, pipeline_review, templates
from specflow.commands import brief, hook
from specflow.context import PathContext
from specflow.errors import SpecflowError
from specflow.output import render
from specflow.pipeline import CheckResult
from specflow.usekind import Use

Say = Callable[[str, dict[str, Any]], None]

# The story's calendar (author dates): session 1, two weeks later, four weeks later.
DATES = {
    "1-login": "2025-03-03T10:00:00+00:00",
    "2-sessions": "2025-03-17T10:00:00+00:00",
    "3-reset-spec": "2025-04-14T09:00:00+00:00",
    "4-bcrypt-reset": "2025-04-14T16:00:00+00:00",
    "5-fixed-reset": "2025-04-14T17:00:00+00:00",
}
# DEMO-6: a repository that no user or system setting reaches into.
_CONFIG = {
    "user.name": "specflow demo",
    "user.email": "demo@specflow.invalid",
    "commit.gpgsign": "false",
    "core.hooksPath": ".git/hooks",  # a relative hooksPath is read from the work tree's top
    "core.autocrlf": "false",
}


class DemoFailed(SpecflowError):
    """The story did not go as told: a bug in specflow or in this machine's set-up."""

    exit_code = 1


@dataclass(frozen=True)
class Commit:
    id: str
    subject: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class TestRun:
    command: str
    passed: bool
    ran: int
    summary: str  # unittest's last line: `OK`, or `FAILED (failures=1)`


def story_dir() -> Path:
    return templates.packaged_dir() / "demo"


def run(keep: Path | None, say: Say) -> Path:
    """DEMO-1: replay the story in a new folder (or in `keep`); remove it unless kept."""
    folder = _prepare(keep)
    try:
        replay(folder, say, kept=keep is not None)
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return folder


def _prepare(keep: Path | None) -> Path:
    """DEMO-E1: refuse a file or a folder with anything in it, before writing anything."""
    if keep is None:
        return Path(tempfile.mkdtemp(prefix="specflow-demo-"))
    if keep.exists() and (not keep.is_dir() or any(keep.iterdir())):
        raise SpecflowError("--keep needs a new or empty folder; this one is not", str(keep))
    try:
        keep.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SpecflowError(f"cannot create the folder: {exc.strerror}", str(keep)) from None
    return keep.resolve()


def replay(root: Path, say: Say, *, kept: bool) -> None:
    """DEMO-2, DEMO-3, DEMO-4: the story, step by step."""
    say("start", {"folder": str(root), "kept": kept})
    _init(root)

    for step in ("1-login", "2-sessions"):
        commit = _commit(root, step)
        say(step, {"commit": commit, "check": _passes(root, step)})

    commit = _commit(root, "3-reset-spec")
    repo = pipeline.open_repository(root)
    names = _briefed_names(repo, "RESET")
    say("3-reset-spec", {"commit": commit, "check": _passes(root, "3-reset-spec"), "names": names})

    say("hooks", {"lines": hook.install(repo, pre_push=False)})

    say(*_bcrypt_reset(root))
    say(*_fixed_reset(root))
    say("end", {"folder": str(root), "kept": kept})


def _bcrypt_reset(root: Path) -> tuple[str, dict[str, Any]]:
    """DEMO-3: the hook refuses the commit; check and review say why."""
    step = "4-bcrypt-reset"
    attempt = _commit(root, step)
    if attempt is not None:
        raise DemoFailed(f"step {step}: the pre-commit hook let the bcrypt reset through")
    repo = pipeline.open_repository(root)
    staged = gitio.revision(repo, None, staged=True)
    verdict = pipeline.check(repo, staged, _message(step))
    rules = {finding.rule for finding in verdict.findings if finding.is_error}
    if not {"constraint", "unreferenced-requirement"} <= rules:
        raise DemoFailed(
            f"step {step}: check did not find the constraint and the unreferenced requirement"
        )
    review = pipeline_review.review(repo, staged)
    ripples = [r for r in review.ripples if r.symbol.name == "password_hash"]
    questions = list(review.questions[:3])
    # REVIEW-15: the strongest question is the Context that states the hash format
    if not questions or "SHA-256" not in questions[0].statement.text:
        raise DemoFailed(f"step {step}: review did not ask about the SHA-256 Context first")
    if not ripples or not any("verify_password" in use.callee for r in ripples for use in r.uses):
        raise DemoFailed(f"step {step}: review did not trace `password_hash` to verify_password()")
    findings = sorted(verdict.findings, key=lambda f: (not f.is_error, f.path, f.line))
    return step, {
        "subject": _message(step).splitlines()[0],
        "check": verdict,
        "findings": findings,
        "ripples": ripples,
        "questions": questions,
    }


def _fixed_reset(root: Path) -> tuple[str, dict[str, Any]]:
    """DEMO-4: the integration test passes with this Python, and the hooks let it through."""
    step = "5-fixed-reset"
    _write(root, step)
    tests = run_tests(root)
    if not tests.passed:
        raise DemoFailed(f"step {step}: the integration test failed: {tests.summary}")
    commit = _commit(root, step)
    if commit is None:
        raise DemoFailed(f"step {step}: the hooks refused the corrected reset")
    repo = pipeline.open_repository(root)
    review = pipeline_review.review(repo, gitio.revision(repo, "HEAD"))
    ripples = [r for r in review.ripples if r.symbol.name == "password_hash"]
    format_questions = [
        q
        for q in review.questions
        if q.statement.kind == "context"
        and "SHA-256" in q.statement.text
        and q.path.startswith("src/")
    ]
    if format_questions or not all(r.settled for r in ripples):
        raise DemoFailed(f"step {step}: review still asks whether the hash format agrees")
    return step, {
        "commit": commit,
        "tests": tests,
        "check": _passes(root, step),
        "ripples": ripples,
    }


@dataclass(frozen=True)
class Named:
    """A name the RESET spec's Context mentions, and its first places in the code today."""

    written: str
    places: tuple[tuple[str, Use, int], ...] = ()  # verb, first place, how many more
    defines: tuple[str, ...] = ()  # when the name is a file: what it defines
    is_path: bool = False


def _briefed_names(repo: gitio.RepoInfo, key: str) -> list[Named]:
    """The brief's names, each with its first definition, write and read; an import is not a
    read, and a read that passes the value on (to `verify_password()`) tells the most."""
    summary = []
    for found in brief.build(repo, key).names:
        context = found.context
        if isinstance(context, PathContext):
            summary.append(Named(found.mention.written, defines=context.defines, is_path=True))
            continue
        places = []
        for kind, verb in (("definition", "defined"), ("write", "written"), ("read", "read")):
            uses = [u for u in context.of_kind(kind) if not _IMPORT.match(u.text)]
            uses.sort(key=lambda use: not use.callee)
            if uses:
                places.append((verb, uses[0], len(uses) - 1))
        summary.append(Named(found.mention.written, tuple(places)))
    return summary


_IMPORT = re.compile(r"\s*(from|import)\s")


def _init(root: Path) -> None:
    # DEMO-6: no init template (it could bring hooks of its own), branch `main` on any git.
    # DEMO-E2: `git init` in the folder itself: inside another repository it starts its own.
    gitio.run(root, "init", "-q", "--template=", ".")
    gitio.run(root, "symbolic-ref", "HEAD", "refs/heads/main")
    for key, value in _CONFIG.items():
        gitio.run(root, "config", key, value)


def _files(step: str) -> Iterator[tuple[str, Path]]:
    base = story_dir() / step / "files"
    for path in sorted(base.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield path.relative_to(base).as_posix(), path


def _write(root: Path, step: str) -> list[str]:
    written = []
    for name, source in _files(step):
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
        written.append(name)
    return written


def _message(step: str) -> str:
    return (story_dir() / step / "message.txt").read_text(encoding="utf-8")


def _commit(root: Path, step: str) -> Commit | None:
    """Write the step's files and commit them through whatever hooks are installed; None when
    a hook refused the commit (git then leaves the index as it was)."""
    names = _write(root, step)
    gitio.run(root, "add", "--", *names)
    before = gitio.resolve(root, "HEAD")
    message = _message(step)
    date = f"--date={DATES[step]}"
    gitio.run(root, "commit", "-q", date, "-F", "-", ok_codes=(0, 1), stdin=message.encode())
    after = gitio.resolve(root, "HEAD")
    if after is None or after == before:
        return None
    return Commit(after, message.splitlines()[0], tuple(names))


def _passes(root: Path, step: str) -> CheckResult:
    repo = pipeline.open_repository(root)
    verdict = pipeline.check(repo, gitio.revision(repo, "HEAD"))
    if verdict.blocking:
        raise DemoFailed(f"step {step}: `specflow check HEAD` blocked a commit the story lets land")
    return verdict


def run_tests(root: Path) -> TestRun:
    """DEMO-4: the story's tests, with the Python specflow runs on (unittest needs nothing else)."""
    command = [sys.executable, "-m", "unittest", "discover", "-s", "tests"]
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
    lines = done.stderr.strip().splitlines()
    ran = re.search(r"^Ran (\d+) tests?", done.stderr, re.MULTILINE)
    return TestRun(
        "python -m unittest discover -s tests",
        done.returncode == 0,
        int(ran[1]) if ran else 0,
        lines[-1] if lines else f"exit {done.returncode}",
    )


def demo(keep: Path | None) -> Path:
    """`specflow demo`: the story, each step rendered as it happens."""
    return run(keep, render.demo_step)
