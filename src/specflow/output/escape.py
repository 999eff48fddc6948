"""Making untrusted text (spec text, file names, diff lines) inert in Markdown output.

NEW-E3: titles, globs and docstrings with Markdown or YAML metacharacters stay text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

# Characters that can open markup anywhere in a line, and those that only can at its start.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>~&])")
_MD_LINE_START = re.compile(r"^(\s*)([#=+-]|[0-9]+[.)])")
_LINE_BREAKS = re.compile(r"[\r\n]+")


def md_inline(text: str) -> str:
    """Text that renders as itself on one Markdown line: metacharacters and HTML escaped."""
    flat = _MD_SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", text))
    return _MD_LINE_START.sub(lambda m: f"{m[1]}{m[2][:-1]}\\{m[2][-1]}", flat)


def md_code(text: str) -> str:
    """Text for inside a single-backtick code span: backticks and line breaks cannot close it."""
    return _LINE_BREAKS.sub(" ", text).replace("`", "'")


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar that reads back as exactly `text`.

    Printable characters stay as they are; the rest is escaped, including what YAML folds as a
    line break (U+0085, U+2028, U+2029) and what PyYAML refuses to read (U+007F to U+009F).
    """
    return '"' + "".join(_yaml_char(char) for char in text) + '"'


def _yaml_char(char: str) -> str:
    code = ord(char)
    if char in '"\\':
        return "\\" + char
    if 0x20 <= code < 0x7F or (_printable(code) and code not in (0x2028, 0x2029, 0xFEFF)):
        return char
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _printable(code: int) -> bool:
    # YAML 1.1's printable set, as PyYAML's reader checks it.
    return 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")


def printable(value: object) -> object:
    """Every `{{ }}` passes here: no terminal escape codes, no undecodable bytes in the output."""
    if not isinstance(value, str) or hasattr(value, "__html__"):
        return value  # Markup is already safe, and autoescape follows
    if value.isprintable():  # no control character and no surrogate: nothing to replace
        return value
    text = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _CONTROL.sub("\ufffd", text)


# PR comments (COMMENT-3). Forges render comments as GitHub Flavored Markdown and then link
# mentions and references in the text nodes, after entities are decoded: `\@` and `&#64;` do not
# stop a mention, a zero-width space after the `@` does.
_ZWSP = "\u200b"
_MENTION = re.compile(r"@(?=\w)")
_REFERENCE = re.compile(r"(#|!|\bGH-)(?=\d)", re.IGNORECASE)  # #123, owner/repo#1, GitLab !12
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # bidi too
_MD_TEXT_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_HTML_SPECIAL = re.compile(r'[&<>"]')
TEXT_LIMIT = 300


def cap(text: str, limit: int = TEXT_LIMIT) -> str:
    """At most `limit` characters, the last one an ellipsis when something was cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def _plain(text: str, limit: int) -> str:
    """One capped line without control or bidirectional-override characters."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return cap(_UNSAFE.sub("\ufffd", _LINE_BREAKS.sub(" ", text)), limit)


def _unlinked(text: str) -> str:
    return _REFERENCE.sub(lambda m: m[1] + _ZWSP, _MENTION.sub("@" + _ZWSP, text))


def md_text(text: str, limit: int = TEXT_LIMIT) -> str:
    """Untrusted text for one line of a comment, also safe in a table cell: capped, HTML escaped
    (so `<!--` and `-->` cannot open or close a comment), Markdown escaped, and neither a
    mention nor a reference."""
    flat = _HTML_SPECIAL.sub(lambda m: _HTML[m[0]], _plain(text, limit))
    escaped = _MD_TEXT_SPECIAL.sub(r"\\\1", flat)
    escaped = _MD_LINE_START.sub(lambda m: f"{m[1]}{m[2][:-1]}\\{m[2][-1]}", escaped)
    return _unlinked(escaped)


def html_text(text: str, limit: int = TEXT_LIMIT) -> str:
    """Untrusted text inside an HTML block (`<summary>`), where Markdown is not read."""
    return _unlinked(_HTML_SPECIAL.sub(lambda m: _HTML[m[0]], _plain(text, limit)))


_BACKTICKS = re.compile(r"`+")


def md_prose(text: str) -> str:
    """Spec text on one Markdown line: its code spans stay code spans (rebuilt from their text,
    so they cannot break out), the rest as `md_inline` (REVIEW-E1)."""
    return _with_spans(_LINE_BREAKS.sub(" ", text), md_inline)


# NEW-E14: what can open markup in a drafted sentence: an `_` between two letters or digits
# cannot (CommonMark's flanking rules), nor can an `&` that starts no entity (`&amp;`, `&#64;`)
_DRAFT_SPECIAL = re.compile(r"[\\`*\[\]|<>~]|&(?=#?\w+;)|(?<![^\W_])_|_(?![^\W_])")


def md_draft(text: str) -> str:
    """`md_prose` for the sentences `new --scope` drafts into a spec, which people read as
    written: only what would open markup is escaped, so `event_dict` and `&` read as they are."""
    return _with_spans(_LINE_BREAKS.sub(" ", text), _draft_inline)


def _draft_inline(text: str) -> str:
    flat = _DRAFT_SPECIAL.sub(lambda m: "\\" + m[0], text)
    return _MD_LINE_START.sub(lambda m: f"{m[1]}{m[2][:-1]}\\{m[2][-1]}", flat)


def md_prose_cell(text: str) -> str:
    """`md_prose` for a table cell: a `|` inside a code span is escaped too, since GFM splits
    the cells before it reads the spans (HARDEN-E11)."""
    return _with_spans(_LINE_BREAKS.sub(" ", text), md_inline, table=True)


def md_prose_text(text: str, limit: int = TEXT_LIMIT) -> str:
    """Spec text for a comment: code spans kept, the rest as `md_text`, capped."""
    return _with_spans(_plain(text, limit), lambda part: md_text(part, limit))


def _with_spans(text: str, escape: Callable[[str], str], *, table: bool = False) -> str:
    pieces = []
    at = 0
    for start, end, inner_start, inner_end in _code_spans(text):
        span = md_code_span(text[inner_start:inner_end], table=table)
        pieces += [escape(text[at:start]), span]
        at = end
    pieces.append(escape(text[at:]))
    return "".join(pieces)


def _code_spans(text: str) -> Iterator[tuple[int, int, int, int]]:
    """Each code span's (start, end, inner start, inner end), as CommonMark pairs them: a run
    of backticks closes at the next run of the same length, else is text. Linear in the text
    (HARDEN-E9: a backtracking pattern took 50 s on one 2 MB line of runs)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    following: dict[int, int] = {}  # each run's next run of the same length
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        if length in last:
            following[index] = last[length]
        last[length] = index
    index = 0
    while index < len(runs):
        closing = following.get(index)
        if closing is None:
            index += 1
            continue
        (start, inner_start), (inner_end, end) = runs[index], runs[closing]
        yield start, end, inner_start, inner_end
        index = closing + 1


def md_code_span(text: str, limit: int = TEXT_LIMIT, *, table: bool = False) -> str:
    """A whole code span around untrusted text: fenced by a longer run of backticks than any
    inside, padded when it starts or ends with one, `<!--`/`-->` broken; in a table, `|` escaped
    (GFM splits cells before it reads code spans)."""
    flat = _plain(text, limit).replace("<!--", "<!-" + _ZWSP + "-")
    flat = flat.replace("-->", "--" + _ZWSP + ">")
    if not flat:
        return ""
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(flat)), default=0) + 1)
    pad = " " if flat[0] in "` " or flat[-1] in "` " else ""
    if table:
        flat = flat.replace("|", "\\|")
    return f"{fence}{pad}{flat}{pad}{fence}"
