"""The one interface of the output formats (LAYOUT-6), as flake8's `formatting/base.py`.

A format is a `Formatter` subclass in its own module, named in `FORMATS`; `commands.check` asks
`formatter(name)` for the verdict instead of branching on the name. Only the format asked for is
imported: the hooks print text, and import nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from specflow.model import Finding
    from specflow.pipeline import CheckResult


class Formatter:
    """One output format: `name` is what `--format` says."""

    name: ClassVar[str] = ""

    def check(
        self, result: CheckResult, found: Sequence[Finding], *, summary: bool, quiet: bool
    ) -> None:
        """Print the verdict on a change; `found` is its findings, errors first. `quiet`: a
        hook says nothing when it has nothing to say (HOOK-13)."""
        raise NotImplementedError(f"the {self.name or type(self).__name__} format has no check")


FORMATS: dict[str, tuple[str, str]] = {  # name: (module, class)
    "text": ("specflow.output.text", "TextFormatter"),
    "json": ("specflow.output.json_format", "JsonFormatter"),
    "github": ("specflow.output.github", "GitHubFormatter"),
    "sarif": ("specflow.output.github", "SarifFormatter"),
}


def formatter(name: str) -> Formatter:
    module, cls = FORMATS[name]
    found: type[Formatter] = getattr(import_module(module), cls)
    return found()
