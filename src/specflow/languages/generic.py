"""Any language but Python, read line by line: assignments, definitions and calls found by
pattern in the changed lines, and the function a hunk's header names (REVIEW-E6). Its patterns
also classify the `git grep` rows of every language in `specflow.ripple.uses`."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from specflow.change import FileChange, Hunk, Line
from specflow.globs import CODE_SUFFIXES, is_comment_line, line_comment
from specflow.languages.base import WRAPPERS, FileFacts, Symbol
from specflow.languages.tstypes import TYPESCRIPT, type_lines


def file_symbols(
    file: FileChange, old: bytes | None = None, new: bytes | None = None
) -> tuple[Iterator[Symbol], FileFacts]:
    """The names the hunks of `file` write, stop writing or define (none on a hunk that changes
    no behaviour, none for prose and data), and its facts; `old` and `new` are its two texts."""
    if not file.path.endswith(CODE_SUFFIXES):
        return iter(()), FileFacts(set(), {})  # prose and data write no names
    text = new.decode("utf-8", "replace") if new is not None else None
    sides = (
        _sides(file.path, old.decode("utf-8", "replace") if old else None),
        _sides(file.path, text),
    )
    noop = generic_noop_hunks(file.path, file.hunks, sides)
    lines = text.split("\n") if text is not None else []
    governed = {
        index: block
        for index, hunk in enumerate(file.hunks)
        if index not in noop and (block := governed_block(hunk, lines))
    }
    enclosing = _headers(file, lines)
    return symbols(file, noop, enclosing, sides), FileFacts(noop, enclosing, governed=governed)


class Side(NamedTuple):
    """REVIEW-E48: one side of a file, by line: without its comments, and without the text of
    its plain strings too (`braces.masked`)."""

    uncommented: list[str]
    code: list[str]


Sides = tuple["Side | None", "Side | None"]  # before and after; None: not known


def _sides(path: str, text: str | None) -> Side | None:
    from specflow.braces import masked  # SPEED-9: off a Python hook's path

    masks = masked(path, text) if text is not None else None
    if masks is None:
        return None
    return Side(masks.uncommented.split("\n"), masks.code.split("\n"))


def _line(side: Side | None, view: str, line: Line) -> str:
    """The line as `view` ("uncommented" or "code") of its side shows it, where known."""
    lines: list[str] | None = getattr(side, view) if side is not None else None
    return (
        lines[line.number - 1] if lines is not None and 0 < line.number <= len(lines) else line.text
    )


# REVIEW-E46: REVIEW-18 in the languages whose blocks are braces
_CONDITION = re.compile(r"\s*(?:\}\s*)?(?:else\s+)?(?:if|while|for|switch)\b")
HEADER_LINES = 8  # a condition longer than this is not read


def governed_block(hunk: Hunk, lines: Sequence[str]) -> str:
    """The first statement (at most three lines) of the block whose condition is all that the
    hunk changes, when its language writes blocks in braces; else nothing."""
    if not hunk.added or not _CONDITION.match(hunk.added[0].text):
        return ""
    first, depth = hunk.added[0].number, 0
    for number in range(first, min(first + HEADER_LINES, len(lines) + 1)):
        for char in lines[number - 1]:
            depth += (char in "([") - (char in ")]")
            if char == "{" and depth == 0:
                if hunk.added[-1].number > number or len(hunk.removed) > len(hunk.added):
                    return ""  # the hunk changes the block too: read as it is
                body = [text for text in lines[number : number + 3] if text.strip() not in "}"]
                return "\n".join(body)
    return ""


_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_TOKEN = re.compile(r"\w+|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|[^\w\s]")


def generic_noop_hunks(path: str, hunks: Sequence[Hunk], sides: Sides = (None, None)) -> set[int]:
    """For code that is not Python: hunks whose removed and added lines are the same tokens
    once whitespace and comments are dropped (REVIEW-E48: a block comment's lines, read from
    each side's text in `sides` where known), and a comma before a closing bracket; or, in
    TypeScript, whose every changed line is in a type the compiler erases (REVIEW-E62)."""
    comment = line_comment(path)
    commas = _commas(path)
    types = _erased(path, sides)
    return {
        index
        for index, hunk in enumerate(hunks)
        if (hunk.added or hunk.removed)
        and (
            _tokens(hunk.removed, comment, sides[0], commas)
            == _tokens(hunk.added, comment, sides[1], commas)
            or (types is not None and _in_types(hunk, types, sides))
        )
    }


def _erased(path: str, sides: Sides) -> tuple[set[int], set[int]] | None:
    """REVIEW-E62: each side's lines in TypeScript types, when the file is TypeScript and both
    sides are known (a file added or deleted whole: its one side)."""
    if not path.endswith(TYPESCRIPT) or sides == (None, None):
        return None
    before, after = (type_lines(side.code) if side else set() for side in sides)
    return before, after


def _in_types(hunk: Hunk, types: tuple[set[int], set[int]], sides: Sides) -> bool:
    changed = ((hunk.removed, types[0], sides[0]), (hunk.added, types[1], sides[1]))
    return all(
        line.number in lines or not _line(side, "uncommented", line).strip()  # not "code":
        # that blanks a string's text too, and a template literal's SQL is no type
        for side_lines, lines, side in changed
        for line in side_lines
    )


def unchanged_tokens(
    path: str, hunks: Sequence[Hunk], old: bytes | None, new: bytes | None
) -> set[int]:
    """CHECK-E21: the hunks of a file of code that is not Python that change no behaviour,
    as the review judges them, from its two texts."""
    texts = (text.decode("utf-8", "replace") if text is not None else None for text in (old, new))
    before, after = (_sides(path, text) for text in texts)
    return generic_noop_hunks(path, hunks, (before, after))


# REVIEW-E59: a formatter adds or drops the comma at a line's end before a closing bracket when
# it wraps a list (gofmt, prettier), in the languages where that comma means nothing: not R
# (`m[1,]`) nor shell (`*,)`); in Rust `(x,)` is a tuple and `(x)` is `x`
_COMMA_FREE = (
    *(".go", ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".java"),
    *(".kt", ".kts", ".cs", ".swift", ".dart", ".php", ".scala"),
)
_COMMA = re.compile(r",[ \t]*(?=\n[ \t]*[)\]}]|\Z)")
_COMMA_RUST = re.compile(r",[ \t]*(?=\n[ \t]*[\]}]|\Z)")


def _commas(path: str) -> re.Pattern[str] | None:
    return _COMMA_RUST if path.endswith(".rs") else _COMMA if path.endswith(_COMMA_FREE) else None


def _tokens(
    lines: Sequence[Line], comment: str, side: Side | None, commas: re.Pattern[str] | None
) -> list[str]:
    if side is not None:
        text = "\n".join(_line(side, "uncommented", line) for line in lines)
    else:
        text = _BLOCK_COMMENT.sub(" ", "\n".join(text for _, text in lines))
        text = "\n".join(line[: _comment_at(line, comment)] for line in text.split("\n"))
    return _TOKEN.findall(commas.sub("", text) if commas else text)


def _comment_at(line: str, comment: str) -> int:
    """REVIEW-E64: where a line's comment starts, its marker outside quotes, and `#` only at a
    word's start and not `#{`: Ruby's `"Hi #{name}"` and shell's `$#` are code; else its end."""
    for found in _quoted_or(comment).finditer(line):
        if found["mark"]:
            return found.start()
    return len(line)


@lru_cache(maxsize=8)
def _quoted_or(comment: str) -> re.Pattern[str]:
    mark = r"(?<![^\s])#(?!\{)" if comment == "#" else re.escape(comment)
    return re.compile(rf"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|`[^`]*`|(?P<mark>{mark})")


WRITE = re.compile(r"(?:\.|^\s*)([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*(?:[-+*/%|&^]|<<|>>)?=(?![=>])")


# REVIEW-E44: `const [a, setA] = ...` declares, `_ = try f()` discards: neither writes a name
NOT_WRITTEN = frozenset({"const", "let", "var", "val", "auto", "_"})


DEFINITION = re.compile(
    r"^\s*(?:export\s+(?:default\s+)?)?(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?"
    r"(?:def|function|fn|func)\s+"
    r"(?:\([^)]*\)\s*)?([A-Za-z_]\w*)"
)


# `export default class Ky`, `public final class Ky`, `abstract class Base` (REVIEW-E47)
CLASS = re.compile(
    r"^\s*(?:(?:export|default|public|private|internal|abstract|final|sealed|open|data)\s+)*"
    r"class\s+([A-Za-z_]\w*)"
)


HEADER_NAME = re.compile(r"(?:def|function|func|fn|class|sub)\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)")
# REVIEW-E45: what else may hold a use: `struct Rule {`, `interface Props {`, `impl Parser {`
SCOPE_NAME = re.compile(
    r"\b(?:struct|interface|enum|trait|impl|namespace|protocol|extension|object|record|module)"
    r"\s+([A-Za-z_][\w.]*)"
)


HEADER_WORDS = frozenset((b"def", b"function", b"func", b"fn", b"class", b"sub"))


# HARDEN-21: anchored at a word's start, so a long word with no call after it is linear.
CALL = re.compile(r"(?<![\w.])([A-Za-z_][\w.]*)\s*\(")
# REVIEW-E40: words a `(` follows that call nothing: a use inside `if (...)` is passed to no if()
NOT_CALLS = frozenset(
    {"if", "elif", "while", "for", "switch", "catch", "return", "with", "not", "and", "or"}
    | {"in", "await", "typeof", "yield", "assert", "del", "case", "sizeof"}
)


# REVIEW-E47: a method of a class in braces: `static create(...) {`, `async #retry() {`
METHOD = re.compile(
    r"\s*(?:(?:public|private|protected|static|async|override|readonly|get|set)\s+)*"
    r"#?([A-Za-z_$][\w$]*)\s*(?:<[^\n]{0,200}?>)?\s*\([^)]*\)\s*(?::\s*[^{=;]+)?\{\s*\Z"
)
DEFINITION_SCAN = 400  # lines read above a change for the definition that holds it


def _headers(file: FileChange, lines: Sequence[str] = ()) -> dict[int, tuple[str, ...]]:
    """The definition that holds each hunk's first change: the nearest one above it, indented
    less (REVIEW-E47: git's hunk header names the last definition before the hunk's context,
    `Use()` for a change in the `Handle()` below it); else the header's, if any."""
    found: dict[int, tuple[str, ...]] = {}
    for index, hunk in enumerate(file.hunks):
        name = _definition_above(lines, _first_code(hunk)) if lines and hunk.added else None
        if not name and hunk.removed and not hunk.added:  # a definition removed whole
            name = definition_at(hunk.removed[0].text)
        if name is None:  # git's header may be prose: "Base class for all errors" is no `for()`
            header = HEADER_NAME.search(hunk.header)
            name = header[1] if header and header[1] not in NOT_CALLS else ""
        if name:
            found[index] = (name,)
    return found


def definition_at(text: str) -> str:
    match = DEFINITION.match(text) or CLASS.match(text) or METHOD.match(text)
    return match[1] if match and match[1] not in NOT_CALLS else ""


def _first_code(hunk: Hunk) -> int:
    """The first added line that is neither blank nor a comment (REVIEW-E60: a function added
    after another starts with a blank line and its doc comment), else the first change."""
    code = (
        line.number
        for line in hunk.added
        if line.text.strip() and not is_comment_line(hunk.path, line.text)
    )
    return next(code, hunk.first_changed)


def _definition_above(lines: Sequence[str], line: int) -> str | None:
    """The name of the definition that holds the line, found by indentation; "" for a line
    at the top level (REVIEW-E60: not indented, and no closing bracket) that defines nothing;
    None when the lines do not tell (git's header may)."""
    if not 0 < line <= len(lines):
        return None
    text = lines[line - 1]
    depth = len(text) - len(text.lstrip()) + text.lstrip().startswith(("}", ")"))
    top = depth == 0
    for number in range(line, max(0, line - DEFINITION_SCAN), -1):
        text = lines[number - 1]
        indent = len(text) - len(text.lstrip())
        if number != line and (indent >= depth or not text.strip()):
            continue
        name = definition_at(text)
        if name:
            return name
        if number != line:
            depth = indent  # a block that holds the change: its definition is above it
    return "" if top else None


def symbols(
    file: FileChange, noop: set[int], enclosing: dict[int, tuple[str, ...]], sides: Sides
) -> Iterator[Symbol]:
    for index, hunk in enumerate(file.hunks):
        if index in noop:
            continue
        scopes = _scopes(sides[1], hunk)  # REVIEW-E63
        for line in hunk.added:  # REVIEW-E48, REVIEW-E49: what comments and strings say is no code
            for symbol in _line_symbols(
                file.path, line.number, _line(sides[1], "code", line), "write"
            ):
                yield _scoped(symbol, scopes.get(line.number))
        for line in hunk.removed:
            yield from _line_symbols(
                file.path, line.number, _line(sides[0], "code", line), "unwrite"
            )
        if index in enclosing and hunk.added:
            yield Symbol(enclosing[index][0], "function", file.path, hunk.new_start)


def _scoped(symbol: Symbol, scope: tuple[str, frozenset[str]] | None) -> Symbol:
    """REVIEW-E63: a name written through an object (`c.allowed = ...`) is an attribute, which
    bare names elsewhere (a parameter `allowed`) are not; one the function around it declares
    (`routePath :=`, `let`, `var`, a parameter) is its local, which no other function sees."""
    if symbol.reach == ATTRIBUTE or not scope or symbol.kind != "write":
        return symbol
    function, declared = scope
    return replace(symbol, function=function, reach=LOCAL) if symbol.name in declared else symbol


def _scopes(side: Side | None, hunk: Hunk) -> dict[int, tuple[str, frozenset[str]]]:
    """For each added line, the function around it and the names declared in it above the
    line: read once a hunk, from the nearest definition above its first change (a definition
    inside the hunk starts another)."""
    if side is None or not hunk.added:
        return {}
    first, last = hunk.added[0].number, hunk.added[-1].number
    function, declared = "", set[str]()
    for above in range(first - 1, max(0, first - DEFINITION_SCAN), -1):
        text = _code_at(side, above)
        if name := definition_at(text):
            function, declared = name, declared | _parameters(text)
            break
        declared |= _declarations(text)
    added = {line.number for line in hunk.added}
    found: dict[int, tuple[str, frozenset[str]]] = {}
    for number in range(first, last + 1):
        text = _code_at(side, number)
        if name := definition_at(text):
            function, declared = name, _parameters(text)
        if number in added and function:
            found[number] = (function, frozenset(declared))
        declared |= _declarations(text)
    return found


def in_braces(before: str) -> bool:
    """REVIEW-E63: whether the text ends as a name's place among a literal's or a pattern's
    keys: right after `{` or a `,` inside the braces that are open there."""
    if not before.rstrip().endswith(("{", ",")):
        return False
    depth = 0
    for char in reversed(before):
        if char in ")]}":
            depth += 1
        elif char in "([{":
            if not depth:
                return char == "{"
            depth -= 1
    return False


def _code_at(side: Side, number: int) -> str:
    return side.code[number - 1] if 0 < number <= len(side.code) else ""


_DECLARED = re.compile(
    r"\b(?:var|let|const)\s+([A-Za-z_$][\w$]*)|((?:[A-Za-z_]\w*\s*,\s*)*[A-Za-z_]\w*)\s*:="
)


def _declarations(text: str) -> set[str]:
    """`var x`, `let x`, `const x`, Go's `a, b :=`."""
    found: set[str] = set()
    for one, many in _DECLARED.findall(text) if ("=" in text or "var" in text) else ():
        found.update([one] if one else [name.strip() for name in many.split(",")])
    return found


def _parameters(text: str) -> set[str]:
    """The names on a definition's line after its first `(`: its parameters (and, crudely,
    their types)."""
    return set(re.findall(r"[A-Za-z_$][\w$]*", text.partition("(")[2]))


ATTRIBUTE, LOCAL = "attribute", "local"


def _line_symbols(path: str, number: int, text: str, kind: str) -> Iterator[Symbol]:
    definition = DEFINITION.match(text)
    if definition:
        yield Symbol(definition[1], "function", path, number)
        return
    for match in WRITE.finditer(text):
        if match[1] in NOT_WRITTEN:
            continue
        producers = tuple(line_producers(text, match.end()))
        reach = ATTRIBUTE if match[0].startswith(".") else ""
        yield Symbol(match[1], kind, path, number, producers=producers, reach=reach)


_WRAPPED = re.compile(r"\s*([A-Za-z_][\w.]*)\s*(\()?")


def line_producers(text: str, at: int) -> Iterator[str]:
    """The call that computes a value written on a line; what a wrapper wraps, for a wrapper
    (`staticmethod(_lazy_sha1)`: `_lazy_sha1`)."""
    first = CALL.search(text, at)
    while first and first[1] in WRAPPERS:
        wrapped = _WRAPPED.match(text, first.end())
        if wrapped is None:
            return  # unsure what is produced: no producer, so nothing agrees and it is asked
        if not wrapped[2]:
            yield wrapped[1]
            return
        first = CALL.match(text, wrapped.start())
    if first:
        yield first[1]
