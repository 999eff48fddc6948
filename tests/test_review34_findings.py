"""Findings of the review of the thirty-fourth session's change (`c08c404..2bf43f9`): each test
failed on `2bf43f9` and passes since the defect it names was mended."""

from __future__ import annotations

import json

import pytest

from test_noop_lambda_def_cli import in_split_iter, reviewed
from testing.stories import BCRYPT_RESET
from testing.util import asks, noop_and_hook_agree

QUERY_SPEC = """---
id: QUERY
scope: [src/**]
---
# Query

## Context
- `encodeQueryItem()` encodes a `key` and its `value`.

## Requirements
- QUERY-1: `encodeQueryItem()` returns `key=value` with the `value` encoded.
"""


@pytest.mark.parametrize("ending", [("", "\n"), ("\n", "")])
def test_a_final_newline_added_alone_is_no_change_and_no_crash(repo, cli, ending):
    """GIT-E15: a file whose last line (a reference) only gains or loses its final newline
    changes no function and asks nothing; the review and the pre-commit hook said "internal
    error (IndexError)" and the hook exited 2, blocking the commit."""
    code = "def encode_query_item(key):\n    return key  # QUERY-1"
    repo.commit("base", {"specs/query.md": QUERY_SPEC, "src/q.py": code + ending[0]})
    repo.stage({"src/q.py": code + ending[1]})
    hook = cli("check", "--staged", "--before-message")
    assert hook.code == 0, hook
    repo.commit("final newline")
    review = cli("review", "HEAD", "--format", "json")
    assert review.code == 0, review
    assert not json.loads(review.out)["questions"]


def _ts(body: str) -> str:
    return (
        "export function encodeQueryItem (key: string): string {\n"
        f"  // QUERY-1\n{body}\n  return key + s\n}}\n"
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("  const s = `run(value: old) {`", "  const s = `run(value: new) {`"),
        ("  const s = `f(a: ${x}) {`", "  const s = `f(a: ${y}) {`"),
        ("  const s = /f(a: b) {/.source", "  const s = /f(a: c) {/.source"),
    ],
)
def test_text_in_a_template_or_a_regex_is_no_parameter_list(repo, cli, before, after):
    """REVIEW-E431 erases annotations of a function's parameter list; the text of a template
    literal or a regular expression is a value that runs (c08c404 asked; 2bf43f9 is silent)."""
    base = {"specs/query.md": QUERY_SPEC, "src/query.ts": _ts(before)}
    silent = noop_and_hook_agree(
        repo, cli, base, "src/query.ts", _ts(after), "text", hook_speaks=False
    )
    assert not silent


TREE_SPEC = """---
id: TREE
scope: [pay/**]
---
# Tree

## Requirements
- TREE-1: The cache starts empty.
"""


def test_a_global_bound_by_unpacking_is_no_local(repo, cli):
    """REVIEW-E16 makes the function's own locals of names unpacked from a tuple; a name the
    function declares `global` is the module's, and a write to it ripples to its readers."""
    walker = (
        "CACHE = {}\n\n\n"
        "def reset(key):\n"
        "    global CACHE\n"
        "    CACHE, hits = {}, 0\n"
        "    CACHE[key] = 1\n"
        "    return CACHE, hits\n"
    )
    other = "from pay.walker import CACHE\n\n\ndef show():\n    return CACHE\n"
    files = {"specs/tree.md": TREE_SPEC, "pay/walker.py": walker, "pay/other.py": other}
    repo.commit("base", files)
    repo.commit("two", {"pay/walker.py": walker.replace("= 1", "= 2")})
    data = json.loads(cli("review", "HEAD", "--format", "json").out)
    assert "CACHE" in {r["symbol"]["name"] for r in data["ripples"]}, data["ripples"]


def test_a_ci_job_gets_no_uncommitted_changes_advice(story, cli, monkeypatch):
    """CHECK-E77: the advice is for a person at a work tree, not for a CI job's change: a push
    job checks HEAD by default, and its build leaves files git does not track."""
    story.commit("Add password reset", {"src/auth/reset.py": BCRYPT_RESET})
    story.write({"build/out.txt": "x\n"})
    for key, value in {"CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "push"}.items():
        monkeypatch.setenv(key, value)
    result = cli("check")
    assert result.code == 1, result
    assert "uncommitted" not in result.out, result.out


def test_a_non_ascii_names_qualname_read_still_asks(repo, cli):
    """REVIEW-E432 asks where either side spells `NAME.__name__` or `NAME.__qualname__`: the
    ASCII `norm` asks; `ñorm`, a name Python allows, asked nothing (c08c404 asked)."""
    old, new = (
        in_split_iter(f"{bound}\nNAME = ñorm.__qualname__")
        for bound in ("ñorm = lambda p: p", "def ñorm(p): return p")
    )
    asks(reviewed(repo, cli, old, new))


def test_the_advice_never_changes_the_exit_code(story, cli):
    """CHECK-E77: "the exit stays 1": HEAD is checked from its tree; the work tree's state is
    advice only, so a `git status` that fails says nothing and leaves the verdict's exit."""
    story.commit("Add password reset", {"src/auth/reset.py": BCRYPT_RESET})
    (story.path / ".git" / "index").write_bytes(b"junk\n")
    result = cli("check")
    assert "in HEAD (blocked)" in result.out, result
    assert result.code == 1, result
