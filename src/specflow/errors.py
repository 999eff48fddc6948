"""The one error family: what cannot continue, with where and why."""

from __future__ import annotations


class SpecflowError(Exception):
    """Bad input or an environment we cannot work in; the CLI prints it and exits 2."""

    exit_code = 2

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = one_line(self.path or "")
        if where and self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


def one_line(path: str) -> str:
    """A path as one line: a line break in a file name (`specs/x\\n::add-mask::...`) would
    start a line of its own, which GitHub Actions reads as a command (HARDEN-E10)."""
    if path.isprintable():
        return path
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in path)


class SpecError(SpecflowError):
    """A spec file that cannot be read or parsed."""


class ConfigError(SpecflowError):
    """A configuration file that cannot be read or holds unknown keys."""


class GitError(SpecflowError):
    """A git command failed, or the repository is not in a state we can read. `reason` says
    what went wrong and `hint` (empty, or starting with its own punctuation) what would help:
    a caller that knows better advice replaces the hint instead of cutting the message."""

    def __init__(
        self, reason: str, path: str | None = None, line: int | None = None, *, hint: str = ""
    ) -> None:
        super().__init__(reason + hint, path, line)
        self.reason = reason
        self.hint = hint


class NotARepository(GitError):
    """The folder is in no git repository (git itself works)."""
