"""Rust spelled two ways the compiler reads alike, for the token comparison of `tokens.py`:
rustfmt's commas before a closing bracket (REVIEW-E59, REVIEW-E74) and the 2018 edition's and
clippy's rewrites (REVIEW-E77). Loaded only for Rust files."""

from __future__ import annotations

import re

_COMMA_RUST = re.compile(r",[ \t]*(?=\n[ \t]*[\]}])")  # not at the end: `(x,\n)` is a tuple


# REVIEW-E74: rustfmt wraps a call's or a signature's arguments with a comma before the `)`,
# which means nothing after a name (`parse(buf, radix,)`), and a one-element tuple after
# anything else (`(x,)`, `return (x,)`)
_RUST_CLOSE = re.compile(r",[ \t]*(?=\n[ \t]*\))")
_NAMED = re.compile(r"([A-Za-z_]\w*)[ \t]*\Z")
_RUST_KEYWORDS = frozenset(
    {"as", "break", "dyn", "else", "if", "impl", "in", "let", "match", "move", "mut", "ref"}
    | {"return", "where", "while", "yield"}
)


# REVIEW-E77: Rust 2018's `..=` for a range pattern's `...`, clippy's field init shorthand
# (`Foo { a: a }` is `Foo { a }`) and lifetimes, which the compiler checks and nothing runs (a
# loop's label, `'outer:` and `break 'outer`, stays), spell the same code
_SHORTHAND = re.compile(r"(?<=[{,])(\s*)([a-z_][a-z0-9_]*)\s*:\s*\2(?=\s*[,}])")
_LIFETIME = re.compile(r"(?<!break )(?<!continue )'[a-z_]\w*(?![\w':])[ \t]*,?[ \t]*")
_EMPTY_GENERICS = re.compile(r"<\s*>|,\s*(?=>)")


_DOUBLE_QUOTED = re.compile(r'("(?:\\.|[^"\\])*")')


def rust_commas(text: str) -> str:
    parts = _DOUBLE_QUOTED.split(text)  # odd parts are strings: `"don't"` holds no lifetime
    text = "".join(p if i % 2 else _rust_spelling(p) for i, p in enumerate(parts))
    text = _COMMA_RUST.sub("", text)
    cut = [
        found.start() for found in _RUST_CLOSE.finditer(text) if _named_call(text, found.start())
    ]
    for at in reversed(cut):
        text = text[:at] + text[at + 1 :]
    return text


# REVIEW-E328: clippy's and Rust 1.43's spellings of the same value or call: a number type's
# `u32::max_value()` and `::std::u16::MAX` are `u32::MAX` and `u16::MAX`; rustfmt's (and a
# hand's) two `#[derive(...)]` on one item are one (not `.get(0)` as `.first()`: a type's own
# `get` and `first` may differ, and no type is known here)
_NUMBER_TYPE = r"(?:[ui](?:8|16|32|64|128|size)|f32|f64)"
_LIMIT_CALL = re.compile(
    rf"(?<![\w:])(?:(?:::)?(?:std|core)::)?({_NUMBER_TYPE})::(max|min)_value\(\)"
)
_LIMIT_PATH = re.compile(rf"(?<![\w:])(?:::)?(?:std|core)::({_NUMBER_TYPE})::(MAX|MIN)\b")
_DERIVES = re.compile(r"(#\[derive\([^()\]]*?)\s*,?\s*\)\]\s*#\[derive\(")

_DERIVE = re.compile(r"#\[derive\(([^()\]]*)\)\]")


def _derived(found: re.Match[str]) -> str:
    """REVIEW-E328: a `derive`'s traits one way: `Eq` beside `PartialEq` is a marker trait,
    with no method that runs (clippy's `derive_partial_eq_without_eq`)."""
    traits = [name.strip() for name in found[1].split(",") if name.strip()]
    if "PartialEq" in traits:
        traits = [name for name in traits if name != "Eq"]
    return f"#[derive({', '.join(traits)})]"


def _rust_spelling(code: str) -> str:
    """REVIEW-E77 on code outside strings: `format!("{x:x}")` is no shorthand; REVIEW-E328."""
    code = _LIFETIME.sub("", code.replace("...", "..="))
    code = _LIMIT_CALL.sub(lambda m: f"{m[1]}::{m[2].upper()}", code)
    code = _LIMIT_PATH.sub(r"\1::\2", code)
    while (merged := _DERIVES.sub(r"\1, ", code)) != code:
        code = merged
    code = _DERIVE.sub(_derived, code)
    return _SHORTHAND.sub(r"\1\2", _EMPTY_GENERICS.sub("", code))


def _named_call(text: str, comma: int) -> bool:
    """Whether the `(` that the comma's `)` closes follows a name that is not a keyword."""
    depth = 0
    for at in range(comma - 1, -1, -1):
        if text[at] in ")]}":
            depth += 1
        elif text[at] in "([{" and depth:
            depth -= 1
        elif text[at] in "([{":
            named = _NAMED.search(text, max(0, at - 100), at)
            return text[at] == "(" and named is not None and named[1] not in _RUST_KEYWORDS
    return False
