"""REVIEW-E215, REVIEW-E216 and REVIEW-E217 through the CLI on real repositories (python-semver
5e390028, 446b09c2): `if c: return True else: return False` written `return c` where `c` is
surely a bool, a dict filled key by key written as a literal, and a lambda bound to a name
written as a `def`, ask nothing; the same-looking rewrites that do change behaviour ask."""

from __future__ import annotations

from functools import partial

import pytest

from testing.util import asks, review_json
from testing.util import asks_nothing as asks_nothing_in

asks_nothing = partial(asks_nothing_in, path="semver.py")

SPEC = """---
id: VER
scope:
  - semver.py
---
# Versions

## Context
- `parse()` returns the version's major, minor and patch in a dict; `match()` compares.
- `compare()` orders two versions by `nat_cmp()`, which splits a key and converts its parts.

## Requirements
- VER-1: `match(version, expr)` tells whether the version matches the expression.
"""
FILLER = "".join(f"\n\ndef filler_{n}():\n    return {n}\n" for n in range(3))


def reviewed(repo, cli, old: str, new: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    head = "import re\n" + FILLER + "\n\n"
    repo.commit("base", {"specs/ver.md": SPEC, "semver.py": head + old})
    repo.commit("code style fixes", {"semver.py": head + new})
    return review_json(cli, "HEAD", "--all")


MATCH = """def match(version, possibilities):
    cmp_res = compare(version)
    if cmp_res {test}:
        return {yes}
    else:
        return {no}
"""


@pytest.mark.parametrize(
    "test, new",
    [
        ("in possibilities", "cmp_res in possibilities"),
        ("in possibilities", "bool(cmp_res in possibilities)"),
        ("is not None", "cmp_res is not None"),
        ("> 0", "bool(cmp_res > 0)"),
    ],
)
def test_a_boolean_returned_directly_asks_nothing(repo, cli, test, new):
    """REVIEW-E215 (python-semver 5e390028): `if c: return True else: return False` is
    `return c` when `c` is an `in` or `is` test (always a bool), and `return bool(c)` for any
    `c` (both ask its truth once)."""
    old = MATCH.format(test=test, yes="True", no="False")
    asks_nothing(
        reviewed(
            repo,
            cli,
            old,
            f"def match(version, possibilities):\n"
            f"    cmp_res = compare(version)\n    return {new}\n",
        )
    )


def test_a_negated_boolean_returned_asks_nothing(repo, cli):
    """REVIEW-E215: `if c in p: return False else: return True` is `return not c in p`, which
    is `return c not in p` (ruff's E713)."""
    old = MATCH.format(test="in possibilities", yes="False", no="True")
    new = "def match(version, possibilities):\n    cmp_res = compare(version)\n"
    asks_nothing(reviewed(repo, cli, old, new + "    return cmp_res not in possibilities\n"))


@pytest.mark.parametrize(
    "test, yes, no, new",
    [
        ("== 0", "True", "False", "cmp_res == 0"),  # `==` may return anything (numpy)
        ("> 0", "True", "False", "cmp_res > 0"),
        ("", "True", "False", "cmp_res"),  # the value itself, not its truth
        ("in possibilities", "True", "False", "cmp_res not in possibilities"),
        ("in possibilities", "1", "0", "cmp_res in possibilities"),  # 1 is no bool
    ],
)
def test_a_boolean_returned_that_may_differ_still_asks(repo, cli, test, yes, no, new):
    """REVIEW-E215: `return c` for a `c` that may be no bool (`==`, `>`, a bare value), the
    test inverted, or `1`/`0` returned for `True`/`False`: each returns something else."""
    old = MATCH.format(test=test, yes=yes, no=no)
    new_code = "def match(version, possibilities):\n    cmp_res = compare(version)\n"
    asks(reviewed(repo, cli, old, new_code + f"    return {new}\n"))


FILLED = """def parse(version):
    match = _REGEX.match(version)
    rv = {}
    rv['major'] = int(match.group(1))
    rv['minor'] = int(match.group(2))
    rv['patch'] = int(match.group(3))
    if match.group(4):
        rv['prerelease'] = match.group(4)
    return rv
"""
LITERAL = """def parse(version):
    match = _REGEX.match(version)
    rv = {
        'major': int(match.group(1)),
        'minor': int(match.group(2)),
        'patch': int(match.group(3)),
    }
    if match.group(4):
        rv['prerelease'] = match.group(4)
    return rv
"""


def test_a_dict_filled_key_by_key_written_as_a_literal_asks_nothing(repo, cli):
    """REVIEW-E216 (python-semver 5e390028): `rv = {}` then `rv['major'] = ...` written as one
    literal: the same keys in the same order, the values evaluated in the same order."""
    asks_nothing(reviewed(repo, cli, FILLED, LITERAL))


UNFILLED = {
    "a value reads the dict": ("int(match.group(2))", "int(match.group(2)) + len(rv)"),
    "the function catches": (
        "    match = _REGEX.match(version)\n",
        "    match = _REGEX.match(version)\n    try:\n        pass\n    finally:\n"
        "        print(rv)\n",
    ),
    "a closure reads the dict": (
        "    match = _REGEX.match(version)\n",
        "    match = _REGEX.match(version)\n    show = lambda: rv\n",
    ),
    "the dict is global": (
        "    match = _REGEX.match(version)\n",
        "    global rv\n    match = _REGEX.match(version)\n",
    ),
    "a key by a name": ("rv['minor']", "rv[minor]"),
}


@pytest.mark.parametrize("case", sorted(UNFILLED))
def test_a_dict_filled_where_the_half_filled_dict_shows_still_asks(repo, cli, case):
    """REVIEW-E216: where an error in a value could leave the half-filled dict readable (a
    `try` or `with`, a closure, a global), or a value reads it, or a key is a name (whose
    value may be any key), the literal is not the same: it asks."""
    old, new = UNFILLED[case]
    assert old in FILLED
    before = FILLED.replace(old, new)
    after = LITERAL.replace(old, new).replace(
        "'minor': ", "minor: " if "minor]" in new else "'minor': "
    )
    asks(reviewed(repo, cli, before, after))


LAMBDAS = """def compare(ver1, ver2):
    def nat_cmp(a, b):
        convert = lambda text, base=10: (2, int(text, base)) if text.isdigit() else (1, text)
        split_key = lambda key: [convert(c) for c in key.split('.')]
        return split_key(a) < split_key(b)
    return nat_cmp(ver1, ver2)
"""
DEFS = """def compare(ver1, ver2):
    def nat_cmp(a, b):
        def convert(text, base=10):
            return (2, int(text, base)) if text.isdigit() else (1, text)

        def split_key(key):
            return [convert(c) for c in key.split('.')]

        return split_key(a) < split_key(b)
    return nat_cmp(ver1, ver2)
"""


def test_lambdas_written_as_defs_ask_nothing(repo, cli):
    """REVIEW-E217 (python-semver 446b09c2): `convert = lambda text, base=10: ...` written
    `def convert(text, base=10): return ...`: the same defaults, the same function body."""
    asks_nothing(reviewed(repo, cli, LAMBDAS, DEFS))


UNLIKE = {
    "a default differs": ("def convert(text, base=10)", "def convert(text, base=16)"),
    "the body differs": ("return [convert(c)", "return [convert(c.strip())"),
    "a decorator": ("        def split_key", "        @staticmethod\n        def split_key"),
    "the name is read": (
        "return split_key(a) <",
        "print(split_key.__name__)\n        return split_key(a) <",
    ),
}


@pytest.mark.parametrize("case", sorted(UNLIKE))
def test_a_def_that_is_not_the_lambda_still_asks(repo, cli, case):
    """REVIEW-E217: a `def` whose default, body or decorator differs from the lambda's, or
    in a file that reads a function's `__name__` (`<lambda>` then), asks."""
    old, new = UNLIKE[case]
    assert old in DEFS
    lambdas = LAMBDAS
    if case == "the name is read":
        lambdas = LAMBDAS.replace(old, new)
    asks(reviewed(repo, cli, lambdas, DEFS.replace(old, new)))
