"""What a reference that implements an ID heads (CHECK-21, CHECK-E14, CHECK-E17, CHECK-E22,
CHECK-E29, CHECK-E30, CHECK-E52, CHECK-E66, CHECK-E67): the code inside it or at most
BLOCK_LINES below it, the body of the definition or the block right under it, however long, and
the line opening the block it is the first line of; one after code on its line, that line.
Read by the hook (`losses.touched_code`) and by the review's heading evidence (REVIEW-E31)
alike. Pure: references and lines in."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from specflow.change import Hunk
from specflow.refs import Reference

BLOCK_LINES = 20  # how far above a hunk a `# ID` comment still heads the code the hunk is in


def implementing(references: Sequence[Reference]) -> dict[str, list[Reference]]:
    """The references that implement an ID, by the file they are in: what heads its code."""
    heads: dict[str, list[Reference]] = {}
    for reference in references:
        if reference.kind == "implements":
            heads.setdefault(reference.path, []).append(reference)
    return heads


Lines = Callable[[], "Sequence[str] | None"]  # a file's lines, read only when asked for


def heading(found: Sequence[Reference], hunk: Hunk, lines: Lines | None = None) -> list[Reference]:
    """The references that head what `hunk` changes (CHECK-E14: not every ID above it;
    rewording `# RESET-2` is no change under `# RESET-1`). With the file's `lines`, not one
    inside a block that a definition between it and the change has closed (CHECK-E17)."""
    first = hunk.first_changed
    if hunk.added:
        last = max(line.number for line in hunk.added)
        opened = _opened_here(found, first, last, lines)  # CHECK-E67: the lines it adds only
        return [*heading_lines(found, first, last, lines), *(r for r in found if r.line in opened)]
    # CHECK-E18: removed lines sat just above the lines that now stand where they were, so
    # what heads them is on the line above the first of those, or before the last of them
    last = hunk.new_start + hunk.removed[-1].number - hunk.old_start - (len(hunk.removed) - 1)
    # CHECK-E52: a trailing reference on the line above them did not speak of them
    near = lines is not None and any(r.line == first - 1 for r in found)
    text = lines() if lines is not None and near else None
    unread = near and text is None  # as if it opened a block, so that the caller reads the file
    kept = [r for r in found if r.line != first - 1 or unread or not trailing(r, text)]
    return _still_over(heading_lines(kept, first - 1, last - 1, lines), hunk, first, lines)


def _still_over(
    heads: list[Reference], hunk: Hunk, first: int, lines: Lines | None
) -> list[Reference]:
    """CHECK-E55: a reference above lines a hunk only removes heads them only if it did where
    they stood: read with them put back, a definition they begin (a method moved away with its
    own `# ID`) ends the one the reference heads, as CHECK-E17 reads a definition kept."""
    text = lines() if lines is not None and any(r.line < first for r in heads) else None
    removed = [line.text for line in hunk.removed]
    code = next((n for n, line in enumerate(removed) if _code(line.strip())), None)
    if text is None or code is None or not 0 < first <= len(text) + 1:
        return heads
    view = [*text[: first - 1], *removed, *text[first - 1 :]]
    return [r for r in heads if r.line >= first or _still_heads(view, r.line, first + code)]


def heading_lines(
    found: Sequence[Reference], first: int, last: int, lines: Lines | None = None
) -> list[Reference]:
    """The references on lines `first` to `last`, and those on the nearest line above `first`
    (or on it) that holds one, at most BLOCK_LINES above, when it still heads `first`."""
    # CHECK-E52: a trailing `# ID` on a line of code heads that line, not the code below it,
    # unless the line opens a block (read in the file when a trailing one is near enough)
    near = any(first - FAR_LINES <= r.line < first and trailing(r) for r in found)
    text = lines() if lines is not None and near else None
    unread = near and lines is not None and text is None  # as if it opened one: read the file
    heads = [r for r in found if r.line >= first or unread or not trailing(r, text)]
    above = [r.line for r in heads if first - BLOCK_LINES <= r.line <= first]
    nearest = max(above, default=0)  # lines count from 1
    # CHECK-E29: farther above, one that heads the definition the change is in, however long
    far = (
        0
        if nearest
        else max((r.line for r in heads if first - FAR_LINES <= r.line < first), default=0)
    )
    if text is None and lines is not None and (nearest or far):
        text = lines()
    if 0 < nearest < first and text is not None:
        start = _first_code(text, first, last)
        if not (_still_heads(text, nearest, start) and _in_block(text, nearest, start)):
            nearest = 0
    elif far and lines is not None:  # unread: as if it did, so that the caller reads the file
        start = _first_code(text, first, last) if text is not None else first
        heads_far = text is None or _heads_definition(text, far, start)
        nearest = far if heads_far or _heads_block(text, far, start) else 0  # CHECK-E66
    return [r for r in heads if r.line == nearest or first < r.line <= last]


def _heads_block(lines: Sequence[str] | None, reference: int, first: int) -> bool:
    """CHECK-E66: whether line `first` is inside the block the reference heads, however long:
    the `case`, `if`, loop or initialiser on its line (after code) or on the first line of code
    below it, up to the first line back at that line's depth after its body (the next `case`
    or `default`, the closing brace, the next statement); a `{` alone and stacked `case`
    labels before the body still open it."""
    if lines is None or not 0 < reference < first <= len(lines):
        return False
    strings = in_strings(lines)
    below = range(reference + 1, first)
    code = (n for n in below if n not in strings and _code(lines[n - 1].strip()))
    opener = reference if _code_before(lines[reference - 1].strip()) else next(code, 0)
    if not opener or not _CONTROL.match(lines[opener - 1].strip()):
        return False  # a statement (`lookup = wrap((h) => {`) heads CHECK-21's lines only
    depth, body = _indent(lines[opener - 1]), False
    if depth > _indent(lines[reference - 1]):
        return False  # a comment less indented than the code below it heads no block of it
    for number in range(opener + 1, first):
        stripped = lines[number - 1].strip()
        if number in strings or not _code(stripped):
            continue
        if _indent(lines[number - 1]) > depth:
            body = True
        elif body or not (stripped.startswith("{") or _LABEL.match(stripped)):
            return False  # back at its depth after its body: the block has ended
    inside = body or _indent(lines[first - 1]) > depth
    return inside and _still_heads(lines, reference, first)


_CONTROL = re.compile(  # CHECK-E66: the blocks a keyword opens, a `case` label's among them
    r"(?:\}\s*)?(?:if|else|elif|elsif|unless|for|foreach|while|until|do|loop|switch|select|case"
    r"|default|when|match|try|catch|except|finally|rescue|with)\b"
)
_LABEL = re.compile(r"(?:case\b[^:]*|default\s*):")  # `case 2:` stacked over `case 3:`
_GOES_ON = 4  # how far below a hunk's last line the first comment of the block it opens may be


def _opened_here(
    heads: Sequence[Reference], first: int, last: int, lines: Lines | None
) -> list[int]:
    """CHECK-E67: the lines of the references that are the first lines inside a block whose
    opening line (`if session.accessed:`, `} else if (x) {`, Allman's header above its `{`)
    the hunk changes: that condition governs the code the reference heads."""
    below = [r.line for r in heads if last < r.line <= last + _GOES_ON]
    text = lines() if below and lines is not None else None
    if text is None:  # unread: as if it did, so that the caller reads the file
        return below if lines is not None else []
    return [line for line in below if _opener_in(text, line, first, last)]


def reads_text(hunk: Hunk, reference: Reference) -> bool:
    """Whether the file's text decides if the reference heads the hunk: one above its changed
    lines (CHECK-E17), or one below them that a changed line may open (CHECK-E67)."""
    last = max((line.number for line in hunk.added), default=hunk.first_changed)
    return reference.line < hunk.first_changed or reference.line > last


def _opener_in(lines: Sequence[str], reference: int, first: int, last: int) -> bool:
    """CHECK-E67: the first line of code above a comment line's reference, past blank and
    comment lines and a `{` alone, is one of lines `first` to `last` and opens the block the
    reference is inside: less indented than it, ending as a block's opening does."""
    if not 0 < reference <= len(lines) or _code_before(lines[reference - 1].strip()):
        return False
    depth, brace = _indent(lines[reference - 1]), False
    for number in range(reference - 1, max(0, first - 1), -1):
        stripped = lines[number - 1].strip()
        if not _code(stripped) or (stripped == "{" and not brace):
            brace = brace or stripped == "{"
            continue
        code = _code_before(stripped) or stripped
        opens = brace or bool(_BLOCK_END.search(code)) or code.endswith(("then", "else"))
        return number <= last and _indent(lines[number - 1]) < depth and opens
    return False


# a comment after code on its line: `#`, `//`, `/*` or ` -- ` after a blank that follows code
_TRAILING = re.compile(r"\S\s+(?:#|//|/\*|--\s)")
_DOCSTRING = re.compile(r"[rRuU]?(?:\"|')")  # `"""Reset."""  # RESET-1` heads its function
# `do |x|`, `{ |x|`: Ruby's blocks
_BLOCK_END = re.compile(r"(?:[{(\[:]|=>|(?:\bdo|\{)(?:\s*\|[^|]*\|)?)\Z")


def trailing(reference: Reference, lines: Sequence[str] | None = None) -> bool:
    """CHECK-E52: whether the reference is a comment at the end of a line of code that opens
    no block (`return f"{key}={value}"  # HDR-1`): it speaks of that line (and at most the
    statement it ends), never of the code below it; `def f(x):  # ID` still heads its body,
    and so does one after a docstring. With the file's `lines`, a line whose next line of
    code is `{` (`public String greet(String u)  // ID` in Allman style) or is indented
    deeper (Ruby's `if ready? # ID`, `module M # ID`, a braceless `if (x)  // ID`) opens one
    too."""
    text = reference.text.strip()
    at = text.find(reference.id)
    code = _code_before(text, at if at >= 0 else None)
    opens = bool(_BLOCK_END.search(code) or _DEFINES.match(code))
    return bool(code) and not opens and not _opens_below(lines, reference.line)


def _in_block(lines: Sequence[str], reference: int, first: int) -> bool:
    """CHECK-E52: line `first` is in the block that a reference after code on its line opens
    (up to the first line back at that line's level, `}` or `end`; a `{` alone right below
    it opens it); a comment line's reference heads as far as CHECK-21 says."""
    if not 0 < reference < first <= len(lines):
        return True
    if not _code_before(lines[reference - 1].strip()):
        return not _closed(lines, reference, first)
    depth, opened = _indent(lines[reference - 1]), False
    for number in range(reference + 1, first):
        text = lines[number - 1]
        if not text.strip() or _indent(text) > depth:
            continue
        if opened or not text.strip().startswith("{"):
            return False  # back at its level: the block has ended (`first` may be its end)
        opened = True
    return True


# CHECK-E58: a line less indented than a comment's reference that leaves its block: a closing
# bracket (`} else {`, `end`), a branch's keyword, or a new statement (not SQL at the margin)
_LEAVES = re.compile(
    r"(?:[})\]]|(?:end|else|elif|elsif|except|catch|finally|rescue|ensure|when|case|default)\b)"
)


def _closed(lines: Sequence[str], reference: int, first: int) -> bool:
    """CHECK-E58: whether the block a comment line's reference sits in has closed before line
    `first` (`// X-1` inside `else { ... }`, the change below its `}`); `first` itself may be
    the line that closes it (`}`), still in it."""
    opening = _comment_opening(lines, reference)
    depth, strings = _indent(lines[opening - 1]), in_strings(lines)
    for number in range(reference + 1, first + 1):
        text = lines[number - 1]
        stripped = text.strip()
        if not _code(stripped) or _indent(text) >= depth or number in strings:
            continue
        if _STATEMENT.match(stripped):
            return True
        if _LEAVES.match(stripped) and (number < first or not stripped.startswith(_CLOSES)):
            return True
    return False


def _comment_opening(lines: Sequence[str], reference: int) -> int:
    """CHECK-E58: the line that opens the block comment a reference's line continues (` * ID`
    under `/**`, one column deeper than the code it heads), else the reference's own line."""
    if not lines[reference - 1].lstrip().startswith("*"):
        return reference
    for number in range(reference - 1, max(0, reference - BLOCK_LINES), -1):
        stripped = lines[number - 1].strip()
        if "/*" in stripped:
            return number
        if not stripped.startswith("*") or stripped.startswith("*/"):
            break
    return reference


def _opens_below(lines: Sequence[str] | None, number: int) -> bool:
    """CHECK-E52: the next line of code below line `number` is `{` or indented deeper."""
    if lines is None or not 0 < number <= len(lines):
        return False
    below = next((text for text in lines[number:] if text.strip()), "")
    return below.lstrip().startswith("{") or _indent(below) > _indent(lines[number - 1])


def _code_before(text: str, end: int | None = None) -> str:
    """The code before a comment that ends the stripped line `text` (the comment starting
    before `end`), or "" when the line is a comment, a docstring, or has none."""
    stop = len(text) if end is None else end
    comment = None if text.startswith(_ASIDE) else _TRAILING.search(text, 0, stop)
    code = text[: comment.start() + 1] if comment else ""
    return "" if _DOCSTRING.match(code) else code


FAR_LINES = 400  # how far above a definition's heading reference still heads its body


def _heads_definition(lines: Sequence[str], reference: int, first: int) -> bool:
    """Whether the reference sits right above a definition (only blank, comment or decorator
    lines between) that `first` is still inside (CHECK-E22's end)."""
    below = range(reference + 1, min(first, len(lines)) + 1)
    code = (n for n in below if _code(lines[n - 1].strip()) and not _OVERLOAD.match(lines[n - 1]))
    opening = next(code, 0)
    return bool(opening) and _opens(lines, opening) and _still_heads(lines, reference, first)


def _code(stripped: str) -> bool:
    return bool(stripped) and not stripped.startswith(_ASIDE)


HEADER_LINES = 8  # the lines of a header whose `{` is on a line of its own
_CALL = re.compile(r"\s*[A-Za-z_$][\w$.]*\s*\([^)]*\)\s*\Z")  # `FOR_EACH(e, a)` defines nothing


def _opens(lines: Sequence[str], number: int) -> bool:
    """Whether line `number` opens a definition: on itself, or (CHECK-E30, Allman style: C's,
    PHP's PSR-12 methods) with its `{` alone on a later line, its parameters over several
    lines; not a prototype (`int f(int);`) nor a call."""
    text = lines[number - 1]
    if _DEFINES.match(text):
        return True
    header: list[str] = []
    for below in range(number, min(len(lines), number + HEADER_LINES) + 1):
        stripped = lines[below - 1].strip()
        if stripped.startswith("{") and header:
            joined = " ".join(header)
            return not _CALL.match(joined) and bool(_DEFINES.match(joined + " {"))
        if not stripped or stripped.endswith((";", "{", "}")):
            return False
        header.append(stripped)
    return False


def _first_code(lines: Sequence[str], first: int, last: int) -> int:
    """The first line from `first` to `last` that is not blank (CHECK-E22: a function added
    below another begins with a blank line), else `first`."""
    found = (n for n in range(first, min(last, len(lines)) + 1) if lines[n - 1].strip())
    return next(found, first)


# CHECK-E17: a line that opens a definition, in the languages whose keyword says so. Kept apart
# from languages/generic.py's DEFINITION and METHOD, which read the same lines for the review:
# the hook does not load the language layer (LAYOUT-13), and this one also opens on arrows
_DEFINES = re.compile(
    r"\s*(?:(?:export|default|pub(?:\([^)]*\))?|public|private|protected|static|async|final|abstract"
    r"|unsafe|const(?=\s+fn\b)|extern(?:\s+\"\w*\")?)\s+)*"
    r"(?:(?:def|class|function|func|fn)\b"
    # CHECK-E38: JavaScript's `res.send = function send(body) {`, `module.exports = function () {`
    # REVIEW-E152: and a name declared before, assigned one: `lookup = (hostname, opt, cb) => {`
    r"|(?:[A-Za-z_$][\w$]*\s*\.\s*)*[A-Za-z_$][\w$]*\s*=\s*(?:async\s+)?"
    # CHECK-E38: its parameters over lines, TypeScript's return type, an object returned `=> ({`
    r"(?:function\b[^;]*(?:\{|\([^)]*)|(?:\([^)]*\)|[\w$]+)\s*(?::[^=;]+)?=>\s*\(?\s*\{)\s*\Z"
    r"|(?:const|let|var)\s+[\w$]+\s*(?::[^=]*)?=\s*(?:async\s+)?"
    r"(?:function\b|\(\s*\Z|(?:\([^)]*\)|[\w$]+)\s*(?::[^=]+)?=>)"  # `const f = (...) => {`
    r"|#?(?!(?:if|for|while|switch|catch|with)\b)"
    r"(?:[A-Z_][A-Z0-9_]*\([^()]*\)\s*)?"  # CHECK-E30: C's `CJSON_PUBLIC(char *) name(`
    r"(?:(?!(?:new|return|else|if|for|while|switch|match)\b)[A-Za-z_$][\w$.<>\[\],]*"
    r"(?:\s*[*&]+\s*|\s+)){0,4}"  # CHECK-E30: `static const char *skip(`
    r"[A-Za-z_$][\w$]*\s*\([^)]*\)\s*(?::\s*[^{=;]+)?"  # or a method: `get(k) {`, or
    r"(?:throws\s+[\w.]+(?:\s*,\s*[\w.]+)*\s*)?\{\s*\Z)"  # Java's `int get(k) throws E {`
)


def lazy_lines(text: str | bytes | None) -> Lines:
    """`text`'s lines, decoded and split the first time they are asked for."""

    def lines() -> list[str] | None:
        if text is None:
            return None
        return (text if isinstance(text, str) else text.decode("utf-8", "replace")).split("\n")

    return functools.cache(lines)


def _still_heads(lines: Sequence[str], reference: int, first: int) -> bool:
    """No definition between the reference and `first` starts a block the reference is not
    in: one indented no deeper than the reference's line, unless only blank, comment or
    decorator lines stand between them (the reference is that definition's own heading);
    and the definition the reference heads has not ended before `first` (CHECK-E22)."""
    if not 0 < reference <= first <= len(lines):
        return True
    depth = _indent(lines[reference - 1])
    # CHECK-E52: a reference after code on its line (`def f(): return 1  # ID`) heads no
    # definition below it, unless the line opens it (`String greet(String u)  // ID`, `{`)
    code = _code_before(lines[reference - 1].strip())
    attached, headed, body = not code or _opens_below(lines, reference), False, False
    strings = in_strings(lines)
    for number in range(reference + 1, first + 1):
        if number in strings:  # CHECK-E58: a string's text at the margin (`Usage: login`)
            continue
        text = lines[number - 1]
        stripped = text.strip()
        level = _indent(text) <= depth
        if level and not headed and _OVERLOAD.match(text):
            continue  # CHECK-E60: a signature without a body heads the implementation below
        if level and _opens(lines, number):
            if not attached:
                return False
            headed = True
        elif headed and stripped and not stripped.startswith(_ASIDE):
            body = body or not level
            # CHECK-E59: `if sys.implementation.name != "pypy":` back at its level begins a
            # block of its own, as an assignment does: no signature's last line goes on so
            goes_on = stripped.endswith(_OPENS) and not _NEW_BLOCK.match(stripped)
            if body and level and not goes_on and _ends(stripped, number < first):
                return False  # back at its level after its body: the definition has ended
        attached = attached and (not stripped or stripped.startswith(_ASIDE))
    return True


# CHECK-E60: TypeScript's overload signatures and `declare`d functions, a body's stand-ins:
# `function v1(buf?: undefined): string;`, `parse(text: string): Node;` (a call has no type)
_MODIFIERS = r"\s*(?:(?:export|declare|default|public|private|protected|static|async|abstract)\s+)*"
_OVERLOAD = re.compile(
    _MODIFIERS + r"(?:function\s+[A-Za-z_$][\w$]*\s*(?:<[^>]*>)?\s*\([^;{]*\)\s*(?::\s*[^;{=]+)?"
    r"|[A-Za-z_$][\w$]*\??\s*(?:<[^>]*>)?\s*\([^;{]*\)\s*:\s*[^;{=]+);\s*\Z"
)
_ASSIGNS = re.compile(r"[A-Za-z_][\w.]*\s*(?::[^=]+)?=(?![=>])")  # `REGISTRY: dict = {` ends it
_NEW_BLOCK = re.compile(_ASSIGNS.pattern + r"|(?:if|for|while|with|try|async\s+(?:for|with))\b")
_ASIDE = ("#", "//", "/*", "*", "@", "--")  # comment and decorator lines
_OPENS = ("{", "(", "[", ":", "=>")  # a line that goes on: `) -> int:`, `) *Thing {`
_CLOSES = ("}", ")", "]", "end")  # the line that ends a definition's block
# a new statement at the margin: an assignment, a call, a compound statement; not a string's
# text there (SQL in a triple-quoted string, a heredoc's `port=8080`) nor Ruby's `rescue`
_STATEMENT = re.compile(
    r"(?:(?:if|elif|for|while|with|try|async|await|import|from|return|raise|export|const|let|var)"
    r"\b|[A-Za-z_][\w.]*\s*(?:[-+*/%&|^]?=(?!=)\s|\(|:\s*\S|\[|,))"  # CHECK-E29: `X: T = `
)


def _ends(text: str, before: bool) -> bool:
    """CHECK-E22: whether a line back at a definition's level (after its body) ends it: its
    closing bracket (the line itself still in it, `before` the change or not), or a new
    statement."""
    return before if text.startswith(_CLOSES) else _STATEMENT.match(text) is not None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


# CHECK-E58: what opens or closes a string of several lines (a triple-quoted string, a
# template literal, a block comment), past escapes, one-line strings and line comments
_STRING = re.compile(
    r"\\.|\"\"\"|'''|`|/\*|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|//.*|#(?![\w{!\[]).*"
)
_CLOSER = {'"""': '"""', "'''": "'''", "`": "`", "/*": "*/"}
_CLOSING = {opener: re.compile(r"\\.|" + re.escape(end)) for opener, end in _CLOSER.items()}
_OPENERS = ('"', "'", "`", "/*")  # the marks that may open a string or a comment


def in_strings(lines: Sequence[str]) -> frozenset[int]:
    """CHECK-E58: the lines that begin inside a string of several lines (or a block comment):
    their text is no code, however little indented (`Usage: login [options]` at the margin
    ends no block). Read from the top of the file, once per text."""
    return _in_strings(tuple(lines))


@functools.lru_cache(maxsize=16)
def _in_strings(lines: tuple[str, ...]) -> frozenset[int]:
    inside, found = "", set()
    for number, text in enumerate(lines, 1):
        if inside:
            found.add(number)
        elif not any(mark in text for mark in _OPENERS):
            continue  # SPEED-18: no string nor comment opens here
        at = 0
        while at < len(text):
            if inside:
                closing = _CLOSING[inside].finditer(text, at)
                close = next((c for c in closing if not c[0].startswith("\\")), None)
                if close is None:
                    break
                at, inside = close.end(), ""
                continue
            token = _STRING.search(text, at)
            if token is None:
                break
            inside = token[0] if token[0] in _CLOSER else ""
            at = token.end()
    return frozenset(found)
