"""A real git repository for one test, and the CLI run in-process."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jsonschema
from typer.testing import CliRunner

from specflow.cli import app
from specflow.output import serialize
from specflow.sources.markdown import parse_spec

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Ada",
    "GIT_AUTHOR_EMAIL": "ada@example.com",
    "GIT_COMMITTER_NAME": "Ada",
    "GIT_COMMITTER_EMAIL": "ada@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
}


class Repo:
    """A git repository for one test: `repo.commit("login", {"src/auth.py": "..."})`."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def git(self, *args: str, check: bool = True, input: str | None = None) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.path,
            capture_output=True,
            text=True,
            check=False,
            input=input,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def write(self, files: Mapping[str, str | bytes | None]) -> None:
        """Write (str or bytes) or delete (None) files in the work tree."""
        for name, content in files.items():
            target = self.path / name
            if content is None:
                target.unlink()
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8", newline="")

    def stage(self, files: Mapping[str, str | bytes | None]) -> None:
        self.write(files)
        self.git("add", "-A")

    def commit(self, message: str, files: Mapping[str, str | bytes | None] | None = None) -> str:
        self.stage(files or {})
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()

    def read(self, name: str) -> str:
        return (self.path / name).read_text(encoding="utf-8")


class Cli:
    """Runs `specflow ...` in-process through typer's CliRunner, from the current folder."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None) -> Result:
        result = self.runner.invoke(app, list(args), input=input, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"Result(code={self.code}, out={self.out!r}, err={self.err!r})"


REVIEW_SCHEMA = json.loads(
    (Path(serialize.__file__).parents[1] / "schemas" / "review.schema.json").read_text()
)


def reviews_in_time(path: Path, deadline: float = 120) -> None:
    """HARDEN-21's hang guard: `specflow review HEAD` in its own process finishes, and well, by
    a generous deadline (a quadratic pattern takes minutes); never a timing assertion."""
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "specflow", "review", "HEAD", "--format", "json"],
        cwd=path,
        capture_output=True,
        timeout=deadline,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def review_json(cli: Cli, *args: str) -> dict[str, Any]:
    """`specflow review ARGS --format json`: exit 0, parsed, and valid against the schema."""
    result = cli("review", *args, "--format", "json")
    assert result.code == 0, result
    data: dict[str, Any] = json.loads(result.out)
    jsonschema.validate(data, REVIEW_SCHEMA)
    return data


def asks_nothing(data: dict[str, Any], path: str = "pkg/p.py") -> None:
    """A review that asks no question, and says that `path` changes no behaviour."""
    assert data["questions"] == []
    assert data["noop_files"] == [path]


def asks(data: dict[str, Any]) -> None:
    """A review that asks questions, and names no file as changing no behaviour."""
    assert data["questions"] != []
    assert data["noop_files"] == []


def committed_review(
    repo: Repo, cli: Cli, message: str, files: Mapping[str, str]
) -> tuple[list[str], int]:
    """Commit `files`; the review of that commit with `--all`: its no-op files, and how many
    questions it asks."""
    repo.commit(message, dict(files))
    data = review_json(cli, "HEAD", "--all")
    return data["noop_files"], len(data["questions"])


def reviewed_rewrite(
    repo: Repo, cli: Cli, path: str, base: str, subject: str, *pairs: str
) -> tuple[dict[str, Any], str]:
    """Commit `base` at `path` with each (old, new) of `pairs` replaced; the review's JSON with
    `--all` and `check HEAD`'s text of that commit; then `base` again, for the next rewrite."""
    text = base
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert old in text, subject
        text = text.replace(old, new)
    repo.commit(subject, {path: text})
    data = review_json(cli, "HEAD", "--all")
    checked = cli("check", "HEAD").out
    repo.commit("back", {path: base})
    return data, checked


def noop_and_hook_agree(
    repo: Repo,
    cli: Cli,
    base: Mapping[str, str],
    path: str,
    after: str,
    subject: str,
    *,
    hook_speaks: bool = True,
) -> bool:
    """Commit `base`, then `after` at `path` through the index: whether the review calls the
    change formatting only, asserting that it then asks nothing and the hook warns of no
    touched requirement (and that otherwise it does both; without `hook_speaks`, only that a
    change it calls formatting leaves the hook silent)."""
    repo.commit("base", dict(base))
    repo.stage({path: after})
    staged = cli("check", "--staged").out
    repo.commit(subject)
    data = review_json(cli, "HEAD", "--all")
    silent = bool(data["noop_files"] == [path])
    assert silent == (not data["questions"]), data["questions"]
    touched = "touched-requirement" in staged
    assert (silent != touched) if hook_speaks else not (silent and touched), staged
    return silent


def drafted_context(
    repo: Repo, cli: Cli, files: Mapping[str, str | bytes], scope: str = "src/**"
) -> list[list[str]]:
    """The Context lines `specflow new --scope SCOPE` drafts once `files` are committed, one
    list per file: the spec it writes lints clean."""
    repo.commit("code", dict(files))
    assert cli("new", "Drafted", "--id", "DRAFTED", "--scope", scope).code == 0
    assert cli("lint").code == 0
    spec = parse_spec("specs/drafted.md", repo.read("specs/drafted.md"))
    return [context.text.splitlines() for context in spec.context]


def asked_acts(data: dict[str, Any]) -> dict[int, list[tuple[str, str]]]:
    """Each question's statement line, with what its hunks do."""
    return {
        q["statement"]["line"]: [(act["verb"], act["name"]) for act in q["acts"]]
        for q in data["questions"]
    }
