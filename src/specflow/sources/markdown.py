"""Markdown → Spec. Pure: text in, model out; every element keeps its file and line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from specflow.errors import SpecError
from specflow.ids import ITEM_ID_RE, SPEC_ID_RE, spec_id_from_file_name
from specflow.model import (
    Constraint,
    ContextStatement,
    ItemState,
    Requirement,
    Section,
    Spec,
    section_kind,
)

# FORMAT-4, FORMAT-E1: `-`, `*`, `+`, `1.` and `1)` open an item alike, with spaces or tabs.
_MARKER = re.compile(r"[ \t]*(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]+|$)")
# FORMAT-3: `[ ]` is planned, `[x]` ticked.
_CHECKBOX = re.compile(r"\[(?P<mark>[ xX])\](?:[ \t]+|$)")
# FORMAT-2: the four ways an item opens with its ID.
_ID_FORMS = re.compile(
    r"(?:\*\*(?P<bold>[^*\s]+?)(?::\*\*|\*\*:?)"  # **ID**: text · **ID** text · **ID:** text
    r"|\[(?P<bracket>[^\]\s]+)\]:?"  # [ID] text
    r"|(?P<plain>[A-Z][A-Z0-9-]*-E?[0-9]+):)"  # ID: text
    r"(?:[ \t]+|$)"
)
# The line breaks markdown-it counts, so that lines in errors match lines everywhere else.
_LINE_BREAKS = re.compile(rb"\r\n|\r|\n")
_KEY = re.compile(r"([^\s:#][^:]*?)\s*:")
_LIST_ITEM = re.compile(r"\s*-(?:\s|$)")
KNOWN_KEYS = frozenset({"id", "status", "scope", "owners", "superseded-by"})
# FORMAT-E5: `##Requirements` is a paragraph in CommonMark, not a heading.
_LOOSE_HEADING = re.compile(r" {0,3}#{2,6}[A-Za-z]")


def decode(path: str, data: bytes) -> str:
    """Spec bytes → text: UTF-8 (a BOM is dropped), or an error naming the file and line."""
    # FORMAT-6: a file that is not UTF-8 names its file and the line of the first bad byte.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = len(_LINE_BREAKS.findall(data, 0, exc.start)) + 1
        message = f"not UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        raise SpecError(message, path, line) from None


def parse_spec(path: str, text: str) -> Spec:
    """Parse one spec file; raise SpecError only for what makes it unreadable (FORMAT-7)."""
    tokens = _markdown().parse(text)
    # FORMAT-4: markdown-it counts CRLF, LF and a lone CR as one line break each; so do we.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front = _front_matter(path, tokens, lines[0])
    builder = _Builder(path, lines)
    for index, token in enumerate(tokens):
        builder.visit(tokens, index, token)
    builder.close()
    return _make_spec(path, front, _key_lines(tokens), builder)


def block_tokens(text: str) -> list[Token]:
    """The block structure of a Markdown text, for the other formats' readers (sources/)."""
    return _markdown().parse(text)


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # Only the block structure is read (inline tokens keep their raw `content`): parsing the
    # inline markup too would double the time of `lint` on a large spec set.
    return MarkdownIt("commonmark").use(front_matter_plugin).disable("inline")


def _key_lines(tokens: Sequence[Token]) -> dict[str, int]:
    """The line of each front-matter key, and of each item of a block list under one
    (`scope[1]`: LINT-E7, a glob's warning at its own line)."""
    if not tokens or tokens[0].type != "front_matter":
        return {}
    found: dict[str, int] = {}
    key, items = "", 0
    for index, text in enumerate(tokens[0].content.split("\n")):
        match = _KEY.match(text)
        if match:
            key, items = match[1], 0
            found[key] = index + 2
        elif key and _LIST_ITEM.match(text):
            found[f"{key}[{items}]"] = index + 2
            items += 1
    return found


def _safe_loader() -> type[Any]:
    """PyYAML's C safe loader when it was built with libyaml (ten times faster), else Python's."""
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refuse_aliases(path: str, text: str) -> None:
    """HARDEN-E8: a YAML alias (`*a` of `&a`) repeats a value without writing it: nine levels
    of nine are 387 million strings once printed. A spec has no use for one."""
    if "&" not in text or "*" not in text:
        return
    try:
        for event in yaml.parse(text, Loader=_safe_loader()):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                line = mark.line + 2 if mark is not None else 1  # 2: past the opening `---`
                message = f"front matter uses a YAML alias (*{event.anchor}): write the value out"
                raise SpecError(message, path, line)
    except yaml.YAMLError:
        return  # said by the loader, with its line


def _front_matter(path: str, tokens: Sequence[Token], first_line: str) -> dict[str, Any]:
    if not tokens or tokens[0].type != "front_matter":
        if first_line.lstrip("\ufeff").rstrip() == "---":  # FORMAT-E4
            message = "front matter opened here is never closed: end it with a line of `---`"
            raise SpecError(message, path, 1)
        return {}
    _refuse_aliases(path, tokens[0].content)
    try:
        try:
            data = yaml.load(tokens[0].content, Loader=_safe_loader())  # noqa: S506 - safe
        except yaml.YAMLError:  # the C loader marks errors less precisely: ask the Python one
            data = yaml.load(tokens[0].content, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        # FORMAT-E4: where the construct YAML could not finish starts, else where it stopped
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise SpecError(f"front matter is not valid YAML: {problem}", path, line) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # PyYAML's constructors raise plain Python errors for values such as
        # `date: 2020-13-45` or `!!int abc`, and its composer recurses once per nesting level.
        raise SpecError(f"front matter has a value YAML cannot read: {exc}", path, 1) from None
    if data is None:  # FORMAT-E3: `---` `---` with nothing between
        return {}
    if not isinstance(data, dict):
        raise SpecError("front matter must be a mapping of keys to values (`id: RESET`)", path, 1)
    return {str(key): value for key, value in data.items()}


_ID_RULE = "`id` must be capitals, digits and inner dashes (RESET)"


def _make_spec(
    path: str, front: dict[str, Any], key_lines: dict[str, int], built: _Builder
) -> Spec:
    problems: list[tuple[int, str]] = []
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    raw_id = front.get("id")
    if raw_id is not None and not isinstance(raw_id, str):
        problems.append((key_lines.get("id", 1), f"`id` must be a string, not {raw_id!r}"))
        raw_id = None
    elif raw_id is not None and not SPEC_ID_RE.match(raw_id.strip()):
        # HARDEN-E7: a spec's id is an id, never markup that outputs would print
        problems.append((key_lines.get("id", 1), f"{_ID_RULE}, not {raw_id.strip()!r}"))
        raw_id = None
    status = front.get("status", "active")
    if not isinstance(status, str):
        problems.append((key_lines.get("status", 1), f"`status` must be a string, not {status!r}"))
        status = str(status)
    superseded = front.get("superseded-by")
    if superseded is not None and not isinstance(superseded, str):
        problems.append((key_lines.get("superseded-by", 1), "`superseded-by` must be a spec id"))
        superseded = None
    return Spec(
        path=path,
        id=raw_id.strip() if raw_id else spec_id_from_file_name(stem),
        id_from_file_name=not raw_id,
        title=built.title or stem,
        status=status,
        scope=_string_list(front, "scope", key_lines, problems),
        owners=_string_list(front, "owners", key_lines, problems),
        superseded_by=superseded,
        extra={key: value for key, value in front.items() if key not in KNOWN_KEYS},
        requirements=tuple(built.items("requirements")),
        edge_cases=tuple(built.items("edge-cases")),
        context=tuple(built.context),
        constraints=tuple(parse_constraint(path, ln, text) for ln, text in built.constraints),
        sections=tuple(built.sections),
        front_matter_problems=tuple(problems),
        key_lines=key_lines,
        loose_headings=tuple(built.loose_headings),
    )


def _string_list(
    front: dict[str, Any], key: str, key_lines: dict[str, int], problems: list[tuple[int, str]]
) -> tuple[str, ...]:
    value = front.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    problems.append((key_lines.get(key, 1), f"`{key}` must be a list of strings"))
    return ()


@dataclass
class _Item:
    line: int
    head: str
    rest: list[str] = field(default_factory=list)


@dataclass
class _Builder:
    """Walks the top-level tokens once, filing list items under the section they belong to."""

    path: str
    lines: list[str]
    title: str = ""
    kind: str | None = None
    sections: list[Section] = field(default_factory=list)
    context: list[ContextStatement] = field(default_factory=list)
    constraints: list[tuple[int, str]] = field(default_factory=list)
    raw_items: dict[str, list[_Item]] = field(default_factory=dict)
    loose_headings: list[tuple[int, str]] = field(default_factory=list)
    _section_start: int = 0

    def visit(self, tokens: Sequence[Token], index: int, token: Token) -> None:
        if token.level != 0 or token.map is None:
            return
        if token.type == "heading_open":
            self._heading(token, tokens[index + 1].content.strip())
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            self._list(tokens, index)
        elif token.type == "paragraph_open" and _LOOSE_HEADING.match(self.lines[token.map[0]]):
            self.loose_headings.append((token.map[0] + 1, self.lines[token.map[0]].strip()))
        elif token.type == "paragraph_open" and self.kind in ("requirements", "edge-cases"):
            # FORMAT-5: paragraphs that follow a requirement belong to it.
            items = self.raw_items.get(self.kind)
            if items:
                items[-1].rest.extend(["", *self._source(token.map)])

    def _heading(self, token: Token, text: str) -> None:
        assert token.map is not None
        if token.tag == "h1":
            self.title = self.title or text
            return
        if token.tag != "h2":
            return
        self._close_section(token.map[0])
        self.kind = section_kind(text)
        self.sections.append(Section(text, token.map[0] + 1, "", self.path))
        self._section_start = token.map[1]

    def close(self) -> None:
        self._close_section(len(self.lines))

    def _close_section(self, end: int) -> None:
        if self.sections and not self.sections[-1].body:
            last = self.sections[-1]
            body = "\n".join(self.lines[self._section_start : end]).strip("\n")
            self.sections[-1] = last._replace(body=body)

    def _list(self, tokens: Sequence[Token], index: int) -> None:
        for token in tokens[index + 1 :]:
            if token.level == 0:
                break
            if token.type == "list_item_open" and token.level == 1 and token.map:
                self._item(token.map)

    def _item(self, span: list[int]) -> None:
        body = self._source(span)
        head = _MARKER.sub("", body[0], count=1)
        indent = len(body[0]) - len(head)
        rest = [_dedent(text, indent) for text in body[1:]]
        line = span[0] + 1  # FORMAT-1: markdown-it's 0-based map → the 1-based line users see
        if self.kind == "context":
            self.context.append(ContextStatement(_join(head, rest), self.path, line))
        elif self.kind == "constraints":
            self.constraints.append((line, _join(head, rest)))
        elif self.kind in ("requirements", "edge-cases"):
            self.raw_items.setdefault(self.kind, []).append(_Item(line, head, rest))

    def _source(self, span: list[int]) -> list[str]:
        body = self.lines[span[0] : span[1]]
        while body and not body[-1].strip():
            body.pop()
        return body or [""]

    def items(self, kind: str) -> list[Requirement]:
        return [_requirement(self.path, kind, item) for item in self.raw_items.get(kind, [])]


def _requirement(path: str, kind: str, item: _Item) -> Requirement:
    head, state = item.head, ItemState.plain
    box = _CHECKBOX.match(head)
    if box:
        state = ItemState.planned if box["mark"] == " " else ItemState.ticked
        head = head[box.end() :]
    item_id, head = split_id(head)
    return Requirement(
        id=item_id,
        text=_join(head, item.rest),
        path=path,
        line=item.line,
        state=state,
        kind="requirement" if kind == "requirements" else "edge-case",
    )


def split_id(head: str) -> tuple[str | None, str]:
    """`**RESET-1**: text` → (`RESET-1`, `text`); a head without an ID is returned whole."""
    match = _ID_FORMS.match(head)
    if not match:
        return None, head
    candidate = match["bold"] or match["bracket"] or match["plain"]
    if not ITEM_ID_RE.match(candidate):
        return None, head
    return candidate, head[match.end() :]


def _dedent(text: str, indent: int) -> str:
    expanded = text.expandtabs(4)
    strip = min(indent, len(expanded) - len(expanded.lstrip()))
    return expanded[strip:]


def _join(head: str, rest: list[str]) -> str:
    return "\n".join([head.strip(), *rest]).strip()


def _regex_error(pattern: str) -> str | None:
    if not pattern:
        return "empty regular expression after `re:`: it would match every line"
    from specflow.linear import problem, unsupported  # CHECK-12: RE2 only for a `re:` pattern

    try:  # Python's dialect first: a pattern must mean what a Python user reads in it
        re.compile(pattern)
    except (re.error, OverflowError, RecursionError) as exc:  # `a{99999999999}` overflows
        return unsupported(pattern) or f"invalid regular expression: {exc}"
    return problem(pattern)


# SPEC-FORMAT 4: one rule per item; LINT-6 reports the ones these do not match. The pattern is a
# code span, found by its closing run of backticks rather than by backtracking a regex, which
# takes cubic time on a line of backticks.
_KEYWORD = re.compile(r"(?P<kind>forbid|require)\s+(`+)")
_AFTER_PATTERN = re.compile(
    r"(?:\s+(?P<where>in|outside)\s+(?P<globs>`[^`]+`(?:\s*,\s*`[^`]+`)*))?"
    r"(?:\s+until\s+(?P<until>\S+?))?"
    r"(?:\s*:\s*(?P<reason>.*))?\s*\Z",
    re.DOTALL,
)
CONSTRAINT_SYNTAX = (
    "forbid `PATTERN` [in|outside `GLOB`[, `GLOB`...]][ until ID][: reason] or "
    "require `PATTERN` in `GLOB`[, `GLOB`...][ until ID][: reason]"
)


def parse_constraint(path: str, line: int, source: str) -> Constraint:
    """FORMAT-10: `forbid ... in|outside` or `require ... in`; an error keeps its line."""
    found = _code_span(source)
    match = _AFTER_PATTERN.match(source, found[2]) if found else None
    if not found or not match:
        return Constraint(source, path, line, error=f"expected {CONSTRAINT_SYNTAX}")
    kind, pattern = found[0], found[1]
    is_regex = pattern.startswith("re:")
    if is_regex:
        pattern = pattern[3:]
        error = _regex_error(pattern)
        if error:
            return Constraint(source, path, line, error=error)
    error = _form_error(kind, pattern, match)
    if error:
        return Constraint(source, path, line, error=error)
    globs = tuple(re.findall(r"`([^`]+)`", match["globs"] or ""))
    reason = " ".join((match["reason"] or "").split())
    outside = match["where"] == "outside"
    fields = (pattern, is_regex, globs, match["until"], reason)
    return Constraint(source, path, line, *fields, kind=kind, outside=outside)


def _form_error(kind: str, pattern: str, match: re.Match[str]) -> str | None:
    """What makes a parsed constraint meaningless, or None."""
    if not pattern:
        return f"empty pattern: it would {kind} every line"
    until = match["until"]
    if until is not None and not ITEM_ID_RE.match(until):
        return f"`until {until}` is not a requirement ID"
    if kind == "require" and match["where"] != "in":
        return "`require` needs `in `GLOB``: the files that must contain the pattern"
    return None


def _code_span(source: str) -> tuple[str, str, int] | None:
    """After `forbid` or `require`: the keyword, the code span's text and where it ends, as
    CommonMark reads it."""
    opening = _KEYWORD.match(source)
    if not opening:
        return None
    tick = opening[2]
    closing = re.compile(f"(?<!`){tick}(?!`)").search(source, opening.end() + 1)
    if not closing:
        return None
    text = source[opening.end() : closing.start()]
    # CommonMark strips one blank at each end of ``` `` a`b `` ```; single ticks keep the text.
    return opening["kind"], (text.strip() if len(tick) > 1 else text), closing.end()
