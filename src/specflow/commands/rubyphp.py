"""What a Ruby or a PHP file defines, for `specflow new --scope`'s draft (NEW-E26): its classes
and their public methods, as a reader of each language names them (`Base64.url_encode(str)`
for a Ruby class method, `Decoder#valid?(token)` for an instance one, `Box::open($a)` for a
PHP method, `new Box($a)` for a constructor), each with the line its comment is above. Pure: a
file's lines in. PHP's methods are found as `specflow context` finds them (`DEFINITION`)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from specflow.languages.defining import DEFINITION

Defined = tuple[str, int]  # `Box::open($a)` or `class Box`; its line (from 0)
HEADER_LINES = 8  # the lines a parameter list may span

_RB_OPEN = re.compile(r"(?P<indent>[ \t]*)(?P<kind>class|module)\s+(?P<name>[A-Z][\w:]*)")
_RB_SINGLETON = re.compile(r"(?P<indent>[ \t]*)class\s*<<\s*self\b")
_RB_END = re.compile(r"(?P<indent>[ \t]*)end\b")
_RB_VISIBILITY = re.compile(r"(?P<indent>[ \t]*)(?P<word>private|protected|public)\s*(?:#.*)?$")
_RB_DEF = re.compile(
    r"[ \t]*(?P<hidden>(?:private|protected)\s+)?(?:public\s+)?def\s+(?P<self>self\.)?"
    r"(?P<name>\w+[?!=]?|\[\]=?|[-+*/%<>=!~^&|]+)(?P<rest>.*)"
)
_RB_MAGIC = re.compile(r"#\s*(?:frozen_string_literal|typed|rubocop|encoding|-\*-)")


@dataclass
class _Frame:
    indent: str
    name: str
    singleton: bool = False  # `class << self`: its methods are the class's own
    hidden: bool = False  # below a bare `private` or `protected`


def ruby_defined(lines: Sequence[str]) -> Iterator[Defined]:
    """NEW-E26: a Ruby file's classes and public methods, in the file's order, each once (a
    method defined in both branches of an `if` is one)."""
    seen: set[str] = set()
    for signature, number in _ruby(lines):
        if signature not in seen:
            seen.add(signature)
            yield signature, number


def _ruby(lines: Sequence[str]) -> Iterator[Defined]:
    frames: list[_Frame] = []
    for number, line in enumerate(lines):
        end = _RB_END.match(line)
        if end and frames and end["indent"] == frames[-1].indent:
            frames.pop()
        elif singleton := _RB_SINGLETON.match(line):
            owner = frames[-1].name if frames else ""
            frames.append(_Frame(singleton["indent"], owner, singleton=True))
        elif opened := _RB_OPEN.match(line):
            name = opened["name"].rsplit("::", 1)[-1]
            if opened["kind"] == "class":
                yield f"class {name}", number
            if not re.search(r"\bend\s*$", line):  # `class Error < StandardError; end`
                frames.append(_Frame(opened["indent"], name))
        elif (visibility := _RB_VISIBILITY.match(line)) and frames:
            frames[-1].hidden = visibility["word"] != "public"
        elif found := _RB_DEF.match(line):
            shown = _ruby_method(found, frames[-1] if frames else None)
            if shown:
                yield shown, number


def _ruby_method(found: re.Match[str], frame: _Frame | None) -> str:
    own = bool(found["self"]) or bool(frame and frame.singleton)
    if found["hidden"] or (frame and frame.hidden and not own):
        return ""
    rest = found["rest"].strip()
    if rest.startswith("("):
        closed = rest.find(")")
        arguments = rest[1:closed] if closed > 0 else "..."
    else:
        arguments = rest.split("#", 1)[0].split(";", 1)[0].strip()
        arguments = "" if arguments.startswith("=") else arguments
    arguments = " ".join(arguments.split())
    owner = frame.name if frame else ""
    if found["name"] == "initialize" and owner and not own:
        return f"{owner}.new({arguments})"
    where = f"{owner}{'.' if own else '#'}" if owner else ""
    return f"{where}{found['name']}({arguments})"


def ruby_comment(lines: Sequence[str], number: int) -> str:
    """The `#` comment right above line `number`, its markers dropped (not a magic comment)."""
    kept: list[str] = []
    for line in reversed(lines[max(0, number - 200) : number]):
        text = line.strip()
        if not text.startswith("#") or _RB_MAGIC.match(text):
            break
        kept.append(re.sub(r"^#+[ \t]?", "", text))
    return "\n".join(reversed(kept))


_PHP_TYPE = re.compile(
    r"[ \t]*(?:(?:abstract|final|readonly)\s+)*(?P<kind>class|interface|trait|enum)\s+(?P<name>\w+)"
)
_PHP_ATTRIBUTE = re.compile(r"#\[[^\]]*\]\s*")
_PHP_HIDDEN = re.compile(r"[^(]*\b(?:private|protected)\s")


def php_defined(lines: Sequence[str]) -> Iterator[Defined]:
    """NEW-E26: a PHP file's classes, interfaces, traits and enums, their public methods and
    its functions, in the file's order; a magic method but the constructor is left out."""
    owner = ""
    for number, line in enumerate(lines):
        if typed := _PHP_TYPE.match(line):
            owner = typed["name"]
            yield f"{typed['kind']} {owner}", number
            continue
        found = DEFINITION.match(line)
        if found is None or "function" not in line[: found.end()] or _PHP_HIDDEN.match(line):
            continue
        name = found[1]
        method = owner and line[:1].isspace()
        if name.startswith("__") and not (method and name == "__construct"):
            continue
        arguments = _php_arguments(lines, number, found.end())
        if not method:
            yield f"{name}({arguments})", number
        elif name == "__construct":
            yield f"new {owner}({arguments})", number
        else:
            yield f"{owner}::{name}({arguments})", number


def _php_arguments(lines: Sequence[str], number: int, start: int) -> str:
    """The parameters between the `(` after `start` and its `)`, over lines (PSR-12 writes one
    a line), one space apart; `...` when they do not close within HEADER_LINES."""
    text = "\n".join(lines[number : number + HEADER_LINES])[start:]
    opened = text.find("(")
    if opened < 0:
        return "..."
    depth = 0
    for index, char in enumerate(text[opened:], opened):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            shown = _PHP_ATTRIBUTE.sub("", text[opened + 1 : index])  # `#[\\SensitiveParameter]`
            return " ".join(shown.split()).rstrip(",")
    return "..."
