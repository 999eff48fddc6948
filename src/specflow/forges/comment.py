"""The pull-request comment: a review and the check's findings as one Markdown body that fits
the forge's limit, marked so that later runs find it again. Pure but for the template.

The template (`comment.md.j2`) owns every word; this module asks it for one piece at a time and
decides which pieces to keep, so trimming happens only at the boundaries of whole pieces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from specflow import __version__, templates
from specflow.errors import SpecflowError
from specflow.model import Finding
from specflow.output.github import ordered
from specflow.review import Review
from specflow.specreview import SpecReview

# COMMENT-4: GitHub refuses a comment body over 65,536 characters as JavaScript counts them,
# in UTF-16 code units; GitLab allows more, and gets the same budget.
LIMIT = 65_536
SUMMARY_LIMIT = 1024 * 1024  # COMMENT-10: bytes GitHub takes from $GITHUB_STEP_SUMMARY per step
TEMPLATE = "comment.md.j2"
MARKER_VERSION = 1
DEFAULT_KEY = "default"
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")
_MARKER = re.compile(r"<!-- specflow:comment v[0-9]+ key=([A-Za-z0-9._-]+)[ ]")
_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+\Z")
_JOIN = "\n\n"
NOTE_NAMES = 8  # the omission note names this many left-out pieces, then counts the rest
MIN_ITEM = 12  # UTF-16 units of the shortest list item the template writes, with its break


def check_key(key: str) -> str:
    """A key keeps one comment per job: letters, digits, `.`, `_` and `-`, so it cannot end the
    marker early or smuggle anything into it."""
    if not _KEY.match(key):
        raise SpecflowError(
            f"--key {key!r}: use up to 64 letters, digits, '.', '_' or '-', starting with a "
            "letter or digit"
        )
    return key


# COMMENT-2
def marker(key: str, head: str | None) -> str:
    """The hidden first line that identifies specflow's comment for `key`; versioned."""
    return f"<!-- specflow:comment v{MARKER_VERSION} key={check_key(key)} head={head or '-'} -->"


def marker_key(body: str) -> str | None:
    """The key of the marker a comment body starts with (any version), or None."""
    found = _MARKER.match(body.lstrip())
    return found[1] if found else None


def size(text: str) -> int:
    """The length as the forge counts it (UTF-16 code units), counting each line break twice
    in case the forge stores CRLF: an over-estimate, never an under-estimate."""
    return len(text.encode("utf-16-le")) // 2 + text.count("\n")


def report_link(url: str | None) -> str | None:
    """A URL that can stand in a Markdown link as it is, else None."""
    return url if url and _URL.match(url) and "(" not in url and ")" not in url else None


@dataclass(frozen=True)
class Section:
    """One piece of the comment: `head`, then its `items` as a list, then `tail`. A section is
    kept whole, kept with its first items and a line saying how many more, or left out."""

    kind: str
    name: str
    head: str = ""
    items: tuple[str, ...] = ()
    tail: str = ""
    required: bool = False
    rank: int = 0  # lower is more important
    total: int = 0  # items in all, when only the first ones were rendered; 0: len(items)

    @property
    def count(self) -> int:
        return max(self.total, len(self.items))

    def text(self, shown: int | None = None, more: str = "") -> str:
        items = self.items if shown is None else self.items[:shown]
        listed = "\n".join([*items, more] if more else items)
        return _JOIN.join(part for part in (self.head, listed, self.tail) if part)


@dataclass(frozen=True)
class Verdict:
    blocking: int
    warnings: int
    files: int
    affected: int
    spec_count: int
    unreferenced: int
    head: str
    label: str
    version: str
    questions: int = 0
    asked: tuple[str, ...] = ()


def body(
    review: Review,
    findings: Sequence[Finding],
    root: Path,
    *,
    key: str = DEFAULT_KEY,
    report_url: str | None = None,
    limit: int = LIMIT,
) -> str:
    """The comment for `review`: marker, verdict, blocking findings, one section per affected
    spec, ripples, untested changes, footer; trimmed to `limit` (COMMENT-1, COMMENT-4)."""
    url = report_link(report_url)
    pieces = templates.macros(root, TEMPLATE)
    with templates.reported(root, TEMPLATE):
        sections = build_sections(pieces, review, findings, key=key, report_url=url)

        def more(section: Section, count: int) -> str:
            return _piece(pieces.more(count, section.kind, url))

        def note(parts: list[str], hidden: int) -> str:
            label = review.revision.label
            return _piece(pieces.omitted(parts, hidden, url, label))

        return fit(sections, limit, more, note)


def _piece(value: Any) -> str:
    return str(value).strip("\n")


def build_sections(
    pieces: Any,
    review: Review,
    findings: Sequence[Finding],
    *,
    key: str,
    report_url: str | None,
) -> list[Section]:
    """The comment's sections in reading order, each with its importance."""
    found = ordered(findings)
    errors = [f for f in found if f.is_error]
    warnings = [f for f in found if not f.is_error]
    verdict = _verdict(review, found)
    head = review.revision.head or ""
    opening = marker(key, head) + "\n" + _piece(pieces.verdict(verdict))
    sections = [Section("verdict", "verdict", opening, required=True)]
    # COMMENT-1: blocking findings first; every one is kept (COMMENT-4)
    if errors:
        blocking = _listed(pieces, "blocking", "blocking findings", errors, pieces.finding)
        sections.append(replace(blocking, required=True))
    if warnings:
        sections.append(_listed(pieces, "warnings", "warnings", warnings, pieces.finding, rank=1))
    failing = {f.path for f in errors}
    specs = sorted(review.specs, key=lambda sr: sr.spec.path not in failing)
    for sr in specs:
        is_failing = sr.spec.path in failing
        text = _piece(pieces.spec(sr, is_failing))
        sections.append(Section("spec", f"spec {sr.spec.id}", text, rank=2 if is_failing else 3))
    if review.questions or review.noop_files or any(f.truncated for f in review.files):
        sections.append(_questions(pieces, review))
    if review.ripples:
        sections.append(_listed(pieces, "ripples", "ripples", review.ripples, pieces.ripple, 4))
    if review.untested:
        name = "changed functions no test mentions"
        sections.append(_listed(pieces, "untested", name, review.untested, pieces.untested, 5))
    if review.unlinked:
        name = "hunks linked to no spec"
        sections.append(_listed(pieces, "unlinked", name, review.unlinked, pieces.unlinked, 6))
    if review.unasked:
        name = "code no question asks about"
        sections.append(_listed(pieces, "unasked", name, review.unasked, pieces.unasked, 6))
    if review.files:
        checklist = _piece(pieces.checklist())
        sections.append(Section("checklist", "the three questions", checklist, rank=7))
    footer = _piece(pieces.footer(verdict, report_url))
    sections.append(Section("footer", "footer", footer, required=True))
    return sections


def _questions(pieces: Any, review: Review) -> Section:
    """REVIEW-17: the review's ranked questions, within its budget, then what it left out."""
    listed = _listed(pieces, "questions", "questions", review.questions, pieces.question, 2)
    partial = [f.path for f in review.files if f.truncated]  # REVIEW-E36
    tail = _piece(
        pieces.questions_tail(
            review.not_shown,
            len(review.noop_files),
            partial,
            review.cut,  # REVIEW-E347
        )
    )
    return replace(listed, tail=listed.tail + tail)


def _listed(
    pieces: Any,
    kind: str,
    name: str,
    values: Sequence[Any],
    item: Callable[[Any], Any],
    rank: int = 0,
) -> Section:
    # An item is never shorter than MIN_ITEM: past LIMIT // MIN_ITEM, none could be shown.
    shown = values[: LIMIT // MIN_ITEM]
    return Section(
        kind,
        name,
        _piece(pieces.head(kind, len(values))),
        tuple(_piece(item(value)) for value in shown),
        _piece(pieces.tail(kind)),
        rank=rank,
        total=len(values),
    )


def _verdict(review: Review, findings: Sequence[Finding]) -> Verdict:
    revision = review.revision
    blocking = sum(f.is_error for f in findings)
    return Verdict(
        blocking=blocking,
        warnings=len(findings) - blocking,
        files=len(review.files),
        affected=len(review.specs),
        spec_count=review.spec_count,
        unreferenced=sum(_unreferenced(sr) for sr in review.specs),
        head=(revision.head or "")[:12] or revision.label,
        label=revision.label,
        version=__version__,
        questions=len(review.questions),
        asked=_asked(review),
    )


def _asked(review: Review) -> tuple[str, ...]:
    """COMMENT-E10: the IDs the shown questions ask about, strongest first, each once."""
    ids = (q.statement.id for q in review.questions if q.statement.id)
    return tuple(dict.fromkeys(ids))


def _unreferenced(sr: SpecReview) -> int:
    if not sr.spec.enforced:
        return 0
    return sum(st.item.enforced and not st.referenced for st in sr.requirements)


# COMMENT-4
def fit(
    sections: Sequence[Section],
    limit: int,
    more: Callable[[Section, int], str],
    note: Callable[[list[str], int], str],
) -> str:
    """The sections joined, trimmed to `limit` at section and item boundaries.

    Required sections (marker and verdict, blocking findings, footer) are placed first, then the
    others from the most to the least important; one that does not fit whole keeps its first
    items and says how many more there are, or is left out. A note before the footer names
    what was left out. Each section closes what it opens, so any selection is well formed."""
    whole = [_whole(section, more) for section in sections]
    if _total(whole) <= limit:
        return _JOIN.join(whole)
    names = [f"{s.name} (999999 of 999999 shown)" for s in sections if not s.required]
    longest = sorted(names, key=size, reverse=True)[:NOTE_NAMES]
    remaining = limit - size(note(longest, len(names))) - size(_JOIN)
    remaining -= sum(size(s.text(0)) + size(_JOIN) for s in sections if s.required)
    chosen: dict[int, str] = {}
    left_out: list[str] = []
    order = sorted(range(len(sections)), key=lambda i: (not sections[i].required, sections[i].rank))
    for index in order:
        section = sections[index]
        if section.required:
            remaining += size(section.text(0)) + size(_JOIN)  # its frame was set aside
        text, shown = _placed(section, whole[index], remaining, more)
        if text is None:
            left_out.append(section.name)
            continue
        chosen[index] = text
        remaining -= size(text) + size(_JOIN)
        if shown < section.count:
            left_out.append(f"{section.name} ({shown} of {section.count} shown)")
    return _assemble(sections, chosen, left_out, note, limit)


def _placed(
    section: Section, whole: str, room: int, more: Callable[[Section, int], str]
) -> tuple[str | None, int]:
    """The section's text in `room`: whole, with its first items, or None."""
    if size(whole) + size(_JOIN) <= room and section.count == len(section.items):
        return whole, len(section.items)
    if not section.items:
        return (whole, 0) if section.required else (None, 0)
    line = more(section, section.count)  # the widest count: an upper bound
    used = size(section.text(0, line)) + size(_JOIN) + 2
    shown = 0
    for item in section.items:
        cost = size(item) + 2  # the item and its line break
        if used + cost > room:
            break
        used += cost
        shown += 1
    if shown == 0 and not section.required:
        return None, 0
    return section.text(shown, more(section, section.count - shown)), shown


def _whole(section: Section, more: Callable[[Section, int], str]) -> str:
    hidden = section.count - len(section.items)
    return section.text(None, more(section, hidden) if hidden else "")


def _assemble(
    sections: Sequence[Section],
    chosen: dict[int, str],
    left_out: list[str],
    note: Callable[[list[str], int], str],
    limit: int,
) -> str:
    while True:
        hidden = max(len(left_out) - NOTE_NAMES, 0)
        parts = [chosen[i] for i in range(len(sections)) if i in chosen]
        text = _JOIN.join([*parts[:-1], note(left_out[:NOTE_NAMES], hidden), parts[-1]])
        optional = [i for i in chosen if not sections[i].required]
        if size(text) <= limit or not optional:
            return text
        # Only when an estimate above was wrong: drop the least important piece kept.
        drop = max(optional, key=lambda i: (sections[i].rank, i))
        left_out.append(sections[drop].name)
        del chosen[drop]


def _total(texts: Sequence[str]) -> int:
    return sum(size(text) for text in texts) + size(_JOIN) * (len(texts) - 1)


# COMMENT-10
def summary(review: Review, findings: Sequence[Finding], root: Path, budget: int) -> str:
    """The full review for `$GITHUB_STEP_SUMMARY`: the verdict, every finding, the review
    checklist; cut at a line boundary to `budget` UTF-8 bytes, open `<details>` closed."""
    found = ordered(findings)
    verdict = _verdict(review, found)
    text = templates.render(root, "summary.md.j2", review=review, findings=found, verdict=verdict)
    return cut(text, budget)


_CUT_NOTE = (
    "\n\n> **Cut here: GitHub keeps at most 1 MiB of a job summary.** "
    "`specflow review` prints the whole review.\n"
)


def cut(text: str, budget: int) -> str:
    """`text` in at most `budget` UTF-8 bytes: whole lines, open `<details>` closed, a note."""
    data = text.encode("utf-8")
    if len(data) <= budget:
        return text
    room = budget - len(_CUT_NOTE.encode()) - 64  # the closing tags below
    if room <= 0:
        return ""  # no room even for the note: write nothing rather than break the limit
    kept = data[: max(room, 0)].decode("utf-8", "ignore")
    kept = kept[: kept.rfind("\n") + 1] if "\n" in kept else ""
    unclosed = kept.count("<details") - kept.count("</details>")
    closing = "\n</details>" * max(unclosed, 0)
    while len((kept + closing + _CUT_NOTE).encode("utf-8")) > budget and kept:
        kept = kept[: kept.rfind("\n", 0, len(kept) - 1) + 1]
        unclosed = kept.count("<details") - kept.count("</details>")
        closing = "\n</details>" * max(unclosed, 0)
    return kept + closing + _CUT_NOTE
