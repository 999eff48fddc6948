"""Any language but Python, read line by line: assignments, definitions and calls found by
pattern in the changed lines, and the function a hunk's header names (REVIEW-E6). Its patterns
also classify the `git grep` rows of every language in `specflow.ripple.uses`."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Container, Iterator, Sequence
from dataclasses import replace

from specflow.change import NO_RENAMES, FileChange, Hunk, Renames
from specflow.globs import CODE_SUFFIXES, CPP_PATHS, KOTLIN_PATHS, is_comment_line
from specflow.languages.base import (
    ITEM,
    ITEM_FUNCTION,
    NESTED,
    WRAPPERS,
    FileFacts,
    Symbol,
)
from specflow.languages.cppforms import qualified_at, qualified_header
from specflow.languages.defining import (
    DEFINITION,
    NOT_CALLS,
    PROTOTYPE_HELPER,
    assigned_at,
    declared_at,
    definition_at,
    opened_at,
    opening_below,
    prototype_at,
    receiver_at,
    spread_header,
)
from specflow.languages.javaforms import fields_only
from specflow.languages.ktforms import FUN, FUN_PREFIX
from specflow.languages.ktowner import kotlin_owned
from specflow.languages.localnames import (
    ATTRIBUTE,
    DEFINITION_SCAN,
    code_at,
    kept_writes,
    scoped,
    scopes_of,
)
from specflow.languages.rbowner import JS_PATHS, js_owned, ruby_owned
from specflow.languages.respelled import ASI
from specflow.languages.rustitems import (
    RUST_ATTRIBUTE,
    decorated,
    impls_added,
    item_header,
    owned,
    value_item,
)
from specflow.languages.tokens import (
    Side,
    Sides,
    generic_noop_hunks,
    line_as,
    sides_of,
)
from specflow.languages.writes import NOT_WRITTEN, file_bound, line_writes


def file_symbols(
    file: FileChange,
    old: bytes | None = None,
    new: bytes | None = None,
    renames: Renames = NO_RENAMES,
) -> tuple[Iterator[Symbol], FileFacts]:
    """The names the hunks of `file` write, stop writing or define (none on a hunk that changes
    no behaviour, none for prose and data), and its facts; `old` and `new` are its two texts;
    `renames`: a Go package's names the whole change renames (REVIEW-E227)."""
    if not file.path.endswith(CODE_SUFFIXES):
        return iter(()), FileFacts(set(), {})  # prose and data write no names
    text = new.decode("utf-8", "replace") if new is not None else None
    before = old.decode("utf-8", "replace") if old else None
    sides = (sides_of(file.path, before), sides_of(file.path, text))
    noop = generic_noop_hunks(file.path, file.hunks, sides, renames, (before, text))
    lines = text.split("\n") if text is not None else []
    governed = {
        index: block
        for index, hunk in enumerate(file.hunks)
        if index not in noop and (block := governed_block(hunk, lines))
    }
    items = {
        index: item
        for index, hunk in enumerate(file.hunks)
        if index not in noop and (item := _item_of(file, hunk, lines))
    }
    governed |= {index: item_header(lines[line - 1], name) for index, (line, name) in items.items()}
    implemented = [  # REVIEW-E205
        impl
        for index, hunk in enumerate(file.hunks)
        if index not in noop
        for impl in impls_added(file.path, hunk.added)
    ]
    enclosing = _headers(file, _as_code(file.path, lines, sides[1]))
    if sides[1] is None and text is not None:  # REVIEW-E79: Ruby's, read as it is, for scopes
        sides = (sides[0], Side(lines, lines))
    # REVIEW-E204: an item whose attributes alone change is redefined
    redefined = (
        Symbol(name, "write", file.path, file.hunks[index].added[0].number, reach=reach, last=line)
        for index, (line, name) in items.items()
        if file.hunks[index].added
        for reach in [ITEM_FUNCTION if governed[index].startswith("fn ") else ITEM]
    )
    extended = (Symbol(name, "write", file.path, line, reach=ITEM) for line, name in implemented)
    found = itertools.chain(symbols(file, noop, enclosing, sides), redefined, extended)
    return found, FileFacts(noop, enclosing, governed=governed)


# REVIEW-E46: REVIEW-18 in the languages whose blocks are braces
_CONDITION = re.compile(r"\s*(?:\}\s*)?(?:else\s+)?(?:if|while|for|switch)\b")
HEADER_LINES = 8  # a condition longer than this is not read


def governed_block(hunk: Hunk, lines: Sequence[str]) -> str:
    """The first statement (at most three lines) of the block whose condition is all that the
    hunk changes, when its language writes blocks in braces; else nothing."""
    if not hunk.added or not _CONDITION.match(hunk.added[0].text):
        return ""
    first, depth, header = hunk.added[0].number, 0, 0
    braced = hunk.path.endswith(".go")  # `if err := f(); err != nil {`: Go's blocks are braced
    for number in range(first, min(first + HEADER_LINES, len(lines) + 1)):
        for char in lines[number - 1]:
            depth += (char in "([") - (char in ")]")
            if char in ";}" and depth == 0 and header and not braced:  # REVIEW-E340
                if header < number:
                    return _statement(hunk, lines, header, number)
                braced = True  # `if (c) s;` on one line: read as before (express `723b545`)
            if char == ")" and depth == 0:
                header = number
            if char == "{" and depth == 0:
                if hunk.added[-1].number > number or len(hunk.removed) > len(hunk.added):
                    return ""  # the hunk changes the block too: read as it is
                body = [text for text in lines[number : number + 3] if text.strip() not in "}"]
                return "\n".join(body)
    return ""


def _statement(hunk: Hunk, lines: Sequence[str], header: int, end: int) -> str:
    """REVIEW-E340: the one statement a braceless `if (c)` governs, on the lines after its
    condition's `)` up to its `;`; nothing when the hunk changes it too: the `{` further down
    is another definition's."""
    if hunk.added[-1].number > header:
        return ""
    return "\n".join(lines[header : min(end, header + 3)])


_THROWN = re.compile(r"\bthrow\s+new\s+([A-Za-z_][\w.]*)")
THROWN_LINES = 3  # a governed block's exception thrown on this many lines of its file tells none


def thrown_counts(lines: Sequence[str]) -> Counter[str]:
    """REVIEW-E343: on how many lines of a file each exception is thrown (`throw new a.B` counts
    for `a` and `a.B`), read once a file, not once a hunk."""
    counts: Counter[str] = Counter()
    for line in lines:
        if "throw" in line:
            parts = [name.split(".") for name in _THROWN.findall(line)]
            counts.update({".".join(part[:n]) for part in parts for n in range(1, len(part) + 1)})
    return counts


def often_thrown(block: str, counts: Counter[str]) -> list[str]:
    """REVIEW-E343: the exceptions a governed block throws that its file throws on THROWN_LINES
    lines or more (`throw new InvalidClaimException(...)`, every claim check's; `counts` from
    `thrown_counts`): none tells the rule of one condition apart."""
    return [name for name in sorted(set(_THROWN.findall(block))) if counts[name] >= THROWN_LINES]


HEADER_NAME = re.compile(  # REVIEW-E411: and Kotlin's `fun Receiver.name(`
    rf"(?:(?:def|function|func|fn|class|sub)\s+(?:\([^)]*\)\s*|self\.)?|{FUN_PREFIX})"
    r"([A-Za-z_]\w*)"
)
# REVIEW-E45: what else may hold a use: `struct Rule {`, `interface Props {`, `impl Parser {`
SCOPE_NAME = re.compile(
    r"\b(?:struct|interface|enum|trait|impl|namespace|protocol|extension|object|record|module)"
    r"\s+([A-Za-z_][\w.]*)"
)


# REVIEW-E88: `async def`, `async function`, `async fn` too
HEADER_WORDS = frozenset((b"def", b"async", b"function", b"func", b"fn", b"class", b"sub"))


# HARDEN-21: anchored at a word's start, so a long word with no call after it is linear.
# REVIEW-E324: a name ends at a word: `flag.Value.(SliceValue)` asserts a type, it calls nothing
CALL = re.compile(r"(?<![\w.])([A-Za-z_](?:\w|\.(?=[A-Za-z_]))*)\s*\(")


def _headers(file: FileChange, lines: Sequence[str] = ()) -> dict[int, tuple[str, ...]]:
    """The definition that holds each hunk's first change: the nearest one above it, indented
    less (REVIEW-E47: git's hunk header names the last definition before the hunk's context,
    `Use()` for a change in the `Handle()` below it); else the header's, if any. REVIEW-E141:
    a Go method with its receiver's type before it, outer to inner: `("Router", "Match")`."""
    found: dict[int, tuple[str, ...]] = {}
    for index, hunk in enumerate(file.hunks):
        first = _first_code(hunk)
        kept = {line.text.strip() for line in hunk.removed}  # REVIEW-E380: only reindented
        names = _definition_above(lines, first, file.path, kept) if lines and hunk.added else None
        if (item := decorated(file.path, lines, hunk, first))[1]:  # REVIEW-E204
            first, names = item[0], (item[1],)
        if names == ():  # REVIEW-E92: at the top level, a C prototype names what it declares
            names = _named("", file.path, prototype_at(file.path, lines, first))
        if not names and hunk.removed and not hunk.added:  # a definition removed whole
            text = hunk.removed[0].text
            name = assigned_at(text) or definition_at(text) or declared_at(text, file.path)
            names = _named(text, file.path, name)
        if names is None and _header_is_code(file.path, lines, hunk.header):
            # git's header may be prose: "Base class for all errors" is no `for()`
            header = HEADER_NAME.search(hunk.header)
            name = header[1] if header and header[1] not in NOT_CALLS else ""
            names = _named(hunk.header, file.path, name)
        if not names and (value := value_item(file.path, lines, first)):
            names = (value,)  # REVIEW-E327: a line of a `const`'s value over lines
        if not names and file.path.endswith(".go"):
            names = _go_around(lines, first, bool(hunk.added)) or names
        if names and len(names) == 1:
            names = owned(file.path, lines, first, names[0])  # REVIEW-E146
            if file.path.endswith(".rb"):  # REVIEW-E297: a Ruby method is its class's
                names = ruby_owned(lines, first, names[0])
            elif file.path.endswith(JS_PATHS):  # REVIEW-E289: a class's method is its own
                names = js_owned(file.path, lines, first, names[0])
            elif file.path.endswith(KOTLIN_PATHS):  # REVIEW-E411: a class's `fun` is its own
                names = kotlin_owned(lines, first, names[0])
        if names:
            found[index] = names
    return found


def _as_code(path: str, lines: list[str], side: Side | None) -> list[str]:
    """REVIEW-E320: a Go file's lines with the text of its strings blanked: a raw string's
    lines (the shell script cobra's `genPowerShellComp()` returns) define nothing and open no
    block, so the function around a hunk inside one is the Go function that holds it."""
    go = path.endswith(".go") and side is not None and len(side.code) == len(lines)
    return side.code if go and side is not None else lines


def _go_around(lines: Sequence[str], first: int, added: bool) -> tuple[str, ...]:
    """REVIEW-E322: a constant added to `T`'s iota block is `T`'s (one removed is no new value
    of it: logrus `6e7492d`); REVIEW-E320: a line of a raw string is the function's whose
    braces hold it. Both read the new side: a hunk that only removes is not on it."""
    from specflow.languages.goconsts import function_around, iota_type  # off others' path

    if not added:
        return ()
    if counted := iota_type(lines, first):
        return (counted,)
    found = function_around(lines, first)
    return _named(lines[found[0] - 1], ".go", found[1]) if found else ()


def _header_is_code(path: str, lines: Sequence[str], header: str) -> bool:
    """REVIEW-E320: git names a Go hunk by the last line above it that starts a line; a line of
    a raw string's text (`function __%[1]s_debug {`) is none of the code's lines."""
    if not path.endswith(".go") or not (said := header.strip()):
        return True
    return any(line.strip().startswith(said[:40]) for line in lines)


def _item_of(file: FileChange, hunk: Hunk, lines: Sequence[str]) -> tuple[int, str] | None:
    """REVIEW-E204: the Rust item (its line, its name) whose outer attributes are all a hunk
    changes, read with its header (`enum Op`), as REVIEW-E86 reads a Python decorator."""
    changed = [line.text for line in (*hunk.added, *hunk.removed) if line.text.strip()]
    code = [text for text in changed if not is_comment_line(file.path, text)]
    if not code or not all(RUST_ATTRIBUTE.match(text) for text in code):
        return None
    line, name = decorated(file.path, lines, hunk, _first_code(hunk))
    return (line, name) if name and item_header(lines[line - 1], name) else None


def _named(text: str, path: str, name: str) -> tuple[str, ...]:
    """The names a definition's line holds its body in: REVIEW-E141, a Go method's receiver's
    type, then its own name; none for no name."""
    if not name:
        return ()
    receiver = receiver_at(text.lstrip(), path)
    return (receiver, name) if receiver else (name,)


def _first_code(hunk: Hunk) -> int:
    """The first added line that is neither blank nor a comment (REVIEW-E60: a function added
    after another starts with a blank line and its doc comment), else the first change."""
    code = (
        line.number
        for line in hunk.added
        if line.text.strip() and not is_comment_line(hunk.path, line.text)
    )
    return next(code, hunk.first_changed)


def _definition_above(
    lines: Sequence[str], line: int, path: str = "", kept: Container[str] = ()
) -> tuple[str, ...] | None:
    """The names of the definition that holds the line, found by indentation; () for a line
    at the top level (REVIEW-E60: not indented, and no closing bracket) that defines nothing;
    None when the lines do not tell (git's header may). `kept`: the removed lines, stripped: a
    declaration without a body that is one of them is only reindented (REVIEW-E380)."""
    if not 0 < line <= len(lines):
        return None
    text = lines[line - 1]
    if opened := opening_below(lines, line):  # REVIEW-E90: a header, its `{` below it
        return (opened.name,)
    depth = len(text) - len(text.lstrip()) + text.lstrip().startswith(("}", ")"))
    top = depth == 0
    for number in range(line, max(0, line - DEFINITION_SCAN), -1):
        text = lines[number - 1]
        indent = len(text) - len(text.lstrip())
        if number != line and (indent >= depth or not text.strip()):
            continue
        # REVIEW-E125: `res.send = function send(body) {` holds it as `res.send`
        if cpp := qualified_header(lines, number, path):  # REVIEW-E415: `Class::name(`
            return cpp
        name = assigned_at(text) or definition_at(text, path) or _opened_name(lines, number)
        if not name and (spread := spread_header(lines, number)):  # REVIEW-E271
            text, name = spread, assigned_at(spread) or definition_at(spread, path)
        if not name and number == line and text.strip() not in kept:  # REVIEW-E380
            name = declared_at(text, path)
        if name:
            return _named(text, path, name)
        if number != line:
            depth = indent  # a block that holds the change: its definition is above it
    return () if top else None


def _opened_name(lines: Sequence[str], number: int) -> str:
    """REVIEW-E90: the definition a `{` on a line of its own opens, or the type (C's
    `typedef struct internal_hooks`, then `{`), whose fields the change is among."""
    opened = opened_at(lines, number)
    if opened or not lines[number - 1].lstrip().startswith("{") or number < 2:
        return opened.name if opened else ""
    scope = SCOPE_NAME.search(lines[number - 2])
    return scope[1] if scope and _indent(lines[number - 2]) == _indent(lines[number - 1]) else ""


def symbols(
    file: FileChange, noop: set[int], enclosing: dict[int, tuple[str, ...]], sides: Sides
) -> Iterator[Symbol]:
    for index, hunk in enumerate(file.hunks):
        if index in noop:
            continue
        scopes = scopes_of(sides[1], hunk)  # REVIEW-E63
        kept = kept_writes(file.path, hunk, sides)  # REVIEW-E162
        for line in hunk.added:  # REVIEW-E48, REVIEW-E49: what comments and strings say is no code
            for symbol in _line_symbols(
                file.path, line.number, line_as(sides[1], "code", line), "write"
            ):
                if symbol.name not in kept:
                    code = line_as(sides[1], "code", line)
                    yield _own(scoped(symbol, scopes.get(line.number), code), code)
        for line in hunk.removed:
            code = line_as(sides[0], "code", line)
            for symbol in _line_symbols(file.path, line.number, code, "unwrite"):
                if symbol.name not in kept:
                    yield _own(symbol, code)
        if index in enclosing and hunk.added and not fields_only(file.path, hunk, sides[1]):
            # REVIEW-E125: `send` of `res.send`; REVIEW-E141: `Match` of `("Router", "Match")`
            name = enclosing[index][-1].rsplit(".", 1)[-1]
            yield Symbol(name, "function", file.path, hunk.first_changed)
        first = hunk.first_changed
        if sides[1] is not None and (value := _value_around(sides[1], first, file.path)):
            yield scoped(value, scopes.get(first))


def _own(symbol: Symbol, code: str) -> Symbol:
    """REVIEW-E260: a script's top-level `var ms = require('ms')` binds its file's own `ms`."""
    bound = symbol.reach == "" and file_bound(symbol.path, code) == symbol.name
    return replace(symbol, reach=NESTED) if bound else symbol


# REVIEW-E69: a value written over lines: `static URI_MAP: [bool; 256] = byte_map![`, Go's
# `var methods = map[string]int{`, `let URI: __m256i = _mm256_setr_epi8(`; REVIEW-E272: a PHP
# property's, `public static $supported_algs = array(`, `private static array $map = [`
_OPENS_VALUE = re.compile(
    r"\s*(?:(?:pub(?:\([^)]*\))?|export|static|const|let|var|val|final|mut|readonly)\s+)*"
    r"(?:(?:public|protected|private)\s+(?:static\s+)?(?:\??[A-Za-z_\\][\w\\]*\s+)?(?=\$))?"
    r"([A-Za-z_$][\w$]*)\s*(?::[^=]{0,200})?(?<![=!<>])=(?![=>])"
    r"(?![^;]{0,200}(?:=>|\bfunction\b|\bfunc\b))[^;]{0,200}[\[{(]\s*\Z"  # not a function's body
)


def _value_around(side: Side, number: int, path: str) -> Symbol | None:
    """The write of a value that spans the line, from the line less indented above it, which
    opens a literal or a call after `name =`, to the line as indented that closes it."""
    for above in range(number - 1, max(0, number - DEFINITION_SCAN), -1):
        if _indent(line := code_at(side, above)) < _indent(code_at(side, number)):
            opens = _OPENS_VALUE.match(line)
            if opens is None or opens[1] in NOT_WRITTEN:
                return None
            for below in range(number, min(len(side.code), number + DEFINITION_SCAN) + 1):
                if _indent(code_at(side, below)) <= _indent(line):
                    return Symbol(opens[1], "write", path, above, last=below)
            return None
    return None


def _indent(text: str) -> int:
    """A line's indentation; a blank line's is larger than any."""
    return len(text) - len(text.lstrip()) if text.strip() else 1 << 30


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


def _line_symbols(path: str, number: int, text: str, kind: str) -> Iterator[Symbol]:
    kotlin = path.endswith(KOTLIN_PATHS)  # REVIEW-E411: Go's field `fun func()` defines none
    definition = DEFINITION.match(text) or (FUN.match(text) if kotlin else None)
    cpp = qualified_at(text, path) if path.endswith(CPP_PATHS) else None  # REVIEW-E415
    helper = PROTOTYPE_HELPER.match(text) if path.endswith(ASI) else None  # REVIEW-E424
    found = helper or definition
    if defined := (cpp[1] if cpp else "") or (found[1] if found else ""):
        yield Symbol(defined, "function", path, number)
        return
    for name, end, through in line_writes(path, text):
        producers = tuple(line_producers(text, end))
        reach = ATTRIBUTE if through else ""
        yield Symbol(name, kind, path, number, producers=producers, reach=reach)


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
