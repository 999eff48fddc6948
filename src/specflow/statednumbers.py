"""REVIEW-E197: a number a statement states ("below 20", "`0..255`") and a hunk's code stops
writing (`if value.value < 20:` made `< 24`). Numbers are no words (#12: "never digits"): only
this exact case links, a literal of code the hunk drops, equal to a number a statement of the
specs governing its file states. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable

from specflow.change import Hunk

MIN_NUMBER = 10  # `0`, `1`, `2` are in every function: a one-digit number tells nothing
# a decimal integer, not part of a name (`sha256`), a float (`1.5`, `3.10`), a hex (`0xE0`)
_NUMBER = re.compile(r"(?<![\w.])\d+(?![\w.])")
# a number of prose: not an ID's (`ENC-12`) nor the `8` of `UTF-8`
_STATED = re.compile(r"(?<![\w.])(?<![A-Za-z]-)\d+(?![\w.])")
_STRING = re.compile(r"""[bBrRuUfF]{0,2}(?:"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`[^`\n]*`)""")
_COMMENT = re.compile(r"//.*|/\*.*?(?:\*/|$)|#(?![\[!]|define|if|elif|include|pragma).*")


def stated_numbers(text: str) -> frozenset[str]:
    """The numbers of MIN_NUMBER or more that a statement's text states, as decimals."""
    return frozenset(n for n in (str(int(m)) for m in _STATED.findall(text)) if _telling(n))


def dropped_numbers(hunk: Hunk) -> frozenset[str]:
    """The integer literals of MIN_NUMBER or more that the code of a hunk's removed lines
    writes and that of its added lines no longer does (not in strings or comments), where its
    added lines write another number in their place: `< 20` made `< 24`, not `301` made
    `http.StatusMovedPermanently`, a constant of the same value."""
    if not hunk.removed or not hunk.added:
        return frozenset()
    removed, added = (_numbers(line.text for line in side) for side in (hunk.removed, hunk.added))
    dropped = frozenset(number for number in removed - added if _telling(number))
    return dropped if added - removed else frozenset()


def _numbers(lines: Iterable[str]) -> frozenset[str]:
    """The integer literals of the lines' code, as decimals."""
    found: set[str] = set()
    for text in lines:
        if text.lstrip().startswith(("*", "#!")) or not any(c.isdigit() for c in text):
            continue
        code = _COMMENT.sub(" ", _STRING.sub(" ", text))
        found.update(str(int(found)) for found in _NUMBER.findall(code))
    return frozenset(found)


def _telling(number: str) -> bool:
    return int(number) >= MIN_NUMBER
