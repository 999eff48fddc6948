"""Text for a person at a terminal or in a log: one line per finding, then the summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from specflow.output import console
from specflow.output.base import Formatter

if TYPE_CHECKING:
    from specflow.model import Finding
    from specflow.pipeline import CheckResult


class TextFormatter(Formatter):
    name = "text"

    def check(
        self, result: CheckResult, found: Sequence[Finding], *, summary: bool, quiet: bool
    ) -> None:
        if quiet and not found:
            return
        if not result.spec_count and not found:  # CHECK-9; CHECK-E10: unless the last spec went
            console.out("specflow: no specs in this tree; nothing to check.")
            return
        verdict = "blocked" if result.blocking else "passes"
        console.findings(found, f"{result.revision.label} ({verdict})", self.name)
