"""REVIEW-E395 and REVIEW-E396 through the CLI on real repositories: expressjs/body-parser's
modernising commits (`1c119ae`, shorthand properties; `14d001a`, `var` made `const` and
`let`) each asked ten questions; they ask nothing now, and the nearest rewrites that change
what runs (or whether the file loads) still ask."""

from __future__ import annotations

from testing.util import committed_review

SPEC = """---
id: READ
scope: ["lib/**"]
---
# Read

## Requirements
- READ-1: `read()` answers 415 with the encoding when the content encoding is unsupported.
"""

JS = """'use strict'

var createError = require('http-errors')
var { getCharset } = require('./utils')

module.exports = read

var SEPARATOR = ';'

function read (req, options) {
  if (!options) {
    return null
  }

  var encoding = getCharset(req) || 'utf-8'
  var length
  if (req.length) {
    var declared = req.length
    length = declared
  }

  for (var i = 0; i < req.parts.length; i++) {
    var part = req.parts[i]
    if (part === SEPARATOR) {
      throw createError(415, 'unsupported', {
        encoding: encoding,
        'length': length,
        type: 'encoding.unsupported'
      })
    }
  }
  return { encoding: encoding }
}
"""


def _review(repo, cli, message, text, path="lib/read.js"):
    return committed_review(repo, cli, message, {path: text})


def test_shorthand_properties_ask_nothing(repo, cli):
    """REVIEW-E395: `encoding: encoding` as `encoding`, and a quoted key `'length': length`:
    the same property from the same name (body-parser `1c119ae`)."""
    repo.commit("base", {"specs/read.md": SPEC, "lib/read.js": JS})
    short = JS.replace("encoding: encoding", "encoding").replace("'length': length", "length")
    assert _review(repo, cli, "object shorthand", short) == (["lib/read.js"], 0)


def test_var_made_const_and_let_asks_nothing(repo, cli):
    """REVIEW-E396: a CommonJS module's `var`s at its top level, a function's, one in a block
    nothing outside reads, one in a loop's body and the loop's own, made `const` or `let`
    (body-parser `14d001a`)."""
    repo.commit("base", {"specs/read.md": SPEC, "lib/read.js": JS})
    lets = JS.replace("var length", "let length").replace("var i = 0", "let i = 0")
    for name in ("createError", "{ getCharset }", "SEPARATOR", "encoding", "declared", "part"):
        lets = lets.replace(f"var {name} =", f"const {name} =")
    assert "var " not in lets
    assert _review(repo, cli, "no-var", lets) == (["lib/read.js"], 0)


def test_a_loop_variable_a_closure_keeps_made_let_asks(repo, cli):
    """REVIEW-E396: each closure made in the loop keeps its own turn's `let i`, where all
    shared the one `var i` (its last value)."""
    loop = """module.exports = handlers

function handlers (list) {
  var out = []
  for (var i = 0; i < list.length; i++) {
    out.push(function () { return list[i] })
  }
  return out
}
"""
    repo.commit("base", {"specs/read.md": SPEC, "lib/read.js": loop})
    assert _review(repo, cli, "let i", loop.replace("var i", "let i"))[0] == []


def test_var_rewrites_that_change_what_runs_still_ask(repo, cli):
    """REVIEW-E396's nearest changes: a name read before its declaration (`var`'s hoisted
    `undefined`, `let`'s dead zone), also by a function called before it; a block's name
    read after its block; a `const` assigned later (a TypeError); a name declared twice (a
    SyntaxError with `let`); a script's top level (a global property), also one that
    exports itself where `typeof module` says it may (UMD)."""
    encoding = "  var encoding = getCharset(req) || 'utf-8'\n"
    cases = {
        "read before": (encoding, "  if (req.skip) return encoding\n" + encoding, "encoding"),
        "hoisted": (encoding, "  size()\n" + encoding + _SIZE, "encoding"),
        "after its block": ("  for (", "  length = declared\n  for (", "declared"),
        "assigned": ("var length\n", "var length = 0\n", "length = 0"),
        "twice": ("var length\n", "var length\n  var length\n", "length\n  var"),
    }
    repo.commit("spec", {"specs/read.md": SPEC})
    for subject, (old, new, declared) in cases.items():
        base = JS.replace(old, new, 1)
        repo.commit(f"{subject}: base", {"lib/read.js": base})
        keyword = "const" if subject == "assigned" else "let"
        changed = base.replace(f"var {declared}", f"{keyword} {declared}", 1)
        assert changed != base, subject
        assert _review(repo, cli, subject, changed)[0] == [], subject
    script = "var total = 0\n\nfunction add (n) {\n  total += n\n}\n"
    repo.commit("script", {"lib/read.js": script})
    assert _review(repo, cli, "let in a script", script.replace("var total", "let total"))[0] == []
    umd = script + "if (typeof module !== 'undefined') module.exports = add\n"
    repo.commit("umd", {"lib/read.js": umd})
    assert _review(repo, cli, "let in a UMD file", umd.replace("var total", "let total"))[0] == []


_SIZE = "  function size () {\n    return encoding\n  }\n"


def test_shorthand_rewrites_that_change_what_runs_still_ask(repo, cli):
    """REVIEW-E395's nearest changes: `{ encoding: length }` as `{ encoding }` (another
    value), `__proto__: proto` as `__proto__` (a prototype set, then an own property), and a
    TypeScript file, whose `{` after `=` may open a type literal (`type T = { a: a }`)."""
    repo.commit("base", {"specs/read.md": SPEC, "lib/read.js": JS})
    other = JS.replace("encoding: encoding }", "encoding: length }")
    repo.commit("other", {"lib/read.js": other})
    short = JS.replace("encoding: encoding }", "encoding }")
    assert _review(repo, cli, "another value", short)[0] == []
    proto = JS.replace("return { encoding: encoding }", "return { __proto__: __proto__ }")
    repo.commit("proto", {"lib/read.js": proto})
    assert _review(repo, cli, "proto", proto.replace("__proto__: __proto__", "__proto__"))[0] == []
    typed = (
        "export type Read = { encoding: encoding }\nexport const read = { encoding: encoding }\n"
    )
    repo.commit("typed", {"lib/read.ts": typed})
    short = typed.replace("const read = { encoding: encoding }", "const read = { encoding }")
    assert _review(repo, cli, "typescript", short, "lib/read.ts")[0] == []


def test_a_flow_file_keeps_its_type_literals_asking(repo, cli):
    """REVIEW-E400: a `.js` file Flow checks (`// @flow` or `/* @flow */` above its code) may
    hold type literals as TypeScript does (`type Read = { encoding: encoding }`, a property
    of that type), so REVIEW-E395 does not respell it."""
    flow = "// @flow\n" + "export type Read = { encoding: encoding }\nexport const x = 1\n"
    repo.commit("base", {"specs/read.md": SPEC, "lib/read.js": flow})
    short = flow.replace("{ encoding: encoding }", "{ encoding }")
    assert _review(repo, cli, "flow type", short)[0] == []
    block = flow.replace("// @flow", "/* @flow strict */")
    repo.commit("block", {"lib/read.js": block})
    assert (
        _review(repo, cli, "flow block", block.replace("{ encoding: encoding }", "{ encoding }"))[0]
        == []
    )


def test_let_as_the_one_statement_of_an_if_or_a_loop_asks(repo, cli):
    """REVIEW-E398: a `var` that is the one statement of an `if`, an `else`, a loop, a `do` or
    a label (no braces) made `let` or `const` is a SyntaxError ("Lexical declaration cannot
    appear in a single-statement context"): the file no longer loads."""
    braceless = """const fs = require('fs')

module.exports = read

function read (c, list) {
  if (c)
    var a = fs.read()
  if (c) {
    fs.close()
  } else
    var b = fs.read()
  for (var k of list)
    var d = fs.read(k)
  while (c)
    var e = fs.read()
  do
    var f = fs.read()
  while (c)
  skip:
    var g = 1
  return 1
}
"""
    repo.commit("base", {"specs/read.md": SPEC, "lib/read.js": braceless})
    for name in "abdefg":
        for keyword in ("let", "const"):
            changed = braceless.replace(f"var {name} =", f"{keyword} {name} =")
            assert _review(repo, cli, f"{keyword} {name}", changed)[0] == [], (keyword, name)
            repo.commit("back", {"lib/read.js": braceless})


def test_a_const_a_for_pattern_assigns_asks(repo, cli):
    """REVIEW-E399: `for ([key, found] of pairs)` and `for ({ found } of list)` assign
    `found` each turn: a `var found` made `const` throws "Assignment to constant variable"."""
    looped = """const fs = require('fs')

module.exports = last

function last (pairs, list) {
  var found = fs.first()
  for ([key, found] of pairs) fs.seen(key)
  var other = fs.first()
  for ({ other } of list) fs.seen(other)
  return [found, other]
}
"""
    repo.commit("base", {"specs/read.md": SPEC, "lib/read.js": looped})
    for name in ("found", "other"):
        changed = looped.replace(f"var {name} =", f"const {name} =")
        assert _review(repo, cli, f"const {name}", changed)[0] == [], name
        repo.commit("back", {"lib/read.js": looped})
