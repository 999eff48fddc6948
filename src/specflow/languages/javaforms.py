"""Java's spellings that change no behaviour at run time, beyond its tokens (REVIEW-E315): a
field declared `final` or no longer so; (REVIEW-E317) a signature's `throws` clause; and
(REVIEW-E420) the field a declaration with a value writes."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from specflow.change import Hunk, Line
from specflow.languages.tokens import Side, line_as

Runs = Callable[[Hunk], list[tuple[list[Line], list[Line]]]]

# REVIEW-E315: a field's declaration, its access modifier first: `private Map<String, Object>
# headerClaims;`, `protected final long leeway = 0;` (a local takes no access modifier)
FIELD = re.compile(
    r"\s*(?:@\w+(?:\([^)\n]*\))?\s+)*(?:(?:static|final|transient|volatile)\s+)*"
    r"(?:public|protected|private)\s+(?:(?:static|final|transient|volatile)\s+)*"
    r"[A-Za-z_][\w.]*(?:<[^;=()]*>)?(?:\[\])*\s+(?P<name>[A-Za-z_]\w*)\s*(?P<value>=[^;]*)?;\s*\Z"
)
_FINAL = re.compile(r"\bfinal\s+")


def final_fields(hunks: Sequence[Hunk], runs: Runs) -> set[int]:
    """REVIEW-E315: the hunks whose every changed line is a field's declaration that gains or
    loses `final` alone, as javac checks and nothing runs: the same once `final` is dropped.
    A field with a value asks (`final boolean enabled = false;` is a constant javac writes into
    the code that reads it, so a reflective write is no longer seen), as do a method, a local
    and a parameter made final."""
    return {
        index
        for index, hunk in enumerate(hunks)
        if hunk.added and all(_run(removed, added) for removed, added in runs(hunk))
    }


def _run(removed: list[Line], added: list[Line]) -> bool:
    return len(removed) == len(added) and all(
        _final_only(old.text, new.text) for old, new in zip(removed, added, strict=True)
    )


def _final_only(old: str, new: str) -> bool:
    """The two lines declare one field, the same but for `final` on one of them."""
    fields = FIELD.match(old), FIELD.match(new)
    if fields[0] is None or fields[1] is None:
        return False
    finals = len(_FINAL.findall(old)), len(_FINAL.findall(new))
    if sorted(finals) != [0, 1]:
        return False
    if fields[0]["value"] or fields[1]["value"]:  # found by the review of the session's change
        return False
    return " ".join(_FINAL.sub("", old).split()) == " ".join(_FINAL.sub("", new).split())


# REVIEW-E317: a signature's `throws` clause, after its `)` or on a line of its own: it says
# what the method may let through, not that the hunk raises it (a `throw new X(...)` does)
THROWS = re.compile(r"(?:(?<=\))|^)[ \t]*throws[ \t]+[\w.]+(?:[ \t]*,[ \t]*[\w.]+)*", re.M)


def field_written(text: str) -> tuple[str, int] | None:
    """REVIEW-E420: the field a line declares with a value (`private static final int
    DEFAULT_NESTING_LIMIT = 255;`), and where its value starts; a local takes no access
    modifier, so it is none."""
    field = FIELD.match(text) if "=" in text else None
    if field is None or not field["value"]:
        return None
    return field["name"], field.start("value") + 1


def fields_only(path: str, hunk: Hunk, side: Side | None) -> bool:
    """REVIEW-E420: a Java hunk that adds only fields' declarations with values (read from
    its `side`, the new one) changes the fields it writes, not the class around them (which
    its constructor's name would call)."""
    if not path.endswith(".java"):
        return False
    codes = [line_as(side, "code", line) for line in hunk.added]
    return any(codes) and all(field_written(code) or not code.strip() for code in codes)
