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
from specflow.languages.base import NESTED, Symbol
from specflow.languages.pyshape import BLOCKS, COMPOUND

ATTRIBUTE, GLOBAL = "attribute", "global"
_HOLDING = frozenset(COMPOUND)  # a tree holds these very classes: a set decides faster


def class_ranges(tree: ast.Module) -> list[tuple[str, int, int]]:
    """Each class of the tree with its first and last line (inside an `if`, a `try` or a
    function too), for `pylayout.owner_at`: a function or a write within one is a class's."""
    found: list[tuple[str, int, int]] = []
    stack: list[ast.stmt] = list(tree.body)
    while stack:
        node = stack.pop()
        if type(node) not in _HOLDING:
            continue
        if isinstance(node, ast.ClassDef):
            found.append((node.name, node.lineno, node.end_lineno or node.lineno))
        for field in BLOCKS:
            for item in getattr(node, field, None) or ():
                stack.extend([item] if isinstance(item, ast.stmt) else item.body)
    return found


def class_between(classes: list[tuple[str, int, int]], scope: ast.AST, function: ast.stmt) -> bool:
    """REVIEW-E105: whether `function`, defined inside `scope`, is a method of a class that
    `scope` defines: another module calls it through its object (`build()().respond_to(r)`),
    as any method, where a closure's name reaches its file alone (REVIEW-E102)."""
    start = getattr(scope, "lineno", 0)
    around = [first for _, first, last in classes if first <= function.lineno <= last]
    return max(around, default=0) > start


def function_reach(method: bool, nested: bool) -> str:
    """A changed function's: a method, a module's own function, or nested in another."""
    if nested:
        return NESTED
    return ATTRIBUTE if method else GLOBAL


def write_reach(node: ast.AST, name: str, function: str, nested: bool, class_body: bool) -> str:
    """A written name's: written through an object or in a class body, a module's global
    (assigned at its top level, or mutated by its functions), or a closure's (unsaid)."""
    if any(_written_attribute(target, name) for target in _targets(node)):
        return ATTRIBUTE
    if not function:
        return ATTRIBUTE if class_body else GLOBAL
    return "" if nested else GLOBAL


def through_self(node: ast.AST, name: str) -> bool:
    """REVIEW-E410: the statement writes `self.name` (or its item, or mutates it)."""
    return any(
        isinstance(found := _written_attribute(target, name), ast.Attribute)
        and isinstance(found.value, ast.Name)
        and found.value.id == "self"
        for target in _targets(node)
    )


def _targets(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        return node.targets
    if isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        return [node.target]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return [node.func.value]  # `self.items.append(x)` writes `items`
    return []


def _written_attribute(target: ast.expr, name: str) -> ast.Attribute | None:
    """The attribute `name` that `target` writes (`x.name`, `x.name[k]`, in a tuple), if any."""
    if isinstance(target, ast.Attribute):
        return target if target.attr == name else None
    if isinstance(target, (ast.Subscript, ast.Starred)):
        return _written_attribute(target.value, name)
    if isinstance(target, (ast.Tuple, ast.List)):
        return next(filter(None, (_written_attribute(item, name) for item in target.elts)), None)
    return None


BINDERS = frozenset({ast.AnnAssign, ast.For, ast.AsyncFor, ast.With, ast.AsyncWith})


def bound(node: ast.stmt) -> Iterator[str]:
    """REVIEW-E16: the plain names an annotated assignment, a loop or a `with` binds: locals of
    the function, whatever is done to them after."""
    if isinstance(node, ast.AnnAssign):
        targets: list[ast.expr | None] = [node.target]
    elif isinstance(node, (ast.For, ast.AsyncFor)):
        targets = [node.target]
    else:
        targets = [item.optional_vars for item in node.items]  # type: ignore[attr-defined]
    for target in targets:
        for part in ast.walk(target) if target is not None else ():
            if isinstance(part, ast.Name):
                yield part.id


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
