"""The first sentence of a docstring or a doc comment as a reader of the Markdown sees it, for
`specflow new --scope`'s draft (NEW-4): reST's markup (NEW-E13) and TSDoc's `{@link ...}`
(NEW-E27) as the words they show, no heading (NEW-E5), no fields (NEW-E21), no example (NEW-E4),
cut at a word; and the comment above a definition, where other languages write it."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

MAX_SUMMARY = 160
# Sphinx's :class:`~enum.IntEnum` and ``name``: the name the reader sees, as code (`IntEnum`,
# `name`, NEW-E41: a literal typed with one backtick on a side too, `json.dumps``);
# NEW-E13: reST's links, emphasis and backslash escapes as the words they show
_REST = re.compile(
    r"``(?P<literal>[^`]+)``"
    r"|(?<!`)`(?P<opened>[^`]+)``(?!`)|``(?P<closed>[^`]+)`(?!`)"  # NEW-E41: `a`` or ``a`
    r"|:(?P<kind>[a-z:]+):`(?P<short>~?)(?P<role>[^`<]*?)(?:\s*<[^`>]*>)?`"
    r"|`(?P<link>[^`<]+?)\s*<[^`>]*>`__?"
    r"|`(?P<named>[^`]+)`__?(?![\w`])"
    r"|`(?P<tilde>~)?(?P<span>[^`]+)`"
    r"|\\(?P<escaped>[^\w]|(?<=`\\)\w)"  # `\*`, `\ `, and `LogRecord`\s: not `\d` in prose
    r"|(?<![\w*\\])(?P<stars>\*\*?)(?P<emphasis>[^\s*](?:[^*]*[^\s*\\])?)(?P=stars)(?![\w*])"
)
_CODE_ROLES = frozenset({"func", "meth", "class", "attr", "mod", "exc", "data", "obj", "const"})
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(`\"'])")


# NEW-E4: a paragraph that is an example, not prose (`url = httpx.URL(...)`, `>>> f(1)`)
_CODE_LINE = re.compile(
    r"\s*(?:>>>|\.\.\.\s|(?:assert|import|from|return)\s|[\w.\[\]'\"]+\s*=[^=])"
)


# NEW-E5: a reStructuredText heading's underline (and overline): `requests.auth` then `~~~~`
_UNDERLINE = re.compile(r"\s*([=\-~^\"'`#*+.:_])\1{2,}\s*$")


def _without_headings(paragraph: str) -> str:
    lines = paragraph.split("\n")
    marked = {n for n, line in enumerate(lines) if _UNDERLINE.match(line)}
    titled = marked | {n - 1 for n in marked}
    return "\n".join(line for n, line in enumerate(lines) if n not in titled)


# NEW-E21: a line that opens a docstring's fields, not its prose: reST's `:param x:`, JSDoc's
# `@param`, a Google-style section (`Args:`)
_SECTIONS = r"Args|Arguments|Parameters|Returns?|Raises|Yields|Attributes|Examples?|Notes?"
_FIELD = re.compile(
    rf"(?m)^[ \t]*(?::[A-Za-z][\w \t.,*]*:(?=\s|$)|@[a-z]\w*\b|(?:{_SECTIONS})[ \t]*:[ \t]*$)"
)


def _before_fields(paragraph: str) -> str:
    found = _FIELD.search(paragraph)
    return paragraph[: found.start()] if found else paragraph


# NEW-E27: TSDoc's and JSDoc's inline links: `{@link !CryptoKey}`, `{@link types.JWK JWK}`,
# `{@linkcode f | the function}`, `{@link https://example.org/ a page}`
_TSDOC_LINK = re.compile(
    r"\{@link(?:code|plain)?\s+(?P<target>[^\s}|]+)\s*(?:\|\s*)?(?P<text>[^}]*)\}"
)


def _linked(link: re.Match[str]) -> str:
    """A link as the words it shows: its text, else its target as code (a URL as itself)."""
    text, target = link["text"].strip(), link["target"].lstrip("!")
    if text or "://" in target:
        return text or target
    return f"`{target}`"


def summary(doc: str | None) -> str:
    """NEW-4: the docstring's first sentence, from its first paragraph of prose, as a reader
    sees it, cut at a word (NEW-E4); a heading is no prose (NEW-E5), nor its fields (NEW-E21)."""
    paragraphs = [_before_fields(_without_headings(p)) for p in (doc or "").strip().split("\n\n")]
    prose = next((p for p in paragraphs if p.strip() and not _CODE_LINE.match(p)), "")
    prose = _TSDOC_LINK.sub(_linked, " ".join(prose.split()))  # NEW-E27
    sentence = _SENTENCE_END.split(prose, 1)[0]
    # NEW-E41: reST markup read in the first part a summary can show: its role pattern is
    # quadratic in a run of `:a:` (15,000 characters took a second)
    sentence = _REST.sub(_shown, sentence[: 8 * MAX_SUMMARY])
    if len(sentence) <= MAX_SUMMARY:
        return sentence
    return sentence[: MAX_SUMMARY - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _shown(markup: re.Match[str]) -> str:
    """A piece of reST inline markup as Markdown reads it right: a literal or a role as the name
    it shows, a link as its text, `code` as a code span, emphasis as its words, and what a
    backslash escapes as itself (escaped whitespace is nothing: `LogRecord`\\ s)."""
    found = markup.groupdict()
    if found["role"] is not None:
        role = found["role"].strip()
        role = role.rsplit(".", 1)[-1] if found["short"] else role
        # NEW-E41: a Python object's name is code, as a literal is; `:ref:`'s text is words
        code = found["kind"].rsplit(":", 1)[-1] in _CODE_ROLES and role
        return f"`{role}`" if code else role
    if found["span"] is not None:
        span = found["span"]
        return f"`{span.rsplit('.', 1)[-1] if found['tilde'] else span}`"
    if found["escaped"] is not None:
        return "" if found["escaped"].isspace() else found["escaped"]
    if literal := found["literal"] or found["opened"] or found["closed"]:
        return f"`{literal.strip()}`"  # NEW-E41: one Markdown code span each
    return next(found[name] for name in ("link", "named", "emphasis") if found[name])


# Rust's `#[derive(Debug)]`, Java's `@Override`, C#'s `[DebuggerStepThrough]`; a comment may end
# its line (clikt's `@Suppress("...") // why`)
_ATTRIBUTE = re.compile(r"\s*(?:#\[.*\]|@[\w.]+(?:\(.*\))?|\[[A-Z].*\])\s*(?://.*)?$")


def doc_comment(lines: Sequence[str], number: int) -> str:
    """The comment that documents the definition on line `number`: NEW-E12: above the
    attributes between them (`/// A request.` over `#[derive(Debug)]`); NEW-E37: an
    annotation over several lines (`@Deprecated(` ... `)`) is one."""
    while number > 0:
        if _ATTRIBUTE.match(lines[number - 1]):
            number -= 1
        elif (opened := _annotation_opened(lines, number - 1)) is not None:
            number = opened
        else:
            break
    return comment_above(lines, number)


ANNOTATION_LINES = 20  # the lines an annotation's arguments may span


def _annotation_opened(lines: Sequence[str], last: int) -> int | None:
    """The line where the annotation that closes on line `last` opens (`@Deprecated(`), when
    its parentheses balance there, else None."""
    if not lines[last].rstrip().endswith(")"):
        return None
    depth = 0
    for number in range(last, max(-1, last - ANNOTATION_LINES), -1):
        text = lines[number]
        depth += text.count(")") - text.count("(")
        if depth <= 0:
            return number if _ANNOTATION_START.match(text) else None
    return None


_ANNOTATION_START = re.compile(r"\s*@[\w.:]+\s*\(")


COMMENT_LINES = 200  # a Javadoc above a class may be long
# NEW-E16: a line comment that directs a tool (`// eslint-disable-next-line func-names`)
_DIRECTIVE = re.compile(
    r"//\s*(?:eslint-(?:disable|enable)|@ts-(?:ignore|expect-error|nocheck)|prettier-ignore"
    r"|(?:istanbul|c8)\s+ignore|jshint\s|nolint\b|NOSONAR\b)"
)


def _opens_block(text: str) -> bool:
    """Whether a line of a block comment, read from its end, is the one that opens it: a `/*`
    inside a line that goes on a block (`* ... {@code /*} ...`, NEW-E39) opens nothing."""
    return text.startswith("/*") or ("/*" in text and not text.startswith("*"))


def comment_above(lines: Sequence[str], number: int) -> str:
    """The comment that ends on the line above `number`, its markers dropped; NEW-E10: a
    `/** */` block may end a blank line above it."""
    kept: list[str] = []
    inside = False  # a block comment, read from its end
    gap = 0
    for line in reversed(lines[max(0, number - COMMENT_LINES) : number]):
        text = line.strip()
        if not inside and _DIRECTIVE.match(text):  # NEW-E16: a tool's, documenting nothing
            continue
        if not kept and not text and not gap:
            gap = 1
            continue
        inside = inside or (not kept and text.endswith("*/"))
        if not inside and not text.startswith("//"):
            break
        kept.append(text)
        if inside and _opens_block(text):
            break
    if gap and not (kept and kept[-1].startswith("/**")):
        return ""
    if inside and not _opens_block(kept[-1]):
        return ""  # REVIEW-E78: a block longer than read is not read from its middle
    text = "\n".join(reversed(kept))
    # NEW-E11: ` *` and `//` alone are an empty line, which ends a paragraph: keep its newline
    return re.sub(r"(?m)^[ \t]*(?:/\*\*?|\*/|\*|//+)[ \t]?|\*/\s*$", "", text)


def javadoc(lines: Sequence[str], number: int) -> str:
    """NEW-E39: the Javadoc (`/** ... */`) that documents the Java declaration on line
    `number`, above its annotations and the `//` comments among them; a `//` comment is no
    Javadoc, nor a block that is not one."""
    while number > 0:
        if _ATTRIBUTE.match(lines[number - 1]) or lines[number - 1].lstrip().startswith("//"):
            number -= 1
        elif (opened := _annotation_opened(lines, number - 1)) is not None:
            number = opened
        else:
            break
    above = [n for n in range(number - 1, max(-1, number - 3), -1) if lines[n].strip()]
    if not above or not lines[above[0]].rstrip().endswith("*/"):
        return ""
    for line in reversed(lines[max(0, above[0] - COMMENT_LINES) : above[0] + 1]):
        if _opens_block(text := line.strip()):
            return comment_above(lines, number) if text.startswith("/**") else ""
    return ""


# NEW-E39: Javadoc's inline tags and HTML, as the reader of the Markdown sees them
_JAVADOC_CODE = re.compile(r"\{@(code|literal)\s+((?:[^{}]|\{[^{}]*\})*)\}")
_HTML = re.compile(r"(`[^`]*`)|</?([A-Za-z]\w*)\b[^<>]*>")
_BLOCKS = frozenset(
    ("p", "ul", "ol", "li", "dl", "dt", "dd", "pre", "table", "blockquote", "hr", "div")
)


def javadoc_text(doc: str) -> str:
    """NEW-E39: a Javadoc's text as its words: `{@code X}` and `<code>X</code>` as `X` in
    backticks, `{@literal X}` as X, an HTML block (`<p>`, `<ul>`, `<li>`...) as a new
    paragraph, so that a list's items are not the first sentence, every other tag dropped and
    entities decoded; `{@link X}` is read by `summary` (NEW-E27)."""
    doc = re.sub(r"<code>(.*?)</code>", r"{@code \1}", doc, flags=re.S | re.I)
    doc = _JAVADOC_CODE.sub(lambda m: f"`{m[2].strip()}`" if m[1] == "code" else m[2], doc)
    doc = re.sub(r"\{@inheritDoc\}", "", doc)
    return html.unescape(_HTML.sub(_untagged, doc))


def _untagged(found: re.Match[str]) -> str:
    """A code span as it is; a block's tag as a paragraph's end, `<br>` as a space."""
    if found[1]:
        return found[1]
    tag = found[2].lower()
    if tag in _BLOCKS or re.fullmatch(r"h[1-6]", tag):
        return "\n\n"
    return " " if tag == "br" else ""
