"""How a line that names a name uses it (REVIEW-6): reads, calls, writes, defines or imports
it, through what (REVIEW-E22) and inside which call. Pure: one line of text in, a Use out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from specflow.languages import defining, generic
from specflow.languages.base import MUTATORS

# How a line uses a name: an import brings it into scope and neither reads nor writes it.
UseKind = Literal["read", "call", "write", "definition", "import"]


@dataclass(frozen=True)
class Use:
    path: str
    line: int
    function: str
    use: UseKind
    callee: str = ""
    text: str = ""
    producers: tuple[str, ...] = ()
    # the innermost class around it, where its file was read (REVIEW-E21): not what the use is
    owner: str | None = field(default=None, compare=False)
    # how the line names it (REVIEW-E22): "bare", through "self" (or `cls`) or an "other", as a
    # "keyword" argument or in a "string"
    spelled: frozenset[str] = field(default=frozenset(), compare=False)
    # whether its file, read, defines the name at its top level: a bare use is that definition's
    defined_here: bool = field(default=False, compare=False)
    # whether its file imports the name; None: its file was not read (REVIEW-E22)
    imported_here: bool | None = field(default=None, compare=False)


# REVIEW-E162: Go's `x := f()` and Python's walrus write `x`
_WRITE_AFTER = re.compile(r"\s*(?:\[[^\]]*\])?\s*(?:[-+*/%|&^:]|<<|>>|//|\*\*)?=(?!=)")
_GO_NAMES_AFTER = re.compile(r"(?:\s*,\s*[A-Za-z_]\w*)*\s*:?=(?!=)")  # `x, err := f()`
_GO_TYPED_AFTER = re.compile(r"(?:\s*,\s*[A-Za-z_]\w*)*(?:\s+[^=\n]*?)?\s*=(?!=)")
_GO_LEAD = re.compile(r"\s*(?:(?:if|for|switch)\s+)?(?:[A-Za-z_]\w*\s*,\s*)*\Z")
_GO_DECLARES = re.compile(r"\s*(?:var|const)\s+(?:[A-Za-z_]\w*\s*,\s*)*\Z")  # `var a, x`
_DEL_BEFORE = re.compile(r"\s*del\s+(?:[^,#]+,\s*)*(?:[\w.]*\.)?\Z")  # `del a, obj.NAME`
_DEL_AFTER = re.compile(r"(?:\s*\[[^\]]*\])?\s*(?:[,;#]|\Z)")  # `NAME`, `NAME[k]`, then
_ANNOTATED = re.compile(r"\s*:[^=:()]+=(?!=)")  # `_TOKENS: dict[str, str] = {}`
_MUTATION = re.compile(rf"\s*\.(?:{'|'.join(sorted(MUTATORS))})\s*\(")


@lru_cache(maxsize=1024)
def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.]){re.escape(name)}\b|(?<=\.){re.escape(name)}\b")


_IMPORT = re.compile(r"\s*(?:from\s+[\w.]+\s+)?import\s|\s*(?:import|export)\s.*\bfrom\s+['\"]")


def use_of(
    path: str, line: int, shown: str, name: str, function: str, code: str | None = None
) -> Use:
    """The use of `name` on a line, as its `code` (REVIEW-E49; else the line as `shown`) reads."""
    text = shown if code is None else code
    match = _name_pattern(name).search(text)
    at = match.end() if match else 0
    rest = text[at:]
    statement_start = text[: at - len(name)].strip() in ("", "self.", "cls.")
    mutation = _MUTATION.match(rest)
    kind: UseKind
    if defining.defined_at(text, path) == name:  # REVIEW-E208: a Rust struct's too
        kind, function = "definition", ""  # the function around it is not known here
    elif _IMPORT.match(text):
        kind = "import"  # a name brought into scope is neither read nor written there
    elif re.match(r"\s*\(", rest):
        kind = "call"
    elif _writes(path, text[: at - len(name)], rest, statement_start) or mutation:
        kind = "write"
    else:
        kind = "read"
    after = at + mutation.end() if mutation else at
    producers = tuple(generic.line_producers(text, after)) if kind == "write" else ()
    callee = _callee(text[: at - len(name)])
    spelled = _spelled(text, name, keys=not path.endswith((".py", ".pyi")))
    return Use(path, line, function, kind, callee, shown.strip()[:160], producers, spelled=spelled)


def _writes(path: str, before: str, rest: str, statement_start: bool) -> bool:
    if _WRITE_AFTER.match(rest) or (statement_start and _ANNOTATED.match(rest)):
        return True
    if path.endswith((".py", ".pyi")) and _DEL_BEFORE.match(before) and _DEL_AFTER.match(rest):
        return True  # REVIEW-E172: `del NAME` unbinds it (`del d[k]` changes d): no read
    return path.endswith(".go") and _go_declared(before, rest)


def _go_declared(before: str, rest: str) -> bool:
    """REVIEW-E162: a name among those a Go statement writes at once: `x, err := f()`,
    `a, b = b, a`, `if v, ok := m[k]; ok {`, `var x, y = 1, 2`, `var x T = f()`."""
    if _GO_DECLARES.match(before):
        return _GO_TYPED_AFTER.match(rest) is not None
    return _GO_LEAD.match(before) is not None and _GO_NAMES_AFTER.match(rest) is not None


_THROUGH_SELF = re.compile(r"(?<![\w.])(?:self|cls)\.$")
_KEYWORD_BEFORE, _KEYWORD_AFTER = re.compile(r"[(,]\s*$"), re.compile(r"\s*=(?!=)")
_KEY_AFTER = re.compile(r"\s*(?::(?![:=])|[,}])")  # `{data: 1}`, `const { timeout } =`


def _spelled(text: str, name: str, keys: bool = False) -> frozenset[str]:
    """How `text` names `name` (REVIEW-E22): "bare", through "self" (or `cls`), through an
    "other", as a "keyword" argument (`User(password_hash=...)`), in a "string", or (`keys`,
    REVIEW-E63) as a "key" in braces: `{data: 1}`, `Ctx{allowed: m}`, `const {timeout} =`."""
    found = set()
    for match in _name_pattern(name).finditer(text):
        before = text[: match.start()]
        if before.endswith("."):
            found.add("self" if _THROUGH_SELF.search(before) else "other")
        elif before.endswith(("'", '"')):
            found.add("string")  # `getattr(user, "password_hash")`, `__all__ = ["record"]`
        elif _KEYWORD_BEFORE.search(before) and _KEYWORD_AFTER.match(text, match.end()):
            found.add("keyword")
        elif keys and _KEY_AFTER.match(text, match.end()) and generic.in_braces(before):
            found.add("key")
        else:
            found.add("bare")
    return frozenset(found)


def _callee(before: str) -> str:
    """The call still open where the name appears: `verify(p, user.` → `verify`, never `if`."""
    stack: list[str] = []
    for match in re.finditer(r"([A-Za-z_][\w.]*)?\s*\(|\)", before):
        if match[0] == ")" and stack:
            stack.pop()
        elif match[0] != ")":
            stack.append("" if match[1] in defining.NOT_CALLS else match[1] or "")
    return next((name for name in reversed(stack) if name), "")
