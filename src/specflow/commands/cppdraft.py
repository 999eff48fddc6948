"""NEW-E38: what `specflow new` drafts of a C++ file: its classes and structs, each public method
by its class (`Option::expected(value)`), read by the braces around them (a `private:` or
`protected:` section, a function's body and `namespace detail` hidden), its free functions, and
an out-of-class definition by its class (`Option::clear()`, REVIEW-E415), each with the first
sentence of the doc comment above (`///`, `/** */`, `//`; Doxygen's `@brief` dropped). No
constructor, destructor, operator, deleted or friend function. Pure: text in."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from specflow.braces import masked
from specflow.commands.cdraft import parameter_name
from specflow.commands.docsummary import doc_comment, summary
from specflow.languages.cppforms import qualified_at


class _Scope(NamedTuple):
    kind: str  # "namespace", "class" or "body" (a function's, an initializer's: hidden)
    name: str  # the class's name, nested ones by their outer class (`App::Builder`)
    access: str  # "public" or "private" (a class's default, and `protected`)


_CLASS = re.compile(
    r"(?:template\s*<.*>\s*)?(class|struct)\s+(?:\[\[[^\]]*\]\]\s*|[A-Z][A-Z0-9_]*\s+)*"
    r"([A-Za-z_]\w*)\s*(?:final\b)?\s*(?::[^{]*)?\Z",
    re.DOTALL,
)
_NAMESPACE = re.compile(r"(?:inline\s+)?namespace\s*([\w:]*)\s*\Z")
_ACCESS = re.compile(r"\b(public|private|protected)\s*\Z")
_HIDDEN_NAMESPACES = frozenset({"detail", "details", "impl", "internal", ""})
_NOT_NAMES = frozenset({"decltype", "alignas", "noexcept", "sizeof", "__attribute__", "typeof"})
_NOT_DECLARATIONS = re.compile(r"(?:using|typedef|friend|return|static_assert|enum)\b")
_DIRECTIVE = re.compile(r"(?m)^[ \t]*#(?:[^\n]*\\\n)*[^\n]*")  # `#include`, over lines too
_TEMPLATE = re.compile(r"\Atemplate\s*<(?:[^<>]|<(?:[^<>]|<[^<>]*>)*>)*>\s*")
_CALLED = re.compile(r"(~?[A-Za-z_]\w*|operator\b)\s*\(")
_PARENS = {"(": 1, ")": -1}


CPP_DRAFTED = (".cc", ".cpp", ".cxx", ".hpp", ".hh")
# a `.h` file is C++'s when it declares a class, a namespace or a template
_CPP_MARKS = re.compile(
    rb"(?m)^\s*(?:(?:class|struct)\s+\w+\s*(?:final\s*)?[:{]|namespace\b|template\s*<)"
)


def is_cpp(data: bytes) -> bool:
    """Whether a `.h` file is C++ (NEW-E38), else it is C's (NEW-E30)."""
    return _CPP_MARKS.search(data) is not None


def cpp_members(data: bytes, path: str = "x.hpp") -> Iterator[tuple[str, str]]:
    """Each class and public function a spec may name, as its signature and the first
    sentence of the doc comment above it, in the file's order, each overload once."""
    text = data.decode("utf-8", "replace").lstrip("\ufeff")
    lines = text.split("\n")
    masks = masked(".hpp", text)
    code = _DIRECTIVE.sub(
        lambda found: re.sub(r"[^\n]", " ", found[0]), masks.code if masks else text
    )
    seen: set[str] = set()
    for signature, number in _declarations(code):
        if signature.split("(")[0] not in seen:
            seen.add(signature.split("(")[0])
            yield signature, _summary(doc_comment(lines, number))


def _summary(doc: str) -> str:
    return summary(re.sub(r"(?m)^\s*[@\\]brief\s+|^\s*!<?\s*", "", doc))


def _declarations(code: str) -> Iterator[tuple[str, int]]:
    """Each declaration's signature and the index of its first line, read statement by
    statement: a statement ends at `;`, `{`, `}` or an access label's `:`."""
    stack: list[_Scope] = []
    start, line, first, open_parens = 0, 0, -1, 0
    for at, char in enumerate(code):
        if char == "\n":
            line += 1
        elif first < 0 and not char.isspace() and char not in ";{}":
            first = line
        open_parens += _PARENS.get(char, 0)
        if char not in ";{}:" or (char == ":" and not _access_label(code, start, at)):
            continue
        if char != ":" and open_parens > 0:
            continue  # in parentheses: a default's `std::string{}`, a lambda's `{ ...; }`
        statement = code[start:at].strip()
        if char == "}":
            stack = stack[:-1]
        elif char == ":" and stack and stack[-1].kind == "class":
            stack[-1] = stack[-1]._replace(access="public" if statement == "public" else "")
        elif char in ";{" and (shown := _shown(statement, stack, char)):
            yield shown, first
        if char == "{":
            stack.append(_opened(statement, stack))
        start, first, open_parens = at + 1, -1, 0


def _access_label(code: str, start: int, at: int) -> bool:
    """Whether the statement from `start` up to a `:` at `at` is `public`, `private` or
    `protected`: read from its end, so a long statement's colons (`std::`) cost little."""
    found = _ACCESS.search(code, max(start, at - 16), at)
    return found is not None and (found.start() == start or code[start : found.start()].isspace())


def _visible(stack: Sequence[_Scope]) -> str | None:
    """The class whose public members a statement declares ("" at a namespace's level); None
    in a function's body, a hidden section or a hidden namespace."""
    if any(scope.kind == "body" for scope in stack):
        return None
    if stack and stack[-1].kind == "class":
        return stack[-1].name if stack[-1].access == "public" else None
    return ""


def _opened(statement: str, stack: Sequence[_Scope]) -> _Scope:
    if (found := _NAMESPACE.match(statement)) is not None:
        hidden = found[1].rsplit("::", 1)[-1] in _HIDDEN_NAMESPACES
        return _Scope("body" if hidden else "namespace", "", "")
    if statement.startswith("extern") or _visible(stack) is None:
        return _Scope("namespace" if _visible(stack) is not None else "body", "", "")
    if (found := _CLASS.match(_one_line(statement))) is not None:
        owner = _visible(stack)
        name = f"{owner}::{found[2]}" if owner else found[2]
        return _Scope("class", name, "public" if "struct" in statement.split() else "")
    return _Scope("body", "", "")


def _shown(statement: str, stack: Sequence[_Scope], char: str) -> str:
    """The signature a statement declares, if a spec may name it."""
    owner = _visible(stack)
    statement = _one_line(statement)
    if owner is None or not statement or _NOT_DECLARATIONS.match(statement):
        return ""
    if char == "{" and (found := _CLASS.match(statement)) is not None:
        return f"{found[1]} {owner}::{found[2]}" if owner else f"{found[1]} {found[2]}"
    if re.search(r"=\s*(?:delete|default|0)\s*\Z", statement):
        return ""
    if qualified := qualified_at(statement + (" {" if char == "{" else ""), ".hpp"):
        if qualified[1].lstrip("~") == qualified[0] or qualified[1].startswith("operator"):
            return ""
        return _signature(statement, f"{qualified[0]}::", qualified=True)
    if not owner and re.match(r"(?:template\s*<.*?>\s*)?static\b", statement):
        return ""  # a file's own function
    return _signature(statement, f"{owner}::" if owner else "", owner.rsplit("::", 1)[-1])


def _signature(statement: str, prefix: str, owner: str = "", qualified: bool = False) -> str:
    """`prefix` + `name(a, b)`: the first name called outside `<...>` that is no macro."""
    statement = _TEMPLATE.sub("", statement)  # `template <typename T = std::string>`
    for found in _CALLED.finditer(statement):
        name = found[1]
        before = statement[: found.start()]
        if before.count("<") != before.count(">") or "=" in before or name in _NOT_NAMES:
            continue
        if re.fullmatch(r"[A-Z][A-Z0-9_]+", name):
            continue  # a macro: `CLI11_DEPRECATED("...")`
        if (
            name == "operator"
            or re.search(r"\boperator\b", before)
            or name.lstrip("~") == owner
            or qualified != before.endswith("::")
        ):
            return ""
        inside = _inside(statement, found.end())
        if inside is None:
            return ""
        parts = list(_top_level(inside))
        starts = [part.strip()[:1] for part in parts if part.strip()]
        if any(start in "(\"'{-&" or start.isdigit() for start in starts):
            return ""  # a value's arguments: `Range PositiveNumber((min)(), max, "POSITIVE");`
        names = [parameter_name(part) for part in parts]
        return f"{prefix}{name}({', '.join(n for n in names if n)})"
    return ""


def _inside(text: str, at: int) -> str | None:
    depth = 1
    for index in range(at, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return text[at:index]
    return None


def _top_level(parameters: str) -> Iterator[str]:
    """The parameters, split at the commas outside `<>`, `()`, `{}`; a default value dropped."""
    depth, part = 0, ""
    for char in parameters + ",":
        depth += {"<": 1, "(": 1, "{": 1, ">": -1, ")": -1, "}": -1}.get(char, 0)
        if char == "," and depth <= 0:
            yield part.split("=")[0]
            depth, part = 0, ""
        else:
            part += char


def _one_line(statement: str) -> str:
    return " ".join(statement.split())
