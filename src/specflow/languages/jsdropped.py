"""JavaScript written another way with no change in what runs, read over a whole side of a file
for the token comparison of `tokens.py` (through `jsmodern.respelled`): a declaration of several
names as one declaration a name (REVIEW-E421, eslint's `one-var` split), a function's trailing
parameters its body never reads left out (REVIEW-E422), and a statement that only calls a
`debug` logger left out (REVIEW-E423). Pure: tokens in, spans of tokens and what they read as
out."""

from __future__ import annotations

from collections.abc import Iterator

from specflow.languages.jstokens import NAME, RESERVED, Tokens
from specflow.languages.jsvar import _ASSIGNS, _ended, _starts, _starts_statement, var_like

Span = tuple[int, int, str]  # the first token, past the last (on one line), what they read as
_DECLARING = frozenset({"var", "let", "const"})


def dropped_spans(path: str, tokens: Tokens, uncommented: str) -> list[Span]:
    """REVIEW-E421, REVIEW-E422, REVIEW-E423: each span of a side's tokens and what it reads
    as; with REVIEW-E396's `var` for each `let` and `const` that reads as one once split."""
    commas = list(_split_commas(tokens))
    split, origin = _split(tokens, commas)
    spaced = {at: " " for _, at in commas}  # `a, b` as `a var b`, not `avar b`
    spans = [
        (o, o + 1, spaced.get(o, "") + "var")
        for o in map(origin.__getitem__, var_like(path, split))
    ]
    spans += [(at, at + 1, " " + tokens.text[keyword]) for keyword, at in commas]
    spans += _by_line(tokens, list(_unread_parameters(tokens)))
    spans += _by_line(tokens, list(_debug_statements(tokens, uncommented)))
    return spans


def _by_line(tokens: Tokens, dropped: list[int]) -> list[Span]:
    """The tokens at `dropped` (in order) as spans read as nothing, one a run on a line."""
    spans: list[Span] = []
    for at in dropped:
        if spans and spans[-1][1] == at and tokens.line[at] == tokens.line[at - 1]:
            spans[-1] = (spans[-1][0], at + 1, "")
        else:
            spans.append((at, at + 1, ""))
    return spans


def _split_commas(tokens: Tokens) -> Iterator[tuple[int, int]]:
    """REVIEW-E421: (the keyword, a comma) of each `var a = x, b = y` that starts a statement
    of its own (not a `for (` header's): `var a = x` then `var b = y` binds the same names to
    the same values in the same order, and so for `let` and `const`; declarators over several
    lines, with or without a value."""
    text, line, parent = tokens.text, tokens.line, tokens.parent
    for keyword, part in enumerate(text):
        if part not in _DECLARING or not _starts_statement(tokens, keyword):
            continue
        scope = parent[keyword]
        for at in range(keyword + 1, len(text)):
            if parent[at] != scope:
                continue
            if text[at] in (";", ")", "]", "}"):
                break
            breaks = line[at] != line[at - 1] and text[at - 1] != ","
            if breaks and _ended(text[at - 1]) and _starts(text[at]):
                break  # ASI ends the declaration at the line break
            if text[at] == ",":
                yield keyword, at


def _split(tokens: Tokens, commas: list[tuple[int, int]]) -> tuple[Tokens, list[int]]:
    """The tokens with each comma of `commas` as `;` and its keyword (the keyword on a line of
    its own, as a statement of its own is read), and the token each came from."""
    keywords = dict((at, tokens.text[keyword]) for keyword, at in commas)
    text, start, line, origin = list[str](), list[int](), list[int](), list[int]()
    for at, part in enumerate(tokens.text):
        if at in keywords:
            text += [";", keywords[at]]
            start += [tokens.start[at]] * 2
            line += [-tokens.line[at], tokens.line[at]]
            origin += [at, at]
        else:
            text.append(part)
            start.append(tokens.start[at])
            line.append(tokens.line[at])
            origin.append(at)
    partner, parent, stack = [-1] * len(text), [-1] * len(text), list[int]()
    for index, part in enumerate(text):
        parent[index] = stack[-1] if stack else -1
        if part in ("(", "[", "{", "${"):
            stack.append(index)
        elif part in (")", "]", "}"):
            opened = stack.pop()
            partner[opened], partner[index] = index, opened
            parent[index] = stack[-1] if stack else -1
    return Tokens(text, start, line, partner, parent), origin


def _unread_parameters(tokens: Tokens) -> Iterator[int]:
    """REVIEW-E422: the tokens of a `function`'s trailing parameters (plain names, as all its
    parameters are) that its body never reads, nor `arguments` nor `eval` there could: a caller
    passes them for nothing, with them or without (only the function's `length` tells)."""
    text = tokens.text
    for at, part in enumerate(text):
        opened = _parameters_at(tokens, at) if part == "function" else None
        if opened is None:
            continue
        close = tokens.partner[opened]
        names = [i for i in range(opened + 1, close) if text[i] != ","]
        body = range(close + 2, tokens.partner[close + 1])
        read = {text[i] for i in body if i == 0 or text[i - 1] not in (".", "?.")}
        if "arguments" in read or "eval" in read or len(names) * 2 - 1 != close - opened - 1:
            continue
        if not all(NAME.match(text[i]) and text[i] not in RESERVED for i in names):
            continue
        kept = len(names)
        while kept and text[names[kept - 1]] not in read:
            kept -= 1
        if kept < len(names):
            yield from range((names[kept - 1] + 1) if kept else opened + 1, close)


def _parameters_at(tokens: Tokens, at: int) -> int | None:
    """The `(` of the parameters of the `function` at `at`, when a `{` body follows them."""
    text, opened = tokens.text, at + 1
    if text[opened : opened + 1] == ["*"]:
        opened += 1
    if opened < len(text) and NAME.match(text[opened]) and text[opened] not in RESERVED:
        opened += 1
    if opened >= len(text) or text[opened] != "(":
        return None
    close = tokens.partner[opened]
    return opened if text[close + 1 : close + 2] == ["{"] else None


_NOT_PLAIN = frozenset({"(", "new", "function", "=>", "await", "yield", "delete", "class"})


def _debug_statements(tokens: Tokens, uncommented: str) -> Iterator[int]:
    """REVIEW-E423: the tokens of each statement that only calls a `debug` logger (a name
    bound once by `require('debug')(...)` or `import x from 'debug'`, and only ever called):
    it writes to the debug log alone, whose text is prose; arguments that call, make or
    write anything (`debug('%s', describe(req))`) keep the statement."""
    text = tokens.text
    loggers = {name for name in _debug_names(tokens, uncommented) if _only_called(tokens, name)}
    for at, part in enumerate(text):
        if part not in loggers or text[at + 1 : at + 2] != ["("] or text[at - 1 : at] == ["."]:
            continue
        if not _starts_statement(tokens, at):
            continue
        close = tokens.partner[at + 1]
        arguments = text[at + 2 : close]
        if any(a in _NOT_PLAIN or a in _ASSIGNS for a in arguments) or _tagged(text, at, close):
            continue
        after = text[close + 1] if close + 1 < len(text) else ""
        broken = bool(after) and tokens.line[close + 1] != tokens.line[close] and _starts(after)
        if after in ("", ";", "}") or broken:
            yield from range(at, close + 1 + (after == ";"))


def _tagged(text: list[str], at: int, close: int) -> bool:
    """Whether a tagged template stands between `at` and `close` (`tag`x``, `f()`x``): a
    template right after a name or a bracket calls what that is."""
    return any(
        text[i] == "`" and (text[i - 1] in (")", "]") or _name(text[i - 1]))
        for i in range(at + 2, close)
    )


def _name(part: str) -> bool:
    return bool(NAME.match(part)) and part not in RESERVED


_REQUIRE = ["=", "require", "("]  # `var debug = require('debug')('app')`


def _debug_names(tokens: Tokens, uncommented: str) -> Iterator[str]:
    """The names `var debug = require('debug')('app')` and `import debug from 'debug'` bind."""
    text = tokens.text
    for at, part in enumerate(text):
        called = text[at + 2 : at + 5] == _REQUIRE and text[at + 6 : at + 8] == [")", "("]
        if part in _DECLARING and called and _string(tokens, at + 5, uncommented) == "debug":
            yield text[at + 1]
        imported = part == "import" and text[at + 2 : at + 3] == ["from"] and at + 3 < len(text)
        if imported and _string(tokens, at + 3, uncommented) == "debug":
            yield text[at + 1]


def _string(tokens: Tokens, at: int, uncommented: str) -> str:
    """The text of the string literal at `at` (the code blanks it), else ''."""
    part = tokens.text[at]
    if part[:1] not in ("'", '"'):
        return ""
    return uncommented[tokens.start[at] + 1 : tokens.start[at] + len(part) - 1]


def _only_called(tokens: Tokens, name: str) -> bool:
    """Whether the name is declared once and every other use calls it (no parameter, no
    other binding, no property such as `debug.enabled`, no assignment shadows or changes it)."""
    text, declared = tokens.text, 0
    for at, part in enumerate(text):
        if part != name or (at and text[at - 1] in (".", "?.")):
            continue
        if at and text[at - 1] in ("var", "let", "const", "import", "function", "class"):
            declared += 1
        elif text[at + 1 : at + 2] != ["("]:
            return False
    return declared == 1
