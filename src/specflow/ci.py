"""Findings for CI systems: GitHub workflow commands and SARIF 2.1.0. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from specflow.config import CHECK_RULES
from specflow.escape import printable
from specflow.model import Finding, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/specflow/specflow"
_RULE_HELP = {
    "unreferenced-requirement": "An enforced requirement of an affected spec is not referenced.",
    "dangling-reference": "A reference names an ID with a known prefix that does not exist.",
    "constraint": "An added line matches a `forbid` constraint of a spec.",
    "spec-lint": "A spec affected by the change does not lint clean.",
    "deprecated-reference": "A reference names a requirement of a deprecated spec.",
    "untested-requirement": "A requirement is implemented but no test references it.",
    "planned-requirement-referenced": "A planned requirement is already implemented: tick it.",
    "untraced-change": "A change in a spec's scope names none of its IDs.",
    "unscoped-change": "A changed file is governed by no spec.",
}


def _escape_data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return str(printable(escaped))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


# CHECK-8
def github(findings: Sequence[Finding]) -> str:
    """One workflow command per finding, escaped as GitHub's toolkit escapes them."""
    lines = []
    for f in findings:
        level = "error" if f.severity is Severity.error else "warning"
        props = ",".join(
            [
                f"file={_escape_property(f.path)}",
                f"line={f.line}",
                f"title={_escape_property('specflow ' + f.rule)}",
            ]
        )
        lines.append(f"::{level} {props}::{_escape_data(f.message)}")
    return "\n".join(lines)


# CHECK-8
def sarif(findings: Sequence[Finding], version: str) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one rule per check rule."""
    names = list(CHECK_RULES)
    extra = sorted({f.rule for f in findings} - set(names))
    names += extra
    rules = [
        {
            "id": name,
            "name": "".join(part.title() for part in name.split("-")),
            "shortDescription": {"text": _RULE_HELP.get(name, name)},
            "defaultConfiguration": {"level": _level(CHECK_RULES.get(name, Severity.error))},
        }
        for name in names
    ]
    results = [
        {
            "ruleId": f.rule,
            "ruleIndex": names.index(f.rule),
            "level": _level(f.severity),
            "message": {"text": str(printable(f.message))},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.path)},
                        "region": {"startLine": max(1, f.line)},
                    }
                }
            ],
        }
        for f in findings
    ]
    driver = {"name": "specflow", "version": version, "informationUri": INFO_URI, "rules": rules}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }


def _level(severity: Severity) -> str:
    return {"error": "error", "warning": "warning"}.get(severity.value, "none")


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(str(printable(path)))
