"""`specflow lint --fix`: number each item that lacks an ID, touching nothing else."""

from __future__ import annotations

import re

from specflow.ids import SPEC_ID_RE, find_references, next_number, taken_numbers
from specflow.model import Requirement, Spec
from specflow.sources.markdown import parse_spec
from specflow.specset import SpecSet

# The same line breaks markdown-it counts: CRLF, LF, and a lone CR.
_LINES = re.compile(r"(?<=\r\n)|(?<=\n)|(?<=\r)(?!\n)")
# A list marker and an optional task box, each followed by blanks or the end of the line. `$`
# alone would not do: it matches before a final `\n` but never before `\r`.
_END = r"(?:[ \t]+|(?=[\r\n]|\Z))"
_HEAD = re.compile(rf"[ \t]*(?:[-*+]|[0-9]{{1,9}}[.)]){_END}(?:\[[ xX]\]{_END})?")


def missing_ids(spec: Spec) -> list[Requirement]:
    """Items that `assign_ids` would number; none when the spec's own id cannot prefix an ID."""
    if not SPEC_ID_RE.match(spec.id):
        return []  # `123-1` would not read back as an ID, and every run would add another
    return [item for item in spec.items if item.id is None]


def assign_ids(text: str, spec: Spec, specs: SpecSet) -> str:
    """`text` (the spec's source) with an ID inserted after the marker of each item lacking one.

    LINT-8: numbers continue from the highest one the spec's prefix has anywhere in `specs`, or
    that the spec's own text mentions (`supersedes RESET-7` tells of a number once used);
    requirements and edge cases (`-E<n>`) count separately.
    """
    mentioned = [found for found, _ in find_references(text, frozenset({spec.id}))]
    taken = taken_numbers(spec.id, [*specs.items, *mentioned])
    lines = _LINES.split(text)
    for item in missing_ids(spec):
        edge = item.kind == "edge-case"
        number = next_number(taken, edge)
        line = _insert_id(lines[item.line - 1], f"{spec.id}-{'E' * edge}{number}")
        if _bare(lines[item.line - 1]) and not _keeps_items(
            [*lines[: item.line - 1], line, *lines[item.line :]], spec
        ):
            continue  # LINT-E4: the text below an empty item would become its text
        taken.add((edge, number))
        lines[item.line - 1] = line
    return "".join(lines)


def _keeps_items(lines: list[str], spec: Spec) -> bool:
    """Whether the text still has the spec's items on the same lines. An ID makes an empty item
    a paragraph, and Markdown then reads the unindented text below it as more of that paragraph
    (a lazy continuation), where before it closed the empty item."""
    after = parse_spec(spec.path, "".join(lines)).items
    return [item.line for item in after] == [item.line for item in spec.items]


def _bare(line: str) -> bool:
    """LINT-E4: a marker alone on its line (`- `, `- [ ]`, `2.`): what text the item has comes
    from the lines below it, which an ID on its line may take from it (`* ` there, or `2.`)."""
    head = _BARE_HEAD.match(line)
    return head is not None and not line[head.end() :].strip()


def _insert_id(line: str, item_id: str) -> str:
    """`- [ ] text` → `- [ ] ID: text`; `-` alone → `- ID:` (LINT-E2), no trailing blank added."""
    head = _HEAD.match(line)
    cut = head.end() if head else 0
    prefix, rest = line[:cut], line[cut:]
    if not rest.strip():
        # An empty item: right after the marker (and box), so that the blanks after it keep
        # their bytes and the item's content column, and the lines nested under it stay nested.
        bare = _BARE_HEAD.match(line)
        at = bare.end() if bare else cut
        return f"{line[:at]} {item_id}:{line[at:]}"
    return f"{prefix}{item_id}: {rest}"


_BARE_HEAD = re.compile(r"[ \t]*(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]+\[[ xX]\](?=[ \t\r\n]|\Z))?")
