"""Where a command runs: the repository root and its configuration."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from specflow.config import Config, find_root, load_config


@dataclass(frozen=True)
class Project:
    root: Path
    config: Config

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix()


def open_project(cwd: Path | None = None) -> Project:
    root = find_root(cwd or Path.cwd())
    return Project(root, load_config(root))
