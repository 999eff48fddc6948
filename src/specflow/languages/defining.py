"""The lines that define a function, a method or a class in any language but Python, read by
pattern (REVIEW-E47, REVIEW-E78): on one line, or (REVIEW-E90) with the `{` on a line of its own
below a header of one or more lines, as C, PHP's PSR-12 and much C# and Java write them; and
(REVIEW-E92) a C prototype, which declares its name and calls nothing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from specflow.definitions import GO_METHOD
from specflow.globs import CPP_PATHS, KOTLIN_PATHS
from specflow.languages.cppforms import qualified_at
from specflow.languages.ktforms import fun_defined

HEADER_LINES = 8  # the lines of a header whose `{` is on a line of its own


# REVIEW-E70: Rust's `pub(crate) const unsafe extern "C" fn`; REVIEW-E90: PHP's `public static
# function normalize(...)` (not a closure's `function () use ($x)`); REVIEW-E201: `function $match(`
DEFINITION = re.compile(
    r"^\s*(?:export\s+(?:default\s+)?)?(?:pub(?:\([^)]*\))?\s+)?"
    r"(?:@\w+(?:\([^)\n]*\))?\s+)*"  # REVIEW-E121: Swift's `@inlinable public func`
    r"(?:(?:public|protected|private|static|final|abstract|open|fileprivate|internal|override"
    r"|mutating|nonmutating|class|nonisolated|dynamic)\s+)*"
    r"(?:(?:async|const|unsafe|extern(?:\s+\"\w*\")?)\s+)*(?:def|function|fn|func)\s+"
    r"(?:\([^)]*\)\s*(?!use\b)|self\.)?([A-Za-z_$][\w$]*)"  # REVIEW-E80: `def self.load_file`
)


# `export default class Ky`, `public final class Ky`, `abstract class Base` (REVIEW-E47)
CLASS = re.compile(
    r"^\s*(?:(?:export|default|public|private|internal|abstract|final|sealed|open|data"
    r"|static|protected)\s+)*"  # REVIEW-E314: Java's nested `public static class Builder`
    r"class\s+(?!(?:var|let|func|subscript)\b)([A-Za-z_]\w*)"  # REVIEW-E122: Swift's `class var`
)


# REVIEW-E40: words a `(` follows that call nothing: a use inside `if (...)` is passed to no if()
NOT_CALLS = frozenset(
    {"if", "elif", "while", "for", "switch", "catch", "return", "with", "not", "and", "or"}
    | {"in", "await", "typeof", "yield", "assert", "del", "case", "sizeof"}
)


# REVIEW-E47: a method of a class in braces: `static create(...) {`, `async #retry() {`
# REVIEW-E78: and a typed one, Java's, C#'s and C's: `public static int parse(char c) throws
# IOException {`, `static char *dup(const char *s) {`, `int size() const {`
# REVIEW-E90: C's qualifiers, and a return type that is a macro's call: `CJSON_PUBLIC(void) f(`
METHOD = re.compile(
    r"\s*(?:(?:public|private|protected|internal|static|final|abstract|synchronized|async"
    r"|override|virtual|readonly|get|set|inline|extern|const|unsigned|signed|struct|enum|union"
    r"|volatile|register|long|short)\s+)*(?:<[^\n]{0,200}?>\s+)?"
    r"(?:[A-Z_][A-Z0-9_]*\([^()\n]{0,200}\)[ \t]*)?"
    r"(?:(?!(?:new|return|else|throw|await|yield|case|goto|delete|match|if|while|for|switch"
    r"|go|defer|unless|until|elif|loop|in|of)\b)[A-Za-z_$][\w$.]*"
    r"(?:<[^\n()=]{0,200}?>)?(?:\[\])*(?:[ \t]*[*&]+[ \t]*|[ \t]+))?"
    r"#?([A-Za-z_$][\w$]*)\s*(?:<[^\n]{0,200}?>)?\s*\([^)]*\)\s*(?:const\s*)?"
    r"(?::\s*[^{=;]+)?(?:throws\s+[\w.]+(?:\s*,\s*[\w.]+)*\s*)?\{\s*\Z"
)
# `synchronized (lock) {`, `try (...) {`, Go's `go func() {`: no definition of `lock` or `func`
NOT_DEFINED = frozenset({"synchronized", "try", "using", "lock", "fixed", "foreach", "func"})
LONGEST_DEFINITION = 1000  # characters: a longer line is read as no definition (HARDEN-21)


# REVIEW-E121: Swift's types, extensions and initializers hold the code below them;
# REVIEW-E122: `class` before a member or a modifier (`class func make()`, `override class
# var`) is a modifier, left to DEFINITION
SWIFT_MODIFIERS = frozenset(
    {"public", "private", "fileprivate", "internal", "open", "final", "static", "override"}
    | {"mutating", "nonmutating", "indirect", "lazy", "required", "convenience", "dynamic"}
    | {"nonisolated", "package", "weak", "unowned"}
)
_SWIFT_MODIFIER = "|".join(sorted(SWIFT_MODIFIERS))
SWIFT = re.compile(
    rf"\s*(?:@\w+(?:\([^)\n]*\))?\s+)*(?:(?:{_SWIFT_MODIFIER})\s+)*"
    r"(?:(?:struct|enum|protocol|extension|actor|class)\s+"
    rf"(?!(?:func|var|let|subscript|init|{_SWIFT_MODIFIER})\b)"
    r"([A-Za-z_][\w.]*)|(init)\s*[?!]?\s*[(<])"
)


# REVIEW-E125: JavaScript's and TypeScript's function expressions, named by what they are
# assigned to: `res.send = function send(body) {`, `exports.parse = function (str) {`,
# `module.exports = function name() {`, `Foo.prototype.x = function () {`, `const f = async (a) =>`
ASSIGNED = re.compile(
    r"\s*(?:export\s+)?(?:(?:const|let|var)\s+)?"
    r"((?:[A-Za-z_$][\w$]*\s*\.\s*)*[A-Za-z_$][\w$]*)\s*(?::[^=\n]{0,200})?=\s*(?:async\s+)?"
    r"(?:function\b\s*\*?\s*([A-Za-z_$][\w$]*)?\s*\(.*"
    r"|(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*(?::[^=\n]{0,200})?=>\s*)\{\s*\Z"
)
# REVIEW-E126: a function expression that a call's last argument is, named:
# `defineGetter(req, 'host', function host() {` holds `host`; an unnamed one holds nothing
ARGUMENT = re.compile(r"[^\n]*?[(,]\s*(?:async\s+)?function\b\s*\*?\s*([A-Za-z_$][\w$]*)?\s*\(")
_MODULE = re.compile(r"(?:module\s*\.\s*)?exports\Z|this\Z")  # the module (or object) itself


def assigned_at(text: str) -> str:
    """REVIEW-E125: the name a function expression is assigned to, its owner in front of it
    (`res.send`; `Foo.prototype.x` as `Foo.x`), not `exports`, `module.exports` nor `this`;
    the function's own name when assigned to the module (`module.exports = function name`)."""
    found = ASSIGNED.match(text) if "=" in text and len(text) <= LONGEST_DEFINITION else None
    if found is None:
        return ""
    target = re.sub(r"\s+", "", found[1]).replace(".prototype.", ".")
    owner, _, name = target.rpartition(".")
    if _MODULE.match(target):
        return found[2] or ""
    return name if _MODULE.match(owner) else target


GO_RECEIVER = re.compile(rf"\s*{GO_METHOD}")  # REVIEW-E141: `Router`, of `func (r *Router) Match(`


def receiver_at(text: str, path: str) -> str:
    """REVIEW-E141: the type whose method a Go line defines, else ''."""
    found = GO_RECEIVER.match(text) if path.endswith(".go") else None
    return found[1] if found else ""


# REVIEW-E204: a Rust item that holds no code, or does: `pub(crate) struct Identifier`, `pub enum
# Op`, `const unsafe fn f`, `static mut COUNT`
RUST_ITEM = re.compile(
    r"\s*(?:(?:pub(?:\([^)]*\))?|unsafe|const|async|extern(?:\s+\"\w*\")?|default)\s+)*"
    r"(?:struct|enum|union|trait|type|mod|static(?:\s+mut)?|const|fn)\s+([A-Za-z_]\w*)"
)


def defined_at(text: str, path: str) -> str:
    """REVIEW-E208: the name a line defines, as `definition_at` reads any code (without its
    path), and a Rust type's: `context Version` finds `pub struct Version {`."""
    rust = RUST_ITEM.match(text) if path.endswith(".rs") else None
    return rust[1] if rust else definition_at(text)


# REVIEW-E273: a Ruby operator method, `def <=>(other)`, `def ==(o)`, `def [](key)`, `def -@`
RUBY_OPERATOR = re.compile(
    r"\s*def\s+(?:self\.)?(<=>|===?|=~|!=|!~|\[\]=?|[+\-!~]@|\*\*|<<|>>|<=|>=|[-+*/%<>!~^&|])"
    r"\s*(?:\(|\Z|;)"
)


def definition_at(text: str, path: str = "") -> str:
    if len(text) > LONGEST_DEFINITION:
        return ""
    # REVIEW-E411: `fun Receiver.name(` defines `name`, in Kotlin (or where the path is unsaid)
    if (not path or path.endswith(KOTLIN_PATHS)) and (kotlin := fun_defined(text)):
        return kotlin
    # REVIEW-E415: C++'s `RET Class::method(...) {` defines `method`
    if (not path or path.endswith(CPP_PATHS)) and (cpp := qualified_at(text, path)):
        return cpp[1]
    if operator := RUBY_OPERATOR.match(text):
        return operator[1]
    if path.endswith(".swift") and (swift := SWIFT.match(text)):
        return swift[1] or swift[2]
    if assigned := assigned_at(text):  # REVIEW-E125: the name a search reads, its last part
        return assigned.rsplit(".", 1)[-1]
    if (argument := ARGUMENT.match(text)) and text.rstrip().endswith("{"):  # REVIEW-E126
        return argument[1] or ""
    match = DEFINITION.match(text) or CLASS.match(text)
    if match is None and (match := METHOD.match(text)) and match[1] in NOT_DEFINED:
        return ""
    return match[1] if match and match[1] not in NOT_CALLS else ""


# REVIEW-E308: what follows `struct json_object` in `struct json_object *parse(`: the name
# of a function that returns the struct, which is no definition of the struct
RETURNED = re.compile(r"[\s*&]*[A-Za-z_]\w*\s*\(")


class Opened(NamedTuple):
    """A definition whose `{` is on a line of its own (REVIEW-E90): the line that names it."""

    line: int
    name: str
    header: str  # its header's lines, joined


def opened_at(lines: Sequence[str], brace: int) -> Opened | None:
    """REVIEW-E90: the definition that line `brace` opens, when it starts with `{` (Allman
    style: C's, PHP's PSR-12 methods, much C# and Java): its header is the lines right above,
    from the one indented as the brace, parameters over several lines included. A header must
    say it defines: a keyword (`function`), a modifier or a return type before the name; a
    call (`cJSON_ArrayForEach(e, a)`, `if (x)`) or a prototype (`int f(int);`) opens nothing."""
    if not 0 < brace <= len(lines) or not lines[brace - 1].lstrip().startswith("{"):
        return None
    indent, header = _indent(lines[brace - 1]), list[tuple[int, str]]()
    for above in range(brace - 1, max(0, brace - 1 - HEADER_LINES), -1):
        text = lines[above - 1]
        if not text.strip() or text.rstrip().endswith((";", "{", "}")):
            return None
        header.insert(0, (above, text.strip()))
        if _indent(text) <= indent:
            return _opened(header)
    return None


def _opened(header: Sequence[tuple[int, str]]) -> Opened | None:
    joined = " ".join(text for _, text in header)
    if len(joined) > LONGEST_DEFINITION:
        return None
    match = DEFINITION.match(joined) or CLASS.match(joined)
    if match is None and (cpp := qualified_at(joined + " {")):  # REVIEW-E415
        line = next((number for number, text in header if "::" in text), header[0][0])
        return Opened(line, cpp[1], joined)
    if match is None:
        method = METHOD.match(joined + " {")
        if method is None or not joined[: method.start(1)].strip():  # REVIEW-E91: a call
            return None
        match = method
    if match[1] in NOT_DEFINED or match[1] in NOT_CALLS:
        return None
    named = re.compile(rf"(?<![\w$]){re.escape(match[1])}\b")
    line = next((number for number, text in header if named.search(text)), header[0][0])
    return Opened(line, match[1], joined)


# REVIEW-E271: the line that closes a header's parameters and opens its body: `): string {`,
# `) {`, `): UnsecuredResult<P> {`, `) => {`
_CLOSES_HEADER = re.compile(r"\s*\)[^;{}]*\{\s*\Z")
# REVIEW-E313: or Java's last parameter, indented deeper, its `)` and the body's `{` after it:
# `        List<String> values) {`, `        boolean all) throws IOException {`
_CLOSES_PARAMETERS = re.compile(r"[^;{}]*\)\s*(?:throws\s+[\w.]+(?:\s*,\s*[\w.]+)*\s*)?\{\s*\Z")


def spread_header(lines: Sequence[str], number: int) -> str:
    """REVIEW-E271: the header of a definition whose parameters span lines, joined, when line
    `number` opens it (`public static function open(`, prettier's `static decode<P = object>(`)
    or closes it (`): string {` as indented as the line that opened it), else ''."""
    if not 0 < number <= len(lines):
        return ""
    text = lines[number - 1]
    if _CLOSES_HEADER.match(text):
        span = range(number - 1, max(0, number - 1 - HEADER_LINES), -1)
    elif text.rstrip().endswith("(") and text.strip() != "(":
        span = range(number + 1, min(len(lines), number + HEADER_LINES) + 1)
    else:
        return _opened_above(lines, number)
    for other in span:
        found = lines[other - 1]
        if not found.strip() or _indent(found) < _indent(text):
            return ""
        first, last = sorted((number, other))
        if _indent(found) == _indent(text):
            return _spread(lines[first - 1 : last])
        if other > number and _CLOSES_PARAMETERS.match(found):  # REVIEW-E313
            return _spread(lines[first - 1 : last])
    return ""


def _opened_above(lines: Sequence[str], number: int) -> str:
    """REVIEW-E313: the header whose last parameter line `number` is (`List<String> b) {`),
    from the line less indented above it that opens the parameters (`boolean check(`)."""
    text = lines[number - 1]
    if not _CLOSES_PARAMETERS.match(text) or text.lstrip().startswith(")"):
        return ""
    for other in range(number - 1, max(0, number - 1 - HEADER_LINES), -1):
        found = lines[other - 1]
        if not found.strip() or found.rstrip().endswith((";", "{", "}")):
            return ""
        if _indent(found) < _indent(text):
            return _spread(lines[other - 1 : number])
    return ""


def _spread(header: Sequence[str]) -> str:
    """The lines of a header, joined, when the first opens its parameters and the last closes
    them and opens its body."""
    closes = _CLOSES_HEADER.match(header[-1]) or _CLOSES_PARAMETERS.match(header[-1])
    if not header[0].rstrip().endswith("(") or not closes:
        return ""
    if any(text.rstrip().endswith((";", "{", "}")) for text in header[:-1]):
        return ""
    joined = " ".join(text.strip() for text in header)
    balanced = joined.count("(") == joined.count(")")  # REVIEW-E313: `f(\n new Task() {` calls
    return joined if balanced and len(joined) <= LONGEST_DEFINITION else ""


def opening_below(lines: Sequence[str], line: int) -> Opened | None:
    """REVIEW-E90: the definition whose header holds `line`, when its `{` is on a later line."""
    if not 0 < line <= len(lines) or not lines[line - 1].strip():
        return None
    for below in range(line + 1, min(len(lines), line + HEADER_LINES) + 1):
        text = lines[below - 1]
        if text.lstrip().startswith("{"):
            opened = opened_at(lines, below)
            return opened if opened and opened.line <= line else None
        if not text.strip() or text.rstrip().endswith((";", "{", "}")):
            return None
    return None


_PROTOTYPES = (".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh")


def defined_lines(path: str, lines: Sequence[str]) -> dict[int, str]:
    """REVIEW-E92: the names lines (of code, from 1) define or declare without a `{` on them:
    the header of a definition whose `{` is below it, and in C and C++ a prototype
    (`CJSON_PUBLIC(void) cJSON_Minify(char *json);`), its parameters over lines too."""
    found: dict[int, str] = {}
    prototypes = path.lower().endswith(_PROTOTYPES)
    for number, text in enumerate(lines, start=1):
        if text.lstrip().startswith("{"):
            opened = opened_at(lines, number)
        elif text.rstrip().endswith("(") and (spread := spread_header(lines, number)):
            named = definition_at(spread)  # REVIEW-E313: `boolean check(`, parameters below
            opened = Opened(number, named, spread) if named else None
        elif prototypes and text.rstrip().endswith(");"):
            opened = _prototype(lines, number)
        else:
            continue
        if opened:
            found[opened.line] = opened.name
    return found


def _prototype(lines: Sequence[str], last: int) -> Opened | None:
    """A declaration that ends on line `last` with `);`, read from the line it starts on."""
    header = [(last, lines[last - 1].rstrip()[:-1].strip())]
    for above in range(last - 1, max(0, last - HEADER_LINES), -1):
        if not lines[above - 1].rstrip().endswith((",", "(")):
            break
        header.insert(0, (above, lines[above - 1].strip()))
    if "=" in header[0][1].partition("(")[0]:
        return None
    header[0] = (header[0][0], _unexported(header[0][1]))  # REVIEW-E380
    return _opened(header)


# REVIEW-E380: an export macro before a prototype's return type: json-c's `JSON_EXPORT int f(`
_EXPORT_MACRO = re.compile(r"[A-Z][A-Z0-9_]*_[A-Z0-9_]*[ \t]+(?=[A-Za-z_]\w*[ \t*]+[A-Za-z_*])")


def _unexported(text: str) -> str:
    macro = _EXPORT_MACRO.match(text)
    return text[macro.end() :] if macro else text


# REVIEW-E380: the languages whose methods may be declared without a body, on a line ending in
# `;`: Java's interface and abstract methods, C#'s, C's and C++'s prototypes, TypeScript's
_DECLARING_PATHS = (".java", ".cs", *_PROTOTYPES)
TYPESCRIPT_PATHS = (".ts", ".tsx", ".mts", ".cts")
_RETURNS = re.compile(r"\)\s*:\s*[^;{}=]+\Z")  # TypeScript's `(...): string`


def declared_at(text: str, path: str) -> str:
    """REVIEW-E380: the method a line declares without a body: `String getName();`,
    `public abstract String getName();`, `int cJSON_Compare(const cJSON *a, const cJSON *b);`,
    TypeScript's `getName(): string;`; a call (`check(x);`, `assert valid(x);`) declares none."""
    head = text.strip()
    typescript = path.endswith(TYPESCRIPT_PATHS)
    if not head.endswith(";") or len(head) > LONGEST_DEFINITION or "=" in head.split("(")[0]:
        return ""
    if not typescript and not path.lower().endswith(_DECLARING_PATHS):
        return ""
    head = _unexported(head[:-1].rstrip())
    method = METHOD.match(head + " {")
    if method is None or method[1] in NOT_DEFINED or method[1] in NOT_CALLS:
        return ""
    before = head[: method.start(1)].split()
    if typescript:
        return method[1] if _RETURNS.search(head) else ""
    return method[1] if before and before[0] != "assert" else ""  # Java's `assert f(x);`


def header_definition(header: str) -> str:
    """REVIEW-E92: the name a header line git names a function by defines, when its `{` is on a
    later line (`API(int) sort_all(int n)`, `static int parse(const char *s,`), if it says so."""
    opened = _opened([(1, header.strip().removesuffix("{").strip())])
    if opened:
        return opened.name
    start = _NAMED.match(header)  # the parameters go on below: `int parse(const char *s,`
    return start[1] if start and start[1] not in NOT_CALLS else ""


# a header whose parameters go on below, after its return type: `static cJSON_bool f(x,`
_NAMED = re.compile(
    r"\s*(?:[A-Z_][A-Z0-9_]*\([^()]*\)\s*)?(?:[A-Za-z_]\w*(?:\s*\*+\s*|\s+)){1,4}"
    r"([A-Za-z_]\w*)\s*\([^)]*\Z"
)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def prototype_at(path: str, lines: Sequence[str], number: int) -> str:
    """REVIEW-E92: the name a C or C++ prototype that starts on line `number` declares."""
    if not path.lower().endswith(_PROTOTYPES):
        return ""
    for last in range(number, min(len(lines), number + HEADER_LINES) + 1):
        if lines[last - 1].rstrip().endswith(");"):
            declared = _prototype(lines, last)
            return declared.name if declared and declared.line == number else ""
        if not lines[last - 1].rstrip().endswith((",", "(")):
            return ""
    return ""


# NEW-E20: an anonymous function is named by what it is assigned to, as `specflow new` drafts it
_ASSIGNED = re.compile(
    r"\s*(?:(?:export\s+)?(?:var|let|const)\s+)?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)"
    r"\s*=\s*(?:async\s+)?function\s*\*?\s*\("
)


def assigned_function(header: str) -> str:
    """`module.exports = function (str, opts) {` → `module.exports`; `var parse = function (`
    → `parse`, `exports.parse = function (` → `parse`, as `assigned_at` names them; a named
    function expression is named by itself (HEADER_NAME), an arrow function as before."""
    found = _ASSIGNED.match(header)
    return (assigned_at(header) or found[1]) if found else ""


# REVIEW-E142: a header that names a package or imports (Go's `package mux`, Java's `package
# a.b;`), a block of imports, constants or variables (`const (`) or a type or a value without
# a call (`type regexpType int`) names no function
_PACKAGE = frozenset({"package", "import"})
_VISIBILITY = re.compile(r"\bpub\s*\((?:crate|super|self|in\s+[\w:]+)\)")  # Rust's
_DECLARING = frozenset({"import", "const", "var", "func", "type", "let"})


def header_function(header: str) -> str:
    """The function git's hunk header names: its last word before the first `(`, else ''.
    REVIEW-E259: a function expression assigned is named as NEW-E20 names it (`module.exports
    = function (` is `module.exports`, not `function`); REVIEW-E142: a declaration that is no
    function names none, nor (REVIEW-E258) a value declared with a call (`var lock =
    new(sync.RWMutex)` above a Go `type ... interface {` names no function `new`);
    REVIEW-E411: Kotlin's `fun Receiver.name(` names `name`; REVIEW-E415: C++'s `RET
    Class::name(...)` names `name`."""
    if assigned := assigned_function(header) or fun_defined(header):
        return assigned
    if cpp := qualified_at(header):
        return cpp[1]
    header = _VISIBILITY.sub("pub", header)  # REVIEW-E327: `pub(crate)` calls no `pub()`
    words = header.split("(")[0].split()
    if not words or _declares(words, header):
        return ""
    valued = words[0] in _DECLARING and "=" in header.split("(")[0]
    return words[-1] if words[-1].isidentifier() and not valued else ""


def _declares(words: Sequence[str], header: str) -> bool:
    """REVIEW-E142: git's hunk header declares something that is no function."""
    if words[0] in _PACKAGE or words[-1] in _DECLARING:
        return True
    return words[0] in _DECLARING and "(" not in header


# REVIEW-E424: a helper that defines a method on a prototype defines it, by the name of its
# function (the code blanks the string): `defineMethod(Foo.prototype, 'touch', function touch(`
PROTOTYPE_HELPER = re.compile(
    r"\s*[A-Za-z_$][\w$.]*\(\s*[A-Za-z_$][\w$]*\.prototype\s*,\s*(?:'[^']*'|\"[^\"]*\")"
    r"\s*,\s*(?:async\s+)?function\s*(?:\*\s*)?([A-Za-z_$][\w$]*)\s*\("
)
