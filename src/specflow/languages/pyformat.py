"""Formatted strings: `"%s" % x`, `"{}".format(x)` and `f"{x}"` read as one thing, their literal
text and the expressions they format, when they surely format the same (REVIEW-E9). Pure."""

from __future__ import annotations

import ast
import re
from collections.abc import Container

from specflow.languages.pycaught import Position

Part = tuple[str, str] | tuple[str, ast.expr, str, str]  # ("text", s) | ("field", x, conv, spec)
# REVIEW-E28: what a reading of `%` that ruff calls unsafe took for granted: the first and last
# line of the format, and the value and what it must hold (`opaque`, "holds no tuple")
Taken = tuple[str, str]
Unsure = list[tuple[int, int, Taken]]
# a conversion: flags, width, precision, type (a lone `%` at the end: an error); or text
_PERCENT = re.compile(r"%([-#0 +]*)([0-9]*)((?:[.][0-9]+)?)(.?)|[^%]+", re.DOTALL)
_INTEGERS = frozenset("xXo")  # formatted alike by `%` and `format` (not `d`: see below)
_FLOATS = frozenset("eEfFgG")
_CONVERSIONS = {-1: "", 115: "s", 114: "r", 97: "a"}


def _field(value: ast.expr, conversion: str, spec: str) -> Part:
    """`{x!s}` is `{x}` (`str(x)` is `format(x, "")`), but not once a spec follows: `{n:08x}`
    formats the number, `{n!s:08x}` its text. A string literal formatted alone is its text:
    `"%s:%s" % (nonce, "auth")` is `f"{nonce}:auth"`."""
    plain = conversion in ("", "s") and not spec
    if plain and isinstance(value, ast.Constant) and type(value.value) is str:
        return ("text", value.value)
    return ("field", value, "" if conversion == "s" and not spec else conversion, spec)


def formatted(
    node: ast.AST, unsure: Unsure | None = None, caught: Container[Position] = frozenset()
) -> list[Part] | None:
    """The parts of a string formatted from a literal (literal text, and the expressions it
    formats with their conversion and format spec), or None when `node` is not one or is not
    surely the same as an f-string. Given `unsure`, a `%` format that is the same only if its
    values hold what it expects is read too, and what it takes for granted added (REVIEW-E28).
    `caught`: where the module reads a caught exception, never a tuple (REVIEW-E353)."""
    if isinstance(node, ast.JoinedStr):
        return _fstring_parts(node)
    if (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Mod)
        and isinstance(node.left, ast.Constant)
        and isinstance(node.left.value, str)
    ):
        taken: list[Taken] | None = None if unsure is None else []
        operand = node.right
        if isinstance(operand, ast.Name) and (operand.lineno, operand.col_offset) in caught:
            operand = ast.Tuple(elts=[operand], ctx=ast.Load())  # REVIEW-E353
        parts = _percent_parts(node.left.value, operand, taken)
        if parts is not None and taken:
            assert unsure is not None
            unsure += [(node.lineno, node.end_lineno or node.lineno, text) for text in taken]
        return parts
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
        and all(keyword.arg is not None for keyword in node.keywords)
        and not any(isinstance(arg, ast.Starred) for arg in node.args)
    ):
        named = [(keyword.arg or "", keyword.value) for keyword in node.keywords]
        return _format_parts(node.func.value.value, node.args, named)
    return None


def _fstring_parts(node: ast.JoinedStr) -> list[Part] | None:
    parts: list[Part] = []
    for value in node.values:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            parts.append(("text", value.value))
            continue
        if not isinstance(value, ast.FormattedValue) or value.conversion not in _CONVERSIONS:
            return None
        spec = "" if value.format_spec is None else _literal(value.format_spec)
        if spec is None:
            return None
        parts.append(_field(value.value, _CONVERSIONS[value.conversion], spec))
    return parts


def _literal(spec: ast.expr) -> str | None:
    """A format spec without fields in it, as text."""
    if not isinstance(spec, ast.JoinedStr):
        return None
    values = spec.values
    if not all(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in values):
        return None
    return "".join(str(getattr(v, "value", "")) for v in values)


# operands of `%` that cannot be a tuple at run time (a name could be, and a tuple formats
# differently from its f-string)
_NOT_TUPLE = (ast.JoinedStr, ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
_STRING_CALLS = frozenset({"str", "repr", "ascii", "int", "float", "len", "format", "type"})


def _percent_parts(text: str, operand: ast.expr, taken: list[Taken] | None) -> list[Part] | None:
    """`"%s: %r" % (a, b)`: `%s`, `%r` and `%a` alone, `%%`, and pyupgrade's numbers with
    their flags, width and precision (`%08x` is `{:08x}`, `%.2f` is `{:.2f}`). Not `%d`: it
    truncates a float that `{}` prints whole; not `%5s`: `format` pads only what has a
    `__format__` that takes a width. Given `taken`, also a lone value that may be a tuple,
    `%d` of what may not be an int, `%f` of what may not be a number, each added to `taken`
    (REVIEW-E28)."""
    if isinstance(operand, ast.Tuple):
        values = list(operand.elts)
    elif _surely_not_tuple(operand):
        values = [operand]
    elif taken is not None:
        values = [operand]
        taken.append(assumption(operand, _NO_TUPLE))
    else:
        return None
    parts: list[Part] = []
    for match in _PERCENT.finditer(text):
        flags, width, precision, kind = match.groups()
        modified = bool(flags or width or precision)
        if kind is None or (kind == "%" and not modified):
            parts.append(("text", match[0] if kind is None else "%"))
        elif not values or isinstance(values[0], ast.Starred):
            return None
        elif kind in ("s", "r", "a") and not modified:
            parts.append(_field(values.pop(0), kind, ""))
        elif _same_number(kind, flags, precision, values[0]):
            parts.append(_field(values.pop(0), "", _spec(flags) + width + precision + kind))
        elif taken is not None and _assumable(kind, flags, precision):
            value = values.pop(0)
            if taken and taken[-1] == assumption(value, _NO_TUPLE):
                taken.pop()  # a number is no tuple
            taken.append(assumption(value, _ASSUMED[kind]))
            spec = _spec(flags) + width + precision + ("d" if kind in _DECIMALS else kind)
            parts.append(_field(value, "", "" if spec == "d" else spec))
        else:
            return None
    return parts if not values else None


# REVIEW-E28: what a value must hold for `%` to format it as `format` does
_NO_TUPLE = "holds no tuple"
_DECIMALS = frozenset("diu")
_ASSUMED = {  # an `(int, Enum)` member formats as the enum does
    **dict.fromkeys(_DECIMALS, "is a plain int (not a float, a bool or an enum)"),
    **dict.fromkeys(_INTEGERS, "is a plain int (not an enum)"),
    **dict.fromkeys(_FLOATS, "is a plain float or int (not a Decimal or an enum)"),
}


def _assumable(kind: str, flags: str, precision: str) -> bool:
    """A conversion `format` writes alike for the values REVIEW-E28 names: no precision for an
    integer (`format` refuses it), not `%#o` (`0o` against `0`)."""
    if kind in _DECIMALS or kind in _INTEGERS:
        return not precision and not (kind == "o" and "#" in flags)
    return kind in _FLOATS


def assumption(value: ast.expr, expected: str) -> Taken:
    """What a rewrite takes for granted of `value`, shown as the code spells it (REVIEW-E28)."""
    shown = ast.unparse(value)
    return shown if len(shown) <= 40 else shown[:39] + "…", expected


def _same_number(kind: str, flags: str, precision: str, value: ast.expr) -> bool:
    """`%x`, `%X`, `%o` format an int as `format` does (not `%#o`, and no precision, which
    `format` refuses for integers); `%f`, `%e`, `%g` convert to float first, where `format`
    asks the value (a `Decimal` rounds its own way, an `(int, Enum)` member formats as the
    enum): only for a value surely a plain int, or a plain number."""
    if kind in _INTEGERS:
        integer = not precision and not (kind == "o" and "#" in flags)
        return integer and _surely_number(value, (int,), ("int", "len"))
    return kind in _FLOATS and _surely_number(value, (int, float), ("int", "float", "len"))


def _surely_number(value: ast.expr, kinds: tuple[type, ...], makers: tuple[str, ...]) -> bool:
    if isinstance(value, ast.Constant):
        return type(value.value) in kinds
    called = value.func if isinstance(value, ast.Call) else None
    return isinstance(called, ast.Name) and called.id in makers


def _spec(flags: str) -> str:
    """`%` flags in the order a format spec takes them: align, sign, `#`, `0`."""
    align = "<" if "-" in flags else ""
    sign = "+" if "+" in flags else " " if " " in flags else ""
    zero = "0" if "0" in flags and not align else ""
    return align + sign + ("#" if "#" in flags else "") + zero


def _surely_not_tuple(operand: ast.expr) -> bool:
    if isinstance(operand, ast.Constant):
        return not isinstance(operand.value, tuple)
    if isinstance(operand, ast.Call) and isinstance(operand.func, ast.Name):
        return operand.func.id in _STRING_CALLS
    return isinstance(operand, _NOT_TUPLE)


def _format_parts(
    text: str, args: list[ast.expr], keywords: list[tuple[str, ast.expr]]
) -> list[Part] | None:
    """`"{} and {}".format(a, b)`, `"{0} and {1}".format(a, b)` or `"{v!r}".format(v=a)`: each
    argument once, in the order the call gives them (the f-string evaluates each once, in the
    order of its text), the positional ones first; no attribute or index in a field."""
    import string

    parts: list[Part] = []
    values = [*args, *(value for _, value in keywords)]
    names = [*(str(index) for index in range(len(args))), *(name for name, _ in keywords)]
    used = 0
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    for literal, field, spec, conversion in parsed:
        if literal:
            parts.append(("text", literal))
        if field is None:
            continue
        if used >= len(values) or "{" in (spec or ""):
            return None
        if field != names[used] and (field or used >= len(args)):
            return None
        parts.append(_field(values[used], conversion or "", spec or ""))
        used += 1
    return parts if used == len(values) else None
