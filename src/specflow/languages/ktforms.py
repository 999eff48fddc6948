"""Kotlin's function definitions (REVIEW-E411): `fun`, after annotations and modifiers, with
type parameters and an extension's receiver (`private fun CliktCommand.inferCommandName(`,
`inline fun <reified T : Any> Context.findObject(`) defines the name after the receiver's `.`;
it calls neither that name nor `Receiver.name`. No import of its own."""

from __future__ import annotations

import re

_MODIFIERS = (
    r"(?:public|private|protected|internal|open|final|abstract|override|suspend|inline"
    r"|operator|infix|tailrec|external|actual|expect)"
)
# `CliktCommand.`, `List<T>.`, `String?.`, `Map.Entry<K, V>.`: the receiver of an extension
_RECEIVER = r"[A-Za-z_][\w.]*(?:<[^()\n]*?>)?\??\s*\.\s*"
# what comes between `fun` and the name it defines; the name is followed by its parameters
FUN_PREFIX = rf"\bfun\s+(?:<[^\n]*?>\s*)?(?:{_RECEIVER})?(?=[A-Za-z_]\w*\s*\()"
FUN = re.compile(rf"\s*(?:@[\w.:]+(?:\([^()\n]*\))?\s+)*(?:{_MODIFIERS}\s+)*{FUN_PREFIX}(\w+)")


def fun_defined(text: str) -> str:
    """REVIEW-E411: the name a Kotlin `fun` line defines, else ''."""
    found = FUN.match(text) if "fun" in text else None
    return found[1] if found else ""
