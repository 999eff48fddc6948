"""REVIEW-E432 through the CLI on real repositories (boltons 1f07518: autopep8's E731 fix, each
`key_func = lambda x: ...` written `def key_func(x): return ...`): a lambda bound to one plain
name is the `def` of that name returning its expression, in either direction, at module level,
in a class body, in a function and in an `if` branch, also in a file that reads some other
`__name__`; what a `def` cannot spell, or a `def` that is not that lambda, still asks."""

from __future__ import annotations

import pytest

from testing.util import asks, asks_nothing, review_json

SPEC = """---
id: ITER
scope:
  - pkg/**
---
# Iteration

## Context
- `split_iter()` splits an iterable at its separators; `chunked()` joins each chunk.

## Requirements
- ITER-1: `split_iter()` never yields a separator.
"""
BASE = """import os


def describe(obj):
    return type(obj).__name__


{code}
"""
FILLER = "".join(f"\n\ndef filler_{n}():\n    return {n}\n" for n in range(4))

SPLIT = """def split_iter(src, sep=None):
    if isinstance(sep, (list, tuple)):
        {one}
    elif sep is None:
        {two}
    else:
        {three}
    return [x for x in src if not sep_func(x)]
"""
CHUNKED = """def chunked(src, value_transform=None):
    if value_transform is None:
        {kept}
    {joined}
    return postprocess(value_transform(c) for c in src)
"""
SAME = {  # the lambda side and the `def` side of one rewrite, each where the brief puts it
    "module": ("double = lambda x, n=2: x * n", "def double(x, n=2): return x * n"),
    "class body": (
        "class Keys:\n    first = lambda self, x: x[0]\n",
        "class Keys:\n    def first(self, x):\n        return x[0]\n",
    ),
    "function body": (
        CHUNKED.format(
            kept="pass", joined="postprocess = lambda chk, _sep=type(src)(): _sep.join(chk)"
        ),
        CHUNKED.format(
            kept="pass", joined="def postprocess(chk, _sep=type(src)()): return _sep.join(chk)"
        ),
    ),
    "if branches": (
        SPLIT.format(
            one="sep_func = lambda x: x in sep",
            two="sep_func = lambda x: x is None",
            three="sep_func = lambda x: x == sep",
        ),
        SPLIT.format(
            one="def sep_func(x): return x in sep",
            two="def sep_func(x): return x is None",
            three="def sep_func(x): return x == sep",
        ),
    ),
    "if branch testing the name": (  # REVIEW-E252 reads no lambda as `v = ... if ... else v`
        CHUNKED.format(kept="value_transform = lambda x: x", joined="postprocess = list"),
        CHUNKED.format(kept="def value_transform(x): return x", joined="postprocess = list"),
    ),
    "if and else": (
        "if os.sep == '/':\n    norm = lambda p: p\nelse:\n    norm = lambda p: p.lower()\n",
        "if os.sep == '/':\n    def norm(p): return p\nelse:\n    def norm(p): return p.lower()\n",
    ),
}


def reviewed(repo, cli, old: str, new: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    repo.commit("base", {"specs/iter.md": SPEC, "pkg/iters.py": BASE.format(code=old) + FILLER})
    repo.commit("autopep8", {"pkg/iters.py": BASE.format(code=new) + FILLER})
    return review_json(cli, "HEAD", "--all")


@pytest.mark.parametrize("case", sorted(SAME))
def test_a_lambda_written_as_a_def_asks_nothing(repo, cli, case):
    """REVIEW-E432 (boltons 1f07518): the same parameters, defaults and returned expression;
    only `__name__` and `__qualname__` differ, though the file reads another `__name__`."""
    lambdas, defs = SAME[case]
    asks_nothing(reviewed(repo, cli, lambdas, defs), "pkg/iters.py")


@pytest.mark.parametrize("case", sorted(SAME))
def test_a_def_written_as_a_lambda_asks_nothing(repo, cli, case):
    """REVIEW-E432: the other direction, a `def` returning one expression written as a lambda."""
    lambdas, defs = SAME[case]
    asks_nothing(reviewed(repo, cli, defs, lambdas), "pkg/iters.py")


UNLIKE = {  # a lambda's statement and a rewrite of it that is no `def` of that lambda
    "an attribute": ("os.norm = lambda p: p", "def norm(p): return p\nos.norm = norm"),
    "a subscript": ("TABLE['k'] = lambda p: p", "def k(p): return p\nTABLE['k'] = k"),
    "several targets": ("a = b = lambda p: p", "def b(p): return p\na = b"),
    "the body": ("norm = lambda p: p.lower()", "def norm(p): return p.upper()"),
    "a default": ("norm = lambda p, n=1: p * n", "def norm(p, n=2): return p * n"),
    "two statements": ("norm = lambda p: p", "def norm(p):\n    print(p)\n    return p"),
    "a decorator": ("norm = lambda p: p", "@staticmethod\ndef norm(p): return p"),
    "async": ("norm = lambda p: p", "async def norm(p): return p"),
    "a generator": ("norm = lambda p: p", "def norm(p): yield p"),
    "its __qualname__ read": (
        "norm = lambda p: p\nNAME = norm.__qualname__",
        "def norm(p): return p\nNAME = norm.__qualname__",
    ),
}


@pytest.mark.parametrize("case", sorted(UNLIKE))
def test_what_a_def_cannot_spell_or_changes_still_asks(repo, cli, case):
    """REVIEW-E432: a lambda bound to an attribute, an item or two names, a `def` whose body,
    default, decorator or kind differs, or a file that reads this function's name, asks."""
    old, new = (in_split_iter(side) for side in UNLIKE[case])
    asks(reviewed(repo, cli, old, new))


def in_split_iter(code: str) -> str:
    """`code` in the body of `split_iter()`, so that a change there asks ITER-1."""
    lines = "".join(f"    {line}\n" for line in code.split("\n"))
    return f"def split_iter(src, sep=None):\n    TABLE = {{}}\n{lines}    return src\n"
