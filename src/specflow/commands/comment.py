"""`specflow comment`: the pull-request comment, printed, written to a file or posted."""

from __future__ import annotations

import os
from pathlib import Path

from specflow import judged, pipeline, pipeline_review
from specflow.forges import ci_env
from specflow.forges import post as forge
from specflow.forges.comment import body, check_key
from specflow.output import console, render


def comment(
    rev: str | None,
    *,
    key: str,
    post: str | None = None,
    output: Path | None = None,
    pr: int | None = None,
    bot_login: str | None = None,
    dry_run: bool = False,
) -> None:
    """Build the comment on the change `judged.revision` picks, then print, write or post it."""
    check_key(key)
    dry = _dry_run(post, pr) if dry_run else None
    target = forge.target(post, os.environ, pr, bot_login) if post and not dry else None
    repo = pipeline.open_repository()
    revision = judged.revision(repo, rev, os.environ)
    review, result = pipeline_review.verdict(repo, revision)
    url = ci_env.report_url(os.environ)
    text = body(review, result.findings, repo.root, key=key, report_url=url)
    if output is not None:
        render.write_file(output, text)
    if dry is not None:  # COMMENT-E6: where it would go, and what; COMMENT-E7: what is unknown
        where, gaps = dry
        console.err(f"specflow: dry run: would post to {where} (key {key!r})")
        for gap in gaps:
            console.err(f"specflow: dry run: {gap}")
        console.out(text)
    elif target is not None and post is not None:
        render.posted(forge.upsert(target, key, text), post)
    elif output is None:
        console.out(text)


def _dry_run(post: str | None, pr: int | None) -> tuple[str, list[str]]:
    """COMMENT-E7: where `--post` would send the comment and what is unknown; COMMENT-E9:
    without `--post`, the forge whose CI runs the job, else nowhere, said so."""
    kind = post or ci_env.forge_of(os.environ)
    if kind is None:
        where = "no forge (no --post, and no CI's settings name GitHub or GitLab)"
        return where, ["give --post github or --post gitlab to see where it would go"]
    return forge.dry_run(kind, os.environ, pr)
