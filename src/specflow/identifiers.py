"""The identifiers a spec statement names: code spans, and words shaped like code. Pure."""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from specflow.callargs import without_arguments
from specflow.change import Hunk, Line
from specflow.headernames import header_names
from specflow.hunkcode import BARE, requoted
from specflow.languages.javaforms import THROWS  # REVIEW-E317
from specflow.templated import untemplated
from specflow.words import STOP_WORDS

CHAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
CODE_SPAN = re.compile(r"`([^`\n]+)`")
# words shaped like code: dotted, `call()`, snake_case, camelCase or CamelCase, HTTPAdapter
_SHAPED = re.compile(
    r"(?<![\w./-])"
    r"(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+(?:\(\))?"
    r"|[A-Za-z_]\w*\(\)"
    r"|_*[A-Za-z0-9]+_\w*"
    r"|[A-Za-z]*[a-z0-9][A-Z]\w*"
    r"|[A-Z]{2,}[a-z]\w*)"
    r"(?![\w/-])"
)
# REVIEW-E76: `name=value`, `Max-Age=0`, `a=1&b=2` show a format, not names; a keyword
# argument is code (`partial=True`, `unknown=RAISE`, `tz=dt.timezone.utc`, `minor=0`)
_FORMAT = re.compile(
    r"\A(?:([a-z][a-z0-9]*)=(?!(?:\1|true|false|null|nil|none)\Z)[a-z][a-z0-9]*"
    r"|[^()\s=]*[-&;][^()\s=]*=[^()\s=][^()\s]*|[^()\s=]+=[^()\s=]*[&;][^()\s]*)\Z"
)
# REVIEW-E229: a span without blanks, brackets or quotes, a scheme, `:` and a letter (`urn:uuid:`;
# not `Foo::Bar`, `pkg.cli:main`, `timeout:`) shows a format; `xxxx`, `YYYY` stand for a value
_SCHEMED = re.compile(r"\A(?!.*::)(?:[a-z][a-z0-9+-]*|[A-Z]+):(?=[A-Za-z])[^\s()\[\]{}\"'`]*\Z")
_PLACEHOLDER = re.compile(r"[0-9]*([A-Za-z])\1{2,}[0-9]*")
# REVIEW-E85: a string inside code (`RuntimeError("No response returned.")`) is a message,
# not names; a span that is only a string (`"chunked"`) still names what it holds
_QUOTED = re.compile(r"""[bBrRfFuU]{0,2}(?:"[^"]*"|'[^']*')""")


def _message_out(string: re.Match[str]) -> str:
    """REVIEW-E106: a string of words is a message; one without a space is a key that names
    what it holds (`os.environ["RETRIES"]` names `RETRIES`, as `settings.RETRIES` does)."""
    return " " if any(c.isspace() for c in string[0]) else string[0]


# REVIEW-E267: a span of two or more lowercase words alone is a message's (`jwt signature is
# required`), unless one is a keyword or a type: `import subprocess`, `unsafe fn` are code
_MESSAGE = re.compile(r"[a-z]+(?: [a-z]+)+")
_OPENERS = frozenset(
    re.findall(
        r"\w+",
        "as assert async await bool break byte case char class const continue def defer del"
        " delete elif else except export extends float fn for from func go if impl import in int"
        " lambda let mod mut new nil none null pub raise return select self str string struct"
        " switch throw try type typeof uint unsafe use var void while with yield",
    )
)

_FILE_SUFFIX = re.compile(r"\.(?:py|md|txt|rst|toml|cfg|ini|json|ya?ml|js|ts|html|sh)$")
_KEYWORDS = frozenset(keyword.kwlist) | {"self", "cls"}  # never an identifier worth linking
# REVIEW-E78: nor other languages' keywords and primitive types (`boolean` linked a Java
# rename to a spec that does not govern its file); `public`, `final`, `new` may name a property
_KEYWORDS |= {"boolean", "void", "char", "byte", "short", "long", "double", "null", "true"}
_KEYWORDS |= {"false", "this", "super", "var", "let", "const", "mut", "impl", "struct", "enum"}
_KEYWORDS |= {"interface", "extends", "implements", "throws", "instanceof", "typeof", "nil"}
# REVIEW-E127: JavaScript's and TypeScript's own: `chunk !== undefined` names no statement's
# `undefined`, as `null` names none; nor TypeScript's primitive types (`str: string`)
# REVIEW-E133: yet a statement's `infer()`, `switch()` or `string()` is a call of a function of
# that name (Python's, Ruby's): those are names when written so
_SCRIPT_KEYWORDS = frozenset({"undefined", "function", "switch", "debugger", "keyof", "infer"})
_SCRIPT_KEYWORDS |= {"satisfies", "string", "bigint"}
# REVIEW-E138: Ruby's (`check!(uri) unless redirect`), as REVIEW-E127 did for JavaScript's
_SCRIPT_KEYWORDS |= {"unless", "elsif", "begin", "rescue", "ensure", "until", "redo", "undef"}
_SCRIPT_KEYWORDS |= {"alias", "module", "end", "case"}
# Names every program calls (`split`, `join`, `get`): they link a hunk to a statement only when
# the hunk defines or writes them (`Markup.partition`). Builtins stay: a spec's `min` and `max`
# may be a strategy's own (tenacity), and rarity in the code already weighs them.
GENERIC_NAMES = frozenset().union(
    *(dir(kind) for kind in (str, bytes, list, dict, set, tuple, int, float, object))
)


# REVIEW-E204: a type's name of two letters in a code span (Rust's `Op`): a name, not a word
_SHORT_TYPE = re.compile(r"[A-Z][a-z0-9]")
_ARROW_BASE = re.compile(r"(?<![\w$])\$?[A-Za-z_]\w*\s*->\s*(?=[A-Za-z_])")  # REVIEW-E341


@lru_cache(maxsize=4096)
def identifiers(text: str) -> frozenset[str]:
    """The identifiers a statement names: code spans (each name in them), and outside them the
    words shaped like code: CamelCase, snake_case, dotted, or followed by `()`. A dotted name is
    also its last part (`users.password_hash` → `password_hash`)."""
    found: set[str] = set()
    text = untemplated(text)  # REVIEW-E321: `__%[1]s_debug` names no `s_debug`
    for span in CODE_SPAN.findall(text):
        if "/" in span or _FILE_SUFFIX.search(span.strip()) or _FORMAT.search(span):
            continue  # a path names files, not code: scope and `context` speak of files
        if _SCHEMED.search(span):
            continue  # REVIEW-E229: `urn:uuid:`, `mailto:user` show a format
        span = header_names(span, found)  # REVIEW-E404: `Content-Length` is one name
        if not _QUOTED.fullmatch(span.strip()):
            span = _QUOTED.sub(_message_out, span)
        span = without_arguments(span)  # REVIEW-E284: `encode($payload)` names no `$payload`
        span = _ARROW_BASE.sub("", span)  # REVIEW-E341: `tok->flags` names the member alone
        if _MESSAGE.fullmatch(span.strip()) and _OPENERS.isdisjoint(span.split()):
            continue  # REVIEW-E267: `invalid signature` is a message's words, no names
        for chain in CHAIN.finditer(span):
            called = span[chain.end() :].lstrip().startswith("(")
            if _PLACEHOLDER.fullmatch(chain[0]):
                continue  # REVIEW-E229: `xxxxxxxx-xxxx-...`, `10xxxxxx`, `YYYY` stand for a value
            if _worth(chain[0], called) or _SHORT_TYPE.fullmatch(chain[0]):
                found.add(chain[0])
                if span[chain.start() - 1 : chain.start()] == "$":  # REVIEW-E201: `$match()`
                    found.add(f"${chain[0]}")
    prose = CODE_SPAN.sub(" ", text)
    for word in _SHAPED.findall(prose):
        name = word.removesuffix("()")
        if _worth(name, word.endswith("()")) and not _FILE_SUFFIX.search(name):
            found.add(name)
    return frozenset(found)


_HYPHENED = re.compile(r"\b([A-Za-z])-(?=[A-Za-z]{3})")


def joined(text: str) -> str:
    """Prose writes `e-mail` where code writes `email`."""
    return _HYPHENED.sub(r"\1", text)


def code_shaped(name: str) -> bool:
    """`password_hash`, `HTTPDigestAuth`, `users.password_hash`: a name no prose word is; `sep`,
    `draft` or `file` may be a value or a word as well as a name."""
    return bool(_SHAPED.fullmatch(name)) and not name.endswith("()")


def shaped_only(text: str) -> str:
    """The text with only its words shaped like code (`HttpOnly`, `user_id`), the rest blank:
    prose, as a statement's is read (REVIEW-E137: a Ruby string's text)."""
    kept, at = [], 0
    for found in _SHAPED.finditer(text):
        kept.append(" " * (found.start() - at) + found[0])
        at = found.end()
    return "".join(kept) + " " * (len(text) - at)


def without_names(text: str) -> str:
    return _SHAPED.sub(" ", CODE_SPAN.sub(" ", text))


# REVIEW-E150: words another language reserves, which a Python or Ruby definition may be named
RESERVED_ELSEWHERE = (_KEYWORDS | _SCRIPT_KEYWORDS) - frozenset(keyword.kwlist) - {"self", "cls"}


_PYTHON_WORDS = frozenset(keyword.kwlist) | {"self", "cls"}


def _worth(name: str, called: bool = False) -> bool:
    """A name worth linking; REVIEW-E133: another language's keywords only as a call (`infer()`,
    REVIEW-E157: tomlkit's `boolean()`)."""
    last = name.rsplit(".", 1)[-1]
    if last in _PYTHON_WORDS or (last in RESERVED_ELSEWHERE and not called):
        return False
    # REVIEW-E219: a stop word written as code, dotted or called (`Factory.get()`, `get()`), is
    # a name; bare (`str`, `true`, `GET`) it is a type, a value or a word
    return len(last) >= 3 and (last.lower() not in STOP_WORDS or "." in name or called)


# REVIEW-E244: `at()`, `Job.to()` opening a statement: a call too short to be a name anywhere
# (`_worth`: `at` is a word), but what the statement speaks of
_SHORT_CALL = re.compile(r"\s*`\s*((?:[A-Za-z_]\w*\.)?([A-Za-z]{2}))\(\)\s*`")


@lru_cache(maxsize=4096)
def short_call(text: str) -> str | None:
    """REVIEW-E244: the call a statement opens with (`at()` is accepted only for ...), when its
    name is too short to link in a hunk's text; one it names in passing ("a daily job with
    `at()`") is not what it speaks of."""
    call = _SHORT_CALL.match(text)
    if call is None or call[2] in _PYTHON_WORDS or _worth(call[1], called=True):
        return None
    return call[1]


def short_index(texts: Iterable[str]) -> dict[str, list[int]]:
    """REVIEW-E244: each short call a text opens with (`at()`, `Job.at()`) → those texts."""
    found: dict[str, list[int]] = {}
    for at, text in enumerate(texts):
        if name := short_call(text):
            found.setdefault(name, []).append(at)
    return found


def qualified(enclosing: tuple[str, ...]) -> list[str]:
    """The definitions around a hunk, a method every class may define (`__hash__`, `get`) only
    with its class (`Version.__hash__`): a statement naming `__hash__()` alone says nothing of
    every `__hash__`."""
    names = []
    for at, name in enumerate(enclosing):
        if not every_class_may_define(name):
            names.append(name)
        elif at:
            names.append(f"{enclosing[at - 1]}.{name}")
    return names


def every_class_may_define(name: str) -> bool:
    """A dunder (`__init__`, `__hash__`) or a method of a builtin type (`get`, `pop`): by its
    name alone, one class's is every other's."""
    return dunder(name) or name.rsplit(".", 1)[-1] in GENERIC_NAMES


# REVIEW-E15: the attributes Python gives a meaning in every module or class: one module's
# `__all__` is read by no other module's code that names it
LANGUAGE_ATTRIBUTES = frozenset(
    {
        "__all__",
        "__annotations__",
        "__author__",
        "__class__",
        "__dict__",
        "__doc__",
        "__file__",
        "__hash__",
        "__match_args__",
        "__module__",
        "__name__",
        "__package__",
        "__path__",
        "__qualname__",
        "__slots__",
        "__spec__",
        "__version__",
        "__weakref__",
    }
)


def private(name: str) -> bool:
    """`__links`: a class's own, spelled `_Class__links` outside it (name mangling)."""
    last = name.rsplit(".", 1)[-1]
    return last.startswith("__") and not last.endswith("__")


def dunder(name: str) -> bool:
    """`__init__`, `__setitem__`: called through syntax (`Cache(10)`, `c[k] = v`)."""
    last = name.rsplit(".", 1)[-1]
    return last.startswith("__") and last.endswith("__")


_IMPORT = re.compile(r"\s*(?:from\s+\S+\s+)?import\b")


def code_names(text: str) -> list[str]:
    """The identifiers of code: each dotted chain, and each of its parts, in the order they
    come (so the names a link shows come in the same order on every run); none that only an
    import names (REVIEW-E6): importing a name does not change what it does. The words of an
    import still count: `hashkey as _defaultkey` says what the key now is."""
    chains = dict.fromkeys(CHAIN.findall(_without_imports(text)))
    parts = (part for chain in chains if "." in chain for part in chain.split("."))
    found = list(dict.fromkeys([*chains, *parts]))
    bound = loop_bound(text)
    if not bound:
        return found
    through = {part for chain in chains for part in chain.split(".")[1:]}
    return [name for name in found if name not in bound or name in through]


# REVIEW-E131: `for name, value in`, in a loop or a comprehension, and `lambda name, key=1:`
_FOR = r"for\s+(\(?\s*\*?\w+(?:\s*\)?\s*,\s*\(?\s*\*?\w+)*\s*,?\s*\)?)\s+in\b"
_FOR_TARGETS = re.compile(r"\b" + _FOR)
# SPEED: a literal first lets `re` skip ahead to each `for`; a leading `\b` is tried at every
# character (13 times slower on a hunk of prose): the loop is searched for only where this finds one
_FOR_SOMEWHERE = re.compile(_FOR)
_LAMBDA = re.compile(r"\blambda\b([^:\n]*):")
# REVIEW-E316: Java's enhanced `for (Long aud : values)`, `for (final Map.Entry<K, V> e : m)`
_TYPED_FOR = re.compile(r"for\s*\(\s*(?:final\s+)?[\w.]+(?:<[^;:()]*>)?(?:\[\])*\s+(\w+)\s*:(?!:)")


def loop_bound(text: str) -> frozenset[str]:
    """REVIEW-E131: the names a loop, a comprehension or a lambda of the code binds (its
    comment lines apart): locals there, never the attribute or the function a statement names,
    unless the code also reaches that name through an object (`self.name`)."""
    if "for" not in text and "lambda" not in text:
        return frozenset()
    code = "\n".join(line for line in text.split("\n") if line.lstrip()[:1] not in ("#", "/", "*"))
    loops = _FOR_TARGETS.findall(code) if _FOR_SOMEWHERE.search(code) else ()
    found = {name for targets in loops for name in BARE.findall(targets)}
    found.update(_TYPED_FOR.findall(code) if ":" in code else ())
    for parameters in _LAMBDA.findall(code) if "lambda" in code else ():
        found.update(m[0] for p in parameters.split(",") if (m := BARE.findall(p.split("=")[0])))
    return frozenset(found)


def hunk_text(hunk: Hunk, quiet: frozenset[Line] = frozenset()) -> str:
    """The hunk's changed lines, but `quiet` ones, as evidence (`read_as_code`)."""
    quiet = quiet | requoted(hunk)  # REVIEW-E226: a docstring's quotes alone
    lines: Iterable[str] = (line.text for line in (*hunk.added, *hunk.removed) if line not in quiet)
    own = _LANGUAGE_WORDS.get(hunk.path.rsplit(".", 1)[-1])
    if hunk.path.endswith(".go"):  # REVIEW-E194
        lines = map(_go_code, lines)
    elif own is not None:  # REVIEW-E138, REVIEW-E147
        words, comment = own
        lines = (
            text if text.lstrip().startswith(comment) else words.sub(" ", text) for text in lines
        )
    return read_as_code("\n".join(lines))


def named_text(hunk: Hunk, text: str) -> str:
    """The hunk's text (`hunk_text`'s) as the names its code names read it: in Ruby, without
    the text of its strings (REVIEW-E137: `'Content-Type'` names no `Content`)."""
    if not hunk.path.endswith(".rb") or ("'" not in text and '"' not in text and "%" not in text):
        return text
    from specflow.languages.rbstrings import code_of  # off the other languages' path

    return code_of(text)


# REVIEW-E147: Rust's keywords and primitive types, which every Rust program writes: no name
# nor word a Rust hunk shares with a statement (`usize` linked three statements to 1091f2c)
_RUST_WORDS = re.compile(
    r"(?<![\w#])(?:as|async|await|break|const|continue|crate|dyn|else|enum|extern|false|fn|for"
    r"|if|impl|in|let|loop|match|mod|move|mut|pub|ref|return|Self|static|struct"
    r"|trait|true|type|unsafe|use|where|while|box|yield|macro_rules"
    r"|[ui](?:8|16|32|64|128|size)|f32|f64|str|bool|char)(?!\w)"
)


# REVIEW-E138: Ruby's keywords, which every Ruby program writes: no word a Ruby hunk shares with
# a statement (`unless` asked REQ-4), though "until" and "end" are words of English prose
_RUBY_WORDS = re.compile(
    r"(?<![\w:@$])(?:unless|elsif|begin|rescue|ensure|until|end|nil|redo|undef)(?![\w?!:])"
)


# REVIEW-E194: Go's keywords, predeclared types and the builtins every Go program calls, as
# REVIEW-E147's are Rust's: `[]map[string]any`, `for _, x := range xs`, `err != nil`, a result of
# type `error` (`errors.New`, `.Error()` keep theirs); `panic`, `recover`, `close`, `copy`,
# `delete`, `clear`, `min`, `max` say what the code does, and stay words
_GO_WORDS = (
    r"break|case|chan|const|continue|default|defer|else|fallthrough|for|func|go|goto|if|import"
    r"|interface|map|package|range|return|select|struct|switch|type|var"
    r"|any|bool|byte|comparable|complex(?:64|128)|error|float(?:32|64)|u?int(?:8|16|32|64|ptr)?"
    r"|rune|string|true|false|iota|nil|append|cap|len|make|new"
)
# a string literal, a rune or a comment is kept as written: its words are prose
_GO_CODE = re.compile(
    r"\"(?:\\.|[^\"\\\n])*\"|`[^`]*`|'(?:\\.|[^'\\\n])*'|//.*|/\*.*?(?:\*/|$)"
    rf"|(?<![\w.])(?:{_GO_WORDS})(?!\w)"
)


def _go_code(text: str) -> str:
    """A line of Go without its keywords, predeclared types and common builtins (REVIEW-E194),
    a method's receiver apart first (REVIEW-E61); its strings and comments as written."""
    if text.lstrip().startswith(("//", "*", "/*")):
        return text
    text = _RECEIVER.sub(r"\1", text) if "func" in text else text
    return _GO_CODE.sub(lambda found: found[0] if found[0][0] in "\"`'/" else " ", text)


# A hunk's lines in these languages lose the words every program of theirs writes, but comments
_LANGUAGE_WORDS = {"rs": (_RUST_WORDS, "//"), "rb": (_RUBY_WORDS, "#"), "java": (THROWS, "//")}


def read_as_code(text: str) -> str:
    """A hunk's lines as evidence: without the messages of logging calls, nor a Go method's
    receiver (REVIEW-E61: `func (mx *Mux) Query(` names its type in every method, which says
    nothing of what the method does)."""
    text = without_messages(untemplated(text))  # REVIEW-E321
    return _RECEIVER.sub(r"\1", text) if "func" in text else text


_RECEIVER = re.compile(r"^([ \t]*func[ \t]*)\([^)\n]*\)(?=[ \t]*\w+[ \t]*[(\[])", re.M)


def _without_imports(text: str) -> str:
    """The lines that are no import; an import's parenthesised names run to its closing
    parenthesis."""
    if "import" not in text:
        return text
    kept = []
    inside = False
    for line in text.split("\n"):
        if inside:
            inside = ")" not in line
        elif _IMPORT.match(line):
            inside = "(" in line and ")" not in line
        else:
            kept.append(line)
    return "\n".join(kept)


# `import (` (a literal first lets `re` skip ahead fast), then the line is checked from its start
_IMPORT_PAREN = re.compile(rb"import[ \t]*\(")
_IMPORT_LINE = re.compile(rb"[ \t]*(?:from[ \t]+\S+[ \t]+)?import[ \t]*\(")


def imported_lines(hunks: Sequence[Hunk], old: bytes | None, new: bytes | None) -> frozenset[Line]:
    """The changed lines of a Python file that lie inside a parenthesised import below its
    opening line (REVIEW-E6: they only import)."""
    found: set[Line] = set()
    removed = [line for hunk in hunks for line in hunk.removed]
    added = [line for hunk in hunks for line in hunk.added]
    for source, lines in ((old, removed), (new, added)):
        spans = list(_import_spans(source)) if source and lines else []
        found.update(line for line in lines if any(a < line.number <= b for a, b in spans))
    return frozenset(found)


def _import_spans(source: bytes) -> Iterator[tuple[int, int]]:
    """The first and last line of each parenthesised import."""
    line, at = 1, 0
    for opening in _IMPORT_PAREN.finditer(source):
        start = source.rfind(b"\n", 0, opening.start()) + 1
        if not _IMPORT_LINE.match(source, start):
            continue
        line += source.count(b"\n", at, start)
        at = start
        closing = source.find(b")", opening.end())
        if closing < 0:
            return
        yield line, line + source.count(b"\n", start, closing)


# a call that logs or warns: its message is prose for a user reading a log, not code (REVIEW-E20)
_LEVEL = r"\.(?:debug|info|warning|warn|error|exception|critical|log)\s*\("
_MESSAGE_CALL = re.compile(  # not `catalog` (REVIEW-E12); `logger()` returns one
    r"\b(?:_*(?:\w+_)?(?:log|logger|logging)(?:\(\))?|getLogger\([^()]*\)|warnings)" + _LEVEL,
    re.IGNORECASE,
)
_MESSAGE_METHOD = re.compile(_LEVEL, re.IGNORECASE)  # a hundred times faster to rule a hunk out
_CALL_PARTS = re.compile(r"""[rRbBuUfF]{0,2}(?:"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')|[()]""")


def without_messages(text: str) -> str:
    """The text with the strings of each logging or `warnings.warn` call emptied, to the call's
    closing parenthesis (over lines; an f-string's fields with it); its other arguments stay."""
    if "(" not in text or not _MESSAGE_METHOD.search(text):
        return text
    call = _MESSAGE_CALL.search(text)
    while call:
        kept, depth, at = [text[: call.end()]], 1, call.end()
        for part in _CALL_PARTS.finditer(text, call.end()):
            kept.append(text[at : part.start()])
            piece, at = part.group(), part.end()
            depth += {"(": 1, ")": -1}.get(piece, 0)
            kept.append(piece if piece in "()" else '""')
            if depth == 0:
                break
        done = "".join(kept)
        text = done + text[at:]
        call = _MESSAGE_CALL.search(text, len(done))
    return text
