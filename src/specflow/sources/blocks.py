"""The Markdown the foreign sources share: headings, list items and paragraphs
with their lines, read with the same CommonMark parser as specflow's own specs. The foreign
sources import it whenever a repository has their specs; the parser only when one is parsed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from specflow.model import Finding, Section, Severity


class Block(NamedTuple):
    kind: str  # heading | item | paragraph
    line: int
    text: str
    level: int = 0  # a heading's level; an item's number when its list is numbered (`2.`)
    end: int = 0  # a paragraph's last line


_MARKER = re.compile(r"[ \t]*(?:[-*+]|(?P<number>[0-9]{1,9})[.)])(?:[ \t]+|$)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def blocks(text: str) -> list[Block]:
    """The top-level blocks of a Markdown file, in order; list items of any list at the top."""
    from specflow.sources.markdown import block_tokens  # SPEED-1: a warm hook parses nothing

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tokens = block_tokens(text)
    found: list[Block] = []
    for index, token in enumerate(tokens):
        if token.map is None:
            continue
        line = token.map[0] + 1
        if token.type == "heading_open" and token.level == 0:
            found.append(
                Block("heading", line, tokens[index + 1].content.strip(), int(token.tag[1]))
            )
        elif token.type == "list_item_open" and token.level == 1:
            body = lines[token.map[0] : token.map[1]]
            marker = _MARKER.match(body[0])
            number = int(marker["number"]) if marker and marker["number"] else 0
            head = body[0][marker.end() :] if marker else body[0]
            found.append(Block("item", line, clean("\n".join([head, *body[1:]])), number))
        elif token.type == "paragraph_open" and token.level == 0:
            text = clean(tokens[index + 1].content)
            found.append(Block("paragraph", line, text, end=token.map[1]))
    return found


def clean(text: str) -> str:
    """One statement's text: HTML comments (the templates' instructions) dropped, lines joined."""
    return " ".join(_COMMENT.sub("", text).split())


def sections(path: str, text: str, found: Sequence[Block]) -> tuple[Section, ...]:
    """Every H2 with its Markdown body, as specflow's own parser keeps them."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    heads = [b for b in found if b.kind == "heading" and b.level == 2]
    ends = [b.line - 1 for b in heads[1:]] + [len(lines)] if heads else []
    return tuple(
        Section(head.text, head.line, "\n".join(lines[head.line : end]).strip("\n"), path)
        for head, end in zip(heads, ends, strict=True)
    )


def key(title: str) -> str:
    """`User Scenarios & Testing *(mandatory)*` → `userscenariostesting`: how titles compare."""
    title = re.sub(r"\*?\(.*?\)\*?", "", title)
    return "".join(ch for ch in title.lower() if ch.isalnum())


def finding(path: str, line: int, rule: str, warning: bool, message: str) -> Finding:
    return Finding(rule, Severity.warning if warning else Severity.error, path, line, message)
