"""REVIEW-E119 through the CLI on a real repository: a hunk that writes a mapping's key by the
name a statement gives it (`kw["exc_info"] = sys.exc_info()`) asks that statement however common
the name is in the code; a hunk that only reads the key, or writes another, does not (structlog's
`48ee400` asked nothing: `exc_info` is in most of its modules)."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: LOG
scope: [pkg/levels.py]
---
# Levels

## Requirements
- LOG-1: `exception()` logs at `error` with `exc_info` set unless the caller gave one.

## Edge Cases
- LOG-E1: `exception()` called outside an `except` block.
"""
LEVELS = """import sys


async def aexception(self, event, **kw):
    {body}
    return await self.error(event, **kw)
"""
USERS = {f"pkg/m{i}.py": f"def f{i}(kw):\n    return kw.get('exc_info')\n" for i in range(30)}


def _asked(repo, cli, body: str) -> list[str]:
    repo.commit(
        "base", {"specs/log.md": SPEC, **USERS, "pkg/levels.py": LEVELS.format(body="pass")}
    )
    repo.commit("change", {"pkg/levels.py": LEVELS.format(body=body)})
    return [q["statement"].get("id") for q in review_json(cli, "HEAD")["questions"]]


def test_a_hunk_writing_the_key_a_statement_names_asks_it(repo, cli):
    """REVIEW-E119: `kw["exc_info"] = sys.exc_info()`, and `kw.setdefault("exc_info", ...)`."""
    assert _asked(repo, cli, 'kw["exc_info"] = sys.exc_info()') == ["LOG-1"]


def test_setdefault_of_the_key_asks_it(repo, cli):
    """REVIEW-E119: a default written for the key writes it too."""
    assert _asked(repo, cli, 'kw.setdefault("exc_info", sys.exc_info())') == ["LOG-1"]


def test_a_hunk_reading_the_key_or_writing_another_does_not(repo, cli):
    """REVIEW-E119's limits: a comparison reads the key; `kw["stack_info"]` is another key. The
    name is in most modules of the code, so a read alone tells nothing."""
    assert _asked(repo, cli, 'assert kw["exc_info"] == sys.exc_info()') == []
    repo.commit("back", {"pkg/levels.py": LEVELS.format(body="pass")})
    repo.commit("other", {"pkg/levels.py": LEVELS.format(body='kw["stack_info"] = kw["exc_info"]')})
    assert [q["statement"].get("id") for q in review_json(cli, "HEAD")["questions"]] == []


def test_a_python_slice_write_is_no_key(repo, cli):
    """REVIEW-E119: `buf[:exc_info] = ...` slices a sequence (Ruby's `opts[:exc_info] = ...`
    writes a symbol key): the name stays as common as the code makes it."""
    assert _asked(repo, cli, "kw[:exc_info] = sys.exc_info()") == []
