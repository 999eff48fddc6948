"""REVIEW-E321: a name a format verb is glued into (`__%[1]s_debug`, Go's fmt with an explicit
argument index, or `_%s_` between two parts) is a template of names, not one: what a program
prints with it is text, so neither a statement nor a hunk names `s_debug` by it."""

from __future__ import annotations

import re

# `%[1]s` (Go's explicit index: no code in any language writes it) or `%s` between underscores,
# with the word characters glued on either side
_TEMPLATED = re.compile(r"[\w$]*(?:%\[\d{1,2}\][A-Za-z]|(?<=_)%[A-Za-z](?=_))[\w$]*")


def untemplated(text: str) -> str:
    """The text with each templated name blanked to spaces (its lines and columns kept)."""
    return _TEMPLATED.sub(lambda found: " " * len(found[0]), text) if "%" in text else text
