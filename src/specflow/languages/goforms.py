"""Go as gofmt and gofumpt rewrite it, for the token comparison (REVIEW-E163): a declaration
group `var ( x = f() )` and the declarations `var x = f()` it holds spell the same code. Pure:
text in, text out."""

from __future__ import annotations

import re

# REVIEW-E163: a group opens with its keyword and `(` alone on a line, and closes with `)` as
# indented as the keyword (an inner call's `)` is indented deeper)
_GROUP = re.compile(
    r"^([ \t]*)(var|const|type|import)[ \t]*\([ \t]*\n(.*?)\n\1\)[ \t]*$", re.MULTILINE | re.DOTALL
)
_TOKEN = re.compile(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|`[^`]*`|[()\[\]{}]|\w+")


def ungrouped(text: str) -> str:
    """The text with each declaration group written as the declarations it holds, each with
    its keyword: `var (\\n\\ta = 1\\n\\tb = 2\\n)` as `var a = 1\\nvar b = 2`. A `const` group of
    more than one constant stays as written when one uses `iota` or repeats the one above it
    (its value depends on the group)."""
    return _GROUP.sub(_declarations, text)


def _declarations(group: re.Match[str]) -> str:
    keyword, body = group[2], group[3]
    starts = _starts(body.split("\n"))
    if keyword == "const" and len(starts) > 1 and not _plain_constants(body, starts):
        return group[0]
    lines = body.split("\n")
    return "\n".join(
        f"{group[1]}{keyword} {line.strip()}" if number in starts else line
        for number, line in enumerate(lines)
    )


_DEPTH = {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}


def _starts(lines: list[str]) -> set[int]:
    """The lines that start a declaration: not blank, outside any bracket the ones above
    opened (strings and runes read as one token, so a `(` in `"("` opens nothing)."""
    found: set[int] = set()
    depth = 0
    for number, line in enumerate(lines):
        if depth == 0 and line.strip():
            found.add(number)
        for token in _TOKEN.findall(line):
            depth += _DEPTH.get(token, 0)
    return found


def _plain_constants(body: str, starts: set[int]) -> bool:
    """Each constant of the group is given its own value, and none is `iota`."""
    lines = body.split("\n")
    valued = all("=" in lines[number] for number in starts)
    return valued and "iota" not in re.findall(r"\w+", body)
