"""`specflow review` and `specflow context`: the checklist of a change, and what surrounds a
name or a file; both exit 0, but `context` of no name or of a folder exits 2 (REVIEW-E4)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from specflow import judged, pipeline, pipeline_review
from specflow.change import Revision
from specflow.config import load_config
from specflow.entry import leave
from specflow.errors import SpecError
from specflow.gitio import RepoInfo
from specflow.output import serialize
from specflow.output.console import dump_json
from specflow.review import LaterSpecs, Review

TOML = "specflow.toml"


def review(rev: str | None, *, staged: bool, worktree: bool, fmt: str, show_all: bool) -> None:
    """REVIEW-12: informs and returns (exit 0) whatever the change does to the specs."""
    repo = pipeline.open_repository()
    revision = judged.revision(repo, rev, os.environ, staged=staged, worktree=worktree)
    with pipeline_review.collector_paused():  # rendering makes millions of objects too
        result = _later(repo, revision, pipeline_review.review(repo, revision, show_all=show_all))
        if fmt == "json":
            dump_json(serialize.review(result))
        else:
            from specflow.output import render  # rich and Jinja2: not for JSON (SPEED-11)

            render.review(result, fmt, repo.root)
        leave()  # SPEED-14: while `result` is held, so that it is never freed


def _later(repo: RepoInfo, revision: Revision, result: Review) -> Review:
    """REVIEW-E390: a review of a commit older than the specs says what to do, so it is told how
    many specs HEAD holds: a new user's first review is often of a recent commit."""
    if result.spec_count or revision.head in (None, repo.head) or repo.head is None:
        return result
    config = load_config(repo.root)
    head = Revision("HEAD", "commit", repo.head, repo.head)
    try:
        count = len(pipeline.tree_specs(repo, config, head).specs)
    except SpecError:  # a spec of HEAD that cannot be read: the review says what it knows
        return result
    paths = " ".join([config.specs_dir, *([config.source] if config.source == TOML else [])])
    return replace(result, later=LaterSpecs(count, repo.head, paths)) if count else result


def context(target: str, *, fmt: str) -> None:
    """REVIEW-9, REVIEW-10: `specflow context NAME` or `PATH`, as text or JSON."""
    repo = pipeline.open_repository()
    result = pipeline_review.context(repo, target, Path.cwd())
    if fmt == "json":
        dump_json(serialize.context(result))
    else:
        from specflow.output import render  # rich and Jinja2: not for JSON (SPEED-11)

        render.context(result, repo.root)
    leave()  # SPEED-14
