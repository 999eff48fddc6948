"""GitHub Spec Kit: `specs/NNN-feature/spec.md`, as `specify` and its scripts write it.

Requirements are the `**FR-001**: System MUST ...` items of Functional Requirements; their ID is
the feature's name and the FR number, `PASSWORD-RESET-FR-001` (SOURCES-3), because FR numbers
start again in every feature. The user stories' acceptance scenarios and the Edge Cases are the
edge cases (without IDs: Spec Kit gives them none); Assumptions and Key Entities the Context.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from specflow.config import SOURCE_ROOTS
from specflow.ids import spec_id_from_file_name
from specflow.model import ContextStatement, Finding, Requirement, Spec, Status
from specflow.sources import Source
from specflow.sources.blocks import Block, blocks, finding, key, sections

if TYPE_CHECKING:
    from specflow.specset import SpecSet

NAME = "speckit"
ROOT = SOURCE_ROOTS[NAME]
_FEATURE = re.compile(r"specs/(?P<number>[0-9]{3,})-(?P<name>[^/]+)/")
# SOURCES-E6: `：` too; SOURCES-E11: a short name after the number, `**FR-001 (Google SSO)**:`
_FR = re.compile(
    r"(?:\*\*)?FR-(?P<number>[0-9]+)(?:\s*\((?P<name>[^()\n]*)\))?(?:\*\*[:：]?|[:：])\s*"
)
_STATUS = re.compile(r"\*\*Status\*\*:\s*(?P<status>\S+)")
_CLARIFY = "[NEEDS CLARIFICATION"
# Every spec `specify` writes says `Status: Draft`, so Draft is read as active: the FRs of a
# feature being built are what its commits must reference (SOURCES-4).
_STATUSES = {
    "draft": Status.active,
    "active": Status.active,
    "approved": Status.active,
    "done": Status.done,
    "implemented": Status.done,
    "complete": Status.done,
    "completed": Status.done,
    "deprecated": Status.deprecated,
    "superseded": Status.deprecated,
}


def source() -> Source:
    return Source(NAME, ROOT, claims, is_spec_file, parse, cross_check)


def claims(path: str) -> bool:
    """The whole feature folder is Spec Kit's: its plan.md and tasks.md are not specflow specs."""
    return _FEATURE.match(path) is not None


def is_spec_file(path: str) -> bool:
    found = _FEATURE.match(path)
    return found is not None and path[found.end() :] == "spec.md"


def spec_id(path: str) -> str:
    """`specs/001-password-reset/spec.md` → `PASSWORD-RESET-FR`."""
    found = _FEATURE.match(path)
    name = spec_id_from_file_name(found["name"]) if found else ""
    return f"{name or 'F' + (found['number'] if found else '')}-FR"


def parse(path: str, text: str) -> Spec:
    found = blocks(text)
    ident = spec_id(path)
    requirements: list[Requirement] = []
    edge_cases: list[Requirement] = []
    context: list[ContextStatement] = []
    title, status, problems = "", Status.active, list(_clarifications(path, text))
    h2 = h3 = ""
    for block in found:
        if block.kind == "heading":
            if block.level == 1:
                title = title or block.text.split(":", 1)[-1].strip()
            h2, h3 = (key(block.text), "") if block.level == 2 else (h2, key(block.text))
            if block.level == 3 and h3.startswith("userstory"):
                h3 = "userstory:" + block.text
            continue
        if block.kind == "paragraph":
            if not h2:  # SOURCES-E13: the header block's status, not a story's or a section's
                status = _status(block, status, path, problems)
            continue
        if block.kind != "item":
            continue
        # SOURCES-E6: an FR item under headings in another language (`### 功能需求`) is one too
        if (
            h3 == "functionalrequirements"
            or (h2 == "requirements" and not h3)
            or _FR.match(block.text)
        ):
            requirements.append(_requirement(ident, path, block))
        elif h3 == "edgecases" or h2 == "edgecases":
            edge_cases.append(Requirement(None, block.text, path, block.line, kind="edge-case"))
        elif h3.startswith("userstory:"):
            story = h3.split(":", 1)[1].strip()
            text_ = f"{story}: {block.text}"
            edge_cases.append(Requirement(None, text_, path, block.line, kind="edge-case"))
        elif h3 == "keyentities" or h2 == "assumptions":
            context.append(ContextStatement(block.text, path, block.line))
    return Spec(
        path=path,
        id=ident,
        title=title or ident,
        status=status.value,
        id_from_file_name=False,
        requirements=tuple(requirements),
        edge_cases=tuple(edge_cases),
        context=tuple(context),
        sections=sections(path, text, found),
        source=NAME,
        findings=tuple(problems),
    )


def _requirement(ident: str, path: str, block: Block) -> Requirement:
    match = _FR.match(block.text)
    if not match:
        return Requirement(None, block.text, path, block.line)
    text = block.text[match.end() :]
    if match["name"]:
        text = f"{match['name'].strip()}: {text}"
    return Requirement(f"{ident}-{match['number']}", text, path, block.line)


def _status(block: Block, status: Status, path: str, problems: list[Finding]) -> Status:
    match = _STATUS.search(block.text)
    if not match:
        return status
    word = match["status"].strip("*_`").lower()
    if word in _STATUSES:
        return _STATUSES[word]
    message = f"unknown Spec Kit status {match['status']!r}: read as active"
    problems.append(finding(path, block.line, "unknown-status", True, message))
    return status


def _clarifications(path: str, text: str) -> Iterator[Finding]:
    """SOURCES-6: `[NEEDS CLARIFICATION: ...]` is a question the spec still leaves open."""
    for number, line in enumerate(text.splitlines(), 1):
        if _CLARIFY in line.upper():
            question = line[line.upper().index(_CLARIFY) :].split("]", 1)[0] + "]"
            message = f"{question} is still open: answer it (`/speckit.clarify`) and edit the spec"
            yield finding(path, number, "needs-clarification", True, message)


def cross_check(specs: SpecSet) -> Iterator[Finding]:
    return iter(())
