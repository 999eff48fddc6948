"""The choices of the command line's options (`--format`, `--fail-on`, `--status`, `--post`),
as typer shows and checks them; each value is what the command receives."""

from __future__ import annotations

from enum import Enum


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


class ReviewFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"


class NewStatus(str, Enum):
    draft = "draft"
    active = "active"


class Forge(str, Enum):
    github = "github"
    gitlab = "gitlab"


class BriefFormat(str, Enum):
    markdown = "markdown"
    json = "json"
