"""Findings for CI systems: GitHub workflow commands and SARIF 2.1.0, and their formats.

`github` and `sarif` are pure; the two `Formatter`s print what they return."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from specflow import __version__
from specflow.config import CHECK_RULES
from specflow.model import Finding, Severity
from specflow.output import console
from specflow.output.base import Formatter
from specflow.output.escape import printable

if TYPE_CHECKING:
    from specflow.pipeline import CheckResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/specflow/specflow"
_RULE_HELP = {
    "unreferenced-requirement": "An enforced requirement of an affected spec is not referenced.",
    "dangling-reference": (
        "A reference names an ID that does not exist, or the change removes an ID still in use."
    ),
    "undefined-id": "A word reads as a reference to a spec without that ID (`ISO-8601`).",
    "constraint": "An added line matches a `forbid`, or a file lacks a `require`, of a spec.",
    "implementation-removed": "The change removes the last implementation of a requirement.",
    "test-removed": "The change removes the last test of a requirement.",
    "enforcement-lowered": "The change stops enforcing a spec or a requirement.",
    "emptied-scope": "The change leaves a spec's scope glob matching no file.",
    "emptied-constraint": "The change leaves a constraint's glob matching no file.",
    "touched-requirement": "The change touches code a requirement heads and names it nowhere.",
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


PER_TYPE = 10  # GitHub shows 10 annotations of each type per step, the rest only in the log


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Most important first: errors, then warnings; by rule as the rules table lists them."""
    rank = {rule: index for index, rule in enumerate(CHECK_RULES)}
    return sorted(
        findings, key=lambda f: (not f.is_error, rank.get(f.rule, len(rank)), f.path, f.line)
    )


# CHECK-8, COMMENT-11
def github(findings: Sequence[Finding], *, summary: bool = False, token: str | None = None) -> str:
    """One workflow command per finding, escaped as GitHub's toolkit escapes them, the most
    important first. Past the 10 GitHub shows per type, a notice says how many more and where,
    and they follow as plain lines inside `::stop-commands::`, so that no text from a spec or a
    diff can run as a workflow command."""
    lines, rest = [], []
    shown = {"error": 0, "warning": 0}
    for f in ordered(findings):
        level = "error" if f.severity is Severity.error else "warning"
        if shown[level] >= PER_TYPE:
            rest.append(f)
            continue
        shown[level] += 1
        props = ",".join(
            [
                f"file={_escape_property(f.path)}",
                f"line={f.line}",
                f"title={_escape_property('specflow ' + f.rule)}",
            ]
        )
        lines.append(f"::{level} {props}::{_escape_data(f.message)}")
    if rest:
        lines += _overflow(rest, summary, token or _fresh_token())
    return "\n".join(lines)


def _overflow(rest: Sequence[Finding], summary: bool, token: str) -> list[str]:
    errors = sum(f.is_error for f in rest)
    counts = f"{errors} more error(s) and {len(rest) - errors} more warning(s)"
    where = "the job summary, or the lines below" if summary else "the lines below"
    notice = f"{counts}: GitHub shows {PER_TYPE} annotations of each type; see {where}"
    lines = [f"::notice title={_escape_property('specflow')}::{_escape_data(notice)}"]
    lines.append(f"::stop-commands::{token}")
    for f in rest:
        text = f"{f.path}:{f.line}: {f.severity.value} [{f.rule}] {f.message}"
        lines.append(str(printable(" ".join(text.splitlines()))))
    lines.append(f"::{token}::")
    return lines


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
            "partialFingerprints": {"specflowFinding/v1": print_},
        }
        for f, print_ in zip(findings, _fingerprints(findings), strict=True)
    ]
    driver = {"name": "specflow", "version": version, "informationUri": INFO_URI, "rules": rules}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }


# COMMENT-12
def _fingerprints(findings: Sequence[Finding]) -> list[str]:
    """The same finding in a later run gets the same fingerprint wherever its line moved:
    the rule, the file and the message with line numbers taken out, then which occurrence of
    that it is in the file (as GitHub's own `primaryLocationLineHash` counts them)."""
    seen: dict[str, int] = {}
    prints = {}
    for f in sorted(findings, key=lambda f: (f.path, f.line)):
        words = _LINE_NUMBER.sub("", " ".join(f.message.split()))
        key = f"{f.rule}\0{f.path}\0{words}".encode("utf-8", "surrogateescape")
        digest = hashlib.sha256(key).hexdigest()[:32]
        seen[digest] = seen.get(digest, 0) + 1
        prints[id(f)] = f"{digest}:{seen[digest]}"
    return [prints[id(f)] for f in findings]


_LINE_NUMBER = re.compile(r"(?<=\S):[0-9]+\b")


def _level(severity: Severity) -> str:
    return {"error": "error", "warning": "warning"}.get(severity.value, "none")


def _uri(path: str) -> str:
    """The path's own bytes, percent-encoded: a name that is not UTF-8 (`caf\xe9.py`) or holds
    a control character still points at its file (CHECK-E13), where `printable` would not."""
    return quote(path.encode("utf-8", "surrogateescape"))


def _fresh_token() -> str:
    return secrets.token_hex(16)


class GitHubFormatter(Formatter):
    """Workflow commands: GitHub shows each finding on its line of the pull request."""

    name = "github"

    def check(
        self, result: CheckResult, found: Sequence[Finding], *, summary: bool, quiet: bool
    ) -> None:
        console.out(github(found, summary=summary))


class SarifFormatter(Formatter):
    """SARIF 2.1.0, for code scanning."""

    name = "sarif"

    def check(
        self, result: CheckResult, found: Sequence[Finding], *, summary: bool, quiet: bool
    ) -> None:
        console.out(json.dumps(sarif(found, __version__), indent=2, ensure_ascii=False))
