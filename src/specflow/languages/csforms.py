"""C#'s spellings that change no behaviour at run time, beyond its tokens (REVIEW-E413): a
lambda marked `static`, which only forbids it to capture (the compiler checks that; what runs
is the same delegate)."""

from __future__ import annotations

from collections.abc import Sequence


def static_lambdas(tokens: Sequence[str]) -> list[str]:
    """The tokens without the `static` that opens a lambda: `static x => ...`,
    `static (a, b) => ...`, `static async x => ...` (the `=>` is two tokens, `=` and `>`)."""
    return [
        word
        for at, word in enumerate(tokens)
        if word != "static" or not _opens_lambda(tokens, at + 1)
    ]


def _opens_lambda(tokens: Sequence[str], at: int) -> bool:
    if at < len(tokens) and tokens[at] == "async":
        at += 1
    if at < len(tokens) and tokens[at] == "(":
        at = _closing(tokens, at)
    elif at < len(tokens) and (tokens[at][:1].isalpha() or tokens[at][:1] == "_"):
        at += 1
    else:
        return False
    return tokens[at : at + 2] == ["=", ">"]


def _closing(tokens: Sequence[str], at: int) -> int:
    """The index after the parenthesis that closes the one at `at` (past the end if none)."""
    depth = 0
    for index in range(at, len(tokens)):
        depth += {"(": 1, ")": -1}.get(tokens[index], 0)
        if depth == 0:
            return index + 1
    return len(tokens)
