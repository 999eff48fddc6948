"""REVIEW-E353: `"%s" % e`, `e` the exception an `except ... as e` caught, is `f"{e}"`: no
exception is a tuple (`BaseException` and `tuple` lay their instances out apart, so no class
derives from both). pyjwt 31f5acb (`"Invalid header string: %s" % e` written as an f-string)
asked about `_load`. Judged on source pairs, then through the CLI on real repositories."""

from __future__ import annotations

import sys

import pytest

from test_noop import function, noop
from testing.util import review_json

HANDLER = "try:\n    value = load(data)\nexcept ValueError as e:\n    raise DecodeError({})"


def handled(message: str, extra: str = "") -> str:
    return function(HANDLER.format(message) + extra, header="def decode(data):")


def test_percent_of_a_caught_exception_is_its_f_string() -> None:
    """REVIEW-E353: silent, not unsure (REVIEW-E28 would ask whether `e` holds a tuple); so is
    an `except*` group, a `BaseException` too."""
    before = handled("'Invalid header string: %s' % e")
    assert noop(before, handled("f'Invalid header string: {e}'")) == [True]
    if sys.version_info < (3, 11):
        return  # `except*` is Python 3.11's: 3.10 cannot parse it, so it reads no change
    star = before.replace("except ValueError", "except* ValueError")
    after = star.replace("'Invalid header string: %s' % e", "f'Invalid header string: {e}'")
    assert noop(star, after) == [True]


# REVIEW-E353: the nearest `%` of a name that may hold a tuple, each still no plain no-op
MAYBE_TUPLE = {
    "rebound in the handler": "\n    e = e.args",
    "rebound by a loop": "\n    for e in e.args:\n        pass",
    "rebound through globals()": "\n    globals().update(e=e.args)",
}


@pytest.mark.parametrize("case", sorted(MAYBE_TUPLE))
def test_percent_of_a_caught_name_rebound_is_not_silent(case: str) -> None:
    """REVIEW-E353: `e = e.args` (a tuple) before the format: `"%s" % e` then fails or formats
    its first item, where `f"{e}"` prints the tuple."""
    rebinding = MAYBE_TUPLE[case]
    message = "'Invalid header string: %s' % e"
    before = function(
        HANDLER.replace("    raise", rebinding.lstrip("\n") + "\n    raise").format(message),
        header="def decode(data):",
    )
    after = before.replace(message, "f'Invalid header string: {e}'")
    assert noop(before, after) == [False]


LATER = """try:
    value = load(data)
except ValueError as e:
    show = lambda: DecodeError({})
    value = None
e = (1, 2)
raise show()"""


def test_percent_of_a_caught_name_read_later_by_a_closure_is_not_silent() -> None:
    """REVIEW-E353: a lambda of the handler reads `e` when called, after the function bound
    `e` to a tuple: `"%s" % e` then fails where `f"{e}"` prints the tuple; and a module's
    handler, whose name other code may set, is not read either."""
    before = function(LATER.format("'Invalid: %s' % e"), header="def decode(data):")
    assert noop(before, before.replace("'Invalid: %s' % e", "f'Invalid: {e}'")) == [False]
    module = "import json\n\ntry:\n    json.loads(DATA)\nexcept ValueError as e:\n"
    module += "    print('Invalid: %s' % e)\n"
    after = module.replace("'Invalid: %s' % e", "f'Invalid: {e}'")
    assert noop(module, after) == [False]


SPEC = """---
id: JWS
scope:
  - jws/**
---
# Signatures

## Context
- `decode()` loads a token's header and raises `DecodeError` for one it cannot load.

## Requirements
- JWS-1: A header that is not JSON raises `DecodeError` naming why.
"""
FILLER = "".join(f"\n\ndef filler_{n}():\n    return {n}\n" for n in range(5))


def module(message: str, rebinding: str = "") -> str:
    body = HANDLER.replace("    raise", f"{rebinding}    raise") if rebinding else HANDLER
    return function(body.format(message), header="def decode(data):") + FILLER


def test_a_caught_exception_formatted_as_an_f_string_asks_nothing(repo, cli):
    """REVIEW-E353 through the CLI (pyjwt 31f5acb): no question, the file formatting only."""
    repo.commit("base", {"specs/jws.md": SPEC, "jws/api.py": module("'Invalid: %s' % e")})
    repo.commit("f-strings", {"jws/api.py": module("f'Invalid: {e}'")})
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] == []
    assert data["noop_files"] == ["jws/api.py"]


def test_a_caught_name_rebound_to_a_tuple_still_asks(repo, cli):
    """REVIEW-E353 through the CLI: `e = e.args` first, `"%s" % e` formats a tuple's items:
    the rewrite asks (REVIEW-E28's question, naming `e`)."""
    old = module("'Invalid: %s' % e", "    e = e.args\n")
    repo.commit("base", {"specs/jws.md": SPEC, "jws/api.py": old})
    repo.commit("f-strings", {"jws/api.py": module("f'Invalid: {e}'", "    e = e.args\n")})
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] != []
