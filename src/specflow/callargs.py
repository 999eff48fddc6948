"""What of a statement's quoted call is no name it speaks of. Pure."""

from __future__ import annotations

import re

from specflow.model import DRAFT_MARKER

# REVIEW-E284: one argument of a quoted call that is a variable (`Jwt::encode($payload, $key)`,
# `f(&$out, ...$rest)`): its type before it (`array $jwk`) stays, as does any argument without a
# `$` (`pack(items)`, `load(strict=True)`): measured, a bare name of Python or JavaScript is
# often what the statement speaks of (`str(value)`, `key(self, *args)`, `merge(target, source)`)
_TYPE = r"[A-Za-z_\\?][\w\\|?]*\s+"
_BARE_ARGUMENT = re.compile(rf"\s*(?:{_TYPE})?&?(?:\.\.\.)?\$\w+\s*")
_TYPED = re.compile(rf"\s*{_TYPE}(?=&?(?:\.\.\.)?\$)")
_CALL = re.compile(r"[\w$]\s*\(")


def without_arguments(span: str) -> str:
    """REVIEW-E284: a quoted call with its variables blanked: a PHP parameter a signature a
    statement quotes names is what the statement is about only through its callee (a
    `$payload` of another function says nothing of `encode`)."""
    if "$" not in span or "(" not in span or not _CALL.search(span):
        return span
    out = list(span)
    for call in _CALL.finditer(span):
        close = closing(span, call.end())
        if close is None:
            continue
        at = call.end()
        for part in _arguments(span, at, close):
            if _BARE_ARGUMENT.fullmatch(span[at : at + len(part)]):
                typed = _TYPED.match(part)
                start = at + (typed.end() if typed else 0)
                out[start : at + len(part)] = " " * (at + len(part) - start)
            at += len(part) + 1
    return "".join(out)


def closing(span: str, at: int) -> int | None:
    """The index of the `)` that closes the bracket opened just before `at`."""
    depth = 1
    for index in range(at, len(span)):
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(span[index], 0)
        if depth == 0:
            return index
    return None


def _arguments(span: str, start: int, end: int) -> list[str]:
    """The top-level arguments between `start` and `end`, split at their commas."""
    parts, depth, at = [], 0, start
    for index in range(start, end):
        char = span[index]
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(span[at:index])
            at = index + 1
    parts.append(span[at:end])
    return parts


# REVIEW-E409: `- \`normalize(name)\`: ...` under a line `specflow new` drafted
_DRAFTED_CALL = re.compile(r"(`[^`(\n]*)\([^`()\n]*\)")


def drafted_callees(text: str) -> str:
    """REVIEW-E409: a Context line `specflow new --scope` drafted (it opens with "Draft:")
    lists the file's signatures as the code wrote them: each names its function, not the
    parameters (`send(req, path, options)`: every hunk reading a `path` met the draft)."""
    if not text.startswith(DRAFT_MARKER):
        return text
    return _DRAFTED_CALL.sub(r"\1()", text)
