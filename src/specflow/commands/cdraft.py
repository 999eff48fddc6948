"""NEW-E30: a C file's functions for `new --scope`'s draft: each definition at the margin (its
return type on the line above or not, its parameters over lines, its `{` on the line below),
a header's prototypes, as `name(a, b)` with its parameters' names. Pure: lines in."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from specflow.callargs import closing

HEADER_LINES = 8  # the lines a definition's header may span
_CALLED = re.compile(r"([A-Za-z_]\w*)\s*\(")
_NOT_A_DEFINITION = re.compile(r"(?:typedef|return|if|else|for|while|switch|do|goto|case)\b")
_PARAMETER = re.compile(r"([A-Za-z_]\w*)\s*(?:\[[^\]]*\]\s*)*\Z")


def c_functions(lines: Sequence[str], header: bool = False) -> Iterator[tuple[str, int]]:
    """Each function a C file defines (`header`: declares, by its prototypes), as its
    signature and the line its comment is above (its return type's own line, if any)."""
    for number, line in enumerate(lines):
        if not line[:1].isalpha() and not line.startswith("_"):
            continue  # indented, a directive, a comment, a brace: no definition starts there
        joined, end = _header(lines, number)
        if not joined or _NOT_A_DEFINITION.match(joined) or "=" in joined.split("(")[0]:
            continue
        rest = range(end + 1, len(lines))  # not a copy of the rest for each line
        after = next((lines[at].strip() for at in rest if lines[at].strip()), "")
        defines = joined.endswith("{") or (after.startswith("{") and not joined.endswith(";"))
        if not (defines or (header and joined.endswith(";"))):
            continue
        if found := _signature(joined):
            yield found, _top(lines, number)


def _header(lines: Sequence[str], number: int) -> tuple[str, int]:
    """The header that begins on line `number`, joined, up to its closing parenthesis (and a
    `{` or `;` on that line), with the line it ends on; "" when it is none."""
    parts: list[str] = []
    for end in range(number, min(len(lines), number + HEADER_LINES)):
        parts.append(lines[end].strip())
        joined = " ".join(parts)
        if joined.endswith(("}", "*/")) or (joined.endswith(";") and "(" not in joined):
            return "", end
        if "(" in joined and joined.count("(") == joined.count(")"):
            tail = joined[joined.rindex(")") + 1 :].strip()
            return (joined, end) if tail in ("", "{", ";") else ("", end)
    return "", number


def _signature(joined: str) -> str:
    """`name(a, b)` of a header: the last name called at the outer level (past a macro that
    wraps the return type, `CJSON_PUBLIC(cJSON *) cJSON_Parse(const char *value)`)."""
    outer = [m for m in _CALLED.finditer(joined) if _depth(joined, m.start()) == 0]
    if not outer:
        return ""
    last = outer[-1]
    inside = joined[last.end() : closing(joined, last.end()) or len(joined)]
    if "(" in inside:  # a function pointer among its parameters: named as written
        return f"{last[1]}(...)"
    names = [parameter_name(part) for part in inside.split(",")]
    return f"{last[1]}({', '.join(name for name in names if name)})"


def _depth(text: str, at: int) -> int:
    """How many parentheses are open at `at`."""
    return text.count("(", 0, at) - text.count(")", 0, at)


def parameter_name(parameter: str) -> str:
    """A parameter's name (`const char *value` -> `value`), "" for `void` or none."""
    text = parameter.strip()
    if text in ("void", ""):
        return ""
    if text == "...":
        return text
    found = _PARAMETER.search(text)
    return found[1] if found and (" " in text or "*" in text) else ""


def _top(lines: Sequence[str], number: int) -> int:
    """The line a definition's comment is above: the return type's own line above its name
    (`static int` over `helper(int c)`), else its own."""
    above = lines[number - 1].strip() if number else ""
    own = _CALLED.match(lines[number])
    if own and above and above[:1].isalpha() and not above.endswith((";", "}", ")", "*/")):
        return number - 1
    return number
