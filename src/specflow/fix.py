"""`specflow lint --fix`: number each item that lacks an ID, touching nothing else."""

from __future__ import annotations

import re

from specflow.ids import parse_item_id
from specflow.model import Requirement, Spec
from specflow.specset import SpecSet

# The same line breaks markdown-it counts: CRLF, LF, and a lone CR.
_LINES = re.compile(r"(?<=\r\n)|(?<=\n)|(?<=\r)(?!\n)")
_HEAD = re.compile(r"[ \t]*(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]+|$)(?:\[[ xX]\](?:[ \t]+|$))?")


def missing_ids(spec: Spec) -> list[Requirement]:
    return [item for item in spec.items if item.id is None]


def assign_ids(text: str, spec: Spec, specs: SpecSet) -> str:
    """`text` (the spec's source) with an ID inserted after the marker of each item lacking one."""
    taken = {
        (parsed.edge, parsed.number)
        for item_id in specs.items
        if (parsed := parse_item_id(item_id)) and parsed.prefix == spec.id
    }
    lines = _LINES.split(text)
    for item in missing_ids(spec):
        edge = item.kind == "edge-case"
        number = 1 + max((n for is_edge, n in taken if is_edge == edge), default=0)
        taken.add((edge, number))
        lines[item.line - 1] = _insert_id(lines[item.line - 1], f"{spec.id}-{'E' * edge}{number}")
    return "".join(lines)


def _insert_id(line: str, item_id: str) -> str:
    head = _HEAD.match(line)
    cut = head.end() if head else 0
    prefix = line[:cut]
    if prefix and not prefix[-1].isspace():  # an empty item: `-` alone on its line
        prefix += " "
    return f"{prefix}{item_id}: {line[cut:]}"
