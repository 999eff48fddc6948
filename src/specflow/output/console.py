"""The console: what every command prints passes here, made safe for a terminal (HARDEN-17);
findings and their summary as text or JSON; rich only on a terminal and without `NO_COLOR`
(CLI-4). On the hooks' path: light, and nothing else of
`specflow.output` but the format asked for is imported with it (LAYOUT-10)."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from typing import Any

from specflow.model import Finding, Severity
from specflow.output.escape import printable

SCHEMA = 1


def out(text: str) -> None:
    """Everything specflow prints passes here: no terminal escapes, no undecodable bytes."""
    text = _safe(text)  # HARDEN-17
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")


def err(text: str) -> None:
    sys.stderr.write(_safe(text) + "\n")


def _safe(text: str) -> str:
    cleaned = printable(text)
    return cleaned if isinstance(cleaned, str) else text


def is_terminal() -> bool:
    # no-color.org: only a non-empty NO_COLOR turns colour off.
    return (
        sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    )


def dump_json(data: dict[str, Any]) -> None:
    """Indented on a terminal; one line otherwise, which the C encoder writes (a review of
    200,000 changed lines is 15 MB of JSON: five times faster)."""
    import json  # the hooks print text

    pretty = sys.stdout.isatty()
    text = json.dumps(
        {"schema": SCHEMA, **data},
        ensure_ascii=False,
        indent=2 if pretty else None,
        separators=(",", ": ") if pretty else (",", ":"),
    )
    out(_CONTROL_ESCAPE.sub(_inert, text))


# HARDEN-17: strings as `printable` makes them, in one pass over the JSON text rather than one
# per string. JSON writes a control character below U+0020 as `\b`, `\f`, `\r` or `\u00XX`
# (`\t` and `\n` stay, as `printable` keeps them); `out` replaces the rest (U+007F, U+009B,
# undecodable bytes). An escaped backslash is matched as a pair, so `\\r` stays text.
_CONTROL_ESCAPE = re.compile(r"\\(?:(\\)|u00[01][0-9a-f]|[bfr])")


def _inert(escape: re.Match[str]) -> str:
    return escape[0] if escape[1] else "\ufffd"


def finding_line(finding: Finding) -> str:
    where = f"{finding.path}:{finding.line}"
    return f"{where}: {finding.severity.value} [{finding.rule}] {finding.message}"


def summary(findings: Sequence[Finding], checked: str) -> str:
    errors = sum(f.severity is Severity.error for f in findings)
    warnings = sum(f.severity is Severity.warning for f in findings)
    if not errors and not warnings:
        return f"All good: {checked}."
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {checked}."


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def findings(
    items: Sequence[Finding],
    checked: str,
    fmt: str,
    *,
    counted: Sequence[Finding] | None = None,
    note: str = "",
    **extra: Any,
) -> None:
    """`counted`: what the summary counts, when `items` shows less; `note` says what it left
    out (CHECK-E62)."""
    total = items if counted is None else counted
    if fmt == "json":
        from specflow.output import serialize  # not on the hook's path

        dump_json({**extra, "findings": [serialize.finding(f) for f in items]})
        return
    styles = {Severity.error: "red", Severity.warning: "yellow"}
    if is_terminal():
        # only to colour findings on a terminal: a hook's output in a log or a GUI is plain
        from rich.console import Console
        from rich.markup import escape

        console = Console(highlight=False, soft_wrap=True)
        for f in items:
            style = styles.get(f.severity, "")
            console.print(
                f"[bold]{escape(f.path)}:{f.line}[/]: [{style}]{f.severity.value}[/] "
                f"[dim]\\[{f.rule}][/] {escape(f.message)}"
            )
        if note:
            console.print(escape(note))
        console.print(summary(total, checked))
        return
    noted = note + "\n" if note else ""
    out("".join(finding_line(f) + "\n" for f in items) + noted + summary(total, checked))


def questions(asked: Sequence[str]) -> None:
    """HOOK-14: never blocking; answer them before the change lands."""
    if asked:
        head = "specflow: the review asks (`specflow review --staged` for all):"
        out("\n".join([head, *(f"  ? {line}" for line in asked)]))
