"""NEW-E35: a C# file's public types and their public methods for `new --scope`'s draft, the
methods by their type (`Mediator.Send(...)`), read by the braces around them; NEW-E36: each with
its XML doc comment's `<summary>` as plain text. Pure: the file's bytes in."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from specflow.callargs import closing
from specflow.commands.docsummary import doc_comment, summary

HEADER_LINES = 8  # the lines a method's header may span
COMMENT_CHARS = 4000  # a summary comes first: no need to read (quadratically) past it
_MODIFIERS = (
    r"(?:(?:public|private|protected|internal|static|virtual|override|abstract|sealed|async"
    r"|new|partial|extern|unsafe|readonly|required|file|ref)\s+)*"
)
_GENERIC = r"<(?:[^<>]|<(?:[^<>]|<[^<>]*>)*>)*>"
_TYPE = rf"(?:\((?:[^()]|\([^()]*\))*\)|[\w.:]+(?:{_GENERIC})?)(?:\[[,\s]*\]|\?|\*)*"
# no statement, operator, delegate or event is a method (`static Mediator()` is a constructor)
_NO_TYPE = (
    r"(?!(?:public|private|protected|internal|static|virtual|override|abstract|sealed|async"
    r"|new|partial|extern|unsafe|readonly|return|await|throw|using|operator|implicit|explicit"
    r"|delegate|event|class|interface|struct|record|enum|var|yield|else|case|goto)\b)"
)
_DECLARED_TYPE = re.compile(
    rf"\s*(?P<mods>{_MODIFIERS})(?P<kind>class|interface|struct|record|enum)\s+"
    r"(?:(?:class|struct)\s+)?(?P<name>\w+)"
)
_METHOD = re.compile(
    rf"\s*(?P<mods>{_MODIFIERS}){_NO_TYPE}{_TYPE}\s+(?P<name>@?\w+)\s*(?:{_GENERIC})?\s*\("
)
# `[HttpGet("{id}")]`, `[Route("api/[controller]")]`: a string's `]` closes no attribute
_ATTRIBUTES = re.compile(r'\s*(?:\[(?:"(?:[^"\\]|\\.)*"|[^\]"])*\]\s*)*')
_NOT_PUBLIC = frozenset(["private", "protected", "internal"])
# a string or a character (one left open runs to the line's end, so a line is read once), a
# comment; a verbatim (`@"`, `$@"`) or raw (`"""`) string may go on over lines (NEW-E35)
_LEXEME = re.compile(
    r'(?P<verbatim>(?:@\$*|\$+@)")(?:[^"]|"")*(?P<closed>")?'
    r'|(?P<raw>"{3,})(?:(?!(?P=raw)).)*(?P<ended>(?P=raw))?'
    r'|"(?:[^"\\]|\\.?)*(?:"|$)|\'(?:[^\'\\]|\\.){1,10}\''
    r"|//.*|/\*(?:.*?\*/|.*)"
)
_VERBATIM_END = re.compile(r'(?:[^"]|"")*"')


@dataclass(frozen=True)
class _Type:
    depth: int  # the brace depth of its body
    name: str  # "" when it is not public
    interface: bool  # its members are public unless they say otherwise


def cs_members(data: bytes) -> Iterator[tuple[str, str]]:
    """NEW-E35: each public type (`class Mediator`) and each public method of a public type
    (`Mediator.Send(object request)`), in the file's order and each once, with the first
    sentence of its doc comment (NEW-E36)."""
    lines = data.decode("utf-8-sig", "replace").split("\n")
    first: dict[str, int] = {}  # a partial method's declaration and its body are one
    for signature, number in _declarations(lines):
        first.setdefault(signature, number)
    for signature, number in first.items():
        yield signature, summary(xml_doc(doc_comment(lines, number)))


def _declarations(lines: Sequence[str]) -> Iterator[tuple[str, int]]:
    types: list[_Type] = []
    pending: _Type | None = None  # a type declared, its body not open yet
    depth = 0
    open_ = ""  # what closes the comment or string open at a line's end
    for number, line in enumerate(lines):
        code, open_ = _code(line, open_)
        member = not types or types[-1].depth == depth
        if member and pending is None and code.strip():
            signature, pending = _declared(lines, number, types)
            if signature:
                yield signature, number
        depth, pending = _braces(code, depth, pending, types)


def _declared(
    lines: Sequence[str], number: int, types: Sequence[_Type]
) -> tuple[str, _Type | None]:
    """What line `number` declares: a type (its signature if public, and the type itself,
    whose body is yet to open) or a public method of the public type it is in."""
    line = _ATTRIBUTES.sub("", lines[number], count=1)
    outer = types[-1] if types else None
    if typed := _DECLARED_TYPE.match(line):
        public = _public(typed["mods"], outer) and (outer is None or bool(outer.name))
        name = f"{outer.name}.{typed['name']}" if outer else typed["name"]
        signature = f"{typed['kind']} {name}" if public else ""
        return signature, _Type(-1, name if public else "", typed["kind"] == "interface")
    if outer is None or not outer.name:
        return "", None
    header = " ".join(text.strip() for text in lines[number : number + HEADER_LINES])
    header = _ATTRIBUTES.sub("", header, count=1)
    method = _METHOD.match(header)
    if method is None or not _public(method["mods"], outer):
        return "", None
    masked = _LEXEME.sub(lambda found: "_" * len(found[0]), header)  # `sep = ")"` ends nothing
    end = closing(masked, method.end())
    shown = " ".join(header[method.end() : end].split()) if end is not None else "..."
    return f"{outer.name}.{method['name'].lstrip('@')}({shown})", None


def _public(modifiers: str, outer: _Type | None) -> bool:
    """C#'s default: an interface's members are public, a class's or struct's private."""
    said = set(modifiers.split())
    return "public" in said or (outer is not None and outer.interface and not said & _NOT_PUBLIC)


def _braces(
    code: str, depth: int, pending: _Type | None, types: list[_Type]
) -> tuple[int, _Type | None]:
    """The depth after `code` (no strings nor comments in it): the pending type's body opens
    at its first `{`, a `;` first leaves it bodiless (`record Point(int X);`)."""
    for char in code:
        if char == "{":
            depth += 1
            if pending is not None:
                types.append(_Type(depth, pending.name, pending.interface))
                pending = None
        elif char == "}":
            if types and types[-1].depth == depth:
                types.pop()
            depth -= 1
        elif char == ";":
            pending = None
    return depth, pending


def _code(line: str, open_: str) -> tuple[str, str]:
    """`line` with its strings as `""` and its comments as a space, and what closes the comment
    or string open at its end (`*/`, `"` of a verbatim string, a raw string's quotes), else ""."""
    start = _closed_at(line, open_)
    if start < 0:
        return "", open_
    kept, opened = [line[:start] and '""'], ""
    for found in _LEXEME.finditer(line, start):
        kept.append(line[start : found.start()])
        start, opened = found.end(), _left_open(found)
        kept.append(" " if found[0].startswith("/") else '""')
    return "".join([*kept, line[start:]]), opened


def _closed_at(line: str, open_: str) -> int:
    """Where what `open_` closes ends on `line`: 0 when nothing is open, -1 when it goes on."""
    if not open_:
        return 0
    if open_ == '"':
        found = _VERBATIM_END.match(line)
        return found.end() if found else -1
    end = line.find(open_)
    return end + len(open_) if end >= 0 else -1


def _left_open(found: re.Match[str]) -> str:
    text = found[0]
    if text.startswith("/*"):
        return "*/" if len(text) < 4 or not text.endswith("*/") else ""
    if found["verbatim"] is not None:
        return "" if found["closed"] else '"'
    if found["raw"] is not None:
        return "" if found["ended"] else found["raw"]
    return ""


# NEW-E36: what an XML doc comment's summary shows as code, as the name in backticks
_REFERENCE = re.compile(  # an attribute's value in either quotes: `cref="X"`, `cref='X'`
    r"<see\s+(?:cref|langword)\s*=\s*([\"'])(?:\w:)?(?P<cref>(?:(?!\1).)*)\1\s*/>"
    r"|<see\s+href\s*=\s*([\"'])(?P<href>(?:(?!\3).)*)\3\s*/>"
    r"|<see\b[^>]*>(?P<text>.*?)</see\s*>"
    r"|<(?:paramref|typeparamref)\s+name\s*=\s*([\"'])(?P<name>(?:(?!\6).)*)\6\s*/>"
    r"|<c>(?P<code>.*?)</c>"
    r"|(?P<tag></?\w[^<>]*>)",  # any other tag, dropped
    re.S,
)
# what is no prose: an example, and the sections that are not the summary
_LEFT_OUT = re.compile(
    r"<(code|example|param|typeparam|returns|remarks|exception|value|permission|seealso"
    r"|include|inheritdoc)\b[^>]*?(?:/>|>.*?</\1\s*>)",
    re.S,
)
_SUMMARY = re.compile(r"<summary\s*>(.*?)(?:</summary\s*>|\Z)", re.S)
_PARAGRAPH = re.compile(r"</?para\s*/?>|<br\s*/?>")


def xml_doc(comment: str) -> str:
    """NEW-E36: an XML doc comment as the text a reader sees: its `<summary>` (else all but its
    other sections), `<see cref="X"/>`, `<paramref name="x"/>` and `<c>x</c>` as `` `x` ``,
    a `<para>` as a paragraph, no example, every other tag dropped."""
    found = _SUMMARY.search(comment := comment[:COMMENT_CHARS])
    text = _LEFT_OUT.sub("", found[1] if found else comment)
    text = _REFERENCE.sub(_reference, _PARAGRAPH.sub("\n\n", text))
    return html.unescape(text)


def _reference(found: re.Match[str]) -> str:
    if found["tag"] is not None:
        return ""
    if found["href"] is not None:
        return found["href"]
    if found["text"] is not None:
        return found["text"]
    name = found["cref"] or found["name"] or found["code"] or ""
    return f"`{name.replace('{', '<').replace('}', '>')}`"
