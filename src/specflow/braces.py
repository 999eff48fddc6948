"""What of a brace language's source is code (REVIEW-E48, REVIEW-E49): its comments and the text
of its string literals found in one pass, left to right, so that `/*` in a string opens no
comment and a quote in a comment opens no string. Pure: text in, text of the same shape out."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from specflow.globs import BLOCK_COMMENTS, JS, PLAIN_STRINGS, go_directive


class Masked(NamedTuple):
    """A source with its comments blanked (`uncommented`), and with the text of its plain
    string literals blanked too (`code`): spaces for every character but a newline."""

    uncommented: str
    code: str


class Code(NamedTuple):
    """A file in a language with block comments, read as code (REVIEW-E48)."""

    lines: list[str]  # its lines, comments and strings blanked (`masked`)
    members: set[int]  # the lines that declare an interface's members (REVIEW-E50)
    defined: dict[int, str]  # the names its lines define without a `{` (REVIEW-E92)


def suffix(path: str) -> str:
    return path[path.rfind(".") :].lower()


MAX_MASKED = 256 * 1024  # characters: a bundle or generated file is read line by line


def masked(path: str, source: str) -> Masked | None:
    """The source's masks, for a language with block comments; else None (and for a file over
    MAX_MASKED: a 4 MB bundle doubled a hook's time)."""
    kind = suffix(path)
    if kind not in BLOCK_COMMENTS or len(source) > MAX_MASKED:
        return None
    comments, strings = _spans(source, kind)
    directives = _directives(source, comments) if kind == ".go" else []
    if directives:  # REVIEW-E161: Go's build constraints and directives are code, not comments
        comments = [span for span in comments if span not in directives]
    uncommented = _blank(source, comments)
    if kind not in PLAIN_STRINGS:
        return Masked(uncommented, uncommented)
    both = sorted(comments + directives + strings)  # a directive names no function nor value
    return Masked(uncommented, _blank(source, both))


def _directives(source: str, comments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """REVIEW-E161: the line comments of Go that are directives, each on a line of its own; a
    build constraint only above the package clause, and `// +build` only in a file with no
    `//go:build` line (Go 1.17 on reads that one and ignores the others)."""
    clause = _PACKAGE.search(source)
    found = [  # a line comment (one a line: the search back is linear) that is a directive
        (start, end, line)
        for start, end in comments
        if go_directive(".go", source[start:end])
        and go_directive(".go", line := source[source.rfind("\n", 0, start) + 1 : end])
    ]
    constraints = [line for start, _, line in found if _constraint(line, start, clause)]
    plus = not any(line.lstrip().startswith("//go:build") for line in constraints)
    return [
        (start, end)
        for start, end, line in found
        if not _CONSTRAINT.match(line) or (line in constraints and (plus or "+" not in line))
    ]


_PACKAGE = re.compile(r"^package\s", re.MULTILINE)
_CONSTRAINT = re.compile(r"\s*//(?:go:build\b|\s*\+build\s)")


def _constraint(line: str, start: int, clause: re.Match[str] | None) -> bool:
    return _CONSTRAINT.match(line) is not None and (clause is None or start < clause.start())


def comment_only(original: str, uncommented: str) -> bool:
    """A line that holds a comment and nothing else."""
    return bool(original.strip()) and not uncommented.strip()


_NOT_NEWLINE = re.compile(r"[^\n]+")


def _blank(source: str, spans: list[tuple[int, int]]) -> str:
    parts, at = [], 0
    for start, end in spans:
        parts.append(source[at:start])
        parts.append(_NOT_NEWLINE.sub(lambda m: " " * len(m[0]), source[start:end]))
        at = end
    parts.append(source[at:])
    return "".join(parts)


@lru_cache(maxsize=32)
def _tokens(kind: str, in_template: bool) -> re.Pattern[str]:
    """What code holds that is not code, for the language of `kind`. Every alternative starts
    with its own character and none repeats a group inside a group: linear (HARDEN-21)."""
    parts = [r"//[^\n]*", r"/\*(?s:.*?)(?:\*/|\Z)"]
    if kind == ".php":  # REVIEW-E95: PHP's `#` comment; `#[` is an attribute
        parts.append(r"#(?!\[)[^\n]*")
    if kind in _TRIPLE_QUOTED:  # a text block may hold `/*` on any of its lines
        parts.append(r'"""(?s:.*?)(?:"""|\Z)')
    if kind in _CPP:  # `R"(...)"`, whose lines may hold `/*` too
        parts.append(r'R"([^()\\\s"]{0,16})\((?s:.*?)(?:\)\1"|\Z)')
    parts.append(r'"(?:\\.|[^"\\\n])*"?')
    if kind not in (".rs", ".swift"):  # `'a` is a Rust lifetime; Swift has no '' strings
        parts.append(r"'(?:\\.|[^'\\\n])*'?")
    if kind in JS or kind == ".go":
        parts.append("`")
    if kind in JS:
        parts.append("/")  # a regular expression, or a division
    if in_template:
        parts.append("[{}]")
    return re.compile("|".join(parts))


_TRIPLE_QUOTED = frozenset((".java", ".kt", ".kts", ".swift", ".scala", ".dart", ".cs"))
_CPP = frozenset((".cc", ".cpp", ".cxx", ".hpp", ".h"))
_TEMPLATE_TEXT = re.compile(r"(?:\\.|\$(?!\{)|[^`\\$])*", re.DOTALL)
_RAW = re.compile(r"[^`]*`?")
# `/[^/*]+/` holds `/` in a class; an attempt reads at most REGEX_CHARS
_REGEX = re.compile(r"(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n\[])+/")
REGEX_CHARS = 512
_BEFORE_REGEX = frozenset("(,=:[!&|?{};~+-*%<>^}")
_REGEX_AFTER_WORD = frozenset(
    {"return", "typeof", "case", "do", "else", "in", "of", "void", "yield", "await", "delete"}
    | {"new", "throw", "instanceof"}
)


def _spans(source: str, kind: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The spans of the comments and of the text of the strings (their quotes left out)."""
    comments: list[tuple[int, int]] = []
    strings: list[tuple[int, int]] = []
    templates: list[int] = []  # for each `${` still open, the depth of braces inside it
    budget = [4 * len(source) + 8 * REGEX_CHARS]  # what failed regex attempts may read
    at = 0
    while True:
        match = _tokens(kind, bool(templates)).search(source, at)
        if match is None:
            return comments, strings
        start, at = match.span()
        found = match[0]
        if found == "{":
            templates[-1] += 1
        elif found == "}":
            if templates[-1]:
                templates[-1] -= 1
            else:
                templates.pop()
                at = _template(source, at, strings, templates)
        elif found == "`":
            at = (
                _template(source, at, strings, templates)
                if kind in JS
                else _raw(source, at, strings)
            )
        elif found == "/":
            at = _regex(source, start, strings, budget)
        elif found.startswith(("/", "#")):
            comments.append((start, at))
        else:
            closed = len(found) > 1 and found[-1] == found[0]
            strings.append((start + 1, at - closed))


def _template(source: str, at: int, strings: list[tuple[int, int]], templates: list[int]) -> int:
    """Reads a template's text from `at` up to its end or its next `${`, where code goes on."""
    end = _TEMPLATE_TEXT.match(source, at).end()  # type: ignore[union-attr]  # matches ""
    strings.append((at, end))
    if source.startswith("${", end):
        templates.append(0)
        return end + 2
    return end + 1


def _raw(source: str, at: int, strings: list[tuple[int, int]]) -> int:
    end = _RAW.match(source, at).end()  # type: ignore[union-attr]  # matches ""
    strings.append((at, end - source.endswith("`", 0, end)))
    return end


def _regex(source: str, start: int, strings: list[tuple[int, int]], budget: list[int]) -> int:
    """A `/` that starts a regular expression where a value may start, and ends on its line;
    a division else, and once failed attempts have read `budget` (linear time, HARDEN-21)."""
    if budget[0] < 0:
        return start + 1
    before = start - 1
    while before >= 0 and source[before].isspace():
        before -= 1
    char = source[before] if before >= 0 else "("
    if char not in _BEFORE_REGEX:
        word_start = before
        while word_start >= 0 and (source[word_start].isalnum() or source[word_start] == "_"):
            word_start -= 1
        if source[word_start + 1 : before + 1] not in _REGEX_AFTER_WORD:
            return start + 1
    body = _REGEX.match(source, start + 1, start + 1 + REGEX_CHARS)
    if body is None:
        budget[0] -= REGEX_CHARS
        return start + 1
    strings.append((start + 1, body.end() - 1))
    return body.end()


_INTERFACE = re.compile(r"\binterface\b[^{;\n]*\{")


def member_lines(code: str) -> set[int]:
    """REVIEW-E50: the lines (from 1) of `code` (masked) that declare a member at the top level
    of an `interface { ... }` body and open no block: `With(mw ...func()) Router` declares
    `With`, it does not call it."""
    found: set[int] = set()
    depth = 0
    bodies: list[int] = []  # the depth inside each interface body still open
    for number, line in enumerate(code.split("\n"), start=1):
        kept = line.strip()
        if bodies and depth == bodies[-1] and kept[:1] not in ("", "}") and _balanced(line):
            found.add(number)
        opened = _INTERFACE.search(line)
        for brace in re.finditer("[{}]", line):
            if brace[0] == "{":
                depth += 1
                if opened and brace.start() == opened.end() - 1:
                    bodies.append(depth)
            else:
                if bodies and depth == bodies[-1]:
                    bodies.pop()
                depth -= 1
    return found


def _balanced(line: str) -> bool:
    return line.count("{") == line.count("}") and line.count("(") == line.count(")")
