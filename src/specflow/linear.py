"""`re:` patterns of constraints, matched by RE2 in time linear in the line's length.

A pattern comes from whoever edits `specs/`, a fork's pull request included; Python's `re`
backtracks, and `(a+)+$` on one long line would hang every commit (CHECK-12). This module, and
RE2 with it, is imported only for a spec with a `re:` pattern (by `constraints.matcher` and the
parser): the hook of a project without one never loads it."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import re2

# RE2's words for what it refuses, and the name a spec author knows the construct by.
_CONSTRUCTS = (
    ("(?<=", "look-behind `(?<=...)`"),
    ("(?<!", "negative look-behind `(?<!...)`"),
    ("(?=", "look-ahead `(?=...)`"),
    ("(?!", "negative look-ahead `(?!...)`"),
    ("(?>", "atomic group `(?>...)`"),
    ("(?(", "conditional `(?(...)...)`"),
    ("(?P=", "named backreference `(?P=name)`"),
    ("(?P", "named backreference `(?P=name)`"),
    ("++", "possessive quantifier"),
    ("*+", "possessive quantifier"),
    ("?+", "possessive quantifier"),
)
_BACKREFERENCE = tuple(f"\\{digit}" for digit in "123456789")


@lru_cache(maxsize=256)
def compiled(pattern: str) -> Callable[[str], object]:
    """The pattern's `search`; `problem(pattern)` must be None."""
    return re2.compile(pattern, _options()).search  # type: ignore[no-any-return]


def problem(pattern: str) -> str | None:
    """Why RE2 cannot run `pattern`, naming the construct, or None when it can."""
    try:
        re2.compile(pattern, _options())
    except re2.error as exc:
        return _explain(_text(exc))
    except (OverflowError, ValueError, TypeError) as exc:  # sizes RE2 cannot hold
        return f"invalid regular expression: {exc}"
    return None


def unsupported(pattern: str) -> str | None:
    """The construct of `pattern` RE2 refuses, by the name a spec author knows it by, or None:
    Python 3.10's `re` refuses atomic groups and possessive quantifiers too, with words of
    its own, and the construct is what the author needs to read."""
    try:
        re2.compile(pattern, _options())
    except re2.error as exc:
        return _named(_text(exc))
    except (OverflowError, ValueError, TypeError):
        return None
    return None


def _options() -> object:
    options = re2.Options()
    options.log_errors = False  # the finding says it; RE2 would also print to stderr
    return options


def _text(exc: Exception) -> str:
    detail = exc.args[0] if exc.args else ""
    return detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)


def _explain(detail: str) -> str:
    fallback = f"invalid regular expression for the linear-time engine (RE2): {detail}"
    return _named(detail) or fallback


def _named(detail: str) -> str | None:
    for token, name in _CONSTRUCTS:
        if detail.endswith(token):
            return f"{name} is not supported by the linear-time engine (RE2): {detail}"
    if any(detail.endswith(token) for token in _BACKREFERENCE):
        return f"backreference is not supported by the linear-time engine (RE2): {detail}"
    return None
