"""REVIEW-E357 through the CLI on real repositories (pyjwt e4ebd2e: `__all__` moved below the
Python 3 `if` block). A module constant bound to a literal and moved past statements that
neither name it nor may run code (a call, an import, a class, a decorator, a loop, `with`,
`raise`) is no change; moved past one that reads it, calls, or beside a second binding of
the name, it still asks."""

from __future__ import annotations

import pytest

from testing.util import review_json

SPEC = """---
id: JWT
scope:
  - jwt/**
---
# Tokens

## Context
- The package exports `encode`, `decode` and `DecodeError` (its `__all__`) and aliases
  `unicode` on Python 3.

## Requirements
- JWT-1: `encode()` signs a payload with HS256 by default.
"""
MODULE = """import sys
{first}

if sys.version_info >= (3, 0, 0):
    unicode = str
    basestring = str
{second}

class DecodeError(Exception):
    pass


def encode(payload):
    return str(payload)


def decode(token):
    return token
"""
ALL = "\n__all__ = ['encode', 'decode', 'DecodeError']\n"


def reviewed(repo, cli, old: str, new: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    repo.commit("base", {"specs/jwt.md": SPEC, "jwt/__init__.py": old})
    repo.commit("Use single quotes", {"jwt/__init__.py": new})
    return review_json(cli, "HEAD", "--all")


def test_all_moved_below_an_if_block_asks_nothing(repo, cli):
    """REVIEW-E357 (pyjwt e4ebd2e): the `if` block names no `__all__` and runs nothing."""
    old = MODULE.format(first=ALL, second="")
    data = reviewed(repo, cli, old, MODULE.format(first="", second=ALL))
    assert data["questions"] == []
    assert data["noop_files"] == ["jwt/__init__.py"]


# REVIEW-E357: the `if` block moved past, or the module, made to see when the name is bound
BLOCKS = {
    "reads it": ("    basestring = str", "    basestring = str\n    EXPORTED = __all__"),
    "calls": ("    basestring = str", "    basestring = str\n    print(sorted(globals()))"),
    "binds it again": ("    basestring = str", "    basestring = str\n    __all__ = ['encode']"),
    "imports": ("    basestring = str", "    basestring = str\n    from jwt import compat"),
    "reads a property": ("if sys.version_info", "if EXPORTS.names"),
}
EXPORTS = """

class _Exports:
    @property
    def names(self):
        return __all__


EXPORTS = _Exports()
"""


@pytest.mark.parametrize("case", sorted(BLOCKS))
def test_a_constant_moved_past_what_may_see_it_still_asks(repo, cli, case):
    """REVIEW-E357: a read of the name, a call (`globals()`), a second binding (the order
    decides which wins), an import (a circular one reads the module half done) or an
    attribute of a value the module made (a property may read the name)."""
    old_text, new_text = BLOCKS[case]
    module = MODULE.replace(old_text, new_text)
    if case == "reads a property":  # `EXPORTS.names` runs a property that returns `__all__`
        module = module.replace("import sys\n", "import sys\n" + EXPORTS)
    old = module.format(first=ALL, second="")
    data = reviewed(repo, cli, old, module.format(first="", second=ALL))
    assert data["questions"] != []


def test_a_constant_moved_past_a_read_of_its_module_in_sys_modules_still_asks(repo, cli):
    """REVIEW-E377: `sys.modules[__name__].__dict__['_' + '_all__']` reads `__all__` from the
    module itself, spelling it nowhere and calling nothing: moved below, that read fails."""
    read = (
        "\nif sys.version_info >= (3, 0, 0):\n"
        "    EXPORTS = sys.modules[__name__].__dict__['_' + '_all__']\n"
    )
    old = MODULE.format(first=ALL, second=read)
    data = reviewed(repo, cli, old, MODULE.format(first="", second=read + ALL))
    assert data["noop_files"] == []
