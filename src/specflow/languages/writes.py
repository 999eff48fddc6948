"""The names a line of a language other than Python writes (REVIEW-5): an assignment, Go's
declarations (REVIEW-E162), a JavaScript or TypeScript module's bindings (REVIEW-E199), a Java
field's declaration with a value (REVIEW-E420). Pure."""

from __future__ import annotations

import re
from collections.abc import Iterator

from specflow.languages.javaforms import field_written

# REVIEW-E73: also after a condition or `else` on the same line: `if (opt.secure) str += '; Secure'`
WRITE = re.compile(
    r"(?:\.|^\s*|(?<=\))[ \t]*|\belse[ \t]+)([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*"
    r"(?:[-+*/%|&^]|<<|>>|:)?=(?![=>])"  # REVIEW-E162: Go's `x := f()` writes `x`
)


# REVIEW-E44: `const [a, setA] = ...` declares, `_ = try f()` discards: neither writes a name
NOT_WRITTEN = frozenset({"const", "let", "var", "val", "auto", "_"})


# REVIEW-E387: `result.length = len` truncates that array; every other `.length` read is another
# array's or string's, no reader of what the line writes
_BUILTIN_MEMBERS = frozenset({"length", "lastIndex"})


def line_writes(path: str, text: str) -> Iterator[tuple[str, int, bool]]:
    """The names a line writes, each with where the value written starts, and whether it is
    written through an object (`c.allowed = ...`)."""
    builtin = _BUILTIN_MEMBERS if path.endswith(SCRIPTS) else frozenset()
    for match in WRITE.finditer(text):
        through = match[0].startswith(".")
        if match[1] not in NOT_WRITTEN and not (through and match[1] in builtin):
            yield match[1], match.end(), through
    if path.endswith(".go") and (declared := _GO_WRITES.match(text)):
        for name in declared["names"].split(","):
            if (name := name.strip()) not in NOT_WRITTEN:
                yield name, declared.end(), False
    if path.endswith(SCRIPTS) and (bound := _MODULE_BINDING.match(text)):
        yield bound[1], bound.end(), False  # REVIEW-E199
    if path.endswith(".java") and (field := field_written(text)):
        yield *field, False  # REVIEW-E420


# REVIEW-E199: a JavaScript or TypeScript module's binding, at the top level (column 0):
# `const NAME_RE = /^[a-z]$/u;`, `export let count = 0`, `var SEP: string = "/"` write the
# name; a local (indented), a destructuring (`const { a } =`) and a function's value
# (`const f = (x) => x`, `= function`, which defines `f`) do not
SCRIPTS = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")
_MODULE_BINDING = re.compile(
    r"(?:export[ \t]+)?(?:declare[ \t]+)?(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*"
    r"(?::[^=\n]{0,200}?)?(?<![=!<>])=(?![=>])(?![ \t]*(?:async\b[ \t]*)?"
    r"(?:function\b|\([^()\n]*\)[ \t]*(?::[^=\n]{0,200})?=>|[A-Za-z_$][\w$]*[ \t]*=>))"
)


# REVIEW-E162: Go writes names WRITE does not: `a, err := f()`, `a, b = b, a`, `var x = f()`,
# `var x T = f()`, `const n = 3` (`x := f()` alone is WRITE's, its `:=` an operator)
_GO_WRITES = re.compile(
    r"\s*(?:(?:var|const)\s+(?P<declared>)|(?=\w+\s*,))"
    r"(?P<names>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)"
    r"(?(declared)(?:\s+[^=\n]*?)?|)\s*:?=(?!=)"
)


# REVIEW-E260: a name a script binds at its top level with `var`, `let` or `const` (not
# `export`ed) is its module's own: CommonJS and ES modules scope it to the file
_FILE_BINDING = re.compile(r"(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)")


def file_bound(path: str, text: str) -> str:
    """REVIEW-E260: the name a script's top-level line binds for its file alone, else ''."""
    found = _FILE_BINDING.match(text) if path.endswith(SCRIPTS) else None
    return found[1] if found else ""
