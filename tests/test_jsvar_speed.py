"""SPEED-25: REVIEW-E396's reading of a JavaScript file reads what a scope's declarations share
(the functions it hoists, where one is named, what runs there that is not inert) once for the
scope, and each declaration looks up its names' uses by bisection: the answers are those of a
declaration-by-declaration reading. Its time is measured outside the tests (docs/benchmarks.md:
a 10,000-line module of 2,000 declarations, 27 s -> 0.22 s); a test never times."""

from __future__ import annotations

from specflow.languages.jstokens import read
from specflow.languages.jsvar import var_like


def _module(count: int) -> str:
    lines = ["'use strict'", "const fs = require('fs')", ""]
    for number in range(count):
        lines += [f"let v{number} = fs.read({number})", f"function f{number} (a) {{"]
        lines += [f"  return a + v{number}", "}", ""]
    return "\n".join(lines) + "\nmodule.exports = f1\n"


def test_each_declaration_of_a_two_thousand_declaration_module_is_read():
    """Each of 2,000 top-level `let`s of a CommonJS module (10,000 lines) reads as `var`, as
    when each declaration read the whole module again."""
    tokens = read(_module(2000))
    assert tokens is not None
    found = list(var_like("lib/big.js", tokens))
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
