"""Go as gofmt and gofumpt rewrite it, for the token comparison (REVIEW-E163): a declaration
group `var ( x = f() )` and the declarations `var x = f()` it holds spell the same code. Pure:
text in, text out."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise


def go_spelling(
    codes: Sequence[list[str] | None], own_any: bool, uncomma: Callable[[str], str]
) -> Callable[[str], str]:
    """The respelling of Go text both sides of a change are read with: `uncomma` (REVIEW-E59),
    REVIEW-E163's groups, REVIEW-E196's `;`, REVIEW-E323's `Replace(..., -1)`, and REVIEW-E257's
    `any` where both sides' code (`codes`, None where unknown) is known and neither binds a name
    `any`, in a package that declares none (`own_any`)."""
    free = not own_any and all(
        code is not None and not binds_any("\n".join(code)) for code in codes
    )
    spelled = any_spelled if free else str
    return lambda text: semicolons(ungrouped(uncomma(spelled(replace_all(text)))))


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


# REVIEW-E196: Go's lexer ends a line's statement with a `;` after an identifier, a literal,
# `break`, `continue`, `fallthrough`, `return`, `++`, `--`, `)`, `]` or `}`; and a `;` before a
# closing `)` or `}` may be left out. A body joined onto one line with `;` (`{ a(); b() }`) is
# then the lines it joined; `return` above `x` is not `return x`.
_LEXEME = re.compile(r"\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|`[^`]*`|\n|\+\+|--|\w+|\S")
_NO_END = frozenset(
    {"case", "chan", "const", "default", "defer", "else", "for", "func", "go", "goto", "if"}
) | {"import", "interface", "map", "package", "range", "select", "struct", "switch", "type", "var"}


def semicolons(text: str) -> str:
    """The text with the `;` Go's lexer puts at each line's end but the last written out, and
    none before a closing `)` or `}` (REVIEW-E196); strings and runes read as one lexeme each."""
    kept, at, last = [], 0, ""
    for lexeme in _LEXEME.finditer(text):
        if lexeme[0] != "\n":
            last = lexeme[0]
            continue
        if _ends_statement(last):
            kept.append(text[at : lexeme.start()] + " ;")
            at = lexeme.start()
        last = ""
    return _omitted("".join(kept) + text[at:])


def _ends_statement(last: str) -> bool:
    if not last:
        return False
    if last in (")", "]", "}", "++", "--") or last[0] in "\"'`":
        return True
    return (last[0].isalnum() or last[0] == "_") and last not in _NO_END


def _omitted(text: str) -> str:
    """The text without each `;` that a `)` or a `}` follows, past blanks and line ends."""
    lexemes = [found for found in _LEXEME.finditer(text) if found[0] != "\n"]
    dropped = {
        lexeme.start()
        for lexeme, following in pairwise(lexemes)
        if lexeme[0] == ";" and following[0] in (")", "}")
    }
    return "".join(c for at, c in enumerate(text) if at not in dropped) if dropped else text


# REVIEW-E227: Go's lexemes, a string, a raw string or a rune as one
_WORDS = re.compile(r"\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|`[^`]*`|\w+|\S")


def lex(text: str) -> list[str]:
    """The lexemes of Go code: names, literals, and each other character."""
    return _WORDS.findall(text)


# REVIEW-E257: Go 1.18 predeclares `type any = interface{}`: the empty interface spelled either
# way, outside strings and runes, is one type, unless the code binds a name `any` of its own
_EMPTY_INTERFACE = re.compile(
    r"(\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|`[^`]*`)|\binterface[ \t]*\{[ \t]*\}"
)
_BINDS_ANY = re.compile(
    r"\b(?:type|var|const|func)[ \t]+any\b|\bany[ \t]*(?:,[\w \t,]*)?:?=(?!=)"
    r"|[(,][ \t]*any[ \t]+[\w*\[(]|^[ \t]+any[ \t]+[\w*\[(]",
    re.MULTILINE,
)
PACKAGE_ANY = (  # `git grep -E`: a top-level declaration of `any`, or a group's entry
    r"^(type|var|const|func)[[:space:]]+any([^[:alnum:]_]|$)"
    r"|^[[:space:]]+any([[:space:]]*=|[[:space:]]+[[:alpha:]*\[(])"
)


def any_spelled(text: str) -> str:
    """The text with each empty interface outside strings spelled `any` (REVIEW-E257)."""
    return _EMPTY_INTERFACE.sub(lambda found: found[1] or "any", text)


def binds_any(code: str) -> bool:
    """Whether Go code (strings blanked) declares or binds a name `any`: a `type`, `var`,
    `const` or `func`, an assignment, a parameter or receiver, or a group's or struct's entry."""
    return _BINDS_ANY.search(code) is not None


# REVIEW-E323: `strings.Replace(s, old, new, -1)` replaces every match, as Go 1.12's
# `strings.ReplaceAll(s, old, new)` does (gocritic's and staticcheck's rewrite); `bytes` too
_REPLACE = re.compile(r"(?<![\w.])(strings|bytes)\.Replace[ \t]*\(")
_ARGUMENT_PARTS = re.compile(r"\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|`[^`]*`|[()\[\]{},]")
# a call's arguments read no further: an unclosed `Replace(` does not scan the rest of a long
# text once per call (found by the review of the session's change); longer is left as written
LONGEST_ARGUMENTS = 4000


def replace_all(text: str) -> str:
    """The text with each `Replace` of every match (a count of `-1`) written `ReplaceAll`."""
    if "Replace" not in text:
        return text
    kept, at = [], 0
    for call in _REPLACE.finditer(text):
        if call.start() < at:
            continue
        commas = _arguments(text, call.end())
        if commas is None or len(commas) != 4 or text[commas[2] + 1 : commas[3]].strip() != "-1":
            continue
        kept.append(
            f"{text[at : call.start()]}{call[1]}.ReplaceAll({text[call.end() : commas[2]]})"
        )
        at = commas[3] + 1
    return "".join(kept) + text[at:]


def _arguments(text: str, start: int) -> list[int] | None:
    """The places of the top-level commas of a call's arguments from `start`, then of its
    closing `)`; None when it does not close."""
    found: list[int] = []
    depth = 0
    for part in _ARGUMENT_PARTS.finditer(text, start, start + LONGEST_ARGUMENTS):
        lexeme = part[0]
        if lexeme == "," and depth == 0:
            found.append(part.start())
        elif lexeme in "([{":
            depth += 1
        elif lexeme in ")]}":
            if depth == 0:
                return [*found, part.start()]
            depth -= 1
    return None
