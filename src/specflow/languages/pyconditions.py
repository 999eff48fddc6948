"""The block a changed condition governs: what a hunk that changes only an `if` or `while`
test, or the classes an `except` catches, decides to run (REVIEW-18); the signature a hunk
changes past its `def` line (REVIEW-E86); the statement a hunk only closes (REVIEW-E115). Pure."""

from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Container, Iterator, Sequence

from specflow.change import Hunk, Line
from specflow.languages.pyargs import called_with_changed_arguments as called_with
from specflow.languages.pyargs import simple_at
from specflow.languages.pyshape import BLOCKS, FUNCTIONS

GOVERNED_LINES = 3  # of the block a changed condition governs: its first statement, at most


def governed_blocks(
    hunks: Sequence[Hunk],
    noop: Container[int],
    trees: tuple[ast.Module | None, ast.Module | None],
    source: bytes | None,
) -> dict[int, str]:
    """For each hunk that changes only conditions (an `if` or `while` test, the classes an
    `except` catches), the first statement of the block each governs: what the change decides
    to run, and what a reviewer asks about (`except (ValueError, OSError):` over `raise
    BadTimeSignature("Malformed timestamp")`) (REVIEW-18)."""
    old, tree = trees
    if old is None or tree is None or source is None:
        return {}
    lines: list[bytes] = []  # SPEED-15: split when a hunk governs a block, as few do
    found: dict[int, str] = {}
    for index, hunk in enumerate(hunks):
        blocks = [] if index in noop else _governed(old, tree, hunk)
        signed = None if blocks or index in noop else _signature((old, tree), hunk)
        # REVIEW-E115: a hunk that only continues or closes a statement is read with it whole
        closed = None if blocks or signed or index in noop else _continued((old, tree), hunk)
        # REVIEW-E334: a changed argument of a call over lines is a change to that call
        called = (
            () if blocks or signed or closed or index in noop else called_with((old, tree), hunk)
        )
        if signed is not None:
            found[index] = f"def {signed}("
        elif called:
            found[index] = "\n".join(f"{name}(" for name in called)
        elif blocks or closed is not None:
            lines = lines or source.split(b"\n")
            text = b"\n".join(_first_lines(lines, block) for block in blocks)
            if closed is not None:
                text = _statement_lines(lines, closed)
            found[index] = text.decode("utf-8", "replace")
    return found


STATEMENT_LINES = 12  # of a statement a hunk continues, read whole; of a longer one, its first


def _continued(trees: tuple[ast.Module, ast.Module], hunk: Hunk) -> ast.stmt | None:
    """REVIEW-E115: the simple statement of several lines (of the new side) that the hunk's
    changed code lines only continue or close, on each side past its first line (`-        )`
    / `+        ).copy()` ending `level_to_color = (... if level_styles is None else
    level_styles)`): the names of the whole statement are what the change is about. None for
    any other hunk."""
    held = _held_past_first(trees[1], hunk.added)
    if held is None or _held_past_first(trees[0], hunk.removed) is None:
        return None
    return held if isinstance(held, ast.stmt) else None


def _held_past_first(tree: ast.Module, lines: Sequence[Line]) -> ast.stmt | bool | None:
    """The one simple statement that holds every changed code line, none on its first line;
    False when there is no such line, None when no one statement holds them so."""
    numbers = list(_code_lines(lines))
    held = {simple_at(tree.body, number) for number in numbers}
    if not held:
        return False
    statement = held.pop()
    if held or statement is None or any(n <= statement.lineno for n in numbers):
        return None
    if isinstance(statement, ast.Import | ast.ImportFrom):
        return None  # REVIEW-E6: what an import lists is no evidence
    return statement


def _statement_lines(lines: list[bytes], statement: ast.stmt) -> bytes:
    if _exports(statement):  # REVIEW-E287: `__all__ = [`, not its unchanged entries
        value = getattr(statement, "value", None)
        first = lines[statement.lineno - 1]
        return first[: value.col_offset] if value and value.lineno == statement.lineno else b""
    last = statement.end_lineno or statement.lineno
    last = last if last - statement.lineno < STATEMENT_LINES else statement.lineno
    return b"\n".join(lines[statement.lineno - 1 : last])


def _exports(statement: ast.stmt) -> bool:
    """REVIEW-E287: `__all__ = [...]` (or `+=`, a tuple): the names a module exports, each an
    entry apart, so a hunk among them is read with the name written, never with the entries it
    leaves alone. Any other statement is read whole: an entry joining its siblings is read with
    them (filelock `79ca84f`: `"poll_interval": ...` joins the `timeout`, `mode` entries LOCK-7
    names)."""
    if not isinstance(getattr(statement, "value", None), ast.List | ast.Tuple):
        return False
    targets = getattr(statement, "targets", None) or [getattr(statement, "target", None)]
    return any(isinstance(target, ast.Name) and target.id == "__all__" for target in targets)


def _governed(old: ast.Module, new: ast.Module, hunk: Hunk) -> list[ast.stmt]:
    """The first statement of each block the hunk's conditions govern, in order; none when
    the hunk changes anything but conditions (comments apart). SPEED-15: it stops at the first
    changed line outside a condition, the first line of most hunks."""
    blocks = []
    for number in _code_lines(hunk.added):
        block = _governing(new.body, number)
        if block is None:
            return []
        blocks.append(block)
    if not blocks or any(_governing(old.body, n) is None for n in _code_lines(hunk.removed)):
        return []
    return sorted({block.lineno: block for block in blocks}.values(), key=_at)


def _first_lines(lines: list[bytes], statement: ast.stmt) -> bytes:
    last = min(statement.end_lineno or statement.lineno, statement.lineno + GOVERNED_LINES - 1)
    return b"\n".join(lines[statement.lineno - 1 : last])


def _code_lines(lines: Sequence[Line]) -> Iterator[int]:
    return (line.number for line in lines if line.text.strip() and line.text.lstrip()[0] != "#")


def _at(statement: ast.stmt) -> int:
    return statement.lineno


def _governing(body: Sequence[ast.stmt], line: int) -> ast.stmt | None:
    """The first statement of the block whose condition holds `line`, or None when `line` is
    not in a condition (an `if` or `while` test, an `except` clause)."""
    for statement in body:
        first, last = statement.lineno, statement.end_lineno or statement.lineno
        if not first <= line <= last:
            continue
        if isinstance(statement, ast.If | ast.While) and _spans(statement.test, line):
            return statement.body[0]
        if isinstance(statement, ast.Try | _TRY_STAR):
            for handler in statement.handlers:
                if handler.lineno <= line < handler.body[0].lineno:
                    return handler.body[0]
        for field in BLOCKS:
            inner = getattr(statement, field, None)
            if isinstance(inner, list) and inner:
                if isinstance(inner[0], ast.ExceptHandler):
                    inner = [s for h in inner for s in h.body]
                if isinstance(inner[0], ast.stmt):
                    found = _governing(inner, line)
                    if found is not None:
                        return found
        return None
    return None


def _spans(node: ast.expr, line: int) -> bool:
    return node.lineno <= line <= (node.end_lineno or node.lineno)


_TRY_STAR = getattr(ast, "TryStar", ast.Try)


def _signature(trees: tuple[ast.Module, ast.Module], hunk: Hunk) -> str | None:
    """REVIEW-E86: the function whose signature (decorators, parameters, return annotation)
    the hunk changes on a line after its `def` line: black writes long ones a parameter a
    line, and a new parameter there changes the function as much as on its `def` line."""
    for tree, lines in ((trees[1], hunk.added), (trees[0], hunk.removed)):
        for number in _code_lines(lines):
            name = _header_of(tree.body, number)
            if name is not None:
                return name
    return None


def _header_of(body: Sequence[ast.stmt], line: int) -> str | None:
    for statement in body:
        first = min((d.lineno for d in _decorators(statement)), default=statement.lineno)
        if not first <= line <= (statement.end_lineno or statement.lineno):
            continue
        if isinstance(statement, FUNCTIONS) and line < statement.body[0].lineno:
            return statement.name
        inner = [s for field in BLOCKS for s in getattr(statement, field, None) or ()]
        return _header_of([s for s in inner if isinstance(s, ast.stmt)], line)
    return None


def _decorators(statement: ast.stmt) -> list[ast.expr]:
    return getattr(statement, "decorator_list", None) or []


_CALLED = re.compile(r"([A-Za-z_]\w*)\s*\(")
_TESTS = ("if ", "elif ", "while ")
_BUILTINS = frozenset(vars(builtins))


def governing_calls(lines: Sequence[str], number: int) -> tuple[str, ...]:
    """REVIEW-E240: the functions called by the tests of the `if`, `elif` and `while` around
    line `number` (1-based) of `lines`, innermost first, read by indentation; none past the
    `def` it lies in (`if validator.client_authentication_required(request):` over `...`)."""
    found: list[str] = []
    width = _width(lines[number - 1]) if 0 < number <= len(lines) else 0
    for text in reversed(lines[: max(0, number - 1)]):
        if width == 0:
            break
        code = text.strip()
        if not code or code.startswith("#") or _width(text) >= width:
            continue
        width = _width(text)
        if code.startswith(("def ", "async def ", "class ")):
            break
        if code.startswith(_TESTS):  # not a builtin: `float(value)` tells of no statement
            found += [name for name in _CALLED.findall(code) if name not in _BUILTINS]
    return tuple(dict.fromkeys(found))


def _width(text: str) -> int:
    return len(text) - len(text.lstrip())
