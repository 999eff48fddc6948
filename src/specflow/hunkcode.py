"""What of a hunk's code is no evidence of the names it speaks of: the builtin exceptions it
names on both sides alike (REVIEW-E181). Pure."""

from __future__ import annotations

import builtins
import re
from collections import Counter

from specflow.change import Hunk

BARE = re.compile(r"(?<![\w.])[A-Za-z_]\w*(?![\w.])")  # a name, not part of a dotted one


# Python's own exceptions, which every module names (REVIEW-E181)
BUILTIN_ERRORS = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)


def unchanged_errors(hunk: Hunk) -> frozenset[str]:
    """REVIEW-E181: the builtin exceptions a hunk's changed lines name as often on one side as
    on the other: the part of the line that names them did not change."""
    sides = [
        Counter(n for line in lines for n in BARE.findall(line.text) if n in BUILTIN_ERRORS)
        for lines in (hunk.added, hunk.removed)
    ]
    return frozenset(name for name in sides[0] | sides[1] if sides[0][name] == sides[1][name])


def without_errors(text: str, names: frozenset[str]) -> str:
    """REVIEW-E181: the text without those exceptions' names."""
    return BARE.sub(lambda m: " " if m[0] in names else m[0], text) if names else text
