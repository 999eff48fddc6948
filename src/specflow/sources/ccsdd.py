"""cc-sdd's `spec.json`, beside a Kiro feature's requirements.md: has implementation begun?

`/kiro:spec-init` writes `phase`, `approvals.{requirements,design,tasks}.{generated,approved}`
and `ready_for_implementation` (tests/data/kiro/generated/templates/init.json). Implementation may
start once the tasks are approved: cc-sdd 3's `kiro-impl` refuses until
`approvals.tasks.approved` is true, its first versions set `ready_for_implementation` then, and
some teams write a `phase` of their own (`implementation-in-progress`). Any of the three is
enough; a feature none of them marks is a draft, its criteria not enforced (SOURCES-11).

Imported only when a spec.json is parsed (a cache miss): the warm hook never reads JSON.
"""

from __future__ import annotations

import json
from typing import cast

from specflow.model import Finding, Severity, Spec, Status

RULE = "invalid-spec-json"
_FIELDS = ("phase", "approvals", "ready_for_implementation")


class _Invalid(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


def amend(spec: Spec, path: str, data: bytes) -> Spec:
    """The spec with the status its spec.json gives it (SOURCES-11). A spec.json that cannot be
    read is an error at its line and leaves the spec active (SOURCES-E17)."""
    try:
        started = _started(data)
    except _Invalid as problem:
        found = Finding(RULE, Severity.error, path, problem.line, problem.message)
        return spec._replace(findings=(*spec.findings, found))
    return spec if started is not False else spec._replace(status=Status.draft.value)


def _started(data: bytes) -> bool | None:
    """True or False as spec.json says; None when it has none of cc-sdd's fields."""
    try:
        value = json.loads(data)
    except json.JSONDecodeError as exc:
        raise _Invalid(exc.lineno, f"spec.json is not valid JSON: {exc.msg}") from None
    except UnicodeDecodeError:
        raise _Invalid(1, "spec.json is not valid JSON: it is not UTF-8") from None
    except ValueError:  # Python's own limit on the digits of a number, whose advice is not ours
        raise _Invalid(1, "spec.json is not valid JSON: a number too long to read") from None
    except RecursionError:
        raise _Invalid(1, "spec.json is not valid JSON: nested too deep") from None
    if not isinstance(value, dict):
        raise _Invalid(1, "spec.json is not a JSON object")
    if not any(name in value for name in _FIELDS):
        return None  # not cc-sdd's: no word on implementation
    text = data.decode("utf-8", "replace")
    phase = _typed(value, "phase", str, text)
    ready = _typed(value, "ready_for_implementation", bool, text)
    approvals = _typed(value, "approvals", dict, text) or {}
    tasks = _typed(cast(dict[str, object], approvals), "tasks", dict, text, "approvals.") or {}
    approved = _typed(cast(dict[str, object], tasks), "approved", bool, text, "approvals.tasks.")
    return bool(ready or approved or str(phase or "").startswith("implementation"))


def _typed(
    value: dict[str, object], key: str, kind: type, text: str, prefix: str = ""
) -> object | None:
    found = value.get(key)
    if found is None or isinstance(found, kind):
        return found
    wanted = {str: "a string", bool: "true or false", dict: "an object"}[kind]
    message = f"spec.json's `{prefix}{key}` is {_described(found)}, not {wanted}"
    raise _Invalid(_line_of(text, *prefix.split(".")[:-1], key), message)


def _line_of(text: str, *keys: str) -> int:
    """The line that names the last of `keys`, each found after the one before it (`tasks`,
    then its `approved`): JSON's parser gives no line for a value's type."""
    lines = text.splitlines()
    at = 0
    for key in keys:
        quoted = f'"{key}"'
        at = next((n for n in range(at, len(lines)) if quoted in lines[n]), at)
    return at + 1


def _described(value: object) -> str:
    """A JSON value as spec.json spells it (the command's JSON is written elsewhere, LAYOUT-7)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f'"{value[:30]}"' if len(value) <= 30 else f'"{value[:30]}..."'
    if isinstance(value, list):
        return "a list"
    return "an object" if isinstance(value, dict) else str(value)
