"""Kotlin's function definitions (REVIEW-E411): `fun`, after annotations and modifiers, with
type parameters and an extension's receiver (`private fun CliktCommand.inferCommandName(`,
`inline fun <reified T : Any> Context.findObject(`) defines the name after the receiver's `.`;
it calls neither that name nor `Receiver.name`. And (REVIEW-E412) a `!!` dropped where Kotlin
smart-casts its value changes nothing it runs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from specflow.change import Hunk, Line
    from specflow.languages.javaforms import Runs
    from specflow.languages.tokens import Side, Sides

# the modifiers a declaration may open with (a `companion object` and a `fun interface` are read
# by the patterns that need them)
MODIFIERS = (
    r"(?:public|private|protected|internal|open|final|abstract|sealed|data|enum|inner|value"
    r"|annotation|override|suspend|inline|operator|infix|tailrec|external|actual|expect)"
)
# `CliktCommand.`, `List<T>.`, `String?.`, `Map.Entry<K, V>.`: the receiver of an extension
_RECEIVER = r"[A-Za-z_][\w.]*(?:<[^()\n]*?>)?\??\s*\.\s*"
# what comes between `fun` and the name it defines; the name is followed by its parameters
FUN_PREFIX = rf"\bfun\s+(?:<[^\n]*?>\s*)?(?:{_RECEIVER})?(?=[A-Za-z_]\w*\s*\()"
FUN = re.compile(rf"\s*(?:@[\w.:]+(?:\([^()\n]*\))?\s+)*(?:{MODIFIERS}\s+)*{FUN_PREFIX}(\w+)")


def fun_defined(text: str) -> str:
    """REVIEW-E411: the name a Kotlin `fun` line defines, else ''."""
    found = FUN.match(text) if "fun" in text else None
    return found[1] if found else ""


# REVIEW-E412: `E!!`, where `E` is a name or a chain of properties (`ctx.parent`, `a?.b`)
_ASSERTED = re.compile(r"(?<![\w.?\"])([A-Za-z_]\w*(?:\??\.[A-Za-z_]\w*)*)!!")
GUARD_SCAN = 40  # lines read above a `!!` for the condition that tests its value


def smart_cast(hunks: Sequence[Hunk], runs: Runs, sides: Sides) -> set[int]:
    """REVIEW-E412: the hunks whose every changed line only drops `!!` after a value that a
    condition around it tests `!= null` (`while (ctx.parent != null) { ctx = ctx.parent!! }`):
    Kotlin smart-casts the value there, so the assertion never threw."""
    before, after = sides
    if before is None or after is None:
        return set()
    return {
        index
        for index, hunk in enumerate(hunks)
        if hunk.added and all(_dropped(pair, before, after) for pair in runs(hunk))
    }


def _dropped(pair: tuple[list[Line], list[Line]], before: Side, after: Side) -> bool:
    removed, added = pair
    return len(removed) == len(added) and all(
        _unasserted(before, old.number, after, new.number)
        for old, new in zip(removed, added, strict=True)
    )


def _unasserted(before: Side, old: int, after: Side, new: int) -> bool:
    """Line `new` of `after` is line `old` of `before` without its `!!`, each after a value
    tested `!= null` around it."""
    text = before.uncommented[old - 1]
    found = [m for m in _ASSERTED.finditer(text) if text.count('"', 0, m.start()) % 2 == 0]
    for match in reversed(found):
        text = text[: match.end() - 2] + text[match.end() :]
    if not found or text.strip() != after.uncommented[new - 1].strip():
        return False
    return all(_tested(after.code, new, match[1]) for match in found)


def _tested(lines: Sequence[str], number: int, value: str) -> bool:
    """A condition of a block around line `number` tests `value != null`, alone or with `&&`,
    and no line since assigns the value or what holds it (`ctx = ctx.parent!!` above
    `add(ctx.parent!!)`: another context's parent, which may be null)."""
    tested = re.compile(
        rf"\b(?:if|while)\s*\((?![^)]*\|\|)[^)]*(?<![\w.]){re.escape(value)}\s*!=\s*null\b"
    )
    root = re.escape(value.split(".", 1)[0].rstrip("?"))
    assigned = re.compile(rf"(?<![\w.]){root}(?:\??\.\w+)*\s*=(?!=)")
    depth = len(lines[number - 1]) - len(lines[number - 1].lstrip())
    for above in range(number - 1, max(0, number - GUARD_SCAN), -1):
        text = lines[above - 1]
        if tested.search(text) and len(text) - len(text.lstrip()) < depth:
            return True
        if assigned.search(text):
            return False
        if not text.strip() or len(text) - len(text.lstrip()) >= depth:
            continue
        depth = len(text) - len(text.lstrip())
        if fun_defined(text) or depth == 0:
            return False
    return False
