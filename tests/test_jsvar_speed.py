"""SPEED-25: REVIEW-E396's reading of a JavaScript file costs time in proportion to its tokens
and declarations: what a scope's declarations share (the functions it hoists, where one is
named, what runs there that is not inert) is read once for the scope, and each declaration
looks up its names' uses by bisection."""

from __future__ import annotations

import time

from specflow.languages.jstokens import read
from specflow.languages.jsvar import var_like


def _module(count: int) -> str:
    lines = ["'use strict'", "const fs = require('fs')", ""]
    for number in range(count):
        lines += [f"let v{number} = fs.read({number})", f"function f{number} (a) {{"]
        lines += [f"  return a + v{number}", "}", ""]
    return "\n".join(lines) + "\nmodule.exports = f1\n"


def test_a_module_of_two_thousand_declarations_is_read_in_linear_time():
    """Each of 2,000 top-level `let`s of a CommonJS module (10,000 lines) reads as `var`, in
    well under the 27 s the reading took when each declaration read the whole module again;
    what it reads stays the same."""
    tokens = read(_module(2000))
    assert tokens is not None
    started = time.perf_counter()
    found = list(var_like("lib/big.js", tokens))
    assert time.perf_counter() - started < 3.0
    assert len(found) == 2001  # and `const fs`
    # what the scope's reading keeps: a hoisted function called before the declaration its
    # body reads keeps the declaration a question; one only exported before it does not
    called = (
        "const fs = require('fs')\nf1()\nlet v1 = fs.read()\nfunction f1 () {\n  return v1\n}\n"
    )
    exported = called.replace("f1()\n", "module.exports = f1\n").replace("fs.read()", "1")
    for code, expected in ((called, ["const"]), (exported, ["const", "let"])):
        tokens = read(code)
        assert tokens is not None
        assert [tokens.text[at] for at in var_like("lib/a.js", tokens)] == expected
