"""REVIEW-E356 through the CLI on real repositories (python-semver 446b09c: flake8's E731, the
lambdas of `nat_cmp` written as nested `def`s above the statement they followed). A lambda
assigned to a name, rewritten as a `def` (REVIEW-E217) and moved inside its function past
statements that cannot call it (REVIEW-E254), is no change; moved past one that calls it,
or past a call of a function that names it, still asks."""

from __future__ import annotations

import pytest

from testing.util import review_json

SPEC = """---
id: ORD
scope:
  - pkg/**
---
# Ordering

## Context
- `nat_cmp()` compares pre-release tags part by part, numbers as numbers.

## Requirements
- ORD-1: Numeric parts compare numerically, below alphanumeric ones.
"""
NAT_CMP = """import re


def cmp(a, b):
    return (a > b) - (a < b)


def nat_cmp(a, b):
{before}    a, b = a or '', b or ''
{after}    return cmp(split_key(a), split_key(b))
"""
LAMBDAS = """    convert = lambda text: (2, int(text)) if re.match('[0-9]+', text) else (1, text)
    split_key = lambda key: [convert(c) for c in key.split('.')]
"""
DEFS = """    def convert(text):
        return (2, int(text)) if re.match('[0-9]+', text) else (1, text)

    def split_key(key):
        return [convert(c) for c in key.split('.')]

"""
FILLER = "".join(f"\n\ndef filler_{n}():\n    return {n}\n" for n in range(4))


def reviewed(repo, cli, old: str, new: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    repo.commit("base", {"specs/ord.md": SPEC, "pkg/ord.py": old + FILLER})
    repo.commit("flake8", {"pkg/ord.py": new + FILLER})
    return review_json(cli, "HEAD", "--all")


def test_lambdas_written_as_defs_above_a_statement_ask_nothing(repo, cli):
    """REVIEW-E356 (semver 446b09c): `split_key` names `convert`, but no statement moved past
    calls `split_key`: binding both sooner changes nothing."""
    old = NAT_CMP.format(before="", after=LAMBDAS)
    data = reviewed(repo, cli, old, NAT_CMP.format(before=DEFS, after=""))
    assert data["questions"] == []
    assert data["noop_files"] == ["pkg/ord.py"]


# REVIEW-E356: the same rewrite past a statement that reaches the function
PASSED = {
    "calls it": "    a, b = a or '', convert(b or '0')\n",
    "calls a function that names it": "    a, b = a or '', split_key(b or '0')\n",
}


@pytest.mark.parametrize("case", sorted(PASSED))
def test_lambdas_moved_past_a_statement_that_reaches_them_still_ask(repo, cli, case):
    """REVIEW-E356: before the move the statement read a name not yet bound (an error, or a
    global of that name); after it, the function: a change."""
    code = NAT_CMP.replace("    a, b = a or '', b or ''\n", PASSED[case])
    old = code.format(before="", after=LAMBDAS)
    data = reviewed(repo, cli, old, code.format(before=DEFS, after=""))
    assert data["questions"] != []


ESCAPED = """import re

HOOKS = []


def run_hooks(value):
    return [hook(value) for hook in HOOKS]


def nat_cmp(a, b):
    def split_key(key):
        return [convert(c) for c in key.split('.')]

    HOOKS.append(split_key)
{before}    a, b = run_hooks(a), b
{after}    return split_key(a) < split_key(b)
"""
CONVERT = "    convert = lambda text: (2, int(text)) if text.isdigit() else (1, text)\n"
CONVERT_DEF = (
    "    def convert(text):\n        return (2, int(text)) if text.isdigit() else (1, text)\n\n"
)


def test_a_lambda_moved_past_a_call_that_reaches_a_stored_function_still_asks(repo, cli):
    """REVIEW-E356: `split_key` names `convert` and is stored (`HOOKS.append(split_key)`), so
    `run_hooks(a)`, moved past, calls it without naming it: before the move `convert` was not
    yet bound there (a NameError), after it is."""
    old = ESCAPED.format(before="", after=CONVERT)
    data = reviewed(repo, cli, old, ESCAPED.format(before=CONVERT_DEF, after=""))
    assert data["questions"] != []
