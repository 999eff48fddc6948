"""REVIEW-E285: a name a hunk writes only as an attribute of its own object (`self.x = ...`) in
a class the hunk defines and a statement does not name, while the statement puts that name under
another owner: not what the statement names being written. Pure."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from specflow.change import Hunk
from specflow.identifiers import identifiers
from specflow.spellings import calls, class_name

_STRING = re.compile(r"'(?:\\.|[^'\\\n])*'|\"(?:\\.|[^\"\\\n])*\"")
_ERRORS = ("Error", "Exception", "Warning")
_CLASS = re.compile(r"^\s*(?:(?:abstract|final|public|private|export)\s+)*class\s+(\w+)", re.M)


_OWNER = r"(\$this->|\bself\.|\bthis\.|@)?(?<![\w$])"
_ASSIGNED = r"\s*(?:[-+*/%|&^]|//)?=(?!=)"
_WRITE = re.compile(rf"{_OWNER}([A-Za-z_]\w*){_ASSIGNED}")
_NAME = re.compile(r"[A-Za-z_]\w*")


@functools.lru_cache(maxsize=16)
def _writes(hunk: Hunk) -> tuple[str, dict[str, list[str | None]]]:
    """The hunk's changed text, and the owner (`self.`, `this.`, `$this->`, `@`, or None) of
    each write of each name in it, read once a hunk (SPEED-21: not once per link and name)."""
    text = "\n".join(line.text for line in (*hunk.added, *hunk.removed))
    written: dict[str, list[str | None]] = {}
    for found in _WRITE.finditer(_STRING.sub("''", text)):  # `f'a={x}'` writes nothing
        written.setdefault(found[2], []).append(found[1])
    return text, written


def _writes_of(name: str, text: str) -> list[str | None]:
    """The owners of the writes of a name that is not one word (`a.b`)."""
    pattern = re.compile(_OWNER + re.escape(name) + _ASSIGNED)
    return [found[1] for found in pattern.finditer(_STRING.sub("''", text))]


def others_attribute(hunk: Hunk, name: str, statement: str, outer: Sequence[str]) -> bool:
    """REVIEW-E285: every write of `name` in the hunk's changed lines is `self.name =` (or
    `this.`, `$this->`, Ruby's `@`), the hunk adds a class's definition or lies in an error's
    class (`...Error`, `...Exception`: what it carries), none of the classes
    around or defined in the hunk is one the statement names, and the statement names another
    class or calls a function: its `name` is that owner's (`OAuth2Request`'s `response_type`,
    `prepare_grant_uri()`'s argument), not the hunk's own object's (a new error's
    `self.response_type`)."""
    text, written = _writes(hunk)
    if name not in text:
        return False
    writes = written.get(name, []) if _NAME.fullmatch(name) else _writes_of(name, text)
    if not writes or None in writes:
        return False
    added = set(_CLASS.findall("\n".join(line.text for line in hunk.added)))
    around = {n for n in outer if class_name(n)} | set(_CLASS.findall(hunk.header))
    if not added and not any(n.endswith(_ERRORS) for n in around):
        return False  # an existing class's attribute may be what a method it names reads
    classes = around | added | set(_CLASS.findall(text))
    named = identifiers(statement)
    parts = {part for found in named for part in found.split(".")}
    if classes & parts:
        return False
    others = (n for n in named if n != name and n.rsplit(".", 1)[-1] != name)
    return any(class_name(n.rsplit(".", 1)[-1]) or calls(n, statement) for n in others)
