"""`lint`'s findings about what the specs govern, beside `lint.lint`'s about how they are
written: LINT-E17, a spec with no scope; LINT-E19, a file's name that matches at any depth."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from specflow.globs import matching
from specflow.model import Finding, Severity, Status
from specflow.specset import SpecSet

NO_SCOPE = (
    "no `scope:`: this spec governs no file, so no change asks about it unless the change names "
    "its IDs; list the code it is about (`scope: [src/auth/**]`)"
)
_PLAIN = re.compile(r"[^*?\[\]\\/!#]+")  # no wildcard, no `/`: gitignore matches it at any depth


def no_scope(specs: SpecSet) -> Iterator[Finding]:
    """LINT-E17: a specflow spec with no scope governs no file: no review question and no hook
    check comes from its scope, only from references. A deprecated spec is retired on purpose;
    another tool's spec takes its globs from `[tool.specflow.scopes]` and is not specflow's to
    judge here."""
    for spec in specs.specs:
        if spec.source == "specflow" and not spec.scope and spec.status != Status.deprecated:
            line = spec.line_of("id")
            yield Finding("no-scope", Severity.warning, spec.path, line, NO_SCOPE)


def unanchored_scopes(specs: SpecSet, files: Sequence[str]) -> Iterator[Finding]:
    """LINT-E19: each scope entry that names a file or folder with no `/` and matches it in
    more than one folder, at the entry's line."""
    for spec in specs.specs:
        for index, glob in enumerate(spec.scope):
            message = unanchored(glob, files)
            if message:
                line = spec.key_lines.get(f"scope[{index}]", spec.line_of("scope"))
                yield Finding("unanchored-scope", Severity.warning, spec.path, line, message)


def unanchored(glob: str, files: Sequence[str]) -> str:
    """NEW-E32, LINT-E19: why a plain name (`server.go`) that git's rules match at any depth
    governs more than the file its writer meant (gorilla/websocket's `examples/echo/server.go`),
    and its anchored spelling; "" when it matches in one place only. The scope is never
    rewritten: `server.go` may be meant for every folder's."""
    name = glob.strip()
    if not _PLAIN.fullmatch(name):
        return ""
    candidates = [path for path in files if name in path]  # the full match on these alone
    places = sorted(
        {_place(path, name) for path in matching(candidates, (glob,))},
        key=lambda place: (place.count("/"), place),
    )
    if len(places) < 2:
        return ""
    meant, extra = places[0], places[1]
    more = f" (and {len(places) - 2} more)" if len(places) > 2 else ""
    anchored = meant if "/" in meant else f"/{meant}"
    return (
        f"scope `{glob}` also matches {extra}{more}: a name with no `/` matches at any depth; "
        f"write `{anchored}` to govern {meant} alone"
    )


def _place(path: str, name: str) -> str:
    """The file or folder of `path` that `name` matched: its first part of that name."""
    parts = path.split("/")
    return "/".join(parts[: parts.index(name) + 1]) if name in parts else path
