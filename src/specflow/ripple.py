"""Ripples (REVIEW-6): the untouched places that read, call or write the names a change writes,
stops writing or redefines (found by `touches`). Pure: symbols and grep rows in, Ripples out."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple

from specflow.change import Change, FileChange
from specflow.globs import is_code, is_comment_line, matches
from specflow.identifiers import every_class_may_define, private
from specflow.languages import defining, generic
from specflow.languages.base import NESTED, Symbol
from specflow.languages.pylayout import prose_blanked
from specflow.languages.respelled import ASI
from specflow.lineage import Lineage, lineage, not_their_own
from specflow.refs import path_of, raw_rows
from specflow.touches import KIND_ORDER, added_lines
from specflow.usekind import Use, use_of

if TYPE_CHECKING:
    from specflow.braces import Code

MAX_RIPPLES = 12
MAX_USES = 6
# Translated with this table, `split()` gives a row's words as `git grep -w` has them: runs of
# ASCII letters, digits and `_` (SPEED-E3: `2token` is no `token`), 2x as fast as a regex.
_WORDS = bytes(
    c if chr(c).isascii() and (chr(c).isalnum() or chr(c) == "_") else 32 for c in range(256)
)


@dataclass(frozen=True)
class Ripple:
    symbol: Symbol
    uses: tuple[Use, ...]
    settled_by: Use | None = None  # a writer that computes the value the same way
    more: int = 0  # places found past those shown (a name's search stops at a few more)

    @property
    def settled(self) -> bool:
        return self.settled_by is not None


# --- who else uses those names ----------------------------------------------------------------


class Chosen(NamedTuple):
    """A row of the ripple search that is a use of `names`: its path as git wrote it, its line
    and text, undecoded."""

    raw_path: bytes
    line: int
    text: bytes
    names: tuple[str, ...]
    code: str | None = None  # REVIEW-E49: the line as code, strings blanked (`braces.masked`)
    member: bool = False  # REVIEW-E50: the line declares a member of an interface
    defines: str = ""  # REVIEW-E92: the name its line defines or declares without a `{` on it
    macro: bool = False  # REVIEW-E308: a line a C macro's `\\` continues: in no function


def chosen_rows(
    blocks: Iterable[bytes],
    tree: str | None,
    names: set[str],
    *,
    limit: int | None = None,
    skip: Iterable[FileChange] = (),
    test_globs: tuple[str, ...] = (),
) -> list[Chosen]:
    """The rows of one `git grep -w --null` (of `tree`; None: of the index or the work tree),
    read in blocks as git writes them, that are uses of `names` (SPEED-12).

    `limit` uses per name are enough for a review: past it a name's rows are only read for its
    first mention in a test file. The lines that the files in `skip` add (the change's own) are
    passed over. Most rows of a large tree are of names already used `limit` times: only the
    kept ones are decoded (by `uses`)."""
    wanted = {name.encode(): name for name in names}
    added = added_lines(skip)
    counts = dict.fromkeys(wanted, 0)
    tested: set[bytes] = set()
    in_code = set(wanted)  # the names used fewer than `limit` times
    in_tests = set(wanted)  # and those not yet mentioned in a test file
    chosen: list[Chosen] = []
    current, path, test, prose = b"", "", False, False
    for raw_path, raw_line, raw in raw_rows(blocks, tree):
        if raw_path != current:  # rows come file by file
            current, path = raw_path, path_of(raw_path)
            test = bool(test_globs) and matches(path, test_globs)
            prose = not is_code(path)  # REVIEW-E6: a README or PKG-INFO reads no name
        if prose:
            continue
        active = (in_tests if test else in_code).intersection(raw.translate(_WORDS).split())
        if not active or added(path, line := int(raw_line)):
            continue
        if is_comment_line(path, raw.decode("utf-8", "replace")):
            continue  # REVIEW-E44: a comment line reads nothing
        chosen.append(Chosen(raw_path, line, raw, tuple(wanted[word] for word in active)))
        for word in active:
            counts[word] += 1
            if test:
                tested.add(word)
            if limit is not None and counts[word] >= limit:
                in_code.discard(word)
                if word in tested:
                    in_tests.discard(word)
    return chosen


def without_prose(
    chosen: Sequence[Chosen], prose: dict[bytes, set[int]], *, comments: bool = False
) -> list[Chosen]:
    """The chosen rows but those on prose lines of their Python file (`prose_lines`, by raw
    path), with the names the rest of their line holds outside a message (REVIEW-E56); with
    `comments`, outside a trailing comment too (ASSIST-E7: `x = None  # at noon` reads no `at`)."""
    kept = []
    marks = b"\"'#" if comments else b"\"'"
    for row in chosen:
        if row.raw_path in prose and row.line in prose[row.raw_path]:
            continue
        if row.raw_path not in prose or not any(mark in row.text for mark in marks):
            kept.append(row)  # no string on the line (most): nothing to blank
        else:
            words = set(prose_blanked(row.text, comments).translate(_WORDS).split())
            if names := tuple(name for name in row.names if name.encode() in words):
                kept.append(row._replace(names=names))
    return kept


def in_code(chosen: Sequence[Chosen], codes: Mapping[bytes, Code]) -> list[Chosen]:
    """The chosen rows of the files in `codes` (each file's lines as code, by `braces.masked`,
    and the lines that declare interface members) with the names their code still holds, and
    that code: a row whose comment or string alone names them is dropped (REVIEW-E48,
    REVIEW-E49). The rows of other files as they are."""
    kept = []
    for row in chosen:
        if row.raw_path not in codes:
            kept.append(row)
            continue
        lines, members, defined = codes[row.raw_path]
        code = lines[row.line - 1] if row.line <= len(lines) else ""
        words = set(code.encode("utf-8", "replace").translate(_WORDS).split())
        names = tuple(name for name in row.names if name.encode() in words)
        if names:
            member, defines = row.line in members, defined.get(row.line, "")
            macro = in_macro(path_of(row.raw_path), lines, row.line)
            kept.append(
                row._replace(names=names, code=code, member=member, defines=defines, macro=macro)
            )
    return kept


_MACRO_FILES = (".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".m", ".mm")
LONGEST_MACRO = 200  # lines: a continuation further below its `#define` is not looked for


def in_macro(path: str, lines: Sequence[str], line: int) -> bool:
    """REVIEW-E308: whether line `line` (from 1) of a C file continues a preprocessor line (a
    multi-line `#define`): the lines above it end with `\\` up to one that starts with `#`."""
    if not path.lower().endswith(_MACRO_FILES):
        return False
    for above in range(line - 1, max(0, line - 1 - LONGEST_MACRO), -1):
        text = lines[above - 1] if above <= len(lines) else ""
        if not text.rstrip().endswith("\\"):
            return False
        if text.lstrip().startswith("#"):
            return True
    return False


def uses(
    chosen: Sequence[Chosen], blocks: Iterable[bytes], tree: str | None, names: set[str]
) -> dict[str, list[Use]]:
    """The chosen rows as uses, classified, each in the function that the `git grep -w -p
    --null` of their files (`blocks`, with the same names) puts it in."""
    rows = {(row.raw_path, row.line): row.defines for row in chosen}
    functions = _functions(blocks, tree, names, rows)
    found: dict[str, list[Use]] = {}
    for row in chosen:
        path, text = path_of(row.raw_path), row.text.decode("utf-8", "replace")
        # REVIEW-E308, ASSIST-E11: a macro's line is in no function, for context and ripples alike
        function = "" if row.macro else functions.get((row.raw_path, row.line), "")
        for name in row.names:
            use = use_of(path, row.line, text, name, function, row.code)
            declares = row.member and use.use == "call"  # REVIEW-E50: a declaration calls nothing
            if declares or name == row.defines:  # REVIEW-E92: nor does C's `int f(int)` + `{`
                use = replace(use, use="definition", function="")
            found.setdefault(name, []).append(use)
    return found


def _functions(
    blocks: Iterable[bytes],
    tree: str | None,
    names: set[str],
    rows: Mapping[tuple[bytes, int], str],
) -> dict[tuple[bytes, int], str]:
    """The function around each of `rows` in `git grep -p` output: the last row above it in its
    file without a searched name (git's header of the function) or that defines one, unless
    the row is indented no deeper than that header: then it is after the function, not in it
    (REVIEW-E35: `a = A()` under a nested `def inner():` is module code). `rows`: with the name
    each defines without a `{` on its line, if any (REVIEW-E92: C's, PHP's PSR-12 methods)."""
    wanted = {name.encode() for name in names}
    found: dict[tuple[bytes, int], str] = {}
    function: str | bytes = ""  # bytes: the header row it is still to be read from
    current, depth = b"", -1  # the header's indentation; -1: none
    outer: list[tuple[str | bytes, int]] = []  # REVIEW-E111: the functions a matched one is in
    for raw_path, raw_line, raw in raw_rows(blocks, tree):
        if raw_path != current:
            function, current, depth, outer = "", raw_path, -1, []
        words = raw.translate(_WORDS).split()
        indent = len(raw) - len(raw.lstrip())
        if not wanted.intersection(words):
            function, depth, outer = raw, indent, []
            continue
        while outer and indent <= depth:  # past a nested definition, back in the one around it
            function, depth = outer.pop()
        row = (raw_path, int(raw_line))
        # a matched definition holds its row, and rows deeper (REVIEW-E63, E92, REVIEW-E102)
        header = rows.get(row, "")
        if not header and (words[0] in generic.HEADER_WORDS or raw.rstrip().endswith(b"{")):
            header = _defined_at(raw.decode("utf-8", "replace"))
        if header:
            outer += [(function, depth)] if indent > depth >= 0 else []
            function, depth = header, indent
        if row in rows:
            if isinstance(function, bytes):
                function = _function_of(function.decode("utf-8", "replace"), raw_path)
            found[row] = function if indent > depth or header else ""
    return found


def _defined_at(text: str) -> str:
    """The function a matched row defines; REVIEW-E261: a function expression assigned too
    (`module.exports = function (payload, options) {`, its parameter the searched name)."""
    return defining.definition_at(text) or defining.assigned_function(text)


def _function_of(header: str, path: bytes = b"") -> str:
    """The function (or struct, interface ...) a `git grep -p` header row names, if it names
    one (REVIEW-E45: `import SwiftUI` is none; REVIEW-E92: `API(int) f(int n)`; NEW-E20).
    REVIEW-E425: in JavaScript and TypeScript a call is none (`describe('x', function () {`,
    `var debug = require('debug')('app')`): what it holds is an anonymous function's, or the
    module's."""
    match = generic.HEADER_NAME.search(header) or generic.SCOPE_NAME.search(header)
    if match and not defining.RETURNED.match(header, match.end()):  # REVIEW-E308
        return match[1]
    if defined := defining.assigned_function(header) or defining.header_definition(header):
        return defined
    if path.endswith(_SCRIPTS):
        return ""
    call = generic.CALL.search(header)
    return call[1] if call and call[1] not in defining.NOT_CALLS else ""


_SCRIPTS = tuple(suffix.encode() for suffix in ASI)  # a `git grep` row's path is bytes


def ripples(
    symbols: Sequence[Symbol],
    found: dict[str, list[Use]],
    change: Change,
    test_globs: tuple[str, ...] = (),
    bases: Mapping[str, tuple[str, ...]] = {},
) -> list[Ripple]:
    """Each symbol with its uses outside the changed lines, ranked: stopped writes first. A
    symbol that only tests use makes none (REVIEW-E17): running them answers its question.
    `bases`: the classes each class derives from, where the files of the uses were read."""
    added = added_lines(change.files)
    results = []
    for symbol in symbols:
        outside = [
            use
            for use in found.get(symbol.name, [])
            if not added(use.path, use.line)
            and use.use not in ("definition", "import")
            and not _rewritten(symbol, use)
        ]
        if symbol.owner and private(symbol.name):  # REVIEW-E21: mangled by its class
            outside = [u for u in outside if u.path == symbol.path and u.owner == symbol.owner]
        outside = _followed(symbol, [use for use in outside if reaches(symbol, use)], bases)
        outside = not_their_own(symbol, outside, found.get(symbol.name, []), bases)
        outside.sort(key=lambda use: matches(use.path, test_globs))  # REVIEW-E17: code first
        if outside and matches(outside[0].path, test_globs):
            outside = []  # only tests use it
        if outside:
            shown = tuple(outside[:MAX_USES])
            writer = _agreeing_writer(symbol, outside)
            results.append(Ripple(symbol, shown, writer, len(outside) - len(shown)))
    results.sort(key=lambda r: (KIND_ORDER[r.symbol.kind], -len(r.uses), r.symbol.name))
    return results[:MAX_RIPPLES]


def _rewritten(symbol: Symbol, use: Use) -> bool:
    """REVIEW-E52: the use is the statement the change rewrites (`X = frozenset(` above an added
    entry): changed, not an untouched place, and no other writer to agree with."""
    if symbol.kind != "write" or use.path != symbol.path:  # a write's lines are the new side's
        return False
    return symbol.line <= use.line <= max(symbol.last, symbol.line)


def _followed(symbol: Symbol, uses: list[Use], bases: Mapping[str, tuple[str, ...]]) -> list[Use]:
    """The uses that the symbol's kind asks about."""
    if symbol.kind == "function" and every_class_may_define(symbol.name):
        # REVIEW-E15: by name, `get`'s calls are every class's; REVIEW-E25: but its family's
        if not symbol.owner:
            return []
        line = lineage(symbol.owner, bases)
        return [use for use in uses if use.use == "call" and _in(line, symbol.name, use)]
    if symbol.kind == "function":  # REVIEW-E24: its calls, and its reads as a value
        return [use for use in uses if use.use == "call" or _reference(symbol, use)]
    if symbol.kind == "removed":  # REVIEW-E19: what still calls or reads it
        return [use for use in uses if use.use in ("call", "read")]
    if symbol.kind == "unread":
        return [use for use in uses if use.use in ("read", "write")]
    return uses


def _in(line: Lineage, name: str, use: Use) -> bool:
    """A call that can reach the changed method: through `self` or `super()` in a class of its
    family (`self.popitem()` in the base's `__setitem__`, `super().clear()` in a subclass), or
    through the class or one derived from it (`_TimedCache.clear(self)`; a sibling's
    `Cache.clear(self)` calls the base's own)."""
    called = rf"\.{re.escape(name)}\s*\("
    if use.owner in line.family and (
        "self" in use.spelled or re.search(rf"\bsuper\(\s*[\w\s,]*\){called}", use.text)
    ):
        return True
    through = "|".join(re.escape(each) for each in sorted(line.down))
    return re.search(rf"(?<![\w.])(?:{through}){called}", use.text) is not None


def _reference(symbol: Symbol, use: Use) -> bool:
    """A read of a function's name as a value in code: handed on (`hookexec = _multicall`), or
    a property read (`self._canonical_spec`); not its name in a string (`__all__`). Of a
    method or a module's function only: a nested `wrapper` is returned by every decorator."""
    named = symbol.reach not in ("", NESTED)
    return named and use.use == "read" and bool(use.spelled - {"string"})


def reaches(symbol: Symbol, use: Use) -> bool:
    """REVIEW-E22: whether the use can name the symbol, as Python finds names. An attribute or
    a method is named through an object, as a keyword argument or a literal's key, in a string,
    or bare in a class body (a field); a module's function or global is not `self.name` nor a
    keyword, and another file names it bare only when it imports it and defines no name of its
    own so spelled. REVIEW-E51: Go's unexported names are seen in their package's folder only;
    REVIEW-E63: another language's local, in its function only."""
    go_private = symbol.path.endswith(".go") and not symbol.name[:1].isupper()
    if go_private and use.path.rpartition("/")[0] != symbol.path.rpartition("/")[0]:
        return False
    if symbol.reach == "local":
        return use.path == symbol.path and use.function == symbol.function
    if symbol.reach == NESTED:  # REVIEW-E102: no other file can name another's closure
        return use.path == symbol.path
    if not use.spelled or not symbol.reach:
        return True
    if symbol.reach == "attribute":
        in_body = bool(use.owner) and use.function == use.owner
        return bool(use.spelled - {"bare"}) or in_body
    if use.spelled <= {"self", "keyword"}:
        return False
    if use.path == symbol.path or use.spelled - {"bare", "self", "keyword"}:
        return True  # its own module's, or named through a module or in a string
    # another file names it bare only once imported, and not when it defines its own
    return not use.defined_here and use.imported_here is not False


def _agreeing_writer(symbol: Symbol, outside: list[Use]) -> Use | None:
    """A write elsewhere that computes the value with the same function settles the question."""
    if symbol.kind != "write" or not symbol.producers:
        return None
    ours = {producer.rsplit(".", 1)[-1] for producer in symbol.producers}
    for use in outside:
        if use.use == "write" and ours & {p.rsplit(".", 1)[-1] for p in use.producers}:
            return use
    return None
