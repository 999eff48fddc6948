"""Where a command runs: the repository root and its configuration."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from specflow.config import Config, find_root, load_config
from specflow.errors import NotARepository
from specflow.specset import SpecSet, read_disk_specs


@dataclass(frozen=True)
class Project:
    root: Path
    config: Config

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix()


def open_project(cwd: Path | None = None) -> Project:
    root = find_root(cwd or Path.cwd())
    return Project(root, load_config(root))


def specs_outside_git(project: Project, error: NotARepository) -> SpecSet:
    """CLI-E10: outside git, the current folder's specs when it holds specs or a configuration
    (CLI-E2); else `error`, exit 2, as `check` and `review` say it: `lint` walked all of /tmp."""
    specs = read_disk_specs(project.config)
    config = project.config
    if specs.specs or config.source is not None or config.specs_path.is_dir():
        return specs
    reason = f"not a git repository, and no specs here: {project.root}"
    hint = " (run specflow inside a repository, or `specflow init` to start specs in this folder)"
    raise NotARepository(reason, hint=hint) from error
