"""What is around a line of Go code that its indentation does not tell. REVIEW-E322: the type
of the `iota` block it lies in: a constant added to `const ( ShellCompDirectiveError
ShellCompDirective = 1 << iota ... )` is one more value of `ShellCompDirective`. REVIEW-E320:
the function whose braces hold a line of a raw string, whose text starts at a line's start
(cobra's scripts, ``+"..."+`` joined in at column 0). Pure: code lines (comments and strings
blanked) in, names out."""

from __future__ import annotations

import re
from collections.abc import Sequence

from specflow.languages.scopes import brace_spans

BLOCK_SCAN = 200  # lines read up to a block's `const (` and down to its typed first constant
_OPENS = re.compile(r"const[ \t]*\([ \t]*$")
# the first constant of the block, typed and counted by `iota`: `Error Directive = 1 << iota`
_TYPED = re.compile(r"[ \t]+[A-Za-z_]\w*[ \t]+([A-Za-z_]\w*)[ \t]*=.*\biota\b")


def iota_type(lines: Sequence[str], number: int) -> str:
    """The type the `iota` block around line `number` (1-based) counts, else ''."""
    if not 0 < number <= len(lines) or not lines[number - 1].strip():
        return ""
    for above in range(number - 1, max(0, number - BLOCK_SCAN), -1):
        text = lines[above - 1]
        if text.strip() and not text[:1].isspace():  # the top level: the block's opening
            return _typed(lines, above) if _OPENS.match(text) else ""
    return ""


def _typed(lines: Sequence[str], opening: int) -> str:
    for text in lines[opening : opening + BLOCK_SCAN]:
        if text.strip():
            found = _TYPED.match(text)
            return found[1] if found else ""
    return ""


def function_around(lines: Sequence[str], number: int) -> tuple[int, str] | None:
    """REVIEW-E320: the line and name of the innermost function whose braces hold line
    `number` (1-based), when that line is code blanked (a string's text); else None."""
    if not 0 < number <= len(lines) or lines[number - 1].strip():
        return None
    around = [(first, name) for name, first, last in brace_spans(lines) if first < number <= last]
    return max(around) if around else None
