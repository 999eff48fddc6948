"""NEW-E34: what `specflow new` drafts of a Kotlin file: its classes, interfaces and objects,
its functions (an extension by its receiver, `Context.terminal()`) and each class's methods by
their class (`CliktCommand.main(argv)`), with the first sentence of the KDoc above; not what is
`private` or `protected`, nor a function's local functions. Read by indentation, as
kotlinc's own style lays a file out; pure: lines in."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from specflow.commands.docsummary import doc_comment, summary
from specflow.languages.ktforms import MODIFIERS

_MODIFIER = rf"(?:{MODIFIERS}|companion|fun(?=\s+interface))"
_DECLARATION = re.compile(
    rf"(?P<indent>[ \t]*)(?:@[\w.]+(?:\([^)]*\))?\s+)*(?P<modifiers>(?:{_MODIFIER}\s+)*)"
    r"(?P<kind>class|interface|object|fun)\b\s*(?P<types><(?:[^<>]|<[^<>]*>)*>\s*)?"
    r"(?:(?P<receiver>[\w.]+(?:<(?:[^<>]|<[^<>]*>)*>)?\??)\.)?(?P<name>\w+|`[^`]+`)?"
)
_HIDDEN = frozenset({"private", "protected"})
MAX_HEADER_LINES = 12  # a parameter list may span lines; past this it is drafted as `...`


def kt_members(data: bytes) -> Iterator[tuple[str, str]]:
    """Each declaration a spec may name, as its signature and the first sentence of its KDoc,
    a `[link]` written as the name it links."""
    lines = data.decode("utf-8", "replace").split("\n")
    for signature, number in kotlin_declarations(lines):
        yield signature, summary(_kdoc(doc_comment(lines, number)))


def kotlin_declarations(lines: Sequence[str]) -> Iterator[tuple[str, int]]:
    """Each declaration a spec may name, as its signature and its line's index, in order."""
    open_: list[tuple[int, str]] = []  # (indent, class name or "" for a function or a hidden one)
    raw = False  # inside a `"""` string, whose lines are no code whatever their indentation
    for number, line in enumerate(lines):
        inside, raw = raw, raw != (line.count('"""') % 2 == 1)
        text = line.strip()
        if inside or not text or text.startswith(("//", "*", "/*", "}", ")")):
            continue
        indent = len(line) - len(line.lstrip())
        while open_ and open_[-1][0] >= indent:
            open_.pop()
        found = _DECLARATION.match(line)
        if found is None:
            if text.endswith("{"):  # `init {`, a getter: what it holds is no member
                open_.append((indent, ""))
            continue
        owner = _owner(open_)
        hidden = bool(_HIDDEN & set(found["modifiers"].split()))
        if owner is not None and not hidden and (shown := _shown(found, owner, lines, number)):
            yield shown, number
        open_.append((indent, _opened(found, owner, hidden)))


def _opened(found: re.Match[str], owner: str | None, hidden: bool) -> str:
    """The class a declaration opens, nested ones by their outer class (`Context.Builder`); a
    companion object's members are its class's; "" for a function or what is hidden."""
    if found["kind"] == "fun" or owner is None or hidden:
        return ""
    if not found["name"]:
        return owner if "companion" in found["modifiers"].split() else ""
    return f"{owner}.{found['name']}".lstrip(".")


def _owner(open_: Sequence[tuple[int, str]]) -> str | None:
    """The class whose members a line declares ("" at the top level), None inside a function
    or a hidden class."""
    if not open_:
        return ""
    return open_[-1][1] or None


def _shown(found: re.Match[str], owner: str, lines: Sequence[str], number: int) -> str:
    kind, name = found["kind"], found["name"]
    if not name:  # `companion object`, an anonymous object
        return ""
    if kind != "fun":
        return f"{'class' if kind == 'object' else kind} {owner}.{name}".replace(" .", " ")
    receiver = _bound(re.sub(r"<.*>|\?$", "", found["receiver"] or ""), found["types"] or "")
    prefix = f"{owner}." if owner else f"{receiver}." if receiver else ""
    return f"{prefix}{name}({_parameters(lines, number, found.end())})"


_TYPE_PARAMETER = re.compile(r"\s*(?:(?:reified|in|out)\s+)*(\w+)\s*(?::\s*([\w.]+))?")


def _bound(receiver: str, types: str) -> str:
    """A receiver that is a type parameter as the type that bounds it (`fun <T :
    BaseCliktCommand<T>, C : T> C.subcommands(` extends `BaseCliktCommand`), "" if unbounded."""
    listed = re.sub(r"<[^<>]*>", "", types.strip()[1:-1])  # the bounds' own type arguments
    bounds = {}
    for part in listed.split(","):
        if found := _TYPE_PARAMETER.match(part):
            bounds[found[1]] = found[2] or ""
    for _ in bounds:
        receiver = bounds.get(receiver, receiver)
    return "" if receiver in bounds else receiver


_LITERAL = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)+\'')


def _parameters(lines: Sequence[str], number: int, at: int) -> str:
    """The parameters' names (`argv, exitCode`), read up to their closing parenthesis, or
    `...` when it is not near."""
    text = "\n".join(lines[number : number + MAX_HEADER_LINES])[at:]
    text = _LITERAL.sub('""', text)  # a default's `,` or `)` (`"match, try again"`) ends nothing
    start = text.find("(")
    if start < 0 or text[:start].strip():
        return "..."
    depth = 0
    for end, char in enumerate(text[start:], start):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return ", ".join(_names(text[start + 1 : end]))
    return "..."


def _names(parameters: str) -> Iterator[str]:
    depth, part = 0, ""
    for char in parameters.replace("->", "  ") + ",":
        depth += {"(": 1, "<": 1, "[": 1, ")": -1, ">": -1, "]": -1}.get(char, 0)
        if char == "," and depth <= 0:
            if name := _name(part):
                yield name
            depth, part = 0, ""
        else:
            part += char


def _name(parameter: str) -> str:
    before = re.sub(r"@[\w.]+(?:\([^)]*\))?", "", parameter.split(":", 1)[0])
    words = before.split()
    return words[-1] if words else ""


# `[run][SuspendingCliktCommand.run]`: a link with its own text; `[key]`: one by its name
_KDOC_LINK = re.compile(r"\[(?P<text>[^\[\]\n]+)\]\[[\w.]+\]|\[(?P<name>[\w.]+)\](?!\()")


def _kdoc(comment: str) -> str:
    """A KDoc's links (`[key]`, `[Context.fail]`) as the names they are, one with its own text
    (`[run][Command.run]`) as that text."""
    return _KDOC_LINK.sub(_linked, comment)


def _linked(found: re.Match[str]) -> str:
    text = found["name"] or found["text"]
    return f"`{text}`" if re.fullmatch(r"[\w.]+", text) else text
