"""OpenSpec: `openspec/specs/<capability>/spec.md`, and the delta specs of the changes not yet
archived, `openspec/changes/<change>/specs/<capability>/spec.md`.

OpenSpec has no IDs: a requirement is keyed by its heading, `### Requirement: Reset link
expiry`. Its ID here is the capability and the heading as a slug,
`PASSWORD-RESET-reset-link-expiry` (SOURCES-3). `#### Scenario:` blocks are the edge cases, the
Purpose the Context. A change's ADDED requirements are planned requirements of the capability
they will join, with the ID they will have once archived (SOURCES-7).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from specflow.config import SOURCE_ROOTS
from specflow.ids import spec_id_from_file_name
from specflow.model import ContextStatement, Finding, ItemState, Requirement, Spec
from specflow.sources import Source
from specflow.sources.blocks import Block, blocks, finding, key, sections

if TYPE_CHECKING:
    from specflow.specset import SpecSet

NAME = "openspec"
ROOT = SOURCE_ROOTS[NAME]
_MAIN = re.compile(r"openspec/specs/(?P<capability>.+)/spec\.md\Z")
_CHANGE = re.compile(r"openspec/changes/(?P<change>[^/]+)/specs/(?P<capability>.+)/spec\.md\Z")
_REQUIREMENT = re.compile(r"Requirement:\s*(?P<name>.+)", re.IGNORECASE)
_SCENARIO = re.compile(r"Scenario:\s*(?P<name>.+)", re.IGNORECASE)
_RENAME = re.compile(r"(?P<side>FROM|TO):\s*`?(?:###\s*)?Requirement:\s*(?P<name>[^`]+)`?", re.I)
_NORMATIVE = re.compile(r"\b(?:SHALL|MUST)\b")
DELTAS = ("added", "modified", "removed", "renamed")


def source() -> Source:
    return Source(NAME, ROOT, claims, is_spec_file, parse, cross_check)


def claims(path: str) -> bool:
    return path.startswith("openspec/")


def is_spec_file(path: str) -> bool:
    if _MAIN.match(path):
        return True
    change = _CHANGE.match(path)
    return change is not None and change["change"] != "archive"  # archived: merged already


def capability_id(capability: str) -> str:
    """`identity/user-auth` → `IDENTITY-USER-AUTH`."""
    return spec_id_from_file_name(capability.replace("/", "-"))


def slug(name: str) -> str:
    """`Reset link expiry (30 min)` → `reset-link-expiry-30-min`. SOURCES-E7: a name with letters
    beyond ASCII (`Email/Password 注册`) keeps its ASCII words and ends in `h` and six hex digits
    of its hash, so that names told apart only by those letters stay apart, and stay greppable."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    if any(ch.isalpha() and not ch.isascii() for ch in name):
        normal = unicodedata.normalize("NFC", " ".join(name.split()))
        words.append("h" + hashlib.sha256(normal.encode("utf-8")).hexdigest()[:6])
    return "-".join(words)


class _Reading:
    """What one walk over a spec file collects."""

    def __init__(self, path: str, capability: str, planned: bool) -> None:
        self.path, self.capability, self.planned = path, capability, planned
        self.requirements: list[Requirement] = []
        self.edge_cases: list[Requirement] = []
        self.context: list[ContextStatement] = []
        self.problems: list[Finding] = []
        self.deltas: dict[str, list[tuple[str, int]]] = {kind: [] for kind in DELTAS}
        self.scenarios = 0
        self.current: Requirement | None = None
        self.name = ""  # the current requirement's heading: its key

    def requirement(self, delta: str, block: Block, name: str) -> None:
        self.close()
        if delta in ("modified", "removed"):
            self.deltas[delta].append((name, block.line))
        if delta in ("modified", "removed", "renamed"):
            self.current = None
            return
        ident = f"{self.capability}-{slug(name)}" if slug(name)[:1].isalpha() else None
        if ident is None:
            message = f"requirement {name!r} cannot be referenced: start its name with a letter"
            self.problems.append(
                finding(self.path, block.line, "unreferenceable-name", False, message)
            )
        state = ItemState.planned if self.planned else ItemState.plain
        self.current = Requirement(ident, name, self.path, block.line, state)
        self.name, self.scenarios = name, 0

    def text(self, block: Block) -> None:
        current = self.current
        if current is not None and self.scenarios == 0:
            self.current = current._replace(text=f"{current.text}: {block.text}".strip())

    def close(self) -> None:
        current = self.current
        if current is None:
            return
        self.requirements.append(current)
        if not _NORMATIVE.search(current.text[len(self.name) :]):
            message = f"requirement {self.name!r} has no SHALL or MUST sentence"
            self.problems.append(finding(self.path, current.line, "no-shall", True, message))
        if self.scenarios == 0:
            message = f"requirement {self.name!r} has no `#### Scenario:`"
            self.problems.append(finding(self.path, current.line, "no-scenario", True, message))
        self.current = None


def parse(path: str, text: str) -> Spec:
    change = _CHANGE.match(path)
    place = _MAIN.match(path) or change
    capability = place["capability"] if place else path
    reading = _Reading(path, capability_id(capability), planned=change is not None)
    found = blocks(text)
    title, h2, delta = "", "", ""
    for block in found:
        if block.kind == "heading":
            title, h2, delta = _heading(reading, block, title, h2, delta)
        elif h2 == "purpose" and block.kind in ("paragraph", "item"):
            reading.context.append(ContextStatement(block.text, path, block.line))
        elif delta == "renamed" and block.kind == "item":
            _rename(reading, block)
        elif reading.current is not None:
            if reading.scenarios and reading.edge_cases:
                last = reading.edge_cases[-1]
                reading.edge_cases[-1] = last._replace(text=f"{last.text} {block.text}")
            else:
                reading.text(block)
    reading.close()
    return _spec(path, reading, title, change["change"] if change else None, found, text)


def _heading(
    reading: _Reading, block: Block, title: str, h2: str, delta: str
) -> tuple[str, str, str]:
    if block.level == 1:
        return title or block.text, h2, delta
    if block.level == 2:
        reading.close()
        h2 = key(block.text)
        kind = next((d for d in DELTAS if h2 == f"{d}requirements"), "")
        if kind and kind != "added" and not reading.planned:
            return title, _delta_in_main_spec(reading, block, kind), ""
        return title, h2, kind
    requirement = _REQUIREMENT.match(block.text)
    if block.level == 3 and requirement and (h2 in ("requirements", "") or delta):
        if not h2 and not reading.requirements and reading.current is None:
            # SOURCES-E5: read as a reader would, and said, since OpenSpec's tools need the H2
            message = "`### Requirement:` before any `## Requirements` heading: add the heading"
            reading.problems.append(
                finding(reading.path, block.line, "no-requirements-heading", True, message)
            )
        reading.requirement(delta or "added", block, requirement["name"].strip())
        return title, h2, delta
    scenario = _SCENARIO.match(block.text)
    if block.level == 4 and scenario and reading.current is not None:
        reading.scenarios += 1
        text = f"{reading.name}, scenario {scenario['name'].strip()}:"
        reading.edge_cases.append(
            Requirement(None, text, reading.path, block.line, kind="edge-case")
        )
    return title, h2, delta


def _delta_in_main_spec(reading: _Reading, block: Block, kind: str) -> str:
    """SOURCES-E12: a MODIFIED, REMOVED or RENAMED section left in a capability's own spec (an
    archive gone wrong): what it MODIFIES is read as the capability's requirements, what it
    REMOVES or RENAMES is not. (`## ADDED Requirements` there is common, and read silently.)"""
    message = (
        f"`## {block.text}` in a capability's spec: OpenSpec reads its requirements under "
        "`## Requirements`; delta sections belong to a change (openspec/changes/<change>/specs/)"
    )
    reading.problems.append(finding(reading.path, block.line, "delta-in-main-spec", True, message))
    return "requirements" if kind == "modified" else f"{kind}requirements"


def _rename(reading: _Reading, block: Block) -> None:
    match = _RENAME.search(block.text)
    if match:
        reading.deltas["renamed"].append(
            (f"{match['side'].upper()} {match['name'].strip()}", block.line)
        )


def _spec(
    path: str, reading: _Reading, title: str, change: str | None, found: list[Block], text: str
) -> Spec:
    # SOURCES-E10: one change may hold a delta for each of several capabilities
    ident = (
        spec_id_from_file_name(f"{change}-{reading.capability}") if change else reading.capability
    )
    return Spec(
        path=path,
        id=ident,
        title=(f"change {change}: {reading.capability}" if change else title) or ident,
        id_from_file_name=False,
        requirements=tuple(reading.requirements),
        edge_cases=tuple(reading.edge_cases),
        context=tuple(reading.context),
        sections=sections(path, text, found),
        source=NAME,
        findings=tuple(reading.problems),
        extra={
            "capability": reading.capability,
            **{kind: tuple(names) for kind, names in reading.deltas.items() if names},
        },
    )


def cross_check(specs: SpecSet) -> Iterator[Finding]:
    """SOURCES-6: a change's MODIFIED or REMOVED requirement must name one that exists: OpenSpec
    keys requirements by their heading, so a renamed one breaks the link (and `archive`)."""
    for spec in specs.specs:
        if spec.source != NAME or "capability" not in spec.extra:
            continue
        capability = spec.extra["capability"]
        delta = _CHANGE.match(spec.path)
        main = f"{ROOT}/specs/{delta['capability']}/spec.md" if delta else spec.path
        exists = any(other.path == main for other in specs.specs)
        for kind in ("modified", "removed"):
            for name, line in spec.extra.get(kind, ()):
                ident = f"{capability}-{slug(name)}"
                if ident in specs.items:
                    continue
                why = (
                    "OpenSpec keys a requirement by its name, so a renamed heading breaks the "
                    "link and `openspec archive`; use the current name, or a RENAMED section"
                    if exists  # SOURCES-E9: no spec of the capability at all is another mistake
                    else f"there is no {main}: ADD the requirement, or name the capability it is in"
                )
                what = f"{kind.upper()} requirement {name!r}"
                message = f"{what} matches no requirement of {capability}: {why}"
                yield finding(spec.path, line, "renamed-requirement", False, message)
        for name, line in spec.extra.get("renamed", ()):
            side, _, old = name.partition(" ")
            if side == "FROM":
                message = (
                    f"renaming {old!r} changes its ID {capability}-{slug(old)}: every reference "
                    "to it in code and tests must change with it"
                )
                yield finding(spec.path, line, "renamed-requirement", True, message)
