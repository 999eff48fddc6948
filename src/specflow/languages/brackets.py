"""The bracket that closes another, in a run of tokens or the characters of a text: the one
matcher of the brace languages' readings. Pure."""

from __future__ import annotations

from collections.abc import Sequence

_OPENING, _CLOSING = frozenset("([{"), frozenset(")]}")


def matching(tokens: Sequence[str], at: int, pair: str = "") -> int | None:
    """The index of what closes the bracket at `at`: brackets of every kind counted together,
    or only those of `pair` (`"()"`, `"<>"`) when given; None when the run ends first."""
    opening, closing = (frozenset(pair[0]), frozenset(pair[1])) if pair else (_OPENING, _CLOSING)
    depth = 0
    for index in range(at, len(tokens)):
        if tokens[index] in opening:
            depth += 1
        elif tokens[index] in closing:
            depth -= 1
            if depth == 0:
                return index
    return None
