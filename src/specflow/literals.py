"""What a statement quotes and a hunk's code writes as literals: the spans a statement quotes
that are no name and the strings of code (REVIEW-E143), the keys a hunk writes by their literal
name (REVIEW-E119). Pure."""

from __future__ import annotations

import re

from specflow.change import Hunk
from specflow.identifiers import CODE_SPAN

# `kw["exc_info"] = ...`, `kw.setdefault("exc_info", ...)`, Ruby's `opts[:timeout] = ...`
_KEY_WRITE = re.compile(
    r"""\[\s*["']([A-Za-z_]\w*)["']\s*\]\s*(?:[-+*/|&]?=(?!=))"""
    r"""|\.setdefault\(\s*["']([A-Za-z_]\w*)["']"""
)
_SYMBOL_WRITE = re.compile(r"\[\s*:([A-Za-z_]\w*)\s*\]\s*(?:[-+*/|&]?=(?!=))")


def keys_written(hunk: Hunk) -> frozenset[str]:
    """REVIEW-E119: the keys a hunk's changed lines write by their literal name, as a mapping's
    entry (`kw["exc_info"] = sys.exc_info()`) or its default: writing the key a statement names
    is writing what it names."""
    ruby = hunk.path.endswith(".rb")  # `buf[:size] = ...` elsewhere is a slice
    return frozenset(
        key
        for line in (*hunk.added, *hunk.removed)
        if "[" in line.text or "setdefault" in line.text
        for written in ((_KEY_WRITE, _SYMBOL_WRITE) if ruby else (_KEY_WRITE,))
        for found in written.finditer(line.text)
        for key in found.groups()
        if key
    )


# REVIEW-E143: a span a statement quotes that is no name (`[^?&]*`, `/*/`, `{name:pattern}`),
# and a string literal of a hunk's code: Go's, C's, Java's "...", '...' and Go's raw `...`
_NAME_LIKE = re.compile(r"[\w.$#:]*(?:\(\))?")
_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'|`([^`\n]*)`')
LITERAL_LENGTH = 3  # a shorter span (`/`, `*`, `""`) is in too many strings to tell


def quoted_literals(text: str) -> frozenset[str]:
    """REVIEW-E143: the spans a statement quotes that are no identifier and are long and varied
    enough to say which string they are: three characters or more, two of them different."""
    return frozenset(
        span
        for span in (found.strip() for found in CODE_SPAN.findall(text))
        if len(span) >= LITERAL_LENGTH and len(set(span)) > 1 and not _NAME_LIKE.fullmatch(span)
    )


# REVIEW-E246: "tokenstring should not contain 'bearer '", a message a statement quotes word for
# word in prose: three words or more (a term in quotes, "now", "Bearer", is no message)
_PROSE_QUOTE = re.compile(r'"([^"\n]+)"')
MESSAGE_WORDS = 3


def quoted_messages(text: str) -> frozenset[str]:
    """REVIEW-E246: the messages a statement quotes in double quotes, outside its code spans."""
    quoted = _PROSE_QUOTE.findall(CODE_SPAN.sub(" ", text))
    return frozenset(message for message in quoted if len(message.split()) >= MESSAGE_WORDS)


def dropped_strings(hunk: Hunk) -> frozenset[str]:
    """REVIEW-E246: the string literals the hunk's removed lines write and its added lines no
    longer do: a message the code stops writing, not one it writes again or anew."""
    removed, added = ("\n".join(line.text for line in side) for side in (hunk.removed, hunk.added))
    dropped = string_literals(removed) - string_literals(added) if removed else frozenset()
    return frozenset(value for value in dropped if len(value.split()) >= MESSAGE_WORDS)


def string_literals(text: str) -> frozenset[str]:
    """REVIEW-E143: the contents of the string literals of code, as written and unescaped."""
    found = {
        next(group for group in match.groups() if group is not None)
        for match in _STRING.finditer(text)
    }
    return frozenset(found | {value.replace("\\\\", "\\") for value in found})
