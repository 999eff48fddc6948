"""`specflow context NAME|PATH`: understand before asking. Pure: grep rows and specs in."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from specflow.braces import masked
from specflow.globs import matches
from specflow.languages.defining import RETURNED, defined_lines, definition_at
from specflow.languages.pysource import parse
from specflow.languages.scopes import Span, brace_spans, python_spans, within
from specflow.refs import Reference, path_of
from specflow.specset import SpecSet
from specflow.usekind import Use

if TYPE_CHECKING:
    from specflow.braces import Code

# a type by its keyword (`type Mux struct`, `pub struct Request`); functions, classes and methods
# are `definition_at`'s
_TYPE = re.compile(r"^\s*(?:export\s+)?(?:pub(?:\([^)]*\))?\s+)?(?:type|struct)\s+([A-Za-z_]\w*)")


@dataclass(frozen=True)
class Governing:
    spec: str
    title: str
    path: str
    why: str  # "scope" or the IDs referenced there


@dataclass(frozen=True)
class NameContext:
    name: str
    uses: tuple[Use, ...]
    specs: tuple[Governing, ...]

    def of_kind(self, kind: str) -> list[Use]:
        return [use for use in self.uses if use.use == kind]


@dataclass(frozen=True)
class PathContext:
    path: str
    defines: tuple[str, ...]
    names: tuple[NameContext, ...]
    specs: tuple[Governing, ...]


def defined_names(path: str, source: bytes) -> list[str]:
    """Public functions, classes and module-level names a file defines."""
    if path.endswith((".py", ".pyi")):
        tree = parse(source)
        if tree is None:
            return []
        return [
            name for node in tree.body for name in _python_names(node) if not name.startswith("_")
        ]
    lines = _code_lines(path, source.decode("utf-8", "replace"))
    below = defined_lines(path, lines)  # REVIEW-E92: `{` on a line of its own, C's prototypes
    named = (_defined(line, below.get(number, "")) for number, line in enumerate(lines, start=1))
    return list(dict.fromkeys(name for name in named if name))


def _code_lines(path: str, text: str) -> list[str]:
    """REVIEW-E320: a Go file's lines with its strings blanked: the shell script in a raw string
    (`function __%[1]s_debug {`) defines nothing."""
    masks = masked(path, text) if path.endswith(".go") else None
    return (masks.code if masks else text).splitlines()


def _defined(line: str, below: str = "") -> str:
    """The name a line of other code defines: a type, a function or a class, and (REVIEW-E78)
    a method as Java and C# write them, unless private; `below`: the name it defines with its
    `{` on a later line, or declares (REVIEW-E92)."""
    found = _TYPE.match(line)
    if found and not RETURNED.match(line, found.end()):  # REVIEW-E308: `struct X *f(` is `f`
        return found[1]
    return "" if line.lstrip().startswith(("private ", "#")) else definition_at(line) or below


def _python_names(node: ast.stmt) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def governing(
    paths: Iterable[str], specs: SpecSet, references: Sequence[Reference]
) -> tuple[Governing, ...]:
    """Specs whose scope covers one of `paths`, or whose IDs are referenced in one of them."""
    paths = set(paths)
    found: dict[str, Governing] = {}
    for spec in specs.specs:
        if any(matches(path, spec.scope) for path in paths):
            found[spec.id] = Governing(spec.id, spec.title, spec.path, "scope")
    for reference in references:
        owner = specs.spec_of(reference.id)
        if owner and reference.path in paths and owner.id not in found:
            why = f"references {reference.id}"
            found[owner.id] = Governing(owner.id, owner.title, owner.path, why)
    return tuple(found.values())


def name_context(
    name: str,
    uses: Sequence[Use],
    specs: SpecSet,
    references: Sequence[Reference],
    owner: str = "",
) -> NameContext:
    """REVIEW-9: where a name is defined, written, called and read, and the specs governing it;
    of a name its class qualifies (`owner`), that class's definitions, when a read file shows
    one (REVIEW-E107)."""
    uses = [use for use in uses if php_names(use, name)]  # ASSIST-E10
    if owner and any(u.owner == owner for u in uses if u.use == "definition"):
        uses = [u for u in uses if u.use != "definition" or u.owner == owner]
    order = {"definition": 0, "write": 1, "call": 2, "read": 3, "import": 4}
    ranked = sorted(uses, key=lambda use: (order.get(use.use, 9), use.path, use.line))
    return NameContext(name, tuple(ranked), governing({u.path for u in uses}, specs, references))


# ASSIST-E10: PHP's `namespace Firebase\JWT;` names a namespace, `use Firebase\JWT\Key;` brings
# in its last part (or its alias) only, and a string names nothing (PHP interpolates `$x` alone)
_PHP_NAMESPACE = re.compile(r"\s*namespace\s+[\w\\]+\s*[;{]")
_PHP_USE = re.compile(r"\s*use\s+(?:function\s+|const\s+)?[\\\w]*?(\w+)(?:\s+as\s+(\w+))?\s*;")
_PHP_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
SHOWN = 160  # the characters of a line a use shows (`usekind.use_of`)


def php_names(use: Use, name: str) -> bool:
    """ASSIST-E10: whether a PHP line's code names `name` (any other file's line: True); a
    line longer than a use shows is kept, as the search found it."""
    if not use.path.endswith(".php") or use.use == "definition" or len(use.text) >= SHOWN:
        return True
    if _PHP_NAMESPACE.match(use.text):
        return False
    if imported := _PHP_USE.match(use.text):
        return name == (imported[2] or imported[1])
    code = _PHP_STRING.sub("''", use.text)
    return re.search(rf"(?<![\w$]){re.escape(name)}(?!\w)", code) is not None


_QUALIFIED = re.compile(
    r"(?:[A-Za-z_]\w*(?:\.|::|#|->))*([A-Za-z_]\w*)(?:\.|::|#|->)([A-Za-z_]\w*)(?:\(\))?"
)


def qualified(target: str) -> tuple[str, str]:
    """REVIEW-E107: the name to search and the class (or module) in front of it, as specs write
    it: `BaseHTTPMiddleware.__call__()`, `Header::normalize`, `Utils#get_byte_ranges`; a
    plain name has none."""
    match = _QUALIFIED.fullmatch(target.strip())
    return (match[2], match[1]) if match else (target, "")


def as_repo_path(root: Path, cwd: Path, target: str) -> str | None:
    """The repository path of `target`, a file from `cwd`; None for a name."""
    candidate = (cwd / target).resolve()
    try:
        relative = candidate.relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
    return relative if candidate.is_file() else None


def scoped(
    by_name: Mapping[str, list[Use]],
    sources: Sequence[tuple[bytes, bytes]],
    prose: Mapping[bytes, set[int]],
    codes: Mapping[bytes, Code],
) -> dict[str, list[Use]]:
    """ASSIST-E6: each use in the definition that spans its line, where its file was read
    (`sources` by raw path: a Python file's, with its `prose` lines, or one in `codes`): not
    in a nested definition that ended above it, as git's nearest header says."""
    spans: dict[str, list[Span]] = {}
    for raw, source in sources:
        if raw in codes:
            spans[path_of(raw)] = brace_spans(codes[raw].lines)
        elif raw in prose:
            spans[path_of(raw)] = python_spans(source, prose[raw])
    return {
        name: [
            replace(use, function=within(use.function, use.line, spans[use.path]))
            if use.function and use.path in spans
            else use
            for use in each
        ]
        for name, each in by_name.items()
    }
