"""Go's standard library spelled one way, for the token comparison: REVIEW-E393, a status code
and net/http's constant of that value (`200`, `http.StatusOK`); REVIEW-E394, an `io/ioutil`
function and the one it has called since Go 1.16 (`ioutil.ReadAll`, `io.ReadAll`). A name is
read as a package only where the file's imports bind it to that package's path and the code
spells it nowhere but before a `.` (a local `http` shadows the import). Pure: lines in, out."""

from __future__ import annotations

import re
from collections.abc import Sequence

# REVIEW-E393: net/http's status constants, untyped integer constants (Go's net/http/status.go)
_CODES = {
    100: "Continue SwitchingProtocols Processing EarlyHints",
    200: "OK Created Accepted NonAuthoritativeInfo NoContent ResetContent PartialContent"
    " MultiStatus AlreadyReported",
    226: "IMUsed",
    300: "MultipleChoices MovedPermanently Found SeeOther NotModified UseProxy _"
    " TemporaryRedirect PermanentRedirect",
    400: "BadRequest Unauthorized PaymentRequired Forbidden NotFound MethodNotAllowed"
    " NotAcceptable ProxyAuthRequired RequestTimeout Conflict Gone LengthRequired"
    " PreconditionFailed RequestEntityTooLarge RequestURITooLong UnsupportedMediaType"
    " RequestedRangeNotSatisfiable ExpectationFailed Teapot _ _ MisdirectedRequest"
    " UnprocessableEntity Locked FailedDependency TooEarly UpgradeRequired _"
    " PreconditionRequired TooManyRequests _ RequestHeaderFieldsTooLarge",
    451: "UnavailableForLegalReasons",
    500: "InternalServerError NotImplemented BadGateway ServiceUnavailable GatewayTimeout"
    " HTTPVersionNotSupported VariantAlsoNegotiates InsufficientStorage LoopDetected _"
    " NotExtended NetworkAuthenticationRequired",
}
STATUS = {
    f"Status{name}": str(first + offset)
    for first, names in _CODES.items()
    for offset, name in enumerate(names.split())
    if name != "_"
}
# REVIEW-E394: what each `io/ioutil` function has called since Go 1.16, one spelling for both;
# not `ReadDir` (`[]fs.DirEntry` now, `[]fs.FileInfo` then)
_SAME = {
    ("io/ioutil", "ReadAll"): "io.ReadAll",
    ("io/ioutil", "NopCloser"): "io.NopCloser",
    ("io/ioutil", "Discard"): "io.Discard",
    ("io/ioutil", "ReadFile"): "os.ReadFile",
    ("io/ioutil", "WriteFile"): "os.WriteFile",
    ("io/ioutil", "TempFile"): "os.CreateTemp",
    ("io/ioutil", "TempDir"): "os.MkdirTemp",
}
_SAME |= {(name.partition(".")[0], name.partition(".")[2]): name for name in _SAME.values()}
_PATHS = frozenset({"net/http", *(path for path, _ in _SAME)})

_IMPORTS = re.compile(r"^import[ \t]*(?:\((?P<group>[^)]*)\)|(?P<one>[^\n]*))", re.MULTILINE)
_SPEC = re.compile(r"^[ \t]*(?:([A-Za-z_]\w*)[ \t]+)?\"([^\"\n]+)\"", re.MULTILINE)
_DECLARATION = re.compile(r"(?:func|type|var|const)\b")
_SELECTED = re.compile(r"(?<![\w.])([A-Za-z_]\w*)\.([A-Za-z_]\w*)")


def std_spelled(uncommented: Sequence[str], code: Sequence[str]) -> list[str] | None:
    """The uncommented lines of a Go file with each of those names spelled one way (a status
    constant as its number, the functions as `\\x00io.ReadAll`, a mark no code spells), read
    where `code` (the same lines, strings blanked) holds them; None when the file has none."""
    head = next((n for n, line in enumerate(code) if _DECLARATION.match(line)), len(code))
    text = "\n".join(uncommented[:head])  # Go's imports come before its other declarations
    blocks, below = list(_IMPORTS.finditer(text)), "\n".join(code[head:])
    packages, plain = _packages(blocks, below), _plain_imports(text, blocks)
    if not packages and not plain:
        return None
    lines = [line if number not in plain else "" for number, line in enumerate(uncommented)]
    for number in _selecting(below, list(packages), head):
        lines[number] = _spelled(code[number], lines[number], packages)
    return lines


def _selecting(code: str, names: Sequence[str], first: int) -> list[int]:
    """The indexes of the lines of `code` (the first's is `first`) where a name is followed
    by a `.`, found in one search of the text (the names, literal, start the pattern)."""
    if not names:
        return []
    found: list[int] = []
    at, number = 0, first
    for selected in re.finditer("|".join(rf"{name}\." for name in names), code):
        number += code.count("\n", at, selected.start())
        at = selected.start()
        found += [number] if not found or found[-1] != number else []
    return found


def _spelled(code: str, line: str, packages: dict[str, str]) -> str:
    """The line with each selector of a package of `packages` spelled one way."""
    parts, at = [], 0
    for found in _SELECTED.finditer(code):
        path = packages.get(found[1])
        if path == "net/http" and found[2] in STATUS:
            one = STATUS[found[2]]
        elif path is not None and (same := _SAME.get((path, found[2]))):
            one = f"\x00{same}"
        else:
            continue
        parts += [line[at : found.start()], one]
        at = found.end()
    return "".join(parts) + line[at:]


# REVIEW-E394: an import of these alone, on a line of its own, is read as no line: Go rejects an
# import the file does not use, so its uses carry the change, and no init of theirs is seen
_PLAIN = re.compile(r"[ \t]*(?:import[ \t]+)?(?:[A-Za-z]\w*[ \t]+)?\"(?:io/ioutil|io|os)\"[ \t]*\Z")


def _plain_imports(text: str, blocks: list[re.Match[str]]) -> set[int]:
    """The indexes of the lines of the file's imports that import `io/ioutil`, `io` or `os`."""
    found: set[int] = set()
    for block in blocks:
        first = text.count("\n", 0, block.start())
        lines = block[0].split("\n")
        found |= {first + at for at, line in enumerate(lines) if _PLAIN.match(line)}
    return found


def _packages(blocks: list[re.Match[str]], code: str) -> dict[str, str]:
    """The names the file's imports (`blocks`) bind to the paths read here, each spelled in the
    code below them only before a `.` (else some declaration shadows it somewhere)."""
    specs = [
        (spec[1] or spec[2].rsplit("/", 1)[-1], spec[2])
        for block in blocks
        for spec in _SPEC.finditer(block["group"] or block["one"] or "")
    ]
    names = [name for name, _ in specs]
    wanted = {name: path for name, path in specs if path in _PATHS and names.count(name) == 1}
    if not wanted:
        return {}
    return {name: path for name, path in wanted.items() if _qualifies_only(name, code)}


def _qualifies_only(name: str, code: str) -> bool:
    """Whether the code spells the name as a word only right before a `.` (or after one: a
    field's); the pattern starts with the name, which the search finds fast."""
    for found in re.finditer(rf"{name}\b(?![ \t]*\.)", code):
        before = code[found.start() - 1 : found.start()]
        if not (before.isalnum() or before in ("_", ".")):  # a word of its own, no field
            return False
    return True
