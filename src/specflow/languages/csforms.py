"""C#'s spellings that change no behaviour at run time, beyond its tokens (REVIEW-E413): a
lambda marked `static`, which only forbids it to capture (the compiler checks that; what runs
is the same delegate)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def static_lambdas(tokens: Sequence[str]) -> list[str]:
    """The tokens without the `static` that opens a lambda: `static x => ...`,
    `static (a, b) => ...`, `static async x => ...` (the `=>` is two tokens, `=` and `>`)."""
    if "static" not in tokens:
        return list(tokens)
    after = _after_closing(tokens)
    return [
        word
        for at, word in enumerate(tokens)
        if word != "static" or not _opens_lambda(tokens, at + 1, after)
    ]


def _opens_lambda(tokens: Sequence[str], at: int, after: Mapping[int, int]) -> bool:
    if at < len(tokens) and tokens[at] == "async":
        at += 1
    if at < len(tokens) and tokens[at] == "(":
        at = after[at]
    elif at < len(tokens) and (tokens[at][:1].isalpha() or tokens[at][:1] == "_"):
        at += 1
    else:
        return False
    return tokens[at : at + 2] == ["=", ">"]


def _after_closing(tokens: Sequence[str]) -> dict[int, int]:
    """Each `(` by its index, with the index after the `)` that closes it (past the end when
    none does): one pass, however many are left open."""
    after: dict[int, int] = {}
    opened: list[int] = []
    for index, mark in enumerate(tokens):
        if mark == "(":
            opened.append(index)
        elif mark == ")" and opened:
            after[opened.pop()] = index + 1
    after.update(dict.fromkeys(opened, len(tokens)))
    return after
