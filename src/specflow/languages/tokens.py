"""Code that is not Python, compared token by token (REVIEW-E48, CHECK-E21): which hunks
change only whitespace, comments, a comma a formatter moves, or TypeScript's erased types; and
each side of a file as those comparisons read it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from typing import TYPE_CHECKING, NamedTuple

from specflow.change import NO_RENAMES, Hunk, Line, Renames
from specflow.globs import KOTLIN_PATHS, go_directive, line_comment, magic_comment
from specflow.languages.respelled import ASI, spelling
from specflow.languages.tstypes import (
    TYPESCRIPT,
    const_enum_lines,
    is_declarations,
    overload_lines,
    type_lines,
)

if TYPE_CHECKING:  # PHP's reading is loaded for a PHP file alone
    from specflow.languages.phpforms import Reading

MOVES_PATHS = (".java", ".go", ".js", ".mjs", ".cjs", ".ts")  # REVIEW-E359's: read for moves


class Side(NamedTuple):
    """REVIEW-E48: a side of a file, by line: without comments, and without strings too."""

    uncommented: list[str]
    code: list[str]
    semicolons_optional: bool = False  # REVIEW-E72: JavaScript and TypeScript
    php: Reading | None = None  # REVIEW-E96: a PHP file's, where its rewrites are read
    swift: list[str] | None = None  # REVIEW-E120: a Swift file's lines, spelled one way
    go: list[str] | None = None  # REVIEW-E393, REVIEW-E394: a Go file's, its stdlib one way
    path: str = ""  # REVIEW-E395, REVIEW-E396: a JavaScript file's, whose sides are respelled


Sides = tuple["Side | None", "Side | None"]  # before and after; None: not known
_Spell = Callable[[list[str]], list[str]]


def sides_of(path: str, text: str | None) -> Side | None:
    from specflow.braces import masked  # SPEED-9: off a Python hook's path

    masks = masked(path, text) if text is not None else None
    if masks is None:
        return None
    lines = masks.uncommented.split("\n"), masks.code.split("\n")
    php = None
    if path.lower().endswith(".php"):
        from specflow.languages.phpforms import reading  # off the hook's path of the others

        php = reading(lines[0])
    swift = None
    if path.endswith(".swift"):
        from specflow.languages.swiftforms import spelled  # off the hook's path of the others

        swift = spelled(*lines)
    go = None
    if path.endswith(".go"):
        from specflow.languages.gostd import std_spelled  # off the hook's path of the others

        go = std_spelled(*lines)
    if text is not None and "@flow" in text:  # REVIEW-E400: a Flow file is not respelled
        from specflow.languages.jsmodern import flow_checked

        path = "" if flow_checked(text) else path
    return Side(
        *lines, semicolons_optional=path.endswith(ASI), php=php, swift=swift, go=go, path=path
    )


def line_as(side: Side | None, view: str, line: Line) -> str:
    """The line as `view` ("uncommented" or "code") of its side shows it, where known."""
    lines: list[str] | None = getattr(side, view) if side is not None else None
    return (
        lines[line.number - 1] if lines is not None and 0 < line.number <= len(lines) else line.text
    )


_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# REVIEW-E96: `++` and `--` are one token each, as a C-like lexer reads them: `a++ + b` is
# not `a + ++b`
_TOKEN = re.compile(r"\w+|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|\+\+|--|[^\w\s]")


def generic_noop_hunks(
    path: str,
    hunks: Sequence[Hunk],
    sides: Sides = (None, None),
    renames: Renames = NO_RENAMES,
    texts: tuple[str | None, str | None] = (None, None),
) -> set[int]:
    """For code that is not Python: hunks whose removed and added lines are the same tokens
    once whitespace and comments are dropped (REVIEW-E48: a block comment's lines, read from
    each side's text in `sides` where known), and a comma before a closing bracket; or, in
    TypeScript, whose every changed line is in a type the compiler erases (REVIEW-E62)."""
    declared = set(range(len(hunks))) if is_declarations(path) else set()
    if declared:  # REVIEW-E151: a `.d.ts` declares types and runs nothing, but REVIEW-E155
        declared -= _inlined(hunks, sides)
        if len(declared) == len(hunks):
            return declared
    if _comments_moved(hunks, sides):
        return set()
    if path.endswith(".rb"):  # REVIEW-E136, REVIEW-E139, REVIEW-E278 to REVIEW-E282
        return _ruby(hunks, texts)
    comment = "php" if path.lower().endswith(".php") else line_comment(path)
    if path.endswith(".go"):  # REVIEW-E161: Go's directives, where no side is known
        hunks = [_with_magic(hunk, path) for hunk in hunks]
    commas = _commas(path, sides, renames)
    types = _erased(path, sides)
    spell = spelling(path, sides)
    found = {
        index
        for index, hunk in enumerate(hunks)
        if (hunk.added or hunk.removed)
        and (
            all(
                spell(_tokens(removed, comment, sides[0], commas))
                == spell(_tokens(added, comment, sides[1], commas))
                for removed, added in runs(hunk)
            )
            or (types is not None and _in_types(hunk, types, sides))
            or _swift_spelled(hunk, sides, commas)
            or (types is not None and _types_erased(path, hunk, sides, commas, spell))
        )
    }
    if path.lower().endswith((".c", ".h")) and len(found) < len(hunks):
        found |= _c_spelled(path, hunks, sides)
    if path.endswith(".java") and len(found) < len(hunks):  # REVIEW-E315, REVIEW-E417 to E419
        from specflow.languages.javaspell import java_same  # off other languages' path

        found |= java_same(hunks, runs, sides, partial(_tokens, comment="//", commas=commas))
    if renames.moved and len(found) < len(hunks):  # REVIEW-E416: C++ bodies moved out
        from specflow.languages.cppmoves import moved_hunks  # off other languages' path

        found |= moved_hunks(hunks, renames.moved)
    if path.endswith(KOTLIN_PATHS) and len(found) < len(hunks):  # REVIEW-E412
        from specflow.languages.ktforms import smart_cast  # off other languages' path

        found |= smart_cast(hunks, runs, sides)
    if path.endswith(".go") and commas is not None and len(found) < len(hunks):
        found |= _go_spelled(hunks, sides, commas, renames)
    if len(found) < len(hunks) and path.endswith(MOVES_PATHS):
        from specflow.languages.bracemoves import moved_or_renamed  # REVIEW-E359, REVIEW-E360

        found |= moved_or_renamed(path, hunks, sides, _plain_tokens)
    return found | declared


def runs(hunk: Hunk) -> list[tuple[list[Line], list[Line]]]:
    """The hunk's runs of changed lines (removed, added), each after as many unchanged lines on
    both sides (REVIEW-E160: a line moved past an unchanged one, which tokens do not say)."""
    runs: dict[int, tuple[list[Line], list[Line]]] = {}
    for side, lines, start in ((0, hunk.removed, hunk.old_start), (1, hunk.added, hunk.new_start)):
        for index, line in enumerate(lines):
            runs.setdefault(line.number - start - index, ([], []))[side].append(line)
    return list(runs.values())


def _inlined(hunks: Sequence[Hunk], sides: Sides) -> set[int]:
    """REVIEW-E155: the hunks that change a `const enum`'s line (its readers inline it)."""
    lines = [const_enum_lines(side.code) if side else set() for side in sides]
    return {
        index
        for index, hunk in enumerate(hunks)
        if any(line.number in lines[0] for line in hunk.removed)
        or any(line.number in lines[1] for line in hunk.added)
    }


def _with_magic(hunk: Hunk, path: str) -> Hunk:
    """Ruby's magic comment lines as code tokens (`\x00key=value`), Go's directives as code."""
    removed, added = (
        tuple(Line(line.number, _magic(path, line) or line.text) for line in lines)
        for lines in (hunk.removed, hunk.added)
    )
    return hunk._replace(removed=removed, added=added)


def _magic(path: str, line: Line) -> str:
    if path.endswith(".go"):
        return "\x00" + line.text.replace("//", "\x00", 1) if go_directive(path, line.text) else ""
    return magic_comment(line.number, line.text)


def _ruby(hunks: Sequence[Hunk], texts: tuple[str | None, str | None]) -> set[int]:
    """Ruby's hunks that change no behaviour, as rbforms reads them: its magic comments as
    code (REVIEW-E136), `=begin` blocks as comments, RuboCop's spellings, constants moved."""
    from specflow.languages import rbforms  # off the hook's path of the others

    tokens = partial(_tokens, comment="#", side=None, commas=None)
    hunks = [rbforms.unblocked(_with_magic(hunk, ".rb")) for hunk in hunks]
    found = {
        index
        for index, hunk in enumerate(hunks)
        if (hunk.added or hunk.removed) and rbforms.same_spelled(runs(hunk), tokens)
    }
    if len(found) == len(hunks):
        return found
    return found | rbforms.moved_constants([runs(h) for h in hunks], found, texts, tokens)


def _swift_spelled(hunk: Hunk, sides: Sides, commas: Callable[[str], str] | None) -> bool:
    """REVIEW-E120: a Swift hunk whose two sides are the same once each is spelled one way."""
    before, after = sides
    if before is None or after is None or before.swift is None or after.swift is None:
        return False
    spelled = before._replace(uncommented=before.swift), after._replace(uncommented=after.swift)
    return all(  # REVIEW-E307: run by run, so lines swapped are a change
        _tokens(removed, "//", spelled[0], commas) == _tokens(added, "//", spelled[1], commas)
        for removed, added in runs(hunk)
    )


def _types_erased(
    path: str, hunk: Hunk, sides: Sides, commas: Callable[[str], str] | None, spell: _Spell
) -> bool:
    """REVIEW-E277: a TypeScript hunk whose runs are the same once type syntax is erased."""
    from specflow.languages.tserase import same_erased  # off the others' path

    return same_erased(
        path, runs(hunk), sides, partial(_tokens, comment="//", commas=commas), spell
    )


def _c_spelled(path: str, hunks: Sequence[Hunk], sides: Sides) -> set[int]:
    """REVIEW-E97: C's hunks that differ only by a `const`, or lie in a function whose
    parameters the change renames throughout; both sides known."""
    from specflow.languages import cspell  # off the hook's path of the other languages

    before, after = sides
    if before is None or after is None:
        return set()
    lines = before.uncommented, after.uncommented
    const = cspell.const_free(path, lines, _plain_tokens)
    changed = [(i, hunk) for i, hunk in enumerate(hunks) if hunk.added or hunk.removed]
    same = {  # REVIEW-E307: run by run, as REVIEW-E160 reads them: a swap of lines is a change
        index
        for index, hunk in changed
        if const
        and all(
            cspell.without_const(_tokens(removed, "//", before, None))
            == cspell.without_const(_tokens(added, "//", after, None))
            for removed, added in runs(hunk)
        )
    }
    codes = before.code, after.code
    renamed = cspell.renamed_hunks(hunks, lines, codes, _plain_tokens, const)
    return same | {index for index, _ in changed if index in renamed}


def _go_spelled(
    hunks: Sequence[Hunk], sides: Sides, spell: Callable[[str], str], renames: Renames
) -> set[int]:
    """REVIEW-E227, REVIEW-E228: Go's hunks in functions spelled another way (golocals), or
    that rename a package's names the whole change renames (`renames`)."""
    from specflow.languages.golocals import renamed_tokens, same_hunks  # off others' path

    before, after = sides
    if before is None or after is None:
        return set()

    def plain(removed: list[Line], added: list[Line]) -> bool:
        old = renamed_tokens(_tokens(removed, "//", before, spell), renames.names)
        return old == _tokens(added, "//", after, spell)

    lines = (before.uncommented, before.code), (after.uncommented, after.code)
    return same_hunks(hunks, lines, spell, plain, renames.names)


def _plain_tokens(text: str) -> list[str]:
    return [_number(token) for token in _TOKEN.findall(text)]


def _comments_moved(hunks: Sequence[Hunk], sides: Sides) -> bool:
    """REVIEW-E68: whether a line the change leaves as it was is code on one side and comment on
    the other: the `/*` and `*/` lines removed around code turn it on (httparse `e8a1bee`)."""
    before, after = sides
    if before is None or after is None:
        return False
    removed = {line.number for hunk in hunks for line in hunk.removed}
    added = {line.number for hunk in hunks for line in hunk.added}
    kept_old = (n for n in range(len(before.uncommented)) if n + 1 not in removed)
    kept_new = (n for n in range(len(after.uncommented)) if n + 1 not in added)
    return any(
        before.uncommented[old].split() != after.uncommented[new].split()
        for old, new in zip(kept_old, kept_new, strict=False)
    )


def _erased(path: str, sides: Sides) -> tuple[set[int], set[int]] | None:
    """REVIEW-E62: each side's lines in TypeScript types, when the file is TypeScript and both
    sides are known (a file added or deleted whole: its one side)."""
    if not path.endswith(TYPESCRIPT) or sides == (None, None):
        return None
    before, after = (
        type_lines(side.code) | overload_lines(side.code) if side else set() for side in sides
    )
    return before, after


def _in_types(hunk: Hunk, types: tuple[set[int], set[int]], sides: Sides) -> bool:
    changed = ((hunk.removed, types[0], sides[0]), (hunk.added, types[1], sides[1]))
    return all(
        line.number in lines or not line_as(side, "uncommented", line).strip()  # not "code":
        # that blanks a string's text too, and a template literal's SQL is no type
        for side_lines, lines, side in changed
        for line in side_lines
    )


def unchanged_tokens(
    path: str,
    hunks: Sequence[Hunk],
    old: bytes | None,
    new: bytes | None,
    renames: Renames = NO_RENAMES,
) -> set[int]:
    """CHECK-E21: the hunks of code not Python that change nothing, from the file's texts."""
    before, after = (
        text.decode("utf-8", "replace") if text is not None else None for text in (old, new)
    )
    sides = sides_of(path, before), sides_of(path, after)
    return generic_noop_hunks(path, hunks, sides, renames, (before, after))


# REVIEW-E59: a formatter adds or drops the comma at a line's end before a closing bracket when
# it wraps a list (gofmt, prettier), in the languages where that comma means nothing: not R
# (`m[1,]`) nor shell (`*,)`); in Rust `(x,)` is a tuple and `(x)` is `x`
_COMMA_FREE = (
    *(".go", ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".java"),
    *(".kt", ".kts", ".cs", ".swift", ".dart", ".php", ".scala"),
)
_COMMA = re.compile(r",[ \t]*(?=\n[ \t]*[)\]}]|\Z)")


def _commas(path: str, sides: Sides, renames: Renames) -> Callable[[str], str] | None:
    if path.endswith(".rs"):
        from specflow.languages.rustspell import rust_commas  # off the others' path

        return rust_commas
    if path.endswith(".go"):  # REVIEW-E163, REVIEW-E196, REVIEW-E257, REVIEW-E323
        from specflow.languages.goforms import go_spelling  # off the others' path

        codes = [side.code if side else None for side in sides]
        return go_spelling(codes, renames.own_any, partial(_COMMA.sub, ""))
    return partial(_COMMA.sub, "") if path.endswith(_COMMA_FREE) else None


# REVIEW-E72: a `;` ending a line of JavaScript or TypeScript is what automatic semicolon
# insertion puts there (prettier's and standard's `semi`), unless the next code line would then
# continue the statement: it starts with `(`, `[`, a template, or an operator
_CONTINUES = tuple("([`+-*/%.,?:<>=&|^!")


def _without_semicolon(side: Side, line: Line, text: str) -> str:
    """The line without the `;` that ends it, where that `;` ends a statement ASI would end:
    not one inside a template literal (its code is blank there), nor an empty statement
    (`if (c);`, `while (busy());`, a `;` alone), nor before a line that goes on."""
    code = line_as(side, "code", line).rstrip()
    if not code.endswith(";") or _EMPTY_STATEMENT.match(code):
        return text
    following = (code.lstrip() for code in side.uncommented[line.number :] if code.strip())
    return text if next(following, "").startswith(_CONTINUES) else text.rstrip()[:-1]


def _operator_assigned(side: Side, line: Line, text: str) -> str:
    """REVIEW-E185: a line of JavaScript or TypeScript with `x = x + y` as `x += y`."""
    if "=" not in text:
        return text
    from specflow.languages.jsforms import operator_assigned  # off the hook's path of others

    tokens = _TOKEN.findall(text)
    if len(_TOKEN.findall(line_as(side, "code", line))) != len(tokens):
        return text  # a template's text or a string goes past the line: no code to read there
    above = (code for code in reversed(side.code[: line.number - 1]) if code.strip())
    spelled = operator_assigned(tokens, next(above, ""))
    return text if spelled == tokens else " ".join(spelled)


def _js_spelled(side: Side, line: Line, text: str) -> str:
    """A line of JavaScript or TypeScript as REVIEW-E72, REVIEW-E185 and REVIEW-E232 read it,
    and REVIEW-E395 and REVIEW-E396 (which read the whole side)."""
    from specflow.languages.jsmodern import respelled_line  # off the hook's path of others

    text = respelled_line(side, line.number, text)
    text = _without_semicolon(side, line, _operator_assigned(side, line, text))
    if not text.lstrip().startswith(("if", "for", "while", "else", "}")):
        return text
    from specflow.languages.jsforms import braced  # off the hook's path of others

    tokens, code = _TOKEN.findall(text), line_as(side, "code", line).rstrip()
    if len(_TOKEN.findall(code)) - len(tokens) not in (0, 1):
        return text  # a template's text or a string goes past the line: no code to read there
    spelled = braced(tokens, code.endswith(";"))
    return text if spelled == tokens else " ".join(spelled)


_EMPTY_STATEMENT = re.compile(r"\s*(?:;|(?:if|while|for|with)\b.*\)\s*;|(?:else|do)\s*;)\Z")


def _tokens(
    lines: Sequence[Line],
    comment: str,
    side: Side | None,
    commas: Callable[[str], str] | None,
    respell: Callable[[str], str] = str,
) -> list[str]:
    if side is not None:
        view = "uncommented" if side.go is None else "go"  # REVIEW-E393, REVIEW-E394
        texts = [line_as(side, view, line) for line in lines]
        if side.semicolons_optional:
            texts = [_js_spelled(side, line, t) for line, t in zip(lines, texts, strict=True)]
        text = "\n".join(texts)
    else:
        text = _BLOCK_COMMENT.sub(" ", "\n".join(text for _, text in lines))
        text = "\n".join(line[: _comment_at(line, comment)] for line in text.split("\n"))
    text = respell(commas(text) if commas else text)
    tokens = [_number(token) for token in _TOKEN.findall(text)]
    if side is not None and side.php is not None and lines:
        return side.php.spelled(tokens, lines[0].number)
    return tokens


def _number(token: str) -> str:
    """REVIEW-E77: a number as its value reads: `0xffff_ffff` is `0xFFFFFFFF`, `1_000` is
    `1000`; a word that starts with a digit (`01_Common`) is no number."""
    if _HEX.match(token):
        return token.replace("_", "").lower()
    return token.replace("_", "") if _DECIMAL.match(token) else token


_HEX = re.compile(r"0[xX][0-9a-fA-F_]+(?:_?[uif](?:8|16|32|64|128|size))?\Z")
_DECIMAL = re.compile(r"[0-9][0-9_]*(?:_?[uif](?:8|16|32|64|128|size))?\Z")


def _comment_at(line: str, comment: str) -> int:
    """REVIEW-E64: where a line's comment starts, its marker outside quotes, and `#` only at a
    word's start and not `#{`: Ruby's `"Hi #{name}"` and shell's `$#` are code; else its end."""
    for found in _quoted_or(comment).finditer(line):
        if found["mark"]:
            return found.start()
    return len(line)


# REVIEW-E95: PHP's line comments are `//` and `#`, not `#[` (an attribute)
_MARKS = {"#": r"(?<![^\s])#(?!\{)", "php": r"//|#(?!\[)"}


@lru_cache(maxsize=8)
def _quoted_or(comment: str) -> re.Pattern[str]:
    mark = _MARKS.get(comment) or re.escape(comment)
    return re.compile(rf"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|`[^`]*`|(?P<mark>{mark})")
