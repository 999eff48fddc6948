"""What `specflow mcp` answers a coding assistant: each tool's data and its short text, from the
same pipeline functions and serialisers the CLI commands use (ASSIST-3). Knows nothing of MCP."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from specflow import gitio, pipeline, pipeline_review, templates
from specflow.commands import brief as briefing
from specflow.config import load_config
from specflow.context import governing
from specflow.errors import SpecflowError
from specflow.output import serialize
from specflow.output.console import SCHEMA, finding_line, summary
from specflow.refs import by_id
from specflow.specset import read_disk_specs


class Answer(NamedTuple):
    data: dict[str, Any]  # `"schema": 1` and the same fields as the CLI's `--format json`
    text: str


CHANGES = ("worktree", "staged")


def confined(root: Path, path: str) -> str:
    """ASSIST-5: `path` as a repository path; one that leads outside the repository is refused."""
    if not path or "\0" in path:
        raise SpecflowError(f"{path!r}: not a path")
    if path.startswith("-"):
        raise SpecflowError(f"{path}: refusing a path that starts with '-'")
    base = root.resolve()
    target = (base / path).resolve()
    try:
        return target.relative_to(base).as_posix()
    except ValueError:
        raise SpecflowError(f"{path}: outside the repository ({base})") from None


def specs_for(repo: gitio.RepoInfo, paths: list[str]) -> Answer:
    """ASSIST-6: the specs that govern the files about to change, in full, with references."""
    if not paths:
        raise SpecflowError("give at least one path")
    wanted = [confined(repo.root, path) for path in paths]
    revision = gitio.revision(repo, None, worktree=True)
    specs, references = pipeline.catalogue(repo, revision)
    where = by_id(references)
    found = governing(wanted, specs, references)
    rows = []
    for g in found:
        spec = specs.by_id[g.spec]
        rows.append({**serialize.spec_data(spec, where, full=True), "why": g.why})
    lines = [f"{g.spec} ({g.path}): {g.title} [{g.why}]" for g in found]
    text = "\n".join(lines) if lines else f"No spec governs {', '.join(wanted)}."
    return Answer(_schema({"kind": "specs_for", "paths": wanted, "specs": rows}), text)


def context(repo: gitio.RepoInfo, target: str) -> Answer:
    """ASSIST-7: as `specflow context`; a target that looks like a path stays in the repository."""
    if target.startswith("-"):
        raise SpecflowError(f"{target}: refusing a name that starts with '-'")
    if "/" in target or "\\" in target or target.startswith("."):
        target = confined(repo.root, target)
    result = pipeline_review.context(repo, target, repo.root)
    text = templates.render(repo.root, "context.txt.j2", context=result)
    return Answer(_schema(serialize.context(result)), text)


def brief(repo: gitio.RepoInfo, key: str) -> Answer:
    """ASSIST-8: as `specflow brief`."""
    result = briefing.build(repo, key)
    text = templates.render(repo.root, "brief.md.j2", brief=result)
    return Answer(_schema(serialize.brief(result)), text)


def check(repo: gitio.RepoInfo, change: str = "worktree") -> Answer:
    """ASSIST-9: as `specflow check --format json` on the work tree or the index."""
    if change not in CHANGES:
        raise SpecflowError(f"change must be one of {', '.join(CHANGES)}, not {change!r}")
    revision = gitio.revision(repo, None, **{change: True})
    result = pipeline.check(repo, revision)
    data = serialize.check(result)
    verdict = "blocked" if result.blocking else "passes"
    lines = [finding_line(f) for f in result.findings if f.is_error]
    lines.append(summary(result.findings, f"{revision.label} ({verdict})"))
    return Answer(_schema(data), "\n".join(lines))


def review(repo: gitio.RepoInfo, change: str = "worktree") -> Answer:
    """ASSIST-10: the review checklist through the CLI's own JSON serialiser."""
    if change.startswith("-"):
        raise SpecflowError(f"refusing revision {change!r}: it starts with '-'")
    if change in CHANGES:
        revision = gitio.revision(repo, None, **{change: True})
    else:
        revision = gitio.revision(repo, change)
    with pipeline_review.collector_paused():
        result = pipeline_review.review(repo, revision)
        text = templates.render(repo.root, "review.txt.j2", review=result)
        return Answer(_schema(serialize.review(result)), text)


def spec_sources(repo: gitio.RepoInfo) -> dict[str, tuple[str, str]]:
    """ASSIST-11: each spec of the work tree by ID: its path and its Markdown."""
    config = load_config(repo.root)
    specs = read_disk_specs(config)
    return {
        spec.id: (spec.path, (repo.root / spec.path).read_text(encoding="utf-8", errors="replace"))
        for spec in specs.specs
    }


def implement(repo: gitio.RepoInfo, key: str) -> str:
    """ASSIST-12: the brief, then the rule an assistant follows while it implements it."""
    return brief(repo, key).text + "\n" + templates.render(repo.root, "agents.md.j2")


def _schema(data: dict[str, Any]) -> dict[str, Any]:
    return {"schema": SCHEMA, **data}
