"""Names renamed through a whole scope, named by their place: a function's locals
(alpha-equivalence, REVIEW-E11), a class's private names (REVIEW-E13), and the private
definitions a change renames in every file that spells them (REVIEW-E58). Pure."""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from specflow.change import FileChange, Hunk

if TYPE_CHECKING:  # pyshape reads `reads_locals` from here
    from specflow.languages.pyshape import Side, Sources

# calls that read a function's locals by name: renaming them is then a change (`dir()` and
# `vars()` without an argument)
_READS_LOCALS = frozenset({"locals", "eval", "exec"})
_READS_LOCALS_BARE = frozenset({"vars", "dir"})
SCOPES = _SCOPES = (  # the nodes that open a scope of their own
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Lambda,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)


def renamed_locals(
    old: ast.stmt, new: ast.stmt, differing: str
) -> tuple[dict[str, str], dict[str, str]] | None:
    """The locals of a function that the other side renamed (REVIEW-E11), each side's mapped
    to its place in the order they first occur: `l, s` and `left, right` to `local 0` and
    `local 1`. None unless the renaming is through the whole function: each old name gone
    from the new function and each new name absent from the old one, as many of each; None
    at once when `differing`, the old name where the two first differ, is no old local (no
    renaming could make them the same there)."""
    old_locals = _locals(old)
    if differing not in old_locals:
        return None
    new_locals = _locals(new)
    gone = [name for name in _in_order(old) if name in old_locals - new_locals]
    came = [name for name in _in_order(new) if name in new_locals - old_locals]
    if not gone or len(gone) != len(came):
        return None
    if set(gone) & _identifiers(new) or set(came) & _identifiers(old):
        return None
    return (
        {name: f"local {i}" for i, name in enumerate(gone)},
        {name: f"local {i}" for i, name in enumerate(came)},
    )


def _locals(function: ast.stmt) -> set[str]:
    """The names the function's own scope assigns, its parameters and its `global` and
    `nonlocal` names apart; none when it reads its locals by name (`locals()`, `eval`)."""
    found: set[str] = set()
    kept: set[str] = set()
    stack: list[ast.AST] = list(getattr(function, "body", []))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name):
            if not isinstance(node.ctx, ast.Load):
                found.add(node.id)
        elif isinstance(node, ast.Global | ast.Nonlocal):
            kept.update(node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            found.add(node.name)
        elif reads_locals(node):
            return set()
        if not isinstance(node, _SCOPES):
            stack.extend(ast.iter_child_nodes(node))
        elif any(reads_locals(child) for child in ast.walk(node)):
            return set()
    arguments = getattr(function, "args", None)
    if arguments is not None:
        kept.update(arg.arg for arg in ast.walk(arguments) if isinstance(arg, ast.arg))
    return found - kept


def reads_locals(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    name = getattr(node.func, "id", "")
    return name in _READS_LOCALS or (name in _READS_LOCALS_BARE and not node.args)


def _in_order(function: ast.stmt) -> list[str]:
    """The names of a function in the order they first occur (breadth first)."""
    seen: dict[str, None] = {}
    for node in ast.walk(function):
        if isinstance(node, ast.Name):
            seen.setdefault(node.id, None)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            seen.setdefault(node.name, None)
    return list(seen)


def _identifiers(function: ast.stmt) -> set[str]:
    """Every name the function spells: names, parameters, imports, definitions, handlers."""
    found: set[str] = set()
    for node in ast.walk(function):
        for field in ("id", "arg", "name", "asname"):
            value = getattr(node, field, None)
            if isinstance(value, str):
                found.add(value)
        if isinstance(node, ast.Global | ast.Nonlocal):
            found.update(node.names)
    return found


def renamed_private(
    old: ast.ClassDef, new: ast.ClassDef, differing: str
) -> tuple[dict[str, str], dict[str, str]] | None:
    """The private names of a class (`__touch`: Python mangles them to `_LRUCache__touch`, so
    no code outside the class spells them) that the other side renamed through the whole
    class, each side's mapped to its place; None unless `differing` is one of them, as many
    names went as came, and no string of either class spells one (`getattr` by name)."""
    old_names, new_names = _private(old), _private(new)
    gone = [name for name in old_names if name not in new_names]
    came = [name for name in new_names if name not in old_names]
    if differing not in gone or len(gone) != len(came):
        return None
    spelled = [text for text in _strings(old) + _strings(new) if not any(c.isspace() for c in text)]
    if any(name in text for text in spelled for name in (*gone, *came)):
        return None
    return (
        {name: f"private {i}" for i, name in enumerate(gone)},
        {name: f"private {i}" for i, name in enumerate(came)},
    )


def _private(cls: ast.ClassDef) -> list[str]:
    """The class's private names in the order they first occur: `__x`, not `__x__`."""
    found: dict[str, None] = {}
    for node in ast.walk(cls):
        for field in ("id", "attr", "name", "arg"):
            value = getattr(node, field, None)
            if isinstance(value, str) and value.startswith("__") and not value.endswith("__"):
                found.setdefault(value, None)
    return list(found)


def _strings(cls: ast.ClassDef) -> list[str]:
    return [
        node.value
        for node in ast.walk(cls)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


# `def x(`, `class x` or `X = ...` at a module's top level (not `X == ...`)
_DEFINES = re.compile(r"\s*(?:async\s+def|def|class)\s+(\w+)|(\w+)\s*(?::[^=]*)?=(?!=)")
_DEFINING = ("def ", "async ", "class ")
MAX_LINES = 50_000  # changed lines: a change larger than this is judged without renames


def rename_candidates(files: Sequence[FileChange]) -> dict[str, str]:
    """REVIEW-E58: definitions the change renames, old name to new, each private (`_helper`)
    or defined in a private module (`_parser.py`): a top-level `def`, `class` or assignment
    (not a method, which Python may call by its name: `visit_Call`; no `__dunder__`) whose
    line the change rewrites under the new name alone, each renamed one way. Whether they are
    spelled anywhere else is `spelled_nowhere`'s to say, and the caller's."""
    python = [file for file in files if file.path.endswith((".py", ".pyi"))]
    if sum(len(h.added) + len(h.removed) for file in python for h in file.hunks) > MAX_LINES:
        return {}
    found = {
        (old, new): file.old_path or file.path
        for file in python
        for hunk in file.hunks
        for old, new in _renamed_lines(hunk)
    }
    olds, news = Counter(old for old, _ in found), Counter(new for _, new in found)
    return {
        old: new
        for (old, new), path in found.items()
        if olds[old] == news[new] == 1
        and not (old.endswith("_") or new.endswith("_"))  # `__init__`, an enum's `_missing_`
        and (_private_name(old) or _private_module(path))
    }


def spelled_nowhere(renames: Mapping[str, str], sides: Iterable[Sources]) -> dict[str, str]:
    """The renames whose old name no changed file spells afterwards and whose new name none
    spelled before; `sides`: each changed Python file's, whole."""
    sides = list(sides)
    return {
        old: new
        for old, new in renames.items()
        if not any(_spells(after, old) or _spells(before, new) for before, after in sides)
    }


def _renamed_lines(hunk: Hunk) -> Iterator[tuple[str, str]]:
    """(old, new) for each line the hunk removes that defines a name and that one of its
    added lines repeats under another name, the rest the same."""
    added: dict[str, list[str]] = {}
    for line in hunk.added:
        if found := _defined(line.text):
            added.setdefault(found[1], []).append(found[0])
    for line in hunk.removed if added else ():
        if found := _defined(line.text):
            old, rest = found
            yield from ((old, new) for new in added.get(rest, ()) if new != old)


def _defined(text: str) -> tuple[str, str] | None:
    """The name a line defines (`def x(`, `class x`, or `X = ...` at a module's top level),
    and the line without it."""
    if not text.lstrip().startswith(_DEFINING) and (text[:1].isspace() or "=" not in text):
        return None  # most lines: no regular expression
    found = _DEFINES.match(text)
    if found is None or text[:1].isspace():  # a method: Python may call it by its name
        return None
    group = 1 if found.group(1) else 2
    return found.group(group), text[: found.start(group)] + "\0" + text[found.end(group) :]


def _private_name(name: str) -> bool:
    return name.startswith("_") and not name.endswith("_")


def _private_module(path: str) -> bool:
    """`pkg/_parser.py`, `pkg/_impl/core.py`: not `pkg/__init__.py`."""
    parts = path.removesuffix(".pyi").removesuffix(".py").split("/")
    return any(_private_name(part) for part in parts)


def _spells(source: bytes | None, name: str) -> bool:
    word = rb"\b%s\b" % re.escape(name.encode())
    return source is not None and re.search(word, source) is not None


def renamed_by_place(sides: tuple[Side, Side], renames: Mapping[str, str]) -> tuple[Side, Side]:
    """Each side reading the names the whole change renames by their place (REVIEW-E58)."""
    if not renames:
        return sides
    old = {name: f"renamed {index}" for index, name in enumerate(renames)}
    new = {name: f"renamed {index}" for index, name in enumerate(renames.values())}
    return sides[0]._replace(private=old), sides[1]._replace(private=new)
