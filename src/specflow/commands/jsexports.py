"""What a JavaScript module exports by a name, for `specflow new`'s draft: CommonJS's
`exports.f =` and `module.exports =` (NEW-E10), and (NEW-E15) ES's `export default X;` and
`export { a, b as c };` naming a definition above them, with the static members of each
(`X.from = (error, code) => {`), as axios writes its modules; an anonymous `export default
function (a) {` and the names `export { ... } from './x'` re-exports (NEW-E23); beside a
`module.exports = function`, the module's own top-level definitions (NEW-E25); the prototype
methods of a constructor it defines (NEW-E33). Each as its
signature and the line (from 0) whose comment documents it. Pure: a file's text in."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

Exported = tuple[str, int]  # `f(a, b)`, `class C` or a name; the line that documents it
Defined = dict[str, tuple[int, str]]  # each top-level definition: its line, what defines it

# NEW-E10: CommonJS's exports at a line's start: `exports.f =`, `module.exports.f =`,
# `module.exports =` (a value, or an object of them), and express's `exports = module.exports =`
_COMMONJS = re.compile(
    r"(?m)^(?:(?:var|let|const)\s+(?P<bound>[A-Za-z_$][\w$]*)\s*=\s*)?"  # NEW-E40
    r"(?:exports\s*=\s*)?(?:module\.exports(?:\.(?P<key>[A-Za-z_$][\w$]*))?"
    r"|exports\.(?P<name>[A-Za-z_$][\w$]*))\s*=(?!=)[ \t]*"
)
# NEW-E15: ES's exports of names defined above: `export default AxiosError;` (not `export default
# function`, which `scaffold._EXPORTED` reads), `export { a, b as c };` (not `... from './x'`,
# which `js_reexports` reads: NEW-E23)
_DEFAULT = re.compile(
    r"(?m)^export\s+default\s+(?!(?:function|class|async)\b)([A-Za-z_$][\w$]*)[ \t]*;?[ \t]*$"
)
_NAMED = re.compile(r"(?m)^export\s*\{([^{}]*)\}(?![ \t]*from\b)")
_ES_EXPORT = re.compile(r"(?m)^export(?![\w$])")  # a statement, not a word of a name or comment
# NEW-E23: `export default function (name) {`, `export default async (a) => ...`, `export default
# class {`: a default export with no name of its own; `export { default as v1 } from './v1.js'`
_ANONYMOUS = re.compile(
    r"(?m)^export\s+default\s+(?=(?:async\s*)?(?:function\b\*?\s*\(|\([^()]*\)\s*=>)|class\s*\{)"
)
_FROM = re.compile(r"(?m)^export\s*(?:type\s*)?\{([^{}]*)\}[ \t]*from[ \t]*(['\"])([^'\"\n]+)\2")
_AS = re.compile(r"\s*([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?\s*")
_DEFINED = re.compile(
    r"(?:async\s+)?(?:function\*?|class)\s+(?P<name>[A-Za-z_$][\w$]*)"
    r"|(?:var|let|const)\s+(?P<var>[A-Za-z_$][\w$]*)\s*=\s*"
)
_FUNCTION = re.compile(
    r"(?:async\s+)?function(?![\w$])\*?\s*[\w$]*\s*(?:\((?P<arguments>[^()]*)\))?"
    r"|(?:async\s*)?(?:\((?P<arrow>[^()]*)\)|(?P<one>[A-Za-z_$][\w$]*))\s*=>"
)
_IDENTIFIER = re.compile(r"([A-Za-z_$][\w$]*)\s*;?\s*(?://.*)?")
_ENTRY = re.compile(
    r"\s*(?:(?://[^\n]*|/\*.*?\*/)\s*)*(?:async\s+)?['\"]?(?P<name>[A-Za-z_$][\w$]*)['\"]?"
    r"\s*(?P<value>.*)",
    re.DOTALL,
)


# NEW-E25: `module.exports = function (...) {` (or an arrow): the module is one function, and
# what it is made of is the module's own top-level definitions; a `require(...)` is another's
_WHOLE = re.compile(
    r"(?m)^module\.exports\s*=\s*(?=(?:async\s+)?function\b|(?:async\s*)?\([^()]*\)\s*=>)"
)
_REQUIRED = re.compile(r"\s*(?:await\s+)?(?:require|import)\s*\(")


def js_exports(text: str, lines: Sequence[str]) -> Iterator[Exported]:
    """Each name the module exports by CommonJS, or by ES naming a definition above."""
    exports = _COMMONJS.search(text) or _ES_EXPORT.search(text)  # REVIEW-E407: not `exportCsv`
    defined = _definitions(lines) if exports else {}
    yield from _commonjs(text, lines, defined)
    if _WHOLE.search(text):  # NEW-E25
        yield from _own(lines, defined)
    for found in _ANONYMOUS.finditer(text):  # NEW-E23
        number = text.count("\n", 0, found.start())
        yield _js_symbol("default", lines[number][found.end() - found.start() :], number, lines, {})
    for local, name in _es_named(text):
        if local in defined:  # NEW-E15: what the module defines, not what it imports
            yield _js_symbol(name, local, defined[local][0], lines, defined)
            yield from _members(local, text, lines, defined)
    yield from _prototype_methods(text, lines, defined)  # NEW-E33


# NEW-E33: `SendStream.prototype.pipe = function pipe (res) {` at a line's start
_PROTOTYPE = re.compile(r"(?m)^([A-Za-z_$][\w$]*)\.prototype\.([A-Za-z_$][\w$]*)\s*=(?!=)\s*")


# NEW-E40: `Cookie.prototype = {` (its methods and accessors), and a helper that defines a
# method on a prototype, `defineMethod(Session.prototype, 'touch', function touch() {`
_PROTOTYPE_OBJECT = re.compile(r"(?m)^([A-Za-z_$][\w$]*)\.prototype\s*=\s*\{")
_DEFINE_METHOD = re.compile(
    r"(?m)^[A-Za-z_$][\w$]*\(\s*([A-Za-z_$][\w$]*)\.prototype\s*,\s*(['\"])([A-Za-z_$][\w$]*)\2"
    r"\s*,\s*"
)
_ACCESSOR = re.compile(r"([A-Za-z_$][\w$]*)\s*\(")


def _prototype_methods(text: str, lines: Sequence[str], defined: Defined) -> Iterator[Exported]:
    """NEW-E33: the methods a constructor the module defines gives its objects by its
    prototype, as `SendStream.pipe(res)` (the review's name for them): a module that exports
    anything hands those objects out (pillarjs/send's `send()` returns a `SendStream`); NEW-E40:
    also an object literal's (`Cookie.prototype = { get expires() {`, as `Cookie.expires`) and
    a helper's (`defineMethod(Session.prototype, 'touch', function touch() {`), in file order."""
    found: list[tuple[int, Exported]] = []
    for method in (*_PROTOTYPE.finditer(text), *_DEFINE_METHOD.finditer(text)):
        number = text.count("\n", 0, method.start())
        value = _value_after(text, method.end())
        if method[1] in defined and _FUNCTION.match(value):
            name = f"{method[1]}.{method[method.lastindex or 2]}"
            found.append((method.start(), _js_symbol(name, value, number, lines, defined)))
    for literal in _PROTOTYPE_OBJECT.finditer(text):
        if literal[1] in defined:
            for offset, member in _literal_members(literal[1], text, literal.end() - 1, lines):
                found.append((offset, member))
    seen: set[str] = set()
    for _, (signature, number) in sorted(found):
        if signature not in seen:
            seen.add(signature)
            yield signature, number


def _literal_members(
    owner: str, text: str, start: int, lines: Sequence[str]
) -> Iterator[tuple[int, Exported]]:
    """NEW-E40: the methods (`serialize: function (name, val) {`, `toJSON() {`) and accessors
    (`get expires() {`, as `Cookie.expires`) of the object literal that opens at `start`."""
    for offset, name, value, number in _named_entries(text, start):
        accessor = _ACCESSOR.match(value) if name in ("get", "set") else None
        if accessor:  # `get expires() {`: the property, read or written
            yield offset, (f"{owner}.{accessor[1]}", number)
        elif value.startswith("(") or _FUNCTION.match(value.lstrip(":").strip()):
            value = f"function{value}" if value.startswith("(") else value.lstrip(":").strip()
            yield offset, _js_symbol(f"{owner}.{name}", value, number, lines, {})


def _value_after(text: str, at: int) -> str:
    """The value assigned, from `at` to its line's end: on the line of the `=`, or on the next
    when the `=` ends its line (`X.prototype.pipe =` then `function pipe (res) {`)."""
    end = text.find("\n", at)
    return text[at:] if end < 0 else text[at:end]


def _es_named(text: str) -> Iterator[tuple[str, str]]:
    """NEW-E15: (the local name, the name exported) of `export default X;` (as `X`) and of
    each entry of `export { a, b as c };`."""
    for found in _DEFAULT.finditer(text):
        yield found[1], found[1]
    for found in _NAMED.finditer(text):
        for entry in found[1].split(","):
            named = _AS.fullmatch(entry)
            if named:
                yield named[1], named[2] or named[1]


def _members(name: str, text: str, lines: Sequence[str], defined: Defined) -> Iterator[Exported]:
    """NEW-E15: the functions assigned to `name`'s properties at a line's start, static
    members (`AxiosError.from = (error, code) => {`); not its prototype's."""
    member = re.compile(rf"(?m)^{re.escape(name)}\.(?!prototype\b)([A-Za-z_$][\w$]*)\s*=(?!=)\s*")
    for found in member.finditer(text):
        number = text.count("\n", 0, found.start())
        value = _value_after(text, found.end())
        if _FUNCTION.match(value):
            yield _js_symbol(f"{name}.{found[1]}", value, number, lines, defined)


def _commonjs(text: str, lines: Sequence[str], defined: Defined) -> Iterator[Exported]:
    """NEW-E10: each name a CommonJS module exports, as the function or class it names."""
    for found in _COMMONJS.finditer(text):
        number = text.count("\n", 0, found.start())
        value = lines[number][found.end() - found.start() :].strip()
        if found["key"] or found["name"]:
            yield _js_symbol(found["key"] or found["name"], value, number, lines, defined)
        elif value.startswith("{"):
            yield from _object_keys(text, found.end(), lines, defined)
        elif named := _IDENTIFIER.fullmatch(value) or _DEFINED.match(value):
            name = named[1] if named.re is _IDENTIFIER else named["name"] or named["var"]
            yield _js_symbol(name, value, number, lines, defined)
        elif found["bound"] and _FUNCTION.match(value):  # NEW-E40: `var C = module.exports =`
            yield _js_symbol(found["bound"], value, number, lines, defined)
        elif _FUNCTION.match(value):  # NEW-E20: `module.exports = function (str, opts) {`
            yield _js_symbol("module.exports", value, number, lines, defined)


def _own(lines: Sequence[str], defined: Defined) -> Iterator[Exported]:
    """NEW-E25: the functions, classes and tables a module defines at its top level, in its
    order, but the names it binds to another module (`const jws = require('jws')`)."""
    for name, (number, value) in defined.items():
        if not _REQUIRED.match(value):
            yield _js_symbol(name, name, number, lines, defined)


def _definitions(lines: Sequence[str]) -> Defined:
    """Each top-level function, class and variable: its line and what defines it."""
    defined: Defined = {}
    for number, line in enumerate(lines):
        found = _DEFINED.match(line)
        if found and found["name"]:
            defined.setdefault(found["name"], (number, line))
        elif found:
            defined.setdefault(found["var"], (number, line[found.end() :]))
    return defined


def _js_symbol(
    name: str, value: str, number: int, lines: Sequence[str], defined: Defined
) -> Exported:
    """`name` exported as `value`: a function's arguments and comment come from its definition
    when `value` names one (`exports.parse = parse;`)."""
    named = _IDENTIFIER.fullmatch(value)
    if named and named[1] in defined:
        number, value = defined[named[1]]
    if re.match(r"class\b", value):
        return f"class {name}", number
    function = _FUNCTION.match(value)
    signature = name
    if function:
        given = [a for a in function.group("arguments", "arrow", "one") if a is not None]
        signature = f"{name}({' '.join(given[0].split()) if given else '...'})"
    return signature, number


def _object_keys(
    text: str, start: int, lines: Sequence[str], defined: Defined
) -> Iterator[Exported]:
    """The keys of `module.exports = {f, g: h, k(a) {...}}`, an object that opens at `start`."""
    for _, name, value, number in _named_entries(text, start):
        if not value or value.startswith(":"):
            yield _js_symbol(name, value.lstrip(":").strip() or name, number, lines, defined)
        elif value.startswith("("):  # a method: `parse(str, options) {`
            yield _js_symbol(name, f"function{value}", number, lines, defined)


def _named_entries(text: str, start: int) -> Iterator[tuple[int, str, str, int]]:
    """Each entry of the object literal that opens at `start` that has a name: its offset,
    name, what follows the name (stripped) and the index of its name's line."""
    for entry, offset in _entries(text, start):
        if found := _ENTRY.match(entry):
            number = text.count("\n", 0, offset + found.start("name"))
            yield offset, found["name"], found["value"].strip(), number


def _entries(text: str, start: int) -> Iterator[tuple[str, int]]:
    """The entries of the object literal that opens at `start`, each with its offset."""
    depth, entry = 0, start + 1
    for at in range(start, len(text)):
        if text[at] in "([{":
            depth += 1
        elif text[at] in ")]}":
            depth -= 1
            if depth == 0:
                yield text[entry:at], entry
                return
        elif text[at] == "," and depth == 1:
            yield text[entry:at], entry
            entry = at + 1


def js_reexports(text: str) -> Iterator[tuple[str, str]]:
    """NEW-E23: (the name exported, the module it comes from) of each entry of `export { a,
    default as v1 } from './x.js'`, as a Python package's `__all__` re-exports (NEW-E7)."""
    for found in _FROM.finditer(text):
        for entry in found[1].split(","):
            named = _AS.fullmatch(re.sub(r"^\s*type\s+", "", entry))  # TypeScript's `type X`
            if named:
                yield named[2] or named[1], found[3]
