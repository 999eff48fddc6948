"""Hunks that change no behaviour: formatting, comments, docstrings, type annotations (REVIEW-16).

Python is judged on its syntax tree: two sides are the same once docstrings, bare strings,
annotations and typing-only imports are dropped (the walk stops at the first difference, so a
real change costs little). Other code is judged on its tokens without whitespace and comments.
Pure: trees and lines in, hunk indexes out."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from itertools import zip_longest

from specflow.change import FileChange, Hunk

# Imports that only serve annotations; dropping them never changes what the code does.
_TYPING_MODULES = frozenset({"__future__", "typing", "typing_extensions"})
_POSITIONS = frozenset({"lineno", "col_offset", "end_lineno", "end_col_offset", "type_comment"})
_ANNOTATIONS = frozenset({"annotation", "returns"})  # of arguments and functions
_LINE_COMMENT = {
    ".sh": "#",
    ".bash": "#",
    ".rb": "#",
    ".pl": "#",
    ".pm": "#",
    ".r": "#",
    ".ex": "#",
    ".exs": "#",
    ".lua": "--",
    ".erl": "%",
}
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_TOKEN = re.compile(r"\w+|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|[^\w\s]")


# REVIEW-E6: languages whose names the whole-word fallback may follow (Python has its own
# `ast` pass); prose and data files are not among them.
CODE_SUFFIXES = (
    ".js",
    ".jsx",
    ".mjs",
    ".cjs",
    ".ts",
    ".tsx",
    ".go",
    ".rs",
    ".java",
    ".kt",
    ".kts",
    ".rb",
    ".php",
    ".c",
    ".h",
    ".cc",
    ".cpp",
    ".cxx",
    ".hpp",
    ".cs",
    ".swift",
    ".scala",
    ".m",
    ".mm",
    ".sh",
    ".bash",
    ".lua",
    ".pl",
    ".pm",
    ".ex",
    ".exs",
    ".erl",
    ".dart",
    ".r",
)


def is_code(path: str) -> bool:
    return path.endswith((".py", ".pyi", *CODE_SUFFIXES))


def python_noop_hunks(
    hunks: Sequence[Hunk], old_tree: ast.Module | None, new_tree: ast.Module | None
) -> set[int]:
    """The indexes of `hunks` whose top-level statements are the same on both sides once what
    cannot change behaviour is dropped. The trees may hold only the statements around the
    hunks (the rest of the file blanked): see `sides_lines`."""
    if old_tree is None or new_tree is None:
        return set()
    found = set()
    for index, hunk in enumerate(hunks):
        old_lines, new_lines = sides_lines(hunk)
        if _same_change(old_tree.body, new_tree.body, old_lines, new_lines):
            found.add(index)
    return found


_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _same_change(
    old_body: list[ast.stmt], new_body: list[ast.stmt], old_lines: list[int], new_lines: list[int]
) -> bool:
    """Whether the statements around the lines are the same, looking into the one class or
    function that holds them (one method of a class, not the whole class)."""
    before = _overlapping(_spans(old_body), old_lines)
    after = _overlapping(_spans(new_body), new_lines)
    in_class = False
    while len(before) == 1 and len(after) == 1 and _same_definition(before[0], after[0]):
        if not _same_header(before[0], after[0]):
            return False
        in_class = isinstance(before[0], ast.ClassDef)
        before = _overlapping(_spans(getattr(before[0], "body", [])), old_lines)
        after = _overlapping(_spans(getattr(after[0], "body", [])), new_lines)
    return _same(before, after, in_class)


def _same_definition(one: ast.stmt, other: ast.stmt) -> bool:
    return (
        isinstance(one, _DEFINITIONS)
        and type(one) is type(other)
        and getattr(one, "name", None) == getattr(other, "name", "")
    )


def _same_header(one: ast.stmt, other: ast.stmt) -> bool:
    """The same name, arguments (their annotations apart), bases and decorators."""
    sentinel = object()
    pairs = zip_longest(_shape(one, header=True), _shape(other, header=True), fillvalue=sentinel)
    return all(a == b for a, b in pairs)


def sides_lines(hunk: Hunk) -> tuple[list[int], list[int]]:
    """The lines of each side that decide whether `hunk` changes anything: its removed and its
    added lines; for a hunk that only adds (or only removes), the two lines of the other side
    around the place where it does, so that a line added inside a docstring compares the
    statement around it."""
    removed = [line.number for line in hunk.removed]
    added = [line.number for line in hunk.added]
    if not removed and added:
        at = hunk.old_start + (added[0] - hunk.new_start) - 1
        removed = [at, at + 1]
    elif not added and removed:
        at = hunk.new_start + (removed[0] - hunk.old_start) - 1
        added = [at, at + 1]
    return removed, added


def generic_noop_hunks(path: str, hunks: Sequence[Hunk]) -> set[int]:
    """For code that is not Python: hunks whose removed and added lines are the same tokens
    once whitespace and comments are dropped."""
    comment = _LINE_COMMENT.get(path[path.rfind(".") :].lower(), "//")
    return {
        index
        for index, hunk in enumerate(hunks)
        if (hunk.added or hunk.removed)
        and _tokens(hunk.removed, comment) == _tokens(hunk.added, comment)
    }


def file_is_noop(file: FileChange, noop: set[int]) -> bool:
    return bool(file.hunks) and len(noop) == len(file.hunks)


def _tokens(lines: Sequence[tuple[int, str]], comment: str) -> list[str]:
    text = _BLOCK_COMMENT.sub(" ", "\n".join(text for _, text in lines))
    kept = []
    for line in text.split("\n"):
        at = line.find(comment)
        kept.append(line if at < 0 else line[:at])
    return _TOKEN.findall("\n".join(kept))


def _spans(body: list[ast.stmt]) -> list[tuple[int, int, ast.stmt]]:
    spans = []
    for statement in body:
        first = min(
            [statement.lineno]
            + [d.lineno for d in getattr(statement, "decorator_list", ()) if hasattr(d, "lineno")]
        )
        spans.append((first, statement.end_lineno or statement.lineno, statement))
    return spans


def _overlapping(spans: list[tuple[int, int, ast.stmt]], lines: list[int]) -> list[ast.stmt]:
    """The statements between the first and the last of `lines`: a statement between two of
    them holds no changed line, so it is blanked on both sides, or the same on both."""
    low, high = min(lines), max(lines)
    return [node for first, last, node in spans if first <= high and last >= low]


def _same(before: list[ast.stmt], after: list[ast.stmt], in_class: bool = False) -> bool:
    sentinel = object()
    pairs = zip_longest(
        _body_shape(before, in_class), _body_shape(after, in_class), fillvalue=sentinel
    )
    return all(one == other for one, other in pairs)


def _body_shape(body: Sequence[ast.AST], in_class: bool) -> Iterator[object]:
    imports: list[tuple[object, ...]] = []  # a run of imports, in any order (isort)
    for statement in body:
        if _inert(statement):
            continue
        if isinstance(statement, ast.Import | ast.ImportFrom):
            imports += _imported(statement)
            continue
        if imports:
            yield from sorted(imports, key=repr)
            imports = []
        yield from _shape(statement, in_class)
    yield from sorted(imports, key=repr)
    yield "end"


def _imported(statement: ast.Import | ast.ImportFrom) -> list[tuple[object, ...]]:
    """One row per name an import binds; `import x as x` binds what `import x` does."""
    module = getattr(statement, "module", None)
    level = getattr(statement, "level", 0)
    rows: list[tuple[object, ...]] = []
    for alias in statement.names:
        bound = alias.asname if alias.asname not in (None, alias.name) else None
        rows.append(("import", module, level, alias.name, bound))
    return rows


def _inert(statement: ast.AST) -> bool:
    """A statement that does nothing: a docstring or bare string, an import for annotations,
    an `if TYPE_CHECKING:` block."""
    if isinstance(statement, ast.Expr):
        value = statement.value
        return isinstance(value, ast.Constant) and isinstance(value.value, str)
    if isinstance(statement, ast.ImportFrom):
        return (statement.module or "") in _TYPING_MODULES
    if isinstance(statement, ast.Import):
        return all(alias.name in _TYPING_MODULES for alias in statement.names)
    if isinstance(statement, ast.If):
        test = statement.test
        name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", "")
        return name == "TYPE_CHECKING" and not statement.orelse
    return False


def _unwrapped(call: ast.Call) -> ast.expr:
    """What a call that only speaks to the type checker or to Python 2 does: `cast(T, x)` is
    `x`, `super(Cls, self)` is `super()`."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name == "cast" and len(call.args) == 2 and not call.keywords:
        return call.args[1]
    if _named(func, "super") and len(call.args) == 2 and not call.keywords:
        return ast.Call(func=func, args=[], keywords=[])
    return call


def _named(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _shape(node: ast.AST, in_class: bool = False, header: bool = False) -> Iterator[object]:
    """The node as a stream of kinds and values, without positions and annotations. A class
    body's bare `x: int` keeps its annotation: dataclasses and named tuples read it."""
    if isinstance(node, ast.AnnAssign):
        if node.value is not None:
            yield "Assign"
            yield from _shape(node.target)
            yield from _shape(node.value)
        elif in_class:
            yield "Field"
            yield from _shape(node.target)
            yield from _shape(node.annotation)
        return
    if isinstance(node, ast.Call):
        node = _unwrapped(node)
        if not isinstance(node, ast.Call):  # `cast(T, value)` is `value`
            yield from _shape(node)
            return
    yield type(node).__name__
    nested_class = isinstance(node, ast.ClassDef)
    for field, value in ast.iter_fields(node):
        if field in _POSITIONS or field in _ANNOTATIONS or field == "kind":
            continue
        if field == "bases" and nested_class:  # `class X(object)` is `class X`
            value = [base for base in value if not _named(base, "object")]
        if isinstance(value, list):
            if value and isinstance(value[0], ast.stmt):
                if not header:
                    yield from _body_shape(value, nested_class)
                continue
            yield len(value)
            for item in value:
                if isinstance(item, ast.AST):
                    yield from _shape(item)
                else:
                    yield item
        elif isinstance(value, ast.AST):
            yield from _shape(value)
        else:
            yield type(value).__name__
            yield value
