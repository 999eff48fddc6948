"""How a hunk's names read as the names statements write: `_MAX_TIMESTAMP` is the
`MAX_TIMESTAMP` a statement names (REVIEW-E220); `re.compile` is not the project's `compile()`
(REVIEW-E221); and how a statement speaks of a definition it names: as a function, a class,
or by calling it (REVIEW-E153, REVIEW-E202). Pure."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set

from specflow.identifiers import CHAIN, CODE_SPAN, code_shaped, identifiers
from specflow.words import STOP_WORDS, words_of_identifier


def private_spellings(
    by_name: Mapping[str, Sequence[int]], names: Iterable[str], docs: Set[int], most: int
) -> Iterator[tuple[int, str]]:
    """REVIEW-E220: (statement, name) for each name of `names` spelled with one leading
    underscore (`_MAX_TIMESTAMP`) that no statement names, where a statement names it without
    (`MAX_TIMESTAMP`) and that is shaped like code: the module's own spelling of the same
    value. A plain word (`_names` for `names`) is no such spelling, nor, measured, an
    attribute's (`_lock_counter`: certain, it cut filelock's right questions below the
    relative cut); a name more than `most` statements name links only in `docs`, as the name
    itself would."""
    for name in dict.fromkeys(names):
        public = name[1:]
        if name[:1] != "_" or public[:1] in ("_", "") or name in by_name:
            continue
        found = by_name.get(public, ())
        if not found or not code_shaped(public) or not public.isupper():
            continue
        for doc in found if len(found) <= most else [d for d in found if d in docs]:
            yield doc, name


# an import's line (`import re`, `import os.path as p`, `from os import path`), its names to
# the closing parenthesis or the line's end
_IMPORT = re.compile(
    rb"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+)?import[ \t]+(\([^)]*\)|[^\n#;]*)", re.MULTILINE
)
_SNAKE = re.compile(r"_?[a-z][a-z0-9]*(?:_[a-z0-9]+)+")
_STANDARD = frozenset(sys.stdlib_module_names) - {"__future__"}


def foreign_modules(sources: Iterable[bytes | None]) -> frozenset[str]:
    """REVIEW-E221: the names a Python file's imports bind to the standard library's modules
    and what they hold (`re`, `os` of `import os.path`, `path` of `from os import path`): the
    attributes reached through them (`re.compile`) are the library's, never the project's."""
    found: set[str] = set()
    for source in sources:
        if not source or b"import" not in source:
            continue
        for line in _IMPORT.finditer(source):
            origin = (line[1] or b"").decode("ascii", "replace")
            for item in line[2].decode("ascii", "replace").strip("()").split(","):
                words = item.split()
                if len(words) not in (1, 3) or (len(words) == 3 and words[1] != "as"):
                    continue
                module = origin or words[0]
                if module.split(".")[0] in _STANDARD:
                    bare = len(words) == 1 and not origin  # `import os.path` binds `os`
                    found.add(words[0].split(".")[0] if bare else words[-1])
    return frozenset(found)


def own_names(names: Sequence[str], code: str, foreign: Set[str]) -> list[str]:
    """The names of a hunk's `code` (`names`, `code_names`'s) that may be what a statement
    names: REVIEW-E219, no stop word, though a statement writes it as code (`get()` names the
    definition around a hunk; `table.get(key)` calls every program's `get`); REVIEW-E221, no
    attribute reached only through a module of `foreign` (`compile` of `re.compile(...)`)."""
    kept = [name for name in names if name.rsplit(".", 1)[-1].lower() not in STOP_WORDS]
    if not foreign:
        return kept
    through = foreign_attributes(CHAIN.findall(code), foreign)
    return [name for name in kept if name not in through]


def foreign_attributes(chains: Iterable[str], heads: Set[str]) -> frozenset[str]:
    """REVIEW-E221: the names that the chains of a hunk's code reach only through a module of
    `heads` (`compile` of `re.compile(...)`, `path` and `join` of `os.path.join`), as no name
    of their own: `compile` named alone, or through another object, is kept."""
    through: set[str] = set()
    kept: set[str] = set()
    for chain in chains:
        head, *rest = chain.split(".")
        (through if head in heads else kept).update(rest)
        kept.add(head)
    return frozenset(through - kept)


def spelled_within(outer: str, inner: str) -> bool:
    """REVIEW-E222: the words of `inner`, a snake_case name of two or more (an option, a
    function), run in order inside those of `outer`, a CamelCase class's name with more
    (`strip_comments` inside `StripCommentsFilter`): the class is named after it. A CamelCase
    `inner` is another class or a product (`HTTPConnection` is not `HTTPConnectionPool`,
    `OpenSSL` not `PyOpenSSLContext`)."""
    if not (_SNAKE.fullmatch(inner) and outer[:1].isupper() and "_" not in outer):
        return False
    words, within = words_of_identifier(inner), words_of_identifier(outer)
    size = len(words)
    if size < 2 or len(within) <= size or any(word.isdigit() for word in words):
        return False
    return any(within[at : at + size] == words for at in range(len(within) - size + 1))


def function_name(name: str) -> bool:
    """REVIEW-E153: a definition named in lower case is a function (`lookup`, `enum`), which a
    statement naming it speaks of as it would of `lookup()`; a class (`URL`) is not."""
    return name[:1].islower()


def class_name(name: str) -> bool:
    """REVIEW-E202: a definition named in CamelCase is a class (`Simple`, `CBORTag`)."""
    return name[:1].isupper() and any(c.islower() for c in name)


def constant_name(name: str) -> bool:
    """REVIEW-E327: a definition named in capitals is a constant (`USERINFO`, `URI_MAP`), whose
    value a requirement naming it rules as it rules a class it names."""
    return re.fullmatch(r"[A-Z][A-Z0-9_]+", name) is not None


def calls(name: str, text: str) -> bool:
    """The statement calls `name`: `join()`, `optional(v)`."""
    if f"{name}(" not in text:  # SPEED: most links' names are no call of their statement
        return False
    return re.search(rf"(?<![\w.]){re.escape(name)}\(", text) is not None


_WILDCARD = re.compile(r"([A-Za-z_][\w.]*)\*(?![\w*])")


def wildcard_names(text: str) -> frozenset[str]:
    """REVIEW-E238: the names a statement's code spans write with a `*` after them (`Verify*`,
    `Fatal*`): a family of names, whose stem is one name of its own spec's code, never another
    spec's (golang-jwt's `Verify` of a signing method, for CLAIMS-3's `Verify*` methods)."""
    return frozenset(m[1] for span in CODE_SPAN.findall(text) for m in _WILDCARD.finditer(span))


# REVIEW-E329: a span of one name after a `:` or a `?` (`:port`, `?query`) shows a URL's or a
# command line's syntax; in Ruby it is a symbol, a name of its own spec's code alone
_SYNTAX = re.compile(r"[:?]([A-Za-z_]\w*)")


def syntax_names(text: str) -> frozenset[str]:
    """REVIEW-E329: the names a statement writes only as such a span: none of another spec's
    code (rust-url's `fn port` in a bench file, for SETTERS-3's "an optional `:port`")."""
    spans = CODE_SPAN.findall(text)
    shown = {found[1] for span in spans if (found := _SYNTAX.fullmatch(span.strip()))}
    if not shown:
        return frozenset()
    rest = CODE_SPAN.sub(lambda span: " " if _SYNTAX.fullmatch(span[1].strip()) else span[0], text)
    return frozenset(shown - identifiers(rest))
