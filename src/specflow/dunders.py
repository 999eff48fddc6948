"""What a statement's backticked words name as a definition's name: a word another language
reserves (REVIEW-E150: `enum`), and the Python methods syntax calls: an operator
(REVIEW-E159: `|=` is `__ior__`) or a builtin's call on a value (REVIEW-E171: `str(headers)`
is `__str__`). Pure."""

from __future__ import annotations

import re

from specflow.identifiers import CODE_SPAN, RESERVED_ELSEWHERE


def _operator_methods() -> dict[str, tuple[str, ...]]:
    """Each operator, the methods a class defines for it: `a | b` calls `__or__` (or the right
    operand's `__ror__`), `a |= b` calls `__ior__`."""
    binary = {"+": "add", "-": "sub", "*": "mul", "/": "truediv", "//": "floordiv", "%": "mod"}
    binary |= {"**": "pow", "@": "matmul", "&": "and", "|": "or", "^": "xor"}
    binary |= {"<<": "lshift", ">>": "rshift"}
    found: dict[str, tuple[str, ...]] = {
        op: (f"__{name}__", f"__r{name}__") for op, name in binary.items() if op not in _PROSE
    }
    found |= {f"{op}=": (f"__i{name}__",) for op, name in binary.items()}
    return found | {"in": ("__contains__",), "not in": ("__contains__",)}


# a sign, a path, a glob, a prefix or a version specifier's syntax as often as an operator
_PROSE = frozenset({"+", "-", "*", "/", "%", "@"})


OPERATOR_METHODS = _operator_methods()

# REVIEW-E171: a builtin called on a value calls that value's method: `str(headers)` is
# `Headers.__str__`, `len(d)` is `__len__`. Not `int(s)`, `float(s)` nor `bytes(s)`, which a
# statement writes of parsing or encoding, nor `bool(x)`, which falls back to `__len__`
BUILTIN_METHODS = {
    name: f"__{name}__"
    for name in ("str", "repr", "len", "hash", "iter", "next", "abs", "reversed", "format")
}
# `str(headers)`, `len(self.items)`: the builtin, then one argument that is a name or a chain
_BUILTIN_CALL = re.compile(r"([a-z]+)\(\s*[A-Za-z_][\w.]*\s*(?:,[^()]*)?\)")
# `d[k]` reads through `__getitem__`, `d[k] = v` writes through `__setitem__`, `del d[k]`
# deletes through `__delitem__`; a type's parameters (`list[str]`, `t.Optional[int]`) are none
_SUBSCRIPT = re.compile(r"(del\s+)?((?:[A-Za-z_]\w*\.)*[a-z_]\w*)\[[^\[\]]+\](\s*=(?!=)\s*\S.*)?")
_TYPES = frozenset({"list", "dict", "set", "frozenset", "tuple", "type"})


# REVIEW-E203: a membership test (`key in md`, `(key, value) in md.items()`, `x not in d`) calls
# the right operand's `__contains__`; a loop's `for k in d` iterates and calls none
_MEMBERSHIP = re.compile(r"(?!for\b)\S[^`]*?\s(?:not\s+)?in\s+[A-Za-z_][\w.]*(?:\(\))?")


def span_methods(span: str) -> tuple[str, ...]:
    """The methods a backticked span names through syntax: an operator's (REVIEW-E159), a
    builtin's call on one value (REVIEW-E171: `str(headers)` is `__str__`; a bare `str`, a
    call with no argument or of a literal is none), a subscription's (`d[k]`, `d[k] = v`), a
    membership test's (REVIEW-E203: `key in md` is `__contains__`)."""
    if span in OPERATOR_METHODS:
        return OPERATOR_METHODS[span]
    if " in " in span and _MEMBERSHIP.fullmatch(span):
        return ("__contains__",)
    call = _BUILTIN_CALL.fullmatch(span)
    if call is not None:
        method = BUILTIN_METHODS.get(call[1])
        return (method,) if method else ()
    subscript = _SUBSCRIPT.fullmatch(span)
    if subscript is None or subscript[2].rsplit(".", 1)[-1] in _TYPES:
        return ()
    if subscript[1]:
        return ("__delitem__",)
    return ("__setitem__",) if subscript[3] else ("__getitem__",)


def reserved_spans(text: str) -> frozenset[str]:
    """REVIEW-E150: the backticked words of a statement that another language reserves (`enum`,
    `const`): no identifiers in general, yet the name of a definition a hunk lies inside.
    REVIEW-E159: a backticked operator names the Python methods that implement it (`|=` is
    `__ior__`); REVIEW-E171: a builtin's call, the method it calls (`str(headers)`)."""
    spans = [span.strip() for span in CODE_SPAN.findall(text)]
    methods = (name for span in spans for name in span_methods(span))
    return frozenset(span for span in spans if span in RESERVED_ELSEWHERE).union(methods)
