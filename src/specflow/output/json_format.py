"""JSON for programs: the verdict with the schema version (`"schema": 1`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from specflow.output import console, serialize
from specflow.output.base import Formatter

if TYPE_CHECKING:
    from specflow.model import Finding
    from specflow.pipeline import CheckResult


class JsonFormatter(Formatter):
    name = "json"

    def check(
        self, result: CheckResult, found: Sequence[Finding], *, summary: bool, quiet: bool
    ) -> None:
        console.dump_json(serialize.check(result))
