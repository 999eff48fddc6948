"""HTTP header names as one name each (REVIEW-E404): a statement's `Content-Length` is not two
names `Content` and `Length`, and a hunk that spells it, in any case (Node's `'content-length'`,
Go's `"Content-Length"`), names it. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

# `Content-Length`, `If-None-Match`, `X-Forwarded-For`, `WWW-Authenticate`: capitalised words
# joined by hyphens (not `utf-8`, `form-data` or `x-www-form-urlencoded`, which are values), one
# in lower case (REVIEW-E405: not `[A-Z]`, `AUTH-E2`, `YYYY-MM-DD` nor `US-ASCII`)
_HEADER = re.compile(r"(?<![\w-])(?=[\w-]*[a-z])[A-Z][A-Za-z0-9]*(?:-[A-Z][A-Za-z0-9]*)+(?![\w-])")
_SPELLED = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+(?![\w-])")


def header_names(span: str, found: set[str]) -> str:
    """The code span without the header names it holds, which are added to `found`."""
    found.update(_HEADER.findall(span))
    return _HEADER.sub(" ", span)


def is_header(name: str) -> bool:
    return _HEADER.fullmatch(name) is not None


def by_lower_case(names: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The statements' header names, by their spelling in lower case: every spelling of one
    (`Sec-WebSocket-Key`, `Sec-Websocket-Key`) under it."""
    found: dict[str, tuple[str, ...]] = {}
    for name in names:
        if is_header(name):
            found[name.lower()] = (*found.get(name.lower(), ()), name)
    return found


def spelled_headers(text: str, known: Mapping[str, Sequence[str]]) -> list[str]:
    """The statements' header names (`known`, by lower case) that `text` spells, in any case."""
    if not known:
        return []
    return [name for word in _SPELLED.findall(text) for name in known.get(word.lower(), ())]
