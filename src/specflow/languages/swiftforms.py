"""REVIEW-E120: Swift spelled as SwiftFormat and newer Swift versions rewrite it without changing
what runs, for the token comparison of `tokens.py`: the `return` of a body that is one
expression (SE-0255: a function's, a getter's, a closure's; not an `if`'s or a `guard`'s
block), `self.` before a member no local of the enclosing functions and closures shadows
(SE-0269, SE-0365), `if let x = x` as `if let x` (SE-0345), `Void()` as `()` and an order of
built-in attributes (`@Sendable @escaping`). One side of a file in, its lines in one spelling out; a
name the enclosing functions declare is marked, so that `x` that reads a local never reads
as `self.x`. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from specflow.languages.defining import SWIFT_MODIFIERS

_TOKEN = re.compile(r"[A-Za-z_$][\w$]*|\d[\w.]*|->|\S")
_WORD = re.compile(r"[A-Za-z_][\w]*\Z")


class Token(NamedTuple):
    line: int  # from 0
    column: int
    text: str
    first: bool  # the first token on its line


@dataclass
class Block:
    """A `{ ... }`: whether it is a type's body, whether its header is a control statement's,
    and the names declared in it or in its header (its parameters)."""

    opener: int  # the index of its `{`
    header: list[str]
    declared: set[str] = field(default_factory=set)
    parent: Block | None = None
    signature_end: int = -1  # a closure's `in`

    @property
    def type_body(self) -> bool:
        return _kind(self.header) == "type"

    @property
    def control(self) -> bool:
        return _kind(self.header) == "control"


_TYPES = frozenset({"class", "struct", "enum", "extension", "protocol", "actor"})
_CONTROL = frozenset(
    {"if", "else", "guard", "while", "for", "repeat", "do", "switch", "catch", "defer", "case"}
    | {"default"}
)


def _kind(header: Sequence[str]) -> str:
    words = [text for text in header if _WORD.match(text)]
    if any(text in _CONTROL for text in words):
        return "control"
    at = 0
    while at < len(header) and (header[at] in SWIFT_MODIFIERS or header[at] == "@"):
        at += 2 if header[at] == "@" else 1  # `@MainActor`: its name too
    if at < len(header) and header[at] in _TYPES:
        following = header[at + 1] if at + 1 < len(header) else ""
        # `class func`; REVIEW-E122: `class override func`, whose parameters are locals
        if following not in _MEMBERS and following not in SWIFT_MODIFIERS:
            return "type"
    return "other"


_MEMBERS = frozenset({"func", "var", "let", "subscript", "init"})


def tokens_of(lines: Sequence[str]) -> list[Token]:
    found: list[Token] = []
    for number, text in enumerate(lines):
        first = True
        for match in _TOKEN.finditer(text):
            found.append(Token(number, match.start(), match[0], first))
            first = False
    return found


_GOES_ON = frozenset(
    {"where", "throws", "rethrows", "async", "else", "in", "as", "is", "->", "."}
    | set(",)]:=?&|+-*/%<>!")
    | {"{"}  # REVIEW-E122: a `{` on a line of its own (Allman) opens its statement's block
)
_OPERATOR_END = frozenset(set("([,=:&|+-*/%<>!?") | {"->", "in"})


def _starts_statement(tokens: Sequence[Token], at: int, depth: int) -> bool:
    """Whether token `at`, first on its line outside any `(` or `[`, starts a statement."""
    token = tokens[at]
    if not token.first or depth or at == 0:
        return False
    return token.text not in _GOES_ON and tokens[at - 1].text not in _OPERATOR_END


def blocks_of(tokens: Sequence[Token]) -> list[Block | None]:
    """For each token, the innermost block that holds it (None at the top level), with every
    block's declared names read."""
    holder: list[Block | None] = []
    block: Block | None = None
    header: list[int] = []
    depth = 0  # of `(` and `[` in the current statement
    outer: list[tuple[list[int], int]] = []  # each open block's statement around its `{`
    for at, token in enumerate(tokens):
        text = token.text
        if _starts_statement(tokens, at, depth) or text == ";":
            header = []
        if text == "{":
            words = [tokens[i].text for i in header]
            block = Block(at, words, _declared(tokens, header), parent=block)
            outer.append((header, depth))
            header, depth = [], 0
        elif text == "}":
            holder.append(block)
            block = block.parent if block else None
            header, depth = outer.pop() if outer else ([], 0)
            header = [*header, at]
            continue
        else:
            depth = max(0, depth + (text in "([") - (text in ")]"))
            header.append(at)
            if text == "in" and block and not depth and _signature(tokens, block, header):
                block.signature_end = at
                block.declared |= {tokens[i].text for i in header if _WORD.match(tokens[i].text)}
                header = []
            elif block and text in ("let", "var", "for", "func"):
                block.declared |= _bound(tokens, at)
        holder.append(block)
    return holder


def _signature(tokens: Sequence[Token], block: Block, header: Sequence[int]) -> bool:
    """Whether the `in` closes a closure's parameters: all since its `{`, no `for` or `case`."""
    return (
        block.signature_end < 0
        and header[0] == block.opener + 1
        and not any(tokens[i].text in ("for", "case") for i in header)
    )


_NOT_NAMES = frozenset({"let", "var", "case", "try", "await", "_", "in", "self", "weak"})
_BOUND_STOPS = frozenset({"{", ";", "in", "else", "}"})


def _bound(tokens: Sequence[Token], at: int) -> set[str]:
    """The names a `let`, `var`, `for` or local `func` at `at` binds (crudely: every word of
    each pattern up to its `=` or `:`). REVIEW-E122: each of a list's patterns (`var a = 0,
    b = 0`, after a `,` outside brackets) and a pattern over several lines (`let (a,\n b)`)."""
    found: set[str] = set()
    naming, depth = True, 0
    for index in range(at + 1, min(at + 80, len(tokens))):
        text = tokens[index].text
        if not depth and (text in _BOUND_STOPS or _starts_statement(tokens, index, depth)):
            break
        depth += (text in "([") - (text in ")]")
        if depth < 0:  # the `)` of `case .some(let x)`
            break
        if not depth and text in ("=", ":", ","):
            naming = text == ","
        elif naming and _WORD.match(text) and text not in _NOT_NAMES:
            found.add(text)
            if tokens[at].text == "func":
                break
    return found


def _declared(tokens: Sequence[Token], header: Sequence[int]) -> set[str]:
    """The names a block's header declares for its body: every word in the parentheses of a
    `func`, `init` or `subscript` (labels and types too), what `let`, `var` and `for` bind
    there, `catch`'s `error`, an accessor's `newValue` and `oldValue`."""
    words = [tokens[i].text for i in header]
    found: set[str] = set()
    if any(word in ("func", "init", "subscript", "set") for word in words):
        depth = 0
        for word in words:
            depth += (word == "(") - (word == ")")
            if depth and _WORD.match(word):
                found.add(word)
    for index in header:
        if tokens[index].text in ("let", "var", "for"):
            found |= _bound(tokens, index)
    found |= {"error"} if "catch" in words else set()
    found |= {"newValue", "oldValue"} if {"set", "willSet", "didSet"} & set(words) else set()
    return found


def _locals(block: Block | None) -> set[str] | None:
    """The names the functions and closures around a place declare, up to the type whose body
    holds them; None when no type holds them."""
    found: set[str] = set()
    while block is not None:
        if block.type_body:
            return found
        found |= block.declared
        block = block.parent
    return None


class Edit(NamedTuple):
    line: int
    start: int
    end: int
    text: str


def spelled(uncommented: Sequence[str], code: Sequence[str]) -> list[str]:
    """The side's lines (without comments) in one spelling of each rewrite; `code` is the same
    lines with the text of strings blanked, where the rewrites are found."""
    tokens = tokens_of(code)
    blocks = blocks_of(tokens)
    edits = [
        *_implicit_returns(tokens, blocks),
        *_implicit_self(tokens, blocks),
        *_shorthand(tokens),
        *_attributes(tokens),
        *_void(tokens),
    ]
    cut = {(e.line, at) for e in edits if e.end > e.start for at in range(e.start + 1, e.end + 1)}
    edits = [e for e in edits if e.end > e.start or (e.line, e.start) not in cut]
    lines = list(uncommented)
    for edit in sorted(edits, key=lambda e: (e.line, e.start, e.end > e.start), reverse=True):
        text = lines[edit.line]
        lines[edit.line] = text[: edit.start] + edit.text + text[edit.end :]
    return lines


def _end(token: Token) -> int:
    return token.column + len(token.text)


def _implicit_returns(tokens: Sequence[Token], blocks: Sequence[Block | None]) -> list[Edit]:
    """SE-0255: `return` that starts the one expression of a function's, a getter's or a
    closure's body (not a control statement's block, where it leaves the function)."""
    edits = []
    for at, token in enumerate(tokens):
        block = blocks[at]
        if token.text != "return" or at == 0 or block is None:
            continue
        before = tokens[at - 1].text
        opens = before == "{" and at - 1 == block.opener
        if not (opens or (before == "in" and at - 1 == block.signature_end)):
            continue
        if block.control or block.type_body or not _one_expression(tokens, at + 1):
            continue
        following = tokens[at + 1] if at + 1 < len(tokens) else None
        cut = following.column if following and following.line == token.line else _end(token)
        edits.append(Edit(token.line, token.column, cut, ""))
    return edits


def _one_expression(tokens: Sequence[Token], at: int) -> bool:
    """Whether the tokens from `at` are one expression up to the `}` that closes its block."""
    depth = 0
    for index in range(at, len(tokens)):
        text = tokens[index].text
        if depth == 0 and text == "}":
            return True
        if depth == 0 and (text == ";" or (index > at and _starts_statement(tokens, index, 0))):
            return False
        depth += (text in "([{") - (text in ")]}")
    return False


def _implicit_self(tokens: Sequence[Token], blocks: Sequence[Block | None]) -> list[Edit]:
    """SE-0269, SE-0365: `self.name` is `name` where no function or closure around it, up to
    its type's body, declares `name` (a parameter, a `let`, a closure's parameter, `for`,
    `catch`'s `error`); a bare name such a local is marked, so that it never reads as the
    member."""
    edits = []
    for at, token in enumerate(tokens):
        if not _WORD.match(token.text) or (at and tokens[at - 1].text in (".", "\\")):
            continue
        names = _locals(blocks[at])
        if names is None:
            continue
        if token.text == "self" and _member_after(tokens, at):
            name = tokens[at + 2].text
            if name not in names and name != "init":
                edits.append(Edit(token.line, token.column, tokens[at + 2].column, ""))
        elif token.text in names and not _label(tokens, at):
            edits.append(Edit(token.line, _end(token), _end(token), _LOCAL))
    return edits


_LOCAL = "\x01"  # no token of code holds it


def _member_after(tokens: Sequence[Token], at: int) -> bool:
    if at + 2 >= len(tokens) or tokens[at + 1].text != ".":
        return False
    dot, name = tokens[at + 1], tokens[at + 2]
    same_line = dot.line == name.line == tokens[at].line
    return same_line and dot.column == _end(tokens[at]) and bool(_WORD.match(name.text))


def _label(tokens: Sequence[Token], at: int) -> bool:
    """An argument's label (`f(name: x)`), which names no variable."""
    return at + 1 < len(tokens) and tokens[at + 1].text == ":" and tokens[at - 1].text in "(,"


def _shorthand(tokens: Sequence[Token]) -> list[Edit]:
    """SE-0345: `if let x = x`, `guard var x = x` (and after a `,` of their conditions) is
    `if let x`; `let x = y` is not."""
    edits = []
    statement = ""
    for at in range(len(tokens) - 4):
        token = tokens[at]
        if token.text in ("if", "guard", "while") or token.text in (";", "{", "}"):
            statement = token.text
        if token.text not in ("let", "var") or statement not in ("if", "guard", "while"):
            continue
        if tokens[at - 1].text not in ("if", "guard", "while", ","):
            continue
        name, equals, value, following = tokens[at + 1 : at + 5]
        same = equals.text == "=" and name.text == value.text and _WORD.match(name.text)
        if same and following.text in (",", "{", "else") and name.line == value.line:
            edits.append(Edit(name.line, _end(name), _end(value), ""))
    return edits


def _void(tokens: Sequence[Token]) -> list[Edit]:
    """SwiftFormat's `void` rule: `Void()` is the empty tuple `()`."""
    return [
        Edit(token.line, token.column, _end(token), "")
        for at, token in enumerate(tokens[:-2])
        if token.text == "Void"
        and (at == 0 or tokens[at - 1].text != ".")
        and [t.text for t in tokens[at + 1 : at + 3]] == ["(", ")"]
        and tokens[at + 1].column == _end(token)
    ]


_ORDERLESS = frozenset(
    {"escaping", "Sendable", "autoclosure", "MainActor", "discardableResult", "inlinable"}
    | {"usableFromInline", "objc", "nonobjc", "preconcurrency", "frozen", "IBAction"}
    | {"IBOutlet", "NSManaged", "testable"}
)


def _attributes(tokens: Sequence[Token]) -> list[Edit]:
    """Built-in attributes without arguments in a row are one set: `@Sendable @escaping` is
    `@escaping @Sendable` (a property wrapper's order is its nesting: not these)."""
    edits: list[Edit] = []
    run: list[Token] = []
    at = 0
    while at <= len(tokens):
        if at + 1 < len(tokens) and tokens[at].text == "@" and _orderless(tokens, at + 1):
            run.append(tokens[at + 1])
            at += 2
            continue
        if len(run) > 1:
            ordered = sorted(token.text for token in run)
            edits += [
                Edit(t.line, t.column, _end(t), text) for t, text in zip(run, ordered, strict=True)
            ]
        run = []
        at += 1
    return edits


def _orderless(tokens: Sequence[Token], at: int) -> bool:
    """A built-in attribute's name, with no arguments right after it (`@objc(name)`)."""
    name = tokens[at]
    if name.text not in _ORDERLESS:
        return False
    following = tokens[at + 1] if at + 1 < len(tokens) else None
    return not (
        following
        and following.text == "("
        and (following.line, following.column) == (name.line, _end(name))
    )
