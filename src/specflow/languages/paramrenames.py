"""A function whose parameters a change renames throughout its body, in JavaScript,
TypeScript and Java (REVIEW-E360), as REVIEW-E97 reads C's: the same function once each new
name is read as the old one, when no new name was a name of the old function (a global, a
field, a local it would capture) and no old name is one of the new. Pure: the hunks and each
side's lines in, the indexes of the hunks that only rename out."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import NamedTuple

from specflow.change import Hunk, Line
from specflow.languages.tokens import Side, Sides, line_as

RENAMES_PATHS = (".java", ".js", ".mjs", ".cjs", ".ts")
Tokenize = Callable[[str], list[str]]


class _Function(NamedTuple):
    first: int  # the line its statement starts on
    last: int  # the line of its closing `}`
    params: tuple[str, ...]


_TYPE = r"(?:\s*:\s*[^(){}=]*)?"  # TypeScript's return type
_JS_FUNCTION = re.compile(r"\bfunction\b\s*\*?\s*(?:[\w$]+)?\s*\(([^()]*)\)" + _TYPE + r"\Z")
_JS_ARROW = re.compile(r"(?:\(([^()]*)\)|(?<![\w$.])([\w$]+))" + _TYPE + r"\s*=>\s*\Z")
_JS_METHOD = re.compile(
    r"(?:\A|,)\s*(?:(?:static|async|get|set|public|private|protected|override)\s+)*\*?\s*"
    r"(#?[\w$]+)\s*\(([^()]*)\)" + _TYPE + r"\Z"
)
_JAVA_METHOD = re.compile(r"(?<![\w$.])([\w$]+)\s*\(([^()]*)\)\s*(?:throws\s+[\w.,\s]+)?\Z")
_JAVA_LAMBDA = re.compile(r"(?:\(([^()]*)\)|(?<![\w$.])([\w$]+))\s*->\s*\Z")
_KEYWORDS = frozenset(
    (
        *("if", "for", "while", "switch", "catch", "with", "do", "else", "try", "finally"),
        *("return", "typeof", "await", "yield", "new", "delete", "void", "in", "of"),
        *("instanceof", "super", "this", "synchronized", "function", "class", "record"),
    )
)
_JS_PARAM = re.compile(r"(?:\.\.\.)?([A-Za-z_$][\w$]*)\??\s*(?:[:=].*)?\Z", re.S)
_LAMBDA_PARAM = re.compile(
    r"(?:(?:@[\w.]+|final)\s+)*(?:[\w.$]+(?:\s*\[\s*\])*\s+)?([A-Za-z_$][\w$]*)\Z"
)
_JAVA_PARAM = re.compile(
    r"(?:(?:@[\w.]+|final)\s+)*[\w.$]+(?:\s*\[\s*\])*(?:\s*\.\.\.)?\s+([A-Za-z_$][\w$]*)\Z"
)


def renamed_hunks(path: str, hunks: Sequence[Hunk], sides: Sides, tokenize: Tokenize) -> set[int]:
    """REVIEW-E360: the hunks that replace lines (some removed, some added) wholly inside one
    function, the same function on both sides (its closing lines correspond), whose
    parameters the change renames throughout."""
    before, after = sides
    if not path.endswith(RENAMES_PATHS) or before is None or after is None:
        return set()
    changed = [
        (index, hunk)
        for index, hunk in enumerate(hunks)
        if hunk.removed and hunk.added and _may_rename(hunk, sides, tokenize)
    ]
    if not changed or not _may_declare(hunks, _differing(changed, sides, tokenize), before):
        return set()
    java = path.endswith(".java")
    functions = _functions(before, java), _functions(after, java)
    removed = sorted(line.number for hunk in hunks for line in hunk.removed)
    added = sorted(line.number for hunk in hunks for line in hunk.added)
    found: set[int] = set()
    holding = _holding(functions[0]), _holding(functions[1])
    for index, hunk in changed:
        olds = _around(holding[0], hunk.removed)
        news = _around(holding[1], hunk.added)
        for old, new in zip(olds, news, strict=False):
            if not _corresponding(old.last, new.last, (removed, added)):
                continue
            if _renamed(old, new, sides, tokenize, java):
                found.add(index)
                break
    return found


def _may_rename(hunk: Hunk, sides: Sides, tokenize: Tokenize) -> bool:
    """Whether the hunk's removed and added code are as many tokens, where they differ two
    names: read before the files, so that a change that renames nothing costs little."""
    old, new = (
        tokenize("\n".join(line_as(side, "uncommented", line) for line in lines))
        for side, lines in zip(sides, (hunk.removed, hunk.added), strict=True)
    )
    return len(old) == len(new) and all(
        a == b or (_WORD.fullmatch(a) and _WORD.fullmatch(b)) for a, b in zip(old, new, strict=True)
    )


_WORD = re.compile(r"[A-Za-z_$][\w$]*")


def _differing(changed: list[tuple[int, Hunk]], sides: Sides, tokenize: Tokenize) -> set[str]:
    """The old words of the hunks that may rename, where they differ from the new."""
    words: set[str] = set()
    for _, hunk in changed:
        old, new = (
            tokenize("\n".join(line_as(side, "uncommented", line) for line in lines))
            for side, lines in zip(sides, (hunk.removed, hunk.added), strict=True)
        )
        words.update(a for a, b in zip(old, new, strict=True) if a != b)
    return words


def _may_declare(hunks: Sequence[Hunk], words: set[str], before: Side) -> bool:
    """SPEED-24: whether a removed line may declare one of `words` as a parameter (the word,
    a type or a default, then `,`, `)`, `->`, `=>` or the line's end): a parameter renamed
    throughout is renamed where it is declared, so no file is read when none is."""
    if not words:
        return False
    names = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    declared = re.compile(rf"(?<![\w$.])(?:{names})\s*\??\s*(?:[:=][^;{{}}]*)?(?:[,)]|[-=]>|\Z)")
    return any(
        declared.search(line_as(before, "uncommented", line))
        for hunk in hunks
        for line in hunk.removed
    )


def _holding(functions: list[_Function]) -> dict[int, list[_Function]]:
    """SPEED-24: by line, the functions that hold it (read once a side, not once a hunk)."""
    holding: dict[int, list[_Function]] = {}
    for function in functions:
        for number in range(function.first, function.last + 1):
            holding.setdefault(number, []).append(function)
    return holding


def _around(holding: dict[int, list[_Function]], lines: Sequence[Line]) -> list[_Function]:
    """The functions that hold all the lines, innermost first."""
    first = holding.get(lines[0].number, []) if lines else []
    found = [f for f in first if all(f.first <= line.number <= f.last for line in lines)]
    return sorted(found, key=lambda f: f.last - f.first)


def _corresponding(old: int, new: int, changed: tuple[list[int], list[int]]) -> bool:
    """Whether the old file's line `old` and the new file's `new` are one unchanged line
    (`changed`: each side's changed lines, sorted)."""
    below = bisect_left(changed[0], old), bisect_left(changed[1], new)
    if changed[0][below[0] : below[0] + 1] == [old] or changed[1][below[1] : below[1] + 1] == [new]:
        return False
    return old - below[0] == new - below[1]


def _renamed(old: _Function, new: _Function, sides: Sides, tokenize: Tokenize, java: bool) -> bool:
    if len(old.params) != len(new.params):
        return False
    names = {a: b for a, b in zip(old.params, new.params, strict=True) if a != b}
    if not names or len(set(names.values())) != len(names):
        return False
    texts = [_text(side, f) for side, f in zip(sides, (old, new), strict=True)]
    if any("`" in text or '"""' in text for text in texts):
        return False  # a template's text is no code; a Java text block is not read here
    tokens = [tokenize(text) for text in texts]
    if not java and any(word in tokens[0] + tokens[1] for word in ("eval", "with")):
        return False  # a name read from a string, or from an object's keys
    if not java and not _plainly_named(texts, names):
        return False
    if java and _in_class_bodies(tokens[0], set(names)):
        return False
    marks = _marked(tokens[0], java), _marked(tokens[1], java)
    for side, mark, seen in ((0, "name", names.values()), (1, "name", names)):
        if set(seen) & {token for token, kind in marks[side] if kind == mark}:
            return False  # a capture: the new name was the old function's, or the reverse
    for side, seen in ((0, names), (1, names.values())):
        if set(seen) & {token for token, kind in marks[side] if kind == "unsure"}:
            return False
    renamed = [names.get(token, token) if kind == "name" else token for token, kind in marks[0]]
    return renamed == tokens[1]


def _plainly_named(texts: list[str], names: dict[str, str]) -> bool:
    """REVIEW-E376: JavaScript's names are words of `$` too (`$a`, and `#a` a private field's),
    and a regular expression's text is no code: the tokens read `a` in `$a` and in `/a/`,
    neither a use of a parameter `a`."""
    for text, seen in zip(texts, (names, names.values()), strict=True):
        for name in seen:
            glued = re.search(rf"[\w$#]{re.escape(name)}(?![\w$])|\b{re.escape(name)}\$", text)
            if glued or any(re.search(rf"\b{re.escape(name)}\b", body) for body in _regexes(text)):
                return False
    return True


# a `/` where no value ends opens a regular expression literal
_REGEX = re.compile(
    r"(?:\A|[(,=:\[!&|?{};+\-*%<>~^]|\b(?:return|typeof|case|in|of|void|yield))\s*"
    r"/((?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n*])(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n])*)/",
    re.M,
)


def _regexes(text: str) -> list[str]:
    return [found[1] for found in _REGEX.finditer(text)]


def _in_class_bodies(tokens: list[str], olds: set[str]) -> bool:
    """REVIEW-E378: whether a renamed name is read inside a Java class body the function
    holds (an anonymous class's `new Base() {`, a local class): there a field the class
    inherits, unseen in the file, is found before a parameter of that name."""
    depth, inside = 0, []  # the depths at which class bodies opened
    for at, word in enumerate(tokens):
        if word == "{":
            depth += 1
            inside += [depth] if _opens_class(tokens, at) else []
        elif word == "}":
            inside = inside[:-1] if inside and inside[-1] == depth else inside
            depth -= 1
        elif inside and word in olds:
            return True
    return False


def _opens_class(tokens: list[str], at: int) -> bool:
    """Whether the `{` at `at` opens a class body: `new Name(...) {`, or after `class`."""
    start = at
    while start > 0 and tokens[start - 1] not in ("{", "}", ";"):
        start -= 1
    header = tokens[start:at]
    if any(word in header for word in ("class", "interface", "enum", "record")):
        return True
    if not header or header[-1] != ")":
        return False
    depth, index = 0, len(header) - 1
    for index in range(len(header) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(header[index], 0)
        if not depth:
            break
    before = header[:index]
    while before and (before[-1] in (".", "<", ">", ",", "?") or before[-1].isidentifier()):
        if before[-1] == "new":
            return True
        before = before[:-1]
    return False


def _text(side: Side | None, function: _Function) -> str:
    assert side is not None
    return "\n".join(side.uncommented[function.first - 1 : function.last])


def _marked(tokens: list[str], java: bool) -> list[tuple[str, str]]:
    """Each token, and what it is: "name" (a variable's, bare), "member" (after `.`, `?.` or
    `::`; an object's key before `:`), or "unsure": in JavaScript, a name first in braces or
    after a comma in braces before `}`, `,`, `=` or `(` (`{ name }` shorthand names the key
    too; a method), or after `get`, `set`, `static`, `async`; in Java, a name called (a
    method) or after `case` (an enum's constant)."""
    marked: list[tuple[str, str]] = []
    opened: list[str] = []
    for at, token in enumerate(tokens):
        before = tokens[at - 1] if at else ""
        after = tokens[at + 1] if at + 1 < len(tokens) else ""
        if token in _OPENING:
            opened.append(token)
        elif token in _CLOSING:
            opened = opened[:-1]
        first = opened[-1:] == ["{"] and before in ("{", ",")
        if before == "." or tokens[at - 2 : at] == [":", ":"] or (first and after == ":"):
            marked.append((token, "member"))
        else:
            marked.append((token, "unsure" if _unsure(java, before, after, first) else "name"))
    return marked


def _unsure(java: bool, before: str, after: str, first: bool) -> bool:
    if java:
        return after == "(" or before == "case"
    return (first and after in _SHORT) or before in _MODIFIERS


_OPENING, _CLOSING = frozenset("([{"), frozenset(")]}")
_SHORT = frozenset(("}", ",", "=", "("))
_MODIFIERS = frozenset(("get", "set", "static", "async", "*"))


def _functions(side: Side, java: bool) -> list[_Function]:
    """Every function of one side whose `{` is on the line its parameters close on."""
    found: list[_Function] = []
    stack: list[int | None] = []  # the index in `found` of the function each `{` opens
    since: list[str] = []
    first = 0
    for number, line in enumerate(side.code, 1):
        start = 0
        for delimiter in _DELIMITERS.finditer(line):
            first = _extend(since, line[start : delimiter.start()], number, first)
            start, char = delimiter.end(), delimiter.group()
            if char == "{":
                stack.append(_opened(since, java, first, found))
            elif char == "}" and not stack:
                return []
            elif char == "}" and (opened := stack.pop()) is not None:
                found[opened] = found[opened]._replace(last=number)
            since = []
        first = _extend(since, line[start:], number, first)
        if since:
            since.append("\n")
    return [f for f in found if f.last] if not stack else []


_DELIMITERS = re.compile(r"[{};]")


def _extend(since: list[str], text: str, number: int, first: int) -> int:
    """The text added to the statement read so far; the line it starts on."""
    if since:
        since.append(text)
    elif text.strip():
        since.append(text.lstrip())
        return number
    return first


def _opened(since: list[str], java: bool, first: int, found: list[_Function]) -> int | None:
    """The function a `{` opens after the statement read so far, added to `found`; its index."""
    same_line = "".join(since).rstrip(" \t")[-1:] not in ("", "\n")
    params = _params(" ".join("".join(since).split()), java) if same_line else None
    if params is None:
        return None
    found.append(_Function(first, 0, params))
    return len(found) - 1


def _params(header: str, java: bool) -> tuple[str, ...] | None:
    """The names a function's header declares as parameters; None for no function's."""
    if java:
        method = _JAVA_METHOD.search(header)
        if method and method[1] not in _KEYWORDS and not re.search(r"\b(?:new|record)\b|=", header):
            return _names(method[2], _JAVA_PARAM)
        lambda_ = _JAVA_LAMBDA.search(header)
        if lambda_ is None:
            return None
        return _names(lambda_[1], _LAMBDA_PARAM) if lambda_[1] is not None else (lambda_[2],)
    for pattern in (_JS_FUNCTION, _JS_ARROW):
        if found := pattern.search(header):
            return _names(found[1] if found[1] is not None else found[2], _JS_PARAM)
    method = _JS_METHOD.search(header)
    if method and method[1] not in _KEYWORDS:
        return _names(method[2], _JS_PARAM)
    return None


def _names(params: str, pattern: re.Pattern[str] | None) -> tuple[str, ...] | None:
    """Each parameter's name, or None when one is not read plainly (a pattern, a generic type,
    a TypeScript parameter property)."""
    if any(mark in params for mark in "<{[") or re.search(
        r"\b(?:public|private|protected|readonly)\b", params
    ):
        return None
    names: list[str] = []
    for piece in (p.strip() for p in params.split(",")) if params.strip() else ():
        found = pattern.match(piece) if pattern else re.fullmatch(r"([A-Za-z_$][\w$]*)", piece)
        if found is None or found[1] in _KEYWORDS:
            return None
        names.append(found[1])
    return tuple(names)
