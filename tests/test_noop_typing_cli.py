"""REVIEW-E84 through the CLI on real repositories: ruff's UP035 moves a name that only
annotations read from `typing` to `collections.abc` or `contextlib`, and `typing.NamedTuple`
becomes a bare `NamedTuple` imported from `typing`: no question. A name read at run time, a
name another library supplies, one `__all__` exports, or a `NamedTuple` that is not
`typing`'s is still a change (starlette's `2ff7653` asked ten questions)."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: X
scope: [pkg/**]
---
# Connections

## Context
- `HTTPConnection.path_params` returns the `path_params` of the scope; `EndpointInfo` holds a path.

## Requirements
- X-1: `path_params` returns the params the router matched.
"""

BEFORE = """from __future__ import annotations

import typing
{extra}

class HTTPConnection:
    def stream(self) -> typing.AsyncGenerator[bytes, None]:
        yield b""

    @property
    def path_params(self) -> dict[str, typing.Any]:
        {body}
"""
AFTER = """from __future__ import annotations

{imports}
from typing import Any
{extra}

class HTTPConnection:
    def stream(self) -> AsyncGenerator[bytes, None]:
        yield b""

    @property
    def path_params(self) -> dict[str, Any]:
        {body}
"""
BODY = 'return self.scope.get("path_params", {})'


def _noop(repo, cli, before: str, after: str) -> bool:
    repo.commit("base", {"specs/x.md": SPEC, "pkg/req.py": before})
    repo.commit("types", {"pkg/req.py": after})
    data = review_json(cli, "HEAD")
    assert bool(data["questions"]) != bool(data["noop_files"]), data["noop_files"]
    return data["noop_files"] == ["pkg/req.py"]


def test_a_name_only_annotations_read_moved_to_collections_abc_asks_nothing(repo, cli):
    """REVIEW-E84: the starlette trial's repro, and the same from `contextlib`."""
    before = BEFORE.format(extra="", body=BODY)
    after = AFTER.format(imports="from collections.abc import AsyncGenerator", extra="", body=BODY)
    assert _noop(repo, cli, before, after)
    manager = "from contextlib import AbstractContextManager as AsyncGenerator"
    assert _noop(repo, cli, after, AFTER.format(imports=manager, extra="", body=BODY))
    assert "changes only formatting" in cli("review", "HEAD").out


def test_another_class_read_at_run_time_or_from_another_library_is_a_change(repo, cli):
    """REVIEW-E84's and REVIEW-E112's limits: `isinstance(x, typing.AsyncGenerator)` becoming
    `isinstance(x, AsyncIterator)` reads another class; a library's import runs its code;
    `__all__` exports the name."""
    checked = "return isinstance(self, AsyncIterator)"
    before = BEFORE.format(extra="", body="return isinstance(self, typing.AsyncGenerator)")
    after = AFTER.format(
        imports="from collections.abc import AsyncGenerator, AsyncIterator", extra="", body=checked
    )
    assert not _noop(repo, cli, before, after)
    plain = BEFORE.format(extra="", body=BODY)
    library = AFTER.format(imports="from anyio.abc import AsyncGenerator", extra="", body=BODY)
    assert not _noop(repo, cli, plain, library)
    exported = '\n__all__ = ["AsyncGenerator"]\n'
    abc = "from collections.abc import AsyncGenerator"
    assert not _noop(repo, cli, plain, AFTER.format(imports=abc, extra=exported, body=BODY))


def test_typing_named_tuple_imported_bare_asks_nothing_and_another_named_tuple_asks(repo, cli):
    """REVIEW-E84: `class EndpointInfo(typing.NamedTuple)` is `class EndpointInfo(NamedTuple)`
    with `from typing import NamedTuple`; with a `NamedTuple` of the module's own it is not."""
    dotted = "import typing\n\n\nclass EndpointInfo(typing.NamedTuple):\n    path: str\n"
    bare = "from typing import NamedTuple\n\n\nclass EndpointInfo(NamedTuple):\n    path: str\n"
    repo.commit("base", {"specs/x.md": SPEC, "pkg/s.py": dotted})
    repo.commit("bare", {"pkg/s.py": bare})
    assert review_json(cli, "HEAD")["noop_files"] == ["pkg/s.py"]
    own = bare.replace("from typing import NamedTuple", "from pkg.tuples import NamedTuple")
    repo.commit("own", {"pkg/s.py": dotted})
    repo.commit("own", {"pkg/s.py": own})
    assert review_json(cli, "HEAD")["noop_files"] == []


MIXED = """from __future__ import annotations

{imports}


@asynccontextmanager
async def lifespan(app) -> {kind}:
    {body}
"""


def test_one_name_of_an_import_only_annotations_read_asks_nothing(repo, cli):
    """REVIEW-E110: starlette's `2ff7653` wrote `from contextlib import asynccontextmanager`
    as `from contextlib import AbstractAsyncContextManager, asynccontextmanager`: one name
    only annotations read, beside one the code calls. Read at run time, it is a change."""
    before = MIXED.format(
        imports="import typing\nfrom contextlib import asynccontextmanager",
        kind="typing.AsyncIterator[None]",
        body="yield",
    )
    both = "from contextlib import AbstractAsyncContextManager, asynccontextmanager"
    after = MIXED.format(imports=both, kind="AbstractAsyncContextManager", body="yield")
    repo.commit("base", {"specs/x.md": SPEC, "pkg/app.py": before})
    repo.commit("types", {"pkg/app.py": after})
    assert review_json(cli, "HEAD")["noop_files"] == ["pkg/app.py"]
    checked = MIXED.format(
        imports=both, kind="None", body="assert isinstance(app, AbstractAsyncContextManager)"
    )
    repo.commit("back", {"pkg/app.py": before.replace("yield", "assert isinstance(app, object)")})
    repo.commit("checked", {"pkg/app.py": checked})
    assert review_json(cli, "HEAD")["noop_files"] == []


ALIASED = """from __future__ import annotations

{imports}


class Headers({base}[str, str]):
    def __init__(self, raw, kind) -> None:
        self.raw = {cast}(dict, raw)
        self.streams = isinstance(kind, {iterable})
"""
OLD_SPELLING = ALIASED.format(
    imports="import typing",
    base="typing.Mapping",
    cast="typing.cast",
    iterable="typing.AsyncIterable",
)


def test_typing_aliases_written_as_the_classes_they_stand_for_ask_nothing(repo, cli):
    """REVIEW-E112: starlette's `2ff7653` (ruff's UP035) wrote `typing.Mapping` as a class
    base and `typing.AsyncIterable` in `isinstance` as `collections.abc`'s: Python's `typing`
    aliases stand for those very classes, so the change runs the same. It asked 9 questions."""
    new = ALIASED.format(
        imports="from collections.abc import AsyncIterable, Mapping\nfrom typing import cast",
        base="Mapping",
        cast="cast",
        iterable="AsyncIterable",
    )
    repo.commit("base", {"specs/x.md": SPEC, "pkg/h.py": OLD_SPELLING})
    repo.commit("types", {"pkg/h.py": new})
    assert review_json(cli, "HEAD")["noop_files"] == ["pkg/h.py"]
    assert "changes only formatting" in cli("review", "HEAD").out


def test_a_typing_alias_for_another_class_a_library_or_a_dropped_import_asks(repo, cli):
    """REVIEW-E112's limits: `typing.Mapping` written as `MutableMapping`, as a library's
    `Mapping`, or as `Mapping` with no import left (a NameError at import time) is a change."""
    repo.commit("base", {"specs/x.md": SPEC, "pkg/h.py": OLD_SPELLING})
    for imports, base in (
        ("from collections.abc import AsyncIterable, MutableMapping", "MutableMapping"),
        ("from collections.abc import AsyncIterable\nfrom multidict import Mapping", "Mapping"),
        ("from collections.abc import AsyncIterable", "Mapping"),
    ):
        new = ALIASED.format(
            imports=imports + "\nfrom typing import cast",
            base=base,
            cast="cast",
            iterable="AsyncIterable",
        )
        repo.commit("types", {"pkg/h.py": new})
        assert review_json(cli, "HEAD")["noop_files"] == [], imports
        repo.commit("back", {"pkg/h.py": OLD_SPELLING})


BUILDER_SPEC = """---
id: BLD
scope: [src/**]
---
# Builder

## Context
- `_compile_builder()` joins the parts of a rule into a builder function.
"""
BUILDER = """import ast


def _compile_builder(parts):
    def _join(parts: list[ast.AST]) -> ast.AST:
        if len(parts) == 1:
            return parts[0]
        return ast.JoinedStr(parts)

    body = []
    return _join(parts), body
"""


def test_two_annotation_edits_in_one_function_ask_nothing(repo, cli):
    """REVIEW-E175 (werkzeug's c3c82f45): a nested function's annotations narrowed and a bare
    `body: list[ast.stmt]` added above `body = []`, in one hunk, asked the Context; each alone
    asked nothing. A value given with the annotation still asks."""
    repo.commit("base", {"specs/b.md": BUILDER_SPEC, "src/rules.py": BUILDER})
    typed = BUILDER.replace("list[ast.AST]) -> ast.AST:", "list[ast.expr]) -> ast.expr:")
    typed = typed.replace("    body = []\n", "    body: list[ast.stmt]\n    body = []\n")
    repo.commit("types", {"src/rules.py": typed})
    assert review_json(cli, "HEAD")["noop_files"] == ["src/rules.py"]
    valued = typed.replace("list[ast.stmt]\n", "list[ast.stmt] = [ast.Pass()]\n")
    repo.commit("a value", {"src/rules.py": valued})
    assert review_json(cli, "HEAD")["noop_files"] == []


def test_a_bare_annotation_whose_target_runs_code_is_a_change(repo, cli):
    """REVIEW-E177 (the adversarial review of the s22 rules): Python evaluates a bare
    annotation's target but for its last step, so `seen[mark(key)]: int` calls `mark()` and
    `self.cache.hits: int` reads `self.cache` (a property may run): a change, where
    `self.hits: int` and `seen[key]: int` evaluate only names and stay none."""
    repo.commit("base", {"specs/b.md": BUILDER_SPEC, "src/rules.py": BUILDER})
    for bare in ("seen[key]: int", "self.hits: int"):
        quiet = BUILDER.replace("    body = []\n", f"    {bare}\n    body = []\n")
        repo.commit(bare, {"src/rules.py": quiet})
        assert review_json(cli, "HEAD")["noop_files"] == ["src/rules.py"], bare
        repo.commit("back", {"src/rules.py": BUILDER})
    for runs in ("seen[mark(key)]: int", "self.cache.hits: int"):
        loud = BUILDER.replace("    body = []\n", f"    {runs}\n    body = []\n")
        repo.commit(runs, {"src/rules.py": loud})
        assert review_json(cli, "HEAD")["noop_files"] == [], runs
        repo.commit("back", {"src/rules.py": BUILDER})
