"""How each language's tokens are spelled one way before `tokens.py` compares them: each
language's module is loaded for its files alone, off the hooks' path of the others."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from specflow.languages.tokens import Sides

# REVIEW-E72: the languages whose statements may end without a `;`
ASI = (".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts")


def spelling(path: str, sides: Sides) -> Callable[[list[str]], list[str]]:
    """JavaScript's (REVIEW-E185, REVIEW-E218; REVIEW-E418's Yoda comparisons turned round),
    C#'s static lambdas (REVIEW-E413), or the tokens as they are."""
    if path.endswith(".cs"):
        from specflow.languages.csforms import static_lambdas

        return static_lambdas
    if not path.endswith(ASI):
        return list
    from specflow.languages.jsforms import token_spelling
    from specflow.languages.nullfirst import yoda_turned

    spell = token_spelling(sides)
    return lambda tokens: yoda_turned(spell(tokens))
