"""Python source parsed with `ast`, whatever a repository holds (NEW-E1, REVIEW-E7), or only
the top-level statements that hold a changed line (SPEED-6). Pure."""

from __future__ import annotations

import ast
import bisect
import re
import sys
import threading
from collections.abc import Sequence

from specflow.change import Hunk

# CPython 3.10's parser recurses on the C stack and crashes the process on nesting deep enough
# (`1+1+...` 200,000 times); 3.11 raises RecursionError instead. On 3.10 the parse runs in a
# thread with a stack this large (reserved, not used, by the few that need it).
_STACK = 512 * 1024 * 1024


def parse(source: bytes, filename: str = "<unknown>") -> ast.Module | None:
    """The module, or None when it does not parse: a syntax error, a null byte, an encoding
    Python does not know, or nesting too deep."""
    if sys.version_info >= (3, 11):
        return _parse(source, filename)
    return _with_large_stack(source, filename)


def _parse(source: bytes, filename: str) -> ast.Module | None:
    try:
        return ast.parse(source, filename=filename)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _with_large_stack(source: bytes, filename: str) -> ast.Module | None:
    found: list[ast.Module | None] = []
    previous = threading.stack_size(_STACK)
    try:
        thread = threading.Thread(target=lambda: found.append(_parse(source, filename)))
        thread.start()
    except RuntimeError:  # no thread to be had (memory): parse here
        return _parse(source, filename)
    finally:
        threading.stack_size(previous)
    thread.join()
    return found[0] if found else None


# --- parsing only what changed ------------------------------------------------------------------
# `ast.parse` costs about 8 µs a line, most of a large review: only the top-level statements
# that hold a changed line are parsed, at their own line numbers, the rest of the file blanked.

# after a newline (a literal first lets `re` skip ahead fast): the scan adds one at the start
_START = re.compile(rb"\n(?:(?:(?:async[ \t]+)?def|class|import|from)[ \t]|@)")
# each a literal: `re` finds a literal five times as fast as an alternation of two
_TRIPLES = (re.compile(rb'"""'), re.compile(rb"'''"))
# a whole line with a `"""` string that ends on it and no other quote, a docstring mostly: a
# line that leaves no string open
_CLOSED = re.compile(rb'[^"\'\\#\n]*"""[^"\\\n]*"""[^"\'\\#\n]*(?:#[^\n]*)?')
_QUOTE_TOKEN = re.compile(rb"\\.|\"\"\"|'''|\"|'|#")


def parse_touched(source: bytes, lines: Sequence[int]) -> ast.Module | None:
    """The top-level statements around `lines` (sorted), parsed at their own line numbers; the
    whole file when the cut does not parse (a statement start the line scan misjudged)."""
    lone_cr = source.count(b"\r") != source.count(b"\r\n")  # old Mac lines: no `\n` to cut at
    cut = None if lone_cr else _cut(source, source.split(b"\n"), lines)
    tree = None if cut is None else parse(cut)
    return tree if tree is not None else parse(source)


def _cut(source: bytes, text: list[bytes], lines: Sequence[int]) -> bytes | None:
    """The file with only the top-level statements around `lines` kept, the other lines blank;
    None when that would keep most of it."""
    kept = [b""] * len(text)
    count = 0
    for first, end in _touched_regions(_statement_starts(source), lines, len(text)):
        kept[first - 1 : end - 1] = text[first - 1 : end - 1]
        count += end - first
    # a comment on line 1 or 2 may be the encoding declaration the rest is read with
    for number in range(min(2, len(text))):
        if not kept[number] and text[number].startswith(b"#"):
            kept[number] = text[number]
            count += 1
    return b"\n".join(kept) if count * 4 < len(text) * 3 else None


def _touched_regions(starts: list[int], lines: Sequence[int], count: int) -> set[tuple[int, int]]:
    """The (first, end) line ranges of the top-level statements that hold one of `lines`
    (sorted): each found once, past the lines it holds."""
    bounds = [1, *starts, count + 1]
    regions = set()
    index = 0
    while index < len(lines):
        at = min(bisect.bisect_right(bounds, lines[index]), len(bounds) - 1)
        regions.add((bounds[at - 1], bounds[at]))
        index = max(index + 1, bisect.bisect_left(lines, bounds[at], index))
    return regions


def _statement_starts(source: bytes) -> list[int]:
    """Lines that surely begin a top-level statement: `def`, `class`, `import`, `from` or a
    decorator at column 0, outside a string that spans lines. None of these words can continue
    an expression, so no open bracket or backslash hides one; the module-level statements
    between them go with the definition before them (a coarser cut, never a wrong one)."""
    starts: list[int] = []
    padded = b"\n" + source
    quoted = _quoted_spans(padded)
    decorated = False
    line, at, span = 0, 0, 0
    for match in _START.finditer(padded):
        line += padded.count(b"\n", at, match.start() + 1)
        at = match.start() + 1
        while span < len(quoted) and quoted[span][1] < line:
            span += 1
        if span < len(quoted) and quoted[span][0] <= line:
            continue  # inside a string that spans lines
        if not decorated:
            starts.append(line)
        decorated = match[0][1] == 64  # "@": the definition below belongs to it
    return starts


def _quoted_spans(padded: bytes) -> list[tuple[int, int]]:
    """The (first, last) ranges of lines that begin inside a triple-quoted string, in a source
    after a newline. Only a line with a triple quote in it can open or close one."""
    spans: list[tuple[int, int]] = []
    quote: bytes | None = None
    line, at, opened, end = 0, 0, 0, -1
    for start in sorted(match.start() for triple in _TRIPLES for match in triple.finditer(padded)):
        if start < end:
            continue  # a line is read whole, once
        begin = padded.rfind(b"\n", 0, start) + 1
        end = padded.find(b"\n", start)
        end = len(padded) if end < 0 else end
        if quote is None and _CLOSED.fullmatch(padded, begin, end):
            continue
        was, quote = quote, _open_quote(padded[begin:end], quote)
        if (was is None) != (quote is None):
            line += padded.count(b"\n", at, begin)
            at = begin
            if quote is None:
                spans.append((opened + 1, line))
            else:
                opened = line
    if quote is not None:
        spans.append((opened + 1, padded.count(b"\n") + 1))
    return spans


def _open_quote(line: bytes, quote: bytes | None) -> bytes | None:
    """The triple quote still open at the end of `line`, given the one open at its start."""
    single: bytes | None = None
    for token in _QUOTE_TOKEN.findall(line):
        if token[0] == 92:  # a backslash escapes what follows
            continue
        if quote is not None:
            quote = None if token == quote else quote
        elif single is not None:
            single = None if token == single else single
        elif token == b"#":
            break
        elif len(token) == 3:
            quote = token
        else:
            single = token
    return quote


_TRAILING_COMMENT = re.compile(r"\s+#[^'\"]*$")
# `X: int = 30` at the top level, `self.x: int = v`: not a class body's field (dataclasses read it)
_ANNOTATED = re.compile(r"^((?:[\w.]+)|\s+\w+\.[\w.]+)\s*:\s*[^=]+?=(?!=)")


def restated_lines(hunk: Hunk) -> tuple[set[int], set[int]]:
    """REVIEW-E23: the removed and the added lines of a hunk whose code the other side holds
    again, but for a trailing comment or a variable's annotation (`# type: ignore` added)."""
    old: set[int] = set()
    new: set[int] = set()
    if not hunk.added or not hunk.removed:
        return old, new
    removed: dict[str, list[int]] = {}
    for line in hunk.removed:
        removed.setdefault(_code(line.text), []).append(line.number)
    for line in hunk.added:
        same = removed.get(_code(line.text))
        if same:
            old.update(same)
            new.add(line.number)
    return old, new


def respelled(hunk: Hunk, side: int) -> set[int]:
    """REVIEW-E305: the lines of one side (0 removed, 1 added) that the other side holds
    again in other quotes only (`['x']` as `["x"]`): where the hunk changes nothing."""
    lines = (hunk.removed, hunk.added)
    other = {_code(line.text): line.text for line in lines[1 - side] if '"' in line.text}
    if not other:
        return set()
    return {
        line.number
        for line in lines[side]
        if (text := other.get(_code(line.text))) is not None and text != line.text
    }


def _code(text: str) -> str:
    """An assignment without its trailing comment and its annotation, its strings in double
    quotes (REVIEW-E305); any other line as it is (only an assignment is read for what it
    writes)."""
    if "=" not in text or ("#" not in text and ":" not in text and "'" not in text):
        return text
    code = _TRAILING_COMMENT.sub("", text.rstrip()) if "#" in text else text.rstrip()
    if ":" in code and "=" in code:
        code = _ANNOTATED.sub(r"\1 =", code)
    return _double_quoted(code) if "'" in code else code


def _double_quoted(code: str) -> str:
    """REVIEW-E305: `'x'` as `"x"` (black, ruff's Q000), each string read from its opening
    quote to its closing one: a single-quoted one without a quote or a backslash inside
    reads the same in double quotes; any other as it is, and the line as it is when a string
    does not close on it (a triple-quoted one spans lines)."""
    out: list[str] = []
    at = 0
    while (start := _next_quote(code, at)) >= 0:
        three = code[start : start + 3]
        quote = three if three in ("'''", '"""') else code[start]
        end = _closing(code, start + len(quote), quote)
        if end < 0:
            return code
        body = code[start + len(quote) : end]
        plain = quote == "'" and '"' not in body and "\\" not in body
        out.append(code[at:start] + (f'"{body}"' if plain else code[start : end + len(quote)]))
        at = end + len(quote)
    return "".join(out) + code[at:]


def _next_quote(code: str, at: int) -> int:
    found = [index for index in (code.find("'", at), code.find('"', at)) if index >= 0]
    return min(found) if found else -1


def _closing(code: str, at: int, quote: str) -> int:
    """Where the string opened by `quote` closes (a backslash escapes the next character)."""
    while at < len(code):
        if code[at] == "\\":
            at += 2
        elif code.startswith(quote, at):
            return at
        else:
            at += 1
    return -1
