"""REVIEW-E369: the function a Context line opens with is what it speaks of. Pure."""

from __future__ import annotations

import re
from functools import lru_cache

# "`routeHTTP()` routes on ...", "`Url.set_query(None)` strips ...": a call in the statement's
# first backticks, its qualifiers (`.`, `::`, `#`, `->`) dropped
_OPENING_CALL = re.compile(
    r"\s*`\s*(?:[A-Za-z_]\w*(?:\.|::|#|->))*([A-Za-z_]\w*)\s*\([^`\n]*\)\s*`"
)


@lru_cache(maxsize=4096)
def opening_call(text: str) -> str | None:
    """The function a statement's text opens with by a call (`set_key()`), without its
    qualifiers; None when it opens otherwise: one it names later it names in passing."""
    found = _OPENING_CALL.match(text)
    return found[1] if found else None
