"""Kiro and cc-sdd: `.kiro/specs/<feature>/requirements.md`.

Each `### Requirement N: ...` holds a user story (`**Objective:**` or `**User Story:**`, read as
Context) and numbered EARS acceptance criteria: the requirements, `N.M` in Kiro's own words and
`PASSWORD-RESET-1.2` here (SOURCES-3), the feature's name in front. The Introduction and the
Boundary Context are the Context.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from specflow.config import SOURCE_ROOTS
from specflow.ids import spec_id_from_file_name
from specflow.model import ContextStatement, Finding, Requirement, Spec
from specflow.sources import Source
from specflow.sources.blocks import Block, blocks, clean, finding, key, sections

if TYPE_CHECKING:
    from specflow.specset import SpecSet

NAME = "kiro"
ROOT = SOURCE_ROOTS[NAME]
_FILE = re.compile(r"\.kiro/specs/(?P<feature>[^/]+)/requirements\.md\Z")
# `Requirement 1: Area`, `Requirement 1`, `1. Overview`, `2 Feature: ...` (cc-sdd's template)
_NUMBERED = re.compile(r"(?:Requirement\s+)?(?P<number>[0-9]+)\b[.:]?\s*(?P<title>.*)", re.I)
# SOURCES-E14: cc-sdd's criteria numbered in their own text, `1.1 The X shall ...`, one a line
_DOTTED = re.compile(r"[ \t]*(?P<number>[0-9]+\.[0-9]+)\.?[ \t]+(?P<text>.*)")
_SHALL = re.compile(r"\bshall\b", re.IGNORECASE)
# SOURCES-E8: `shall` is an English word; a criterion in Japanese or Chinese says it its own way
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def source() -> Source:
    return Source(NAME, ROOT, claims, is_spec_file, parse, cross_check, companion, amend)


def companion(path: str) -> str | None:
    """SOURCES-11: cc-sdd's spec.json, beside requirements.md."""
    return path.rsplit("/", 1)[0] + "/spec.json" if is_spec_file(path) else None


def amend(spec: Spec, path: str, data: bytes) -> Spec:
    from specflow.sources import ccsdd  # only when a spec.json is parsed

    return ccsdd.amend(spec, path, data)


def claims(path: str) -> bool:
    return path.startswith(ROOT + "/")


def is_spec_file(path: str) -> bool:
    return _FILE.match(path) is not None


def parse(path: str, text: str) -> Spec:
    match = _FILE.match(path)
    ident = spec_id_from_file_name(match["feature"]) if match else "KIRO"
    found = blocks(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    requirements: list[Requirement] = []
    context: list[ContextStatement] = []
    problems: list[Finding] = []
    title, h2, number, area, criteria = "", "", None, "", False
    for block in found:
        if block.kind == "heading":
            if block.level == 1:
                title = title or block.text
            elif block.level == 2:
                h2, number, criteria = key(block.text), None, False
            elif block.level == 3 and h2 == "requirements":
                number, area = _requirement_heading(path, block, problems)
                criteria = False
            elif block.level == 4:
                criteria = key(block.text) == "acceptancecriteria"
            continue
        if h2 in ("introduction", "boundarycontext"):
            context.append(ContextStatement(block.text, path, block.line))
        elif h2 == "requirements" and criteria and block.kind == "item":
            requirements.append(_criterion(path, ident, number, block, problems))
        elif h2 == "requirements" and criteria and _DOTTED.match(lines[block.line - 1]):
            requirements.extend(_dotted_criteria(path, ident, block, lines, problems))
        elif h2 == "requirements" and block.kind == "paragraph" and area:
            context.append(ContextStatement(f"{area}: {block.text}", path, block.line))
    return Spec(
        path=path,
        id=ident,
        # cc-sdd's template calls every file "Requirements Document": the feature names it
        title=title if title and title != "Requirements Document" else ident,
        id_from_file_name=False,
        requirements=tuple(requirements),
        context=tuple(context),
        sections=sections(path, text, found),
        source=NAME,
        findings=tuple(problems),
        companions=tuple(filter(None, [companion(path)])),
    )


def _requirement_heading(
    path: str, block: Block, problems: list[Finding]
) -> tuple[int | None, str]:
    match = _NUMBERED.fullmatch(block.text)
    if match:
        return int(match["number"]), f"Requirement {match['number']} ({match['title'].strip()})"
    message = f"requirement {block.text!r} has no number (`### Requirement 1: ...`)"
    problems.append(finding(path, block.line, "missing-id", False, message))
    return None, ""


def _criterion(
    path: str, ident: str, number: int | None, block: Block, problems: list[Finding]
) -> Requirement:
    # the criterion's own number as written (`2.`): the `1.2` that Kiro's tasks cite
    item_id = f"{ident}-{number}.{block.level}" if number is not None and block.level else None
    return _requirement(path, item_id, block.text, block.line, problems)


def _dotted_criteria(
    path: str, ident: str, block: Block, lines: list[str], problems: list[Finding]
) -> Iterator[Requirement]:
    """A paragraph of `N.M text` lines; a line without a number continues the one before."""
    opened: list[tuple[int, str, list[str]]] = []
    for line_number in range(block.line, block.end + 1):
        line = lines[line_number - 1]
        match = _DOTTED.match(line)
        if match:
            opened.append((line_number, match["number"], [match["text"]]))
        else:
            opened[-1][2].append(line)
    for line_number, number, parts in opened:
        yield _requirement(path, f"{ident}-{number}", clean(" ".join(parts)), line_number, problems)


def _requirement(
    path: str, item_id: str | None, text: str, line: int, problems: list[Finding]
) -> Requirement:
    if not _SHALL.search(text) and not _CJK.search(text):
        message = "acceptance criterion has no `shall`: EARS says what the system shall do"
        problems.append(finding(path, line, "no-shall", True, message))
    return Requirement(item_id, text, path, line)


def cross_check(specs: SpecSet) -> Iterator[Finding]:
    return iter(())
