"""Private functions a change removes whole that nothing spells any more (REVIEW-E355): their
`def` runs nothing but the binding of a name no code reads. Pure: the hunks, or a tree, in;
names, or `def` lines, out."""

from __future__ import annotations

import ast
import re
from collections.abc import Container, Iterator, Sequence

from specflow.change import FileChange
from specflow.languages.pyrename import MAX_LINES

DROPPED = ""  # what a change's renames map a dropped function to: no name (REVIEW-E355)

_TOP_DEF = re.compile(r"(?:async[ \t]+)?def[ \t]+(_\w+)[ \t]*[(\[]")
# what a default or an annotation may hold and still run no code of the project's when the
# `def` runs (a name, a literal, `t.Optional[str]`, `int | None`): no call, no lambda
_INERT = (
    ast.Name,
    ast.Constant,
    ast.Attribute,
    ast.Subscript,
    ast.Tuple,
    ast.List,
    ast.Dict,
    ast.BinOp,
    ast.BitOr,
    ast.Load,
    ast.UnaryOp,
    ast.USub,
)


def dropped_candidates(files: Sequence[FileChange], renamed: Container[str]) -> list[str]:
    """The private names (`_to_dict`, not `_x_` or a dunder) of the top-level functions whose
    `def` line a hunk of a Python file removes while no added line defines that name again,
    and that no rename (`renamed`) took; whether anything still spells them is the caller's."""
    python = [file for file in files if file.path.endswith((".py", ".pyi"))]
    if sum(len(h.added) + len(h.removed) for file in python for h in file.hunks) > MAX_LINES:
        return []
    removed = set(_defined(python, "removed"))
    added = set(_defined(python, "added"))
    return sorted(
        name
        for name in removed - added
        if not name.endswith("_") and name not in renamed and name != "_"
    )


def _defined(files: Sequence[FileChange], side: str) -> Iterator[str]:
    for file in files:
        for hunk in file.hunks:
            for line in getattr(hunk, side):
                if found := _TOP_DEF.match(line.text):
                    yield found.group(1)


# how a module reaches its own functions by a name it builds (`globals()["_parse_" + kind]`)
_LOOKUPS = (b"globals()", b"vars()", b"__dict__", b"sys.modules", b"__name__]")


def looked_up_from(files: Sequence[FileChange], names: Container[str]) -> str:
    """REVIEW-E377: a pattern (for `git grep -E`) of a call of `getattr` on a module whose
    `def` of one of `names` a hunk removes (`getattr(ver, '_to_' + kind)`, `pkg.ver` too),
    by a name that is not a string literal: another module calling them by a built name."""
    stems = sorted(
        {
            _stem(file.path)
            for file in files
            if any(
                (found := _TOP_DEF.match(line.text)) and found.group(1) in names
                for hunk in file.hunks
                for line in hunk.removed
            )
        }
    )
    modules = "|".join(re.escape(stem) for stem in stems)
    literal = r"""'[^']*'[[:space:]]*[^),[:space:]]|"[^"]*"[[:space:]]*[^),[:space:]]"""
    name = rf"""([^'"[:space:]]|{literal})"""  # not a string literal alone
    return rf"getattr\([[:space:]]*([[:alnum:]_.]*\.)?({modules})[[:space:]]*,[[:space:]]*{name}"


def _stem(path: str) -> str:
    """The name a Python file is imported by (a package's `__init__.py`: its folder's)."""
    parts = path.rsplit("/", 2)
    name = parts[-1].rsplit(".", 1)[0]
    return parts[-2] if name == "__init__" and len(parts) > 1 else name


def looked_up(source: bytes | None) -> bool:
    """Whether the module may call its functions by a name it builds, or is unknown."""
    return source is None or any(lookup in source for lookup in _LOOKUPS)


def dropped_lines(tree: ast.Module, names: Container[str]) -> frozenset[int]:
    """The `def` lines of the module's top-level functions named in `names` (those the change
    drops and nothing spells any more) whose `def` runs nothing: no decorator, and defaults
    and annotations that call nothing (`x=None`, `t: t.Optional[str]`)."""
    return frozenset(
        statement.lineno
        for statement in tree.body
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
        and statement.name in names
        and not statement.decorator_list
        and not getattr(statement, "type_params", None)
        and all(isinstance(node, _INERT) for node in _evaluated(statement))
    )


def _evaluated(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """Every node of what Python evaluates when the `def` runs: defaults and annotations (the
    annotations even under `from __future__ import annotations`: a stricter bar, not looser)."""
    arguments = function.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    every += [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
    parts = [*arguments.defaults, *(d for d in arguments.kw_defaults if d is not None)]
    parts += [a.annotation for a in every if a.annotation is not None]
    parts += [function.returns] if function.returns is not None else []
    for part in parts:
        yield from ast.walk(part)
