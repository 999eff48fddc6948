"""`specflow new`: a spec file name, its ID, and a Context drafted from the code in scope."""

from __future__ import annotations

import ast
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from specflow.commands.cdraft import c_functions
from specflow.commands.cppdraft import CPP_DRAFTED, cpp_members, is_cpp
from specflow.commands.csdraft import cs_members
from specflow.commands.docsummary import doc_comment as _doc_comment
from specflow.commands.docsummary import javadoc, javadoc_text
from specflow.commands.docsummary import summary as _summary
from specflow.commands.jsexports import js_exports, js_reexports
from specflow.commands.ktdraft import kt_members
from specflow.commands.rubyphp import php_defined, ruby_comment, ruby_defined
from specflow.errors import SpecflowError
from specflow.globs import CODE_SUFFIXES, KOTLIN_PATHS
from specflow.ids import SPEC_ID_RE
from specflow.languages.defining import TYPESCRIPT_PATHS
from specflow.languages.pysource import parse

MAX_SLUG = 60
MAX_DRAFTED_FILES = 40
MAX_SYMBOLS = 12
_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "with",
        "and",
        "or",
        "to",
        "in",
        "on",
        "add",
        "adding",
        "new",
        "support",
    ]
)


@dataclass(frozen=True)
class Symbol:
    signature: str
    summary: str


@dataclass(frozen=True)
class DraftedModule:
    path: str
    summary: str = ""
    note: str = ""
    symbols: tuple[Symbol, ...] = field(default_factory=tuple)
    more: tuple[str, ...] = ()  # the names past MAX_SYMBOLS, drafted on one line, each once
    times: tuple[int, ...] = ()  # NEW-E29: how many of them each name of `more` is (overloads)


def slugify(title: str, spec_id: str | None = None) -> str:
    """A file name stem that cannot leave `specs/`: ASCII words joined by dashes (NEW-3); from
    `spec_id` when the title has none (NEW-E6: `new "日本語の仕様" --id JP` is `jp.md`)."""
    slug = _ascii_words(title) or _ascii_words(spec_id or "")
    if not slug:
        raise SpecflowError(
            f"cannot make a file name from the title {title!r}; use a title with ASCII "
            "letters or digits, or give --id (the heading may add any text later)"
        )
    # specs/README.md is the guide `init` writes, never read as a spec.
    return "readme-spec" if slug == "readme" else slug


def _ascii_words(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:MAX_SLUG].strip("-")


def derive_id(slug: str) -> str:
    """`password-reset` → `PASSWORD-RESET`; long titles keep their first two significant words."""
    words = [word for word in slug.split("-") if word not in _STOP_WORDS] or slug.split("-")
    candidate = "-".join(words[:2]).upper().lstrip("-0123456789")
    return candidate or "SPEC"


def check_id(spec_id: str) -> str:
    """`--id` as given, or an error that shows what a spec id looks like."""
    if not SPEC_ID_RE.match(spec_id):
        raise SpecflowError(
            f"--id {spec_id!r} must be capitals and digits with inner dashes, like RESET or AUTH-2"
        )
    return spec_id


def draft_context(
    paths: Sequence[str], read: Callable[[str], bytes | None]
) -> tuple[list[DraftedModule], int]:
    """NEW-4: one draft statement per file in scope; Python modules list their public API.

    Only the Python modules among the first MAX_DRAFTED_FILES are read (`read` gives None when
    one cannot be), so `--scope '**'` in a large repository stays quick. Modules are parsed
    with `ast`, never imported. Returns the drafts and how many more files are in scope.
    """
    drafted = [_draft(path, read) for path in paths[:MAX_DRAFTED_FILES]]
    return drafted, max(0, len(paths) - MAX_DRAFTED_FILES)


def _draft(path: str, read: Callable[[str], bytes | None]) -> DraftedModule:
    if not path.endswith((".py", *CODE_SUFFIXES)):
        return DraftedModule(path)
    data = read(path)
    if data is None:
        return DraftedModule(path, note="could not be read")
    if path.endswith((".rb", ".php")):  # NEW-E26
        return _ruby_or_php(path, data.decode("utf-8", "replace").split("\n"))
    if path.endswith(CPP_DRAFTED) or (path.endswith(".h") and is_cpp(data)):  # NEW-E38
        return _with_symbols(path, "", tuple(Symbol(*member) for member in cpp_members(data)))
    if path.endswith((".c", ".h")):  # NEW-E30
        lines = data.decode("utf-8", "replace").split("\n")
        found_c = c_functions(lines, header=path.endswith(".h"))
        return _with_symbols(path, "", tuple(_c_symbols(lines, found_c)))
    if path.endswith(KOTLIN_PATHS):  # NEW-E34
        return _with_symbols(path, "", _overloads_once(Symbol(*m) for m in kt_members(data)))
    if path.endswith(".cs"):  # NEW-E35
        return _with_symbols(path, "", tuple(Symbol(*member) for member in cs_members(data)))
    if not path.endswith(".py"):
        text = data.decode("utf-8", "replace")
        found = exported(text, go=path.endswith(".go"), rust=path.endswith(".rs"))
        if path.endswith(TYPESCRIPT_PATHS):  # NEW-E27
            return _with_symbols(path, "", _overloads_once(found))
        return _with_symbols(path, "", tuple(found))
    tree = parse(data, path)
    if tree is None:  # NEW-E1: a module that does not parse is listed, not fatal
        return DraftedModule(path, note="could not be parsed as Python")
    symbols = tuple(_symbols(tree))
    symbols += tuple(_exports(tree, {symbol.signature.split("(")[0] for symbol in symbols}))
    return _with_symbols(path, _summary(ast.get_docstring(tree)), symbols)


def _c_symbols(lines: Sequence[str], found: Iterable[tuple[str, int]]) -> Iterator[Symbol]:
    """NEW-E30: each C function once (a header's prototype and its definition alike)."""
    seen: set[str] = set()
    for signature, number in found:
        if signature.split("(")[0] not in seen:
            seen.add(signature.split("(")[0])
            yield Symbol(signature, _summary(_doc_comment(lines, number)))


def _overloads_once(symbols: Iterable[Symbol]) -> tuple[Symbol, ...]:
    """NEW-E27: TypeScript's overload signatures and the implementation below them are one
    function: drafted once, at its first signature, with the first comment any of them has."""
    kept: dict[str, Symbol] = {}
    for symbol in symbols:
        first = kept.setdefault(_name(symbol), symbol)
        if not first.summary and symbol.summary:
            kept[_name(symbol)] = Symbol(first.signature, symbol.summary)
    return tuple(kept.values())


def _ruby_or_php(path: str, lines: Sequence[str]) -> DraftedModule:
    ruby = path.endswith(".rb")
    found, above = (ruby_defined, ruby_comment) if ruby else (php_defined, _doc_comment)
    symbols = (Symbol(signature, _summary(above(lines, n))) for signature, n in found(lines))
    return _with_symbols(path, "", tuple(symbols))


def _with_symbols(path: str, summary: str, symbols: tuple[Symbol, ...]) -> DraftedModule:
    """NEW-E8: a name left out could be the one the spec is about: the rest are named, not
    counted; one left over costs no more as its own line than on the `Also:` line."""
    cut = len(symbols) if len(symbols) <= MAX_SYMBOLS + 1 else MAX_SYMBOLS
    more = Counter(_name(symbol) for symbol in symbols[cut:])  # NEW-E29: `withClaim` once
    return DraftedModule(path, summary, "", symbols[:cut], tuple(more), tuple(more.values()))


# NEW-E9: what other code exports, at a line's start: TypeScript and JavaScript's `export`,
# Go's capitalised functions, methods and types, Rust's `pub`, and `public` classes
_EXPORTED = re.compile(
    r"export\s+(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?"
    r"(?P<kind>function\*?|class|interface|type|enum|const|let)\s+(?P<name>[A-Za-z_$][\w$]*)"
    r"|func\s+(?:\(\s*\w*\s*\*?(?P<owner>\w+)[^)]*\)\s*)?(?P<go>[A-Z]\w*)"
    r"|type\s+(?P<gotype>[A-Z]\w*)\s+(?P<gokind>struct|interface)"
    r"|pub(?:\([^)]*\))?\s+(?:(?:async|const|unsafe|extern\s+\"\w*\")\s+)*"  # REVIEW-E70
    r"(?P<rskind>fn|struct|enum|trait|type)\s+(?P<rs>\w+)"
    r"|public\s+(?:(?:static|final|abstract)\s+)*(?P<jkind>class|interface|enum|record)\s+(?P<j>\w+)"
)
# NEW-E31: a Rust file's private items too (`fn parse_ipv4addr(`, `const FRAGMENT: ...`, a
# method of an inherent `impl`): a spec names them as it names the public ones
_RUST_ITEM = re.compile(
    _EXPORTED.pattern.replace(r"|pub(?:\([^)]*\))?\s+", r"|(?:pub(?:\([^)]*\))?\s+)?", 1).replace(
        r"(?P<rskind>fn|struct|enum|trait|type)\s+",
        r"(?P<rskind>fn|struct|enum|trait|type|const|static)\s+(?:mut\s+)?",
    )
)
_MACRO_TYPE = re.compile(r"\s+pub\s+(?P<kind>enum|struct)\s+(?P<name>[A-Za-z_]\w*)")
_OPENS = re.compile(r"\s*=\s*(?:async\s*)?\(")  # `= (` with the arguments on the lines below
_ARGUMENTS = re.compile(r"\s*(?:<[^>(]*>)?\s*(?:=\s*(?:async\s*)?)?\(([^()]*)\)")
# NEW-E12: the type whose methods an inherent `impl` block defines (`impl<'a> Request<'a> {`);
# a trait's `impl ... for T` defines no `pub fn`
_IMPL = re.compile(
    r"(?:unsafe\s+)?impl(?:<(?:[^<>]|<(?:[^<>]|<[^<>]*>)*>)*>)?\s+(?:\w+::)*(?P<type>\w+)(?P<rest>.*)"
)
_SELF = re.compile(r"&?(?:'\w+\s+)?(?:mut\s+)?self\b(?:\s*:[^,]*)?(?:,\s*|$)")
# REVIEW-E78: a public method of a Java class, drafted by its class as Go's are by their type
_JAVA_METHOD = re.compile(
    r"\s+public\s+(?:(?:static|final|abstract|synchronized|default)\s+)*(?:<[^>]*>\s+)?"
    r"[\w.$]+(?:<[^()]*?>)?(?:\[\])*\s+(?P<name>\w+)\s*\((?:(?P<args>[^()]*)\))?"
)


# NEW-E18: Go's other exported declarations: a named type that is no struct or interface
# (`type Level uint32`, `type Fields map[string]any`, an alias `type A = B`), and a constant or
# variable, alone (`const X = 1`, `var AllLevels = ...`) or in a `const (` or `var (` block
_GO_TYPE = re.compile(
    r"type\s+(?P<name>[A-Z]\w*)\b(?:\[[^\]]*\])?\s*=?\s*(?!struct\b|interface\b)\S"
)
_GO_VALUE = re.compile(r"(?P<kind>const|var)\s+(?P<name>[A-Z]\w*)\b")
_GO_BLOCK = re.compile(r"(?:const|var)\s*\(\s*(?://.*)?$")
_GO_MEMBER = re.compile(r"\s+(?P<name>[A-Z]\w*)\b(?!\s*[(:.])")


def _go_declared(line: str, block: bool) -> tuple[bool, str]:
    """NEW-E18: whether the next line is inside a `const (` or `var (` block, and what exported
    name this line declares that `_EXPORTED` does not (`type Level`, `PanicLevel`), or ""."""
    if block:
        if line.startswith(")"):
            return False, ""
        member = _GO_MEMBER.match(line)
        return True, member["name"] if member else ""
    found = _GO_TYPE.match(line) or _GO_VALUE.match(line)
    if found is None:
        return bool(_GO_BLOCK.match(line)), ""
    return False, found["name"] if found.re is _GO_VALUE else f"type {found['name']}"


def exported(text: str, go: bool = False, rust: bool = False) -> Iterator[Symbol]:
    """Each exported definition of a file in another language than Python, with the first
    sentence of the comment right above it (`//` lines, or a `/** */` block); `go`: a Go file's
    other exported types, constants and variables too (NEW-E18), in the file's order, but
    constants and variables after its functions and types (NEW-E22); `rust`: a Rust file's
    private items and the types its macros define too (NEW-E31), its constants last."""
    lines = text.split("\n")
    block = False  # NEW-E18: inside Go's `const (` or `var (`
    values: list[Symbol] = []  # NEW-E22: Go's constants and variables, drafted last
    owner = ""  # the Rust `impl` block a line is in
    classes: list[tuple[int, str]] = []  # NEW-E28: the Java classes a line is in
    items = _RUST_ITEM if rust else _EXPORTED  # NEW-E31
    macro = False  # NEW-E31: inside Rust's `macro_rules!`
    for number, line in enumerate(lines):
        owner = _impl_owner(line, owner)
        found = items.match(line)
        macro = rust and (line.startswith("macro_rules!") or (macro and not line.startswith("}")))
        if macro and (typed := _MACRO_TYPE.match(line)):
            yield Symbol(f"{typed['kind']} {typed['name']}", _summary(_doc_comment(lines, number)))
        java = _java_owner(line, classes)
        if java and (method := _JAVA_METHOD.match(line)):
            shown = " ".join(method["args"].split()) if method["args"] is not None else "..."
            signature = f"{java}.{method['name']}({shown})"
            yield Symbol(signature, _javadoc_summary(lines, number))
        if found and found["rskind"] in ("const", "static"):  # NEW-E31: as Go's, last
            values.append(Symbol(found["rs"], _summary(_doc_comment(lines, number))))
        elif found is None and owner and line[:1].isspace():
            method = items.match(line.lstrip())
            if method and method["rskind"] == "fn":
                signature = _signature(method, line.lstrip(), f"{owner}::")
                yield Symbol(signature, _summary(_doc_comment(lines, number)))
        elif found and (found["owner"] or "X")[0].isupper():  # NEW-E22: `invalidLengthError.Is`
            about = _javadoc_summary if found["j"] else _comment_summary
            yield Symbol(_signature(found, line), about(lines, number))
        declared = ""
        if go:
            block, declared = _go_declared(line, block)
        if declared.startswith("type "):
            yield Symbol(declared, _summary(_doc_comment(lines, number)))
        elif declared:
            values.append(Symbol(declared, _summary(_doc_comment(lines, number))))
    yield from values
    exports = (
        Symbol(signature, _summary(_doc_comment(lines, number)))
        for signature, number in js_exports(text, lines)
    )
    yield from dict.fromkeys(exports)
    yield from (Symbol(name, f"from `{origin}`") for name, origin in js_reexports(text))


def _comment_summary(lines: Sequence[str], number: int) -> str:
    return _summary(_doc_comment(lines, number))


def _javadoc_summary(lines: Sequence[str], number: int) -> str:
    """NEW-E39: a Java declaration's, from its Javadoc alone, its tags and HTML as words."""
    return _summary(javadoc_text(javadoc(lines, number)))


# NEW-E28: a Java class, nested or not: `    public static class Builder {`
_JAVA_CLASS = re.compile(
    r"(\s*)((?:(?:public|protected|private|static|final|abstract|sealed)\s+)*)"
    r"(?:class|interface|enum|record)\s+(\w+)"
)


def _java_owner(line: str, classes: list[tuple[int, str]]) -> str:
    """NEW-E28: the public Java class whose members `line` declares, nested ones by their
    outer class (`JWTCreator.Builder`), "" in a class that is not public; `classes` holds the
    classes above, by indentation, and is kept."""
    if not line.strip() or line.lstrip().startswith(("*", "/", "@", "}")):
        return classes[-1][1] if classes else ""
    indent = len(line) - len(line.lstrip())
    while classes and classes[-1][0] >= indent:
        classes.pop()
    outer = classes[-1][1] if classes else ""
    if declared := _JAVA_CLASS.match(line):
        public = "public" in declared[2].split() and (outer or not classes)
        classes.append((indent, f"{outer}.{declared[3]}".lstrip(".") if public else ""))
    return outer


def _impl_owner(line: str, owner: str) -> str:
    """NEW-E12: the type of the `impl` block that `line` opens or stays in, "" outside one."""
    if line.startswith("}"):
        return ""
    if not re.match(r"(?:unsafe\s+)?impl\b", line):
        return owner
    found = _IMPL.match(line)
    if found is None or re.search(r"\bfor\s|}\s*$", found["rest"]):  # a trait's, or `{}`
        return ""
    return found["type"]


def _signature(found: re.Match[str], line: str, owner: str = "") -> str:
    """`f(a, b)` for a function (`f(...)` when its arguments span lines), `Mux.Use(...)` for a
    Go method, `Request::new()` for a Rust one, `class C`, `type T`, `interface I`, or a
    constant's name."""
    kind = found["kind"] or found["gokind"] or found["rskind"] or found["jkind"] or "func"
    name = found["name"] or found["go"] or found["gotype"] or found["rs"] or found["j"]
    if kind in ("class", "interface", "type", "enum", "struct", "trait", "record"):
        # NEW-E12: Go declares a struct by `type`; Rust by `struct`, and its `type` is an alias
        return f"{'type' if found['gokind'] == 'struct' else kind} {name}"
    arguments = _ARGUMENTS.match(line, found.end())
    if arguments is None and kind in ("const", "let") and not _OPENS.match(line, found.end()):
        return name
    shown = " ".join(arguments[1].split()) if arguments else "..."
    receiver = _SELF.match(shown) if owner else None
    if receiver:  # a Rust method's `&self` is its owner, as a Python method's `self` is
        shown = shown[receiver.end() :]
    owner = owner or (f"{found['owner']}." if found["owner"] else "")
    return f"{owner}{name}({shown})"


def _name(symbol: Symbol) -> str:
    """`f(a, b)` → `f`, `class C` → `C`."""
    return symbol.signature.split("(")[0].removeprefix("class ")


def _symbols(tree: ast.Module) -> Iterable[Symbol]:
    """The module's public functions and classes, then each public class's public methods
    (NEW-E17): a class-based module's API is its methods."""
    classes: list[ast.ClassDef] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if not node.name.startswith("_"):
                yield Symbol(f"{node.name}({_arguments(node.args)})", _docstring(node))
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            yield Symbol(f"class {node.name}", _docstring(node))
            classes.append(node)
    for owner in classes:
        yield from _methods(owner)


def _methods(owner: ast.ClassDef) -> Iterable[Symbol]:
    """NEW-E17: `Source.consume(chars, min, max)` for each public method of a public class,
    `Source.state` for a property, with the first sentence of its docstring."""
    seen: set[str] = set()  # an `@overload` stub and its body, a property and its setter
    for node in owner.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or node.name in seen:
            continue
        seen.add(node.name)
        if node.name.startswith("_"):
            continue  # private, and the dunders Python calls for an operator or a protocol
        name = f"{owner.name}.{node.name}"
        if not _is_property(node):
            name += f"({_arguments(node.args)})"
        yield Symbol(name, _docstring(node))


def _is_property(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    names = (getattr(d, "id", None) or getattr(d, "attr", None) for d in node.decorator_list)
    return any(name in ("property", "cached_property") for name in names)


def _exports(tree: ast.Module, defined: set[str]) -> Iterable[Symbol]:
    """NEW-E7: the names a literal `__all__` lists that the module does not define itself (a
    package's `__init__.py` re-exports its API), each with the module it imports it from."""
    listed = [
        element.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets)
        and isinstance(node.value, (ast.List, ast.Tuple))
        for element in node.value.elts
        if isinstance(element, ast.Constant) and isinstance(element.value, str)
    ]
    origins = {
        (alias.asname or alias.name): "." * node.level + (node.module or "")
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    for name in dict.fromkeys(listed):
        if name not in defined and f"class {name}" not in defined:
            origin = origins.get(name)
            yield Symbol(name, f"from `{origin}`" if origin else "")


def _arguments(args: ast.arguments) -> str:
    """NEW-E21: `*cls` and `**kw` as written (`recurse(*cls)` drafted as `recurse()`)."""
    names = [arg.arg for arg in (*args.posonlyargs, *args.args)]
    names += [f"*{args.vararg.arg}"] if args.vararg else []
    names += [arg.arg for arg in args.kwonlyargs]
    names += [f"**{args.kwarg.arg}"] if args.kwarg else []
    return ", ".join(name for name in names if name not in ("self", "cls"))


def _docstring(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> str:
    return _summary(ast.get_docstring(node))
