"""REVIEW-E218 through the CLI on real repositories (qs 0a1d3e80 and 6744d305): `undefined`
written `void undefined` or `void 0` in JavaScript asks nothing and the hook is silent, where
the file binds no `undefined` of its own; a file that declares one (a variable, a parameter, a
caught error, an assignment), `void` of an operand that does something, or of one that takes
more than it (`void 0[c]`), still asks."""

from __future__ import annotations

import pytest

from testing.util import review_json

SPEC = """---
id: STR
scope: [lib/**]
---
# Stringify

## Context
- `stringify(obj)` skips a value that is `undefined` and appends each other one to `out`.

## Requirements
- STR-1: `stringify()` leaves out every key whose value is `undefined`.
"""
BASE = """'use strict';

HEAD
// STR-1
var stringify = function stringify(obj, keys) {
    var out = [];
    for (var i = 0; i < keys.length; ++i) {
        var c = obj[keys[i]];
        LINE
    }
    return out;
};

module.exports = { stringify: stringify };
"""


def silent(repo, cli, before: str, after: str, head: str = "") -> bool:  # type: ignore[no-untyped-def]
    """Whether the review calls the rewrite no change; the hook agrees with it."""
    base = BASE.replace("HEAD", head)
    repo.commit("base", {"specs/str.md": SPEC, "lib/str.js": base.replace("LINE", before)})
    repo.stage({"lib/str.js": base.replace("LINE", after)})
    staged = cli("check", "--staged").out
    repo.commit("[Robustness] avoid relying on a global `undefined`")
    data = review_json(cli, "HEAD", "--all")
    quiet = data["noop_files"] == ["lib/str.js"]
    assert quiet == (not data["questions"]), data["questions"]
    assert quiet == ("touched-requirement" not in staged), staged
    return quiet


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("if (c !== undefined) { out.push(c); }", "if (c !== void undefined) { out.push(c); }"),
        ("if (c !== undefined) { out.push(c); }", "if (c !== void 0) { out.push(c); }"),
        ("out.push(c === null ? undefined : c);", "out.push(c === null ? void undefined : c);"),
        ("out.push(c ? c : void 0);", "out.push(c ? c : undefined);"),
    ],
)
def test_void_undefined_is_undefined(repo, cli, before, after):
    """REVIEW-E218 (qs 0a1d3e80): `void undefined` and `void 0` are the undefined value, and
    so is `undefined` where the file binds no name `undefined`: no question, a silent hook."""
    assert silent(repo, cli, before, after)


BOUND = {
    "a variable": "var undefined = 1;\n",
    "a parameter": "function wrap(undefined) { return undefined; }\n",
    "an arrow's parameter": "var wrap = (a, undefined) => a;\n",
    "a caught error": "try { x(); } catch (undefined) { y(); }\n",
    "an assignment": "undefined = 2;\n",
    "destructured": "const { a: undefined } = require('x');\n",
}


@pytest.mark.parametrize("case", sorted(BOUND))
def test_void_undefined_where_the_file_binds_undefined_asks(repo, cli, case):
    """REVIEW-E218, adversarial: where the file may bind a name `undefined` of its own (in
    non-strict code, or a local), `undefined` may hold anything: the rewrite asks."""
    before, after = "if (c !== undefined) { out.push(c); }", "if (c !== void 0) { out.push(c); }"
    assert not silent(repo, cli, before, after, BOUND[case])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("out.push(void 0[c]);", "out.push(undefined[c]);"),  # `void (0[c])`; this one throws
        ("out.push(void c.x);", "out.push(undefined);"),  # a getter runs
        ("out.push(void f());", "out.push(undefined);"),  # a call runs
        ("out.push(void 1);", "out.push(1);"),
    ],
)
def test_void_of_what_does_something_asks(repo, cli, before, after):
    """REVIEW-E218, adversarial: `void` of an operand that runs something, or followed by what
    makes its operand more than `0` (`void 0[c]` is `void (0[c])`), is not `undefined`."""
    assert not silent(repo, cli, before, after)
