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
        checked = f"{result.revision.label} ({verdict})"
        aside = [finding for finding in found if finding.aside] if quiet else []
        if not aside:
            console.findings(found, checked, self.name)
            return
        # CHECK-E62: a hook run counts in one line the warnings the change did not cause
        shown = [finding for finding in found if not finding.aside]
        console.findings(shown, checked, self.name, counted=found, note=_aside_note(aside))


def _aside_note(aside: Sequence[Finding]) -> str:
    count = len(aside)
    warnings = "1 more warning" if count == 1 else f"{count} more warnings"
    whose = "a requirement" if count == 1 else "requirements"
    # CHECK-E68: a commit that adds their references touches them, and changes none of their code
    return (
        f"specflow: {warnings} [untested-requirement] of {whose} whose code this change does not "
        "change (adding a reference changes none): `specflow check --staged` lists them"
    )
