"""C++'s out-of-class definitions (REVIEW-E415): `RET Class::method(...) ... {`, after macros,
specifiers and a template's header, its return type on the line above or its parameters over
lines (`CLI11_INLINE int Option::_add_result(`, `Option::Option(`, `Option::~Option()`, `bool
X::operator==(`, `auto X::count() const -> std::size_t {`), defines `method` of `Class` and
calls neither."""

from __future__ import annotations

import re
from collections.abc import Sequence

from specflow.globs import CPP_PATHS
from specflow.languages.brackets import matching

HEADER_LINES = 8  # the lines of a header: a template's, the return type's, the parameters'

_NAME = r"[A-Za-z_]\w*"
_OPERATOR = r"operator\s*(?:\(\)|\[\]|(?:new|delete)\b(?:\[\])?|[^\s\w(]+|\s+[\w:]+\s*[*&]*)"
# `Option::`, `Matrix<T>::`, `detail::Impl::`: the class (or namespace) that owns the name
_ARGUMENTS = r"<[^()\n;{}<>]*(?:<[^()\n;{}<>]*>[^()\n;{}<>]*)*>"  # `<T>`, `<std::vector<T>>`
_QUALIFIED = re.compile(
    rf"((?:{_NAME}\s*(?:{_ARGUMENTS})?\s*::\s*)+)(~\s*{_NAME}|{_OPERATOR}|{_NAME})\s*\("
)
# what may come before the qualified name: macros (`CLI11_INLINE`, `API(int)`), specifiers,
# `template <typename T>`, `[[nodiscard]]` and the return type's words, `::`, `<...>`, `*`, `&`;
# each word and run of `*&` whole (`\b`, `(?![*&])`): split anywhere, a line that is no header
# (`int configuration_count = Option::count(x);`) took time exponential in its words' length
_PREFIX = re.compile(
    r"\s*(?:template\s*<[^;{}]*?>\s*|\[\[[^\]]*\]\]\s*|[A-Z][A-Z0-9_]*\([^()]*\)\s*"
    rf"|{_NAME}\b(?:\s*<[^();{{}}=]*>)?\s*(?:::\s*)?|[*&]+(?![*&])\s*)*\Z"
)
_NOT_TYPES = frozenset(
    {"return", "new", "delete", "throw", "else", "case", "goto", "using", "typedef", "if"}
    | {"while", "for", "switch", "match", "co_return", "co_await", "co_yield", "sizeof"}
    | {"and", "or", "not", "in", "of", "await", "yield", "loop", "do", "let", "mut", "impl"}
)
# after the parameters: `const`, `noexcept(...)`, `override`, `&&`, `-> T`, then the body's `{`,
# a constructor's `: member_(x)` or nothing yet (a `{` on a line below)
_TAIL = re.compile(
    r"\s*(?:(?:const|volatile|noexcept(?:\s*\([^()]*\))?|override|final|throw\s*\(\s*\)"
    r"|&&?)\s*)*(?:->\s*[^;{}=]+?\s*)?(?:\{|:(?!:)|\Z)"
)


def qualified_at(text: str, path: str = "") -> tuple[str, str] | None:
    """REVIEW-E415: `(Class, method)` when `text` (a line, or a header's lines joined) opens an
    out-of-class definition, else None. Without a C++ path, one that starts with the name is
    read only as a constructor or a destructor (Ruby's `Foo::bar(x) {` calls with a block)."""
    if "::" not in text or len(text) > 1000:
        return None
    found = _QUALIFIED.search(text)
    if found is None or not _PREFIX.match(text[: found.start()]):
        return None
    if set(re.findall(_NAME, text[: found.start()])) & _NOT_TYPES:
        return None
    close = matching(text, found.end() - 1, "()")
    tail = _TAIL.match(text, close + 1) if close is not None else None
    bare = not text[: found.start()].strip()
    if tail is None or (bare and text[:1].isspace() and tail.end() == len(text)):
        return None  # an indented `Foo::bar(x)` with nothing after it may be a call's start
    owner = re.sub(r"<[^<>]*>|\s", "", re.sub(r"<[^<>]*>", "", found[1]))
    owner = owner.rstrip(":").rsplit("::", 1)[-1]
    name = re.sub(r"\s+", "", found[2]) if found[2].startswith("~") else found[2].strip()
    if bare and not path.endswith(CPP_PATHS) and name.lstrip("~") != owner:
        return None
    return owner, name


def qualified_header(lines: Sequence[str], number: int, path: str) -> tuple[str, str] | None:
    """REVIEW-E415: the out-of-class definition whose header holds line `number` (from 1): the
    lines from there down to the one that opens its body, with the template and the return
    type on the lines above them."""
    if not path.endswith(CPP_PATHS) or not 0 < number <= len(lines):
        return None
    last = number
    while "{" not in lines[last - 1] and last < min(len(lines), number + HEADER_LINES):
        if lines[last - 1].rstrip().endswith((";", "}")) or not lines[last - 1].strip():
            return None
        last += 1
    first = number
    while first > max(1, number - HEADER_LINES) and _continues(lines[first - 2]):
        first -= 1
    for start in range(first, number + 1):
        joined = " ".join(text.strip() for text in lines[start - 1 : last])
        if found := qualified_at(joined.partition("{")[0] + "{", path):
            return found
    return None


def _continues(text: str) -> bool:
    """Whether a line above a header may be part of it: no blank, no statement's end."""
    stripped = text.strip()
    return bool(stripped) and not stripped.endswith((";", "{", "}")) and stripped[0] not in "#/*"
