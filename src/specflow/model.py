"""The spec model: plain immutable data, independent of where a spec was read from.

Named tuples rather than frozen dataclasses: the commit hooks import this module on every
commit, and a dataclass costs its module `inspect` and each class half a millisecond to build."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any, NamedTuple

DRAFT_MARKER = "Draft:"  # what `specflow new --scope` opens a drafted Context line with
_NESTED_ITEM = r"\s*(?:[-*+]|[0-9]+[.)])\s"  # compiled by `re` when first met, not per commit


def headline(text: str) -> str:
    """The first paragraph of a statement (or of a message, as git reads its subject) on one
    line: its lines up to a blank line or a nested list item, joined by spaces. A requirement
    wrapped over two lines was cut mid-sentence (CLI-E9)."""
    kept: list[str] = []
    for line in text.strip().splitlines():
        if not line.strip() or (kept and re.match(_NESTED_ITEM, line)):
            break
        kept.append(line.strip())
    return " ".join(kept)


def headline_for(text: str, *named: Iterable[str]) -> str:
    """REVIEW-E408: a statement's first paragraph, and when that names none of the `named`
    (what the question's hunks change, then its evidence), the nested line that does: a drafted
    Context line ("Draft: `name.rs`") holds its definitions as nested items, and a question
    quoting only its first line told nothing of what the hunk meets. REVIEW-E430: the nested
    line that spells the most of them, where `Reader.skip()` spells both `Reader` and `skip`
    (a hunk in `Reader`'s `skip` quotes it, not `class Reader`); the earliest name, then the
    earliest line, breaks a tie."""
    first = headline(text)
    lasts = list(dict.fromkeys(n.rsplit(".", 1)[-1] for names in named for n in names if n))
    spelled = [re.compile(rf"(?<![\w.]){re.escape(last)}(?!\w)") for last in lasts]
    if not spelled or any(name.search(first) for name in spelled):
        return first
    nested = [line for line in text.splitlines()[1:] if re.match(_NESTED_ITEM, line)]
    ranked = [
        (_spelled_by(line, lasts, spelled), -index, line) for index, line in enumerate(nested)
    ]
    best = max(ranked, default=None)
    if best is None or not best[0][0]:
        return first
    return f"{first} ... {re.sub(_NESTED_ITEM, '', best[2], count=1).strip()}"


def _spelled_by(
    line: str, lasts: Sequence[str], spelled: Sequence[re.Pattern[str]]
) -> tuple[int, int]:
    """How many of the names `line` spells (one qualified by another of them, `Reader.skip`,
    counts; by something else, `Stream.skip`, not), and minus the index of the first it spells
    alone; (0, 0) when none alone."""
    alone = [i for i, name in enumerate(spelled) if name.search(line)]
    if not alone:
        return 0, 0
    owners = "|".join(re.escape(lasts[i]) for i in alone)
    qualified = sum(
        1
        for i, last in enumerate(lasts)
        if i not in alone and re.search(rf"(?<![\w.])(?:{owners})\.{re.escape(last)}(?!\w)", line)
    )
    return len(alone) + qualified, -alone[0]


class Status(str, Enum):
    draft = "draft"
    active = "active"
    done = "done"
    deprecated = "deprecated"

    @property
    def enforced(self) -> bool:
        return self in (Status.active, Status.done)


class ItemState(str, Enum):
    """A requirement is `plain` (enforced), `planned` (`- [ ]`) or `ticked` (`- [x]`, enforced)."""

    plain = "plain"
    planned = "planned"
    ticked = "ticked"

    @property
    def enforced(self) -> bool:
        return self is not ItemState.planned


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    off = "off"


class Requirement(NamedTuple):
    """A top-level list item under `Requirements` (kind `requirement`) or `Edge Cases`."""

    id: str | None
    text: str
    path: str
    line: int
    state: ItemState = ItemState.plain
    kind: str = "requirement"  # or "edge-case"

    @property
    def enforced(self) -> bool:
        return self.state.enforced


class ContextStatement(NamedTuple):
    text: str
    path: str
    line: int


class Constraint(NamedTuple):
    """``forbid `PATTERN` in|outside `GLOB`... until ID: reason`` or ``require `PATTERN` in
    `GLOB`...: reason``; `error` is set when it does not parse. `outside`: the globs are the
    files left out of a `forbid`, which then governs every other scanned file."""

    source: str
    path: str
    line: int
    pattern: str = ""
    is_regex: bool = False
    globs: tuple[str, ...] = ()
    until: str | None = None
    reason: str = ""
    error: str | None = None
    kind: str = "forbid"  # or "require"
    outside: bool = False

    @property
    def form(self) -> str:
        """How findings and listings name it: `forbid`, `forbid ... outside`, `require`."""
        return f"{self.kind} outside" if self.outside else self.kind


class Section(NamedTuple):
    """Any H2 section: its title, where it starts, and its Markdown body."""

    title: str
    line: int
    body: str
    path: str = ""


class Spec(NamedTuple):
    path: str
    id: str
    title: str
    status: str = Status.active.value
    scope: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    superseded_by: str | None = None
    id_from_file_name: bool = True
    extra: dict[str, Any] = {}  # noqa: RUF012 - never changed after parsing
    requirements: tuple[Requirement, ...] = ()
    edge_cases: tuple[Requirement, ...] = ()
    context: tuple[ContextStatement, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    sections: tuple[Section, ...] = ()
    front_matter_problems: tuple[tuple[int, str], ...] = ()
    loose_headings: tuple[tuple[int, str], ...] = ()  # FORMAT-E5: `##Requirements`, by line
    key_lines: dict[str, int] = {}  # noqa: RUF012 - never changed after parsing
    # SOURCES-1: the format it was read from (`specflow`, `speckit`, `openspec`, `kiro`), and what
    # that format's reader found wrong with it for specflow
    source: str = "specflow"
    findings: tuple[Finding, ...] = ()
    # SOURCES-11: the other files the spec is read from (cc-sdd's spec.json), whether there or not:
    # a change to one changes the spec
    companions: tuple[str, ...] = ()

    def line_of(self, key: str) -> int:
        """The line of a front-matter key, or 1 when the key is absent."""
        return self.key_lines.get(key, 1)

    def has_section(self, kind: str) -> bool:
        return any(section_kind(s.title) == kind for s in self.sections)

    @property
    def known_status(self) -> Status | None:
        try:
            return Status(self.status)
        except ValueError:
            return None

    @property
    def enforced(self) -> bool:
        status = self.known_status
        return bool(status and status.enforced)

    @property
    def items(self) -> tuple[Requirement, ...]:
        return self.requirements + self.edge_cases


def section_kind(title: str) -> str | None:
    """`Edge cases`, `Edge-Cases`, `EDGE CASES` are all the edge-case section."""
    # FORMAT-9: only letters and digits count, in any case.
    key = "".join(ch for ch in title.lower() if ch.isalnum())
    return _SECTION_KINDS.get(key)


_SECTION_KINDS = {
    "context": "context",
    "requirements": "requirements",
    "requirement": "requirements",
    "edgecases": "edge-cases",
    "edgecase": "edge-cases",
    "constraints": "constraints",
    "constraint": "constraints",
}


class Finding(NamedTuple):
    """One result of a lint or check rule."""

    rule: str
    severity: Severity
    path: str
    line: int
    message: str
    # CHECK-E62: a warning the change did not cause (an untested requirement whose code, entry
    # or message mention it does not touch): a hook run counts it in one line
    aside: bool = False

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.error
