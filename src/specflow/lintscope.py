"""`lint`'s findings about what the specs govern, beside `lint.lint`'s about how they are
written: LINT-E17, a spec with no scope."""

from __future__ import annotations

from collections.abc import Iterator

from specflow.model import Finding, Severity, Status
from specflow.specset import SpecSet

NO_SCOPE = (
    "no `scope:`: this spec governs no file, so no change asks about it unless the change names "
    "its IDs; list the code it is about (`scope: [src/auth/**]`)"
)


def no_scope(specs: SpecSet) -> Iterator[Finding]:
    """LINT-E17: a specflow spec with no scope governs no file: no review question and no hook
    check comes from its scope, only from references. A deprecated spec is retired on purpose;
    another tool's spec takes its globs from `[tool.specflow.scopes]` and is not specflow's to
    judge here."""
    for spec in specs.specs:
        if spec.source == "specflow" and not spec.scope and spec.status != Status.deprecated:
            line = spec.line_of("id")
            yield Finding("no-scope", Severity.warning, spec.path, line, NO_SCOPE)
