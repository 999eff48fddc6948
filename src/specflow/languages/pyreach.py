"""How the users of a changed Python name reach it (REVIEW-E22). A method, or an attribute
written through an object, is reached through an object (`self.sep`, `signer.sign(...)`); a
module's own function, class or global by its bare name. A nested function or a name its
enclosing function keeps is reached from there alone: nothing is said about it. Pure: trees in.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence

from specflow.change import Hunk
from specflow.languages.base import Symbol

ATTRIBUTE, GLOBAL = "attribute", "global"


def function_reach(owner: str, nested: bool) -> str:
    """A changed function's: a method, a module's own function, or nested (unsaid)."""
    if nested:
        return ""
    return ATTRIBUTE if owner else GLOBAL


def write_reach(node: ast.AST, name: str, function: str, nested: bool, owner: str) -> str:
    """A written name's: written through an object or in a class body, a module's global
    (assigned at its top level, or mutated by its functions), or a closure's (unsaid)."""
    if any(isinstance(t, ast.Attribute) and t.attr == name for t in _targets(node)):
        return ATTRIBUTE
    if not function:
        return ATTRIBUTE if owner else GLOBAL
    return "" if nested else GLOBAL


def _targets(node: ast.AST) -> Iterator[ast.AST]:
    if isinstance(node, ast.Assign):
        roots: list[ast.expr] = node.targets
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        roots = [node.target]
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        roots = [node.func.value]
    else:
        roots = []
    for root in roots:
        yield from ast.walk(root)


_OWN_READ = re.compile(r"(?<![\w.])(?:self|cls)\.([A-Za-z_]\w*)\b(?!\s*\()")


def unread_attributes(path: str, hunks: Sequence[Hunk]) -> Iterator[Symbol]:
    """Attributes of `self` or `cls` that a hunk's removed lines read and its added lines no
    longer name: the methods that still read them may now disagree with it (`sep = b"~"` in
    place of `sep = want_bytes(self.sep)` in `sign()`, while `unsign()` splits on `self.sep`)."""
    for hunk in hunks:
        removed = {
            name: line.number
            for line in hunk.removed
            if "self." in line.text or "cls." in line.text
            for name in _OWN_READ.findall(line.text.split("#", 1)[0])
        }
        if not removed:
            continue
        kept = {name for line in hunk.added for name in _OWN_READ.findall(line.text)}
        for name, number in removed.items():
            if name not in kept:
                yield Symbol(name, "unread", path, number, reach=ATTRIBUTE)
