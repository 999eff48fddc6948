"""CHECK-E73: where an unreferenced requirement is implemented, as far as its own words tell: the
definitions it quotes (`verify_password()`, `Session.send`: a method in its class, CHECK-E75)
that the resulting tree defines in its spec's scope, never a line that imports one (CHECK-E74).
A spec written over existing code starts with every requirement a gap; the error then says
which line a comment naming the ID belongs on. Loaded only when there is a gap."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from specflow import gitread
from specflow.definitions import defined_names, last_name, quoted_names
from specflow.gitio import RepoInfo
from specflow.globs import matches
from specflow.model import Finding, Requirement, Spec
from specflow.refs import path_of, raw_rows
from specflow.specset import spec_globs

if TYPE_CHECKING:
    from specflow.pipeline import Snapshot

RULE = "unreferenced-requirement"
SHOWN = 2  # places named in one error: the first definitions its text quotes
_IMPLEMENTED = "where it is implemented"

Place = tuple[str, int]
# CHECK-E74: a line that imports a name: `import x`, `from m import x`, `var x = require('x')`,
# `const { a } = await import('a')`, Ruby's `require`, PHP's and C#'s `use`/`using`
_IMPORTS = re.compile(
    r"\s*(?:(?:import|from|use|using|require|require_relative)\s+(?![=\s])|#include\b"
    r"|(?:export\s+)?(?:var|let|const)\b[^=]*=\s*(?:await\s+)?(?:require|import)\s*\()"
)


def placed(repo: RepoInfo, snap: Snapshot, findings: Sequence[Finding]) -> list[Finding]:
    """The findings, each unreferenced requirement's naming the definitions it quotes that the
    resulting tree holds in its spec's scope (outside the specs, the excluded and the tests)."""
    config, revision, specs = snap.config, snap.revision, snap.specs
    excludes, tests = (*spec_globs(config), *config.exclude), config.test_globs
    gaps = {(f.path, f.line) for f in findings if f.rule == RULE}
    items = {
        (item.path, item.line): (spec, item)
        for spec in specs.specs
        for item in spec.requirements
        if (item.path, item.line) in gaps
    }
    quoted = {key: _quoted(item.text) for key, (_, item) in items.items()}
    named = [part for names in quoted.values() for name in names for part in _owner_and_name(name)]
    searched = sorted(set(named) - {""})
    args = gitread.grep_args(searched, revision, excludes, words=True)
    rows = raw_rows([gitread.grep(repo.root, args)], revision.tree)
    defined = _definitions((row for row in rows if not matches(path_of(row[0]), tests)), searched)
    return [
        _told(finding, _places(*items[key], quoted[key], defined))
        if finding.rule == RULE and (key := (finding.path, finding.line)) in items
        else finding
        for finding in findings
    ]


def _quoted(text: str) -> list[str]:
    """The names a requirement quotes, once each; a file's name (`report.json`) is none."""
    return [name for name in dict.fromkeys(quoted_names(text)) if last_name(name)]


def _definitions(
    rows: Iterable[tuple[bytes, bytes, bytes]], names: Sequence[str]
) -> dict[str, list[Place]]:
    """Each searched name → the lines that define it (or bind it: `IDLE_MINUTES = 30`), in the
    order git lists them, as CHECK-E20 reads the same search's rows."""
    wanted = set(names)
    found: dict[str, list[Place]] = {}
    for raw_path, number, text in rows:
        path, line = path_of(raw_path), text.decode("utf-8", "replace")
        if _IMPORTS.match(line):
            continue  # CHECK-E74: `var cookie = require('cookie')` binds what another defines
        for name, _ in defined_names(path, line, nested=True):
            if name in wanted:
                found.setdefault(name, []).append((path, int(number)))
    return found


def _owner_and_name(name: str) -> tuple[str, str]:
    """`Morsel.serialize` → (`Morsel`, `serialize`); a name without an owner → ("", name)."""
    last = last_name(name)
    owner = name[: len(name) - len(last)].rstrip(".:#") if last else ""
    return (last_name(owner) if owner else ""), last


def _first_definition(places: Sequence[Place], owners: Sequence[Place]) -> Place | None:
    """CHECK-E75: where `Morsel.serialize` is defined: the first `serialize` below a definition
    of `Morsel` in the same file, not `Cookie.serialize` above it; the first `serialize` when
    nothing defines `Morsel` (a module, a namespace)."""
    if not owners:
        return places[0] if places else None
    below = [p for p in places if any(o[0] == p[0] and o[1] < p[1] for o in owners)]
    return below[0] if below else None  # git lists a file's rows in their order


def _places(
    spec: Spec, item: Requirement, quoted: Sequence[str], defined: Mapping[str, list[Place]]
) -> list[tuple[str, Place]]:
    """The quoted names the scope defines, each at its first definition there."""
    places = []
    for name in quoted:
        owner, last = _owner_and_name(name)
        inside = [p for p in defined.get(last, ()) if _governed(spec, p[0])]
        if (place := _first_definition(inside, defined.get(owner, []))) is not None:
            places.append((name, place))
    return places[:SHOWN]


def _governed(spec: Spec, path: str) -> bool:
    return matches(path, spec.scope) if spec.scope else True


def _told(finding: Finding, places: Sequence[tuple[str, Place]]) -> Finding:
    if not places:
        return finding
    said = ", ".join(f"`{name}` is defined at {path}:{line}" for name, (path, line) in places)
    message = finding.message.replace(_IMPLEMENTED, f"{_IMPLEMENTED} ({said})", 1)
    return finding._replace(message=message)
